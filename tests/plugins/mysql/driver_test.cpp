// sqla: tests/plugins/mysql/driver_test.cpp. The mysqlclient driver against a live MariaDB
// (scripts/test.sh starts one and sets SQLA_TEST_MYSQL_URL): values both ways through the binary
// and the text protocol, errors by number, insertmanyvalues batches, streaming, RETURNING,
// isolation levels, and the pool recovering from killed server sessions.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

import sqla;

using namespace std::chrono_literals;

namespace {

std::string mysql_url() {
    const char* url = std::getenv("SQLA_TEST_MYSQL_URL");
    return url ? url : "";
}

class MysqlTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (mysql_url().empty()) GTEST_SKIP() << "SQLA_TEST_MYSQL_URL is not set (scripts/test.sh sets it)";
        engine_.emplace(sqla::create_engine(mysql_url()));
    }
    sqla::Engine& engine() { return *engine_; }
    // A table for one test, dropped first if a previous run left it.
    void fresh(sqla::Connection& conn, const std::string& name, const std::string& columns) {
        conn.exec_driver_sql("DROP TABLE IF EXISTS " + name);
        conn.exec_driver_sql("CREATE TABLE " + name + " (" + columns + ")");
        conn.commit();
    }
    std::optional<sqla::Engine> engine_;
};

// Every column of `row`, printed.
std::vector<std::string> reprs(const sqla::Row& row) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < row.size(); ++i) out.push_back(row[i].repr());
    return out;
}

}  // namespace

TEST_F(MysqlTest, ConnectsAndReportsTheServer) {
    auto c = engine().connect();
    EXPECT_NE(c.driver_connection().server_version().find("MariaDB"), std::string::npos);
    EXPECT_EQ(std::string(engine().driver().name()), "mysqlclient");
    EXPECT_EQ(c.execute(sqla::text("SELECT current_user()")).scalar<std::string>(), "sqla@localhost");
    EXPECT_EQ(c.execute(sqla::text("SELECT @@character_set_client")).scalar<std::string>(), "utf8mb4");
    // mariadb:// names the same plugin.
    auto maria = sqla::create_engine("mariadb" + mysql_url().substr(mysql_url().find("://")));
    EXPECT_EQ(std::string(maria.dialect().name()), "mariadb");
    EXPECT_EQ(maria.connect().execute(sqla::text("SELECT 1 + 1")).scalar<int>(), 2);
}

TEST_F(MysqlTest, ReadsEachTypeAsItsValueThroughBothProtocols) {
    auto conn = engine().connect();
    const std::string select =
        "SELECT CAST(-5 AS SIGNED) AS a, CAST(18446744073709551615 AS UNSIGNED) AS b, 1.5e0 AS c, "
        "CAST(0.1 AS FLOAT) AS d, CAST('1.250' AS DECIMAL(10,3)) AS e, 'Grüße 🎉' AS f, X'00FF10' AS g, "
        "DATE '2024-02-29' AS h, CAST('13:05:09.5' AS TIME(6)) AS i, CAST('-838:59:59' AS TIME) AS j, "
        "CAST('2024-02-29 13:05:09.123456' AS DATETIME(6)) AS k, b'101' AS l, NULL AS m, "
        "CAST(255 AS UNSIGNED) AS o";
    // text(): a prepared statement, binary protocol; exec_driver_sql: the text protocol.
    const auto prepared = conn.execute(sqla::text(select)).one();
    const auto plain = conn.exec_driver_sql(select).one();
    EXPECT_EQ(reprs(prepared), reprs(plain));
    EXPECT_EQ(prepared.get<std::int64_t>("a"), -5);
    EXPECT_EQ(prepared["b"].kind(), sqla::ValueKind::decimal);  // beyond int64: exact
    EXPECT_EQ(prepared.get<sqla::Decimal>("b").to_string(), "18446744073709551615");
    EXPECT_EQ(prepared.get<double>("c"), 1.5);
    EXPECT_EQ(prepared.get<double>("d"), 0.1);
    EXPECT_EQ(prepared.get<sqla::Decimal>("e").to_string(), "1.250");
    EXPECT_EQ(prepared.get<std::string>("f"), "Grüße 🎉");
    EXPECT_EQ(prepared.get<sqla::Bytes>("g"), (sqla::Bytes{std::byte{0}, std::byte{0xff}, std::byte{0x10}}));
    EXPECT_EQ(prepared.get<std::chrono::year_month_day>("h"), std::chrono::year{2024} / 2 / 29);
    EXPECT_EQ(prepared.get<std::chrono::microseconds>("i"), 13h + 5min + 9s + 500ms);
    EXPECT_EQ(prepared.get<std::chrono::microseconds>("j"), -(838h + 59min + 59s));
    EXPECT_EQ(sqla::to_iso(prepared.get<sqla::LocalDateTime>("k")), "2024-02-29 13:05:09.123456");
    EXPECT_EQ(prepared.get<sqla::Bytes>("l"), sqla::Bytes{std::byte{5}});  // a bit-value literal is a binary string
    EXPECT_EQ(prepared.get<std::optional<std::int64_t>>("m"), std::nullopt);
    EXPECT_EQ(prepared.get<std::int64_t>("o"), 255);
}

