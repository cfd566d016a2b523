// sqla: tests/sqla/engine/events_test.cpp. Pool, connection, dialect and DDL events: the order
// they fire in (as docs/events.md documents it), what listeners may change, removal, and
// listener exceptions.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

import sqla;

namespace fs = std::filesystem;

namespace {

class EventsTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = fs::temp_directory_path() /
                ("sqla_events_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++) + ".db");
        fs::remove(path_);
    }
    void TearDown() override { fs::remove(path_); }
    std::string url() const { return "sqlite:///" + path_.string(); }

    // Listens to every engine event, recording its name (and savepoint) in `log`.
    void record_all(sqla::EngineEvents& ev) {
        auto pool = [this](std::string name) { return [this, name](sqla::PoolEvent&) { log.push_back(name); }; };
        auto tx = [this](std::string name) {
            return [this, name](sqla::TransactionEvent& e) {
                log.push_back(e.savepoint.empty() ? name : name + " " + std::string(e.savepoint));
            };
        };
        auto cursor = [this](std::string name) { return [this, name](sqla::CursorExecuteEvent&) { log.push_back(name); }; };
        auto exec = [this](std::string name) { return [this, name](sqla::ExecuteEvent&) { log.push_back(name); }; };
        ev.do_connect.listen([this](sqla::DoConnectEvent&) { log.push_back("do_connect"); });
        ev.first_connect.listen(pool("first_connect"));
        ev.connect.listen(pool("connect"));
        ev.checkout.listen(pool("checkout"));
        ev.checkin.listen(pool("checkin"));
        ev.reset.listen([this](sqla::PoolResetEvent&) { log.push_back("reset"); });
        ev.invalidate.listen([this](sqla::PoolInvalidateEvent&) { log.push_back("invalidate"); });
        ev.close.listen(pool("close"));
        ev.engine_connect.listen([this](sqla::Connection&) { log.push_back("engine_connect"); });
        ev.before_execute.listen(exec("before_execute"));
        ev.after_execute.listen(exec("after_execute"));
        ev.before_cursor_execute.listen(cursor("before_cursor_execute"));
        ev.after_cursor_execute.listen(cursor("after_cursor_execute"));
        ev.begin.listen(tx("begin"));
        ev.commit.listen(tx("commit"));
        ev.rollback.listen(tx("rollback"));
        ev.savepoint.listen(tx("savepoint"));
        ev.rollback_savepoint.listen(tx("rollback_savepoint"));
        ev.release_savepoint.listen(tx("release_savepoint"));
        ev.handle_error.listen([this](sqla::ExceptionContext&) { log.push_back("handle_error"); });
    }

    static inline int counter_ = 0;
    fs::path path_;
    std::vector<std::string> log;
};

using Names = std::vector<std::string>;

}  // namespace

TEST_F(EventsTest, FireInTheDocumentedOrder) {
    auto engine = sqla::create_engine(url());
    record_all(engine.events());
    {
        auto conn = engine.connect();
        conn.execute(sqla::text("CREATE TABLE t (x INTEGER)"));
        auto sp = conn.begin_nested();
        conn.execute(sqla::text("INSERT INTO t VALUES (1)"));
        sp.rollback();
        auto sp2 = conn.begin_nested();
        sp2.commit();
        conn.commit();
        EXPECT_THROW(conn.execute(sqla::text("SELECT * FROM missing")), sqla::OperationalError);
        conn.rollback();
        (void)conn.execute(sqla::text("SELECT 1")).all();
    }  // close: rolls back the transaction the SELECT began, then returns the connection
    { auto again = engine.connect(); }
    engine.dispose();
    const Names expected{
        "do_connect", "first_connect", "connect", "checkout", "engine_connect",
        "before_execute", "begin", "before_cursor_execute", "after_cursor_execute", "after_execute",
        "savepoint sa_savepoint_1",
        "before_execute", "before_cursor_execute", "after_cursor_execute", "after_execute",
        "rollback_savepoint sa_savepoint_1",
        "savepoint sa_savepoint_2", "release_savepoint sa_savepoint_2",
        "commit",
        "before_execute", "begin", "before_cursor_execute", "handle_error",
        "rollback",
        "before_execute", "begin", "before_cursor_execute", "after_cursor_execute", "after_execute",
        "rollback", "reset", "checkin",
        "checkout", "engine_connect", "reset", "checkin",
        "close"};
    EXPECT_EQ(log, expected);
}

