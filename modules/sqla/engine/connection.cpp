// sqla: engine/connection.cpp. Connection and Transaction: execution, transactions and
// savepoints, isolation levels, connection events, and error wrapping.
// SPDX-License-Identifier: MIT
module;
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

module sqla;
import :engine.execution;

namespace sqla {

namespace {
// The claims whose operations run on this thread now, innermost last (a listener of one
// connection's operation may execute on another connection).
thread_local std::vector<const OperationClaim*> running_claims;

void forget_running(const OperationClaim* claim) noexcept {
    for (auto it = running_claims.rbegin(); it != running_claims.rend(); ++it)
        if (*it == claim) {
            running_claims.erase(std::next(it).base());
            return;
        }
}
}  // namespace

bool OperationClaim::running_here() const noexcept {
    return std::find(running_claims.begin(), running_claims.end(), this) != running_claims.end();
}

void OperationClaim::enter() {
    if (running_here()) {
        ++depth_;  // nested: a listener executing on the connection from inside its operation
        return;
    }
    bool expected = false;
    if (!busy_.compare_exchange_strong(expected, true, std::memory_order_acquire, std::memory_order_relaxed)) refuse();
    depth_ = 1;
    running_claims.push_back(this);
}

void OperationClaim::leave() noexcept {
    if (--depth_ > 0) return;
    forget_running(this);
    busy_.store(false, std::memory_order_release);
}

void OperationClaim::suspend() noexcept { forget_running(this); }

void OperationClaim::resume() {
    if (!busy_.load(std::memory_order_acquire) || running_here())
        throw InvalidRequestError("resume() of an operation that is not suspended");
    running_claims.push_back(this);
}

void OperationClaim::refuse() {
    throw InvalidRequestError(
        "this Connection is in use by another operation right now (another thread, or another coroutine); a "
        "Connection and its Results run one operation at a time: give each thread or task its own Connection "
        "from engine.connect() (the Engine and its pool are the thread-safe part)");
}

namespace detail {

// About what a value takes on the wire: its bytes for text and blobs, a few for the rest.
std::size_t approximate_size(const Value& v) {
    const auto& st = v.storage();
    if (const auto* s = std::get_if<std::string>(&st)) return s->size() + 9;
    if (const auto* b = std::get_if<Bytes>(&st)) return b->size() + 9;
    if (const auto* j = std::get_if<boost::json::value>(&st)) return boost::json::serialize(*j).size() + 9;
    return 16;
}

namespace {
// "read committed" and "read_committed" are READ COMMITTED, as SQLAlchemy takes them.
std::string normalize_level(std::string_view level) {
    std::string out(level);
    for (char& c : out) c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// The isolation level belongs to the connection, not to one execution (as in SQLAlchemy).
void reject_isolation_level(const ExecutionOptions& o) {
    if (o.isolation_level)
        throw ArgumentError("the isolation_level execution option may only be set with Connection::execution_options() "
                            "or on the engine (EngineOptions::isolation_level, Engine::execution_options())");
}

bool is_empty(const ExecutionOptions& o) noexcept {
    return !o.isolation_level && !o.stream_results && !o.yield_per && !o.max_row_buffer && !o.compiled_cache;
}

// Runs a listener or driver step during close(), where nothing may be thrown: a failure is
// logged and reported as false.
template <class F>
bool quietly(const EngineState& engine, std::string_view what, F&& step) noexcept {
    try {
        step();
        return true;
    } catch (const std::exception& e) {
        engine.log("exception during " + std::string(what) + " (the connection will be discarded): " + e.what());
    } catch (...) {
        engine.log("exception during " + std::string(what) + " (the connection will be discarded)");
    }
    return false;
}
}  // namespace

void check_isolation_level(const Dialect& dialect, std::string_view level) {
    const std::string wanted = normalize_level(level);
    auto levels = dialect.isolation_levels();
    if (std::find(levels.begin(), levels.end(), wanted) != levels.end()) return;
    std::string known;
    for (const auto& l : levels) known += (known.empty() ? "" : ", ") + l;
    throw ArgumentError("invalid value \"" + std::string(level) + "\" for isolation_level; valid isolation levels for " +
                        std::string(dialect.name()) + " are " + known);
}

void ConnectionState::close_cursors() noexcept {
    for (auto& weak : cursors)
        if (auto c = weak.lock()) c->close();
    cursors.clear();
}

void ConnectionState::raise_dbapi(const DriverError& e, std::string_view sql, std::span<const Value> params) {
    bool disconnect = engine->dialect->is_disconnect(e);
    const std::string shown = render_params(params, engine->options.hide_parameters);
    auto error = make_dbapi_error(e, engine->driver->name(), sql, shown, disconnect);
    if (engine->events->handle_error.has_listeners()) {
        try {
            std::rethrow_exception(error);
        } catch (const DBAPIError& wrapped) {
            // A listener may throw its own exception here, which replaces sqla's.
            ExceptionContext context{owner, e, wrapped, sql, params, disconnect};
            engine->events->handle_error(context);
            if (context.is_disconnect != disconnect) {
                disconnect = context.is_disconnect;
                error = make_dbapi_error(e, engine->driver->name(), sql, shown, disconnect);
            }
        }
    }
    if (disconnect && record) {
        // The driver connection is gone: discard it now, and have the pool replace every
        // connection made before this moment (the database probably restarted), as
        // SQLAlchemy's invalidate_pool_on_disconnect.
        invalidated = true;
        close_cursors();
        dbapi = nullptr;
        engine->pool->checkin(std::move(record), true, true, &e);
        engine->pool->invalidate_all();
    }
    std::rethrow_exception(error);
}

template <class Step>
void ConnectionState::transaction_step(std::string_view sql, Event<TransactionEvent>& fired, std::string_view savepoint,
                                       Step&& step) {
    if (engine->options.echo) engine->log(sql);
    TransactionEvent event{*owner, savepoint};
    fired(event);
    try {
        step(*engine->dialect, *dbapi);
    } catch (const DriverError& e) {
        raise_dbapi(e, sql, {});
    }
}

void ConnectionState::begin(bool implicit) {
    try {
        transaction_step(implicit ? "BEGIN (implicit)" : "BEGIN", engine->events->begin, {},
                         [](const Dialect& d, DriverConnection& c) { d.do_begin(c); });
    } catch (const DBAPIError& e) {
        // A StaticPool (sqlite:// in memory) gives every Connection the one database
        // connection; the pool and this Connection hold its record, so a third holder is
        // another live Connection, whose open transaction is why BEGIN failed. Say so, rather
        // than the database's "cannot start a transaction within a transaction".
        if (record && record.use_count() > 2 && dynamic_cast<StaticPool*>(engine->pool.get()))
            throw InvalidRequestError(
                "cannot begin a transaction: this engine's pool (StaticPool, which sqlite:// in-memory "
                "databases use) shares one database connection between all its Connections, and another "
                "Connection has a transaction open on it. Commit, roll back or close that Connection first "
                "(create_all(connection) runs on a Connection you already have), or use a file database "
                "(sqlite:///app.db) for transactions side by side. The database said: " +
                e.driver_message());
        throw;
    }
    in_transaction = true;
    root_serial = ++serial;
}

void ConnectionState::commit() {
    transaction_step("COMMIT", engine->events->commit, {},
                     [](const Dialect& d, DriverConnection& c) { d.do_commit(c); });
    in_transaction = false;
    savepoints.clear();
}

void ConnectionState::rollback() {
    // The transaction ends even when ROLLBACK fails: the failure invalidates or is reported.
    in_transaction = false;
    savepoints.clear();
    transaction_step("ROLLBACK", engine->events->rollback, {},
                     [](const Dialect& d, DriverConnection& c) { d.do_rollback(c); });
}

std::string ConnectionState::savepoint() {
    if (!engine->dialect->capabilities().supports_savepoints)
        throw NotSupportedError("the " + std::string(engine->dialect->name()) + " dialect does not support savepoints",
                                "SAVEPOINT", {}, {}, 0, {}, false);
    std::string name = "sa_savepoint_" + std::to_string(++savepoint_counter);
    transaction_step("SAVEPOINT " + name, engine->events->savepoint, name,
                     [&](const Dialect& d, DriverConnection& c) { d.do_savepoint(c, name); });
    savepoints.push_back(SavepointState{name, ++serial});
    return name;
}

void ConnectionState::rollback_to_savepoint(std::size_t index) {
    const std::string name = savepoints[index].name;
    // The savepoint and those inside it end here, whatever the database says.
    savepoints.resize(index);
    transaction_step("ROLLBACK TO SAVEPOINT " + name, engine->events->rollback_savepoint, name,
                     [&](const Dialect& d, DriverConnection& c) { d.do_rollback_to_savepoint(c, name); });
}

void ConnectionState::release_savepoint(std::size_t index) {
    const std::string name = savepoints[index].name;
    transaction_step("RELEASE SAVEPOINT " + name, engine->events->release_savepoint, name,
                     [&](const Dialect& d, DriverConnection& c) { d.do_release_savepoint(c, name); });
    savepoints.resize(index);
}

void ConnectionState::release() noexcept {
    if (closed) return;
    closed = true;
    close_cursors();
    bool discard = invalidated;
    if (record && !invalidated) {
        if (in_transaction) discard = !quietly(*engine, "rollback at close", [&] { rollback(); });
        if (!discard && reset_isolation_level) {
            // An empty level: the driver could not tell the default, so the connection cannot
            // be put back as it was and is discarded instead.
            discard = reset_isolation_level->empty() ||
                      !quietly(*engine, "isolation level reset", [&] { dbapi->set_isolation_level(*reset_isolation_level); });
        }
    }
    in_transaction = false;
    savepoints.clear();
    dbapi = nullptr;
    if (record) engine->pool->checkin(std::move(record), discard, true);
}

}  // namespace detail

// ---- Transaction --------------------------------------------------------------------------

Transaction::Transaction(Transaction&&) noexcept = default;

Transaction& Transaction::operator=(Transaction&& other) noexcept {
    if (this != &other) {
        rollback_noexcept();
        state_ = std::move(other.state_);
        depth_ = other.depth_;
        serial_ = other.serial_;
    }
    return *this;
}

Transaction::~Transaction() { rollback_noexcept(); }

bool Transaction::is_active() const noexcept {
    // After a disconnect the transaction is lost, whatever the flags say until rollback().
    if (!state_ || state_->closed || state_->invalidated) return false;
    if (depth_ == 0) return state_->in_transaction && state_->root_serial == serial_;
    return state_->savepoints.size() >= depth_ && state_->savepoints[depth_ - 1].serial == serial_;
}

std::string_view Transaction::savepoint_name() const noexcept {
    if (depth_ == 0 || !is_active()) return {};
    return state_->savepoints[depth_ - 1].name;
}

void Transaction::commit() {
    if (!is_active()) {
        if (state_ && state_->invalidated)
            throw PendingRollbackError("cannot commit: the connection was invalidated after a disconnect and its "
                                       "transaction is lost; roll back to go on");
        throw InvalidRequestError("this transaction is inactive: it was already committed or rolled back");
    }
    detail::ClaimGuard claim(state_->claim);
    if (depth_ == 0) state_->commit();
    else state_->release_savepoint(depth_ - 1);
}

void Transaction::rollback() {
    if (!state_ || state_->closed) return;
    if (depth_ == 0 && state_->invalidated && state_->root_serial == serial_) {
        state_->owner->rollback();  // acknowledges the disconnect and takes a new connection
        return;
    }
    if (!is_active()) return;
    if (depth_ == 0) state_->rollback();
    else state_->rollback_to_savepoint(depth_ - 1);
}

void Transaction::rollback_noexcept() noexcept {
    if (!state_) return;
    try {
        rollback();
    } catch (...) {
        // Could not roll back (the server went away, most likely): the connection must not be
        // reused as it is; the next rollback() or close() deals with it.
        if (!state_->closed) {
            state_->invalidated = true;
            state_->in_transaction = false;
            state_->savepoints.clear();
        }
    }
}

// ---- Connection ---------------------------------------------------------------------------

Connection::Connection(std::shared_ptr<detail::ConnectionState> state) noexcept : state_(std::move(state)) {
    if (state_) state_->owner = this;
}

Connection::Connection(Connection&& other) noexcept : state_(std::move(other.state_)) {
    if (state_) state_->owner = this;
}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        close();
        state_ = std::move(other.state_);
        if (state_) state_->owner = this;
    }
    return *this;
}

