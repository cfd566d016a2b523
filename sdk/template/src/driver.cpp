// example: src/driver.cpp. The example_sqlite driver: Driver, DriverConnection and Cursor on a
// client library's C API. SQLite stands in for that library here; a real driver replaces each
// sqlite3_* call with its own client's (PQexecParams, mysql_stmt_execute, SQLExecute...).
// SPDX-License-Identifier: MIT
#include <sqlite3.h>

#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

import sqla;

#include "example_plugin.hpp"

namespace example {
namespace {

// INSERT, UPDATE, DELETE and REPLACE report how many rows they changed; other statements -1.
bool is_dml(std::string_view sql) {
    std::size_t i = 0;
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    std::string word;
    while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])))
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i++])));
    return word == "insert" || word == "update" || word == "delete" || word == "replace";
}

// One execution's result. It owns its prepared statement; a real driver that caches prepared
// statements per connection (keyed by DriverStatement::cache_key) would borrow one instead.
class ExampleCursor final : public sqla::Cursor {
public:
    ExampleCursor(sqlite3* db, sqlite3_stmt* stmt, std::vector<sqla::ColumnInfo> columns, bool dml)
        : db_(db), stmt_(stmt), columns_(std::move(columns)), dml_(dml) {}
    ~ExampleCursor() override { close(); }

    // Binds the parameters and runs to the first row, so errors surface at execute time.
    void start(std::span<const sqla::Value> params) {
        const int expected = sqlite3_bind_parameter_count(stmt_);
        if (expected != static_cast<int>(params.size()))
            throw sqla::DriverError(sqla::DBAPIErrorKind::programming_error,
                                    "the statement takes " + std::to_string(expected) + " parameters, " +
                                        std::to_string(params.size()) + " given");
        for (std::size_t i = 0; i < params.size(); ++i) bind(static_cast<int>(i) + 1, params[i]);
        pending_row_ = step();
        if (!pending_row_) {
            rowcount_ = dml_ ? sqlite3_changes64(db_) : -1;
            lastrowid_ = sqlite3_last_insert_rowid(db_);
        }
    }

    std::span<const sqla::ColumnInfo> columns() const noexcept override { return columns_; }

    bool fetch() override {
        if (!stmt_ || done_) return false;
        if (pending_row_) {
            pending_row_ = false;
            return true;
        }
        return step();
    }

    // Reads the current row into `out`, reusing the Values' storage (set_text, set_blob).
    void read_row(std::span<sqla::Value> out) override {
        for (std::size_t i = 0; i < out.size(); ++i) {
            const int col = static_cast<int>(i);
            switch (sqlite3_column_type(stmt_, col)) {
                case SQLITE_INTEGER: out[i].set_int(sqlite3_column_int64(stmt_, col)); break;
                case SQLITE_FLOAT: out[i].set_double(sqlite3_column_double(stmt_, col)); break;
                case SQLITE_TEXT: {
                    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
                    out[i].set_text(std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))));
                    break;
                }
                case SQLITE_BLOB: {
                    const void* p = sqlite3_column_blob(stmt_, col);
                    out[i].set_blob(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
                    break;
                }
                default: out[i].set_null(); break;
            }
        }
    }

    std::int64_t rowcount() const noexcept override { return rowcount_; }
    std::optional<std::int64_t> lastrowid() const noexcept override { return lastrowid_; }

    void close() noexcept override {
        if (stmt_) sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        done_ = true;
    }

private:
    void bind(int index, const sqla::Value& value) {
        const auto& v = value.storage();
        int rc = SQLITE_OK;
        switch (value.kind()) {
            case sqla::ValueKind::null: rc = sqlite3_bind_null(stmt_, index); break;
            case sqla::ValueKind::boolean: rc = sqlite3_bind_int(stmt_, index, std::get<bool>(v) ? 1 : 0); break;
            case sqla::ValueKind::integer: rc = sqlite3_bind_int64(stmt_, index, std::get<std::int64_t>(v)); break;
            case sqla::ValueKind::real: rc = sqlite3_bind_double(stmt_, index, std::get<double>(v)); break;
            case sqla::ValueKind::text: {
                const auto& s = std::get<std::string>(v);
                rc = sqlite3_bind_text64(stmt_, index, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
                break;
            }
            case sqla::ValueKind::blob: {
                const auto& b = std::get<sqla::Bytes>(v);
                rc = b.empty() ? sqlite3_bind_zeroblob(stmt_, index, 0)
                               : sqlite3_bind_blob64(stmt_, index, b.data(), b.size(), SQLITE_TRANSIENT);
                break;
            }
            default:
                // Decimals, dates, times, intervals, UUIDs and JSON: a real driver binds each
                // natively, or as text in its database's format (plugins/sqlite/driver_sqlite3.cpp).
                throw sqla::DriverError(sqla::DBAPIErrorKind::not_supported_error,
                                        "the example driver cannot bind parameter " + std::to_string(index) + ", a " +
                                            std::string(sqla::to_string(value.kind())) + " value");
        }
        if (rc != SQLITE_OK) throw make_error(db_, rc, "binding parameter " + std::to_string(index));
    }

    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        done_ = true;
        if (rc == SQLITE_DONE) return false;
        throw make_error(db_, rc);
    }

    sqlite3* db_;
    sqlite3_stmt* stmt_;
    std::vector<sqla::ColumnInfo> columns_;
    bool dml_;
    bool pending_row_ = false;
    bool done_ = false;
    std::int64_t rowcount_ = -1;
    std::optional<std::int64_t> lastrowid_;
};

