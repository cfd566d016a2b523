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

namespace sqla {
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

void ThreadClaim::enter() {
    const auto me = std::this_thread::get_id();
    if (owner_.load(std::memory_order_relaxed) == me) {
        ++depth_;
        return;
    }
    auto expected = std::thread::id{};
    if (!owner_.compare_exchange_strong(expected, me, std::memory_order_acquire, std::memory_order_relaxed)) refuse();
    depth_ = 1;
}

void ThreadClaim::refuse() {
    throw InvalidRequestError(
        "this Connection is in use by another thread right now; a Connection and its Results are for one "
        "thread at a time: give each thread its own Connection from engine.connect() (the Engine and its pool "
        "are the thread-safe part)");
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

void Connection::bind_values(const Compiled& compiled, const CacheKey& key, const Params& params,
                             std::vector<Value>* out, std::optional<std::size_t> row, std::vector<std::size_t>* sizes,
                             std::vector<Value>* literals, std::vector<std::size_t>* positions, bool take) {
    auto missing = [&](const BindSlot& slot, std::string_view why) {
        throw StatementError("a value is required for bind parameter \"" + slot.name + "\"" +
                                 (row ? ", in parameter set " + std::to_string(*row) : std::string()) +
                                 std::string(why) + "\n[SQL: " + compiled.sql + "]",
                             compiled.sql, {});
    };
    for (const auto& slot : compiled.binds) {
        if (slot.expanding) {
            // The list comes from the statement (bindparam_expanding or in_()).
            if (!sizes) missing(slot, " (an expanding IN list cannot be used with executemany)");
            if (slot.extracted < 0) missing(slot, " (an expanding IN list)");
            if (!out) continue;
            if (positions) positions->push_back(out->size());
            const auto& node = *key.binds[static_cast<std::size_t>(slot.extracted)];
            out->insert(out->end(), node.list().begin(), node.list().end());
            sizes->push_back(slot.tuple_width ? node.list().size() / slot.tuple_width : node.list().size());
            if (literals) literals->emplace_back();
            continue;
        }
        // A literal-execute value goes into the SQL text (render_expanded), not the parameters.
        if (slot.literal_execute && !literals)
            missing(slot, " (a literal-execute parameter cannot be used with executemany)");
        const Value* given = params.find(slot.name);
        const Value* own = nullptr;
        if (!given && slot.extracted >= 0) {
            const auto& value = key.binds[static_cast<std::size_t>(slot.extracted)]->value();
            if (value) own = &*value;
        }
        if (!given && !own && !slot.value && !slot.default_value) missing(slot, "");
        if (!out) continue;  // checking only
        if (positions) positions->push_back(out->size());
        if (sizes) sizes->push_back(0);
        std::vector<Value>& target = slot.literal_execute ? *literals : *out;
        if (literals && !slot.literal_execute) literals->emplace_back();
        if (given) {
            // `take`: the caller passed the parameter sets as an rvalue, so they are not const.
            if (take)
                target.push_back(std::move(*const_cast<Value*>(given)));
            else
                target.push_back(*given);
        } else if (own) {
            target.push_back(*own);
        } else if (slot.value) {
            target.push_back(*slot.value);
        } else {
            target.push_back(slot.default_value->produce());
        }
    }
}

namespace {

// Runs the bind processors of `entry` over the values of one parameter set. `positions` holds
// the index of each slot's first value in `values` (empty: one value per slot, in order).
void process_binds(const detail::CompiledStatement& entry, std::span<Value> values,
                   std::span<const std::size_t> positions, std::optional<std::size_t> row) {
    const auto& binds = entry.compiled.binds;
    for (std::size_t i = 0; i < entry.bind_processors.size(); ++i) {
        const auto& process = entry.bind_processors[i];
        if (!process || binds[i].literal_execute) continue;
        std::size_t first = i, last = i + 1;
        if (!positions.empty()) {
            first = positions[i];
            last = i + 1 < positions.size() ? positions[i + 1] : values.size();
        }
        auto where = [&] {
            return "bind parameter \"" + binds[i].name + "\"" +
                   (row ? " (parameter set " + std::to_string(*row) + ")" : std::string()) + ": ";
        };
        try {
            for (std::size_t k = first; k < last; ++k) process(values[k]);
        } catch (const TypeError& e) {
            throw TypeError(where() + e.what());
        } catch (const ArgumentError& e) {
            throw ArgumentError(where() + e.what());
        }
    }
}

// What inserted_primary_key() reports for a single-row INSERT, before the cursor's lastrowid
// is known: the values bound for the primary-key columns (as given, before bind processing),
// and which of them the autoincrement column takes from lastrowid when it was not given.
struct InsertedKey {
    std::vector<Value> values;
    // The primary-key columns' keys, in key order.
    std::vector<std::string> keys;
    std::optional<std::size_t> autoincrement;
};

InsertedKey inserted_key(const InsertNode& insert, const Compiled& compiled, std::span<const Value> values,
                         std::span<const std::size_t> positions) {
    InsertedKey key;
    const auto& parts = insert.parts();
    if (parts.table->kind() != ElementKind::table) return key;
    const auto table = static_cast<const TableNode&>(*parts.table).schema_info();
    if (!table) return key;  // sqla::table(): no declared primary key
    const Column* autoincrement = table->autoincrement_column();
    for (const Column* column : table->primary_key_columns()) {
        Value value;
        // The column's crud parameter is named after its key (a statement value, an execution
        // parameter or a Column default, whichever bind_values() took).
        if (!parts.select) {
            for (std::size_t i = 0; i < compiled.binds.size(); ++i) {
                const auto& slot = compiled.binds[i];
                if (slot.name != column->key() || slot.expanding || slot.literal_execute) continue;
                value = values[positions.empty() ? i : positions[i]];
                break;
            }
        }
        // Where RETURNING is implicit (PostgreSQL), execute_one() fills the key from the
        // returned row instead; SQLite and MySQL report the autoincrement value as the
        // cursor's lastrowid.
        if (column == autoincrement && value.is_null()) key.autoincrement = key.values.size();
        key.values.push_back(std::move(value));
        key.keys.push_back(column->key());
    }
    return key;
}

}  // namespace

Result Connection::execute(const Executable& statement, const Params& params, const ExecutionOptions& options) {
    auto& st = open_state();
    detail::ClaimGuard claim(st.claim);
    detail::reject_isolation_level(options);
    const ExecutionOptions merged = detail::is_empty(options) ? ExecutionOptions{} : st.options.merged(options);
    const ExecutionOptions& opts = detail::is_empty(options) ? st.options : merged;
    auto& events = *st.engine->events;
    if (!events.before_execute.has_listeners() && !events.after_execute.has_listeners())
        return execute_one(statement, params, opts);
    Params changed = params;
    ExecuteEvent event{*this, statement, &changed, nullptr, opts};
    events.before_execute(event);
    Result result = execute_one(statement, changed, opts);
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
    if (!events.before_execute.has_listeners() && !events.after_execute.has_listeners())
        return execute_many(statement, many, opts, false);
    // Listeners may change the parameter sets: they get a copy of their own.
    return execute(statement, std::vector<Params>(many), options);
}

Result Connection::execute(const Executable& statement, std::vector<Params>&& many, const ExecutionOptions& options) {
    auto& st = open_state();
    detail::ClaimGuard claim(st.claim);
    detail::reject_isolation_level(options);
    const ExecutionOptions opts = st.options.merged(options);
    auto& events = *st.engine->events;
    if (!events.before_execute.has_listeners() && !events.after_execute.has_listeners())
        return execute_many(statement, many, opts, true);
    ExecuteEvent event{*this, statement, nullptr, &many, opts};
    events.before_execute(event);
    Result result = execute_many(statement, many, opts, true);
    event.result = &result;
    events.after_execute(event);
    return result;
}

Result Connection::execute_one(const Executable& statement, const Params& params, const ExecutionOptions& options) {
    auto& st = open_state();
    CacheKey key;
    key.key.reserve(512);  // one allocation for a typical statement's key
    const ClauseElement& element = statement.element();
    element.append_cache_key(key);
    detail::set_column_keys(key, element, &params);  // INSERT/UPDATE columns from params
    std::string how;
    auto entry = st.engine->compile(element, key, options.compiled_cache.value_or(true),
                                    st.engine->options.echo ? &how : nullptr);
    const Compiled& compiled = entry->compiled;
    const InsertNode* insert =
        element.kind() == ElementKind::insert ? static_cast<const InsertNode*>(&element) : nullptr;
    std::vector<Value> positional;
    positional.reserve(compiled.binds.size());
    if (!compiled.has_expanding() && !insert) {
        bind_values(compiled, key, params, &positional, std::nullopt, nullptr);
        if (!entry->bind_processors.empty()) process_binds(*entry, positional, {}, std::nullopt);
        return run(positional, compiled.sql, compiled.id, options, entry->result_processing, how);
    }
    std::vector<std::size_t> sizes;
    std::vector<Value> literals;
    std::vector<std::size_t> positions;
    const bool expanding = compiled.has_expanding();
    bind_values(compiled, key, params, &positional, std::nullopt, expanding ? &sizes : nullptr,
                expanding ? &literals : nullptr, expanding ? &positions : nullptr);
    std::optional<InsertedKey> inserted;
    if (insert && !insert->parts().multi && insert->parts().returning.empty())
        inserted = inserted_key(*insert, compiled, positional, positions);
    if (!entry->bind_processors.empty()) process_binds(*entry, positional, positions, std::nullopt);
    // Expanding IN lists and literal-execute values: the SQL depends on this execution's
    // values, so it is rendered now and not cached as a prepared statement.
    Result result = expanding
                        ? run(positional, render_expanded(compiled, sizes, literals), 0, options, entry->result_processing, how)
                        : run(positional, compiled.sql, compiled.id, options, entry->result_processing, how);
    if (insert) {
        const auto& parts = insert->parts();
        if (parts.multi) {
            result.insert_state_ = Result::InsertState::multivalues;
        } else if (!parts.returning.empty()) {
            result.insert_state_ = Result::InsertState::returning;
        } else {
            if (!compiled.implicit_returning.empty()) {
                // RETURNING added for the key: its row is read here, not handed to the caller
                // (SQLAlchemy's implicit returning).
                auto row = result.fetchone();
                const std::int64_t rowcount = result.rowcount();
                result.close();
                if (row)
                    for (std::size_t i = 0; i < compiled.implicit_returning.size() && i < row->size(); ++i) {
                        auto at = std::find(inserted->keys.begin(), inserted->keys.end(), compiled.implicit_returning[i]);
                        if (at != inserted->keys.end()) inserted->values[static_cast<std::size_t>(at - inserted->keys.begin())] = (*row)[i];
                    }
                result = Result::from_rowcount(rowcount);
            } else if (inserted->autoincrement) {
                if (auto id = result.lastrowid()) inserted->values[*inserted->autoincrement] = Value(*id);
            }
            result.inserted_primary_key_ = std::move(inserted->values);
            result.insert_state_ = Result::InsertState::single;
        }
    }
    return result;
}

Result Connection::execute_many(const Executable& statement, const std::vector<Params>& many,
                                const ExecutionOptions& options, bool take) {
    auto& st = open_state();
    CacheKey key;
    statement.element().append_cache_key(key);
    // INSERT/UPDATE columns from the first parameter set's keys, as SQLAlchemy's executemany.
    detail::set_column_keys(key, statement.element(), many.empty() ? nullptr : &many.front());
    // No implicit RETURNING with several parameter sets: a compiled form of its own.
    key.for_executemany = true;
    key.key += "|many";
    auto& eng = *st.engine;
    std::string how;
    auto entry = eng.compile(statement.element(), key, options.compiled_cache.value_or(true),
                             eng.options.echo ? &how : nullptr);
    const Compiled& compiled = entry->compiled;
    const std::size_t width = compiled.binds.size();
    auto many_result = [&](std::int64_t rowcount) {
        Result r = Result::from_rowcount(rowcount);
        if (statement.element().kind() == ElementKind::insert) r.insert_state_ = Result::InsertState::executemany;
        return r;
    };
    auto& events = *eng.events;
    const bool listened = events.before_cursor_execute.has_listeners() || events.after_cursor_execute.has_listeners();
    // Many plain parameter sets go to the driver a slice at a time, so their values are never
    // all copied at once. Every set is checked first: a missing value fails before anything
    // runs, as when the values are gathered at once (which bind processors, RETURNING,
    // insertmanyvalues, listeners and echo still need).
    constexpr std::size_t slice_rows = 1000;
    if (many.size() > slice_rows && width > 0 && entry->bind_processors.empty() && compiled.result_columns.empty() &&
        !compiled.insertmanyvalues && !listened && !eng.options.echo) {
        for (std::size_t row = 0; row < many.size(); ++row) bind_values(compiled, key, many[row], nullptr, row, nullptr);
        if (!st.in_transaction) st.begin(true);
        std::vector<Value> values;
        values.reserve(width * slice_rows);
        std::int64_t total = 0;
        for (std::size_t first = 0; first < many.size(); first += slice_rows) {
            values.clear();
            const std::size_t last = std::min(many.size(), first + slice_rows);
            for (std::size_t row = first; row < last; ++row)
                bind_values(compiled, key, many[row], &values, row, nullptr, nullptr, nullptr, take);
            std::int64_t n = 0;
            try {
                n = st.dbapi->execute_many(DriverStatement{compiled.sql, compiled.id}, ParamBatch{values, width});
            } catch (const DriverError& e) {
                st.raise_dbapi(e, compiled.sql, std::span<const Value>(values).first(width));
            }
            total = n < 0 || total < 0 ? -1 : total + n;
        }
        return many_result(total);
    }
    std::vector<Value> values;
    values.reserve(width * many.size());
    for (std::size_t row = 0; row < many.size(); ++row) {
        bind_values(compiled, key, many[row], &values, row, nullptr, nullptr, nullptr, take);
        if (!entry->bind_processors.empty())
            process_binds(*entry, std::span<Value>(values).subspan(row * width, width), {}, row);
    }
    if (width == 0) {
        // Without parameters there is nothing to batch: run the statement once per set.
        std::int64_t total = 0;
        for (std::size_t i = 0; i < many.size(); ++i) total += run({}, compiled.sql, compiled.id, options, nullptr, how).rowcount();
        return many_result(total);
    }
    if (compiled.insertmanyvalues && many.size() > 1) {
        Result result = execute_insertmanyvalues(compiled, values, entry->result_processing, how);
        result.insert_state_ = Result::InsertState::executemany;
        return result;
    }
    if (!st.in_transaction) st.begin(true);
    std::optional<CursorExecuteEvent> event;
    std::string_view sql = compiled.sql;
    std::uint64_t cache_key = compiled.id;
    if (listened) {
        event.emplace(CursorExecuteEvent{*this, compiled.sql, std::move(values), true});
        events.before_cursor_execute(*event);
        if (event->statement != compiled.sql) cache_key = 0;
        sql = event->statement;
        if (event->parameters.size() % width != 0)
            throw ArgumentError("before_cursor_execute left " + std::to_string(event->parameters.size()) +
                                " parameters for an executemany of " + std::to_string(width) + " per set");
    }
    std::span<const Value> batch = listened ? std::span<const Value>(event->parameters) : std::span<const Value>(values);
    if (eng.options.echo) {
        eng.log(sql);
        eng.log("[" + how + "] " + detail::render_param_sets(batch, width, eng.options.hide_parameters));
    }
    if (!compiled.result_columns.empty()) {
        // executemany with RETURNING: every returned row, in parameter-set order.
        std::shared_ptr<Cursor> cursor;
        try {
            cursor = st.dbapi->execute_many_returning(DriverStatement{sql, cache_key}, ParamBatch{batch, width});
        } catch (const DriverError& e) {
            st.raise_dbapi(e, sql, batch.first(std::min(batch.size(), width)));
        }
        if (listened) {
            event->rowcount = cursor->rowcount();
            events.after_cursor_execute(*event);
        }
        if (!cursor->columns().empty()) {
            std::erase_if(st.cursors, [](const std::weak_ptr<Cursor>& w) { return w.expired(); });
            st.cursors.push_back(cursor);
        }
        Result result(state_, std::move(cursor), entry->result_processing);
        if (statement.element().kind() == ElementKind::insert) result.insert_state_ = Result::InsertState::executemany;
        return result;
    }
    std::int64_t n = 0;
    try {
        n = st.dbapi->execute_many(DriverStatement{sql, cache_key}, ParamBatch{batch, width});
    } catch (const DriverError& e) {
        st.raise_dbapi(e, sql, batch.first(std::min(batch.size(), width)));
    }
    if (listened) {
        event->rowcount = n;
        events.after_cursor_execute(*event);
    }
    return many_result(n);
}

Result Connection::execute_insertmanyvalues(const Compiled& compiled, std::span<const Value> values,
                                            std::shared_ptr<const detail::ResultProcessing> processing,
                                            std::string_view how) {
    auto& st = open_state();
    auto& eng = *st.engine;
    auto& events = *eng.events;
    const auto& imv = *compiled.insertmanyvalues;
    const std::size_t width = compiled.binds.size();
    const std::size_t rows = values.size() / width;
    // Batches of rows_per_batch rows, fewer where the values would pass the driver's limit on
    // bytes per execution (with a margin for the packet's own framing).
    std::vector<std::size_t> starts;
    const std::size_t byte_limit = st.dbapi->max_parameter_bytes() / 10 * 9;
    for (std::size_t row = 0, bytes = 0, in_batch = 0; row < rows; ++row) {
        std::size_t row_bytes = 0;
        if (byte_limit)
            for (const Value& v : values.subspan(row * width, width)) row_bytes += detail::approximate_size(v);
        if (in_batch == 0 || in_batch == imv.rows_per_batch || (byte_limit && bytes + row_bytes > byte_limit)) {
            starts.push_back(row);
            in_batch = 0;
            bytes = 0;
        }
        ++in_batch;
        bytes += row_bytes;
    }
    starts.push_back(rows);
    const std::size_t batches = starts.size() - 1;
    if (!st.in_transaction) st.begin(true);
    // Full batches share one SQL text (rendered once) and one prepared statement; the key of a
    // batch's statement is the compiled id with the row count, in a range compiled ids never reach.
    std::string full_sql;
    auto batch_key = [&](std::size_t n) {
        return (std::uint64_t{1} << 63) | (compiled.id << 20) | static_cast<std::uint64_t>(n);
    };
    std::vector<ColumnInfo> columns;
    std::vector<std::vector<Value>> returned;
    std::int64_t total = 0;
    bool known = true;
    for (std::size_t b = 0; b < batches; ++b) {
        const std::size_t first = starts[b];
        const std::size_t n = starts[b + 1] - first;
        std::string partial_sql;  // the last batch's, when it is not full
        if (n == imv.rows_per_batch) {
            if (full_sql.empty()) full_sql = render_insertmanyvalues(compiled, n);
        } else {
            partial_sql = render_insertmanyvalues(compiled, n);
        }
        std::string_view sql = n == imv.rows_per_batch ? std::string_view(full_sql) : std::string_view(partial_sql);
        std::uint64_t key = batch_key(n);
        std::span<const Value> params = values.subspan(first * width, n * width);
        std::optional<CursorExecuteEvent> event;
        if (events.before_cursor_execute.has_listeners() || events.after_cursor_execute.has_listeners()) {
            event.emplace(CursorExecuteEvent{*this, std::string(sql), std::vector<Value>(params.begin(), params.end()), true});
            events.before_cursor_execute(*event);
            if (event->statement != sql) key = 0;
            sql = event->statement;
            params = event->parameters;
        }
        if (eng.options.echo) {
            eng.log(sql);
            eng.log("[" + std::string(how) + " (insertmanyvalues) " + std::to_string(b + 1) + "/" +
                    std::to_string(batches) + " (unordered)] " + detail::render_params(params, eng.options.hide_parameters));
        }
        std::unique_ptr<Cursor> cursor;
        try {
            cursor = st.dbapi->execute(DriverStatement{sql, key}, params, CursorOptions{});
        } catch (const DriverError& e) {
            st.raise_dbapi(e, sql, params);
        }
        if (imv.returning) {
            if (columns.empty()) columns.assign(cursor->columns().begin(), cursor->columns().end());
            while (cursor->fetch()) {
                std::vector<Value> row(columns.size());
                cursor->read_row(row);
                returned.push_back(std::move(row));
            }
        }
        const std::int64_t count = cursor->rowcount();
        if (count < 0) known = false;
        total += count;
        cursor->close();
        if (event) {
            event->rowcount = count;
            events.after_cursor_execute(*event);
        }
    }
    if (!imv.returning) return Result::from_rowcount(known ? total : -1);
    return Result(state_, std::make_shared<BufferedRowsCursor>(std::move(columns), std::move(returned), total),
                  std::move(processing));
}

Result Connection::run(std::span<const Value> positional, std::string_view sql, std::uint64_t key,
                       const ExecutionOptions& options, std::shared_ptr<const detail::ResultProcessing> processing,
                       std::string_view how) {
    auto& st = open_state();
    auto& eng = *st.engine;
    if (!st.in_transaction) st.begin(true);
    CursorOptions cursor_options;
    cursor_options.yield_per = options.yield_per.value_or(0);
    cursor_options.stream_results = options.stream_results.value_or(false) || cursor_options.yield_per > 0;
    cursor_options.max_row_buffer = options.max_row_buffer.value_or(0);
    auto& events = *eng.events;
    // Listeners get their own copies to change; without listeners nothing is copied.
    std::optional<CursorExecuteEvent> event;
    if (events.before_cursor_execute.has_listeners() || events.after_cursor_execute.has_listeners()) {
        event.emplace(CursorExecuteEvent{*this, std::string(sql), std::vector<Value>(positional.begin(), positional.end()), false});
        events.before_cursor_execute(*event);
        if (event->statement != sql) key = 0;  // not the statement the driver prepared under this key
        sql = event->statement;
        positional = event->parameters;
    }
    if (eng.options.echo) {
        eng.log(sql);
        eng.log("[" + (how.empty() ? std::string("raw sql") : std::string(how)) + "] " +
                detail::render_params(positional, eng.options.hide_parameters));
    }
    std::shared_ptr<Cursor> cursor;
    try {
        cursor = st.dbapi->execute(DriverStatement{sql, key}, positional, cursor_options);
    } catch (const DriverError& e) {
        st.raise_dbapi(e, sql, positional);
    }
    if (event) {
        event->rowcount = cursor->rowcount();
        events.after_cursor_execute(*event);
    }
    if (!cursor->columns().empty()) {
        std::erase_if(st.cursors, [](const std::weak_ptr<Cursor>& w) { return w.expired(); });
        st.cursors.push_back(cursor);
    }
    Result result(state_, std::move(cursor), std::move(processing));
    if (options.yield_per) result.yield_per_ = *options.yield_per;
    return result;
}

Result Connection::exec_driver_sql(std::string_view sql, std::span<const Value> params, const ExecutionOptions& options) {
    auto& st = open_state();
    detail::ClaimGuard claim(st.claim);
    return run(params, sql, 0, detail::is_empty(options) ? st.options : st.options.merged(options));
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
