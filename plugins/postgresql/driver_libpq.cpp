// sqla: plugins/postgresql/driver_libpq.cpp. The libpq driver: connections, the extended
// protocol with prepared statements cached per connection (or unnamed statements only, behind a
// transaction-mode pooler such as pgbouncer), executemany in pipeline mode, streaming in
// single-row mode, and SQLSTATE error classes.
// SPDX-License-Identifier: MIT
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

import sqla;

#include "libpq_values.hpp"
#include "postgresql_plugin.hpp"

namespace sqla::postgresql {
namespace {

// ---- errors ---------------------------------------------------------------------------------

// psycopg2's classes by SQLSTATE class (the first two characters), which SQLAlchemy relies on.
DBAPIErrorKind kind_for(std::string_view sqlstate) {
    const std::string_view cls = sqlstate.substr(0, 2);
    if (cls == "0A") return DBAPIErrorKind::not_supported_error;
    if (cls == "20" || cls == "21" || cls == "3D" || cls == "3F" || cls == "42" || cls == "44")
        return DBAPIErrorKind::programming_error;
    if (cls == "22") return DBAPIErrorKind::data_error;
    if (cls == "23") return DBAPIErrorKind::integrity_error;
    if (cls == "24" || cls == "25" || cls == "2B" || cls == "2D" || cls == "2F" || cls == "38" || cls == "39" ||
        cls == "3B" || cls == "F0" || cls == "P0" || cls == "XX")
        return DBAPIErrorKind::internal_error;
    if (cls == "08" || cls == "26" || cls == "27" || cls == "28" || cls == "34" || cls == "40" || cls == "53" ||
        cls == "54" || cls == "55" || cls == "57" || cls == "58" || cls == "HV")
        return DBAPIErrorKind::operational_error;
    return DBAPIErrorKind::database_error;
}

std::string trimmed(const char* message) {
    std::string m = message ? message : "";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return m;
}

// The error of a failed result (or of the connection when there is none).
DriverError make_error(PGconn* conn, const PGresult* res, std::string_view context = {}) {
    std::string sqlstate;
    std::string message;
    if (res) {
        if (const char* s = PQresultErrorField(res, PG_DIAG_SQLSTATE)) sqlstate = s;
        message = trimmed(PQresultErrorMessage(res));
    }
    if (message.empty()) message = trimmed(PQerrorMessage(conn));
    if (message.empty()) message = "unknown error";
    if (message.starts_with("ERROR:  ")) message.erase(0, 8);
    else if (message.starts_with("FATAL:  ")) message.erase(0, 8);
    if (!context.empty()) message = std::string(context) + ": " + message;
    // Lost connections: libpq reports the socket as bad; the server's "terminating connection"
    // (57P01..57P03, pg_terminate_backend or a shutdown) and class 08 say the same.
    // 08P01 (protocol violation) is also what a pooler's mismatched statement gives at Bind
    // ("bind message supplies 1 parameters, but prepared statement ... requires 0"), after which
    // the session goes on: it is a disconnect only when libpq says the socket is gone.
    const bool disconnect = PQstatus(conn) == CONNECTION_BAD ||
                            (sqlstate.starts_with("08") && sqlstate != "08P01") || sqlstate == "57P01" ||
                            sqlstate == "57P02" || sqlstate == "57P03";
    const DBAPIErrorKind kind = sqlstate.empty() ? DBAPIErrorKind::operational_error : kind_for(sqlstate);
    return DriverError(kind, message, sqlstate, 0, disconnect);
}

struct ResultDeleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// ---- parameters -----------------------------------------------------------------------------

// One execution's parameters in libpq's arrays. Text and bytea values are passed in place (the
// Values outlive the call); others are rendered into `storage`.
struct BoundParams {
    std::vector<std::string> storage;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;

