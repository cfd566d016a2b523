// sqla: engine/engine.cpp. create_engine, Engine, the compiled cache, and echo/error rendering.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

module sqla;

namespace sqla {

ExecutionOptions ExecutionOptions::merged(const ExecutionOptions& other) const {
    ExecutionOptions out = *this;
    if (other.isolation_level) out.isolation_level = other.isolation_level;
    if (other.stream_results) out.stream_results = other.stream_results;
    if (other.yield_per) out.yield_per = other.yield_per;
    if (other.max_row_buffer) out.max_row_buffer = other.max_row_buffer;
    if (other.compiled_cache) out.compiled_cache = other.compiled_cache;
    return out;
}

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
      events(std::make_shared<EngineEvents>()), cache(options.query_cache_size) {}

namespace {

std::string seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.5gs", s);
    return buf;
}

double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

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
    // Without processors too: the results share their column names through it.
    if (!processing && !columns.empty()) {
        processing = std::make_shared<ResultProcessing>();
        processing->columns = columns.size();
    }
    if (processing) {
        auto targets = std::make_shared<ResultTargets>();
        for (std::size_t i = 0; i < columns.size(); ++i)
            for (const auto& target : columns[i].targets) {
                auto [at, added] = targets->index.try_emplace(target, i);
                if (!added && at->second != i) at->second = ResultTargets::ambiguous;
            }
        processing->targets = std::move(targets);
    }
    entry.result_processing = std::move(processing);
}

}  // namespace

std::shared_ptr<const CompiledStatement> EngineState::compile(const ClauseElement& element, const CacheKey& key,
                                                              bool use_cache, std::string* how) {
    // DDL is not cached: it runs rarely, and renders the declaration as it is at the time.
    const bool ddl = element.kind() == ElementKind::ddl;
    const bool cacheable = use_cache && !ddl && dialect->capabilities().supports_statement_cache;
    if (cacheable)
        if (auto hit = cache.get(key.key)) {
            if (how) *how = "cached since " + seconds(since(hit->compiled_at)) + " ago";
            return hit;
        }
    const auto started = std::chrono::steady_clock::now();
    auto compiler = dialect->statement_compiler(driver->paramstyle());
    auto entry = std::make_shared<CompiledStatement>();
    entry->compiled = compiler->compile(element, key);
    // The processors are worked out once here, so executions of a cached statement pay only
    // for the columns and parameters that have one.
    add_processors(*dialect, *entry);
    entry->compiled_at = std::chrono::steady_clock::now();
    if (how) {
        const std::string took = seconds(since(started));
        *how = ddl                                                   ? "no key " + took
               : !use_cache                                          ? "caching disabled " + took
               : !dialect->capabilities().supports_statement_cache   ? "dialect does not support caching " + took
               : options.query_cache_size == 0                       ? "caching disabled " + took
                                                                     : "generated in " + took;
    }
    std::shared_ptr<const CompiledStatement> compiled = std::move(entry);
    if (cacheable) cache.put(key.key, compiled);
    return compiled;
}

void EngineState::log(std::string_view message) const {
    try {
        if (options.log)
            options.log(message);
        else
            std::clog << "sqla.engine: " << message << '\n';
    } catch (...) {
        // Logging must not change what the statement does.
    }
}

std::unique_ptr<DriverConnection> EngineState::connect_driver() {
    Params args = connect_params;
    DoConnectEvent event{*dialect, args, nullptr};
    events->do_connect(event);
    std::unique_ptr<DriverConnection> connection =
        event.connection ? std::move(event.connection) : driver->connect(args);
    if (options.isolation_level) connection->set_isolation_level(*options.isolation_level);
    return connection;
}

// ---- parameter rendering --------------------------------------------------------------------

