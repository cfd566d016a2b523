#!/usr/bin/env bash
# sqla: tests/consumer/consumer_test.sh. The new user's route, end to end: install this build
# into a fresh prefix (the default install: no test-only parts), then configure, build and run
# an application (tests/consumer/app, whose CMakeLists.txt begins with README.md's example)
# against the prefix alone; then the conformance component on top. Registered by
# tests/consumer/CMakeLists.txt as sqla.consumer.
# SPDX-License-Identifier: MIT
set -euo pipefail

cmake=cmake build_dir="" app="" readme="" work="" generator=Ninja make_program="" cxx="" build_type="" version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cmake) cmake="$2" ;;
    --build-dir) build_dir="$2" ;;
    --app) app="$2" ;;
    --readme) readme="$2" ;;
    --work-dir) work="$2" ;;
    --generator) generator="$2" ;;
    --make-program) make_program="$2" ;;
    --cxx) cxx="$2" ;;
    --build-type) build_type="$2" ;;
    --version) version="$2" ;;
    *) echo "consumer_test: unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
for v in build_dir app readme work cxx version; do
  [ -n "${!v}" ] || { echo "consumer_test: --${v//_/-} is required" >&2; exit 2; }
done

prefix="$work/prefix"
cbuild="$work/app-build"
start=$SECONDS
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# step <log> <command...>: runs quietly; on failure shows the end of the log.
step() {
  local log="$1"; shift
  if ! "$@" >"$log" 2>&1; then
    echo "---- $* failed; last lines of $log ----" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
}

# (a) README's consumer CMakeLists.txt is the app's, verbatim.
block="$(awk '/^## Using sqla from your own CMake project/ {s=1} s && /^```cmake$/ {c=1; next} c && /^```$/ {exit} c' "$readme")"
[ -n "$block" ] || fail "README.md has no \`\`\`cmake block under \"Using sqla from your own CMake project\""
head_lines="$(sed '/^# ---- above: README.md/,$d' "$app/CMakeLists.txt")"
[ "$block" = "$head_lines" ] || {
  diff <(echo "$block") <(echo "$head_lines") >&2 || true
  fail "README.md's consumer CMakeLists.txt differs from $app/CMakeLists.txt (above its marker line)"
}

rm -rf "$work"
mkdir -p "$work"

# (b) The default install: the package, the core, the plugins and the program; no conformance
# suite (a test-only part that needs GoogleTest: component `conformance`).
t=$SECONDS
step "$work/install.log" "$cmake" --install "$build_dir" --prefix "$prefix" ${build_type:+--config "$build_type"}
echo "installed $build_dir into $prefix in $((SECONDS - t)) s"
for f in lib/cmake/sqla/sqlaConfig.cmake lib/cmake/sqla/sqlaConfigVersion.cmake lib/cmake/sqla/sqlaTargets.cmake \
         include/sqla/export.h lib/sqla/plugins/sqlite.sqla-plugin.json lib/sqla/plugins/libsqla_sqlite.so bin/sqla; do
  [ -e "$prefix/$f" ] || fail "the install has no $f"
done
for f in lib/libsqla_conformance.a include/sqla/conformance.hpp lib/cmake/sqla/sqlaConformanceTargets.cmake; do
  [ ! -e "$prefix/$f" ] || fail "the default install holds the test-only $f"
done

