// sqla: types/value.cppm. Value, the dynamically typed SQL value that crosses the driver boundary.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

export module sqla:types.value;
import :errors.error;
import :types.scalars;

export namespace sqla {

/// Binary data (LargeBinary, BLOB, BYTEA).
using Bytes = std::vector<std::byte>;

/// What a `Value` holds. The order is the order of `Value::Storage`'s alternatives.
enum class ValueKind : std::uint8_t {
    null,
    boolean,
    integer,
    real,
    text,
    blob,
    decimal,      ///< sqla::Decimal (NUMERIC, DECIMAL)
    date,         ///< std::chrono::year_month_day (DATE)
    time,         ///< sqla::TimeOfDay (TIME)
    datetime,     ///< sqla::LocalDateTime, a DATETIME / TIMESTAMP without time zone
    datetime_tz,  ///< sqla::UtcDateTime, a TIMESTAMP WITH TIME ZONE, in UTC
    interval,     ///< std::chrono::microseconds (INTERVAL)
    uuid,         ///< sqla::UuidValue (UUID)
    json,         ///< boost::json::value (JSON)
};

/// The printable name of a value kind ("NULL", "integer", "text", "decimal", "date"...).
SQLA_EXPORT std::string_view to_string(ValueKind kind) noexcept;

/// A SQL value as it travels between application, engine and driver. NULL is also
/// `std::nullopt`. It holds one of: a boolean, a 64-bit integer, a double, text (UTF-8),
/// bytes, an exact Decimal, a date, a time of day, a datetime without zone (LocalDateTime),
/// a datetime in UTC (UtcDateTime), an interval (microseconds), a UUID or a JSON document.
///
/// Time points and durations of any precision are floored to microseconds, SQL's (and
/// Python's) precision: `Value(std::chrono::system_clock::now())` is a datetime_tz.
///
/// Conversion out of a Value is checked: `as<T>()` throws `TypeError` naming both types when
/// the value does not hold a T and cannot become one exactly. What converts besides the kind
/// itself: integers from a decimal without fraction (in range); double from integer or
/// decimal; Decimal from integer, double (`Decimal::from_double`) or decimal text; dates,
/// times, datetimes, intervals and UUIDs from their ISO 8601 / canonical text; a
/// LocalDateTime from a date (midnight); a UtcDateTime from text with a UTC offset; a
/// UuidValue from 16 bytes; a JSON document from JSON text. `std::string` is text only.
class SQLA_EXPORT Value {
public:
    using Storage = std::variant<std::monostate, bool, std::int64_t, double, std::string, Bytes, Decimal,
                                 std::chrono::year_month_day, TimeOfDay, LocalDateTime, UtcDateTime,
                                 std::chrono::microseconds, UuidValue, boost::json::value>;

    Value() noexcept = default;
    inline Value(std::nullopt_t) noexcept {}
    inline Value(bool b) noexcept : v_(std::in_place_index<1>, b) {}
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    inline Value(T i) : v_(std::in_place_index<2>, checked_int64(i)) {}
    inline Value(double d) noexcept : v_(std::in_place_index<3>, d) {}
    inline Value(float f) noexcept : v_(std::in_place_index<3>, static_cast<double>(f)) {}
    inline Value(std::string s) noexcept : v_(std::in_place_index<4>, std::move(s)) {}
    inline Value(std::string_view s) : v_(std::in_place_index<4>, s) {}
    inline Value(const char* s) : v_(std::in_place_index<4>, s) {}
    inline Value(Bytes b) noexcept : v_(std::in_place_index<5>, std::move(b)) {}
    inline Value(Decimal d) noexcept : v_(std::in_place_index<6>, std::move(d)) {}
    inline Value(std::chrono::year_month_day d) noexcept : v_(std::in_place_index<7>, d) {}
    inline Value(TimeOfDay t) noexcept : v_(std::in_place_index<8>, t) {}
    /// A datetime without time zone, floored to microseconds.
    template <class D>
    inline Value(std::chrono::local_time<D> t)
        : v_(std::in_place_index<9>, std::chrono::floor<std::chrono::microseconds>(t)) {}
    /// A datetime with time zone (UTC), floored to microseconds.
    template <class D>
    inline Value(std::chrono::sys_time<D> t)
        : v_(std::in_place_index<10>, std::chrono::floor<std::chrono::microseconds>(t)) {}
    /// An interval, floored to microseconds.
    template <class Rep, class Period>
    inline Value(std::chrono::duration<Rep, Period> d)
        : v_(std::in_place_index<11>, std::chrono::floor<std::chrono::microseconds>(d)) {}
    inline Value(UuidValue u) noexcept : v_(std::in_place_index<12>, u) {}
    /// A JSON document (`boost::json::value`, or an array or object).
    inline Value(boost::json::value j) noexcept : v_(std::in_place_index<13>, std::move(j)) {}
    inline Value(boost::json::array a) : v_(std::in_place_index<13>, std::move(a)) {}
    inline Value(boost::json::object o) : v_(std::in_place_index<13>, std::move(o)) {}
    template <class T>
        requires std::constructible_from<Value, const T&>
    inline Value(const std::optional<T>& o) : Value(o ? Value(*o) : Value()) {}

