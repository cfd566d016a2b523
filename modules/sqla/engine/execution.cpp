// sqla: engine/execution.cpp. ExecutionContext: compile and bind before the driver calls,
// events and echo around them, and the Result after them. Nothing here does I/O.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

module sqla;
import :engine.execution;

namespace sqla::detail {

namespace {

// Many plain parameter sets go to the driver this many rows at a time.
constexpr std::size_t slice_rows = 1000;

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
        // parameter or a Column default, whichever bind() took).
        if (!parts.select) {
            for (std::size_t i = 0; i < compiled.binds.size(); ++i) {
                const auto& slot = compiled.binds[i];
                if (slot.name != column->key() || slot.expanding || slot.literal_execute) continue;
                value = values[positions.empty() ? i : positions[i]];
                break;
            }
        }
        // Where RETURNING is implicit (PostgreSQL), finish() fills the key from the returned
        // row instead; SQLite and MySQL report the autoincrement value as the cursor's lastrowid.
        if (column == autoincrement && value.is_null()) key.autoincrement = key.values.size();
        key.values.push_back(std::move(value));
        key.keys.push_back(column->key());
    }
    return key;
}

}  // namespace

ExecutionContext::ExecutionContext(Connection& connection, std::shared_ptr<ConnectionState> state,
                                   const ExecutionOptions& options)
    : connection_(connection), state_(std::move(state)), engine_(*state_->engine), options_(options) {}

// ---- stage 1: compile and bind ---------------------------------------------------------------

void ExecutionContext::compile(const ClauseElement& element) {
    entry_ = engine_.compile(element, key_, options_.compiled_cache.value_or(true),
                             engine_.options.echo ? &how_ : nullptr);
    insert_statement_ = element.kind() == ElementKind::insert;
    if (insert_statement_) insert_ = static_cast<const InsertNode*>(&element);
}