TEST_F(EventsTest, BeforeCursorExecuteCanChangeStatementAndParameters) {
    auto engine = sqla::create_engine(url());
    std::vector<std::string> seen;
    engine.events().before_cursor_execute.listen([](sqla::CursorExecuteEvent& e) {
        if (e.statement.starts_with("SELECT ?")) {
            e.statement = "SELECT ? * 10 AS v";
            e.parameters.at(0) = sqla::Value(e.parameters.at(0).as<std::int64_t>() + 1);
        }
    });
    engine.events().after_cursor_execute.listen([&](sqla::CursorExecuteEvent& e) { seen.push_back(e.statement); });
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(sqla::text("SELECT :x AS v"), {{"x", 4}}).scalar<int>(), 50);
    // The same compiled statement again: the changed SQL is not confused with the cached one.
    EXPECT_EQ(conn.execute(sqla::text("SELECT :x AS v"), {{"x", 1}}).scalar<int>(), 20);
    EXPECT_EQ(seen, (Names{"SELECT ? * 10 AS v", "SELECT ? * 10 AS v"}));
}

TEST_F(EventsTest, BeforeExecuteCanChangeParameters) {
    auto engine = sqla::create_engine(url());
    engine.events().before_execute.listen([](sqla::ExecuteEvent& e) {
        if (e.parameters && e.parameters->find("x")) e.parameters->set("x", 99);
    });
    int rows = -1;
    engine.events().after_execute.listen([&](sqla::ExecuteEvent& e) {
        ASSERT_NE(e.result, nullptr);
        rows = static_cast<int>(e.result->returns_rows());
    });
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(sqla::text("SELECT :x"), {{"x", 1}}).scalar<int>(), 99);
    EXPECT_EQ(rows, 1);
}

TEST_F(EventsTest, ExecutemanyCursorEventSeesEverySet) {
    auto engine = sqla::create_engine(url());
    std::size_t params = 0;
    bool many = false;
    engine.events().before_cursor_execute.listen([&](sqla::CursorExecuteEvent& e) {
        params = e.parameters.size();
        many = e.executemany;
    });
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE t (x INTEGER)"));
    auto r = conn.execute(sqla::text("INSERT INTO t VALUES (:x)"), std::vector<sqla::Params>{{{"x", 1}}, {{"x", 2}}, {{"x", 3}}});
    EXPECT_TRUE(many);
    EXPECT_EQ(params, 3u);
    EXPECT_EQ(r.rowcount(), 3);
}

TEST_F(EventsTest, HandleErrorSeesTheErrorAndMayReplaceIt) {
    struct AppError : std::runtime_error {
        using std::runtime_error::runtime_error;
    };
    auto engine = sqla::create_engine(url());
    std::string statement, driver_message;
    engine.events().handle_error.listen([&](sqla::ExceptionContext& ctx) {
        statement = std::string(ctx.statement);
        driver_message = ctx.original.what();
        EXPECT_NE(dynamic_cast<const sqla::OperationalError*>(&ctx.sqla_exception), nullptr);
        EXPECT_FALSE(ctx.is_disconnect);
        if (statement.find("replace_me") != std::string::npos) throw AppError("replaced");
    });
    auto conn = engine.connect();
    EXPECT_THROW(conn.execute(sqla::text("SELECT * FROM missing")), sqla::OperationalError);
    EXPECT_EQ(statement, "SELECT * FROM missing");
    EXPECT_NE(driver_message.find("no such table"), std::string::npos);
    conn.rollback();
    EXPECT_THROW(conn.execute(sqla::text("SELECT * FROM replace_me")), AppError);
}

TEST_F(EventsTest, HandleErrorCanDeclareADisconnect) {
    auto engine = sqla::create_engine(url());
    engine.events().handle_error.listen([](sqla::ExceptionContext& ctx) { ctx.is_disconnect = true; });
    auto conn = engine.connect();
    const auto first = conn.connection_record().id();
    try {
        conn.execute(sqla::text("SELECT * FROM missing"));
        FAIL();
    } catch (const sqla::DBAPIError& e) {
        EXPECT_TRUE(e.connection_invalidated());
    }
    EXPECT_TRUE(conn.invalidated());
    EXPECT_THROW(conn.execute(sqla::text("SELECT 1")), sqla::PendingRollbackError);
    conn.rollback();  // acknowledges it; a new connection takes over
    EXPECT_FALSE(conn.invalidated());
    EXPECT_NE(conn.connection_record().id(), first);
    EXPECT_EQ(conn.execute(sqla::text("SELECT 1")).scalar<int>(), 1);
    EXPECT_EQ(engine.pool().statistics().invalidations, 1u);
}

TEST_F(EventsTest, DoConnectCanChangeConnectArguments) {
    const fs::path other = path_.string() + ".other";
    fs::remove(other);
    auto engine = sqla::create_engine(url());
    engine.events().do_connect.listen([&](sqla::DoConnectEvent& e) { e.connect_args.set("database", other.string()); });
    {
        auto conn = engine.connect();
        conn.execute(sqla::text("CREATE TABLE moved (x INTEGER)"));
        conn.commit();
    }
    EXPECT_TRUE(fs::exists(other));
    EXPECT_FALSE(fs::exists(path_));
    engine.dispose();
    fs::remove(other);
}

