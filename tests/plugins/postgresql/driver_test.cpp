// sqla: tests/plugins/postgresql/driver_test.cpp. The libpq driver against a live PostgreSQL
// (scripts/test.sh starts one and sets SQLA_TEST_POSTGRESQL_URL): types both ways, errors by
// SQLSTATE, executemany in pipeline mode, streaming, implicit RETURNING, isolation levels, and
// the pool recovering from killed server sessions.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

import sqla;

using namespace std::chrono_literals;

namespace {

std::string pg_url() {
    const char* url = std::getenv("SQLA_TEST_POSTGRESQL_URL");
    return url ? url : "";
}

class PostgresTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (pg_url().empty()) GTEST_SKIP() << "SQLA_TEST_POSTGRESQL_URL is not set (scripts/test.sh sets it)";
        engine_.emplace(sqla::create_engine(pg_url()));
    }
    sqla::Engine& engine() { return *engine_; }
    // A table for one test, dropped first if a previous run left it.
    void fresh(sqla::Connection& conn, const std::string& name, const std::string& columns) {
        conn.execute(sqla::text("DROP TABLE IF EXISTS " + name));
        conn.execute(sqla::text("CREATE TABLE " + name + " (" + columns + ")"));
        conn.commit();
    }
    std::optional<sqla::Engine> engine_;
};

}  // namespace

TEST_F(PostgresTest, ConnectsAndReportsTheServer) {
    auto conn = engine();
    auto c = conn.connect();
    EXPECT_EQ(c.driver_connection().server_version().substr(0, 3), "15.");
    EXPECT_EQ(std::string(engine().driver().name()), "libpq");
    EXPECT_EQ(c.execute(sqla::text("SELECT current_user")).scalar<std::string>(), "sqla");
}

TEST_F(PostgresTest, ReadsEachTypeAsItsValue) {
    auto conn = engine().connect();
    auto row = conn.execute(sqla::text(
                                "SELECT 1::int2 AS a, 2::int4 AS b, 3000000000::int8 AS c, 1.5::float8 AS d, "
                                "'x'::text AS e, true AS f, 1.250::numeric AS g, '\\x01ff'::bytea AS h, "
                                "date '2024-02-29' AS i, time '13:05:09.5' AS j, "
                                "timestamp '2024-02-29 13:05:09.123456' AS k, "
                                "timestamptz '2024-02-29 13:05:09+05:30' AS l, interval '1 day 02:03:04.5' AS m, "
                                "'12345678-9abc-def0-1234-56789abcdef0'::uuid AS n, '{\"a\": [1, 2]}'::jsonb AS o, "
                                "NULL::int4 AS p, 'ok'::varchar(5) AS q"))
                   .one();
    EXPECT_EQ(row.get<std::int64_t>("a"), 1);
    EXPECT_EQ(row.get<std::int64_t>("b"), 2);
    EXPECT_EQ(row.get<std::int64_t>("c"), 3000000000);
    EXPECT_EQ(row.get<double>("d"), 1.5);
    EXPECT_EQ(row.get<std::string>("e"), "x");
    EXPECT_EQ(row.get<bool>("f"), true);
    EXPECT_EQ(row["g"].kind(), sqla::ValueKind::decimal);
    EXPECT_EQ(row.get<sqla::Decimal>("g").to_string(), "1.250");
    EXPECT_EQ(row.get<sqla::Bytes>("h"), (sqla::Bytes{std::byte{1}, std::byte{0xff}}));
    EXPECT_EQ(row.get<std::chrono::year_month_day>("i"), std::chrono::year{2024} / 2 / 29);
    EXPECT_EQ(row["j"].kind(), sqla::ValueKind::time);
    EXPECT_EQ(sqla::to_iso(row.get<sqla::TimeOfDay>("j")), "13:05:09.500000");
    EXPECT_EQ(sqla::to_iso(row.get<sqla::LocalDateTime>("k")), "2024-02-29 13:05:09.123456");
    EXPECT_EQ(sqla::to_iso(row.get<sqla::UtcDateTime>("l")), "2024-02-29 07:35:09+00:00");
    EXPECT_EQ(row.get<std::chrono::microseconds>("m"), 26h + 3min + 4500ms);
    EXPECT_EQ(row.get<sqla::UuidValue>("n").to_string(), "12345678-9abc-def0-1234-56789abcdef0");
    EXPECT_EQ(row["o"].kind(), sqla::ValueKind::json);
    EXPECT_TRUE(row["p"].is_null());
    EXPECT_EQ(row.get<std::string>("q"), "ok");
}

