// sqla: dialect/dialect.cppm. Dialect, the abstract SQL flavour of a database, and DefaultDialect.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

export module sqla:dialect.dialect;
import :errors.error;
import :types.value;
import :types.type_engine;
import :dialect.capabilities;
import :engine.url;
import :dialect.driver;
import :dialect.reflected;
import :sql.elements;
import :sql.compiler;

export namespace sqla {

class Connection;

/// Converts a value bound to a parameter of one SQL type into what the driver receives
/// (SQLAlchemy's `TypeEngine.bind_processor(dialect)`); empty when values pass as they are.
using BindProcessor = ValueProcessor;
/// Converts a value the driver fetched for a result column of one SQL type into that type's
/// value (SQLAlchemy's `TypeEngine.result_processor(dialect, coltype)`): SQLite's DATE text to
/// a date, 0/1 to a boolean... Empty when values pass as they are.
using ResultProcessor = ValueProcessor;

/// The SQL flavour of one kind of database, independent of the client library that talks to
/// it (which is the `Driver`). A plugin's dialect subclasses `DefaultDialect`, not this.
///
/// A Dialect is shared by every engine and thread using it, so it must be immutable after
/// `initialize()`.
class SQLA_EXPORT Dialect {
public:
    virtual ~Dialect();
    /// The dialect's name as URLs write it: "sqlite", "postgresql".
    [[nodiscard]] virtual std::string_view name() const noexcept = 0;
    [[nodiscard]] virtual const Capabilities& capabilities() const noexcept = 0;
    [[nodiscard]] virtual const IdentifierPreparer& identifier_preparer() const noexcept = 0;
    /// The paramstyle of the dialect's usual driver, for compiling without one.
    [[nodiscard]] virtual ParamStyle default_paramstyle() const noexcept { return ParamStyle::qmark; }
    /// A fresh statement compiler for SQL in `paramstyle` (the driver's).
    [[nodiscard]] virtual std::unique_ptr<SQLCompiler> statement_compiler(ParamStyle paramstyle) const = 0;
    /// Called with the first connection an engine makes, to learn the server version and the
    /// like. Called once per engine, under the engine's lock.
    virtual void initialize(DriverConnection& connection);
    /// The pool an engine for `url` uses unless told otherwise.
    [[nodiscard]] virtual PoolClass default_pool_class(const URL& url) const;
    /// The isolation levels `Connection::execution_options()` accepts, by SQLAlchemy's names.
    /// The default: the four SQL-standard levels and AUTOCOMMIT.
    [[nodiscard]] virtual std::vector<std::string> isolation_levels() const;
    /// Whether `error` means the connection is gone and must not return to the pool.
    [[nodiscard]] virtual bool is_disconnect(const DriverError& error) const noexcept;

    /// Whether the table exists (create_all/drop_all's checkfirst). The default asks
    /// information_schema.tables; dialects override it with their catalogs.
    [[nodiscard]] virtual bool has_table(Connection& connection, std::string_view table,
                                         const std::optional<std::string>& schema) const;

    // ---- reflection: what the Inspector asks (SQLAlchemy's Dialect.get_* methods) ----------
    // `schema` nullopt is the connection's default schema. Names are as the dialect normalises
    // them (Oracle's case-insensitive upper-case names in lower case). The methods about one
    // table throw NoSuchTableError naming it when it does not exist. The defaults throw
    // NotImplementedError naming the dialect and the method.

