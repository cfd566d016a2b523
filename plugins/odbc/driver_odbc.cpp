// sqla: plugins/odbc/driver_odbc.cpp. The odbc driver on unixODBC, for any dialect: connection
// strings in SQLAlchemy's pyodbc forms, prepared statements with typed parameters
// (SQLBindParameter, text as SQLWCHAR), results read with SQLGetData, transactions by
// SQLEndTran, isolation levels by connection attribute, and SQLSTATE error classes.
// SPDX-License-Identifier: MIT
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

import sqla;

namespace sqla::odbc {
namespace {

// ---- text -----------------------------------------------------------------------------------

// UTF-8 to UTF-16 (SQLWCHAR), and back: the W functions and SQL_C_WCHAR values are UTF-16, so
// text reaches Unicode drivers unchanged whatever the process locale.
// Writes `s` as UTF-16 at `out`, which has room for s.size() units (never more are needed);
// returns the units written.
std::size_t to_utf16(std::string_view s, char16_t* out) {
    std::size_t units = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = 0;
        std::size_t n = 1;
        if (c < 0x80) cp = c;
        else if ((c >> 5) == 0x6 && i + 1 < s.size()) { cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu); n = 2; }
        else if ((c >> 4) == 0xE && i + 2 < s.size()) { cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu); n = 3; }
        else if ((c >> 3) == 0x1E && i + 3 < s.size()) {
            cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
            n = 4;
        } else {
            cp = 0xFFFD;
        }
        i += n;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out[units++] = static_cast<char16_t>(0xD800 + (cp >> 10));
            out[units++] = static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
        } else {
            out[units++] = static_cast<char16_t>(cp);
        }
    }
    return units;
}

std::u16string to_utf16(std::string_view s) {
    std::u16string out(s.size(), u'\0');
    out.resize(to_utf16(s, out.data()));
    return out;
}

std::string to_utf8(const char16_t* p, std::size_t n) {
    std::string out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        char32_t cp = p[i];
        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < n && p[i + 1] >= 0xDC00 && p[i + 1] < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (p[i + 1] - 0xDC00);
            ++i;
        }
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

SQLWCHAR* wide(std::u16string& s) { return reinterpret_cast<SQLWCHAR*>(s.data()); }

// ---- errors ---------------------------------------------------------------------------------

// pyodbc's classes by SQLSTATE (SQLAlchemy relies on the same).
DBAPIErrorKind kind_for(std::string_view state) {
    const std::string_view cls = state.substr(0, 2);
    if (cls == "08") return DBAPIErrorKind::operational_error;
    if (cls == "0A") return DBAPIErrorKind::not_supported_error;
    if (cls == "22") return DBAPIErrorKind::data_error;
    if (cls == "23" || state == "40002") return DBAPIErrorKind::integrity_error;
    if (cls == "24" || cls == "25" || cls == "42") return DBAPIErrorKind::programming_error;
    if (cls == "40" || state.starts_with("HYT")) return DBAPIErrorKind::operational_error;
    if (cls == "IM") return DBAPIErrorKind::interface_error;
    return DBAPIErrorKind::database_error;
}

// The diagnostics of a failed call: the first record's SQLSTATE and native code, every message.
// `dbc`, when known, is asked whether the connection died (SQL_ATTR_CONNECTION_DEAD): drivers
// report a lost connection under SQLSTATEs that do not say so (psqlODBC: HY000 "The connection
// has been lost").
DriverError diagnostics(SQLSMALLINT type, SQLHANDLE handle, std::string_view context = {}, SQLHDBC dbc = SQL_NULL_HDBC) {
    std::string state, message;
    SQLINTEGER native = 0;
    for (SQLSMALLINT i = 1;; ++i) {
        SQLWCHAR st[6] = {};
        SQLINTEGER code = 0;
        SQLWCHAR text[1024];
        SQLSMALLINT length = 0;
        const SQLRETURN rc = SQLGetDiagRecW(type, handle, i, st, &code, text, 1024, &length);
        if (!SQL_SUCCEEDED(rc)) break;
        if (i == 1) {
            state = to_utf8(reinterpret_cast<const char16_t*>(st), 5);
            native = code;
        }
        if (!message.empty()) message += "; ";
        message += to_utf8(reinterpret_cast<const char16_t*>(text), static_cast<std::size_t>(std::min<SQLSMALLINT>(length, 1023)));
    }
    if (message.empty()) message = "unknown ODBC error";
    if (!context.empty()) message = std::string(context) + ": " + message;
    bool disconnect = state.starts_with("08") || state == "01002" || state == "HYT01";
    if (type == SQL_HANDLE_DBC) dbc = handle;
    if (!disconnect && dbc != SQL_NULL_HDBC) {
        SQLUINTEGER dead = SQL_CD_FALSE;
        disconnect = SQL_SUCCEEDED(SQLGetConnectAttrW(dbc, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr)) && dead == SQL_CD_TRUE;
    }
    DBAPIErrorKind kind = disconnect     ? DBAPIErrorKind::operational_error
                          : state.empty() ? DBAPIErrorKind::database_error
                                          : kind_for(state);
    // SQLite's ODBC driver reports every error as HY000 with SQLite's result code as the native
    // code: SQLITE_CONSTRAINT (19) is an integrity error, SQLITE_MISMATCH (20) a data error.
    if (state == "HY000" && message.find("[SQLite]") != std::string::npos) {
        if (native == 19) kind = DBAPIErrorKind::integrity_error;
        else if (native == 20) kind = DBAPIErrorKind::data_error;
    }
    return DriverError(kind, "(" + state + ") " + message, state, native, disconnect);
}

void check(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE handle, std::string_view context = {}, SQLHDBC dbc = SQL_NULL_HDBC) {
    if (!SQL_SUCCEEDED(rc)) throw diagnostics(type, handle, context, dbc);
}

// The process-wide environment handle (ODBC 3), made once and kept for the life of the process
// (the plugin is resident: unixODBC and the drivers it loads stay loaded with it).
SQLHENV environment() {
    static SQLHENV env = [] {
        SQLHENV h = SQL_NULL_HENV;
        if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &h)))
            throw DriverError(DBAPIErrorKind::interface_error, "unixODBC: cannot allocate an environment handle");
        SQLSetEnvAttr(h, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
        return h;
    }();
    return env;
}

// ---- parameters -----------------------------------------------------------------------------

// Parameters bound column-wise as arrays (ODBC parameter arrays): one row for execute(), a
// batch of rows for execute_many(), so a batch is one SQLExecute. A column takes its C and SQL
// types from its non-null values, which must share one kind. The buffers live until the next fill.
class ParamArrays {
public:
    // Lays out `rows` rows of `width` values. False when a column mixes kinds of value (the
    // caller then executes row by row).
    bool fill(std::span<const Value> values, std::size_t width) {
        rows_ = width == 0 ? (values.empty() ? 1 : 0) : values.size() / width;
        columns_.resize(width);
        for (std::size_t c = 0; c < width; ++c)
            if (!fill_column(columns_[c], values, c, width)) return false;
        return true;
    }
    [[nodiscard]] std::size_t rows() const noexcept { return rows_; }

