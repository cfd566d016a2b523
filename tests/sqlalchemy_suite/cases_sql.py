# sqla: tests/sqlalchemy_suite/cases_sql.py. Cases ported from SQLAlchemy's test/sql/*.py (rel_1_4_46).
# Each C(...) is one assert_compile() check: its construct as the test builds it (names of
# gen.py's SCHEMA in scope). gen.py compiles it; nothing here is expected SQL.
# SPDX-License-Identifier: MIT


def add_sql_cases(C):
    compiler(C)
    operators(C)
    selectable(C)
    text_(C)
    cte(C)
    functions(C)
    insert(C)
    update(C)
    delete(C)
    quote(C)


def compiler(C):
    S = "sql/test_compiler"
    C(S, "test_table_select", "select of a whole table()", "select(table1)")
    C(S, "test_table_select", "select of two tables: a cartesian FROM", "select(table1, table2)")
    C(S, "test_int_limit_offset_coercion", "limit and offset as integers", "select(table1.c.myid).limit(5).offset(10)")
    C(S, "test_limit_offset", "limit only", "select(table1.c.myid).limit(10)")
    C(S, "test_limit_offset", "offset only", "select(table1.c.myid).offset(10)")
    C(S, "test_limit_offset", "limit and offset with ORDER BY", "select(table1.c.myid).order_by(table1.c.myid).limit(10).offset(20)")
    C(S, "test_limit_offset_no_int_coercion_one", "limit given as a bindparam",
      "select(table1.c.myid).limit(bindparam('x')).offset(bindparam('y'))")
    C(S, "test_limit_offset_no_int_coercion_two", "limit given as literal_column",
      "select(table1.c.myid).limit(literal_column('Q')).offset(literal_column('Z'))")
    C(S, "test_fetch", "fetch first n rows", "select(table1.c.myid).order_by(table1.c.myid).fetch(5)")
    C(S, "test_fetch", "fetch with ties", "select(table1.c.myid).order_by(table1.c.myid).fetch(5, with_ties=True)")
    C(S, "test_fetch", "fetch percent", "select(table1.c.myid).order_by(table1.c.myid).fetch(5, percent=True)")
    C(S, "test_fetch", "fetch with offset", "select(table1.c.myid).order_by(table1.c.myid).offset(3).fetch(5)")
    C(S, "test_from_subquery", "select from a named subquery",
      "s = select(table1).where(table1.c.myid == 7).subquery('foo')\nstmt = select(s).where(s.c.myid == 7)")
    C(S, "test_from_subquery", "select from an anonymous subquery with where",
      "s = select(table1.c.myid).where(table1.c.name == 'jack').subquery()\nstmt = select(s.c.myid)")
    C(S, "test_use_labels", "apply_labels over two tables",
      "select(table1.c.myid, table2.c.otherid).set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL)",
      missing="set_label_style(LABEL_STYLE_TABLENAME_PLUS_COL) / apply_labels()")
    C(S, "test_dupe_columns", "the same column twice is rendered twice",
      "select(table1.c.myid, table1.c.myid)")
    C(S, "test_dupe_columns", "two columns of the same name from two aliases",
      "a, b = table1.alias('a'), table1.alias('b')\nstmt = select(a.c.myid, b.c.myid)")
    C(S, "test_exists", "exists() with where, in a select",
      "select(table1).where(exists().where(table2.c.otherid == table1.c.myid))")
    C(S, "test_exists", "exists of a select as the select column",
      "select(exists(select(table1.c.myid).where(table1.c.myid == 5)))")
    C(S, "test_exists", "NOT EXISTS",
      "select(table1).where(~exists().where(table2.c.otherid == table1.c.myid))")
    C(S, "test_exists", "exists with an or_",
      "select(table1).where(or_(exists().where(table2.c.otherid == 'foo'), exists().where(table2.c.otherid == 'bar')))")
    C(S, "test_exists_method", "Select.exists()",
      "select(table1).where(select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).exists())")
    C(S, "test_where_subquery", "scalar subquery in where, correlated",
      "s = select(addresses.c.street).where(addresses.c.user_id == users.c.user_id).scalar_subquery()\n"
      "stmt = select(users.c.user_name).where(users.c.user_name == s)")
    C(S, "test_where_subquery", "in_ against a select",
      "select(table1).where(table1.c.myid.in_(select(table2.c.otherid).where(table2.c.othername == 'jack')))")
    C(S, "test_where_subquery", "scalar subquery compared with a column, uncorrelated select",
      "select(table1).where(table1.c.myid == select(func.max(table2.c.otherid)).scalar_subquery())")
    C(S, "test_where_subquery", "exists correlated to an alias",
      "ta = table1.alias()\nstmt = select(ta).where(exists().where(table2.c.otherid == ta.c.myid))")
    C(S, "test_orderby_subquery", "order by a correlated scalar subquery",
      "select(table1.c.myid).order_by(select(table2.c.otherid).where(table1.c.myid == table2.c.otherid).scalar_subquery())")
    C(S, "test_orderby_subquery", "order by a scalar subquery, descending",
      "select(table1.c.myid).order_by(desc(select(table2.c.otherid).where(table1.c.myid == table2.c.otherid).scalar_subquery()))")
    C(S, "test_scalar_select", "scalar subquery as a column with label",
      "s = select(table1.c.myid).scalar_subquery()\nstmt = select(table1, s.label('foo'))")
    C(S, "test_scalar_select", "scalar subquery in the column list, no label",
      "select(table1.c.myid, select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).scalar_subquery())")
    C(S, "test_scalar_select", "scalar subquery compared in where",
      "s = select(table1.c.myid).scalar_subquery()\nstmt = select(table2).where(table2.c.otherid == s)")
    C(S, "test_scalar_select", "scalar subquery with arithmetic",
      "s = select(func.count(table2.c.otherid)).scalar_subquery()\nstmt = select(table1.c.myid, (s + 5).label('x'))")
    C(S, "test_label_comparison_one", "a label compared with a value in where",
      "x = func.lala(table1.c.myid).label('foo')\nstmt = select(x).where(x == 5)")
    C(S, "test_label_comparison_two", "a label in a binary expression",
      "select((table1.c.myid + 5).label('foo')).where(table1.c.myid.label('foo') == 5)")
    C(S, "test_order_by_labels_enabled", "order by a selected label",
      "lab1 = (table1.c.myid + 12).label('foo')\nlab2 = func.somefunc(table1.c.name).label('bar')\n"
      "stmt = select(lab1, lab2).order_by(lab1, desc(lab2))")
    C(S, "test_order_by_labels_enabled", "order by a label of another select",
      "lab1 = (table1.c.myid + 12).label('foo')\nstmt = select(table1.c.myid).order_by(lab1)")
    C(S, "test_order_by_labels_enabled", "order by a label name as a string",
      "select(table1.c.myid.label('foo')).order_by('foo')")
    C(S, "test_order_by_labels_enabled", "order by desc of a label name string",
      "select(table1.c.myid.label('foo')).order_by(desc('foo'))")
    C(S, "test_no_group_by_labels", "group by a label renders the expression",
      "lab1 = (table1.c.myid + 12).label('foo')\nstmt = select(lab1).group_by(lab1)")
    C(S, "test_conjunctions", "and_ with three clauses",
      "select(table1).where(and_(table1.c.myid == 12, table1.c.name == 'asdf', table2.c.othername == 'foo', text('sysdate() = today()')))")
    C(S, "test_conjunctions", "and_ / or_ nesting",
      "select(table1).where(and_(table1.c.myid == 12, or_(table2.c.othername == 'asdf', table2.c.othername == 'foo', table2.c.otherid == 9)))")
    C(S, "test_conjunctions", "where with two and_ clauses of one column",
      "select(table1).where(and_(table1.c.myid > 5, table1.c.myid < 10))")
    C(S, "test_nested_conjunctions_short_circuit", "and_(x, and_(y, or_(z, true())))",
      "x, y, z = table1.c.myid == 1, table1.c.myid == 2, table1.c.myid == 3\nstmt = select(table1.c.myid).where(and_(x, and_(y, or_(z, true()))))")
    C(S, "test_nested_conjunctions_short_circuit", "and_(x, or_(y, false()))",
      "x, y = table1.c.myid == 1, table1.c.myid == 2\nstmt = select(table1.c.myid).where(and_(x, or_(y, false())))")
    C(S, "test_true_short_circuit", "where(true()) is dropped when combined",
      "select(table1.c.myid).where(true()).where(table1.c.myid == 5)")
    C(S, "test_true_short_circuit", "where(true()) alone",
      "select(table1.c.myid).where(true())")
    C(S, "test_distinct", "select distinct", "select(table1.c.myid).distinct()")
    C(S, "test_distinct", "distinct() function on a column", "select(distinct(table1.c.myid))")
    C(S, "test_distinct", "count of distinct", "select(func.count(table1.c.myid.distinct()))")
    C(S, "test_distinct", "count(distinct()) with function distinct", "select(func.count(distinct(table1.c.myid)))")
    C(S, "test_distinct_on", "distinct on one column (PostgreSQL)",
      "select(table1.c.myid, table1.c.name).distinct(table1.c.myid)")
    C(S, "test_where_empty", "and_() with no arguments in where", "select(table1.c.myid).where(and_())",
      missing="and_() with no clauses (SQLAlchemy 1.4 accepts it, deprecated, and renders no WHERE; sqla's and_() refuses)")
    C(S, "test_where_multiple", "where with two criteria in one call",
      "select(table1.c.myid).where(table1.c.myid == 12, table1.c.name == 'foobar')")
    C(S, "test_order_by_nulls", "order by nulls first / last",
      "select(table2.c.otherid).order_by(table2.c.othername.desc().nulls_first(), table2.c.otherid.nulls_last())")
    C(S, "test_order_by_nulls", "nulls_last with asc",
      "select(table2.c.otherid).order_by(table2.c.otherid.asc().nulls_last())")
    C(S, "test_orderby_groupby", "order by two columns", "select(table2).order_by(table2.c.otherid, table2.c.othername.desc())")
    C(S, "test_orderby_groupby", "group by with count",
      "select(table2.c.othername, func.count(table2.c.otherid)).group_by(table2.c.othername)")
    C(S, "test_orderby_groupby", "group by, order by",
      "select(table2.c.othername, func.count(table2.c.otherid)).group_by(table2.c.othername).order_by(table2.c.othername)")
    C(S, "test_orderby_groupby", "group by, having",
      "select(table2.c.othername, func.count(table2.c.otherid)).group_by(table2.c.othername).having(func.count(table2.c.otherid) > 5)")
    C(S, "test_orderby_groupby", "order_by(None) cancels the ORDER BY",
      "select(table2.c.othername).order_by(table2.c.othername).order_by(None)",
)
    C(S, "test_for_update", "for update", "select(table1.c.myid).where(table1.c.myid == 7).with_for_update()")
    C(S, "test_for_update", "for update nowait", "select(table1.c.myid).where(table1.c.myid == 7).with_for_update(nowait=True)")
    C(S, "test_for_update", "for share (read)", "select(table1.c.myid).where(table1.c.myid == 7).with_for_update(read=True)")
    C(S, "test_for_update", "for update skip locked", "select(table1.c.myid).where(table1.c.myid == 7).with_for_update(skip_locked=True)")
    C(S, "test_for_update", "for update of a column", "select(table1.c.myid).where(table1.c.myid == 7).with_for_update(of=table1.c.myid)")
    C(S, "test_for_update", "for update of a table",
      "select(table1.c.myid).where(table1.c.myid == 7).with_for_update(of=table1)")
    C(S, "test_alias", "a named alias", "talias1 = table1.alias('t1')\nstmt = select(talias1)")
    C(S, "test_alias", "self-join through an alias",
      "t2 = table1.alias('t2')\nstmt = select(table1, t2).where(table1.c.myid == t2.c.myid)")
    C(S, "test_alias", "alias of a select used as a FROM",
      "s = select(table1.c.myid, table1.c.name).alias('foo')\nstmt = select(s.c.myid).where(s.c.name == 'x')")
    C(S, "test_alias_nesting_subquery", "subquery of a subquery",
      "s1 = select(table1).subquery('foo')\ns2 = select(s1).subquery('bar')\nstmt = select(s2)")
    C(S, "test_prefix", "prefix_with on a select",
      "select(table1.c.myid).prefix_with('SQL_CALC_FOUND_ROWS').prefix_with('SQL_SOME_WEIRD_MYSQL_THING')")
    C(S, "test_collate", "collate on a column in where",
      "select(table1.c.name).where(table1.c.name.collate('latin1_german2_ci') == 'foo')")
    C(S, "test_collate", "collate in order by",
      "select(table1.c.name).order_by(table1.c.name.collate('utf8_bin'))")
    C(S, "test_literal", "literal string compared", "select(literal('foo') + literal('bar'))")
    C(S, "test_literal", "literal integer label", "select(literal(1).label('x'))")
    C(S, "test_literal", "literal_column in select", "select(literal_column('*')).select_from(table1)")
    C(S, "test_literal", "literal_column compared", "select(table1).where(table1.c.myid == literal_column('17'))")
    C(S, "test_calculated_columns", "arithmetic in the column list with label",
      "select(table1.c.myid, (table1.c.myid + 5).label('x'), (table1.c.myid * 2 - 1).label('y'))")
    C(S, "test_calculated_columns", "string concatenation with a literal",
      "select((table1.c.name + 'hi').label('x'))")
    C(S, "test_calculated_columns", "division and modulo",
      "select(table1.c.myid / 3, table1.c.myid % 3)")
    C(S, "test_percent_chars", "percent in a literal_column name",
      "select(literal_column('percent%'), literal_column('%(oneofthese)s'))")
    C(S, "test_joins", "join with on clause",
      "select(table1, table2).select_from(join(table1, table2, table1.c.myid == table2.c.otherid))")
    C(S, "test_joins", "three-way join",
      "select(table1).select_from(table1.join(table2, table1.c.myid == table2.c.otherid).join(table3, table1.c.myid == table3.c.userid))")
    C(S, "test_joins", "outer join",
      "select(table1).select_from(table1.outerjoin(table2, table1.c.myid == table2.c.otherid))")
    C(S, "test_joins", "outer join chained with an inner join",
      "select(table1).select_from(table1.outerjoin(table2, table1.c.myid == table2.c.otherid).join(table3, table1.c.myid == table3.c.userid))")
    C(S, "test_joins", "join by foreign key", "select(parent).select_from(parent.join(child))")
    C(S, "test_joins", "join with a compound on clause",
      "select(table1).select_from(table1.join(table2, and_(table1.c.myid == table2.c.otherid, table2.c.othername == 'x')))")
    C(S, "test_full_outer_join", "full outer join",
      "select(table1).select_from(table1.join(table2, table1.c.myid == table2.c.otherid, full=True))")
    C(S, "test_full_outer_join", "full outer join via outerjoin(full=True)",
      "select(table1).select_from(table1.outerjoin(table2, table1.c.myid == table2.c.otherid, full=True))")
    C(S, "test_compound_selects", "union of two selects",
      "union(select(table1.c.myid, table1.c.name).where(table1.c.myid == 12), select(table2.c.otherid, table2.c.othername).where(table2.c.otherid == 9))")
    C(S, "test_compound_selects", "union all with order by and limit",
      "union_all(select(table1.c.myid), select(table2.c.otherid)).order_by('myid').limit(5)")
    C(S, "test_compound_selects", "union with order_by column and offset",
      "union(select(table1.c.myid), select(table2.c.otherid)).order_by(column('myid')).limit(5).offset(10)")
    C(S, "test_compound_selects", "intersect", "intersect(select(table1.c.myid), select(table2.c.otherid))")
    C(S, "test_compound_selects", "except_", "except_(select(table1.c.myid), select(table2.c.otherid))")
    C(S, "test_compound_selects", "except_all", "except_all(select(table1.c.myid), select(table2.c.otherid))")
    C(S, "test_compound_selects", "intersect_all", "intersect_all(select(table1.c.myid), select(table2.c.otherid))")
    C(S, "test_compound_selects", "union of three selects",
      "union(select(table1.c.myid), select(table2.c.otherid), select(table3.c.userid))")
    C(S, "test_compound_selects", "union as a subquery",
      "u = union(select(table1.c.myid), select(table2.c.otherid)).subquery('u')\nstmt = select(u.c.myid)")
    C(S, "test_compound_selects", "union member with its own limit",
      "union(select(table1.c.myid).limit(1), select(table2.c.otherid).limit(2))")
    C(S, "test_compound_grouping", "union nested in an except",
      "except_(union(select(table1.c.myid), select(table2.c.otherid)), select(table3.c.userid))")
    C(S, "test_cast", "cast to numeric", "select(cast(table1.c.myid, Numeric(10, 2)))")
    C(S, "test_cast", "cast to string", "select(cast(table1.c.name, String(20)))")
    C(S, "test_cast", "cast a literal to Integer", "select(cast(literal('5'), Integer))")
    C(S, "test_cast", "cast to Date", "select(cast(table1.c.name, Date))")
    C(S, "test_cast", "cast to DateTime", "select(cast(table1.c.name, DateTime))")
    C(S, "test_cast", "cast to Text", "select(cast(table1.c.myid, Text))")
    C(S, "test_cast", "cast to Float", "select(cast(table1.c.myid, Float))")
    C(S, "test_cast", "cast to Boolean", "select(cast(table1.c.myid, Boolean))")
    C(S, "test_cast", "cast to LargeBinary", "select(cast(table1.c.name, LargeBinary))")
    C(S, "test_cast", "cast to Unicode", "select(cast(table1.c.name, Unicode(30)))")
    C(S, "test_over", "row_number over order by", "select(func.row_number().over(order_by=table1.c.myid))")
    C(S, "test_over", "row_number over partition by", "select(func.row_number().over(partition_by=table1.c.name))")
    C(S, "test_over", "over partition by and order by",
      "select(func.row_number().over(partition_by=[table1.c.name, table1.c.description], order_by=[table1.c.myid, table1.c.name.desc()]))")
    C(S, "test_over", "over with nothing", "select(func.row_number().over())")
    C(S, "test_over", "sum over, labelled", "select(table1.c.myid, func.sum(table1.c.myid).over(order_by=table1.c.myid).label('running'))")
    C(S, "test_over_framespec", "rows between unbounded preceding and current row",
      "select(func.row_number().over(order_by=table1.c.myid, rows=(None, 0)))")
    C(S, "test_over_framespec", "range between unbounded preceding and unbounded following",
      "select(func.row_number().over(order_by=table1.c.myid, range_=(None, None)))")
    C(S, "test_over_framespec", "rows between 2 preceding and 3 following",
      "select(func.row_number().over(order_by=table1.c.myid, rows=(-2, 3)))")
    C(S, "test_over_framespec", "range between current row and unbounded following",
      "select(func.row_number().over(order_by=table1.c.myid, range_=(0, None)))")
    C(S, "test_over_framespec", "rows between 1 following and 3 following",
      "select(func.row_number().over(order_by=table1.c.myid, rows=(1, 3)))")
    C(S, "test_over_framespec", "range between 3 preceding and 1 preceding",
      "select(func.row_number().over(order_by=table1.c.myid, range_=(-3, -1)))")
    C(S, "test_over_within_group", "percentile_cont within group",
      "select(func.percentile_cont(0.5).within_group(table1.c.myid))")
    C(S, "test_date_between", "between two dates",
      "select(dt.c.ts).where(dt.c.d.between(datetime.date(2006, 6, 1), datetime.date(2006, 6, 5)))")
    C(S, "test_date_between", "not between", "select(table1.c.myid).where(~table1.c.myid.between(1, 5))")
    C(S, "test_naming", "labels on columns and expressions",
      "select(table1.c.myid.label('foobar'), table1.c.name.label('bar'), (table1.c.myid * 5).label('x'))")
    C(S, "test_hints", "with_hint on a select",
      "select(table1).with_hint(table1, 'index(%(name)s idx)', 'oracle')",
      missing="Select.with_hint()")
    C(S, "test_binds", "named bindparam", "select(table1).where(table1.c.myid == bindparam('myid'))")
    C(S, "test_binds", "two named binds",
      "select(table1).where(or_(table1.c.myid == bindparam('myid'), table1.c.myid == bindparam('myotherid')))")
    C(S, "test_binds", "one named bind used twice",
      "select(table1).where(or_(table1.c.myid == bindparam('myid'), table1.c.name == bindparam('myid')))")
    C(S, "test_binds", "bindparam with a value", "select(table1).where(table1.c.myid == bindparam('myid', 5))")
    C(S, "test_binds", "anonymous literal binds compared",
      "select(table1).where(table1.c.myid == 5).where(table1.c.name == 'x').where(table1.c.description == 'y')")
    C(S, "test_bind_as_col", "bindparam as a selected column", "select(bindparam('foo', 'bar', type_=String))")
    C(S, "test_tuple_clauselist_in", "tuple IN tuples",
      "select(table1.c.myid).where(tuple_(table1.c.myid, table1.c.name).in_([(1, 'foo'), (5, 'bar')]))")
    C(S, "test_tuple_clauselist_in", "tuple IN select",
      "select(table1.c.myid).where(tuple_(table1.c.myid, table1.c.name).in_(select(table2.c.otherid, table2.c.othername)))")
    C(S, "test_expanding_parameter", "expanding IN list", "select(table1.c.myid).where(table1.c.myid.in_([1, 2, 3]))")
    C(S, "test_expanding_parameter", "expanding bindparam",
      "select(table1.c.myid).where(table1.c.myid.in_(bindparam('q', [1, 2, 3], expanding=True)))")
    C(S, "test_expanding_parameter", "not in expanding list", "select(table1.c.myid).where(table1.c.myid.not_in([1, 2, 3]))")
    C(S, "test_limit_offset_select_literal_binds", "limit/offset with literal_binds",
      "select(table1.c.myid).limit(5).offset(3)", kw={"literal_binds": True})
    C(S, "test_render_binds_as_literal", "literal_binds renders values inline",
      "select(table1.c.myid).where(table1.c.myid == 5).where(table1.c.name == 'some name')", kw={"literal_binds": True})
    C(S, "test_render_literal_execute_parameter", "bindparam literal_execute",
      "select(table1.c.myid).where(table1.c.myid == bindparam('foo', 5, literal_execute=True))")
    C(S, "test_render_expanding_parameter_literal_binds", "IN list with literal_binds",
      "select(table1.c.myid).where(table1.c.myid.in_([1, 2, 3]))", kw={"literal_binds": True})
    C(S, "test_render_nulls_literal_binds", "null comparisons with literal_binds",
      "select(table1.c.myid).where(table1.c.myid == None)", kw={"literal_binds": True})
    C(S, "test_correlate_semiauto_where", "correlate() of the outer table",
      "s = select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).correlate(table1).scalar_subquery()\n"
      "stmt = select(table1.c.myid).where(table1.c.myid == s)")
    C(S, "test_correlate_semiauto_column", "correlated subquery as column",
      "s = select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).correlate(table1).scalar_subquery()\n"
      "stmt = select(table1.c.myid, s.label('x'))")
    C(S, "test_correlate_except_inclusion_where", "correlate_except(table2)",
      "s = select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).correlate_except(table2).scalar_subquery()\n"
      "stmt = select(table1.c.myid).where(table1.c.myid == s)")
    C(S, "test_correlate_except_exclusion_where", "correlate_except(table1): the outer table stays in",
      "s = select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).correlate_except(table1).scalar_subquery()\n"
      "stmt = select(table1.c.myid).where(table1.c.myid == s)")
    C(S, "test_correlate_disabled_where", "correlate(None) disables correlation",
      "s = select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).correlate(None).scalar_subquery()\n"
      "stmt = select(table1.c.myid).where(table1.c.myid == s)")
    C(S, "test_correlate_auto_having", "auto-correlation in having",
      "s = select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).scalar_subquery()\n"
      "stmt = select(table1.c.myid).group_by(table1.c.myid).having(table1.c.myid == s)")
    C(S, "test_correlate_auto_from", "no correlation for a FROM subquery",
      "s = select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).subquery()\n"
      "stmt = select(table1.c.myid, s.c.otherid)")
    C(S, "test_multilevel_froms_correlation", "exists nested in a correlated scalar subquery",
      "inner = select(table3.c.userid).where(table3.c.userid == table1.c.myid).where(table3.c.userid == table2.c.otherid)\n"
      "mid = select(table2.c.otherid).where(exists(inner)).scalar_subquery()\n"
      "stmt = select(table1.c.myid).where(table1.c.myid == mid)")
    C(S, "test_coerce_bool_where", "a boolean column as where",
      "t = table('t', column('x', Boolean))\nstmt = select(t.c.x).where(t.c.x)")
    C(S, "test_val_and_false", "value and false()", "select(table1.c.myid).where(and_(table1.c.myid == 1, false()))")
    C(S, "test_val_and_true_coerced", "value and true()", "select(table1.c.myid).where(and_(table1.c.myid == 1, true()))")
    C(S, "test_val_is_null_coerced", "is null of a comparison", "select(table1.c.myid).where(and_(table1.c.myid == None))")
    C(S, "test_val_and_null", "and with null()", "select(table1.c.myid).where(and_(table1.c.myid == 1, null()))")
    C(S, "test_insert_from_select", "insert from select",
      "insert(table1).from_select(['myid', 'name'], select(table2.c.otherid, table2.c.othername))")
    C(S, "test_label_plus_element", "a label of a binary used in where and columns",
      "expr = (table1.c.myid + 5).label('x')\nstmt = select(expr).where(expr > 10)")
    # second batch
    C(S, "test_multiple_col_binds", "three anonymous binds of one column",
      "select(literal_column('*')).where(or_(table1.c.myid == 12, table1.c.myid == 'asdf', table1.c.myid == 'foo'))")
    C(S, "test_scalar_select", "scalar subquery with LIMIT compared in where",
      "select(table1.c.myid).where(table1.c.myid == select(table2.c.otherid).order_by(table2.c.otherid).limit(1).scalar_subquery())")
    C(S, "test_calculated_columns", "a comparison of arithmetic as a column", "select(table1.c.myid + 5 > 10)")
    C(S, "test_joins", "a join, then a LEFT OUTER JOIN of a third table",
      "select(table1.c.myid).select_from(table1.join(table2, table1.c.myid == table2.c.otherid).outerjoin(table3, table2.c.otherid == table3.c.userid))")
    C(S, "test_joins", "a join to a subquery",
      "s = select(table2.c.otherid).where(table2.c.othername == 'x').subquery('s')\n"
      "stmt = select(table1.c.myid).select_from(table1.join(s, table1.c.myid == s.c.otherid))")
    C(S, "test_cast", "cast compared in where", "select(table1.c.myid).where(cast(table1.c.name, Integer) == 5)")
    C(S, "test_order_by_nulls", "nulls_first(desc()) function form",
      "select(table2.c.otherid).order_by(nulls_first(desc(table2.c.othername)), nulls_last(table2.c.otherid))")
    C(S, "test_over", "max over partition and order",
      "select(func.max(table1.c.myid).over(partition_by=table1.c.name, order_by=table1.c.description))")
    C(S, "test_render_datetime", "a datetime literal with literal_binds",
      "select(literal(datetime.datetime(2012, 10, 15, 12, 57, 18)))", kw={"literal_binds": True})
    C(S, "test_render_datetime", "a date literal with literal_binds",
      "select(literal(datetime.date(2012, 10, 15)))", kw={"literal_binds": True})
    C(S, "test_literal_as_text_fromstring", "literal_column in where",
      "select(table1.c.myid).where(literal_column('mytable.myid') > 5)")
    C(S, "test_correlate_semiauto_from", "a subquery naming the outer table, in FROM: no correlation",
      "s = select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).subquery('s')\nstmt = select(table1, s.c.otherid)")
    C(S, "test_compound_populates", "union all of selects with where and labels",
      "union_all(select(table1.c.myid.label('x')).where(table1.c.myid > 5), select(table2.c.otherid.label('x')).where(table2.c.otherid < 3))")
    C(S, "test_insert_with_select_values", "insert with a scalar subquery and a function",
      "insert(table1).values(myid=select(func.max(table2.c.otherid)).scalar_subquery(), name=func.upper('x'))")
    C(S, "test_dupe_columns", "two labels of one column", "select(table1.c.myid.label('a'), table1.c.myid.label('b'))")
    C(S, "test_distinct", "distinct with order by and limit", "select(table1.c.name).distinct().order_by(table1.c.name).limit(5)")
    # fourth batch
    C(S, "test_compound_selects", "intersect with order by", "intersect(select(table1.c.myid), select(table2.c.otherid)).order_by(column('myid'))")
    C(S, "test_compound_selects", "except with limit", "except_(select(table1.c.myid), select(table2.c.otherid)).limit(3)")
    C(S, "test_compound_selects", "union all of three with order and offset",
      "union_all(select(table1.c.myid), select(table2.c.otherid), select(table3.c.userid)).order_by(column('myid')).offset(2)")
    C(S, "test_compound_selects", "a select from a union subquery with where",
      "u = union(select(table1.c.myid.label('id')), select(table2.c.otherid.label('id'))).subquery()\nstmt = select(u.c.id).where(u.c.id > 5)")
    C(S, "test_alias", "an alias of an alias", "a1 = table1.alias('a1')\na2 = a1.alias('a2')\nstmt = select(a2.c.myid)")
    C(S, "test_alias", "select from a subquery joined to a table",
      "s = select(table1.c.myid, table1.c.name).subquery('s')\nstmt = select(s.c.name, table2.c.othername).select_from(s.join(table2, s.c.myid == table2.c.otherid))")
    C(S, "test_joins", "three tables joined, columns of each",
      "select(table1.c.name, table2.c.othername, table3.c.otherstuff).select_from(table1.join(table2, table1.c.myid == table2.c.otherid).join(table3, table2.c.otherid == table3.c.userid)).where(table3.c.otherstuff == 'x')")
    C(S, "test_joins", "an outer join with a compound ON and a where",
      "select(table1.c.myid).select_from(table1.outerjoin(table2, and_(table1.c.myid == table2.c.otherid, table2.c.othername != 'x'))).where(table2.c.otherid == None)")
    C(S, "test_scalar_select", "a scalar subquery in the column list with a label and order by it",
      "s = select(func.count(table2.c.otherid)).where(table2.c.otherid == table1.c.myid).scalar_subquery().label('cnt')\nstmt = select(table1.c.myid, s).order_by(s)")
    C(S, "test_exists", "EXISTS and another condition", "select(table1.c.myid).where(and_(exists().where(table2.c.otherid == table1.c.myid), table1.c.name == 'x'))")
    C(S, "test_exists", "exists of a select with where", "select(table1.c.myid).where(exists(select(table2.c.otherid).where(table2.c.otherid == table1.c.myid)))")
    C(S, "test_limit_offset", "limit with distinct and order by", "select(table1.c.name).distinct().order_by(table1.c.name).limit(3).offset(1)")
    C(S, "test_order_by_labels_enabled", "order by two labels, one desc",
      "a = table1.c.myid.label('a')\nb = table1.c.name.label('b')\nstmt = select(a, b).order_by(a.desc(), b)")


