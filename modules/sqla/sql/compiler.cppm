// sqla: sql/compiler.cppm. SQLCompiler, the visitor that renders elements to SQL, and Compiled.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstdint>
#include <cstddef>
#include <memory>
#include <span>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

export module sqla:sql.compiler;
import :errors.error;
import :types.value;
import :types.type_engine;
import :dialect.capabilities;
import :sql.operators;
import :sql.elements;
import :sql.selectable;
import :sql.dml;
import :schema.constraints;
import :schema.column;
import :schema.table;
import :schema.ddl;

namespace sqla::detail {
// visit_insert writes these around the VALUES tuple of an INSERT compiled for executemany;
// compile() splits the statement there for insertmanyvalues and removes them.
inline constexpr char values_open = '\x03';
inline constexpr char values_close = '\x04';
}  // namespace sqla::detail

export namespace sqla {

/// Quotes identifiers for one dialect (SQLAlchemy's `IdentifierPreparer`): a name is quoted
/// when it is a reserved word, has upper-case letters, starts with a digit or `$`, or holds
/// anything but letters, digits, `_` and `$`.
class SQLA_EXPORT IdentifierPreparer {
public:
    /// `reserved_words` are lower-case; `quote` opens a quoted name and `end_quote` closes it.
    explicit IdentifierPreparer(std::unordered_set<std::string> reserved_words, char quote = '"', char end_quote = '"');
    virtual ~IdentifierPreparer();

