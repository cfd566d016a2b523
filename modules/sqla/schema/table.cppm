// sqla: schema/table.cppm. MetaData and Table: tables declared in C++, with their columns,
// constraints and indexes, and the MetaData that creates and drops them together.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <concepts>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

export module sqla:schema.table;
import :errors.error;
import :event.listeners;
import :types.value;
import :types.type_engine;
import :sql.elements;
import :sql.selectable;
import :schema.constraints;
import :schema.column;

export namespace sqla {

class Engine;
class Connection;
class Table;

/// The argument of the DDL events: the connection the DDL runs on, which listeners may use
/// to run statements of their own (`connection.execute(text("CREATE TRIGGER ..."))`).
struct DDLEvent {
    Connection& connection;
    /// MetaData events: the tables being created or dropped (those checkfirst left in), in
    /// the order they go. Table events: just the one table.
    const std::vector<Table>& tables;
    bool checkfirst;
};

/// The DDL events of a MetaData (around create_all/drop_all) or of a Table (around its own
/// CREATE TABLE / DROP TABLE within them).
struct SQLA_EXPORT DDLEvents {
    Event<DDLEvent> before_create;
    Event<DDLEvent> after_create;
    Event<DDLEvent> before_drop;
    Event<DDLEvent> after_drop;
};
class Table;

/// Table-wide options: schema, comment, prefixes (`CREATE TEMPORARY TABLE`) and dialect options
/// (`{"mysql_engine", "InnoDB"}`). A prefix is keywords separated by single spaces (the Table
/// throws `ArgumentError` otherwise); MySQL's compiler quotes string options (COMMENT, PASSWORD,
/// CONNECTION, DATA/INDEX DIRECTORY) and throws `CompileError` for other values that are not a word.
struct TableOptions {
    std::optional<std::string> schema{};
    std::optional<std::string> comment{};
    std::vector<std::string> prefixes{};
    DialectOptions dialect_options{};
};

/// What a Table is declared from: its columns, constraints, indexes and options, in any order.
using TableItem = std::variant<Column, Constraint, Index, TableOptions>;

/// MetaData's naming convention: per kind ("pk", "fk", "uq", "ck", "ix"), a template with
/// SQLAlchemy's tokens: %(table_name)s, %(column_0_name)s, %(column_0_label)s, %(column_0_key)s,
/// %(column_0N_name)s, %(column_0_N_name)s, %(referred_table_name)s,
/// %(referred_column_0_name)s, %(constraint_name)s.
using NamingConvention = std::vector<std::pair<std::string, std::string>>;

/// The declaration behind a Table, as the compiler and the DDL see it. Reached from a table's
/// node (`TableNode::schema_info()`).
class SQLA_EXPORT TableSchema {
public:
    [[nodiscard]] inline const std::string& name() const noexcept { return name_; }
    [[nodiscard]] inline const std::optional<std::string>& schema() const noexcept { return schema_; }
    /// "schema.name", or the name.
    [[nodiscard]] std::string fullname() const;
    [[nodiscard]] inline const std::vector<Column>& columns() const noexcept { return columns_; }
    /// The column of that key, or nullptr.
    [[nodiscard]] const Column* column(std::string_view key) const noexcept;
    /// The column of that SQL name, or nullptr.
    [[nodiscard]] const Column* column_by_name(std::string_view name) const noexcept;
    /// The PRIMARY KEY, or nullptr when the table has none.
    [[nodiscard]] inline const Constraint* primary_key() const noexcept { return primary_key_ ? &*primary_key_ : nullptr; }
    /// The primary key's columns, in key order.
    [[nodiscard]] std::vector<const Column*> primary_key_columns() const;
    /// Every other constraint, in the order they were declared.
    [[nodiscard]] inline const std::vector<Constraint>& constraints() const noexcept { return constraints_; }
    [[nodiscard]] inline const std::vector<Index>& indexes() const noexcept { return indexes_; }
    [[nodiscard]] inline const std::optional<std::string>& comment() const noexcept { return comment_; }
    [[nodiscard]] inline const std::vector<std::string>& prefixes() const noexcept { return prefixes_; }
    [[nodiscard]] inline const DialectOptions& dialect_options() const noexcept { return dialect_options_; }
    /// SQLAlchemy's `_autoincrement_column`: the integer primary-key column the database
    /// numbers (SERIAL, AUTO_INCREMENT, IDENTITY, SQLite's rowid), or nullptr.
    [[nodiscard]] inline const Column* autoincrement_column() const noexcept { return autoincrement_; }
    /// The table's DDL events (also `Table::events()`).
    [[nodiscard]] inline DDLEvents& events() const noexcept { return *events_; }
    /// The expression node of a column of this table.
    [[nodiscard]] const ColumnClauseNode& column_node(const Column& column) const;
    [[nodiscard]] inline const TableNode& node() const noexcept { return *node_; }
    [[nodiscard]] inline const std::shared_ptr<const TableNode>& node_ptr() const noexcept { return node_; }
    /// The referenced table of a foreign key, looked up in this table's MetaData; nullopt
    /// when that MetaData has no such table.
    [[nodiscard]] std::optional<Table> referred_table(const ForeignKeyTarget& target) const;