    void bind(SQLHSTMT stmt) {
        SQLFreeStmt(stmt, SQL_RESET_PARAMS);
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            Column& c = columns_[i];
            check(SQLBindParameter(stmt, static_cast<SQLUSMALLINT>(i + 1), SQL_PARAM_INPUT, c.c_type, c.sql_type, c.size,
                                   c.digits, c.data.data(), c.width, c.indicators.data()),
                  SQL_HANDLE_STMT, stmt, "binding parameter " + std::to_string(i + 1));
        }
    }

private:
    struct Column {
        SQLSMALLINT c_type = SQL_C_CHAR;
        SQLSMALLINT sql_type = SQL_VARCHAR;
        SQLULEN size = 1;         // the SQL type's column size (characters, bytes or digits)
        SQLSMALLINT digits = 0;   // decimal digits (scale; fractional seconds)
        SQLLEN width = 1;         // bytes per value in `data`
        std::vector<char> data;
        std::vector<SQLLEN> indicators;
        std::vector<std::string> texts;        // values rendered as text before they are laid out
        std::vector<std::string_view> views;   // each row's text (kept for its capacity)
    };

    // Values sent as text: what each kind's text form is.
    static std::string_view text_of(const Value& v, std::string& scratch) {
        const auto& st = v.storage();
        switch (v.kind()) {
            case ValueKind::text: return std::get<std::string>(st);
            case ValueKind::decimal: scratch = std::get<Decimal>(st).to_string(); break;
            // ODBC's TIME has no fraction: a time of day goes as its text.
            case ValueKind::time: scratch = to_iso(std::get<TimeOfDay>(st), true); break;
            case ValueKind::interval: scratch = to_iso(std::get<std::chrono::microseconds>(st)); break;
            case ValueKind::uuid: scratch = std::get<UuidValue>(st).to_string(); break;
            case ValueKind::json: scratch = boost::json::serialize(std::get<boost::json::value>(st)); break;
            default: break;
        }
        return scratch;
    }

    static SQL_TIMESTAMP_STRUCT timestamp_of(std::chrono::sys_time<std::chrono::microseconds> at) {
        using namespace std::chrono;
        const auto day = floor<days>(at);
        const year_month_day ymd{day};
        const auto us = (at - day).count();
        return SQL_TIMESTAMP_STRUCT{static_cast<SQLSMALLINT>(static_cast<int>(ymd.year())),
                                    static_cast<SQLUSMALLINT>(static_cast<unsigned>(ymd.month())),
                                    static_cast<SQLUSMALLINT>(static_cast<unsigned>(ymd.day())),
                                    static_cast<SQLUSMALLINT>(us / 3'600'000'000),
                                    static_cast<SQLUSMALLINT>(us / 60'000'000 % 60),
                                    static_cast<SQLUSMALLINT>(us / 1'000'000 % 60),
                                    static_cast<SQLUINTEGER>(us % 1'000'000 * 1000)};
    }

    template <class T>
    void store(Column& c, std::size_t row, const T& x) {
        std::memcpy(c.data.data() + row * static_cast<std::size_t>(c.width), &x, sizeof x);
        c.indicators[row] = sizeof x;
    }

    bool fill_column(Column& c, std::span<const Value> values, std::size_t col, std::size_t width) {
        auto value = [&](std::size_t row) -> const Value& { return values[row * width + col]; };
        std::optional<ValueKind> kind;
        for (std::size_t r = 0; r < rows_; ++r) {
            const ValueKind k = value(r).kind();
            if (k == ValueKind::null) continue;
            if (kind && *kind != k) return false;
            kind = k;
        }
        c.indicators.assign(rows_, SQL_NULL_DATA);
        c.digits = 0;
        auto fixed = [&](SQLSMALLINT c_type, SQLSMALLINT sql_type, SQLULEN size, SQLLEN bytes, SQLSMALLINT digits = 0) {
            c.c_type = c_type;
            c.sql_type = sql_type;
            c.size = size;
            c.width = bytes;
            c.digits = digits;
            c.data.assign(static_cast<std::size_t>(bytes) * rows_, 0);
        };
        if (!kind) {
            fixed(SQL_C_CHAR, SQL_VARCHAR, 1, 1);
            return true;
        }
        switch (*kind) {
            case ValueKind::null: break;
            case ValueKind::boolean:
                fixed(SQL_C_BIT, SQL_BIT, 1, 1);
                for (std::size_t r = 0; r < rows_; ++r)
                    if (!value(r).is_null()) store(c, r, static_cast<unsigned char>(std::get<bool>(value(r).storage()) ? 1 : 0));
                break;
            case ValueKind::integer:
                fixed(SQL_C_SBIGINT, SQL_BIGINT, 19, sizeof(std::int64_t));
                for (std::size_t r = 0; r < rows_; ++r)
                    if (!value(r).is_null()) store(c, r, std::get<std::int64_t>(value(r).storage()));
                break;
            case ValueKind::real:
                fixed(SQL_C_DOUBLE, SQL_DOUBLE, 15, sizeof(double));
                for (std::size_t r = 0; r < rows_; ++r)
                    if (!value(r).is_null()) store(c, r, std::get<double>(value(r).storage()));
                break;
            case ValueKind::date:
                fixed(SQL_C_TYPE_DATE, SQL_TYPE_DATE, 10, sizeof(SQL_DATE_STRUCT));
                for (std::size_t r = 0; r < rows_; ++r) {
                    if (value(r).is_null()) continue;
                    const auto& ymd = std::get<std::chrono::year_month_day>(value(r).storage());
                    store(c, r, SQL_DATE_STRUCT{static_cast<SQLSMALLINT>(static_cast<int>(ymd.year())),
                                                static_cast<SQLUSMALLINT>(static_cast<unsigned>(ymd.month())),
                                                static_cast<SQLUSMALLINT>(static_cast<unsigned>(ymd.day()))});
                }
                break;
            case ValueKind::datetime:
            case ValueKind::datetime_tz:
                fixed(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 26, sizeof(SQL_TIMESTAMP_STRUCT), 6);
                for (std::size_t r = 0; r < rows_; ++r) {
                    const Value& v = value(r);
                    if (v.is_null()) continue;
                    const auto at = *kind == ValueKind::datetime
                                        ? std::chrono::sys_time<std::chrono::microseconds>(
                                              std::get<LocalDateTime>(v.storage()).time_since_epoch())
                                        : std::get<UtcDateTime>(v.storage());
                    store(c, r, timestamp_of(at));
                }
                break;
            case ValueKind::blob: {
                std::size_t longest = 1;
                for (std::size_t r = 0; r < rows_; ++r)
                    if (!value(r).is_null()) longest = std::max(longest, std::get<Bytes>(value(r).storage()).size());
                fixed(SQL_C_BINARY, longest > 8000 ? SQL_LONGVARBINARY : SQL_VARBINARY, longest, static_cast<SQLLEN>(longest));
                for (std::size_t r = 0; r < rows_; ++r) {
                    if (value(r).is_null()) continue;
                    const auto& b = std::get<Bytes>(value(r).storage());
                    if (!b.empty()) std::memcpy(c.data.data() + r * longest, b.data(), b.size());
                    c.indicators[r] = static_cast<SQLLEN>(b.size());
                }
                break;
            }
            case ValueKind::decimal: {
                // As narrow text with the precision and scale that hold every row's value.
                c.texts.resize(rows_);
                std::size_t longest = 1;
                int integral = 1, scale = 0;
                for (std::size_t r = 0; r < rows_; ++r) {
                    if (value(r).is_null()) continue;
                    const auto& d = std::get<Decimal>(value(r).storage());
                    c.texts[r] = d.to_string();
                    const std::string& t = c.texts[r];
                    longest = std::max(longest, t.size());
                    const auto digits = static_cast<int>(std::count_if(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; }));
                    const int s = std::max(0, d.scale());
                    scale = std::max(scale, s);
                    integral = std::max(integral, digits - s);
                }
                fixed(SQL_C_CHAR, SQL_DECIMAL, static_cast<SQLULEN>(integral + scale), static_cast<SQLLEN>(longest),
                      static_cast<SQLSMALLINT>(scale));
                for (std::size_t r = 0; r < rows_; ++r) {
                    if (value(r).is_null()) continue;
                    std::memcpy(c.data.data() + r * longest, c.texts[r].data(), c.texts[r].size());
                    c.indicators[r] = static_cast<SQLLEN>(c.texts[r].size());
                }
                break;
            }
            case ValueKind::text:
            case ValueKind::time:
            case ValueKind::interval:
            case ValueKind::uuid:
            case ValueKind::json: {
                // As UTF-16 (SQLWCHAR). A UTF-8 text has at most as many UTF-16 units as bytes,
                // so the longest text in bytes bounds the width.
                c.texts.resize(rows_);
                c.views.assign(rows_, {});
                std::size_t longest = 1;
                for (std::size_t r = 0; r < rows_; ++r) {
                    if (value(r).is_null()) continue;
                    c.views[r] = text_of(value(r), c.texts[r]);
                    // ODBC drivers (psqlODBC, MariaDB's, SQLite's) cut text at a NUL whatever
                    // length it is bound with: refuse rather than store it cut short.
                    if (c.views[r].find('\0') != std::string_view::npos)
                        throw DriverError(DBAPIErrorKind::data_error,
                                          "odbc: a text parameter holds a NUL (0x00) character, at which ODBC drivers "
                                          "cut text; send such data as bytes (LargeBinary)");
                    longest = std::max(longest, c.views[r].size());
                }
                fixed(SQL_C_WCHAR, SQL_WVARCHAR, 1, static_cast<SQLLEN>(longest * sizeof(char16_t)));
                std::size_t units_max = 1;
                for (std::size_t r = 0; r < rows_; ++r) {
                    if (value(r).is_null()) continue;
                    // The width is even and the array new-allocated: every value is char16_t-aligned.
                    auto* at = c.data.data() + r * static_cast<std::size_t>(c.width);
                    const std::size_t units = to_utf16(c.views[r], reinterpret_cast<char16_t*>(at));
                    c.indicators[r] = static_cast<SQLLEN>(units * sizeof(char16_t));
                    units_max = std::max(units_max, units);
                }
                c.size = units_max;
                c.sql_type = units_max > 4000 ? SQL_WLONGVARCHAR : SQL_WVARCHAR;
                break;
            }
        }
        return true;
    }

    std::vector<Column> columns_;
    std::size_t rows_ = 0;
};