    void bind(std::span<const Value> params) {
        const std::size_t n = params.size();
        storage.resize(n);
        values.assign(n, nullptr);
        lengths.assign(n, 0);
        formats.assign(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const Value& v = params[i];
            switch (v.kind()) {
                case ValueKind::null: break;
                case ValueKind::text: {
                    const auto& s = std::get<std::string>(v.storage());
                    // libpq sends text parameters up to their first NUL: refuse rather than cut.
                    if (s.find('\0') != std::string::npos)
                        throw DriverError(DBAPIErrorKind::data_error,
                                          "libpq: text parameter " + std::to_string(i + 1) +
                                              " holds a NUL (0x00) character, which PostgreSQL text cannot hold; "
                                              "send such data as bytes (LargeBinary)");
                    values[i] = s.c_str();
                    lengths[i] = static_cast<int>(s.size());
                    break;
                }
                case ValueKind::blob: {
                    const auto& b = std::get<Bytes>(v.storage());
                    values[i] = b.empty() ? "" : reinterpret_cast<const char*>(b.data());
                    lengths[i] = static_cast<int>(b.size());
                    formats[i] = 1;
                    break;
                }
                default:
                    storage[i] = param_text(v);
                    values[i] = storage[i].c_str();
                    lengths[i] = static_cast<int>(storage[i].size());
                    break;
            }
        }
    }
};

// The declared types of one parameter set; executemany takes, per slot, the type all its
// non-NULL values agree on (int8 when any integer needs it), else lets the server infer.
void signature(std::span<const Value> params, std::vector<Oid>& out) {
    out.resize(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) out[i] = param_type(params[i]);
}

void widen(std::span<const Value> params, std::vector<Oid>& types, std::vector<bool>& seen) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i].is_null()) continue;
        const Oid t = param_type(params[i]);
        if (!seen[i]) {
            types[i] = t;
            seen[i] = true;
        } else if (types[i] != t) {
            const bool ints = (types[i] == oid::int4 || types[i] == oid::int8) && (t == oid::int4 || t == oid::int8);
            types[i] = ints ? oid::int8 : oid::unknown;
        }
    }
}

std::string prepared_key(std::uint64_t cache_key, const std::vector<Oid>& types) {
    std::string key(reinterpret_cast<const char*>(&cache_key), sizeof cache_key);
    key.append(reinterpret_cast<const char*>(types.data()), types.size() * sizeof(Oid));
    return key;
}

// ---- statement names ----------------------------------------------------------------------------

// How a connection sends statements. Behind a pooler in transaction mode (pgbouncer's usual
// set-up) consecutive transactions of one client run on different server connections, each
// holding other clients' prepared statements: named statements there are unsafe.
enum class StatementMode {
    automatic,  // named, unless a pooler is seen at connect or answers as one (then unnamed)
    named,      // named from the start (no check at connect); a pooler's answer still switches
    unnamed,    // unnamed statements only: Parse/Bind/Execute in one round trip, nothing kept
};

// This process's part of statement names: random, so that two processes (two clients of one
// pooler) never make the same name.
const std::string& process_prefix() {
    static const std::string prefix = [] {
        std::random_device rd;
        std::uint64_t r = (std::uint64_t{rd()} << 32) ^ rd() ^ static_cast<std::uint64_t>(::getpid());
        static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
        std::string out;
        for (int i = 0; i < 10; ++i, r /= 36) out += digits[r % 36];
        return out;
    }();
    return prefix;
}

// FNV-1a over the SQL text and parameter types.
std::uint64_t statement_hash(std::string_view sql, const std::vector<Oid>& types) {
    std::uint64_t h = 14695981039346656037ull;
    auto mix = [&h](const void* p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            h ^= static_cast<const unsigned char*>(p)[i];
            h *= 1099511628211ull;
        }
    };
    mix(sql.data(), sql.size());
    mix(types.data(), types.size() * sizeof(Oid));
    return h;
}

// A name no other client makes: the process's random prefix, a counter shared by every
// connection of the process, and a hash of what the statement is. The hash makes a name that
// is reused anyway (a forked process keeps its parent's prefix and counter) name the same SQL
// with the same parameter types, so a mix-up can only ever be an error, never another
// statement's rows or writes. At most 5 + 10 + 1 + 20 + 1 + 16 characters, under NAMEDATALEN.
std::string statement_name(std::string_view sql, const std::vector<Oid>& types) {
    static std::atomic<std::uint64_t> counter{0};
    static constexpr char hex[] = "0123456789abcdef";
    std::string name = "sqla_" + process_prefix() + "_" + std::to_string(++counter) + "_";
    const std::uint64_t h = statement_hash(sql, types);
    for (int shift = 60; shift >= 0; shift -= 4) name += hex[(h >> shift) & 0xf];
    return name;
}

// A pooler's answers to a named statement sent to a server connection that does not hold it,
// or holds another with the same name: at Parse or Bind, so the statement did not run.
bool pooler_sqlstate(const DriverError& e) {
    const std::string& s = e.sqlstate();
    if (s == "26000" || s == "42P05") return true;
    return s == "08P01" && std::string_view(e.what()).find("bind message") != std::string_view::npos;
}

class LibpqConnection;

// ---- cursors --------------------------------------------------------------------------------

