// sqla: sql/dml.cppm. INSERT, UPDATE and DELETE, as nodes and generative handles.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

export module sqla:sql.dml;
import :errors.error;
import :types.value;
import :types.type_engine;
import :sql.operators;
import :sql.elements;
import :sql.selectable;

export namespace sqla {

/// What `values()` takes for one column: a C++ value (sent as a bound parameter named after
/// the column key) or a SQL expression (`func("upper", ...)`, `t.c("n") + 1`, a scalar subquery).
class SQLA_EXPORT ValueOrExpression {
public:
    ValueOrExpression(const ColumnElement& e) : expression_(e.node_ptr()) {}
    template <class T>
        requires(std::constructible_from<Value, const T&> && !std::convertible_to<const T&, ColumnElement>)
    ValueOrExpression(const T& v) : value_(Value(v)) {}
    /// The expression, or nullptr for a value.
    [[nodiscard]] inline const ColumnElementPtr& expression() const noexcept { return expression_; }
    [[nodiscard]] inline const Value& value() const noexcept { return value_; }

private:
    ColumnElementPtr expression_;
    Value value_;
};

/// One row of `values()`: column keys and what each takes.
using ValuesRow = std::vector<std::pair<std::string, ValueOrExpression>>;

/// A column's value in an INSERT or UPDATE: its key and the expression rendered for it (a
/// bound parameter for a C++ value).
struct DMLValue {
    std::string key;
    ColumnElementPtr value;
    /// Set for a column of another table than the statement's (a multi-table UPDATE).
    ColumnElementPtr column{};
};

/// ON CONFLICT of an INSERT (PostgreSQL and SQLite upserts).
struct OnConflict {
    /// DO NOTHING (false) or DO UPDATE (true).
    bool update = false;
    /// The conflict target: column names, or expressions of a unique index...
    std::vector<std::string> index_columns;
    std::vector<ColumnElementPtr> index_expressions;
    /// ... or a named constraint (`ON CONFLICT ON CONSTRAINT name`).
    std::optional<std::string> constraint;
    /// The target index's WHERE (a partial unique index).
    ColumnElementPtr index_where;
    /// DO UPDATE SET: column key and value, and its WHERE.
    std::vector<DMLValue> set;
    ColumnElementPtr where;
};

/// The parts of an INSERT.
struct InsertParts {
    std::shared_ptr<const FromClauseNode> table;
    /// prefix_with(): `INSERT <prefixes> INTO`.
    std::vector<StatementPrefix> prefixes;
    /// The rows of `values()`: none without it; more than one (or `multi`) for multi-row VALUES.
    std::vector<std::vector<DMLValue>> rows;
    bool multi = false;
    /// `from_select()`: the column keys and the SELECT.
    std::vector<std::string> select_columns;
    std::shared_ptr<const SelectNode> select;
    std::vector<ColumnElementPtr> returning;
    /// RETURNING's rows of an executemany come back in the order of the parameter sets
    /// (SQLAlchemy 2.0's `returning(..., sort_by_parameter_order=True)`).
    bool sort_by_parameter_order = false;
    std::optional<OnConflict> on_conflict;
    /// MySQL's ON DUPLICATE KEY UPDATE: column key and value.
    std::vector<DMLValue> on_duplicate;
};

/// Options of `Insert::returning()`.
struct ReturningOptions {
    /// With several parameter sets (executemany), return the rows in the order of the sets,
    /// one row per set, however the statement is batched: by a sentinel (the primary key given
    /// in the parameters, or an autoincrement key the database assigns in VALUES order), else
    /// one set per statement.
    bool sort_by_parameter_order = false;
};

/// The conflict target of `on_conflict_do_nothing` / `on_conflict_do_update`: the columns or
/// expressions of a unique index (with its WHERE for a partial one), or a constraint's name.
struct ConflictTarget {
    std::vector<std::string> index_elements{};
    std::vector<ColumnElement> index_expressions{};
    std::optional<std::string> constraint{};
    std::optional<ColumnElement> index_where{};
};

/// What `on_conflict_do_update` sets: column keys and values (C++ values or expressions such as
/// `stmt.excluded().c("word")`), and an optional WHERE.
struct ConflictUpdate {
    std::vector<std::string> index_elements{};
    std::vector<ColumnElement> index_expressions{};
    std::optional<std::string> constraint{};
    std::optional<ColumnElement> index_where{};
    std::vector<std::pair<std::string, ValueOrExpression>> set{};
    std::optional<ColumnElement> where{};
};

/// The parts of an UPDATE.
struct UpdateParts {
    std::shared_ptr<const FromClauseNode> table;
    /// prefix_with(): `UPDATE <prefixes> table`.
    std::vector<StatementPrefix> prefixes;
    /// MySQL's `UPDATE ... LIMIT n` (SQLAlchemy's `mysql_limit`); other dialects ignore it.
    std::optional<std::int64_t> mysql_limit;
    std::vector<DMLValue> values;
    /// `ordered_values()`: SET in the given order rather than the table's.
    bool ordered = false;
    std::vector<ColumnElementPtr> where;
    std::vector<ColumnElementPtr> returning;
};

/// The parts of a DELETE.
struct DeleteParts {
    std::shared_ptr<const FromClauseNode> table;
    /// prefix_with(): `DELETE <prefixes> FROM`.
    std::vector<StatementPrefix> prefixes;
    /// MySQL's `DELETE ... LIMIT n` (SQLAlchemy's `mysql_limit`); other dialects ignore it.
    std::optional<std::int64_t> mysql_limit;
    std::vector<ColumnElementPtr> where;
    std::vector<ColumnElementPtr> returning;
};

class SQLA_EXPORT InsertNode final : public ClauseElement {
public:
    explicit InsertNode(InsertParts parts);
    ~InsertNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const InsertParts& parts() const noexcept { return parts_; }

private:
    InsertParts parts_;
};

class SQLA_EXPORT UpdateNode final : public ClauseElement {
public:
    explicit UpdateNode(UpdateParts parts);
    ~UpdateNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const UpdateParts& parts() const noexcept { return parts_; }

private:
    UpdateParts parts_;
};

class SQLA_EXPORT DeleteNode final : public ClauseElement {
public:
    explicit DeleteNode(DeleteParts parts);
    ~DeleteNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const DeleteParts& parts() const noexcept { return parts_; }

private:
    DeleteParts parts_;
};

/// An INSERT statement, built generatively like Select (SQLAlchemy's `Insert`).
///
/// Without `values()` the columns come from the execution's parameter keys
/// (`conn.execute(insert(t), {{"name", "x"}})` renders `INSERT INTO t (name) VALUES (?)`; a
/// vector of Params uses the first set's keys); with no parameters either it is
/// `INSERT INTO t DEFAULT VALUES`. Compiled alone, it names every column of the table.
class SQLA_EXPORT Insert : public Executable {
public:
    explicit Insert(std::shared_ptr<const InsertNode> node) : Executable(node), node_(std::move(node)) {}
    [[nodiscard]] inline const InsertParts& parts() const noexcept { return node_->parts(); }

