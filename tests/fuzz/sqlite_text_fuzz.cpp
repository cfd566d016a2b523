// sqla: tests/fuzz/sqlite_text_fuzz.cpp. What the SQLite plugin reads from text the database
// hands back: a table's CREATE TABLE text (reflection), a declared column type (reflection),
// and the result processors that turn stored text into dates, times, intervals, UUIDs, JSON
// and decimals. None may crash or throw on any text; a processor leaves text it cannot read
// as it was. The first byte picks the reader; the rest is the text.
// SPDX-License-Identifier: MIT
#include <sqlite3.h>

#include "fuzz_check.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

import sqla;

#include "sqlite_plugin.hpp"

using sqla_fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto text = sqla_fuzz::as_text(data + 1, size - 1);
    static const std::vector<sqla::TypeEngine> types = {
        sqla::Date{}, sqla::Time{}, sqla::DateTime{}, sqla::DateTime{.timezone = true}, sqla::Interval{},
        sqla::Uuid{}, sqla::JSON{}, sqla::Numeric{10, 2}, sqla::Numeric{}, sqla::Boolean{}};
    const unsigned pick = data[0] % (2 + types.size());
    if (pick == 0) {
        const auto parsed = sqla::sqlite::parse_table_sql(text);
        for (const auto& fk : parsed.fks) (void)fk.ref_table.size();
    } else if (pick == 1) {
        (void)sqla::sqlite::sqlite_type_from_sql(text).repr();
    } else {
        const auto& type = types[pick - 2];
        const auto process = sqla::sqlite::sqlite_result_processor(type);
        check(static_cast<bool>(process), "these types have result processors", type.repr());
        sqla::Value v{std::string(text)};
        process(v);
        check(v.kind() != sqla::ValueKind::null, "a processor keeps a value", type.repr());
    }
    return 0;
}
