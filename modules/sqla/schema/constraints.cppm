// sqla: schema/constraints.cppm. Table constraints (primary key, foreign key, unique, check) and
// indexes, as SQLAlchemy's schema module declares them.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

export module sqla:schema.constraints;
import :errors.error;
import :types.value;
import :sql.elements;

export namespace sqla {

/// Per-column lengths of a MySQL index prefix (`mysql_length`).
using ColumnLengths = std::vector<std::pair<std::string, std::int64_t>>;

/// The value of one dialect-specific option: a flag, a number, a word, an expression
/// (`postgresql_where`) or per-column lengths (`mysql_length`).
using DialectOption = std::variant<bool, std::int64_t, std::string, ColumnElement, ColumnLengths>;

/// Dialect-specific options of a table, index or constraint, named as SQLAlchemy's keyword
/// arguments: `{"postgresql_where", expr}`, `{"mysql_engine", "InnoDB"}`. A dialect reads the
/// ones with its prefix and ignores the others.
class SQLA_EXPORT DialectOptions {
public:
    DialectOptions() = default;
    DialectOptions(std::initializer_list<std::pair<std::string, DialectOption>> options);
    /// The option of that full name ("postgresql_where"), or nullptr.
    [[nodiscard]] const DialectOption* find(std::string_view name) const noexcept;
    void set(std::string name, DialectOption value);
    [[nodiscard]] inline const std::vector<std::pair<std::string, DialectOption>>& items() const noexcept {
        return items_;
    }
    [[nodiscard]] inline bool empty() const noexcept { return items_.empty(); }

private:
    std::vector<std::pair<std::string, DialectOption>> items_;
};

/// What every constraint may have: a name (else the MetaData's naming convention, else none),
/// deferrability, and dialect options. `initially` must be DEFERRED or IMMEDIATE (any case):
/// the constraint throws `ArgumentError` otherwise.
struct ConstraintOptions {
    std::optional<std::string> name{};
    std::optional<bool> deferrable{};
    std::optional<std::string> initially{};
    DialectOptions dialect_options{};
};

/// What a foreign key may have besides its columns: ON DELETE / ON UPDATE actions, MATCH,
/// deferrability, and `use_alter` (created by ALTER TABLE after the tables, which breaks
/// dependency cycles). These are SQL keywords, checked when the constraint is built (any case;
/// `ArgumentError` otherwise): `ondelete` and `onupdate` RESTRICT, CASCADE, SET NULL, NO ACTION
/// or SET DEFAULT; `match` FULL, PARTIAL or SIMPLE; `initially` DEFERRED or IMMEDIATE.
struct ForeignKeyOptions {
    std::optional<std::string> name{};
    std::optional<std::string> ondelete{};
    std::optional<std::string> onupdate{};
    std::optional<std::string> match{};
    std::optional<bool> deferrable{};
    std::optional<std::string> initially{};
    bool use_alter = false;
    DialectOptions dialect_options{};
};

enum class ConstraintKind : std::uint8_t { primary_key, foreign_key, unique, check };

/// When a constraint that a type made is rendered (Boolean and non-native Enum CHECKs).
enum class ConstraintRule : std::uint8_t {
    always,
    /// Only where the dialect has no native boolean (Boolean(create_constraint=true)).
    non_native_boolean,
    /// Only where the dialect has no native enum or the Enum is not native.
    non_native_enum,
};

/// The target of a foreign key column: "table.column" or "schema.table.column".
struct ForeignKeyTarget {
    std::optional<std::string> schema;
    std::string table;
    std::string column;
    /// Parses "table.column" / "schema.table.column"; throws ArgumentError on anything else.
    [[nodiscard]] static ForeignKeyTarget parse(std::string_view spec);
    /// From a column of a table: `users.c("id")`. Throws ArgumentError for other expressions.
    [[nodiscard]] static ForeignKeyTarget of(const ColumnElement& column);
    [[nodiscard]] std::string spec() const;
    friend bool operator==(const ForeignKeyTarget&, const ForeignKeyTarget&) = default;
};

/// A table constraint. Build one with PrimaryKeyConstraint, ForeignKeyConstraint,
/// UniqueConstraint or CheckConstraint and pass it to a Table; all are this one value type.
class SQLA_EXPORT Constraint {
public:
    [[nodiscard]] inline ConstraintKind kind() const noexcept { return kind_; }
    [[nodiscard]] inline const std::optional<std::string>& name() const noexcept { return name_; }
    /// The constrained columns' names (keys until the table resolves them), in order.
    [[nodiscard]] inline const std::vector<std::string>& columns() const noexcept { return columns_; }
    [[nodiscard]] inline const std::optional<bool>& deferrable() const noexcept { return deferrable_; }
    [[nodiscard]] inline const std::optional<std::string>& initially() const noexcept { return initially_; }
    [[nodiscard]] inline const DialectOptions& dialect_options() const noexcept { return dialect_options_; }
    /// FOREIGN KEY: the referenced columns, one per column.
    [[nodiscard]] inline const std::vector<ForeignKeyTarget>& referred() const noexcept { return referred_; }
    [[nodiscard]] inline const std::optional<std::string>& ondelete() const noexcept { return ondelete_; }
    [[nodiscard]] inline const std::optional<std::string>& onupdate() const noexcept { return onupdate_; }
    [[nodiscard]] inline const std::optional<std::string>& match() const noexcept { return match_; }
    [[nodiscard]] inline bool use_alter() const noexcept { return use_alter_; }
    /// CHECK: the condition, an expression or SQL text.
    [[nodiscard]] inline const ElementPtr& sqltext() const noexcept { return sqltext_; }
    [[nodiscard]] inline ConstraintRule rule() const noexcept { return rule_; }
    /// Whether a convention named it or it was given a name explicitly.
    [[nodiscard]] inline bool explicit_name() const noexcept { return explicit_name_; }

