#!/usr/bin/python3
# sqla: tests/sqlalchemy_suite/update_progress.py. Writes tests/data/sqlalchemy_suite/progress.json from
# the pass table the suite test prints: run
#     build/dev/bin/sqlalchemy_suite_test > /tmp/suite_out.txt; tests/sqlalchemy_suite/update_progress.py /tmp/suite_out.txt
# after sqla got better, so the ratchet holds the new counts.
# SPDX-License-Identifier: MIT
import json
import os
import re
import sys

KEYS = ["sqlite", "postgresql", "mysql", "oracle", "oracle_12", "mssql", "mssql_2017"]
text = open(sys.argv[1], encoding="utf-8").read()
dialects = {k: int(re.search(r"^%s\s+(\d+)" % k, text, re.M).group(1)) for k in KEYS}
files = {}
section = text[text.index("per source file"):]
for line in section.splitlines()[2:]:
    parts = line.split()
    if not parts or parts[0] == "all":
        break
    files[parts[0]] = int(parts[3])
out = {
    "_note": "Pass counts of SqlalchemySuite.RendersSqlalchemysSql per dialect key and per source file; "
             "the test fails when fewer pass. Raise them with update_progress.py when more do.",
    "dialects": dialects,
    "files": files,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "sqlalchemy_suite", "progress.json")
with open(path, "w", encoding="utf-8") as f:
    f.write(json.dumps(out, indent=1) + "\n")
print(json.dumps(out))