// A result's columns: names for the Result, type OIDs for reading values.
struct Description {
    std::vector<ColumnInfo> columns;
    std::vector<Oid> types;
    // Whether `res` has exactly these columns' types (then a prepared statement's description,
    // kept from its first execution, serves again without rebuilding the names).
    bool matches(const PGresult* res) const {
        if (static_cast<std::size_t>(PQnfields(res)) != types.size()) return false;
        for (std::size_t i = 0; i < types.size(); ++i)
            if (PQftype(res, static_cast<int>(i)) != types[i]) return false;
        return true;
    }
};

std::vector<ColumnInfo> describe(const PGresult* res, std::vector<Oid>& types) {
    const int n = PQnfields(res);
    std::vector<ColumnInfo> cols;
    cols.reserve(static_cast<std::size_t>(n));
    types.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        types[static_cast<std::size_t>(i)] = PQftype(res, i);
        cols.push_back(ColumnInfo{PQfname(res, i), std::string(type_name(PQftype(res, i)))});
    }
    return cols;
}

std::int64_t affected(const PGresult* res) {
    const char* n = PQcmdTuples(const_cast<PGresult*>(res));
    if (!n || !*n) return -1;
    return std::strtoll(n, nullptr, 10);
}

void read_row(const PGresult* res, int row, const std::vector<Oid>& types, std::span<Value> out) {
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int col = static_cast<int>(i);
        if (PQgetisnull(res, row, col)) {
            out[i].set_null();
            continue;
        }
        const std::string_view bytes(PQgetvalue(res, row, col), static_cast<std::size_t>(PQgetlength(res, row, col)));
        if (PQfformat(res, col) == 1) read_binary_value(types[i], bytes, out[i]);
        else read_value(types[i], bytes, out[i]);
    }
}

// A whole result, in client memory (PQexecPrepared).
class BufferedCursor final : public Cursor {
public:
    // `known`: the description its prepared statement had last time, when still right.
    BufferedCursor(ResultPtr res, std::shared_ptr<const Description> known) : res_(std::move(res)) {
        if (known && known->matches(res_.get())) {
            description_ = std::move(known);
        } else {
            auto d = std::make_shared<Description>();
            d->columns = describe(res_.get(), d->types);
            description_ = std::move(d);
        }
        rows_ = PQntuples(res_.get());
        rowcount_ = affected(res_.get());
    }
    [[nodiscard]] const std::shared_ptr<const Description>& description() const noexcept { return description_; }
    [[nodiscard]] const PGresult* result() const noexcept { return res_.get(); }
    std::span<const ColumnInfo> columns() const noexcept override { return description_->columns; }
    bool fetch() override {
        if (!res_ || row_ + 1 >= rows_) return false;
        ++row_;
        return true;
    }
    void read_row(std::span<Value> out) override { postgresql::read_row(res_.get(), row_, description_->types, out); }
    std::int64_t rowcount() const noexcept override { return rowcount_; }
    void close() noexcept override { res_.reset(); }

private:
    ResultPtr res_;
    std::shared_ptr<const Description> description_;
    int rows_ = 0;
    int row_ = -1;
    std::int64_t rowcount_ = -1;
};

// A result read from the server row by row (single-row mode). While it is open the connection
// is busy with it: anything else the connection is asked to do first moves the rest of the rows
// into memory (`buffer_rest()`), so no result is ever cut short.
class StreamingCursor final : public Cursor {
public:
    StreamingCursor(LibpqConnection& conn, PGconn* pg) : conn_(&conn), pg_(pg) {}
    ~StreamingCursor() override { close(); }

    // Reads the first result: the columns, and the first row if there is one.
    void start();
    std::span<const ColumnInfo> columns() const noexcept override { return columns_; }
    bool fetch() override;
    void read_row(std::span<Value> out) override {
        postgresql::read_row(current_.get(), 0, types_, out);
    }
    std::int64_t rowcount() const noexcept override { return rowcount_; }
    void close() noexcept override;
    void buffer_rest();

private:
    // The next single-row result from the server, or null at the end of the rows.
    ResultPtr next_from_server();
    void finish() noexcept;

    LibpqConnection* conn_;
    PGconn* pg_;
    std::vector<ColumnInfo> columns_;
    std::vector<Oid> types_;
    ResultPtr current_;
    ResultPtr pending_;            // read ahead by start()
    std::deque<ResultPtr> buffered_;
    bool server_done_ = false;     // every result of the query was read from the server
    std::int64_t rowcount_ = -1;
};

// ---- connection -----------------------------------------------------------------------------

class LibpqConnection final : public DriverConnection {
public:
    LibpqConnection(PGconn* pg, std::size_t cache_capacity, StatementMode mode)
        : pg_(pg), cache_capacity_(cache_capacity), mode_(cache_capacity == 0 ? StatementMode::unnamed : mode) {}
    ~LibpqConnection() override { close(); }

