// sqla: tests/sqla/engine/transaction_retry_test.cpp. Engine::transaction() runs a unit of work
// again when the database rolls it back to resolve a conflict (TransactionRollbackError): a
// serialization failure provoked on the live PostgreSQL, a deadlock on the live MariaDB; and it
// never runs again after any other error.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <future>
#include <optional>
#include <string>
#include <thread>

import sqla;

using namespace std::chrono_literals;

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// No waiting between attempts in tests.
constexpr sqla::RetryOptions no_wait{.retries = 3, .backoff = 0ms, .max_backoff = 0ms};

class PostgresRetry : public ::testing::Test {
protected:
    void SetUp() override {
        if (env("SQLA_TEST_POSTGRESQL_URL").empty()) GTEST_SKIP() << "SQLA_TEST_POSTGRESQL_URL is not set";
        engine_.emplace(sqla::create_engine(env("SQLA_TEST_POSTGRESQL_URL")));
        auto c = engine_->connect();
        c.exec_driver_sql("DROP TABLE IF EXISTS retry_counter");
        c.exec_driver_sql("CREATE TABLE retry_counter (id integer PRIMARY KEY, v integer NOT NULL)");
        c.exec_driver_sql("INSERT INTO retry_counter VALUES (1, 0)");
        c.commit();
    }
    void TearDown() override {
        if (!engine_) return;
        auto c = engine_->connect();
        c.exec_driver_sql("DROP TABLE IF EXISTS retry_counter");
        c.commit();
    }
    std::int64_t value() {
        auto c = engine_->connect();
        return c.exec_driver_sql("SELECT v FROM retry_counter WHERE id = 1").scalar<std::int64_t>();
    }
    // Reads the counter under REPEATABLE READ; on the attempts `interfere` says, another
    // connection adds 100 and commits in between; then writes the value read plus one, which
    // PostgreSQL refuses with 40001 when the row changed since the snapshot.
    std::int64_t increment(sqla::Connection& c, bool interfere) {
        c.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        const auto v = c.exec_driver_sql("SELECT v FROM retry_counter WHERE id = 1").scalar<std::int64_t>();
        if (interfere) {
            auto other = engine_->connect();
            other.exec_driver_sql("UPDATE retry_counter SET v = v + 100 WHERE id = 1");
            other.commit();
        }
        c.execute(sqla::text("UPDATE retry_counter SET v = :v WHERE id = 1"), {{"v", v + 1}});
        return v + 1;
    }
    std::optional<sqla::Engine> engine_;
};

// The 40001 is a TransactionRollbackError, still an OperationalError.
TEST_F(PostgresRetry, SerializationFailuresAreTransactionRollbackErrors) {
    auto c = engine_->connect();
    try {
        (void)increment(c, true);
        FAIL() << "no serialization failure";
    } catch (const sqla::TransactionRollbackError& e) {
        EXPECT_EQ(e.sqlstate(), "40001") << e.what();
        const sqla::OperationalError& as_operational = e;
        EXPECT_FALSE(as_operational.connection_invalidated());
        EXPECT_EQ(e.code(), "transaction-rollback");
    }
}

TEST_F(PostgresRetry, AConflictRunsTheWholeUnitAgainAndCommitsOnce) {
    int attempts = 0;
    const auto written = engine_->transaction([&](sqla::Connection& c) { return increment(c, ++attempts == 1); },
                                              no_wait);
    EXPECT_EQ(attempts, 2);
    EXPECT_EQ(written, 101);
    EXPECT_EQ(value(), 101);  // the other's +100 and one increment: nothing written twice
}

TEST_F(PostgresRetry, RetriesAreBoundedAndTheLastErrorPropagates) {
    int attempts = 0;
    EXPECT_THROW(engine_->transaction([&](sqla::Connection& c) { ++attempts, (void)increment(c, true); },
                                      {.retries = 2, .backoff = 0ms, .max_backoff = 0ms}),
                 sqla::TransactionRollbackError);
    EXPECT_EQ(attempts, 3);
    EXPECT_EQ(value(), 300);  // only the interfering connection's commits
}

TEST_F(PostgresRetry, OtherErrorsAreNotRetriedAndRollBack) {
    int attempts = 0;
    EXPECT_THROW(engine_->transaction(
                     [&](sqla::Connection& c) {
                         ++attempts;
                         c.exec_driver_sql("UPDATE retry_counter SET v = 7 WHERE id = 1");
                         c.exec_driver_sql("INSERT INTO retry_counter VALUES (1, 0)");  // duplicate key
                     },
                     no_wait),
                 sqla::IntegrityError);
    EXPECT_EQ(attempts, 1);
    EXPECT_EQ(value(), 0);
    int ran = 0;
    EXPECT_THROW(engine_->transaction([&](sqla::Connection&) { ++ran, throw std::runtime_error("app"); }, no_wait),
                 std::runtime_error);
    EXPECT_EQ(ran, 1);
    EXPECT_THROW(engine_->transaction([](sqla::Connection&) {}, {.retries = -1}), sqla::ArgumentError);
}