TEST_F(MysqlTest, LongValuesReadWholeBufferedAndStreamed) {
    auto conn = engine().connect();
    fresh(conn, "my_long", "id INT PRIMARY KEY, t LONGTEXT, b LONGBLOB");
    const std::string text(300'000, 'x');
    const sqla::Bytes blob(70'000, std::byte{0x5a});
    std::vector<sqla::Params> rows;
    for (int i = 0; i < 5; ++i)
        rows.push_back({{"id", i}, {"t", i % 2 ? text : std::string("short")}, {"b", i % 2 ? blob : sqla::Bytes{}}});
    conn.execute(sqla::text("INSERT INTO my_long VALUES (:id, :t, :b)"), rows);
    for (bool stream : {false, true}) {
        auto all = conn.execute(sqla::text("SELECT id, t, b FROM my_long ORDER BY id"), {.stream_results = stream}).all();
        ASSERT_EQ(all.size(), 5u);
        for (std::size_t i = 0; i < all.size(); ++i) {
            EXPECT_EQ(all[i].get<std::string>("t"), i % 2 ? text : "short") << i;
            EXPECT_EQ(all[i].get<sqla::Bytes>("b"), i % 2 ? blob : sqla::Bytes{}) << i;
        }
    }
    conn.rollback();
    conn.exec_driver_sql("DROP TABLE my_long");
}

TEST_F(MysqlTest, ErrorsMapByNumber) {
    auto conn = engine().connect();
    fresh(conn, "my_errors", "id INT PRIMARY KEY, name VARCHAR(3) NOT NULL");
    conn.execute(sqla::text("INSERT INTO my_errors VALUES (1, 'a')"));
    try {
        conn.execute(sqla::text("INSERT INTO my_errors VALUES (:id, 'b')"), {{"id", 1}});
        FAIL();
    } catch (const sqla::IntegrityError& e) {
        EXPECT_EQ(e.native_code(), 1062);
        EXPECT_NE(std::string(e.what()).find("Duplicate entry"), std::string::npos) << e.what();
    }
    conn.rollback();
    EXPECT_THROW(conn.execute(sqla::text("INSERT INTO my_errors VALUES (2, :n)"), {{"n", "toolong"}}), sqla::DataError);
    conn.rollback();
    EXPECT_THROW(conn.execute(sqla::text("INSERT INTO my_errors (id) VALUES (3)")), sqla::DBAPIError);
    conn.rollback();
    EXPECT_THROW(conn.execute(sqla::text("SELEC 1")), sqla::ProgrammingError);
    EXPECT_THROW(conn.execute(sqla::text("SELECT * FROM my_no_such_table")), sqla::ProgrammingError);
    EXPECT_THROW(conn.execute(sqla::text("SELECT no_such_column FROM my_errors")), sqla::OperationalError);
    conn.rollback();
    conn.exec_driver_sql("DROP TABLE my_errors");
}

// An executemany of insert(table): on MariaDB, the one-row INSERT in bulk executions; with
// RETURNING, insertmanyvalues (multi-row VALUES batches).
TEST_F(MysqlTest, ExecutemanyInsertIsSentAsBulkExecutionsOrMultiRowValues) {
    sqla::MetaData md;
    sqla::Table t(md, "my_imv", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                  sqla::Column{"name", sqla::String{20}}, sqla::Column{"n", sqla::Integer{}});
    md.drop_all(engine());
    md.create_all(engine());
    std::vector<std::pair<std::string, std::size_t>> sent;
    engine().events().before_cursor_execute.listen([&](sqla::CursorExecuteEvent& e) {
        if (e.statement.starts_with("INSERT")) sent.emplace_back(e.statement, e.parameters.size());
    });
    auto conn = engine().connect();
    std::vector<sqla::Params> rows;
    for (int i = 0; i < 2500; ++i) rows.push_back({{"name", "n" + std::to_string(i)}, {"n", i}});
    EXPECT_EQ(conn.execute(sqla::insert(t), rows).rowcount(), 2500);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].first, "INSERT INTO my_imv (name, n) VALUES (?, ?)");
    EXPECT_EQ(sent[0].second, 5000u);

    // RETURNING (MariaDB 10.5+): every row, in the order given.
    sent.clear();
    auto returned = conn.execute(sqla::insert(t).returning({t.c("id"), t.c("n")}), rows).all();
    ASSERT_EQ(sent.size(), 3u);
    EXPECT_TRUE(sent[0].first.starts_with("INSERT INTO my_imv (name, n) VALUES (?, ?), (?, ?), ")) << sent[0].first.substr(0, 80);
    EXPECT_EQ(sent[2].second, 1000u);
    ASSERT_EQ(returned.size(), 2500u);
    // InnoDB reserves AUTO_INCREMENT values for a bulk execution in growing blocks (it does not
    // know the row count in advance), so the ids after the first 2500 may leave a gap; the
    // multi-row VALUES statements take consecutive ones.
    const std::int64_t first_id = returned[0].get<std::int64_t>("id");
    EXPECT_GT(first_id, 2500);
    for (std::size_t i = 0; i < returned.size(); ++i) {
        EXPECT_EQ(returned[i].get<std::int64_t>("n"), static_cast<std::int64_t>(i));
        EXPECT_EQ(returned[i].get<std::int64_t>("id"), first_id + static_cast<std::int64_t>(i));
    }
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(DISTINCT id) FROM my_imv")).scalar<std::int64_t>(), 5000);
    conn.commit();

    // A duplicate key in the second batch: IntegrityError, and the first batch rolls back too.
    std::vector<sqla::Params> clash;
    for (int i = 0; i < 1500; ++i) clash.push_back({{"id", 10000 + (i == 1200 ? 0 : i)}, {"name", "c"}, {"n", 0}});
    EXPECT_THROW(conn.execute(sqla::insert(t), clash), sqla::IntegrityError);
    conn.rollback();
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM my_imv")).scalar<std::int64_t>(), 5000);

    // text(): one prepared statement, every parameter set in one bulk execution.
    sent.clear();
    std::vector<sqla::Params> more{{{"id", 20000}, {"name", "x"}}, {{"id", 20001}, {"name", "y"}}};
    EXPECT_EQ(conn.execute(sqla::text("INSERT INTO my_imv (id, name) VALUES (:id, :name)"), more).rowcount(), 2);
    EXPECT_EQ(sent.size(), 1u);
    conn.rollback();
    conn.close();
    md.drop_all(engine());
}

