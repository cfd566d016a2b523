// sqla: benchmarks/postgresql_bench.cpp. sqla beside raw libpq (and the ODBC C API) on a live
// PostgreSQL: SQLAlchemy's examples/performance suites (bulk_inserts, large_resultsets,
// short_selects, single_inserts).
// SPDX-License-Identifier: MIT
//
// The server is the one SQLA_TEST_POSTGRESQL_URL names (postgresql://user:pass@host:port/db);
// without it every benchmark is skipped with an error. Raw libpq connects with the conninfo
// equivalent to that URL and, like the libpq driver, sets client_encoding to UTF8 and drops
// notices. Both sides work inside one transaction, as sqla begins one implicitly.
//
// - bulk_inserts/postgresql: 100,000 rows (id int, name text, value float8) into a table dropped and
//   created anew outside the timing, in one transaction, then COMMIT. raw executes a prepared
//   INSERT per row (one round trip each); sqla's executemany, which the libpq driver sends in
//   pipeline mode in batches of 1,000. bulk_inserts/postgresql_pipeline/raw does what the driver does
//   with libpq's pipeline mode, beside the same sqla code under a twin name.
//   bulk_inserts/postgresql_values: sqla's executemany of insert(table) (not text()), which the
//   PostgreSQL dialect sends as insertmanyvalues batches, INSERT ... VALUES (...), ... of 1,000
//   rows; raw executes one prepared 1,000-row VALUES statement 100 times.
// - large_resultsets/postgresql: SELECT id, name, value of a 100,000-row table, every row read into a struct.
// - large_resultsets/postgresql_typed: SELECT id, created (timestamptz), payload (16-byte bytea) of a 100,000-row
//   table, into a struct; the types whose text form is costly, which the libpq driver reads in
//   binary format once the prepared statement's columns are known. raw reads binary format too.
//   large_resultsets/postgresql_typed_text/sqla is sqla with prepared statements off (unnamed statements, results
//   in text format): the difference is what binary results gained.
// - large_resultsets/postgresql_odbc, large_resultsets/postgresql_odbc_varchar: the same fetch
//   through postgresql+odbc (psqlODBC), to compare with large_resultsets/postgresql/sqla
//   (libpq). large_resultsets/postgresql_odbc_varchar/raw is the ODBC C API doing the same job: rowsets of 1,024 rows into bound column arrays, names read as SQLWCHAR and
//   written as UTF-8 (what sqla's odbc driver does).
// - short_selects/postgresql: 10,000 single-row SELECTs by primary key, each read into a struct; sqla
//   builds each statement with select().where() (the engine caches its compiled form, the
//   driver its prepared statement), raw executes one prepared statement.
//   short_selects/postgresql_odbc: the same through psqlODBC, raw ODBC beside sqla's odbc driver.
// - single_inserts/postgresql: 2,000 rows, each INSERT in a transaction of its own (BEGIN, INSERT,
//   COMMIT: three round trips on both sides).
#include <benchmark/benchmark.h>
#include <libpq-fe.h>
#include <sql.h>
#include <sqlext.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <type_traits>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

import sqla;

#include "workload.hpp"

