// sqla: plugins/sqlite/driver_sqlite3.cpp. The sqlite3 driver: connections, prepared-statement
// cache, typed binding and fetching on the SQLite C API.
// SPDX-License-Identifier: MIT
#include <map>
#include <boost/json.hpp>
#include <sqlite3.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

import sqla;

#include "sqlite_plugin.hpp"

namespace sqla::sqlite {

void regexp_function(sqlite3_context* ctx, int argc, sqlite3_value** argv);
namespace {

// A prepared statement and its result columns, kept per connection between executions.
struct PreparedStatement {
    sqlite3_stmt* stmt = nullptr;
    std::vector<ColumnInfo> columns;
    bool dml = false;
    bool in_use = false;
};

// INSERT, UPDATE, DELETE and REPLACE report rowcounts; other statements report -1, as in
// Python's sqlite3.
bool is_dml(std::string_view sql) {
    std::size_t i = 0;
    while (i < sql.size()) {
        if (std::isspace(static_cast<unsigned char>(sql[i]))) {
            ++i;
        } else if (sql.substr(i, 2) == "--") {
            i = sql.find('\n', i);
            if (i == std::string_view::npos) return false;
        } else if (sql.substr(i, 2) == "/*") {
            i = sql.find("*/", i);
            if (i == std::string_view::npos) return false;
            i += 2;
        } else {
            break;
        }
    }
    std::string word;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])))
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i++])));
    return word == "insert" || word == "update" || word == "delete" || word == "replace";
}

class SQLiteConnection;

class SQLiteCursor final : public Cursor {
public:
    SQLiteCursor(SQLiteConnection& conn, PreparedStatement* cached, std::unique_ptr<PreparedStatement> owned)
        : conn_(&conn), cached_(cached), owned_(std::move(owned)) {}
    ~SQLiteCursor() override { close(); }

    // Binds and runs the first step, so errors surface at execute time as DBAPI cursors do.
    // Resets, binds `params` and steps once. `borrow`: text and blobs are bound without a copy,
    // for a caller that keeps `params` alive until the next start() or close().
    void start(std::span<const Value> params, bool borrow = false);

    std::span<const ColumnInfo> columns() const noexcept override { return prepared().columns; }

    bool fetch() override {
        if (done_ || !prepared_ptr()) return false;
        if (pending_row_) {
            pending_row_ = false;
            return true;
        }
        return step();
    }

    void read_row(std::span<Value> out) override {
        sqlite3_stmt* st = prepared().stmt;
        for (std::size_t i = 0; i < out.size(); ++i) {
            const int col = static_cast<int>(i);
            switch (sqlite3_column_type(st, col)) {
                case SQLITE_INTEGER: out[i].set_int(sqlite3_column_int64(st, col)); break;
                case SQLITE_FLOAT: out[i].set_double(sqlite3_column_double(st, col)); break;
                case SQLITE_TEXT: {
                    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
                    out[i].set_text(std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(st, col))));
                    break;
                }
                case SQLITE_BLOB: {
                    const void* p = sqlite3_column_blob(st, col);
                    out[i].set_blob(p, static_cast<std::size_t>(sqlite3_column_bytes(st, col)));
                    break;
                }
                default: out[i].set_null(); break;
            }
        }
    }

    std::int64_t rowcount() const noexcept override { return rowcount_; }
    std::optional<std::int64_t> lastrowid() const noexcept override { return lastrowid_; }
    void close() noexcept override;

private:
    PreparedStatement* prepared_ptr() const noexcept { return cached_ ? cached_ : owned_.get(); }
    const PreparedStatement& prepared() const noexcept { return *prepared_ptr(); }
    bool step();

    SQLiteConnection* conn_;
    PreparedStatement* cached_;
    std::unique_ptr<PreparedStatement> owned_;
    bool pending_row_ = false;
    bool done_ = false;
    std::int64_t rowcount_ = -1;
    std::optional<std::int64_t> lastrowid_;
};

