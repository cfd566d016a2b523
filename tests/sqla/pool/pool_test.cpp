// sqla: tests/sqla/pool/pool_test.cpp. QueuePool, NullPool and StaticPool on real SQLite
// connections: sizes, overflow, timeout, LIFO, recycle, pre-ping, dispose, events, statistics.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

import sqla;

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

class TempDb {
public:
    TempDb() {
        path_ = fs::temp_directory_path() /
                ("sqla_pool_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++) + ".db");
        fs::remove(path_);
    }
    ~TempDb() { fs::remove(path_); }
    std::string url() const { return "sqlite:///" + path_.string(); }

private:
    static inline int counter_ = 0;
    fs::path path_;
};

}  // namespace

TEST(QueuePool, DefaultsAreSqlalchemys) {
    TempDb db;
    auto engine = sqla::create_engine(db.url());
    auto& pool = dynamic_cast<sqla::QueuePool&>(engine.pool());
    EXPECT_EQ(pool.queue_options().pool_size, 5u);
    EXPECT_EQ(pool.queue_options().max_overflow, 10);
    EXPECT_EQ(pool.queue_options().timeout, 30s);
    EXPECT_FALSE(pool.queue_options().use_lifo);
}

TEST(QueuePool, KeepsPoolSizeIdleAndClosesOverflowOnReturn) {
    TempDb db;
    auto engine = sqla::create_engine(db.url(), {.pool_size = 2, .max_overflow = 2});
    {
        std::vector<sqla::Connection> held;
        for (int i = 0; i < 4; ++i) held.push_back(engine.connect());
        auto s = engine.pool().statistics();
        EXPECT_EQ(s.open, 4u);
        EXPECT_EQ(s.checked_out, 4u);
        EXPECT_EQ(s.overflow, 2);
        EXPECT_EQ(engine.pool().status(),
                  "Pool size: 2  Connections in pool: 0 Current Overflow: 2 Current Checked out connections: 4");
    }
    auto s = engine.pool().statistics();
    EXPECT_EQ(s.open, 2u);  // the two overflow connections were closed
    EXPECT_EQ(s.checked_in, 2u);
    EXPECT_EQ(s.checked_out, 0u);
    EXPECT_EQ(s.connects, 4u);
    EXPECT_EQ(s.closes, 2u);
    // The idle ones are reused: no new connection for the next checkouts.
    { auto a = engine.connect(), b = engine.connect(); }
    EXPECT_EQ(engine.pool().statistics().connects, 4u);
}

TEST(QueuePool, ExhaustionRaisesTimeoutErrorNamingTheLimits) {
    TempDb db;
    auto engine = sqla::create_engine(db.url(), {.pool_size = 1, .max_overflow = 1, .pool_timeout = 200ms});
    auto a = engine.connect();
    auto b = engine.connect();
    const auto started = std::chrono::steady_clock::now();
    try {
        (void)engine.connect();
        FAIL() << "expected TimeoutError";
    } catch (const sqla::exc::TimeoutError& e) {
        const auto waited = std::chrono::steady_clock::now() - started;
        EXPECT_GE(waited, 200ms);
        EXPECT_LT(waited, 10s);  // it gave up rather than waiting forever
        const std::string message = e.what();
        EXPECT_NE(message.find("QueuePool limit of size 1 overflow 1 reached"), std::string::npos) << message;
        EXPECT_NE(message.find("timeout 0.20"), std::string::npos) << message;
        EXPECT_NE(message.find("pool_size"), std::string::npos) << message;
    }
    EXPECT_EQ(engine.pool().statistics().timeouts, 1u);
    // A returned connection satisfies a waiting checkout.
    std::thread returner([&] {
        std::this_thread::sleep_for(50ms);
        a.close();
    });
    auto engine_timeout_long = engine.connect();  // pool_timeout 200 ms; the return comes at ~50 ms
    returner.join();
    EXPECT_FALSE(engine_timeout_long.closed());
}