namespace {

using namespace sqla_bench;


constexpr const char* insert_table_ddl = "CREATE TABLE sqla_bench_insert (id int, name text, value float8)";
constexpr const char* insert_sql = "INSERT INTO sqla_bench_insert (id, name, value) VALUES ($1, $2, $3)";
constexpr const char* insert_sql_named = "INSERT INTO sqla_bench_insert (id, name, value) VALUES (:id, :name, :value)";
constexpr const char* select_all_sql = "SELECT id, name, value FROM sqla_bench_rows";
// What sqla compiles select(t.c("id"), t.c("name"), t.c("value")).where(t.c("id") == k) to.
constexpr const char* select_by_pk_sql =
    "SELECT sqla_bench_rows.id, sqla_bench_rows.name, sqla_bench_rows.value FROM sqla_bench_rows "
    "WHERE sqla_bench_rows.id = $1";


// ---- raw libpq ------------------------------------------------------------------------------

struct ConnDeleter {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct ResultDeleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnDeleter>;
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// A conninfo value, quoted as libpq reads it.
std::string quoted(std::string_view v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string conninfo(const std::string& url) {
    const sqla::URL u = sqla::make_url(url);
    std::string info;
    auto add = [&](const char* key, const std::optional<std::string>& value) {
        if (value) info += std::string(info.empty() ? "" : " ") + key + "=" + quoted(*value);
    };
    add("host", u.host());
    if (u.port()) add("port", std::to_string(*u.port()));
    add("user", u.username());
    add("password", u.password());
    add("dbname", u.database());
    return info;
}

ConnPtr raw_connect(const std::string& url) {
    ConnPtr pg(PQconnectdb(conninfo(url).c_str()));
    if (!pg || PQstatus(pg.get()) != CONNECTION_OK)
        throw std::runtime_error("libpq: " + std::string(pg ? PQerrorMessage(pg.get()) : "out of memory"));
    PQsetNoticeProcessor(pg.get(), [](void*, const char*) {}, nullptr);
    if (PQsetClientEncoding(pg.get(), "UTF8") != 0) throw std::runtime_error(PQerrorMessage(pg.get()));
    return pg;
}

void check(PGconn* pg, const PGresult* res, ExecStatusType want) {
    if (!res || PQresultStatus(res) != want)
        throw std::runtime_error("libpq: " + std::string(res ? PQresultErrorMessage(res) : PQerrorMessage(pg)));
}

void exec(PGconn* pg, const char* sql) {
    ResultPtr res(PQexec(pg, sql));
    check(pg, res.get(), PGRES_COMMAND_OK);
}

void prepare(PGconn* pg, const char* name, const char* sql, int params) {
    ResultPtr res(PQprepare(pg, name, sql, params, nullptr));
    check(pg, res.get(), PGRES_COMMAND_OK);
}

template <class T>
T parse(const PGresult* res, int row, int col) {
    const char* s = PQgetvalue(res, row, col);
    T out{};
    auto [ptr, ec] = std::from_chars(s, s + PQgetlength(res, row, col), out);
    if (ec != std::errc{}) throw std::runtime_error("bad number: " + std::string(s));
    return out;
}

Record read_record(const PGresult* res, int row) {
    return Record{parse<std::int64_t>(res, row, 0),
                  std::string(PQgetvalue(res, row, 1), static_cast<std::size_t>(PQgetlength(res, row, 1))),
                  parse<double>(res, row, 2)};
}

// One row's INSERT parameters in text format, rendered as the driver renders them.
struct TextParams {
    char id[24];
    char value[32];
    const char* values[3];

    explicit TextParams(const Record& r) {
        *std::to_chars(id, id + sizeof id - 1, r.id).ptr = '\0';
        *std::to_chars(value, value + sizeof value - 1, r.value).ptr = '\0';
        values[0] = id;
        values[1] = r.name.c_str();
        values[2] = value;
    }
};

// ---- fixtures -------------------------------------------------------------------------------



void recreate_insert_table(PGconn* admin) {
    exec(admin, "DROP TABLE IF EXISTS sqla_bench_insert");
    exec(admin, insert_table_ddl);
}

// Counts the inserted rows and drops the table (after the timed loop).
void finish_insert(benchmark::State& state, PGconn* admin, std::int64_t expected = rows) {
    ResultPtr res(PQexec(admin, "SELECT count(*) FROM sqla_bench_insert"));
    check(admin, res.get(), PGRES_TUPLES_OK);
    const auto counted = parse<std::int64_t>(res.get(), 0, 0);
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
        exec(admin_.get(), "CREATE TABLE sqla_bench_rows (id int PRIMARY KEY, name text, value float8)");
        exec(admin_.get(),
             "INSERT INTO sqla_bench_rows SELECT i, 'customer name ' || i, i * 0.25 FROM generate_series(1, 100000) AS i");
        exec(admin_.get(), "VACUUM ANALYZE sqla_bench_rows");
    }
    ~RowsTable() { exec_quietly("DROP TABLE IF EXISTS sqla_bench_rows"); }
    RowsTable(const RowsTable&) = delete;
    RowsTable& operator=(const RowsTable&) = delete;

    static void ensure(const std::string& url) { static RowsTable table(url); }

private:
    void exec_quietly(const char* sql) noexcept { PQclear(PQexec(admin_.get(), sql)); }
    ConnPtr admin_;
};

template <class F>
void with_server(benchmark::State& state, F&& body) {
    sqla_bench::with_server(state, "SQLA_TEST_POSTGRESQL_URL", std::forward<F>(body));
}

// ---- bulk_insert_100k -----------------------------------------------------------------------

// A prepared INSERT per row: `count` rows in one transaction, or (`each`) each in its own:
// BEGIN, INSERT, COMMIT, the round trips a DBAPI connection makes per transaction.
void prepared_inserts_raw(benchmark::State& state, int count, bool each) {
    with_server(state, [&](const std::string& url) {
        const auto records = make_records();
        auto admin = raw_connect(url);
        recreate_insert_table(admin.get());
        auto pg = raw_connect(url);
        prepare(pg.get(), "insert_row", insert_sql, 3);
        for (auto _ : state) {
            state.PauseTiming();
            recreate_insert_table(admin.get());
            state.ResumeTiming();
            if (!each) exec(pg.get(), "BEGIN");
            for (int i = 0; i < count; ++i) {
                if (each) exec(pg.get(), "BEGIN");
                const TextParams p(records[static_cast<std::size_t>(i)]);
                ResultPtr res(PQexecPrepared(pg.get(), "insert_row", 3, p.values, nullptr, nullptr, 0));
                check(pg.get(), res.get(), PGRES_COMMAND_OK);
                if (each) exec(pg.get(), "COMMIT");
            }
            if (!each) exec(pg.get(), "COMMIT");
        }
        finish_insert(state, admin.get(), count);
    });
}

void bulk_insert_raw(benchmark::State& state) { prepared_inserts_raw(state, rows, false); }

void bulk_insert_pipeline_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        const auto records = make_records();
        auto admin = raw_connect(url);
        recreate_insert_table(admin.get());
        auto pg = raw_connect(url);
        PGconn* c = pg.get();
        prepare(c, "insert_row", insert_sql, 3);
        for (auto _ : state) {
            state.PauseTiming();
            recreate_insert_table(admin.get());
            state.ResumeTiming();
            exec(c, "BEGIN");
            if (PQenterPipelineMode(c) != 1) throw std::runtime_error(PQerrorMessage(c));
            for (std::size_t first = 0; first < records.size(); first += per_batch) {
                const std::size_t last = std::min(records.size(), first + per_batch);
                for (std::size_t i = first; i < last; ++i) {
                    const TextParams p(records[i]);
                    if (!PQsendQueryPrepared(c, "insert_row", 3, p.values, nullptr, nullptr, 0))
                        throw std::runtime_error(PQerrorMessage(c));
                }
                if (PQpipelineSync(c) != 1) throw std::runtime_error(PQerrorMessage(c));
                // Each query's result then a null; the batch ends with the sync's result.
                for (std::size_t i = first; i < last; ++i) {
                    ResultPtr res(PQgetResult(c));
                    check(c, res.get(), PGRES_COMMAND_OK);
                    ResultPtr end(PQgetResult(c));
                }
                ResultPtr sync(PQgetResult(c));
                check(c, sync.get(), PGRES_PIPELINE_SYNC);
            }
            if (PQexitPipelineMode(c) != 1) throw std::runtime_error(PQerrorMessage(c));
            exec(c, "COMMIT");
        }
        finish_insert(state, admin.get());
    });
}

