// sqla: pool/pool.cppm. Connection pools (QueuePool, NullPool, StaticPool), their records and events.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <any>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

export module sqla:pool.pool;
import :errors.error;
import :event.listeners;
import :dialect.capabilities;
import :dialect.driver;

export namespace sqla {

/// One DBAPI connection as the pool keeps it (SQLAlchemy's `ConnectionRecord`): the driver
/// connection, when it was made, and an `info` map for listeners' own data, which lives as
/// long as the driver connection does.
class SQLA_EXPORT ConnectionRecord {
public:
    ConnectionRecord(std::uint64_t id, std::unique_ptr<DriverConnection> connection);
    ~ConnectionRecord();
    ConnectionRecord(const ConnectionRecord&) = delete;
    ConnectionRecord& operator=(const ConnectionRecord&) = delete;

    /// The driver connection. Throws `ResourceClosedError` once the record was invalidated.
    [[nodiscard]] DriverConnection& driver_connection() const;
    [[nodiscard]] bool has_connection() const noexcept { return connection_ != nullptr; }
    /// A number identifying this connection in logs ("#3"), unique within the process.
    [[nodiscard]] std::uint64_t id() const noexcept { return id_; }
    /// When the driver connection was opened (for `pool_recycle`).
    [[nodiscard]] std::chrono::steady_clock::time_point created() const noexcept { return created_; }
    /// Listeners' data about this connection (SQLAlchemy's `ConnectionRecord.info`).
    std::unordered_map<std::string, std::any> info;

private:
    friend class Pool;
    std::uint64_t id_;
    std::unique_ptr<DriverConnection> connection_;
    std::chrono::steady_clock::time_point created_;
    // The pool generation it was made in: records older than a dispose() are closed at checkin.
    std::uint64_t generation_ = 0;
};

/// The argument of the pool events: the connection and its record.
struct PoolEvent {
    DriverConnection& connection;
    ConnectionRecord& record;
};

/// `reset`: the connection is being returned; `transaction_was_reset` is true when its
/// Connection already rolled back, so the pool does not roll back again.
struct PoolResetEvent {
    DriverConnection& connection;
    ConnectionRecord& record;
    bool transaction_was_reset;
};

/// `invalidate`: the connection is being discarded (disconnect, failed ping, failed reset,
/// recycle does not count); `error` is why, when an exception was the reason.
struct PoolInvalidateEvent {
    DriverConnection& connection;
    ConnectionRecord& record;
    const std::exception* error;
};

/// The pool's events (SQLAlchemy's `PoolEvents`). Listen on an engine's (`engine.events()`) or
/// on a pool you made yourself (`pool.events()`).
struct SQLA_EXPORT PoolEvents {
    /// Once per pool, with the first connection it makes, before `connect`.
    Event<PoolEvent> first_connect;
    /// A new driver connection was made (set session variables here).
    Event<PoolEvent> connect;
    /// A connection leaves the pool. A listener that throws `DisconnectionError` makes the pool
    /// discard the connection and try another (three attempts in all).
    Event<PoolEvent> checkout;
    /// A connection came back to the pool (after `reset`). Exceptions are logged, not thrown.
    Event<PoolEvent> checkin;
    /// Before the rollback-on-return of a returned connection. Exceptions are logged.
    Event<PoolResetEvent> reset;
    /// A connection is being discarded as broken. Exceptions are logged.
    Event<PoolInvalidateEvent> invalidate;
    /// A driver connection is about to be closed (pool overflow, recycle, dispose, invalidate).
    Event<PoolEvent> close;
};

/// What is done to a connection returned to the pool (SQLAlchemy's `reset_on_return`).
enum class ResetOnReturn : std::uint8_t { rollback, commit, none };

/// Options shared by every pool class; the QueuePool ones are in `QueuePoolOptions`.
struct PoolOptions {
    /// Test each connection with a cheap round trip at checkout; a dead one is replaced.
    bool pre_ping = false;
    /// Replace connections older than this at checkout (zero: never).
    std::chrono::milliseconds recycle{0};
    ResetOnReturn reset_on_return = ResetOnReturn::rollback;
    /// Log checkouts, checkins, connects and invalidations (SQLAlchemy's `echo_pool`).
    bool echo = false;
    /// Where `echo` and listener failures are written; standard error when empty.
    std::function<void(std::string_view)> log{};
};

/// Size, overflow and timeout of a QueuePool, as SQLAlchemy's defaults.
struct QueuePoolOptions {
    /// Connections kept open when idle.
    std::size_t pool_size = 5;
    /// Connections opened beyond pool_size under load, closed when returned; -1: no limit.
    std::int64_t max_overflow = 10;
    /// How long checkout() waits for a connection before raising TimeoutError.
    std::chrono::milliseconds timeout{30'000};
    /// Hand out the most recently returned connection first (lets idle ones time out server-side).
    bool use_lifo = false;
};

/// Counters of a pool, taken together under the pool's lock. When no checkout or checkin is
/// under way, `open == connects - closes == checked_in + checked_out` (StaticPool: its one
/// connection may be checked out several times).
struct PoolStatistics {
    /// Driver connections open now.
    std::size_t open = 0;
    std::size_t checked_in = 0;
    std::size_t checked_out = 0;
    /// SQLAlchemy's `overflow()`: open connections beyond pool_size (negative when fewer).
    std::int64_t overflow = 0;
    /// Driver connections made, and closed, since the pool was created.
    std::uint64_t connects = 0;
    std::uint64_t closes = 0;
    std::uint64_t checkouts = 0;
    std::uint64_t checkins = 0;
    /// Connections discarded as broken.
    std::uint64_t invalidations = 0;
    /// Checkouts that gave up with TimeoutError.
    std::uint64_t timeouts = 0;
};

/// Hands out driver connections and takes them back. Thread-safe.
///
/// The record lifecycle is here (connect events, pre-ping, recycle, reset on return,
/// invalidation); subclasses decide how idle connections are kept.
class SQLA_EXPORT Pool {
public:
    /// Makes a driver connection; receives the record it will belong to (for `do_connect`).
    using Creator = std::function<std::unique_ptr<DriverConnection>()>;
    Pool(Creator creator, PoolOptions options, std::shared_ptr<PoolEvents> events);
    virtual ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    /// A connection for the caller's use until `checkin()`. Throws what the creator throws,
    /// `TimeoutError` when the pool is exhausted, `DisconnectionError` when checkout listeners
    /// reject three connections in a row.
    [[nodiscard]] std::shared_ptr<ConnectionRecord> checkout();
    /// Returns a connection. With `invalidate` it is closed and discarded (it was found
    /// disconnected; `error` says why). Otherwise it is reset (rolled back unless
    /// `transaction_was_reset`) and kept for the next checkout.
    void checkin(std::shared_ptr<ConnectionRecord> record, bool invalidate = false, bool transaction_was_reset = false,
                 const std::exception* error = nullptr) noexcept;
    /// Closes the idle connections; those checked out now are closed when they come back.
    virtual void dispose() noexcept = 0;
    /// Marks every connection made until now as stale: each is replaced at its next checkout
    /// or closed at its checkin (after a disconnect, when the database probably restarted).
    void invalidate_all() noexcept { next_generation(); }
    /// A one-line description of the pool's state, for logs.
    [[nodiscard]] virtual std::string status() const = 0;
    [[nodiscard]] PoolStatistics statistics() const;
    [[nodiscard]] PoolEvents& events() const noexcept { return *events_; }
    [[nodiscard]] const PoolOptions& options() const noexcept { return options_; }

protected:
    /// An idle record, or a new one (made with `create()`); may wait or throw TimeoutError.
    virtual std::shared_ptr<ConnectionRecord> do_get() = 0;
    /// Takes back a reset, healthy record. May close it instead (then call `discard()`).
    virtual void do_return(std::shared_ptr<ConnectionRecord> record) noexcept = 0;
    /// A record stopped existing (closed at checkin, or could not be made): frees its slot.
    virtual void on_discard() noexcept {}
    /// Fills in the subclass's part of `stats` (idle connections, overflow); `mutex_` is held.
    virtual void describe(PoolStatistics& stats) const noexcept { (void)stats; }