    /// The name, quoted when it needs to be.
    [[nodiscard]] std::string quote(std::string_view name) const;
    /// The name, always quoted, with embedded quote characters doubled.
    [[nodiscard]] std::string quote_identifier(std::string_view name) const;
    [[nodiscard]] virtual bool requires_quotes(std::string_view name) const;
    [[nodiscard]] const std::unordered_set<std::string>& reserved_words() const noexcept { return reserved_; }

private:
    std::unordered_set<std::string> reserved_;
    char quote_;
    char end_quote_;
};

/// One placeholder of a compiled statement: the bound parameter's compiled name, and where
/// its value comes from when the execution does not give one by that name: the index of the
/// parameter in the statement's CacheKey::binds, or -1 (the value must be given).
struct BindSlot {
    std::string name;
    int extracted = -1;
    /// The value of a parameter the compiler itself added (SQLite's `LIMIT -1`).
    std::optional<Value> value{};
    /// An expanding parameter (`IN (...)`): one placeholder per value, decided at execution.
    bool expanding = false;
    /// For expanding tuples: the values per tuple (0 for plain values).
    std::size_t tuple_width = 0;
    /// What an empty expanding list renders as, inside the parentheses (the dialect's).
    std::string empty_text{};
    /// What precedes expanded tuples inside the parentheses ("VALUES " on SQLite).
    std::string tuple_prefix{};
    /// A literal-execute parameter (SQLAlchemy's `literal_execute=True`: Oracle's ROWNUM limits,
    /// SQL Server's TOP): its value is rendered into the SQL text at execution, as a literal,
    /// and sent as no parameter. Compiled::sql shows `__[POSTCOMPILE_name]` in its place.
    bool literal_execute = false;
    /// A Column default (or onupdate) that gives the value when the execution does not: a
    /// fixed value, or a function called once per row.
    std::optional<ColumnDefault> default_value{};
    /// The parameter's SQL type (its column's, for INSERT and UPDATE values); NullType when
    /// unknown. The engine's bind processing follows it (Dialect::bind_processor, TypeDecorator).
    TypeEngine type{};
};

/// A column of a compiled SELECT's result: its name, its SQL type, and the expressions it
/// answers to (SQLAlchemy's result-map "objects"), each as its structural key
/// (`expression_key()`): the selected expression; a type_coerce() also answers to the column
/// it wraps. A `Row` is read by expression through these (`row.get<T>(users.c("id"))`).
/// Structural keys, not node addresses: a compiled form is shared by every statement of the
/// same structure, and the expressions of a later one must find their columns too.
struct ResultColumn {
    std::string name;
    TypeEngine type;
    std::vector<std::string> targets{};
};

/// The structural identity of an expression: its cache key's text (values left out), so
/// `users.c("id")` built twice is the same expression, and a column of an alias of `users` is
/// not `users`' column.
[[nodiscard]] SQLA_EXPORT std::string expression_key(const ClauseElement& element);

/// An executemany INSERT that goes out as batches of multi-row INSERT ... VALUES (...), (...)
/// (SQLAlchemy's "insertmanyvalues"): the statement split around its VALUES tuple, in the
/// compiler's marker form. Every bound parameter is inside the tuple, so a batch of n rows is
/// `head`, n copies of `row` with their own placeholders, then `tail`.
struct InsertManyValues {
    std::string head;
    std::string row;
    std::string tail;
    /// Rows per batch: the dialect's page size, fewer when they would carry more parameters
    /// than the dialect's limit.
    std::size_t rows_per_batch = 1;
    bool returning = false;
    /// With `returning(..., {.sort_by_parameter_order = true})`: how a batch's rows are put in
    /// parameter order. `columns`: where the primary-key columns are in a returned row; the
    /// last `hidden` of a row's columns were added for this and are not the caller's.
    /// `parameters`: the bind names of the primary-key values when the parameters give them
    /// (rows are matched to them); else the rows are sorted by the autoincrement key.
    struct Sentinel {
        std::vector<std::size_t> columns;
        std::vector<std::string> parameters;
        std::size_t hidden = 0;
    };
    std::optional<Sentinel> sentinel{};
};

/// A statement rendered for one dialect and driver: SQL text with placeholders in the driver's
/// paramstyle, and its bound parameters in placeholder order.
struct Compiled {
    /// The SQL; where expanding and literal-execute parameters are, SQLAlchemy's
    /// `__[POSTCOMPILE_name]` markers (render_expanded() gives the SQL to send).
    std::string sql;
    std::vector<BindSlot> binds;
    std::vector<ResultColumn> result_columns;
    /// Unique per Compiled object in this process: drivers key their prepared-statement
    /// caches on it.
    std::uint64_t id = 0;
    ParamStyle paramstyle = ParamStyle::qmark;
    /// With expanding or literal-execute parameters: the SQL with a marker per placeholder,
    /// for render_expanded().
    std::string template_sql{};
    /// A single-row INSERT given RETURNING implicitly (the dialect's implicit_returning): the
    /// keys of the primary-key columns it returns, in the order it returns them; the engine
    /// reads them for inserted_primary_key() and does not hand the row to the caller.
    std::vector<std::string> implicit_returning{};
    /// Compiled for executemany of a single-row INSERT on a dialect that batches such
    /// executions (Capabilities::use_insertmanyvalues): how to render a batch.
    std::optional<InsertManyValues> insertmanyvalues{};
    [[nodiscard]] inline bool has_expanding() const noexcept { return !template_sql.empty(); }
};

/// The SQL of an insertmanyvalues batch of `rows` rows: the placeholders numbered (or, for
/// named paramstyles, named `<name>__<row>`) through all rows, values in row order.
[[nodiscard]] SQLA_EXPORT std::string render_insertmanyvalues(const Compiled& compiled, std::size_t rows);

/// The SQL to send for a compiled statement with expanding or literal-execute parameters,
/// given the number of values (or tuples) of each slot (ignored for slots that do not expand)
/// and, per slot, the value of each literal-execute slot (ignored for other slots). A
/// literal-execute value is rendered as SQL text: integers and NULL only (they are row
/// limits); anything else throws `CompileError`, as does a missing value.
[[nodiscard]] SQLA_EXPORT std::string render_expanded(const Compiled& compiled, std::span<const std::size_t> sizes,
                                                      std::span<const Value> literal_values = {});

/// Renders an element tree to SQL, as SQLAlchemy's SQLCompiler does. Dispatch is a switch on
/// the element's kind (`process`) calling one virtual `visit_*` per kind; a dialect's compiler
/// overrides the visits (and hooks such as `limit_clause`) where its SQL differs.
/// One compiler renders one statement; it is not reused.
class SQLA_EXPORT SQLCompiler {
public:
    SQLCompiler(const Capabilities& capabilities, const IdentifierPreparer& preparer, ParamStyle paramstyle);
    virtual ~SQLCompiler();

