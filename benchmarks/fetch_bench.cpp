// sqla: benchmarks/fetch_bench.cpp. Fetch 100,000 rows into typed values: sqla beside raw sqlite3.
// SPDX-License-Identifier: MIT
//
// The workload of SQLAlchemy's examples/performance large_resultsets (and shared/bench's
// large_resultset): SELECT id, name, description, value FROM a 100,000-row table in an SQLite
// memory database, materialising every row into a struct.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

import sqla;

namespace {

constexpr int rows = 100'000;

struct Customer {
    std::int64_t id;
    std::string name;
    std::string description;
    std::int64_t value;
};

const char* const select_sql = "SELECT id, name, description, value FROM customer";

void check(int rc, sqlite3* db) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db));
}

void fill(sqlite3* db) {
    check(sqlite3_exec(db,
                       "CREATE TABLE customer (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255), "
                       "description VARCHAR(255), value INTEGER); BEGIN",
                       nullptr, nullptr, nullptr),
          db);
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO customer VALUES (?, ?, ?, ?)", -1, &st, nullptr), db);
    for (int i = 1; i <= rows; ++i) {
        std::string name = "customer name " + std::to_string(i);
        std::string desc = "customer description " + std::to_string(i);
        sqlite3_bind_int(st, 1, i);
        sqlite3_bind_text(st, 2, name.c_str(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, desc.c_str(), static_cast<int>(desc.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 4, (i * 37) % 1000);
        check(sqlite3_step(st), db);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db);
}

std::int64_t checksum(const std::vector<Customer>& out) {
    std::int64_t sum = 0;
    for (const auto& c : out) sum += c.value + static_cast<std::int64_t>(c.name.size() + c.description.size());
    return sum;
}

void large_resultset_raw(benchmark::State& state) {
    // Opened as the sqlite3 driver opens its connections, so the two differ only in the library.
    sqlite3* db = nullptr;
    sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    fill(db);
    std::int64_t sum = 0;
    for (auto _ : state) {
        std::vector<Customer> out;
        sqlite3_stmt* st = nullptr;
        check(sqlite3_prepare_v2(db, select_sql, -1, &st, nullptr), db);
        while (sqlite3_step(st) == SQLITE_ROW) {
            out.push_back(Customer{
                sqlite3_column_int64(st, 0),
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                            static_cast<std::size_t>(sqlite3_column_bytes(st, 1))),
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)),
                            static_cast<std::size_t>(sqlite3_column_bytes(st, 2))),
                sqlite3_column_int64(st, 3)});
        }
        sqlite3_finalize(st);
        sum = checksum(out);
        benchmark::DoNotOptimize(out.data());
    }
    sqlite3_close(db);
    state.counters["checksum"] = static_cast<double>(sum);
    state.SetItemsProcessed(state.iterations() * rows);
}

void large_resultset_sqla(benchmark::State& state) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    fill(static_cast<sqlite3*>(conn.driver_connection().native_handle()));
    std::int64_t sum = 0;
    for (auto _ : state) {
        std::vector<Customer> out;
        for (const sqla::Row& row : conn.execute(sqla::text(select_sql)))
            out.push_back(Customer{row.get<std::int64_t>(0), row.get<std::string>(1), row.get<std::string>(2),
                                   row.get<std::int64_t>(3)});
        sum = checksum(out);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["checksum"] = static_cast<double>(sum);
    state.SetItemsProcessed(state.iterations() * rows);
}

}  // namespace

BENCHMARK(large_resultset_raw)->Name("large_resultset_sqlite_memory/raw")->Unit(benchmark::kMillisecond);
BENCHMARK(large_resultset_sqla)->Name("large_resultset_sqlite_memory/sqla")->Unit(benchmark::kMillisecond);