class SQLiteConnection final : public DriverConnection {
public:
    SQLiteConnection(sqlite3* db, std::size_t cache_capacity) : db_(db), cache_capacity_(cache_capacity) {}
    ~SQLiteConnection() override { close(); }

    sqlite3* db() const noexcept { return db_; }

    std::unique_ptr<Cursor> execute(const DriverStatement& stmt, std::span<const Value> params,
                                    const CursorOptions&) override {
        check_open();
        auto cursor = acquire(stmt);
        cursor->start(params);
        return cursor;
    }

    std::int64_t execute_many(const DriverStatement& stmt, ParamBatch batch) override {
        check_open();
        auto cursor = acquire(stmt);
        std::int64_t total = 0;
        // The batch outlives the loop, and close() clears the bindings: no copies of the values.
        for (std::size_t r = 0; r < batch.rows(); ++r) {
            cursor->start(batch.row(r), true);
            total += cursor->rowcount() > 0 ? cursor->rowcount() : 0;
        }
        cursor->close();
        return total;
    }

    // In AUTOCOMMIT, BEGIN is not issued, so each statement commits by itself (pysqlite's
    // isolation_level=None); COMMIT and ROLLBACK then have nothing to end.
    void begin() override {
        if (!autocommit_) exec("BEGIN");
    }
    void commit() override {
        if (!sqlite3_get_autocommit(db_)) exec("COMMIT");
    }
    void rollback() override {
        // SQLite may already have rolled back by itself (after SQLITE_FULL, for one).
        if (db_ && !sqlite3_get_autocommit(db_)) exec("ROLLBACK");
    }
    void set_isolation_level(std::string_view level) override {
        check_open();
        if (level == "AUTOCOMMIT") {
            autocommit_ = true;
            return;
        }
        if (level != "SERIALIZABLE" && level != "READ UNCOMMITTED")
            throw DriverError(DBAPIErrorKind::not_supported_error,
                              "SQLite has no isolation level \"" + std::string(level) + "\"");
        autocommit_ = false;
        exec(level == "SERIALIZABLE" ? "PRAGMA read_uncommitted = 0" : "PRAGMA read_uncommitted = 1");
    }
    std::string isolation_level() override {
        if (autocommit_) return "AUTOCOMMIT";
        check_open();
        sqlite3_stmt* st = nullptr;
        int rc = sqlite3_prepare_v2(db_, "PRAGMA read_uncommitted", -1, &st, nullptr);
        if (rc != SQLITE_OK) throw make_error(db_, rc, "PRAGMA read_uncommitted");
        const bool uncommitted = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
        sqlite3_finalize(st);
        return uncommitted ? "READ UNCOMMITTED" : "SERIALIZABLE";
    }
    // An in-process database has no link to lose; a connection is alive while it is open and
    // can run a statement (which catches a database file removed under it only partly).
    bool ping() noexcept override {
        if (!db_) return false;
        return sqlite3_exec(db_, "SELECT 1", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    void close() noexcept override {
        if (!db_) return;
        for (auto& [key, p] : cache_) sqlite3_finalize(p.stmt);
        cache_.clear();
        sqlite3_close_v2(db_);
        db_ = nullptr;
    }
    bool closed() const noexcept override { return db_ == nullptr; }
    std::string server_version() const override { return sqlite3_libversion(); }
    void* native_handle() noexcept override { return db_; }

    void release(PreparedStatement* cached) noexcept {
        sqlite3_reset(cached->stmt);
        sqlite3_clear_bindings(cached->stmt);
        cached->in_use = false;
    }

private:
    void check_open() const {
        if (!db_) throw DriverError(DBAPIErrorKind::programming_error, "cannot operate on a closed database");
    }

    void exec(const char* sql) {
        check_open();
        char* err = nullptr;
        int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
        if (err) sqlite3_free(err);
        if (rc != SQLITE_OK) throw make_error(db_, rc, sql);
    }

    std::unique_ptr<PreparedStatement> prepare(std::string_view sql) {
        auto p = std::make_unique<PreparedStatement>();
        const char* tail = nullptr;
        int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &p->stmt, &tail);
        if (rc != SQLITE_OK) {
            auto err = make_error(db_, rc);
            sqlite3_finalize(p->stmt);
            throw err;
        }
        if (!p->stmt) throw DriverError(DBAPIErrorKind::programming_error, "the statement is empty");
        // One statement per execute, as Python's sqlite3 insists.
        for (const char* t = tail; t && t < sql.data() + sql.size(); ++t) {
            if (!std::isspace(static_cast<unsigned char>(*t)) && *t != ';') {
                sqlite3_finalize(p->stmt);
                throw DriverError(DBAPIErrorKind::programming_error, "you can only execute one statement at a time");
            }
        }
        const int n = sqlite3_column_count(p->stmt);
        p->columns.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            const char* name = sqlite3_column_name(p->stmt, i);
            const char* decl = sqlite3_column_decltype(p->stmt, i);
            p->columns.push_back(ColumnInfo{name ? name : "", decl ? decl : ""});
        }
        p->dml = is_dml(sql);
        return p;
    }