// Rows of large values are batched under the server's max_allowed_packet (16 MiB here): the
// multi-row VALUES of an INSERT with RETURNING, and the bulk executions of one without.
TEST_F(MysqlTest, InsertmanyvaluesBatchesStayUnderMaxAllowedPacket) {
    sqla::MetaData md;
    sqla::Table t(md, "my_imv_big", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                  sqla::Column{"payload", sqla::LargeBinary{.length = 1 << 24}});
    md.drop_all(engine());
    md.create_all(engine());
    std::vector<std::size_t> sizes;
    engine().events().before_cursor_execute.listen([&](sqla::CursorExecuteEvent& e) {
        if (e.statement.starts_with("INSERT")) sizes.push_back(e.parameters.size() / 2);
    });
    std::vector<sqla::Params> rows;
    // Ids from 1: MySQL reads an id of 0 in an AUTO_INCREMENT column as "the next one".
    for (int i = 0; i < 40; ++i) rows.push_back({{"id", i + 1}, {"payload", sqla::Bytes(1 << 20, std::byte(i))}});
    engine().begin([&](sqla::Connection& conn) {
        EXPECT_EQ(conn.execute(sqla::insert(t).returning({t.c("id")}), rows).all().size(), 40u);
    });
    // 16 MiB * 0.9 holds 14 rows of 1 MiB.
    EXPECT_EQ(sizes, (std::vector<std::size_t>{14, 14, 12}));
    // Without RETURNING the driver splits its bulk executions under the limit itself.
    engine().begin([&](sqla::Connection& conn) {
        conn.execute(sqla::text("DELETE FROM my_imv_big"));
        EXPECT_EQ(conn.execute(sqla::insert(t), rows).rowcount(), 40);
    });
    auto conn = engine().connect();
    using Two = std::tuple<std::int64_t, std::int64_t>;
    const Two totals = conn.execute(sqla::text("SELECT sum(length(payload)), sum(ascii(payload)) FROM my_imv_big"))
                           .one()
                           .tuple<std::int64_t, std::int64_t>();
    EXPECT_EQ(totals, (Two{40 << 20, 39 * 40 / 2}));
    conn.close();
    md.drop_all(engine());
}