def operators(C):
    S = "sql/test_operators"
    t = "table1"
    for fn, expr, desc in [
        ("test_associativity_1", "select(table1.c.myid - 5 - 6)", "a - b - c"),
        ("test_associativity_2", "select(table1.c.myid - (5 - table1.c.myid))", "a - (b - c)"),
        ("test_associativity_3", "select((table1.c.myid - 5) - (6 - table1.c.myid))", "(a - b) - (c - d)"),
        ("test_associativity_4", "select(table1.c.myid + 5 + 6)", "a + b + c"),
        ("test_associativity_5", "select(table1.c.myid + (5 + table1.c.myid))", "a + (b + c)"),
        ("test_associativity_6", "select(table1.c.myid * 5 * 6)", "a * b * c"),
        ("test_associativity_7", "select(table1.c.myid * (5 * table1.c.myid))", "a * (b * c)"),
        ("test_associativity_8", "select(table1.c.myid / 5 / 6)", "a / b / c"),
        ("test_associativity_9", "select(table1.c.myid / (5 / table1.c.myid))", "a / (b / c)"),
        ("test_associativity_10", "select(table1.c.myid % 5 % 6)", "a % b % c"),
        ("test_associativity_11", "select(table1.c.myid % (5 % table1.c.myid))", "a % (b % c)"),
        ("test_associativity_12", "select((table1.c.myid + 5) * 6)", "(a + b) * c"),
        ("test_associativity_13", "select(table1.c.myid * (5 + 6))", "a * (literal math folded by Python)"),
        ("test_associativity_14", "select(table1.c.myid - (table1.c.myid + 5))", "a - (a + b)"),
        ("test_associativity_15", "select((table1.c.myid - 5) * (table1.c.myid + 6))", "(a - b) * (a + c)"),
        ("test_associativity_16", "select(table1.c.myid / (table1.c.myid * 5))", "a / (a * b)"),
        ("test_associativity_17", "select(-table1.c.myid)", "unary minus"),
        ("test_associativity_18", "select(-(table1.c.myid + 5))", "minus of a sum"),
        ("test_associativity_19", "select(table1.c.myid - -table1.c.myid)", "a - -a"),
        ("test_associativity_20", "select((table1.c.name + 'x') + table1.c.description)", "concat chain"),
        ("test_associativity_21", "select(table1.c.name + (table1.c.description + 'x'))", "concat right grouping"),
        ("test_associativity_22", "select((table1.c.myid == 5) == (table1.c.myid == 6))", "comparison of comparisons"),
        ("test_associativity_23", "select(table1.c.myid).where((table1.c.myid > 5) != (table1.c.myid < 10))", "ne of comparisons"),
    ]:
        C(S, fn, "operator grouping: " + desc, expr)
    C(S, "test_between_1", "between", "select(table1.c.myid).where(table1.c.myid.between(1, 2))")
    C(S, "test_between_2", "not between via ~", "select(table1.c.myid).where(~table1.c.myid.between(1, 2))")
    C(S, "test_between_3", "between symmetric", "select(table1.c.myid).where(table1.c.myid.between(1, 2, symmetric=True))")
    C(S, "test_between_4", "not between symmetric", "select(table1.c.myid).where(~table1.c.myid.between(1, 2, symmetric=True))")
    C(S, "test_between_5", "between() function", "select(table1.c.myid).where(between(table1.c.myid, 1, 2))")
    C(S, "test_between_6", "between with column bounds",
      "select(table1.c.myid).where(table1.c.myid.between(table2.c.otherid, table2.c.otherid + 5))")
    for i, expr in enumerate([
        "table1.c.myid.in_(['a'])",
        "~table1.c.myid.in_(['a'])",
        "table1.c.myid.in_(['a', 'b'])",
        "table1.c.myid.in_([literal('a')])",
        "table1.c.myid.in_([literal('a'), 'b'])",
        "table1.c.myid.in_([literal('a'), literal('b')])",
        "table1.c.myid.in_(['a', literal('b')])",
        "table1.c.myid.in_([literal(1) + 'a'])",
        "table1.c.myid.in_([literal('a') + 'a', 'b'])",
        "table1.c.myid.in_([literal('a') + literal('a'), literal('b')])",
        "table1.c.myid.in_([1, literal(3) + 4])",
        "table1.c.myid.in_([literal('a') < 'b'])",
        "table1.c.myid.in_([table1.c.myid])",
        "table1.c.myid.in_(['a', table1.c.myid])",
        "table1.c.myid.in_([literal('a'), table1.c.myid])",
        "table1.c.myid.in_([literal('a'), table1.c.myid + 'a'])",
        "table1.c.myid.in_([literal(1), 'a' + table1.c.myid])",
        "table1.c.myid.in_([1, 2, 3])",
        "table1.c.myid.in_(select(table2.c.otherid))",
        "~table1.c.myid.in_(select(table2.c.otherid))",
        "table1.c.myid.in_([None])",
        "table1.c.myid.in_([1, None])",
        "table1.c.myid.in_([])",
        "table1.c.myid.not_in([])",
        "table1.c.myid.in_(text('SELECT myothertable.otherid FROM myothertable'))",
        "table1.c.myid.in_(select(table2.c.otherid).where(table2.c.othername == 'x').scalar_subquery())",
    ], start=1):
        fn = "test_in_%d" % i
        miss = None
        if i in (4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17):
            miss = "in_() with expressions among the values (in_ takes plain values)"
        if i in (25,):
            miss = "in_(text(...))"
        C(S, fn, "IN: " + expr, "select(table1.c.myid).where(%s)" % expr)
    C(S, "test_in_empty_tuple", "tuple IN an empty list",
      "select(table1.c.myid).where(tuple_(table1.c.myid, table1.c.name).in_([]))")
    C(S, "test_in_cte_select", "IN a CTE's select",
      "c = select(table2.c.otherid).cte('c')\nstmt = select(table1.c.myid).where(table1.c.myid.in_(select(c.c.otherid)))")
    for fn, expr in [
        ("test_is_distinct_from", "table1.c.myid.is_distinct_from(1)"),
        ("test_is_distinct_from", "table1.c.myid.is_not_distinct_from(1)"),
        ("test_is_distinct_from", "~table1.c.myid.is_distinct_from(1)"),
        ("test_is_distinct_from", "table1.c.myid.is_distinct_from(None)"),
    ]:
        C(S, fn, "IS DISTINCT FROM: " + expr, "select(table1.c.myid).where(%s)" % expr)
    like = [
        ("test_like", "table1.c.name.like('somstr')"),
        ("test_like", "~table1.c.name.like('somstr')"),
        ("test_like", "table1.c.name.like('somstr', escape='\\\\')"),
        ("test_like", "table1.c.name.not_like('somstr', escape='\\\\')"),
        ("test_ilike", "table1.c.name.ilike('somstr')"),
        ("test_ilike", "~table1.c.name.ilike('somstr')"),
        ("test_ilike_escape", "table1.c.name.ilike('somstr', escape='\\\\')"),
        ("test_ilike_escape", "table1.c.name.not_ilike('somstr', escape='\\\\')"),
        ("test_contains", "table1.c.name.contains('o')"),
        ("test_contains", "~table1.c.name.contains('o')"),
        ("test_contains_escape", "table1.c.name.contains('a%b_c', escape='\\\\')"),
        ("test_contains_autoescape", "table1.c.name.contains('a%b_c/d', autoescape=True)"),
        ("test_contains_literal", "table1.c.name.contains(literal_column('x'))"),
        ("test_contains_text", "table1.c.name.contains(text('x'))"),
        ("test_contains_concat", "table1.c.name.contains(table1.c.description)"),
        ("test_startswith", "table1.c.name.startswith('a')"),
        ("test_not_startswith", "~table1.c.name.startswith('a')"),
        ("test_startswith_escape", "table1.c.name.startswith('a%b_c', escape='\\\\')"),
        ("test_startswith_autoescape", "table1.c.name.startswith('ab%c_/d', autoescape=True)"),
        ("test_startswith_literal", "table1.c.name.startswith(literal_column('x'))"),
        ("test_startswith_concat", "table1.c.name.startswith(table1.c.description)"),
        ("test_endswith", "table1.c.name.endswith('a')"),
        ("test_endswith", "~table1.c.name.endswith('a')"),
        ("test_endswith_escape", "table1.c.name.endswith('a%b_c', escape='\\\\')"),
        ("test_endswith_autoescape", "table1.c.name.endswith('ab%c_/d', autoescape=True)"),
        ("test_endswith_literal", "table1.c.name.endswith(literal_column('x'))"),
        ("test_endswith_text", "table1.c.name.endswith(text('x'))"),
    ]
    for fn, expr in like:
        miss = None
        if "literal_column" in expr or "text(" in expr or "c.description)" in expr:
            miss = "startswith/endswith/contains with a column expression (they take a value)"
        if ", escape=" in expr and ("contains" in expr or "startswith" in expr or "endswith" in expr):
            miss = "startswith/endswith/contains(escape=...)"
        C(S, fn, "LIKE family: " + expr, "select(table1.c.myid).where(%s)" % expr)
    C(S, "test_match_1", "match()", "select(table1.c.myid).where(table1.c.name.match('somstr'))")
    C(S, "test_regexp_match", "regexp_match", "select(table1.c.myid).where(table1.c.name.regexp_match('pattern'))")
    C(S, "test_regexp_match", "not regexp_match", "select(table1.c.myid).where(~table1.c.name.regexp_match('pattern'))")
    C(S, "test_regexp_match", "regexp_match with flags",
      "select(table1.c.myid).where(table1.c.name.regexp_match('pattern', flags='ig'))")
    C(S, "test_regexp_replace", "regexp_replace", "select(table1.c.name.regexp_replace('a', 'b'))")
    for fn, expr in [
        ("test_operator_precedence_1", "select(table1.c.myid).where(table1.c.myid == (table1.c.myid + 5))"),
        ("test_operator_precedence_2", "select(table1.c.myid).where(table1.c.myid >= table1.c.myid - 5)"),
        ("test_operator_precedence_3", "select(table1.c.myid).where(~(table1.c.myid == 5))"),
        ("test_operator_precedence_4", "select(table1.c.myid).where(~(table1.c.myid != 5))"),
        ("test_operator_precedence_5", "select(table1.c.myid).where(~(table1.c.myid > 5))"),
        ("test_operator_precedence_6", "select(table1.c.myid).where(~and_(table1.c.myid == 5, table1.c.name == 'x'))"),
        ("test_operator_precedence_7", "select(table1.c.myid).where(~or_(table1.c.myid == 5, table1.c.name == 'x'))"),
        ("test_operator_precedence_8", "select(table1.c.myid).where(or_(and_(table1.c.myid == 1, table1.c.myid == 2), table1.c.myid == 3))"),
        ("test_operator_precedence_9", "select(table1.c.myid).where(and_(or_(table1.c.myid == 1, table1.c.myid == 2), table1.c.myid == 3))"),
        ("test_operator_precedence_10", "select(table1.c.myid).where(not_(table1.c.myid.in_([1, 2])))"),
        ("test_operator_precedence_11", "select(table1.c.myid).where(~exists().where(table2.c.otherid == table1.c.myid))"),
        ("test_operator_precedence_12", "select(table1.c.myid).where((table1.c.name + 'x') == 'yx')"),
        ("test_operator_precedence_13", "select(table1.c.myid).where(table1.c.name == (table1.c.name + 'x'))"),
        ("test_operator_precedence_14", "select(table1.c.myid).where(~(table1.c.name.like('x')))"),
        ("test_operator_precedence_15", "select(table1.c.myid).where(table1.c.myid.op('&')(5) == 5)"),
        ("test_operator_precedence_16", "select(table1.c.myid).where((table1.c.myid.op('&')(5)).op('|')(7) > 0)"),
    ]:
        C(S, fn, "precedence: " + expr, expr)
    C(S, "test_negate_operators_1", "~ (a == b) becomes a != b", "select(table1.c.myid).where(~(table1.c.myid == 5))")
    C(S, "test_negate_operators_2", "~ (a < b) becomes a >= b", "select(table1.c.myid).where(~(table1.c.myid < 5))")
    C(S, "test_negate_operators_3", "~ (a IS NULL)", "select(table1.c.myid).where(~(table1.c.myid.is_(None)))")
    C(S, "test_negate_operators_4", "~ (a IS NOT NULL)", "select(table1.c.myid).where(~(table1.c.myid.is_not(None)))")
    C(S, "test_negate_operators_5", "double negation", "select(table1.c.myid).where(~~(table1.c.myid == 5))")
    C(S, "test_is_null", "== None becomes IS NULL", "select(table1.c.myid).where(table1.c.myid == None)")
    C(S, "test_is_null", "!= None becomes IS NOT NULL", "select(table1.c.myid).where(table1.c.myid != None)")
    C(S, "test_is_true", "is_(true())", "select(table1.c.myid).where(table1.c.myid.is_(true()))")
    C(S, "test_is_true", "is_not(false())", "select(table1.c.myid).where(table1.c.myid.is_not(false()))")
    C(S, "test_boolean_inversion_postgresql", "NOT of a boolean column",
      "select(dt.c.d).where(~dt.c.flag)")
    C(S, "test_boolean_inversion_mysql", "boolean column == False",
      "select(dt.c.d).where(dt.c.flag == False)")
    C(S, "test_boolean_inversion_mssql", "boolean column as a where, and its negation in OR",
      "select(dt.c.d).where(or_(dt.c.flag, ~dt.c.flag))")
    C(S, "test_implicitly_boolean", "and of a boolean column and a comparison",
      "select(dt.c.d).where(and_(dt.c.flag, dt.c.amount > 5))")
    C(S, "test_and_true_literal_leading", "and_(true(), x)", "select(table1.c.myid).where(and_(true(), table1.c.myid == 5))")
    C(S, "test_and_false_literal_leading", "and_(false(), x)", "select(table1.c.myid).where(and_(false(), table1.c.myid == 5))")
    C(S, "test_or_true_literal_leading", "or_(true(), x)", "select(table1.c.myid).where(or_(true(), table1.c.myid == 5))")
    C(S, "test_or_false_literal_leading", "or_(false(), x)", "select(table1.c.myid).where(or_(false(), table1.c.myid == 5))")
    C(S, "test_custom_op_percent_escaping", "op('%') and modulo render doubled percent on format styles",
      "select(table1.c.myid.op('%')(5), table1.c.myid % 5)")
    C(S, "test_factorial", "a custom postfix op", "select(table1.c.myid.op('!', is_comparison=False)(None))")
    C(S, "test_concat", "concat of two columns", "select(table1.c.name.concat(table1.c.description))")
    C(S, "test_concat", "concat of a column and a value", "select(table1.c.name.concat('x'))")
    C(S, "test_concat", "concat inside a comparison", "select(table1.c.myid).where(table1.c.name.concat('x') == 'ax')")
    C(S, "test_any_array", "= ANY(array)", "select(arrtable.c.intarr).where(5 == any_(arrtable.c.intarr))")
    C(S, "test_any_array_method", "literal == any_()", "select(arrtable.c.intarr).where(literal(5) == any_(arrtable.c.intarr))")
    C(S, "test_all_array", "literal > all_()", "select(arrtable.c.intarr).where(literal(5) > all_(arrtable.c.intarr))")
    C(S, "test_any_subq", "== ANY(subquery)",
      "select(table1.c.myid).where(table1.c.myid == any_(select(table2.c.otherid).scalar_subquery()))")
    C(S, "test_all_subq", "> ALL(subquery)",
      "select(table1.c.myid).where(table1.c.myid > all_(select(table2.c.otherid).scalar_subquery()))")
    C(S, "test_getindex_literal", "array index", "select(arrtable.c.intarr[5])")
    C(S, "test_getslice_literal", "array slice", "select(arrtable.c.intarr[5:10])",
      missing="array slices (arr[a:b])")
    C(S, "test_tuple_eq", "tuple equality", "select(table1.c.myid).where(tuple_(table1.c.myid, table1.c.name) == tuple_(1, 'x'))")
    C(S, "test_commutative_operators", "value * column", "select(literal('a') + table1.c.name)")
    C(S, "test_constant_render_distinct", "null() in columns", "select(null(), null())")
    C(S, "test_constant_render_distinct", "true()/false() in columns", "select(true(), false())")
    C(S, "test_is_distinct_from_postgresql", "is_distinct_from on literal", "select(literal(1).is_distinct_from(None))")
    # second batch
    C(S, "test_negate_operators_1", "NOT of an integer column", "select(table1.c.myid).where(not_(table1.c.myid))")
    C(S, "test_negate_operators_2", "negative column compared", "select(table1.c.myid).where(-table1.c.myid == 5)")
    C(S, "test_associativity_1", "chained subtraction of columns", "select(table1.c.myid - table2.c.otherid - table3.c.userid)")
    C(S, "test_contains_concat", "concat of a literal and a value", "select(literal('a') + 'b')")
    C(S, "test_op_operators_custom_precedence", "op with precedence", "select(table1.c.myid.op('^', precedence=5)(5) * 2)",
      missing="op(..., precedence=...)")
    C(S, "test_is_distinct_from", "is_not_distinct_from None", "select(table1.c.myid).where(table1.c.myid.is_not_distinct_from(None))")
    C(S, "test_in_18", "not in of strings", "select(table1.c.myid).where(table1.c.name.not_in(['a', 'b']))")
    C(S, "test_between_1", "between with strings", "select(table1.c.myid).where(table1.c.name.between('a', 'm'))")
    # fourth batch
    C(S, "test_operator_precedence_8", "& and | of comparisons",
      "select(table1.c.myid).where(((table1.c.myid == 1) & (table1.c.name == 'a')) | (table1.c.myid == 2))")
    C(S, "test_operator_precedence_9", "~ of an &", "select(table1.c.myid).where(~((table1.c.myid == 1) & (table1.c.name == 'a')))")
    C(S, "test_operator_precedence_9", "| of three", "select(table1.c.myid).where((table1.c.myid == 1) | (table1.c.myid == 2) | (table1.c.myid == 3))")
    C(S, "test_associativity_12", "float multiplication", "select(table1.c.myid * 1.5)")
    C(S, "test_associativity_12", "a column divided by a column", "select(table1.c.myid / table2.c.otherid)")
    C(S, "test_like", "LIKE of two ORed patterns", "select(table1.c.myid).where(table1.c.name.like('a%') | table1.c.name.like('b%'))")
    C(S, "test_in_18", "IN or IN", "select(table1.c.myid).where(table1.c.myid.in_([1, 2]) | table1.c.myid.in_([5, 6]))")
    C(S, "test_is_eq_precedence_flat", "IS NULL and IS NOT NULL together",
      "select(table1.c.myid).where(and_(table1.c.name.is_(None), table1.c.description.is_not(None)))")
    C(S, "test_negate_operators_5", "NOT of NOT IN", "select(table1.c.myid).where(~table1.c.myid.not_in([1, 2]))")
    C(S, "test_between_1", "between of dates on a date column",
      "select(dt.c.d).where(dt.c.d.between(datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)))")
    C(S, "test_contains", "contains on a mssql-style concat, in an OR",
      "select(table1.c.myid).where(or_(table1.c.name.contains('a'), table1.c.description.startswith('b')))")


