#!/usr/bin/python3
"""What SQLAlchemy 1.4.46 renders for each type in CAST and in CREATE TABLE, on each dialect.

Run with Debian's python3-sqlalchemy (1.4.46):
    /usr/bin/python3 tests/data/types/generate_type_renderings.py > tests/data/types/type_renderings.json
tests/sqla/types/type_rendering_test.cpp builds the same types with sqla (by the ids below) and
compares. A dialect that refuses a type records the error's first line; a CAST that MySQL skips
(SQLAlchemy warns and renders the bare expression) records the SQL it renders all the same.
"""
import json
import re
import warnings

import sqlalchemy as sa
from sqlalchemy.dialects import mssql, mysql, oracle, postgresql, sqlite
from sqlalchemy.schema import CreateTable

TYPES = {
    "Integer": sa.Integer(),
    "BigInteger": sa.BigInteger(),
    "SmallInteger": sa.SmallInteger(),
    "Boolean": sa.Boolean(),
    "String": sa.String(),
    "String(50)": sa.String(50),
    "Text": sa.Text(),
    "Text(16777215)": sa.Text(16777215),
    "Unicode(30)": sa.Unicode(30),
    "UnicodeText": sa.UnicodeText(),
    "Float": sa.Float(),
    "Float(10)": sa.Float(10),
    "Numeric": sa.Numeric(),
    "Numeric(10)": sa.Numeric(10),
    "Numeric(10, 2)": sa.Numeric(10, 2),
    "Date": sa.Date(),
    "Time": sa.Time(),
    "DateTime": sa.DateTime(),
    "DateTime(timezone=True)": sa.DateTime(timezone=True),
    "Interval": sa.Interval(),
    "LargeBinary": sa.LargeBinary(),
    "LargeBinary(100)": sa.LargeBinary(100),
    "LargeBinary(16777215)": sa.LargeBinary(16777215),
    "JSON": sa.JSON(),
    "Enum('a', 'b', name='ab')": sa.Enum("a", "b", name="ab"),
    "postgresql.UUID": postgresql.UUID(),
    "postgresql.JSONB": postgresql.JSONB(),
    "postgresql.ARRAY(Integer)": postgresql.ARRAY(sa.Integer()),
    "mysql.DATETIME(fsp=6)": mysql.DATETIME(fsp=6),
    "mysql.TIME(fsp=6)": mysql.TIME(fsp=6),
    "mysql.DATETIME(fsp=3)": mysql.DATETIME(fsp=3),
}

DIALECTS = {
    "sqlite": sqlite.dialect(),
    "postgresql": postgresql.dialect(),
    "mysql": mysql.dialect(),
    "oracle": oracle.dialect(),
    "mssql": mssql.dialect(),
}


def first_line(e):
    # Object addresses ("<... object at 0x7f...>") differ from run to run: drop them.
    return re.sub(r" at 0x[0-9a-f]+", "", "%s: %s" % (type(e).__name__, str(e).splitlines()[0]))


def render(fn):
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            sql = fn()
        return {"sql": sql, "warnings": [str(w.message).splitlines()[0] for w in caught]}
    except Exception as e:  # noqa: BLE001 - a refusal is a result
        return {"error": first_line(e)}


out = {}
for type_id, type_ in TYPES.items():
    out[type_id] = {}
    for name, dialect in DIALECTS.items():
        cast = render(lambda: str(sa.select(sa.cast(sa.column("x"), type_)).compile(dialect=dialect)))
        table = sa.Table("t", sa.MetaData(), sa.Column("x", type_))
        ddl = render(lambda: str(CreateTable(table).compile(dialect=dialect)))
        out[type_id][name] = {"cast": cast, "ddl": ddl}
print(json.dumps(out, indent=1, sort_keys=True))