    /// A new record with a fresh driver connection; fires first_connect and connect. The
    /// caller owns the slot it goes in (and frees it when this throws).
    std::shared_ptr<ConnectionRecord> create();
    /// Closes the record's driver connection (firing `close`), keeping its slot.
    void close_connection(ConnectionRecord& record) noexcept;
    /// Closes the record's driver connection and frees its slot.
    void discard(ConnectionRecord& record) noexcept;
    void log(std::string_view message) const noexcept;
    std::uint64_t generation() const noexcept { return generation_.load(std::memory_order_acquire); }
    void next_generation() noexcept { generation_.fetch_add(1, std::memory_order_acq_rel); }

    // Counters; `mutex_` guards the subclasses' containers and these.
    mutable std::mutex mutex_;
    PoolStatistics stats_;

private:
    // Pre-ping and recycle: returns the record ready to use, or throws.
    void prepare(std::shared_ptr<ConnectionRecord>& record);
    void invalidate_record(ConnectionRecord& record, const std::exception* error) noexcept;
    // Runs a listener-firing step whose exceptions must not escape (checkin, reset...).
    template <class F>
    void guarded(std::string_view what, F&& fire) noexcept;

    Creator creator_;
    PoolOptions options_;
    std::shared_ptr<PoolEvents> events_;
    std::once_flag first_connect_;
    std::atomic<std::uint64_t> generation_{0};
};

/// Keeps up to `pool_size` idle connections, opens up to `max_overflow` more under load, and
/// makes checkouts wait up to `timeout` when all are in use (SQLAlchemy's `QueuePool`, the
/// default for every database but SQLite memory databases).
class SQLA_EXPORT QueuePool final : public Pool {
public:
    QueuePool(Creator creator, QueuePoolOptions queue, PoolOptions options = {},
              std::shared_ptr<PoolEvents> events = nullptr);
    ~QueuePool() override;
    void dispose() noexcept override;
    /// "Pool size: 5  Connections in pool: 1 Current Overflow: -3 Current Checked out connections: 1"
    [[nodiscard]] std::string status() const override;
    [[nodiscard]] const QueuePoolOptions& queue_options() const noexcept { return queue_; }

protected:
    std::shared_ptr<ConnectionRecord> do_get() override;
    void do_return(std::shared_ptr<ConnectionRecord> record) noexcept override;
    void on_discard() noexcept override;
    void describe(PoolStatistics& stats) const noexcept override;

private:
    [[noreturn]] void timed_out();
    QueuePoolOptions queue_;
    // Connections that exist or are being made (what pool_size + max_overflow bounds).
    std::size_t slots_ = 0;
    std::condition_variable available_;
    std::deque<std::shared_ptr<ConnectionRecord>> idle_;
};

/// Opens a connection per checkout and closes it at checkin.
class SQLA_EXPORT NullPool final : public Pool {
public:
    NullPool(Creator creator, PoolOptions options = {}, std::shared_ptr<PoolEvents> events = nullptr);
    ~NullPool() override;
    void dispose() noexcept override;
    [[nodiscard]] std::string status() const override;

protected:
    std::shared_ptr<ConnectionRecord> do_get() override;
    void do_return(std::shared_ptr<ConnectionRecord> record) noexcept override;
};

/// Keeps exactly one connection and hands it to every checkout (SQLite memory databases,
/// which exist only inside their one connection). The callers share it: one thread at a time.
class SQLA_EXPORT StaticPool final : public Pool {
public:
    StaticPool(Creator creator, PoolOptions options = {}, std::shared_ptr<PoolEvents> events = nullptr);
    ~StaticPool() override;
    void dispose() noexcept override;
    [[nodiscard]] std::string status() const override;

protected:
    std::shared_ptr<ConnectionRecord> do_get() override;
    void do_return(std::shared_ptr<ConnectionRecord> record) noexcept override;

private:
    std::shared_ptr<ConnectionRecord> record_;
};

}  // namespace sqla