    // Used while a Table resolves its constraints.
    inline void set_name(std::optional<std::string> name) { name_ = std::move(name); }
    inline void set_columns(std::vector<std::string> columns) { columns_ = std::move(columns); }
    inline void set_rule(ConstraintRule rule) noexcept { rule_ = rule; }
    inline void set_use_alter(bool v) noexcept { use_alter_ = v; }

protected:
    explicit Constraint(ConstraintKind kind) noexcept : kind_(kind) {}
    void apply(const ConstraintOptions& options);
    void apply(const ForeignKeyOptions& options);

    ConstraintKind kind_;
    std::optional<std::string> name_;
    bool explicit_name_ = false;
    std::vector<std::string> columns_;
    std::optional<bool> deferrable_;
    std::optional<std::string> initially_;
    DialectOptions dialect_options_;
    std::vector<ForeignKeyTarget> referred_;
    std::optional<std::string> ondelete_;
    std::optional<std::string> onupdate_;
    std::optional<std::string> match_;
    bool use_alter_ = false;
    ElementPtr sqltext_;
    ConstraintRule rule_ = ConstraintRule::always;
};

/// `PRIMARY KEY (a, b)`, naming its columns. Columns declared `primary_key` make one too.
class SQLA_EXPORT PrimaryKeyConstraint : public Constraint {
public:
    explicit PrimaryKeyConstraint(std::vector<std::string> columns, ConstraintOptions options = {});
};

/// `FOREIGN KEY (a, b) REFERENCES t (x, y)`: local column names, and the referenced columns as
/// "table.column" strings or as columns of a Table.
class SQLA_EXPORT ForeignKeyConstraint : public Constraint {
public:
    ForeignKeyConstraint(std::vector<std::string> columns, std::vector<std::string> refcolumns,
                         ForeignKeyOptions options = {});
    ForeignKeyConstraint(std::vector<std::string> columns, const std::vector<ColumnElement>& refcolumns,
                         ForeignKeyOptions options = {});
};

/// `UNIQUE (a, b)`.
class SQLA_EXPORT UniqueConstraint : public Constraint {
public:
    explicit UniqueConstraint(std::vector<std::string> columns, ConstraintOptions options = {});
};

/// `CHECK (condition)`: SQL text (`"age >= 0"`) or an expression over the table's columns.
/// SQL text is raw, written as given: never build it from untrusted input.
class SQLA_EXPORT CheckConstraint : public Constraint {
public:
    explicit CheckConstraint(std::string sqltext, ConstraintOptions options = {});
    explicit CheckConstraint(const ColumnElement& condition, ConstraintOptions options = {});
    explicit CheckConstraint(const TextClause& sqltext, ConstraintOptions options = {});
};

/// One part of an index: a column by name, or an expression (a functional index).
class SQLA_EXPORT IndexElement {
public:
    IndexElement(std::string column) : column_(std::move(column)) {}
    IndexElement(const char* column) : column_(column) {}
    IndexElement(const ColumnElement& expression) : expression_(expression.node_ptr()) {}
    [[nodiscard]] inline const std::string& column() const noexcept { return column_; }
    [[nodiscard]] inline const ColumnElementPtr& expression() const noexcept { return expression_; }

private:
    std::string column_;
    ColumnElementPtr expression_;
};

struct IndexOptions {
    bool unique = false;
    /// `postgresql_where`, `sqlite_where` (partial indexes), `postgresql_using`, `mysql_length`...
    /// `postgresql_using` must be a word (btree, gin...): the Index throws `ArgumentError` otherwise.
    DialectOptions dialect_options{};
};

/// `CREATE [UNIQUE] INDEX name ON table (elements)`. Pass one to a Table, or build it over a
/// Table's columns (`Index("ix_users_name", {users.c("name")})`), which adds it to that table.
/// Without a name, the MetaData's naming convention names it (default `ix_<table>_<column>`).
class SQLA_EXPORT Index {
public:
    Index(std::optional<std::string> name, std::vector<IndexElement> elements, IndexOptions options = {});
    [[nodiscard]] inline const std::optional<std::string>& name() const noexcept { return name_; }
    [[nodiscard]] inline bool unique() const noexcept { return unique_; }
    [[nodiscard]] inline const std::vector<IndexElement>& elements() const noexcept { return elements_; }
    [[nodiscard]] inline const DialectOptions& dialect_options() const noexcept { return dialect_options_; }
    /// The table the index is on (set when attached), or nullptr.
    [[nodiscard]] inline const FromClauseNode* table() const noexcept { return table_; }

    // Used while a Table attaches the index.
    inline void set_name(std::optional<std::string> name) { name_ = std::move(name); }
    inline void set_table(const FromClauseNode* table) noexcept { table_ = table; }
    inline void set_elements(std::vector<IndexElement> elements) { elements_ = std::move(elements); }

private:
    std::optional<std::string> name_;
    std::vector<IndexElement> elements_;
    bool unique_ = false;
    DialectOptions dialect_options_;
    const FromClauseNode* table_ = nullptr;
};

}  // namespace sqla
