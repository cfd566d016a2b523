// sqla: benchmarks/ratio_main.cpp. main() for the benchmarks: runs them, then prints a table of
// each `<suite>/<database>/sqla` benchmark beside its `<suite>/<database>/raw` twin measured in
// the same run: the cost per row (or per statement) of each, and their ratio. With
// --benchmark_repetitions the median of the repetitions is used.
// SPDX-License-Identifier: MIT
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

struct Measure {
    double time = 0;         // real time per iteration, in the run's unit
    double per_item_us = 0;  // microseconds per row or statement (0 when not counted)
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
            measures_[run.run_name.str()] = m;
        }
        ConsoleReporter::ReportRuns(runs);
    }

    void print_table() const {
        std::printf("\n%-44s %12s %12s %9s\n", "workload (same binary, same run)", "raw/row", "sqla/row", "sqla/raw");
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
            if (raw == measures_.end() || raw->second.time <= 0) {
                std::printf("%-44s %12s %12s %9s\n", workload.c_str(), "-", cost(sqla.per_item_us).c_str(), "-");
                continue;
            }
            std::printf("%-44s %12s %12s %9.3f\n", workload.c_str(), cost(raw->second.per_item_us).c_str(),
                        cost(sqla.per_item_us).c_str(), sqla.time / raw->second.time);
        }
    }

private:
    std::map<std::string, Measure> measures_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.print_table();
    benchmark::Shutdown();
    return 0;
}