Connection::~Connection() { close(); }

detail::ConnectionState& Connection::open_state() const {
    if (!state_ || state_->closed) throw ResourceClosedError("this connection is closed");
    if (state_->invalidated)
        throw PendingRollbackError("this connection was invalidated after a disconnect, and its transaction is lost; "
                                   "call rollback() to go on with a new connection");
    return *state_;
}

Result Connection::drive(detail::ExecutionContext& context) {
    auto& st = open_state();
    detail::CursorCall call;
    while (context.next(call)) {
        if (!st.in_transaction) st.begin(true);
        context.before_call(call);
        const DriverStatement statement{call.sql, call.key};
        try {
            switch (call.kind) {
            case detail::CursorCall::Kind::execute:
                context.after(std::shared_ptr<Cursor>(st.dbapi->execute(statement, call.parameters, call.options)));
                break;
            case detail::CursorCall::Kind::many:
                context.after(st.dbapi->execute_many(statement, ParamBatch{call.parameters, call.width}));
                break;
            case detail::CursorCall::Kind::many_returning:
                context.after(st.dbapi->execute_many_returning(statement, ParamBatch{call.parameters, call.width}));
                break;
            }
        } catch (const DriverError& e) {
            st.raise_dbapi(e, call.sql, context.failed_parameters(call));
        }
    }
    return context.finish();
}

