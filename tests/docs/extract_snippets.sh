#!/bin/sh
# sqla: tests/docs/extract_snippets.sh. Writes each ```cpp block of a Markdown file to OUT/<stem>_<n>.cpp,
# leaving a file untouched when its content did not change (so builds stay incremental).
# SPDX-License-Identifier: MIT
set -eu
doc="$1"; out="$2"; stem="$3"
mkdir -p "$out"
awk -v out="$out" -v stem="$stem" -v doc="$doc" '
  /^```cpp$/ { inside = 1; n++; file = out "/" stem "_" n ".cpp.tmp"; print "// extracted from " doc > file; next }
  /^```$/ && inside { inside = 0; close(file); next }
  inside { print > file }
' "$doc"
for dst in "$out/${stem}"_*.cpp; do
  [ -e "$dst" ] || continue
  [ -e "$dst.tmp" ] || rm "$dst"   # a block that no longer exists
done
for tmp in "$out/${stem}"_*.cpp.tmp; do
  [ -e "$tmp" ] || continue
  dst="${tmp%.tmp}"
  if cmp -s "$tmp" "$dst"; then rm "$tmp"; else mv "$tmp" "$dst"; fi
done
