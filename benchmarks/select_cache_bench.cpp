// sqla: benchmarks/select_cache_bench.cpp. Build and execute a typical SELECT by primary key on SQLite:
// sqla with the compiled cache, sqla with it off, and raw sqlite3 doing the same job.
// SPDX-License-Identifier: MIT
//
// Each iteration builds the statement anew (as application code does), executes it with a new
// id and reads the row into a struct. With the cache on, only the cache key is computed; with
// it off, the statement is compiled every time.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

import sqla;

namespace {

constexpr int rows = 10'000;

struct User {
    std::int64_t id;
    std::string name;
    std::string fullname;
};

void fill(sqlite3* db) {
    auto exec = [&](const char* sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
    };
    exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30), fullname VARCHAR(100)); BEGIN");
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO users VALUES (?, ?, ?)", -1, &st, nullptr);
    for (int i = 1; i <= rows; ++i) {
        std::string name = "user " + std::to_string(i);
        sqlite3_bind_int(st, 1, i);
        sqlite3_bind_text(st, 2, name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    exec("COMMIT");
}

void short_select_raw(benchmark::State& state) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    fill(db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT users.id, users.name, users.fullname FROM users WHERE users.id = ?", -1, &st, nullptr);
    std::int64_t i = 0;
    for (auto _ : state) {
        sqlite3_bind_int64(st, 1, (i++ * 7919) % rows + 1);
        if (sqlite3_step(st) != SQLITE_ROW) throw std::runtime_error("no row");
        User u{sqlite3_column_int64(st, 0),
               std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                           static_cast<std::size_t>(sqlite3_column_bytes(st, 1))),
               std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)),
                           static_cast<std::size_t>(sqlite3_column_bytes(st, 2)))};
        benchmark::DoNotOptimize(u);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

void short_select(benchmark::State& state, std::size_t cache_size) {
    auto engine = sqla::create_engine("sqlite://", {.query_cache_size = cache_size});
    auto conn = engine.connect();
    fill(static_cast<sqlite3*>(conn.driver_connection().native_handle()));
    sqla::MetaData metadata;
    sqla::Table users{metadata, "users", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"name", sqla::String{30}}, sqla::Column{"fullname", sqla::String{100}}};
    std::int64_t i = 0;
    for (auto _ : state) {
        auto stmt = sqla::select(users.c("id"), users.c("name"), users.c("fullname"))
                        .where(users.c("id") == (i++ * 7919) % rows + 1);
        auto row = conn.execute(stmt).one();
        User u{row.get<std::int64_t>(0), row.get<std::string>(1), row.get<std::string>(2)};
        benchmark::DoNotOptimize(u);
    }
}

// The parts of short_select/sqla, one at a time (no raw twin): building the statement, its
// cache key (what a cache hit computes before the lookup), and executing a statement built once.
sqla::Table users_table(sqla::MetaData& metadata) {
    return sqla::Table{metadata, "users", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                       sqla::Column{"name", sqla::String{30}}, sqla::Column{"fullname", sqla::String{100}}};
}

void build_statement(benchmark::State& state) {
    sqla::MetaData metadata;
    auto users = users_table(metadata);
    std::int64_t i = 0;
    for (auto _ : state) {
        auto stmt = sqla::select(users.c("id"), users.c("name"), users.c("fullname"))
                        .where(users.c("id") == (i++ * 7919) % rows + 1);
        benchmark::DoNotOptimize(stmt);
    }
}

void cache_key(benchmark::State& state) {
    sqla::MetaData metadata;
    auto users = users_table(metadata);
    auto stmt = sqla::select(users.c("id"), users.c("name"), users.c("fullname")).where(users.c("id") == 5);
    for (auto _ : state) {
        sqla::CacheKey key;
        key.key.reserve(512);
        stmt.element().append_cache_key(key);
        benchmark::DoNotOptimize(key.key.data());
    }
}