// ---- results --------------------------------------------------------------------------------

enum class ReadAs { integer, real, bit, decimal, date, time, timestamp, binary, text };

ReadAs read_as(SQLSMALLINT type) {
    switch (type) {
        case SQL_TINYINT: case SQL_SMALLINT: case SQL_INTEGER: case SQL_BIGINT: return ReadAs::integer;
        case SQL_REAL: case SQL_FLOAT: case SQL_DOUBLE: return ReadAs::real;
        case SQL_BIT: return ReadAs::bit;
        case SQL_DECIMAL: case SQL_NUMERIC: return ReadAs::decimal;
        case SQL_TYPE_DATE: case SQL_DATE: return ReadAs::date;
        case SQL_TYPE_TIME: case SQL_TIME: return ReadAs::time;
        case SQL_TYPE_TIMESTAMP: case SQL_TIMESTAMP: return ReadAs::timestamp;
        case SQL_BINARY: case SQL_VARBINARY: case SQL_LONGVARBINARY: return ReadAs::binary;
        default: return ReadAs::text;
    }
}

std::string_view sql_type_name(SQLSMALLINT type) {
    switch (type) {
        case SQL_TINYINT: return "TINYINT";
        case SQL_SMALLINT: return "SMALLINT";
        case SQL_INTEGER: return "INTEGER";
        case SQL_BIGINT: return "BIGINT";
        case SQL_REAL: return "REAL";
        case SQL_FLOAT: return "FLOAT";
        case SQL_DOUBLE: return "DOUBLE";
        case SQL_BIT: return "BIT";
        case SQL_DECIMAL: return "DECIMAL";
        case SQL_NUMERIC: return "NUMERIC";
        case SQL_TYPE_DATE: return "DATE";
        case SQL_TYPE_TIME: return "TIME";
        case SQL_TYPE_TIMESTAMP: return "TIMESTAMP";
        case SQL_BINARY: return "BINARY";
        case SQL_VARBINARY: return "VARBINARY";
        case SQL_LONGVARBINARY: return "LONGVARBINARY";
        case SQL_CHAR: return "CHAR";
        case SQL_VARCHAR: return "VARCHAR";
        case SQL_LONGVARCHAR: return "LONGVARCHAR";
        case SQL_WCHAR: return "WCHAR";
        case SQL_WVARCHAR: return "WVARCHAR";
        case SQL_WLONGVARCHAR: return "WLONGVARCHAR";
        case SQL_GUID: return "GUID";
        default: return {};
    }
}

// ODBC's date and time structs as Values (TIME has no fraction in ODBC).
Value from_sql(const SQL_DATE_STRUCT& d) {
    using namespace std::chrono;
    return Value(year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)}, day{static_cast<unsigned>(d.day)}});
}
Value from_sql(const SQL_TIME_STRUCT& t) {
    using namespace std::chrono;
    return Value(TimeOfDay{hours{t.hour} + minutes{t.minute} + seconds{t.second}});
}
Value from_sql(const SQL_TIMESTAMP_STRUCT& t) {
    using namespace std::chrono;
    const year_month_day ymd{year{t.year}, month{static_cast<unsigned>(t.month)}, day{static_cast<unsigned>(t.day)}};
    const auto since = sys_days{ymd}.time_since_epoch() + hours{t.hour} + minutes{t.minute} + seconds{t.second} +
                       microseconds{t.fraction / 1000};
    return Value(LocalDateTime{duration_cast<microseconds>(since)});
}

