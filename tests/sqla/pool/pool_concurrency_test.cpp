// sqla: tests/sqla/pool/pool_concurrency_test.cpp. 16 threads doing 1,000 checkouts each on a
// QueuePool of 5 with overflow 5, on real SQLite connections. Built and run under
// ThreadSanitizer too (scripts/test.sh, the tsan preset).
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

import sqla;

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

fs::path temp_db(std::string_view name) {
    auto path = fs::temp_directory_path() / ("sqla_pool_concurrency_" + std::string(name) + "_" +
                                             std::to_string(::getpid()) + ".db");
    fs::remove(path);
    return path;
}

}  // namespace

TEST(PoolConcurrency, SixteenThreadsThousandCheckoutsEach) {
    const auto path = temp_db("checkouts");
    constexpr int threads = 16;
    constexpr int per_thread = 1000;
    auto engine = sqla::create_engine("sqlite:///" + path.string(),
                                      {.pool_size = 5, .max_overflow = 5, .pool_timeout = 60s});
    std::atomic<int> in_use{0};
    std::atomic<int> most_in_use{0};
    std::atomic<int> checkout_events{0};
    std::atomic<int> checkin_events{0};
    engine.events().checkout.listen([&](sqla::PoolEvent&) { checkout_events.fetch_add(1); });
    engine.events().checkin.listen([&](sqla::PoolEvent&) { checkin_events.fetch_add(1); });
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                try {
                    auto conn = engine.connect();
                    const int now = in_use.fetch_add(1) + 1;
                    int seen = most_in_use.load();
                    while (now > seen && !most_in_use.compare_exchange_weak(seen, now)) {
                    }
                    // Every 50th checkout runs a statement, so connections do real work.
                    if (i % 50 == 0 && conn.execute(sqla::text("SELECT :v"), {{"v", t}}).scalar<int>() != t)
                        failures.fetch_add(1);
                    in_use.fetch_sub(1);
                } catch (const std::exception&) {
                    failures.fetch_add(1);
                }
            }
        });
    for (auto& w : workers) w.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_LE(most_in_use.load(), 10);  // pool_size + max_overflow
    const auto s = engine.pool().statistics();
    EXPECT_EQ(s.checkouts, static_cast<std::uint64_t>(threads * per_thread));
    EXPECT_EQ(s.checkins, s.checkouts);
    EXPECT_EQ(s.checked_out, 0u);  // no leaked connection
    EXPECT_EQ(s.open, s.checked_in);
    EXPECT_LE(s.open, 5u);  // overflow connections were closed on return
    EXPECT_EQ(s.open, s.connects - s.closes);
    EXPECT_LE(s.connects, 10u + s.closes);
    EXPECT_EQ(s.timeouts, 0u);
    EXPECT_EQ(checkout_events.load(), threads * per_thread);
    EXPECT_EQ(checkin_events.load(), threads * per_thread);
    engine.dispose();
    EXPECT_EQ(engine.pool().statistics().open, 0u);
    fs::remove(path);
}

TEST(PoolConcurrency, ExhaustedPoolTimesOutWhileOthersHoldConnections) {
    const auto path = temp_db("exhaust");
    auto engine = sqla::create_engine("sqlite:///" + path.string(),
                                      {.pool_size = 2, .max_overflow = 0, .pool_timeout = 100ms});
    std::atomic<int> timeouts{0};
    std::atomic<int> served{0};
    std::vector<sqla::Connection> held;
    held.push_back(engine.connect());
    held.push_back(engine.connect());
    std::vector<std::thread> waiters;
    for (int t = 0; t < 4; ++t)
        waiters.emplace_back([&] {
            try {
                auto conn = engine.connect();
                served.fetch_add(1);
            } catch (const sqla::TimeoutError&) {
                timeouts.fetch_add(1);
            }
        });
    for (auto& w : waiters) w.join();
    EXPECT_EQ(timeouts.load(), 4);
    EXPECT_EQ(served.load(), 0);
    held.clear();
    const auto s = engine.pool().statistics();
    EXPECT_EQ(s.timeouts, 4u);
    EXPECT_EQ(s.checked_out, 0u);
    EXPECT_EQ(s.checked_in, 2u);
    fs::remove(path);
}
