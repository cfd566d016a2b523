// sqla: dialect/reflection.cppm. Reflector, the collaborator of a Dialect that reads its
// database's catalog: what the Inspector asks, and autogenerate (of the migrations layer) reads.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

export module sqla:dialect.reflection;
import :dialect.reflected;

export namespace sqla {

class Connection;
class Dialect;

/// The catalog questions of one dialect (SQLAlchemy's `Dialect.get_*` reflection methods),
/// kept apart from the Dialect so that a plugin implements them in one class instead of a
/// dozen overrides on its dialect. A dialect names its reflector once (`Dialect::reflection()`);
/// the Inspector asks it and caches the answers.
///
/// `schema` nullopt is the connection's default schema. Names are as the dialect normalises
/// them (Oracle's case-insensitive upper-case names in lower case). The methods about one
/// table may assume it exists: the Inspector checks `has_table()` first and throws
/// NoSuchTableError naming it. The defaults of the get_* methods throw NotImplementedError
/// naming the dialect and the method; the Inspector treats that as "this database has no such
/// catalog" where the answer is optional (unique and check constraints, comments).
///
/// A reflector is shared like its dialect (every engine and thread using it), so it holds no
/// state but the dialect it serves; it lives as long as that dialect.
class SQLA_EXPORT Reflector {
public:
    explicit Reflector(const Dialect& dialect) noexcept : dialect_(&dialect) {}
    Reflector(const Reflector&) = delete;
    Reflector& operator=(const Reflector&) = delete;
    virtual ~Reflector();

    /// The dialect whose catalog this reads (for its name, quoting and name normalisation).
    [[nodiscard]] const Dialect& dialect() const noexcept { return *dialect_; }

    /// The schema unqualified names resolve to ("public", the database's name, "main").
    /// The default: nullopt (unknown).
    [[nodiscard]] virtual std::optional<std::string> default_schema_name(Connection& connection) const;
    [[nodiscard]] virtual std::vector<std::string> get_schema_names(Connection& connection) const;
    /// Tables (not views), sorted by name.
    [[nodiscard]] virtual std::vector<std::string> get_table_names(Connection& connection,
                                                                   const std::optional<std::string>& schema) const;
    [[nodiscard]] virtual std::vector<std::string> get_view_names(Connection& connection,
                                                                  const std::optional<std::string>& schema) const;
    /// Whether the table (or view) exists; create_all/drop_all's checkfirst asks it too.
    /// The default asks information_schema.tables.
    [[nodiscard]] virtual bool has_table(Connection& connection, std::string_view table,
                                         const std::optional<std::string>& schema) const;
    /// Columns in table order.
    [[nodiscard]] virtual std::vector<ReflectedColumn> get_columns(Connection& connection, std::string_view table,
                                                                   const std::optional<std::string>& schema) const;
    [[nodiscard]] virtual ReflectedPrimaryKey get_pk_constraint(Connection& connection, std::string_view table,
                                                                const std::optional<std::string>& schema) const;
    [[nodiscard]] virtual std::vector<ReflectedForeignKey> get_foreign_keys(Connection& connection, std::string_view table,
                                                                            const std::optional<std::string>& schema) const;
    [[nodiscard]] virtual std::vector<ReflectedIndex> get_indexes(Connection& connection, std::string_view table,
                                                                  const std::optional<std::string>& schema) const;
    [[nodiscard]] virtual std::vector<ReflectedUniqueConstraint> get_unique_constraints(
        Connection& connection, std::string_view table, const std::optional<std::string>& schema) const;
    [[nodiscard]] virtual std::vector<ReflectedCheckConstraint> get_check_constraints(
        Connection& connection, std::string_view table, const std::optional<std::string>& schema) const;
    /// The default: nullopt (no comment).
    [[nodiscard]] virtual std::optional<std::string> get_table_comment(Connection& connection, std::string_view table,
                                                                       const std::optional<std::string>& schema) const;
    /// Whether the table has an index of that name. The default looks through get_indexes().
    [[nodiscard]] virtual bool has_index(Connection& connection, std::string_view table, std::string_view index,
                                         const std::optional<std::string>& schema) const;
    /// Whether a named type exists (a PostgreSQL enum, for create_all's checkfirst). Default: false.
    [[nodiscard]] virtual bool has_type(Connection& connection, std::string_view name) const;

private:
    const Dialect* dialect_;
};

}  // namespace sqla
