// sqla: sql/selectable.cppm. FROM clauses (tables, aliases, joins) and SELECT, as nodes and handles.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

export module sqla:sql.selectable;
import :errors.error;
import :types.value;
import :types.type_engine;
import :sql.operators;
import :sql.elements;

export namespace sqla {

/// `left [LEFT OUTER | FULL OUTER] JOIN right ON onclause`.
class SQLA_EXPORT JoinNode final : public FromClauseNode {
public:
    JoinNode(std::shared_ptr<const FromClauseNode> left, std::shared_ptr<const FromClauseNode> right,
             ColumnElementPtr onclause, bool isouter, bool full);
    ~JoinNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] inline const FromClauseNode& left() const noexcept { return *left_; }
    [[nodiscard]] inline const FromClauseNode& right() const noexcept { return *right_; }
    [[nodiscard]] inline const ColumnElementNode& onclause() const noexcept { return *onclause_; }
    [[nodiscard]] inline bool isouter() const noexcept { return isouter_; }
    [[nodiscard]] inline bool full() const noexcept { return full_; }
    /// Whether `from` is this join or one of the FROMs it joins (which it then hides).
    [[nodiscard]] bool contains(const FromClauseNode* from) const noexcept;

private:
    std::shared_ptr<const FromClauseNode> left_;
    std::shared_ptr<const FromClauseNode> right_;
    ColumnElementPtr onclause_;
    bool isouter_;
    bool full_;
};

/// A FROM clause a user holds: a table, an alias or a join. A cheap value.
class SQLA_EXPORT FromClause {
public:
    explicit FromClause(std::shared_ptr<const FromClauseNode> node) noexcept : node_(std::move(node)) {}
    [[nodiscard]] inline const FromClauseNode& node() const noexcept { return *node_; }
    [[nodiscard]] inline const std::shared_ptr<const FromClauseNode>& node_ptr() const noexcept { return node_; }

    /// The column with this key; throws `NoSuchColumnError` naming the FROM and its columns.
    [[nodiscard]] ColumnElement c(std::string_view key) const;
    /// Every column, in order.
    [[nodiscard]] std::vector<ColumnElement> columns() const;
    /// `AS name`; without a name, an anonymous alias named when compiled (`users_1`).
    [[nodiscard]] FromClause alias(std::optional<std::string> name = std::nullopt) const;
    /// `table AS name TABLESAMPLE sampling [REPEATABLE (seed)]` (SQLAlchemy's `tablesample()`):
    /// `users.tablesample(func("bernoulli", {1}))`, anonymous alias `users_1` without a name.
    [[nodiscard]] FromClause tablesample(const ColumnElement& sampling, std::optional<std::string> name = std::nullopt,
                                         std::optional<ColumnElement> seed = std::nullopt) const;
    /// `JOIN right ON onclause`.
    [[nodiscard]] FromClause join(const FromClause& right, const ColumnElement& onclause) const;
    /// `JOIN right ON ...` with the ON clause from the foreign keys between the two (SQLAlchemy's
    /// join condition): throws ArgumentError when there is none, or more than one.
    [[nodiscard]] FromClause join(const FromClause& right) const;
    [[nodiscard]] FromClause outerjoin(const FromClause& right) const;
    [[nodiscard]] FromClause full_outer_join(const FromClause& right) const;
    /// `LEFT OUTER JOIN right ON onclause`.
    [[nodiscard]] FromClause outerjoin(const FromClause& right, const ColumnElement& onclause) const;
    /// `FULL OUTER JOIN right ON onclause`.
    [[nodiscard]] FromClause full_outer_join(const FromClause& right, const ColumnElement& onclause) const;

private:
    std::shared_ptr<const FromClauseNode> node_;
};

/// A function as a FROM: `fn(...) AS name`, with declared columns (table_valued), or one
/// column named as the FROM itself (column_valued).
class SQLA_EXPORT TableValuedNode final : public FromClauseNode {
public:
    TableValuedNode(ColumnElementPtr function, std::vector<std::string> columns, std::optional<std::string> name,
                    bool column_valued);
    ~TableValuedNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] std::string description() const override { return name_.value_or("(anonymous table-valued function)"); }
    [[nodiscard]] inline const ColumnElementNode& function() const noexcept { return *function_; }
    [[nodiscard]] inline const std::optional<std::string>& name() const noexcept { return name_; }
    [[nodiscard]] inline bool column_valued() const noexcept { return column_valued_; }

