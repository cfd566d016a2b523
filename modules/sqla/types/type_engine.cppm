// sqla: types/type_engine.cppm. TypeEngine, the SQL type of a column or expression, and the generic types.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstdint>
#include <optional>
#include <string>

export module sqla:types.type_engine;

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
};

/// A SQL type as a value: the generic kind and its parameters (length, precision, scale,
/// time zone). Every column, bound parameter and expression has one; dialects render it.
class SQLA_EXPORT TypeEngine {
public:
    inline TypeEngine() noexcept = default;
    inline explicit TypeEngine(TypeKind kind) noexcept : kind_(kind) {}

    [[nodiscard]] inline TypeKind kind() const noexcept { return kind_; }
    [[nodiscard]] inline const std::optional<int>& length() const noexcept { return length_; }
    [[nodiscard]] inline const std::optional<int>& precision() const noexcept { return precision_; }
    [[nodiscard]] inline const std::optional<int>& scale() const noexcept { return scale_; }
    [[nodiscard]] inline bool timezone() const noexcept { return timezone_; }
    [[nodiscard]] inline bool is_null_type() const noexcept { return kind_ == TypeKind::null_type; }
    /// Integer, BigInteger, SmallInteger, Float, Double, Numeric.
    [[nodiscard]] bool is_numeric() const noexcept;
    /// String, Text, Unicode, UnicodeText.
    [[nodiscard]] bool is_string() const noexcept;

    inline TypeEngine& with_length(std::optional<int> n) noexcept { length_ = n; return *this; }
    inline TypeEngine& with_precision(std::optional<int> p, std::optional<int> s = std::nullopt) noexcept {
        precision_ = p;
        scale_ = s;
        return *this;
    }
    inline TypeEngine& with_timezone(bool tz) noexcept { timezone_ = tz; return *this; }

    /// As SQLAlchemy's repr: "Integer()", "String(length=50)", "Numeric(precision=10, scale=2)".
    [[nodiscard]] std::string repr() const;

    friend inline bool operator==(const TypeEngine&, const TypeEngine&) = default;

private:
    TypeKind kind_ = TypeKind::null_type;
    std::optional<int> length_;
    std::optional<int> precision_;
    std::optional<int> scale_;
    bool timezone_ = false;
};

// The generic types as values convertible to TypeEngine: `Column{"id", Integer{}}`,
// `Column{"name", String{50}}`.
struct Integer { inline operator TypeEngine() const { return TypeEngine(TypeKind::integer); } };
struct BigInteger { inline operator TypeEngine() const { return TypeEngine(TypeKind::big_integer); } };
struct SmallInteger { inline operator TypeEngine() const { return TypeEngine(TypeKind::small_integer); } };
struct Boolean { inline operator TypeEngine() const { return TypeEngine(TypeKind::boolean); } };
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
struct Uuid { inline operator TypeEngine() const { return TypeEngine(TypeKind::uuid); } };
struct NullType { inline operator TypeEngine() const { return TypeEngine(); } };

}  // namespace sqla