def selectable(C):
    S = "sql/test_selectable"
    C(S, "test_table_alias", "anonymous alias", "a = table1.alias()\nstmt = select(a.c.myid).where(a.c.myid == 5)")
    C(S, "test_join_alias", "join of an alias and the table",
      "a = table1.alias('a')\nstmt = select(a.c.myid, table1.c.name).select_from(a.join(table1, a.c.myid == table1.c.myid))")
    C(S, "test_join_standalone_alias", "a join aliased",
      "j = table1.join(table2, table1.c.myid == table2.c.otherid).alias('j')\nstmt = select(j)",
      missing="Join.alias() / a join as a subquery")
    C(S, "test_labels_name_w_separate_key", "keyed columns select by key",
      "select(keyed.c.colx, keyed.c.coly, keyed.c.z)")
    C(S, "test_labels_name_w_separate_key", "keyed columns in where",
      "select(keyed).where(keyed.c.colx == 5)")
    C(S, "test_labeled_subquery_twice", "one subquery selected twice",
      "s = select(table1.c.myid).subquery('s')\nstmt = select(s.c.myid, s.c.myid.label('again'))")
    C(S, "test_scalar_subquery_from_subq_same_source", "scalar subquery over a subquery",
      "s = select(table1).subquery()\nstmt = select(select(s.c.myid).where(s.c.myid == 5).scalar_subquery())")
    C(S, "test_with_only_generative", "with_only_columns",
      "select(table1.c.myid, table1.c.name).with_only_columns(table1.c.name)")
    C(S, "test_type_coerce_preserve_subq", "type_coerce in a subquery",
      "s = select(type_coerce(table1.c.myid, String).label('foo')).subquery()\nstmt = select(s.c.foo)")
    C(S, "test_type_coerce_selfgroup", "type_coerce of a binary is grouped",
      "select(type_coerce(table1.c.myid == 5, Integer) + 3)")
    C(S, "test_unary_boolean", "not of a boolean comparison in columns",
      "select(not_(table1.c.myid == 5).label('x'))")
    C(S, "test_named_labels_literal_column", "label of a literal_column",
      "select(literal_column('x').label('foo'))")
    C(S, "test_lateral", "lateral subquery",
      "s = select(table2.c.otherid).where(table2.c.otherid == table1.c.myid).lateral('lat')\nstmt = select(table1.c.myid, s.c.otherid)")
    C(S, "test_select_from_values", "values() as a FROM",
      "v = values(column('a', Integer), column('b', String), name='v').data([(1, 'x'), (2, 'y')])\nstmt = select(v)")
    C(S, "test_tablesample", "tablesample", "select(tablesample(table1, 10.5, name='s').c.myid)")
    C(S, "test_join_from", "join_from",
      "select(table1.c.myid, table2.c.otherid).join_from(table1, table2, table1.c.myid == table2.c.otherid)")
    C(S, "test_filter_by", "filter_by against the last FROM",
      "select(table1).filter_by(name='foo')")
    C(S, "test_join_from_list", "select.join() on an explicit select_from",
      "select(table1.c.myid).select_from(table1).join(table2, table1.c.myid == table2.c.otherid)")
    C(S, "test_select_outerjoin", "Select.outerjoin",
      "select(table1.c.myid).outerjoin(table2, table1.c.myid == table2.c.otherid)")
    C(S, "test_select_join_full", "Select.join(full=True)",
      "select(table1.c.myid).join(table2, table1.c.myid == table2.c.otherid, full=True)")
    C(S, "test_add_columns", "add_columns", "select(table1.c.myid).add_columns(table1.c.name, table2.c.othername)")