    /// Adds an index (named by the naming convention when it has no name); returns it as added.
    const Index& add_index(Index index);
    /// Adds a constraint (the same).
    void add_constraint(Constraint constraint);

private:
    friend class Table;
    friend class MetaData;
    void name_constraint(Constraint& c) const;
    void name_index(Index& ix) const;

    std::string name_;
    std::optional<std::string> schema_;
    std::vector<Column> columns_;
    std::optional<Constraint> primary_key_;
    std::vector<Constraint> constraints_;
    std::vector<Index> indexes_;
    std::optional<std::string> comment_;
    std::vector<std::string> prefixes_;
    DialectOptions dialect_options_;
    std::shared_ptr<DDLEvents> events_ = std::make_shared<DDLEvents>();
    const Column* autoincrement_ = nullptr;
    std::shared_ptr<const TableNode> node_;
    std::weak_ptr<void> metadata_;
};

/// What MetaData::reflect() reads from the database.
struct ReflectOptions {
    /// The schema to read (nullopt: the default one).
    std::optional<std::string> schema{};
    /// Only these tables (and those their foreign keys refer to); empty: every table.
    /// Naming one that does not exist throws InvalidRequestError.
    std::vector<std::string> only{};
    /// Views too, reflected as tables.
    bool views = false;
    /// Also reflect the tables foreign keys refer to, from other schemas included.
    bool resolve_fks = true;
};

/// A collection of Tables (SQLAlchemy's `MetaData`). Tables register themselves in it by name;
/// create_all() and drop_all() create and drop them in foreign-key order.
class SQLA_EXPORT MetaData {
public:
    MetaData();
    /// With a naming convention for unnamed constraints and indexes (default: ix only,
    /// `ix_%(column_0_label)s`, as SQLAlchemy).
    explicit MetaData(NamingConvention naming_convention, std::optional<std::string> schema = std::nullopt);
    /// The tables, in the order they were declared.
    [[nodiscard]] std::vector<Table> tables() const;
    /// The table of this name ("name" or "schema.name"); throws `NoSuchTableError`.
    [[nodiscard]] Table table(std::string_view name) const;
    /// The table of this name, or nullopt.
    [[nodiscard]] std::optional<Table> find_table(std::string_view name, const std::optional<std::string>& schema = std::nullopt) const;
    /// The tables in foreign-key dependency order (referenced tables first); ties by name.
    /// Cycles are broken by leaving out the cycle's foreign keys (SQLAlchemy warns there and
    /// creates them with ALTER TABLE).
    [[nodiscard]] std::vector<Table> sorted_tables() const;
    [[nodiscard]] const NamingConvention& naming_convention() const noexcept;
    /// The default schema of tables declared without one.
    [[nodiscard]] const std::optional<std::string>& schema() const noexcept;
    /// Events around create_all() and drop_all(): `metadata.events().after_create.listen(...)`.
    [[nodiscard]] DDLEvents& events() const noexcept;

