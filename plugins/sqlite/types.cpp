// sqla: plugins/sqlite/types.cpp. SQLite's bind and result processing per SQL type, in the
// storage formats of SQLAlchemy's SQLite types (sqlalchemy/dialects/sqlite/base.py).
// SPDX-License-Identifier: MIT
//
// SQLite has no date, time, decimal, boolean, UUID or JSON storage class: the driver binds such
// values as text (ISO 8601, decimal digits, 32 hex digits, serialized JSON) or integers (0/1),
// and the processors below turn what comes back into the column type's values again.
#include <map>
#include <vector>
#include <boost/json.hpp>
#include <sqlite3.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

import sqla;

#include "sqlite_plugin.hpp"

namespace sqla::sqlite {
namespace {

const std::string* text_of(const Value& v) { return std::get_if<std::string>(&v.storage()); }

// DATE: "2024-02-29". Like SQLAlchemy's regex, a date followed by a time reads as its date.
void date_result(Value& v) {
    const std::string* s = text_of(v);
    if (!s) return;
    std::string_view t = *s;
    if (t.size() > 10 && (t[10] == ' ' || t[10] == 'T')) t = t.substr(0, 10);
    if (auto d = parse_date(t)) v = Value(*d);
}

// TIME: "13:05:09.000000".
void time_result(Value& v) {
    if (const std::string* s = text_of(v))
        if (auto t = parse_time(*s)) v = Value(*t);
}

// DATETIME: "2024-02-29 13:05:09.000000" (also without fraction, or with 'T').
void datetime_result(Value& v) {
    if (const std::string* s = text_of(v))
        if (auto t = parse_local_datetime(*s)) v = Value(*t);
}

// DATETIME with timezone=True: "2024-02-29 13:05:09.000000+00:00"; without an offset, UTC
// (what SQLite's own CURRENT_TIMESTAMP writes).
void datetime_tz_result(Value& v) {
    if (const std::string* s = text_of(v))
        if (auto t = parse_utc_datetime(*s)) v = Value(*t);
}

// Interval, without a native type: a DATETIME holding 1970-01-01 00:00:00 + the interval
// (SQLAlchemy's Interval over its DateTime impl).
void interval_result(Value& v) {
    if (const std::string* s = text_of(v))
        if (auto t = parse_local_datetime(*s)) v = Value(*t - LocalDateTime{});
}

// BOOLEAN: 0 and 1.
void boolean_result(Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v.storage()))
        if (*i == 0 || *i == 1) v = Value(*i == 1);
}

// Uuid: CHAR(32) of hex digits (any form UuidValue reads), or 16 bytes.
void uuid_result(Value& v) {
    if (const std::string* s = text_of(v)) {
        if (auto u = UuidValue::parse(*s)) v = Value(*u);
    } else if (const auto* b = std::get_if<Bytes>(&v.storage())) {
        if (b->size() == 16) v = Value(UuidValue::from_bytes(*b));
    }
}

// JSON: the serialized document. The column's NUMERIC affinity turns a document that is a
// bare number into an INTEGER or REAL; those read as JSON numbers.
void json_result(Value& v) {
    const auto& st = v.storage();
    if (const std::string* s = text_of(v)) {
        boost::system::error_code ec;
        auto doc = boost::json::parse(*s, ec);
        if (!ec) v = Value(std::move(doc));
    } else if (const auto* i = std::get_if<std::int64_t>(&st)) {
        v = Value(boost::json::value(*i));
    } else if (const auto* d = std::get_if<double>(&st)) {
        v = Value(boost::json::value(*d));
    }
}

// Numeric/Float with asdecimal: SQLAlchemy's to_decimal_processor_factory(Decimal, scale).
// INTEGER and TEXT are exact (widened to the column's scale); a REAL is read as the shortest
// decimal that is that double, then quantized to the column's scale, 10 when it has none
// (SQLAlchemy's default_scale / decimal_return_scale).
ResultProcessor decimal_result(std::optional<int> column_scale) {
    const int scale = column_scale.value_or(10);
    return [scale, exact_scale = column_scale.value_or(0)](Value& v) {
        const auto& st = v.storage();
        if (const auto* i = std::get_if<std::int64_t>(&st)) {
            v = Value(Decimal(*i).rescaled(exact_scale));
        } else if (const auto* d = std::get_if<double>(&st)) {
            if (std::isfinite(*d)) v = Value(Decimal::from_double(*d).rescaled(scale));
        } else if (const std::string* s = text_of(v)) {
            if (auto m = Decimal::parse(*s)) v = Value(m->scale() < exact_scale ? m->rescaled(exact_scale) : *m);
        }
    };
}

// Numeric(asdecimal=False): doubles.
void double_result(Value& v) {
    const auto& st = v.storage();
    if (const auto* i = std::get_if<std::int64_t>(&st)) {
        v = Value(static_cast<double>(*i));
    } else if (const std::string* s = text_of(v)) {
        if (auto m = Decimal::parse(*s)) v = Value(m->to_double());
    }
}

// Numeric binds. SQLite's NUMERIC affinity stores a number as a 64-bit INTEGER or a REAL (a
// double, about 15 significant digits): decimal text that neither holds exactly is rounded
// silently (the SQLite documentation's "lossless and reversible" rule went away in 2019).
// So a Decimal goes in as the integer or double that holds it exactly, after quantizing to the
// column's scale as a NUMERIC(p, s) column does; one that neither holds is refused.
BindProcessor decimal_bind(std::optional<int> column_scale) {
    return [column_scale](Value& v) {
        auto* d = std::get_if<Decimal>(&v.storage());
        if (!d) return;
        Decimal m = column_scale && d->scale() > *column_scale ? d->rescaled(*column_scale) : *d;
        if (auto i = m.to_int64()) {
            v = Value(*i);
            return;
        }
        const double x = m.to_double();
        if (std::isfinite(x) && Decimal::from_double(x) == m) {
            v = Value(x);
            return;
        }
        throw ArgumentError("decimal " + m.to_string() +
                            " cannot be stored exactly in a SQLite NUMERIC column, which keeps numbers as 64-bit "
                            "integers or doubles (about 15 significant digits); store it as text (a String column, "
                            "or a TypeDecorator over String)");
    };
}

// Float and Double are approximate: a Decimal becomes the nearest double.
void float_bind(Value& v) {
    if (auto* d = std::get_if<Decimal>(&v.storage())) v = Value(d->to_double());
}

}  // namespace

BindProcessor sqlite_bind_processor(const TypeEngine& type) {
    switch (type.kind()) {
        case TypeKind::numeric: return decimal_bind(type.scale());
        case TypeKind::float_:
        case TypeKind::double_: return float_bind;
        default: return {};
    }
}

ResultProcessor sqlite_result_processor(const TypeEngine& type) {
    switch (type.kind()) {
        case TypeKind::date: return date_result;
        case TypeKind::time: return time_result;
        case TypeKind::datetime: return type.timezone() ? datetime_tz_result : datetime_result;
        case TypeKind::interval: return interval_result;
        case TypeKind::boolean: return boolean_result;
        case TypeKind::uuid: return uuid_result;
        case TypeKind::json: return json_result;
        case TypeKind::numeric:
            if (type.details().asdecimal.value_or(true)) return decimal_result(type.scale());
            return double_result;
        case TypeKind::float_:
        case TypeKind::double_:
            if (type.details().asdecimal.value_or(false)) return decimal_result(type.scale());
            return {};
        default: return {};
    }
}

}  // namespace sqla::sqlite
