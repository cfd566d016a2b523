// sqla: engine/engine.cppm. create_engine, Engine and Connection.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <initializer_list>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <string>
#include <string_view>
#include <type_traits>
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
import :event.listeners;
import :pool.pool;
import :engine.url;
import :engine.result;

namespace sqla::detail {
class ExecutionContext;
}

export namespace sqla {

class Connection;
class Engine;
class Transaction;

/// Options for executions (SQLAlchemy's `execution_options`), set per engine
/// (`Engine::execution_options()`, `EngineOptions::execution_options`), per connection
/// (`Connection::execution_options()`) or per `execute()` call. Unset fields inherit.
struct ExecutionOptions {
    /// The transaction isolation level ("READ COMMITTED", "SERIALIZABLE", "AUTOCOMMIT"...) of
    /// the connection; set on an engine or connection, not per execute(). Reset when the
    /// connection goes back to the pool.
    std::optional<std::string> isolation_level{};
    /// Fetch rows from the server as they are read (a server-side cursor) instead of buffering
    /// the whole result in the client, where the driver buffers by default.
    std::optional<bool> stream_results{};
    /// Stream rows and hand them out `yield_per` at a time: the default size of
    /// `Result::partitions()` and the driver's fetch size. Implies stream_results.
    std::optional<std::size_t> yield_per{};
    /// With stream_results, the most rows the driver fetches per round trip.
    std::optional<std::size_t> max_row_buffer{};
    /// False: compile statements afresh instead of using the engine's compiled cache.
    std::optional<bool> compiled_cache{};

