// sqla: dialect/dialect.cppm. Dialect, the abstract SQL flavour of a database, and DefaultDialect.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

export module sqla:dialect.dialect;
import :errors.error;
import :dialect.capabilities;
import :engine.url;
import :dialect.driver;
import :sql.elements;
import :sql.compiler;

export namespace sqla {

class Connection;

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
    /// Whether `error` means the connection is gone and must not return to the pool.
    [[nodiscard]] virtual bool is_disconnect(const DriverError& error) const noexcept;

    /// Whether the table exists (create_all/drop_all's checkfirst). The default asks
    /// information_schema.tables; dialects override it with their catalogs.
    [[nodiscard]] virtual bool has_table(Connection& connection, std::string_view table,
                                         const std::optional<std::string>& schema) const;

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
    void set_identifier_preparer(std::unique_ptr<IdentifierPreparer> preparer) noexcept {
        preparer_ = std::move(preparer);
    }

private:
    Capabilities capabilities_;
    std::unique_ptr<IdentifierPreparer> preparer_;
};

}  // namespace sqla
