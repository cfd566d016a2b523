#!/usr/bin/python3
"""What SQLAlchemy 1.4.46 renders for the constructs of issue 22's first slice, on each dialect.

Run with Debian's python3-sqlalchemy (1.4.46), not a pyenv python:
    /usr/bin/python3 tests/data/constructs/generate_constructs.py > tests/data/constructs/constructs.json
tests/sqla/sql/constructs_test.cpp builds each case (by its id) with sqla's public API and
compares the SQL and the bound parameters (by name) per dialect. Each case is Python code that
sets `stmt`; its text is recorded as "construct". A dialect that refuses a case records the
error's first line. "divergent" lists dialects where sqla deliberately renders otherwise, with
the reason; the test skips those.
"""
import json
import re
import warnings

import sqlalchemy as sa
from sqlalchemy import (Column, Computed, ForeignKey, Integer, MetaData, String, Table, bindparam, cast, column,
                        desc, except_, func, literal, literal_column, select, text, type_coerce, union, union_all,
                        update, values, insert, delete)
from sqlalchemy import tablesample
from sqlalchemy.dialects import mssql, mysql, oracle, postgresql, sqlite
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.schema import CreateTable

# As the corpus builds them (tests/data/corpus/dialects.json): no server version.
DIALECTS = {
    "sqlite": sqlite.dialect(),
    "postgresql": postgresql.dialect(),
    "mysql": mysql.dialect(),
    "oracle": oracle.dialect(),
    "mssql": mssql.dialect(),
}

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True), Column("name", String(30)),
              Column("fullname", String(50)))
addresses = Table("addresses", metadata, Column("id", Integer, primary_key=True),
                  Column("user_id", ForeignKey("users.id")), Column("email", String(50)))
arrays = Table("arrays", metadata, Column("id", Integer, primary_key=True), Column("ints", postgresql.ARRAY(Integer)))

ORACLE_OF_BUG = ("SQLAlchemy 1.4's Oracle compiler renders FOR UPDATE OF a table as 'FOR UPDATE OF ' with "
                 "nothing after it (invalid SQL); sqla names the table")