    /// These options with the fields `other` sets taking precedence.
    [[nodiscard]] SQLA_EXPORT ExecutionOptions merged(const ExecutionOptions& other) const;
};

/// The argument of `before_execute` and `after_execute`: the statement and its parameters
/// (one set, or `multiparams` for executemany). `before_execute` may change the parameters.
struct ExecuteEvent {
    Connection& connection;
    const Executable& statement;
    Params* parameters;
    std::vector<Params>* multiparams;
    const ExecutionOptions& options;
    /// after_execute only: the result.
    Result* result = nullptr;
};

/// The argument of `before_cursor_execute` and `after_cursor_execute`: the SQL as the driver
/// receives it and the positional parameters (for executemany, every set row after row).
/// `before_cursor_execute` may change both (a changed statement is not prepared-cached).
struct CursorExecuteEvent {
    Connection& connection;
    std::string statement;
    std::vector<Value> parameters;
    bool executemany;
    /// after_cursor_execute only: the rows the statement matched, or -1.
    std::int64_t rowcount = -1;
};

/// The argument of the transaction events; `savepoint` names the savepoint for the savepoint
/// ones, and is empty otherwise.
struct TransactionEvent {
    Connection& connection;
    std::string_view savepoint{};
};

/// The argument of `handle_error` (SQLAlchemy's `ExceptionContext`): fired when the driver
/// raised, before sqla throws. A listener may throw an exception of its own, which replaces
/// sqla's, or change `is_disconnect` to decide whether the connection is invalidated.
struct ExceptionContext {
    /// Null when the error happened while connecting.
    Connection* connection;
    /// The driver's error.
    const DriverError& original;
    /// The exception sqla is about to throw.
    const DBAPIError& sqla_exception;
    std::string_view statement;
    std::span<const Value> parameters;
    bool is_disconnect;
};

/// The argument of `do_connect`: the connect arguments, which listeners may change, or they
/// may make the driver connection themselves and put it in `connection`.
struct DoConnectEvent {
    const Dialect& dialect;
    Params& connect_args;
    std::unique_ptr<DriverConnection> connection;
};

/// Every event of an engine: its pool's (PoolEvents), the dialect's `do_connect`, and those
/// of its connections. The firing order is documented in docs/events.md.
struct SQLA_EXPORT EngineEvents : PoolEvents {
    Event<DoConnectEvent> do_connect;
    /// A Connection was made (checked out) from the engine.
    Event<Connection> engine_connect;
    Event<ExecuteEvent> before_execute;
    Event<ExecuteEvent> after_execute;
    Event<CursorExecuteEvent> before_cursor_execute;
    Event<CursorExecuteEvent> after_cursor_execute;
    Event<TransactionEvent> begin;
    Event<TransactionEvent> commit;
    Event<TransactionEvent> rollback;
    Event<TransactionEvent> savepoint;
    Event<TransactionEvent> rollback_savepoint;
    Event<TransactionEvent> release_savepoint;
    Event<ExceptionContext> handle_error;
};

/// Options of `create_engine()`, named as SQLAlchemy's keyword arguments.
struct EngineOptions {
    /// Log every statement and its parameters (to `log`, else standard error).
    bool echo = false;
    /// Log the pool's checkouts, checkins, connects and invalidations.
    bool echo_pool = false;
    /// Leave parameter values out of logs and error messages.
    bool hide_parameters = false;
    /// Extra arguments for the driver's connect call; they override the URL's.
    Params connect_args{};
    /// The pool to use; the dialect's default when empty (SQLite memory databases: StaticPool,
    /// everything else: QueuePool).
    std::optional<PoolClass> poolclass{};
    /// QueuePool: idle connections kept (default 5).
    std::optional<std::size_t> pool_size{};
    /// QueuePool: connections beyond pool_size under load (default 10; -1: no limit).
    std::optional<std::int64_t> max_overflow{};
    /// QueuePool: how long a checkout waits for a free connection (default 30 s).
    std::optional<std::chrono::milliseconds> pool_timeout{};
    /// QueuePool: hand out the most recently used connection first.
    std::optional<bool> pool_use_lifo{};
    /// Test connections with a round trip at checkout, replacing dead ones.
    bool pool_pre_ping = false;
    /// Replace connections older than this (zero: never).
    std::chrono::milliseconds pool_recycle{0};
    /// What a connection returned to the pool gets.
    ResetOnReturn pool_reset_on_return = ResetOnReturn::rollback;
    /// The isolation level of every connection (SQLAlchemy's `isolation_level`).
    std::optional<std::string> isolation_level{};
    /// Execution options of every connection.
    ExecutionOptions execution_options{};
    /// How many compiled statements the engine keeps (0 turns the cache off).
    std::size_t query_cache_size = 500;
    /// Where `echo` and `echo_pool` write, one call per message; standard error when empty.
    std::function<void(std::string_view)> log{};
};



/// Creates an engine for `url`, loading the plugin that provides its dialect and driver.
/// Throws `ArgumentError` for a malformed URL, `NoSuchModuleError` when no plugin provides the
/// dialect or driver, `PluginLoadError` when the plugin cannot be loaded. Connecting happens
/// on first `connect()`.
[[nodiscard]] SQLA_EXPORT Engine create_engine(const URL& url, EngineOptions options = {});
[[nodiscard]] SQLA_EXPORT Engine create_engine(std::string_view url, EngineOptions options = {});

/// Misuse detection for a Connection (with its Results): one operation at a time. Each entry
/// point claims the connection for its operation; a second operation while one runs throws,
/// whichever thread or coroutine starts it. The claim belongs to the operation, not to a
/// thread: an operation's code runs "here" on one thread at a time (a thread-local mark), so a
/// listener that executes on the same connection from inside the operation is a nested entry
/// and allowed, while an async operation suspended at a driver wait (suspend()) and resumed
/// on another thread (resume()) keeps its claim and still refuses any other operation meanwhile,
/// even one from a coroutine on the same thread. Two atomic operations per call.
class SQLA_EXPORT OperationClaim {
public:
    void enter();
    // Throws when an operation holds the claim and is not running on this thread: one relaxed
    // load when none does, for the per-row path (a Result fetching while another operation
    // runs on its connection).
    void check() const {
        if (busy_.load(std::memory_order_relaxed) && !running_here()) refuse();
    }
    void leave() noexcept;
    // For an operation that waits without blocking (async): its code stops running on this
    // thread, and carries on, on whichever thread calls resume().
    void suspend() noexcept;
    void resume();

private:
    [[noreturn]] static void refuse();
    bool running_here() const noexcept;
    std::atomic<bool> busy_{false};
    std::uint32_t depth_ = 0;  // written only by the operation holding the claim
};

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
    // When it was compiled (echo's "cached since").
    std::chrono::steady_clock::time_point compiled_at{};
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
    std::shared_ptr<EngineEvents> events;
    std::unique_ptr<Pool> pool;
    CompiledCache cache;
    std::mutex init_mutex;
    bool initialized = false;
    // The isolation level of a new connection (after EngineOptions::isolation_level), learnt
    // from the first one; what connections are reset to when they changed it.
    std::optional<std::string> default_isolation_level;

