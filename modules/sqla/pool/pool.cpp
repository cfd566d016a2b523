// sqla: pool/pool.cpp. The record lifecycle (Pool), QueuePool, NullPool and StaticPool.
// SPDX-License-Identifier: MIT
module;
#include <any>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

module sqla;

namespace sqla {

namespace {
std::atomic<std::uint64_t> next_record_id{1};

std::string seconds_text(std::chrono::milliseconds d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(d.count()) / 1000.0);
    return buf;
}
}  // namespace

// ---- ConnectionRecord ---------------------------------------------------------------------

ConnectionRecord::ConnectionRecord(std::uint64_t id, std::unique_ptr<DriverConnection> connection)
    : id_(id), connection_(std::move(connection)), created_(std::chrono::steady_clock::now()) {}

ConnectionRecord::~ConnectionRecord() {
    if (connection_) connection_->close();
}

DriverConnection& ConnectionRecord::driver_connection() const {
    if (!connection_) throw ResourceClosedError("connection #" + std::to_string(id_) + " was invalidated and closed");
    return *connection_;
}

// ---- Pool ---------------------------------------------------------------------------------

Pool::Pool(Creator creator, PoolOptions options, std::shared_ptr<PoolEvents> events)
    : creator_(std::move(creator)), options_(std::move(options)),
      events_(events ? std::move(events) : std::make_shared<PoolEvents>()) {}

Pool::~Pool() = default;

void Pool::log(std::string_view message) const noexcept {
    try {
        if (options_.log)
            options_.log(message);
        else
            std::clog << "sqla.pool: " << message << '\n';
    } catch (...) {
        // A failing log sink must not take the pool down with it.
    }
}

template <class F>
void Pool::guarded(std::string_view what, F&& fire) noexcept {
    try {
        fire();
    } catch (const std::exception& e) {
        log("exception during " + std::string(what) + " (ignored): " + e.what());
    } catch (...) {
        log("exception during " + std::string(what) + " (ignored)");
    }
}

std::shared_ptr<ConnectionRecord> Pool::create() {
    auto record = std::make_shared<ConnectionRecord>(next_record_id.fetch_add(1), creator_());
    record->generation_ = generation();
    {
        std::lock_guard lock(mutex_);
        ++stats_.connects;
    }
    if (options_.echo) log("created new connection #" + std::to_string(record->id()));
    try {
        PoolEvent event{*record->connection_, *record};
        if (events_->first_connect.has_listeners()) std::call_once(first_connect_, [&] { events_->first_connect(event); });
        events_->connect(event);
    } catch (...) {
        close_connection(*record);
        throw;
    }
    return record;
}

void Pool::close_connection(ConnectionRecord& record) noexcept {
    if (!record.connection_) return;
    if (options_.echo) log("closing connection #" + std::to_string(record.id()));
    guarded("the close event", [&] {
        PoolEvent event{*record.connection_, record};
        events_->close(event);
    });
    record.connection_->close();
    record.connection_.reset();
    std::lock_guard lock(mutex_);
    ++stats_.closes;
}

void Pool::discard(ConnectionRecord& record) noexcept {
    close_connection(record);
    on_discard();
}

void Pool::invalidate_record(ConnectionRecord& record, const std::exception* error) noexcept {
    {
        std::lock_guard lock(mutex_);
        ++stats_.invalidations;
    }
    if (options_.echo)
        log("invalidate connection #" + std::to_string(record.id()) +
            (error ? std::string(" (reason: ") + error->what() + ")" : std::string()));
    if (record.connection_)
        guarded("the invalidate event", [&] {
            PoolInvalidateEvent event{*record.connection_, record, error};
            events_->invalidate(event);
        });
}

void Pool::prepare(std::shared_ptr<ConnectionRecord>& record) {
    // A connection made before the last dispose(), past its recycle age, or failing its ping is
    // replaced by a new one in the same slot.
    auto replace = [&] {
        close_connection(*record);
        record = create();
    };
    if (record->generation_ != generation()) {
        replace();
        return;
    }
    if (options_.recycle.count() > 0 && std::chrono::steady_clock::now() - record->created() > options_.recycle) {
        if (options_.echo) log("connection #" + std::to_string(record->id()) + " exceeded its recycle age; replacing it");
        replace();
        return;
    }
    if (options_.pre_ping && !record->connection_->ping()) {
        const DisconnectionError why("the connection failed its pre-ping");
        invalidate_record(*record, &why);
        replace();
    }
}

