# sqla: tests/sqlalchemy_suite/cases_dialects.py. Cases ported from SQLAlchemy's
# test/dialect/{postgresql,mysql,oracle,mssql}/test_compiler.py and test/dialect/test_sqlite.py
# (rel_1_4_46). Each is compiled on all seven dialect keys, like every other case.
# SPDX-License-Identifier: MIT


def add_dialect_cases(C):
    postgresql(C)
    mysql(C)
    oracle(C)
    mssql(C)
    sqlite(C)
    types(C)


def postgresql(C):
    S = "dialect/postgresql/test_compiler"
    C(S, "test_for_update", "FOR UPDATE OF a column, NOWAIT",
      "select(table1.c.myid).where(table1.c.myid == 7).with_for_update(nowait=True, of=table1.c.myid)")
    C(S, "test_for_update", "FOR SHARE SKIP LOCKED", "select(table1.c.myid).with_for_update(read=True, skip_locked=True)")
    C(S, "test_for_update", "FOR NO KEY UPDATE", "select(table1.c.myid).with_for_update(key_share=True)")
    C(S, "test_for_update", "FOR KEY SHARE", "select(table1.c.myid).with_for_update(read=True, key_share=True)")
    C(S, "test_for_update", "FOR UPDATE OF two columns of two tables",
      "select(table1.c.myid, table2.c.otherid).with_for_update(of=[table1.c.myid, table2.c.otherid])")
    C(S, "test_for_update", "FOR UPDATE OF an alias's column",
      "ta = table1.alias()\nstmt = select(ta.c.myid).with_for_update(of=ta.c.myid)")
    C(S, "test_distinct_on", "DISTINCT ON two columns",
      "select(table1).distinct(table1.c.myid, table1.c.name)")
    C(S, "test_distinct_on", "DISTINCT ON with order by",
      "select(table1.c.myid, table1.c.name).distinct(table1.c.name).order_by(table1.c.name, table1.c.myid.desc())")
    C(S, "test_regexp_match", "regexp_match", "select(table1.c.myid).where(table1.c.name.regexp_match('^a'))")
    C(S, "test_not_regexp_match", "not regexp_match", "select(table1.c.myid).where(~table1.c.name.regexp_match('^a'))")
    C(S, "test_regexp_match_column", "regexp_match with a column pattern",
      "select(table1.c.myid).where(table1.c.name.regexp_match(table1.c.description))")
    C(S, "test_ilike", "ILIKE", "select(table1.c.myid).where(table1.c.name.ilike('%x%'))")
    C(S, "test_insert_returning", "INSERT RETURNING two columns",
      "insert(table1).values(name='foo').returning(table1.c.myid, table1.c.name)")
    C(S, "test_update_returning", "UPDATE RETURNING", "update(table1).values(name='foo').returning(table1.c.myid, table1.c.name)")
    C(S, "test_update_returning", "UPDATE RETURNING a function",
      "update(table1).values(name='foo').returning(func.length(table1.c.name))")
    C(S, "test_delete_returning", "DELETE RETURNING", "delete(table1).where(table1.c.myid == 5).returning(table1.c.myid)")
    C(S, "test_do_nothing_no_target", "ON CONFLICT DO NOTHING",
      "pg_insert(mytable).values(myid=1, name='foo').on_conflict_do_nothing()", only=("postgresql",))
    C(S, "test_do_nothing_index_elements_target", "ON CONFLICT (myid) DO NOTHING",
      "pg_insert(mytable).values(myid=1, name='foo').on_conflict_do_nothing(index_elements=['myid'])", only=("postgresql",))
    C(S, "test_do_update_str_index_elements_target_one", "ON CONFLICT (myid) DO UPDATE SET",
      "i = pg_insert(mytable).values(myid=1, name='foo')\n"
      "stmt = i.on_conflict_do_update(index_elements=['myid'], set_=dict(name=i.excluded.name))", only=("postgresql",))
    C(S, "test_do_update_set_clause_literal", "ON CONFLICT DO UPDATE SET a value, with WHERE",
      "i = pg_insert(mytable).values(myid=1, name='foo')\n"
      "stmt = i.on_conflict_do_update(index_elements=['myid'], set_=dict(name='bar'), where=(mytable.c.name != 'baz'))", only=("postgresql",))
    C(S, "test_do_update_constraint", "ON CONFLICT ON CONSTRAINT",
      "i = pg_insert(mytable).values(myid=1, name='foo')\n"
      "stmt = i.on_conflict_do_update(constraint='uq_name', set_=dict(name=i.excluded.name))", only=("postgresql",))
    C(S, "test_array_index", "ARRAY index", "select(arrtable.c.intarr[2])")
    C(S, "test_array_index_in_where", "ARRAY index compared", "select(arrtable.c.intarr).where(arrtable.c.intarr[1] == 5)")
    C(S, "test_array_contains", "ARRAY contains", "select(arrtable.c.intarr).where(arrtable.c.intarr.contains([1, 2]))")
    C(S, "test_array_contained_by", "ARRAY contained_by", "select(arrtable.c.intarr).where(arrtable.c.intarr.contained_by([1, 2]))")
    C(S, "test_array_overlap", "ARRAY overlap", "select(arrtable.c.intarr).where(arrtable.c.intarr.overlap([1, 2]))")
    C(S, "test_array_any", "ARRAY .any()", "select(arrtable.c.intarr).where(arrtable.c.intarr.any(7))")
    C(S, "test_aggregate_order_by_one", "aggregate_order_by",
      "select(func.array_agg(aggregate_order_by(table1.c.myid, table1.c.myid.desc())))")
    C(S, "test_aggregate_order_by_multi_col", "string_agg with aggregate_order_by",
      "select(func.string_agg(table1.c.name, aggregate_order_by(literal_column(\"','\"), table1.c.myid)))")
    C(S, "test_extract", "EXTRACT with a timestamp column", "select(extract('year', dt.c.ts))")
    C(S, "test_extract", "EXTRACT with an interval expression",
      "select(extract('hour', dt.c.ts + datetime.timedelta(days=1)))")
    C(S, "test_cast_double_precision", "cast to Float(53)", "select(cast(table1.c.myid, Float(precision=53)))")
    C(S, "test_cast_interval", "cast to Interval", "select(cast(table1.c.name, Interval))")
    C(S, "test_cast_uuid", "cast to postgresql.UUID", "select(cast(table1.c.name, postgresql.UUID))")
    C(S, "test_cast_jsonb", "cast to JSONB", "select(cast(table1.c.name, postgresql.JSONB))")
    C(S, "test_match", "match()", "select(table1.c.myid).where(table1.c.name.match('somstr'))")
    C(S, "test_ilike_escape", "ILIKE with escape", "select(table1.c.myid).where(table1.c.name.ilike('a/%', escape='/'))")
    C(S, "test_update_from", "UPDATE FROM",
      "update(mytable).where(mytable.c.myid == myothertable.c.otherid).values(name=myothertable.c.othername)")
    C(S, "test_delete_extra_froms", "DELETE USING",
      "delete(mytable).where(mytable.c.myid == myothertable.c.otherid).where(myothertable.c.othername == 'x')")
    C(S, "test_percent_escaping", "%% in literal_column and op",
      "select(literal_column('a%b'), table1.c.myid.op('%%')(5))")
    C(S, "test_substring", "substring()", "select(func.substring(table1.c.name, 1, 2))")
    C(S, "test_is_distinct_from", "IS DISTINCT FROM a column",
      "select(table1.c.myid).where(table1.c.myid.is_distinct_from(table2.c.otherid))")
    C(S, "test_nulls_first_last", "NULLS FIRST / LAST",
      "select(table1.c.myid).order_by(table1.c.myid.asc().nulls_first(), table1.c.name.desc().nulls_last())")
    C(S, "test_lateral_join", "LATERAL join",
      "s = select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).lateral('b')\n"
      "stmt = select(table1.c.myid, s.c.otherid).select_from(table1.join(s, true()))")
    C(S, "test_limit_offset", "LIMIT / OFFSET", "select(table1.c.myid).order_by(table1.c.myid).limit(10).offset(5)")
    C(S, "test_fetch_with_ties", "FETCH FIRST WITH TIES", "select(table1.c.myid).order_by(table1.c.myid).fetch(10, with_ties=True)")
    C(S, "test_any_all", "= ANY and != ALL of an array",
      "select(table1.c.myid).where(literal(5) == any_(arrtable.c.intarr)).where(literal(6) != all_(arrtable.c.intarr))")
    C(S, "test_json_getitem", "JSON index", "j = table('j', column('data', JSON))\nstmt = select(j.c.data['key'])")
    C(S, "test_tablesample", "TABLESAMPLE SYSTEM", "select(tablesample(table1, func.system(1)).c.myid)")
    C(S, "test_pg_dollar_placeholder", "bindparams in text with a cast",
      "text('SELECT CAST(:x AS int), 1::int').bindparams(x=5)")

    # DDL
    C(S, "test_create_partial_index", "CREATE INDEX with postgresql_where",
      "tbl = Table('testtbl', MetaData(), Column('data', Integer))\n"
      "stmt = CreateIndex(Index('test_idx1', tbl.c.data, postgresql_where=and_(tbl.c.data > 5, tbl.c.data < 10)))")
    C(S, "test_create_index_with_using", "CREATE INDEX USING gin",
      "tbl = Table('testtbl', MetaData(), Column('data', String))\nstmt = CreateIndex(Index('test_idx2', tbl.c.data, postgresql_using='gin'))")
    C(S, "test_create_index_concurrently", "CREATE INDEX CONCURRENTLY",
      "tbl = Table('testtbl', MetaData(), Column('data', Integer))\nstmt = CreateIndex(Index('test_idx1', tbl.c.data, postgresql_concurrently=True))")
    C(S, "test_column_identity", "a GENERATED ALWAYS AS IDENTITY column",
      "t = Table('t', MetaData(), Column('y', Integer, Identity(always=True, start=4, increment=7)))\nstmt = CreateTable(t)")
    C(S, "test_column_computed", "a Computed column (GENERATED ALWAYS AS)",
      "t = Table('t', MetaData(), Column('x', Integer), Column('y', Integer, Computed('x + 2')))\nstmt = CreateTable(t)")
    C(S, "test_create_table_with_tablespace", "postgresql_tablespace",
      "t = Table('atable', MetaData(), Column('id', Integer), postgresql_tablespace='sometablespace')\nstmt = CreateTable(t)",
      missing="the postgresql_tablespace table option")
    # third batch
    C(S, "test_update_array_element", "UPDATE SET an array element", "update(arrtable).values({arrtable.c.intarr[5]: 7})",
      missing="UPDATE setting an array element (values() keyed by an expression)")
    C(S, "test_array_literal", "array literals added", "select(postgresql.array([1, 2]) + postgresql.array([3, 4, 5]))",
      missing="postgresql.array() literals")
    C(S, "test_array_agg_w_filter_subscript", "array_agg with filter", "select(func.array_agg(table1.c.myid).filter(table1.c.myid > 5))")
    C(S, "test_format", "to_char of a timestamp", "select(func.to_char(dt.c.ts, 'YYYY'))")
    C(S, "test_reserved_words", "columns named with PostgreSQL reserved words",
      "t = table('pg_table', column('col1'), column('variadic'))\nstmt = select(t.c.col1, t.c.variadic)")
    C(S, "test_for_update_with_schema", "FOR UPDATE OF a schema table's column",
      "select(table4.c.rem_id).with_for_update(of=table4.c.rem_id)")
    C(S, "test_from_only", "FROM ONLY via with_hint", "select(table1).with_hint(table1, 'ONLY', 'postgresql')",
      missing="Select.with_hint()")
    C(S, "test_quote_raw_string_col", "a mixed-case column", "t = table('t', column('FancyName'), column('norm'))\nstmt = select(t.c.FancyName)")
    C(S, "test_query_distinct_on_aliased", "DISTINCT ON an alias's column",
      "ta = table1.alias()\nstmt = select(ta).distinct(ta.c.myid)")

