// sqla: plugins/mysql/values.cpp. Column values from the text the MySQL C API gives.
// SPDX-License-Identifier: MIT
#include <mysql.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

import sqla;

#include "mysql_values.hpp"

namespace sqla::mysql {

void set_unsigned(std::uint64_t u, Value& out) {
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) out.set_int(static_cast<std::int64_t>(u));
    else out = Value(*Decimal::parse(std::to_string(u)));
}

void set_bits(std::string_view bytes, Value& out) {
    std::uint64_t v = 0;
    for (char c : bytes) v = (v << 8) | static_cast<unsigned char>(c);
    set_unsigned(v, out);
}

std::optional<std::chrono::microseconds> parse_mysql_time(std::string_view s) noexcept {
    const bool neg = s.starts_with('-');
    if (neg) s.remove_prefix(1);
    const auto c1 = s.find(':');
    if (c1 == std::string_view::npos || s.size() < c1 + 6 || s[c1 + 3] != ':') return std::nullopt;
    std::int64_t h = 0, m = 0, sec = 0, frac = 0;
    auto num = [](std::string_view t, std::int64_t& v) {
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        return ec == std::errc{} && end == t.data() + t.size() && v >= 0;
    };
    // MySQL's TIME spans -838:59:59 to 838:59:59; a bound on the hours keeps the arithmetic
    // below in range for whatever text comes.
    if (!num(s.substr(0, c1), h) || !num(s.substr(c1 + 1, 2), m) || !num(s.substr(c1 + 4, 2), sec)) return std::nullopt;
    if (h > 1'000'000 || m > 59 || sec > 59) return std::nullopt;
    if (s.size() > c1 + 6) {
        if (s[c1 + 6] != '.') return std::nullopt;
        std::string digits(s.substr(c1 + 7, 6));
        digits.resize(6, '0');
        if (!num(digits, frac)) return std::nullopt;
    }
    const std::int64_t us = ((h * 60 + m) * 60 + sec) * 1'000'000 + frac;
    return std::chrono::microseconds{neg ? -us : us};
}

void read_text(const ColumnType& c, std::string_view s, Value& out) {
    switch (c.type) {
        case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_LONG: case MYSQL_TYPE_INT24:
        case MYSQL_TYPE_LONGLONG: case MYSQL_TYPE_YEAR: {
            if (c.is_unsigned) {
                std::uint64_t u = 0;
                if (std::from_chars(s.data(), s.data() + s.size(), u).ec == std::errc{}) return set_unsigned(u, out);
            } else {
                std::int64_t i = 0;
                if (std::from_chars(s.data(), s.data() + s.size(), i).ec == std::errc{}) return out.set_int(i);
            }
            break;
        }
        case MYSQL_TYPE_FLOAT: case MYSQL_TYPE_DOUBLE: {
            double d = 0;
            if (std::from_chars(s.data(), s.data() + s.size(), d).ec == std::errc{}) return out.set_double(d);
            break;
        }
        case MYSQL_TYPE_DECIMAL: case MYSQL_TYPE_NEWDECIMAL:
            if (auto d = Decimal::parse(s)) return void(out = Value(std::move(*d)));
            break;
        case MYSQL_TYPE_DATE: case MYSQL_TYPE_NEWDATE:
            if (auto d = parse_date(s)) return void(out = Value(*d));
            break;
        case MYSQL_TYPE_DATETIME: case MYSQL_TYPE_TIMESTAMP:
            if (auto t = parse_local_datetime(s)) return void(out = Value(*t));
            break;
        case MYSQL_TYPE_TIME:
            if (auto t = parse_mysql_time(s)) return void(out = Value(*t));
            break;
        case MYSQL_TYPE_BIT: return set_bits(s, out);
        default:
            if (c.binary) {
                const auto* p = reinterpret_cast<const std::byte*>(s.data());
                return void(out = Value(Bytes(p, p + s.size())));
            }
            break;
    }
    // Text, and what has no value of its own (zero dates "0000-00-00").
    out.set_text(s);
}

}  // namespace sqla::mysql