    std::unique_ptr<SQLiteCursor> acquire(const DriverStatement& stmt) {
        if (stmt.cache_key != 0 && cache_capacity_ > 0) {
            auto it = cache_.find(stmt.cache_key);
            if (it == cache_.end()) {
                if (cache_.size() >= cache_capacity_) evict_one();
                auto p = prepare(stmt.sql);
                it = cache_.emplace(stmt.cache_key, std::move(*p)).first;
            }
            if (!it->second.in_use) {
                it->second.in_use = true;
                return std::make_unique<SQLiteCursor>(*this, &it->second, nullptr);
            }
            // The cached statement is still being read by another cursor: use a fresh one.
        }
        return std::make_unique<SQLiteCursor>(*this, nullptr, prepare(stmt.sql));
    }

    void evict_one() {
        for (auto it = cache_.begin(); it != cache_.end(); ++it) {
            if (!it->second.in_use) {
                sqlite3_finalize(it->second.stmt);
                cache_.erase(it);
                return;
            }
        }
    }

    sqlite3* db_;
    bool autocommit_ = false;
    std::size_t cache_capacity_;
    std::unordered_map<std::uint64_t, PreparedStatement> cache_;
};

// The text SQLite stores for values it has no storage class for, in SQLAlchemy's SQLite formats:
// DATE "2024-02-29", TIME "13:05:09.000000", DATETIME "2024-02-29 13:05:09.000000" (always six
// fractional digits), a datetime with time zone in UTC with "+00:00", an Interval as the DATETIME
// 1970-01-01 00:00:00 + interval (SQLAlchemy's non-native Interval), a Uuid as 32 lowercase hex
// digits (CHAR(32)), a Decimal as its exact digits, JSON serialized. Throws ArgumentError for a
// date outside years 0000..9999.
std::string storage_text(const Value& value) {
    const auto& v = value.storage();
    switch (value.kind()) {
        case ValueKind::decimal: return std::get<Decimal>(v).to_string();
        case ValueKind::date: return to_iso(std::get<std::chrono::year_month_day>(v));
        case ValueKind::time: return to_iso(std::get<TimeOfDay>(v), true);
        case ValueKind::datetime: return to_iso(std::get<LocalDateTime>(v), ' ', true);
        case ValueKind::datetime_tz: return to_iso(std::get<UtcDateTime>(v), ' ', true);
        case ValueKind::interval: return to_iso(LocalDateTime{} + std::get<std::chrono::microseconds>(v), ' ', true);
        case ValueKind::uuid: return std::get<UuidValue>(v).hex();
        case ValueKind::json: return boost::json::serialize(std::get<boost::json::value>(v));
        default: return {};
    }
}