    /// Renders `element` as a complete statement. `key` is the statement's cache key (it lists
    /// the bound parameters whose values executions take from the statement).
    [[nodiscard]] Compiled compile(const ClauseElement& element, const CacheKey& key);
    /// Renders `element`, computing its cache key.
    [[nodiscard]] Compiled compile(const ClauseElement& element);
    /// Renders bound values as SQL literals (SQLAlchemy's `compile_kwargs={"literal_binds":
    /// True}`), for showing SQL; values that have no literal form throw CompileError.
    inline void set_literal_binds(bool on) noexcept { literal_binds_ = on; }

protected:
    /// Renders any element, appending to the output.
    void process(const ClauseElement& element);
    /// Renders `element` into a separate string (the output is left as it was).
    [[nodiscard]] std::string render(const ClauseElement& element);
    /// Renders `element` with its bound parameters as literal-execute slots (SQLAlchemy's
    /// `literal_execute=True`): their values go into the SQL text at execution.
    void process_literal_execute(const ClauseElement& element);

    virtual void visit_text_clause(const TextClauseElement& element);
    /// The dialect's name as prefix_with(dialect=) names it ("mysql", "postgresql"...).
    [[nodiscard]] virtual std::string_view dialect_name() const { return {}; }
    /// `text1 text2 ` for the prefixes that apply to this dialect (SQLAlchemy's
    /// `_generate_prefixes`): nothing when none does.
    [[nodiscard]] std::string statement_prefixes(std::span<const StatementPrefix> prefixes) const;
    /// The `LIMIT n` MySQL adds to UPDATE / DELETE (`mysql_limit`); empty elsewhere.
    [[nodiscard]] virtual std::string dml_limit_clause(const std::optional<std::int64_t>& mysql_limit) const {
        (void)mysql_limit;
        return {};
    }
    virtual void visit_select(const SelectNode& select);
    /// The SELECT itself, without the WITH of nesting CTEs (visit_select adds that).
    virtual void visit_select_body(const SelectNode& select);
    virtual void visit_column(const ColumnClauseNode& column);
    virtual void visit_table(const TableNode& table);
    virtual void visit_alias(const AliasNode& alias);
    virtual void visit_join(const JoinNode& join);
    virtual void visit_bind_param(const BindParamNode& bind);
    virtual void visit_null(const ColumnElementNode& node);
    virtual void visit_true(const ColumnElementNode& node);
    virtual void visit_false(const ColumnElementNode& node);
    virtual void visit_label(const LabelNode& label);
    virtual void visit_unary(const UnaryNode& unary);
    virtual void visit_binary(const BinaryNode& binary);
    /// Whether an INSERT ... SELECT writes its WITH clause before the SELECT, not before the
    /// INSERT (SQLAlchemy's cte_follows_insert: MySQL, Oracle).
    [[nodiscard]] virtual bool cte_follows_insert() const { return false; }
    /// A schema name as written before a table's: quoted by the preparer (SQL Server splits a
    /// dotted `database.owner` and quotes each part).
    [[nodiscard]] virtual std::string quote_schema(const std::string& schema) const { return preparer_.quote(schema); }
    /// The collation name of `x COLLATE name`: quoted by the preparer where it needs it, as
    /// SQLAlchemy 2.0's format_collation does.
    [[nodiscard]] virtual std::string collation_name(const std::string& name) const { return preparer_.quote(name); }
    /// `x MATCH y` (SQLAlchemy's visit_match_op_binary); dialects spell full-text search their way.
    virtual void visit_match(const BinaryNode& binary);
    /// `REGEXP_REPLACE(...)`: the base raises CompileError, as SQLAlchemy's does; dialects that
    /// have it call regexp_replace_function().
    virtual void visit_regexp_replace(const BinaryNode& binary);
    /// `REGEXP_REPLACE(x, pattern, replacement[, flags])`.
    void regexp_replace_function(const BinaryNode& binary);
    /// The flags of regexp_match() / regexp_replace() as a bound string named after the left
    /// side (SQLAlchemy binds them so: `name_2`).
    void regexp_flags_bind(const BinaryNode& binary);
    virtual void visit_clause_list(const ClauseListNode& list);
    virtual void visit_grouping(const GroupingNode& grouping);
    virtual void visit_function(const FunctionNode& function);
    virtual void visit_scalar_select(const ScalarSelectNode& select);
    virtual void visit_subquery(const SubqueryNode& subquery);
    virtual void visit_cte(const SubqueryNode& cte);
    virtual void visit_compound_select(const CompoundSelectNode& compound);
    /// `text().columns()`: the text, with its declared columns as the result columns.
    virtual void visit_textual_select(const TextualSelectNode& select);
    virtual void visit_within_group(const WithinGroupNode& node);
    virtual void visit_values(const ValuesNode& values);
    virtual void visit_tablesample(const TableSampleNode& sample);
    /// `fn(...) AS name` (Oracle: `TABLE (fn(...)) name`).
    virtual void visit_table_valued(const TableValuedNode& from);
    /// PostgreSQL's aggregate_order_by: generic throws CompileError.
    virtual void visit_aggregate_order_by(const AggregateOrderByNode& node);
    /// `order_by({"name"})`: the label's name, or the column, found in the current SELECT.
    virtual void visit_label_reference(const LabelReferenceNode& reference);
    /// Whether ORDER BY a label of the columns clause names the label instead of repeating its
    /// expression (SQLAlchemy's `supports_simple_order_by_label`; Oracle: false).
    [[nodiscard]] virtual bool supports_simple_order_by_label() const { return true; }
    /// "RECURSIVE " in `WITH RECURSIVE` (Oracle and SQL Server write none).
    [[nodiscard]] virtual std::string_view recursive_keyword() const { return "RECURSIVE "; }
    /// The text joining members of a compound SELECT, with spaces (" UNION ALL "; Oracle: " MINUS ").
    [[nodiscard]] virtual std::string_view compound_keyword(CompoundSelectNode::Keyword keyword) const;
    /// What goes between a FROM and its alias name: " AS " (Oracle: " ").
    [[nodiscard]] virtual std::string_view alias_keyword() const { return " AS "; }
    virtual void visit_cast(const CastNode& cast);
    virtual void visit_extract(const ExtractNode& extract);
    virtual void visit_case(const CaseNode& node);
    virtual void visit_over(const OverNode& over);
    virtual void visit_filter(const FilterNode& filter);
    /// The SQL name of a type, as in CAST (SQLAlchemy's type compiler): INTEGER, VARCHAR(20),
    /// NUMERIC(10, 2)...
    [[nodiscard]] virtual std::string type_name(const TypeEngine& type) const;
    /// The type in CAST(x AS type): type_name() unless the database casts to its own names (MySQL).
    [[nodiscard]] virtual std::string cast_type_name(const TypeEngine& type) const { return type_name(type); }
    /// The dialect whose own types (postgresql::JSONB, mysql::DATETIME: TypeEngine::Details::dialect)
    /// this compiler renders; a CAST to another dialect's type is a CompileError.
    [[nodiscard]] virtual std::string_view own_types_dialect() const { return {}; }
    // INSERT, UPDATE and DELETE (defined in compiler_dml.cpp).
    virtual void visit_insert(const InsertNode& insert);
    virtual void visit_update(const UpdateNode& update);
    virtual void visit_delete(const DeleteNode& del);
    /// ` RETURNING col, ...` of a DML statement (`what` is "INSERT", "UPDATE" or "DELETE").
    /// Throws `CompileError` where `capabilities().supports_returning` is false.
    virtual void returning_clause(std::span<const ColumnElementPtr> columns, std::string_view what);
    /// An INSERT's upsert clause (ON CONFLICT, ON DUPLICATE KEY UPDATE). Generic: throws
    /// CompileError when the INSERT has one; PostgreSQL and SQLite call on_conflict_clause().
    virtual void upsert_clause(const InsertParts& insert);
    /// `ON CONFLICT [target] DO NOTHING | DO UPDATE SET ... [WHERE ...]`.
    void on_conflict_clause(const InsertParts& insert);
    /// Whether RETURNING goes before VALUES / WHERE (SQL Server's OUTPUT) instead of at the end.
    [[nodiscard]] virtual bool returning_precedes_values() const { return false; }
    /// The tables after UPDATE (MySQL lists the WHERE's other tables there too).
    virtual void update_tables_clause(const FromClauseNode& table, std::span<const FromClauseNode* const> extra);
    /// Whether SET names its columns with their table (MySQL's multi-table UPDATE).
    [[nodiscard]] virtual bool update_set_qualified(std::span<const FromClauseNode* const> extra) const {
        (void)extra;
        return false;
    }
    /// What an UPDATE whose WHERE names other tables renders for them (PostgreSQL's
    /// ` FROM t2`); generic: throws `CompileError`, as SQLAlchemy's default compiler does.
    virtual void update_from_clause(const UpdateNode& update, std::span<const FromClauseNode* const> extra);
    /// The same for DELETE (PostgreSQL's ` USING t2`); generic: throws `CompileError`.
    virtual void delete_extra_from_clause(const DeleteNode& del, std::span<const FromClauseNode* const> extra);
    // DDL (compiler_ddl.cpp): SQLAlchemy's DDLCompiler, with the same per-dialect overriding.
    virtual void visit_ddl(const DDLNode& ddl);
    virtual void visit_create_table(const DDLNode& create);
    virtual void visit_drop_table(const DDLNode& drop);
    virtual void visit_create_index(const DDLNode& create);
    virtual void visit_drop_index(const DDLNode& drop);
    virtual void visit_add_constraint(const DDLNode& add);
    virtual void visit_drop_constraint(const DDLNode& drop);
    virtual void visit_create_sequence(const DDLNode& create);
    virtual void visit_drop_sequence(const DDLNode& drop);
    virtual void visit_set_table_comment(const DDLNode& comment);
    virtual void visit_set_column_comment(const DDLNode& comment);
    /// CREATE TYPE ... AS ENUM / DROP TYPE: generic throws CompileError (PostgreSQL renders them).
    virtual void visit_create_type(const DDLNode& create);
    virtual void visit_drop_type(const DDLNode& drop);
    /// A column's definition in CREATE TABLE (SQLAlchemy's get_column_specification):
    /// name, type, DEFAULT, identity, NOT NULL. `first_pk`: the first primary-key column.
    [[nodiscard]] virtual std::string column_specification(const TableSchema& table, const Column& column, bool first_pk);
    /// The column's type in DDL; the dialect's type_name() unless a dialect renders columns'
    /// types differently (PostgreSQL's SERIAL is in column_specification).
    [[nodiscard]] virtual std::string column_type(const TableSchema& table, const Column& column);
    /// The text after DEFAULT, or nullopt when the column has no server default.
    [[nodiscard]] virtual std::optional<std::string> column_default_string(const Column& column);
    /// `GENERATED ALWAYS AS (expr) [STORED | VIRTUAL]` of a Computed column (SQLAlchemy's
    /// visit_computed_column; PostgreSQL and Oracle refuse the persistence they lack).
    [[nodiscard]] virtual std::string computed_clause(const Computed& computed);
    /// `GENERATED ... AS IDENTITY (...)` (SQL Server: IDENTITY(start,increment)).
    [[nodiscard]] virtual std::string identity_clause(const Identity& identity);
    /// The sequence options of CREATE SEQUENCE and identities ("INCREMENT BY 2 START WITH 5").
    [[nodiscard]] virtual std::string identity_options(const IdentityOptions& options);
    /// A constraint in CREATE TABLE or ALTER TABLE ADD; empty to leave it out.
    [[nodiscard]] virtual std::string constraint_clause(const TableSchema& table, const Constraint& constraint);
    /// ON DELETE / ON UPDATE of a foreign key.
    [[nodiscard]] virtual std::string constraint_cascades(const Constraint& constraint);
    /// [NOT] DEFERRABLE, INITIALLY ...
    [[nodiscard]] virtual std::string constraint_deferrability(const Constraint& constraint);
    /// Whether a type's constraint (Boolean, Enum) applies to this dialect.
    [[nodiscard]] virtual bool should_create_constraint(const Constraint& constraint) const;
    /// What follows the closing parenthesis of CREATE TABLE (MySQL's table options).
    [[nodiscard]] virtual std::string post_create_table(const TableSchema& table);
    /// The expressions of CREATE INDEX's parentheses (MySQL adds prefix lengths).
    [[nodiscard]] virtual std::string index_elements(const Index& index, const TableSchema& table);
    /// What follows `CREATE [UNIQUE] INDEX ` (PostgreSQL: CONCURRENTLY).
    [[nodiscard]] virtual std::string index_keywords(const Index& index);
    /// What precedes CREATE INDEX's parentheses (PostgreSQL: USING method).
    [[nodiscard]] virtual std::string index_method(const Index& index);
    /// ` WHERE ...` of a partial index from the dialect option `option` (postgresql_where,
    /// sqlite_where), or nothing.
    [[nodiscard]] std::string partial_index_where(const Index& index, std::string_view option);
    /// What follows CREATE INDEX's parentheses (PostgreSQL and SQLite: WHERE for a partial index).
    [[nodiscard]] virtual std::string post_create_index(const Index& index, const TableSchema& table);
    /// The table's name, schema-qualified and quoted.
    [[nodiscard]] std::string format_table(const TableSchema& table) const;
    /// Renders an expression with its values inlined as literals (DDL has no parameters);
    /// columns without their table when `include_table` is false.
    [[nodiscard]] std::string render_literal(const ClauseElement& element, bool include_table = false);
    /// A value as a SQL literal: 'text' with quotes doubled, numbers, the dialect's booleans.
    [[nodiscard]] virtual std::string render_literal_value(const Value& value, const TypeEngine& type);