    EngineState(URL u, EngineOptions o, std::shared_ptr<Dialect> d, std::shared_ptr<Driver> dr);
    /// The compiled form of `element`, whose cache key is `key`, with its processors: from the
    /// cache (unless `use_cache` is false), or rendered now. `how` receives the echo's note:
    /// "generated in 0.00012s", "cached since 3.1s ago"...
    std::shared_ptr<const CompiledStatement> compile(const ClauseElement& element, const CacheKey& key,
                                                     bool use_cache, std::string* how = nullptr);
    void log(std::string_view message) const;
    /// Opens a driver connection: fires do_connect, applies the engine's isolation level.
    std::unique_ptr<DriverConnection> connect_driver();
};

// The parameters as echo and error messages show them: long values and long lists shortened
// (as SQLAlchemy's _repr_params), or a placeholder when the engine hides parameters.
std::string render_params(std::span<const Value> params, bool hide);
// About how many bytes a value takes in an execution's parameters.
std::size_t approximate_size(const Value& v);
// Several parameter sets of `width` values each (executemany).
std::string render_param_sets(std::span<const Value> values, std::size_t width, bool hide);
// The DBAPIError subclass for a driver error, as an exception_ptr (thrown by the caller after
// handle_error had its say).
std::exception_ptr make_dbapi_error(const DriverError& e, std::string_view driver, std::string_view sql,
                                    const std::string& params, bool invalidated);

// Throws ArgumentError when `dialect` does not know isolation level `level`.
void check_isolation_level(const Dialect& dialect, std::string_view level);

// A savepoint begun by begin_nested(), by name and by the serial its handle checks.
struct SavepointState {
    std::string name;
    std::uint64_t serial;
};

class ClaimGuard {
public:
    explicit ClaimGuard(OperationClaim& claim) : claim_(claim) { claim_.enter(); }
    ~ClaimGuard() { claim_.leave(); }
    ClaimGuard(const ClaimGuard&) = delete;
    ClaimGuard& operator=(const ClaimGuard&) = delete;

private:
    OperationClaim& claim_;
};

struct ConnectionState {
    std::shared_ptr<EngineState> engine;
    OperationClaim claim;
    // The Connection that owns this state (events receive it); kept up to date on moves.
    Connection* owner = nullptr;
    std::shared_ptr<ConnectionRecord> record;
    DriverConnection* dbapi = nullptr;
    ExecutionOptions options;
    // The options of the Engine it came from (for Connection::engine()).
    std::shared_ptr<const ExecutionOptions> engine_options;
    std::vector<std::weak_ptr<Cursor>> cursors;
    bool closed = false;
    bool in_transaction = false;
    bool invalidated = false;
    // Serials tell a Transaction handle whether the transaction it began is still the one
    // under way; each begin gets a new serial.
    std::uint64_t serial = 0;
    std::uint64_t root_serial = 0;
    std::vector<SavepointState> savepoints;
    std::uint64_t savepoint_counter = 0;
    // Set when the connection changed its isolation level: the level to restore at release.
    std::optional<std::string> reset_isolation_level;