def mysql(C):
    S = "dialect/mysql/test_compiler"
    C(S, "test_limit", "LIMIT", "select(table1.c.myid).limit(10)")
    C(S, "test_limit", "LIMIT with OFFSET", "select(table1.c.myid).limit(10).offset(20)")
    C(S, "test_limit", "OFFSET without LIMIT", "select(table1.c.myid).offset(20)")
    C(S, "test_for_update", "FOR UPDATE / LOCK IN SHARE MODE",
      "select(table1.c.myid).with_for_update(read=True)")
    C(S, "test_for_update", "FOR UPDATE NOWAIT", "select(table1.c.myid).with_for_update(nowait=True)")
    C(S, "test_for_update", "FOR UPDATE SKIP LOCKED OF a column",
      "select(table1.c.myid).with_for_update(skip_locked=True, of=table1.c.myid)")
    C(S, "test_match", "MATCH AGAINST", "select(table1.c.myid).where(table1.c.name.match('x'))")
    C(S, "test_concat", "concat()", "select(func.concat(table1.c.name, 'x'))")
    C(S, "test_concat_operator", "|| becomes concat()", "select(table1.c.name + table1.c.description)")
    C(S, "test_regexp_match", "REGEXP", "select(table1.c.myid).where(table1.c.name.regexp_match('x'))")
    C(S, "test_not_regexp_match", "NOT REGEXP", "select(table1.c.myid).where(~table1.c.name.regexp_match('x'))")
    C(S, "test_ilike", "ILIKE emulated with lower()", "select(table1.c.myid).where(table1.c.name.ilike('x'))")
    C(S, "test_not_ilike", "NOT ILIKE emulated", "select(table1.c.myid).where(table1.c.name.not_ilike('x'))")
    C(S, "test_cast", "CAST to Integer (SIGNED INTEGER)", "select(cast(table1.c.name, Integer))")
    C(S, "test_cast", "CAST to String (CHAR)", "select(cast(table1.c.myid, String))")
    C(S, "test_cast", "CAST to Numeric", "select(cast(table1.c.myid, Numeric(12, 4)))")
    C(S, "test_cast", "CAST to Float (warns, not cast)", "select(cast(table1.c.myid, Float))")
    C(S, "test_cast", "CAST to DateTime", "select(cast(table1.c.name, DateTime))")
    C(S, "test_cast", "CAST to Date", "select(cast(table1.c.name, Date))")
    C(S, "test_cast", "CAST to Boolean (warns)", "select(cast(table1.c.myid, Boolean))")
    C(S, "test_cast", "CAST to Text", "select(cast(table1.c.myid, Text))")
    C(S, "test_cast", "CAST to LargeBinary", "select(cast(table1.c.name, LargeBinary))")
    C(S, "test_cast", "CAST to BigInteger", "select(cast(table1.c.name, BigInteger))")
    C(S, "test_cast", "CAST to Unicode", "select(cast(table1.c.myid, Unicode(20)))")
    C(S, "test_cast", "CAST to Time", "select(cast(table1.c.name, Time))")
    C(S, "test_on_duplicate_key_update", "INSERT ... ON DUPLICATE KEY UPDATE",
      "i = mysql_insert(mytable).values(myid=1, name='foo')\nstmt = i.on_duplicate_key_update(name=i.inserted.name)", only=("mysql",))
    C(S, "test_on_duplicate_key_update_literal", "ON DUPLICATE KEY UPDATE with a value",
      "i = mysql_insert(mytable).values(myid=1, name='foo')\nstmt = i.on_duplicate_key_update(name='bar')", only=("mysql",))
    C(S, "test_update_multi_table", "UPDATE of two tables (MySQL syntax)",
      "update(mytable).where(mytable.c.myid == myothertable.c.otherid).values(name='x')")
    C(S, "test_delete_extra_froms", "DELETE with a second table",
      "delete(mytable).where(mytable.c.myid == myothertable.c.otherid)")
    C(S, "test_utc_timestamp", "utc_timestamp", "select(func.utc_timestamp())")
    C(S, "test_sysdate", "sysdate", "select(func.sysdate())")
    C(S, "test_extract", "EXTRACT", "select(extract('year', dt.c.ts))")
    C(S, "test_extract", "EXTRACT millisecond", "select(extract('milliseconds', dt.c.ts))")
    C(S, "test_true_false", "true()/false() in where", "select(table1.c.myid).where(and_(table1.c.myid == 5, true()))")
    C(S, "test_percent", "modulo doubled", "select(table1.c.myid % 5)")
    C(S, "test_contains_percent", "contains with format paramstyle", "select(table1.c.myid).where(table1.c.name.contains('x'))")
    C(S, "test_startswith_autoescape", "startswith autoescape", "select(table1.c.myid).where(table1.c.name.startswith('a%', autoescape=True))")
    C(S, "test_prefix_with", "SQL_NO_CACHE prefix", "select(table1.c.myid).prefix_with('SQL_NO_CACHE', dialect='mysql')")
    C(S, "test_groupby_rollup", "WITH ROLLUP", "select(func.sum(table1.c.myid)).group_by(func.rollup(table1.c.name))")
    C(S, "test_distinct_on_warning", "distinct(expr) on MySQL",
      "select(table1.c.myid).distinct(table1.c.myid)")
    C(S, "test_is_distinct_from", "<=> for IS NOT DISTINCT FROM",
      "select(table1.c.myid).where(table1.c.myid.is_not_distinct_from(5))")

    # DDL
    C(S, "test_create_index_with_length", "CREATE INDEX with mysql_length",
      "tbl = Table('testtbl', MetaData(), Column('data', String(255)))\nstmt = CreateIndex(Index('test_idx1', tbl.c.data, mysql_length=10))")
    C(S, "test_create_index_with_prefix", "CREATE FULLTEXT INDEX",
      "tbl = Table('testtbl', MetaData(), Column('data', String(255)))\nstmt = CreateIndex(Index('test_idx1', tbl.c.data, mysql_length=10, mysql_prefix='FULLTEXT'))")
    C(S, "test_innodb_autoincrement", "composite PK with the autoincrement column second, InnoDB",
      "t = Table('sometable', MetaData(), Column('assigned_id', Integer(), primary_key=True, autoincrement=False),\n"
      "          Column('id', Integer(), primary_key=True, autoincrement=True), mysql_engine='InnoDB')\nstmt = CreateTable(t)")
    C(S, "test_column_computed", "a Computed column", "t = Table('t', MetaData(), Column('x', Integer), Column('y', Integer, Computed('x + 2')))\nstmt = CreateTable(t)")
    # third batch
    C(S, "test_full_outer_join", "FULL OUTER JOIN on MySQL",
      "select(table1).select_from(table1.join(table2, table1.c.myid == table2.c.otherid, full=True))")
    C(S, "test_update_limit", "UPDATE ... LIMIT", "update(table1).values(name='x').with_dialect_options(mysql_limit=10)")
    C(S, "test_utc_timestamp_fsp", "utc_timestamp with fsp", "select(func.utc_timestamp(5))")
    C(S, "test_cast_literal_bind", "CAST of a literal with literal_binds", "select(cast(literal(5), Integer))", kw={"literal_binds": True})
    C(S, "test_unsupported_casts", "CAST to Interval: warned about, not rendered", "select(cast(table1.c.name, Interval))")
    C(S, "test_unsupported_casts", "CAST to JSON", "select(cast(table1.c.name, JSON))")
    C(S, "test_inner_join", "an inner join", "select(table1.c.myid).select_from(table1.join(table2, table1.c.myid == table2.c.otherid))")
    C(S, "test_outer_join", "an outer join", "select(table1.c.myid).select_from(table1.outerjoin(table2, table1.c.myid == table2.c.otherid))")

