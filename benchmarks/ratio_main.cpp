// sqla: benchmarks/ratio_main.cpp. main() for the benchmarks: runs them, then prints the ratio of
// each `<workload>/sqla` benchmark to its `<workload>/raw` twin measured in the same run
// (the median of the repetitions when run with --benchmark_repetitions).
// SPDX-License-Identifier: MIT
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        // With --benchmark_repetitions the median of the repetitions is used; else the one run.
        for (const auto& run : runs) {
            if (run.error_occurred) continue;
            if (run.run_type == Run::RT_Iteration && run.repetitions <= 1)
                per_item_[run.run_name.str()] = run.GetAdjustedRealTime();
            else if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median")
                per_item_[run.run_name.str()] = run.GetAdjustedRealTime();
        }
        ConsoleReporter::ReportRuns(runs);
    }

    void print_ratios() const {
        std::printf("\nratio sqla/raw (real time, same binary, same run):\n");
        for (const auto& [name, sqla_time] : per_item_) {
            auto pos = name.find("/sqla");
            if (pos == std::string::npos) continue;
            auto raw = per_item_.find(name.substr(0, pos) + "/raw" + name.substr(pos + 5));
            if (raw == per_item_.end() || raw->second <= 0) continue;
            std::printf("  %-40s %.3f\n", name.substr(0, pos).c_str(), sqla_time / raw->second);
        }
    }

private:
    std::map<std::string, double> per_item_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    reporter.print_ratios();
    benchmark::Shutdown();
    return 0;
}
