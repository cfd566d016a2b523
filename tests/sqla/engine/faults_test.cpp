// sqla: tests/sqla/engine/faults_test.cpp. Faults in the middle of a transaction, on every live
// database: the session killed by the server, a statement failing halfway through an
// executemany, a listener throwing. Each time the transaction rolls back, reading back finds
// nothing of it, the error says what happened, and the pool goes on serving connections.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

import sqla;

#include "live_backend.hpp"

using namespace std::chrono_literals;

namespace {

class Faults : public sqla_test::LiveBackendTest {
protected:
    void SetUp() override {
        LiveBackendTest::SetUp();
        if (IsSkipped()) return;
        table_.emplace(metadata_, "fault_rows", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                       sqla::Column{"k", sqla::Integer{}, sqla::not_null, sqla::unique},
                       sqla::Column{"label", sqla::String{40}});
        metadata_.drop_all(engine());
        metadata_.create_all(engine());
    }
    void TearDown() override {
        if (engine_) metadata_.drop_all(engine());
        LiveBackendTest::TearDown();
    }

    // Rows committed, read on a connection of its own.
    int committed() {
        auto conn = engine().connect();
        return conn.execute(sqla::select(sqla::func("count")).select_from(*table_)).scalar<int>();
    }
    std::vector<sqla::Params> rows(int from, int to) {
        std::vector<sqla::Params> out;
        for (int k = from; k < to; ++k) out.push_back({{"k", k}, {"label", "row " + std::to_string(k)}});
        return out;
    }

    sqla::MetaData metadata_;
    std::optional<sqla::Table> table_;
};

// The server ends the session in the middle of a transaction (pg_terminate_backend, KILL):
// the next statement fails with an OperationalError that says the connection was lost and is
// marked invalidated; nothing of the transaction was kept; after rollback() the Connection
// works on a new session, and so does every other connection from the pool.
TEST_P(Faults, SessionKilledMidTransaction) {
    if (GetParam().key == "sqlite") GTEST_SKIP() << "SQLite runs in process: there is no session to kill";
    const bool postgresql = GetParam().key == "postgresql";
    auto conn = engine().connect();
    auto tx = conn.begin();
    conn.execute(sqla::insert(*table_), rows(0, 3));
    const auto session =
        conn.execute(sqla::text(postgresql ? "SELECT pg_backend_pid()" : "SELECT connection_id()")).scalar<std::int64_t>();
    {
        auto admin = sqla::create_engine(url_, {.poolclass = sqla::PoolClass::null_pool}).connect();
        if (postgresql)
            (void)admin.execute(sqla::text("SELECT pg_terminate_backend(:pid)"), {{"pid", session}}).all();
        else
            admin.exec_driver_sql("KILL " + std::to_string(session));
    }
    std::this_thread::sleep_for(100ms);
    try {
        conn.execute(sqla::insert(*table_), {{"k", 3}, {"label", "after the kill"}});
        FAIL() << "the killed session still answered";
    } catch (const sqla::OperationalError& e) {
        EXPECT_TRUE(e.connection_invalidated()) << e.what();
        const std::string what = e.what();
        EXPECT_NE(what.find("INSERT INTO fault_rows"), std::string::npos) << "the error names the statement: " << what;
    }
    EXPECT_THROW(conn.execute(sqla::text("SELECT 1")), sqla::PendingRollbackError);
    EXPECT_THROW(tx.commit(), sqla::PendingRollbackError);  // the transaction is gone: no pretending
    conn.rollback();
    EXPECT_EQ(committed(), 0) << "nothing of the killed transaction remains";
    EXPECT_EQ(conn.execute(sqla::text("SELECT 1")).scalar<int>(), 1);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(engine().connect().execute(sqla::text("SELECT 2")).scalar<int>(), 2);
}

// An executemany of 2,500 rows whose 1,801st breaks the unique constraint: the rows before
// it went to the server (in batches or one by one), and the transaction's rollback takes them
// all back.
TEST_P(Faults, ExecutemanyFailingHalfwayLeavesNothing) {
    auto params = rows(0, 2500);
    params[1800] = {{"k", 7}, {"label", "duplicate of row 7"}};
    try {
        engine().begin([&](sqla::Connection& conn) { conn.execute(sqla::insert(*table_), params); });
        FAIL() << "the duplicate key was accepted";
    } catch (const sqla::IntegrityError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("INSERT INTO fault_rows"), std::string::npos) << what;
    }
    EXPECT_EQ(committed(), 0);
    // The same rows without the duplicate all arrive: the failure left the pool usable.
    engine().begin([&](sqla::Connection& conn) { conn.execute(sqla::insert(*table_), rows(0, 2500)); });
    EXPECT_EQ(committed(), 2500);
}

// A listener throws after the third insert of a transaction has run: the exception reaches the
// caller as it was thrown, the transaction rolls back, and the connection is usable after it.
TEST_P(Faults, ListenerThrowingInsideATransaction) {
    int inserts = 0;
    const auto id = engine().events().after_execute.listen([&](sqla::ExecuteEvent&) {
        if (++inserts == 3) throw std::runtime_error("audit log unavailable");
    });
    auto conn = engine().connect();
    try {
        conn.begin([&](sqla::Connection& c) {
            for (int k = 0; k < 5; ++k) c.execute(sqla::insert(*table_), {{"k", k}, {"label", "in a transaction"}});
        });
        FAIL() << "the listener's exception was lost";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "audit log unavailable");
    }
    EXPECT_EQ(inserts, 3);
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(committed(), 0);
    engine().events().after_execute.remove(id);
    conn.begin([&](sqla::Connection& c) { c.execute(sqla::insert(*table_), {{"k", 1}, {"label", "after"}}); });
    EXPECT_EQ(committed(), 1);
}

INSTANTIATE_TEST_SUITE_P(Live, Faults, sqla_test::live_backends(), sqla_test::backend_name);

}  // namespace