// Reads one column of the current row with SQLGetData, in pieces for long values.
void get_column(SQLHSTMT stmt, SQLUSMALLINT col, ReadAs as, Value& out) {
    using namespace std::chrono;
    SQLLEN ind = 0;
    auto fixed = [&](SQLSMALLINT c_type, void* buffer, SQLLEN size) {
        check(SQLGetData(stmt, col, c_type, buffer, size, &ind), SQL_HANDLE_STMT, stmt, "reading a column");
        return ind != SQL_NULL_DATA;
    };
    switch (as) {
        case ReadAs::integer: {
            std::int64_t v = 0;
            if (fixed(SQL_C_SBIGINT, &v, 0)) out.set_int(v); else out.set_null();
            return;
        }
        case ReadAs::real: {
            double v = 0;
            if (fixed(SQL_C_DOUBLE, &v, 0)) out.set_double(v); else out.set_null();
            return;
        }
        case ReadAs::bit: {
            unsigned char v = 0;
            if (fixed(SQL_C_BIT, &v, 0)) out = Value(v != 0); else out.set_null();
            return;
        }
        case ReadAs::date: {
            SQL_DATE_STRUCT d{};
            if (!fixed(SQL_C_TYPE_DATE, &d, sizeof d)) return out.set_null();
            out = from_sql(d);
            return;
        }
        case ReadAs::time: {
            SQL_TIME_STRUCT t{};
            if (!fixed(SQL_C_TYPE_TIME, &t, sizeof t)) return out.set_null();
            out = from_sql(t);
            return;
        }
        case ReadAs::timestamp: {
            SQL_TIMESTAMP_STRUCT t{};
            if (!fixed(SQL_C_TYPE_TIMESTAMP, &t, sizeof t)) return out.set_null();
            out = from_sql(t);
            return;
        }
        case ReadAs::binary: {
            Bytes bytes;
            std::byte buffer[8192];
            for (;;) {
                const SQLRETURN rc = SQLGetData(stmt, col, SQL_C_BINARY, buffer, sizeof buffer, &ind);
                if (rc == SQL_NO_DATA) break;
                check(rc, SQL_HANDLE_STMT, stmt, "reading a column");
                if (ind == SQL_NULL_DATA) return out.set_null();
                const std::size_t got = ind == SQL_NO_TOTAL || ind > static_cast<SQLLEN>(sizeof buffer) ? sizeof buffer : static_cast<std::size_t>(ind);
                bytes.insert(bytes.end(), buffer, buffer + got);
                if (rc == SQL_SUCCESS) break;
            }
            out = Value(std::move(bytes));
            return;
        }
        case ReadAs::decimal:
        case ReadAs::text: {
            std::u16string text;
            char16_t buffer[4096];
            for (;;) {
                const SQLRETURN rc = SQLGetData(stmt, col, SQL_C_WCHAR, buffer, sizeof buffer, &ind);
                if (rc == SQL_NO_DATA) break;
                check(rc, SQL_HANDLE_STMT, stmt, "reading a column");
                if (ind == SQL_NULL_DATA) return out.set_null();
                // A truncated piece fills the buffer but for its terminating NUL.
                const std::size_t units = ind == SQL_NO_TOTAL || ind >= static_cast<SQLLEN>(sizeof buffer)
                                              ? std::size(buffer) - 1
                                              : static_cast<std::size_t>(ind) / sizeof(char16_t);
                text.append(buffer, units);
                if (rc == SQL_SUCCESS) break;
            }
            std::string utf8 = to_utf8(text.data(), text.size());
            if (as == ReadAs::decimal) {
                if (auto d = Decimal::parse(utf8)) return void(out = Value(std::move(*d)));
            }
            out.set_text(utf8);
            return;
        }
    }
}

// CREATE, ALTER or DROP, after leading blanks.
bool is_ddl(std::string_view sql) {
    const auto start = sql.find_first_not_of(" \t\r\n(");
    if (start == std::string_view::npos) return false;
    std::string word;
    for (std::size_t i = start; i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])); ++i)
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
    return word == "CREATE" || word == "ALTER" || word == "DROP";
}

class OdbcConnection;

// A prepared statement handle on a connection; at most one cursor reads its result at a time.
struct Statement {
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLHDBC dbc = SQL_NULL_HDBC;  // its connection, asked whether it died after an error
    bool prepared = false;
    class OdbcCursor* reader = nullptr;
    Statement() = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() {
        if (stmt) SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    }
};

// A value of type T stored at `p` in a rowset's array.
template <class T>
T load(const char* p) {
    T x;
    std::memcpy(&x, p, sizeof x);
    return x;
}

// Column arrays for block fetching: SQLFetch fills a rowset of many rows per call (bound
// column-wise), where SQLGetData would take a call per value. Used when every column has a
// bounded size and a fixed-size C type; otherwise rows are read one at a time with SQLGetData.
struct Rowset {
    struct Column {
        ReadAs as;
        SQLSMALLINT c_type;
        SQLLEN width;  // bytes per value
        std::vector<char> data;
        std::vector<SQLLEN> indicators;
    };
    std::vector<Column> columns;
    SQLULEN size = 0;     // rows per fetch
    SQLULEN fetched = 0;  // rows the last fetch filled
    SQLULEN position = 0;

    // The columns' C types and widths, or false when one cannot be bound.
    bool plan(const std::vector<ReadAs>& kinds, const std::vector<SQLULEN>& sizes) {
        SQLLEN row_bytes = 0;
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            Column c{kinds[i], 0, 0, {}, {}};
            switch (kinds[i]) {
                case ReadAs::integer: c.c_type = SQL_C_SBIGINT; c.width = sizeof(std::int64_t); break;
                case ReadAs::real: c.c_type = SQL_C_DOUBLE; c.width = sizeof(double); break;
                case ReadAs::bit: c.c_type = SQL_C_BIT; c.width = 1; break;
                case ReadAs::date: c.c_type = SQL_C_TYPE_DATE; c.width = sizeof(SQL_DATE_STRUCT); break;
                case ReadAs::time: c.c_type = SQL_C_TYPE_TIME; c.width = sizeof(SQL_TIME_STRUCT); break;
                case ReadAs::timestamp: c.c_type = SQL_C_TYPE_TIMESTAMP; c.width = sizeof(SQL_TIMESTAMP_STRUCT); break;
                case ReadAs::text:
                    // Characters as UTF-16: two units each at most, and the terminator.
                    if (sizes[i] == 0 || sizes[i] > 2000) return false;
                    c.c_type = SQL_C_WCHAR;
                    c.width = static_cast<SQLLEN>((2 * sizes[i] + 1) * sizeof(char16_t));
                    break;
                case ReadAs::binary:
                    if (sizes[i] == 0 || sizes[i] > 8000) return false;
                    c.c_type = SQL_C_BINARY;
                    c.width = static_cast<SQLLEN>(sizes[i]);
                    break;
                case ReadAs::decimal: return false;  // precision is not always the digits' bound
            }
            row_bytes += c.width + static_cast<SQLLEN>(sizeof(SQLLEN));
            columns.push_back(std::move(c));
        }
        size = static_cast<SQLULEN>(std::clamp<SQLLEN>(65536 / std::max<SQLLEN>(row_bytes, 1), 1, 1024));
        return size > 1;
    }

    // Binds the arrays to `stmt` for rowsets of `size` rows.
    bool bind(SQLHSTMT stmt) {
        for (auto& c : columns) {
            c.data.assign(static_cast<std::size_t>(c.width) * size, 0);
            c.indicators.assign(size, 0);
        }
        if (!SQL_SUCCEEDED(SQLSetStmtAttr(stmt, SQL_ATTR_ROW_BIND_TYPE, reinterpret_cast<SQLPOINTER>(SQL_BIND_BY_COLUMN), 0)) ||
            !SQL_SUCCEEDED(SQLSetStmtAttr(stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(size), 0)) ||
            !SQL_SUCCEEDED(SQLSetStmtAttr(stmt, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0)))
            return false;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            auto& c = columns[i];
            if (!SQL_SUCCEEDED(SQLBindCol(stmt, static_cast<SQLUSMALLINT>(i + 1), c.c_type, c.data.data(), c.width,
                                          c.indicators.data())))
                return false;
        }
        return true;
    }

    static void unbind(SQLHSTMT stmt) noexcept {
        SQLFreeStmt(stmt, SQL_UNBIND);
        SQLSetStmtAttr(stmt, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(SQLULEN{1}), 0);
        SQLSetStmtAttr(stmt, SQL_ATTR_ROWS_FETCHED_PTR, nullptr, 0);
    }

    void read(std::span<Value> out, const std::vector<ColumnInfo>& names) const {
        using namespace std::chrono;
        for (std::size_t i = 0; i < out.size() && i < columns.size(); ++i) {
            const Column& c = columns[i];
            const SQLLEN ind = c.indicators[position];
            Value& v = out[i];
            if (ind == SQL_NULL_DATA) {
                v.set_null();
                continue;
            }
            const char* p = c.data.data() + static_cast<std::size_t>(c.width) * position;
            switch (c.as) {
                case ReadAs::integer: v.set_int(load<std::int64_t>(p)); break;
                case ReadAs::real: v.set_double(load<double>(p)); break;
                case ReadAs::bit: v = Value(*p != 0); break;
                case ReadAs::date: v = from_sql(load<SQL_DATE_STRUCT>(p)); break;
                case ReadAs::time: v = from_sql(load<SQL_TIME_STRUCT>(p)); break;
                case ReadAs::timestamp: v = from_sql(load<SQL_TIMESTAMP_STRUCT>(p)); break;
                case ReadAs::text:
                case ReadAs::binary: {
                    const SQLLEN room = c.as == ReadAs::text ? c.width - static_cast<SQLLEN>(sizeof(char16_t)) : c.width;
                    if (ind == SQL_NO_TOTAL || ind > room)
                        throw DriverError(DBAPIErrorKind::data_error, "odbc: a value of column \"" + names[i].name +
                                                                          "\" is longer than the size the driver declared");
                    if (c.as == ReadAs::text) {
                        v.set_text(to_utf8(reinterpret_cast<const char16_t*>(p), static_cast<std::size_t>(ind) / sizeof(char16_t)));
                    } else {
                        const auto* b = reinterpret_cast<const std::byte*>(p);
                        v = Value(Bytes(b, b + ind));
                    }
                    break;
                }
                case ReadAs::decimal: break;
            }
        }
    }
};

