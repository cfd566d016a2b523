// sqla: tests/sqla/engine/transaction_test.cpp. begin(), begin_nested() savepoints, engine.begin(),
// RAII rollback, isolation levels (AUTOCOMMIT included) and execution options, on SQLite files.
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

class TransactionTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = fs::temp_directory_path() /
                ("sqla_transaction_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++) + ".db");
        fs::remove(path_);
        engine_ = sqla::create_engine("sqlite:///" + path_.string());
        auto conn = engine_->connect();
        conn.execute(sqla::text("CREATE TABLE t (x INTEGER)"));
        conn.commit();
    }
    void TearDown() override {
        engine_.reset();
        fs::remove(path_);
    }
    // The rows committed, as another connection sees them.
    std::vector<int> committed() {
        auto conn = engine_->connect();
        return conn.execute(sqla::text("SELECT x FROM t ORDER BY x")).scalars<int>().all();
    }
    static void insert(sqla::Connection& conn, int x) { conn.execute(sqla::text("INSERT INTO t VALUES (:x)"), {{"x", x}}); }

    static inline int counter_ = 0;
    fs::path path_;
    std::optional<sqla::Engine> engine_;
};

using Ints = std::vector<int>;

}  // namespace

TEST_F(TransactionTest, BeginAndCommit) {
    auto conn = engine_->connect();
    auto tx = conn.begin();
    EXPECT_TRUE(tx.is_active());
    EXPECT_FALSE(tx.is_nested());
    insert(conn, 1);
    tx.commit();
    EXPECT_FALSE(tx.is_active());
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(committed(), Ints{1});
    EXPECT_THROW(tx.commit(), sqla::InvalidRequestError);
}

TEST_F(TransactionTest, UnfinishedTransactionRollsBackAtScopeExit) {
    auto conn = engine_->connect();
    {
        auto tx = conn.begin();
        insert(conn, 1);
    }
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(committed(), Ints{});
}

TEST_F(TransactionTest, BeginTwiceIsAnInvalidRequest) {
    auto conn = engine_->connect();
    insert(conn, 1);  // autobegins
    EXPECT_THROW((void)conn.begin(), sqla::InvalidRequestError);
    conn.commit();
    auto tx = conn.begin();
    EXPECT_TRUE(tx.is_active());
}

