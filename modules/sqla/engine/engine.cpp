// sqla: engine/engine.cpp. Engine, Connection, statement execution and error wrapping.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

module sqla;

namespace sqla {
namespace detail {

std::shared_ptr<const CompiledStatement> CompiledCache::get(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = slots_.find(key);
    if (it == slots_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second.position);
    return it->second.compiled;
}

void CompiledCache::put(const std::string& key, std::shared_ptr<const CompiledStatement> compiled) {
    if (capacity_ == 0) return;
    std::lock_guard lock(mutex_);
    if (slots_.contains(key)) return;
    order_.push_front(key);
    slots_.emplace(key, Slot{std::move(compiled), order_.begin()});
    if (slots_.size() > capacity_) {
        slots_.erase(order_.back());
        order_.pop_back();
    }
}

std::size_t CompiledCache::size() const {
    std::lock_guard lock(mutex_);
    return slots_.size();
}

EngineState::EngineState(URL u, EngineOptions o, std::shared_ptr<Dialect> d, std::shared_ptr<Driver> dr)
    : url(std::move(u)), options(std::move(o)), dialect(std::move(d)), driver(std::move(dr)),
      cache(options.query_cache_size) {}

namespace {

// The processor for values bound to `type`: a TypeDecorator's process_bind_param(), then the
// dialect's processor for the type it stores.
ValueProcessor make_bind_processor(const Dialect& dialect, const TypeEngine& type) {
    ValueProcessor impl = dialect.bind_processor(type);
    if (!type.decorator()) return impl;
    std::shared_ptr<const TypeDecorator> decorator = type.details().decorator;
    return [decorator, impl = std::move(impl)](Value& v) {
        v = decorator->process_bind_param(std::move(v));
        if (impl) impl(v);
    };
}

// The processor for values fetched for `type`: the dialect's for the stored type, then a
// TypeDecorator's process_result_value().
ValueProcessor make_result_processor(const Dialect& dialect, const TypeEngine& type) {
    ValueProcessor impl = dialect.result_processor(type);
    if (!type.decorator()) return impl;
    std::shared_ptr<const TypeDecorator> decorator = type.details().decorator;
    return [decorator, impl = std::move(impl)](Value& v) {
        if (impl) impl(v);
        v = decorator->process_result_value(std::move(v));
    };
}

void add_processors(const Dialect& dialect, CompiledStatement& entry) {
    const auto& binds = entry.compiled.binds;
    for (std::size_t i = 0; i < binds.size(); ++i) {
        if (binds[i].type.is_null_type()) continue;
        auto p = make_bind_processor(dialect, binds[i].type);
        if (!p) continue;
        entry.bind_processors.resize(binds.size());
        entry.bind_processors[i] = std::move(p);
    }
    const auto& columns = entry.compiled.result_columns;
    std::shared_ptr<ResultProcessing> processing;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].type.is_null_type()) continue;
        auto p = make_result_processor(dialect, columns[i].type);
        if (!p) continue;
        if (!processing) {
            processing = std::make_shared<ResultProcessing>();
            processing->columns = columns.size();
        }
        processing->processors.emplace_back(i, std::move(p));
    }
    entry.result_processing = std::move(processing);
}

}  // namespace

std::shared_ptr<const CompiledStatement> EngineState::compile(const ClauseElement& element, const CacheKey& key) {
    // DDL is not cached: it runs rarely, and renders the declaration as it is at the time.
    const bool cacheable = element.kind() != ElementKind::ddl;
    if (cacheable)
        if (auto hit = cache.get(key.key)) return hit;
    auto compiler = dialect->statement_compiler(driver->paramstyle());
    auto entry = std::make_shared<CompiledStatement>();
    entry->compiled = compiler->compile(element, key);
    // The processors are worked out once here, so executions of a cached statement pay only
    // for the columns and parameters that have one.
    add_processors(*dialect, *entry);
    std::shared_ptr<const CompiledStatement> compiled = std::move(entry);
    if (cacheable && dialect->capabilities().supports_statement_cache) cache.put(key.key, compiled);
    return compiled;
}

