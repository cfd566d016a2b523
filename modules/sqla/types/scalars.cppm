// sqla: types/scalars.cppm. Exact values a SQL Value can hold: Decimal, TimeOfDay, UuidValue, ISO 8601 text.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <array>
#include <chrono>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

export module sqla:types.scalars;
import :errors.error;

export namespace sqla {

/// An exact decimal number, SQL NUMERIC/DECIMAL (Python's decimal.Decimal as SQLAlchemy's
/// Numeric returns it). Never goes through a binary double: the value is a sign, a string of
/// decimal digits (the coefficient) and a scale, the number of those digits after the point.
/// "1.50" is coefficient "150", scale 2, and keeps printing as "1.50".
///
/// Limits (PostgreSQL's NUMERIC): at most 131072 digits before the point and 16383 after.
/// Zero has no sign: "-0.00" is the same value as "0.00" and prints without a minus.
class SQLA_EXPORT Decimal {
public:
    /// The largest scale a Decimal can have.
    static constexpr int max_scale = 16383;
    /// The most digits a Decimal can have before the point.
    static constexpr int max_integer_digits = 131072;

    /// Zero, scale 0.
    Decimal() = default;

    /// Any integer except bool and the character types (Decimal('5') would be 53).
    /// Implicit, like an integer literal in SQL; INT64_MIN and UINT64_MAX are exact.
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char> && !std::same_as<T, wchar_t> &&
                 !std::same_as<T, char8_t> && !std::same_as<T, char16_t> && !std::same_as<T, char32_t>)
    inline Decimal(T v) : Decimal(magnitude_tag{}, v < 0, magnitude(v)) {}

    /// Binary floating point is not exact: say `Decimal::from_double(d)` (shortest round trip)
    /// or parse a literal, so the conversion is visible at the call site.
    template <std::floating_point F>
    Decimal(F) = delete;

    /// Parses "-127.4550", "+1", ".5", "5.", "1e-5", "1.5E+3". No spaces, no NaN or Infinity.
    /// An exponent is folded into coefficient and scale: "1.5E+3" is "1500" (scale 0), "1e-5"
    /// is "0.00001" (scale 5). Throws ArgumentError naming the text when it is not a number.
    explicit Decimal(std::string_view text);

    /// As the constructor, but `std::nullopt` for text that is not a number.
    [[nodiscard]] static std::optional<Decimal> parse(std::string_view text) noexcept;

    /// The shortest decimal that reads back as `d` (what Python's repr(float) prints):
    /// 0.1 is "0.1", not 0.1000000000000000055511151231257827. Throws ArgumentError for NaN
    /// and infinities, which NUMERIC cannot hold.
    [[nodiscard]] static Decimal from_double(double d);

    /// Plain notation with all `scale()` digits after the point: "127.4550", "-0.01", "0", "1500".
    [[nodiscard]] std::string to_string() const;

    /// Digits after the point (>= 0).
    [[nodiscard]] inline int scale() const noexcept { return scale_; }
    /// Digits in the coefficient without leading zeros, at least 1: "0.05" has 1, "1.50" has 3.
    [[nodiscard]] inline int precision() const noexcept { return static_cast<int>(digits_.size()); }
    /// The coefficient's decimal digits, no leading zeros except "0" itself.
    [[nodiscard]] inline const std::string& coefficient() const noexcept { return digits_; }
    [[nodiscard]] inline bool is_negative() const noexcept { return negative_; }
    [[nodiscard]] inline bool is_zero() const noexcept { return digits_ == "0"; }

    /// This value with exactly `scale` digits after the point, rounding half to even (SQLAlchemy's
    /// Numeric(p, s) quantizes the same way): 2.345 -> 2.34, 2.355 -> 2.36, 1.5 -> "1.500" at 3.
    /// Throws ArgumentError for a scale below 0 or above max_scale.
    [[nodiscard]] Decimal rescaled(int scale) const;

    /// The nearest double (std::from_chars on to_string()); overflow gives +-infinity.
    [[nodiscard]] double to_double() const;
    /// The value as an integer, or `std::nullopt` when it has a nonzero fraction or does not
    /// fit in 64 bits. "12.00" converts to 12.
    [[nodiscard]] std::optional<std::int64_t> to_int64() const noexcept;

