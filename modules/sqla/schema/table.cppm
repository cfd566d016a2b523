// sqla: schema/table.cppm. MetaData, Table and Column: tables declared in C++.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <concepts>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

export module sqla:schema.table;
import :errors.error;
import :types.value;
import :types.type_engine;
import :sql.elements;
import :sql.selectable;

export namespace sqla {

/// Flags of a Column, passed after its type: `Column{"id", Integer{}, primary_key}`.
enum class ColumnFlag : unsigned char { primary_key, not_null, nullable, unique, index };
inline constexpr ColumnFlag primary_key = ColumnFlag::primary_key;
inline constexpr ColumnFlag not_null = ColumnFlag::not_null;
inline constexpr ColumnFlag nullable = ColumnFlag::nullable;
inline constexpr ColumnFlag unique = ColumnFlag::unique;
inline constexpr ColumnFlag index = ColumnFlag::index;

/// The declaration of a table column: name, type and flags (SQLAlchemy's `Column`).
class SQLA_EXPORT Column {
public:
    template <class... Flags>
    Column(std::string name, TypeEngine type, Flags... flags) : name_(std::move(name)), type_(type) {
        (apply(flags), ...);
    }
    [[nodiscard]] inline const std::string& name() const noexcept { return name_; }
    [[nodiscard]] inline const TypeEngine& type() const noexcept { return type_; }
    [[nodiscard]] inline bool is_primary_key() const noexcept { return primary_key_; }
    /// Nullable unless declared NOT NULL or part of the primary key, as in SQLAlchemy.
    [[nodiscard]] inline bool is_nullable() const noexcept { return nullable_.value_or(!primary_key_); }
    [[nodiscard]] inline bool is_unique() const noexcept { return unique_; }
    [[nodiscard]] inline bool is_indexed() const noexcept { return index_; }

private:
    void apply(ColumnFlag f);
    std::string name_;
    TypeEngine type_;
    bool primary_key_ = false;
    std::optional<bool> nullable_;
    bool unique_ = false;
    bool index_ = false;
};

class Table;

/// A collection of Tables (SQLAlchemy's `MetaData`). Tables register themselves in it by name.
class SQLA_EXPORT MetaData {
public:
    MetaData();
    /// The tables, in the order they were declared.
    [[nodiscard]] std::vector<Table> tables() const;
    /// The table of this name; throws `NoSuchTableError`.
    [[nodiscard]] Table table(std::string_view name) const;

private:
    friend class Table;
    struct State;
    std::shared_ptr<State> state_;
};

/// A table declared in C++: a FROM clause with columns, registered in a MetaData.
/// `table.c("name")` is a column expression.
class SQLA_EXPORT Table : public FromClause {
public:
    template <class... Columns>
        requires(std::same_as<Columns, Column> && ...)
    Table(MetaData& metadata, std::string name, Columns... columns)
        : Table(metadata, std::move(name), std::nullopt, std::vector<Column>{std::move(columns)...}) {}
    Table(MetaData& metadata, std::string name, std::optional<std::string> schema, std::vector<Column> columns);

    [[nodiscard]] const std::string& name() const noexcept;
    [[nodiscard]] const std::optional<std::string>& schema() const noexcept;
    /// The column declarations, in order.
    [[nodiscard]] const std::vector<Column>& column_definitions() const noexcept;

private:
    friend class MetaData;
    struct Definition;
    Table(std::shared_ptr<const FromClauseNode> node, std::shared_ptr<const Definition> definition)
        : FromClause(std::move(node)), definition_(std::move(definition)) {}
    std::shared_ptr<const Definition> definition_;
};

}  // namespace sqla