TEST_F(MysqlTest, StreamResultsReadRowByRowAndLetOtherStatementsRun) {
    auto conn = engine().connect();
    fresh(conn, "my_stream", "id INT PRIMARY KEY, v VARCHAR(20)");
    std::vector<sqla::Params> rows;
    for (int i = 0; i < 1000; ++i) rows.push_back({{"id", i}, {"v", "v" + std::to_string(i)}});
    conn.execute(sqla::text("INSERT INTO my_stream VALUES (:id, :v)"), rows);
    auto stream = conn.execute(sqla::text("SELECT id, v FROM my_stream ORDER BY id"), {.stream_results = true});
    std::int64_t seen = 0;
    for (const auto& row : stream) {
        EXPECT_EQ(row.get<std::int64_t>("id"), seen);
        // Another statement while the stream is open: the rest of the rows are buffered first.
        if (seen == 10) EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM my_stream")).scalar<int>(), 1000);
        ++seen;
    }
    EXPECT_EQ(seen, 1000);
    // A stream closed after two rows: the rest is dropped, and the connection goes on.
    {
        auto partial = conn.execute(sqla::text("SELECT id FROM my_stream ORDER BY id"), {.yield_per = 10});
        EXPECT_EQ(partial.fetchone()->get<std::int64_t>(0), 0);
        EXPECT_EQ(partial.fetchone()->get<std::int64_t>(0), 1);
        partial.close();
    }
    EXPECT_EQ(conn.execute(sqla::text("SELECT max(id) FROM my_stream")).scalar<int>(), 999);
    // The same prepared statement twice, the first result still open: both read whole.
    const auto stmt = sqla::text("SELECT id FROM my_stream WHERE id < :n ORDER BY id");
    auto first = conn.execute(stmt, {{"n", 5}});
    auto second = conn.execute(stmt, {{"n", 3}});
    EXPECT_EQ(first.all().size(), 5u);
    EXPECT_EQ(second.all().size(), 3u);
    conn.rollback();
    conn.exec_driver_sql("DROP TABLE my_stream");
}

TEST_F(MysqlTest, InsertedPrimaryKeyAndLastrowid) {
    sqla::MetaData md;
    sqla::Table t(md, "my_pk", sqla::Column{"id", sqla::Integer{}, sqla::primary_key}, sqla::Column{"v", sqla::String{10}});
    md.drop_all(engine());
    md.create_all(engine());
    auto conn = engine().connect();
    auto r1 = conn.execute(sqla::insert(t).values({{"v", "a"}}));
    auto r2 = conn.execute(sqla::insert(t), {{"v", "b"}});
    EXPECT_EQ(r1.inserted_primary_key().at(0).as<std::int64_t>(), 1);
    EXPECT_EQ(r2.inserted_primary_key().at(0).as<std::int64_t>(), 2);
    EXPECT_EQ(r2.lastrowid(), 2);
    conn.rollback();
    conn.close();
    md.drop_all(engine());
}