private:
    ColumnElementPtr function_;
    std::optional<std::string> name_;
    bool column_valued_;
};

/// `element AS name TABLESAMPLE sampling [REPEATABLE (seed)]`.
class SQLA_EXPORT TableSampleNode final : public FromClauseNode {
public:
    TableSampleNode(std::shared_ptr<const FromClauseNode> element, ColumnElementPtr sampling, ColumnElementPtr seed,
                    std::optional<std::string> name);
    ~TableSampleNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] inline const FromClauseNode& element() const noexcept { return *element_; }
    [[nodiscard]] inline const ColumnElementNode& sampling() const noexcept { return *sampling_; }
    [[nodiscard]] inline const ColumnElementNode* seed() const noexcept { return seed_.get(); }
    [[nodiscard]] inline const std::optional<std::string>& name() const noexcept { return name_; }
    /// The base of the anonymous name: the table's name, else "anon".
    [[nodiscard]] std::string anonymous_base() const;

private:
    std::shared_ptr<const FromClauseNode> element_;
    ColumnElementPtr sampling_;
    ColumnElementPtr seed_;
    std::optional<std::string> name_;
};

/// text() as a FROM: `select_from(text("sometable"))`, written as given.
class SQLA_EXPORT TextFromNode final : public FromClauseNode {
public:
    explicit TextFromNode(std::shared_ptr<const TextClauseElement> text);
    ~TextFromNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] inline const TextClauseElement& text() const noexcept { return *text_; }

private:
    std::shared_ptr<const TextClauseElement> text_;
};

/// `text(...).columns(...)`: textual SQL with declared result columns.
class SQLA_EXPORT TextualSelectNode final : public ClauseElement {
public:
    TextualSelectNode(std::shared_ptr<const TextClauseElement> text, std::vector<ColumnElementPtr> columns);
    ~TextualSelectNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const TextClauseElement& text() const noexcept { return *text_; }
    [[nodiscard]] inline std::span<const ColumnElementPtr> columns() const noexcept { return columns_; }

private:
    std::shared_ptr<const TextClauseElement> text_;
    std::vector<ColumnElementPtr> columns_;
};

/// A typed textual SELECT, from `text().columns()` (SQLAlchemy's TextualSelect): executable,
/// or a FROM as a subquery or CTE whose columns are the declared ones.
class SQLA_EXPORT TextualSelect : public Executable {
public:
    explicit TextualSelect(std::shared_ptr<const TextualSelectNode> node) : Executable(node), node_(std::move(node)) {}
    [[nodiscard]] inline const TextualSelectNode& node() const noexcept { return *node_; }
    /// `(text) AS name` (anonymous: `anon_1`).
    [[nodiscard]] FromClause subquery(std::optional<std::string> name = std::nullopt) const;
    [[nodiscard]] FromClause alias(std::optional<std::string> name = std::nullopt) const { return subquery(std::move(name)); }
    /// `WITH name AS (text)`.
    [[nodiscard]] FromClause cte(std::string name) const;

private:
    std::shared_ptr<const TextualSelectNode> node_;
};

/// The ON clause joining `left` to `right` by their foreign keys (SQLAlchemy's
/// `join_condition`): every foreign key of one that refers to the other, when they all belong to
/// one constraint. Throws ArgumentError when there is none, or several.
[[nodiscard]] SQLA_EXPORT ColumnElement join_condition(const std::shared_ptr<const FromClauseNode>& left,
                                                       const std::shared_ptr<const FromClauseNode>& right);

/// A lightweight table, by name and column names (SQLAlchemy's `table()` and `column()`).
[[nodiscard]] SQLA_EXPORT FromClause table(std::string name, std::vector<std::string> columns,
                                           std::optional<std::string> schema = std::nullopt);

/// A prefix or suffix of a statement (SQLAlchemy's `prefix_with` / `suffix_with`): raw SQL
/// text written as given (keywords such as `SQL_NO_CACHE`, `IGNORE`), never from untrusted
/// input; with `dialect`, written only when compiling for that dialect ("mysql", "postgresql"...).
struct StatementPrefix {
    std::string text;
    std::optional<std::string> dialect{};
};

