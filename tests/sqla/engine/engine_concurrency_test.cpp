// sqla: tests/sqla/engine/engine_concurrency_test.cpp. The thread-safety model under contention:
// plugins loaded by several threads at once, one Engine shared by many threads (pool, compiled
// cache, events), and the misuse check that stops two threads using one Connection at the same
// time. Built and run under ThreadSanitizer too (scripts/test.sh, the tsan preset).
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <barrier>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

import sqla;

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

fs::path temp_db(std::string_view name) {
    auto path = fs::temp_directory_path() /
                ("sqla_engine_concurrency_" + std::string(name) + "_" + std::to_string(::getpid()) + ".db");
    fs::remove(path);
    return path;
}

// Runs `body(thread_index)` on `n` threads released together, and joins them.
template <class Body>
void on_threads(int n, Body body) {
    std::barrier start(n);
    std::vector<std::thread> threads;
    for (int t = 0; t < n; ++t)
        threads.emplace_back([&, t] {
            start.arrive_and_wait();
            body(t);
        });
    for (auto& th : threads) th.join();
}

}  // namespace

// The first use of each plugin in this process happens on eight threads at once: each library
// is opened once, and every thread gets its dialect.
TEST(EngineConcurrency, PluginsLoadFromManyThreadsAtOnce) {
    constexpr int threads = 8;
    const std::string names[] = {"sqlite", "postgresql", "mysql"};
    std::vector<std::shared_ptr<sqla::Dialect>> got(threads * 3);
    std::atomic<int> failures{0};
    on_threads(threads, [&](int t) {
        try {
            for (int k = 0; k < 3; ++k) {
                const auto& name = names[(t + k) % 3];  // threads start on different plugins
                got[t * 3 + (t + k) % 3] = sqla::registry().dialect(name);
            }
            auto engine = sqla::create_engine("sqlite://");
            auto conn = engine.connect();
            if (conn.execute(sqla::text("SELECT :t"), {{"t", t}}).scalar<int>() != t) failures.fetch_add(1);
        } catch (const std::exception& e) {
            ADD_FAILURE() << e.what();
            failures.fetch_add(1);
        }
    });
    EXPECT_EQ(failures.load(), 0);
    for (int t = 0; t < threads; ++t)
        for (int k = 0; k < 3; ++k) {
            ASSERT_NE(got[t * 3 + k], nullptr);
            EXPECT_EQ(got[t * 3 + k]->name(), names[k]);
        }
    const auto plugins = sqla::registry().plugins();
    for (const auto& name : names) {
        int loaded = 0;
        for (const auto& p : plugins)
            if (p.manifest && p.manifest->name == name && p.loaded) ++loaded;
        EXPECT_EQ(loaded, 1) << name;
    }
}

// Eight threads share one Engine on a SQLite file: each inserts its rows in transactions
// through statements that hit (and, with a cache of 4 entries, evict from) the compiled cache
// while the others do the same, and reads them back. Every row arrives, once.
TEST(EngineConcurrency, ThreadsShareAnEngineItsPoolAndItsCache) {
    const auto path = temp_db("shared");
    auto engine = sqla::create_engine("sqlite:///" + path.string(),
                                      {.pool_size = 4, .max_overflow = 2, .pool_timeout = 60s, .query_cache_size = 4});
    sqla::MetaData metadata;
    sqla::Table rows{metadata, "rows", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                     sqla::Column{"worker", sqla::Integer{}}, sqla::Column{"n", sqla::Integer{}},
                     sqla::Column{"label", sqla::String{40}}};
    metadata.create_all(engine);
    // Readers and the writer do not block each other in WAL mode; writers take turns (the
    // driver's busy timeout waits for the lock).
    engine.connect().execution_options({.isolation_level = "AUTOCOMMIT"}).exec_driver_sql("PRAGMA journal_mode=WAL");
    std::atomic<int> executes{0};
    engine.events().before_cursor_execute.listen([&](sqla::CursorExecuteEvent&) { executes.fetch_add(1); });

    constexpr int threads = 8;
    constexpr int batches = 25;
    constexpr int per_batch = 4;
    std::atomic<int> failures{0};
    on_threads(threads, [&](int t) {
        try {
            for (int b = 0; b < batches; ++b) {
                auto conn = engine.connect();
                auto tx = conn.begin();
                for (int i = 0; i < per_batch; ++i) {
                    const int n = b * per_batch + i;
                    conn.execute(sqla::insert(rows), {{"worker", t}, {"n", n}, {"label", "w" + std::to_string(t)}});
                }
                tx.commit();
                // Statements of several shapes, so the small cache keeps evicting.
                const auto mine = conn.execute(sqla::select(sqla::func("count")).select_from(rows).where(rows.c("worker") == t))
                                      .scalar<int>();
                if (mine != (b + 1) * per_batch) failures.fetch_add(1);
                (void)conn.execute(sqla::select(rows.c("label")).where(rows.c("n") == b).limit(1)).all();
                (void)conn.execute(sqla::select(rows.c("id")).where(rows.c("worker") > t).order_by({rows.c("id")}).limit(2)).all();
                (void)conn.execute(sqla::select(sqla::func("max", {rows.c("n")})).where(rows.c("label") == "w0")).all();
                (void)conn.execute(sqla::select(rows.c("worker"), rows.c("n")).where(rows.c("id") == b + t)).all();
            }
        } catch (const std::exception& e) {
            ADD_FAILURE() << "thread " << t << ": " << e.what();
            failures.fetch_add(1);
        }
    });
    EXPECT_EQ(failures.load(), 0);
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(sqla::select(sqla::func("count")).select_from(rows)).scalar<int>(), threads * batches * per_batch);
    EXPECT_EQ(conn.execute(sqla::select(sqla::func("count", {sqla::distinct(rows.c("worker"))})).select_from(rows)).scalar<int>(),
              threads);
    EXPECT_GE(executes.load(), threads * batches * (per_batch + 5));
    conn.close();
    engine.dispose();
    fs::remove(path);
}

