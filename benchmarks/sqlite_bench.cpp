// sqla: benchmarks/sqlite_bench.cpp. SQLAlchemy's examples/performance suites for the Core on
// SQLite, in memory and in a file, each workload beside raw sqlite3 doing the same job:
// SPDX-License-Identifier: MIT
//
// - bulk_inserts: 100,000 customers (id, name, description) inserted in one transaction. sqla
//   builds the parameter sets and runs one executemany of insert(table) (the driver steps one
//   prepared statement per set); raw binds and steps a prepared INSERT per row.
// - large_resultsets: every row of a 100,000-row table read into a struct.
// - short_selects: 10,000 selects of one customer by primary key; sqla builds each statement
//   with select(table).where() anew (the compiled form comes from the engine's cache, the
//   prepared statement from the driver's), raw reuses one prepared statement.
// - single_inserts: 2,000 rows, each INSERT in its own transaction, committed. In a file
//   every commit waits for the disk on both sides.
//
// Strings are formatted inside the timed region on both sides, as an application would.
// Both sides run in the same process, one after the other, on databases of their own.

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

import sqla;

namespace {

constexpr int bulk_rows = 100'000;
constexpr int fetch_rows = 100'000;
constexpr int lookups = 10'000;
constexpr int single_rows = 2'000;

constexpr const char* create_sql =
    "CREATE TABLE customer (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255), description VARCHAR(255))";
constexpr const char* insert_sql = "INSERT INTO customer (id, name, description) VALUES (?, ?, ?)";
// What sqla compiles select(customer) and select(customer).where(id == ?) to.
constexpr const char* select_all_sql = "SELECT customer.id, customer.name, customer.description FROM customer";
constexpr const char* select_by_pk_sql =
    "SELECT customer.id, customer.name, customer.description FROM customer WHERE customer.id = ?";

struct Customer {
    std::int64_t id;
    std::string name;
    std::string description;
};

std::int64_t checksum(const Customer& c) {
    return c.id + static_cast<std::int64_t>(c.name.size() + c.description.size());
}

int format_name(char (&buf)[64], std::int64_t i) { return std::snprintf(buf, sizeof buf, "customer name %lld", static_cast<long long>(i)); }
int format_description(char (&buf)[64], std::int64_t i) {
    return std::snprintf(buf, sizeof buf, "customer description %lld", static_cast<long long>(i));
}

// The n-th key of a short_selects iteration: spread over the table, the same on both sides.
std::int64_t lookup_key(int n) { return std::int64_t{n} * 7919 % fetch_rows + 1; }

// Where a database lives: in memory, or in a file of its own removed afterwards.
enum class Where { memory, file };

std::string file_path() {
    return (std::filesystem::temp_directory_path() / "sqla_sqlite_bench.db").string();
}

void remove_file() {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal"}) std::filesystem::remove(file_path() + suffix, ec);
}

// ---- raw sqlite3 ------------------------------------------------------------------------------

class RawDb {
public:
    explicit RawDb(Where where) {
        if (where == Where::file) remove_file();
        const std::string path = where == Where::memory ? ":memory:" : file_path();
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            throw std::runtime_error("sqlite3_open_v2: " + std::string(sqlite3_errmsg(db_)));
    }
    ~RawDb() {
        for (auto* st : statements_) sqlite3_finalize(st);
        sqlite3_close(db_);
    }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    void exec(const char* sql) {
        if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
    }
    sqlite3_stmt* prepare(const char* sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) fail(sql);
        statements_.push_back(st);
        return st;
    }
    [[noreturn]] void fail(std::string_view what) const {
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db_));
    }
    std::int64_t count() {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db_, "SELECT count(*) FROM customer", -1, &st, nullptr);
        sqlite3_step(st);
        const std::int64_t n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return n;
    }

private:
    sqlite3* db_ = nullptr;
    std::vector<sqlite3_stmt*> statements_;
};

void raw_insert_row(RawDb& db, sqlite3_stmt* st, std::int64_t i) {
    char name[64], description[64];
    const int nl = format_name(name, i);
    const int dl = format_description(description, i);
    sqlite3_bind_int64(st, 1, i);
    sqlite3_bind_text(st, 2, name, nl, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, description, dl, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) db.fail("INSERT");
    sqlite3_reset(st);
}