def text_(C):
    S = "sql/test_text"
    C(S, "test_basic", "text() with a bind", "text('select * from foo where lala=:bar').bindparams(bar=4)")
    C(S, "test_basic", "text() without binds", "text('select * from foo where lala = bar')")
    C(S, "test_escaping_colons", "escaped colon", "text('select * from foo where clock=\\\\:time')")
    C(S, "test_escaping_double_colons", "PG :: cast", "text('SELECT * FROM pg_attribute WHERE attrelid = :tab::regclass')")
    C(S, "test_escaping_percent_signs", "percent in text", "text(\"select 'a' like '%' || :x\").bindparams(x='y')")
    C(S, "test_binds_compiled_named", "several named binds",
      "text('select * from foo where lala=:bar and hoho=:whee').bindparams(bar=4, whee=7)")
    C(S, "test_binds_compiled_positional", "the same bind twice",
      "text('select * from foo where lala=:bar and hoho=:bar').bindparams(bar=4)")
    C(S, "test_column", "text column in select", "select(column('x'), column('y')).select_from(text('mytable'))")
    C(S, "test_where", "text() in where", "select(table1.c.myid).where(text('myid = 5'))")
    C(S, "test_order_by_colname", "order by a column name string", "select(table1.c.myid).order_by('myid')")
    C(S, "test_order_by_expr", "order by text()", "select(table1.c.myid).order_by(text('myid DESC'))")
    C(S, "test_group_by_label", "group by a label name string",
      "select(table1.c.myid.label('foo')).group_by('foo')")
    C(S, "test_having", "having text()", "select(table1.c.myid).group_by(table1.c.myid).having(text('count(*) > 1'))")
    C(S, "test_literal_binds", "text() bind rendered literally", "text('select * from foo where lala=:bar').bindparams(bar=4)",
      kw={"literal_binds": True})
    C(S, "test_subquery", "text().columns() as a subquery",
      "t = text('select id, name from user').columns(column('id', Integer), column('name')).subquery('t')\nstmt = select(t.c.id)")
    C(S, "test_cte", "text().columns() as a CTE",
      "t = text('select id, name from user').columns(column('id', Integer), column('name')).cte('t')\nstmt = select(t.c.name)")
    C(S, "test_scalar_subquery", "text() in a scalar subquery comparison",
      "select(table1.c.myid).where(table1.c.myid == literal_column('(select 5)'))")
    C(S, "test_text_in_select_nonfrom", "literal_column of a text fragment in columns",
      "select(literal_column('foo + bar').label('x'), table1.c.myid)")


