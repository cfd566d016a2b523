// sqla: benchmarks/mysql_bench.cpp. sqla beside raw libmariadb (the MySQL C API) on a live
// MariaDB: SQLAlchemy's examples/performance suites (bulk_inserts, large_resultsets,
// short_selects, single_inserts).
// SPDX-License-Identifier: MIT
//
// The server is the one SQLA_TEST_MYSQL_URL names (mysql://user:pass@host:port/db); without it
// every benchmark is skipped with an error. Raw libmariadb connects as the driver does (utf8mb4,
// autocommit off) and, like it, uses server-side prepared statements and the binary protocol.
//
// - bulk_inserts/mysql: 100,000 rows (id int, name varchar, value double) into a table dropped and
//   created anew outside the timing, then COMMIT. raw executes a prepared INSERT per row (a round
//   trip each); sqla's executemany of a text() INSERT, which the driver sends as MariaDB bulk
//   executions (parameter arrays, STMT_ATTR_ARRAY_SIZE). bulk_inserts/mysql_arrays/raw does the
//   same with libmariadb's arrays, beside the same sqla code under a twin name.
//   bulk_inserts/mysql_values: sqla's executemany of insert(table), sent as insertmanyvalues
//   batches of 1,000 rows; raw executes one prepared 1,000-row INSERT ... VALUES 100 times.
// - large_resultsets/mysql: SELECT id, name, value of a 100,000-row table, every row read into a struct.
// - short_selects/mysql: 10,000 single-row SELECTs by primary key, each read into a struct; sqla
//   builds each statement with select().where() (the engine caches its compiled form, the
//   driver its prepared statement), raw executes one prepared statement.
// - single_inserts/mysql: 2,000 rows, each INSERT committed by itself (autocommit off: the
//   INSERT begins the transaction, COMMIT ends it).
#include <benchmark/benchmark.h>
#include <mysql.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

import sqla;

#include "workload.hpp"