TEST_F(TransactionTest, ExceptionInsideATransactionBlockWritesNothing) {
    auto conn = engine_->connect();
    EXPECT_THROW(conn.begin([&](sqla::Connection& c) {
        insert(c, 1);
        insert(c, 2);
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(committed(), Ints{});
    // The same block without the exception commits, and returns what the body returns.
    const int n = conn.begin([&](sqla::Connection& c) {
        insert(c, 3);
        return 7;
    });
    EXPECT_EQ(n, 7);
    EXPECT_EQ(committed(), Ints{3});
}

TEST_F(TransactionTest, EngineBeginCommitsOrRollsBack) {
    engine_->begin([&](sqla::Connection& c) { insert(c, 1); });
    EXPECT_EQ(committed(), Ints{1});
    EXPECT_THROW(engine_->begin([&](sqla::Connection& c) {
        insert(c, 2);
        // A database error inside the block: nothing of the block is kept.
        c.execute(sqla::text("INSERT INTO no_such_table VALUES (1)"));
    }),
                 sqla::OperationalError);
    EXPECT_EQ(committed(), Ints{1});
    EXPECT_EQ(engine_->pool().statistics().checked_out, 0u);
}

TEST_F(TransactionTest, InnerSavepointRollbackKeepsOuterWork) {
    auto conn = engine_->connect();
    auto tx = conn.begin();
    insert(conn, 1);
    {
        auto sp = conn.begin_nested();
        EXPECT_TRUE(sp.is_nested());
        EXPECT_EQ(sp.savepoint_name(), "sa_savepoint_1");
        EXPECT_TRUE(conn.in_nested_transaction());
        insert(conn, 2);
        sp.rollback();
        EXPECT_FALSE(sp.is_active());
    }
    insert(conn, 3);
    tx.commit();
    EXPECT_EQ(committed(), (Ints{1, 3}));
}

TEST_F(TransactionTest, SavepointsNestSeveralDeep) {
    auto conn = engine_->connect();
    insert(conn, 1);
    auto sp1 = conn.begin_nested();
    insert(conn, 2);
    auto sp2 = conn.begin_nested();
    insert(conn, 3);
    auto sp3 = conn.begin_nested();
    insert(conn, 4);
    EXPECT_EQ(sp3.savepoint_name(), "sa_savepoint_3");
    sp3.commit();  // RELEASE: 4 stays with sp2
    sp2.rollback();  // back to before 3 (and 4)
    EXPECT_FALSE(sp3.is_active());
    EXPECT_TRUE(sp1.is_active());
    insert(conn, 5);
    sp1.commit();
    conn.commit();
    EXPECT_EQ(committed(), (Ints{1, 2, 5}));
}

TEST_F(TransactionTest, RollingBackAnOuterSavepointEndsTheInnerOnes) {
    auto conn = engine_->connect();
    auto sp1 = conn.begin_nested();  // autobegins the transaction first
    EXPECT_TRUE(conn.in_transaction());
    insert(conn, 1);
    auto sp2 = conn.begin_nested();
    insert(conn, 2);
    sp1.rollback();
    EXPECT_FALSE(sp2.is_active());
    EXPECT_FALSE(conn.in_nested_transaction());
    insert(conn, 3);
    conn.commit();
    EXPECT_EQ(committed(), Ints{3});
}

TEST_F(TransactionTest, ExceptionInsideASavepointBlockRollsBackOnlyTheSavepoint) {
    auto conn = engine_->connect();
    conn.begin([&](sqla::Connection& c) {
        insert(c, 1);
        try {
            c.begin_nested([&](sqla::Connection& inner) {
                insert(inner, 2);
                throw std::runtime_error("inner failure");
            });
        } catch (const std::runtime_error&) {
        }
        c.begin_nested([&](sqla::Connection& inner) { insert(inner, 3); });
    });
    EXPECT_EQ(committed(), (Ints{1, 3}));
}

TEST_F(TransactionTest, CommitOfTheConnectionEndsItsSavepoints) {
    auto conn = engine_->connect();
    auto sp = conn.begin_nested();
    insert(conn, 1);
    conn.commit();
    EXPECT_FALSE(sp.is_active());
    EXPECT_EQ(committed(), Ints{1});
}

TEST_F(TransactionTest, IsolationLevelPerConnectionIsResetOnReturn) {
    auto conn = engine_->connect();
    EXPECT_EQ(conn.default_isolation_level(), "SERIALIZABLE");
    EXPECT_EQ(conn.get_isolation_level(), "SERIALIZABLE");
    conn.execution_options({.isolation_level = "read_uncommitted"});
    EXPECT_EQ(conn.get_isolation_level(), "READ UNCOMMITTED");
    EXPECT_EQ(conn.get_execution_options().isolation_level, "READ UNCOMMITTED");
    const auto record = conn.connection_record().id();
    conn.close();
    auto again = engine_->connect();
    ASSERT_EQ(again.connection_record().id(), record);  // the same driver connection, reset
    EXPECT_EQ(again.get_isolation_level(), "SERIALIZABLE");
}

TEST_F(TransactionTest, UnknownIsolationLevelNamesTheValidOnes) {
    auto conn = engine_->connect();
    try {
        conn.execution_options({.isolation_level = "REPEATABLE READ"});
        FAIL() << "expected ArgumentError";
    } catch (const sqla::ArgumentError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("REPEATABLE READ"), std::string::npos) << m;
        EXPECT_NE(m.find("READ UNCOMMITTED, SERIALIZABLE, AUTOCOMMIT"), std::string::npos) << m;
    }
    EXPECT_THROW((void)sqla::create_engine("sqlite://", {.isolation_level = "SNAPSHOT"}), sqla::ArgumentError);
}

TEST_F(TransactionTest, IsolationLevelCannotChangeInsideATransaction) {
    auto conn = engine_->connect();
    insert(conn, 1);
    EXPECT_THROW(conn.execution_options({.isolation_level = "AUTOCOMMIT"}), sqla::InvalidRequestError);
    EXPECT_THROW((void)conn.execute(sqla::text("SELECT 1"), {.isolation_level = "AUTOCOMMIT"}), sqla::ArgumentError);
}

TEST_F(TransactionTest, AutocommitEngineCommitsEachStatement) {
    auto autocommit = engine_->execution_options({.isolation_level = "AUTOCOMMIT"});
    {
        auto conn = autocommit.connect();
        EXPECT_EQ(conn.get_isolation_level(), "AUTOCOMMIT");
        insert(conn, 1);
        // No commit(): the statement committed by itself, and close() has nothing to undo.
        EXPECT_EQ(committed(), Ints{1});
        conn.rollback();
    }
    EXPECT_EQ(committed(), Ints{1});
    // The shared pool's connection went back at the engine's default level.
    auto conn = engine_->connect();
    EXPECT_EQ(conn.get_isolation_level(), "SERIALIZABLE");
    insert(conn, 2);
    conn.rollback();
    EXPECT_EQ(committed(), Ints{1});
}

TEST_F(TransactionTest, CompiledCacheOptionBypassesTheCache) {
    auto conn = engine_->connect();
    const auto before = engine_->compiled_cache_size();
    (void)conn.execute(sqla::select(sqla::literal(1)), {.compiled_cache = false}).all();
    EXPECT_EQ(engine_->compiled_cache_size(), before);
    (void)conn.execute(sqla::select(sqla::literal(1))).all();
    EXPECT_EQ(engine_->compiled_cache_size(), before + 1);
    conn.execution_options({.compiled_cache = false});
    (void)conn.execute(sqla::select(sqla::literal(2), sqla::literal(3))).all();
    EXPECT_EQ(engine_->compiled_cache_size(), before + 1);
}