# (id, code setting `stmt`, {dialect: reason} for deliberate divergences)
CASES = [
    # 1. with_only_columns, filter_by, join_from, Select.alias()
    ("with_only_columns", 'stmt = select(users).with_only_columns(users.c.id, users.c.name).where(users.c.id > 1)', {}),
    ("with_only_columns_keeps_order_by",
     'stmt = select(users.c.id).order_by(users.c.name).with_only_columns(users.c.name)', {}),
    ("filter_by", 'stmt = select(users).filter_by(name="ed", fullname="Ed Jones")', {}),
    ("filter_by_column_entity", 'stmt = select(users.c.name).filter_by(id=5)', {}),
    ("filter_by_last_join", 'stmt = select(users.c.name).join(addresses).filter_by(email="ed@example.com")', {}),
    ("filter_by_select_from", 'stmt = select(literal_column("1")).select_from(users).filter_by(name="ed")', {}),
    ("join_from", 'stmt = select(users.c.name, addresses.c.email).join_from(users, addresses)', {}),
    ("join_from_outer_onclause",
     'stmt = select(users.c.name).join_from(users, addresses, users.c.id == addresses.c.user_id, isouter=True)', {}),
    ("join_from_filter_by", 'stmt = select(users.c.name).join_from(users, addresses).filter_by(email="e")', {}),
    ("join_from_extends_join",
     'a2 = addresses.alias("a2")\n'
     'stmt = select(users.c.name).join(addresses).join_from(users, a2, users.c.id == a2.c.user_id)', {}),
    ("select_alias",
     'u = select(users.c.id, users.c.name).where(users.c.id > 2).alias("u")\n'
     'stmt = select(u.c.name).where(u.c.id < 10)', {}),
    ("select_alias_anonymous", 'stmt = select(select(users.c.id).where(users.c.id > 2).alias())', {}),
    # 2. operators with an expression on the right
    ("startswith_column", 'stmt = select(users.c.id).where(users.c.fullname.startswith(users.c.name))', {}),
    ("endswith_column", 'stmt = select(users.c.id).where(users.c.fullname.endswith(users.c.name))', {}),
    ("contains_column", 'stmt = select(users.c.id).where(users.c.fullname.contains(users.c.name))', {}),
    ("contains_concatenation",
     'stmt = select(users.c.id).where(users.c.fullname.contains(users.c.name.concat(" ")))', {}),
    ("like_column", 'stmt = select(users.c.id).where(users.c.fullname.like(users.c.name))', {}),
    ("not_like_column_escape",
     'stmt = select(users.c.id).where(users.c.fullname.not_like(users.c.name, escape="/"))', {}),
    ("ilike_column", 'stmt = select(users.c.id).where(users.c.fullname.ilike(users.c.name))', {}),
    ("not_ilike_column", 'stmt = select(users.c.id).where(users.c.fullname.not_ilike(users.c.name))', {}),
    ("concat_column", 'stmt = select(users.c.name.concat(users.c.fullname).label("both"))', {}),
    ("between_columns",
     'stmt = select(users.c.id).join(addresses).where(addresses.c.id.between(users.c.id, addresses.c.user_id))', {}),
    ("between_column_and_value",
     'stmt = select(users.c.id).join(addresses).where(addresses.c.id.between(users.c.id, 10))', {}),
    ("between_value_and_expression",
     'stmt = select(users.c.id).where(users.c.id.between(1, func.length(users.c.name) + 1))', {}),
    # 3. LIMIT / OFFSET with a bound parameter or an expression
    ("limit_offset_bindparam",
     'stmt = select(users.c.id).order_by(users.c.id).limit(bindparam("lim", 5)).offset(bindparam("off", 2))', {}),
    ("limit_bindparam", 'stmt = select(users.c.id).order_by(users.c.id).limit(bindparam("lim", 5))', {}),
    ("limit_bindparam_without_order_by", 'stmt = select(users.c.id).limit(bindparam("lim", 5))', {}),
    ("limit_expression",
     'stmt = select(users.c.id).order_by(users.c.id).limit(literal_column("2") + bindparam("extra", 1))', {}),
    ("offset_bindparam", 'stmt = select(users.c.id).order_by(users.c.id).offset(bindparam("off", 3))', {}),
    # 4. text() in WHERE, ORDER BY, GROUP BY and FROM; text().columns()
    ("text_where_with_criteria",
     'stmt = select(users.c.id).where(text("users.id > :x").bindparams(x=3), users.c.name == "a")', {}),
    ("text_where_percent", 'stmt = select(users.c.id).where(text("users.name LIKE \'e%\'"))', {}),
    ("text_group_by_order_by",
     'stmt = select(users.c.name, func.count(users.c.id).label("n")).group_by(text("name"))'
     '.order_by(text("name DESC"))', {}),
    ("text_from", 'stmt = select(column("name")).select_from(text("users")).where(column("id") > 1)', {}),
    ("textual_select",
     'stmt = text("SELECT id, name FROM users WHERE id > :min").bindparams(min=1)'
     '.columns(column("id", Integer), column("name", String))', {}),
    ("textual_subquery",
     't = text("SELECT id, name FROM users").columns(column("id", Integer), column("name", String)).subquery("t")\n'
     'stmt = select(t.c.id).where(t.c.name == "ed")', {}),
    ("textual_cte",
     'c = text("SELECT id, name FROM users").columns(column("id", Integer), column("name", String)).cte("c")\n'
     'stmt = select(c.c.name).order_by(c.c.name)', {}),
    # 5. ORDER BY / GROUP BY a label
    ("order_by_label",
     'n = func.count(addresses.c.id).label("n")\n'
     'stmt = select(users.c.name, n).join(addresses).group_by(users.c.name).order_by(n)', {}),
    ("order_by_label_desc",
     'n = func.count(addresses.c.id).label("n")\n'
     'stmt = select(users.c.name, n).join(addresses).group_by(users.c.name).order_by(n.desc())', {}),
    ("order_by_label_not_selected",
     'n = func.count(addresses.c.id).label("n")\n'
     'stmt = select(users.c.name).join(addresses).group_by(users.c.name).order_by(n)', {}),
    ("order_by_name",
     'stmt = select(users.c.name, func.count(addresses.c.id).label("n")).join(addresses).group_by("name")'
     '.order_by("n")', {}),
    ("order_by_desc_name",
     'stmt = select(users.c.name, func.count(addresses.c.id).label("n")).join(addresses).group_by(users.c.name)'
     '.order_by(desc("n"))', {}),
    ("order_by_column_name", 'stmt = select(users.c.name).order_by("name")', {}),
    ("order_by_from_column_name", 'stmt = select(users.c.name).order_by("fullname")', {}),
    ("order_by_unknown_name", 'stmt = select(users.c.name).order_by("nosuch")', {}),
    # 6. FOR UPDATE OF, type_coerce, Computed
    ("for_update_of_table", 'stmt = select(users.c.id).with_for_update(of=users)', {"oracle": ORACLE_OF_BUG}),
    ("for_update_of_alias",
     'ua = users.alias("ua")\nstmt = select(ua.c.id).with_for_update(of=ua, nowait=True)', {"oracle": ORACLE_OF_BUG}),
    ("for_update_of_columns", 'stmt = select(users.c.id).with_for_update(of=[users.c.id, users.c.name])', {}),
    ("type_coerce_column", 'stmt = select(type_coerce(users.c.name, String))', {}),
    ("type_coerce_label", 'stmt = select(type_coerce(users.c.name, String).label("x"))', {}),
    ("type_coerce_where", 'stmt = select(users.c.id).where(type_coerce(users.c.name, String) == "x")', {}),
    ("type_coerce_value", 'stmt = select(type_coerce("x", String).label("v"))', {}),
    ("type_coerce_value_right", 'stmt = select(users.c.id).where(users.c.name == type_coerce("x", String))', {}),
    ("type_coerce_order_group",
     'stmt = select(users.c.name).group_by(type_coerce(users.c.name, String))'
     '.order_by(type_coerce(users.c.name, String))', {}),
    ("type_coerce_subquery",
     's = select(type_coerce(users.c.id, String)).subquery("s")\nstmt = select(s.c.id)', {}),
    ("cast_column_keeps_name", 'stmt = select(cast(users.c.id, String))', {}),
    ("cast_column_in_subquery", 's = select(cast(users.c.id, String), users.c.name).subquery()\nstmt = select(s.c.id)', {}),
    ("cast_compared_with_value", 'stmt = select(users.c.id).where(cast(users.c.id, String) == "1")', {}),
    # 7. compounds nested in compounds, members with their own ORDER BY / LIMIT; values() as a
    # FROM; WITHIN GROUP; a function's value parameters named after it
    ("compound_nested_right",
     's = [select(users.c.id).where(users.c.id == i) for i in (1, 2, 3)]\n'
     'stmt = union(s[0], union_all(s[1], s[2]))', {}),
    ("compound_nested_left",
     's = [select(users.c.id).where(users.c.id == i) for i in (1, 2, 3)]\n'
     'stmt = except_(union(s[0], s[1]), s[2])', {}),
    ("compound_member_order_by_limit",
     's = [select(users.c.id).where(users.c.id == i) for i in (1, 2)]\n'
     'stmt = union(s[0].order_by(users.c.id).limit(1), s[1])', {}),
    ("compound_members_limit",
     's = [select(users.c.id).where(users.c.id == i) for i in (1, 2)]\n'
     'stmt = union_all(s[0].limit(1), s[1].limit(1))', {}),
    ("compound_order_by_name",
     's = [select(users.c.id).where(users.c.id == i) for i in (1, 2)]\n'
     'stmt = union(s[0], s[1]).order_by("id")', {}),
    ("values_from",
     'v = values(column("a", Integer), column("b", String), name="v").data([(1, "x"), (2, "y")])\n'
     'stmt = select(v.c.a, v.c.b).where(v.c.a > 1)', {}),
    ("within_group",
     'stmt = select(func.percentile_cont(0.5).within_group(users.c.id.desc()).label("p"))', {}),
    ("within_group_two_columns", 'stmt = select(func.rank(5).within_group(users.c.id, users.c.name))', {}),
    ("tablesample_named_seed",
     't = tablesample(users, func.bernoulli(1), name="alias", seed=func.random())\nstmt = select(t.c.name)', {}),
    ("tablesample_anonymous", 't = users.tablesample(func.system(10))\nstmt = select(t.c.id).where(t.c.id > 1)', {}),
    ("aggregate_order_by",
     'stmt = select(func.array_agg(aggregate_order_by(users.c.name, users.c.id.desc())))', {}),
    ("aggregate_order_by_string_agg",
     'stmt = select(func.string_agg(users.c.name, aggregate_order_by(literal_column("\',\'"), users.c.name)))', {}),
    ("table_valued",
     'tv = func.json_each(literal(\'{"a": 1}\')).table_valued("key", "value")\n'
     'stmt = select(tv.c.key, tv.c.value).where(tv.c.key != "b")', {}),
    ("table_valued_named",
     'gs = func.generate_series(1, 3).table_valued("value", name="gs")\nstmt = select(gs.c.value)', {}),
    ("column_valued", 'stmt = select(func.unnest(literal_column("ARRAY[1, 2]")).column_valued("x"))', {}),
    ("compound_limit_offset_bindparam",
     's = [select(users.c.id).where(users.c.id == i) for i in (1, 2)]\n'
     'stmt = union(s[0], s[1]).order_by("id").limit(bindparam("n", 2)).offset(bindparam("o", 1))',
     {"oracle": "SQLAlchemy 1.4's Oracle compiler drops the LIMIT and OFFSET of a compound SELECT without a word "
                "(every row comes back); sqla renders them"}),
    ("update_multiple_tables",
     'stmt = update(users).values({users.c.name: "n", addresses.c.email: "e"})'
     '.where(users.c.id == addresses.c.user_id)', {}),
    ("function_value_parameters",
     'stmt = select(func.coalesce(users.c.name, "x"), func.coalesce(users.c.name, literal("y")))', {}),
    # 8. prefix_with / suffix_with, mysql_limit, collate, match, regexp flags and replace,
    # IN lists with expressions, reverse operators, LIKE escape, ARRAY comparisons
    ("select_prefix_with", 'stmt = select(users.c.id).distinct().prefix_with("SQL_NO_CACHE")', {}),
    ("select_prefix_with_dialect",
     'stmt = select(users.c.id).prefix_with("SQL_NO_CACHE", dialect="mysql").prefix_with("/*+ FULL(users) */", '
     'dialect="oracle")', {}),
    ("select_suffix_with", 'stmt = select(users.c.id).suffix_with("LOCK IN SHARE MODE", dialect="mysql")', {}),
    ("insert_prefix_with", 'stmt = insert(users).prefix_with("IGNORE", dialect="mysql").values(id=1, name="x")', {}),
    ("update_prefix_with_limit",
     'stmt = update(users).prefix_with("LOW_PRIORITY").values(name="x").where(users.c.id > 1)'
     '.with_dialect_options(mysql_limit=1)', {}),
    ("delete_prefix_with",
     'stmt = delete(users).prefix_with("QUICK", dialect="mysql").where(users.c.id > 1)',
     {}),
    ("collate_where", 'stmt = select(users.c.id).where(users.c.name.collate("utf8mb4_bin") == "ed")', {}),
    ("collate_quoted_order_by", 'stmt = select(users.c.id).order_by(users.c.name.collate("C"))',
     {d: "SQLAlchemy 1.4 writes a collation name unquoted; sqla quotes one that needs it (\"C\"), as SQLAlchemy 2.0 "
         "does, so PostgreSQL finds collation C (unquoted it would look for c)" for d in DIALECTS if d != "mssql"}),
    ("match", 'stmt = select(users.c.id).where(users.c.name.match("ed"))', {}),
    ("not_match", 'stmt = select(users.c.id).where(~users.c.name.match("ed"))', {}),
    ("regexp_match_flags_i", 'stmt = select(users.c.id).where(users.c.name.regexp_match("^E", flags="i"))', {}),
    ("regexp_match_flags", 'stmt = select(users.c.id).where(users.c.name.regexp_match("^e", flags="c"))', {}),
    ("not_regexp_match_flags", 'stmt = select(users.c.id).where(~users.c.name.regexp_match("^E", flags="i"))', {}),
    ("regexp_match_column", 'stmt = select(users.c.id).where(users.c.fullname.regexp_match(users.c.name))', {}),
    ("regexp_replace", 'stmt = select(users.c.name.regexp_replace("e", "E"))', {}),
    ("regexp_replace_flags", 'stmt = select(users.c.name.regexp_replace("E", "x", flags="i"))', {}),
    ("in_expressions", 'stmt = select(users.c.id).where(users.c.id.in_([1, literal(2) + 1, users.c.id]))', {}),
    ("not_in_expressions", 'stmt = select(users.c.id).where(users.c.id.not_in([literal(1), 2]))', {}),
    ("reverse_operators", 'stmt = select((10 - users.c.id).label("a"), ("x" + users.c.name).label("b"))', {}),
    ("startswith_escape", 'stmt = select(users.c.id).where(users.c.name.startswith("a^%", escape="^"))', {}),
    ("contains_autoescape_escape",
     'stmt = select(users.c.id).where(users.c.name.contains("a%^b", autoescape=True, escape="^"))', {}),
    ("is_distinct_from_column",
     'stmt = select(users.c.id).where(users.c.name.is_distinct_from(users.c.fullname))', {}),
    ("array_contained_by", 'stmt = select(arrays.c.id).where(arrays.c.ints.contained_by([1, 2, 3]))', {}),
    ("array_overlap", 'stmt = select(arrays.c.id).where(arrays.c.ints.overlap([3, 4]))', {}),
    ("array_any_all", 'stmt = select(arrays.c.id).where(arrays.c.ints.any(2)).where(arrays.c.ints.all(2))', {}),
    ("order_by_none", 'stmt = select(users.c.name).order_by(users.c.name).group_by(users.c.name).order_by(None)'
                      '.group_by(None)', {}),
]

