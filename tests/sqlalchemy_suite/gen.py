#!/usr/bin/python3
# sqla: tests/sqlalchemy_suite/gen.py. SQLAlchemy's own compiler tests (rel_1_4_46), ported as data:
# each case is the construct of an assert_compile() check, rebuilt here in Python and compiled by
# SQLAlchemy 1.4.46 for the corpus's seven dialect keys. No expected SQL is written by hand.
#
# Run with Debian's SQLAlchemy (python3-sqlalchemy 1.4.46):
#     /usr/bin/python3 tests/sqlalchemy_suite/gen.py
# It writes tests/data/sqlalchemy_suite/cases.jsonl (the format of tests/data/corpus/cases.jsonl,
# plus "source" and, where sqla's public API cannot build the case yet, "missing").
# SPDX-License-Identifier: MIT
import collections
import datetime
import decimal
import json
import os
import re
import sys
import textwrap
import warnings

import sqlalchemy
from sqlalchemy import exc

assert sqlalchemy.__version__ == "1.4.46", "run with Debian's python3-sqlalchemy 1.4.46 (/usr/bin/python3)"

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "sqlalchemy_suite", "cases.jsonl")

# The test tables, as SQLAlchemy's test modules declare them (test/sql/test_compiler.py's
# module level, test_update.py's fixtures). suite_test.cpp declares the same tables.
SCHEMA = '''
table1 = table("mytable", column("myid", Integer), column("name", String), column("description", String))
table2 = table("myothertable", column("otherid", Integer), column("othername", String))
table3 = table("thirdtable", column("userid", Integer), column("otherstuff", String))
metadata = MetaData()
table4 = Table("remotetable", metadata, Column("rem_id", Integer, primary_key=True),
               Column("datatype_id", Integer), Column("value", String(20)), schema="remote_owner")
table5 = Table("remotetable", metadata, Column("rem_id", Integer, primary_key=True),
               Column("datatype_id", Integer), Column("value", String(20)), schema="dbo.remote_owner")
parent = Table("parent", metadata, Column("id", Integer, primary_key=True))
child = Table("child", metadata, Column("id", Integer, primary_key=True),
              Column("parent_id", ForeignKey("parent.id")))
users = table("users", column("user_id"), column("user_name"), column("password"))
addresses = table("addresses", column("address_id"), column("user_id"), column("street"),
                  column("city"), column("state"), column("zip"))
keyed = Table("keyed", metadata, Column("x", Integer, key="colx"), Column("y", Integer, key="coly"),
              Column("z", Integer))
mytable = Table("mytable", MetaData(), Column("myid", Integer), Column("name", String(30)),
                Column("description", String(50)))
myothertable = Table("myothertable", mytable.metadata, Column("otherid", Integer),
                     Column("othername", String(30)))
dt = table("dt", column("ts", DateTime), column("d", Date), column("amount", Numeric(10, 2)),
           column("flag", Boolean), column("data", LargeBinary))
arrtable = table("arrtable", column("intarr", postgresql.ARRAY(Integer)), column("strarr", postgresql.ARRAY(String)))
'''

CASES = []

