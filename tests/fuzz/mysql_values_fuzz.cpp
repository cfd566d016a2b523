// sqla: tests/fuzz/mysql_values_fuzz.cpp. What the MySQL plugin reads from the text the C API
// hands back: column values of every type the text protocol (and the binary protocol's
// strings, decimals and bits) delivers, TIME text as an interval, and reflected column types
// (information_schema's COLUMN_TYPE). None may crash or throw on any text. The first byte
// picks the column type; the rest is the text.
// SPDX-License-Identifier: MIT
#include <mysql.h>

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

#include "mysql_plugin.hpp"
#include "mysql_values.hpp"

using sqla_fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto text = sqla_fuzz::as_text(data + 1, size - 1);
    static constexpr enum_field_types types[] = {
        MYSQL_TYPE_TINY, MYSQL_TYPE_SHORT, MYSQL_TYPE_LONG, MYSQL_TYPE_INT24, MYSQL_TYPE_LONGLONG,
        MYSQL_TYPE_YEAR, MYSQL_TYPE_FLOAT, MYSQL_TYPE_DOUBLE, MYSQL_TYPE_DECIMAL, MYSQL_TYPE_NEWDECIMAL,
        MYSQL_TYPE_DATE, MYSQL_TYPE_NEWDATE, MYSQL_TYPE_DATETIME, MYSQL_TYPE_TIMESTAMP, MYSQL_TYPE_TIME,
        MYSQL_TYPE_BIT, MYSQL_TYPE_STRING, MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_BLOB, MYSQL_TYPE_JSON};
    constexpr unsigned n = sizeof types / sizeof types[0];
    const unsigned pick = (data[0] & 0x3f) % (n + 1);  // the top bits are flags
    if (pick == n) {
        (void)sqla::mysql::mysql_type_from_sql(text).repr();
        return 0;
    }
    const sqla::mysql::ColumnType column{types[pick], (data[0] & 0x40) != 0, (data[0] & 0x80) != 0};
    sqla::Value v;
    sqla::mysql::read_text(column, text, v);
    check(v.kind() != sqla::ValueKind::null, "a column value read from text is not NULL");
    if (types[pick] == MYSQL_TYPE_TIME)
        if (auto t = sqla::mysql::parse_mysql_time(text)) check(v == sqla::Value(*t), "TIME reads as its interval");
    return 0;
}
