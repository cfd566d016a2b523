// sqla: types/value.cppm. Value, the dynamically typed SQL value that crosses the driver boundary.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

export module sqla:types.value;
import :errors.error;

export namespace sqla {

/// Binary data (LargeBinary, BLOB, BYTEA).
using Bytes = std::vector<std::byte>;

/// What a `Value` holds.
enum class ValueKind : std::uint8_t { null, boolean, integer, real, text, blob };

/// The printable name of a value kind ("NULL", "integer", "text"...).
SQLA_EXPORT std::string_view to_string(ValueKind kind) noexcept;

/// A SQL value as it travels between application, engine and driver: NULL, a boolean, a
/// 64-bit integer, a double, text (UTF-8) or bytes. NULL is also `std::nullopt`.
///
/// Conversion out of a Value is checked: `as<T>()` throws `TypeError` naming both types when
/// the value does not hold a T, or holds an integer that does not fit in T.
class SQLA_EXPORT Value {
public:
    using Storage = std::variant<std::monostate, bool, std::int64_t, double, std::string, Bytes>;

    Value() noexcept = default;
    inline Value(std::nullopt_t) noexcept {}
    inline Value(bool b) noexcept : v_(b) {}
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    inline Value(T i) : v_(checked_int64(i)) {}
    inline Value(double d) noexcept : v_(d) {}
    inline Value(float f) noexcept : v_(static_cast<double>(f)) {}
    inline Value(std::string s) noexcept : v_(std::move(s)) {}
    inline Value(std::string_view s) : v_(std::string(s)) {}
    inline Value(const char* s) : v_(std::string(s)) {}
    inline Value(Bytes b) noexcept : v_(std::move(b)) {}
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

    /// A short rendering for logs and error messages: 'text' quoted, bytes as x'hex' (cut
    /// after 32 bytes), NULL as NULL.
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

    Storage v_;
};

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
        auto* i = std::get_if<std::int64_t>(&v_);
        if (!i) {
            if (auto* b = std::get_if<bool>(&v_)) return static_cast<T>(*b);
            throw_mismatch(detail::type_name<T>());
        }
        if constexpr (std::is_signed_v<T>) {
            if (*i < std::numeric_limits<T>::min() || *i > std::numeric_limits<T>::max())
                throw_range(detail::type_name<T>());
        } else {
            if (*i < 0 || static_cast<std::uint64_t>(*i) > std::numeric_limits<T>::max())
                throw_range(detail::type_name<T>());
        }
        return static_cast<T>(*i);
    } else if constexpr (std::floating_point<T>) {
        if (auto* d = std::get_if<double>(&v_)) return static_cast<T>(*d);
        if (auto* i = std::get_if<std::int64_t>(&v_)) return static_cast<T>(*i);
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
    } else {
        static_assert(sizeof(T) == 0, "sqla::Value::as<T>: unsupported T");
    }
}

/// Named parameter values for a statement, in the order given: `{{"name", "ed"}, {"id", 5}}`.
/// Names are bind parameter names without the leading colon.
class SQLA_EXPORT Params {
public:
    using value_type = std::pair<std::string, Value>;
    Params() = default;
    inline Params(std::initializer_list<value_type> items) : items_(items) {}

    /// Sets `name` to `value`, replacing an earlier value of the same name.
    Params& set(std::string_view name, Value value);
    /// The value of `name`, or nullptr when it has none.
    [[nodiscard]] const Value* find(std::string_view name) const noexcept;
    [[nodiscard]] inline bool empty() const noexcept { return items_.empty(); }
    [[nodiscard]] inline std::size_t size() const noexcept { return items_.size(); }
    [[nodiscard]] inline auto begin() const noexcept { return items_.begin(); }
    [[nodiscard]] inline auto end() const noexcept { return items_.end(); }

private:
    std::vector<value_type> items_;
};

}  // namespace sqla