# Cases written under a working name, mapped to the test function of that file whose
# assert_compile checks they port (the source of a case is always a real function of the file).
RENAME = {
    "sql/test_operators": {
        "test_concat": "test_contains_concat", "test_in_23": "test_in_empty_single", "test_is_null": "test_is_eq_precedence_flat",
        "test_is_true": "test_is_true_literal", "test_operator_precedence_14": "test_operator_precedence_13",
        "test_operator_precedence_15": "test_op_operators_custom_precedence",
        "test_operator_precedence_16": "test_op_operators_custom_precedence", "test_tuple_eq": "test_tuple_type_plain_inference",
    },
    "sql/test_selectable": {
        "test_add_columns": "test_froms_accessors", "test_filter_by": "test_froms_accessors", "test_join_from": "test_froms_accessors",
        "test_join_from_list": "test_from_list_with_columns", "test_lateral": "test_froms_accessors",
        "test_select_from_values": "test_froms_accessors", "test_select_join_full": "test_froms_accessors",
        "test_select_outerjoin": "test_froms_accessors", "test_tablesample": "test_froms_accessors",
    },
    "sql/test_cte": {
        "test_cte_join": "test_union", "test_cte_refers_to_cte": "test_select_with_nesting_cte_in_cte",
        "test_nesting_cte_in_cte": "test_select_with_nesting_cte_in_cte", "test_scalar_subq_from_cte": "test_union",
        "test_union_cte": "test_union_cte_aliases",
    },
    "sql/test_functions": {
        "test_aggregate_strings": "test_assorted", "test_char_length": "test_assorted", "test_extract": "test_extract_expression",
        "test_over_label": "test_funcfilter_label", "*generic*": "test_compile",
    },
    "sql/test_insert": {
        "test_implicit_returning_pk": "test_anticipate_no_pk_non_composite_pk_implicit_returning",
        "test_insert_keyed": "test_binds_that_match_columns", "test_insert_returning": "test_insert_returning_not_in_default",
        "test_insert_scalar_subquery": "test_insert_with_values_func", "test_insert_schema": "test_insert_with_values_dict",
    },
    "sql/test_update": {"test_update_mysql_limit": "test_update_1", "test_update_returning": "test_update_1"},
    "sql/test_delete": {"test_delete_exists": "test_correlated_select", "test_delete_returning": "test_delete",
                        "test_delete_schema": "test_delete"},
    "sql/test_quote": {"test_quoted_name_force": "test_quote_flag_propagate_anon_label", "test_schema_multipart": "test_apply_labels_should_quote",
                       "test_schema_quoting": "test_apply_labels_should_quote"},
    "dialect/postgresql/test_compiler": {
        "test_any_all": "test_array", "test_array_any": "test_array", "test_array_contained_by": "test_array_literal_contained_by",
        "test_array_contains": "test_array_literal_contains", "test_array_index": "test_array", "test_array_index_in_where": "test_array",
        "test_array_overlap": "test_array", "test_cast_double_precision": "test_format", "test_cast_interval": "test_format",
        "test_cast_jsonb": "test_format", "test_cast_uuid": "test_format", "test_delete_returning": "test_insert_returning",
        "test_distinct_on": "test_plain_generative", "test_do_update_constraint": "test_do_update_string_constraint_target",
        "test_extract": "test_format", "test_fetch_with_ties": "test_fetch", "test_ilike": "test_format",
        "test_ilike_escape": "test_format", "test_is_distinct_from": "test_format", "test_json_getitem": "test_array",
        "test_lateral_join": "test_from_only", "test_limit_offset": "test_fetch", "test_match": "test_match_basic",
        "test_nulls_first_last": "test_format", "test_percent_escaping": "test_format",
        "test_pg_dollar_placeholder": "test_format", "test_tablesample": "test_from_only", "test_update_from": "test_difficult_update_1",
    },
    "dialect/mysql/test_compiler": {
        "test_concat": "test_concat_compile_kw", "test_concat_operator": "test_concat_compile_kw",
        "test_contains_percent": "test_backslash_escaping", "test_distinct_on_warning": "test_precolumns",
        "test_for_update": "test_mariadb_for_update", "test_groupby_rollup": "test_precolumns", "test_ilike": "test_match_operator",
        "test_is_distinct_from": "test_match_operator", "test_match": "test_match_expression_single_col",
        "test_not_ilike": "test_match_operator", "test_on_duplicate_key_update": "test_python_values",
        "test_on_duplicate_key_update_literal": "test_python_values", "test_percent": "test_backslash_escaping",
        "test_prefix_with": "test_precolumns", "test_startswith_autoescape": "test_backslash_escaping",
        "test_true_false": "test_match_operator", "test_update_multi_table": "test_update_sql_expr",
    },
    "dialect/oracle/test_compiler": {
        "test_alias_no_as": "test_subquery", "test_boolean_column": "test_true_false", "test_cast_types": "test_compile",
        "test_char_length": "test_no_paren_fns", "test_fetch": "test_limit_one", "test_fetch_offset": "test_limit_one",
        "test_long_labels": "test_long_labels_legacy_ident_length", "test_mod": "test_compile", "test_now": "test_no_paren_fns",
        "test_nulls_first": "test_compile", "test_outer_join": "test_outer_join_one", "test_outer_join_chain": "test_outer_join_two",
        "test_reserved_bind_name": "test_bindparam_quote", "test_returning_update": "test_returning_insert_functional",
        "test_sequence": "test_compile", "test_subquery_no_as": "test_subquery", "test_union_limit": "test_compound",
        "test_union_order_limit": "test_compound", "test_use_binds_for_limits": "test_use_binds_for_limits_enabled_one",
    },
    "dialect/mssql/test_compiler": {
        "test_boolean_in_where": "test_true_false", "test_boolean_negated": "test_true_false", "test_cast": "test_try_cast",
        "test_concat": "test_function", "test_contains": "test_function", "test_current_date": "test_function",
        "test_empty_insert": "test_insert", "test_exists_in_columns": "test_function", "test_fetch_percent": "test_fetch",
        "test_fetch_with_ties": "test_fetch", "test_for_update": "test_select_with_nolock", "test_in_with_subquery": "test_in_with_subqueries",
        "test_is_distinct_from": "test_function", "test_length": "test_function", "test_like_escape": "test_function",
        "test_limit_zero_offset": "test_limit_zero_offset_using_window", "test_mod": "test_function", "test_multi_values": "test_insert",
        "test_now": "test_function", "test_offset_no_order_by": "test_row_limit_compile_error", "test_schema_alias": "test_schema_many_tokens_one",
        "test_schema_many_tokens": "test_schema_many_tokens_one", "test_schema_single_token": "test_schema_many_tokens_two",
        "test_select_top": "test_limit_using_top", "test_union_order_limit": "test_union", "test_window_rows": "test_function",
    },
    "dialect/test_sqlite": {
        "test_cast_datetime": "test_custom_datetime", "test_empty_insert": "test_empty_insert_pk1", "test_for_update": "test_true_false",
        "test_offset_only": "test_true_false", "test_on_conflict_do_update": "test_on_conflict_do_update_one", "test_regexp": "test_regexp_match",
    },
}


