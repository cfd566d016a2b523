// sqla: types/type_engine.cppm. TypeEngine, the SQL type of a column or expression, and the generic types.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <concepts>
#include <cstdint>
#include <memory>
#include <utility>
#include <optional>
#include <string>
#include <vector>

export module sqla:types.type_engine;
import :types.value;

export namespace sqla {

/// The generic SQL types, as SQLAlchemy's `sqlalchemy.types` names them.
enum class TypeKind : std::uint8_t {
    null_type,  ///< unknown; what a bare literal or NULL has
    integer,
    big_integer,
    small_integer,
    boolean,
    string,
    text,
    unicode,
    unicode_text,
    float_,
    double_,
    numeric,
    date,
    time,
    datetime,
    interval,
    large_binary,
    json,
    uuid,
    enum_,
    array,
};

class TypeEngine;

/// A user-defined type over an underlying one (SQLAlchemy's `TypeDecorator`): the database
/// sees `impl()`, the application its own values, converted by the two process functions.
/// Derive from it and pass `decorate<MyType>()` where a column type goes.
class SQLA_EXPORT TypeDecorator {
public:
    virtual ~TypeDecorator();
    /// The type the database stores (its DDL, its driver binding).
    [[nodiscard]] virtual TypeEngine impl() const = 0;
    /// A name for messages, repr() and the statement cache ("Money").
    [[nodiscard]] virtual std::string name() const = 0;
    /// The application's value to the value `impl()` stores; runs for every bound value of
    /// this type, NULL included.
    [[nodiscard]] virtual Value process_bind_param(Value value) const { return value; }
    /// The stored value, as `impl()` reads it, back to the application's value.
    [[nodiscard]] virtual Value process_result_value(Value value) const { return value; }
};

/// A SQL type as a value: the generic kind and its parameters (length, precision, scale,
/// time zone, enum values...). Every column, bound parameter and expression has one; dialects
/// render it. Rare parameters live in a shared block, so a TypeEngine stays small and cheap
/// to copy.
class SQLA_EXPORT TypeEngine {
public:
    /// Parameters few types have.
    struct Details {
        /// Enum: the allowed values, in order.
        std::vector<std::string> enum_values{};
        /// Enum: the type's name (PostgreSQL's CREATE TYPE, the CHECK constraint's name);
        /// Boolean: the CHECK constraint's name.
        std::optional<std::string> name{};
        /// Enum: use the database's own enum type where it has one.
        bool native_enum = true;
        /// Boolean and non-native Enum: add a CHECK constraint to tables using the type.
        bool create_constraint = false;
        /// ARRAY: the element type and the number of dimensions.
        std::shared_ptr<const TypeEngine> item{};
        int dimensions = 0;
        /// A dialect-specific type (postgresql UUID): only that dialect renders it.
        std::string dialect{};
        /// COLLATE for string types.
        std::optional<std::string> collation{};
        /// A TypeDecorator's behaviour (the kind and parameters are those of its impl()).
        std::shared_ptr<const TypeDecorator> decorator{};
        /// Numeric/Float: return values as Decimal (true) or double (false).
        std::optional<bool> asdecimal{};
        friend SQLA_EXPORT bool operator==(const Details& a, const Details& b);
    };

    inline TypeEngine() noexcept = default;
    inline explicit TypeEngine(TypeKind kind) noexcept : kind_(kind) {}

    [[nodiscard]] inline TypeKind kind() const noexcept { return kind_; }
    [[nodiscard]] inline const std::optional<int>& length() const noexcept { return length_; }
    [[nodiscard]] inline const std::optional<int>& precision() const noexcept { return precision_; }
    [[nodiscard]] inline const std::optional<int>& scale() const noexcept { return scale_; }
    [[nodiscard]] inline bool timezone() const noexcept { return timezone_; }
    [[nodiscard]] inline bool is_null_type() const noexcept { return kind_ == TypeKind::null_type; }
    /// The rare parameters; an empty block when the type has none.
    [[nodiscard]] const Details& details() const noexcept;
    [[nodiscard]] inline bool has_details() const noexcept { return details_ != nullptr; }
    /// The decorator of a TypeDecorator type, or nullptr.
    [[nodiscard]] inline const TypeDecorator* decorator() const noexcept {
        return details_ ? details_->decorator.get() : nullptr;
    }
    /// Integer, BigInteger, SmallInteger, Float, Double, Numeric.
    [[nodiscard]] bool is_numeric() const noexcept;
    /// Integer, BigInteger, SmallInteger.
    [[nodiscard]] bool is_integer() const noexcept;
    /// String, Text, Unicode, UnicodeText.
    [[nodiscard]] bool is_string() const noexcept;

    inline TypeEngine& with_length(std::optional<int> n) noexcept { length_ = n; return *this; }
    inline TypeEngine& with_precision(std::optional<int> p, std::optional<int> s = std::nullopt) noexcept {
        precision_ = p;
        scale_ = s;
        return *this;
    }
    inline TypeEngine& with_timezone(bool tz) noexcept { timezone_ = tz; return *this; }
    TypeEngine& with_details(Details details);

    /// As SQLAlchemy's repr: "Integer()", "String(length=50)", "Numeric(precision=10, scale=2)".
    [[nodiscard]] std::string repr() const;
    /// Appends what distinguishes this type in a statement's cache key: a short code for the
    /// common types (no allocation on the cache-hit path), repr() for those with details.
    void append_cache_key(std::string& out) const;

