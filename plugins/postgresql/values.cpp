// sqla: plugins/postgresql/values.cpp. Values to and from PostgreSQL's text format, by type OID.
// SPDX-License-Identifier: MIT
#include <libpq-fe.h>

#include <boost/json.hpp>

#include <bit>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

import sqla;

#include "libpq_values.hpp"

namespace sqla::postgresql {

Oid param_type(const Value& value) noexcept {
    switch (value.kind()) {
        case ValueKind::boolean: return oid::boolean;
        case ValueKind::integer: {
            // int4 where it fits, as a literal would be typed: functions taking integer
            // (substr, generate_series...) have no bigint form and int8 does not cast implicitly.
            const auto i = std::get<std::int64_t>(value.storage());
            return i >= std::numeric_limits<std::int32_t>::min() && i <= std::numeric_limits<std::int32_t>::max()
                       ? oid::int4
                       : oid::int8;
        }
        case ValueKind::real: return oid::float8;
        case ValueKind::blob: return oid::bytea;
        case ValueKind::decimal: return oid::numeric;
        case ValueKind::date: return oid::date;
        case ValueKind::time: return oid::time;
        case ValueKind::datetime: return oid::timestamp;
        case ValueKind::datetime_tz: return oid::timestamptz;
        case ValueKind::interval: return oid::interval;
        case ValueKind::uuid: return oid::uuid;
        // Text, JSON and NULL: the server infers the type from where the parameter is used.
        default: return oid::unknown;
    }
}

bool param_binary(const Value& value) noexcept { return value.kind() == ValueKind::blob; }

std::string param_text(const Value& value) {
    const auto& v = value.storage();
    switch (value.kind()) {
        case ValueKind::boolean: return std::get<bool>(v) ? "t" : "f";
        case ValueKind::integer: return std::to_string(std::get<std::int64_t>(v));
        case ValueKind::real: {
            const double d = std::get<double>(v);
            if (std::isnan(d)) return "NaN";
            if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
            char buf[32];
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest round trip
            return std::string(buf, end);
        }
        case ValueKind::decimal: return std::get<Decimal>(v).to_string();
        case ValueKind::date: return to_iso(std::get<std::chrono::year_month_day>(v));
        case ValueKind::time: return to_iso(std::get<TimeOfDay>(v), true);
        case ValueKind::datetime: return to_iso(std::get<LocalDateTime>(v), ' ', true);
        case ValueKind::datetime_tz: return to_iso(std::get<UtcDateTime>(v), ' ', true);
        case ValueKind::interval: return to_iso(std::get<std::chrono::microseconds>(v));
        case ValueKind::uuid: return std::get<UuidValue>(v).to_string();
        case ValueKind::json: return boost::json::serialize(std::get<boost::json::value>(v));
        case ValueKind::text: return std::get<std::string>(v);
        default: return {};
    }
}

namespace {

template <class T>
bool parse_number(std::string_view s, T& out) noexcept {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && ptr == s.data() + s.size();
}

// a * b + c, or nullopt when int64 cannot hold it (intervals of more than about 292,000 years).
std::optional<std::int64_t> mul_add(std::int64_t a, std::int64_t b, std::int64_t c) noexcept {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r) || __builtin_add_overflow(r, c, &r)) return std::nullopt;
    return r;
}

int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// bytea in text format: "\x0a1b..." (bytea_output = hex, the default since 9.0), or the old
// escape format with \\ and \ooo octal escapes.
bool read_bytea(std::string_view s, Value& out) {
    Bytes bytes;
    if (s.starts_with("\\x")) {
        if (s.size() % 2 != 0) return false;
        bytes.reserve((s.size() - 2) / 2);
        for (std::size_t i = 2; i < s.size(); i += 2) {
            const int hi = hex_digit(s[i]), lo = hex_digit(s[i + 1]);
            if (hi < 0 || lo < 0) return false;
            bytes.push_back(static_cast<std::byte>(hi * 16 + lo));
        }
    } else {
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '\\') {
                bytes.push_back(static_cast<std::byte>(s[i]));
            } else if (i + 1 < s.size() && s[i + 1] == '\\') {
                bytes.push_back(std::byte{'\\'});
                ++i;
            } else if (i + 3 < s.size()) {
                const int v = (s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0');
                bytes.push_back(static_cast<std::byte>(v));
                i += 3;
            } else {
                return false;
            }
        }
    }
    out = Value(std::move(bytes));
    return true;
}