    [[nodiscard]] inline ValueKind kind() const noexcept { return static_cast<ValueKind>(v_.index()); }
    [[nodiscard]] inline bool is_null() const noexcept { return v_.index() == 0; }
    [[nodiscard]] inline const Storage& storage() const noexcept { return v_; }
    [[nodiscard]] inline Storage& storage() noexcept { return v_; }

    /// The held value converted to T; see the class comment for what converts.
    /// `std::optional<U>` gives `std::nullopt` for NULL; any other T throws `TypeError` on NULL.
    template <class T>
    [[nodiscard]] T as() const;

    /// The value as a JSON document, for a JSON column (SQLAlchemy's JSON bind processing,
    /// `json.dumps`): a JSON document as it is, text as a JSON string ("abc" is `"abc"`),
    /// booleans and numbers as JSON numbers (a decimal when a double or an integer holds it
    /// exactly), dates, times, datetimes, intervals and UUIDs as their ISO 8601 / canonical
    /// text, NULL as JSON null. Throws `TypeError` for bytes and for decimals no JSON number
    /// holds exactly.
    [[nodiscard]] boost::json::value to_json() const;

    /// A short rendering for logs and error messages: 'text' quoted, bytes as x'hex' (cut
    /// after 32 bytes), NULL as NULL, decimals as digits, dates, times and UUIDs as quoted
    /// ISO text, JSON as its text (cut after 200 characters).
    [[nodiscard]] std::string repr() const;

    friend inline bool operator==(const Value&, const Value&) = default;

    // Setters that reuse the storage of a text or blob already held (fetch loops).
    inline void set_null() noexcept { v_.emplace<0>(); }
    inline void set_int(std::int64_t i) noexcept { v_.emplace<2>(i); }
    inline void set_double(double d) noexcept { v_.emplace<3>(d); }
    inline void set_text(std::string_view s) {
        if (auto* p = std::get_if<std::string>(&v_))
            p->assign(s);
        else
            v_.emplace<4>(s);
    }
    inline void set_blob(const void* data, std::size_t size) {
        auto* b = static_cast<const std::byte*>(data);
        if (auto* p = std::get_if<Bytes>(&v_))
            p->assign(b, b + size);
        else
            v_.emplace<5>(b, b + size);
    }

private:
    template <std::integral T>
    inline static std::int64_t checked_int64(T i) {
        if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
            if (i > static_cast<T>(std::numeric_limits<std::int64_t>::max()))
                throw_unsigned_overflow(static_cast<std::uint64_t>(i));
        }
        return static_cast<std::int64_t>(i);
    }
    [[noreturn]] static void throw_unsigned_overflow(std::uint64_t v);
    [[noreturn]] void throw_mismatch(std::string_view wanted) const;
    [[noreturn]] void throw_range(std::string_view wanted) const;
    // The conversions of as<T>() that parse or compute (value.cpp).
    [[nodiscard]] std::int64_t decimal_to_int64(std::string_view wanted) const;
    [[nodiscard]] Decimal to_decimal() const;
    [[nodiscard]] std::chrono::year_month_day to_date() const;
    [[nodiscard]] TimeOfDay to_time() const;
    [[nodiscard]] LocalDateTime to_local_datetime() const;
    [[nodiscard]] UtcDateTime to_utc_datetime() const;
    [[nodiscard]] std::chrono::microseconds to_interval() const;
    [[nodiscard]] UuidValue to_uuid() const;
    [[nodiscard]] boost::json::value to_json_document() const;