for persisted in (None, True, False):
    CASES.append((
        "computed_persisted_%s" % str(persisted).lower(),
        'm = MetaData()\n'
        't = Table("gen", m, Column("id", Integer, primary_key=True), Column("x", Integer),\n'
        '          Column("y", Integer, Computed("x * 2", persisted=%r)),\n'
        '          Column("z", Integer, Computed(literal_column("x") + 1), nullable=False))\n'
        'stmt = CreateTable(t)' % (persisted,), {}))


def first_line(e):
    return re.sub(r" at 0x[0-9a-f]+", "", "%s: %s" % (type(e).__name__, str(e).splitlines()[0]))


def render(stmt, dialect):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compiled = stmt.compile(dialect=dialect)
            params = dict(sorted((compiled.params or {}).items()))  # DDL has none
        return {"sql": str(compiled), "params": params}
    except Exception as e:  # noqa: BLE001 - a refusal is a result
        return {"error": first_line(e)}


out = []
for case_id, code, divergent in CASES:
    scope = dict(globals())
    exec(code, scope)
    stmt = scope["stmt"]
    entry = {"id": case_id, "construct": code, "dialects": {k: render(stmt, d) for k, d in DIALECTS.items()}}
    if divergent:
        entry["divergent"] = divergent
    out.append(entry)

print(json.dumps({"sqlalchemy_version": sa.__version__, "cases": out}, indent=1, sort_keys=True))
