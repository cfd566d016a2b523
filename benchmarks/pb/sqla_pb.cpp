// sqla: benchmarks/pb/sqla_pb.cpp. sqla in the shared performance harness (../shared/bench, "pb"):
// the harness's four workloads (bulk_insert, large_resultset, short_selects, single_inserts) on
// SQLite (file and memory), PostgreSQL and MariaDB, written with sqla's Core as a user would:
// a Table, insert()/select() statements built in the timed region, executemany, rows into structs.
// The harness times it beside the raw C APIs, SOCI, libpqxx and SQLAlchemy (see
// benchmarks/pb/README.md).
// SPDX-License-Identifier: MIT
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

import sqla;

#include "bench_common.hpp"

namespace {

using namespace pb;

std::string url_for(const std::string& db) {
    if (db == "sqlite-mem") return "sqlite://";
    if (db == "sqlite-file") return "sqlite:///" + sqlite_path(db);
    if (db == "postgresql") return env_or("PB_SQLA_PG_URL", "postgresql://sqla:sqla@127.0.0.1:5432/sqla_test");
    return env_or("PB_SQLA_MY_URL", "mysql://sqla:sqla@127.0.0.1:3306/sqla_test");
}

// The harness's table, declared as a sqla user declares it.
sqla::Table customer_table(sqla::MetaData& metadata, const std::string& name) {
    return sqla::Table(metadata, name, sqla::Column{"id", sqla::Integer{}, sqla::primary_key, sqla::no_autoincrement},
                       sqla::Column{"name", sqla::String{255}}, sqla::Column{"description", sqla::String{255}},
                       sqla::Column{"value", sqla::Integer{}});
}

// Row i's parameters, as the harness generates them.
sqla::Params row_params(long i) {
    char nb[64], db[64];
    const int nl = fmt_name(nb, sizeof nb, i);
    const int dl = fmt_desc(db, sizeof db, i);
    return {{"id", static_cast<std::int64_t>(i)},
            {"name", std::string(nb, static_cast<std::size_t>(nl))},
            {"description", std::string(db, static_cast<std::size_t>(dl))},
            {"value", row_value(i)}};
}

std::vector<sqla::Params> rows(long from, long count) {
    std::vector<sqla::Params> out;
    out.reserve(static_cast<std::size_t>(count));
    for (long i = from; i < from + count; ++i) out.push_back(row_params(i));
    return out;
}

Checksum table_checksum(sqla::Connection& conn, const std::string& table) {
    Checksum c;
    try {
        auto row = conn.execute(sqla::text("SELECT count(*), coalesce(sum(value), 0), "
                                           "coalesce(sum(length(name) + length(description)), 0) FROM " + table))
                       .one();
        c.count = static_cast<long>(row.get<std::int64_t>(0));
        c.sum_value = row.get<std::int64_t>(1);
        c.sum_len = row.get<std::int64_t>(2);
    } catch (const sqla::DBAPIError&) {
        conn.rollback();  // no such table yet
    }
    return c;
}

void recreate(sqla::Connection& conn, const std::string& table) {
    conn.execute(sqla::text("DROP TABLE IF EXISTS " + table));
    conn.execute(sqla::text(create_table_sql(table)));
    conn.commit();
}

// The read fixture pb_read_N, reused when its checksum matches (untimed).
void ensure_read_table(sqla::Engine& engine, sqla::Connection& conn, const std::string& db, long n) {
    const std::string t = read_table(n);
    if (table_checksum(conn, t).matches(expected_rows(n))) return;
    recreate(conn, t);
    sqla::MetaData metadata;
    auto table = customer_table(metadata, t);
    for (long from = 1; from <= n; from += 10000) conn.execute(sqla::insert(table), rows(from, std::min(10000L, n - from + 1)));
    conn.commit();
    if (db == "postgresql") {  // VACUUM runs outside a transaction
        auto autocommit = engine.execution_options({.isolation_level = "AUTOCOMMIT"}).connect();
        autocommit.execute(sqla::text("VACUUM ANALYZE " + t));
    }
}

Customer to_customer(const sqla::Row& row) {
    return Customer{static_cast<int>(row.get<std::int64_t>(0)), row.get<std::string>(1), row.get<std::string>(2),
                    static_cast<int>(row.get<std::int64_t>(3))};
}

// What the harness checks: the rows written or read against those expected.
void verify(Result& r, const Checksum& c, const Expect& e) {
    r.verified = c.matches(e);
    r.check = check_str(c.count, c.sum_value, c.sum_len);
}

Result run(const Args& a) {
    auto engine = sqla::create_engine(url_for(a.db));
    auto conn = engine.connect();
    if (a.db == "postgresql") conn.execute(sqla::text("SET client_min_messages = warning"));
    conn.commit();
    const long n = a.n;
    const Expect e = expected_rows(n);
    Result r;
    sqla::MetaData metadata;
    if (a.workload == "bulk_insert" || a.workload == "single_inserts") {
        recreate(conn, write_table());
        auto table = customer_table(metadata, write_table());
        const double t0 = now_s();
        if (a.workload == "bulk_insert") {
            // executemany of insert(table): batched multi-row VALUES on PostgreSQL, bulk
            // execution on MariaDB, one prepared statement stepped per row on SQLite.
            conn.execute(sqla::insert(table), rows(1, n));
            conn.commit();
        } else {
            for (long i = 1; i <= n; ++i) {
                conn.execute(sqla::insert(table), row_params(i));
                conn.commit();
            }
        }
        r.seconds = now_s() - t0;
        const Checksum c = table_checksum(conn, write_table());
        verify(r, c, e);
    } else if (a.workload == "large_resultset") {
        ensure_read_table(engine, conn, a.db, n);
        auto table = customer_table(metadata, read_table(n));
        const double t0 = now_s();
        std::vector<Customer> out;
        for (const sqla::Row& row : conn.execute(sqla::select(table))) out.push_back(to_customer(row));
        r.seconds = now_s() - t0;
        Checksum c;
        for (const auto& cu : out) c.add(cu);
        verify(r, c, e);
    } else if (a.workload == "short_selects") {
        ensure_read_table(engine, conn, a.db, n);
        auto table = customer_table(metadata, read_table(n));
        // The contract: one transaction on PostgreSQL and MariaDB, autocommit on SQLite (as
        // pysqlite and the raw C side run it): no BEGIN, each SELECT on its own.
        if (a.db.starts_with("sqlite")) {
            conn.commit();
            conn.execution_options({.isolation_level = "AUTOCOMMIT"});
        }
        const double t0 = now_s();
        Checksum c;
        for (long i = 0; i < n; ++i) {
            // Built anew each time, as SQLAlchemy's short_selects does: the compiled form comes
            // from the engine's cache, the prepared statement from the driver's.
            auto stmt = sqla::select(table).where(table.c("id") == static_cast<std::int64_t>(short_select_id(i, n)));
            c.add(to_customer(conn.execute(stmt).one()));
        }
        conn.commit();
        r.seconds = now_s() - t0;
        verify(r, c, e);
    }
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<Combo> combos;
    for (const char* w : {"bulk_insert", "large_resultset", "short_selects", "single_inserts"})
        add_combos(combos, {"sqlite-file", "sqlite-mem", "postgresql", "mysql"}, w, {"core"});
    return bench_main(argc, argv, "sqla_core", combos, run);
}