    /// CREATE TABLE for every table (and its indexes), in dependency order, in one transaction.
    /// With `checkfirst`, tables that exist are left alone, so running it twice is harmless.
    void create_all(Engine& engine, bool checkfirst = true) const;
    void create_all(Connection& connection, bool checkfirst = true) const;
    /// DROP TABLE for every table, dependents first. With `checkfirst`, missing tables are skipped.
    void drop_all(Engine& engine, bool checkfirst = true) const;
    void drop_all(Connection& connection, bool checkfirst = true) const;

    /// Reads tables from the database into this MetaData (SQLAlchemy's `MetaData.reflect`):
    /// each as `reflect_table()` makes it. Tables already here are kept as they are.
    void reflect(Engine& engine, const ReflectOptions& options = {});
    void reflect(Connection& connection, const ReflectOptions& options = {});
    /// One table read from the database into this MetaData (SQLAlchemy's
    /// `Table(name, metadata, autoload_with=engine)`), with the tables its foreign keys refer
    /// to. Throws NoSuchTableError naming it when the database has no such table.
    Table reflect_table(Engine& engine, std::string_view name, const std::optional<std::string>& schema = std::nullopt);
    Table reflect_table(Connection& connection, std::string_view name,
                        const std::optional<std::string>& schema = std::nullopt);

private:
    friend class Table;
    friend class TableSchema;
    struct State;
    std::shared_ptr<State> state_;
};

/// A table declared in C++: a FROM clause with columns, registered in a MetaData.
/// `table.c("name")` is a column expression.
///
///     Table users(metadata, "users",
///                 Column{"id", Integer{}, primary_key},
///                 Column{"name", String{50}, not_null},
///                 UniqueConstraint({"name"}, {.name = "uq_users_name"}));
class SQLA_EXPORT Table : public FromClause {
public:
    template <class... Items>
        requires(std::constructible_from<TableItem, Items> && ...)
    Table(MetaData& metadata, std::string name, Items&&... items)
        : Table(metadata, std::move(name), std::vector<TableItem>{TableItem(std::forward<Items>(items))...}) {}
    Table(MetaData& metadata, std::string name, std::vector<TableItem> items);
    Table(MetaData& metadata, std::string name, std::optional<std::string> schema, std::vector<Column> columns);

    [[nodiscard]] const std::string& name() const noexcept;
    [[nodiscard]] const std::optional<std::string>& schema() const noexcept;
    /// The column declarations, in order.
    [[nodiscard]] const std::vector<Column>& column_definitions() const noexcept;
    /// The full declaration (constraints, indexes...).
    [[nodiscard]] const TableSchema& definition() const noexcept;
    /// Events around this table's CREATE TABLE and DROP TABLE in create_all()/drop_all().
    [[nodiscard]] DDLEvents& events() const noexcept { return definition().events(); }
    /// The primary key's columns as expressions, in key order.
    [[nodiscard]] std::vector<ColumnElement> primary_key() const;
    /// Adds an index to the table (SQLAlchemy: `Index(..., table.c.x)` does this itself).
    void append_index(Index index) const;
    /// Adds a constraint to the declaration (for the next CREATE TABLE).
    void append_constraint(Constraint constraint) const;

    /// The declaration, shared (DDL statements keep it alive).
    [[nodiscard]] inline const std::shared_ptr<TableSchema>& definition_ptr() const noexcept { return schema_; }
    /// The Table a declaration belongs to.
    explicit Table(std::shared_ptr<TableSchema> schema);

private:
    friend class MetaData;
    friend class TableSchema;
    std::shared_ptr<TableSchema> schema_;
};

/// Tables in creation order, and the foreign keys to add after all of them with ALTER TABLE.
struct TableCreationOrder {
    std::vector<Table> tables;
    /// Per table of `tables`, the indexes (into its constraints()) of the foreign keys created
    /// later: use_alter ones, and those that close a dependency cycle.
    std::vector<std::vector<std::size_t>> deferred;
};

/// `tables` in foreign-key dependency order (SQLAlchemy's `sort_tables_and_constraints`), the
/// plan create_all() and drop_all() follow. Ties go by name, as SQLAlchemy sorts before its
/// topological sort.
[[nodiscard]] SQLA_EXPORT TableCreationOrder sort_tables_and_constraints(std::vector<Table> tables);

}  // namespace sqla
