#!/usr/bin/env bash
# sqla: scripts/fuzz.sh [SECONDS] [TARGET...]. Builds the libFuzzer targets (the fuzz preset)
# and runs each for SECONDS (default 300), one after another, over its committed seeds, the
# inputs of crashes found before and what earlier runs of this script found (kept in
# build/fuzz/tests/fuzz/corpus/<target>). Prints, per target, the executions run and whether
# it found anything; a crash leaves its input in build/fuzz/tests/fuzz/<target>-crash-* and
# makes the script fail. Commit such an input to tests/fuzz/regressions/<target>/ with the fix.
# SPDX-License-Identifier: MIT
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sqla_setup
seconds="${1:-300}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(url_fuzz text_fuzz manifest_fuzz value_text_fuzz sqlite_text_fuzz
                                     mysql_values_fuzz postgresql_values_fuzz)
sqla_build fuzz
cd "$sqla_root"
tests="$sqla_root/build/fuzz/tests/fuzz"
failed=0
for t in "${targets[@]}"; do
  inputs=("$tests/corpus/$t" "tests/fuzz/corpus/$t")
  [ -d "tests/fuzz/regressions/$t" ] && inputs+=("tests/fuzz/regressions/$t")
  mkdir -p "$tests/corpus/$t"
  log="$tests/$t.log"
  if "build/fuzz/bin/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
       -print_final_stats=1 -artifact_prefix="$tests/$t-" "${inputs[@]}" >"$log" 2>&1; then
    result="nothing found"
  else
    result="FOUND A CRASH (see $log)"
    failed=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  corpus=$(ls "$tests/corpus/$t" | wc -l)
  printf '%-24s %12s executions (budget %ss), corpus of %s inputs kept: %s\n' "$t" "${runs:-?}" "$seconds" "$corpus" "$result"
done
exit "$failed"