    /// Numeric equality: 1.50 == 1.5, 0 == -0.00. The scale does not take part.
    friend inline bool operator==(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) == 0; }
    friend inline std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept {
        return compare(a, b) <=> 0;
    }

private:
    struct magnitude_tag {};
    template <std::integral T>
    inline static std::uint64_t magnitude(T v) noexcept {
        // Unsigned negation, so INT64_MIN's magnitude 2^63 is exact.
        if constexpr (std::is_signed_v<T>)
            return v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        else
            return static_cast<std::uint64_t>(v);
    }
    Decimal(magnitude_tag, bool negative, std::uint64_t magnitude);
    /// -1, 0 or 1 as a is less than, equal to or greater than b.
    static int compare(const Decimal& a, const Decimal& b) noexcept;
    static bool parse_into(std::string_view text, Decimal& out);

    bool negative_ = false;
    std::string digits_ = "0";
    int scale_ = 0;
};

/// A time of day without date or zone, SQL TIME (Python's datetime.time): microseconds since
/// midnight, 0 <= since_midnight < 24h.
struct SQLA_EXPORT TimeOfDay {
    std::chrono::microseconds since_midnight{};

    [[nodiscard]] inline bool ok() const noexcept {
        return since_midnight >= std::chrono::microseconds::zero() && since_midnight < std::chrono::hours(24);
    }
    [[nodiscard]] inline int hours() const noexcept {
        return static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(since_midnight).count());
    }
    [[nodiscard]] inline int minutes() const noexcept {
        return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count() % 60);
    }
    [[nodiscard]] inline int seconds() const noexcept {
        return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(since_midnight).count() % 60);
    }
    [[nodiscard]] inline int microseconds() const noexcept {
        return static_cast<int>(since_midnight.count() % 1'000'000);
    }

    friend inline bool operator==(const TimeOfDay&, const TimeOfDay&) = default;
    friend inline auto operator<=>(const TimeOfDay&, const TimeOfDay&) = default;
};

/// A UUID as 16 bytes in RFC 4122 order (Python's uuid.UUID). Default constructed it is the
/// nil UUID. Ordering is bytewise, which is also the order of the canonical text.
class SQLA_EXPORT UuidValue {
public:
    using Bytes16 = std::array<std::uint8_t, 16>;

    UuidValue() noexcept = default;
    inline explicit UuidValue(const Bytes16& bytes) noexcept : bytes_(bytes) {}
    /// Accepts "12345678-9abc-def0-1234-56789abcdef0" (either case), the 32 hex digits without
    /// hyphens, and either of those in braces "{...}". Throws ArgumentError naming the text otherwise.
    explicit UuidValue(std::string_view text);

    /// As the constructor, but `std::nullopt` for text that is not a UUID.
    [[nodiscard]] static std::optional<UuidValue> parse(std::string_view text) noexcept;
    /// The UUID with these 16 bytes (a BINARY(16) / RAW(16) / UNIQUEIDENTIFIER column read as
    /// bytes). Throws ArgumentError when there are not exactly 16.
    [[nodiscard]] static UuidValue from_bytes(std::span<const std::byte> bytes);

    /// Canonical form: lowercase with hyphens, "12345678-9abc-def0-1234-56789abcdef0".
    [[nodiscard]] std::string to_string() const;
    /// 32 lowercase hex digits, what SQLAlchemy's Uuid stores in CHAR(32) where there is no UUID type.
    [[nodiscard]] std::string hex() const;
    [[nodiscard]] inline const Bytes16& bytes() const noexcept { return bytes_; }
    [[nodiscard]] inline bool is_nil() const noexcept { return bytes_ == Bytes16{}; }

    friend inline bool operator==(const UuidValue&, const UuidValue&) = default;
    friend inline auto operator<=>(const UuidValue&, const UuidValue&) = default;

private:
    static bool parse_into(std::string_view text, Bytes16& out) noexcept;

    Bytes16 bytes_{};
};

