// sqla: tests/sqla/engine/engine_test.cpp. create_engine, Connection, transactions and errors, on SQLite.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

import sqla;

namespace fs = std::filesystem;

namespace {

// A fresh file path under the temporary folder, removed at the end of the test.
class TempDb {
public:
    TempDb() {
        path_ = fs::temp_directory_path() /
                ("sqla_engine_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++) + ".db");
        fs::remove(path_);
    }
    ~TempDb() { fs::remove(path_); }
    std::string url() const { return "sqlite:///" + path_.string(); }
    const fs::path& path() const { return path_; }

private:
    static inline int counter_ = 0;
    fs::path path_;
};

template <class E>
std::string message_of(auto&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "(no exception)";
}

TEST(CreateEngine, OpensTheSqlitePluginByManifest) {
    auto engine = sqla::create_engine("sqlite://");
    EXPECT_EQ(engine.dialect().name(), "sqlite");
    EXPECT_EQ(engine.driver().name(), "sqlite3");
    EXPECT_EQ(engine.url().render(), "sqlite://");
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(sqla::text("SELECT 1 + 1")).scalar<int>(), 2);
}

TEST(CreateEngine, ExplicitDriverName) {
    auto engine = sqla::create_engine("sqlite+sqlite3:///:memory:");
    EXPECT_EQ(engine.driver().name(), "sqlite3");
}

TEST(CreateEngine, UnknownDialectNamesWhatWasSearched) {
    auto msg = message_of<sqla::NoSuchModuleError>([] { (void)sqla::create_engine("access://h/db"); });
    EXPECT_NE(msg.find("no plugin provides dialect \"access\""), std::string::npos) << msg;
    EXPECT_NE(msg.find("searched"), std::string::npos) << msg;
    EXPECT_NE(msg.find("lib/sqla/plugins"), std::string::npos) << msg;
    EXPECT_NE(msg.find("sqlite (dialect sqlite, driver sqlite3)"), std::string::npos) << msg;
}

TEST(CreateEngine, UnknownDriverListsTheDriversThereAre) {
    auto msg = message_of<sqla::NoSuchModuleError>([] { (void)sqla::create_engine("sqlite+pysqlite://"); });
    EXPECT_NE(msg.find("no plugin provides driver \"pysqlite\" for dialect \"sqlite\""), std::string::npos) << msg;
    EXPECT_NE(msg.find("sqlite3 (plugin sqlite)"), std::string::npos) << msg;
}

TEST(CreateEngine, MalformedUrlIsAnArgumentError) {
    EXPECT_THROW((void)sqla::create_engine("not a url"), sqla::ArgumentError);
}

TEST(CreateEngine, SqliteRejectsHostAndUnknownArguments) {
    auto msg = message_of<sqla::ArgumentError>([] { (void)sqla::create_engine("sqlite://user:pw@host/x.db"); });
    EXPECT_NE(msg.find("invalid SQLite URL"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("pw"), std::string::npos) << msg;  // password masked
    auto engine = sqla::create_engine("sqlite:///:memory:?bogus=1");
    msg = message_of<sqla::ArgumentError>([&] { (void)engine.connect(); });
    EXPECT_NE(msg.find("unknown connect argument \"bogus\""), std::string::npos) << msg;
}

TEST(CreateEngine, UnopenableFileIsAnOperationalError) {
    auto engine = sqla::create_engine("sqlite:////nonexistent-dir/sub/x.db");
    auto msg = message_of<sqla::OperationalError>([&] { (void)engine.connect(); });
    EXPECT_NE(msg.find("unable to open database"), std::string::npos) << msg;
}

TEST(Connection, CommitMakesChangesVisibleToOtherConnections) {
    TempDb db;
    auto engine = sqla::create_engine(db.url());
    {
        auto conn = engine.connect();
        conn.execute(sqla::text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"));
        conn.execute(sqla::text("INSERT INTO t (name) VALUES (:n)"), {{"n", "kept"}});
        EXPECT_TRUE(conn.in_transaction());
        conn.commit();
        EXPECT_FALSE(conn.in_transaction());
    }
    auto other = engine.connect();
    EXPECT_EQ(other.execute(sqla::text("SELECT name FROM t")).scalar<std::string>(), "kept");
}

TEST(Connection, RollbackAndCloseDiscardUncommittedWork) {
    TempDb db;
    auto engine = sqla::create_engine(db.url());
    {
        auto conn = engine.connect();
        conn.execute(sqla::text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"));
        conn.commit();
        conn.execute(sqla::text("INSERT INTO t (name) VALUES ('rolled back')"));
        conn.rollback();
        conn.execute(sqla::text("INSERT INTO t (name) VALUES ('dropped by close')"));
    }  // the destructor rolls back
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM t")).scalar<int>(), 0);
}

TEST(Connection, MemoryDatabaseIsSharedByTheEnginesConnections) {
    auto engine = sqla::create_engine("sqlite://");
    {
        auto a = engine.connect();
        a.execute(sqla::text("CREATE TABLE shared (x INTEGER)"));
        a.execute(sqla::text("INSERT INTO shared VALUES (7)"));
        a.commit();
    }
    auto b = engine.connect();
    EXPECT_EQ(b.execute(sqla::text("SELECT x FROM shared")).scalar<int>(), 7);
}

TEST(Connection, ClosedConnectionRaisesResourceClosedError) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    conn.close();
    conn.close();  // idempotent
    EXPECT_TRUE(conn.closed());
    auto msg = message_of<sqla::ResourceClosedError>([&] { (void)conn.execute(sqla::text("SELECT 1")); });
    EXPECT_EQ(msg, "this connection is closed");
    EXPECT_THROW(conn.commit(), sqla::ResourceClosedError);
    EXPECT_THROW(conn.rollback(), sqla::ResourceClosedError);
    auto moved_from = engine.connect();
    auto target = std::move(moved_from);
    EXPECT_THROW((void)moved_from.execute(sqla::text("SELECT 1")), sqla::ResourceClosedError);
    EXPECT_EQ(target.execute(sqla::text("SELECT 3")).scalar<int>(), 3);
}

TEST(Connection, MissingBindParameterIsAStatementError) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    try {
        (void)conn.execute(sqla::text("SELECT :a, :b"), {{"a", 1}});
        FAIL() << "expected StatementError";
    } catch (const sqla::StatementError& e) {
        EXPECT_NE(std::string(e.what()).find("a value is required for bind parameter \"b\""), std::string::npos);
        EXPECT_EQ(e.statement(), "SELECT ?, ?");
    }
}

TEST(Connection, IntegrityErrorCarriesStatementAndParameters) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT UNIQUE)"));
    conn.execute(sqla::text("INSERT INTO u (email) VALUES (:e)"), {{"e", "a@x"}});
    try {
        conn.execute(sqla::text("INSERT INTO u (email) VALUES (:e)"), {{"e", "a@x"}});
        FAIL() << "expected IntegrityError";
    } catch (const sqla::IntegrityError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("(sqlite3.IntegrityError) UNIQUE constraint failed: u.email"), std::string::npos) << msg;
        EXPECT_NE(msg.find("[SQL: INSERT INTO u (email) VALUES (?)]"), std::string::npos) << msg;
        EXPECT_NE(msg.find("[parameters: ('a@x',)]"), std::string::npos) << msg;
        EXPECT_EQ(e.statement(), "INSERT INTO u (email) VALUES (?)");
        EXPECT_EQ(e.native_code(), 2067);  // SQLITE_CONSTRAINT_UNIQUE
        EXPECT_EQ(e.driver_message(), "UNIQUE constraint failed: u.email");
        EXPECT_FALSE(e.connection_invalidated());
    }
    // The connection stays usable after the error.
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM u")).scalar<int>(), 1);
}