TEST_F(MysqlTest, IsolationLevelsAndAutocommit) {
    auto conn = engine().connect();
    EXPECT_EQ(conn.default_isolation_level(), "REPEATABLE READ");
    conn.execution_options({.isolation_level = "SERIALIZABLE"});
    EXPECT_EQ(conn.get_isolation_level(), "SERIALIZABLE");
    conn.execution_options({.isolation_level = "AUTOCOMMIT"});
    fresh(conn, "my_auto", "x INT");
    conn.execute(sqla::text("INSERT INTO my_auto VALUES (1)"));
    {
        auto other = engine().connect();
        EXPECT_EQ(other.execute(sqla::text("SELECT count(*) FROM my_auto")).scalar<int>(), 1);  // already committed
    }
    conn.close();
    auto again = engine().connect();
    EXPECT_EQ(again.get_isolation_level(), "REPEATABLE READ");
    // Without AUTOCOMMIT, an uncommitted row is invisible to others.
    again.execute(sqla::text("INSERT INTO my_auto VALUES (2)"));
    {
        auto other = engine().connect();
        EXPECT_EQ(other.execute(sqla::text("SELECT count(*) FROM my_auto")).scalar<int>(), 1);
    }
    again.rollback();
    again.exec_driver_sql("DROP TABLE my_auto");
}

TEST_F(MysqlTest, SavepointsOnTheServer) {
    auto conn = engine().connect();
    fresh(conn, "my_sp", "id INT PRIMARY KEY");
    conn.execute(sqla::text("INSERT INTO my_sp VALUES (1)"));
    {
        auto sp = conn.begin_nested();
        conn.execute(sqla::text("INSERT INTO my_sp VALUES (2)"));
        sp.rollback();
    }
    conn.execute(sqla::text("INSERT INTO my_sp VALUES (3)"));
    conn.commit();
    EXPECT_EQ(conn.execute(sqla::text("SELECT group_concat(id ORDER BY id) FROM my_sp")).scalar<std::string>(), "1,3");
    conn.exec_driver_sql("DROP TABLE my_sp");
}

TEST_F(MysqlTest, KilledSessionsAreReplacedWithPrePing) {
    auto engine = sqla::create_engine(mysql_url(), {.pool_size = 1, .pool_pre_ping = true});
    std::int64_t first = 0;
    {
        auto conn = engine.connect();
        first = conn.execute(sqla::text("SELECT connection_id()")).scalar<std::int64_t>();
    }
    auto admin = engine_->connect();
    admin.exec_driver_sql("KILL " + std::to_string(first));
    auto conn = engine.connect();
    const auto second = conn.execute(sqla::text("SELECT connection_id()")).scalar<std::int64_t>();
    EXPECT_NE(second, first);
}

TEST_F(MysqlTest, KilledSessionWithoutPrePingInvalidatesAndRecovers) {
    auto engine = sqla::create_engine(mysql_url(), {.pool_size = 1});
    auto conn = engine.connect();
    const auto id = conn.execute(sqla::text("SELECT connection_id()")).scalar<std::int64_t>();
    conn.commit();
    auto admin = engine_->connect();
    admin.exec_driver_sql("KILL " + std::to_string(id));
    try {
        conn.execute(sqla::text("SELECT 1"));
        FAIL() << "the killed session still answered";
    } catch (const sqla::DBAPIError& e) {
        EXPECT_TRUE(e.connection_invalidated()) << e.what();
    }
    EXPECT_THROW(conn.execute(sqla::text("SELECT 1")), sqla::PendingRollbackError);
    conn.rollback();
    EXPECT_EQ(conn.execute(sqla::text("SELECT 1")).scalar<int>(), 1);
}