namespace {

constexpr std::size_t max_value_chars = 300;
constexpr std::size_t max_params = 100;
constexpr std::size_t max_param_sets = 10;

std::string value_repr(const Value& v) {
    // Text in full (Value::repr() cuts it short), so the cut below says how much is left out.
    std::string r;
    if (v.kind() == ValueKind::text) {
        const auto& s = std::get<std::string>(v.storage());
        r.reserve(s.size() + 2);
        r += '\'';
        for (char c : s) {
            r += c;
            if (c == '\'') r += '\'';
        }
        r += '\'';
    } else {
        r = v.repr();
    }
    if (r.size() <= max_value_chars) return r;
    const std::size_t keep = max_value_chars / 2;
    return r.substr(0, keep) + " ... (" + std::to_string(r.size() - max_value_chars) + " characters truncated) ... " +
           r.substr(r.size() - keep);
}

std::string one_set(std::span<const Value> params) {
    std::string s = "(";
    auto add = [&](std::size_t i) {
        if (s.size() > 1) s += ", ";
        s += value_repr(params[i]);
    };
    if (params.size() <= max_params) {
        for (std::size_t i = 0; i < params.size(); ++i) add(i);
    } else {
        for (std::size_t i = 0; i < max_params - 2; ++i) add(i);
        s += " ... displaying " + std::to_string(max_params) + " of " + std::to_string(params.size()) +
             " total bound parameters ... ";
        s += value_repr(params[params.size() - 2]) + ", " + value_repr(params[params.size() - 1]);
    }
    if (params.size() == 1) s += ",";
    return s + ")";
}

constexpr std::string_view hidden = "[SQL parameters hidden due to hide_parameters=True]";

}  // namespace

std::string render_params(std::span<const Value> params, bool hide) {
    if (hide) return std::string(hidden);
    return one_set(params);
}

std::string render_param_sets(std::span<const Value> values, std::size_t width, bool hide) {
    if (hide) return std::string(hidden);
    if (width == 0) return "[]";
    const std::size_t rows = values.size() / width;
    auto row = [&](std::size_t i) { return one_set(values.subspan(i * width, width)); };
    std::string s = "[";
    if (rows <= max_param_sets) {
        for (std::size_t i = 0; i < rows; ++i) s += (i ? ", " : "") + row(i);
    } else {
        for (std::size_t i = 0; i < max_param_sets - 2; ++i) s += (i ? ", " : "") + row(i);
        s += "  ... displaying " + std::to_string(max_param_sets) + " of " + std::to_string(rows) +
             " total bound parameter sets ...  " + row(rows - 2) + ", " + row(rows - 1);
    }
    return s + "]";
}

std::exception_ptr make_dbapi_error(const DriverError& e, std::string_view driver, std::string_view sql,
                                    const std::string& params, bool invalidated) {
    static constexpr std::string_view names[] = {"InterfaceError",   "DatabaseError", "DataError",
                                                 "OperationalError", "IntegrityError", "InternalError",
                                                 "ProgrammingError", "NotSupportedError"};
    std::string message = "(" + std::string(driver) + "." + std::string(names[static_cast<int>(e.kind())]) + ") " + e.what();
    if (!e.sqlstate().empty()) message += " [SQLSTATE " + e.sqlstate() + "]";
    // The statement in full stays in the exception's statement(); the message shows its start
    // and end (an expanded IN list of 70,000 values is half a megabyte of SQL).
    constexpr std::size_t max_sql_chars = 4000;
    if (sql.size() > max_sql_chars) {
        const std::size_t keep = max_sql_chars / 2;
        message += "\n[SQL: " + std::string(sql.substr(0, keep)) + " ... (" +
                   std::to_string(sql.size() - max_sql_chars) + " characters truncated) ... " +
                   std::string(sql.substr(sql.size() - keep)) + "]";
    } else if (!sql.empty()) {
        message += "\n[SQL: " + std::string(sql) + "]";
    }
    if (!params.empty() && params != "()") message += "\n[parameters: " + params + "]";
    if (invalidated) message += "\n(the connection was invalidated: roll back or close the Connection to go on)";
    auto make = [&]<class E>() {
        return std::make_exception_ptr(
            E(message, std::string(sql), params, e.sqlstate(), e.native_code(), e.what(), invalidated));
    };
    switch (e.kind()) {
        case DBAPIErrorKind::interface_error: return make.template operator()<InterfaceError>();
        case DBAPIErrorKind::database_error: return make.template operator()<DatabaseError>();
        case DBAPIErrorKind::data_error: return make.template operator()<DataError>();
        case DBAPIErrorKind::operational_error:
            // Class 40, transaction rollback: the server undid the whole transaction, which can
            // run again (a distinct class, so retries catch only these).
            if (e.sqlstate().starts_with("40")) return make.template operator()<TransactionRollbackError>();
            return make.template operator()<OperationalError>();
        case DBAPIErrorKind::integrity_error: return make.template operator()<IntegrityError>();
        case DBAPIErrorKind::internal_error: return make.template operator()<InternalError>();
        case DBAPIErrorKind::programming_error: return make.template operator()<ProgrammingError>();
        case DBAPIErrorKind::not_supported_error: return make.template operator()<NotSupportedError>();
    }
    return make.template operator()<DatabaseError>();
}

}  // namespace detail

