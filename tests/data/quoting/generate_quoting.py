#!/usr/bin/python3
# sqla: tests/data/quoting/generate_quoting.py. Writes quoting.json: how SQLAlchemy 1.4.46 writes
# strings the API takes into SQL (function names, LIKE escape characters, bound parameter names,
# index methods, foreign key actions, table prefixes), for tests/sqla/sql/quoting_test.cpp.
# SPDX-License-Identifier: MIT
#
# Run with Debian's SQLAlchemy (apt-get install python3-sqlalchemy, 1.4.46):
#     /usr/bin/python3 tests/data/quoting/generate_quoting.py > tests/data/quoting/quoting.json
# Nothing in quoting.json is written by hand.
import json
import sys

import sqlalchemy
from sqlalchemy import (Column, ForeignKey, Index, Integer, MetaData, Table, column, select, table)
from sqlalchemy.dialects import mssql, mysql, oracle, postgresql, sqlite
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlalchemy.sql import functions

# The dialects as the corpus constructs them (tests/data/corpus/dialects.json), no server version.
DIALECTS = {
    "sqlite": sqlite.dialect(),
    "postgresql": postgresql.dialect(),
    "mysql": mysql.dialect(),
    "mssql": mssql.dialect(),
    "oracle": oracle.dialect(),
}

# sqla's func("pkg.fn", {x}) is SQLAlchemy's func.pkg.fn(x): the name split on '.', the last part
# the function's name and the others its package names. The generator is given the parts directly
# (func.__getattr__ would drop a trailing '_').
FUNCTION_NAMES = [
    "(SELECT max(secret) FROM t) AS x --",
    "(SELECT max(secret) FROM t) AS x #",
    "my func",
    "it's",
    'say "hi"',
    "back`tick",
    "br]acket",
    "[bracket",
    "f(x)",
    "semi;colon",
    "dash--dash",
    "slash/*star",
    "line\nbreak",
    "tab\there",
    "caf\u00e9",
    "pkg.fn",
    "my pkg.my fn",
    "a.b.c",
    "pkg.it's",
    "$fn",
    "fn$",
    "fn$x",
    "1fn",
    "MixedCase",
    "select",
    "from",
    "order",
    "table",
    "coalesce",
    "lower",
]

# Names without arguments: SQLAlchemy's count() is count(*), ANSI functions have no parentheses.
NILADIC_NAMES = ["count", "current_date", "current_timestamp", "my func", "pkg.fn"]

# Functions compared with a value: the bound parameter is named after the function's last part
# (names whose bind name SQLAlchemy leaves with punctuation, or Oracle quotes, are left out).
COMPARED_FUNCTIONS = ["pkg.fn", "my pkg.my fn", "a.b.c", "f(x)", "$fn", "my func", "lower"]

# LIKE ... ESCAPE: the escape character is a string literal.
ESCAPES = ["/", "'", "\\", "%", "#"]

# Bound parameter names that reach the SQL text (named and pyformat paramstyles): SQLAlchemy
# escapes %():[] and space. Names Oracle would quote as bind names (reserved words, a leading
# digit or $) are left out: sqla's Oracle compiler does not quote bind names.
BIND_NAMES = ["a b", "a(b)", "a%b", "a:b", "a[0]", "p(1):x[2] y%z", "plain", "Mixed_Case"]

FK_ACTIONS = ["CASCADE", "set null", "No Action", "RESTRICT", "SET DEFAULT"]
INITIALLY = ["DEFERRED", "immediate"]
PREFIXES = [["TEMPORARY"], ["GLOBAL TEMPORARY"], ["UNLOGGED"]]
INDEX_METHODS = ["btree", "GIN", "gist", "hash", "my_method"]


def function(name, args):
    generator = functions._FunctionGenerator()
    generator._FunctionGenerator__names = name.split(".")
    return generator(*args)


def compiled(stmt):
    out = {}
    for key, dialect in DIALECTS.items():
        try:
            out[key] = str(stmt.compile(dialect=dialect))
        except sqlalchemy.exc.CompileError as e:
            out[key] = {"error": "CompileError: " + str(e).splitlines()[0]}
    return out


def main():
    data = {
        "sqlalchemy_version": sqlalchemy.__version__,
        "generator": "tests/data/quoting/generate_quoting.py",
        "dialects": {k: {"name": d.name, "paramstyle": d.paramstyle} for k, d in DIALECTS.items()},
        "functions": [],
        "function_comparisons": [],
        "escapes": [],
        "bind_names": [],
        "foreign_keys": [],
        "prefixes": [],
        "index_methods": [],
    }
    for name in FUNCTION_NAMES:
        data["functions"].append({"name": name, "args": 1, "sql": compiled(select(function(name, [column("x")])))})
    for name in NILADIC_NAMES:
        data["functions"].append({"name": name, "args": 0, "sql": compiled(select(function(name, [])))})
    for name in COMPARED_FUNCTIONS:
        t = table("t", column("x"))
        stmt = select(t.c.x).where(function(name, [t.c.x]) == 5)
        data["function_comparisons"].append({"name": name, "sql": compiled(stmt)})
    for escape in ESCAPES:
        t = table("t", column("x"))
        stmt = select(t.c.x).where(t.c.x.like("a", escape=escape))
        data["escapes"].append({"escape": escape, "sql": compiled(stmt)})
        stmt = select(t.c.x).where(t.c.x.ilike("a", escape=escape))
        data["escapes"].append({"escape": escape, "ilike": True, "sql": compiled(stmt)})
    for name in BIND_NAMES:
        t = table("t", column("x"), column(name))
        stmt = select(t.c.x).where(t.c[name] == 5)
        data["bind_names"].append({"name": name, "sql": compiled(stmt)})
    for action in FK_ACTIONS:
        for initially in INITIALLY:
            m = MetaData()
            Table("parent", m, Column("id", Integer, primary_key=True))
            child = Table("child", m, Column("id", Integer, primary_key=True),
                          Column("pid", Integer, ForeignKey("parent.id", ondelete=action, onupdate=action,
                                                            deferrable=True, initially=initially)))
            data["foreign_keys"].append({"ondelete": action, "onupdate": action, "initially": initially,
                                         "sql": compiled(CreateTable(child))})
    for prefixes in PREFIXES:
        m = MetaData()
        t = Table("t", m, Column("id", Integer, primary_key=True), prefixes=prefixes)
        data["prefixes"].append({"prefixes": prefixes, "sql": compiled(CreateTable(t))})
    for method in INDEX_METHODS:
        m = MetaData()
        t = Table("t", m, Column("id", Integer, primary_key=True), Column("v", Integer))
        ix = Index("ix_t_v", t.c.v, postgresql_using=method)
        data["index_methods"].append({"postgresql_using": method,
                                      "sql": {"postgresql": str(CreateIndex(ix).compile(dialect=DIALECTS["postgresql"]))}})
    json.dump(data, sys.stdout, indent=1, ensure_ascii=False, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