void SQLiteCursor::start(std::span<const Value> params, bool borrow) {
    auto& p = *prepared_ptr();
    sqlite3_stmt* st = p.stmt;
    sqlite3_reset(st);
    done_ = pending_row_ = false;
    const int expected = sqlite3_bind_parameter_count(st);
    if (expected != static_cast<int>(params.size()))
        throw DriverError(DBAPIErrorKind::programming_error,
                          "incorrect number of bindings supplied: the statement uses " + std::to_string(expected) +
                              ", and there are " + std::to_string(params.size()) + " supplied");
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int idx = static_cast<int>(i) + 1;
        int rc = SQLITE_OK;
        const auto& v = params[i].storage();
        switch (params[i].kind()) {
            case ValueKind::null: rc = sqlite3_bind_null(st, idx); break;
            case ValueKind::boolean: rc = sqlite3_bind_int(st, idx, std::get<bool>(v) ? 1 : 0); break;
            case ValueKind::integer: rc = sqlite3_bind_int64(st, idx, std::get<std::int64_t>(v)); break;
            case ValueKind::real: rc = sqlite3_bind_double(st, idx, std::get<double>(v)); break;
            case ValueKind::text: {
                const auto& s = std::get<std::string>(v);
                rc = sqlite3_bind_text64(st, idx, s.data(), s.size(), borrow ? SQLITE_STATIC : SQLITE_TRANSIENT,
                                         SQLITE_UTF8);
                break;
            }
            case ValueKind::blob: {
                const auto& b = std::get<Bytes>(v);
                rc = b.empty() ? sqlite3_bind_zeroblob(st, idx, 0)
                               : sqlite3_bind_blob64(st, idx, b.data(), b.size(), borrow ? SQLITE_STATIC : SQLITE_TRANSIENT);
                break;
            }
            case ValueKind::decimal:
            case ValueKind::date:
            case ValueKind::time:
            case ValueKind::datetime:
            case ValueKind::datetime_tz:
            case ValueKind::interval:
            case ValueKind::uuid:
            case ValueKind::json: {
                std::string s;
                try {
                    s = storage_text(params[i]);
                } catch (const Error& e) {
                    throw DriverError(DBAPIErrorKind::interface_error,
                                      "error binding parameter " + std::to_string(idx) + ": " + e.what());
                }
                rc = sqlite3_bind_text64(st, idx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
                break;
            }
        }
        if (rc != SQLITE_OK) throw make_error(conn_->db(), rc, "binding parameter " + std::to_string(idx));
    }
    pending_row_ = step();
    if (!pending_row_) {
        rowcount_ = p.dml ? sqlite3_changes64(conn_->db()) : -1;
        lastrowid_ = sqlite3_last_insert_rowid(conn_->db());
    }
}

bool SQLiteCursor::step() {
    sqlite3_stmt* st = prepared().stmt;
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
        done_ = true;
        return false;
    }
    done_ = true;
    auto err = make_error(conn_->db(), rc);
    sqlite3_reset(st);
    throw err;
}

void SQLiteCursor::close() noexcept {
    if (cached_) {
        conn_->release(cached_);
        cached_ = nullptr;
    } else if (owned_) {
        sqlite3_finalize(owned_->stmt);
        owned_.reset();
    }
    done_ = true;
}

std::optional<double> number_arg(const Params& args, std::string_view key) {
    const Value* v = args.find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (auto s = v->as<std::optional<std::string_view>>()) {
        double d = 0;
        auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), d);
        if (ec != std::errc{} || ptr != s->data() + s->size())
            throw ArgumentError("sqlite3 driver: connect argument \"" + std::string(key) + "\" must be a number, got \"" +
                                std::string(*s) + "\"");
        return d;
    }
    return v->as<double>();
}

bool bool_arg(const Params& args, std::string_view key) {
    const Value* v = args.find(key);
    if (!v || v->is_null()) return false;
    if (v->kind() == ValueKind::text) {
        auto s = v->as<std::string>();
        return s == "true" || s == "1" || s == "True" || s == "yes";
    }
    return v->as<bool>();
}

constexpr std::string_view driver_arguments[] = {"database", "timeout", "uri", "check_same_thread",
                                                 "cached_statements"};

bool is_driver_argument(std::string_view key) {
    for (auto k : driver_arguments)
        if (key == k) return true;
    return false;
}