// The rows of one execution, read from the statement handle as they are fetched (a rowset at a
// time where the columns allow); if the statement is needed again first, the rest are moved
// into memory (`detach()`).
class OdbcCursor final : public Cursor {
public:
    OdbcCursor(Statement* statement, std::unique_ptr<Statement> owned, std::vector<ColumnInfo> columns,
               std::vector<ReadAs> kinds, const std::vector<SQLULEN>& sizes, std::int64_t rowcount)
        : statement_(statement), owned_(std::move(owned)), columns_(std::move(columns)), kinds_(std::move(kinds)),
          rowcount_(rowcount) {
        statement_->reader = this;
        if (rowset_.plan(kinds_, sizes) && rowset_.bind(statement_->stmt)) {
            blocks_ = true;
        } else {
            Rowset::unbind(statement_->stmt);
            rowset_.columns.clear();
        }
    }
    ~OdbcCursor() override { close(); }
    std::span<const ColumnInfo> columns() const noexcept override { return columns_; }
    bool fetch() override {
        if (rest_) return rest_->fetch();
        if (!statement_) return false;
        if (blocks_ && ++rowset_.position < rowset_.fetched) return true;
        const SQLRETURN rc = SQLFetch(statement_->stmt);
        if (rc == SQL_NO_DATA) {
            release();
            return false;
        }
        check(rc, SQL_HANDLE_STMT, statement_->stmt, "fetching rows", statement_->dbc);
        rowset_.position = 0;
        if (blocks_ && rowset_.fetched == 0) {
            release();
            return false;
        }
        return true;
    }
    void read_row(std::span<Value> out) override {
        if (rest_) return rest_->read_row(out);
        if (blocks_) return rowset_.read(out, columns_);
        for (std::size_t i = 0; i < out.size() && i < kinds_.size(); ++i)
            get_column(statement_->stmt, static_cast<SQLUSMALLINT>(i + 1), kinds_[i], out[i]);
    }
    std::int64_t rowcount() const noexcept override { return rowcount_; }
    void close() noexcept override {
        rest_.reset();
        release();
    }
    // Reads the rest of the rows into memory and lets the statement go.
    void detach() {
        if (rest_ || !statement_) return;
        std::vector<std::vector<Value>> rows;
        while (fetch()) {
            std::vector<Value> row(kinds_.size());
            read_row(row);
            rows.push_back(std::move(row));
        }
        rest_ = std::make_unique<BufferedRowsCursor>(columns_, std::move(rows), rowcount_);
        release();
    }

private:
    void release() noexcept {
        if (!statement_) return;
        SQLFreeStmt(statement_->stmt, SQL_CLOSE);
        // The arrays go with this cursor: the statement must not write to them again.
        if (blocks_) Rowset::unbind(statement_->stmt);
        statement_->reader = nullptr;
        statement_ = nullptr;
        owned_.reset();
    }

    Statement* statement_;
    std::unique_ptr<Statement> owned_;
    std::vector<ColumnInfo> columns_;
    std::vector<ReadAs> kinds_;
    std::int64_t rowcount_;
    Rowset rowset_;
    bool blocks_ = false;
    std::unique_ptr<BufferedRowsCursor> rest_;  // the rows left when detached
};

class CountCursor final : public Cursor {
public:
    explicit CountCursor(std::int64_t rowcount) : rowcount_(rowcount) {}
    std::span<const ColumnInfo> columns() const noexcept override { return {}; }
    bool fetch() override { return false; }
    void read_row(std::span<Value>) override {}
    std::int64_t rowcount() const noexcept override { return rowcount_; }
    void close() noexcept override {}

private:
    std::int64_t rowcount_;
};

// ---- connection -----------------------------------------------------------------------------

class OdbcConnection final : public DriverConnection {
public:
    OdbcConnection(SQLHDBC dbc, std::size_t cache_capacity) : dbc_(dbc), cache_capacity_(cache_capacity) {}
    ~OdbcConnection() override { close(); }

    std::unique_ptr<Cursor> execute(const DriverStatement& stmt, std::span<const Value> params,
                                    const CursorOptions&) override {
        check_open();
        std::unique_ptr<Statement> owned;
        Statement* s = statement(stmt, owned);
        if (s->reader) s->reader->detach();
        params_.fill(params, params.size());
        const SQLRETURN rc = run(stmt, s, owned != nullptr);
        SQLSMALLINT ncols = 0;
        check(SQLNumResultCols(s->stmt, &ncols), SQL_HANDLE_STMT, s->stmt);
        SQLLEN count = -1;
        SQLRowCount(s->stmt, &count);
        if (ncols == 0) {
            SQLFreeStmt(s->stmt, SQL_CLOSE);
            return std::make_unique<CountCursor>(rc == SQL_NO_DATA ? 0 : static_cast<std::int64_t>(count));
        }
        std::vector<ColumnInfo> columns;
        std::vector<ReadAs> kinds;
        std::vector<SQLULEN> sizes;
        for (SQLUSMALLINT i = 1; i <= static_cast<SQLUSMALLINT>(ncols); ++i) {
            SQLWCHAR name[256];
            SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
            SQLULEN size = 0;
            check(SQLDescribeColW(s->stmt, i, name, 256, &name_length, &type, &size, &digits, &nullable), SQL_HANDLE_STMT,
                  s->stmt, "describing a column");
            columns.push_back(ColumnInfo{to_utf8(reinterpret_cast<const char16_t*>(name),
                                                 static_cast<std::size_t>(std::min<SQLSMALLINT>(name_length, 255))),
                                         std::string(sql_type_name(type))});
            kinds.push_back(read_as(type));
            sizes.push_back(size);
        }
        return std::make_unique<OdbcCursor>(s, std::move(owned), std::move(columns), std::move(kinds), sizes, count);
    }

