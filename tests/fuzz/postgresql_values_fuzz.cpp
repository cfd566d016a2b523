// sqla: tests/fuzz/postgresql_values_fuzz.cpp. What the libpq driver reads from the server:
// column values in text format for every built-in type it knows, in binary format for the
// types it reads so, and reflected type names (format_type). Text format reads any text
// without throwing, and a value read prints as parameter text (param_text) that reads back to
// the same value; binary format reads any bytes or throws DriverError. The first byte picks
// the type and format; the rest is the column's text or bytes.
// SPDX-License-Identifier: MIT
#include <libpq-fe.h>

#include "fuzz_check.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

import sqla;

#include "libpq_values.hpp"
#include "postgresql_plugin.hpp"

using sqla_fuzz::check;
namespace oid = sqla::postgresql::oid;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto text = sqla_fuzz::as_text(data + 1, size - 1);
    static constexpr Oid types[] = {oid::boolean, oid::bytea,  oid::int8,      oid::int2,        oid::int4,
                                    oid::text,    oid::oid,    oid::json,      oid::float4,      oid::float8,
                                    oid::bpchar,  oid::date,   oid::time,      oid::timestamp,   oid::timestamptz,
                                    oid::interval, oid::numeric, oid::uuid,   oid::jsonb,       oid::varchar};
    constexpr unsigned n = sizeof types / sizeof types[0];
    const unsigned pick = (data[0] & 0x7f) % (n + 1);  // the top bit picks binary format
    if (pick == n) {
        (void)sqla::postgresql::pg_type_from_sql(text, {{"mood", {"sad", "ok"}}}).repr();
        return 0;
    }
    const Oid type = types[pick];
    sqla::Value v;
    if (data[0] & 0x80) {
        if (!sqla::postgresql::binary_readable(type)) return 0;
        try {
            sqla::postgresql::read_binary_value(type, text, v);
        } catch (const sqla::DriverError&) {
        }
        return 0;
    }
    sqla::postgresql::read_value(type, text, v);
    check(v.kind() != sqla::ValueKind::null, "a column value read from text is not NULL");
    switch (v.kind()) {
        case sqla::ValueKind::integer:
        case sqla::ValueKind::decimal:
        case sqla::ValueKind::date:
        case sqla::ValueKind::time:
        case sqla::ValueKind::datetime:
        case sqla::ValueKind::datetime_tz:
        case sqla::ValueKind::uuid:
        case sqla::ValueKind::boolean: {
            std::string printed;
            try {
                printed = sqla::postgresql::param_text(v);
            } catch (const sqla::ArgumentError&) {
                return 0;  // a timestamptz whose offset carries it outside years 0..9999
            }
            sqla::Value again;
            sqla::postgresql::read_value(type, printed, again);
            check(again == v, "a value read prints as parameter text that reads back the same", printed);
            break;
        }
        default: break;
    }
    return 0;
}