namespace {

using namespace sqla_bench;


constexpr const char* insert_table_ddl =
    "CREATE TABLE sqla_bench_insert (id INT, name VARCHAR(40), value DOUBLE) ENGINE=InnoDB";
constexpr const char* insert_sql = "INSERT INTO sqla_bench_insert (id, name, value) VALUES (?, ?, ?)";
constexpr const char* insert_sql_named = "INSERT INTO sqla_bench_insert (id, name, value) VALUES (:id, :name, :value)";
constexpr const char* select_all_sql = "SELECT id, name, value FROM sqla_bench_rows";
// What sqla compiles select(t.c("id"), t.c("name"), t.c("value")).where(t.c("id") == k) to.
constexpr const char* select_by_pk_sql =
    "SELECT sqla_bench_rows.id, sqla_bench_rows.name, sqla_bench_rows.value FROM sqla_bench_rows "
    "WHERE sqla_bench_rows.id = ?";




// ---- raw libmariadb -------------------------------------------------------------------------

struct Close {
    void operator()(MYSQL* m) const noexcept { mysql_close(m); }
    void operator()(MYSQL_STMT* s) const noexcept { mysql_stmt_close(s); }
};
using ConnPtr = std::unique_ptr<MYSQL, Close>;
using StmtPtr = std::unique_ptr<MYSQL_STMT, Close>;

ConnPtr raw_connect(const std::string& url) {
    const sqla::URL u = sqla::make_url(url);
    ConnPtr db(mysql_init(nullptr));
    mysql_options(db.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
    if (!mysql_real_connect(db.get(), u.host().value_or("127.0.0.1").c_str(), u.username().value_or("").c_str(),
                            u.password().value_or("").c_str(), u.database().value_or("").c_str(),
                            static_cast<unsigned>(u.port().value_or(3306)), nullptr, CLIENT_FOUND_ROWS))
        throw std::runtime_error(std::string("libmariadb: ") + mysql_error(db.get()));
    mysql_autocommit(db.get(), 0);
    return db;
}

void exec(MYSQL* db, const char* sql) {
    if (mysql_query(db, sql)) throw std::runtime_error(std::string("libmariadb: ") + mysql_error(db));
}

StmtPtr prepare(MYSQL* db, const std::string& sql) {
    StmtPtr s(mysql_stmt_init(db));
    if (mysql_stmt_prepare(s.get(), sql.c_str(), static_cast<unsigned long>(sql.size())))
        throw std::runtime_error(std::string("libmariadb: ") + mysql_stmt_error(s.get()));
    return s;
}

void check(MYSQL_STMT* s, int rc) {
    if (rc) throw std::runtime_error(std::string("libmariadb: ") + mysql_stmt_error(s));
}

// One row's INSERT parameters, bound as the driver binds them.
struct RowParams {
    std::int64_t id = 0;
    double value = 0;
    unsigned long name_length = 0;
    void bind(const Record& r, MYSQL_BIND* b) {
        id = r.id;
        value = r.value;
        name_length = static_cast<unsigned long>(r.name.size());
        std::memset(b, 0, 3 * sizeof(MYSQL_BIND));
        b[0].buffer_type = MYSQL_TYPE_LONGLONG;
        b[0].buffer = &id;
        b[1].buffer_type = MYSQL_TYPE_STRING;
        b[1].buffer = const_cast<char*>(r.name.data());
        b[1].buffer_length = name_length;
        b[1].length = &name_length;
        b[2].buffer_type = MYSQL_TYPE_DOUBLE;
        b[2].buffer = &value;
    }
};

// Reads (id, name, value) rows of an executed statement into records.
class RecordReader {
public:
    explicit RecordReader(MYSQL_STMT* s) : stmt_(s) {
        std::memset(binds_, 0, sizeof binds_);
        binds_[0].buffer_type = MYSQL_TYPE_LONGLONG;
        binds_[0].buffer = &id_;
        binds_[0].is_null = &null_[0];
        binds_[1].buffer_type = MYSQL_TYPE_STRING;
        binds_[1].buffer = name_;
        binds_[1].buffer_length = sizeof name_;
        binds_[1].length = &name_length_;
        binds_[1].is_null = &null_[1];
        binds_[2].buffer_type = MYSQL_TYPE_DOUBLE;
        binds_[2].buffer = &value_;
        binds_[2].is_null = &null_[2];
    }
    void read_all(std::vector<Record>& out) {
        check(stmt_, mysql_stmt_bind_result(stmt_, binds_));
        check(stmt_, mysql_stmt_store_result(stmt_));
        while (mysql_stmt_fetch(stmt_) == 0) out.push_back(Record{id_, std::string(name_, name_length_), value_});
        mysql_stmt_free_result(stmt_);
    }

private:
    MYSQL_STMT* stmt_;
    MYSQL_BIND binds_[3];
    std::int64_t id_ = 0;
    char name_[64];
    unsigned long name_length_ = 0;
    double value_ = 0;
    my_bool null_[3] = {};
};

// ---- fixtures -------------------------------------------------------------------------------

void recreate_insert_table(MYSQL* admin) {
    exec(admin, "DROP TABLE IF EXISTS sqla_bench_insert");
    exec(admin, insert_table_ddl);
}

void finish_insert(benchmark::State& state, MYSQL* admin, std::int64_t expected = rows) {
    exec(admin, "SELECT count(*) FROM sqla_bench_insert");
    MYSQL_RES* res = mysql_store_result(admin);
    const std::int64_t counted = std::strtoll(mysql_fetch_row(res)[0], nullptr, 10);
    mysql_free_result(res);
    exec(admin, "DROP TABLE sqla_bench_insert");
    if (counted != expected)
        throw std::runtime_error("inserted " + std::to_string(counted) + " rows, not " + std::to_string(expected));
    state.SetItemsProcessed(state.iterations() * expected);
}

// The 100,000-row table of fetch_100k and select_by_pk_10k: filled at its first use, dropped
// when the program ends.
class RowsTable {
public:
    explicit RowsTable(const std::string& url) : admin_(raw_connect(url)) {
        exec(admin_.get(), "DROP TABLE IF EXISTS sqla_bench_rows");
        exec(admin_.get(), "CREATE TABLE sqla_bench_rows (id INT PRIMARY KEY, name VARCHAR(40), value DOUBLE)");
        exec(admin_.get(),
             "INSERT INTO sqla_bench_rows SELECT seq, concat('customer name ', seq), seq * 0.25 FROM seq_1_to_100000");
        exec(admin_.get(), "COMMIT");
        exec(admin_.get(), "ANALYZE TABLE sqla_bench_rows");
        mysql_free_result(mysql_store_result(admin_.get()));
    }
    ~RowsTable() { mysql_query(admin_.get(), "DROP TABLE IF EXISTS sqla_bench_rows"); }
    RowsTable(const RowsTable&) = delete;
    RowsTable& operator=(const RowsTable&) = delete;

    static void ensure(const std::string& url) { static RowsTable table(url); }

private:
    ConnPtr admin_;
};

template <class F>
void with_server(benchmark::State& state, F&& body) {
    sqla_bench::with_server(state, "SQLA_TEST_MYSQL_URL", std::forward<F>(body));
}

// ---- bulk_insert_100k -----------------------------------------------------------------------

// A prepared INSERT per row: `count` rows, then COMMIT, or (`each`) a COMMIT after each (with
// autocommit off, the INSERT begins the transaction).
void prepared_inserts_raw(benchmark::State& state, int count, bool each) {
    with_server(state, [&](const std::string& url) {
        const auto records = make_records();
        auto admin = raw_connect(url);
        recreate_insert_table(admin.get());
        auto db = raw_connect(url);
        auto stmt = prepare(db.get(), insert_sql);
        MYSQL_BIND binds[3];
        RowParams p;
        auto commit = [&] {
            if (mysql_commit(db.get())) throw std::runtime_error(mysql_error(db.get()));
        };
        for (auto _ : state) {
            state.PauseTiming();
            recreate_insert_table(admin.get());
            state.ResumeTiming();
            for (int i = 0; i < count; ++i) {
                p.bind(records[static_cast<std::size_t>(i)], binds);
                check(stmt.get(), mysql_stmt_bind_param(stmt.get(), binds));
                check(stmt.get(), mysql_stmt_execute(stmt.get()));
                if (each) commit();
            }
            if (!each) commit();
        }
        finish_insert(state, admin.get(), count);
    });
}

void bulk_insert_raw(benchmark::State& state) { prepared_inserts_raw(state, rows, false); }

void bulk_insert_sqla(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        auto admin = raw_connect(url);
        insert_records(state, url, sqla::text(insert_sql_named), [&] { recreate_insert_table(admin.get()); });
        finish_insert(state, admin.get());
    });
}