void raw_fill(RawDb& db, int n) {
    db.exec(create_sql);
    db.exec("BEGIN");
    sqlite3_stmt* st = db.prepare(insert_sql);
    for (int i = 1; i <= n; ++i) raw_insert_row(db, st, i);
    db.exec("COMMIT");
}

Customer raw_read(sqlite3_stmt* st) {
    auto text = [&](int col) {
        return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, col)),
                           static_cast<std::size_t>(sqlite3_column_bytes(st, col)));
    };
    return Customer{sqlite3_column_int64(st, 0), text(1), text(2)};
}

// `count` rows in one transaction, or (`each`) each in its own.
void inserts_raw(benchmark::State& state, Where where, int count, bool each) {
    RawDb db(where);
    for (auto _ : state) {
        state.PauseTiming();
        db.exec("DROP TABLE IF EXISTS customer");
        db.exec(create_sql);
        sqlite3_stmt* st = db.prepare(insert_sql);
        state.ResumeTiming();
        if (!each) db.exec("BEGIN");
        for (int i = 1; i <= count; ++i) {
            if (each) db.exec("BEGIN");
            raw_insert_row(db, st, i);
            if (each) db.exec("COMMIT");
        }
        if (!each) db.exec("COMMIT");
    }
    if (db.count() != count) throw std::runtime_error("inserts/raw: wrong row count");
    state.SetItemsProcessed(state.iterations() * count);
}

void bulk_inserts_raw(benchmark::State& state, Where where) { inserts_raw(state, where, bulk_rows, false); }

void large_resultsets_raw(benchmark::State& state, Where where) {
    RawDb db(where);
    raw_fill(db, fetch_rows);
    sqlite3_stmt* st = db.prepare(select_all_sql);
    db.exec("BEGIN");  // as sqla's connection, which begins a transaction at its first statement
    std::int64_t sum = 0;
    for (auto _ : state) {
        std::vector<Customer> out;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) out.push_back(raw_read(st));
        if (rc != SQLITE_DONE) db.fail("SELECT");
        sqlite3_reset(st);
        sum = 0;
        for (const auto& c : out) sum += checksum(c);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["checksum"] = static_cast<double>(sum);
    state.SetItemsProcessed(state.iterations() * fetch_rows);
}

void short_selects_raw(benchmark::State& state, Where where) {
    RawDb db(where);
    raw_fill(db, fetch_rows);
    sqlite3_stmt* st = db.prepare(select_by_pk_sql);
    db.exec("BEGIN");  // as sqla's connection, which begins a transaction at its first statement
    std::int64_t sum = 0;
    for (auto _ : state) {
        sum = 0;
        for (int n = 0; n < lookups; ++n) {
            sqlite3_bind_int64(st, 1, lookup_key(n));
            if (sqlite3_step(st) != SQLITE_ROW) db.fail("SELECT by key");
            const Customer c = raw_read(st);
            sqlite3_reset(st);
            sum += checksum(c);
        }
    }
    state.counters["checksum"] = static_cast<double>(sum);
    state.SetItemsProcessed(state.iterations() * lookups);
}

void single_inserts_raw(benchmark::State& state, Where where) { inserts_raw(state, where, single_rows, true); }

// ---- sqla -------------------------------------------------------------------------------------

// An engine and connection on a fresh database, with the customer table declared.
struct SqlaDb {
    explicit SqlaDb(Where where)
        : engine((where == Where::file ? (remove_file(), sqla::create_engine("sqlite:///" + file_path()))
                                       : sqla::create_engine("sqlite://"))),
          conn(engine.connect()) {}

    void recreate() {
        conn.execute(sqla::text("DROP TABLE IF EXISTS customer"));
        conn.execute(sqla::text(create_sql));
        conn.commit();
    }
    std::int64_t count() {
        return conn.execute(sqla::text("SELECT count(*) FROM customer")).scalar_one<std::int64_t>();
    }

    sqla::Engine engine;
    sqla::Connection conn;
    sqla::MetaData metadata;
    sqla::Table customer{metadata, "customer", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                         sqla::Column{"name", sqla::String{255}}, sqla::Column{"description", sqla::String{255}}};
};

sqla::Params sqla_row(std::int64_t i) {
    char name[64], description[64];
    const int nl = format_name(name, i);
    const int dl = format_description(description, i);
    sqla::Params p;
    p.set("id", i);
    p.set("name", std::string(name, static_cast<std::size_t>(nl)));
    p.set("description", std::string(description, static_cast<std::size_t>(dl)));
    return p;
}