    // Parameter arrays: up to `kArrayRows` parameter sets per SQLExecute, which drivers send
    // in one exchange (MariaDB's bulk protocol) or at least without a call per set.
    std::int64_t execute_many(const DriverStatement& stmt, ParamBatch batch) override {
        check_open();
        if (batch.rows() < 2 || batch.width == 0 || !param_arrays_) return DriverConnection::execute_many(stmt, batch);
        std::unique_ptr<Statement> owned;
        Statement* s = statement(stmt, owned);
        if (s->reader) s->reader->detach();
        std::int64_t total = 0;
        bool known = true;
        auto add = [&](std::int64_t n) {
            if (n < 0) known = false;
            else total += n;
        };
        for (std::size_t first = 0; first < batch.rows(); first += kArrayRows) {
            const std::size_t n = std::min(kArrayRows, batch.rows() - first);
            const auto values = batch.values.subspan(first * batch.width, n * batch.width);
            if (!param_arrays_ || !params_.fill(values, batch.width)) {
                // A column that mixes kinds of value has no one C type: these sets go one by one.
                for (std::size_t r = 0; r < n; ++r) {
                    params_.fill(values.subspan(r * batch.width, batch.width), batch.width);
                    add(close_counting(s->stmt, run(stmt, s, owned != nullptr), false));
                }
                continue;
            }
            if (!SQL_SUCCEEDED(SQLSetStmtAttr(s->stmt, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(n), 0))) {
                param_arrays_ = false;  // the driver has no parameter arrays: this chunk again, row by row
                first -= kArrayRows;  // (unsigned wrap-around, undone by the loop's increment)
                continue;
            }
            statuses_.assign(n, SQL_PARAM_UNUSED);
            SQLSetStmtAttr(s->stmt, SQL_ATTR_PARAM_STATUS_PTR, statuses_.data(), 0);
            // Back to single sets whatever happens: the statement stays cached for execute().
            struct Reset {
                SQLHSTMT h;
                ~Reset() {
                    SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(1), 0);
                    SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0);
                }
            } reset{s->stmt};
            const SQLRETURN rc = run(stmt, s, owned != nullptr);
            // Some drivers go on past a failed set and report success with information.
            if (std::any_of(statuses_.begin(), statuses_.end(), [](SQLUSMALLINT st) { return st == SQL_PARAM_ERROR; }))
                throw diagnostics(SQL_HANDLE_STMT, s->stmt, "executing parameter set " + failed_set(first), dbc_);
            add(close_counting(s->stmt, rc, batch_row_counts()));
        }
        return known ? total : -1;
    }

    // Autocommit is off: a transaction begins with the first statement and ends by SQLEndTran.
    void begin() override { check_open(); }
    void commit() override { end(SQL_COMMIT, "COMMIT"); }
    void rollback() override {
        if (dbc_) end(SQL_ROLLBACK, "ROLLBACK");
    }
    void set_isolation_level(std::string_view level) override {
        check_open();
        detach_all();
        if (level == "AUTOCOMMIT") {
            set_autocommit(true);
            return;
        }
        SQLULEN value = 0;
        if (level == "READ UNCOMMITTED") value = SQL_TXN_READ_UNCOMMITTED;
        else if (level == "READ COMMITTED") value = SQL_TXN_READ_COMMITTED;
        else if (level == "REPEATABLE READ") value = SQL_TXN_REPEATABLE_READ;
        else if (level == "SERIALIZABLE") value = SQL_TXN_SERIALIZABLE;
        else if (level == "SNAPSHOT") {
            // SQL Server's own level, set through its driver's attribute (msodbcsql.h).
            set_autocommit(false);
            check(SQLSetConnectAttrW(dbc_, kSqlServerTxnIsolation, reinterpret_cast<SQLPOINTER>(kSqlServerSnapshot), 0),
                  SQL_HANDLE_DBC, dbc_, "setting isolation level SNAPSHOT (SQL Server's ODBC driver has it)");
            return;
        } else
            throw DriverError(DBAPIErrorKind::not_supported_error,
                              "ODBC has no isolation level \"" + std::string(level) + "\"");
        set_autocommit(false);
        check(SQLSetConnectAttrW(dbc_, SQL_ATTR_TXN_ISOLATION, reinterpret_cast<SQLPOINTER>(value), 0), SQL_HANDLE_DBC, dbc_,
              "setting the isolation level");
    }
    std::string isolation_level() override {
        check_open();
        if (autocommit_) return "AUTOCOMMIT";
        SQLULEN value = 0;
        check(SQLGetConnectAttrW(dbc_, SQL_ATTR_TXN_ISOLATION, &value, 0, nullptr), SQL_HANDLE_DBC, dbc_,
              "reading the isolation level");
        switch (value) {
            case SQL_TXN_READ_UNCOMMITTED: return "READ UNCOMMITTED";
            case SQL_TXN_READ_COMMITTED: return "READ COMMITTED";
            case SQL_TXN_REPEATABLE_READ: return "REPEATABLE READ";
            case SQL_TXN_SERIALIZABLE: return "SERIALIZABLE";
            case kSqlServerSnapshot: return "SNAPSHOT";
            default: return "UNKNOWN";
        }
    }
    // A round trip: SQL_ATTR_CONNECTION_DEAD only says what the driver already knows.
    bool ping() noexcept override {
        if (!dbc_) return false;
        try {
            detach_all();
            SQLHSTMT h = SQL_NULL_HSTMT;
            if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &h))) return false;
            std::u16string sql = to_utf16(ping_sql_);
            const bool ok = SQL_SUCCEEDED(SQLExecDirectW(h, wide(sql), SQL_NTS));
            SQLFreeHandle(SQL_HANDLE_STMT, h);
            return ok;
        } catch (...) {
            return false;
        }
    }
    void close() noexcept override {
        if (!dbc_) return;
        for (auto& [key, s] : prepared_)
            if (s->reader) s->reader->close();
        prepared_.clear();
        SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_ROLLBACK);
        SQLDisconnect(dbc_);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
        dbc_ = SQL_NULL_HDBC;
    }
    bool closed() const noexcept override { return dbc_ == SQL_NULL_HDBC; }
    // The DBMS's version and name as the ODBC driver reports them: "15.00.0015 (PostgreSQL)".
    std::string server_version() const override {
        if (!dbc_) return {};
        auto info = [&](SQLUSMALLINT what) {
            SQLWCHAR buffer[256];
            SQLSMALLINT length = 0;
            if (!SQL_SUCCEEDED(SQLGetInfoW(dbc_, what, buffer, sizeof buffer, &length))) return std::string();
            return to_utf8(reinterpret_cast<const char16_t*>(buffer), static_cast<std::size_t>(length) / sizeof(char16_t));
        };
        return info(SQL_DBMS_VER) + " (" + info(SQL_DBMS_NAME) + ")";
    }
    void* native_handle() noexcept override { return dbc_; }