TEST_F(PostgresTest, BindsEachValueKindAndReadsItBack) {
    using namespace std::chrono;
    auto conn = engine().connect();
    const std::vector<sqla::Value> values{
        sqla::Value(true),
        sqla::Value(42),
        sqla::Value(std::int64_t{9'000'000'000}),
        sqla::Value(2.25),
        sqla::Value("it's text"),
        sqla::Value(sqla::Bytes{std::byte{0}, std::byte{1}, std::byte{0xfe}}),
        sqla::Value(sqla::Decimal("-12345678901234567890.000001")),
        sqla::Value(year{1999} / 12 / 31),
        sqla::Value(sqla::TimeOfDay{13h + 5min + 9s + 1us}),
        sqla::Value(sqla::LocalDateTime{local_days{year{2020} / 1 / 2}} + 3h + 4us),
        sqla::Value(sqla::UtcDateTime{sys_days{year{2021} / 6 / 30}} + 23h + 59min),
        sqla::Value(microseconds{-(50h + 30s)}),
        sqla::Value(*sqla::UuidValue::parse("0f0e0d0c-0b0a-0908-0706-050403020100")),
    };
    for (const auto& v : values) {
        const auto back = conn.execute(sqla::text("SELECT :v AS v"), {{"v", v}}).scalar();
        EXPECT_EQ(back, v) << v.repr() << " came back as " << back.repr();
    }
    // NULL, and JSON into a jsonb column (the server infers the type from the column).
    EXPECT_TRUE(conn.execute(sqla::text("SELECT :v AS v"), {{"v", sqla::Value()}}).scalar().is_null());
    fresh(conn, "pg_json", "doc jsonb");
    conn.execute(sqla::text("INSERT INTO pg_json VALUES (:d)"), {{"d", boost::json::value{{"a", 1}}}});
    EXPECT_EQ(conn.execute(sqla::text("SELECT doc ->> 'a' FROM pg_json")).scalar<std::string>(), "1");
}

TEST_F(PostgresTest, ErrorsMapBySqlstate) {
    auto conn = engine().connect();
    fresh(conn, "pg_errors", "id integer PRIMARY KEY");
    conn.execute(sqla::text("INSERT INTO pg_errors VALUES (1)"));
    try {
        conn.execute(sqla::text("INSERT INTO pg_errors VALUES (:id)"), {{"id", 1}});
        FAIL();
    } catch (const sqla::IntegrityError& e) {
        EXPECT_EQ(e.sqlstate(), "23505");
        EXPECT_NE(std::string(e.what()).find("duplicate key"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("INSERT INTO pg_errors VALUES ($1)"), std::string::npos) << e.what();
    }
    conn.rollback();
    try {
        conn.execute(sqla::text("SELEC 1"));
        FAIL();
    } catch (const sqla::ProgrammingError& e) {
        EXPECT_EQ(e.sqlstate(), "42601");
    }
    conn.rollback();
    EXPECT_THROW(conn.execute(sqla::text("SELECT 1 / 0")), sqla::DataError);
    conn.rollback();
    // After an error PostgreSQL refuses everything until ROLLBACK: an InternalError (25P02).
    EXPECT_THROW(conn.execute(sqla::text("SELECT 1 / 0")), sqla::DataError);
    try {
        conn.execute(sqla::text("SELECT 1"));
        FAIL();
    } catch (const sqla::InternalError& e) {
        EXPECT_EQ(e.sqlstate(), "25P02");
    }
    conn.rollback();
    EXPECT_EQ(conn.execute(sqla::text("SELECT 1")).scalar<int>(), 1);
}

TEST_F(PostgresTest, ExecutemanyInPipelineMode) {
    auto conn = engine().connect();
    fresh(conn, "pg_many", "id integer PRIMARY KEY, name text, big bigint");
    std::vector<sqla::Params> rows;
    for (int i = 0; i < 2500; ++i)
        rows.push_back({{"id", i}, {"name", i % 7 ? sqla::Value("n" + std::to_string(i)) : sqla::Value()},
                        {"big", i == 5 ? sqla::Value(std::int64_t{1} << 40) : sqla::Value(i)}});
    auto r = conn.execute(sqla::text("INSERT INTO pg_many VALUES (:id, :name, :big)"), rows);
    EXPECT_EQ(r.rowcount(), 2500);
    conn.commit();
    using Three = std::tuple<std::int64_t, std::int64_t, std::int64_t>;
    const auto [count, named, biggest] =
        conn.execute(sqla::text("SELECT count(*), count(name), max(big) FROM pg_many")).one().tuple<std::int64_t, std::int64_t, std::int64_t>();
    EXPECT_EQ((Three{count, named, biggest}), (Three{2500, 2142, std::int64_t{1} << 40}));
    // A failing row stops the batch: the error names it, and the transaction rolls back whole.
    std::vector<sqla::Params> again{{{"id", 10000}, {"name", "a"}, {"big", 1}},
                                    {{"id", 3}, {"name", "dup"}, {"big", 1}},
                                    {{"id", 10001}, {"name", "b"}, {"big", 1}}};
    try {
        conn.execute(sqla::text("INSERT INTO pg_many VALUES (:id, :name, :big)"), again);
        FAIL();
    } catch (const sqla::IntegrityError& e) {
        EXPECT_NE(std::string(e.what()).find("parameter set 1"), std::string::npos) << e.what();
    }
    conn.rollback();
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM pg_many")).scalar<int>(), 2500);
}

TEST_F(PostgresTest, StreamResultsReadsRowByRowAndLetsOtherStatementsRun) {
    auto conn = engine().connect();
    auto r = conn.execute(sqla::text("SELECT g FROM generate_series(1, 5000) AS g"), {.stream_results = true});
    EXPECT_EQ(r.fetchone()->get<int>(0), 1);
    EXPECT_EQ(r.fetchmany(9).back().get<int>(0), 10);
    // Another statement while the stream is open: the rest of the stream is kept.
    EXPECT_EQ(conn.execute(sqla::text("SELECT 42")).scalar<int>(), 42);
    std::int64_t sum = 0, n = 0;
    for (const auto& row : r) {
        sum += row.get<std::int64_t>(0);
        ++n;
    }
    EXPECT_EQ(n, 4990);
    EXPECT_EQ(sum, 5000LL * 5001 / 2 - 55);
    // Partitions with yield_per, and a stream closed early.
    std::size_t parts = 0;
    for (const auto& rows : conn.execute(sqla::text("SELECT g FROM generate_series(1, 1000) AS g"), {.yield_per = 300})
                                .partitions()) {
        EXPECT_LE(rows.size(), 300u);
        ++parts;
    }
    EXPECT_EQ(parts, 4u);
    {
        auto early = conn.execute(sqla::text("SELECT g FROM generate_series(1, 100000) AS g"), {.stream_results = true});
        EXPECT_EQ(early.fetchone()->get<int>(0), 1);
    }
    EXPECT_EQ(conn.execute(sqla::text("SELECT 7")).scalar<int>(), 7);
}

TEST_F(PostgresTest, InsertedPrimaryKeyComesFromImplicitReturning) {
    sqla::MetaData md;
    sqla::Table t(md, "pg_serial", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                  sqla::Column{"name", sqla::String{20}});
    md.drop_all(engine());
    md.create_all(engine());
    auto conn = engine().connect();
    auto first = conn.execute(sqla::insert(t).values({{"name", "a"}}));
    auto second = conn.execute(sqla::insert(t).values({{"name", "b"}}));
    EXPECT_FALSE(first.returns_rows());
    ASSERT_EQ(second.inserted_primary_key().size(), 1u);
    EXPECT_EQ(second.inserted_primary_key()[0].as<std::int64_t>(), first.inserted_primary_key()[0].as<std::int64_t>() + 1);
    EXPECT_EQ(second.rowcount(), 1);
    conn.commit();
    md.drop_all(engine());
}

TEST_F(PostgresTest, IsolationLevels) {
    auto conn = engine().connect();
    EXPECT_EQ(conn.default_isolation_level(), "READ COMMITTED");
    conn.execution_options({.isolation_level = "REPEATABLE READ"});
    EXPECT_EQ(conn.get_isolation_level(), "REPEATABLE READ");
    conn.execution_options({.isolation_level = "AUTOCOMMIT"});
    fresh(conn, "pg_auto", "x int");
    conn.execute(sqla::text("INSERT INTO pg_auto VALUES (1)"));
    {
        auto other = engine().connect();
        EXPECT_EQ(other.execute(sqla::text("SELECT count(*) FROM pg_auto")).scalar<int>(), 1);  // already committed
    }
    conn.close();
    auto again = engine().connect();
    EXPECT_EQ(again.get_isolation_level(), "READ COMMITTED");
}

TEST_F(PostgresTest, SavepointsOnTheServer) {
    auto conn = engine().connect();
    fresh(conn, "pg_sp", "x int");
    conn.begin([](sqla::Connection& c) {
        c.execute(sqla::text("INSERT INTO pg_sp VALUES (1)"));
        try {
            c.begin_nested([](sqla::Connection& inner) {
                inner.execute(sqla::text("INSERT INTO pg_sp VALUES (2)"));
                inner.execute(sqla::text("INSERT INTO no_such_table VALUES (3)"));  // aborts the savepoint
            });
        } catch (const sqla::ProgrammingError&) {
        }
        c.execute(sqla::text("INSERT INTO pg_sp VALUES (4)"));  // the transaction goes on
    });
    EXPECT_EQ(conn.execute(sqla::text("SELECT string_agg(x::text, ',' ORDER BY x) FROM pg_sp")).scalar<std::string>(), "1,4");
}

TEST_F(PostgresTest, KilledSessionsAreReplacedWithPrePing) {
    auto engine = sqla::create_engine(pg_url(), {.pool_size = 3, .pool_pre_ping = true});
    std::int64_t old_pid = 0;
    {
        auto conn = engine.connect();
        old_pid = conn.execute(sqla::text("SELECT pg_backend_pid()")).scalar<std::int64_t>();
    }
    // Kill every session of this engine from outside, as a server restart would.
    {
        auto admin = sqla::create_engine(pg_url(), {.poolclass = sqla::PoolClass::null_pool});
        auto c = admin.connect();
        EXPECT_TRUE(c.execute(sqla::text("SELECT pg_terminate_backend(:pid)"), {{"pid", old_pid}}).scalar<bool>());
    }
    std::this_thread::sleep_for(100ms);
    auto conn = engine.connect();  // pre-ping finds the dead one and connects anew
    EXPECT_NE(conn.execute(sqla::text("SELECT pg_backend_pid()")).scalar<std::int64_t>(), old_pid);
    EXPECT_EQ(engine.pool().statistics().invalidations, 1u);
}

TEST_F(PostgresTest, KilledSessionWithoutPrePingInvalidatesAndRecovers) {
    auto engine = sqla::create_engine(pg_url(), {.pool_size = 3});
    auto victim = engine.connect();
    const auto pid = victim.execute(sqla::text("SELECT pg_backend_pid()")).scalar<std::int64_t>();
    victim.commit();
    {
        auto admin = sqla::create_engine(pg_url(), {.poolclass = sqla::PoolClass::null_pool});
        auto c = admin.connect();
        (void)c.execute(sqla::text("SELECT pg_terminate_backend(:pid)"), {{"pid", pid}}).all();
    }
    std::this_thread::sleep_for(100ms);
    try {
        victim.execute(sqla::text("SELECT 1"));
        FAIL() << "the killed session should fail";
    } catch (const sqla::OperationalError& e) {
        EXPECT_TRUE(e.connection_invalidated()) << e.what();
    }
    EXPECT_THROW(victim.execute(sqla::text("SELECT 1")), sqla::PendingRollbackError);
    victim.rollback();
    EXPECT_NE(victim.execute(sqla::text("SELECT pg_backend_pid()")).scalar<std::int64_t>(), pid);
}

TEST_F(PostgresTest, BadArgumentsAndBadPasswordsSayWhatWasWrong) {
    try {
        (void)sqla::create_engine(pg_url() + "?no_such_option=1").connect();
        FAIL();
    } catch (const sqla::ArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("no_such_option"), std::string::npos) << e.what();
    }
    auto url = sqla::make_url(pg_url());
    const std::string wrong = "postgresql://sqla:not-the-password@" + *url.host() + ":" + std::to_string(*url.port()) +
                              "/" + *url.database();
    try {
        (void)sqla::create_engine(wrong).connect();
        FAIL();
    } catch (const sqla::OperationalError& e) {
        EXPECT_NE(std::string(e.what()).find("password authentication failed"), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).find("not-the-password"), std::string::npos) << e.what();
    }
}

TEST_F(PostgresTest, JsonbOperatorsAndDistinctOn) {
    sqla::MetaData md;
    sqla::Table docs(md, "pg_docs", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                     sqla::Column{"kind", sqla::String{10}}, sqla::Column{"doc", sqla::postgresql::JSONB{}});
    md.drop_all(engine());
    md.create_all(engine());
    auto conn = engine().connect();
    using boost::json::array;
    using boost::json::object;
    conn.execute(sqla::insert(docs),
                 std::vector<sqla::Params>{
                     {{"id", 1}, {"kind", "a"}, {"doc", object{{"name", "x"}, {"tags", array{"p", "q"}}, {"n", 1}}}},
                     {{"id", 2}, {"kind", "a"}, {"doc", object{{"name", "y"}, {"n", 2}}}},
                     {{"id", 3}, {"kind", "b"}, {"doc", object{{"name", "z"}, {"tags", array{"q"}}}}}});
    // doc ->> 'name': text; doc -> 'n': a JSON value.
    const auto name = docs.c("doc")["name"].as_string();
    EXPECT_EQ(conn.execute(sqla::select(name).order_by({docs.c("id")})).scalars<std::string>().all(),
              (std::vector<std::string>{"x", "y", "z"}));
    EXPECT_EQ(conn.execute(sqla::select(docs.c("doc")["n"]).where(docs.c("id") == 2)).scalar<boost::json::value>(),
              boost::json::value(2));
    // doc @> '{"tags": ["q"]}'
    auto having_q = sqla::select(docs.c("id")).where(docs.c("doc").contains(object{{"tags", array{"q"}}})).order_by({docs.c("id")});
    EXPECT_EQ(conn.execute(having_q).scalars<int>().all(), (std::vector<int>{1, 3}));
    // DISTINCT ON: the highest id per kind.
    auto last_per_kind = sqla::select(docs.c("kind"), docs.c("id"))
                             .distinct({docs.c("kind")})
                             .order_by({docs.c("kind"), docs.c("id").desc()});
    std::vector<std::string> got;
    for (const auto& row : conn.execute(last_per_kind)) got.push_back(row.get<std::string>(0) + std::to_string(row.get<int>(1)));
    EXPECT_EQ(got, (std::vector<std::string>{"a2", "b3"}));
    // The SQL, as SQLAlchemy's PostgreSQL dialect writes it.
    const auto sql = sqla::compile(last_per_kind, engine().dialect()).sql;
    EXPECT_NE(sql.find("SELECT DISTINCT ON (pg_docs.kind) pg_docs.kind, pg_docs.id"), std::string::npos) << sql;
    EXPECT_NE(sqla::compile(sqla::select(name), engine().dialect()).sql.find("pg_docs.doc ->> %(doc_1)s"), std::string::npos);
    EXPECT_NE(sqla::compile(having_q, engine().dialect()).sql.find("pg_docs.doc @> %(doc_1)s"), std::string::npos);
    // Elsewhere DISTINCT ON does not exist, and JSONB is PostgreSQL's.
    auto sqlite = sqla::create_engine("sqlite://");
    EXPECT_THROW((void)sqla::compile(last_per_kind, sqlite.dialect()), sqla::CompileError);
    EXPECT_THROW((void)sqla::compile(sqla::CreateTable(docs), sqlite.dialect()), sqla::CompileError);
    conn.commit();
    conn.close();
    md.drop_all(engine());
}

TEST_F(PostgresTest, ArraysIndexAnyAndAll) {
    sqla::MetaData md;
    sqla::Table t(md, "pg_arrays", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                  sqla::Column{"tags", sqla::Array{.item = sqla::String{20}}},
                  sqla::Column{"nums", sqla::Array{.item = sqla::Integer{}}});
    md.drop_all(engine());
    md.create_all(engine());
    auto conn = engine().connect();
    using boost::json::array;
    conn.execute(sqla::insert(t), std::vector<sqla::Params>{
                                      {{"id", 1}, {"tags", array{"a", "b c", "quote\"d", nullptr}}, {"nums", array{1, 2, 3}}},
                                      {{"id", 2}, {"tags", array{}}, {"nums", array{10, 20}}}});
    // Read back as JSON arrays of the item type.
    auto row = conn.execute(sqla::select(t.c("tags"), t.c("nums")).where(t.c("id") == 1)).one();
    EXPECT_EQ(row.get<boost::json::value>(0), boost::json::value(array{"a", "b c", "quote\"d", nullptr}));
    EXPECT_EQ(row.get<boost::json::value>(1), boost::json::value(array{1, 2, 3}));
    EXPECT_EQ(conn.execute(sqla::select(t.c("tags")).where(t.c("id") == 2)).scalar<boost::json::value>(),
              boost::json::value(array{}));
    // nums[2] (PostgreSQL counts from 1), ANY and ALL, and containment.
    EXPECT_EQ(conn.execute(sqla::select(t.c("nums")[2]).where(t.c("id") == 1)).scalar<int>(), 2);
    auto with_20 = sqla::select(t.c("id")).where(sqla::literal(20) == sqla::any_(t.c("nums")));
    EXPECT_EQ(conn.execute(with_20).scalars<int>().all(), std::vector<int>{2});
    auto all_small = sqla::select(t.c("id")).where(sqla::literal(5) > sqla::all_(t.c("nums")));
    EXPECT_EQ(conn.execute(all_small).scalars<int>().all(), std::vector<int>{1});
    auto has_b_c = sqla::select(t.c("id")).where(t.c("tags").contains(array{"b c"}));
    EXPECT_EQ(conn.execute(has_b_c).scalars<int>().all(), std::vector<int>{1});
    EXPECT_NE(sqla::compile(with_20, engine().dialect()).sql.find("%(param_1)s = ANY (pg_arrays.nums)"), std::string::npos)
        << sqla::compile(with_20, engine().dialect()).sql;
    EXPECT_NE(sqla::compile(sqla::select(t.c("nums")[2]), engine().dialect()).sql.find("pg_arrays.nums[%(nums_1)s]"),
              std::string::npos);
    conn.commit();
    conn.close();
    md.drop_all(engine());
}

TEST_F(PostgresTest, ExecutemanyWithReturningGivesEveryRowInOrder) {
    sqla::MetaData md;
    sqla::Table t(md, "pg_many_returning", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                  sqla::Column{"name", sqla::String{20}});
    md.drop_all(engine());
    md.create_all(engine());
    auto conn = engine().connect();
    std::vector<sqla::Params> rows;
    for (int i = 0; i < 2500; ++i) rows.push_back({{"name", "n" + std::to_string(i)}});
    auto result = conn.execute(sqla::insert(t).returning({t.c("id"), t.c("name")}), rows);
    EXPECT_EQ(result.rowcount(), 2500);
    auto returned = result.all();
    ASSERT_EQ(returned.size(), 2500u);
    for (std::size_t i = 0; i < returned.size(); ++i) {
        EXPECT_EQ(returned[i].get<std::string>("name"), "n" + std::to_string(i));
        if (i) EXPECT_GT(returned[i].get<std::int64_t>("id"), returned[i - 1].get<std::int64_t>("id"));
    }
    EXPECT_THROW((void)result.inserted_primary_key(), sqla::InvalidRequestError);
    conn.commit();
    conn.close();
    md.drop_all(engine());
}

// insertmanyvalues: an executemany of insert(table) goes out as multi-row VALUES batches of at
// most 1000 rows (fewer when the parameters would pass 32700), with or without RETURNING.
TEST_F(PostgresTest, ExecutemanyInsertIsSentAsBatchesOfMultiRowValues) {
    sqla::MetaData md;
    sqla::Table t(md, "pg_imv", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                  sqla::Column{"name", sqla::String{20}}, sqla::Column{"n", sqla::Integer{}});
    md.drop_all(engine());
    md.create_all(engine());
    std::vector<std::pair<std::string, std::size_t>> sent;  // statement, parameter count
    engine().events().before_cursor_execute.listen([&](sqla::CursorExecuteEvent& e) {
        if (e.statement.starts_with("INSERT")) sent.emplace_back(e.statement, e.parameters.size());
    });
    auto conn = engine().connect();
    std::vector<sqla::Params> rows;
    for (int i = 0; i < 2500; ++i) rows.push_back({{"name", "n" + std::to_string(i)}, {"n", i}});

    EXPECT_EQ(conn.execute(sqla::insert(t), rows).rowcount(), 2500);
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_TRUE(sent[0].first.starts_with("INSERT INTO pg_imv (name, n) VALUES ($1::VARCHAR, $2), ($3::VARCHAR, $4), "))
        << sent[0].first.substr(0, 120);
    EXPECT_TRUE(sent[2].first.ends_with("($999::VARCHAR, $1000)")) << sent[2].first.substr(sent[2].first.size() - 60);
    EXPECT_EQ(sent[0].second, 2000u);
    EXPECT_EQ(sent[2].second, 1000u);

    sent.clear();
    auto result = conn.execute(sqla::insert(t).returning({t.c("id"), t.c("n")}), rows);
    EXPECT_EQ(sent.size(), 3u);
    EXPECT_TRUE(sent[0].first.ends_with(" RETURNING pg_imv.id, pg_imv.n")) << sent[0].first.substr(sent[0].first.size() - 60);
    EXPECT_EQ(result.rowcount(), 2500);
    auto returned = result.all();
    ASSERT_EQ(returned.size(), 2500u);
    for (std::size_t i = 0; i < returned.size(); ++i) {
        EXPECT_EQ(returned[i].get<std::int64_t>("n"), static_cast<std::int64_t>(i));
        EXPECT_EQ(returned[i].get<std::int64_t>("id"), static_cast<std::int64_t>(2501 + i));
    }
    conn.commit();
    using Two = std::tuple<std::int64_t, std::int64_t>;
    const Two totals = conn.execute(sqla::text("SELECT count(*), sum(n) FROM pg_imv")).one().tuple<std::int64_t, std::int64_t>();
    EXPECT_EQ(totals, (Two{5000, 2 * (2499 * 2500 / 2)}));

    // A duplicate key in the second batch: IntegrityError, and the first batch rolls back with it.
    sent.clear();
    std::vector<sqla::Params> clash;
    for (int i = 0; i < 1500; ++i) clash.push_back({{"id", 10000 + (i == 1200 ? 0 : i)}, {"name", "c"}, {"n", 0}});
    EXPECT_THROW(conn.execute(sqla::insert(t), clash), sqla::IntegrityError);
    EXPECT_EQ(sent.size(), 2u);
    conn.rollback();
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM pg_imv")).scalar<std::int64_t>(), 5000);

    // A bound value outside the VALUES tuple (in the upsert's SET): not batched, still executed.
    sent.clear();
    auto upsert = sqla::insert(t);
    upsert = upsert.on_conflict_do_update({.index_elements = {"id"}, .set = {{"name", sqla::literal("upserted")}}});
    std::vector<sqla::Params> again{{{"id", 1}, {"name", "x"}, {"n", 1}}, {{"id", 2}, {"name", "y"}, {"n", 2}}};
    EXPECT_EQ(conn.execute(upsert, again).rowcount(), 2);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].first.find("), ("), std::string::npos) << sent[0].first;
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM pg_imv WHERE name = 'upserted'")).scalar<std::int64_t>(), 2);
    conn.rollback();
    conn.close();
    md.drop_all(engine());
}