    /// Throws `UnsupportedCompilationError` naming the element.
    [[noreturn]] virtual void visit_unsupported_compilation(const ClauseElement& element, std::string_view what);

    /// `FETCH FIRST n ROWS ...` with its OFFSET, for Select::fetch() (SQL standard form).
    virtual void fetch_clause(const SelectParts& select);
    /// FOR UPDATE and friends (generic: FOR UPDATE [OF columns] [NOWAIT] [SKIP LOCKED]).
    virtual void for_update_clause(const SelectParts& select);
    /// What follows `SELECT ` before the columns (generic: `DISTINCT ` when distinct;
    /// SQL Server adds `TOP n `).
    virtual void select_precolumns(const SelectParts& select);
    /// Called where a SELECT with no FROM would have one (Oracle writes ` FROM DUAL`).
    virtual void no_from_clause();
    /// The LIMIT/OFFSET part of a SELECT, with its leading whitespace (generic: LIMIT n OFFSET m).
    virtual void limit_clause(const SelectParts& select);
    /// WHERE/HAVING criteria from one or several where() calls: ANDed, each grouped as AND requires.
    void criteria(const std::vector<ColumnElementPtr>& list);
    /// A WHERE or HAVING criterion as a whole (a bare boolean becomes `1 = 1` where the
    /// database has no boolean type).
    virtual void where_criterion(const ColumnElementNode& criterion);
    /// One column of a SELECT's column list, labelled when it needs a name.
    /// `label_all` (inside subqueries and CTEs) labels named columns with their names too.
    virtual void select_column(const ColumnElementNode& column, bool label_all);
    /// Records a column of the statement's result, named `name`, that `column` produces.
    void add_result_column(std::string name, const ColumnElementNode& column);
    /// The SQL text of a binary operator with its spaces (" = "); dialects override spellings.
    [[nodiscard]] virtual std::string_view operator_text(Operator op) const;

