// sqla: tests/plugins/odbc/driver_test.cpp. The odbc driver against live servers through real ODBC
// drivers (psqlODBC, MariaDB Connector/ODBC): the same rows as the native drivers read, whether
// they come a rowset at a time (bounded columns) or value by value (long ones); connection
// strings; errors.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <optional>
#include <string>
#include <vector>

import sqla;

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

std::string through_odbc(std::string url) { return url.replace(url.find("://"), 0, "+odbc"); }

std::vector<std::string> reprs(sqla::Result result) {
    std::vector<std::string> out;
    for (const auto& row : result)
        for (std::size_t i = 0; i < row.size(); ++i) out.push_back(row[i].repr());
    return out;
}

}  // namespace

// Bounded columns come a rowset at a time; a text column (psqlODBC's LONGVARCHAR) value by
// value: either way the rows equal libpq's, across several rowsets.
TEST(OdbcPostgresql, ReadsTheRowsLibpqReads) {
    const std::string url = env("SQLA_TEST_POSTGRESQL_URL");
    if (url.empty()) GTEST_SKIP() << "SQLA_TEST_POSTGRESQL_URL is not set (scripts/test.sh sets it)";
    auto native = sqla::create_engine(url);
    auto odbc = sqla::create_engine(through_odbc(url));
    for (const char* sql :
         {"SELECT i, ('n' || i)::varchar(20) AS name, i * 0.5::float8 AS x, i % 2 = 0 AS even, "
          "timestamp '2024-01-01 00:00:00.25' + i * interval '1 second' AS at, date '2024-01-01' + i AS day, "
          "CASE WHEN i % 7 = 0 THEN NULL ELSE 'Grüße ' || i END::varchar(30) AS maybe FROM generate_series(1, 5000) AS i",
          "SELECT i, repeat('x', i) AS long_text FROM generate_series(1, 300, 7) AS i"}) {
        auto a = native.connect();
        auto b = odbc.connect();
        const auto expected = reprs(a.execute(sqla::text(sql)));
        ASSERT_FALSE(expected.empty());
        EXPECT_EQ(reprs(b.execute(sqla::text(sql))), expected) << sql;
        // A second result of the same statement while the first is open: both whole.
        auto first = b.execute(sqla::text(sql));
        auto second = b.execute(sqla::text(sql));
        EXPECT_EQ(reprs(std::move(first)), expected);
        EXPECT_EQ(reprs(std::move(second)), expected);
    }
}

TEST(OdbcMysql, ReadsTheRowsMysqlclientReads) {
    const std::string url = env("SQLA_TEST_MYSQL_URL");
    if (url.empty()) GTEST_SKIP() << "SQLA_TEST_MYSQL_URL is not set (scripts/test.sh sets it)";
    auto native = sqla::create_engine(url);
    auto odbc = sqla::create_engine(through_odbc(url));
    const char* sql =
        "SELECT seq AS i, CAST(concat('n', seq) AS CHAR(20)) AS name, seq * 0.5e0 AS x, "
        "CAST(timestamp '2024-01-01 00:00:00' + interval seq second AS DATETIME) AS at, "
        "IF(seq % 7 = 0, NULL, concat('Grüße ', seq)) AS maybe FROM seq_1_to_3000";
    auto a = native.connect();
    auto b = odbc.connect();
    const auto expected = reprs(a.execute(sqla::text(sql)));
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(reprs(b.execute(sqla::text(sql))), expected);
}

TEST(OdbcDriver, ConnectionErrorsHideThePassword) {
    const std::string url = env("SQLA_TEST_POSTGRESQL_URL");
    if (url.empty()) GTEST_SKIP() << "SQLA_TEST_POSTGRESQL_URL is not set (scripts/test.sh sets it)";
    std::string bad = through_odbc(url);
    bad.replace(bad.find(":sqla@"), 6, ":wrong-secret@");
    try {
        (void)sqla::create_engine(bad).connect();
        FAIL();
    } catch (const sqla::OperationalError& e) {
        EXPECT_EQ(std::string(e.what()).find("wrong-secret"), std::string::npos) << e.what();
    }
    // No such ODBC driver: an error naming it.
    try {
        (void)sqla::create_engine(through_odbc(url) + "?driver=No+Such+Driver").connect();
        FAIL();
    } catch (const sqla::DBAPIError& e) {
        EXPECT_NE(std::string(e.what()).find("Can't open lib 'No Such Driver'"), std::string::npos) << e.what();
    }
}