    // In automatic mode, a pooler between client and server: the backend PID libpq was given
    // at connect (BackendKeyData) is the pooler's own, not that of the server process that
    // runs the statements. One round trip, once per connection.
    void detect_pooler() {
        if (mode_ != StatementMode::automatic) return;
        ResultPtr res(PQexec(pg_, "SELECT pg_backend_pid()"));
        if (!res || PQresultStatus(res.get()) != PGRES_TUPLES_OK || PQntuples(res.get()) != 1) return;
        if (std::strtoll(PQgetvalue(res.get(), 0, 0), nullptr, 10) != PQbackendPID(pg_)) mode_ = StatementMode::unnamed;
    }

    std::unique_ptr<Cursor> execute(const DriverStatement& stmt, std::span<const Value> params,
                                    const CursorOptions& options) override {
        check_open();
        settle_stream();
        const bool first = statements_in_transaction_++ == 0;
        try {
            return execute_once(stmt, params, options);
        } catch (const DriverError& e) {
            if (!recover_from_pooler(e, first)) throw;
        }
        return execute_once(stmt, params, options);
    }

private:
    std::unique_ptr<Cursor> execute_once(const DriverStatement& stmt, std::span<const Value> params,
                                         const CursorOptions& options) {
        params_.bind(params);
        signature(params, types_);
        Prepared* entry = prepared(stmt, types_);
        const std::string* name = entry ? &entry->name : nullptr;
        const int n = static_cast<int>(params.size());
        // Binary results once a prepared statement's columns are known to gain by them (libpq
        // asks one format for all columns).
        const int result_format = entry && entry->binary_results ? 1 : 0;
        if (options.stream_results) {
            const int sent = name ? PQsendQueryPrepared(pg_, name->c_str(), n, params_.values.data(), params_.lengths.data(),
                                                        params_.formats.data(), result_format)
                                  : PQsendQueryParams(pg_, std::string(stmt.sql).c_str(), n, types_.data(),
                                                      params_.values.data(), params_.lengths.data(),
                                                      params_.formats.data(), 0);
            if (!sent) throw make_error(pg_, nullptr);
            PQsetSingleRowMode(pg_);
            auto cursor = std::make_unique<StreamingCursor>(*this, pg_);
            stream_ = cursor.get();
            cursor->start();
            return cursor;
        }
        ResultPtr res(name ? PQexecPrepared(pg_, name->c_str(), n, params_.values.data(), params_.lengths.data(),
                                            params_.formats.data(), result_format)
                           : PQexecParams(pg_, std::string(stmt.sql).c_str(), n, types_.data(), params_.values.data(),
                                          params_.lengths.data(), params_.formats.data(), 0));
        check(res.get());
        auto cursor = std::make_unique<BufferedCursor>(std::move(res), entry ? entry->description : nullptr);
        if (entry && entry->description != cursor->description()) entry->describe(cursor->description());
        after_command(cursor->result());
        return cursor;
    }

    // A named statement met a pooler (the server connection did not hold it, or held another
    // by its name): this connection sends unnamed statements from now on. Returns whether the
    // failed statement may run again: nothing of it ran (the error came at Parse or Bind), and
    // nothing before it is lost - in AUTOCOMMIT, or as the first statement of its transaction
    // (rolled back and begun again here). Later in a transaction, the statements before it ran
    // on a server connection the failure has aborted: the error goes to the application, which
    // reruns the transaction (and finds the connection unnamed).
    bool recover_from_pooler(const DriverError& e, bool first_in_transaction) {
        if (!sent_named_ || !pooler_sqlstate(e) || !pg_ || PQstatus(pg_) != CONNECTION_OK) return false;
        mode_ = StatementMode::unnamed;
        prepared_.clear();
        stale_statements_ = false;  // the names are unique: the server connections can keep them
        if (autocommit_) return true;
        if (!first_in_transaction) {
            throw DriverError(e.kind(),
                              std::string(e.what()) +
                                  " (a connection pooler in transaction mode, such as pgbouncer, ran this statement "
                                  "on a server connection that did not prepare it; this connection now sends unnamed "
                                  "statements: roll back and run the transaction again, or set statement_mode=unnamed)",
                              e.sqlstate(), e.native_code(), false);
        }
        exec("ROLLBACK");
        exec("BEGIN");
        return true;
    }

public:
    // Every parameter set goes out in pipeline mode, a batch at a time (so neither side's
    // socket buffer fills while the other waits), and the results are read after each batch's
    // sync: one round trip per batch instead of per row.
    std::int64_t execute_many(const DriverStatement& stmt, ParamBatch batch) override {
        return pipeline_once_more(stmt, batch, nullptr);
    }