def oracle(C):
    S = "dialect/oracle/test_compiler"
    C(S, "test_limit_one", "ROWNUM limit", "select(table1.c.myid).limit(10)")
    C(S, "test_limit_one", "ROWNUM limit and offset with where",
      "select(table1.c.myid, table1.c.name).where(table1.c.myid > 5).limit(10).offset(20)")
    C(S, "test_limit_two", "limit on a select from a subquery",
      "s = select(table1.c.myid).limit(10).subquery()\nstmt = select(s.c.myid).limit(5)")
    C(S, "test_limit_three", "offset only", "select(table1.c.myid).order_by(table1.c.myid).offset(10)")
    C(S, "test_limit_special_quoting", "limit over a quoted column",
      "t = table('t', column('SOME QUOTE NEEDED'))\nstmt = select(t).limit(5)")
    C(S, "test_fetch", "FETCH FIRST on Oracle", "select(table1.c.myid).order_by(table1.c.myid).fetch(5)")
    C(S, "test_fetch_offset", "OFFSET FETCH on Oracle", "select(table1.c.myid).order_by(table1.c.myid).offset(3).fetch(5)")
    C(S, "test_for_update", "FOR UPDATE OF", "select(table1.c.myid).with_for_update(of=table1.c.myid)")
    C(S, "test_for_update", "FOR UPDATE SKIP LOCKED", "select(table1.c.myid).with_for_update(skip_locked=True)")
    C(S, "test_for_update", "FOR UPDATE with limit", "select(table1.c.myid).with_for_update().limit(10)")
    C(S, "test_alias_no_as", "aliases render without AS", "a = table1.alias('t')\nstmt = select(a.c.myid)")
    C(S, "test_subquery_no_as", "subqueries render without AS", "s = select(table1.c.myid).subquery('s')\nstmt = select(s.c.myid)")
    C(S, "test_outer_join", "LEFT OUTER JOIN", "select(table1.c.myid).select_from(table1.outerjoin(table2, table1.c.myid == table2.c.otherid))")
    C(S, "test_nulls_first", "NULLS FIRST", "select(table1.c.myid).order_by(table1.c.myid.nulls_first())")
    C(S, "test_true_false", "true() / false() render as 1 = 1", "select(table1.c.myid).where(true())")
    C(S, "test_boolean_column", "boolean column in where", "select(dt.c.d).where(dt.c.flag)")
    C(S, "test_mod", "modulo renders mod()", "select(table1.c.myid % 5)")
    C(S, "test_char_length", "char_length renders LENGTH", "select(func.char_length(table1.c.name))")
    C(S, "test_now", "now() renders CURRENT_TIMESTAMP", "select(func.now())")
    C(S, "test_regexp_match", "REGEXP_LIKE", "select(table1.c.myid).where(table1.c.name.regexp_match('x'))")
    C(S, "test_regexp_match_flags", "REGEXP_LIKE with flags", "select(table1.c.myid).where(table1.c.name.regexp_match('x', flags='i'))")
    C(S, "test_returning_insert", "INSERT RETURNING INTO", "insert(table1).values(name='x').returning(table1.c.myid)")
    C(S, "test_returning_update", "UPDATE RETURNING INTO", "update(table1).values(name='x').returning(table1.c.myid)")
    C(S, "test_reserved_bind_name", "a bind named after a reserved word",
      "select(table1.c.myid).where(table1.c.myid == bindparam('uid'))")
    C(S, "test_reserved_bind_name", "a bind named after a column named 'order'",
      "t = table('t', column('order', Integer))\nstmt = select(t).where(t.c.order == 5)")
    C(S, "test_cast_types", "CAST to String without length", "select(cast(table1.c.myid, String))")
    C(S, "test_cast_types", "CAST to Unicode", "select(cast(table1.c.myid, Unicode(20)))")
    C(S, "test_cast_types", "CAST to DateTime", "select(cast(table1.c.name, DateTime))")
    C(S, "test_sequence", "next value of a sequence", "select(Sequence('my_seq').next_value())",
      missing="Sequence.next_value() as an expression")
    C(S, "test_union_limit", "union with limit",
      "union(select(table1.c.myid), select(table2.c.otherid)).limit(5)")
    C(S, "test_union_order_limit", "union with order by and limit",
      "union(select(table1.c.myid), select(table2.c.otherid)).order_by(column('myid')).limit(5)")
    C(S, "test_use_binds_for_limits", "literal_binds limit", "select(table1.c.myid).limit(10)", kw={"literal_binds": True})
    C(S, "test_long_labels", "a label longer than 30 characters",
      "select(table1.c.myid.label('a_very_long_label_name_that_is_longer_than_thirty'))")
    C(S, "test_outer_join_chain", "two outer joins",
      "select(table1.c.myid).select_from(table1.outerjoin(table2, table1.c.myid == table2.c.otherid).outerjoin(table3, table2.c.otherid == table3.c.userid))")

    # DDL
    C(S, "test_column_identity", "an identity column with options",
      "t = Table('t', MetaData(), Column('y', Integer, Identity(always=True, start=4, increment=7, nominvalue=True, nomaxvalue=True, cycle=False, order=False)))\n"
      "stmt = CreateTable(t)")
    C(S, "test_column_identity_on_null", "an identity column BY DEFAULT ON NULL",
      "t = Table('t', MetaData(), Column('y', Integer, Identity(always=False, on_null=True, start=4, increment=7)))\nstmt = CreateTable(t)")
    # third batch
    C(S, "test_for_update_of_w_limit_adaption_col_present", "FOR UPDATE OF with LIMIT (ROWNUM wrapping)",
      "select(table1.c.myid, table1.c.name).where(table1.c.myid == 7).with_for_update(nowait=True, of=table1.c.name).limit(10)")
    C(S, "test_for_update_of_w_limit_offset_adaption_col_present", "FOR UPDATE OF with LIMIT and OFFSET",
      "select(table1.c.myid, table1.c.name).where(table1.c.myid == 7).with_for_update(nowait=True, of=table1.c.name).limit(10).offset(50)")
    C(S, "test_bindparam_quote_works_on_expanding", "an expanding bind named uid",
      "select(table1.c.myid).where(table1.c.myid.in_(bindparam('uid', [1, 2, 3], expanding=True)))")
    C(S, "test_returning_insert_labeled", "INSERT RETURNING labelled columns",
      "insert(table1).values(name='x').returning(table1.c.myid.label('c1'), table1.c.name.label('c2'))")
    C(S, "test_limit_four", "limit and offset with order by",
      "select(table1.c.myid).where(table1.c.myid > 5).order_by(table1.c.name).limit(10).offset(20)")
    C(S, "test_limit_five", "a limit over a join",
      "select(table1.c.myid, table2.c.othername).select_from(table1.join(table2, table1.c.myid == table2.c.otherid)).limit(10)")