TEST(Connection, ErrorsMapToTheDbapiHierarchy) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    // SQLite reports syntax errors and missing tables as SQLITE_ERROR: OperationalError, as pysqlite.
    EXPECT_THROW((void)conn.execute(sqla::text("SELEC 1")), sqla::OperationalError);
    EXPECT_THROW((void)conn.execute(sqla::text("SELECT * FROM no_such_table")), sqla::OperationalError);
    EXPECT_THROW((void)conn.execute(sqla::text("SELECT 1; SELECT 2")), sqla::ProgrammingError);
    EXPECT_THROW((void)conn.exec_driver_sql("SELECT ?", {}), sqla::ProgrammingError);
    conn.execute(sqla::text("CREATE TABLE c (x INTEGER NOT NULL CHECK (x > 0))"));
    EXPECT_THROW((void)conn.execute(sqla::text("INSERT INTO c VALUES (NULL)")), sqla::IntegrityError);
    EXPECT_THROW((void)conn.execute(sqla::text("INSERT INTO c VALUES (-1)")), sqla::IntegrityError);
    try {
        (void)conn.execute(sqla::text("SELEC 1"));
    } catch (const sqla::DBAPIError& e) {
        EXPECT_EQ(e.code(), "operational-error");
    }
}

TEST(Connection, HideParametersKeepsValuesOutOfErrors) {
    auto engine = sqla::create_engine("sqlite://", {.hide_parameters = true});
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE s (v TEXT UNIQUE)"));
    conn.execute(sqla::text("INSERT INTO s VALUES (:v)"), {{"v", "secret-value"}});
    auto msg = message_of<sqla::IntegrityError>(
        [&] { (void)conn.execute(sqla::text("INSERT INTO s VALUES (:v)"), {{"v", "secret-value"}}); });
    EXPECT_EQ(msg.find("secret-value"), std::string::npos) << msg;
    EXPECT_NE(msg.find("hidden"), std::string::npos) << msg;
}

