#!/usr/bin/env bash
# sqla: tests/tools/sqla_plugin_new_test.sh. `sqla plugin new NAME` from the build tree: the
# template copied with every spelling of its name replaced, and bad input refused without
# writing anything. (sdk.out_of_tree builds and loads what the installed program makes.)
# SPDX-License-Identifier: MIT
set -euo pipefail
sqla="$1" template="$2" work="$3"
fail() { echo "FAIL: $*" >&2; exit 1; }
rm -rf "$work"; mkdir -p "$work"

out=$("$sqla" plugin new acme_db --dir "$work/acme_db") || fail "sqla plugin new failed: $out"
echo "$out"
[ -f "$work/acme_db/src/acme_db_plugin.hpp" ] || fail "the header was not renamed"
[ ! -e "$work/acme_db/src/example_plugin.hpp" ] || fail "the template's header name is still there"
grep -rqi example "$work/acme_db" && fail "the name 'example' is left in $work/acme_db: $(grep -rli example "$work/acme_db")"
grep -q 'class AcmeDbDialect' "$work/acme_db/src/dialect.cpp" || fail "ExampleDialect did not become AcmeDbDialect"
grep -q 'ACME_DB_BUILD_TESTS' "$work/acme_db/CMakeLists.txt" || fail "EXAMPLE_BUILD_TESTS did not become ACME_DB_BUILD_TESTS"
grep -q 'sqla_add_plugin(acme_db' "$work/acme_db/CMakeLists.txt" || fail "the plugin is not named acme_db"
# Every template file is there, and nothing else.
[ "$(cd "$template" && find . -type f | wc -l)" -eq "$(cd "$work/acme_db" && find . -type f | wc -l)" ] ||
  fail "the copy does not have the template's files"

# Refused, with a message naming the problem, and nothing written.
expect_refused() {
  local what="$1"; shift
  if msg=$("$sqla" "$@" 2>&1); then fail "$what was accepted"; fi
  echo "$msg" | grep -qi "$what" || fail "the error for '$*' does not say '$what': $msg"
}
expect_refused "invalid plugin name" plugin new Acme --dir "$work/x1"
expect_refused "invalid plugin name" plugin new "../evil" --dir "$work/x2"
expect_refused "invalid plugin name" plugin new "a;rm" --dir "$work/x3"
expect_refused "template's own name" plugin new example --dir "$work/x4"
expect_refused "not an empty folder" plugin new acme_db --dir "$work/acme_db"
expect_refused "no plugin template found" plugin new other --dir "$work/x5" --template "$work/nowhere"
expect_refused "usage" plugin new
expect_refused "usage" plugin
for d in x1 x2 x3 x4 x5; do [ ! -e "$work/$d" ] || fail "a refused call wrote $work/$d"; done
echo "sqla plugin new: ok"