void sqla_fill(SqlaDb& db, int n) {
    db.recreate();
    std::vector<sqla::Params> rows;
    rows.reserve(static_cast<std::size_t>(n));
    for (int i = 1; i <= n; ++i) rows.push_back(sqla_row(i));
    db.conn.execute(sqla::insert(db.customer), std::move(rows));
    db.conn.commit();
}

Customer sqla_read(const sqla::Row& row) {
    return Customer{row.get<std::int64_t>(0), row.get<std::string>(1), row.get<std::string>(2)};
}

void bulk_inserts_sqla(benchmark::State& state, Where where) {
    SqlaDb db(where);
    for (auto _ : state) {
        state.PauseTiming();
        db.recreate();
        state.ResumeTiming();
        std::vector<sqla::Params> rows;
        rows.reserve(bulk_rows);
        for (int i = 1; i <= bulk_rows; ++i) rows.push_back(sqla_row(i));
        db.conn.execute(sqla::insert(db.customer), std::move(rows));
        db.conn.commit();
    }
    if (db.count() != bulk_rows) throw std::runtime_error("bulk_inserts/sqla: wrong row count");
    state.SetItemsProcessed(state.iterations() * bulk_rows);
}

void large_resultsets_sqla(benchmark::State& state, Where where) {
    SqlaDb db(where);
    sqla_fill(db, fetch_rows);
    std::int64_t sum = 0;
    for (auto _ : state) {
        std::vector<Customer> out;
        for (const sqla::Row& row : db.conn.execute(sqla::select(db.customer))) out.push_back(sqla_read(row));
        sum = 0;
        for (const auto& c : out) sum += checksum(c);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["checksum"] = static_cast<double>(sum);
    state.SetItemsProcessed(state.iterations() * fetch_rows);
}

void short_selects_sqla(benchmark::State& state, Where where) {
    SqlaDb db(where);
    sqla_fill(db, fetch_rows);
    const auto& t = db.customer;
    std::int64_t sum = 0;
    for (auto _ : state) {
        sum = 0;
        for (int n = 0; n < lookups; ++n) {
            auto stmt = sqla::select(t).where(t.c("id") == lookup_key(n));
            // first(), as SQLAlchemy's short_selects: the first row, then the result closes.
            const auto row = db.conn.execute(stmt).first();
            if (!row) throw std::runtime_error("short_selects/sqla: no row");
            sum += checksum(sqla_read(*row));
        }
    }
    state.counters["checksum"] = static_cast<double>(sum);
    state.SetItemsProcessed(state.iterations() * lookups);
}

void single_inserts_sqla(benchmark::State& state, Where where) {
    SqlaDb db(where);
    for (auto _ : state) {
        state.PauseTiming();
        db.recreate();
        state.ResumeTiming();
        for (int i = 1; i <= single_rows; ++i) {
            db.conn.execute(sqla::insert(db.customer), sqla_row(i));
            db.conn.commit();
        }
    }
    if (db.count() != single_rows) throw std::runtime_error("single_inserts/sqla: wrong row count");
    state.SetItemsProcessed(state.iterations() * single_rows);
}

void checked(benchmark::State& state, void (*f)(benchmark::State&, Where), Where where) {
    try {
        f(state, where);
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
    if (where == Where::file) remove_file();
}

void register_all() {
    struct Workload {
        const char* name;
        void (*raw)(benchmark::State&, Where);
        void (*sqla)(benchmark::State&, Where);
    };
    const Workload workloads[] = {{"bulk_inserts", bulk_inserts_raw, bulk_inserts_sqla},
                                  {"large_resultsets", large_resultsets_raw, large_resultsets_sqla},
                                  {"short_selects", short_selects_raw, short_selects_sqla},
                                  {"single_inserts", single_inserts_raw, single_inserts_sqla}};
    for (const auto& w : workloads)
        for (auto [where, db] : {std::pair{Where::memory, "sqlite_memory"}, std::pair{Where::file, "sqlite_file"}})
            for (auto [side, f] : {std::pair{"raw", w.raw}, std::pair{"sqla", w.sqla}})
                benchmark::RegisterBenchmark((std::string(w.name) + "/" + db + "/" + side).c_str(),
                                             [f = f, where = where](benchmark::State& s) { checked(s, f, where); })
                    ->Unit(benchmark::kMillisecond)
                    ->UseRealTime();
}

const bool registered = (register_all(), true);

}  // namespace