TEST(Connection, ExecutemanyBindsEachParameterSet) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE m (a INTEGER, b TEXT)"));
    auto r = conn.execute(sqla::text("INSERT INTO m VALUES (:a, :b)"),
                          std::vector<sqla::Params>{{{"a", 1}, {"b", "x"}}, {{"a", 2}, {"b", "y"}}, {{"a", 3}, {"b", std::nullopt}}});
    EXPECT_EQ(r.rowcount(), 3);
    EXPECT_FALSE(r.returns_rows());
    EXPECT_EQ(conn.execute(sqla::text("SELECT sum(a) FROM m")).scalar<int>(), 6);
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM m WHERE b IS NULL")).scalar<int>(), 1);
    EXPECT_THROW((void)conn.execute(sqla::text("INSERT INTO m VALUES (:a, :b)"), std::vector<sqla::Params>{{{"a", 1}}}),
                 sqla::StatementError);
}

// Thousands of parameter sets go to the driver in slices: every value arrives, in order, from
// a copied vector and from a moved one; a set missing a value fails before any set runs.
TEST(Connection, ExecutemanyOfManySetsInSlices) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE m (a INTEGER PRIMARY KEY, b TEXT, c BLOB)"));
    auto sets = [](int from, int count) {
        std::vector<sqla::Params> out;
        for (int i = from; i < from + count; ++i) {
            sqla::Params p;
            p.set("a", i);
            p.set("b", i % 7 == 0 ? sqla::Value() : sqla::Value("text number " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 40), 'x')));
            p.set("c", sqla::Bytes(static_cast<std::size_t>(i % 5), std::byte{static_cast<unsigned char>(i % 256)}));
            out.push_back(std::move(p));
        }
        return out;
    };
    const auto copied = sets(1, 2500);
    EXPECT_EQ(conn.execute(sqla::text("INSERT INTO m VALUES (:a, :b, :c)"), copied).rowcount(), 2500);
    EXPECT_EQ(copied[1233].find("b")->as<std::string>(), "text number 1234" + std::string(34, 'x'));  // not moved from
    EXPECT_EQ(conn.execute(sqla::text("INSERT INTO m VALUES (:a, :b, :c)"), sets(2501, 2500)).rowcount(), 2500);
    for (int i : {1, 999, 1000, 1001, 2500, 2501, 4000, 5000}) {
        auto row = conn.execute(sqla::text("SELECT b, c FROM m WHERE a = :a"), {{"a", i}}).one();
        if (i % 7 == 0)
            EXPECT_TRUE(row[0].is_null()) << i;
        else
            EXPECT_EQ(row.get<std::string>(0), "text number " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 40), 'x')) << i;
        EXPECT_EQ(row.get<sqla::Bytes>(1), sqla::Bytes(static_cast<std::size_t>(i % 5), std::byte{static_cast<unsigned char>(i % 256)})) << i;
    }
    conn.commit();
    auto broken = sets(10001, 3000);
    broken[2100] = sqla::Params{{"a", 1}, {"b", "no c"}};
    try {
        (void)conn.execute(sqla::text("INSERT INTO m VALUES (:a, :b, :c)"), std::move(broken));
        FAIL() << "no StatementError";
    } catch (const sqla::StatementError& e) {
        EXPECT_NE(std::string(e.what()).find("\"c\", in parameter set 2100"), std::string::npos) << e.what();
    }
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM m")).scalar<int>(), 5000);
}