    Storage v_;
};

/// Converts a Value in place: how a dialect prepares values of one SQL type for its driver
/// (bind processing) or turns what the driver fetched into the type's values (result
/// processing), as SQLAlchemy's `bind_processor()` and `result_processor()`. Empty when
/// values pass unchanged. Built once per compiled statement, called per value.
using ValueProcessor = std::function<void(Value&)>;

namespace detail {
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

/// The name of a C++ type as error messages show it.
template <class T>
constexpr std::string_view type_name() {
    if constexpr (std::same_as<T, bool>) return "bool";
    else if constexpr (std::same_as<T, std::int64_t>) return "std::int64_t";
    else if constexpr (std::same_as<T, std::int32_t>) return "std::int32_t";
    else if constexpr (std::same_as<T, std::int16_t>) return "std::int16_t";
    else if constexpr (std::same_as<T, std::int8_t>) return "std::int8_t";
    else if constexpr (std::same_as<T, std::uint64_t>) return "std::uint64_t";
    else if constexpr (std::same_as<T, std::uint32_t>) return "std::uint32_t";
    else if constexpr (std::same_as<T, std::uint16_t>) return "std::uint16_t";
    else if constexpr (std::same_as<T, std::uint8_t>) return "std::uint8_t";
    else if constexpr (std::integral<T>) return "an integer type";
    else if constexpr (std::same_as<T, double>) return "double";
    else if constexpr (std::same_as<T, float>) return "float";
    else if constexpr (std::same_as<T, std::string>) return "std::string";
    else if constexpr (std::same_as<T, std::string_view>) return "std::string_view";
    else if constexpr (std::same_as<T, Bytes>) return "sqla::Bytes";
    else if constexpr (std::same_as<T, Decimal>) return "sqla::Decimal";
    else if constexpr (std::same_as<T, std::chrono::year_month_day>) return "std::chrono::year_month_day";
    else if constexpr (std::same_as<T, TimeOfDay>) return "sqla::TimeOfDay";
    else if constexpr (std::same_as<T, LocalDateTime>) return "sqla::LocalDateTime";
    else if constexpr (std::same_as<T, UtcDateTime>) return "sqla::UtcDateTime";
    else if constexpr (std::same_as<T, std::chrono::microseconds>) return "std::chrono::microseconds";
    else if constexpr (std::same_as<T, UuidValue>) return "sqla::UuidValue";
    else if constexpr (std::same_as<T, boost::json::value>) return "boost::json::value";
    else return "the requested type";
}
}  // namespace detail

