#!/usr/bin/env bash
# sqla: scripts/bench.sh. Builds the release preset and runs the benchmarks; each prints its
# ratio to the raw C API measured in the same run. Extra arguments go to Google Benchmark.
# SPDX-License-Identifier: MIT
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sqla_setup
# The live benchmarks run against the servers the tests use (started here if need be).
sqla_start_postgresql
sqla_start_mariadb
sqla_ensure_odbc
sqla_build release --target sqlite_bench select_cache_bench events_bench postgresql_bench mysql_bench
for bench in sqlite_bench select_cache_bench events_bench postgresql_bench mysql_bench; do
  "$sqla_root/build/release/bin/$bench" --benchmark_min_time=1 --benchmark_repetitions=7 \
    --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true "$@"
done
