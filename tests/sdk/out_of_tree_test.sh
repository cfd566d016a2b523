#!/usr/bin/env bash
# sqla: tests/sdk/out_of_tree_test.sh. Proves the out-of-tree plugin path: installs this build
# into a fresh prefix, builds sdk/template against it with find_package(sqla), then loads the
# template's plugin by URL through SQLA_PLUGIN_PATH. Registered by tests/sdk/CMakeLists.txt.
# SPDX-License-Identifier: MIT
set -euo pipefail

cmake=cmake build_dir="" template="" work="" generator=Ninja make_program="" cxx="" linker_type=""
build_type="" sanitize="" cxx_flags="" link_flags=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cmake) cmake="$2" ;;
    --build-dir) build_dir="$2" ;;
    --template) template="$2" ;;
    --work-dir) work="$2" ;;
    --generator) generator="$2" ;;
    --make-program) make_program="$2" ;;
    --cxx) cxx="$2" ;;
    --linker-type) linker_type="$2" ;;
    --build-type) build_type="$2" ;;
    --sanitize) sanitize="$2" ;;
    --cxx-flags) cxx_flags="$2" ;;
    --link-flags) link_flags="$2" ;;
    *) echo "out_of_tree_test: unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
for v in build_dir template work cxx; do
  [ -n "${!v}" ] || { echo "out_of_tree_test: --${v//_/-} is required" >&2; exit 2; }
done

prefix="$work/prefix"
name=acme
source="$work/$name"
tbuild="$work/$name-build"
plugins="$tbuild/sqla-plugins"
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

rm -rf "$work"
mkdir -p "$work"

# (a) Install this build, plugins included, into a fresh prefix.
echo "installing $build_dir into $prefix"
step "$work/install.log" "$cmake" --install "$build_dir" --prefix "$prefix" ${build_type:+--config "$build_type"}
for f in lib/cmake/sqla/sqlaConfig.cmake lib/cmake/sqla/SqlaPlugin.cmake include/sqla/plugin.h \
         include/sqla/export.h lib/sqla/plugins/sqlite.sqla-plugin.json bin/sqla share/sqla/template/CMakeLists.txt; do
  [ -e "$prefix/$f" ] || fail "the install has no $f"
done
ls "$prefix"/lib/libsqla.so* >/dev/null 2>&1 || fail "the install has no lib/libsqla.so"

# (b) Start a plugin with the installed `sqla plugin new` (from the installed template, which
# must be the source tree's), then configure and build it as a third party would, against the
# prefix only.
diff -r "$template" "$prefix/share/sqla/template" >/dev/null || fail "the installed template differs from $template"
step "$work/new.log" "$prefix/bin/sqla" plugin new "$name" --dir "$source"
grep -rqi example "$source" && fail "sqla plugin new left the name 'example' in $source"
"$prefix/bin/sqla" plugin new "$name" --dir "$source" >/dev/null 2>&1 && fail "sqla plugin new wrote over $source"
echo "building $source against it ($generator, $cxx, ${build_type:-default} build, sanitize='${sanitize}')"
args=(-S "$source" -B "$tbuild" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx"
      -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DACME_BUILD_TESTS=ON)
[ -n "$make_program" ] && args+=(-DCMAKE_MAKE_PROGRAM="$make_program")
[ -n "$linker_type" ] && args+=(-DCMAKE_LINKER_TYPE="$linker_type")
[ -n "$build_type" ] && args+=(-DCMAKE_BUILD_TYPE="$build_type")
if [ -n "$cxx_flags" ]; then args+=(-DCMAKE_CXX_FLAGS="$cxx_flags"); fi
if [ -n "$link_flags" ]; then
  args+=(-DCMAKE_EXE_LINKER_FLAGS="$link_flags" -DCMAKE_MODULE_LINKER_FLAGS="$link_flags"
         -DCMAKE_SHARED_LINKER_FLAGS="$link_flags")
fi
step "$work/configure.log" "$cmake" "${args[@]}"
sqla_dir="$(sed -n 's/^sqla_DIR:PATH=//p' "$tbuild/CMakeCache.txt")"
[ "$sqla_dir" = "$prefix/lib/cmake/sqla" ] || fail "find_package(sqla) used $sqla_dir, not the prefix's package"
step "$work/build.log" "$cmake" --build "$tbuild" --parallel 2
manifest="$plugins/$name.sqla-plugin.json"
[ -f "$manifest" ] || fail "the template build wrote no $manifest"
grep -q '"dialects"' "$manifest" || fail "$manifest lists no dialects"
echo "built in $((SECONDS - start)) s"

# (c) Load the plugin by URL from its manifest, with the installed core.
smoke_log="$work/smoke.log"
if ! SQLA_PLUGIN_PATH="$plugins" SQLA_PLUGIN_NODELETE=1 "$tbuild/${name}_smoke" "$name://" >"$smoke_log" 2>&1; then
  cat "$smoke_log" >&2
  fail "${name}_smoke failed"
fi
cat "$smoke_log"
grep -qF "loaded plugin from $manifest" "$smoke_log" || fail "$name was not loaded from $manifest"

# The installed `sqla` program runs from the prefix, searches the plugin folder beside the
# installed core (not the build tree it was installed from), and loads both the template's
# plugin and the installed sqlite plugin.
cli_log="$work/sqla-plugins.log"
SQLA_PLUGIN_PATH="$plugins" "$prefix/bin/sqla" plugins --no-load >"$cli_log" 2>&1 || true
grep -qF " $prefix/lib/sqla/plugins" "$cli_log" ||
  { cat "$cli_log" >&2; fail "the installed sqla does not search $prefix/lib/sqla/plugins"; }
if grep -qF " $build_dir/lib/sqla/plugins" "$cli_log"; then
  cat "$cli_log" >&2
  fail "the installed sqla searches the build tree's plugin folder"
fi
# With the prefix's folder first, so that no other installed sqlite plugin shadows it.
SQLA_PLUGIN_PATH="$plugins:$prefix/lib/sqla/plugins" SQLA_PLUGIN_NODELETE=1 \
  "$prefix/bin/sqla" plugins >"$cli_log" 2>&1 || true
grep -qE "^  $name [^ ]+ \\[ok\\]" "$cli_log" || { cat "$cli_log" >&2; fail "sqla plugins does not load $name"; }
grep -qE '^  sqlite [^ ]+ \[ok\]' "$cli_log" ||
  { cat "$cli_log" >&2; fail "sqla plugins does not load the installed sqlite plugin"; }
echo "out-of-tree plugin: ok in $((SECONDS - start)) s"