void bulk_insert_sqla(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        auto admin = raw_connect(url);
        insert_records(state, url, sqla::text(insert_sql_named), [&] { recreate_insert_table(admin.get()); });
        finish_insert(state, admin.get());
    });
}

// The 1,000-row INSERT ... VALUES ($1, $2, $3), ($4, $5, $6), ... of bulk_insert_100k_values/raw.
std::string values_insert_sql() {
    std::string sql = "INSERT INTO sqla_bench_insert (id, name, value) VALUES ";
    for (int r = 0; r < per_batch; ++r) {
        if (r) sql += ", ";
        sql += "($" + std::to_string(3 * r + 1) + ", $" + std::to_string(3 * r + 2) + ", $" + std::to_string(3 * r + 3) + ")";
    }
    return sql;
}

void bulk_insert_values_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        const auto records = make_records();
        auto admin = raw_connect(url);
        recreate_insert_table(admin.get());
        auto pg = raw_connect(url);
        prepare(pg.get(), "insert_values", values_insert_sql().c_str(), 3 * per_batch);
        std::vector<TextParams> batch;
        batch.reserve(per_batch);  // TextParams points into itself: it must not move
        std::vector<const char*> values(3 * per_batch);
        for (auto _ : state) {
            state.PauseTiming();
            recreate_insert_table(admin.get());
            state.ResumeTiming();
            exec(pg.get(), "BEGIN");
            for (std::size_t first = 0; first < records.size(); first += per_batch) {
                batch.clear();
                for (std::size_t i = first; i < first + per_batch; ++i) batch.emplace_back(records[i]);
                for (std::size_t i = 0; i < batch.size(); ++i)
                    for (std::size_t k = 0; k < 3; ++k) values[3 * i + k] = batch[i].values[k];
                ResultPtr res(PQexecPrepared(pg.get(), "insert_values", 3 * per_batch, values.data(), nullptr, nullptr, 0));
                check(pg.get(), res.get(), PGRES_COMMAND_OK);
            }
            exec(pg.get(), "COMMIT");
        }
        finish_insert(state, admin.get());
    });
}