    // INSERT ... RETURNING per parameter set, pipelined the same way; the returned rows are
    // read as each batch's results come in, in parameter-set order.
    std::unique_ptr<Cursor> execute_many_returning(const DriverStatement& stmt, ParamBatch batch) override {
        std::shared_ptr<const Description> description;
        std::vector<std::vector<Value>> rows;
        auto collect = [&](const PGresult* res) {
            if (!description || !description->matches(res)) {
                auto d = std::make_shared<Description>();
                d->columns = describe(res, d->types);
                description = std::move(d);
            }
            const int n = PQntuples(res);
            for (int r = 0; r < n; ++r) {
                std::vector<Value> row(description->types.size());
                postgresql::read_row(res, r, description->types, row);
                rows.push_back(std::move(row));
            }
        };
        const std::function<void(const PGresult*)> on_rows = collect;
        const std::int64_t total = pipeline_once_more(stmt, batch, &on_rows, [&] {
            description.reset();
            rows.clear();
        });
        std::vector<ColumnInfo> columns = description ? description->columns : std::vector<ColumnInfo>{};
        return std::make_unique<BufferedRowsCursor>(std::move(columns), std::move(rows), total);
    }

private:
    // pipeline(), and once more unnamed when a pooler refused its named statement before any
    // parameter set ran (`reset` forgets what the failed run collected).
    std::int64_t pipeline_once_more(const DriverStatement& stmt, ParamBatch batch,
                                    const std::function<void(const PGresult*)>* on_rows,
                                    const std::function<void()>& reset = {}) {
        check_open();
        settle_stream();
        const bool first = statements_in_transaction_++ == 0;
        try {
            return pipeline(stmt, batch, on_rows);
        } catch (const DriverError& e) {
            // Only a failure of the first parameter set (or of the prepare): later sets ran after
            // earlier ones committed in AUTOCOMMIT.
            if (pipeline_failed_at_ != 0 || !recover_from_pooler(e, first)) throw;
        }
        if (reset) reset();
        return pipeline(stmt, batch, on_rows);
    }

    std::int64_t pipeline(const DriverStatement& stmt, ParamBatch batch,
                          const std::function<void(const PGresult*)>* on_rows) {
        check_open();
        settle_stream();
        pipeline_failed_at_ = 0;
        const std::size_t rows = batch.rows();
        if (rows == 0) return 0;
        std::vector<Oid> types(batch.width, oid::unknown);
        std::vector<bool> seen(batch.width, false);
        for (std::size_t r = 0; r < rows; ++r) widen(batch.row(r), types, seen);
        Prepared* entry = prepared(stmt, types);
        const std::string* name = entry ? &entry->name : nullptr;
        const std::string sql(stmt.sql);
        if (PQenterPipelineMode(pg_) != 1) throw make_error(pg_, nullptr, "entering pipeline mode");
        std::int64_t total = 0;
        std::optional<DriverError> failure;
        constexpr std::size_t per_batch = 1000;
        const int n = static_cast<int>(batch.width);
        for (std::size_t first = 0; first < rows && !failure; first += per_batch) {
            const std::size_t last = std::min(rows, first + per_batch);
            std::size_t sent = 0;
            for (std::size_t r = first; r < last; ++r) {
                params_.bind(batch.row(r));
                const int ok = name ? PQsendQueryPrepared(pg_, name->c_str(), n, params_.values.data(),
                                                          params_.lengths.data(), params_.formats.data(), 0)
                                    : PQsendQueryParams(pg_, sql.c_str(), n, types.data(), params_.values.data(),
                                                        params_.lengths.data(), params_.formats.data(), 0);
                if (!ok) {
                    failure = make_error(pg_, nullptr);
                    pipeline_failed_at_ = r;
                    break;
                }
                ++sent;
            }
            if (PQpipelineSync(pg_) != 1 && !failure) failure = make_error(pg_, nullptr);
            // Each query gives its result then a null; the batch ends with the sync's result.
            for (std::size_t q = 0; q < sent; ++q) {
                ResultPtr res(PQgetResult(pg_));
                if (!res) break;
                const auto status = PQresultStatus(res.get());
                if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
                    total += std::max<std::int64_t>(0, affected(res.get()));
                    if (on_rows && status == PGRES_TUPLES_OK && !failure) (*on_rows)(res.get());
                }
                else if (status != PGRES_PIPELINE_ABORTED && !failure) {
                    failure = make_error(pg_, res.get(), "parameter set " + std::to_string(first + q));
                    pipeline_failed_at_ = first + q;
                }
                while (ResultPtr more{PQgetResult(pg_)}) {
                }
            }
            while (ResultPtr res{PQgetResult(pg_)}) {
                if (PQresultStatus(res.get()) == PGRES_PIPELINE_SYNC) break;
            }
            if (PQstatus(pg_) == CONNECTION_BAD) break;
        }
        PQexitPipelineMode(pg_);
        if (failure) throw *failure;
        if (PQstatus(pg_) == CONNECTION_BAD) throw make_error(pg_, nullptr);
        return total;
    }