TEST(Connection, ExecDriverSqlUsesTheDriversParamstyle) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    std::vector<sqla::Value> params{sqla::Value(20), sqla::Value(22)};
    EXPECT_EQ(conn.exec_driver_sql("SELECT ? + ?", params).scalar<int>(), 42);
}

TEST(Connection, EchoLogsStatementsAndParameters) {
    std::vector<std::string> lines;
    auto engine = sqla::create_engine(
        "sqlite://", {.echo = true, .log = [&](std::string_view line) { lines.emplace_back(line); }});
    auto conn = engine.connect();
    (void)conn.execute(sqla::text("SELECT :x"), {{"x", "hello"}}).all();
    ASSERT_GE(lines.size(), 2u);
    EXPECT_EQ(lines[0], "BEGIN (implicit)");
    EXPECT_EQ(lines[1], "SELECT ?");
    EXPECT_TRUE(lines[2].starts_with("[generated in ")) << lines[2];
    EXPECT_TRUE(lines[2].ends_with("] ('hello',)")) << lines[2];
}

TEST(Engine, CompiledStatementsAreCachedByStructure) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    for (int i = 0; i < 3; ++i) EXPECT_EQ(conn.execute(sqla::text("SELECT :v"), {{"v", i}}).scalar<int>(), i);
    EXPECT_EQ(engine.compiled_cache_size(), 1u);
    (void)conn.execute(sqla::text("SELECT :v + 1"), {{"v", 1}}).all();
    EXPECT_EQ(engine.compiled_cache_size(), 2u);
    auto uncached = sqla::create_engine("sqlite://", {.query_cache_size = 0});
    auto c2 = uncached.connect();
    (void)c2.execute(sqla::text("SELECT 1")).all();
    EXPECT_EQ(uncached.compiled_cache_size(), 0u);
}

TEST(Engine, CacheEvictsLeastRecentlyUsed) {
    auto engine = sqla::create_engine("sqlite://", {.query_cache_size = 2});
    auto conn = engine.connect();
    for (int i = 0; i < 5; ++i) (void)conn.execute(sqla::text("SELECT " + std::to_string(i))).all();
    EXPECT_EQ(engine.compiled_cache_size(), 2u);
}

TEST(Engine, DisposeClosesPooledConnections) {
    auto engine = sqla::create_engine("sqlite://");
    {
        auto conn = engine.connect();
        conn.execute(sqla::text("CREATE TABLE d (x INTEGER)"));
        conn.commit();
    }
    EXPECT_EQ(engine.pool().statistics().open, 1u);
    engine.dispose();
    EXPECT_EQ(engine.pool().statistics().open, 0u);
    // A new memory database: the table is gone.
    auto conn = engine.connect();
    EXPECT_THROW((void)conn.execute(sqla::text("SELECT * FROM d")), sqla::OperationalError);
}

TEST(Engine, FileDatabaseUsesQueuePool) {
    TempDb db;
    auto engine = sqla::create_engine(db.url());
    EXPECT_NE(dynamic_cast<sqla::QueuePool*>(&engine.pool()), nullptr);
    EXPECT_EQ(engine.pool().status(),
              "Pool size: 5  Connections in pool: 0 Current Overflow: -5 Current Checked out connections: 0");
    auto engine2 = sqla::create_engine(db.url(), {.poolclass = sqla::PoolClass::static_pool});
    EXPECT_EQ(engine2.pool().status(), "StaticPool");
    auto memory = sqla::create_engine("sqlite://");
    EXPECT_NE(dynamic_cast<sqla::StaticPool*>(&memory.pool()), nullptr);
}