void bulk_insert_values_sqla(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        auto admin = raw_connect(url);
        sqla::MetaData metadata;
        sqla::Table table(metadata, "sqla_bench_insert", sqla::Column{"id", sqla::Integer{}},
                          sqla::Column{"name", sqla::Text{}}, sqla::Column{"value", sqla::Double{}});
        insert_records(state, url, sqla::insert(table), [&] { recreate_insert_table(admin.get()); });
        finish_insert(state, admin.get());
    });
}

// ---- fetch_100k -----------------------------------------------------------------------------

void fetch_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        RowsTable::ensure(url);
        auto pg = raw_connect(url);
        exec(pg.get(), "BEGIN");
        std::int64_t sum = 0;
        for (auto _ : state) {
            std::vector<Record> out;
            ResultPtr res(PQexecParams(pg.get(), select_all_sql, 0, nullptr, nullptr, nullptr, nullptr, 0));
            check(pg.get(), res.get(), PGRES_TUPLES_OK);
            const int n = PQntuples(res.get());
            for (int row = 0; row < n; ++row) out.push_back(read_record(res.get(), row));
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

// ---- fetch_100k_typed -----------------------------------------------------------------------

struct TypedRecord {
    std::int64_t id;
    sqla::UtcDateTime created;
    std::vector<std::byte> payload;
};

constexpr const char* select_typed_sql = "SELECT id, created, payload FROM sqla_bench_typed";

// The table of fetch_100k_typed: filled at its first use, dropped when the program ends.
class TypedTable {
public:
    explicit TypedTable(const std::string& url) : admin_(raw_connect(url)) {
        exec(admin_.get(), "DROP TABLE IF EXISTS sqla_bench_typed");
        exec(admin_.get(), "CREATE TABLE sqla_bench_typed (id int PRIMARY KEY, created timestamptz, payload bytea)");
        exec(admin_.get(),
             "INSERT INTO sqla_bench_typed SELECT i, timestamptz '2024-01-01 00:00:00+00' + i * interval '1.5 second', "
             "decode(md5(i::text), 'hex') FROM generate_series(1, 100000) AS i");
        exec(admin_.get(), "VACUUM ANALYZE sqla_bench_typed");
    }
    ~TypedTable() { PQclear(PQexec(admin_.get(), "DROP TABLE IF EXISTS sqla_bench_typed")); }
    TypedTable(const TypedTable&) = delete;
    TypedTable& operator=(const TypedTable&) = delete;

    static void ensure(const std::string& url) { static TypedTable table(url); }

private:
    ConnPtr admin_;
};

std::int64_t typed_checksum(const std::vector<TypedRecord>& out) {
    std::int64_t sum = 0;
    for (const auto& r : out)
        sum += r.id + r.created.time_since_epoch().count() % 1000003 + std::to_integer<int>(r.payload.back());
    return sum;
}

template <class T>
T be(const char* p) {
    std::make_unsigned_t<T> v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) v = static_cast<std::make_unsigned_t<T>>((v << 8) | static_cast<unsigned char>(p[i]));
    return static_cast<T>(v);
}