def cte(C):
    S = "sql/test_cte"
    C(S, "test_nonrecursive", "a plain CTE",
      "c = select(table1.c.myid, table1.c.name).where(table1.c.myid > 5).cte('c')\nstmt = select(c.c.name).where(c.c.myid < 10)")
    C(S, "test_recursive", "recursive CTE with union all",
      "parts = table('parts', column('part'), column('sub_part'), column('quantity'))\n"
      "included = select(parts.c.sub_part, parts.c.part, parts.c.quantity).where(parts.c.part == 'our part').cte(recursive=True)\n"
      "ia = included.alias()\npa = parts.alias()\n"
      "included = included.union_all(select(pa.c.sub_part, pa.c.part, pa.c.quantity).where(pa.c.part == ia.c.sub_part))\n"
      "stmt = select(included.c.sub_part, func.sum(included.c.quantity).label('total_quantity')).group_by(included.c.sub_part)",
      missing="the test's own table parts; CTE aliases (cte.alias())")
    C(S, "test_recursive_union_no_alias_one", "recursive CTE counting",
      "s1 = select(literal(0).label('x'))\nc = s1.cte(name='cte', recursive=True)\n"
      "c = c.union_all(select(c.c.x + 1).where(c.c.x < 10))\nstmt = select(c)")
    C(S, "test_union", "two CTEs used in one select",
      "a = select(table1.c.myid).cte('a')\nb = select(table2.c.otherid).cte('b')\n"
      "stmt = select(a.c.myid, b.c.otherid).where(a.c.myid == b.c.otherid)")
    C(S, "test_cte_refers_to_cte", "a CTE selecting from another",
      "a = select(table1.c.myid).cte('a')\nb = select(a.c.myid).where(a.c.myid > 2).cte('b')\nstmt = select(b.c.myid)")
    C(S, "test_reserved_quote", "a CTE named with a reserved word",
      "c = select(table1.c.myid).cte('select')\nstmt = select(c.c.myid)")
    C(S, "test_positional_binds", "binds in the CTE and the outer select",
      "c = select(table1.c.myid).where(table1.c.name == 'x').cte('c')\nstmt = select(c.c.myid).where(c.c.myid == 5)")
    C(S, "test_nesting_cte_in_cte", "a nesting CTE inside another",
      "inner = select(table1.c.myid).cte('inner_c', nesting=True)\nouter = select(inner.c.myid).cte('outer_c')\nstmt = select(outer.c.myid)")
    C(S, "test_cte_in_compound_select", "union of selects from a CTE",
      "c = select(table1.c.myid).cte('c')\nstmt = union(select(c.c.myid).where(c.c.myid == 1), select(c.c.myid).where(c.c.myid == 2))")
    C(S, "test_insert_in_the_cte", "insert ... returning as a CTE",
      "c = insert(table1).values(myid=1, name='x').returning(table1.c.myid).cte('c')\nstmt = select(c.c.myid)",
      missing="DML (insert/update/delete ... RETURNING) as a CTE")
    C(S, "test_select_from_insert_cte_with_nesting", "CTE used by an INSERT from select",
      "c = select(table2.c.otherid, table2.c.othername).cte('c')\nstmt = insert(table1).from_select(['myid', 'name'], select(c.c.otherid, c.c.othername))")
    C(S, "test_update_pulls_from_cte", "UPDATE with a CTE in where",
      "c = select(table2.c.otherid).cte('c')\nstmt = update(table1).where(table1.c.myid.in_(select(c.c.otherid))).values(name='x')")
    C(S, "test_delete_uses_independent_cte", "DELETE with a CTE in where",
      "c = select(table2.c.otherid).cte('c')\nstmt = delete(table1).where(table1.c.myid.in_(select(c.c.otherid)))")
    C(S, "test_union_cte", "a union as a CTE",
      "c = union(select(table1.c.myid), select(table2.c.otherid)).cte('c')\nstmt = select(c.c.myid)")
    C(S, "test_scalar_subq_from_cte", "a scalar subquery over a CTE",
      "c = select(table1.c.myid).cte('c')\nstmt = select(table2.c.otherid).where(table2.c.otherid == select(func.max(c.c.myid)).scalar_subquery())")
    C(S, "test_cte_join", "a CTE joined to a table",
      "c = select(table2.c.otherid).cte('c')\nstmt = select(table1.c.myid).select_from(table1.join(c, table1.c.myid == c.c.otherid))")
    C(S, "test_prefixes", "CTE prefix_with MATERIALIZED",
      "c = select(table1.c.myid).cte('c').prefix_with('MATERIALIZED')\nstmt = select(c.c.myid)",
      missing="CTE.prefix_with()")
    # third batch
    C(S, "test_recursive_union_alias_one", "a recursive CTE selected through an alias",
      "s1 = select(literal(0).label('x'))\nc = s1.cte(name='cte', recursive=True)\nc = c.union_all(select(c.c.x + 1).where(c.c.x < 10))\n"
      "c2 = c.alias('c2')\nstmt = select(c2)")
    C(S, "test_multi_subq_quote", "a CTE with a name that needs quoting",
      "c = select(table1.c.myid).cte('MyCTE')\nstmt = select(c.c.myid)")
    C(S, "test_conflicting_names", "two different CTEs of one name (refused)",
      "a = select(table1.c.myid).cte('c')\nb = select(table2.c.otherid).cte('c')\nstmt = select(a.c.myid, b.c.otherid)")
    # fourth batch
    C(S, "test_union", "a CTE whose body is a union all",
      "c = union_all(select(table1.c.myid.label('id')), select(table2.c.otherid.label('id'))).cte('c')\nstmt = select(func.count(c.c.id))")
    C(S, "test_union", "a CTE joined to itself through two selects",
      "c = select(table1.c.myid, table1.c.name).cte('c')\nstmt = select(c.c.name).where(c.c.myid == select(func.max(c.c.myid)).scalar_subquery())")
    C(S, "test_recursive_union_no_alias_one", "a recursive CTE joined to a table",
      "c = select(table1.c.myid).where(table1.c.myid == 1).cte('r', recursive=True)\n"
      "c = c.union_all(select(table2.c.otherid).where(table2.c.otherid == c.c.myid + 1))\nstmt = select(c.c.myid)")