def C(src, fn, description, construct, missing=None, kw=None, only=None):
    """One ported assert_compile: src is the test file ("sql/test_compiler"), fn the test function."""
    names = RENAME.get(src, {})
    fn = names.get(fn) or (names.get("*generic*") if fn.startswith("test_generic_") and "*generic*" in names else None) or fn
    CASES.append(dict(src=src, fn=fn, description=description, construct=textwrap.dedent(construct).strip(),
                      missing=missing, kw=kw, only=only))


# ---------------------------------------------------------------------------------------------
# The cases. Grouped by source file, in the order of the file.
# ---------------------------------------------------------------------------------------------
from cases_sql import add_sql_cases  # noqa: E402  (tests/sqlalchemy_suite/cases_sql.py)
from cases_dialects import add_dialect_cases  # noqa: E402

add_sql_cases(C)
add_dialect_cases(C)


# ---------------------------------------------------------------------------------------------
# Recording
# ---------------------------------------------------------------------------------------------
def make_dialects():
    from sqlalchemy.dialects import mssql, mysql, oracle, postgresql, sqlite

    oracle_12 = oracle.dialect()
    oracle_12.server_version_info = (12,)
    oracle_12.implicit_returning = True
    oracle_12.supports_identity_columns = True
    mssql_2017 = mssql.dialect(paramstyle="qmark")
    mssql_2017.server_version_info = (14, 0)
    mssql_2017._setup_version_attributes()
    return {
        "sqlite": sqlite.dialect(),
        "postgresql": postgresql.dialect(),
        "mysql": mysql.dialect(),
        "oracle": oracle.dialect(),
        "oracle_12": oracle_12,
        "mssql": mssql.dialect(),
        "mssql_2017": mssql_2017,
    }


ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


BACKGROUND = re.compile(r" \(Background on this error at: [^)]*\)")


def clean(text):
    return BACKGROUND.sub("", ADDRESS.sub("", text))


def to_json(v):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        return "PT%sS" % v.total_seconds()
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v).hex()
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        return {str(k): to_json(x) for k, x in v.items()}
    return clean(repr(v))


# Bind names may hold dots (literal_column("t.c") > 5 binds "t.c_1", rendered unescaped by 1.4).
PLACEHOLDER = re.compile(r"__\[POSTCOMPILE_([^\]~]+)(?:~~[^\]]*~~)?\]|%\(([^)]+)\)s|(?<![:\w]):(\"[^\"]+\"|\w+(?:\.\w+)*)")


def params_of(compiled, sql, paramstyle):
    if not hasattr(compiled, "binds"):  # DDL: no bound parameters
        return {"order": [], "positional": [], "by_name": {}, "types": {}}
    by_name = compiled.params
    if getattr(compiled, "positional", False) and compiled.positiontup is not None:
        order = list(compiled.positiontup)
    else:
        order = []
        for m in PLACEHOLDER.finditer(sql):
            name = m.group(1) or m.group(2) or m.group(3)
            for candidate in (name, name.strip('"'), name.split(".")[0]):
                if candidate in by_name:
                    order.append(candidate)
                    break
    types = {}
    for name in by_name:
        b = compiled.binds.get(name)
        if b is not None:
            types[name] = clean(repr(b.type))
    return {
        "order": order,
        "positional": [to_json(by_name.get(n)) for n in order],
        "by_name": {k: to_json(v) for k, v in by_name.items()},
        "types": types,
    }