class SQLite3Driver final : public Driver {
public:
    std::string_view name() const noexcept override { return "sqlite3"; }
    ParamStyle paramstyle() const noexcept override { return ParamStyle::qmark; }

    Params create_connect_args(const URL& url, const Params& connect_args) const override {
        if (url.username() || url.password() || url.host() || url.port())
            throw ArgumentError("invalid SQLite URL " + url.render() +
                                ": valid forms are sqlite:// or sqlite:///:memory: (memory), "
                                "sqlite:///relative/path.db and sqlite:////absolute/path.db");
        Params args;
        std::string database = url.database() && !url.database()->empty() ? *url.database() : ":memory:";
        const bool uri = url.query_value("uri") == "true" || url.query_value("uri") == "1";
        std::string uri_query;
        for (const auto& [key, values] : url.query()) {
            if (values.empty()) continue;
            if (uri && !is_driver_argument(key)) {
                // With uri=true, other query keys belong to the SQLite URI filename (as pysqlite).
                for (const auto& v : values) uri_query += (uri_query.empty() ? "?" : "&") + key + "=" + v;
            } else {
                args.set(key, values.back());
            }
        }
        args.set("database", database + uri_query);
        for (const auto& [key, value] : connect_args) args.set(key, value);
        return args;
    }

    std::unique_ptr<DriverConnection> connect(const Params& args) override {
        for (const auto& [key, value] : args) {
            if (!is_driver_argument(key))
                throw ArgumentError("sqlite3 driver: unknown connect argument \"" + key +
                                    "\"; it understands database, timeout, uri, check_same_thread, cached_statements");
        }
        const Value* database = args.find("database");
        const std::string path = database ? database->as<std::string>() : ":memory:";
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        if (bool_arg(args, "uri")) flags |= SQLITE_OPEN_URI;
        const double timeout = number_arg(args, "timeout").value_or(5.0);
        const double cached = number_arg(args, "cached_statements").value_or(128);

        sqlite3* db = nullptr;
        int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
        if (rc != SQLITE_OK) {
            auto err = make_error(db, rc, "unable to open database \"" + path + "\"");
            sqlite3_close_v2(db);
            throw err;
        }
        sqlite3_extended_result_codes(db, 1);
        sqlite3_busy_timeout(db, static_cast<int>(timeout * 1000));
        sqlite3_create_function_v2(db, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, regexp_function,
                                   nullptr, nullptr, nullptr);
        return std::make_unique<SQLiteConnection>(db, cached > 0 ? static_cast<std::size_t>(cached) : 0);
    }
};

}  // namespace

bool is_sqlite3_connection(const DriverConnection& connection) noexcept {
    return dynamic_cast<const SQLiteConnection*>(&connection) != nullptr;
}

std::unique_ptr<Driver> make_driver() { return std::make_unique<SQLite3Driver>(); }

// SQLite parses `x REGEXP pattern` but has no function behind it; SQLAlchemy's pysqlite dialect
// registers one (Python's re.search), so regexp_match() works there. Here: std::regex
// (ECMAScript), the compiled pattern kept with the statement while SQLite lets us.
void regexp_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    std::unique_ptr<std::regex> owned;
    auto* re = static_cast<std::regex*>(sqlite3_get_auxdata(ctx, 0));
    if (!re) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
        try {
            owned = std::make_unique<std::regex>(p ? p : "", std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            const std::string message = std::string("REGEXP: invalid pattern: ") + e.what();
            sqlite3_result_error(ctx, message.c_str(), -1);
            return;
        }
        re = owned.get();
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    const int n = sqlite3_value_bytes(argv[1]);
    const bool found = std::regex_search(text, text + n, *re);
    sqlite3_result_int(ctx, found ? 1 : 0);
    // Handed over after use: SQLite may free it at once.
    if (owned) sqlite3_set_auxdata(ctx, 0, owned.release(), [](void* ptr) { delete static_cast<std::regex*>(ptr); });
}

}  // namespace sqla::sqlite