// A COMMIT that loses its connection may or may not have committed: transaction() never runs the
// unit again then, and its error says why. (Here the session is killed before COMMIT, so the
// server did not commit; the client cannot tell the two cases apart.)
TEST_F(PostgresRetry, ACommitThatLostItsConnectionIsNotRunAgain) {
    int attempts = 0;
    try {
        engine_->transaction(
            [&](sqla::Connection& c) {
                ++attempts;
                c.exec_driver_sql("UPDATE retry_counter SET v = v + 1 WHERE id = 1");
                const auto pid = c.exec_driver_sql("SELECT pg_backend_pid()").scalar<std::int64_t>();
                auto admin = engine_->connect();
                admin.exec_driver_sql("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
                admin.commit();
            },
            no_wait);
        FAIL() << "the COMMIT on a terminated session succeeded";
    } catch (const sqla::TransactionRollbackError& e) {
        FAIL() << "a lost COMMIT was taken for a rollback: " << e.what();
    } catch (const sqla::OperationalError& e) {
        EXPECT_NE(std::string(e.what()).find("whether the transaction was committed is unknown"), std::string::npos)
            << e.what();
        EXPECT_TRUE(e.connection_invalidated());
    }
    EXPECT_EQ(attempts, 1);
    EXPECT_EQ(value(), 0);
}

// A deadlock on MariaDB (1213, SQLSTATE 40001): two units lock two rows in opposite orders; InnoDB
// rolls one back, and transaction() runs that one again, so both increments land once each.
TEST(MysqlRetry, ADeadlockVictimRunsAgainAndBothCommit) {
    if (env("SQLA_TEST_MYSQL_URL").empty()) GTEST_SKIP() << "SQLA_TEST_MYSQL_URL is not set";
    auto engine = sqla::create_engine(env("SQLA_TEST_MYSQL_URL"));
    {
        auto c = engine.connect();
        c.exec_driver_sql("DROP TABLE IF EXISTS retry_rows");
        c.exec_driver_sql("CREATE TABLE retry_rows (id INTEGER PRIMARY KEY, v INTEGER NOT NULL) ENGINE=InnoDB");
        c.exec_driver_sql("INSERT INTO retry_rows VALUES (1, 0), (2, 0)");
        c.commit();
    }
    std::atomic<int> attempts{0};
    std::promise<void> first_locked_a, first_locked_b;
    auto locked_a = first_locked_a.get_future().share();
    auto locked_b = first_locked_b.get_future().share();
    std::atomic<bool> signalled_a{false}, signalled_b{false};
    auto unit = [&](int first, int second, std::promise<void>& mine, std::atomic<bool>& signalled,
                    std::shared_future<void> theirs) {
        engine.transaction(
            [&](sqla::Connection& c) {
                ++attempts;
                c.exec_driver_sql("SET SESSION innodb_lock_wait_timeout = 20");
                c.exec_driver_sql("UPDATE retry_rows SET v = v + 1 WHERE id = " + std::to_string(first));
                if (!signalled.exchange(true)) {
                    // First attempt: wait (bounded) until the other holds its first row too.
                    mine.set_value();
                    (void)theirs.wait_for(10s);
                }
                c.exec_driver_sql("UPDATE retry_rows SET v = v + 1 WHERE id = " + std::to_string(second));
            },
            no_wait);
    };
    auto a = std::async(std::launch::async, [&] { unit(1, 2, first_locked_a, signalled_a, locked_b); });
    auto b = std::async(std::launch::async, [&] { unit(2, 1, first_locked_b, signalled_b, locked_a); });
    EXPECT_NO_THROW(a.get());
    EXPECT_NO_THROW(b.get());
    EXPECT_EQ(attempts.load(), 3);  // two first attempts, one rerun of the deadlock's victim
    auto c = engine.connect();
    EXPECT_EQ(c.exec_driver_sql("SELECT v FROM retry_rows WHERE id = 1").scalar<int>(), 2);
    EXPECT_EQ(c.exec_driver_sql("SELECT v FROM retry_rows WHERE id = 2").scalar<int>(), 2);
    c.exec_driver_sql("DROP TABLE retry_rows");
    c.commit();
}

}  // namespace