/// Appends a statement's prefixes or suffixes to its cache key (they change its SQL).
inline void append_prefixes_cache_key(CacheKey& k, std::string_view tag, const std::vector<StatementPrefix>& prefixes) {
    for (const auto& p : prefixes) {
        k.key += tag;
        k.add_text(p.text);
        k.add_text(p.dialect.value_or("*"));
    }
}

/// The parts of a SELECT.
struct SelectParts {
    std::vector<ColumnElementPtr> columns;
    /// prefix_with(): after SELECT, before DISTINCT; suffix_with(): after the whole statement.
    std::vector<StatementPrefix> prefixes;
    std::vector<StatementPrefix> suffixes;
    std::vector<std::shared_ptr<const FromClauseNode>> from;  // select_from(), in order
    std::vector<ColumnElementPtr> where;
    std::vector<ColumnElementPtr> group_by;
    std::vector<ColumnElementPtr> having;
    std::vector<ColumnElementPtr> order_by;
    ColumnElementPtr limit;
    ColumnElementPtr offset;
    /// LIMIT / OFFSET given as an expression or bound parameter, not an integer: Oracle and
    /// SQL Server then render it as such instead of a literal-execute value (TOP n).
    bool limit_expression = false;
    bool offset_expression = false;
    /// FETCH FIRST n ROWS (SQL standard), instead of LIMIT.
    ColumnElementPtr fetch;
    bool fetch_with_ties = false;
    bool fetch_percent = false;
    bool distinct = false;
    /// DISTINCT ON (expressions): PostgreSQL's first row per distinct value.
    std::vector<ColumnElementPtr> distinct_on;
    /// FOR UPDATE and its variants (SQLAlchemy's with_for_update()).
    struct ForUpdate {
        bool read = false;
        bool nowait = false;
        bool skip_locked = false;
        bool key_share = false;
        /// Columns, tables or aliases.
        std::vector<ElementPtr> of;
    };
    std::optional<ForUpdate> for_update;
    /// correlate(): these FROMs are left out when an enclosing SELECT has them (and only these).
    std::optional<std::vector<std::shared_ptr<const FromClauseNode>>> correlate;
    /// correlate_except(): every FROM an enclosing SELECT has is left out, except these.
    std::optional<std::vector<std::shared_ptr<const FromClauseNode>>> correlate_except;
    /// The right side of the last join() / join_from(): what filter_by() compares against.
    std::shared_ptr<const FromClauseNode> last_joined;
};

/// What FOR UPDATE OF names: a column, or a table or alias (SQLAlchemy's `of=`).
class SQLA_EXPORT ForUpdateOf {
public:
    ForUpdateOf(const ColumnElement& column) : element_(column.node_ptr()) {}
    ForUpdateOf(const FromClause& from);
    [[nodiscard]] inline const ElementPtr& element() const noexcept { return element_; }

private:
    ElementPtr element_;
};

/// What `Select::with_for_update()` takes.
struct ForUpdateOptions {
    /// FOR SHARE (a read lock) instead of FOR UPDATE.
    bool read = false;
    bool nowait = false;
    bool skip_locked = false;
    /// PostgreSQL's FOR NO KEY UPDATE / FOR KEY SHARE.
    bool key_share = false;
    /// FOR UPDATE OF these columns or tables (PostgreSQL names their tables).
    std::vector<ForUpdateOf> of{};
};

class SQLA_EXPORT SelectNode final : public ClauseElement {
public:
    explicit SelectNode(SelectParts parts);
    ~SelectNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const SelectParts& parts() const noexcept { return parts_; }

private:
    SelectParts parts_;
};

/// A SELECT used as an expression: a scalar subquery, or the right side of IN / EXISTS.
/// Its FROMs that the enclosing statement also has are correlated (left out), as SQLAlchemy does.
class SQLA_EXPORT ScalarSelectNode final : public ColumnElementNode {
public:
    explicit ScalarSelectNode(std::shared_ptr<const SelectNode> select);
    ~ScalarSelectNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const SelectNode& select() const noexcept { return *select_; }

private:
    std::shared_ptr<const SelectNode> select_;
};