public:
    // In AUTOCOMMIT no BEGIN is sent, so each statement commits by itself.
    void begin() override {
        statements_in_transaction_ = 0;
        if (stale_statements_) {
            // Prepared statements dropped from the cache after a failure are dropped on the
            // server too, now that a transaction can run DEALLOCATE.
            exec("DEALLOCATE ALL");
            stale_statements_ = false;
        }
        if (!autocommit_) exec("BEGIN");
    }
    void commit() override {
        if (!autocommit_) exec("COMMIT");
    }
    void rollback() override {
        if (!pg_ || autocommit_) return;
        exec("ROLLBACK");
    }
    void set_isolation_level(std::string_view level) override {
        check_open();
        if (level == "AUTOCOMMIT") {
            autocommit_ = true;
            return;
        }
        static const std::unordered_set<std::string_view> levels{"READ UNCOMMITTED", "READ COMMITTED",
                                                                  "REPEATABLE READ", "SERIALIZABLE"};
        if (!levels.contains(level))
            throw DriverError(DBAPIErrorKind::not_supported_error,
                              "PostgreSQL has no isolation level \"" + std::string(level) + "\"");
        autocommit_ = false;
        exec("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + std::string(level));
    }
    std::string isolation_level() override {
        if (autocommit_) return "AUTOCOMMIT";
        check_open();
        settle_stream();
        ResultPtr res(PQexec(pg_, "SHOW transaction_isolation"));
        check(res.get());
        std::string level = PQgetvalue(res.get(), 0, 0);
        for (char& c : level) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return level;
    }
    bool ping() noexcept override {
        if (!pg_ || PQstatus(pg_) != CONNECTION_OK) return false;
        try {
            settle_stream();
        } catch (...) {
            return false;
        }
        ResultPtr res(PQexec(pg_, ";"));  // an empty query: a round trip that does nothing
        return res && PQresultStatus(res.get()) == PGRES_EMPTY_QUERY;
    }
    void close() noexcept override {
        if (!pg_) return;
        if (stream_) stream_->close();
        PQfinish(pg_);
        pg_ = nullptr;
        prepared_.clear();
    }
    bool closed() const noexcept override { return pg_ == nullptr; }
    std::string server_version() const override {
        if (!pg_) return {};
        const int v = PQserverVersion(pg_);
        return v >= 100000 ? std::to_string(v / 10000) + "." + std::to_string(v % 10000)
                           : std::to_string(v / 10000) + "." + std::to_string(v / 100 % 100) + "." + std::to_string(v % 100);
    }
    void* native_handle() noexcept override { return pg_; }

    void stream_closed(StreamingCursor* cursor) noexcept {
        if (stream_ == cursor) stream_ = nullptr;
    }

private:
    void check_open() const {
        if (!pg_) throw DriverError(DBAPIErrorKind::interface_error, "connection already closed");
    }

    // A streaming result still being read keeps the connection busy: read it to its end first.
    void settle_stream() {
        if (stream_) {
            auto* s = stream_;
            stream_ = nullptr;
            s->buffer_rest();
        }
    }

    void check(const PGresult* res) {
        if (!res) throw make_error(pg_, nullptr);
        switch (PQresultStatus(res)) {
            case PGRES_COMMAND_OK:
            case PGRES_TUPLES_OK:
            case PGRES_EMPTY_QUERY: return;
            default: {
                auto error = make_error(pg_, res);
                // A table changed under a prepared statement ("cached plan must not change
                // result type"): this execution fails, later ones prepare afresh.
                if (error.sqlstate() == "0A000" && prepared_.size() > 0) {
                    prepared_.clear();
                    stale_statements_ = true;
                }
                throw error;
            }
        }
    }

    // DDL can change what prepared statements return: after CREATE, ALTER or DROP on this
    // connection every prepared statement is dropped (as psycopg 3 does).
    void after_command(const PGresult* res) {
        if (prepared_.empty() || PQresultStatus(res) != PGRES_COMMAND_OK) return;
        const std::string_view status = PQcmdStatus(const_cast<PGresult*>(res));
        if (!status.starts_with("CREATE") && !status.starts_with("ALTER") && !status.starts_with("DROP")) return;
        prepared_.clear();
        ResultPtr done(PQexec(pg_, "DEALLOCATE ALL"));
        if (!done || PQresultStatus(done.get()) != PGRES_COMMAND_OK) stale_statements_ = true;
    }

    void exec(const std::string& sql) {
        check_open();
        settle_stream();
        ResultPtr res(PQexec(pg_, sql.c_str()));
        check(res.get());
    }

    // A statement prepared on this connection, and the columns it returned last time.
    struct Prepared {
        std::string name;
        std::shared_ptr<const Description> description;
        bool binary_results = false;

        // Binary results when every column reads in binary and one gains by it.
        void describe(std::shared_ptr<const Description> d) {
            description = std::move(d);
            const auto& types = description->types;
            binary_results = std::ranges::all_of(types, binary_readable) && std::ranges::any_of(types, binary_pays);
        }
    };

    // The prepared statement for `stmt` with these parameter types, prepared now if need be;
    // null when the statement is not to be cached (then it goes as an unnamed statement).
    Prepared* prepared(const DriverStatement& stmt, const std::vector<Oid>& types) {
        sent_named_ = false;
        if (stmt.cache_key == 0 || mode_ == StatementMode::unnamed) return nullptr;
        const std::string key = prepared_key(stmt.cache_key, types);
        if (auto it = prepared_.find(key); it != prepared_.end()) {
            sent_named_ = true;
            return &it->second;
        }
        // Full: later statements run unnamed rather than evicting (DEALLOCATE cannot run in a
        // failed transaction, which is when a cache would need it least predictably).
        if (prepared_.size() >= cache_capacity_) return nullptr;
        sent_named_ = true;
        std::string name = statement_name(stmt.sql, types);
        ResultPtr res(PQprepare(pg_, name.c_str(), std::string(stmt.sql).c_str(), static_cast<int>(types.size()),
                                types.data()));
        check(res.get());
        return &prepared_.emplace(key, Prepared{std::move(name), nullptr}).first->second;
    }

    PGconn* pg_;
    std::size_t cache_capacity_;
    StatementMode mode_;
    bool sent_named_ = false;                      // the last statement went (or was to go) named
    std::size_t statements_in_transaction_ = 0;   // since begin()
    std::size_t pipeline_failed_at_ = 0;          // the parameter set the last pipeline failed at
    bool autocommit_ = false;
    bool stale_statements_ = false;
    StreamingCursor* stream_ = nullptr;
    std::unordered_map<std::string, Prepared> prepared_;
    BoundParams params_;
    std::vector<Oid> types_;
};