// PostgreSQL prints offsets as "+05", "+05:30" or "-03:30:15"; parse_utc_datetime reads
// "+HH:MM". The seconds of an offset only occur for historical local mean times.
std::optional<UtcDateTime> read_timestamptz(std::string_view s) {
    std::size_t sign = s.find_last_of("+-");
    if (sign == std::string_view::npos || sign < 10) return parse_utc_datetime(s);
    std::string_view offset = s.substr(sign + 1);
    std::string fixed(s.substr(0, sign + 1));
    int seconds = 0;
    if (offset.size() == 2) {
        fixed += std::string(offset) + ":00";
    } else if (offset.size() == 8 && offset[5] == ':') {
        fixed += std::string(offset.substr(0, 5));
        seconds = (offset[6] - '0') * 10 + (offset[7] - '0');
    } else {
        fixed += std::string(offset);
    }
    auto t = parse_utc_datetime(fixed);
    if (t && seconds) *t += std::chrono::seconds(s[sign] == '+' ? -seconds : seconds);
    return t;
}

}  // namespace

std::optional<std::chrono::microseconds> parse_postgres_interval(std::string_view s) noexcept {
    using namespace std::chrono;
    std::int64_t total = 0;  // microseconds
    std::size_t i = 0;
    auto skip_spaces = [&] {
        while (i < s.size() && s[i] == ' ') ++i;
    };
    bool any = false;
    while (true) {
        skip_spaces();
        if (i >= s.size()) break;
        // "[+-]HH:MM:SS[.ffffff]" or "[+-]N unit"
        bool negative = false;
        std::size_t start = i;
        if (s[i] == '+' || s[i] == '-') {
            negative = s[i] == '-';
            ++i;
        }
        std::size_t digits = i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        if (i == digits) return std::nullopt;
        std::int64_t n = 0;
        if (!parse_number(s.substr(digits, i - digits), n)) return std::nullopt;
        if (i < s.size() && s[i] == ':') {
            // A time part.
            std::int64_t minutes = 0, secs = 0, micros = 0;
            ++i;
            std::size_t m = i;
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
            if (!parse_number(s.substr(m, i - m), minutes)) return std::nullopt;
            if (i < s.size() && s[i] == ':') {
                ++i;
                std::size_t sec = i;
                while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
                if (!parse_number(s.substr(sec, i - sec), secs)) return std::nullopt;
                if (i < s.size() && s[i] == '.') {
                    ++i;
                    std::size_t f = i;
                    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
                    std::string frac(s.substr(f, i - f));
                    frac.resize(6, '0');
                    if (!parse_number(std::string_view(frac).substr(0, 6), micros)) return std::nullopt;
                }
            }
            auto t = mul_add(n, 60, minutes);
            if (t) t = mul_add(*t, 60, secs);
            if (t) t = mul_add(*t, 1'000'000, micros);
            if (!t || __builtin_add_overflow(total, negative ? -*t : *t, &total)) return std::nullopt;
            any = true;
            continue;
        }
        (void)start;
        skip_spaces();
        std::size_t u = i;
        while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
        const std::string_view unit = s.substr(u, i - u);
        std::int64_t per;
        if (unit == "year" || unit == "years") per = 31'557'600'000'000;  // 365.25 days
        else if (unit == "mon" || unit == "mons") per = 2'592'000'000'000;  // 30 days
        else if (unit == "day" || unit == "days") per = 86'400'000'000;
        else return std::nullopt;
        const auto part = mul_add(negative ? -n : n, per, total);
        if (!part) return std::nullopt;
        total = *part;
        any = true;
    }
    if (!any) return std::nullopt;
    return microseconds(total);
}