// ---- Engine -------------------------------------------------------------------------------

void Engine::run_transaction(const std::function<void(Connection&)>& body, const RetryOptions& options) {
    if (options.retries < 0) throw ArgumentError("transaction(): retries must be 0 or more");
    thread_local std::minstd_rand jitter(std::random_device{}());
    auto wait_before_rerun = [&](int attempt) {
        auto wait = options.backoff;
        for (int i = 0; i < attempt && wait < options.max_backoff; ++i) wait *= 2;
        wait = std::min(wait, options.max_backoff);
        // Up to half of it left out at random, so that clients that conflicted spread apart.
        const auto half = wait.count() / 2;
        if (half > 0) wait -= std::chrono::milliseconds(std::uniform_int_distribution<long long>(0, half)(jitter));
        if (state_->options.echo)
            state_->log("transaction rolled back by the database (attempt " + std::to_string(attempt + 1) +
                        "); running it again in " + std::to_string(wait.count()) + " ms");
        std::this_thread::sleep_for(wait);
    };
    for (int attempt = 0;; ++attempt) {
        {
            Connection connection = connect();
            Transaction tx = connection.begin();
            bool rolled_back = false;
            try {
                body(connection);
            } catch (const TransactionRollbackError&) {
                // The database undid the transaction; leaving this scope rolls back ours.
                if (attempt >= options.retries) throw;
                rolled_back = true;
            }
            if (!rolled_back) {
                try {
                    tx.commit();
                    return;
                } catch (const TransactionRollbackError&) {
                    // A refused COMMIT (Galera's certification conflict, PostgreSQL's
                    // serialization failure at commit) kept nothing: running it again is safe.
                    if (attempt >= options.retries) throw;
                } catch (const DBAPIError& e) {
                    if (!e.connection_invalidated()) throw;
                    // The connection was lost while COMMIT ran: the server may have committed
                    // or not. Running the body again could write it twice, so say so instead.
                    throw OperationalError(std::string(e.what()) +
                                               "\n(the connection was lost during COMMIT: whether the transaction "
                                               "was committed is unknown, so transaction() did not run it again)",
                                           e.statement(), e.params(), e.sqlstate(), e.native_code(),
                                           e.driver_message(), true);
                }
            }
        }  // the transaction rolled back, the connection back in the pool
        wait_before_rerun(attempt);
    }
}

Connection Engine::connect() {
    auto& eng = *state_;
    auto st = std::make_shared<detail::ConnectionState>();
    st->engine = state_;
    st->options = *options_;
    st->engine_options = options_;
    try {
        st->record = eng.pool->checkout();
        st->dbapi = &st->record->driver_connection();
        std::lock_guard lock(eng.init_mutex);
        if (!eng.initialized) {
            eng.dialect->initialize(*st->dbapi);
            try {
                eng.default_isolation_level = st->dbapi->isolation_level();
            } catch (const DriverError&) {
                // The driver cannot tell: isolation levels set per connection are not reset.
            }
            eng.initialized = true;
        }
    } catch (const DriverError& e) {
        if (st->record) eng.pool->checkin(std::move(st->record), true, true, &e);
        // No Connection exists yet, so there is nothing to roll back or close: the message
        // must not ask for that (it did, for every refused MySQL connect).
        auto error = detail::make_dbapi_error(e, eng.driver->name(), {}, {}, false);
        if (eng.events->handle_error.has_listeners()) {
            try {
                std::rethrow_exception(error);
            } catch (const DBAPIError& wrapped) {
                ExceptionContext context{nullptr, e, wrapped, {}, {}, e.is_disconnect()};
                eng.events->handle_error(context);
            }
        }
        std::rethrow_exception(error);
    }
    Connection connection(std::move(st));
    // The engine's (or this option engine's) isolation level, undone at close.
    if (options_->isolation_level) {
        ExecutionOptions level;
        level.isolation_level = options_->isolation_level;
        connection.execution_options(level);
    }
    eng.events->engine_connect(connection);
    return connection;
}