# (c) Configure and build the application as a user would: the compiler and the prefix, nothing
# else (the package brings the language settings, Boost.JSON and the sanitizer runtime).
t=$SECONDS
args=(-S "$app" -B "$cbuild" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx"
      -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
[ -n "$make_program" ] && args+=(-DCMAKE_MAKE_PROGRAM="$make_program")
[ -n "$build_type" ] && args+=(-DCMAKE_BUILD_TYPE="$build_type")
step "$work/configure.log" "$cmake" "${args[@]}"
sqla_dir="$(sed -n 's/^sqla_DIR:PATH=//p' "$cbuild/CMakeCache.txt")"
[ "$sqla_dir" = "$prefix/lib/cmake/sqla" ] || fail "find_package(sqla) used $sqla_dir, not the prefix's package"
step "$work/build.log" "$cmake" --build "$cbuild" --parallel 2
echo "configured and built the application in $((SECONDS - t)) s"

# (d) Run it, with no SQLA_PLUGIN_PATH: the installed core finds the installed sqlite plugin,
# and searches nothing but the prefix (never the build tree nor its stage folder).
mkdir -p "$work/run"
for exe in myapp myapp_gnu; do
  out="$work/$exe.log"
  (cd "$work/run" && env -u SQLA_PLUGIN_PATH SQLA_PLUGIN_NODELETE=1 "$cbuild/$exe") >"$out" 2>&1 ||
    { cat "$out" >&2; fail "$exe failed"; }
  grep -qx 'row 1 ed' "$out" && grep -qx 'row 2 wendy' "$out" || { cat "$out" >&2; fail "$exe did not read its rows back"; }
  grep -qxF "loaded sqlite from $prefix/lib/sqla/plugins/sqlite.sqla-plugin.json" "$out" ||
    { cat "$out" >&2; fail "$exe did not load the installed sqlite plugin"; }
  grep -q '^search ' "$out" || { cat "$out" >&2; fail "$exe printed no search path"; }
  if grep '^search ' "$out" | grep -vqF " $prefix/"; then
    cat "$out" >&2
    fail "$exe (the installed libsqla.so) searches a folder outside $prefix"
  fi
done
cat "$work/myapp.log"

# (e) The installed program: its version, and its search path (again only the prefix).
"$prefix/bin/sqla" --version | grep -qxF "sqla $version" || fail "sqla --version does not print \"sqla $version\""
env -u SQLA_PLUGIN_PATH "$prefix/bin/sqla" plugins --no-load >"$work/plugins.log" 2>&1 || true
search="$(sed -n '/^search path:/,/^$/p' "$work/plugins.log" | sed '1d;/^$/d')"
[ -n "$search" ] || { cat "$work/plugins.log" >&2; fail "sqla plugins printed no search path"; }
if grep -vqF " $prefix/" <<<"$search"; then
  cat "$work/plugins.log" >&2
  fail "the installed sqla searches a folder outside $prefix (its build tree is $build_dir)"
fi

# (f) The conformance suite is its own component: asking the default install for it fails and
# says how to add it; after `--component conformance`, find_package finds sqla::conformance.
probe="$work/probe"
mkdir -p "$probe"
cat >"$probe/CMakeLists.txt" <<'CML'
cmake_minimum_required(VERSION 4.3)
project(probe LANGUAGES CXX)
find_package(sqla CONFIG REQUIRED COMPONENTS conformance)
if(NOT TARGET sqla::conformance)
  message(FATAL_ERROR "no sqla::conformance")
endif()
CML
pargs=(-S "$probe" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix"
       -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
[ -n "$make_program" ] && pargs+=(-DCMAKE_MAKE_PROGRAM="$make_program")
if "$cmake" "${pargs[@]}" -B "$work/probe-build-1" >"$work/probe-1.log" 2>&1; then
  fail "find_package(sqla COMPONENTS conformance) succeeded on the default install"
fi
grep -q "the conformance component is not installed in this prefix" "$work/probe-1.log" ||
  { cat "$work/probe-1.log" >&2; fail "the missing conformance component is not explained"; }
step "$work/install-conformance.log" "$cmake" --install "$build_dir" --prefix "$prefix" --component conformance \
  ${build_type:+--config "$build_type"}
for f in lib/libsqla_conformance.a include/sqla/conformance.hpp lib/cmake/sqla/sqlaConformanceTargets.cmake; do
  [ -e "$prefix/$f" ] || fail "the conformance component has no $f"
done
step "$work/probe-2.log" "$cmake" "${pargs[@]}" -B "$work/probe-build-2"
echo "consumer application: ok in $((SECONDS - start)) s"