private:
    static constexpr std::size_t kArrayRows = 1000;
    // SQL_COPT_SS_TXN_ISOLATION and SQL_TXN_SS_SNAPSHOT from Microsoft's msodbcsql.h.
    static constexpr SQLINTEGER kSqlServerTxnIsolation = 1227;
    static constexpr SQLULEN kSqlServerSnapshot = 32;

    // Prepares `s` if it is new, binds the parameters laid out in params_ and executes.
    // Prepared after a first binding, so drivers that prepare on the server (psqlODBC) declare
    // the parameters' types: `SELECT ?` of an integer returns an integer.
    SQLRETURN run(const DriverStatement& stmt, Statement* s, bool owned) {
        params_.bind(s->stmt);
        if (!s->prepared) {
            std::u16string sql = to_utf16(stmt.sql);
            check(SQLPrepareW(s->stmt, wide(sql), static_cast<SQLINTEGER>(sql.size())), SQL_HANDLE_STMT, s->stmt, {}, dbc_);
            s->prepared = true;
            // Some drivers (SQLite's) forget bindings made before SQLPrepare: bind again.
            params_.bind(s->stmt);
        }
        const SQLRETURN rc = SQLExecute(s->stmt);
        if (rc != SQL_NO_DATA && !SQL_SUCCEEDED(rc)) {
            auto error = diagnostics(SQL_HANDLE_STMT, s->stmt, {}, dbc_);
            // A table changed under a cached statement ("cached plan must not change result
            // type"): this execution fails, later ones prepare afresh.
            if (error.sqlstate() == "0A000" && !owned) prepared_.clear();
            throw error;
        }
        // DDL can change what prepared statements return: after CREATE, ALTER or DROP on this
        // connection the cached statements are dropped, as the libpq driver does.
        if (is_ddl(stmt.sql)) {
            // Kept: this statement (still in use by the caller) and any a cursor is reading.
            for (auto it = prepared_.begin(); it != prepared_.end();) {
                const bool keep = it->second.get() == s || it->second->reader != nullptr;
                it = keep ? std::next(it) : prepared_.erase(it);
            }
        }
        return rc;
    }

    // The rows an execution changed, summed over its results when the driver gives one count
    // per parameter set (SQL_PARC_BATCH); the statement is closed after.
    static std::int64_t close_counting(SQLHSTMT h, SQLRETURN rc, bool per_set) {
        if (rc == SQL_NO_DATA) {  // nothing matched, and no count to read
            SQLFreeStmt(h, SQL_CLOSE);
            return 0;
        }
        std::int64_t total = 0;
        bool known = true;
        do {
            SQLLEN n = -1;
            if (!SQL_SUCCEEDED(SQLRowCount(h, &n)) || n < 0) known = false;
            else total += n;
        } while (per_set && SQL_SUCCEEDED(SQLMoreResults(h)));
        SQLFreeStmt(h, SQL_CLOSE);
        return known ? total : -1;
    }

    // Whether the driver counts rows per parameter set (else one count for the whole array).
    bool batch_row_counts() {
        if (!row_counts_) {
            SQLUINTEGER v = 0;
            SQLGetInfoW(dbc_, SQL_PARAM_ARRAY_ROW_COUNTS, &v, sizeof v, nullptr);
            row_counts_ = v == SQL_PARC_BATCH;
        }
        return *row_counts_;
    }

    // "3 (of the batch's rows 1001..2000)": the first failed set, counting from 1.
    std::string failed_set(std::size_t first) const {
        const auto it = std::find(statuses_.begin(), statuses_.end(), SQLUSMALLINT{SQL_PARAM_ERROR});
        return std::to_string(first + static_cast<std::size_t>(it - statuses_.begin()) + 1);
    }

    void check_open() const {
        if (!dbc_) throw DriverError(DBAPIErrorKind::interface_error, "connection already closed");
    }
    void detach_all() {
        for (auto& [key, s] : prepared_)
            if (s->reader) s->reader->detach();
    }
    void end(SQLSMALLINT how, std::string_view what) {
        check_open();
        detach_all();
        if (autocommit_) return;
        check(SQLEndTran(SQL_HANDLE_DBC, dbc_, how), SQL_HANDLE_DBC, dbc_, what);
    }
    void set_autocommit(bool on) {
        check(SQLSetConnectAttrW(dbc_, SQL_ATTR_AUTOCOMMIT,
                                 reinterpret_cast<SQLPOINTER>(on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF), 0),
              SQL_HANDLE_DBC, dbc_, "setting autocommit");
        autocommit_ = on;
    }

    Statement* statement(const DriverStatement& stmt, std::unique_ptr<Statement>& owned) {
        if (stmt.cache_key != 0 && cache_capacity_ != 0)
            if (auto it = prepared_.find(stmt.cache_key); it != prepared_.end()) return it->second.get();
        auto s = std::make_unique<Statement>();
        check(SQLAllocHandle(SQL_HANDLE_STMT, dbc_, &s->stmt), SQL_HANDLE_DBC, dbc_, "allocating a statement");
        s->dbc = dbc_;
        if (stmt.cache_key == 0 || cache_capacity_ == 0 || prepared_.size() >= cache_capacity_) {
            owned = std::move(s);
            return owned.get();
        }
        return prepared_.emplace(stmt.cache_key, std::move(s)).first->second.get();
    }

    SQLHDBC dbc_;
    std::size_t cache_capacity_;
    bool autocommit_ = false;
    std::string ping_sql_ = "SELECT 1";
    std::unordered_map<std::uint64_t, std::unique_ptr<Statement>> prepared_;
    ParamArrays params_;
    std::vector<SQLUSMALLINT> statuses_;
    bool param_arrays_ = true;
    std::optional<bool> row_counts_;
};

// ---- driver ---------------------------------------------------------------------------------

// A connection-string value, braced when it holds characters that end or open one.
std::string attribute(std::string_view v) {
    if (v.find_first_of(";{}=") == std::string_view::npos && !v.starts_with(' ')) return std::string(v);
    std::string out = "{";
    for (char c : v) {
        out += c;
        if (c == '}') out += '}';
    }
    return out + "}";
}

// The ODBC driver each dialect's URLs default to when they name none (pyodbc_driver_name).
std::string default_odbc_driver(std::string_view dialect) {
    if (dialect == "postgresql") return "PostgreSQL Unicode";
    if (dialect == "mysql" || dialect == "mariadb") return "MariaDB Unicode";
    if (dialect == "sqlite") return "SQLite3";
    if (dialect == "mssql") return "ODBC Driver 18 for SQL Server";
    if (dialect == "oracle") return "Oracle";
    return {};
}

// SQL_ATTR_LOGIN_TIMEOUT when no timeout is given, in seconds.
constexpr std::int64_t default_login_timeout_seconds = 30;

class OdbcDriver final : public Driver {
public:
    std::string_view name() const noexcept override { return "odbc"; }
    ParamStyle paramstyle() const noexcept override { return ParamStyle::qmark; }