    void close_cursors() noexcept;
    void release() noexcept;
    // The transaction steps, with their events and echo lines. Throw DBAPIError subclasses.
    void begin(bool implicit);
    void commit();
    void rollback();
    std::string savepoint();
    void rollback_to_savepoint(std::size_t index);
    void release_savepoint(std::size_t index);
    [[noreturn]] void raise_dbapi(const DriverError& e, std::string_view sql, std::span<const Value> params);

private:
    // One transaction statement: echo `sql`, fire `fired`, run `step` on the dialect, wrap
    // a driver error.
    template <class Step>
    void transaction_step(std::string_view sql, Event<TransactionEvent>& fired, std::string_view savepoint, Step&& step);
};

}  // namespace sqla::detail

export namespace sqla {

/// A transaction or savepoint begun by `Connection::begin()` / `begin_nested()`. Move-only.
/// Destroying a handle whose transaction is still active rolls it back (a savepoint: back to
/// the savepoint), so an exception leaving the scope leaves nothing half-written.
class SQLA_EXPORT Transaction {
public:
    Transaction(Transaction&&) noexcept;
    Transaction& operator=(Transaction&&) noexcept;
    ~Transaction();

    /// Commits the transaction, or releases the savepoint (keeping its work for the enclosing
    /// transaction). Throws `InvalidRequestError` when it is no longer active.
    void commit();
    /// Rolls the transaction back, or back to the savepoint (the enclosing transaction goes on).
    /// Does nothing when it is no longer active.
    void rollback();
    /// Whether the transaction is still under way: not committed or rolled back, by this handle
    /// or by the connection (`Connection::commit()`), nor ended by an enclosing one.
    [[nodiscard]] bool is_active() const noexcept;
    [[nodiscard]] bool is_nested() const noexcept { return depth_ > 0; }
    /// The savepoint's name, or empty for the outermost transaction.
    [[nodiscard]] std::string_view savepoint_name() const noexcept;

private:
    friend class Connection;
    Transaction(std::shared_ptr<detail::ConnectionState> state, std::size_t depth, std::uint64_t serial) noexcept
        : state_(std::move(state)), depth_(depth), serial_(serial) {}
    // For scope exits: a failure to roll back invalidates the connection instead of throwing.
    void rollback_noexcept() noexcept;
    std::shared_ptr<detail::ConnectionState> state_;
    std::size_t depth_ = 0;  // 0: the outermost transaction; n: the savepoint at index n - 1
    std::uint64_t serial_ = 0;
};

/// A connection checked out of an engine's pool. Move-only; not for concurrent use.
///
/// Transactions are commit-as-you-go: the first statement begins one, `commit()` or
/// `rollback()` ends it, and closing (or destroying) the connection rolls back what was not
/// committed. `begin()` begins one explicitly, `begin_nested()` a savepoint within it.
/// Results keep streaming until the connection closes.
class SQLA_EXPORT Connection {
public:
    Connection(Connection&&) noexcept;
    Connection& operator=(Connection&&) noexcept;
    ~Connection();

    /// Executes a statement with named parameters. Throws `StatementError` when a parameter is
    /// missing, and a `DBAPIError` subclass carrying the SQL when the database rejects it.
    Result execute(const Executable& statement, const Params& params = {}, const ExecutionOptions& options = {});
    /// Executes a statement without parameters, with execution options:
    /// `conn.execute(stmt, {.yield_per = 100})`.
    Result execute(const Executable& statement, const ExecutionOptions& options) {
        return execute(statement, Params{}, options);
    }
    /// Executes a statement once per parameter set (executemany); the result has no rows
    /// and the summed rowcount.
    Result execute(const Executable& statement, const std::vector<Params>& many, const ExecutionOptions& options = {});
    /// The same, moving the values out of `many` instead of copying them.
    Result execute(const Executable& statement, std::vector<Params>&& many, const ExecutionOptions& options = {});
    /// Executes SQL written in the driver's own paramstyle with positional parameters,
    /// bypassing the compiler (SQLAlchemy's `exec_driver_sql`).
    Result exec_driver_sql(std::string_view sql, std::span<const Value> params = {},
                           const ExecutionOptions& options = {});