/// A DATETIME without time zone (Python's naive datetime), to the microsecond.
using LocalDateTime = std::chrono::local_time<std::chrono::microseconds>;
/// A DATETIME WITH TIME ZONE (Python's aware datetime), normalised to UTC, to the microsecond.
using UtcDateTime = std::chrono::sys_time<std::chrono::microseconds>;

// ISO 8601 text, in the forms SQLite stores and SQLAlchemy's SQLite types read and write.
// Formatting throws ArgumentError for values outside years 0000..9999 (or a TimeOfDay outside
// 0..24h); parsing returns std::nullopt for malformed or out-of-range text, never throws.

/// "2024-02-29".
[[nodiscard]] SQLA_EXPORT std::string to_iso(std::chrono::year_month_day date);
/// "13:05:09", or "13:05:09.250000" when there are microseconds (Python's isoformat). With
/// `always_micro` the six fractional digits are always written, as SQLAlchemy's SQLite TIME does.
[[nodiscard]] SQLA_EXPORT std::string to_iso(TimeOfDay time, bool always_micro = false);
/// "1969-07-20 20:17:40" or "1969-07-20 20:17:40.000001"; `sep` goes between date and time
/// ('T' for strict ISO 8601). `always_micro` as for TimeOfDay (SQLAlchemy's SQLite DATETIME).
[[nodiscard]] SQLA_EXPORT std::string to_iso(LocalDateTime when, char sep = ' ', bool always_micro = false);
/// As for LocalDateTime, followed by "+00:00" (Python's isoformat of a UTC datetime).
[[nodiscard]] SQLA_EXPORT std::string to_iso(UtcDateTime when, char sep = ' ', bool always_micro = false);
/// An ISO 8601 duration with days as the largest unit (a day is 24 hours, as in Python's
/// timedelta): "P1DT2H3M4.000005S", "PT0.5S", "P3D", "PT0S". A negative interval signs every
/// field, "P-1DT-2H-0.5S", the form PostgreSQL and java.time accept (they reject "-P1D").
[[nodiscard]] SQLA_EXPORT std::string to_iso(std::chrono::microseconds interval);

/// "YYYY-MM-DD" (exactly four year digits).
[[nodiscard]] SQLA_EXPORT std::optional<std::chrono::year_month_day> parse_date(std::string_view text) noexcept;
/// "HH:MM", "HH:MM:SS" or "HH:MM:SS.f" with 1 to 9 fractional digits (beyond microseconds truncated).
[[nodiscard]] SQLA_EXPORT std::optional<TimeOfDay> parse_time(std::string_view text) noexcept;
/// "YYYY-MM-DD" (midnight) or a date, ' ' or 'T', and a time as parse_time reads it.
/// Text with a zone ("Z", "+01:00") is rejected: it is not a local time.
[[nodiscard]] SQLA_EXPORT std::optional<LocalDateTime> parse_local_datetime(std::string_view text) noexcept;
/// As parse_local_datetime, plus an optional offset after the time: "Z", "+HH:MM", "-HH:MM",
/// "+HHMM", "+HH" or "+HH:MM:SS" (PostgreSQL's historic offsets), optionally after one space
/// (SQL Server's DATETIMEOFFSET). No offset means UTC. The result is normalised to UTC:
/// "2024-01-01 01:00:00+01:00" is 2024-01-01 00:00:00Z. Results outside years 0000..9999 are rejected.
[[nodiscard]] SQLA_EXPORT std::optional<UtcDateTime> parse_utc_datetime(std::string_view text) noexcept;
/// Reads what to_iso(microseconds) writes: ISO 8601 durations with W, D, H, M and S fields
/// (fraction on S only, a sign per field and/or one leading '-'), and PostgreSQL's
/// day/time output, "1 day 02:03:04.5", "-1 days +02:00:00", "-00:00:01", "3 days" (also
/// Python's str(timedelta), "-1 day, 23:59:59"). Years and months are rejected: their length varies.
[[nodiscard]] SQLA_EXPORT std::optional<std::chrono::microseconds> parse_interval(std::string_view text) noexcept;

}  // namespace sqla
