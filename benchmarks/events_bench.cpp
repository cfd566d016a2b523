// sqla: benchmarks/events_bench.cpp. What events cost: a cached SELECT executed with no listener
// and with no-op listeners on the four execute events, beside raw sqlite3 doing the same job;
// and the firing of one event alone, with no listener and with one.
// SPDX-License-Identifier: MIT
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>

import sqla;

namespace {

void select_raw(benchmark::State& state) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT ? AS x", -1, &st, nullptr);
    std::int64_t i = 0;
    for (auto _ : state) {
        sqlite3_bind_int64(st, 1, i++);
        if (sqlite3_step(st) != SQLITE_ROW) throw std::runtime_error("no row");
        benchmark::DoNotOptimize(sqlite3_column_int64(st, 0));
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

void select_sqla(benchmark::State& state, bool listened) {
    auto engine = sqla::create_engine("sqlite://");
    std::int64_t calls = 0;
    if (listened) {
        engine.events().before_execute.listen([&](sqla::ExecuteEvent&) { ++calls; });
        engine.events().after_execute.listen([&](sqla::ExecuteEvent&) { ++calls; });
        engine.events().before_cursor_execute.listen([&](sqla::CursorExecuteEvent&) { ++calls; });
        engine.events().after_cursor_execute.listen([&](sqla::CursorExecuteEvent&) { ++calls; });
    }
    auto conn = engine.connect();
    const auto stmt = sqla::text("SELECT :x AS x");
    std::int64_t i = 0;
    for (auto _ : state) {
        auto r = conn.execute(stmt, {{"x", i++}});
        benchmark::DoNotOptimize(r.scalar<std::int64_t>());
    }
    benchmark::DoNotOptimize(calls);
}

void select_sqla_quiet(benchmark::State& state) { select_sqla(state, false); }
void select_sqla_listened(benchmark::State& state) { select_sqla(state, true); }

// The cost of firing one event, apart from any statement.
void fire(benchmark::State& state, bool listened) {
    sqla::Event<int> event;
    std::int64_t calls = 0;
    if (listened) event.listen([&](int&) { ++calls; });
    int arg = 0;
    for (auto _ : state) {
        event(arg);
        benchmark::ClobberMemory();
    }
    benchmark::DoNotOptimize(calls);
}

void fire_no_listener(benchmark::State& state) { fire(state, false); }
void fire_one_listener(benchmark::State& state) { fire(state, true); }

}  // namespace

BENCHMARK(select_raw)->Name("select_no_listeners/raw");
BENCHMARK(select_sqla_quiet)->Name("select_no_listeners/sqla");
BENCHMARK(select_raw)->Name("select_four_noop_listeners/raw");
BENCHMARK(select_sqla_listened)->Name("select_four_noop_listeners/sqla");
BENCHMARK(fire_no_listener)->Name("event_fire_no_listener");
BENCHMARK(fire_one_listener)->Name("event_fire_one_listener");
