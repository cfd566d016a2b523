// sqla: benchmarks/workload.hpp. The workloads the live-server benchmarks share: the 100,000
// records, their checksum, the lookup keys, the server from the environment, and sqla's side of
// the bulk insert and the fetch (the raw side is each client library's own).
// SPDX-License-Identifier: MIT
//
// Include after <benchmark/benchmark.h>, the std headers and `import sqla;`.
#pragma once

namespace sqla_bench {

constexpr int rows = 100'000;
constexpr int lookups = 10'000;
constexpr int single_rows = 2'000;  // single_inserts: each row its own transaction
constexpr int per_batch = 1000;  // rows per multi-row VALUES statement, as insertmanyvalues sends

struct Record {
    std::int64_t id;
    std::string name;
    double value;
};

inline std::vector<Record> make_records() {
    std::vector<Record> out;
    out.reserve(rows);
    for (int i = 1; i <= rows; ++i) out.push_back(Record{i, "customer name " + std::to_string(i), i * 0.25});
    return out;
}

inline std::int64_t checksum(const Record& r) {
    return r.id + static_cast<std::int64_t>(r.name.size()) + static_cast<std::int64_t>(r.value);
}

// The n-th key of an iteration: 10,000 distinct ids spread over the table (7919 is prime to
// 100,000), the same on both sides, so the checksums (of the last iteration) agree.
inline std::int64_t lookup_key(int n) { return std::int64_t{n} * 7919 % rows + 1; }

// Runs `body` with the URL in environment variable `variable`; without one, or when it throws,
// the benchmark is skipped with the reason.
template <class F>
void with_server(benchmark::State& state, const char* variable, F&& body) {
    const char* url = std::getenv(variable);
    if (!url || !*url) {
        state.SkipWithError((std::string(variable) + " is not set (scripts/bench.sh sets it)").c_str());
        return;
    }
    try {
        body(std::string(url));
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

// sqla's bulk insert: the records through executemany of `stmt`, committed, each iteration on
// a table `recreate` makes anew outside the timing. Throws when the rowcount is not 100,000.
template <class Recreate>
void insert_records(benchmark::State& state, const std::string& url, const sqla::Executable& stmt, Recreate&& recreate) {
    std::vector<sqla::Params> params;
    params.reserve(rows);
    for (const auto& r : make_records()) params.push_back({{"id", r.id}, {"name", r.name}, {"value", r.value}});
    auto engine = sqla::create_engine(url);
    auto conn = engine.connect();
    std::int64_t inserted = 0;
    for (auto _ : state) {
        state.PauseTiming();
        recreate();
        state.ResumeTiming();
        inserted = conn.execute(stmt, params).rowcount();
        conn.commit();
    }
    if (inserted != rows) throw std::runtime_error("rowcount " + std::to_string(inserted) + ", not 100000");
}

// sqla's single_inserts: the first single_rows records, each inserted with insert(table) and
// committed by itself, on a table `recreate` makes anew outside the timing.
template <class Recreate>
void insert_singly(benchmark::State& state, const std::string& url, const sqla::Table& table, Recreate&& recreate) {
    const auto records = make_records();
    auto engine = sqla::create_engine(url);
    auto conn = engine.connect();
    for (auto _ : state) {
        state.PauseTiming();
        recreate();
        state.ResumeTiming();
        for (int i = 0; i < single_rows; ++i) {
            const auto& r = records[static_cast<std::size_t>(i)];
            conn.execute(sqla::insert(table), {{"id", r.id}, {"name", r.name}, {"value", r.value}});
            conn.commit();
        }
    }
}

// sqla's fetch: every row of `stmt` read into a Record, per iteration.
inline void fetch_records(benchmark::State& state, sqla::Connection& conn, const sqla::Executable& stmt) {
    std::int64_t sum = 0;
    for (auto _ : state) {
        std::vector<Record> out;
        for (const sqla::Row& row : conn.execute(stmt))
            out.push_back(Record{row.get<std::int64_t>(0), row.get<std::string>(1), row.get<double>(2)});
        sum = 0;
        for (const auto& r : out) sum += checksum(r);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["checksum"] = static_cast<double>(sum);
    state.SetItemsProcessed(state.iterations() * rows);
}

}  // namespace sqla_bench
