// sqla: tests/plugins/sqlite/driver_test.cpp. The sqlite3 driver: type round trips, statement cache,
// connect arguments and transaction edges.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

import sqla;

namespace {

class SQLiteDriver : public ::testing::Test {
protected:
    sqla::Value roundtrip(const sqla::Value& v) {
        return conn_.execute(sqla::text("SELECT :v"), {{"v", v}}).scalar();
    }
    sqla::Engine engine_ = sqla::create_engine("sqlite://");
    sqla::Connection conn_ = engine_.connect();
};

TEST_F(SQLiteDriver, RoundTripsEveryValueKind) {
    EXPECT_TRUE(roundtrip(sqla::Value()).is_null());
    EXPECT_EQ(roundtrip(std::numeric_limits<std::int64_t>::max()).as<std::int64_t>(),
              std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(roundtrip(std::numeric_limits<std::int64_t>::min()).as<std::int64_t>(),
              std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(roundtrip(0.1).as<double>(), 0.1);
    EXPECT_EQ(roundtrip(true).as<bool>(), true);
    EXPECT_EQ(roundtrip("Ångström 🙂").as<std::string>(), "Ångström 🙂");
    const std::string with_nul("a\0b", 3);
    EXPECT_EQ(roundtrip(with_nul).as<std::string>(), with_nul);
    EXPECT_EQ(roundtrip("").as<std::string>(), "");
    sqla::Bytes blob{std::byte{0}, std::byte{0xff}, std::byte{0x10}};
    EXPECT_EQ(roundtrip(blob).as<sqla::Bytes>(), blob);
    EXPECT_EQ(roundtrip(sqla::Bytes{}).as<sqla::Bytes>(), sqla::Bytes{});
}

TEST_F(SQLiteDriver, ValuesNeverBecomeSql) {
    conn_.execute(sqla::text("CREATE TABLE t (s TEXT)"));
    const std::string evil = "x'); DROP TABLE t; --";
    conn_.execute(sqla::text("INSERT INTO t VALUES (:s)"), {{"s", evil}});
    EXPECT_EQ(conn_.execute(sqla::text("SELECT s FROM t")).scalar<std::string>(), evil);
}

TEST_F(SQLiteDriver, ColumnNamesAndDeclaredTypes) {
    conn_.execute(sqla::text("CREATE TABLE t (a INTEGER, b VARCHAR(20))"));
    auto r = conn_.execute(sqla::text("SELECT a, b AS renamed, 1 + 1 FROM t"));
    EXPECT_EQ(r.keys(), (std::vector<std::string>{"a", "renamed", "1 + 1"}));
    auto cursor = conn_.driver_connection().execute({"SELECT a, b FROM t", 0}, {}, {});
    ASSERT_EQ(cursor->columns().size(), 2u);
    EXPECT_EQ(cursor->columns()[1].type_name, "VARCHAR(20)");
    cursor->close();
}

TEST_F(SQLiteDriver, WrongParameterCountIsAProgrammingError) {
    std::vector<sqla::Value> one{sqla::Value(1)};
    EXPECT_THROW((void)conn_.exec_driver_sql("SELECT ?, ?", one), sqla::ProgrammingError);
}

TEST_F(SQLiteDriver, EmptyStatementIsAProgrammingError) {
    EXPECT_THROW((void)conn_.exec_driver_sql("  "), sqla::ProgrammingError);
}

TEST_F(SQLiteDriver, ServerVersionAndNativeHandle) {
    EXPECT_EQ(conn_.driver_connection().server_version().substr(0, 2), "3.");
    EXPECT_NE(conn_.driver_connection().native_handle(), nullptr);
    EXPECT_TRUE(conn_.driver_connection().ping());
}

TEST_F(SQLiteDriver, RollbackAfterSqliteEndedTheTransactionItself) {
    conn_.execute(sqla::text("CREATE TABLE t (x INTEGER)"));
    conn_.commit();
    (void)conn_.execute(sqla::text("INSERT INTO t VALUES (1)"));
    // A COMMIT issued as SQL ends SQLite's transaction behind the engine's back.
    (void)conn_.exec_driver_sql("COMMIT");
    EXPECT_NO_THROW(conn_.rollback());
    EXPECT_EQ(conn_.execute(sqla::text("SELECT count(*) FROM t")).scalar<int>(), 1);
}

TEST(SQLiteConnect, TimeoutMustBeANumber) {
    auto engine = sqla::create_engine("sqlite:///:memory:?timeout=soon");
    EXPECT_THROW((void)engine.connect(), sqla::ArgumentError);
    auto ok = sqla::create_engine("sqlite:///:memory:?timeout=0.5&cached_statements=0");
    auto conn = ok.connect();
    EXPECT_EQ(conn.execute(sqla::text("SELECT 5")).scalar<int>(), 5);
}

TEST(SQLiteConnect, UriFilenames) {
    auto engine = sqla::create_engine("sqlite:///file:memdb1?mode=memory&cache=shared&uri=true");
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(sqla::text("SELECT 6")).scalar<int>(), 6);
}

}  // namespace

namespace {

TEST(SQLiteDialect, SavepointsThroughTheDialect) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE t (x INTEGER)"));
    conn.execute(sqla::text("INSERT INTO t VALUES (1)"));
    auto& dbapi = conn.driver_connection();
    engine.dialect().do_savepoint(dbapi, "sp_1");
    conn.execute(sqla::text("INSERT INTO t VALUES (2)"));
    engine.dialect().do_rollback_to_savepoint(dbapi, "sp_1");
    engine.dialect().do_release_savepoint(dbapi, "sp_1");
    conn.commit();
    EXPECT_EQ(conn.execute(sqla::text("SELECT sum(x) FROM t")).scalar<int>(), 1);
    // Names are quoted by the dialect where they need it.
    EXPECT_NO_THROW(engine.dialect().do_savepoint(dbapi, "Mixed Case"));
    EXPECT_THROW(engine.dialect().do_release_savepoint(dbapi, "never_made"), sqla::DriverError);
}

TEST(SQLiteDialect, IsolationLevelsAreSqlitesOwn) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    auto& dbapi = conn.driver_connection();
    EXPECT_EQ(dbapi.isolation_level(), "SERIALIZABLE");
    dbapi.set_isolation_level("READ UNCOMMITTED");
    EXPECT_EQ(dbapi.isolation_level(), "READ UNCOMMITTED");
    dbapi.set_isolation_level("AUTOCOMMIT");
    EXPECT_EQ(dbapi.isolation_level(), "AUTOCOMMIT");
    dbapi.set_isolation_level("SERIALIZABLE");
    EXPECT_EQ(dbapi.isolation_level(), "SERIALIZABLE");
    try {
        dbapi.set_isolation_level("REPEATABLE READ");
        FAIL() << "expected DriverError";
    } catch (const sqla::DriverError& e) {
        EXPECT_EQ(e.kind(), sqla::DBAPIErrorKind::not_supported_error);
    }
}

}  // namespace