Result Connection::execute(const Executable& statement, const Params& params, const ExecutionOptions& options) {
    auto& st = open_state();
    detail::ClaimGuard claim(st.claim);
    detail::reject_isolation_level(options);
    const ExecutionOptions merged = detail::is_empty(options) ? ExecutionOptions{} : st.options.merged(options);
    const ExecutionOptions& opts = detail::is_empty(options) ? st.options : merged;
    auto& events = *st.engine->events;
    const bool listened = events.before_execute.has_listeners() || events.after_execute.has_listeners();
    if (!listened) {
        detail::ExecutionContext context(*this, state_, opts);
        context.prepare(statement.element(), params);
        return drive(context);
    }
    Params changed = params;
    ExecuteEvent event{*this, statement, &changed, nullptr, opts};
    events.before_execute(event);
    detail::ExecutionContext context(*this, state_, opts);
    context.prepare(statement.element(), changed);
    Result result = drive(context);
    event.result = &result;
    events.after_execute(event);
    return result;
}

Result Connection::execute(const Executable& statement, const std::vector<Params>& many,
                           const ExecutionOptions& options) {
    auto& st = open_state();
    detail::ClaimGuard claim(st.claim);
    detail::reject_isolation_level(options);
    const ExecutionOptions opts = st.options.merged(options);
    auto& events = *st.engine->events;
    if (!events.before_execute.has_listeners() && !events.after_execute.has_listeners()) {
        detail::ExecutionContext context(*this, state_, opts);
        context.prepare_many(statement.element(), many, false);
        return drive(context);
    }
    // Listeners may change the parameter sets: they get a copy of their own.
    return execute(statement, std::vector<Params>(many), options);
}