void EngineState::log(std::string_view message) const {
    if (options.log)
        options.log(message);
    else
        std::clog << "sqla.engine: " << message << '\n';
}

void ConnectionState::close_cursors() noexcept {
    for (auto& weak : cursors)
        if (auto c = weak.lock()) c->close();
    cursors.clear();
}

void ConnectionState::release() noexcept {
    if (closed) return;
    closed = true;
    close_cursors();
    if (dbapi && in_transaction && !invalidated) {
        try {
            engine->dialect->do_rollback(*dbapi);
        } catch (const DriverError& e) {
            (void)e;
            invalidated = true;  // a connection that cannot roll back must not be reused
        }
    }
    in_transaction = false;
    if (dbapi) engine->pool->checkin(std::move(dbapi), invalidated);
}

}  // namespace detail

namespace {

std::string render_params(std::span<const Value> params, bool hide) {
    if (hide) return "[SQL parameters hidden due to hide_parameters=True]";
    std::string s = "(";
    const std::size_t shown = std::min<std::size_t>(params.size(), 10);
    for (std::size_t i = 0; i < shown; ++i) {
        if (i) s += ", ";
        s += params[i].repr();
    }
    if (params.size() > shown) s += ", ... " + std::to_string(params.size() - shown) + " more";
    return s + ")";
}

[[noreturn]] void throw_dbapi(const DriverError& e, std::string_view driver, std::string_view sql, std::string params,
                              bool invalidated) {
    static constexpr std::string_view names[] = {"InterfaceError",   "DatabaseError", "DataError",
                                                 "OperationalError", "IntegrityError", "InternalError",
                                                 "ProgrammingError", "NotSupportedError"};
    std::string message = "(" + std::string(driver) + "." + std::string(names[static_cast<int>(e.kind())]) + ") " + e.what();
    if (!sql.empty()) message += "\n[SQL: " + std::string(sql) + "]";
    if (!params.empty() && params != "()") message += "\n[parameters: " + params + "]";
    auto args = [&]<class E>() {
        return E(message, std::string(sql), params, e.sqlstate(), e.native_code(), e.what(), invalidated);
    };
    switch (e.kind()) {
        case DBAPIErrorKind::interface_error: throw args.template operator()<InterfaceError>();
        case DBAPIErrorKind::database_error: throw args.template operator()<DatabaseError>();
        case DBAPIErrorKind::data_error: throw args.template operator()<DataError>();
        case DBAPIErrorKind::operational_error: throw args.template operator()<OperationalError>();
        case DBAPIErrorKind::integrity_error: throw args.template operator()<IntegrityError>();
        case DBAPIErrorKind::internal_error: throw args.template operator()<InternalError>();
        case DBAPIErrorKind::programming_error: throw args.template operator()<ProgrammingError>();
        case DBAPIErrorKind::not_supported_error: throw args.template operator()<NotSupportedError>();
    }
    throw args.template operator()<DatabaseError>();
}

}  // namespace

// ---- Connection ---------------------------------------------------------------------------

Connection::Connection(Connection&&) noexcept = default;

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        close();
        state_ = std::move(other.state_);
    }
    return *this;
}

Connection::~Connection() { close(); }

detail::ConnectionState& Connection::open_state() const {
    if (!state_ || state_->closed) throw ResourceClosedError("this connection is closed");
    if (state_->invalidated)
        throw ResourceClosedError("this connection was invalidated after a disconnect; roll back or close it");
    return *state_;
}

void Connection::raise_dbapi(const DriverError& e, std::string_view sql, std::span<const Value> params) {
    auto& st = *state_;
    const bool disconnect = st.engine->dialect->is_disconnect(e);
    if (disconnect) {
        st.invalidated = true;
        st.close_cursors();
    }
    throw_dbapi(e, st.engine->driver->name(), sql, render_params(params, st.engine->options.hide_parameters),
                disconnect);
}

