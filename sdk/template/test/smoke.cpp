// example: test/smoke.cpp. Loads the example plugin by its URL and runs queries through it.
// SPDX-License-Identifier: MIT
//
// Run with SQLA_PLUGIN_PATH naming the folder that holds example.sqla-plugin.json (the
// build's sqla-plugins/). Exits 0 when every check passes, 1 otherwise.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

import sqla;

namespace {

int failures = 0;

void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
}

}  // namespace

int main(int argc, char** argv) try {
    const std::string url = argc > 1 ? argv[1] : "example://";
    auto engine = sqla::create_engine(url);
    check(engine.dialect().name() == "example", "the URL selects dialect example");
    check(engine.driver().name() == "example_sqlite", "the dialect's default driver is example_sqlite");
    for (const auto& plugin : sqla::registry().plugins())
        if (plugin.loaded) std::printf("loaded plugin from %s\n", plugin.manifest_path.c_str());

    auto conn = engine.connect();
    auto answer = conn.execute(sqla::text("SELECT :x + 1"), {{"x", 41}}).scalar<std::int64_t>();
    check(answer == 42, "SELECT :x + 1 with x = 41 gives 42");

    // Every value kind binds, and reads back, as itself.
    const sqla::Bytes blob{std::byte{0x00}, std::byte{0xff}};
    auto row = conn.execute(sqla::text("SELECT :n, :i, :d, :t, :b"),
                            {{"n", std::nullopt}, {"i", -7}, {"d", 2.5}, {"t", "h\u00e9llo"}, {"b", blob}})
                   .one();
    check(row[0].is_null(), "NULL round-trips");
    check(row.get<std::int64_t>(1) == -7, "an integer round-trips");
    check(row.get<double>(2) == 2.5, "a double round-trips");
    check(row.get<std::string>(3) == "h\u00e9llo", "text round-trips");
    check(row.get<sqla::Bytes>(4) == blob, "a blob round-trips");

    // Transactions: what is rolled back is gone, what is committed stays.
    conn.execute(sqla::text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
    conn.commit();
    conn.execute(sqla::text("INSERT INTO t (name) VALUES (:name)"), {{"name", "rolled back"}});
    conn.rollback();
    auto insert = conn.execute(sqla::text("INSERT INTO t (name) VALUES (:name)"), {{"name", "kept"}});
    check(insert.rowcount() == 1, "an INSERT reports rowcount 1");
    conn.commit();
    auto count = conn.execute(sqla::text("SELECT count(*) FROM t")).scalar<std::int64_t>();
    check(count == 1, "one row after a rollback and a commit");

    // Driver errors arrive as the DBAPIError subclass of their kind.
    try {
        conn.execute(sqla::text("INSERT INTO t (id, name) VALUES (:id, :name)"), {{"id", 1}, {"name", "again"}});
        check(false, "a duplicate key raises");
    } catch (const sqla::IntegrityError&) {
    }
    conn.rollback();
    try {
        conn.execute(sqla::text("SELECT * FROM no_such_table"));
        check(false, "a missing table raises");
    } catch (const sqla::OperationalError&) {
    }
    conn.rollback();

    // Reflection, through the dialect's Reflector.
    auto insp = sqla::inspect(conn);
    const auto tables = insp.get_table_names();
    check(tables == std::vector<std::string>{"t"}, "the inspector lists table t");
    check(insp.has_table("t") && !insp.has_table("no_such_table"), "has_table knows t and only t");
    const auto columns = insp.get_columns("t");
    check(columns.size() == 2 && columns[0].name == "id" && columns[1].name == "name" && !columns[1].nullable,
          "the inspector reads t's columns");
    check(insp.get_pk_constraint("t").columns == std::vector<std::string>{"id"}, "t's primary key is id");
    conn.rollback();

    if (failures > 0) return 1;
    std::printf("example plugin: all checks passed (SELECT :x + 1 -> %lld)\n", static_cast<long long>(answer));
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "smoke test failed: %s\n", e.what());
    return 1;
}