/// A SELECT (or compound SELECT) used as a FROM: `(SELECT ...) AS name`, or a common table
/// expression named in a WITH clause. Its columns are the statement's result columns.
class SQLA_EXPORT SubqueryNode final : public FromClauseNode {
public:
    /// `statement` is a SelectNode or CompoundSelectNode; `cte` makes it a WITH entry.
    SubqueryNode(ElementPtr statement, std::optional<std::string> name, bool cte, bool recursive,
                 const std::vector<std::pair<std::string, TypeEngine>>& columns, bool nesting = false,
                 bool lateral = false);
    ~SubqueryNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] inline const ClauseElement& statement() const noexcept { return *statement_; }
    [[nodiscard]] inline const std::optional<std::string>& name() const noexcept { return name_; }
    [[nodiscard]] inline bool is_cte() const noexcept { return cte_; }
    [[nodiscard]] inline bool recursive() const noexcept { return recursive_; }
    /// A CTE whose WITH goes on the statement that uses it, not the outermost one.
    [[nodiscard]] inline bool nesting() const noexcept { return nesting_; }
    /// `LATERAL (...)`: a FROM subquery that may refer to the FROMs before it.
    [[nodiscard]] inline bool lateral() const noexcept { return lateral_; }
    /// The same CTE (name, columns) over another statement: a recursive CTE's full body.
    [[nodiscard]] std::shared_ptr<SubqueryNode> with_statement(ElementPtr statement) const;

private:
    ElementPtr statement_;
    std::optional<std::string> name_;
    bool cte_;
    bool recursive_;
    bool nesting_;
    bool lateral_;
};

/// `a UNION b`, `UNION ALL`, `INTERSECT`, `EXCEPT` [ALL], with its own ORDER BY and LIMIT.
class SQLA_EXPORT CompoundSelectNode final : public ClauseElement {
public:
    enum class Keyword : std::uint8_t { union_, union_all, intersect, intersect_all, except_, except_all };
    CompoundSelectNode(Keyword keyword, std::vector<ElementPtr> selects, std::vector<ColumnElementPtr> order_by,
                       ColumnElementPtr limit, ColumnElementPtr offset);
    ~CompoundSelectNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline Keyword keyword() const noexcept { return keyword_; }
    [[nodiscard]] inline std::span<const ElementPtr> selects() const noexcept { return selects_; }
    [[nodiscard]] inline std::span<const ColumnElementPtr> order_by() const noexcept { return order_by_; }
    [[nodiscard]] inline const ColumnElementNode* limit() const noexcept { return limit_.get(); }
    [[nodiscard]] inline const ColumnElementNode* offset() const noexcept { return offset_.get(); }
    [[nodiscard]] inline const ColumnElementPtr& limit_ptr() const noexcept { return limit_; }
    [[nodiscard]] inline const ColumnElementPtr& offset_ptr() const noexcept { return offset_; }
    /// The first member's result columns (names and types).
    [[nodiscard]] std::vector<std::pair<std::string, TypeEngine>> result_columns() const;

private:
    Keyword keyword_;
    std::vector<ElementPtr> selects_;
    std::vector<ColumnElementPtr> order_by_;
    ColumnElementPtr limit_;
    ColumnElementPtr offset_;
};

/// What `select()` takes: a column expression, or a FROM whose columns are all selected.
class SQLA_EXPORT SelectItem {
public:
    SelectItem(const ColumnElement& e) : column_(e.node_ptr()) {}
    SelectItem(const FromClause& from);
    /// How many columns the item selects.
    [[nodiscard]] std::size_t size() const noexcept;
    /// Appends the columns the item selects.
    void append_to(std::vector<ColumnElementPtr>& out) const;

private:
    // One column, or every column of a FROM (expanded by append_to(), without a copy here).
    ColumnElementPtr column_;
    std::shared_ptr<const FromClauseNode> from_;
};

class CompoundSelect;
class Select;

/// What a compound SELECT combines: a SELECT, or another compound (rendered in parentheses, as
/// is a SELECT with its own ORDER BY or LIMIT).
class SQLA_EXPORT CompoundMember {
public:
    CompoundMember(const Select& select);
    CompoundMember(const CompoundSelect& compound);
    [[nodiscard]] inline const ElementPtr& element() const noexcept { return element_; }

private:
    ElementPtr element_;
};

/// `(VALUES (...), (...)) AS name (columns)`: rows of bound values as a FROM (SQLAlchemy's
/// `values()`).
class SQLA_EXPORT ValuesNode final : public FromClauseNode {
public:
    ValuesNode(std::string name, const std::vector<std::pair<std::string, TypeEngine>>& columns,
               std::vector<std::vector<ColumnElementPtr>> rows);
    ~ValuesNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] std::string description() const override { return name_; }
    [[nodiscard]] inline const std::string& name() const noexcept { return name_; }
    [[nodiscard]] inline std::span<const std::vector<ColumnElementPtr>> rows() const noexcept { return rows_; }