TEST_F(MysqlTest, BadArgumentsAndBadPasswordsSayWhatWasWrong) {
    try {
        (void)sqla::create_engine(mysql_url() + "?sslmod=require").connect();
        FAIL();
    } catch (const sqla::ArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("\"sslmod\""), std::string::npos) << e.what();
    }
    std::string bad = mysql_url();
    bad.replace(bad.find(":sqla@"), 6, ":wrong-secret@");
    try {
        (void)sqla::create_engine(bad).connect();
        FAIL();
    } catch (const sqla::OperationalError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("Access denied"), std::string::npos) << what;
        EXPECT_EQ(what.find("wrong-secret"), std::string::npos) << what;
    }
}

// A prepared statement outlives a change to its table: its columns are read again.
TEST_F(MysqlTest, CachedStatementsFollowTableChanges) {
    auto conn = engine().connect();
    fresh(conn, "my_alter", "id INT PRIMARY KEY, a INT");
    conn.execute(sqla::text("INSERT INTO my_alter VALUES (1, 10)"));
    conn.commit();
    const auto stmt = sqla::text("SELECT * FROM my_alter");
    EXPECT_EQ(conn.execute(stmt).one().size(), 2u);
    conn.exec_driver_sql("ALTER TABLE my_alter ADD COLUMN b VARCHAR(5) DEFAULT 'x'");
    const auto row = conn.execute(stmt).one();
    ASSERT_EQ(row.size(), 3u);
    EXPECT_EQ(row.get<std::string>("b"), "x");
    conn.exec_driver_sql("DROP TABLE my_alter");
}

// executemany of a text() statement: MariaDB's bulk execution, one round trip for all the
// parameter sets (NULLs included); a column mixing kinds of values runs row by row instead.
TEST_F(MysqlTest, ExecutemanyUsesBulkExecution) {
    auto conn = engine().connect();
    fresh(conn, "my_bulk", "id INT PRIMARY KEY, name VARCHAR(20), at DATETIME(6), amount DECIMAL(10,2), data BLOB");
    std::vector<sqla::Params> rows;
    for (int i = 0; i < 3000; ++i)
        rows.push_back({{"id", i},
                        {"name", i % 3 ? sqla::Value("n" + std::to_string(i)) : sqla::Value()},
                        {"at", sqla::LocalDateTime{std::chrono::local_days{std::chrono::year{2024} / 1 / 1}} + std::chrono::microseconds(i)},
                        {"amount", sqla::Decimal(std::to_string(i) + ".25")},
                        {"data", sqla::Bytes(static_cast<std::size_t>(i % 5), std::byte{7})}});
    const auto insert = sqla::text("INSERT INTO my_bulk VALUES (:id, :name, :at, :amount, :data)");
    // The server counts statement executions: a bulk execution per slice of 1,000 sets the
    // engine hands the driver, not 3000.
    auto executions = [&] {
        auto row = conn.exec_driver_sql("SHOW SESSION STATUS LIKE 'Com_stmt_execute'").one();
        return std::stoll(row.get<std::string>(1));
    };
    const auto before = executions();
    EXPECT_EQ(conn.execute(insert, rows).rowcount(), 3000);
    EXPECT_LE(executions() - before, 4);
    using Totals = std::tuple<std::int64_t, std::int64_t, std::string, std::int64_t, std::int64_t>;
    const Totals totals = conn.execute(sqla::text("SELECT count(*), count(name), CAST(sum(amount) AS CHAR), "
                                                  "sum(length(data)), max(microsecond(at)) FROM my_bulk"))
                              .one()
                              .tuple<std::int64_t, std::int64_t, std::string, std::int64_t, std::int64_t>();
    EXPECT_EQ(totals, (Totals{3000, 2000, "4499250.00", 600 * (0 + 1 + 2 + 3 + 4), 2999}));
    EXPECT_EQ(conn.execute(sqla::text("UPDATE my_bulk SET name = :name WHERE id = :id"),
                           std::vector<sqla::Params>{{{"name", "a"}, {"id", 1}}, {{"name", "b"}, {"id", 2}}, {{"name", "c"}, {"id", 99999}}})
                  .rowcount(),
              2);
    // A column of integers and text: row by row, the same outcome.
    std::vector<sqla::Params> mixed{{{"id", 5000}, {"name", "x"}, {"at", sqla::Value()}, {"amount", 1}, {"data", sqla::Value()}},
                                    {{"id", 5001}, {"name", 7}, {"at", sqla::Value()}, {"amount", 2}, {"data", sqla::Value()}}};
    EXPECT_EQ(conn.execute(insert, mixed).rowcount(), 2);
    EXPECT_EQ(conn.execute(sqla::text("SELECT name FROM my_bulk WHERE id = 5001")).scalar<std::string>(), "7");
    // A duplicate key fails the execution: IntegrityError, nothing of it kept after rollback.
    std::vector<sqla::Params> clash{{{"id", 6000}, {"name", "x"}, {"at", sqla::Value()}, {"amount", 1}, {"data", sqla::Value()}},
                                    {{"id", 1}, {"name", "x"}, {"at", sqla::Value()}, {"amount", 1}, {"data", sqla::Value()}}};
    EXPECT_THROW(conn.execute(insert, clash), sqla::IntegrityError);
    conn.rollback();
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM my_bulk")).scalar<std::int64_t>(), 0);
    conn.exec_driver_sql("DROP TABLE my_bulk");
}