def functions(C):
    S = "sql/test_functions"
    for name in ["now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp",
                 "current_user", "session_user", "user", "random", "sysdate", "char_length", "coalesce", "max", "min",
                 "sum", "count", "concat", "rank", "dense_rank", "percent_rank", "cume_dist", "row_number"]:
        args = {"char_length": "table1.c.name", "coalesce": "table1.c.name, 'x'", "max": "table1.c.myid",
                "min": "table1.c.myid", "sum": "table1.c.myid", "count": "", "concat": "table1.c.name, 'x'"}.get(name, "")
        C(S, "test_generic_" + name, "func.%s: each dialect's spelling of a generic function" % name,
          "select(func.%s(%s))" % (name, args))
    C(S, "test_generic_count", "count(*) from a table", "select(func.count()).select_from(table1)")
    C(S, "test_generic_count", "count of a column", "select(func.count(table1.c.myid))")
    C(S, "test_custom_name", "an unknown function passes through", "select(func.my_func(1, 2, None, 3))")
    C(S, "test_custom_package_namespace", "a packaged function", "select(func.mypackage.myfunc(table1.c.myid))")
    C(S, "test_mixed_case", "mixed case function name is quoted", "select(func.MyFunc(table1.c.myid))")
    C(S, "test_quote_special_chars", "a function name with a space", "select(getattr(func, 'hi there')())")
    C(S, "test_uppercase", "an uppercase known name", "select(func.NOW())")
    C(S, "test_underscores", "a name with underscores", "select(func.current_schema_name())")
    C(S, "test_functions_with_cols", "function compared in where",
      "select(table1.c.myid).where(func.lower(table1.c.name) == 'x')")
    C(S, "test_functions_with_cols", "nested functions", "select(func.lower(func.upper(table1.c.name)))")
    C(S, "test_functions_with_cols", "function with arithmetic argument", "select(func.abs(table1.c.myid - 5))")
    C(S, "test_funcfilter_criterion", "count filter", "select(func.count(1).filter(table1.c.name != None))")
    C(S, "test_funcfilter_compound_criterion", "filter with two criteria",
      "select(func.count(1).filter(table1.c.name == None, table1.c.myid > 0))")
    C(S, "test_funcfilter_label", "filter labelled", "select(func.count(1).filter(table1.c.name == 'x').label('foo'))")
    C(S, "test_funcfilter_windowing_orderby", "filter then over",
      "select(func.rank().filter(table1.c.name > 'foo').over(order_by=table1.c.name))")
    C(S, "test_funcfilter_windowing_rows", "filter then over with rows",
      "select(func.rank().filter(table1.c.name > 'foo').over(rows=(1, 5), partition_by=['description']))")
    C(S, "test_funcfilter_within_group", "within group",
      "select(func.rank().filter(table1.c.name > 'foo').over(order_by=table1.c.name).label('r'), func.rank().within_group(table1.c.name.desc()))")
    C(S, "test_table_valued_one", "a table-valued function",
      "fn = func.json_each(literal('{}')).table_valued('key', 'value')\nstmt = select(fn.c.key)")
    C(S, "test_column_valued_one", "a column-valued function",
      "fn = func.unnest(arrtable.c.intarr).column_valued('x')\nstmt = select(fn)")
    C(S, "test_select_method_one", "func.select()", "func.rows('foo').select()")
    C(S, "test_scalar_subquery", "function of a scalar subquery",
      "select(func.coalesce(select(func.max(table2.c.otherid)).scalar_subquery(), 0))")
    C(S, "test_extract", "extract year", "select(extract('year', dt.c.ts))")
    C(S, "test_extract", "extract month in where", "select(dt.c.ts).where(extract('month', dt.c.d) == 5)")
    C(S, "test_extract", "extract day", "select(extract('day', dt.c.ts))")
    C(S, "test_extract", "extract epoch", "select(extract('epoch', dt.c.ts))")
    C(S, "test_extract", "extract dow", "select(extract('dow', dt.c.ts))")
    C(S, "test_custom_type", "function with an explicit type",
      "select(func.my_func(table1.c.myid, type_=Integer) + 5)")
    C(S, "test_as_comparison", "func.xyz.filter over a column",
      "select(func.max(table1.c.myid).filter(table1.c.myid > 2).label('m'))")
    C(S, "test_cube_operators", "group by cube", "select(func.sum(table1.c.myid)).group_by(func.cube(table1.c.name, table1.c.description))")
    C(S, "test_cube_operators", "group by rollup", "select(func.sum(table1.c.myid)).group_by(func.rollup(table1.c.name))")
    C(S, "test_cube_operators", "group by grouping sets",
      "select(func.sum(table1.c.myid)).group_by(func.grouping_sets(table1.c.name, table1.c.description))")
    C(S, "test_aggregate_strings", "aggregate_strings / string_agg", "select(func.string_agg(table1.c.name, ','))")
    C(S, "test_array_agg", "array_agg", "select(func.array_agg(table1.c.myid))")
    C(S, "test_char_length", "char_length in where", "select(table1.c.myid).where(func.char_length(table1.c.name) > 5)")
    C(S, "test_over_label", "func over, labelled, ordering by the label",
      "x = func.rank().over(order_by=table1.c.myid).label('r')\nstmt = select(table1.c.myid, x).order_by(x)")
    # second batch
    C(S, "test_functions_with_cols", "coalesce of three", "select(func.coalesce(table1.c.name, table1.c.description, 'x'))")
    C(S, "test_functions_with_cols", "a function labelled and ordered by",
      "c = func.count(table1.c.myid).label('c')\nstmt = select(table1.c.name, c).group_by(table1.c.name).order_by(c.desc())")
    C(S, "test_compile", "current_timestamp compared in where", "select(dt.c.ts).where(dt.c.ts < func.current_timestamp())")
    C(S, "test_compile", "now() in an insert", "insert(dt).values(ts=func.now())")
    # fourth batch
    C(S, "test_functions_with_cols", "lag over order by", "select(func.lag(table1.c.myid, 1).over(order_by=table1.c.myid))")
    C(S, "test_functions_with_cols", "ntile over partition", "select(func.ntile(4).over(partition_by=table1.c.name, order_by=table1.c.myid))")
    C(S, "test_functions_with_cols", "date_trunc", "select(func.date_trunc('day', dt.c.ts))")
    C(S, "test_functions_with_cols", "sum over a RANGE frame to the current row",
      "select(func.sum(table1.c.myid).over(order_by=table1.c.myid, range_=(None, 0)))")
    C(S, "test_functions_with_cols", "count distinct labelled", "select(func.count(distinct(table1.c.name)).label('n'))")
    C(S, "test_functions_with_cols", "length in order by", "select(table1.c.name).order_by(func.length(table1.c.name).desc())")
    C(S, "test_funcfilter_criterion", "sum filter over", "select(func.sum(table1.c.myid).filter(table1.c.name == 'x').over(partition_by=table1.c.description))")