def mssql(C):
    S = "dialect/mssql/test_compiler"
    C(S, "test_select_top", "TOP n", "select(table1.c.myid).limit(10)")
    C(S, "test_select_top", "TOP n with order by", "select(table1.c.myid).order_by(table1.c.myid).limit(10)")
    C(S, "test_limit_offset_using_window", "OFFSET via ROW_NUMBER / OFFSET FETCH",
      "select(table1.c.myid, table1.c.name).order_by(table1.c.myid).limit(10).offset(20)")
    C(S, "test_offset_using_window", "offset only, ordered", "select(table1.c.myid).order_by(table1.c.myid).offset(20)")
    C(S, "test_limit_zero_offset", "limit with offset 0", "select(table1.c.myid).order_by(table1.c.myid).limit(10).offset(0)")
    C(S, "test_offset_no_order_by", "offset without ORDER BY (refused)", "select(table1.c.myid).offset(20)")
    C(S, "test_fetch", "FETCH on SQL Server", "select(table1.c.myid).order_by(table1.c.myid).fetch(5)")
    C(S, "test_fetch_percent", "TOP PERCENT", "select(table1.c.myid).order_by(table1.c.myid).fetch(5, percent=True)")
    C(S, "test_fetch_with_ties", "TOP WITH TIES", "select(table1.c.myid).order_by(table1.c.myid).fetch(5, with_ties=True)")
    C(S, "test_union_order_limit", "union with order by and limit",
      "union(select(table1.c.myid), select(table2.c.otherid)).order_by(column('myid')).limit(5)")
    C(S, "test_union_order_limit", "union with order by, limit and offset",
      "union(select(table1.c.myid), select(table2.c.otherid)).order_by(column('myid')).limit(5).offset(2)")
    C(S, "test_schema_many_tokens", "schema with dots (dbo.remote_owner)",
      "select(table5.c.rem_id).where(table5.c.value == 'x')")
    C(S, "test_schema_single_token", "schema remote_owner", "select(table4.c.rem_id, table4.c.value)")
    C(S, "test_schema_alias", "alias of a schema table", "a = table4.alias('a')\nstmt = select(a.c.rem_id)")
    C(S, "test_true_false", "true() in columns", "select(true(), false())")
    C(S, "test_boolean_in_where", "boolean column in where", "select(dt.c.d).where(dt.c.flag)")
    C(S, "test_boolean_negated", "negated boolean column", "select(dt.c.d).where(~dt.c.flag)")
    C(S, "test_concat", "+ for string concatenation", "select(table1.c.name + 'x')")
    C(S, "test_length", "LEN for char_length", "select(func.char_length(table1.c.name))")
    C(S, "test_now", "GETDATE for now", "select(func.now())")
    C(S, "test_current_date", "current_date on SQL Server", "select(func.current_date())")
    C(S, "test_extract", "DATEPART", "select(extract('month', dt.c.ts))")
    C(S, "test_in_with_subquery", "IN a subquery", "select(table1.c.myid).where(table1.c.myid.in_(select(table2.c.otherid)))")
    C(S, "test_update_from", "UPDATE FROM on SQL Server",
      "update(mytable).where(mytable.c.myid == myothertable.c.otherid).values(name='x')")
    C(S, "test_delete_extra_froms", "DELETE FROM with a join table",
      "delete(mytable).where(mytable.c.myid == myothertable.c.otherid)")
    C(S, "test_insert_returning", "OUTPUT inserted", "insert(table1).values(name='x').returning(table1.c.myid)")
    C(S, "test_update_returning", "OUTPUT inserted on UPDATE", "update(table1).values(name='x').returning(table1.c.myid, table1.c.name)")
    C(S, "test_delete_returning", "OUTPUT deleted", "delete(table1).where(table1.c.myid == 5).returning(table1.c.myid)")
    C(S, "test_is_distinct_from", "IS DISTINCT FROM emulated", "select(table1.c.myid).where(table1.c.myid.is_distinct_from(5))")
    C(S, "test_for_update", "FOR UPDATE ignored on SQL Server", "select(table1.c.myid).with_for_update()")
    C(S, "test_cast", "CAST to String (VARCHAR)", "select(cast(table1.c.myid, String))")
    C(S, "test_cast", "CAST to Text", "select(cast(table1.c.myid, Text))")
    C(S, "test_cast", "CAST to Date", "select(cast(table1.c.name, Date))")
    C(S, "test_cast", "CAST to LargeBinary", "select(cast(table1.c.name, LargeBinary))")
    C(S, "test_cast", "CAST to Boolean (BIT)", "select(cast(table1.c.myid, Boolean))")
    C(S, "test_cast", "CAST to Time", "select(cast(table1.c.name, Time))")
    C(S, "test_cast", "CAST to UnicodeText", "select(cast(table1.c.myid, UnicodeText))")
    C(S, "test_empty_insert", "insert with no values", "insert(table4)")
    C(S, "test_multi_values", "multi-row insert", "insert(table1).values([{'myid': 1}, {'myid': 2}])")
    C(S, "test_like_escape", "LIKE ESCAPE", "select(table1.c.myid).where(table1.c.name.like('a/%', escape='/'))")
    C(S, "test_contains", "contains with + concatenation", "select(table1.c.myid).where(table1.c.name.contains('x'))")
    C(S, "test_mod", "modulo", "select(table1.c.myid % 3)")
    C(S, "test_exists_in_columns", "EXISTS wrapped in CASE in the column list",
      "select(exists().where(table2.c.otherid == table1.c.myid).label('e'))")
    C(S, "test_window_rows", "ROWS frame", "select(func.sum(table1.c.myid).over(order_by=table1.c.myid, rows=(-1, 1)))")

    # DDL
    C(S, "test_identity_object_1_1", "IDENTITY(1,1) primary key",
      "t = Table('test', MetaData(), Column('id', Integer, Identity(start=1, increment=1), primary_key=True))\nstmt = CreateTable(t)")
    C(S, "test_identity_increment_5", "IDENTITY with increment 5",
      "t = Table('test', MetaData(), Column('id', Integer, Identity(increment=5), primary_key=True))\nstmt = CreateTable(t)")
    C(S, "test_index_where", "filtered index (mssql_where)",
      "tbl = Table('test', MetaData(), Column('x', Integer))\nstmt = CreateIndex(Index('test_idx_data_1', tbl.c.x, mssql_where=tbl.c.x > 1))")
    # third batch
    C(S, "test_in_with_subqueries", "= a scalar subquery of the same table",
      "t = table('sometable', column('somecolumn'))\nstmt = select(t).where(t.c.somecolumn == select(t).scalar_subquery())")
    C(S, "test_in_with_subqueries", "!= a scalar subquery of the same table",
      "t = table('sometable', column('somecolumn'))\nstmt = select(t).where(t.c.somecolumn != select(t).scalar_subquery())")
    C(S, "test_noorderby_insubquery", "ORDER BY dropped in a subquery",
      "q = select(table1.c.myid).order_by(table1.c.myid).alias('foo')\nstmt = select('*').where(q.c.myid == table1.c.myid)")
    C(S, "test_delete_schema", "DELETE from a schema table",
      "tbl = Table('test', MetaData(), Column('id', Integer, primary_key=True), schema='paj')\nstmt = delete(tbl).where(tbl.c.id == 1)")
    C(S, "test_delete_schema", "DELETE from a schema table with IN a select",
      "tbl = Table('test', MetaData(), Column('id', Integer, primary_key=True), schema='paj')\n"
      "stmt = delete(tbl).where(tbl.c.id.in_(select(tbl.c.id).where(tbl.c.id == 1)))")
    C(S, "test_delete_schema_multipart", "DELETE from a two-part schema table",
      "tbl = Table('test', MetaData(), Column('id', Integer, primary_key=True), schema='banana.paj')\nstmt = delete(tbl).where(tbl.c.id == 1)")
    C(S, "test_update_to_select_schema", "UPDATE a schema table to a correlated scalar subquery",
      "meta = MetaData()\ntbl = Table('sometable', meta, Column('sym', String), Column('val', Integer), schema='schema')\n"
      "other = Table('#other', meta, Column('sym', String), Column('newval', Integer))\n"
      "stmt = update(tbl).values(val=select(other.c.newval).where(tbl.c.sym == other.c.sym).scalar_subquery())")
    C(S, "test_limit_offset_with_correlated_order_by", "LIMIT/OFFSET ordered by a correlated subquery",
      "t1 = table('t1', column('x', Integer), column('y', Integer))\nt2 = table('t2', column('x', Integer), column('y', Integer))\n"
      "order_by = select(t2.c.y).where(t1.c.x == t2.c.x).scalar_subquery()\n"
      "stmt = select(t1).where(t1.c.x == 5).order_by(order_by).limit(10).offset(20)")
    C(S, "test_offset_dont_misapply_labelreference", "OFFSET ordered by a labelled function",
      "t = Table('t', MetaData(), Column('x', Integer))\nexpr1 = func.foo(t.c.x).label('x')\nstmt = select(expr1).order_by(expr1.desc()).offset(1)")
    C(S, "test_limit_zero_using_top", "TOP 0", "select(table1.c.myid).where(table1.c.myid == 5).order_by(table1.c.name).limit(0)")
    C(S, "test_limit_using_top_literal_binds", "TOP with literal_binds",
      "select(table1.c.myid).where(table1.c.myid == 5).order_by(table1.c.name).limit(10)", kw={"literal_binds": True})
    C(S, "test_schema_autosplit_w_dot_case_insensitive", "a four-part schema",
      "tbl = Table('test', MetaData(), Column('id', Integer, primary_key=True), schema='foo.dbo')\nstmt = select(tbl.c.id)")