// One connection (a DBAPI connection). The pool owns it; one thread uses it at a time.
class ExampleConnection final : public sqla::DriverConnection {
public:
    explicit ExampleConnection(sqlite3* db) : db_(db) {}
    ~ExampleConnection() override { close(); }

    // `stmt.sql` is already in the driver's paramstyle (qmark, see ExampleDriver::paramstyle).
    std::unique_ptr<sqla::Cursor> execute(const sqla::DriverStatement& stmt, std::span<const sqla::Value> params,
                                          const sqla::CursorOptions&) override {
        check_open();
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        const int rc = sqlite3_prepare_v2(db_, stmt.sql.data(), static_cast<int>(stmt.sql.size()), &raw, &tail);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(raw);
            throw make_error(db_, rc);
        }
        if (!raw) throw sqla::DriverError(sqla::DBAPIErrorKind::programming_error, "the statement is empty");
        // One statement per execute: refuse trailing SQL rather than silently ignore it.
        for (const char* t = tail; t < stmt.sql.data() + stmt.sql.size(); ++t) {
            if (!std::isspace(static_cast<unsigned char>(*t)) && *t != ';') {
                sqlite3_finalize(raw);
                throw sqla::DriverError(sqla::DBAPIErrorKind::programming_error,
                                        "you can only execute one statement at a time");
            }
        }
        std::vector<sqla::ColumnInfo> columns;
        for (int i = 0, n = sqlite3_column_count(raw); i < n; ++i) {
            const char* name = sqlite3_column_name(raw, i);
            const char* type = sqlite3_column_decltype(raw, i);
            columns.push_back(sqla::ColumnInfo{name ? name : "", type ? type : ""});
        }
        auto cursor = std::make_unique<ExampleCursor>(db_, raw, std::move(columns), is_dml(stmt.sql));
        cursor->start(params);
        return cursor;
    }

    // The engine calls begin() before the first statement of each transaction.
    void begin() override { exec("BEGIN"); }
    void commit() override {
        if (db_ && !sqlite3_get_autocommit(db_)) exec("COMMIT");
    }
    void rollback() override {
        if (db_ && !sqlite3_get_autocommit(db_)) exec("ROLLBACK");
    }
    // A server driver makes a cheap round trip here (SELECT 1) and returns false on failure.
    bool ping() noexcept override { return db_ != nullptr; }
    void close() noexcept override {
        // close_v2 waits for the cursors' statements to be finalized before it really closes.
        if (db_) sqlite3_close_v2(db_);
        db_ = nullptr;
    }
    bool closed() const noexcept override { return db_ == nullptr; }
    std::string server_version() const override { return sqlite3_libversion(); }
    void* native_handle() noexcept override { return db_; }

private:
    void check_open() const {
        if (!db_) throw sqla::DriverError(sqla::DBAPIErrorKind::programming_error, "the connection is closed");
    }

    void exec(const char* sql) {
        check_open();
        const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) throw make_error(db_, rc, sql);
    }

    sqlite3* db_;
};

// The driver (a DBAPI module): names itself, says how it writes placeholders, and connects.
class ExampleDriver final : public sqla::Driver {
public:
    std::string_view name() const noexcept override { return "example_sqlite"; }
    sqla::ParamStyle paramstyle() const noexcept override { return sqla::ParamStyle::qmark; }

    // The URL's parts as connect arguments. A server driver keeps host, port, user, password
    // and database (the base class's default); this one takes only a database file.
    sqla::Params create_connect_args(const sqla::URL& url, const sqla::Params& connect_args) const override {
        if (url.username() || url.password() || url.host() || url.port())
            throw sqla::ArgumentError("invalid example URL " + url.render() +
                                      ": use example:// (memory) or example:///path/to/file.db");
        sqla::Params args;
        const auto& db = url.database();
        args.set("database", db && !db->empty() ? *db : ":memory:");
        for (const auto& [key, values] : url.query())
            if (!values.empty()) args.set(key, values.back());
        for (const auto& [key, value] : connect_args) args.set(key, value);
        return args;
    }

    std::unique_ptr<sqla::DriverConnection> connect(const sqla::Params& args) override {
        for (const auto& [key, value] : args)
            if (key != "database")
                throw sqla::ArgumentError("example_sqlite driver: unknown connect argument \"" + key + "\"");
        const sqla::Value* database = args.find("database");
        const std::string path = database ? database->as<std::string>() : ":memory:";
        sqlite3* db = nullptr;
        const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        if (rc != SQLITE_OK) {
            auto error = make_error(db, rc, "cannot open database \"" + path + "\"");
            sqlite3_close_v2(db);
            throw error;
        }
        return std::make_unique<ExampleConnection>(db);
    }
};

}  // namespace

std::unique_ptr<sqla::Driver> make_driver() { return std::make_unique<ExampleDriver>(); }

}  // namespace example