void bulk_insert_arrays_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        const auto records = make_records();
        auto admin = raw_connect(url);
        recreate_insert_table(admin.get());
        auto db = raw_connect(url);
        auto stmt = prepare(db.get(), insert_sql);
        std::vector<std::int64_t> ids;
        std::vector<const char*> names;
        std::vector<unsigned long> lengths;
        std::vector<double> values;
        for (const auto& r : records) {
            ids.push_back(r.id);
            names.push_back(r.name.c_str());
            lengths.push_back(static_cast<unsigned long>(r.name.size()));
            values.push_back(r.value);
        }
        MYSQL_BIND binds[3];
        for (auto _ : state) {
            state.PauseTiming();
            recreate_insert_table(admin.get());
            state.ResumeTiming();
            std::memset(binds, 0, sizeof binds);
            binds[0].buffer_type = MYSQL_TYPE_LONGLONG;
            binds[0].buffer = ids.data();
            binds[1].buffer_type = MYSQL_TYPE_STRING;
            binds[1].buffer = names.data();
            binds[1].length = lengths.data();
            binds[2].buffer_type = MYSQL_TYPE_DOUBLE;
            binds[2].buffer = values.data();
            unsigned int size = rows;
            check(stmt.get(), mysql_stmt_attr_set(stmt.get(), STMT_ATTR_ARRAY_SIZE, &size));
            check(stmt.get(), mysql_stmt_bind_param(stmt.get(), binds));
            check(stmt.get(), mysql_stmt_execute(stmt.get()));
            mysql_commit(db.get());
        }
        finish_insert(state, admin.get());
    });
}

std::string values_insert_sql() {
    std::string sql = "INSERT INTO sqla_bench_insert (id, name, value) VALUES ";
    for (int r = 0; r < per_batch; ++r) sql += r ? ", (?, ?, ?)" : "(?, ?, ?)";
    return sql;
}

void bulk_insert_values_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        const auto records = make_records();
        auto admin = raw_connect(url);
        recreate_insert_table(admin.get());
        auto db = raw_connect(url);
        auto stmt = prepare(db.get(), values_insert_sql());
        std::vector<MYSQL_BIND> binds(3 * per_batch);
        std::vector<RowParams> params(per_batch);
        for (auto _ : state) {
            state.PauseTiming();
            recreate_insert_table(admin.get());
            state.ResumeTiming();
            for (std::size_t first = 0; first < records.size(); first += per_batch) {
                for (std::size_t i = 0; i < per_batch; ++i) params[i].bind(records[first + i], &binds[3 * i]);
                check(stmt.get(), mysql_stmt_bind_param(stmt.get(), binds.data()));
                check(stmt.get(), mysql_stmt_execute(stmt.get()));
            }
            mysql_commit(db.get());
        }
        finish_insert(state, admin.get());
    });
}

void bulk_insert_values_sqla(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        auto admin = raw_connect(url);
        sqla::MetaData metadata;
        sqla::Table table(metadata, "sqla_bench_insert", sqla::Column{"id", sqla::Integer{}},
                          sqla::Column{"name", sqla::String{40}}, sqla::Column{"value", sqla::Double{}});
        insert_records(state, url, sqla::insert(table), [&] { recreate_insert_table(admin.get()); });
        finish_insert(state, admin.get());
    });
}