    /// What an empty `IN ()` renders as inside its parentheses: generic
    /// `NULL) AND (1 != 1` (NOT IN: `NULL) OR (1 = 1`), with `(NULL, NULL)` for tuples.
    [[nodiscard]] virtual std::string empty_set_expression(bool negated, std::size_t tuple_width) const;
    /// What precedes a list of expanded tuples inside the parentheses (generic: nothing).
    [[nodiscard]] virtual std::string tuple_in_prefix() const;

    /// What follows a placeholder of `type` (SQLAlchemy's render_bind_cast): a cast for drivers
    /// that bind on the server, where a parameter's type must be known from the SQL. Generic:
    /// nothing.
    [[nodiscard]] virtual std::string bind_cast(const TypeEngine& type) const;
    /// Writes the placeholder for a bound parameter named `name` and records its slot.
    void bind_param(std::string_view name, int extracted = -1, std::optional<Value> value = std::nullopt,
                    TypeEngine type = {});
    /// Records an expanding slot and writes its marker.
    void bind_expanding(BindSlot slot);
    /// Renders a bound value the compiler adds itself; the compiled form keeps its value.
    void literal_bind(const Value& value, TypeEngine type = {});
    /// The compiled name of an anonymous thing (unique bind, anonymous alias or label):
    /// `<base>_<n>`, numbered per base in order of first use, the same for the same node.
    [[nodiscard]] std::string anonymous_name(const void* node, std::string_view base);

