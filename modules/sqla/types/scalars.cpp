// sqla: types/scalars.cpp. Decimal arithmetic on digit strings, UUID text, ISO 8601 formatting and parsing.
// SPDX-License-Identifier: MIT
module;
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

module sqla:types.scalars_impl;
import :errors.error;
import :types.scalars;

namespace sqla {

namespace {

constexpr std::int64_t micros_per_second = 1'000'000;
constexpr std::int64_t micros_per_minute = 60 * micros_per_second;
constexpr std::int64_t micros_per_hour = 60 * micros_per_minute;
constexpr std::int64_t micros_per_day = 24 * micros_per_hour;

// Days since 1970-01-01 of 0000-01-01 and of 10000-01-01: the years ISO text can hold.
constexpr std::int64_t first_day = std::chrono::sys_days{std::chrono::year{0} / 1 / 1}.time_since_epoch().count();
constexpr std::int64_t end_day = std::chrono::sys_days{std::chrono::year{10000} / 1 / 1}.time_since_epoch().count();
constexpr std::int64_t first_micros = first_day * micros_per_day;
constexpr std::int64_t end_micros = end_day * micros_per_day;

inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// The input as error messages quote it; long input is cut so a message stays readable.
std::string quoted(std::string_view text) {
    constexpr std::size_t shown = 80;
    if (text.size() <= shown) return "'" + std::string(text) + "'";
    return "'" + std::string(text.substr(0, shown)) + "...'";
}

/// Appends `v` (>= 0) zero padded to `width` digits.
void put_number(std::string& out, std::uint64_t v, int width) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    (void)ec;
    for (auto n = static_cast<int>(end - buf); n < width; ++n) out += '0';
    out.append(buf, end);
}

void put_date(std::string& out, std::int64_t day_number) {
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day_number}}};
    put_number(out, static_cast<std::uint64_t>(static_cast<int>(ymd.year())), 4);
    out += '-';
    put_number(out, static_cast<unsigned>(ymd.month()), 2);
    out += '-';
    put_number(out, static_cast<unsigned>(ymd.day()), 2);
}

/// "HH:MM:SS[.ffffff]" for 0 <= micros < 24h.
void put_time(std::string& out, std::int64_t micros, bool always_micro) {
    put_number(out, static_cast<std::uint64_t>(micros / micros_per_hour), 2);
    out += ':';
    put_number(out, static_cast<std::uint64_t>(micros / micros_per_minute % 60), 2);
    out += ':';
    put_number(out, static_cast<std::uint64_t>(micros / micros_per_second % 60), 2);
    const auto fraction = static_cast<std::uint64_t>(micros % micros_per_second);
    if (fraction != 0 || always_micro) {
        out += '.';
        put_number(out, fraction, 6);
    }
}

std::string format_datetime(std::int64_t micros, char sep, bool always_micro, std::string_view suffix) {
    if (micros < first_micros || micros >= end_micros)
        throw ArgumentError("datetime " + std::to_string(micros) +
                            " microseconds from 1970-01-01 is outside years 0000..9999, which ISO 8601 text can hold");
    // Floor division: 1969-12-31 23:59:59 is day -1 plus 86399 seconds, not day 0 minus 1.
    std::int64_t day = micros / micros_per_day;
    std::int64_t time = micros % micros_per_day;
    if (time < 0) {
        --day;
        time += micros_per_day;
    }
    std::string out;
    out.reserve(32);
    put_date(out, day);
    out += sep;
    put_time(out, time, always_micro);
    out += suffix;
    return out;
}

bool checked_add(std::int64_t& acc, std::int64_t v) noexcept { return !__builtin_add_overflow(acc, v, &acc); }

/// acc += sign * value * unit, false on overflow.
bool add_scaled(std::int64_t& acc, bool negative, std::int64_t value, std::int64_t unit) noexcept {
    std::int64_t product = 0;
    if (__builtin_mul_overflow(value, unit, &product)) return false;
    if (negative) product = -product;  // product >= 0, so negation cannot overflow
    return checked_add(acc, product);
}

/// A read position in text being parsed; every read checks the end.
struct TextCursor {
    std::string_view s;
    std::size_t i = 0;