void read_value(Oid type, std::string_view s, Value& out) {
    switch (type) {
        case oid::int2:
        case oid::int4:
        case oid::int8:
        case oid::oid: {
            std::int64_t i = 0;
            if (parse_number(s, i)) {
                out.set_int(i);
                return;
            }
            break;
        }
        case oid::float4:
        case oid::float8: {
            double d = 0;
            if (s == "NaN") d = std::numeric_limits<double>::quiet_NaN();
            else if (s == "Infinity") d = std::numeric_limits<double>::infinity();
            else if (s == "-Infinity") d = -std::numeric_limits<double>::infinity();
            else if (!parse_number(s, d)) break;
            out.set_double(d);
            return;
        }
        case oid::boolean: out = Value(s == "t"); return;
        case oid::numeric:
            if (auto d = Decimal::parse(s)) {
                out = Value(std::move(*d));
                return;
            }
            if (s == "NaN") {
                out.set_double(std::numeric_limits<double>::quiet_NaN());
                return;
            }
            break;
        case oid::bytea:
            if (read_bytea(s, out)) return;
            break;
        case oid::date:
            if (auto d = parse_date(s)) {
                out = Value(*d);
                return;
            }
            break;
        case oid::time:
            if (auto t = parse_time(s)) {
                out = Value(*t);
                return;
            }
            break;
        case oid::timestamp:
            if (auto t = parse_local_datetime(s)) {
                out = Value(*t);
                return;
            }
            break;
        case oid::timestamptz:
            if (auto t = read_timestamptz(s)) {
                out = Value(*t);
                return;
            }
            break;
        case oid::interval:
            if (auto d = parse_postgres_interval(s)) {
                out = Value(*d);
                return;
            }
            break;
        case oid::uuid:
            if (auto u = UuidValue::parse(s)) {
                out = Value(*u);
                return;
            }
            break;
        case oid::json:
        case oid::jsonb: {
            boost::system::error_code ec;
            auto j = boost::json::parse(s, ec);
            if (!ec) {
                out = Value(std::move(j));
                return;
            }
            break;
        }
        default: break;
    }
    // Text types, and what has no value of its own ("infinity" dates, enums, arrays...).
    out.set_text(s);
}

bool binary_readable(Oid type) noexcept {
    switch (type) {
        case oid::boolean: case oid::bytea: case oid::name: case oid::int8: case oid::int2: case oid::int4:
        case oid::text: case oid::oid: case oid::json: case oid::float4: case oid::float8: case oid::bpchar:
        case oid::varchar: case oid::date: case oid::time: case oid::timestamp: case oid::timestamptz:
        case oid::interval: case oid::numeric: case oid::uuid: case oid::jsonb:
            return true;
        default: return false;
    }
}

bool binary_pays(Oid type) noexcept {
    switch (type) {
        case oid::bytea: case oid::date: case oid::time: case oid::timestamp: case oid::timestamptz:
        case oid::interval: case oid::uuid:
            return true;
        default: return false;
    }
}

namespace {

// Big-endian integers of PostgreSQL's binary formats.
template <class T>
T big_endian(std::string_view bytes, std::size_t at) {
    using U = std::make_unsigned_t<T>;
    if (at + sizeof(T) > bytes.size())
        throw DriverError(DBAPIErrorKind::data_error, "libpq: a binary value is shorter than its type");
    U v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) v = static_cast<U>((v << 8) | static_cast<unsigned char>(bytes[at + i]));
    return static_cast<T>(v);
}