std::shared_ptr<ConnectionRecord> Pool::checkout() {
    constexpr int attempts = 3;
    for (int attempt = 1;; ++attempt) {
        std::shared_ptr<ConnectionRecord> record = do_get();
        try {
            prepare(record);
        } catch (...) {
            // The replacement could not be made: the slot do_get() reserved is given back.
            discard(*record);
            throw;
        }
        {
            std::lock_guard lock(mutex_);
            ++stats_.checkouts;
            ++stats_.checked_out;
        }
        try {
            PoolEvent event{*record->connection_, *record};
            events_->checkout(event);
        } catch (const DisconnectionError& e) {
            {
                // Not handed out after all.
                std::lock_guard lock(mutex_);
                --stats_.checkouts;
                --stats_.checked_out;
            }
            invalidate_record(*record, &e);
            discard(*record);
            if (attempt < attempts) continue;
            throw DisconnectionError("checkout listeners rejected " + std::to_string(attempts) +
                                     " connections in a row; the last said: " + e.what());
        } catch (...) {
            // Any other listener failure: the connection itself is fine, so it goes back.
            checkin(std::move(record), false, true);
            throw;
        }
        if (options_.echo) log("connection #" + std::to_string(record->id()) + " checked out from pool");
        return record;
    }
}

void Pool::checkin(std::shared_ptr<ConnectionRecord> record, bool invalidate, bool transaction_was_reset,
                   const std::exception* error) noexcept {
    if (!record) return;
    {
        std::lock_guard lock(mutex_);
        ++stats_.checkins;
        --stats_.checked_out;
    }
    if (!invalidate && record->connection_ && record->connection_->closed()) invalidate = true;
    if (!invalidate && record->connection_) {
        guarded("the reset event", [&] {
            PoolResetEvent event{*record->connection_, *record, transaction_was_reset};
            events_->reset(event);
        });
        if (!transaction_was_reset && options_.reset_on_return != ResetOnReturn::none) {
            const bool commit = options_.reset_on_return == ResetOnReturn::commit;
            if (options_.echo)
                log("connection #" + std::to_string(record->id()) + (commit ? " commit-on-return" : " rollback-on-return"));
            try {
                if (commit) record->connection_->commit();
                else record->connection_->rollback();
            } catch (const std::exception& e) {
                // A connection that cannot be reset must not be handed to anyone else.
                invalidate_record(*record, &e);
                invalidate = true;
            }
        }
    } else if (invalidate) {
        invalidate_record(*record, error);
    }
    if (invalidate || !record->connection_) {
        discard(*record);
        return;
    }
    if (options_.echo) log("connection #" + std::to_string(record->id()) + " being returned to pool");
    guarded("the checkin event", [&] {
        PoolEvent event{*record->connection_, *record};
        events_->checkin(event);
    });
    if (record->generation_ != generation()) {
        discard(*record);
        return;
    }
    do_return(std::move(record));
}

PoolStatistics Pool::statistics() const {
    std::lock_guard lock(mutex_);
    PoolStatistics stats = stats_;
    stats.open = static_cast<std::size_t>(stats.connects - stats.closes);
    describe(stats);
    return stats;
}

// ---- QueuePool ----------------------------------------------------------------------------

QueuePool::QueuePool(Creator creator, QueuePoolOptions queue, PoolOptions options, std::shared_ptr<PoolEvents> events)
    : Pool(std::move(creator), std::move(options), std::move(events)), queue_(queue) {
    if (queue_.max_overflow < -1) throw ArgumentError("QueuePool: max_overflow must be -1 (no limit) or more");
}

QueuePool::~QueuePool() { dispose(); }