template <class T>
T Value::as() const {
    if constexpr (std::same_as<T, Value>) {
        return *this;
    } else if constexpr (detail::is_optional<T>::value) {
        if (is_null()) return std::nullopt;
        return as<typename T::value_type>();
    } else if constexpr (std::same_as<T, bool>) {
        if (auto* b = std::get_if<bool>(&v_)) return *b;
        // Databases without a boolean type store 0 and 1.
        if (auto* i = std::get_if<std::int64_t>(&v_)) {
            if (*i == 0 || *i == 1) return *i == 1;
            throw_range("bool");
        }
        throw_mismatch("bool");
    } else if constexpr (std::integral<T>) {
        std::int64_t n;
        if (auto* i = std::get_if<std::int64_t>(&v_)) {
            n = *i;
        } else if (auto* b = std::get_if<bool>(&v_)) {
            return static_cast<T>(*b);
        } else if (v_.index() == 6) {
            n = decimal_to_int64(detail::type_name<T>());
        } else {
            throw_mismatch(detail::type_name<T>());
        }
        if constexpr (std::is_signed_v<T>) {
            if (n < std::numeric_limits<T>::min() || n > std::numeric_limits<T>::max())
                throw_range(detail::type_name<T>());
        } else {
            if (n < 0 || static_cast<std::uint64_t>(n) > std::numeric_limits<T>::max())
                throw_range(detail::type_name<T>());
        }
        return static_cast<T>(n);
    } else if constexpr (std::floating_point<T>) {
        if (auto* d = std::get_if<double>(&v_)) return static_cast<T>(*d);
        if (auto* i = std::get_if<std::int64_t>(&v_)) return static_cast<T>(*i);
        if (auto* m = std::get_if<Decimal>(&v_)) return static_cast<T>(m->to_double());
        throw_mismatch(detail::type_name<T>());
    } else if constexpr (std::same_as<T, std::string>) {
        if (auto* s = std::get_if<std::string>(&v_)) return *s;
        throw_mismatch("std::string");
    } else if constexpr (std::same_as<T, std::string_view>) {
        if (auto* s = std::get_if<std::string>(&v_)) return *s;
        throw_mismatch("std::string_view");
    } else if constexpr (std::same_as<T, Bytes>) {
        if (auto* b = std::get_if<Bytes>(&v_)) return *b;
        throw_mismatch("sqla::Bytes");
    } else if constexpr (std::same_as<T, Decimal>) {
        if (auto* m = std::get_if<Decimal>(&v_)) return *m;
        return to_decimal();
    } else if constexpr (std::same_as<T, std::chrono::year_month_day>) {
        if (auto* d = std::get_if<std::chrono::year_month_day>(&v_)) return *d;
        return to_date();
    } else if constexpr (std::same_as<T, TimeOfDay>) {
        if (auto* t = std::get_if<TimeOfDay>(&v_)) return *t;
        return to_time();
    } else if constexpr (std::same_as<T, LocalDateTime>) {
        if (auto* t = std::get_if<LocalDateTime>(&v_)) return *t;
        return to_local_datetime();
    } else if constexpr (std::same_as<T, UtcDateTime>) {
        if (auto* t = std::get_if<UtcDateTime>(&v_)) return *t;
        return to_utc_datetime();
    } else if constexpr (std::same_as<T, std::chrono::microseconds>) {
        if (auto* d = std::get_if<std::chrono::microseconds>(&v_)) return *d;
        return to_interval();
    } else if constexpr (std::same_as<T, UuidValue>) {
        if (auto* u = std::get_if<UuidValue>(&v_)) return *u;
        return to_uuid();
    } else if constexpr (std::same_as<T, boost::json::value>) {
        if (auto* j = std::get_if<boost::json::value>(&v_)) return *j;
        return to_json_document();
    } else {
        static_assert(sizeof(T) == 0, "sqla::Value::as<T>: unsupported T");
    }
}

/// Named parameter values for a statement, in the order given: `{{"name", "ed"}, {"id", 5}}`.
/// Names are bind parameter names without the leading colon.
class SQLA_EXPORT Params {
public:
    using value_type = std::pair<std::string, Value>;
    /// One `{"name", value}` of a braced list. Its pair is mutable so that the constructor can
    /// move it out (the elements of an initializer_list are const): text values are not copied.
    struct Item {
        inline Item(std::string name, Value value) : pair(std::move(name), std::move(value)) {}
        mutable value_type pair;
    };
    Params() = default;
    inline Params(std::initializer_list<Item> items) {
        items_.reserve(items.size());
        for (const Item& item : items) items_.push_back(std::move(item.pair));
        if (items_.size() > index_threshold) build_index();
    }

    /// Sets `name` to `value`, replacing an earlier value of the same name.
    Params& set(std::string_view name, Value value);
    /// The value of `name`, or nullptr when it has none.
    [[nodiscard]] const Value* find(std::string_view name) const noexcept;
    [[nodiscard]] Value* find(std::string_view name) noexcept;
    [[nodiscard]] inline bool empty() const noexcept { return items_.empty(); }
    [[nodiscard]] inline std::size_t size() const noexcept { return items_.size(); }
    [[nodiscard]] inline auto begin() const noexcept { return items_.begin(); }
    [[nodiscard]] inline auto end() const noexcept { return items_.end(); }

private:
    // A statement's few parameters are found fastest by a scan; past this many a hash index
    // keeps setting and binding linear in the count (70,000 names took seconds to scan). High
    // enough that an executemany's rows (one Params each, rarely this wide) never build one.
    static constexpr std::size_t index_threshold = 64;
    void build_index();
    std::vector<value_type> items_;
    // name -> position in items_, the first of a name; empty until index_threshold is passed.
    struct NameHash {
        using is_transparent = void;
        inline std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> index_;
};

}  // namespace sqla