// ---- fetch_100k -----------------------------------------------------------------------------

void fetch_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        RowsTable::ensure(url);
        auto db = raw_connect(url);
        auto stmt = prepare(db.get(), select_all_sql);
        RecordReader reader(stmt.get());
        std::int64_t sum = 0;
        for (auto _ : state) {
            std::vector<Record> out;
            check(stmt.get(), mysql_stmt_execute(stmt.get()));
            reader.read_all(out);
            sum = 0;
            for (const auto& r : out) sum += checksum(r);
            benchmark::DoNotOptimize(out.data());
        }
        state.counters["checksum"] = static_cast<double>(sum);
        state.SetItemsProcessed(state.iterations() * rows);
    });
}

void fetch_sqla(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        RowsTable::ensure(url);
        auto engine = sqla::create_engine(url);
        auto conn = engine.connect();
        fetch_records(state, conn, sqla::text(select_all_sql));
    });
}

// ---- select_by_pk_10k -----------------------------------------------------------------------


void select_by_pk_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        RowsTable::ensure(url);
        auto db = raw_connect(url);
        auto stmt = prepare(db.get(), select_by_pk_sql);
        RecordReader reader(stmt.get());
        std::int64_t key = 0;
        MYSQL_BIND param;
        std::memset(&param, 0, sizeof param);
        param.buffer_type = MYSQL_TYPE_LONGLONG;
        param.buffer = &key;
        std::int64_t sum = 0;
        for (auto _ : state) {
            sum = 0;
            std::vector<Record> out;
            for (int n = 0; n < lookups; ++n) {
                key = lookup_key(n);
                out.clear();
                check(stmt.get(), mysql_stmt_bind_param(stmt.get(), &param));
                check(stmt.get(), mysql_stmt_execute(stmt.get()));
                reader.read_all(out);
                sum += checksum(out.at(0));
            }
        }
        state.counters["checksum"] = static_cast<double>(sum);
        state.SetItemsProcessed(state.iterations() * lookups);
    });
}

void select_by_pk_sqla(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        RowsTable::ensure(url);
        sqla::MetaData metadata;
        sqla::Table t(metadata, "sqla_bench_rows", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"name", sqla::String{40}}, sqla::Column{"value", sqla::Double{}});
        auto engine = sqla::create_engine(url);
        auto conn = engine.connect();
        std::int64_t sum = 0;
        for (auto _ : state) {
            sum = 0;
            for (int n = 0; n < lookups; ++n) {
                auto row = conn.execute(sqla::select(t.c("id"), t.c("name"), t.c("value")).where(t.c("id") == lookup_key(n))).one();
                sum += checksum(Record{row.get<std::int64_t>(0), row.get<std::string>(1), row.get<double>(2)});
            }
        }
        state.counters["checksum"] = static_cast<double>(sum);
        state.SetItemsProcessed(state.iterations() * lookups);
    });
}

// ---- single_inserts ---------------------------------------------------------------------------

void single_inserts_raw(benchmark::State& state) { prepared_inserts_raw(state, single_rows, true); }

void single_inserts_sqla(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        auto admin = raw_connect(url);
        sqla::MetaData metadata;
        sqla::Table t{metadata, "sqla_bench_insert", sqla::Column{"id", sqla::Integer{}},
                      sqla::Column{"name", sqla::String{40}}, sqla::Column{"value", sqla::Double{}}};
        insert_singly(state, url, t, [&] { recreate_insert_table(admin.get()); });
        finish_insert(state, admin.get(), single_rows);
    });
}

}  // namespace

BENCHMARK(bulk_insert_raw)->Name("bulk_inserts/mysql/raw")->Iterations(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(bulk_insert_sqla)->Name("bulk_inserts/mysql/sqla")->Iterations(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(bulk_insert_arrays_raw)->Name("bulk_inserts/mysql_arrays/raw")->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(bulk_insert_sqla)->Name("bulk_inserts/mysql_arrays/sqla")->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(bulk_insert_values_raw)
    ->Name("bulk_inserts/mysql_values/raw")
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(bulk_insert_values_sqla)
    ->Name("bulk_inserts/mysql_values/sqla")
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(fetch_raw)->Name("large_resultsets/mysql/raw")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(fetch_sqla)->Name("large_resultsets/mysql/sqla")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(select_by_pk_raw)->Name("short_selects/mysql/raw")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(select_by_pk_sqla)->Name("short_selects/mysql/sqla")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(single_inserts_raw)->Name("single_inserts/mysql/raw")->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(single_inserts_sqla)->Name("single_inserts/mysql/sqla")->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