private:
    std::string name_;
    std::vector<std::vector<ColumnElementPtr>> rows_;
};

/// A VALUES FROM under construction: `values({column("a", Integer{}), column("b", String{})},
/// "v").data({{1, "x"}, {2, "y"}})`. Every value is a bound parameter.
class SQLA_EXPORT Values : public FromClause {
public:
    explicit Values(std::shared_ptr<const ValuesNode> node) : FromClause(node), node_(std::move(node)) {}
    /// These rows (each with one value per column); throws ArgumentError for a row of another width.
    [[nodiscard]] Values data(const std::vector<std::vector<Value>>& rows) const;

private:
    std::shared_ptr<const ValuesNode> node_;
};
[[nodiscard]] SQLA_EXPORT Values values(const std::vector<ColumnElement>& columns, std::string name);

/// A SELECT statement, built generatively: each method returns a new Select and leaves this
/// one unchanged (`select(users).where(users.c("id") == 5).order_by(users.c("name"))`).
class SQLA_EXPORT Select : public Executable {
public:
    explicit Select(std::shared_ptr<const SelectNode> node) : Executable(node), node_(std::move(node)) {}
    [[nodiscard]] inline const SelectParts& parts() const noexcept { return node_->parts(); }

    /// Adds WHERE criteria, joined to earlier ones with AND.
    [[nodiscard]] Select where(std::initializer_list<ColumnElement> criteria) const;
    [[nodiscard]] Select where(const ColumnElement& criterion) const& { return where({criterion}); }
    /// The same on a temporary (`select(...).where(...)`): the parts move to the new Select
    /// instead of being copied, when no other statement shares them.
    [[nodiscard]] Select where(const ColumnElement& criterion) &&;
    /// Adds to the FROM list explicitly (for a join, or a FROM no column mentions).
    [[nodiscard]] Select select_from(const FromClause& from) const;
    /// Textual SQL as a FROM: `select_from(text("sometable"))`, written as given.
    [[nodiscard]] Select select_from(const TextClause& from) const;
    /// The same SELECT with these columns instead of its own (SQLAlchemy's
    /// `with_only_columns`); criteria, ordering and explicit FROMs stay.
    [[nodiscard]] Select with_only_columns(std::initializer_list<SelectItem> items) const;
    /// WHERE criteria `column = value` for each {name, value}, ANDed, on the columns of the
    /// last joined FROM, else the first select_from(), else the first column's table (as
    /// SQLAlchemy's `filter_by(name=value)`): `filter_by({{"name", "ed"}})`. Throws
    /// NoSuchColumnError for a name that FROM has not, InvalidRequestError when there is no FROM.
    [[nodiscard]] Select filter_by(const Params& criteria) const;
    /// `left JOIN right ON onclause` (SQLAlchemy's `join_from`): replaces the FROM that is or
    /// contains `left`, else adds the join.
    [[nodiscard]] Select join_from(const FromClause& left, const FromClause& right, const ColumnElement& onclause,
                                   bool isouter = false, bool full = false) const;
    /// The same, with the ON clause inferred from foreign keys.
    [[nodiscard]] Select join_from(const FromClause& left, const FromClause& right, bool isouter = false,
                                   bool full = false) const;
    /// Joins `right` to this SELECT's leftmost FROM (SQLAlchemy's `Select.join`): the explicit
    /// FROM so far, else the first table its columns name.
    [[nodiscard]] Select join(const FromClause& right, const ColumnElement& onclause, bool isouter = false,
                              bool full = false) const;
    /// The same, with the ON clause inferred from foreign keys.
    [[nodiscard]] Select join(const FromClause& right, bool isouter = false, bool full = false) const;
    [[nodiscard]] Select outerjoin(const FromClause& right, bool full = false) const { return join(right, true, full); }
    [[nodiscard]] Select outerjoin(const FromClause& right, const ColumnElement& onclause, bool full = false) const {
        return join(right, onclause, true, full);
    }
    [[nodiscard]] Select group_by(std::initializer_list<ColumnElement> columns) const;
    [[nodiscard]] Select having(const ColumnElement& criterion) const;
    [[nodiscard]] Select order_by(std::initializer_list<ColumnElement> columns) const;
    [[nodiscard]] Select order_by(const std::vector<ColumnElement>& columns) const;
    /// ORDER BY labels or columns of this SELECT by name: `order_by({"total"})` renders the
    /// label's name (SQLAlchemy's `order_by("total")`); compiling throws CompileError when the
    /// SELECT has nothing of that name.
    [[nodiscard]] Select order_by(std::initializer_list<std::string_view> names) const;
    /// GROUP BY by name, likewise.
    [[nodiscard]] Select group_by(std::initializer_list<std::string_view> names) const;
    /// `order_by(std::nullopt)` / `group_by(std::nullopt)`: drops the ORDER BY / GROUP BY given so
    /// far (SQLAlchemy's `order_by(None)`), for a SELECT reused without its ordering.
    [[nodiscard]] Select order_by(std::nullopt_t) const;
    [[nodiscard]] Select group_by(std::nullopt_t) const;
    /// More columns for the column list (SQLAlchemy's add_columns()).
    [[nodiscard]] Select add_columns(const std::vector<ColumnElement>& columns) const;
    [[nodiscard]] Select limit(std::int64_t n) const;
    [[nodiscard]] Select offset(std::int64_t n) const;
    /// LIMIT / OFFSET an expression or a bound parameter: `limit(bindparam("n", 10))`.
    [[nodiscard]] Select limit(const ColumnElement& n) const;
    [[nodiscard]] Select offset(const ColumnElement& n) const;
    [[nodiscard]] Select distinct() const;
    /// `SELECT <text> ...`: raw SQL after SELECT (SQLAlchemy's `prefix_with`), such as MySQL's
    /// `SQL_NO_CACHE`; only on `dialect` when given. Never from untrusted input.
    [[nodiscard]] Select prefix_with(std::string text, std::optional<std::string> dialect = std::nullopt) const;
    /// `SELECT ... <text>`: raw SQL after the statement (SQLAlchemy's `suffix_with`).
    [[nodiscard]] Select suffix_with(std::string text, std::optional<std::string> dialect = std::nullopt) const;
    /// `SELECT DISTINCT ON (exprs) ...`: one row per distinct value of `on` (PostgreSQL only;
    /// other dialects raise CompileError).
    [[nodiscard]] Select distinct(std::vector<ColumnElement> on) const;
    /// As a subquery, leave out only these FROMs of the enclosing SELECT (SQLAlchemy's
    /// correlate()); with none, correlate nothing.
    [[nodiscard]] Select correlate(std::initializer_list<FromClause> froms) const;
    /// As a subquery, leave out every FROM of the enclosing SELECT except these.
    [[nodiscard]] Select correlate_except(std::initializer_list<FromClause> froms) const;
    /// `FETCH FIRST n ROWS ONLY` (or `WITH TIES`, or `n PERCENT`).
    [[nodiscard]] Select fetch(std::int64_t n, bool with_ties = false, bool percent = false) const;
    /// `FOR UPDATE`, `FOR SHARE`, with NOWAIT / SKIP LOCKED / OF, as the dialect spells them.
    [[nodiscard]] Select with_for_update(ForUpdateOptions options = {}) const;
    /// This SELECT as a FROM: `(SELECT ...) AS name` (anonymous: `anon_1`).
    [[nodiscard]] FromClause subquery(std::optional<std::string> name = std::nullopt) const;
    /// The same as subquery() (SQLAlchemy's `Select.alias()`).
    [[nodiscard]] FromClause alias(std::optional<std::string> name = std::nullopt) const { return subquery(std::move(name)); }
    /// This SELECT as a common table expression, `WITH name AS (...)`. `nesting`: its WITH goes
    /// on the statement that uses it (SQLAlchemy's `nesting=True`), not the outermost one.
    [[nodiscard]] FromClause cte(std::string name, bool recursive = false, bool nesting = false) const;
    /// `LATERAL (SELECT ...) AS name`: a FROM subquery that refers to the FROMs before it (it
    /// correlates to the enclosing SELECT).
    [[nodiscard]] FromClause lateral(std::optional<std::string> name = std::nullopt) const;
    /// `this UNION other` and friends, as methods.
    [[nodiscard]] CompoundSelect union_(const Select& other) const;
    [[nodiscard]] CompoundSelect union_all(const Select& other) const;
    /// This SELECT as an expression (a scalar subquery): `where(x == sel.scalar_subquery())`,
    /// `col.in_(sel.scalar_subquery())`.
    [[nodiscard]] ColumnElement scalar_subquery() const;

private:
    std::shared_ptr<const SelectNode> node_;
};