    /// The schema unqualified names resolve to ("public", the database's name, "main").
    [[nodiscard]] virtual std::optional<std::string> default_schema_name(Connection& connection) const;
    [[nodiscard]] virtual std::vector<std::string> get_schema_names(Connection& connection) const;
    /// Tables (not views), sorted by name.
    [[nodiscard]] virtual std::vector<std::string> get_table_names(Connection& connection,
                                                                   const std::optional<std::string>& schema) const;
    [[nodiscard]] virtual std::vector<std::string> get_view_names(Connection& connection,
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
    [[nodiscard]] virtual std::optional<std::string> get_table_comment(Connection& connection, std::string_view table,
                                                                       const std::optional<std::string>& schema) const;
    /// Whether the table has an index of that name. The default looks through get_indexes().
    [[nodiscard]] virtual bool has_index(Connection& connection, std::string_view table, std::string_view index,
                                         const std::optional<std::string>& schema) const;
    /// A name as the catalog stores it, to the name sqla uses: Oracle stores case-insensitive
    /// names in upper case and SQLAlchemy shows them in lower case. The default keeps it.
    [[nodiscard]] virtual std::string normalize_name(std::string_view name) const { return std::string(name); }
    /// The reverse, for names sent to the catalog. The default keeps it.
    [[nodiscard]] virtual std::string denormalize_name(std::string_view name) const { return std::string(name); }

    /// How values bound to a parameter of `type` are converted for this dialect's drivers.
    /// Asked once per bound parameter of a compiled statement (the engine keeps the result
    /// with the statement in its cache), so it may inspect the type at leisure; the function
    /// returned runs per value and should be cheap. Values of a `TypeDecorator` type go through
    /// its `process_bind_param()` first, then through this processor for its `impl()`.
    /// The default encodes values of JSON parameters that are not JSON documents as JSON
    /// (`Value::to_json()`: text "abc" becomes the JSON string `"abc"`); SQL NULL stays NULL.
    /// Throw `TypeError` or `ArgumentError` for values the type cannot take.
    [[nodiscard]] virtual BindProcessor bind_processor(const TypeEngine& type) const;
    /// How values fetched for a result column of `type` are converted: asked once per column
    /// of a compiled statement, like bind_processor(). Values of a `TypeDecorator` type go
    /// through this processor for its `impl()` first, then through its `process_result_value()`.
    /// The processor leaves values it does not recognise as they are (NULL included), so that
    /// reading them reports the mismatch by column. The default converts nothing.
    [[nodiscard]] virtual ResultProcessor result_processor(const TypeEngine& type) const;

    /// Whether a named type exists (a PostgreSQL enum, for create_all's checkfirst). Default: false.
    [[nodiscard]] virtual bool has_type(Connection& connection, std::string_view name) const;

    virtual void do_begin(DriverConnection& connection) const;
    virtual void do_commit(DriverConnection& connection) const;
    virtual void do_rollback(DriverConnection& connection) const;
    /// `SAVEPOINT name`, `ROLLBACK TO SAVEPOINT name` and `RELEASE SAVEPOINT name`, with the
    /// name quoted by the dialect. Throw `DriverError` as the connection does.
    virtual void do_savepoint(DriverConnection& connection, std::string_view name) const;
    virtual void do_rollback_to_savepoint(DriverConnection& connection, std::string_view name) const;
    virtual void do_release_savepoint(DriverConnection& connection, std::string_view name) const;
};

/// Renders `statement` for `dialect` (in the dialect's default paramstyle unless given), as
/// SQLAlchemy's `stmt.compile(dialect=...)`. Throws `CompileError` for what the dialect cannot render.
[[nodiscard]] SQLA_EXPORT Compiled compile(const Executable& statement, const Dialect& dialect,
                                           std::optional<ParamStyle> paramstyle = std::nullopt);

/// The base every dialect plugin derives from: SQL-standard rendering, the generic compiler,
/// and double-quote identifier quoting over the given reserved words. Override `name()`,
/// `capabilities()`, and whichever factories render differently.
class SQLA_EXPORT DefaultDialect : public Dialect {
public:
    /// `reserved_words` are lower-case.
    explicit DefaultDialect(Capabilities capabilities, std::unordered_set<std::string> reserved_words = {});
    ~DefaultDialect() override;
    [[nodiscard]] const Capabilities& capabilities() const noexcept override { return capabilities_; }
    [[nodiscard]] const IdentifierPreparer& identifier_preparer() const noexcept override { return *preparer_; }
    [[nodiscard]] std::unique_ptr<SQLCompiler> statement_compiler(ParamStyle paramstyle) const override;

protected:
    /// Replaces the identifier preparer (for dialects quoting with other characters).
    /// The flags, for initialize() to adjust to the server version it finds.
    Capabilities& mutable_capabilities() noexcept { return capabilities_; }
    void set_identifier_preparer(std::unique_ptr<IdentifierPreparer> preparer) noexcept {
        preparer_ = std::move(preparer);
    }

private:
    Capabilities capabilities_;
    std::unique_ptr<IdentifierPreparer> preparer_;
};

}  // namespace sqla
