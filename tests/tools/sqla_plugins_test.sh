#!/usr/bin/env bash
# sqla: tests/tools/sqla_plugins_test.sh. `sqla plugins` lists what it finds and why one cannot load.
# SPDX-License-Identifier: MIT
set -u
sqla="$1"
broken_dir="$2"
fail() { echo "FAIL: $*"; exit 1; }

out=$(env -u SQLA_PLUGIN_PATH "$sqla" plugins) || fail "sqla plugins exited $? with only good plugins: $out"
grep -q 'sqlite 0.1.0 \[ok\]' <<<"$out" || fail "sqlite not listed as ok: $out"
grep -q 'provides: dialect sqlite (default driver sqlite3), driver sqlite3 for sqlite' <<<"$out" || fail "provides: $out"
grep -q 'build tree' <<<"$out" || fail "search path not shown: $out"

json=$(env -u SQLA_PLUGIN_PATH "$sqla" plugins --json) || fail "--json exited $?"
grep -q '"name":"sqlite"' <<<"$json" || fail "json lacks sqlite: $json"

out=$(SQLA_PLUGIN_PATH="$broken_dir" "$sqla" plugins); rc=$?
[ "$rc" -eq 1 ] || fail "expected exit 1 with a broken manifest, got $rc"
grep -q "cannot read manifest: plugin manifest $broken_dir/broken.sqla-plugin.json is invalid: not JSON" <<<"$out" \
  || fail "broken manifest not explained: $out"
grep -q "SQLA_PLUGIN_PATH  $broken_dir" <<<"$out" || fail "SQLA_PLUGIN_PATH not shown: $out"

# A manifest's text is data: its control characters print escaped, not to the terminal.
hostile=$(mktemp -d)
trap 'rm -rf "$hostile"' EXIT
printf '%s' '{"name": "hostile", "version": "1\u001b[31m\u009b", "abi": 1, "compiler": "x", "library": "libnone.so",
  "entry": "sqla_plugin_hostile", "dialects": [{"name": "hostile"}], "drivers": []}' >"$hostile/hostile.sqla-plugin.json"
out=$(SQLA_PLUGIN_PATH="$hostile" "$sqla" plugins --no-load)
grep -q $'\x1b' <<<"$out" && fail "an ESC from a manifest reached the output: $out"
grep -q $'\xc2\x9b' <<<"$out" && fail "a C1 CSI from a manifest reached the output: $out"
grep -qF 'hostile 1\x1b[31m\u009b' <<<"$out" || fail "the manifest's version is not shown escaped: $out"

"$sqla" plugins --bogus >/dev/null 2>&1 && fail "unknown option accepted"
"$sqla" frobnicate >/dev/null 2>&1 && fail "unknown command accepted"
echo "sqla plugins: all checks passed"