void fetch_typed_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        TypedTable::ensure(url);
        auto pg = raw_connect(url);
        exec(pg.get(), "BEGIN");
        prepare(pg.get(), "select_typed", select_typed_sql, 0);
        // Binary timestamps count microseconds from 2000-01-01.
        const auto epoch = sqla::UtcDateTime(std::chrono::sys_days{std::chrono::year{2000} / 1 / 1});
        std::int64_t sum = 0;
        for (auto _ : state) {
            std::vector<TypedRecord> out;
            ResultPtr res(PQexecPrepared(pg.get(), "select_typed", 0, nullptr, nullptr, nullptr, 1));
            check(pg.get(), res.get(), PGRES_TUPLES_OK);
            const int n = PQntuples(res.get());
            for (int row = 0; row < n; ++row) {
                const auto* bytes = reinterpret_cast<const std::byte*>(PQgetvalue(res.get(), row, 2));
                out.push_back(TypedRecord{be<std::int32_t>(PQgetvalue(res.get(), row, 0)),
                                          epoch + std::chrono::microseconds{be<std::int64_t>(PQgetvalue(res.get(), row, 1))},
                                          std::vector<std::byte>(bytes, bytes + PQgetlength(res.get(), row, 2))});
            }
            sum = typed_checksum(out);
            benchmark::DoNotOptimize(out.data());
        }
        state.counters["checksum"] = static_cast<double>(sum);
        state.SetItemsProcessed(state.iterations() * rows);
    });
}

void fetch_typed(benchmark::State& state, const char* url_query) {
    with_server(state, [&](const std::string& url) {
        TypedTable::ensure(url);
        auto engine = sqla::create_engine(url + url_query);
        auto conn = engine.connect();
        // Outside the timing, as raw's PQprepare: the statement is prepared and its columns
        // learnt (after which results come in binary format).
        (void)conn.execute(sqla::text(select_typed_sql)).all();
        std::int64_t sum = 0;
        for (auto _ : state) {
            std::vector<TypedRecord> out;
            for (const sqla::Row& row : conn.execute(sqla::text(select_typed_sql)))
                out.push_back(TypedRecord{row.get<std::int64_t>(0), row.get<sqla::UtcDateTime>(1), row.get<sqla::Bytes>(2)});
            sum = typed_checksum(out);
            benchmark::DoNotOptimize(out.data());
        }
        state.counters["checksum"] = static_cast<double>(sum);
        state.SetItemsProcessed(state.iterations() * rows);
    });
}

void fetch_typed_sqla(benchmark::State& state) { fetch_typed(state, ""); }
void fetch_typed_text_sqla(benchmark::State& state) { fetch_typed(state, "?prepared_statement_cache_size=0"); }

// fetch_100k through the odbc driver and psqlODBC (postgresql+odbc://): the same rows and
// the same reading code, to set beside fetch_100k/sqla (libpq). The text column makes psqlODBC
// return values one SQLGetData call at a time; fetch_100k_odbc_varchar reads it as varchar(40),
// which the odbc driver fetches a rowset at a time.
void fetch_through_odbc(benchmark::State& state, const char* sql) {
    with_server(state, [&](const std::string& url) {
        RowsTable::ensure(url);
        std::string odbc_url = url;
        odbc_url.replace(odbc_url.find("://"), 0, "+odbc");
        auto engine = sqla::create_engine(odbc_url);
        auto conn = engine.connect();
        fetch_records(state, conn, sqla::text(sql));
    });
}
void fetch_odbc_sqla(benchmark::State& state) { fetch_through_odbc(state, select_all_sql); }
void fetch_odbc_varchar_sqla(benchmark::State& state) {
    fetch_through_odbc(state, "SELECT id, name::varchar(40) AS name, value FROM sqla_bench_rows");
}

