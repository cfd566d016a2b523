// sqla: engine/engine.cppm. create_engine, Engine and Connection.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

export module sqla:engine.engine;
import :errors.error;
import :types.value;
import :sql.elements;
import :sql.compiler;
import :dialect.capabilities;
import :dialect.driver;
import :dialect.dialect;
import :pool.pool;
import :engine.url;
import :engine.result;

export namespace sqla {

/// Options of `create_engine()`, named as SQLAlchemy's keyword arguments.
struct EngineOptions {
    /// Log every statement and its parameters (to `log`, else standard error).
    bool echo = false;
    /// Leave parameter values out of logs and error messages.
    bool hide_parameters = false;
    /// Extra arguments for the driver's connect call; they override the URL's.
    Params connect_args{};
    /// The pool to use; the dialect's default when empty.
    std::optional<PoolClass> poolclass{};
    /// How many compiled statements the engine keeps (0 turns the cache off).
    std::size_t query_cache_size = 500;
    /// Where `echo` writes, one call per message; standard error when empty.
    std::function<void(std::string_view)> log{};
};

class Connection;
class Engine;

/// Creates an engine for `url`, loading the plugin that provides its dialect and driver.
/// Throws `ArgumentError` for a malformed URL, `NoSuchModuleError` when no plugin provides the
/// dialect or driver, `PluginLoadError` when the plugin cannot be loaded. Connecting happens
/// on first `connect()`.
[[nodiscard]] SQLA_EXPORT Engine create_engine(const URL& url, EngineOptions options = {});
[[nodiscard]] SQLA_EXPORT Engine create_engine(std::string_view url, EngineOptions options = {});

}  // namespace sqla

namespace sqla::detail {

// A compiled statement and what executing it needs besides the SQL, worked out once with it
// (SQLAlchemy keeps the same with its compiled form, `_bind_processors` and the result
// metadata's processors): the dialect's processor per bound parameter, and per result column.
struct CompiledStatement {
    Compiled compiled;
    // One per bind slot; an empty vector when no slot has a processor.
    std::vector<ValueProcessor> bind_processors;
    // Null when no result column has a processor.
    std::shared_ptr<const ResultProcessing> result_processing;
};

// The compiled-statement cache: compiled forms keyed by the statement's structure.
// Bounded; least recently used entries go first.
class CompiledCache {
public:
    explicit CompiledCache(std::size_t capacity) : capacity_(capacity) {}
    std::shared_ptr<const CompiledStatement> get(const std::string& key);
    void put(const std::string& key, std::shared_ptr<const CompiledStatement> compiled);
    std::size_t size() const;

private:
    using Order = std::list<std::string>;
    struct Slot {
        std::shared_ptr<const CompiledStatement> compiled;
        Order::iterator position;
    };
    mutable std::mutex mutex_;
    std::size_t capacity_;
    Order order_;
    std::unordered_map<std::string, Slot> slots_;
};

struct EngineState {
    URL url;
    EngineOptions options;
    // Declared before the pool so the plugin library outlives the connections it made.
    std::shared_ptr<Dialect> dialect;
    std::shared_ptr<Driver> driver;
    Params connect_params;
    std::unique_ptr<Pool> pool;
    CompiledCache cache;
    std::mutex init_mutex;
    bool initialized = false;

    EngineState(URL u, EngineOptions o, std::shared_ptr<Dialect> d, std::shared_ptr<Driver> dr);
    /// The compiled form of `element`, whose cache key is `key`, with its processors: from the
    /// cache, or rendered now.
    std::shared_ptr<const CompiledStatement> compile(const ClauseElement& element, const CacheKey& key);
    void log(std::string_view message) const;
};

struct ConnectionState {
    std::shared_ptr<EngineState> engine;
    std::shared_ptr<DriverConnection> dbapi;
    std::vector<std::weak_ptr<Cursor>> cursors;
    bool closed = false;
    bool in_transaction = false;
    bool invalidated = false;

    void close_cursors() noexcept;
    void release() noexcept;
};

}  // namespace sqla::detail

