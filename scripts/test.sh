#!/usr/bin/env bash
# sqla: scripts/test.sh. Builds sqla under AddressSanitizer and UndefinedBehaviorSanitizer
# (the dev preset) and runs every test with ctest, so each run is also a memory-safety check
# (the live-database tests against PostgreSQL and MariaDB servers it starts on loopback);
# then builds the concurrency tests under ThreadSanitizer (the tsan preset) and runs them, and
# runs each libFuzzer target (the fuzz preset) briefly over its seeds and past crash inputs.
# SPDX-License-Identifier: MIT
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sqla_setup
sqla_start_postgresql
sqla_start_pgbouncer
sqla_start_mariadb
# A 3-node Galera cluster for the cluster tests (about 20 s and 400 MB); if it cannot start, say
# so loudly, and those tests skip saying why rather than failing every other test with them.
if ! sqla_start_galera; then
  echo "test: WARNING: the Galera cluster did not start; galera_test will skip" >&2
  unset SQLA_TEST_GALERA_URLS
fi
sqla_ensure_odbc
sqla_build dev
cd "$sqla_root"
ctest --preset dev "$@"
echo "test: the pool, engine, plugin registry and statement cache under ThreadSanitizer"
sqla_build tsan --target pool_concurrency_test engine_concurrency_test
for t in pool_concurrency_test engine_concurrency_test; do
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" "$sqla_root/build/tsan/bin/$t"
done
echo "test: fuzz targets, 10 s each after their seeds and past crash inputs (longer runs: scripts/fuzz.sh)"
sqla_build fuzz
ctest --preset fuzz