TEST(Engine, ConnectArgsOverrideTheUrl) {
    TempDb a;
    TempDb b;
    auto engine = sqla::create_engine(a.url(), {.connect_args = {{"database", b.path().string()}}});
    {
        auto conn = engine.connect();
        conn.execute(sqla::text("CREATE TABLE x (y INTEGER)"));
        conn.commit();
    }
    EXPECT_TRUE(fs::exists(b.path()));
    EXPECT_FALSE(fs::exists(a.path()));
}

// sqlite:// keeps one connection for all (StaticPool): a second Connection, or create_all on
// the engine, while another Connection has a transaction open failed with SQLite's "cannot
// start a transaction within a transaction". It is an InvalidRequestError naming the cause.
TEST(SharedMemoryConnection, ASecondTransactionNamesTheSharedConnection) {
    auto engine = sqla::create_engine("sqlite://");
    auto first = engine.connect();
    first.exec_driver_sql("CREATE TABLE t (x INTEGER)");  // begins the first one's transaction
    auto second = engine.connect();
    try {
        second.exec_driver_sql("SELECT 1");
        FAIL() << "a second transaction began on the shared connection";
    } catch (const sqla::InvalidRequestError& e) {
        EXPECT_NE(std::string(e.what()).find("StaticPool"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("another Connection has a transaction open"), std::string::npos) << e.what();
    }
    second.close();
    sqla::MetaData metadata;
    sqla::Table t2(metadata, "t2", sqla::Column{"id", sqla::Integer{}, sqla::primary_key});
    EXPECT_THROW(metadata.create_all(engine), sqla::InvalidRequestError);
    // Once the first commits, the others go on.
    first.commit();
    metadata.create_all(engine);
    auto third = engine.connect();
    EXPECT_EQ(third.exec_driver_sql("SELECT count(*) FROM t2").scalar<int>(), 0);
}

// scalar<T>() on no row said "value is NULL, which int cannot hold".
TEST(ResultScalar, NoRowIsNoResultFoundNotNull) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    EXPECT_THROW((void)conn.exec_driver_sql("SELECT 1 WHERE 0").scalar<int>(), sqla::NoResultFound);
    EXPECT_EQ(conn.exec_driver_sql("SELECT 1 WHERE 0").scalar<std::optional<int>>(), std::nullopt);
    EXPECT_TRUE(conn.exec_driver_sql("SELECT 1 WHERE 0").scalar().is_null());
    // A NULL in a row still says NULL.
    try {
        (void)conn.exec_driver_sql("SELECT NULL").scalar<int>();
        FAIL();
    } catch (const sqla::TypeError& e) {
        EXPECT_NE(std::string(e.what()).find("NULL"), std::string::npos) << e.what();
    }
}

// Error messages have a bound: a 70,000-item IN list put half a megabyte of SQL into what(),
// a 4 MB URL an 8 MB message. The statement stays whole in statement().
TEST(ErrorMessages, AreBoundedWhateverTheirInput) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    std::vector<sqla::Value> many;
    for (int i = 0; i < 70000; ++i) many.emplace_back(i);
    auto t = sqla::table("no_such_table", {"x"});
    auto stmt = sqla::select(t.c("x")).where(t.c("x").in_(many));
    try {
        conn.execute(stmt);
        FAIL();
    } catch (const sqla::DBAPIError& e) {
        EXPECT_LT(std::string(e.what()).size(), 20000u);
        EXPECT_NE(std::string(e.what()).find("characters truncated"), std::string::npos);
        EXPECT_GT(e.statement().size(), 200000u);
    }
    const std::string huge = "sqlite:///x?" + std::string(4 << 20, 'q');
    try {
        (void)sqla::create_engine(huge);
        FAIL();
    } catch (const sqla::Error& e) {
        EXPECT_LT(std::string(e.what()).size(), 20000u);
    }
}

}  // namespace