    const Capabilities& capabilities_;
    const IdentifierPreparer& preparer_;
    ParamStyle paramstyle_;
    std::string out_;
    std::vector<BindSlot> binds_;
    // The VALUES markers (detail::values_open/close) written into out_, for compile()'s check.
    std::size_t values_markers_ = 0;
    std::vector<ResultColumn> result_columns_;
    /// Whether the output is a top-level SELECT's column list (labels render AS there only).
    bool in_columns_clause_ = false;
    int select_depth_ = 0;
    /// Result names already used in the current top-level column list (repeats get `name__1`).
    std::vector<std::string> column_names_;
    /// The column each of column_names_ came from (a repeat of the same column is `name__1`).
    std::vector<const void*> column_sources_;
    /// The FROMs of each enclosing SELECT, for correlating subqueries.
    std::vector<std::vector<const FromClauseNode*>> enclosing_froms_;
    /// Whether bound parameters render as literal-execute slots (process_literal_execute()).
    bool literal_execute_ = false;
    /// Whether bound values render as literals (DDL, literal_binds).
    bool literal_binds_ = false;
    /// Whether columns render with their table's name.
    bool include_table_ = true;
    /// Whether the next binary operator's right side is NOT IN (for the empty-set text).
    bool negated_in_ = false;
    /// Whether the next SELECT labels every column with its name (inside a subquery or CTE).
    bool label_columns_ = false;
    /// Whether result columns are no longer recorded (the later members of a compound).
    bool skip_results_ = false;
    /// The SELECTs being rendered, innermost last (label references resolve in the last).
    std::vector<const SelectParts*> select_stack_;
    /// The label that renders as its name (an ORDER BY naming a label of the columns clause).
    const LabelNode* label_as_name_ = nullptr;
    /// The WITH clause being collected: each CTE's SQL, dependencies first.
    struct RenderedCte {
        std::string name;
        std::string sql;
        bool recursive = false;
        std::vector<std::string> columns;
    };
    std::vector<RenderedCte> ctes_;
    /// Per SELECT being rendered, the nesting CTEs its WITH gets.
    std::vector<std::vector<RenderedCte>> nested_ctes_;
    /// `WITH [RECURSIVE] a AS \n(...), \nb AS \n(...)` for these CTEs.
    [[nodiscard]] std::string with_clause(const std::vector<RenderedCte>& ctes) const;
    std::vector<std::string> cte_names_;
    /// Where the SELECT of a top-level INSERT ... SELECT starts in out_ (cte_follows_insert()).
    std::optional<std::size_t> insert_select_at_;
    /// Whether the statement runs with several parameter sets (no implicit RETURNING then).
    bool for_executemany_ = false;
    std::vector<std::string> implicit_returning_;
    /// The sentinel of an executemany INSERT sorted by parameter order (visit_insert).
    std::optional<InsertManyValues::Sentinel> sentinel_;
    /// The execution's parameter keys for INSERT/UPDATE (CacheKey::column_keys).
    std::optional<std::vector<std::string>> column_keys_;

private:
    std::unordered_map<const BindParamNode*, int> bind_index_;
    std::unordered_map<const void*, std::string> anon_names_;
    std::unordered_map<std::string, int> anon_counters_;
    std::vector<ColumnElementPtr> added_;  // nodes the compiler made, alive while it names them
};

}  // namespace sqla