Result Connection::run(std::span<const Value> positional, std::string_view sql, std::uint64_t key,
                       std::shared_ptr<const detail::ResultProcessing> processing) {
    auto& st = open_state();
    auto& eng = *st.engine;
    if (eng.options.echo) {
        eng.log(sql);
        eng.log(render_params(positional, eng.options.hide_parameters));
    }
    std::shared_ptr<Cursor> cursor;
    try {
        if (!st.in_transaction) {
            eng.dialect->do_begin(*st.dbapi);
            st.in_transaction = true;
        }
        cursor = st.dbapi->execute(DriverStatement{sql, key}, positional, CursorOptions{});
    } catch (const DriverError& e) {
        raise_dbapi(e, sql, positional);
    }
    if (!cursor->columns().empty()) {
        std::erase_if(st.cursors, [](const std::weak_ptr<Cursor>& w) { return w.expired(); });
        st.cursors.push_back(cursor);
    }
    return Result(state_, std::move(cursor), std::move(processing));
}

void Connection::bind_values(const Compiled& compiled, const CacheKey& key, const Params& params,
                             std::vector<Value>& out, std::optional<std::size_t> row, std::vector<std::size_t>* sizes,
                             std::vector<Value>* literals, std::vector<std::size_t>* positions) {
    auto missing = [&](const BindSlot& slot, std::string_view why) {
        throw StatementError("a value is required for bind parameter \"" + slot.name + "\"" +
                                 (row ? ", in parameter set " + std::to_string(*row) : std::string()) +
                                 std::string(why) + "\n[SQL: " + compiled.sql + "]",
                             compiled.sql, {});
    };
    for (const auto& slot : compiled.binds) {
        if (positions) positions->push_back(out.size());
        if (slot.expanding) {
            // The list comes from the statement (bindparam_expanding or in_()).
            if (!sizes) missing(slot, " (an expanding IN list cannot be used with executemany)");
            if (slot.extracted < 0) missing(slot, " (an expanding IN list)");
            const auto& node = *key.binds[static_cast<std::size_t>(slot.extracted)];
            out.insert(out.end(), node.list().begin(), node.list().end());
            sizes->push_back(slot.tuple_width ? node.list().size() / slot.tuple_width : node.list().size());
            if (literals) literals->emplace_back();
            continue;
        }
        if (sizes) sizes->push_back(0);
        // A literal-execute value goes into the SQL text (render_expanded), not the parameters.
        if (slot.literal_execute && !literals)
            missing(slot, " (a literal-execute parameter cannot be used with executemany)");
        std::vector<Value>& target = slot.literal_execute ? *literals : out;
        if (literals && !slot.literal_execute) literals->emplace_back();
        if (const Value* v = params.find(slot.name)) {
            target.push_back(*v);
            continue;
        }
        if (slot.extracted >= 0) {
            const auto& value = key.binds[static_cast<std::size_t>(slot.extracted)]->value();
            if (value) {
                target.push_back(*value);
                continue;
            }
        }
        if (slot.value) {
            target.push_back(*slot.value);
            continue;
        }
        if (slot.default_value) {
            target.push_back(slot.default_value->produce());
            continue;
        }
        missing(slot, "");
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
        // Where RETURNING is implicit (PostgreSQL, once its driver lands), the key will come
        // from the returned row instead; SQLite and MySQL report the autoincrement value as
        // the cursor's lastrowid, which is what this uses.
        if (column == autoincrement && value.is_null()) key.autoincrement = key.values.size();
        key.values.push_back(std::move(value));
    }
    return key;
}

}  // namespace