TEST(QueuePool, UnlimitedOverflow) {
    TempDb db;
    auto engine = sqla::create_engine(db.url(), {.pool_size = 1, .max_overflow = -1});
    std::vector<sqla::Connection> held;
    for (int i = 0; i < 20; ++i) held.push_back(engine.connect());
    EXPECT_EQ(engine.pool().statistics().open, 20u);
}

TEST(QueuePool, FifoByDefaultLifoWhenAsked) {
    for (bool lifo : {false, true}) {
        TempDb db;
        auto engine = sqla::create_engine(db.url(), {.pool_size = 3, .pool_use_lifo = lifo});
        std::uint64_t first = 0, second = 0;
        {
            auto a = engine.connect();
            auto b = engine.connect();
            first = a.connection_record().id();
            second = b.connection_record().id();
            a.close();  // returned first
            b.close();  // returned last
        }
        auto c = engine.connect();
        EXPECT_EQ(c.connection_record().id(), lifo ? second : first) << (lifo ? "LIFO" : "FIFO");
    }
}

TEST(QueuePool, RecycleReplacesOldConnections) {
    TempDb db;
    auto engine = sqla::create_engine(db.url(), {.pool_recycle = 50ms});
    std::uint64_t first = 0;
    { first = engine.connect().connection_record().id(); }
    { EXPECT_EQ(engine.connect().connection_record().id(), first); }
    std::this_thread::sleep_for(80ms);
    auto conn = engine.connect();
    EXPECT_NE(conn.connection_record().id(), first);
    EXPECT_EQ(engine.pool().statistics().closes, 1u);
}

TEST(QueuePool, PrePingReplacesADeadConnection) {
    TempDb db;
    std::vector<std::string> invalidated;
    auto engine = sqla::create_engine(db.url(), {.pool_pre_ping = true});
    engine.events().invalidate.listen([&](sqla::PoolInvalidateEvent& e) {
        invalidated.push_back(e.error ? e.error->what() : "");
    });
    sqla::ConnectionRecord* idle = nullptr;
    engine.events().checkin.listen([&](sqla::PoolEvent& e) { idle = &e.record; });
    std::uint64_t first = 0;
    {
        auto conn = engine.connect();
        first = conn.connection_record().id();
    }
    // The idle connection dies behind the pool's back (as when a server restarts): its SQLite
    // handle is closed through the record the pool keeps.
    ASSERT_NE(idle, nullptr);
    idle->driver_connection().close();
    auto conn = engine.connect();  // the ping fails; a new connection takes its place
    EXPECT_NE(conn.connection_record().id(), first);
    EXPECT_EQ(conn.execute(sqla::text("SELECT 1")).scalar<int>(), 1);
    ASSERT_EQ(invalidated.size(), 1u);
    EXPECT_NE(invalidated[0].find("pre-ping"), std::string::npos);
    // Without pre-ping the dead connection would have been handed out.
}

TEST(QueuePool, DisposeClosesIdleAndRetiresCheckedOutOnReturn) {
    TempDb db;
    auto engine = sqla::create_engine(db.url(), {.pool_size = 3});
    auto held = engine.connect();
    { auto a = engine.connect(), b = engine.connect(); }
    EXPECT_EQ(engine.pool().statistics().open, 3u);
    engine.dispose();
    EXPECT_EQ(engine.pool().statistics().open, 1u);  // only the checked-out one is left
    held.close();                                     // made before dispose(): closed, not kept
    EXPECT_EQ(engine.pool().statistics().open, 0u);
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(sqla::text("SELECT 2")).scalar<int>(), 2);
}