    /// Begins a transaction explicitly. Throws `InvalidRequestError` when one is under way
    /// already (begun by an earlier statement: commit or roll it back first, or use
    /// begin_nested()).
    [[nodiscard]] Transaction begin();
    /// Runs `body` in a new transaction: commits when it returns, rolls back and rethrows when
    /// it throws. Returns what `body` returns.
    template <class F>
    decltype(auto) begin(F&& body) {
        Transaction tx = begin();
        return run_in(tx, std::forward<F>(body));
    }
    /// Begins a savepoint (SAVEPOINT sa_savepoint_1...), beginning the transaction first when
    /// none is under way. Savepoints nest.
    [[nodiscard]] Transaction begin_nested();
    /// Runs `body` inside a savepoint: released when it returns, rolled back to (and rethrown)
    /// when it throws; the enclosing transaction goes on either way.
    template <class F>
    decltype(auto) begin_nested(F&& body) {
        Transaction tx = begin_nested();
        return run_in(tx, std::forward<F>(body));
    }

    /// Commits the current transaction, if any (savepoints within it end with it).
    void commit();
    /// Rolls back the current transaction, if any. After a disconnect, it also replaces the
    /// invalidated driver connection, so the Connection can be used again.
    void rollback();
    /// Rolls back what is uncommitted and returns the connection to the pool. Idempotent.
    void close() noexcept;
    [[nodiscard]] bool closed() const noexcept;
    [[nodiscard]] bool in_transaction() const noexcept;
    [[nodiscard]] bool in_nested_transaction() const noexcept;
    /// True after the driver connection was found disconnected, until `rollback()`.
    [[nodiscard]] bool invalidated() const noexcept;

    /// Sets execution options for this connection's later executions. An isolation level is
    /// applied now (not inside a transaction: `InvalidRequestError`) and undone when the
    /// connection is closed. Throws `ArgumentError` for a level the dialect does not know.
    Connection& execution_options(const ExecutionOptions& options);
    [[nodiscard]] const ExecutionOptions& get_execution_options() const;
    /// The isolation level the driver connection is in now, as the database reports it.
    [[nodiscard]] std::string get_isolation_level();
    /// The level new connections start in (the engine's isolation_level, else the database's).
    [[nodiscard]] std::optional<std::string> default_isolation_level() const;

    [[nodiscard]] const Dialect& dialect() const noexcept;
    /// The engine this connection came from.
    [[nodiscard]] Engine engine() const;
    /// The driver connection underneath (for what sqla does not wrap).
    [[nodiscard]] DriverConnection& driver_connection();
    /// The pool's record of the driver connection (its `info` map).
    [[nodiscard]] ConnectionRecord& connection_record();

private:
    friend class Engine;
    friend class Transaction;
    explicit Connection(std::shared_ptr<detail::ConnectionState> state) noexcept;
    detail::ConnectionState& open_state() const;
    template <class F>
    decltype(auto) run_in(Transaction& tx, F&& body) {
        try {
            if constexpr (std::is_void_v<std::invoke_result_t<F&, Connection&>>) {
                std::forward<F>(body)(*this);
                if (tx.is_active()) tx.commit();
            } else {
                decltype(auto) out = std::forward<F>(body)(*this);
                if (tx.is_active()) tx.commit();
                return out;
            }
        } catch (...) {
            tx.rollback_noexcept();
            throw;
        }
    }
    // Makes the driver calls of an execution whose stages the context runs.
    Result drive(detail::ExecutionContext& context);

