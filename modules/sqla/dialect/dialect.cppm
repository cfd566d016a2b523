// sqla: dialect/dialect.cppm. Dialect, the abstract SQL flavour of a database (DefaultDialect,
// which wires the compilers to it, is engine/default_dialect.cppm).
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
import :dialect.reflection;

export namespace sqla {

// Declared here, defined above this layer: a dialect names its compilers and is handed
// connections, but the interface does not depend on how they are built.
class Connection;
class SQLCompiler;
class IdentifierPreparer;

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

    /// How this dialect reads its database's catalog: the Inspector's questions, answered by
    /// the plugin's own Reflector subclass (DefaultDialect's default throws NotImplementedError
    /// for most of them).
    [[nodiscard]] virtual const Reflector& reflection() const noexcept = 0;
    /// Whether the table exists (create_all/drop_all's checkfirst; SQLAlchemy's
    /// `Dialect.has_table`): `reflection().has_table()`.
    [[nodiscard]] bool has_table(Connection& connection, std::string_view table,
                                 const std::optional<std::string>& schema) const;
    /// Whether a named type exists (a PostgreSQL enum): `reflection().has_type()`.
    [[nodiscard]] bool has_type(Connection& connection, std::string_view name) const;

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

    virtual void do_begin(DriverConnection& connection) const;
    virtual void do_commit(DriverConnection& connection) const;
    virtual void do_rollback(DriverConnection& connection) const;
    /// `SAVEPOINT name`, `ROLLBACK TO SAVEPOINT name` and `RELEASE SAVEPOINT name`, with the
    /// name quoted by the dialect. Throw `DriverError` as the connection does.
    virtual void do_savepoint(DriverConnection& connection, std::string_view name) const;
    virtual void do_rollback_to_savepoint(DriverConnection& connection, std::string_view name) const;
    virtual void do_release_savepoint(DriverConnection& connection, std::string_view name) const;
};

}  // namespace sqla