def insert(C):
    S = "sql/test_insert"
    C(S, "test_insert_with_values_dict", "insert values dict", "insert(table1).values(myid=3, name='jack')")
    C(S, "test_insert_with_values_tuple", "insert values as a tuple", "insert(table1).values((3, 'jack', 'mydescription'))",
      missing="insert().values() given as a positional tuple")
    C(S, "test_insert_with_values_func", "insert with a function value", "insert(table1).values(myid=func.lala())")
    C(S, "test_insert_with_user_supplied_bind_params", "insert with bindparam values",
      "insert(table1).values(myid=bindparam('userid'), name=bindparam('username'))")
    C(S, "test_insert_literal_binds", "insert literal_binds", "insert(table1).values(myid=3, name='jack')",
      kw={"literal_binds": True})
    C(S, "test_insert_from_select_select", "insert from select with where",
      "insert(table1).from_select(['myid', 'name'], select(table2.c.otherid, table2.c.othername).where(table2.c.othername == 'foo'))")
    C(S, "test_insert_from_select_union", "insert from a union",
      "insert(table1).from_select(['myid'], union(select(table2.c.otherid), select(table3.c.userid)))",
      missing="Insert.from_select() with a compound select")
    C(S, "test_insert_from_select_cte_one", "insert from select of a CTE",
      "c = select(table2.c.otherid).cte('c')\nstmt = insert(table1).from_select(['myid'], select(c.c.otherid))")
    C(S, "test_insert_multiple_values", "multi-row values",
      "insert(table1).values([{'myid': 1, 'name': 'a'}, {'myid': 2, 'name': 'b'}])")
    C(S, "test_insert_multiple_values", "multi-row values with None",
      "insert(table1).values([{'myid': 1, 'name': None}, {'myid': 2, 'name': 'b'}])")
    C(S, "test_empty_insert_default", "insert with no values", "insert(table1)")
    C(S, "test_empty_insert_default", "insert of an empty values() on a Table with a primary key",
      "insert(table4).values()")
    C(S, "test_insert_returning", "insert returning", "insert(table1).values(myid=1).returning(table1.c.myid, table1.c.name)")
    C(S, "test_insert_returning", "insert returning an expression",
      "insert(table1).values(myid=1).returning((table1.c.myid * 2).label('x'))")
    C(S, "test_prefix_with", "insert prefix_with", "insert(table1).prefix_with('IGNORE').values(myid=1)")
    C(S, "test_insert_scalar_subquery", "insert with a scalar subquery value",
      "insert(table1).values(myid=select(func.max(table2.c.otherid)).scalar_subquery())")
    C(S, "test_implicit_returning_pk", "insert into a Table with an integer PK (implicit RETURNING on some dialects)",
      "insert(table4).values(datatype_id=1, value='x')")
    C(S, "test_insert_schema", "insert into a schema-qualified table", "insert(table4).values(rem_id=1, value='x')")
    C(S, "test_insert_keyed", "insert into a table with keyed columns", "insert(keyed).values(colx=1, coly=2)")
    # second batch
    C(S, "test_insert_with_values_dict", "insert into a schema table with a value for every column",
      "insert(table4).values(rem_id=1, datatype_id=2, value='x')")
    C(S, "test_insert_returning_not_in_default", "insert returning on a Table",
      "insert(table4).values(rem_id=1).returning(table4.c.rem_id, table4.c.value)")
    # fourth batch
    C(S, "test_inline_defaults", "SQL-expression column defaults rendered inline",
      "m = MetaData()\nfoo = Table('foo', m, Column('id', Integer))\n"
      "t = Table('test', m, Column('col1', Integer, default=func.foo(1)),\n"
      "          Column('col2', Integer, default=select(func.coalesce(func.max(foo.c.id))).scalar_subquery()))\n"
      "stmt = insert(t).values({})")
    C(S, "test_inline_default", "a scalar Python default becomes a bound value",
      "t = Table('test', MetaData(), Column('id', Integer, primary_key=True), Column('col2', String(20), default='x'))\n"
      "stmt = insert(t).values(id=1)")
    C(S, "test_server_default", "a server default column is left out",
      "t = Table('sometable', MetaData(), Column('id', Integer, primary_key=True), Column('data', String(20), server_default='x'))\n"
      "stmt = insert(t).values(id=1)")
    C(S, "test_insert_multiple_values", "multi-row values with a SQL function in one row",
      "insert(table1).values([{'myid': 1, 'name': func.upper('a')}, {'myid': 2, 'name': 'b'}])")