// The ODBC C API on its own: a psqlODBC connection for the URL (autocommit off, as sqla's odbc
// driver), with one statement handle.
class RawOdbc {
public:
    explicit RawOdbc(const std::string& url) {
        const auto u = sqla::make_url(url);
        std::string cs = "DRIVER={PostgreSQL Unicode};Server=" + u.host().value_or("localhost") +
                         ";Port=" + std::to_string(u.port().value_or(5432)) + ";Database=" + u.database().value_or("") +
                         ";UID=" + u.username().value_or("") + ";PWD=" + u.password().value_or("");
        SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
        SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
        SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
        if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, nullptr, reinterpret_cast<SQLCHAR*>(cs.data()), SQL_NTS, nullptr, 0,
                                            nullptr, SQL_DRIVER_NOPROMPT))) {
            SQLFreeHandle(SQL_HANDLE_DBC, dbc);
            SQLFreeHandle(SQL_HANDLE_ENV, env);
            throw std::runtime_error("ODBC: cannot connect through psqlODBC");
        }
        SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
        SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
    }
    ~RawOdbc() {
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK);
        SQLDisconnect(dbc);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
    }
    RawOdbc(const RawOdbc&) = delete;
    RawOdbc& operator=(const RawOdbc&) = delete;

    SQLHENV env = SQL_NULL_HENV;
    SQLHDBC dbc = SQL_NULL_HDBC;
    SQLHSTMT stmt = SQL_NULL_HSTMT;
};

// UTF-16 (from SQL_C_WCHAR) to UTF-8, as sqla's odbc driver converts; names here are in the
// Basic Multilingual Plane.
std::string utf8(const char16_t* w, std::size_t units) {
    std::string out;
    out.reserve(units);
    for (std::size_t k = 0; k < units; ++k) {
        const char16_t c = w[k];
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

// Block fetching with column-wise bound arrays.
void fetch_odbc_varchar_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        RowsTable::ensure(url);
        RawOdbc odbc(url);
        const SQLHSTMT stmt = odbc.stmt;
        constexpr SQLULEN rowset = 1024;
        constexpr SQLLEN name_units = 81;  // varchar(40): 2 UTF-16 units a character at most, and the NUL
        std::vector<std::int64_t> ids(rowset);
        std::vector<char16_t> names(rowset * name_units);
        std::vector<double> values(rowset);
        std::vector<SQLLEN> id_ind(rowset), name_ind(rowset), value_ind(rowset);
        SQLULEN fetched = 0;
        SQLSetStmtAttr(stmt, SQL_ATTR_ROW_BIND_TYPE, reinterpret_cast<SQLPOINTER>(SQL_BIND_BY_COLUMN), 0);
        SQLSetStmtAttr(stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(rowset), 0);
        SQLSetStmtAttr(stmt, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
        SQLBindCol(stmt, 1, SQL_C_SBIGINT, ids.data(), 0, id_ind.data());
        SQLBindCol(stmt, 2, SQL_C_WCHAR, names.data(), name_units * sizeof(char16_t), name_ind.data());
        SQLBindCol(stmt, 3, SQL_C_DOUBLE, values.data(), 0, value_ind.data());
        std::string sql = "SELECT id, name::varchar(40) AS name, value FROM sqla_bench_rows";
        std::int64_t sum = 0;
        for (auto _ : state) {
            std::vector<Record> out;
            if (!SQL_SUCCEEDED(SQLExecDirect(stmt, reinterpret_cast<SQLCHAR*>(sql.data()), SQL_NTS)))
                throw std::runtime_error("ODBC: SELECT failed");
            SQLRETURN rc;
            while ((rc = SQLFetch(stmt)) != SQL_NO_DATA) {
                if (!SQL_SUCCEEDED(rc)) throw std::runtime_error("ODBC: SQLFetch failed");
                for (SQLULEN i = 0; i < fetched; ++i)
                    out.push_back(Record{ids[i], utf8(names.data() + i * name_units,
                                                      static_cast<std::size_t>(name_ind[i]) / sizeof(char16_t)),
                                         values[i]});
            }
            SQLFreeStmt(stmt, SQL_CLOSE);
            sum = 0;
            for (const auto& r : out) sum += checksum(r);
            benchmark::DoNotOptimize(out.data());
        }
        state.counters["checksum"] = static_cast<double>(sum);
        state.SetItemsProcessed(state.iterations() * rows);
    });
}