Result Connection::execute(const Executable& statement, const Params& params) {
    auto& st = open_state();
    CacheKey key;
    const ClauseElement& element = statement.element();
    element.append_cache_key(key);
    detail::set_column_keys(key, element, &params);  // INSERT/UPDATE columns from params
    auto entry = st.engine->compile(element, key);
    const Compiled& compiled = entry->compiled;
    const InsertNode* insert =
        element.kind() == ElementKind::insert ? static_cast<const InsertNode*>(&element) : nullptr;
    std::vector<Value> positional;
    positional.reserve(compiled.binds.size());
    if (!compiled.has_expanding() && !insert) {
        bind_values(compiled, key, params, positional, std::nullopt, nullptr);
        if (!entry->bind_processors.empty()) process_binds(*entry, positional, {}, std::nullopt);
        return run(positional, compiled.sql, compiled.id, entry->result_processing);
    }
    std::vector<std::size_t> sizes;
    std::vector<Value> literals;
    std::vector<std::size_t> positions;
    const bool expanding = compiled.has_expanding();
    bind_values(compiled, key, params, positional, std::nullopt, expanding ? &sizes : nullptr,
                expanding ? &literals : nullptr, expanding ? &positions : nullptr);
    std::optional<InsertedKey> inserted;
    if (insert && !insert->parts().multi && insert->parts().returning.empty())
        inserted = inserted_key(*insert, compiled, positional, positions);
    if (!entry->bind_processors.empty()) process_binds(*entry, positional, positions, std::nullopt);
    // Expanding IN lists and literal-execute values: the SQL depends on this execution's
    // values, so it is rendered now and not cached as a prepared statement.
    Result result = expanding ? run(positional, render_expanded(compiled, sizes, literals), 0, entry->result_processing)
                              : run(positional, compiled.sql, compiled.id, entry->result_processing);
    if (insert) {
        const auto& parts = insert->parts();
        if (parts.multi) {
            result.insert_state_ = Result::InsertState::multivalues;
        } else if (!parts.returning.empty()) {
            result.insert_state_ = Result::InsertState::returning;
        } else {
            if (inserted->autoincrement)
                if (auto id = result.lastrowid()) inserted->values[*inserted->autoincrement] = Value(*id);
            result.inserted_primary_key_ = std::move(inserted->values);
            result.insert_state_ = Result::InsertState::single;
        }
    }
    return result;
}

Result Connection::execute(const Executable& statement, const std::vector<Params>& many) {
    auto& st = open_state();
    CacheKey key;
    statement.element().append_cache_key(key);
    // INSERT/UPDATE columns from the first parameter set's keys, as SQLAlchemy's executemany.
    detail::set_column_keys(key, statement.element(), many.empty() ? nullptr : &many.front());
    // No implicit RETURNING with several parameter sets: a compiled form of its own.
    key.for_executemany = true;
    key.key += "|many";
    auto entry = st.engine->compile(statement.element(), key);
    const Compiled& compiled = entry->compiled;
    const std::size_t width = compiled.binds.size();
    std::vector<Value> values;
    values.reserve(width * many.size());
    for (std::size_t row = 0; row < many.size(); ++row) {
        bind_values(compiled, key, many[row], values, row, nullptr);
        if (!entry->bind_processors.empty())
            process_binds(*entry, std::span<Value>(values).subspan(row * width, width), {}, row);
    }
    auto many_result = [&](std::int64_t rowcount) {
        Result r = Result::from_rowcount(rowcount);
        if (statement.element().kind() == ElementKind::insert) r.insert_state_ = Result::InsertState::executemany;
        return r;
    };
    if (width == 0) {
        // Without parameters there is nothing to batch: run the statement once per set.
        std::int64_t total = 0;
        for (std::size_t i = 0; i < many.size(); ++i) total += run({}, compiled.sql, compiled.id).rowcount();
        return many_result(total);
    }
    auto& eng = *st.engine;
    if (eng.options.echo) {
        eng.log(compiled.sql);
        eng.log("[" + std::to_string(many.size()) + " parameter sets]");
    }
    try {
        if (!st.in_transaction) {
            eng.dialect->do_begin(*st.dbapi);
            st.in_transaction = true;
        }
        auto n = st.dbapi->execute_many(DriverStatement{compiled.sql, compiled.id}, ParamBatch{values, width});
        return many_result(n);
    } catch (const DriverError& e) {
        raise_dbapi(e, compiled.sql, std::span<const Value>(values).first(std::min(values.size(), width)));
    }
}