export namespace sqla {

/// A connection checked out of an engine's pool. Move-only; not for concurrent use.
///
/// Transactions are commit-as-you-go: the first statement begins one, `commit()` or
/// `rollback()` ends it, and closing (or destroying) the connection rolls back what was not
/// committed. Results keep streaming until the connection closes.
class SQLA_EXPORT Connection {
public:
    Connection(Connection&&) noexcept;
    Connection& operator=(Connection&&) noexcept;
    ~Connection();

    /// Executes a statement with named parameters. Throws `StatementError` when a parameter is
    /// missing, and a `DBAPIError` subclass carrying the SQL when the database rejects it.
    Result execute(const Executable& statement, const Params& params = {});
    /// Executes a statement once per parameter set (executemany); the result has no rows
    /// and the summed rowcount.
    Result execute(const Executable& statement, const std::vector<Params>& many);
    /// Executes SQL written in the driver's own paramstyle with positional parameters,
    /// bypassing the compiler (SQLAlchemy's `exec_driver_sql`).
    Result exec_driver_sql(std::string_view sql, std::span<const Value> params = {});

    /// Commits the current transaction, if any.
    void commit();
    /// Rolls back the current transaction, if any.
    void rollback();
    /// Rolls back what is uncommitted and returns the connection to the pool. Idempotent.
    void close() noexcept;
    [[nodiscard]] bool closed() const noexcept;
    [[nodiscard]] bool in_transaction() const noexcept;

    [[nodiscard]] const Dialect& dialect() const noexcept;
    /// The driver connection underneath (for what sqla does not wrap).
    [[nodiscard]] DriverConnection& driver_connection();

private:
    friend class Engine;
    explicit Connection(std::shared_ptr<detail::ConnectionState> state) noexcept : state_(std::move(state)) {}
    detail::ConnectionState& open_state() const;
    Result run(std::span<const Value> positional, std::string_view sql, std::uint64_t key,
               std::shared_ptr<const detail::ResultProcessing> processing = nullptr);
    /// Appends the values for `compiled`'s placeholders: given by name in `params`, else the
    /// statement's own (from `key.binds`). `row` names the parameter set in messages.
    /// `sizes` receives the number of values of each expanding slot (when it has any), and
    /// `literals` the value of each literal-execute slot (a NULL for the other slots); the
    /// statement is then rendered per execution. Without them (executemany) such slots throw.
    /// `positions`, when given, receives the index in `out` of each slot's first value.
    static void bind_values(const Compiled& compiled, const CacheKey& key, const Params& params,
                            std::vector<Value>& out, std::optional<std::size_t> row, std::vector<std::size_t>* sizes,
                            std::vector<Value>* literals = nullptr, std::vector<std::size_t>* positions = nullptr);
    [[noreturn]] void raise_dbapi(const DriverError& e, std::string_view sql, std::span<const Value> params);

    std::shared_ptr<detail::ConnectionState> state_;
};

/// The starting point: a dialect, a driver and a pool of connections for one database URL.
/// Copies share the same engine. Thread-safe: share one Engine, take a Connection per thread.
class SQLA_EXPORT Engine {
public:
    /// A connection from the pool. Throws `OperationalError` when the database cannot be reached.
    [[nodiscard]] Connection connect();
    [[nodiscard]] const URL& url() const noexcept;
    [[nodiscard]] const Dialect& dialect() const noexcept;
    [[nodiscard]] const Driver& driver() const noexcept;
    [[nodiscard]] Pool& pool() const noexcept;
    /// Closes the pool's idle connections; later connects open new ones.
    void dispose() noexcept;
    /// How many compiled statements the cache holds.
    [[nodiscard]] std::size_t compiled_cache_size() const;

private:
    friend Engine create_engine(const URL& url, EngineOptions options);
    explicit Engine(std::shared_ptr<detail::EngineState> state) noexcept : state_(std::move(state)) {}
    std::shared_ptr<detail::EngineState> state_;
};

}  // namespace sqla