// RETURNING where MariaDB has it: INSERT and DELETE; UPDATE ... RETURNING is a CompileError.
TEST_F(MysqlTest, ReturningForInsertAndDeleteOnly) {
    sqla::MetaData md;
    sqla::Table t(md, "my_ret", sqla::Column{"id", sqla::Integer{}, sqla::primary_key}, sqla::Column{"v", sqla::String{10}});
    md.drop_all(engine());
    md.create_all(engine());
    auto conn = engine().connect();
    EXPECT_EQ(conn.execute(sqla::insert(t).values({{"v", "a"}}).returning({t.c("id"), t.c("v")})).one().get<std::string>("v"), "a");
    EXPECT_THROW(conn.execute(sqla::update(t).values({{"v", "b"}}).returning({t.c("id")})), sqla::CompileError);
    EXPECT_EQ(conn.execute(sqla::delete_(t).where(t.c("v") == "a").returning({t.c("v")})).scalar<std::string>(), "a");
    conn.rollback();
    conn.close();
    md.drop_all(engine());
}

// The server's unix socket, as a query argument (mysqlclient's unix_socket).
TEST_F(MysqlTest, ConnectsThroughTheUnixSocket) {
    const std::string socket = "/run/mysqld/mysqld.sock";
    if (!std::ifstream(socket).good() && !std::filesystem::exists(socket)) GTEST_SKIP() << "no socket at " << socket;
    auto url = sqla::make_url(mysql_url());
    auto engine = sqla::create_engine("mysql://" + url.username().value_or("") + ":" + url.password().value_or("") +
                                      "@localhost/" + url.database().value_or("") + "?unix_socket=" + socket);
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(sqla::text("SELECT @@socket")).scalar<std::string>(), socket);
    EXPECT_EQ(conn.execute(sqla::text("SELECT current_user()")).scalar<std::string>(), "sqla@localhost");
}