    /// One row of values: `values({{"name", "ed"}, {"id", 5}})`. C++ values become bound
    /// parameters named after the column key; expressions are rendered as they are. Columns
    /// render in the table's order. A later call adds to (or replaces) the earlier values.
    /// Throws `ArgumentError` after `from_select()` or a multi-row `values()`.
    [[nodiscard]] Insert values(std::initializer_list<std::pair<std::string, ValueOrExpression>> row) const;
    [[nodiscard]] Insert values(const ValuesRow& row) const;
    /// Multi-row VALUES: `VALUES (...), (...)`, with parameters named `<key>_m<row>`. Every row
    /// must have the first row's keys; throws `ArgumentError` otherwise or when `rows` is empty.
    [[nodiscard]] Insert values(const std::vector<ValuesRow>& rows) const;
    /// `INSERT INTO t (columns...) SELECT ...`. Throws `ArgumentError` after `values()`.
    [[nodiscard]] Insert from_select(std::vector<std::string> columns, const Select& select) const;
    /// `INSERT <text> INTO ...`: raw SQL such as MySQL's `IGNORE` (SQLAlchemy's `prefix_with`);
    /// only on `dialect` when given. Never from untrusted input.
    [[nodiscard]] Insert prefix_with(std::string text, std::optional<std::string> dialect = std::nullopt) const;
    /// `RETURNING columns...`; compiling throws `CompileError` where the dialect has none.
    [[nodiscard]] Insert returning(std::initializer_list<ColumnElement> columns) const;
    /// The same with options: `returning({users.c("id")}, {.sort_by_parameter_order = true})`.
    [[nodiscard]] Insert returning(std::initializer_list<ColumnElement> columns, ReturningOptions options) const;
    template <class... Columns>
        requires(std::convertible_to<Columns, ColumnElement> && ...)
    [[nodiscard]] inline Insert returning(const Columns&... columns) const {
        return returning({ColumnElement(columns)...});
    }

