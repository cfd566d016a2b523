// sqla: types/value.cpp. Value rendering, conversions that parse or compute, JSON encoding; Params.
// SPDX-License-Identifier: MIT
module;
#include <boost/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

module sqla:types.value_impl;
import :errors.error;
import :types.scalars;
import :types.value;

namespace sqla {

std::string_view to_string(ValueKind kind) noexcept {
    switch (kind) {
        case ValueKind::null: return "NULL";
        case ValueKind::boolean: return "boolean";
        case ValueKind::integer: return "integer";
        case ValueKind::real: return "floating point";
        case ValueKind::text: return "text";
        case ValueKind::blob: return "bytes";
        case ValueKind::decimal: return "decimal";
        case ValueKind::date: return "date";
        case ValueKind::time: return "time";
        case ValueKind::datetime: return "datetime";
        case ValueKind::datetime_tz: return "datetime with time zone";
        case ValueKind::interval: return "interval";
        case ValueKind::uuid: return "UUID";
        case ValueKind::json: return "JSON";
    }
    return "unknown";
}

void Value::throw_unsigned_overflow(std::uint64_t v) {
    throw TypeError("unsigned value " + std::to_string(v) + " does not fit in a 64-bit signed SQL integer");
}

void Value::throw_mismatch(std::string_view wanted) const {
    if (is_null())
        throw TypeError("value is NULL, which " + std::string(wanted) + " cannot hold; read it as std::optional<" +
                        std::string(wanted) + ">");
    throw TypeError("cannot convert " + std::string(to_string(kind())) + " value " + repr() + " to " +
                    std::string(wanted));
}

void Value::throw_range(std::string_view wanted) const {
    throw TypeError("value " + repr() + " is out of range for " + std::string(wanted));
}

namespace {

// The text of a text value, or nullptr.
const std::string* text_of(const Value::Storage& v) { return std::get_if<std::string>(&v); }

std::string quoted(std::string_view s) {
    std::string out = "'";
    const std::size_t shown = s.size() > 200 ? 200 : s.size();
    for (std::size_t i = 0; i < shown; ++i) {
        out += s[i];
        if (s[i] == '\'') out += '\'';
    }
    if (shown < s.size()) out += "...";
    return out + "'";
}

// ISO text for repr(), which never throws: values outside what ISO text holds print their numbers.
template <class F>
std::string iso_or(F&& format, std::string fallback) {
    try {
        return "'" + format() + "'";
    } catch (const Error&) {
        return fallback;
    }
}

}  // namespace

std::int64_t Value::decimal_to_int64(std::string_view wanted) const {
    const auto& d = std::get<Decimal>(v_);
    if (auto n = d.to_int64()) return *n;
    if (d.rescaled(0) != d)
        throw TypeError("cannot convert decimal value " + repr() + " to " + std::string(wanted) +
                        ": it has a fractional part");
    throw_range(wanted);
}

Decimal Value::to_decimal() const {
    if (auto* i = std::get_if<std::int64_t>(&v_)) return Decimal(*i);
    if (auto* d = std::get_if<double>(&v_)) {
        try {
            return Decimal::from_double(*d);
        } catch (const ArgumentError& e) {
            throw TypeError("cannot convert floating point value " + repr() + " to sqla::Decimal: " + e.what());
        }
    }
    if (auto* s = text_of(v_)) {
        if (auto d = Decimal::parse(*s)) return *d;
        throw TypeError("cannot convert text value " + repr() + " to sqla::Decimal: it is not a decimal number");
    }
    throw_mismatch("sqla::Decimal");
}

std::chrono::year_month_day Value::to_date() const {
    if (auto* s = text_of(v_)) {
        if (auto d = parse_date(*s)) return *d;
        throw TypeError("cannot convert text value " + repr() +
                        " to std::chrono::year_month_day: it is not an ISO 8601 date (YYYY-MM-DD)");
    }
    throw_mismatch("std::chrono::year_month_day");
}

TimeOfDay Value::to_time() const {
    if (auto* s = text_of(v_)) {
        if (auto t = parse_time(*s)) return *t;
        throw TypeError("cannot convert text value " + repr() +
                        " to sqla::TimeOfDay: it is not an ISO 8601 time (HH:MM[:SS[.ffffff]])");
    }
    throw_mismatch("sqla::TimeOfDay");
}

LocalDateTime Value::to_local_datetime() const {
    if (auto* d = std::get_if<std::chrono::year_month_day>(&v_)) {
        if (!d->ok()) throw_range("sqla::LocalDateTime");
        return LocalDateTime{std::chrono::local_days{*d}};
    }
    if (auto* s = text_of(v_)) {
        if (auto t = parse_local_datetime(*s)) return *t;
        throw TypeError("cannot convert text value " + repr() +
                        " to sqla::LocalDateTime: it is not an ISO 8601 datetime without time zone");
    }
    throw_mismatch("sqla::LocalDateTime");
}

UtcDateTime Value::to_utc_datetime() const {
    if (auto* s = text_of(v_)) {
        if (parse_local_datetime(*s))
            throw TypeError("cannot convert text value " + repr() +
                            " to sqla::UtcDateTime: it has no UTC offset (read it as sqla::LocalDateTime)");
        if (auto t = parse_utc_datetime(*s)) return *t;
        throw TypeError("cannot convert text value " + repr() +
                        " to sqla::UtcDateTime: it is not an ISO 8601 datetime with a UTC offset");
    }
    throw_mismatch("sqla::UtcDateTime");
}

std::chrono::microseconds Value::to_interval() const {
    if (auto* s = text_of(v_)) {
        if (auto d = parse_interval(*s)) return *d;
        throw TypeError("cannot convert text value " + repr() + " to std::chrono::microseconds: it is not an interval");
    }
    throw_mismatch("std::chrono::microseconds");
}

UuidValue Value::to_uuid() const {
    if (auto* s = text_of(v_)) {
        if (auto u = UuidValue::parse(*s)) return *u;
        throw TypeError("cannot convert text value " + repr() + " to sqla::UuidValue: it is not a UUID");
    }
    if (auto* b = std::get_if<Bytes>(&v_)) {
        if (b->size() == 16) return UuidValue::from_bytes(*b);
        throw TypeError("cannot convert bytes value " + repr() + " to sqla::UuidValue: a UUID is 16 bytes, not " +
                        std::to_string(b->size()));
    }
    throw_mismatch("sqla::UuidValue");
}

boost::json::value Value::to_json_document() const {
    if (auto* s = text_of(v_)) {
        boost::system::error_code ec;
        auto doc = boost::json::parse(*s, ec);
        if (!ec) return doc;
        throw TypeError("cannot convert text value " + repr() + " to boost::json::value: it is not JSON (" +
                        ec.message() + ")");
    }
    throw_mismatch("boost::json::value");
}

boost::json::value Value::to_json() const {
    struct Visitor {
        const Value& self;
        boost::json::value operator()(std::monostate) const { return nullptr; }
        boost::json::value operator()(bool b) const { return b; }
        boost::json::value operator()(std::int64_t i) const { return i; }
        boost::json::value operator()(double d) const { return d; }
        boost::json::value operator()(const std::string& s) const { return boost::json::string(s); }
        boost::json::value operator()(const Bytes&) const {
            throw TypeError("cannot encode bytes value " + self.repr() + " as JSON");
        }
        boost::json::value operator()(const Decimal& d) const {
            if (auto i = d.to_int64()) return *i;
            const double x = d.to_double();
            if (std::isfinite(x) && Decimal::from_double(x) == d) return x;
            throw TypeError("cannot encode decimal value " + d.to_string() +
                            " as JSON: no JSON number (a double) holds it exactly");
        }
        boost::json::value operator()(std::chrono::year_month_day d) const { return boost::json::string(to_iso(d)); }
        boost::json::value operator()(TimeOfDay t) const { return boost::json::string(to_iso(t)); }
        boost::json::value operator()(LocalDateTime t) const { return boost::json::string(to_iso(t, 'T')); }
        boost::json::value operator()(UtcDateTime t) const { return boost::json::string(to_iso(t, 'T')); }
        boost::json::value operator()(std::chrono::microseconds d) const { return boost::json::string(to_iso(d)); }
        boost::json::value operator()(const UuidValue& u) const { return boost::json::string(u.to_string()); }
        boost::json::value operator()(const boost::json::value& j) const { return j; }
    };
    return std::visit(Visitor{*this}, v_);
}

std::string Value::repr() const {
    struct Visitor {
        std::string operator()(std::monostate) const { return "NULL"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", d);
            return buf;
        }
        std::string operator()(const std::string& s) const { return quoted(s); }
        std::string operator()(const Bytes& b) const {
            static constexpr char hex[] = "0123456789abcdef";
            std::string out = "x'";
            const std::size_t shown = b.size() > 32 ? 32 : b.size();
            for (std::size_t i = 0; i < shown; ++i) {
                auto c = static_cast<unsigned char>(b[i]);
                out += hex[c >> 4];
                out += hex[c & 15];
            }
            if (shown < b.size()) out += "...";
            return out + "'";
        }
        std::string operator()(const Decimal& d) const { return d.to_string(); }
        std::string operator()(std::chrono::year_month_day d) const {
            return iso_or([&] { return to_iso(d); }, "date(" + std::to_string(static_cast<int>(d.year())) + ", " +
                                                         std::to_string(static_cast<unsigned>(d.month())) + ", " +
                                                         std::to_string(static_cast<unsigned>(d.day())) + ")");
        }
        std::string operator()(TimeOfDay t) const {
            return iso_or([&] { return to_iso(t); }, "time(" + std::to_string(t.since_midnight.count()) + "us)");
        }
        std::string operator()(LocalDateTime t) const {
            return iso_or([&] { return to_iso(t); },
                          "datetime(" + std::to_string(t.time_since_epoch().count()) + "us since 1970)");
        }
        std::string operator()(UtcDateTime t) const {
            return iso_or([&] { return to_iso(t); },
                          "datetime(" + std::to_string(t.time_since_epoch().count()) + "us since 1970 UTC)");
        }
        std::string operator()(std::chrono::microseconds d) const { return "'" + to_iso(d) + "'"; }
        std::string operator()(const UuidValue& u) const { return "'" + u.to_string() + "'"; }
        std::string operator()(const boost::json::value& j) const {
            std::string text = boost::json::serialize(j);
            if (text.size() > 200) text = text.substr(0, 200) + "...";
            return text;
        }
    };
    return std::visit(Visitor{}, v_);
}

void Params::build_index() {
    index_.reserve(items_.size() * 2);
    for (std::size_t i = 0; i < items_.size(); ++i) index_.emplace(items_[i].first, i);
}

Params& Params::set(std::string_view name, Value value) {
    if (Value* existing = find(name)) {
        *existing = std::move(value);
        return *this;
    }
    // Statements take a few parameters: room for four at the first, not three reallocations.
    if (items_.empty()) items_.reserve(4);
    items_.emplace_back(std::string(name), std::move(value));
    if (!index_.empty())
        index_.emplace(items_.back().first, items_.size() - 1);
    else if (items_.size() > index_threshold)
        build_index();
    return *this;
}

const Value* Params::find(std::string_view name) const noexcept {
    if (!index_.empty()) {
        auto it = index_.find(name);
        return it == index_.end() ? nullptr : &items_[it->second].second;
    }
    for (const auto& [k, v] : items_)
        if (k == name) return &v;
    return nullptr;
}

Value* Params::find(std::string_view name) noexcept {
    return const_cast<Value*>(std::as_const(*this).find(name));
}

}  // namespace sqla