TEST_F(PostgresTest, InsertmanyvaluesBatchesStayUnderTheParameterLimit) {
    sqla::MetaData md;
    std::vector<sqla::TableItem> columns;
    for (int c = 0; c < 50; ++c) columns.emplace_back(sqla::Column{"c" + std::to_string(c), sqla::Integer{}});
    sqla::Table t(md, "pg_imv_wide", std::move(columns));
    md.drop_all(engine());
    md.create_all(engine());
    std::vector<std::size_t> sizes;
    engine().events().before_cursor_execute.listen([&](sqla::CursorExecuteEvent& e) {
        if (e.statement.starts_with("INSERT")) sizes.push_back(e.parameters.size());
    });
    std::vector<sqla::Params> rows(1000);
    for (int r = 0; r < 1000; ++r)
        for (int c = 0; c < 50; ++c) rows[static_cast<std::size_t>(r)].set("c" + std::to_string(c), r * c);
    engine().begin([&](sqla::Connection& conn) { EXPECT_EQ(conn.execute(sqla::insert(t), rows).rowcount(), 1000); });
    // 32700 / 50 = 654 rows per batch.
    EXPECT_EQ(sizes, (std::vector<std::size_t>{654 * 50, 346 * 50}));
    auto conn = engine().connect();
    EXPECT_EQ(conn.execute(sqla::text("SELECT sum(c49) FROM pg_imv_wide")).scalar<std::int64_t>(), 49 * (999 * 1000 / 2));
    conn.close();
    md.drop_all(engine());
}