/// A compound SELECT: UNION, UNION ALL, INTERSECT, EXCEPT; generative like Select.
class SQLA_EXPORT CompoundSelect : public Executable {
public:
    explicit CompoundSelect(std::shared_ptr<const CompoundSelectNode> node) : Executable(node), node_(std::move(node)) {}
    [[nodiscard]] inline const CompoundSelectNode& node() const noexcept { return *node_; }
    /// ORDER BY on the compound: refer to result columns by name, `column("name")`.
    [[nodiscard]] CompoundSelect order_by(std::initializer_list<ColumnElement> columns) const;
    /// ORDER BY result columns by name: `order_by({"id"})`.
    [[nodiscard]] CompoundSelect order_by(std::initializer_list<std::string_view> names) const;
    [[nodiscard]] CompoundSelect limit(std::int64_t n) const;
    [[nodiscard]] CompoundSelect offset(std::int64_t n) const;
    /// LIMIT / OFFSET a bound parameter or an expression.
    [[nodiscard]] CompoundSelect limit(const ColumnElement& n) const;
    [[nodiscard]] CompoundSelect offset(const ColumnElement& n) const;
    [[nodiscard]] FromClause subquery(std::optional<std::string> name = std::nullopt) const;
    [[nodiscard]] FromClause cte(std::string name) const;

private:
    std::shared_ptr<const CompoundSelectNode> node_;
};