    std::shared_ptr<detail::ConnectionState> state_;
};

/// How `Engine::transaction()` runs a unit of work again after a `TransactionRollbackError`.
struct RetryOptions {
    /// Reruns after the first attempt (0: run once). The last attempt's error is rethrown.
    int retries = 3;
    /// The wait before the first rerun; it doubles for each later one, up to `max_backoff`, and
    /// a random part of it (up to half) is left out so that conflicting clients spread apart.
    std::chrono::milliseconds backoff{20};
    std::chrono::milliseconds max_backoff{1000};
};

/// The starting point: a dialect, a driver and a pool of connections for one database URL.
/// Copies share the same engine. Thread-safe: share one Engine, take a Connection per thread.
class SQLA_EXPORT Engine {
public:
    /// A connection from the pool. Throws `OperationalError` when the database cannot be
    /// reached, `TimeoutError` when the pool has none to give within its timeout.
    [[nodiscard]] Connection connect();
    /// Runs `body` with a connection in a transaction (SQLAlchemy's `with engine.begin()`):
    /// commits when it returns, rolls back and rethrows when it throws, and returns the
    /// connection to the pool either way. Returns what `body` returns.
    template <class F>
    decltype(auto) begin(F&& body) {
        Connection connection = connect();
        return connection.begin(std::forward<F>(body));
    }
    /// Runs `body(Connection&)` in a transaction on a connection of its own and commits, as
    /// `begin(body)`; when the database rolls the transaction back to resolve a conflict
    /// (`TransactionRollbackError`: a serialization failure or deadlock, in `body` or at
    /// COMMIT), runs the whole of `body` again on a new transaction, up to `options.retries`
    /// times with a growing wait (CockroachDB's run_transaction). `body` must be safe to run
    /// again: it starts from what the database holds, and keeps no effects outside it. Any other
    /// error rolls back and propagates. A COMMIT whose outcome is unknown (the connection was lost
    /// while it ran) is never run again: it throws `OperationalError` saying so. Returns what
    /// `body` returns on the attempt that committed.
    template <class F>
    auto transaction(F&& body, const RetryOptions& options = {}) {
        using R = std::invoke_result_t<F&, Connection&>;
        if constexpr (std::is_void_v<R>) {
            run_transaction([&](Connection& c) { body(c); }, options);
        } else {
            std::optional<R> result;
            run_transaction([&](Connection& c) { result.emplace(body(c)); }, options);
            return std::move(*result);
        }
    }
    /// An engine sharing this one's pool and dialect whose connections start with `options`
    /// (SQLAlchemy's `Engine.execution_options()`), e.g. an AUTOCOMMIT engine.
    [[nodiscard]] Engine execution_options(const ExecutionOptions& options) const;
    [[nodiscard]] const ExecutionOptions& get_execution_options() const noexcept;
    [[nodiscard]] const URL& url() const noexcept;
    [[nodiscard]] const Dialect& dialect() const noexcept;
    [[nodiscard]] const Driver& driver() const noexcept;
    [[nodiscard]] Pool& pool() const noexcept;
    /// The engine's events (its pool's included): `engine.events().before_cursor_execute.listen(...)`.
    [[nodiscard]] EngineEvents& events() const noexcept;
    /// Closes the pool's idle connections; those checked out are closed when returned, and
    /// later connects open new ones.
    void dispose() noexcept;
    /// How many compiled statements the cache holds.
    [[nodiscard]] std::size_t compiled_cache_size() const;

private:
    // The retry loop of transaction(), with the body's type erased.
    void run_transaction(const std::function<void(Connection&)>& body, const RetryOptions& options);
    friend Engine create_engine(const URL& url, EngineOptions options);
    friend class Connection;
    Engine(std::shared_ptr<detail::EngineState> state, std::shared_ptr<const ExecutionOptions> options) noexcept
        : state_(std::move(state)), options_(std::move(options)) {}
    std::shared_ptr<detail::EngineState> state_;
    std::shared_ptr<const ExecutionOptions> options_;
};

}  // namespace sqla
