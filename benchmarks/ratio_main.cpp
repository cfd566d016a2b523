// sqla: benchmarks/ratio_main.cpp. main() for the benchmarks: runs them, then prints a table of
// each `<suite>/<database>/sqla` benchmark beside its `<suite>/<database>/raw` twin measured in
// the same run: the cost per row (or per statement) of each, their ratio, and the heap
// allocations per iteration of each (counted by the operator new below, in a separate run
// Google Benchmark makes for its MemoryManager, so counting never slows a timed run). With
// --benchmark_repetitions the median of the repetitions is used.
// SPDX-License-Identifier: MIT
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <new>
#include <string>
#include <vector>

namespace {

// Heap allocations (operator new, which the C++ code of both sides uses; the C libraries'
// malloc calls are not counted) while a MemoryManager run is on.
std::atomic<bool> counting{false};
std::atomic<std::int64_t> allocations{0};
std::atomic<std::int64_t> allocated_bytes{0};

void* allocate(std::size_t size) {
    if (counting.load(std::memory_order_relaxed)) {
        allocations.fetch_add(1, std::memory_order_relaxed);
        allocated_bytes.fetch_add(static_cast<std::int64_t>(size), std::memory_order_relaxed);
    }
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}

class CountingMemoryManager final : public benchmark::MemoryManager {
public:
    void Start() override {
        allocations = 0;
        allocated_bytes = 0;
        counting = true;
    }
    void Stop(Result* result) override { Stop(*result); }
    void Stop(Result& result) override {
        counting = false;
        result.num_allocs = allocations.load();
        result.total_allocated_bytes = allocated_bytes.load();
        result.max_bytes_used = 0;
    }
};

struct Measure {
    double time = 0;         // real time per iteration, in the run's unit
    double per_item_us = 0;  // microseconds per row or statement (0 when not counted)
    double allocs = -1;      // heap allocations per iteration (-1: not measured)
};

class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const auto& run : runs) {
            if (run.error_occurred) continue;
            const bool single = run.run_type == Run::RT_Iteration && run.repetitions <= 1;
            const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
            if (!single && !median) continue;
            Measure m{run.GetAdjustedRealTime(), 0};
            if (auto it = run.counters.find("items_per_second"); it != run.counters.end() && it->second.value > 0)
                m.per_item_us = 1e6 / it->second.value;
            if (run.memory_result) m.allocs = run.allocs_per_iter;
            // The memory run reports after the timed ones: keep the timing, add the count.
            if (auto known = measures_.find(run.run_name.str()); known != measures_.end() && run.memory_result) {
                known->second.allocs = m.allocs;
                if (m.time <= 0) m = known->second;
            }
            measures_[run.run_name.str()] = m;
        }
        ConsoleReporter::ReportRuns(runs);
    }

    void print_table() const {
        std::printf("\n%-44s %12s %12s %9s %13s %13s\n", "workload (same binary, same run)", "raw/row", "sqla/row",
                    "sqla/raw", "raw allocs/it", "sqla allocs/it");
        for (const auto& [name, sqla] : measures_) {
            const auto pos = name.rfind("/sqla");
            if (pos == std::string::npos) continue;
            const auto raw = measures_.find(name.substr(0, pos) + "/raw" + name.substr(pos + 5));
            // The suite and database: without Google Benchmark's "/iterations:3", "/real_time".
            std::string workload = name.substr(0, pos);
            auto cost = [](double us) {
                char buf[32];
                if (us <= 0) return std::string("-");
                std::snprintf(buf, sizeof buf, us < 10 ? "%.3f us" : "%.1f us", us);
                return std::string(buf);
            };
            auto allocs = [](double n) {
                char buf[32];
                if (n < 0) return std::string("-");
                std::snprintf(buf, sizeof buf, "%.1f", n);
                return std::string(buf);
            };
            if (raw == measures_.end() || raw->second.time <= 0) {
                std::printf("%-44s %12s %12s %9s %13s %13s\n", workload.c_str(), "-", cost(sqla.per_item_us).c_str(), "-",
                            "-", allocs(sqla.allocs).c_str());
                continue;
            }
            std::printf("%-44s %12s %12s %9.3f %13s %13s\n", workload.c_str(), cost(raw->second.per_item_us).c_str(),
                        cost(sqla.per_item_us).c_str(), sqla.time / raw->second.time, allocs(raw->second.allocs).c_str(),
                        allocs(sqla.allocs).c_str());
        }
    }

private:
    std::map<std::string, Measure> measures_;
};

}  // namespace

// Every allocation of the program goes through these (the count is on only in memory runs).
void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    CountingMemoryManager memory;
    benchmark::RegisterMemoryManager(&memory);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.print_table();
    benchmark::Shutdown();
    return 0;
}