/// Members are SELECTs or compounds: `union_({s1, union_all({s2, s3})})`.
[[nodiscard]] SQLA_EXPORT CompoundSelect union_(std::initializer_list<CompoundMember> selects);
[[nodiscard]] SQLA_EXPORT CompoundSelect union_all(std::initializer_list<CompoundMember> selects);
[[nodiscard]] SQLA_EXPORT CompoundSelect intersect(std::initializer_list<CompoundMember> selects);
[[nodiscard]] SQLA_EXPORT CompoundSelect intersect_all(std::initializer_list<CompoundMember> selects);
[[nodiscard]] SQLA_EXPORT CompoundSelect except_(std::initializer_list<CompoundMember> selects);
[[nodiscard]] SQLA_EXPORT CompoundSelect except_all(std::initializer_list<CompoundMember> selects);
/// The recursive form of a CTE made with `cte(name, true)`: `cte UNION ALL recursive_part`
/// (SQLAlchemy's `cte.union_all(...)`); returns the CTE to select from.
[[nodiscard]] SQLA_EXPORT FromClause recursive_union_all(const FromClause& cte, const Select& recursive_part);

/// `EXISTS (subquery)`.
[[nodiscard]] SQLA_EXPORT ColumnElement exists(const Select& subquery);

/// `EXISTS (SELECT * FROM ... WHERE ...)`, built up: `exists().where(orders.c("user_id") ==
/// users.c("id"))`. Its FROMs come from the criteria, correlated to the enclosing SELECT.
class SQLA_EXPORT Exists : public ColumnElement {
public:
    Exists();
    [[nodiscard]] Exists where(const ColumnElement& criterion) const;
    template <class... More>
        requires(std::convertible_to<More, ColumnElement> && ...)
    [[nodiscard]] inline Exists where(const ColumnElement& first, const More&... more) const {
        Exists e = where(first);
        ((e = e.where(ColumnElement(more))), ...);
        return e;
    }
    [[nodiscard]] Exists select_from(const FromClause& from) const;
    [[nodiscard]] inline const Select& select() const noexcept { return select_; }

private:
    explicit Exists(Select select);
    Select select_;
};
/// `exists()` with no SELECT yet: add criteria with where().
[[nodiscard]] SQLA_EXPORT Exists exists();

/// `SELECT items...`: columns, expressions, or tables (all their columns).
[[nodiscard]] SQLA_EXPORT Select select(std::initializer_list<SelectItem> items);
template <class... Items>
[[nodiscard]] inline Select select(const Items&... items) {
    return select({SelectItem(items)...});
}

}  // namespace sqla