    friend SQLA_EXPORT bool operator==(const TypeEngine& a, const TypeEngine& b) noexcept;

private:
    TypeKind kind_ = TypeKind::null_type;
    std::optional<int> length_;
    std::optional<int> precision_;
    std::optional<int> scale_;
    bool timezone_ = false;
    std::shared_ptr<const Details> details_;
};

/// The type of a TypeDecorator subclass: `Column{"price", decorate<Money>()}`.
template <class D, class... Args>
    requires std::derived_from<D, TypeDecorator>
[[nodiscard]] TypeEngine decorate(Args&&... args) {
    auto decorator = std::make_shared<const D>(std::forward<Args>(args)...);
    TypeEngine impl = decorator->impl();
    TypeEngine::Details details = impl.details();
    details.decorator = std::move(decorator);
    return impl.with_details(std::move(details));
}

// The generic types as values convertible to TypeEngine: `Column{"id", Integer{}}`,
// `Column{"name", String{50}}`.
struct Integer { inline operator TypeEngine() const { return TypeEngine(TypeKind::integer); } };
struct BigInteger { inline operator TypeEngine() const { return TypeEngine(TypeKind::big_integer); } };
struct SmallInteger { inline operator TypeEngine() const { return TypeEngine(TypeKind::small_integer); } };
/// Boolean; `create_constraint` adds `CHECK (col IN (0, 1))` where the database has no boolean.
struct SQLA_EXPORT Boolean {
    bool create_constraint = false;
    std::optional<std::string> name{};
    operator TypeEngine() const;
};
struct String {
    std::optional<int> length{};
    inline operator TypeEngine() const { return TypeEngine(TypeKind::string).with_length(length); }
};
struct Text {
    std::optional<int> length{};
    inline operator TypeEngine() const { return TypeEngine(TypeKind::text).with_length(length); }
};
struct Unicode {
    std::optional<int> length{};
    inline operator TypeEngine() const { return TypeEngine(TypeKind::unicode).with_length(length); }
};
struct UnicodeText { inline operator TypeEngine() const { return TypeEngine(TypeKind::unicode_text); } };
struct Float {
    std::optional<int> precision{};
    inline operator TypeEngine() const { return TypeEngine(TypeKind::float_).with_precision(precision); }
};
struct Double { inline operator TypeEngine() const { return TypeEngine(TypeKind::double_); } };
struct Numeric {
    std::optional<int> precision{};
    std::optional<int> scale{};
    inline operator TypeEngine() const { return TypeEngine(TypeKind::numeric).with_precision(precision, scale); }
};
struct Date { inline operator TypeEngine() const { return TypeEngine(TypeKind::date); } };
struct Time { inline operator TypeEngine() const { return TypeEngine(TypeKind::time); } };
struct DateTime {
    bool timezone = false;
    inline operator TypeEngine() const { return TypeEngine(TypeKind::datetime).with_timezone(timezone); }
};
struct Interval { inline operator TypeEngine() const { return TypeEngine(TypeKind::interval); } };
struct LargeBinary {
    std::optional<int> length{};
    inline operator TypeEngine() const { return TypeEngine(TypeKind::large_binary).with_length(length); }
};
struct JSON { inline operator TypeEngine() const { return TypeEngine(TypeKind::json); } };
/// A UUID: native where the database has one (PostgreSQL UUID, SQL Server UNIQUEIDENTIFIER),
/// CHAR(32) of hex digits elsewhere, as SQLAlchemy 2.0's `Uuid`.
struct Uuid { inline operator TypeEngine() const { return TypeEngine(TypeKind::uuid); } };
/// An enumeration of strings: a native ENUM where the database has one (MySQL's inline
/// ENUM(...), PostgreSQL's named type) unless `native_enum` is false; elsewhere VARCHAR sized
/// to the longest value, with a CHECK constraint when `create_constraint`.
struct SQLA_EXPORT Enum {
    std::vector<std::string> values{};
    std::optional<std::string> name{};
    bool native_enum = true;
    bool create_constraint = false;
    std::optional<int> length{};
    operator TypeEngine() const;
};
/// PostgreSQL's ARRAY of `item`, with `dimensions` (0: unspecified).
struct SQLA_EXPORT Array {
    TypeEngine item{};
    int dimensions = 0;
    operator TypeEngine() const;
};
struct NullType { inline operator TypeEngine() const { return TypeEngine(); } };

}  // namespace sqla

export namespace sqla::postgresql {
/// PostgreSQL's own UUID type (`postgresql.UUID`): other dialects refuse to render it.
struct SQLA_EXPORT UUID { operator TypeEngine() const; };
/// PostgreSQL's binary JSON (`postgresql.JSONB`): a JSON type with containment (`contains()`,
/// `@>`) and indexing; other dialects refuse to render it.
struct SQLA_EXPORT JSONB { operator TypeEngine() const; };
/// PostgreSQL's ARRAY (the same as sqla::Array).
using ARRAY = sqla::Array;
}  // namespace sqla::postgresql

export namespace sqla::mysql {
/// MySQL's DATETIME with fractional seconds (`mysql.DATETIME(fsp=6)`): plain DateTime renders
/// DATETIME, which keeps whole seconds. Other dialects refuse to render it.
struct SQLA_EXPORT DATETIME {
    int fsp = 0;
    bool timezone = false;
    operator TypeEngine() const;
};
/// MySQL's TIME with fractional seconds (`mysql.TIME(fsp=6)`).
struct SQLA_EXPORT TIME {
    int fsp = 0;
    operator TypeEngine() const;
};
}  // namespace sqla::mysql