Engine Engine::execution_options(const ExecutionOptions& options) const {
    if (options.isolation_level && !options.isolation_level->empty())
        detail::check_isolation_level(*state_->dialect, *options.isolation_level);
    return Engine(state_, std::make_shared<const ExecutionOptions>(options_->merged(options)));
}

const ExecutionOptions& Engine::get_execution_options() const noexcept { return *options_; }
const URL& Engine::url() const noexcept { return state_->url; }
const Dialect& Engine::dialect() const noexcept { return *state_->dialect; }
const Driver& Engine::driver() const noexcept { return *state_->driver; }
Pool& Engine::pool() const noexcept { return *state_->pool; }
EngineEvents& Engine::events() const noexcept { return *state_->events; }
void Engine::dispose() noexcept { state_->pool->dispose(); }
std::size_t Engine::compiled_cache_size() const { return state_->cache.size(); }

namespace {

// Pool options that only QueuePool takes must not be silently ignored by another pool.
void check_pool_arguments(const EngineOptions& o, PoolClass pool_class, const Dialect& dialect) {
    if (pool_class == PoolClass::queue_pool) return;
    std::string given;
    auto note = [&](bool set, std::string_view name) {
        if (set) given += (given.empty() ? "" : ", ") + std::string(name);
    };
    note(o.pool_size.has_value(), "pool_size");
    note(o.max_overflow.has_value(), "max_overflow");
    note(o.pool_timeout.has_value(), "pool_timeout");
    note(o.pool_use_lifo.has_value(), "pool_use_lifo");
    if (given.empty()) return;
    const std::string_view pool = pool_class == PoolClass::null_pool ? "NullPool" : "StaticPool";
    throw ArgumentError("invalid argument(s) " + given + " sent to create_engine(), using configuration " +
                        std::string(dialect.name()) + "/" + std::string(pool) +
                        "; they apply to QueuePool only (set poolclass = PoolClass::queue_pool to use it)");
}

}  // namespace

Engine create_engine(const URL& url, EngineOptions options) {
    auto plugins = registry().resolve(url);
    auto state = std::make_shared<detail::EngineState>(url, std::move(options), std::move(plugins.dialect),
                                                       std::move(plugins.driver));
    auto& o = state->options;
    if (o.isolation_level) detail::check_isolation_level(*state->dialect, *o.isolation_level);
    if (o.execution_options.isolation_level)
        detail::check_isolation_level(*state->dialect, *o.execution_options.isolation_level);
    state->connect_params = state->driver->create_connect_args(url, o.connect_args);
    const PoolClass pool_class = o.poolclass.value_or(state->dialect->default_pool_class(url));
    check_pool_arguments(o, pool_class, *state->dialect);
    // The creator holds the engine state by a weak reference: the pool lives inside the engine
    // state, which must not own itself.
    std::weak_ptr<detail::EngineState> weak = state;
    auto creator = [weak]() -> std::unique_ptr<DriverConnection> {
        auto s = weak.lock();
        if (!s) throw ResourceClosedError("the engine of this pool was destroyed");
        return s->connect_driver();
    };
    PoolOptions pool_options{.pre_ping = o.pool_pre_ping,
                             .recycle = o.pool_recycle,
                             .reset_on_return = o.pool_reset_on_return,
                             .echo = o.echo_pool,
                             .log = o.log};
    std::shared_ptr<PoolEvents> events(state->events, state->events.get());
    switch (pool_class) {
        case PoolClass::queue_pool: {
            QueuePoolOptions queue;
            if (o.pool_size) queue.pool_size = *o.pool_size;
            if (o.max_overflow) queue.max_overflow = *o.max_overflow;
            if (o.pool_timeout) queue.timeout = *o.pool_timeout;
            if (o.pool_use_lifo) queue.use_lifo = *o.pool_use_lifo;
            state->pool = std::make_unique<QueuePool>(creator, queue, pool_options, events);
            break;
        }
        case PoolClass::null_pool: state->pool = std::make_unique<NullPool>(creator, pool_options, events); break;
        case PoolClass::static_pool: state->pool = std::make_unique<StaticPool>(creator, pool_options, events); break;
    }
    auto execution = std::make_shared<const ExecutionOptions>(o.execution_options);
    return Engine(std::move(state), std::move(execution));
}

Engine create_engine(std::string_view url, EngineOptions options) { return create_engine(make_url(url), std::move(options)); }

}  // namespace sqla
