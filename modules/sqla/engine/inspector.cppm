// sqla: engine/inspector.cppm. The Inspector (SQLAlchemy's `inspect(engine)`): what a database's
// catalog says about its schemas, tables, columns, keys, indexes and constraints, read through
// the dialect's Reflector and cached per inspector.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <any>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

export module sqla:engine.inspector;
import :dialect.reflected;
import :dialect.dialect;
import :schema.table;
import :engine.engine;

export namespace sqla {

/// Reads the database's catalog through the dialect's Reflector (SQLAlchemy's `Inspector`). Each answer is
/// cached for the life of the inspector (`clear_cache()` forgets them), so asking twice costs
/// one query. An inspector made from an Engine checks out a connection per question; one made
/// from a Connection uses it (and its transaction). Not thread-safe.
///
///     auto insp = sqla::inspect(engine);
///     for (const auto& name : insp.get_table_names())
///         for (const auto& col : insp.get_columns(name)) std::puts(col.name.c_str());
class SQLA_EXPORT Inspector {
public:
    explicit Inspector(Engine engine);
    explicit Inspector(Connection& connection);
    Inspector(Inspector&&) noexcept;
    Inspector& operator=(Inspector&&) noexcept;
    ~Inspector();

    [[nodiscard]] const Dialect& dialect() const noexcept;
    /// The schema unqualified names resolve to ("public", the database's name, "main").
    [[nodiscard]] std::optional<std::string> default_schema_name();
    [[nodiscard]] std::vector<std::string> get_schema_names();
    [[nodiscard]] std::vector<std::string> get_table_names(const std::optional<std::string>& schema = std::nullopt);
    [[nodiscard]] std::vector<std::string> get_view_names(const std::optional<std::string>& schema = std::nullopt);
    /// The methods about one table throw NoSuchTableError naming it when it does not exist.
    [[nodiscard]] std::vector<ReflectedColumn> get_columns(std::string_view table,
                                                           const std::optional<std::string>& schema = std::nullopt);
    [[nodiscard]] ReflectedPrimaryKey get_pk_constraint(std::string_view table,
                                                        const std::optional<std::string>& schema = std::nullopt);
    [[nodiscard]] std::vector<ReflectedForeignKey> get_foreign_keys(std::string_view table,
                                                                    const std::optional<std::string>& schema = std::nullopt);
    [[nodiscard]] std::vector<ReflectedIndex> get_indexes(std::string_view table,
                                                          const std::optional<std::string>& schema = std::nullopt);
    [[nodiscard]] std::vector<ReflectedUniqueConstraint> get_unique_constraints(
        std::string_view table, const std::optional<std::string>& schema = std::nullopt);
    [[nodiscard]] std::vector<ReflectedCheckConstraint> get_check_constraints(
        std::string_view table, const std::optional<std::string>& schema = std::nullopt);
    [[nodiscard]] std::optional<std::string> get_table_comment(std::string_view table,
                                                               const std::optional<std::string>& schema = std::nullopt);
    [[nodiscard]] bool has_table(std::string_view table, const std::optional<std::string>& schema = std::nullopt);
    [[nodiscard]] bool has_index(std::string_view table, std::string_view index,
                                 const std::optional<std::string>& schema = std::nullopt);
    /// Forgets every cached answer (after DDL, to see the change).
    void clear_cache() noexcept;

    /// Reflects `table` into `metadata` as a Table (columns, primary key, foreign keys, unique
    /// and check constraints, indexes, comment) and returns it; a table of that name already
    /// in `metadata` is returned as it is. With `resolve_fks`, the tables its foreign keys
    /// refer to are reflected into `metadata` too. Throws NoSuchTableError naming the table.
    Table reflect_table(MetaData& metadata, std::string_view table, const std::optional<std::string>& schema = std::nullopt,
                        bool resolve_fks = true);

private:
    struct State;
    template <class T, class Read>
    const T& cached(std::string key, Read&& read);
    std::unique_ptr<State> state_;
};

/// An inspector over `engine` (SQLAlchemy's `sqlalchemy.inspect(engine)`).
[[nodiscard]] SQLA_EXPORT Inspector inspect(Engine& engine);
/// An inspector using `connection` and its transaction.
[[nodiscard]] SQLA_EXPORT Inspector inspect(Connection& connection);

}  // namespace sqla