// A prepared statement's second execution reads binary results (its columns are then known):
// buffered or streamed, the rows are the same as the first, text-format, execution's.
TEST_F(PostgresTest, BinaryResultsReadTheSameRowsAsText) {
    auto conn = engine().connect();
    const auto stmt = sqla::text(
        "SELECT i, timestamptz '2024-02-29 13:05:09.25+01' + i * interval '1 day 1.5 second' AS at, "
        "decode(md5(i::text), 'hex') AS digest, interval '1 mon' * i AS span, "
        "('12345678-9abc-def0-1234-56789abcdef' || abs(i % 10))::uuid AS id, (i / 7.0)::numeric(12, 4) AS ratio, "
        "date '1999-12-31' + i AS day FROM generate_series(-3, 40) AS i");
    auto reprs = [](std::vector<sqla::Row> rows) {
        std::vector<std::string> out;
        for (const auto& row : rows)
            for (std::size_t c = 0; c < row.size(); ++c) out.push_back(row[c].repr());
        return out;
    };
    const auto first = reprs(conn.execute(stmt).all());
    ASSERT_EQ(first.size(), 44u * 7);
    EXPECT_EQ(reprs(conn.execute(stmt).all()), first);
    EXPECT_EQ(reprs(conn.execute(stmt, {.stream_results = true}).all()), first);
}