Result Connection::exec_driver_sql(std::string_view sql, std::span<const Value> params) {
    return run(params, sql, 0);
}

void Connection::commit() {
    auto& st = open_state();
    if (!st.in_transaction) return;
    try {
        st.engine->dialect->do_commit(*st.dbapi);
        st.in_transaction = false;
    } catch (const DriverError& e) {
        raise_dbapi(e, "COMMIT", {});
    }
}

void Connection::rollback() {
    if (!state_ || state_->closed) throw ResourceClosedError("this connection is closed");
    auto& st = *state_;
    if (st.invalidated) {
        // After a disconnect, rolling back is how the user acknowledges it: take a new
        // connection from the pool for the next statement.
        st.close_cursors();
        st.engine->pool->checkin(std::move(st.dbapi), true);
        st.in_transaction = false;
        st.invalidated = false;
        st.dbapi = st.engine->pool->checkout();
        return;
    }
    if (!st.in_transaction) return;
    st.in_transaction = false;
    try {
        st.engine->dialect->do_rollback(*st.dbapi);
    } catch (const DriverError& e) {
        raise_dbapi(e, "ROLLBACK", {});
    }
}

void Connection::close() noexcept {
    if (state_) state_->release();
}

bool Connection::closed() const noexcept { return !state_ || state_->closed; }

bool Connection::in_transaction() const noexcept { return state_ && !state_->closed && state_->in_transaction; }

const Dialect& Connection::dialect() const noexcept { return *state_->engine->dialect; }

DriverConnection& Connection::driver_connection() { return *open_state().dbapi; }

// ---- Engine -------------------------------------------------------------------------------

Connection Engine::connect() {
    auto& eng = *state_;
    auto st = std::make_shared<detail::ConnectionState>();
    st->engine = state_;
    try {
        st->dbapi = eng.pool->checkout();
        std::lock_guard lock(eng.init_mutex);
        if (!eng.initialized) {
            eng.dialect->initialize(*st->dbapi);
            eng.initialized = true;
        }
    } catch (const DriverError& e) {
        if (st->dbapi) eng.pool->checkin(std::move(st->dbapi), true);
        throw_dbapi(e, eng.driver->name(), {}, {}, e.is_disconnect());
    }
    return Connection(std::move(st));
}

const URL& Engine::url() const noexcept { return state_->url; }
const Dialect& Engine::dialect() const noexcept { return *state_->dialect; }
const Driver& Engine::driver() const noexcept { return *state_->driver; }
Pool& Engine::pool() const noexcept { return *state_->pool; }
void Engine::dispose() noexcept { state_->pool->dispose(); }
std::size_t Engine::compiled_cache_size() const { return state_->cache.size(); }

Engine create_engine(const URL& url, EngineOptions options) {
    auto plugins = registry().resolve(url);
    auto state = std::make_shared<detail::EngineState>(url, std::move(options), std::move(plugins.dialect),
                                                       std::move(plugins.driver));
    state->connect_params = state->driver->create_connect_args(url, state->options.connect_args);
    const PoolClass pool_class = state->options.poolclass.value_or(state->dialect->default_pool_class(url));
    // The creator holds the driver and arguments by a weak reference: the pool lives inside
    // the engine state, which must not own itself.
    std::weak_ptr<detail::EngineState> weak = state;
    auto creator = [weak]() -> std::unique_ptr<DriverConnection> {
        auto s = weak.lock();
        if (!s) throw ResourceClosedError("the engine of this pool was destroyed");
        return s->driver->connect(s->connect_params);
    };
    switch (pool_class) {
        case PoolClass::null_pool: state->pool = std::make_unique<NullPool>(creator); break;
        case PoolClass::static_pool: state->pool = std::make_unique<StaticPool>(creator); break;
    }
    return Engine(std::move(state));
}

Engine create_engine(std::string_view url, EngineOptions options) { return create_engine(make_url(url), std::move(options)); }

}  // namespace sqla