def sqlite(C):
    S = "dialect/test_sqlite"
    C(S, "test_extract", "EXTRACT via STRFTIME: year", "select(extract('year', dt.c.ts))")
    C(S, "test_extract", "EXTRACT via STRFTIME: dow", "select(extract('dow', dt.c.ts))")
    C(S, "test_extract", "EXTRACT via STRFTIME: epoch", "select(extract('epoch', dt.c.ts))")
    C(S, "test_extract", "EXTRACT via STRFTIME: second", "select(extract('second', dt.c.ts))")
    C(S, "test_true_false", "true() / false() as 1 / 0", "select(table1.c.myid).where(or_(true(), false()))")
    C(S, "test_localtime", "localtimestamp on SQLite", "select(func.localtimestamp())")
    C(S, "test_on_conflict_do_nothing", "SQLite ON CONFLICT DO NOTHING",
      "sqlite_insert(mytable).values(myid=1, name='foo').on_conflict_do_nothing()", only=("sqlite",))
    C(S, "test_on_conflict_do_update", "SQLite ON CONFLICT DO UPDATE",
      "i = sqlite_insert(mytable).values(myid=1, name='foo')\n"
      "stmt = i.on_conflict_do_update(index_elements=['myid'], set_=dict(name=i.excluded.name))", only=("sqlite",))
    C(S, "test_offset_only", "OFFSET without LIMIT (LIMIT -1)", "select(table1.c.myid).offset(5)")
    C(S, "test_regexp", "REGEXP", "select(table1.c.myid).where(table1.c.name.regexp_match('x'))")
    C(S, "test_empty_insert", "DEFAULT VALUES", "insert(table4)")
    C(S, "test_for_update", "FOR UPDATE ignored on SQLite", "select(table1.c.myid).with_for_update()")
    C(S, "test_cast_datetime", "CAST to DateTime", "select(cast(table1.c.name, DateTime))")

    # DDL
    C(S, "test_sqlite_autoincrement", "sqlite_autoincrement",
      "t = Table('autoinctable', MetaData(), Column('id', Integer, primary_key=True), Column('x', Integer), sqlite_autoincrement=True)\nstmt = CreateTable(t)")
    C(S, "test_create_partial_index", "CREATE INDEX with sqlite_where",
      "tbl = Table('testtbl', MetaData(), Column('data', Integer))\nstmt = CreateIndex(Index('test_idx1', tbl.c.data, sqlite_where=and_(tbl.c.data > 5, tbl.c.data < 10)))")
    C(S, "test_column_computed", "a Computed column", "t = Table('t', MetaData(), Column('x', Integer), Column('y', Integer, Computed('x + 2')))\nstmt = CreateTable(t)")
    # third batch
    C(S, "test_is_distinct_from", "IS NOT on SQLite", "select(table1.c.myid).where(table1.c.myid.is_distinct_from(5))")
    C(S, "test_is_distinct_from", "IS on SQLite", "select(table1.c.myid).where(table1.c.myid.is_not_distinct_from(5))")
    C(S, "test_in_tuple", "tuple IN on SQLite", "select(table1.c.myid).where(tuple_(table1.c.myid, table1.c.name).in_([(1, 'a'), (2, 'b')]))")
    C(S, "test_not_regexp_match", "NOT REGEXP", "select(table1.c.myid).where(~table1.c.name.regexp_match('x'))")
    C(S, "test_on_conflict_do_nothing_target", "ON CONFLICT (myid) DO NOTHING",
      "sqlite_insert(mytable).values(myid=1, name='foo').on_conflict_do_nothing(index_elements=['myid'])", only=("sqlite",))
    C(S, "test_on_conflict_do_update_two", "ON CONFLICT DO UPDATE with WHERE",
      "i = sqlite_insert(mytable).values(myid=1, name='foo')\n"
      "stmt = i.on_conflict_do_update(index_elements=['myid'], set_=dict(name='x'), where=(mytable.c.name != 'y'))", only=("sqlite",))
    C(S, "test_extract", "EXTRACT month", "select(extract('month', dt.c.ts))")
    C(S, "test_extract", "EXTRACT hour", "select(extract('hour', dt.c.ts))")
    C(S, "test_extract", "EXTRACT doy", "select(extract('doy', dt.c.ts))")
    C(S, "test_extract", "EXTRACT week", "select(extract('week', dt.c.ts))")
    C(S, "test_empty_insert_nopk1", "INSERT with no values into a table without a primary key",
      "t = Table('a', MetaData(), Column('id', Integer))\nstmt = insert(t)")