def compile_one(stmt, d, kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        entry = {"paramstyle": d.paramstyle}
        try:
            c = stmt.compile(dialect=d, compile_kwargs=dict(kw or {}))
            sql = str(c)
        except (exc.CompileError, NotImplementedError, exc.ArgumentError, exc.InvalidRequestError,
                exc.UnsupportedCompilationError, TypeError, KeyError, AttributeError) as e:
            first = clean(str(e)).split("\n")[0]
            return {"paramstyle": d.paramstyle, "error": "%s: %s" % (type(e).__name__, first)}
        entry["sql"] = sql
        entry["params"] = params_of(c, sql, d.paramstyle)
        try:
            c2 = stmt.compile(dialect=d, compile_kwargs=dict(kw or {}, render_postcompile=True))
            sql2 = str(c2)
            if sql2 != sql:
                entry["postcompile"] = {"sql": sql2, "params": params_of(c2, sql2, d.paramstyle)}
        except Exception:  # noqa: BLE001  the main form is what counts
            pass
    msgs = sorted({"%s: %s" % (w.category.__name__, clean(str(w.message))) for w in caught})
    if msgs:
        entry["warnings"] = msgs
    return entry


def kind_of(stmt):
    from sqlalchemy.sql import dml
    from sqlalchemy.sql.ddl import DDLElement

    if isinstance(stmt, dml.Insert):
        return "insert"
    if isinstance(stmt, dml.Update):
        return "update"
    if isinstance(stmt, dml.Delete):
        return "delete"
    if isinstance(stmt, DDLElement):
        return "ddl"
    return "select"


def namespace():
    ns = {}
    exec("from sqlalchemy import *", ns)
    exec("from sqlalchemy.sql import table, column, quoted_name, literal_column, text, values", ns)
    exec("from sqlalchemy.sql.expression import tablesample", ns)
    exec("from sqlalchemy.schema import CreateTable, DropTable, CreateIndex, DropIndex, Sequence", ns)
    exec("from sqlalchemy.dialects import postgresql, mysql, sqlite, oracle, mssql", ns)
    exec("from sqlalchemy.dialects.postgresql import aggregate_order_by, insert as pg_insert", ns)
    exec("from sqlalchemy.dialects.mysql import insert as mysql_insert", ns)
    exec("from sqlalchemy.dialects.sqlite import insert as sqlite_insert", ns)
    exec("import datetime, decimal", ns)
    exec(SCHEMA, ns)
    return ns


def build(construct):
    ns = namespace()
    try:
        return eval(compile(construct, "<case>", "eval"), ns)
    except SyntaxError:
        exec(compile(construct, "<case>", "exec"), ns)
        return ns["stmt"]


def main():
    dialects = make_dialects()
    counter = collections.Counter()
    lines = []
    broken = []
    for case in CASES:
        src = case["src"]
        parts = src.split("/")  # sql/test_x -> test_x; dialect/postgresql/test_compiler -> postgresql_test_compiler
        stem = "_".join(parts[1:])
        key = (stem, case["fn"])
        counter[key] += 1
        cid = "%s.%s.%03d" % (stem, case["fn"], counter[key])
        try:
            stmt = build(case["construct"])
        except Exception as e:  # noqa: BLE001  a broken port: report them all, write nothing
            broken.append("%s: %s: %s" % (cid, type(e).__name__, str(e).split("\n")[0]))
            continue
        out = {
            "id": cid,
            "category": "%s.%s" % (stem, case["fn"]),
            "kind": kind_of(stmt),
            "description": case["description"],
            "construct": case["construct"],
            "source": "test/%s.py::%s" % (src, case["fn"]),
            "split": "public",
            # Dialect-specific constructs (postgresql.insert().on_conflict_do_update()...) only on
            # their dialect's keys, as the corpus records its upserts.
            "dialects": {k: compile_one(stmt, d, case["kw"]) for k, d in dialects.items()
                         if case["only"] is None or k in case["only"]},
        }
        if case["kw"]:
            out["compile_kwargs"] = {"compile_kwargs": case["kw"]}
        if case["missing"]:
            out["missing"] = case["missing"]
        lines.append(json.dumps(out, sort_keys=True, ensure_ascii=False))
    if broken:
        sys.exit("constructs that do not build:\n" + "\n".join(broken))
    # The C++ builders are keyed by id: an id whose construct changes would silently pair a case
    # with another case's builder. Refuse that unless asked (--allow-changed-ids).
    if os.path.exists(OUT) and "--allow-changed-ids" not in sys.argv:
        before = {}
        with open(OUT, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    old = json.loads(line)
                    before[old["id"]] = old["construct"]
        changed = [json.loads(l)["id"] for l in lines
                   if json.loads(l)["id"] in before and before[json.loads(l)["id"]] != json.loads(l)["construct"]]
        if changed:
            sys.exit("these ids now name another construct (add new cases at the end of their group, or pass "
                     "--allow-changed-ids and fix the builders):\n" + "\n".join(changed))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")
    print("%d cases -> %s" % (len(lines), os.path.relpath(OUT)), file=sys.stderr)


if __name__ == "__main__":
    main()