void StreamingCursor::start() {
    ResultPtr first = next_from_server();
    if (!first) return;
    columns_ = describe(first.get(), types_);
    if (PQntuples(first.get()) > 0) pending_ = std::move(first);
}

ResultPtr StreamingCursor::next_from_server() {
    if (server_done_) return nullptr;
    for (;;) {
        ResultPtr res(PQgetResult(pg_));
        if (!res) {
            finish();
            return nullptr;
        }
        switch (PQresultStatus(res.get())) {
            case PGRES_SINGLE_TUPLE: return res;
            case PGRES_TUPLES_OK:
            case PGRES_COMMAND_OK: {
                // The end of the rows: a zero-row result with the columns and the count.
                rowcount_ = affected(res.get());
                if (columns_.empty() && PQnfields(res.get()) > 0) columns_ = describe(res.get(), types_);
                while (ResultPtr more{PQgetResult(pg_)}) {
                }
                finish();
                return nullptr;
            }
            default: {
                auto error = make_error(pg_, res.get());
                while (ResultPtr more{PQgetResult(pg_)}) {
                }
                finish();
                throw error;
            }
        }
    }
}

void StreamingCursor::finish() noexcept {
    server_done_ = true;
    if (conn_) conn_->stream_closed(this);
}

bool StreamingCursor::fetch() {
    if (pending_) {
        current_ = std::move(pending_);
        return true;
    }
    if (!buffered_.empty()) {
        current_ = std::move(buffered_.front());
        buffered_.pop_front();
        return true;
    }
    current_ = next_from_server();
    return current_ != nullptr;
}

void StreamingCursor::buffer_rest() {
    while (ResultPtr res = next_from_server()) buffered_.push_back(std::move(res));
}

void StreamingCursor::close() noexcept {
    // The rest of the rows are read and dropped: the protocol has no way to stop a query's
    // output but cancelling it, which would abort the transaction.
    if (!server_done_) {
        try {
            while (next_from_server()) {
            }
        } catch (...) {
        }
    }
    pending_.reset();
    current_.reset();
    buffered_.clear();
    conn_ = nullptr;
}