// Days and microseconds in PostgreSQL's binary dates and timestamps count from 2000-01-01.
constexpr std::chrono::sys_days postgres_epoch = std::chrono::sys_days{std::chrono::year{2000} / 1 / 1};

// NUMERIC's binary form: base-10000 digits with a weight (the power of the first digit), a
// sign and the display scale; rendered as the decimal text Decimal parses.
void read_binary_numeric(std::string_view b, Value& out) {
    const auto ndigits = big_endian<std::int16_t>(b, 0);
    const auto weight = big_endian<std::int16_t>(b, 2);
    const auto sign = static_cast<std::uint16_t>(big_endian<std::int16_t>(b, 4));
    const auto dscale = big_endian<std::int16_t>(b, 6);
    if (sign == 0xC000) return out.set_double(std::numeric_limits<double>::quiet_NaN());
    if (sign == 0xD000) return out.set_double(std::numeric_limits<double>::infinity());
    if (sign == 0xF000) return out.set_double(-std::numeric_limits<double>::infinity());
    auto digit = [&](int i) -> int { return i >= 0 && i < ndigits ? big_endian<std::int16_t>(b, 8 + 2 * static_cast<std::size_t>(i)) : 0; };
    std::string text = sign == 0x4000 ? "-" : "";
    if (weight < 0) {
        text += '0';
    } else {
        for (int i = 0; i <= weight; ++i) {
            char group[5];
            std::snprintf(group, sizeof group, i == 0 ? "%d" : "%04d", digit(i));
            text += group;
        }
    }
    if (dscale > 0) {
        text += '.';
        std::string fraction;
        for (int i = weight + 1; static_cast<int>(fraction.size()) < dscale; ++i) {
            char group[5];
            std::snprintf(group, sizeof group, "%04d", digit(i));
            fraction += group;
        }
        text += fraction.substr(0, static_cast<std::size_t>(dscale));
    }
    auto d = Decimal::parse(text);
    if (!d) throw DriverError(DBAPIErrorKind::data_error, "libpq: unreadable binary numeric");
    out = Value(std::move(*d));
}

}  // namespace