// Literals (literal_binds, ENUM values and COMMENTs in DDL) follow the server's sql_mode, which
// the dialect reads at first connect: backslashes doubled by default, kept single under
// NO_BACKSLASH_ESCAPES, where doubling would change the value. Either way the server reads
// back exactly the text given.
TEST_F(MysqlTest, LiteralsFollowTheServersBackslashMode) {
    const std::vector<std::string> values = {"C:\\dir\\", "a\\'b", "\\\\", "it's", "ends with \\"};
    for (const bool no_backslash_escapes : {false, true}) {
        SCOPED_TRACE(no_backslash_escapes ? "NO_BACKSLASH_ESCAPES" : "default sql_mode");
        sqla::Params args;
        if (no_backslash_escapes) args.set("init_command", "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'");
        auto engine = sqla::create_engine(mysql_url(), {.connect_args = args});
        auto conn = engine.connect();
        const auto mode = conn.execute(sqla::text("SELECT @@SESSION.sql_mode")).scalar<std::string>();
        EXPECT_EQ(mode.find("NO_BACKSLASH_ESCAPES") != std::string::npos, no_backslash_escapes) << mode;
        for (const auto& v : values) {
            auto compiler = engine.dialect().statement_compiler(sqla::ParamStyle::format);
            compiler->set_literal_binds(true);
            const auto compiled = compiler->compile(sqla::select(sqla::literal(v, sqla::Text{}).label("v")).element());
            EXPECT_EQ(conn.exec_driver_sql(compiled.sql).scalar<std::string>(), v) << compiled.sql;
        }
        conn.close();
        sqla::MetaData md;
        sqla::Table t(md, "backslash_ddl", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"kind", sqla::Enum{.values = {"C:\\", "a'b"}}, sqla::comment("col \\ comment\\")},
                      sqla::TableOptions{.comment = "C:\\dir\\"});
        md.drop_all(engine);
        md.create_all(engine);
        auto insp = sqla::inspect(engine);
        EXPECT_EQ(insp.get_table_comment("backslash_ddl"), std::optional<std::string>("C:\\dir\\"));
        conn = engine.connect();
        conn.execute(sqla::insert(t), {{"id", 1}, {"kind", "C:\\"}});
        EXPECT_EQ(conn.execute(sqla::select(t.c("kind"))).scalar<std::string>(), "C:\\");
        conn.close();
        md.drop_all(engine);
    }
}

// A refused connect raised an error ending "(the connection was invalidated: roll back or
// close the Connection to go on)", although no Connection existed to roll back.
TEST_F(MysqlTest, ConnectErrorsDoNotAskForARollback) {
    for (const std::string& url : {std::string("mysql://sqla:sqla@127.0.0.1:1/sqla_test"), [] {
             std::string bad = mysql_url();
             return bad.replace(bad.find(":sqla@"), 6, ":wrong@");
         }()}) {
        try {
            (void)sqla::create_engine(url).connect();
            ADD_FAILURE() << "connected to " << url;
        } catch (const sqla::OperationalError& e) {
            EXPECT_EQ(std::string(e.what()).find("invalidated"), std::string::npos) << e.what();
            EXPECT_EQ(std::string(e.what()).find("roll back"), std::string::npos) << e.what();
        }
    }
}

// A packet over max_allowed_packet (1153, SQLSTATE 08S01): the server drops the connection, so
// it is a disconnect. It was not, and rollback() then failed with 2006 and asked for a rollback
// again; now the connection is invalidated and the next statement runs on a new one.
TEST_F(MysqlTest, PacketTooLargeIsADisconnect) {
    auto conn = engine().connect();
    const auto max_packet = conn.execute(sqla::text("SELECT @@max_allowed_packet")).scalar<std::int64_t>();
    conn.commit();
    ASSERT_LT(max_packet, std::int64_t{64} << 20) << "the server's max_allowed_packet is too large to exceed here";
    const std::string big(static_cast<std::size_t>(max_packet) + 1024, 'x');
    try {
        (void)conn.execute(sqla::text("SELECT LENGTH(:big)"), {{"big", big}}).scalar<std::int64_t>();
        FAIL() << "a packet over max_allowed_packet was accepted";
    } catch (const sqla::DBAPIError& e) {
        EXPECT_TRUE(e.connection_invalidated()) << e.what();
        // The message keeps its size: the parameter is cut, never printed whole.
        EXPECT_LT(std::string(e.what()).size(), 20000u);
    }
    conn.rollback();
    EXPECT_EQ(conn.execute(sqla::text("SELECT 1")).scalar<int>(), 1);
}

// scalar<T>() on no row said "value is NULL"; it says there was no row.
TEST_F(MysqlTest, ScalarOfNoRowSaysSo) {
    auto conn = engine().connect();
    try {
        (void)conn.execute(sqla::text("SELECT 1 FROM DUAL WHERE 1 = 0")).scalar<int>();
        FAIL();
    } catch (const sqla::NoResultFound& e) {
        EXPECT_NE(std::string(e.what()).find("no rows"), std::string::npos) << e.what();
    }
    EXPECT_EQ(conn.execute(sqla::text("SELECT 1 FROM DUAL WHERE 1 = 0")).scalar<std::optional<int>>(), std::nullopt);
}