// A Connection is for one thread at a time: while one thread is inside execute() (held there
// by a listener), another thread's execute(), fetch or commit on the same Connection throws
// InvalidRequestError instead of racing on the driver connection. Handing the connection to
// another thread between calls is fine.
TEST(EngineConcurrency, OneConnectionUsedByTwoThreadsAtOnceIsRefused) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE t (x INTEGER)"));
    conn.execute(sqla::text("INSERT INTO t VALUES (1), (2), (3)"));
    auto open = conn.execute(sqla::text("SELECT x FROM t ORDER BY x"));  // a result left streaming

    std::promise<void> inside, release;
    auto released = release.get_future().share();
    std::atomic<bool> hold{true};
    engine.events().before_cursor_execute.listen([&](sqla::CursorExecuteEvent&) {
        if (!hold.exchange(false)) return;
        inside.set_value();
        released.wait();
    });
    auto holder = std::async(std::launch::async, [&] { return conn.execute(sqla::text("SELECT 42")).scalar<int>(); });
    inside.get_future().wait();

    auto expect_refused = [](auto&& call, const char* what) {
        try {
            call();
            ADD_FAILURE() << what << " was not refused";
        } catch (const sqla::InvalidRequestError& e) {
            EXPECT_NE(std::string(e.what()).find("in use by another operation"), std::string::npos) << e.what();
        }
    };
    expect_refused([&] { (void)conn.execute(sqla::text("SELECT 1")); }, "execute");
    expect_refused([&] { (void)open.fetchone(); }, "fetching a result of the connection");
    expect_refused([&] { conn.commit(); }, "commit");
    expect_refused([&] { (void)conn.exec_driver_sql("SELECT 1"); }, "exec_driver_sql");
    release.set_value();
    EXPECT_EQ(holder.get(), 42);

    // The holder is done: this thread may use the connection again, and so may another.
    EXPECT_EQ(open.fetchone()->get<int>(0), 1);
    EXPECT_EQ(std::async(std::launch::async, [&] { return conn.execute(sqla::text("SELECT 7")).scalar<int>(); }).get(), 7);
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM t")).scalar<int>(), 3);
}

// A listener that executes on the connection it was called for re-enters on the same thread:
// that is not misuse.
TEST(EngineConcurrency, ListenersMayExecuteOnTheirOwnConnection) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE audit (what TEXT)"));
    bool inside = false;
    int audited = 0;
    const auto id = engine.events().after_execute.listen([&](sqla::ExecuteEvent& e) {
        if (inside) return;
        inside = true;
        e.connection.execute(sqla::text("INSERT INTO audit VALUES ('seen')"));
        ++audited;
        inside = false;
    });
    conn.execute(sqla::text("SELECT 1"));
    conn.execute(sqla::text("SELECT 2"));
    engine.events().after_execute.remove(id);
    EXPECT_EQ(audited, 2);
    EXPECT_EQ(conn.execute(sqla::text("SELECT count(*) FROM audit")).scalar<int>(), 2);
}

namespace {

// The claim follows the operation, not the thread: an operation suspended at a wait (async)
// and resumed on another thread keeps the connection, and any other operation meanwhile is
// refused, even one started on the same thread (another coroutine there).
TEST(EngineConcurrency, TheClaimFollowsTheOperationNotTheThread) {
    sqla::OperationClaim claim;
    claim.enter();  // operation A starts on this thread
    claim.enter();  // a listener inside A executes on the same connection: nested, allowed
    claim.leave();
    claim.suspend();  // A waits for the server
    EXPECT_THROW(claim.enter(), sqla::InvalidRequestError);  // operation B on this thread: refused
    EXPECT_THROW(claim.check(), sqla::InvalidRequestError);  // so is reading a result meanwhile
    std::async(std::launch::async, [&] {
        claim.resume();  // A goes on, on another thread
        claim.check();
        claim.enter();  // nested, on the thread A runs on now
        claim.leave();
        claim.leave();  // A is done
    }).get();
    claim.check();
    claim.enter();  // the connection is free for the next operation, on any thread
    claim.leave();
    EXPECT_THROW(claim.resume(), sqla::InvalidRequestError);  // nothing is suspended
}

}  // namespace