// ---- driver ---------------------------------------------------------------------------------

// libpq's own connection keywords (PQconndefaults), which connect arguments must be.
const std::unordered_set<std::string>& libpq_keywords() {
    static const std::unordered_set<std::string> keywords = [] {
        std::unordered_set<std::string> out;
        PQconninfoOption* options = PQconndefaults();
        for (auto* o = options; o && o->keyword; ++o) out.insert(o->keyword);
        PQconninfoFree(options);
        return out;
    }();
    return keywords;
}

// connect_timeout when none is given, in seconds (SQLAlchemy users set the same key).
constexpr int default_connect_timeout_seconds = 30;

class LibpqDriver final : public Driver {
public:
    std::string_view name() const noexcept override { return "libpq"; }
    ParamStyle paramstyle() const noexcept override { return ParamStyle::numeric_dollar; }

    std::unique_ptr<DriverConnection> connect(const Params& args) override {
        std::vector<std::string> keys, values;
        std::size_t cache = 256;
        StatementMode mode = StatementMode::automatic;
        bool timeout_given = false;
        for (const auto& [key, value] : args) {
            if (value.is_null()) continue;
            const std::string text = value.kind() == ValueKind::text ? value.as<std::string>() : value.repr();
            if (key == "prepared_statement_cache_size") {
                cache = static_cast<std::size_t>(std::max<std::int64_t>(0, value.kind() == ValueKind::text
                                                                               ? std::stoll(value.as<std::string>())
                                                                               : value.as<std::int64_t>()));
                continue;
            }
            if (key == "statement_mode") {
                if (text == "auto") mode = StatementMode::automatic;
                else if (text == "named") mode = StatementMode::named;
                else if (text == "unnamed") mode = StatementMode::unnamed;
                else
                    throw ArgumentError("libpq driver: statement_mode is \"auto\", \"named\" or \"unnamed\", not \"" +
                                        text + "\"");
                continue;
            }
            if (key == "pgbouncer") {
                if (value.kind() == ValueKind::boolean ? value.as<bool>() : text == "true" || text == "1")
                    mode = StatementMode::unnamed;
                else if (!(value.kind() == ValueKind::boolean || text == "false" || text == "0"))
                    throw ArgumentError("libpq driver: pgbouncer is true or false, not \"" + text + "\"");
                continue;
            }
            const std::string keyword = key == "database" ? "dbname" : key;
            if (!libpq_keywords().contains(keyword))
                throw ArgumentError("libpq driver: unknown connect argument \"" + key +
                                    "\"; it takes libpq's connection keywords (host, port, user, password, dbname, "
                                    "sslmode, connect_timeout, application_name, options...), "
                                    "prepared_statement_cache_size, statement_mode and pgbouncer");
            if (keyword == "connect_timeout") timeout_given = true;
            keys.push_back(keyword);
            values.push_back(text);
        }
        // A server that accepts the connection and never answers would hold connect() forever:
        // libpq waits without limit unless told (PGCONNECT_TIMEOUT in the environment counts).
        if (!timeout_given && !std::getenv("PGCONNECT_TIMEOUT")) {
            keys.push_back("connect_timeout");
            values.push_back(std::to_string(default_connect_timeout_seconds));
        }
        std::vector<const char*> k, v;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            k.push_back(keys[i].c_str());
            v.push_back(values[i].c_str());
        }
        k.push_back(nullptr);
        v.push_back(nullptr);
        PGconn* pg = PQconnectdbParams(k.data(), v.data(), 0);
        if (!pg) throw DriverError(DBAPIErrorKind::operational_error, "libpq could not allocate a connection");
        if (PQstatus(pg) != CONNECTION_OK) {
            DriverError error(DBAPIErrorKind::operational_error, "connection failed: " + trimmed(PQerrorMessage(pg)));
            PQfinish(pg);
            throw error;
        }
        // Server messages below ERROR (NOTICE: "table does not exist, skipping") are not for stderr.
        PQsetNoticeProcessor(pg, [](void*, const char*) {}, nullptr);
        if (PQsetClientEncoding(pg, "UTF8") != 0) {
            DriverError error = make_error(pg, nullptr, "setting client_encoding to UTF8");
            PQfinish(pg);
            throw error;
        }
        auto conn = std::make_unique<LibpqConnection>(pg, cache, mode);
        conn->detect_pooler();
        return conn;
    }
};

}  // namespace

std::unique_ptr<Driver> make_driver() { return std::make_unique<LibpqDriver>(); }

}  // namespace sqla::postgresql