void ExecutionContext::bind(const Params& params, std::vector<Value>* out, std::optional<std::size_t> row,
                            std::vector<std::size_t>* sizes, std::vector<Value>* literals,
                            std::vector<std::size_t>* positions, bool take) const {
    const Compiled& compiled = entry_->compiled;
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
            const auto& node = *key_.binds[static_cast<std::size_t>(slot.extracted)];
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
            const auto& value = key_.binds[static_cast<std::size_t>(slot.extracted)]->value();
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

// Runs the bind processors over the values of one parameter set. `positions` holds the index
// of each slot's first value in `values` (empty: one value per slot, in order).
void ExecutionContext::process_binds(std::span<Value> values, std::span<const std::size_t> positions,
                                     std::optional<std::size_t> row) const {
    const auto& binds = entry_->compiled.binds;
    const auto& processors = entry_->bind_processors;
    for (std::size_t i = 0; i < processors.size(); ++i) {
        const auto& process = processors[i];
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

void ExecutionContext::prepare(const ClauseElement& element, const Params& params) {
    mode_ = Mode::single;
    key_.key.reserve(512);  // one allocation for a typical statement's key
    element.append_cache_key(key_);
    set_column_keys(key_, element, &params);  // INSERT/UPDATE columns from params
    compile(element);
    const Compiled& compiled = entry_->compiled;
    values_.reserve(compiled.binds.size());
    if (!compiled.has_expanding() && !insert_) {
        bind(params, &values_, std::nullopt, nullptr);
        if (!entry_->bind_processors.empty()) process_binds(values_, {}, std::nullopt);
        return;
    }
    std::vector<std::size_t> sizes;
    std::vector<Value> literals;
    std::vector<std::size_t> positions;
    const bool expanding = compiled.has_expanding();
    bind(params, &values_, std::nullopt, expanding ? &sizes : nullptr, expanding ? &literals : nullptr,
         expanding ? &positions : nullptr);
    if (insert_ && !insert_->parts().multi && insert_->parts().returning.empty())
        inserted_ = inserted_key(*insert_, compiled, values_, positions);
    if (!entry_->bind_processors.empty()) process_binds(values_, positions, std::nullopt);
    // Expanding IN lists and literal-execute values: the SQL depends on this execution's
    // values, so it is rendered now and not cached as a prepared statement.
    if (expanding) sql_ = render_expanded(compiled, sizes, literals);
}

void ExecutionContext::prepare_many(const ClauseElement& element, const std::vector<Params>& many, bool take) {
    many_ = &many;
    take_ = take;
    element.append_cache_key(key_);
    // INSERT/UPDATE columns from the first parameter set's keys, as SQLAlchemy's executemany.
    set_column_keys(key_, element, many.empty() ? nullptr : &many.front());
    // No implicit RETURNING with several parameter sets: a compiled form of its own.
    key_.for_executemany = true;
    key_.key += "|many";
    compile(element);
    insert_ = nullptr;  // inserted_primary_key() is for single-row executions only
    const Compiled& compiled = entry_->compiled;
    width_ = compiled.binds.size();
    auto& events = *engine_.events;
    const bool listened = events.before_cursor_execute.has_listeners() || events.after_cursor_execute.has_listeners();
    if (many.size() > slice_rows && width_ > 0 && entry_->bind_processors.empty() && compiled.result_columns.empty() &&
        !compiled.insertmanyvalues && !listened && !engine_.options.echo) {
        // Every set is checked first: a missing value fails before anything runs, as when the
        // values are gathered at once (which bind processors, RETURNING, insertmanyvalues,
        // listeners and echo still need).
        for (std::size_t row = 0; row < many.size(); ++row) bind(many[row], nullptr, row, nullptr);
        mode_ = Mode::slices;
        slice_.reserve(width_ * slice_rows);
        return;
    }
    values_.reserve(width_ * many.size());
    for (std::size_t row = 0; row < many.size(); ++row) {
        bind(many[row], &values_, row, nullptr, nullptr, nullptr, take);
        if (!entry_->bind_processors.empty())
            process_binds(std::span<Value>(values_).subspan(row * width_, width_), {}, row);
    }
    if (width_ == 0) {
        mode_ = Mode::each;  // without parameters there is nothing to batch
    } else if (compiled.insertmanyvalues && (many.size() > 1 || compiled.insertmanyvalues->sentinel)) {
        // (A sorted RETURNING's statement returns its sentinel columns: batches strip them.)
        mode_ = Mode::insertmanyvalues;
        plan_insertmanyvalues();
        if (const auto& sentinel = compiled.insertmanyvalues->sentinel)
            for (const auto& name : sentinel->parameters) {
                const auto at = std::ranges::find(compiled.binds, name, &BindSlot::name);
                if (at == compiled.binds.end())
                    throw InvalidRequestError("sort_by_parameter_order: no parameter for primary key column \"" + name + "\"");
                sentinel_slots_.push_back(static_cast<std::size_t>(at - compiled.binds.begin()));
            }
    } else {
        mode_ = Mode::many;
    }
}

void ExecutionContext::prepare_driver_sql(std::string_view sql, std::span<const Value> params) {
    mode_ = Mode::driver_sql;
    driver_sql_ = sql;
    driver_params_ = params;
}

// Batches of rows_per_batch rows, fewer where the values would pass the driver's limit on
// bytes per execution (with a margin for the packet's own framing).
void ExecutionContext::plan_insertmanyvalues() {
    const auto& imv = *entry_->compiled.insertmanyvalues;
    const std::size_t rows = values_.size() / width_;
    const std::size_t byte_limit = state_->dbapi->max_parameter_bytes() / 10 * 9;
    const std::span<const Value> values = values_;
    for (std::size_t row = 0, bytes = 0, in_batch = 0; row < rows; ++row) {
        std::size_t row_bytes = 0;
        if (byte_limit)
            for (const Value& v : values.subspan(row * width_, width_)) row_bytes += approximate_size(v);
        if (in_batch == 0 || in_batch == imv.rows_per_batch || (byte_limit && bytes + row_bytes > byte_limit)) {
            starts_.push_back(row);
            in_batch = 0;
            bytes = 0;
        }
        ++in_batch;
        bytes += row_bytes;
    }
    starts_.push_back(rows);
}

// ---- stage 2: the driver calls ---------------------------------------------------------------

bool ExecutionContext::next(CursorCall& call) {
    call = CursorCall{};
    const Compiled* compiled = entry_ ? &entry_->compiled : nullptr;
    switch (mode_) {
    case Mode::single:
    case Mode::driver_sql:
        if (step_ > 0) return false;
        if (mode_ == Mode::driver_sql) {
            call.sql = driver_sql_;
            call.parameters = driver_params_;
        } else {
            call.sql = sql_.empty() ? std::string_view(compiled->sql) : std::string_view(sql_);
            call.key = sql_.empty() ? compiled->id : 0;
            call.parameters = values_;
        }
        call.options.yield_per = options_.yield_per.value_or(0);
        call.options.stream_results = options_.stream_results.value_or(false) || call.options.yield_per > 0;
        call.options.max_row_buffer = options_.max_row_buffer.value_or(0);
        break;
    case Mode::each:
        if (step_ == many_->size()) return false;
        call.sql = compiled->sql;
        call.key = compiled->id;
        break;
    case Mode::slices: {
        const std::size_t first = step_ * slice_rows;
        if (first >= many_->size()) return false;
        const std::size_t last = std::min(many_->size(), first + slice_rows);
        slice_.clear();
        for (std::size_t row = first; row < last; ++row)
            bind((*many_)[row], &slice_, row, nullptr, nullptr, nullptr, take_);
        call.kind = CursorCall::Kind::many;
        call.sql = compiled->sql;
        call.key = compiled->id;
        call.parameters = slice_;
        call.width = width_;
        break;
    }
    case Mode::many:
        if (step_ > 0) return false;
        call.kind = compiled->result_columns.empty() ? CursorCall::Kind::many : CursorCall::Kind::many_returning;
        call.sql = compiled->sql;
        call.key = compiled->id;
        call.parameters = values_;
        call.width = width_;
        break;
    case Mode::insertmanyvalues: {
        if (step_ + 1 >= starts_.size()) return false;
        const auto& imv = *compiled->insertmanyvalues;
        const std::size_t first = starts_[step_];
        const std::size_t n = starts_[step_ + 1] - first;
        // Full batches share one SQL text (rendered once) and one prepared statement; the key
        // of a batch's statement is the compiled id with the row count, in a range compiled
        // ids never reach.
        if (n == imv.rows_per_batch) {
            if (full_sql_.empty()) full_sql_ = render_insertmanyvalues(*compiled, n);
            call.sql = full_sql_;
        } else {
            sql_ = render_insertmanyvalues(*compiled, n);
            call.sql = sql_;
        }
        call.key = (std::uint64_t{1} << 63) | (compiled->id << 20) | static_cast<std::uint64_t>(n);
        call.parameters = std::span<const Value>(values_).subspan(first * width_, n * width_);
        break;
    }
    }
    ++step_;
    return true;
}

void ExecutionContext::before_call(CursorCall& call) {
    auto& events = *engine_.events;
    const bool many = call.kind != CursorCall::Kind::execute || mode_ == Mode::insertmanyvalues;
    event_.reset();
    if (events.before_cursor_execute.has_listeners() || events.after_cursor_execute.has_listeners()) {
        // Listeners get their own copies to change; without listeners nothing is copied.
        event_.emplace(CursorExecuteEvent{connection_, std::string(call.sql),
                                          std::vector<Value>(call.parameters.begin(), call.parameters.end()), many});
        events.before_cursor_execute(*event_);
        if (event_->statement != call.sql) call.key = 0;  // not the statement prepared under this key
        call.sql = event_->statement;
        call.parameters = event_->parameters;
        if (call.width && call.parameters.size() % call.width != 0)
            throw ArgumentError("before_cursor_execute left " + std::to_string(call.parameters.size()) +
                                " parameters for an executemany of " + std::to_string(call.width) + " per set");
    }
    if (!engine_.options.echo) return;
    const bool hide = engine_.options.hide_parameters;
    engine_.log(call.sql);
    if (mode_ == Mode::insertmanyvalues)
        engine_.log("[" + how_ + " (insertmanyvalues) " + std::to_string(step_) + "/" +
                    std::to_string(starts_.size() - 1) + " (unordered)] " + render_params(call.parameters, hide));
    else if (call.width)
        engine_.log("[" + how_ + "] " + render_param_sets(call.parameters, call.width, hide));
    else
        engine_.log("[" + (how_.empty() ? std::string("raw sql") : how_) + "] " + render_params(call.parameters, hide));
}

std::span<const Value> ExecutionContext::failed_parameters(const CursorCall& call) const {
    return call.width ? call.parameters.first(std::min(call.parameters.size(), call.width)) : call.parameters;
}

void ExecutionContext::register_cursor(const std::shared_ptr<Cursor>& cursor) {
    // Closing the connection closes the cursors its results still read.
    if (cursor->columns().empty()) return;
    std::erase_if(state_->cursors, [](const std::weak_ptr<Cursor>& w) { return w.expired(); });
    state_->cursors.push_back(cursor);
}

void ExecutionContext::after(std::shared_ptr<Cursor> cursor) {
    const std::int64_t count = cursor->rowcount();
    switch (mode_) {
    case Mode::insertmanyvalues: {
        const auto& imv = *entry_->compiled.insertmanyvalues;
        if (imv.returning) {
            const std::size_t width = cursor->columns().size();
            const std::size_t hidden = imv.sentinel ? std::min(imv.sentinel->hidden, width) : 0;
            if (columns_.empty()) columns_.assign(cursor->columns().begin(), cursor->columns().end() - hidden);
            std::vector<std::vector<Value>> batch;
            while (cursor->fetch()) {
                std::vector<Value> row(width);
                cursor->read_row(row);
                batch.push_back(std::move(row));
            }
            if (imv.sentinel) sort_by_sentinel(*imv.sentinel, batch);
            for (auto& row : batch) {
                row.resize(width - hidden);
                returned_.push_back(std::move(row));
            }
        }
        if (count < 0) total_known_ = false;
        total_ += count;
        cursor->close();
        break;
    }
    case Mode::each:
        total_ += count;
        cursor->close();
        break;
    default:
        register_cursor(cursor);
        cursor_ = std::move(cursor);
        break;
    }
    if (event_) {
        event_->rowcount = count;
        engine_.events->after_cursor_execute(*event_);
    }
}

void ExecutionContext::after(std::int64_t rowcount) {
    total_ = rowcount < 0 || total_ < 0 ? -1 : total_ + rowcount;
    if (event_) {
        event_->rowcount = rowcount;
        engine_.events->after_cursor_execute(*event_);
    }
}

// Puts the RETURNING rows of the current insertmanyvalues batch in the order of its parameter
// sets: matched to the primary-key values the sets give, or sorted by the autoincrement key
// the database assigned in VALUES order.
void ExecutionContext::sort_by_sentinel(const InsertManyValues::Sentinel& sentinel,
                                        std::vector<std::vector<Value>>& rows) const {
    const std::size_t first = starts_[step_ - 1];
    const std::size_t n = starts_[step_] - first;
    auto fail = [&](std::string why) {
        throw InvalidRequestError("could not put the RETURNING rows of an executemany INSERT in parameter order "
                                  "(sort_by_parameter_order): " + why);
    };
    if (rows.size() != n)
        fail("a batch of " + std::to_string(n) + " parameter sets returned " + std::to_string(rows.size()) + " rows");
    for (const auto& row : rows)
        for (std::size_t c : sentinel.columns)
            if (c >= row.size() || row[c].is_null()) fail("a returned row has no primary key value");
    if (sentinel.parameters.empty()) {
        std::ranges::stable_sort(rows, [&](const auto& a, const auto& b) {
            return a[sentinel.columns.front()].template as<std::int64_t>() <
                   b[sentinel.columns.front()].template as<std::int64_t>();
        });
        return;
    }
    // The key of parameter set `set` of the batch is equal to the key of row `row`.
    auto matches = [&](std::size_t set, const std::vector<Value>& row) {
        for (std::size_t k = 0; k < sentinel.columns.size(); ++k)
            if (!(values_[(first + set) * width_ + sentinel_slots_[k]] == row[sentinel.columns[k]])) return false;
        return true;
    };
    std::vector<std::vector<Value>> ordered(n);
    std::vector<bool> taken(n, false);
    for (std::size_t r = 0; r < n; ++r) {
        // Rows mostly come back in order: try the row's own place first.
        std::size_t set = r;
        if (taken[set] || !matches(set, rows[r])) {
            set = n;
            for (std::size_t i = 0; i < n; ++i)
                if (!taken[i] && matches(i, rows[r])) {
                    set = i;
                    break;
                }
        }
        if (set == n) fail("a returned row's primary key is not one the parameter sets gave");
        taken[set] = true;
        ordered[set] = std::move(rows[r]);
    }
    rows = std::move(ordered);
}

// ---- stage 3: the result ---------------------------------------------------------------------

Result ExecutionContext::many_result(std::int64_t rowcount) const {
    Result r = Result::from_rowcount(rowcount);
    if (insert_statement_) r.insert_state_ = Result::InsertState::executemany;
    return r;
}

Result ExecutionContext::finish() {
    auto processing = entry_ ? entry_->result_processing : nullptr;
    switch (mode_) {
    case Mode::driver_sql:
    case Mode::single: {
        Result result(state_, std::move(cursor_), std::move(processing));
        if (options_.yield_per) result.yield_per_ = *options_.yield_per;
        if (insert_) finish_single_insert(result);
        return result;
    }
    case Mode::each:
    case Mode::slices:
        return many_result(total_);
    case Mode::many: {
        if (!cursor_) return many_result(total_);
        // executemany with RETURNING: every returned row, in parameter-set order.
        Result result(state_, std::move(cursor_), std::move(processing));
        if (insert_statement_) result.insert_state_ = Result::InsertState::executemany;
        return result;
    }
    case Mode::insertmanyvalues: {
        Result result = entry_->compiled.insertmanyvalues->returning
                            ? Result(state_, std::make_shared<BufferedRowsCursor>(std::move(columns_), std::move(returned_), total_),
                                     std::move(processing))
                            : Result::from_rowcount(total_known_ ? total_ : -1);
        result.insert_state_ = Result::InsertState::executemany;
        return result;
    }
    }
    return Result();
}

void ExecutionContext::finish_single_insert(Result& result) {
    const auto& parts = insert_->parts();
    if (parts.multi) {
        result.insert_state_ = Result::InsertState::multivalues;
        return;
    }
    if (!parts.returning.empty()) {
        result.insert_state_ = Result::InsertState::returning;
        return;
    }
    const Compiled& compiled = entry_->compiled;
    if (!compiled.implicit_returning.empty()) {
        // RETURNING added for the key: its row is read here, not handed to the caller
        // (SQLAlchemy's implicit returning).
        auto row = result.fetchone();
        const std::int64_t rowcount = result.rowcount();
        result.close();
        if (row)
            for (std::size_t i = 0; i < compiled.implicit_returning.size() && i < row->size(); ++i) {
                auto at = std::find(inserted_->keys.begin(), inserted_->keys.end(), compiled.implicit_returning[i]);
                if (at != inserted_->keys.end())
                    inserted_->values[static_cast<std::size_t>(at - inserted_->keys.begin())] = (*row)[i];
            }
        result = Result::from_rowcount(rowcount);
    } else if (inserted_->autoincrement) {
        if (auto id = result.lastrowid()) inserted_->values[*inserted_->autoincrement] = Value(*id);
    }
    result.inserted_primary_key_ = std::move(inserted_->values);
    result.insert_state_ = Result::InsertState::single;
}

}  // namespace sqla::detail