    [[nodiscard]] bool done() const noexcept { return i == s.size(); }
    [[nodiscard]] char peek() const noexcept { return i < s.size() ? s[i] : '\0'; }
    bool eat(char c) noexcept {
        if (i < s.size() && s[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    bool eat(std::string_view word) noexcept {
        if (s.substr(i).starts_with(word)) {
            i += word.size();
            return true;
        }
        return false;
    }
    /// Exactly `n` digits.
    bool fixed(int n, int& out) noexcept {
        out = 0;
        for (int k = 0; k < n; ++k) {
            if (!is_digit(peek())) return false;
            out = out * 10 + (s[i++] - '0');
        }
        return true;
    }
    /// 1 to 18 digits (so the value fits in an int64).
    bool number(std::int64_t& out) noexcept {
        const std::size_t start = i;
        out = 0;
        while (is_digit(peek()) && i - start < 18) out = out * 10 + (s[i++] - '0');
        return i > start && !is_digit(peek());
    }
    /// '+' or '-' if present; true for '-'.
    bool sign() noexcept {
        if (eat('-')) return true;
        eat('+');
        return false;
    }
    /// 1 to 9 fractional digits, as microseconds (digits past the sixth truncated).
    bool fraction(std::int64_t& micros) noexcept {
        const std::size_t start = i;
        micros = 0;
        while (is_digit(peek())) {
            if (i - start < 6) micros = micros * 10 + (s[i] - '0');
            ++i;
        }
        const std::size_t n = i - start;
        if (n < 1 || n > 9) return false;
        for (std::size_t k = n; k < 6; ++k) micros *= 10;
        return true;
    }
};

bool read_date(TextCursor& c, std::int64_t& day_number) noexcept {
    int y = 0, m = 0, d = 0;
    if (!c.fixed(4, y) || !c.eat('-') || !c.fixed(2, m) || !c.eat('-') || !c.fixed(2, d)) return false;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return false;
    day_number = std::chrono::sys_days{ymd}.time_since_epoch().count();
    return true;
}

/// "HH:MM[:SS[.f]]" as microseconds since midnight.
bool read_time(TextCursor& c, std::int64_t& micros) noexcept {
    int h = 0, m = 0, s = 0;
    std::int64_t fraction = 0;
    if (!c.fixed(2, h) || !c.eat(':') || !c.fixed(2, m)) return false;
    if (c.eat(':')) {
        if (!c.fixed(2, s)) return false;
        if (c.eat('.') && !c.fraction(fraction)) return false;
    }
    if (h > 23 || m > 59 || s > 59) return false;
    micros = h * micros_per_hour + m * micros_per_minute + s * micros_per_second + fraction;
    return true;
}

/// Date, then optionally ' ' or 'T' and a time: microseconds since 1970-01-01.
bool read_datetime(TextCursor& c, std::int64_t& micros, bool& has_time) noexcept {
    std::int64_t day = 0, time = 0;
    if (!read_date(c, day)) return false;
    has_time = c.eat(' ') || c.eat('T');
    if (has_time && !read_time(c, time)) return false;
    micros = day * micros_per_day + time;
    return true;
}

/// ISO 8601 duration: [-]P[nW][nD][T[nH][nM][n[.f]S]], each n optionally signed.
std::optional<std::chrono::microseconds> parse_iso_duration(TextCursor c) noexcept {
    const bool negate = c.sign();
    if (!c.eat('P')) return std::nullopt;
    // Fields in the order they must appear, and their length.
    constexpr std::array<char, 5> units{'W', 'D', 'H', 'M', 'S'};
    constexpr std::array<std::int64_t, 5> lengths{7 * micros_per_day, micros_per_day, micros_per_hour,
                                                  micros_per_minute, micros_per_second};
    std::int64_t total = 0;
    std::size_t next_unit = 0;  // fields before this index are no longer allowed
    bool in_time = false, any = false, any_time = false;
    while (!c.done()) {
        if (c.eat('T')) {
            if (in_time) return std::nullopt;
            in_time = true;
            next_unit = 2;
            continue;
        }
        const bool negative = c.sign();
        std::int64_t value = 0, fraction = 0;
        if (!c.number(value)) return std::nullopt;
        const bool has_fraction = c.eat('.') || c.eat(',');
        if (has_fraction && !c.fraction(fraction)) return std::nullopt;
        const char unit = c.peek();
        std::size_t k = next_unit;
        while (k < units.size() && units[k] != unit) ++k;
        // Date fields (W, D) before 'T', time fields (H, M, S) after it; a fraction only on seconds.
        if (k == units.size() || (k >= 2) != in_time || (has_fraction && unit != 'S')) return std::nullopt;
        ++c.i;
        next_unit = k + 1;
        if (!add_scaled(total, negative, value, lengths[k]) || !add_scaled(total, negative, fraction, 1))
            return std::nullopt;
        any = true;
        any_time = any_time || in_time;
    }
    if (!any || (in_time && !any_time)) return std::nullopt;
    if (negate) {
        if (total == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
        total = -total;
    }
    return std::chrono::microseconds{total};
}

/// PostgreSQL's interval output, day and time fields only: "[+-]N day[s][,] [+-]H:MM[:SS[.f]]",
/// either part alone. Each part has its own sign ("-1 days +02:00:00").
std::optional<std::chrono::microseconds> parse_pg_interval(TextCursor c) noexcept {
    std::int64_t total = 0;
    bool negative = c.sign();
    std::int64_t n = 0;
    if (!c.number(n)) return std::nullopt;
    if (c.eat(' ')) {
        if (!c.eat(std::string_view("days")) && !c.eat(std::string_view("day"))) return std::nullopt;
        if (!add_scaled(total, negative, n, micros_per_day)) return std::nullopt;
        if (c.done()) return std::chrono::microseconds{total};
        c.eat(',');  // Python's str(timedelta): "1 day, 2:03:04"
        if (!c.eat(' ')) return std::nullopt;
        negative = c.sign();
        if (!c.number(n)) return std::nullopt;
    }
    // n is the hours of "H:MM[:SS[.f]]"; PostgreSQL lets them pass 24 ("100:00:00").
    int m = 0, s = 0;
    std::int64_t fraction = 0;
    if (!c.eat(':') || !c.fixed(2, m)) return std::nullopt;
    if (c.eat(':')) {
        if (!c.fixed(2, s)) return std::nullopt;
        if (c.eat('.') && !c.fraction(fraction)) return std::nullopt;
    }
    if (!c.done() || m > 59 || s > 59) return std::nullopt;
    if (!add_scaled(total, negative, n, micros_per_hour) ||
        !add_scaled(total, negative, m * micros_per_minute + s * micros_per_second + fraction, 1))
        return std::nullopt;
    return std::chrono::microseconds{total};
}

constexpr char hex_digits[] = "0123456789abcdef";

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Decimal

Decimal::Decimal(magnitude_tag, bool negative, std::uint64_t magnitude)
    : negative_(negative && magnitude != 0), digits_(std::to_string(magnitude)) {}

Decimal::Decimal(std::string_view text) {
    if (!parse_into(text, *this)) throw ArgumentError("invalid decimal literal " + quoted(text));
}

std::optional<Decimal> Decimal::parse(std::string_view text) noexcept {
    Decimal d;
    if (!parse_into(text, d)) return std::nullopt;
    return d;
}

bool Decimal::parse_into(std::string_view s, Decimal& out) {
    // [+-] (digits [. [digits]] | . digits) [(e|E) [+-] digits], nothing else.
    std::size_t i = 0;
    const std::size_t n = s.size();
    bool negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
    const std::size_t int_begin = i;
    while (i < n && is_digit(s[i])) ++i;
    const std::size_t int_end = i;
    std::size_t frac_begin = i, frac_end = i;
    if (i < n && s[i] == '.') {
        frac_begin = ++i;
        while (i < n && is_digit(s[i])) ++i;
        frac_end = i;
    }
    if (int_begin == int_end && frac_begin == frac_end) return false;
    std::int64_t exponent = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
        if (i == n || !is_digit(s[i])) return false;
        // Saturate: an exponent this large is out of range anyway (unless the value is zero).
        constexpr std::int64_t cap = 1'000'000'000'000;
        for (; i < n && is_digit(s[i]); ++i)
            if (exponent < cap) exponent = exponent * 10 + (s[i] - '0');
        if (exp_negative) exponent = -exponent;
    }
    if (i != n) return false;

    std::string_view int_digits = s.substr(int_begin, int_end - int_begin);
    const std::string_view frac_digits = s.substr(frac_begin, frac_end - frac_begin);
    std::int64_t scale = static_cast<std::int64_t>(frac_digits.size()) - exponent;
    // Leading zeros go; the coefficient is int_digits + frac_digits without them.
    while (!int_digits.empty() && int_digits.front() == '0') int_digits.remove_prefix(1);
    std::string digits;
    if (int_digits.empty()) {
        const std::size_t first = frac_digits.find_first_not_of('0');
        if (first != std::string_view::npos) digits.assign(frac_digits.substr(first));
    } else {
        digits.reserve(int_digits.size() + frac_digits.size());
        digits.append(int_digits).append(frac_digits);
    }
    if (digits.empty()) {
        digits = "0";
        negative = false;
        if (scale < 0) scale = 0;
    } else if (scale < 0) {
        // 1.5E+3: the exponent moves the point past the digits, so zeros fill the gap.
        if (static_cast<std::int64_t>(digits.size()) - scale > max_integer_digits) return false;
        digits.append(static_cast<std::size_t>(-scale), '0');
        scale = 0;
    }
    if (scale > max_scale || static_cast<std::int64_t>(digits.size()) - scale > max_integer_digits) return false;
    out.negative_ = negative;
    out.digits_ = std::move(digits);
    out.scale_ = static_cast<int>(scale);
    return true;
}

Decimal Decimal::from_double(double d) {
    if (std::isnan(d)) throw ArgumentError("cannot convert nan to a Decimal");
    if (std::isinf(d)) throw ArgumentError(d > 0 ? "cannot convert inf to a Decimal" : "cannot convert -inf to a Decimal");
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest round trip
    Decimal out;
    if (ec != std::errc() || !parse_into(std::string_view(buf, static_cast<std::size_t>(end - buf)), out))
        throw ArgumentError("cannot convert " + std::to_string(d) + " to a Decimal");
    return out;
}

std::string Decimal::to_string() const {
    std::string out;
    const auto scale = static_cast<std::size_t>(scale_);
    out.reserve(digits_.size() + scale + 3);
    if (negative_) out += '-';
    if (scale == 0) return out += digits_;
    if (digits_.size() > scale) {
        out.append(digits_, 0, digits_.size() - scale);
        out += '.';
        out.append(digits_, digits_.size() - scale);
    } else {
        out += "0.";
        out.append(scale - digits_.size(), '0');
        out += digits_;
    }
    return out;
}

Decimal Decimal::rescaled(int scale) const {
    if (scale < 0 || scale > max_scale)
        throw ArgumentError("invalid decimal scale " + std::to_string(scale) + " (0.." + std::to_string(max_scale) + ")");
    Decimal out;
    out.scale_ = scale;
    if (scale >= scale_) {
        out.negative_ = negative_;
        out.digits_ = digits_;
        if (!is_zero()) out.digits_.append(static_cast<std::size_t>(scale - scale_), '0');
        return out;
    }
    // Drop the last `dropped` digits of the coefficient (some may be implicit leading zeros).
    const auto dropped = static_cast<std::size_t>(scale_ - scale);
    const std::size_t size = digits_.size();
    std::string kept = size > dropped ? digits_.substr(0, size - dropped) : std::string();
    bool round_up = false;
    if (size >= dropped) {
        const char first = digits_[size - dropped];
        const bool rest_nonzero = digits_.find_first_not_of('0', size - dropped + 1) != std::string::npos;
        if (first > '5' || (first == '5' && rest_nonzero))
            round_up = true;
        else if (first == '5')  // exactly half: to the even neighbour
            round_up = !kept.empty() && (kept.back() - '0') % 2 == 1;
    }  // else the first dropped digit is an implicit 0: below half
    if (round_up) {
        std::size_t k = kept.size();
        while (k > 0 && kept[k - 1] == '9') kept[--k] = '0';
        if (k == 0)
            kept.insert(kept.begin(), '1');
        else
            ++kept[k - 1];
    }
    if (kept.empty()) kept = "0";
    out.digits_ = std::move(kept);
    out.negative_ = negative_ && !out.is_zero();
    return out;
}

double Decimal::to_double() const {
    const std::string text = to_string();
    double d = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    (void)ptr;
    if (ec == std::errc::result_out_of_range) {
        // Too large gives infinity, too small zero, with the sign kept.
        const bool large = static_cast<int>(digits_.size()) > scale_;
        d = large ? std::numeric_limits<double>::infinity() : 0.0;
        if (negative_) d = -d;
    }
    return d;
}

std::optional<std::int64_t> Decimal::to_int64() const noexcept {
    const auto scale = static_cast<std::size_t>(scale_);
    const std::size_t int_len = digits_.size() > scale ? digits_.size() - scale : 0;
    if (digits_.find_first_not_of('0', int_len) != std::string::npos) return std::nullopt;  // nonzero fraction
    if (int_len == 0) return 0;
    std::uint64_t magnitude = 0;
    auto [ptr, ec] = std::from_chars(digits_.data(), digits_.data() + int_len, magnitude);
    (void)ptr;
    if (ec != std::errc()) return std::nullopt;
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (negative_) {
        if (magnitude > max + 1) return std::nullopt;
        return static_cast<std::int64_t>(std::uint64_t{0} - magnitude);  // two's complement, INT64_MIN exact
    }
    if (magnitude > max) return std::nullopt;
    return static_cast<std::int64_t>(magnitude);
}

int Decimal::compare(const Decimal& a, const Decimal& b) noexcept {
    const int sa = a.is_zero() ? 0 : (a.negative_ ? -1 : 1);
    const int sb = b.is_zero() ? 0 : (b.negative_ ? -1 : 1);
    if (sa != sb) return sa < sb ? -1 : 1;
    if (sa == 0) return 0;
    // Both nonzero, same sign; compare magnitudes as if both had the larger scale (no leading
    // zeros, so the longer coefficient is the larger one).
    const int scale = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
    const std::size_t la = a.digits_.size() + static_cast<std::size_t>(scale - a.scale_);
    const std::size_t lb = b.digits_.size() + static_cast<std::size_t>(scale - b.scale_);
    int magnitude = 0;
    if (la != lb) {
        magnitude = la < lb ? -1 : 1;
    } else {
        for (std::size_t k = 0; k < la && magnitude == 0; ++k) {
            const char ca = k < a.digits_.size() ? a.digits_[k] : '0';
            const char cb = k < b.digits_.size() ? b.digits_[k] : '0';
            if (ca != cb) magnitude = ca < cb ? -1 : 1;
        }
    }
    return sa * magnitude;
}

// ---------------------------------------------------------------------------------------------
// UuidValue

UuidValue::UuidValue(std::string_view text) {
    if (!parse_into(text, bytes_)) throw ArgumentError("invalid UUID " + quoted(text));
}

std::optional<UuidValue> UuidValue::parse(std::string_view text) noexcept {
    Bytes16 bytes{};
    if (!parse_into(text, bytes)) return std::nullopt;
    return UuidValue(bytes);
}

bool UuidValue::parse_into(std::string_view text, Bytes16& out) noexcept {
    if (text.size() >= 2 && text.front() == '{' && text.back() == '}') text = text.substr(1, text.size() - 2);
    const bool hyphens = text.size() == 36;
    if (!hyphens && text.size() != 32) return false;
    if (hyphens && (text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')) return false;
    std::size_t i = 0;
    for (auto& byte : out) {
        if (hyphens && (i == 8 || i == 13 || i == 18 || i == 23)) ++i;
        const int hi = hex_value(text[i]), lo = hex_value(text[i + 1]);
        if (hi < 0 || lo < 0) return false;
        byte = static_cast<std::uint8_t>(hi << 4 | lo);
        i += 2;
    }
    return true;
}

UuidValue UuidValue::from_bytes(std::span<const std::byte> bytes) {
    if (bytes.size() != 16)
        throw ArgumentError("a UUID is 16 bytes, not " + std::to_string(bytes.size()));
    Bytes16 b{};
    for (std::size_t i = 0; i < 16; ++i) b[i] = static_cast<std::uint8_t>(bytes[i]);
    return UuidValue(b);
}

std::string UuidValue::hex() const {
    std::string out;
    out.reserve(32);
    for (auto byte : bytes_) {
        out += hex_digits[byte >> 4];
        out += hex_digits[byte & 15];
    }
    return out;
}

std::string UuidValue::to_string() const {
    std::string out = hex();
    for (std::size_t at : {8, 13, 18, 23}) out.insert(at, 1, '-');
    return out;
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 text

std::string to_iso(std::chrono::year_month_day date) {
    const int y = static_cast<int>(date.year());
    if (!date.ok() || y < 0 || y > 9999)
        throw ArgumentError("date " + std::to_string(y) + "-" + std::to_string(static_cast<unsigned>(date.month())) +
                            "-" + std::to_string(static_cast<unsigned>(date.day())) +
                            (date.ok() ? " is outside years 0000..9999, which ISO 8601 text can hold"
                                       : " is not a valid date"));
    std::string out;
    out.reserve(10);
    put_date(out, std::chrono::sys_days{date}.time_since_epoch().count());
    return out;
}

std::string to_iso(TimeOfDay time, bool always_micro) {
    if (!time.ok())
        throw ArgumentError("time of day " + std::to_string(time.since_midnight.count()) +
                            " microseconds since midnight is outside 00:00:00..23:59:59.999999");
    std::string out;
    out.reserve(15);
    put_time(out, time.since_midnight.count(), always_micro);
    return out;
}

std::string to_iso(LocalDateTime when, char sep, bool always_micro) {
    return format_datetime(when.time_since_epoch().count(), sep, always_micro, "");
}

std::string to_iso(UtcDateTime when, char sep, bool always_micro) {
    return format_datetime(when.time_since_epoch().count(), sep, always_micro, "+00:00");
}

std::string to_iso(std::chrono::microseconds interval) {
    const std::int64_t v = interval.count();
    if (v == 0) return "PT0S";
    // Unsigned magnitude, so the minimum interval is exact too.
    const std::uint64_t m = v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    const char* sign = v < 0 ? "-" : "";
    const auto day = static_cast<std::uint64_t>(micros_per_day);
    const auto hour = static_cast<std::uint64_t>(micros_per_hour);
    const auto minute = static_cast<std::uint64_t>(micros_per_minute);
    const auto second = static_cast<std::uint64_t>(micros_per_second);
    const std::uint64_t days = m / day, hours = m % day / hour, minutes = m % hour / minute,
                        seconds = m % minute / second, micros = m % second;
    std::string out = "P";
    auto field = [&](std::uint64_t n, char unit) {
        out += sign;
        put_number(out, n, 1);
        out += unit;
    };
    if (days != 0) field(days, 'D');
    if (hours != 0 || minutes != 0 || seconds != 0 || micros != 0) {
        out += 'T';
        if (hours != 0) field(hours, 'H');
        if (minutes != 0) field(minutes, 'M');
        if (micros != 0) {
            out += sign;
            put_number(out, seconds, 1);
            out += '.';
            put_number(out, micros, 6);
            while (out.back() == '0') out.pop_back();  // "4.5S", not "4.500000S"
            out += 'S';
        } else if (seconds != 0) {
            field(seconds, 'S');
        }
    }
    return out;
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) noexcept {
    TextCursor c{text};
    std::int64_t day = 0;
    if (!read_date(c, day) || !c.done()) return std::nullopt;
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
}

std::optional<TimeOfDay> parse_time(std::string_view text) noexcept {
    TextCursor c{text};
    std::int64_t micros = 0;
    if (!read_time(c, micros) || !c.done()) return std::nullopt;
    return TimeOfDay{std::chrono::microseconds{micros}};
}

std::optional<LocalDateTime> parse_local_datetime(std::string_view text) noexcept {
    TextCursor c{text};
    std::int64_t micros = 0;
    bool has_time = false;
    if (!read_datetime(c, micros, has_time) || !c.done()) return std::nullopt;
    return LocalDateTime{std::chrono::microseconds{micros}};
}

std::optional<UtcDateTime> parse_utc_datetime(std::string_view text) noexcept {
    TextCursor c{text};
    std::int64_t micros = 0;
    bool has_time = false;
    if (!read_datetime(c, micros, has_time)) return std::nullopt;
    if (has_time && !c.done()) {
        std::int64_t offset = 0;
        if (c.eat('Z') || c.eat('z')) {
            // UTC
        } else {
            c.eat(' ');  // SQL Server: "2024-01-01 01:00:00.0000000 +01:00"
            const char sign = c.peek();
            if (sign != '+' && sign != '-') return std::nullopt;
            ++c.i;
            int h = 0, m = 0, s = 0;
            if (!c.fixed(2, h)) return std::nullopt;
            if (c.eat(':')) {
                if (!c.fixed(2, m)) return std::nullopt;
                if (c.eat(':') && !c.fixed(2, s)) return std::nullopt;
            } else if (!c.done() && !c.fixed(2, m)) {
                return std::nullopt;
            }
            if (h > 23 || m > 59 || s > 59) return std::nullopt;
            offset = h * micros_per_hour + m * micros_per_minute + s * micros_per_second;
            if (sign == '-') offset = -offset;
        }
        // 01:00+01:00 is 00:00 UTC.
        micros -= offset;
    }
    if (!c.done() || micros < first_micros || micros >= end_micros) return std::nullopt;
    return UtcDateTime{std::chrono::microseconds{micros}};
}

std::optional<std::chrono::microseconds> parse_interval(std::string_view text) noexcept {
    TextCursor c{text};
    const std::size_t p = (c.peek() == '-' || c.peek() == '+') ? 1 : 0;
    if (p < text.size() && text[p] == 'P') return parse_iso_duration(c);
    return parse_pg_interval(c);
}

}  // namespace sqla
