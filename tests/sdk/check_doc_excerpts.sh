#!/bin/sh
# sqla: tests/sdk/check_doc_excerpts.sh. Checks that each code block marked
# `<!-- verbatim: <path> -->` in a Markdown file appears, line for line, in <path> (relative to
# the source root), so quotes of the template in docs/dialect-authoring.md cannot drift from it.
# Usage: check_doc_excerpts.sh <source root> <markdown file>...
# SPDX-License-Identifier: MIT
set -eu
root="$1"; shift
status=0
for doc in "$@"; do
  awk -v root="$root" -v doc="$doc" '
    function check(path, block,    line, text, file) {
      file = root "/" path
      text = ""
      while ((getline line < file) > 0) text = text line "\n"
      close(file)
      if (text == "") { printf "%s:%d: %s is missing or empty\n", doc, start, path; bad++; return }
      if (index(text, block) == 0) { printf "%s:%d: this block is not in %s, verbatim\n", doc, start, path; bad++ }
      checked++
    }
    /^<!-- verbatim: [^ ]+ -->$/ { src = $3; pending = 1; next }
    pending && !inside && /^```/ { inside = 1; block = ""; start = NR; next }
    inside && /^```$/ { inside = 0; pending = 0; check(src, block); next }
    inside { block = block $0 "\n"; next }
    pending && NF > 0 { printf "%s:%d: text between a verbatim marker and its block\n", doc, NR; bad++; pending = 0 }
    END {
      if (pending) { printf "%s: a verbatim marker has no block\n", doc; bad++ }
      printf "%s: %d verbatim blocks checked\n", doc, checked
      exit bad > 0
    }
  ' "$doc" || status=1
done
exit $status