// executemany as parameter arrays: a column whose values mix kinds goes set by set; a set that
// fails mid-batch raises IntegrityError and the rollback leaves no row of the batch behind.
TEST(OdbcDriver, ExecutemanyWithMixedKindsAndAFailingSet) {
    for (const char* var : {"SQLA_TEST_POSTGRESQL_URL", "SQLA_TEST_MYSQL_URL"}) {
        const std::string url = env(var);
        if (url.empty()) GTEST_SKIP() << var << " is not set (scripts/test.sh sets it)";
        auto engine = sqla::create_engine(through_odbc(url));
        auto conn = engine.connect();
        conn.execute(sqla::text("DROP TABLE IF EXISTS sqla_odbc_many"));
        conn.execute(sqla::text("CREATE TABLE sqla_odbc_many (id INTEGER NOT NULL PRIMARY KEY, x FLOAT, note VARCHAR(20))"));
        conn.commit();
        const auto insert = sqla::text("INSERT INTO sqla_odbc_many (id, x, note) VALUES (:id, :x, :note)");
        std::vector<sqla::Params> rows;
        for (int i = 1; i <= 1200; ++i) {
            sqla::Params p{{"id", i}, {"note", "n" + std::to_string(i)}};
            // x: an integer in odd sets, a double in even ones.
            if (i % 2) p.set("x", i);
            else p.set("x", i + 0.5);
            rows.push_back(std::move(p));
        }
        EXPECT_EQ(conn.execute(insert, rows).rowcount(), 1200) << var;
        conn.commit();
        EXPECT_DOUBLE_EQ(conn.execute(sqla::text("SELECT SUM(x) FROM sqla_odbc_many")).scalar_one<double>(),
                         1200.0 * 1201 / 2 + 600 * 0.5)
            << var;

        // Set 1500 repeats id 1: the batch fails, and its rollback takes every set with it.
        rows.clear();
        for (int i = 1201; i <= 2000; ++i) rows.push_back({{"id", i == 1500 ? 1 : i}, {"x", 1.0}, {"note", "again"}});
        EXPECT_THROW((void)conn.execute(insert, rows), sqla::IntegrityError) << var;
        conn.rollback();
        EXPECT_EQ(conn.execute(sqla::text("SELECT COUNT(*) FROM sqla_odbc_many")).scalar_one<std::int64_t>(), 1200) << var;
        conn.execute(sqla::text("DROP TABLE sqla_odbc_many"));
        conn.commit();
    }
}

// A session killed from outside: the next statement fails with an OperationalError that
// invalidates the connection (SQLSTATE class 08), and after the rollback a new session serves.
TEST(OdbcDriver, KilledSessionIsDetectedAsADisconnect) {
    struct Server {
        const char* var;
        const char* whoami;
        const char* kill;
    };
    for (const Server& server : {Server{"SQLA_TEST_POSTGRESQL_URL", "SELECT pg_backend_pid()", "SELECT pg_terminate_backend(:pid)"},
                                 Server{"SQLA_TEST_MYSQL_URL", "SELECT CONNECTION_ID()", "KILL :pid"}}) {
        const std::string url = env(server.var);
        if (url.empty()) GTEST_SKIP() << server.var << " is not set (scripts/test.sh sets it)";
        auto engine = sqla::create_engine(through_odbc(url), {.pool_size = 2});
        auto victim = engine.connect();
        const auto pid = victim.execute(sqla::text(server.whoami)).scalar<std::int64_t>();
        victim.commit();
        {
            auto admin = sqla::create_engine(url, {.poolclass = sqla::PoolClass::null_pool});
            auto c = admin.connect();
            c.execute(sqla::text(server.kill), {{"pid", pid}});
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        try {
            victim.execute(sqla::text("SELECT 1"));
            ADD_FAILURE() << server.var << ": the killed session should fail";
        } catch (const sqla::OperationalError& e) {
            EXPECT_TRUE(e.connection_invalidated()) << server.var << ": " << e.what();
        }
        victim.rollback();
        EXPECT_NE(victim.execute(sqla::text(server.whoami)).scalar<std::int64_t>(), pid) << server.var;
        EXPECT_EQ(engine.pool().statistics().invalidations, 1u) << server.var;
    }
}