    // SQLAlchemy's PyODBCConnector.create_connect_args: `odbc_connect` verbatim; a host without
    // a database is a DSN; else DRIVER={...};Server=...;Database=...; user and password as
    // UID/PWD; every other query key goes into the connection string.
    Params create_connect_args(const URL& url, const Params& connect_args) const override {
        Params out;
        std::vector<std::pair<std::string, std::string>> extra;
        std::optional<std::string> odbc_connect, driver, dsn;
        for (const auto& [key, values] : url.query()) {
            if (values.empty()) continue;
            const std::string& v = values.back();
            if (key == "odbc_connect") odbc_connect = v;
            else if (key == "driver") driver = v;
            else if (key == "dsn") dsn = v;
            else if (key == "prepared_statement_cache_size" || key == "autocommit" || key == "statement_mode" ||
                     key == "pgbouncer")
                out.set(key, v);
            // SQLAlchemy's libpq and mysqlclient key: the login timeout, not a connection-string key.
            else if (key == "connect_timeout") out.set("timeout", v);
            else extra.emplace_back(key, v);
        }
        std::string cs;
        if (odbc_connect) {
            cs = *odbc_connect;
        } else {
            auto add = [&](std::string_view k, std::string_view v) {
                if (!cs.empty()) cs += ';';
                cs += std::string(k) + "=" + attribute(v);
            };
            const std::string dialect(url.backend_name());
            if (dsn || (url.host() && !url.database() && dialect != "sqlite")) {
                add("DSN", dsn ? *dsn : *url.host());
            } else {
                const std::string d = driver.value_or(default_odbc_driver(dialect));
                if (d.empty())
                    throw ArgumentError("odbc driver: no ODBC driver for dialect \"" + dialect +
                                        "\"; give one with ?driver=<name as odbcinst.ini lists it>");
                cs = "DRIVER={" + d + "}";
                if (url.host()) {
                    // SQL Server writes the port after a comma; other drivers take Port=.
                    if (dialect == "mssql") add("Server", *url.host() + (url.port() ? "," + std::to_string(*url.port()) : ""));
                    else {
                        add("Server", *url.host());
                        if (url.port()) add("Port", std::to_string(*url.port()));
                    }
                }
                if (url.database()) add("Database", *url.database());
            }
            if (url.username()) add("UID", *url.username());
            if (url.password()) add("PWD", *url.password());
            for (const auto& [k, v] : extra) add(k, v);
            // psqlODBC reads booleans as '0'/'1' text unless told otherwise.
            const bool psqlodbc = !dsn && driver.value_or(default_odbc_driver(dialect)).starts_with("PostgreSQL");
            if (psqlodbc && std::none_of(extra.begin(), extra.end(), [](const auto& kv) { return kv.first == "BoolsAsChar"; }))
                add("BoolsAsChar", "0");
        }
        out.set("connection_string", cs);
        for (const auto& [key, value] : connect_args) out.set(key, value);
        return out;
    }

    std::unique_ptr<DriverConnection> connect(const Params& args) override {
        std::string cs;
        std::size_t cache = 256;
        // A server that accepts the connection and never answers would hold SQLDriverConnect
        // forever: drivers wait without limit unless given a login timeout.
        std::optional<std::int64_t> timeout = default_login_timeout_seconds;
        // Unnamed (UseServerSidePrepare=0) unless told otherwise: through ODBC nothing shows a
        // pooler, and psqlODBC's own default behind one reads and writes other clients' rows
        // (docs/odbc.md), which a default must never do. statement_mode=named (or
        // pgbouncer=false) keeps the driver's server-side prepares.
        bool unnamed = true;
        for (const auto& [key, value] : args) {
            if (value.is_null()) continue;
            const std::string text = value.kind() == ValueKind::text ? value.as<std::string>() : value.repr();
            if (key == "connection_string") cs = text;
            else if (key == "prepared_statement_cache_size") cache = static_cast<std::size_t>(std::max(0LL, std::stoll(text)));
            else if (key == "timeout" || key == "connect_timeout") timeout = std::stoll(text);
            else if (key == "statement_mode") {
                if (text != "auto" && text != "named" && text != "unnamed")
                    throw ArgumentError("odbc driver: statement_mode is \"auto\", \"named\" or \"unnamed\", not \"" +
                                        text + "\"");
                unnamed = text != "named";
            } else if (key == "pgbouncer") {
                if (text != "true" && text != "false" && text != "1" && text != "0")
                    throw ArgumentError("odbc driver: pgbouncer is true or false, not \"" + text + "\"");
                unnamed = text == "true" || text == "1";
            } else
                throw ArgumentError("odbc driver: unknown connect argument \"" + key +
                                    "\"; it takes connection_string, timeout (or connect_timeout), "
                                    "prepared_statement_cache_size, statement_mode and pgbouncer (connection-string "
                                    "keys go in the URL query)");
        }
        // psqlODBC's server-side prepared statements are named and kept per server connection,
        // which a pooler in transaction mode (pgbouncer) shares between clients; without them
        // psqlODBC sends each execution whole. Other drivers ignore the key.
        if (unnamed && !std::string_view(cs).contains("UseServerSidePrepare")) {
            if (!cs.empty()) cs += ';';
            cs += "UseServerSidePrepare=0";
        }
        // MariaDB Connector/ODBC 3.1 does not bound the handshake by SQL_ATTR_LOGIN_TIMEOUT (a
        // silent server held it past 10 minutes); its own CONN_TIMEOUT key does.
        if (timeout && *timeout > 0 && std::string_view(cs).contains("MariaDB") &&
            !std::string_view(cs).contains("CONN_TIMEOUT")) {
            if (!cs.empty()) cs += ';';
            cs += "CONN_TIMEOUT=" + std::to_string(*timeout);
        }
        SQLHDBC dbc = SQL_NULL_HDBC;
        check(SQLAllocHandle(SQL_HANDLE_DBC, environment(), &dbc), SQL_HANDLE_ENV, environment(), "allocating a connection");
        if (timeout && *timeout > 0)
            SQLSetConnectAttrW(dbc, SQL_ATTR_LOGIN_TIMEOUT, reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(*timeout)), 0);
        std::u16string wcs = to_utf16(cs);
        SQLRETURN rc = SQL_ERROR;
        {
            // One connect at a time in this process: psqlODBC 13's connect calls setlocale(),
            // which frees the locale name another thread's connect is reading (ASan saw the
            // use-after-free with four threads connecting at once). Connecting is rare and
            // slow next to this lock; statements on open connections are not serialized.
            static std::mutex connect_mutex;
            std::lock_guard lock(connect_mutex);
            rc = SQLDriverConnectW(dbc, nullptr, wide(wcs), static_cast<SQLSMALLINT>(wcs.size()), nullptr, 0, nullptr,
                                   SQL_DRIVER_NOPROMPT);
        }
        if (!SQL_SUCCEEDED(rc)) {
            DriverError error = diagnostics(SQL_HANDLE_DBC, dbc, "connection failed");
            SQLFreeHandle(SQL_HANDLE_DBC, dbc);
            // The connection string (and its password) stays out of the message.
            throw DriverError(DBAPIErrorKind::operational_error, error.what(), error.sqlstate(), error.native_code(), true);
        }
        auto conn = std::make_unique<OdbcConnection>(dbc, cache);
        if (!SQL_SUCCEEDED(SQLSetConnectAttrW(dbc, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0)))
            throw diagnostics(SQL_HANDLE_DBC, dbc, "turning autocommit off");
        return conn;
    }
};

}  // namespace

std::unique_ptr<Driver> make_driver() { return std::make_unique<OdbcDriver>(); }

}  // namespace sqla::odbc