// short_selects through psqlODBC: raw prepares the SELECT once and executes it per key, reading
// the text column with SQLGetData (psqlODBC reports text unbounded, as sqla's driver reads it).
void select_by_pk_odbc_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        RowsTable::ensure(url);
        RawOdbc odbc(url);
        const SQLHSTMT stmt = odbc.stmt;
        std::string sql = select_by_pk_sql;
        sql.replace(sql.find("$1"), 2, "?");
        if (!SQL_SUCCEEDED(SQLPrepare(stmt, reinterpret_cast<SQLCHAR*>(sql.data()), SQL_NTS)))
            throw std::runtime_error("ODBC: SQLPrepare failed");
        std::int64_t key = 0, id = 0;
        double value = 0;
        SQLLEN key_ind = 0, id_ind = 0, value_ind = 0;
        SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &key, 0, &key_ind);
        SQLBindCol(stmt, 1, SQL_C_SBIGINT, &id, 0, &id_ind);
        SQLBindCol(stmt, 3, SQL_C_DOUBLE, &value, 0, &value_ind);
        char16_t name[128];
        std::int64_t sum = 0;
        for (auto _ : state) {
            sum = 0;
            for (int n = 0; n < lookups; ++n) {
                key = lookup_key(n);
                if (!SQL_SUCCEEDED(SQLExecute(stmt)) || !SQL_SUCCEEDED(SQLFetch(stmt)))
                    throw std::runtime_error("ODBC: SELECT by key failed");
                SQLLEN name_ind = 0;
                if (!SQL_SUCCEEDED(SQLGetData(stmt, 2, SQL_C_WCHAR, name, sizeof name, &name_ind)))
                    throw std::runtime_error("ODBC: SQLGetData failed");
                const Record r{id, utf8(name, static_cast<std::size_t>(name_ind) / sizeof(char16_t)), value};
                SQLFreeStmt(stmt, SQL_CLOSE);
                sum += checksum(r);
                benchmark::DoNotOptimize(r);
            }
        }
        state.counters["checksum"] = static_cast<double>(sum);
        state.SetItemsProcessed(state.iterations() * lookups);
    });
}

// ---- select_by_pk_10k -----------------------------------------------------------------------


void select_by_pk_raw(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        RowsTable::ensure(url);
        auto pg = raw_connect(url);
        exec(pg.get(), "BEGIN");
        prepare(pg.get(), "select_by_pk", select_by_pk_sql, 1);
        std::int64_t sum = 0;
        for (auto _ : state) {
            sum = 0;
            for (int n = 0; n < lookups; ++n) {
                char key[24];
                *std::to_chars(key, key + sizeof key - 1, lookup_key(n)).ptr = '\0';
                const char* values[1] = {key};
                ResultPtr res(PQexecPrepared(pg.get(), "select_by_pk", 1, values, nullptr, nullptr, 0));
                check(pg.get(), res.get(), PGRES_TUPLES_OK);
                if (PQntuples(res.get()) != 1) throw std::runtime_error("not one row");
                const Record r = read_record(res.get(), 0);
                sum += checksum(r);
                benchmark::DoNotOptimize(r);
            }
        }
        state.counters["checksum"] = static_cast<double>(sum);
        state.SetItemsProcessed(state.iterations() * lookups);
    });
}