void read_binary_value(Oid type, std::string_view b, Value& out) {
    using namespace std::chrono;
    switch (type) {
        case oid::boolean: out = Value(!b.empty() && b[0] != 0); return;
        case oid::int2: out.set_int(big_endian<std::int16_t>(b, 0)); return;
        case oid::int4: out.set_int(big_endian<std::int32_t>(b, 0)); return;
        case oid::int8: out.set_int(big_endian<std::int64_t>(b, 0)); return;
        case oid::oid: out.set_int(static_cast<std::uint32_t>(big_endian<std::int32_t>(b, 0))); return;
        case oid::float4: {
            // Through the float's shortest text, as the text format gives it: real 0.1 reads as
            // the double 0.1, not 0.100000001490116.
            const float f = std::bit_cast<float>(static_cast<std::uint32_t>(big_endian<std::int32_t>(b, 0)));
            if (!std::isfinite(f)) return out.set_double(f);
            char text[32];
            const auto end = std::to_chars(text, text + sizeof text, f).ptr;
            double d = 0;
            std::from_chars(text, end, d);
            out.set_double(d);
            return;
        }
        case oid::float8: out.set_double(std::bit_cast<double>(static_cast<std::uint64_t>(big_endian<std::int64_t>(b, 0)))); return;
        case oid::bytea: {
            const auto* p = reinterpret_cast<const std::byte*>(b.data());
            out = Value(Bytes(p, p + b.size()));
            return;
        }
        case oid::numeric: return read_binary_numeric(b, out);
        case oid::date: {
            const auto days = big_endian<std::int32_t>(b, 0);
            if (days == std::numeric_limits<std::int32_t>::max()) return out.set_text("infinity");
            if (days == std::numeric_limits<std::int32_t>::min()) return out.set_text("-infinity");
            out = Value(year_month_day{postgres_epoch + std::chrono::days{days}});
            return;
        }
        case oid::time: out = Value(TimeOfDay{microseconds{big_endian<std::int64_t>(b, 0)}}); return;
        case oid::timestamp:
        case oid::timestamptz: {
            const auto us = big_endian<std::int64_t>(b, 0);
            if (us == std::numeric_limits<std::int64_t>::max()) return out.set_text("infinity");
            if (us == std::numeric_limits<std::int64_t>::min()) return out.set_text("-infinity");
            // Microseconds since 2000 that, counted from 1970, overflow (PostgreSQL goes to 294276 AD).
            constexpr std::int64_t epoch_us = 946'684'800'000'000;
            if (us > std::numeric_limits<std::int64_t>::max() - epoch_us)
                throw DriverError(DBAPIErrorKind::data_error,
                                  "libpq: a timestamp beyond year 262000 does not fit in microseconds since 1970");
            const UtcDateTime at = time_point_cast<microseconds>(sys_time<microseconds>(postgres_epoch) + microseconds{us});
            if (type == oid::timestamptz) out = Value(at);
            else out = Value(LocalDateTime{at.time_since_epoch()});
            return;
        }
        case oid::interval: {
            // A month counts 30 days and a year 365.25, as parse_postgres_interval (and EXTRACT(EPOCH)).
            const auto us = big_endian<std::int64_t>(b, 0);
            const auto days = big_endian<std::int32_t>(b, 8);
            const auto months = big_endian<std::int32_t>(b, 12);
            const std::int64_t day_us = 86'400'000'000;
            auto total = mul_add(days, day_us, us);
            if (total) total = mul_add(months / 12, day_us * 36525 / 100, *total);
            if (total) total = mul_add(months % 12, 30 * day_us, *total);
            if (!total)
                throw DriverError(DBAPIErrorKind::data_error,
                                  "libpq: an interval of " + std::to_string(months) + " months, " +
                                      std::to_string(days) + " days and " + std::to_string(us) +
                                      " microseconds is beyond what microseconds in 64 bits hold (about 292,000 years)");
            out = Value(microseconds{*total});
            return;
        }
        case oid::uuid: {
            if (b.size() != 16) throw DriverError(DBAPIErrorKind::data_error, "libpq: a binary uuid is not 16 bytes");
            UuidValue::Bytes16 bytes{};
            for (std::size_t i = 0; i < 16; ++i) bytes[i] = static_cast<std::uint8_t>(b[i]);
            out = Value(UuidValue(bytes));
            return;
        }
        case oid::jsonb:
            // Version 1 of jsonb's binary form: a version byte, then the JSON text.
            if (b.empty() || b[0] != 1) throw DriverError(DBAPIErrorKind::data_error, "libpq: unknown binary jsonb version");
            return read_value(oid::jsonb, b.substr(1), out);
        default:
            // Text types (text, varchar, bpchar, name, json) are the same bytes in both formats.
            return read_value(type, b, out);
    }
}

std::string_view type_name(Oid type) noexcept {
    switch (type) {
        case oid::boolean: return "bool";
        case oid::bytea: return "bytea";
        case oid::name: return "name";
        case oid::int8: return "int8";
        case oid::int2: return "int2";
        case oid::int4: return "int4";
        case oid::text: return "text";
        case oid::oid: return "oid";
        case oid::json: return "json";
        case oid::float4: return "float4";
        case oid::float8: return "float8";
        case oid::bpchar: return "bpchar";
        case oid::varchar: return "varchar";
        case oid::date: return "date";
        case oid::time: return "time";
        case oid::timestamp: return "timestamp";
        case oid::timestamptz: return "timestamptz";
        case oid::interval: return "interval";
        case oid::numeric: return "numeric";
        case oid::uuid: return "uuid";
        case oid::jsonb: return "jsonb";
        default: return {};
    }
}

}  // namespace sqla::postgresql
