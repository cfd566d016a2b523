// sqla: engine/execution.cppm. ExecutionContext: one statement's execution, in stages that do
// no I/O, around the driver calls a connection makes for it. An implementation partition: the
// sync Connection drives it today, the async one will drive the same stages.
// SPDX-License-Identifier: MIT
module;
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

module sqla:engine.execution;
import :errors.error;
import :types.value;
import :sql.elements;
import :sql.dml;
import :sql.compiler;
import :dialect.driver;
import :engine.result;
import :engine.engine;

namespace sqla::detail {

// One driver call of an execution: what the connection hands its driver connection.
struct CursorCall {
    enum class Kind : std::uint8_t {
        execute,         // DriverConnection::execute: one parameter set, a cursor
        many,            // execute_many: parameter sets of `width` values each, a rowcount
        many_returning,  // execute_many_returning: parameter sets, a cursor of every returned row
    };
    Kind kind = Kind::execute;
    std::string_view sql;
    // The prepared-statement key (0: the driver does not cache the statement).
    std::uint64_t key = 0;
    std::span<const Value> parameters;
    std::size_t width = 0;
    CursorOptions options{};
};

// What inserted_primary_key() reports for a single-row INSERT, before the cursor's lastrowid
// is known: the values bound for the primary-key columns (as given, before bind processing),
// and which of them the autoincrement column takes from lastrowid when it was not given.
struct InsertedKey {
    std::vector<Value> values;
    // The primary-key columns' keys, in key order.
    std::vector<std::string> keys;
    std::optional<std::size_t> autoincrement;
};

// The execution of one statement (SQLAlchemy's ExecutionContext), in stages:
//  1. prepare_*(): compile (the cache lookup) and bind processing;
//  2. next() / before_call(): each driver call in turn, with before_cursor_execute and echo;
//     the connection makes the call (the only I/O) and hands its outcome to after();
//  3. finish(): the Result, with the inserted primary key, implicit RETURNING, rowcount and
//     result processing.
// Failing stages throw sqla exceptions; the connection wraps the driver's errors (raise_dbapi
// with failed_parameters()).
class ExecutionContext {
public:
    ExecutionContext(Connection& connection, std::shared_ptr<ConnectionState> state, const ExecutionOptions& options);
    ExecutionContext(const ExecutionContext&) = delete;
    ExecutionContext& operator=(const ExecutionContext&) = delete;

    // A compiled statement with one parameter set.
    void prepare(const ClauseElement& element, const Params& params);
    // A compiled statement with several parameter sets (executemany); `take`: the values may
    // be moved out of `many`, which the caller gave up.
    void prepare_many(const ClauseElement& element, const std::vector<Params>& many, bool take);
    // SQL in the driver's paramstyle, as given (exec_driver_sql).
    void prepare_driver_sql(std::string_view sql, std::span<const Value> params);

    // The next driver call into `call`; false when the execution needs no more.
    bool next(CursorCall& call);
    // Fires before_cursor_execute (which may change the call's SQL and parameters) and
    // writes the echo, just before the call.
    void before_call(CursorCall& call);
    // The outcome of the call next() gave: its cursor, or (Kind::many) its rowcount.
    void after(std::shared_ptr<Cursor> cursor);
    void after(std::int64_t rowcount);
    // The parameters an error of `call` shows: the first parameter set of several.
    [[nodiscard]] std::span<const Value> failed_parameters(const CursorCall& call) const;
    // The Result of the execution.
    [[nodiscard]] Result finish();

private:
    enum class Mode : std::uint8_t {
        single,            // one call with one parameter set
        driver_sql,        // one call, SQL and parameters as given
        each,              // executemany of a statement without parameters: one call per set
        slices,            // many plain sets, bound a slice at a time (never all copied at once)
        many,              // one executemany call (with or without RETURNING)
        insertmanyvalues,  // batches of multi-row INSERT ... VALUES
    };
    void bind(const Params& params, std::vector<Value>* out, std::optional<std::size_t> row,
              std::vector<std::size_t>* sizes, std::vector<Value>* literals = nullptr,
              std::vector<std::size_t>* positions = nullptr, bool take = false) const;
    void process_binds(std::span<Value> values, std::span<const std::size_t> positions,
                       std::optional<std::size_t> row) const;
    void compile(const ClauseElement& element);
    void plan_insertmanyvalues();
    void register_cursor(const std::shared_ptr<Cursor>& cursor);
    void sort_by_sentinel(const InsertManyValues::Sentinel& sentinel, std::vector<std::vector<Value>>& rows) const;
    Result many_result(std::int64_t rowcount) const;
    void finish_single_insert(Result& result);

    Connection& connection_;
    std::shared_ptr<ConnectionState> state_;
    EngineState& engine_;
    const ExecutionOptions& options_;
    Mode mode_ = Mode::single;

    // Stage 1.
    CacheKey key_;
    std::shared_ptr<const CompiledStatement> entry_;
    const InsertNode* insert_ = nullptr;
    bool insert_statement_ = false;
    std::string how_;  // echo's note: "generated in ...", "cached since ..."
    std::vector<Value> values_;
    std::string sql_;  // the SQL rendered for this execution (expanding IN, a partial batch)
    std::string_view driver_sql_;
    std::span<const Value> driver_params_;
    std::optional<InsertedKey> inserted_;
    const std::vector<Params>* many_ = nullptr;
    bool take_ = false;
    std::size_t width_ = 0;
    std::vector<std::size_t> starts_;  // insertmanyvalues: the first row of each batch, then the row count
    std::string full_sql_;             // insertmanyvalues: a full batch's SQL, rendered once
    std::vector<std::size_t> sentinel_slots_;  // insertmanyvalues: the primary key's bind slots

    // Stage 2.
    std::size_t step_ = 0;
    std::optional<CursorExecuteEvent> event_;
    std::vector<Value> slice_;  // slices: the current slice's values

    // Stage 3.
    std::shared_ptr<Cursor> cursor_;
    std::int64_t total_ = 0;
    bool total_known_ = true;
    std::vector<ColumnInfo> columns_;
    std::vector<std::vector<Value>> returned_;
};

}  // namespace sqla::detail