void select_by_pk(benchmark::State& state, bool odbc) {
    with_server(state, [&](const std::string& url) {
        RowsTable::ensure(url);
        std::string engine_url = url;
        if (odbc) engine_url.replace(engine_url.find("://"), 0, "+odbc");
        auto engine = sqla::create_engine(engine_url);
        auto conn = engine.connect();
        sqla::MetaData metadata;
        sqla::Table t{metadata, "sqla_bench_rows", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"name", sqla::Text{}}, sqla::Column{"value", sqla::Double{}}};
        std::int64_t sum = 0;
        for (auto _ : state) {
            sum = 0;
            for (int n = 0; n < lookups; ++n) {
                auto stmt = sqla::select(t.c("id"), t.c("name"), t.c("value")).where(t.c("id") == lookup_key(n));
                auto row = conn.execute(stmt).one();
                const Record r{row.get<std::int64_t>(0), row.get<std::string>(1), row.get<double>(2)};
                sum += checksum(r);
                benchmark::DoNotOptimize(r);
            }
        }
        state.counters["checksum"] = static_cast<double>(sum);
        state.SetItemsProcessed(state.iterations() * lookups);
    });
}
void select_by_pk_sqla(benchmark::State& state) { select_by_pk(state, false); }
void select_by_pk_odbc_sqla(benchmark::State& state) { select_by_pk(state, true); }

// ---- single_inserts ---------------------------------------------------------------------------

void single_inserts_raw(benchmark::State& state) { prepared_inserts_raw(state, single_rows, true); }

void single_inserts_sqla(benchmark::State& state) {
    with_server(state, [&](const std::string& url) {
        auto admin = raw_connect(url);
        sqla::MetaData metadata;
        sqla::Table t{metadata, "sqla_bench_insert", sqla::Column{"id", sqla::Integer{}},
                      sqla::Column{"name", sqla::Text{}}, sqla::Column{"value", sqla::Double{}}};
        insert_singly(state, url, t, [&] { recreate_insert_table(admin.get()); });
        finish_insert(state, admin.get(), single_rows);
    });
}

}  // namespace

BENCHMARK(bulk_insert_raw)->Name("bulk_inserts/postgresql/raw")->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(bulk_insert_sqla)->Name("bulk_inserts/postgresql/sqla")->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(bulk_insert_pipeline_raw)
    ->Name("bulk_inserts/postgresql_pipeline/raw")
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(bulk_insert_sqla)
    ->Name("bulk_inserts/postgresql_pipeline/sqla")
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(bulk_insert_values_raw)
    ->Name("bulk_inserts/postgresql_values/raw")
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(bulk_insert_values_sqla)
    ->Name("bulk_inserts/postgresql_values/sqla")
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(fetch_raw)->Name("large_resultsets/postgresql/raw")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(fetch_sqla)->Name("large_resultsets/postgresql/sqla")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(fetch_odbc_sqla)->Name("large_resultsets/postgresql_odbc/sqla")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(fetch_odbc_varchar_raw)->Name("large_resultsets/postgresql_odbc_varchar/raw")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(fetch_odbc_varchar_sqla)->Name("large_resultsets/postgresql_odbc_varchar/sqla")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(fetch_typed_raw)->Name("large_resultsets/postgresql_typed/raw")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(fetch_typed_sqla)->Name("large_resultsets/postgresql_typed/sqla")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(fetch_typed_text_sqla)->Name("large_resultsets/postgresql_typed_text/sqla")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(select_by_pk_raw)->Name("short_selects/postgresql/raw")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(select_by_pk_sqla)->Name("short_selects/postgresql/sqla")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(select_by_pk_odbc_raw)->Name("short_selects/postgresql_odbc/raw")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(select_by_pk_odbc_sqla)->Name("short_selects/postgresql_odbc/sqla")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(single_inserts_raw)->Name("single_inserts/postgresql/raw")->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(single_inserts_sqla)->Name("single_inserts/postgresql/sqla")->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