def update(C):
    S = "sql/test_update"
    C(S, "test_update_1", "update with where", "update(table1).where(table1.c.myid == 7).values(name='fred')")
    C(S, "test_update_2", "update without where", "update(table1).values(name='fred')")
    C(S, "test_update_3", "update to an expression", "update(table1).values(myid=table1.c.myid + 1)")
    C(S, "test_update_4", "update with a function value", "update(table1).where(table1.c.myid == 7).values(name=func.upper('x'))")
    C(S, "test_update_5", "update with a scalar subquery value",
      "update(table1).values(name=select(table2.c.othername).where(table2.c.otherid == table1.c.myid).scalar_subquery())")
    C(S, "test_update_6", "update with a correlated exists",
      "update(table1).where(exists().where(table2.c.otherid == table1.c.myid)).values(name='x')")
    C(S, "test_update_7", "update of two columns with a compound where",
      "update(table1).where(and_(table1.c.myid == 7, table1.c.name == 'a')).values(name='b', description='c')")
    C(S, "test_update_8", "update with in_", "update(table1).where(table1.c.myid.in_([1, 2])).values(name='x')")
    C(S, "test_update_bound_ordering", "ordered_values", "update(table1).ordered_values((table1.c.name, 'x'), (table1.c.myid, 5))")
    C(S, "test_update_literal_binds", "update literal_binds", "update(table1).where(table1.c.myid == 7).values(name='x')",
      kw={"literal_binds": True})
    C(S, "test_update_returning", "update returning", "update(table1).values(name='x').returning(table1.c.myid)")
    C(S, "test_render_table", "update from a second table (UPDATE FROM)",
      "update(mytable).values(name='x').where(mytable.c.myid == myothertable.c.otherid).where(myothertable.c.othername == 'y')")
    C(S, "test_render_multi_table", "update setting columns of two tables (MySQL)",
      "update(mytable).where(mytable.c.myid == myothertable.c.otherid).values({mytable.c.name: 'a', myothertable.c.othername: 'b'})")
    C(S, "test_alias_one", "update an alias", "a = table1.alias('t')\nstmt = update(a).where(a.c.myid == 5).values(name='x')",
      missing="update() of an alias (sqla's update() takes only a table)")
    C(S, "test_prefix_with", "update prefix_with", "update(table1).prefix_with('LOW_PRIORITY').values(name='x')")
    C(S, "test_update_mysql_limit", "update with mysql_limit", "update(table1).values(name='x').with_dialect_options(mysql_limit=5)")
    C(S, "test_where_empty", "update where and_()", "update(table1).where(and_()).values(name='x')",
      missing="and_() with no clauses (SQLAlchemy 1.4 accepts it, deprecated, and renders no WHERE; sqla's and_() refuses)")
    C(S, "test_update_to_expression_one", "update a keyed column by key", "update(keyed).values(colx=5)")
    # second batch
    C(S, "test_update_1", "update with two where calls", "update(table1).where(table1.c.myid == 7).where(table1.c.name == 'a').values(description='x')")
    C(S, "test_update_3", "update with a function of the column", "update(table1).values(name=func.lower(table1.c.name))")
    C(S, "test_update_1", "update of a schema table", "update(table4).where(table4.c.rem_id == 5).values(value='x')")
    # fourth batch
    C(S, "test_inline_defaults", "SQL-expression onupdate defaults rendered inline",
      "m = MetaData()\nfoo = Table('foo', m, Column('id', Integer))\n"
      "t = Table('test', m, Column('col1', Integer, onupdate=func.foo(1)),\n"
      "          Column('col2', Integer, onupdate=select(func.coalesce(func.max(foo.c.id))).scalar_subquery()),\n"
      "          Column('col3', String(30)))\n"
      "stmt = update(t).values(col3='foo')")
    C(S, "test_update_5", "a scalar onupdate becomes a bound value",
      "t = Table('t', MetaData(), Column('x', Integer), Column('y', Integer, onupdate=5))\nstmt = update(t).values(x=1)")


def delete(C):
    S = "sql/test_delete"
    C(S, "test_delete", "delete without where", "delete(table1)")
    C(S, "test_delete", "delete with where", "delete(table1).where(table1.c.myid == 7)")
    C(S, "test_delete", "delete with and_", "delete(table1).where(and_(table1.c.myid == 7, table1.c.name == 'somename'))")
    C(S, "test_correlated_select", "delete with a correlated scalar subquery",
      "delete(table1).where(table1.c.myid == select(table2.c.otherid).where(table2.c.othername == table1.c.name).scalar_subquery())")
    C(S, "test_non_correlated_select", "delete with an uncorrelated subquery",
      "delete(table1).where(table1.c.myid.in_(select(table2.c.otherid)))")
    C(S, "test_delete_extra_froms", "delete with a second table (DELETE USING)",
      "delete(mytable).where(mytable.c.myid == myothertable.c.otherid)")
    C(S, "test_delete_literal_binds", "delete literal_binds", "delete(table1).where(table1.c.myid == 7)",
      kw={"literal_binds": True})
    C(S, "test_delete_returning", "delete returning", "delete(table1).where(table1.c.myid == 7).returning(table1.c.name)")
    C(S, "test_prefix_with", "delete prefix_with", "delete(table1).prefix_with('LOW_PRIORITY')")
    C(S, "test_delete_schema", "delete from a schema table", "delete(table4).where(table4.c.rem_id == 5)")
    C(S, "test_delete_exists", "delete with exists", "delete(table1).where(exists().where(table2.c.otherid == table1.c.myid))")
    # second batch
    C(S, "test_delete", "delete with in_", "delete(table1).where(table1.c.myid.in_([1, 2, 3]))")
    C(S, "test_delete", "delete with a like", "delete(table1).where(table1.c.name.like('a%'))")


def quote(C):
    S = "sql/test_quote"
    C(S, "test_reserved_words", "columns and tables named with reserved words",
      "t = table('order', column('select'), column('from'), column('where'))\nstmt = select(t).where(t.c['select'] == 5)")
    C(S, "test_upper_case_names", "uppercase names are quoted",
      "t = table('MyTable', column('MyColumn'), column('col2'))\nstmt = select(t).where(t.c.MyColumn == 5)")
    C(S, "test_mixed_case_names", "mixed case alias",
      "a = table1.alias('MyAlias')\nstmt = select(a.c.myid)")
    C(S, "test_lower_case_names", "lowercase needs no quoting",
      "t = table('foo', column('bar'))\nstmt = select(t)")
    C(S, "test_numeric_initial_char", "a name starting with a digit",
      "t = table('1table', column('1col'))\nstmt = select(t)")
    C(S, "test_illegal_initial_char", "a name starting with $",
      "t = table('$table', column('$col'))\nstmt = select(t)")
    C(S, "test_label_and_alias", "labels needing quotes",
      "select(table1.c.myid.label('Foo'), table1.c.name.label('some name'))")
    C(S, "test_simple_order_by_label", "order by a quoted label",
      "lab = table1.c.myid.label('Foo')\nstmt = select(lab).order_by(lab)")
    C(S, "test_subquery_one", "a subquery with an uppercase name",
      "s = select(table1.c.myid).subquery('Sub')\nstmt = select(s.c.myid)")
    C(S, "test_join", "join of quoted tables",
      "a = table('Foo', column('Id'))\nb = table('bar', column('foo_id'))\nstmt = select(a).select_from(a.join(b, a.c.Id == b.c.foo_id))")
    C(S, "test_schema_quoting", "a schema that needs quoting", "select(table4.c.rem_id)")
    C(S, "test_schema_multipart", "a multipart schema (dbo.remote_owner)", "select(table5.c.rem_id)")
    C(S, "test_literal_column_already_with_quotes", "literal_column with quotes",
      "select(literal_column('\"x\"').label('y'))")
    C(S, "test_quoted_name_force", "quoted_name(quote=True)",
      "t = table(quoted_name('lower', quote=True), column('x'))\nstmt = select(t)",
      missing="quoted_name() / forced quoting")
    # third batch
    C(S, "test_reserved_words", "names reserved on some dialects",
      "t = table('t', column('level'), column('uid'), column('group'), column('key'), column('option'), column('rank'),\n"
      "          column('type'), column('comment'), column('size'), column('file'))\nstmt = select(t)")
    C(S, "test_reserved_words", "binds named after reserved words",
      "t = table('t', column('level', Integer), column('uid', Integer), column('size', Integer))\n"
      "stmt = select(t.c.level).where(t.c.level == 5).where(t.c.uid == 6).where(t.c.size == 7)")