# Type rendering in CREATE TABLE, per dialect and server version (mssql before 2008 / 2017, Oracle
# national types): test/sql/test_types.py's CompileTest and the oracle / mssql test_types.py checks.
TYPE_CASES = [
    ("sql/test_types", "test_string_plain", "String()"),
    ("sql/test_types", "test_string_length", "String(50)"),
    ("sql/test_types", "test_text_plain", "Text()"),
    ("sql/test_types", "test_text_length", "Text(50)"),
    ("sql/test_types", "test_numeric_plain", "Numeric()"),
    ("sql/test_types", "test_numeric_precision", "Numeric(2)"),
    ("sql/test_types", "test_numeric_scale", "Numeric(2, 4)"),
    ("dialect/oracle/test_types", "test_varchar_types", "Unicode(50)"),
    ("dialect/oracle/test_types", "test_varchar_types", "UnicodeText()"),
    ("dialect/oracle/test_types", "test_interval", "Interval()"),
    ("dialect/mssql/test_types", "test_dates", "Date()"),
    ("dialect/mssql/test_types", "test_dates", "Time()"),
    ("dialect/mssql/test_types", "test_dates", "DateTime()"),
    ("dialect/mssql/test_types", "test_dates", "DateTime(timezone=True)"),
    ("dialect/mssql/test_types", "test_binary", "LargeBinary()"),
    ("dialect/mssql/test_types", "test_char", "Unicode(30)"),
    ("dialect/mssql/test_types", "test_char", "UnicodeText()"),
    ("dialect/mssql/test_types", "test_boolean", "Boolean()"),
    ("dialect/mssql/test_types", "test_numeric", "Float()"),
    ("dialect/mssql/test_types", "test_numeric", "BigInteger()"),
    ("dialect/mssql/test_types", "test_numeric", "SmallInteger()"),
]


def types(C):
    for src, fn, typ in TYPE_CASES:
        C(src, fn, "CREATE TABLE with a %s column" % typ,
          "t = Table('t', MetaData(), Column('x', %s))\nstmt = CreateTable(t)" % typ)