Result Connection::execute(const Executable& statement, std::vector<Params>&& many, const ExecutionOptions& options) {
    auto& st = open_state();
    detail::ClaimGuard claim(st.claim);
    detail::reject_isolation_level(options);
    const ExecutionOptions opts = st.options.merged(options);
    auto& events = *st.engine->events;
    const bool listened = events.before_execute.has_listeners() || events.after_execute.has_listeners();
    std::optional<ExecuteEvent> event;
    if (listened) {
        event.emplace(ExecuteEvent{*this, statement, nullptr, &many, opts});
        events.before_execute(*event);
    }
    detail::ExecutionContext context(*this, state_, opts);
    context.prepare_many(statement.element(), many, true);
    Result result = drive(context);
    if (event) {
        event->result = &result;
        events.after_execute(*event);
    }
    return result;
}

Result Connection::exec_driver_sql(std::string_view sql, std::span<const Value> params, const ExecutionOptions& options) {
    auto& st = open_state();
    detail::ClaimGuard claim(st.claim);
    const ExecutionOptions opts = detail::is_empty(options) ? st.options : st.options.merged(options);
    detail::ExecutionContext context(*this, state_, opts);
    context.prepare_driver_sql(sql, params);
    return drive(context);
}

Transaction Connection::begin() {
    auto& st = open_state();
    detail::ClaimGuard claim(st.claim);
    if (st.in_transaction)
        throw InvalidRequestError("a transaction is already begun on this Connection (by an earlier statement or "
                                  "begin()); commit() or rollback() it first, or use begin_nested() for a savepoint");
    st.begin(false);
    return Transaction(state_, 0, st.root_serial);
}