    // Upserts. Each dialect renders the ones it has; the others throw CompileError.
    /// `ON CONFLICT [target] DO NOTHING` (PostgreSQL, SQLite).
    [[nodiscard]] Insert on_conflict_do_nothing(ConflictTarget target = {}) const;
    /// `ON CONFLICT target DO UPDATE SET ... [WHERE ...]` (PostgreSQL, SQLite). SET renders in the
    /// table's column order.
    [[nodiscard]] Insert on_conflict_do_update(ConflictUpdate update) const;
    /// The row proposed for insertion, in ON CONFLICT DO UPDATE: `excluded.col`.
    [[nodiscard]] FromClause excluded() const;
    /// `ON DUPLICATE KEY UPDATE col = value, ...` (MySQL, MariaDB), in the table's column order.
    [[nodiscard]] Insert on_duplicate_key_update(std::vector<std::pair<std::string, ValueOrExpression>> set) const;
    /// The row proposed for insertion, in ON DUPLICATE KEY UPDATE: renders `VALUES(col)`.
    [[nodiscard]] FromClause inserted() const;

private:
    std::shared_ptr<const InsertNode> node_;
};

/// An UPDATE statement, built generatively (SQLAlchemy's `Update`). Without `values()` the
/// SET columns come from the execution's parameter keys that name columns.
class SQLA_EXPORT Update : public Executable {
public:
    explicit Update(std::shared_ptr<const UpdateNode> node) : Executable(node), node_(std::move(node)) {}
    [[nodiscard]] inline const UpdateParts& parts() const noexcept { return node_->parts(); }