TEST(QueuePool, ResetOnReturnRollsBackWorkLeftInTheDriverConnection) {
    TempDb db;
    auto engine = sqla::create_engine(db.url(), {.pool_size = 1});
    {
        auto conn = engine.connect();
        conn.execute(sqla::text("CREATE TABLE t (x INTEGER)"));
        conn.commit();
    }
    std::vector<bool> resets;
    engine.events().reset.listen([&](sqla::PoolResetEvent& e) { resets.push_back(e.transaction_was_reset); });
    {
        // Work done on the driver connection directly, behind the Connection's back.
        auto record = engine.pool().checkout();
        auto& dbapi = record->driver_connection();
        dbapi.begin();
        std::vector<sqla::Value> none;
        dbapi.execute(sqla::DriverStatement{"INSERT INTO t VALUES (1)"}, none, {})->close();
        engine.pool().checkin(std::move(record));  // rollback-on-return
    }
    ASSERT_EQ(resets.size(), 1u);
    EXPECT_FALSE(resets[0]);
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM t")).scalar<int>(), 0);
}

TEST(QueuePool, CheckoutListenerCanRejectAConnection) {
    TempDb db;
    auto engine = sqla::create_engine(db.url());
    int calls = 0;
    auto id = engine.events().checkout.listen([&](sqla::PoolEvent&) {
        if (++calls == 1) throw sqla::DisconnectionError("stale, try another");
    });
    auto conn = engine.connect();  // the first connection was discarded, the second taken
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(engine.pool().statistics().invalidations, 1u);
    conn.close();
    // Rejecting every connection gives up after three attempts.
    engine.events().checkout.remove(id);
    engine.events().checkout.listen([](sqla::PoolEvent&) { throw sqla::DisconnectionError("never"); });
    EXPECT_THROW((void)engine.connect(), sqla::DisconnectionError);
    EXPECT_EQ(engine.pool().statistics().checked_out, 0u);
}

TEST(QueuePool, ConnectFailureFreesTheSlot) {
    auto engine = sqla::create_engine("sqlite:////nonexistent-dir/x.db", {.pool_size = 1, .max_overflow = 0,
                                                                          .pool_timeout = 100ms});
    for (int i = 0; i < 3; ++i) EXPECT_THROW((void)engine.connect(), sqla::OperationalError);
    auto s = engine.pool().statistics();
    EXPECT_EQ(s.open, 0u);
    EXPECT_EQ(s.timeouts, 0u);  // a failed connect gives its slot back
}

TEST(PoolOptions, QueuePoolArgumentsAreRejectedForOtherPools) {
    try {
        (void)sqla::create_engine("sqlite://", {.pool_size = 3});
        FAIL() << "expected ArgumentError";
    } catch (const sqla::ArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("pool_size"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("StaticPool"), std::string::npos) << e.what();
    }
}

TEST(NullPool, OpensAndClosesPerCheckout) {
    TempDb db;
    auto engine = sqla::create_engine(db.url(), {.poolclass = sqla::PoolClass::null_pool});
    for (int i = 0; i < 3; ++i) {
        auto conn = engine.connect();
        EXPECT_EQ(conn.execute(sqla::text("SELECT 1")).scalar<int>(), 1);
    }
    auto s = engine.pool().statistics();
    EXPECT_EQ(s.connects, 3u);
    EXPECT_EQ(s.closes, 3u);
    EXPECT_EQ(s.open, 0u);
}

TEST(StaticPool, SharesOneConnection) {
    auto engine = sqla::create_engine("sqlite://");
    auto a = engine.connect();
    auto b = engine.connect();
    EXPECT_EQ(&a.driver_connection(), &b.driver_connection());
    EXPECT_EQ(engine.pool().statistics().connects, 1u);
}

TEST(PoolEcho, LogsCheckoutsAndCheckins) {
    TempDb db;
    std::vector<std::string> lines;
    auto engine = sqla::create_engine(
        db.url(), {.echo_pool = true, .log = [&](std::string_view line) { lines.emplace_back(line); }});
    { auto conn = engine.connect(); }
    auto has = [&](std::string_view what) {
        for (const auto& l : lines)
            if (l.find(what) != std::string::npos) return true;
        return false;
    };
    EXPECT_TRUE(has("created new connection #"));
    EXPECT_TRUE(has("checked out from pool"));
    EXPECT_TRUE(has("being returned to pool"));
}