void execute_prebuilt(benchmark::State& state) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    fill(static_cast<sqlite3*>(conn.driver_connection().native_handle()));
    sqla::MetaData metadata;
    auto users = users_table(metadata);
    auto stmt = sqla::select(users.c("id"), users.c("name"), users.c("fullname"))
                    .where(users.c("id") == sqla::bindparam("id", std::nullopt, sqla::Integer{}));
    std::int64_t i = 0;
    for (auto _ : state) {
        auto row = conn.execute(stmt, {{"id", (i++ * 7919) % rows + 1}}).one();
        User u{row.get<std::int64_t>(0), row.get<std::string>(1), row.get<std::string>(2)};
        benchmark::DoNotOptimize(u);
    }
}

// Many parameters in one statement (issue 20: setting and binding looked names up linearly, so
// a text() with 70,000 names took seconds). `SELECT count(*) ... WHERE id IN (...)` with N
// values: raw sqlite3 binding N '?', text() with N named parameters, and an expanding in_().
// Per-parameter cost should not grow with N. (SQLite's limit is 32,766 parameters.)
void many_params_raw(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    sqlite3* db = nullptr;
    sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    fill(db);
    std::string sql = "SELECT count(*) FROM users WHERE users.id IN (";
    for (std::size_t i = 0; i < n; ++i) sql += i ? ", ?" : "?";
    sql += ")";
    // The same work as sqla's side: one transaction for the whole loop (sqla's first statement
    // begins one and nothing commits it), and the statement prepared once (sqla keeps it in
    // its prepared-statement cache), bound anew each time.
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &st, nullptr);
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) sqlite3_bind_int64(st, static_cast<int>(i + 1), static_cast<std::int64_t>(i));
        if (sqlite3_step(st) != SQLITE_ROW) throw std::runtime_error("no row");
        benchmark::DoNotOptimize(sqlite3_column_int64(st, 0));
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
    sqlite3_close(db);
}

void many_params_text(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    fill(static_cast<sqlite3*>(conn.driver_connection().native_handle()));
    std::string sql = "SELECT count(*) FROM users WHERE users.id IN (";
    for (std::size_t i = 0; i < n; ++i) sql += (i ? ", :p" : ":p") + std::to_string(i);
    sql += ")";
    for (auto _ : state) {
        // Built each time, as an application with a statement of its own would.
        sqla::Params params;
        for (std::size_t i = 0; i < n; ++i) params.set("p" + std::to_string(i), static_cast<std::int64_t>(i));
        benchmark::DoNotOptimize(conn.execute(sqla::text(sql), params).scalar<std::int64_t>());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void many_params_in(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    fill(static_cast<sqlite3*>(conn.driver_connection().native_handle()));
    sqla::MetaData metadata;
    auto users = users_table(metadata);
    for (auto _ : state) {
        std::vector<sqla::Value> values;
        values.reserve(n);
        for (std::size_t i = 0; i < n; ++i) values.emplace_back(static_cast<std::int64_t>(i));
        auto stmt = sqla::select(sqla::func("count", {users.c("id")})).where(users.c("id").in_(values));
        benchmark::DoNotOptimize(conn.execute(stmt).scalar<std::int64_t>());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void short_select_sqla(benchmark::State& state) { short_select(state, 500); }
void short_select_sqla_nocache(benchmark::State& state) { short_select(state, 0); }

}  // namespace

BENCHMARK(short_select_raw)->Name("short_select_sqlite_memory/raw");
BENCHMARK(short_select_sqla)->Name("short_select_sqlite_memory/sqla");
BENCHMARK(short_select_sqla_nocache)->Name("short_select_sqlite_memory_nocache/sqla");
BENCHMARK(short_select_raw)->Name("short_select_sqlite_memory_nocache/raw");
BENCHMARK(build_statement)->Name("short_select_parts/build_statement");
BENCHMARK(cache_key)->Name("short_select_parts/cache_key");
BENCHMARK(execute_prebuilt)->Name("short_select_parts/execute_prebuilt");
BENCHMARK(many_params_raw)->Name("many_params/raw")->Arg(1000)->Arg(30000)->Unit(benchmark::kMillisecond);
BENCHMARK(many_params_text)->Name("many_params/sqla_text")->Arg(1000)->Arg(30000)->Unit(benchmark::kMillisecond);
BENCHMARK(many_params_in)->Name("many_params/sqla_in")->Arg(1000)->Arg(30000)->Unit(benchmark::kMillisecond);