    /// Adds WHERE criteria, joined to earlier ones with AND.
    [[nodiscard]] Update where(std::initializer_list<ColumnElement> criteria) const;
    [[nodiscard]] Update where(const ColumnElement& criterion) const { return where({criterion}); }
    /// SET values: C++ values are bound parameters named after the column key; SET renders in
    /// the table's column order.
    [[nodiscard]] Update values(std::initializer_list<std::pair<std::string, ValueOrExpression>> values) const;
    [[nodiscard]] Update values(const ValuesRow& values) const;
    /// SET values keyed by column (SQLAlchemy's `values({col: value})`). Columns of other tables
    /// make a multi-table UPDATE, which MySQL and MariaDB run (`UPDATE a, b SET b.x=...`). Other
    /// dialects render what SQLAlchemy renders (PostgreSQL's `UPDATE a SET x=... FROM b`, which
    /// the server refuses: it sets a's columns only) or raise CompileError (SQLite, Oracle).
    [[nodiscard]] Update values(std::initializer_list<std::pair<ColumnElement, ValueOrExpression>> values) const;
    /// SET values in the order given (SQLAlchemy's `ordered_values`). Throws `ArgumentError`
    /// when a key is not a column of the updated table.
    /// `UPDATE <text> table ...`: raw SQL such as MySQL's `LOW_PRIORITY` (SQLAlchemy's
    /// `prefix_with`); only on `dialect` when given. Never from untrusted input.
    [[nodiscard]] Update prefix_with(std::string text, std::optional<std::string> dialect = std::nullopt) const;
    /// `UPDATE ... LIMIT n` on MySQL and MariaDB (SQLAlchemy's `mysql_limit`); other dialects
    /// render the UPDATE without it, as SQLAlchemy does. Throws ArgumentError for a negative n.
    [[nodiscard]] Update mysql_limit(std::int64_t n) const;
    [[nodiscard]] Update ordered_values(std::initializer_list<std::pair<ColumnElement, ValueOrExpression>> values) const;
    /// `RETURNING columns...`; compiling throws `CompileError` where the dialect has none.
    [[nodiscard]] Update returning(std::initializer_list<ColumnElement> columns) const;
    template <class... Columns>
        requires(std::convertible_to<Columns, ColumnElement> && ...)
    [[nodiscard]] inline Update returning(const Columns&... columns) const {
        return returning({ColumnElement(columns)...});
    }

private:
    std::shared_ptr<const UpdateNode> node_;
};

/// A DELETE statement, built generatively (SQLAlchemy's `Delete`).
class SQLA_EXPORT Delete : public Executable {
public:
    explicit Delete(std::shared_ptr<const DeleteNode> node) : Executable(node), node_(std::move(node)) {}
    [[nodiscard]] inline const DeleteParts& parts() const noexcept { return node_->parts(); }

    /// Adds WHERE criteria, joined to earlier ones with AND.
    [[nodiscard]] Delete where(std::initializer_list<ColumnElement> criteria) const;
    [[nodiscard]] Delete where(const ColumnElement& criterion) const { return where({criterion}); }
    /// `DELETE <text> FROM ...`: raw SQL such as MySQL's `LOW_PRIORITY` (SQLAlchemy's
    /// `prefix_with`); only on `dialect` when given. Never from untrusted input.
    [[nodiscard]] Delete prefix_with(std::string text, std::optional<std::string> dialect = std::nullopt) const;
    /// `DELETE ... LIMIT n` on MySQL and MariaDB (SQLAlchemy's `mysql_limit`); other dialects
    /// ignore it. Throws ArgumentError for a negative n.
    [[nodiscard]] Delete mysql_limit(std::int64_t n) const;
    /// `RETURNING columns...`; compiling throws `CompileError` where the dialect has none.
    [[nodiscard]] Delete returning(std::initializer_list<ColumnElement> columns) const;
    template <class... Columns>
        requires(std::convertible_to<Columns, ColumnElement> && ...)
    [[nodiscard]] inline Delete returning(const Columns&... columns) const {
        return returning({ColumnElement(columns)...});
    }

private:
    std::shared_ptr<const DeleteNode> node_;
};

/// `INSERT INTO table ...`. Throws `ArgumentError` when `table` is not a table.
[[nodiscard]] SQLA_EXPORT Insert insert(const FromClause& table);
/// `UPDATE table SET ...`. Throws `ArgumentError` when `table` is not a table.
[[nodiscard]] SQLA_EXPORT Update update(const FromClause& table);
/// `DELETE FROM table ...` (`delete` is a C++ keyword). Throws `ArgumentError` when `table` is
/// not a table.
[[nodiscard]] SQLA_EXPORT Delete delete_(const FromClause& table);

}  // namespace sqla

namespace sqla::detail {

/// For an INSERT or UPDATE executed with parameters: records the parameter keys (sorted) in
/// `key` (they decide the columns rendered) and in its text. Throws `CompileError` ("Unconsumed
/// column names") for keys that are neither columns of the table nor bound parameter names of
/// the statement. Other statements are left alone.
void set_column_keys(CacheKey& key, const ClauseElement& element, const Params* params);

}  // namespace sqla::detail