Transaction Connection::begin_nested() {
    auto& st = open_state();
    detail::ClaimGuard claim(st.claim);
    if (!st.in_transaction) st.begin(true);
    st.savepoint();
    return Transaction(state_, st.savepoints.size(), st.savepoints.back().serial);
}

void Connection::commit() {
    auto& st = open_state();
    detail::ClaimGuard claim(st.claim);
    if (st.in_transaction) st.commit();
}

void Connection::rollback() {
    if (!state_ || state_->closed) throw ResourceClosedError("this connection is closed");
    auto& st = *state_;
    detail::ClaimGuard claim(st.claim);
    if (st.invalidated) {
        // After a disconnect, rolling back is how the user acknowledges it: the next statement
        // runs on a new connection from the pool.
        if (st.engine->options.echo) st.engine->log("ROLLBACK (the connection was invalidated)");
        TransactionEvent event{*this};
        st.engine->events->rollback(event);
        st.close_cursors();
        st.dbapi = nullptr;
        if (st.record) st.engine->pool->checkin(std::move(st.record), true, true);
        st.in_transaction = false;
        st.savepoints.clear();
        st.reset_isolation_level.reset();
        // Stays invalidated when no connection can be had now (TimeoutError, server still
        // down): rollback() can be called again.
        st.record = st.engine->pool->checkout();
        st.dbapi = &st.record->driver_connection();
        st.invalidated = false;
        if (st.options.isolation_level) {
            ExecutionOptions level;
            level.isolation_level = st.options.isolation_level;
            execution_options(level);
        }
        return;
    }
    if (st.in_transaction) st.rollback();
}

void Connection::close() noexcept {
    if (state_) state_->release();
}

bool Connection::closed() const noexcept { return !state_ || state_->closed; }

bool Connection::in_transaction() const noexcept { return state_ && !state_->closed && state_->in_transaction; }

bool Connection::in_nested_transaction() const noexcept {
    return in_transaction() && !state_->savepoints.empty();
}

bool Connection::invalidated() const noexcept { return state_ && !state_->closed && state_->invalidated; }

Connection& Connection::execution_options(const ExecutionOptions& options) {
    auto& st = open_state();
    ExecutionOptions next = options;
    if (options.isolation_level) {
        detail::check_isolation_level(*st.engine->dialect, *options.isolation_level);
        const std::string level = detail::normalize_level(*options.isolation_level);
        if (st.in_transaction)
            throw InvalidRequestError("cannot set the isolation level to " + level +
                                      " while a transaction is in progress; commit() or rollback() first");
        if (!st.reset_isolation_level) st.reset_isolation_level = st.engine->default_isolation_level.value_or("");
        try {
            st.dbapi->set_isolation_level(level);
        } catch (const DriverError& e) {
            st.raise_dbapi(e, "SET TRANSACTION ISOLATION LEVEL " + level, {});
        }
        next.isolation_level = level;
    }
    st.options = st.options.merged(next);
    return *this;
}

const ExecutionOptions& Connection::get_execution_options() const { return open_state().options; }

std::string Connection::get_isolation_level() {
    auto& st = open_state();
    try {
        return st.dbapi->isolation_level();
    } catch (const DriverError& e) {
        st.raise_dbapi(e, "isolation level", {});
    }
}

std::optional<std::string> Connection::default_isolation_level() const { return open_state().engine->default_isolation_level; }

const Dialect& Connection::dialect() const noexcept { return *state_->engine->dialect; }

Engine Connection::engine() const {
    const auto& st = *state_;
    return Engine(st.engine, st.engine_options);
}

DriverConnection& Connection::driver_connection() { return *open_state().dbapi; }

ConnectionRecord& Connection::connection_record() { return *open_state().record; }

}  // namespace sqla