TEST_F(EventsTest, ConnectListenerRunsOnEveryNewConnection) {
    auto engine = sqla::create_engine(url(), {.pool_size = 2});
    // The classic use: SQLite enforces foreign keys only when each connection asks.
    engine.events().connect.listen([](sqla::PoolEvent& e) {
        std::vector<sqla::Value> none;
        e.connection.execute(sqla::DriverStatement{"PRAGMA foreign_keys = ON"}, none, {})->close();
    });
    auto a = engine.connect();
    auto b = engine.connect();
    EXPECT_EQ(a.execute(sqla::text("PRAGMA foreign_keys")).scalar<int>(), 1);
    EXPECT_EQ(b.execute(sqla::text("PRAGMA foreign_keys")).scalar<int>(), 1);
}

TEST_F(EventsTest, RemovedListenersStopFiring) {
    auto engine = sqla::create_engine(url());
    int calls = 0;
    auto id = engine.events().before_cursor_execute.listen([&](sqla::CursorExecuteEvent&) { ++calls; });
    auto conn = engine.connect();
    (void)conn.execute(sqla::text("SELECT 1")).all();
    EXPECT_TRUE(engine.events().before_cursor_execute.remove(id));
    EXPECT_FALSE(engine.events().before_cursor_execute.remove(id));
    EXPECT_FALSE(engine.events().before_cursor_execute.has_listeners());
    (void)conn.execute(sqla::text("SELECT 1")).all();
    EXPECT_EQ(calls, 1);
}

TEST_F(EventsTest, AListenersExceptionStopsTheStatementAndSurfaces) {
    auto engine = sqla::create_engine(url());
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE t (x INTEGER)"));
    conn.commit();
    auto id = engine.events().before_cursor_execute.listen([](sqla::CursorExecuteEvent& e) {
        if (e.statement.starts_with("INSERT")) throw std::invalid_argument("inserts are disabled");
    });
    try {
        conn.execute(sqla::text("INSERT INTO t VALUES (1)"));
        FAIL();
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "inserts are disabled");
    }
    engine.events().before_cursor_execute.remove(id);
    conn.commit();
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM t")).scalar<int>(), 0);  // nothing ran
}

TEST_F(EventsTest, DdlEventsWrapCreateAllAndDropAll) {
    auto engine = sqla::create_engine(url());
    sqla::MetaData md;
    sqla::Table parent(md, "parent", sqla::Column{"id", sqla::Integer{}, sqla::primary_key});
    sqla::Table child(md, "child", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"parent_id", sqla::Integer{}, sqla::ForeignKey("parent.id")});
    auto tables = [](const sqla::DDLEvent& e) {
        std::string s;
        for (const auto& t : e.tables) s += (s.empty() ? "" : ",") + t.name();
        return s;
    };
    md.events().before_create.listen([&](sqla::DDLEvent& e) { log.push_back("md before_create " + tables(e)); });
    md.events().after_create.listen([&](sqla::DDLEvent& e) { log.push_back("md after_create " + tables(e)); });
    md.events().before_drop.listen([&](sqla::DDLEvent& e) { log.push_back("md before_drop " + tables(e)); });
    md.events().after_drop.listen([&](sqla::DDLEvent& e) { log.push_back("md after_drop " + tables(e)); });
    for (auto* t : {&parent, &child}) {
        t->events().before_create.listen([&](sqla::DDLEvent& e) { log.push_back("before_create " + tables(e)); });
        t->events().after_create.listen([&](sqla::DDLEvent& e) {
            log.push_back("after_create " + tables(e));
            // Listeners run DDL of their own on the same connection (and transaction).
            if (e.tables.front().name() == "child")
                e.connection.execute(sqla::text("CREATE INDEX ix_child_custom ON child (parent_id)"));
        });
        t->events().before_drop.listen([&](sqla::DDLEvent& e) { log.push_back("before_drop " + tables(e)); });
        t->events().after_drop.listen([&](sqla::DDLEvent& e) { log.push_back("after_drop " + tables(e)); });
    }
    md.create_all(engine);
    md.create_all(engine);  // checkfirst: nothing left to create
    {
        auto conn = engine.connect();
        EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM sqlite_master WHERE name = 'ix_child_custom'"))
                      .scalar<int>(),
                  1);
    }
    md.drop_all(engine);
    EXPECT_EQ(log, (Names{"md before_create parent,child", "before_create parent", "after_create parent",
                          "before_create child", "after_create child", "md after_create parent,child",
                          "md before_create ", "md after_create ",
                          "md before_drop child,parent", "before_drop child", "after_drop child",
                          "before_drop parent", "after_drop parent", "md after_drop child,parent"}));
}