std::shared_ptr<ConnectionRecord> QueuePool::do_get() {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + queue_.timeout;
    auto can_open = [&] {
        return queue_.max_overflow < 0 || slots_ < queue_.pool_size + static_cast<std::size_t>(queue_.max_overflow);
    };
    for (;;) {
        if (!idle_.empty()) {
            std::shared_ptr<ConnectionRecord> record;
            if (queue_.use_lifo) {
                record = std::move(idle_.back());
                idle_.pop_back();
            } else {
                record = std::move(idle_.front());
                idle_.pop_front();
            }
            return record;
        }
        if (can_open()) {
            // Reserve the slot, then connect without holding the lock.
            ++slots_;
            lock.unlock();
            try {
                return create();
            } catch (...) {
                on_discard();
                throw;
            }
        }
        if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && !can_open()) {
            ++stats_.timeouts;
            lock.unlock();
            timed_out();
        }
    }
}

void QueuePool::timed_out() {
    throw TimeoutError("QueuePool limit of size " + std::to_string(queue_.pool_size) + " overflow " +
                       std::to_string(queue_.max_overflow) + " reached, connection timed out, timeout " +
                       seconds_text(queue_.timeout) +
                       " s. Every connection is checked out: close Connections (and Results) when done with "
                       "them, or raise pool_size, max_overflow or pool_timeout in EngineOptions.");
}

void QueuePool::do_return(std::shared_ptr<ConnectionRecord> record) noexcept {
    {
        std::lock_guard lock(mutex_);
        // Overflow connections are closed rather than kept: the pool keeps pool_size idle.
        if (idle_.size() < queue_.pool_size) idle_.push_back(std::move(record));
    }
    if (record) {
        discard(*record);  // frees the slot (on_discard), which wakes a waiter
        return;
    }
    available_.notify_one();
}

void QueuePool::on_discard() noexcept {
    {
        std::lock_guard lock(mutex_);
        --slots_;
    }
    available_.notify_one();
}

void QueuePool::describe(PoolStatistics& stats) const noexcept {
    stats.checked_in = idle_.size();
    stats.overflow = static_cast<std::int64_t>(slots_) - static_cast<std::int64_t>(queue_.pool_size);
}

void QueuePool::dispose() noexcept {
    std::deque<std::shared_ptr<ConnectionRecord>> idle;
    {
        std::lock_guard lock(mutex_);
        idle.swap(idle_);
    }
    next_generation();
    for (auto& record : idle) discard(*record);
    if (options().echo) log("pool disposed. " + status());
}

std::string QueuePool::status() const {
    std::lock_guard lock(mutex_);
    return "Pool size: " + std::to_string(queue_.pool_size) + "  Connections in pool: " + std::to_string(idle_.size()) +
           " Current Overflow: " +
           std::to_string(static_cast<std::int64_t>(slots_) - static_cast<std::int64_t>(queue_.pool_size)) +
           " Current Checked out connections: " + std::to_string(stats_.checked_out);
}

// ---- NullPool -----------------------------------------------------------------------------

NullPool::NullPool(Creator creator, PoolOptions options, std::shared_ptr<PoolEvents> events)
    : Pool(std::move(creator), std::move(options), std::move(events)) {}

NullPool::~NullPool() = default;

std::shared_ptr<ConnectionRecord> NullPool::do_get() { return create(); }

void NullPool::do_return(std::shared_ptr<ConnectionRecord> record) noexcept { discard(*record); }

void NullPool::dispose() noexcept {}

std::string NullPool::status() const { return "NullPool"; }

// ---- StaticPool ---------------------------------------------------------------------------

StaticPool::StaticPool(Creator creator, PoolOptions options, std::shared_ptr<PoolEvents> events)
    : Pool(std::move(creator), std::move(options), std::move(events)) {}

StaticPool::~StaticPool() { dispose(); }

std::shared_ptr<ConnectionRecord> StaticPool::do_get() {
    std::unique_lock lock(mutex_);
    if (!record_ || !record_->has_connection()) {
        lock.unlock();
        auto record = create();
        lock.lock();
        if (!record_ || !record_->has_connection()) {
            record_ = std::move(record);
        } else {
            lock.unlock();
            discard(*record);  // another thread made it first
            lock.lock();
        }
    }
    return record_;
}

void StaticPool::do_return(std::shared_ptr<ConnectionRecord>) noexcept {}

void StaticPool::dispose() noexcept {
    std::shared_ptr<ConnectionRecord> record;
    {
        std::lock_guard lock(mutex_);
        record = std::move(record_);
    }
    if (record && record->has_connection()) discard(*record);
}

std::string StaticPool::status() const { return "StaticPool"; }

}  // namespace sqla
