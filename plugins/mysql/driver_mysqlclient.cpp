// sqla: plugins/mysql/driver_mysqlclient.cpp. The mysqlclient driver on the MySQL C API
// (libmariadb): server-side prepared statements with typed bind buffers, cached per connection;
// results read in the binary protocol, buffered (mysql_stmt_store_result) or streamed row by
// row; statements without parameters and without a cache key (DDL, exec_driver_sql) go by the
// text protocol in one round trip; errors mapped by error number as mysqlclient maps them.
// SPDX-License-Identifier: MIT
#include <mysql.h>
#include <mysqld_error.h>
#include <errmsg.h>

#include <map>
#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

import sqla;

#include "mysql_plugin.hpp"
#include "mysql_values.hpp"

namespace sqla::mysql {
namespace {

// ---- errors ---------------------------------------------------------------------------------

// mysqlclient's exception classes by error number (MySQLdb/_mysql.c), which SQLAlchemy relies on.
DBAPIErrorKind kind_for(unsigned int code) {
    switch (code) {
        case ER_DUP_ENTRY: case ER_DUP_UNIQUE: case ER_NO_REFERENCED_ROW: case ER_NO_REFERENCED_ROW_2:
        case ER_ROW_IS_REFERENCED: case ER_ROW_IS_REFERENCED_2: case ER_CANNOT_ADD_FOREIGN: case ER_BAD_NULL_ERROR:
        case ER_DUP_KEY: case ER_DUP_ENTRY_WITH_KEY_NAME: case ER_CONSTRAINT_FAILED:  // a CHECK constraint
            return DBAPIErrorKind::integrity_error;
        case WARN_DATA_TRUNCATED: case ER_DATA_TRUNCATED: case ER_WARN_NULL_TO_NOTNULL: case ER_WARN_DATA_OUT_OF_RANGE: case ER_NO_DEFAULT:
        case ER_PRIMARY_CANT_HAVE_NULL: case ER_DATA_TOO_LONG: case ER_DATETIME_FUNCTION_OVERFLOW:
        case ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: case ER_TRUNCATED_WRONG_VALUE: case ER_DIVISION_BY_ZERO:
        case ER_WRONG_VALUE_COUNT_ON_ROW:
            return DBAPIErrorKind::data_error;
        case ER_WARNING_NOT_COMPLETE_ROLLBACK: case ER_NOT_SUPPORTED_YET: case ER_FEATURE_DISABLED:
        case ER_UNKNOWN_STORAGE_ENGINE: case ER_UNSUPPORTED_PS:
            return DBAPIErrorKind::not_supported_error;
        case ER_DB_CREATE_EXISTS: case ER_SYNTAX_ERROR: case ER_PARSE_ERROR: case ER_NO_SUCH_TABLE:
        case ER_WRONG_DB_NAME: case ER_WRONG_TABLE_NAME: case ER_FIELD_SPECIFIED_TWICE: case ER_INVALID_GROUP_FUNC_USE:
        case ER_UNSUPPORTED_EXTENSION: case ER_TABLE_MUST_HAVE_COLUMNS: case ER_CANT_DO_THIS_DURING_AN_TRANSACTION:
        case ER_WRONG_ARGUMENTS: case ER_SP_DOES_NOT_EXIST: case ER_WRONG_PARAMCOUNT_TO_PROCEDURE:
            return DBAPIErrorKind::programming_error;
        case CR_COMMANDS_OUT_OF_SYNC: return DBAPIErrorKind::programming_error;
        default: break;
    }
    if (code < 1000) return DBAPIErrorKind::internal_error;
    return DBAPIErrorKind::operational_error;
}

// A lost connection (SQLAlchemy's MySQLDialect.is_disconnect, plus MariaDB's "connection was
// killed" and a server shutting down).
bool is_disconnect_code(unsigned int code) {
    switch (code) {
        case CR_SERVER_GONE_ERROR:     // 2006
        case CR_SERVER_LOST:           // 2013
        case CR_COMMANDS_OUT_OF_SYNC:  // 2014
        case 2045:                     // CR_CONN_HOST_ERROR on a named pipe
        case 2055:                     // CR_SERVER_LOST_EXTENDED
        case 4031:                     // the server closed an idle connection
        case 1927:                     // ER_CONNECTION_KILLED
        case ER_SERVER_SHUTDOWN:       // 1053
        // A packet over max_allowed_packet (08S01): the server closes the connection after
        // it, so the next statement would fail with 2006 and ask for a rollback forever.
        case ER_NET_PACKET_TOO_LARGE:  // 1153
        case 1184:                     // ER_NEW_ABORTING_CONNECTION
            return true;
        default: return false;
    }
}

DriverError make_error(unsigned int code, const char* sqlstate, const char* message, std::string_view context = {}) {
    std::string text = message && *message ? message : "unknown error";
    if (!context.empty()) text = std::string(context) + ": " + text;
    text = "(" + std::to_string(code) + ") " + text;
    return DriverError(code ? kind_for(code) : DBAPIErrorKind::operational_error, text,
                       sqlstate && std::strcmp(sqlstate, "00000") != 0 ? sqlstate : "", code, is_disconnect_code(code));
}

DriverError connection_error(MYSQL* db, std::string_view context = {}) {
    return make_error(mysql_errno(db), mysql_sqlstate(db), mysql_error(db), context);
}

DriverError statement_error(MYSQL_STMT* stmt, std::string_view context = {}) {
    return make_error(mysql_stmt_errno(stmt), mysql_stmt_sqlstate(stmt), mysql_stmt_error(stmt), context);
}

// ---- values ---------------------------------------------------------------------------------

// The shortest text of a float, read back as a double: FLOAT 0.1 reads as 0.1, as the text
// protocol (and mysqlclient) gives it.
double float_as_double(float f) {
    if (!std::isfinite(f)) return f;
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, f).ptr;
    double d = 0;
    std::from_chars(text, end, d);
    return d;
}

// Hours (beyond 24 for a TIME), minutes, seconds and microseconds of `us` (not negative).
void set_clock(MYSQL_TIME& t, std::int64_t us) {
    t.hour = static_cast<unsigned>(us / 3'600'000'000);
    t.minute = static_cast<unsigned>(us / 60'000'000 % 60);
    t.second = static_cast<unsigned>(us / 1'000'000 % 60);
    t.second_part = static_cast<unsigned long>(us % 1'000'000);
}

MYSQL_TIME mysql_time(const std::chrono::year_month_day& d) {
    MYSQL_TIME t{};
    t.year = static_cast<unsigned>(static_cast<int>(d.year()));
    t.month = static_cast<unsigned>(d.month());
    t.day = static_cast<unsigned>(d.day());
    t.time_type = MYSQL_TIMESTAMP_DATE;
    return t;
}

MYSQL_TIME mysql_time(std::chrono::sys_time<std::chrono::microseconds> at) {
    using namespace std::chrono;
    const auto day = floor<days>(at);
    const year_month_day ymd{day};
    MYSQL_TIME t = mysql_time(ymd);
    set_clock(t, (at - day).count());
    t.time_type = MYSQL_TIMESTAMP_DATETIME;
    return t;
}

// A TIME value (MySQL's TIME holds -838:59:59 to 838:59:59, mysqlclient's timedelta).
MYSQL_TIME mysql_time(std::chrono::microseconds span) {
    MYSQL_TIME t{};
    const std::int64_t us = span.count();
    t.neg = us < 0;
    set_clock(t, us < 0 ? -us : us);
    t.time_type = MYSQL_TIMESTAMP_TIME;
    return t;
}

// One execution's parameters as MYSQL_BINDs. Text and bytes point into the Values (which
// outlive the execution); other values are kept here.
struct BoundParams {
    std::vector<MYSQL_BIND> binds;
    std::vector<std::int64_t> integers;
    std::vector<double> doubles;
    std::vector<MYSQL_TIME> times;
    std::vector<std::string> texts;
    std::vector<unsigned long> lengths;

    void bind(std::span<const Value> params) {
        const std::size_t n = params.size();
        binds.assign(n, MYSQL_BIND{});
        integers.assign(n, 0);
        doubles.assign(n, 0);
        times.assign(n, MYSQL_TIME{});
        texts.resize(n);
        lengths.assign(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            MYSQL_BIND& b = binds[i];
            const auto& st = params[i].storage();
            auto text = [&](std::string_view s, enum_field_types type = MYSQL_TYPE_STRING) {
                static char empty[1] = {};
                b.buffer_type = type;
                // A null buffer would send NULL: an empty value points at an empty string.
                b.buffer = s.data() ? const_cast<char*>(s.data()) : empty;
                lengths[i] = static_cast<unsigned long>(s.size());
                b.buffer_length = lengths[i];
                b.length = &lengths[i];
            };
            auto owned = [&](std::string s, enum_field_types type = MYSQL_TYPE_STRING) {
                texts[i] = std::move(s);
                text(texts[i], type);
            };
            auto time = [&](MYSQL_TIME t, enum_field_types type) {
                times[i] = t;
                b.buffer_type = type;
                b.buffer = &times[i];
            };
            switch (params[i].kind()) {
                case ValueKind::null: b.buffer_type = MYSQL_TYPE_NULL; break;
                case ValueKind::boolean:
                    integers[i] = std::get<bool>(st) ? 1 : 0;
                    b.buffer_type = MYSQL_TYPE_LONGLONG;
                    b.buffer = &integers[i];
                    break;
                case ValueKind::integer:
                    integers[i] = std::get<std::int64_t>(st);
                    b.buffer_type = MYSQL_TYPE_LONGLONG;
                    b.buffer = &integers[i];
                    break;
                case ValueKind::real:
                    doubles[i] = std::get<double>(st);
                    if (!std::isfinite(doubles[i]))
                        throw ArgumentError("MySQL cannot store the non-finite double " + params[i].repr());
                    b.buffer_type = MYSQL_TYPE_DOUBLE;
                    b.buffer = &doubles[i];
                    break;
                case ValueKind::text: text(std::get<std::string>(st)); break;
                case ValueKind::blob: {
                    const auto& bytes = std::get<Bytes>(st);
                    text(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), MYSQL_TYPE_BLOB);
                    break;
                }
                case ValueKind::decimal: owned(std::get<Decimal>(st).to_string(), MYSQL_TYPE_NEWDECIMAL); break;
                case ValueKind::date: time(mysql_time(std::get<std::chrono::year_month_day>(st)), MYSQL_TYPE_DATE); break;
                case ValueKind::time: time(mysql_time(std::get<TimeOfDay>(st).since_midnight), MYSQL_TYPE_TIME); break;
                case ValueKind::datetime:
                    time(mysql_time(std::chrono::sys_time<std::chrono::microseconds>(
                             std::get<LocalDateTime>(st).time_since_epoch())),
                         MYSQL_TYPE_DATETIME);
                    break;
                // MySQL has no zone: an aware datetime is stored as its UTC time.
                case ValueKind::datetime_tz: time(mysql_time(std::get<UtcDateTime>(st)), MYSQL_TYPE_DATETIME); break;
                case ValueKind::interval: time(mysql_time(std::get<std::chrono::microseconds>(st)), MYSQL_TYPE_TIME); break;
                // As SQLAlchemy's Uuid stores it where there is no UUID type: CHAR(32) of hex.
                case ValueKind::uuid: owned(std::get<UuidValue>(st).hex()); break;
                case ValueKind::json: owned(boost::json::serialize(std::get<boost::json::value>(st))); break;
            }
        }
    }
};

// Many rows of parameters bound column-wise for MariaDB's bulk execution (STMT_ATTR_ARRAY_SIZE):
// one round trip for every row. Each column keeps one kind of value (NULLs aside).
struct BulkParams {
    struct ColumnArrays {
        std::vector<std::int64_t> integers;
        std::vector<double> doubles;
        std::vector<MYSQL_TIME> times;
        std::vector<std::string> texts;  // values that are text only once converted
        std::vector<const char*> pointers;
        std::vector<unsigned long> lengths;
        std::vector<char> indicators;
    };
    std::vector<MYSQL_BIND> binds;
    std::vector<ColumnArrays> columns;

    // The kind of each column's values, or nullopt when a column mixes kinds.
    static std::optional<std::vector<ValueKind>> column_kinds(ParamBatch batch) {
        std::vector<ValueKind> kinds(batch.width, ValueKind::null);
        for (std::size_t r = 0; r < batch.rows(); ++r) {
            const auto row = batch.row(r);
            for (std::size_t c = 0; c < batch.width; ++c) {
                const ValueKind k = row[c].kind();
                if (k == ValueKind::null) continue;
                if (kinds[c] == ValueKind::null) kinds[c] = k;
                else if (kinds[c] != k) return std::nullopt;
            }
        }
        return kinds;
    }

    void bind(ParamBatch batch, const std::vector<ValueKind>& kinds) {
        static char empty[1] = {};
        const std::size_t n = batch.rows();
        binds.assign(batch.width, MYSQL_BIND{});
        columns.assign(batch.width, ColumnArrays{});
        for (std::size_t c = 0; c < batch.width; ++c) {
            MYSQL_BIND& b = binds[c];
            ColumnArrays& a = columns[c];
            a.indicators.assign(n, STMT_INDICATOR_NONE);
            for (std::size_t r = 0; r < n; ++r)
                if (batch.row(r)[c].is_null()) a.indicators[r] = STMT_INDICATOR_NULL;
            b.u.indicator = a.indicators.data();
            auto each = [&](auto&& f) {
                for (std::size_t r = 0; r < n; ++r)
                    if (!a.indicators[r]) f(r, batch.row(r)[c].storage());
            };
            auto strings = [&](enum_field_types type, auto&& text_of) {
                a.pointers.assign(n, empty);
                a.lengths.assign(n, 0);
                a.texts.resize(n);
                each([&](std::size_t r, const Value::Storage& st) {
                    const std::string_view t = text_of(r, st);
                    a.pointers[r] = t.data() ? t.data() : empty;
                    a.lengths[r] = static_cast<unsigned long>(t.size());
                });
                b.buffer_type = type;
                b.buffer = a.pointers.data();
                b.length = a.lengths.data();
            };
            // libmariadb reads temporal columns (like strings) through an array of pointers.
            auto times = [&](enum_field_types type, auto&& time_of) {
                a.times.assign(n, MYSQL_TIME{});
                a.pointers.assign(n, nullptr);
                each([&](std::size_t r, const Value::Storage& st) {
                    a.times[r] = time_of(st);
                    a.pointers[r] = reinterpret_cast<const char*>(&a.times[r]);
                });
                b.buffer_type = type;
                b.buffer = a.pointers.data();
            };
            switch (kinds[c]) {
                case ValueKind::null:
                    // Every value NULL: said by the indicators, over a column of empty strings.
                    a.pointers.assign(n, empty);
                    a.lengths.assign(n, 0);
                    b.buffer_type = MYSQL_TYPE_STRING;
                    b.buffer = a.pointers.data();
                    b.length = a.lengths.data();
                    break;
                case ValueKind::boolean:
                case ValueKind::integer:
                    a.integers.assign(n, 0);
                    each([&](std::size_t r, const Value::Storage& st) {
                        a.integers[r] = kinds[c] == ValueKind::boolean ? (std::get<bool>(st) ? 1 : 0) : std::get<std::int64_t>(st);
                    });
                    b.buffer_type = MYSQL_TYPE_LONGLONG;
                    b.buffer = a.integers.data();
                    break;
                case ValueKind::real:
                    a.doubles.assign(n, 0);
                    each([&](std::size_t r, const Value::Storage& st) {
                        a.doubles[r] = std::get<double>(st);
                        if (!std::isfinite(a.doubles[r]))
                            throw ArgumentError("MySQL cannot store the non-finite double " + std::to_string(a.doubles[r]));
                    });
                    b.buffer_type = MYSQL_TYPE_DOUBLE;
                    b.buffer = a.doubles.data();
                    break;
                case ValueKind::text:
                    strings(MYSQL_TYPE_STRING, [](std::size_t, const Value::Storage& st) -> std::string_view { return std::get<std::string>(st); });
                    break;
                case ValueKind::blob:
                    strings(MYSQL_TYPE_BLOB, [](std::size_t, const Value::Storage& st) {
                        const auto& bytes = std::get<Bytes>(st);
                        return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
                    });
                    break;
                case ValueKind::decimal:
                    strings(MYSQL_TYPE_NEWDECIMAL, [&](std::size_t r, const Value::Storage& st) -> std::string_view {
                        return a.texts[r] = std::get<Decimal>(st).to_string();
                    });
                    break;
                case ValueKind::uuid:
                    strings(MYSQL_TYPE_STRING, [&](std::size_t r, const Value::Storage& st) -> std::string_view {
                        return a.texts[r] = std::get<UuidValue>(st).hex();
                    });
                    break;
                case ValueKind::json:
                    strings(MYSQL_TYPE_STRING, [&](std::size_t r, const Value::Storage& st) -> std::string_view {
                        return a.texts[r] = boost::json::serialize(std::get<boost::json::value>(st));
                    });
                    break;
                case ValueKind::date:
                    times(MYSQL_TYPE_DATE, [](const Value::Storage& st) { return mysql_time(std::get<std::chrono::year_month_day>(st)); });
                    break;
                case ValueKind::time:
                    times(MYSQL_TYPE_TIME, [](const Value::Storage& st) { return mysql_time(std::get<TimeOfDay>(st).since_midnight); });
                    break;
                case ValueKind::datetime:
                    times(MYSQL_TYPE_DATETIME, [](const Value::Storage& st) {
                        return mysql_time(std::chrono::sys_time<std::chrono::microseconds>(std::get<LocalDateTime>(st).time_since_epoch()));
                    });
                    break;
                case ValueKind::datetime_tz:
                    times(MYSQL_TYPE_DATETIME, [](const Value::Storage& st) { return mysql_time(std::get<UtcDateTime>(st)); });
                    break;
                case ValueKind::interval:
                    times(MYSQL_TYPE_TIME, [](const Value::Storage& st) { return mysql_time(std::get<std::chrono::microseconds>(st)); });
                    break;
            }
        }
    }
};

ColumnType column_type(const MYSQL_FIELD& f) {
    return ColumnType{f.type, (f.flags & UNSIGNED_FLAG) != 0, f.charsetnr == 63};
}

std::string_view type_name(enum_field_types t) {
    switch (t) {
        case MYSQL_TYPE_TINY: return "TINYINT";
        case MYSQL_TYPE_SHORT: return "SMALLINT";
        case MYSQL_TYPE_LONG: return "INT";
        case MYSQL_TYPE_INT24: return "MEDIUMINT";
        case MYSQL_TYPE_LONGLONG: return "BIGINT";
        case MYSQL_TYPE_FLOAT: return "FLOAT";
        case MYSQL_TYPE_DOUBLE: return "DOUBLE";
        case MYSQL_TYPE_DECIMAL:
        case MYSQL_TYPE_NEWDECIMAL: return "DECIMAL";
        case MYSQL_TYPE_DATE: return "DATE";
        case MYSQL_TYPE_TIME: return "TIME";
        case MYSQL_TYPE_DATETIME: return "DATETIME";
        case MYSQL_TYPE_TIMESTAMP: return "TIMESTAMP";
        case MYSQL_TYPE_YEAR: return "YEAR";
        case MYSQL_TYPE_BIT: return "BIT";
        case MYSQL_TYPE_JSON: return "JSON";
        case MYSQL_TYPE_ENUM: return "ENUM";
        case MYSQL_TYPE_SET: return "SET";
        case MYSQL_TYPE_TINY_BLOB:
        case MYSQL_TYPE_MEDIUM_BLOB:
        case MYSQL_TYPE_LONG_BLOB:
        case MYSQL_TYPE_BLOB: return "BLOB";
        case MYSQL_TYPE_VARCHAR:
        case MYSQL_TYPE_VAR_STRING: return "VARCHAR";
        case MYSQL_TYPE_STRING: return "CHAR";
        case MYSQL_TYPE_NULL: return "NULL";
        default: return {};
    }
}

std::vector<ColumnInfo> describe(const MYSQL_FIELD* fields, unsigned n, std::vector<ColumnType>& types) {
    std::vector<ColumnInfo> out;
    out.reserve(n);
    types.resize(n);
    for (unsigned i = 0; i < n; ++i) {
        types[i] = column_type(fields[i]);
        out.push_back(ColumnInfo{std::string(fields[i].name, fields[i].name_length), std::string(type_name(fields[i].type))});
    }
    return out;
}

// ---- binary-protocol results ----------------------------------------------------------------

// Result buffers for a statement's columns, bound once per execution, and the decoding of the
// current row into Values.
class RowBuffers {
public:
    void bind(MYSQL_STMT* stmt, const std::vector<ColumnType>& types) {
        const std::size_t n = types.size();
        binds_.assign(n, MYSQL_BIND{});
        slots_.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            MYSQL_BIND& b = binds_[i];
            Slot& s = slots_[i];
            b.length = &s.length;
            b.is_null = &s.is_null;
            b.error = &s.error;
            switch (types[i].type) {
                case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_LONG: case MYSQL_TYPE_INT24:
                case MYSQL_TYPE_LONGLONG: case MYSQL_TYPE_YEAR:
                    b.buffer_type = MYSQL_TYPE_LONGLONG;
                    b.buffer = &s.integer;
                    b.is_unsigned = types[i].is_unsigned;
                    break;
                case MYSQL_TYPE_FLOAT:
                    b.buffer_type = MYSQL_TYPE_FLOAT;
                    b.buffer = &s.f;
                    break;
                case MYSQL_TYPE_DOUBLE:
                    b.buffer_type = MYSQL_TYPE_DOUBLE;
                    b.buffer = &s.d;
                    break;
                case MYSQL_TYPE_DATE: case MYSQL_TYPE_NEWDATE: case MYSQL_TYPE_TIME: case MYSQL_TYPE_DATETIME:
                case MYSQL_TYPE_TIMESTAMP:
                    b.buffer_type = types[i].type == MYSQL_TYPE_NEWDATE ? MYSQL_TYPE_DATE : types[i].type;
                    b.buffer = &s.time;
                    break;
                case MYSQL_TYPE_NULL: b.buffer_type = MYSQL_TYPE_NULL; break;
                default:
                    // Strings, decimals, bytes, BIT, JSON: the bytes as they come; longer values
                    // are fetched again into a larger buffer (fetch()).
                    b.buffer_type = MYSQL_TYPE_BLOB;
                    if (s.bytes.size() < 64) s.bytes.resize(64);
                    b.buffer = s.bytes.data();
                    b.buffer_length = static_cast<unsigned long>(s.bytes.size());
                    break;
            }
        }
        if (n && mysql_stmt_bind_result(stmt, binds_.data())) throw statement_error(stmt, "binding result columns");
    }

    // The next row; false at the end. Values longer than their buffer are read whole.
    bool fetch(MYSQL_STMT* stmt) {
        const int rc = mysql_stmt_fetch(stmt);
        if (rc == MYSQL_NO_DATA) return false;
        if (rc == 1) throw statement_error(stmt, "fetching a row");
        if (rc == MYSQL_DATA_TRUNCATED) {
            bool rebind = false;
            for (std::size_t i = 0; i < binds_.size(); ++i) {
                Slot& s = slots_[i];
                if (binds_[i].buffer_type != MYSQL_TYPE_BLOB || s.is_null || s.length <= binds_[i].buffer_length) continue;
                s.bytes.resize(std::max<std::size_t>(s.length, s.bytes.size() * 2));
                binds_[i].buffer = s.bytes.data();
                binds_[i].buffer_length = static_cast<unsigned long>(s.bytes.size());
                if (mysql_stmt_fetch_column(stmt, &binds_[i], static_cast<unsigned>(i), 0))
                    throw statement_error(stmt, "fetching a long value");
                rebind = true;
            }
            // Later rows use the larger buffers.
            if (rebind && mysql_stmt_bind_result(stmt, binds_.data())) throw statement_error(stmt, "binding result columns");
        }
        return true;
    }

    void read(const std::vector<ColumnType>& types, std::span<Value> out) const {
        using namespace std::chrono;
        for (std::size_t i = 0; i < out.size() && i < slots_.size(); ++i) {
            const Slot& s = slots_[i];
            Value& v = out[i];
            if (s.is_null || binds_[i].buffer_type == MYSQL_TYPE_NULL) {
                v.set_null();
                continue;
            }
            switch (binds_[i].buffer_type) {
                case MYSQL_TYPE_LONGLONG:
                    if (types[i].is_unsigned) set_unsigned(static_cast<std::uint64_t>(s.integer), v);
                    else v.set_int(s.integer);
                    break;
                case MYSQL_TYPE_FLOAT: v.set_double(float_as_double(s.f)); break;
                case MYSQL_TYPE_DOUBLE: v.set_double(s.d); break;
                case MYSQL_TYPE_DATE:
                case MYSQL_TYPE_DATETIME:
                case MYSQL_TYPE_TIMESTAMP: {
                    const MYSQL_TIME& t = s.time;
                    if (t.year == 0 && t.month == 0 && t.day == 0) {
                        // A zero date has no calendar value: its text, as the server shows it.
                        v.set_text(binds_[i].buffer_type == MYSQL_TYPE_DATE ? "0000-00-00" : "0000-00-00 00:00:00");
                        break;
                    }
                    const year_month_day ymd{year{static_cast<int>(t.year)}, month{t.month}, day{t.day}};
                    if (binds_[i].buffer_type == MYSQL_TYPE_DATE) {
                        v = Value(ymd);
                        break;
                    }
                    const auto since = sys_days{ymd}.time_since_epoch() + hours{t.hour} + minutes{t.minute} +
                                       seconds{t.second} + microseconds{t.second_part};
                    v = Value(LocalDateTime{duration_cast<microseconds>(since)});
                    break;
                }
                case MYSQL_TYPE_TIME: {
                    const MYSQL_TIME& t = s.time;
                    const std::int64_t us =
                        ((static_cast<std::int64_t>(t.day) * 24 + t.hour) * 3600 + t.minute * 60 + t.second) * 1'000'000 +
                        static_cast<std::int64_t>(t.second_part);
                    v = Value(microseconds{t.neg ? -us : us});
                    break;
                }
                default:
                    read_text(types[i], std::string_view(s.bytes.data(), s.length), v);
                    break;
            }
        }
    }

private:
    struct Slot {
        unsigned long length = 0;
        my_bool is_null = 0;
        my_bool error = 0;
        std::int64_t integer = 0;
        float f = 0;
        double d = 0;
        MYSQL_TIME time{};
        std::vector<char> bytes;
    };
    std::vector<MYSQL_BIND> binds_;
    std::vector<Slot> slots_;
};

class MysqlConnection;

// A prepared statement on a connection, with its result buffers and the columns it returned
// last time. At most one cursor reads its result at a time (`reader`).
struct Statement {
    MYSQL_STMT* stmt = nullptr;
    unsigned long param_count = 0;
    // Shared with the cursors reading it, so a cursor keeps its columns when a later execution
    // (after a table change) describes new ones.
    std::shared_ptr<const std::vector<ColumnInfo>> columns = std::make_shared<const std::vector<ColumnInfo>>();
    std::vector<ColumnType> types;
    RowBuffers buffers;
    class StatementCursor* reader = nullptr;

    Statement() = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() {
        if (stmt) mysql_stmt_close(stmt);
    }
};

// The rows of one execution of a prepared statement. Buffered (the rows in libmariadb's
// memory after mysql_stmt_store_result) or streamed (read from the server as fetched; the
// connection is busy until the end). Either way, if the statement or the connection is needed
// before the rows are read, `detach()` moves the rest into memory as Values first.
class StatementCursor final : public Cursor {
public:
    StatementCursor(MysqlConnection& conn, Statement* statement, std::unique_ptr<Statement> owned, bool streaming,
                    std::int64_t rowcount)
        : conn_(&conn), statement_(statement), owned_(std::move(owned)), streaming_(streaming), rowcount_(rowcount),
          columns_(statement->columns) {
        statement_->reader = this;
    }
    ~StatementCursor() override { close(); }

    std::span<const ColumnInfo> columns() const noexcept override { return *columns_; }
    bool fetch() override {
        if (rest_) return rest_->fetch();
        if (!statement_) return false;
        if (!statement_->buffers.fetch(statement_->stmt)) {
            release();
            return false;
        }
        return true;
    }
    void read_row(std::span<Value> out) override {
        if (rest_) return rest_->read_row(out);
        statement_->buffers.read(statement_->types, out);
    }
    std::int64_t rowcount() const noexcept override { return rowcount_; }
    void close() noexcept override {
        rest_.reset();
        release();
    }
    // Reads the rest of the rows into memory and lets the statement and connection go.
    void detach();
    [[nodiscard]] bool streaming() const noexcept { return streaming_ && statement_ != nullptr; }

private:
    void release() noexcept;

    MysqlConnection* conn_;
    Statement* statement_;
    std::unique_ptr<Statement> owned_;  // an uncached statement, closed with the cursor
    bool streaming_;
    std::int64_t rowcount_;
    std::shared_ptr<const std::vector<ColumnInfo>> columns_;
    std::unique_ptr<BufferedRowsCursor> rest_;  // the rows left when detached
};

// No rows: the count and the last insert id of an INSERT, UPDATE, DELETE or DDL statement.
class CountCursor final : public Cursor {
public:
    CountCursor(std::int64_t rowcount, std::optional<std::int64_t> lastrowid) : rowcount_(rowcount), lastrowid_(lastrowid) {}
    std::span<const ColumnInfo> columns() const noexcept override { return {}; }
    bool fetch() override { return false; }
    void read_row(std::span<Value>) override {}
    std::int64_t rowcount() const noexcept override { return rowcount_; }
    std::optional<std::int64_t> lastrowid() const noexcept override { return lastrowid_; }
    void close() noexcept override {}

private:
    std::int64_t rowcount_;
    std::optional<std::int64_t> lastrowid_;
};

// A text-protocol result (statements without parameters), whole in memory.
class TextCursor final : public Cursor {
public:
    explicit TextCursor(MYSQL_RES* res) : res_(res) {
        const unsigned n = mysql_num_fields(res_);
        columns_ = describe(mysql_fetch_fields(res_), n, types_);
        rowcount_ = static_cast<std::int64_t>(mysql_num_rows(res_));
    }
    ~TextCursor() override { close(); }
    std::span<const ColumnInfo> columns() const noexcept override { return columns_; }
    bool fetch() override {
        if (!res_) return false;
        row_ = mysql_fetch_row(res_);
        lengths_ = row_ ? mysql_fetch_lengths(res_) : nullptr;
        return row_ != nullptr;
    }
    void read_row(std::span<Value> out) override {
        for (std::size_t i = 0; i < out.size() && i < types_.size(); ++i) {
            if (!row_[i]) out[i].set_null();
            else read_text(types_[i], std::string_view(row_[i], lengths_[i]), out[i]);
        }
    }
    std::int64_t rowcount() const noexcept override { return rowcount_; }
    void close() noexcept override {
        if (res_) mysql_free_result(res_);
        res_ = nullptr;
    }

private:
    MYSQL_RES* res_;
    std::vector<ColumnInfo> columns_;
    std::vector<ColumnType> types_;
    MYSQL_ROW row_ = nullptr;
    unsigned long* lengths_ = nullptr;
    std::int64_t rowcount_ = -1;
};

// ---- connection -----------------------------------------------------------------------------

class MysqlConnection final : public DriverConnection {
public:
    MysqlConnection(MYSQL* db, std::size_t cache_capacity) : db_(db), cache_capacity_(cache_capacity) {}
    ~MysqlConnection() override { close(); }

    std::unique_ptr<Cursor> execute(const DriverStatement& stmt, std::span<const Value> params,
                                    const CursorOptions& options) override {
        check_open();
        settle_stream();
        if (params.empty() && stmt.cache_key == 0) return execute_text(stmt.sql);
        params_.bind(params);
        std::unique_ptr<Statement> owned;
        Statement* s = nullptr;
        unsigned fields = 0;
        for (int attempt = 0;; ++attempt) {
            s = statement(stmt, owned);
            if (s->reader) s->reader->detach();
            if (params.size() != s->param_count)
                throw DriverError(DBAPIErrorKind::programming_error,
                                  "the statement has " + std::to_string(s->param_count) + " parameters, " +
                                      std::to_string(params.size()) + " were given");
            if (!params.empty() && mysql_stmt_bind_param(s->stmt, params_.binds.data()))
                throw statement_error(s->stmt, "binding parameters");
            if (mysql_stmt_execute(s->stmt)) {
                auto error = statement_error(s->stmt);
                // The server re-prepared a cached statement whose table changed and its result
                // has other columns now (CR_NEW_STMT_METADATA): prepare it afresh, once.
                if (error.native_code() == CR_NEW_STMT_METADATA && attempt == 0 && !owned) {
                    prepared_.erase(stmt.cache_key);
                    continue;
                }
                // The table under a cached statement changed too much to re-prepare by itself.
                if (error.native_code() == ER_NEED_REPREPARE && stmt.cache_key) prepared_.erase(stmt.cache_key);
                throw error;
            }
            fields = mysql_stmt_field_count(s->stmt);
            // The server re-prepared a cached statement whose table changed, and its result has
            // other columns now: prepare it afresh (libmariadb's buffers follow the old ones).
            if (attempt == 0 && !s->types.empty() && !owned &&
                (s->types.size() != fields || !same_types(s->stmt->fields, fields, s->types))) {
                mysql_stmt_free_result(s->stmt);
                prepared_.erase(stmt.cache_key);
                continue;
            }
            break;
        }
        if (fields == 0) {
            const auto affected = mysql_stmt_affected_rows(s->stmt);
            const auto id = mysql_stmt_insert_id(s->stmt);
            return std::make_unique<CountCursor>(affected == static_cast<unsigned long long>(-1) ? -1 : static_cast<std::int64_t>(affected),
                                                 id ? std::optional<std::int64_t>(static_cast<std::int64_t>(id)) : std::nullopt);
        }
        // Columns as the server sent them this time (a table may have changed since).
        if (s->types.size() != fields || !same_types(s->stmt->fields, fields, s->types))
            s->columns = std::make_shared<const std::vector<ColumnInfo>>(describe(s->stmt->fields, fields, s->types));
        s->buffers.bind(s->stmt, s->types);
        std::int64_t rowcount = -1;
        if (!options.stream_results) {
            if (mysql_stmt_store_result(s->stmt)) throw statement_error(s->stmt, "reading the result");
            rowcount = static_cast<std::int64_t>(mysql_stmt_num_rows(s->stmt));
        }
        auto cursor = std::make_unique<StatementCursor>(*this, s, std::move(owned), options.stream_results, rowcount);
        if (options.stream_results) stream_ = cursor.get();
        return cursor;
    }

    // MariaDB takes every parameter set of an INSERT, UPDATE or DELETE in one bulk execution
    // (STMT_ATTR_ARRAY_SIZE, COM_STMT_BULK_EXECUTE), in batches under max_allowed_packet: one
    // round trip per batch instead of per row. Elsewhere (MySQL servers, statements returning
    // rows, a column mixing kinds of values) the statement runs once per parameter set.
    std::int64_t execute_many(const DriverStatement& stmt, ParamBatch batch) override {
        check_open();
        settle_stream();
        const auto kinds = BulkParams::column_kinds(batch);
        if (batch.rows() < 2 || batch.width == 0 || !kinds || !bulk_supported())
            return DriverConnection::execute_many(stmt, batch);
        std::unique_ptr<Statement> owned;
        Statement* s = statement(stmt, owned);
        if (s->reader) s->reader->detach();
        if (mysql_stmt_field_count(s->stmt) != 0 || s->param_count != batch.width)
            return DriverConnection::execute_many(stmt, batch);
        const std::size_t limit = max_parameter_bytes() / 10 * 9;
        std::int64_t total = 0;
        std::size_t first = 0;
        BulkParams bulk;
        auto reset = [&] {
            unsigned int none = 0;
            mysql_stmt_attr_set(s->stmt, STMT_ATTR_ARRAY_SIZE, &none);
        };
        while (first < batch.rows()) {
            // Rows up to the packet limit (at least one).
            std::size_t last = first, bytes = 0;
            while (last < batch.rows()) {
                std::size_t row_bytes = 0;
                for (const Value& v : batch.row(last)) {
                    const auto& st = v.storage();
                    if (const auto* t = std::get_if<std::string>(&st)) row_bytes += t->size() + 9;
                    else if (const auto* b = std::get_if<Bytes>(&st)) row_bytes += b->size() + 9;
                    else row_bytes += 24;
                }
                if (last > first && bytes + row_bytes > limit) break;
                bytes += row_bytes;
                ++last;
            }
            const ParamBatch part{batch.values.subspan(first * batch.width, (last - first) * batch.width), batch.width};
            bulk.bind(part, *kinds);
            unsigned int size = static_cast<unsigned int>(part.rows());
            if (mysql_stmt_attr_set(s->stmt, STMT_ATTR_ARRAY_SIZE, &size) ||
                mysql_stmt_bind_param(s->stmt, bulk.binds.data()) || mysql_stmt_execute(s->stmt)) {
                auto error = statement_error(s->stmt, "executemany (bulk), parameter sets " + std::to_string(first) +
                                                          " to " + std::to_string(last - 1));
                reset();
                throw error;
            }
            const auto affected = mysql_stmt_affected_rows(s->stmt);
            if (affected != static_cast<unsigned long long>(-1)) total += static_cast<std::int64_t>(affected);
            first = last;
        }
        reset();
        return total;
    }

    // MySQL begins a transaction by itself at the first statement (autocommit is off); in
    // AUTOCOMMIT each statement commits by itself.
    void begin() override { check_open(); }
    void commit() override {
        check_open();
        settle_stream();
        if (mysql_commit(db_)) throw connection_error(db_, "COMMIT");
    }
    void rollback() override {
        if (!db_) return;
        settle_stream();
        if (mysql_rollback(db_)) throw connection_error(db_, "ROLLBACK");
    }
    void set_isolation_level(std::string_view level) override {
        check_open();
        settle_stream();
        if (level == "AUTOCOMMIT") {
            if (mysql_autocommit(db_, 1)) throw connection_error(db_, "setting autocommit");
            autocommit_ = true;
            return;
        }
        static const std::unordered_set<std::string_view> levels{"READ UNCOMMITTED", "READ COMMITTED",
                                                                  "REPEATABLE READ", "SERIALIZABLE"};
        if (!levels.contains(level))
            throw DriverError(DBAPIErrorKind::not_supported_error,
                              "MySQL has no isolation level \"" + std::string(level) + "\"");
        if (autocommit_ && mysql_autocommit(db_, 0)) throw connection_error(db_, "setting autocommit");
        autocommit_ = false;
        run("SET SESSION TRANSACTION ISOLATION LEVEL " + std::string(level));
    }
    std::string isolation_level() override {
        if (autocommit_) return "AUTOCOMMIT";
        check_open();
        settle_stream();
        // @@transaction_isolation on MySQL 8 and MariaDB 11.1+, @@tx_isolation before.
        std::string level;
        for (const char* sql : {"SELECT @@transaction_isolation", "SELECT @@tx_isolation"}) {
            if (mysql_real_query(db_, sql, std::strlen(sql)) != 0) continue;
            MYSQL_RES* res = mysql_store_result(db_);
            if (!res) continue;
            if (MYSQL_ROW row = mysql_fetch_row(res); row && row[0]) level = row[0];
            mysql_free_result(res);
            if (!level.empty()) break;
        }
        if (level.empty()) throw connection_error(db_, "reading the isolation level");
        std::replace(level.begin(), level.end(), '-', ' ');
        return level;
    }
    bool ping() noexcept override {
        if (!db_) return false;
        try {
            settle_stream();
        } catch (...) {
            return false;
        }
        return mysql_ping(db_) == 0;
    }
    void close() noexcept override {
        if (!db_) return;
        if (stream_) stream_->close();
        for (auto& [key, s] : prepared_)
            if (s->reader) s->reader->close();
        prepared_.clear();
        mysql_close(db_);
        db_ = nullptr;
    }
    bool closed() const noexcept override { return db_ == nullptr; }
    std::string server_version() const override { return db_ ? mysql_get_server_info(db_) : ""; }
    void* native_handle() noexcept override { return db_; }
    // The server's max_allowed_packet, asked once: an execution's packet must fit in it.
    std::size_t max_parameter_bytes() override {
        if (max_packet_ == 0) {
            check_open();
            settle_stream();
            auto cursor = execute_text("SELECT @@max_allowed_packet");
            Value v;
            if (cursor->fetch()) {
                std::vector<Value> row(1);
                cursor->read_row(row);
                v = row[0];
            }
            max_packet_ = v.kind() == ValueKind::integer ? static_cast<std::size_t>(v.as<std::int64_t>()) : 16u << 20;
        }
        return max_packet_;
    }

    void stream_done(StatementCursor* cursor) noexcept {
        if (stream_ == cursor) stream_ = nullptr;
    }

private:
    void check_open() const {
        if (!db_) throw DriverError(DBAPIErrorKind::interface_error, "connection already closed");
    }

    // A streamed result still being read keeps the connection busy: read it to its end first.
    void settle_stream() {
        if (stream_) {
            auto* s = stream_;
            stream_ = nullptr;
            s->detach();
        }
    }

public:
    // Whether the server takes bulk executions (MariaDB 10.2 and newer).
    bool bulk_supported() {
        if (!bulk_known_) {
            unsigned long capabilities = 0;
            bulk_ = mariadb_get_infov(db_, MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES, &capabilities) == 0 &&
                    (capabilities & (MARIADB_CLIENT_STMT_BULK_OPERATIONS >> 32)) != 0;
            bulk_known_ = true;
        }
        return bulk_;
    }

private:

    static bool same_types(const MYSQL_FIELD* fields, unsigned n, const std::vector<ColumnType>& types) {
        for (unsigned i = 0; i < n; ++i) {
            const ColumnType t = column_type(fields[i]);
            if (t.type != types[i].type || t.is_unsigned != types[i].is_unsigned || t.binary != types[i].binary) return false;
        }
        return true;
    }

    // The cached prepared statement for `stmt`, prepared now if need be; or, for statements
    // not to be cached, one prepared for this execution (put in `owned`).
    Statement* statement(const DriverStatement& stmt, std::unique_ptr<Statement>& owned) {
        if (stmt.cache_key != 0 && cache_capacity_ != 0) {
            if (auto it = prepared_.find(stmt.cache_key); it != prepared_.end()) return it->second.get();
        }
        auto s = prepare(stmt.sql);
        // Full: later statements run uncached rather than evicting one a cursor may still read.
        if (stmt.cache_key == 0 || cache_capacity_ == 0 || prepared_.size() >= cache_capacity_) {
            owned = std::move(s);
            return owned.get();
        }
        return prepared_.emplace(stmt.cache_key, std::move(s)).first->second.get();
    }

    std::unique_ptr<Statement> prepare(std::string_view sql) {
        auto s = std::make_unique<Statement>();
        s->stmt = mysql_stmt_init(db_);
        if (!s->stmt) throw connection_error(db_, "allocating a statement");
        if (mysql_stmt_prepare(s->stmt, sql.data(), static_cast<unsigned long>(sql.size())))
            throw statement_error(s->stmt);
        s->param_count = mysql_stmt_param_count(s->stmt);
        return s;
    }

    // The text protocol: one round trip, for statements without parameters that are not reused.
    std::unique_ptr<Cursor> execute_text(std::string_view sql) {
        if (mysql_real_query(db_, sql.data(), static_cast<unsigned long>(sql.size()))) throw connection_error(db_);
        MYSQL_RES* res = mysql_store_result(db_);
        std::unique_ptr<Cursor> cursor;
        if (res) {
            cursor = std::make_unique<TextCursor>(res);
        } else if (mysql_field_count(db_) != 0) {
            throw connection_error(db_, "reading the result");
        } else {
            const auto affected = mysql_affected_rows(db_);
            const auto id = mysql_insert_id(db_);
            cursor = std::make_unique<CountCursor>(affected == static_cast<unsigned long long>(-1) ? -1 : static_cast<std::int64_t>(affected),
                                                   id ? std::optional<std::int64_t>(static_cast<std::int64_t>(id)) : std::nullopt);
        }
        // Further results (a CALL's) are read and dropped, so the connection stays in step.
        while (mysql_more_results(db_)) {
            if (mysql_next_result(db_) > 0) throw connection_error(db_);
            if (MYSQL_RES* more = mysql_store_result(db_)) mysql_free_result(more);
        }
        return cursor;
    }

    void run(const std::string& sql) { execute_text(sql)->close(); }

    MYSQL* db_;
    std::size_t cache_capacity_;
    bool autocommit_ = false;
    StatementCursor* stream_ = nullptr;
    std::size_t max_packet_ = 0;
    bool bulk_known_ = false;
    bool bulk_ = false;
    std::unordered_map<std::uint64_t, std::unique_ptr<Statement>> prepared_;
    BoundParams params_;
};

void StatementCursor::detach() {
    if (rest_ || !statement_) return;
    std::vector<std::vector<Value>> rows;
    while (statement_->buffers.fetch(statement_->stmt)) {
        std::vector<Value> row(columns_->size());
        statement_->buffers.read(statement_->types, row);
        rows.push_back(std::move(row));
    }
    rest_ = std::make_unique<BufferedRowsCursor>(*columns_, std::move(rows), rowcount_);
    release();
}

void StatementCursor::release() noexcept {
    if (!statement_) return;
    // Frees the result on the client, and for a stream reads and drops the rest of its rows
    // (the protocol cannot stop a result midway).
    mysql_stmt_free_result(statement_->stmt);
    statement_->reader = nullptr;
    if (conn_ && streaming_) conn_->stream_done(this);
    statement_ = nullptr;
    owned_.reset();
}

// ---- driver ---------------------------------------------------------------------------------

// Reads an integer connect argument given as a number or as URL text.
unsigned int uint_arg(const std::string& key, const Value& v) {
    std::int64_t n = 0;
    if (v.kind() == ValueKind::integer) {
        n = v.as<std::int64_t>();
    } else {
        const std::string s = v.as<std::string>();
        if (std::from_chars(s.data(), s.data() + s.size(), n).ec != std::errc{} || n < 0)
            throw ArgumentError("mysqlclient driver: connect argument \"" + key + "\" must be a number, not \"" + s + "\"");
    }
    if (n < 0 || n > std::numeric_limits<unsigned int>::max())
        throw ArgumentError("mysqlclient driver: connect argument \"" + key + "\" is out of range");
    return static_cast<unsigned int>(n);
}

bool bool_arg(const Value& v) {
    if (v.kind() == ValueKind::boolean) return v.as<bool>();
    if (v.kind() == ValueKind::integer) return v.as<std::int64_t>() != 0;
    const std::string s = v.as<std::string>();
    return s == "1" || s == "true" || s == "True" || s == "yes" || s == "on";
}

// libmariadb sets up process-wide state with the first mysql_init() (mysql_library_init); it is
// freed when the plugin is unloaded, after the last connection has gone with its engine.
struct LibraryEnd {
    ~LibraryEnd() { mysql_library_end(); }
} library_end;

// connect_timeout when none is given, in seconds.
constexpr unsigned int default_connect_timeout_seconds = 30;

class MysqlclientDriver final : public Driver {
public:
    std::string_view name() const noexcept override { return "mysqlclient"; }
    ParamStyle paramstyle() const noexcept override { return ParamStyle::qmark; }

    std::unique_ptr<DriverConnection> connect(const Params& args) override {
        std::string host, user, password, database, socket, charset = "utf8mb4";
        unsigned int port = 0;
        std::size_t cache = 256;
        std::vector<std::pair<mysql_option, std::string>> string_options;
        std::vector<std::pair<mysql_option, unsigned int>> uint_options;
        std::vector<std::pair<mysql_option, my_bool>> bool_options;
        // SQLAlchemy's mysqlclient dialect asks for matched rows, not changed rows, as rowcount.
        unsigned long flags = CLIENT_FOUND_ROWS | CLIENT_MULTI_RESULTS;
        auto text = [](const Value& v) { return v.kind() == ValueKind::text ? v.as<std::string>() : v.repr(); };
        for (const auto& [key, value] : args) {
            if (value.is_null()) continue;
            if (key == "host") host = text(value);
            else if (key == "port") port = uint_arg(key, value);
            else if (key == "user" || key == "username") user = text(value);
            else if (key == "password" || key == "passwd") password = text(value);
            else if (key == "database" || key == "db") database = text(value);
            else if (key == "unix_socket") socket = text(value);
            else if (key == "charset") charset = text(value);
            else if (key == "connect_timeout") uint_options.emplace_back(MYSQL_OPT_CONNECT_TIMEOUT, uint_arg(key, value));
            else if (key == "read_timeout") uint_options.emplace_back(MYSQL_OPT_READ_TIMEOUT, uint_arg(key, value));
            else if (key == "write_timeout") uint_options.emplace_back(MYSQL_OPT_WRITE_TIMEOUT, uint_arg(key, value));
            else if (key == "ssl_ca") string_options.emplace_back(MYSQL_OPT_SSL_CA, text(value));
            else if (key == "ssl_capath") string_options.emplace_back(MYSQL_OPT_SSL_CAPATH, text(value));
            else if (key == "ssl_cert") string_options.emplace_back(MYSQL_OPT_SSL_CERT, text(value));
            else if (key == "ssl_key") string_options.emplace_back(MYSQL_OPT_SSL_KEY, text(value));
            else if (key == "ssl_cipher") string_options.emplace_back(MYSQL_OPT_SSL_CIPHER, text(value));
            else if (key == "ssl_check_hostname") bool_options.emplace_back(MYSQL_OPT_SSL_VERIFY_SERVER_CERT, bool_arg(value));
            else if (key == "ssl") bool_options.emplace_back(MYSQL_OPT_SSL_ENFORCE, bool_arg(value));
            else if (key == "init_command") string_options.emplace_back(MYSQL_INIT_COMMAND, text(value));
            else if (key == "local_infile") uint_options.emplace_back(MYSQL_OPT_LOCAL_INFILE, bool_arg(value) ? 1 : 0);
            else if (key == "compress") { if (bool_arg(value)) flags |= CLIENT_COMPRESS; }
            else if (key == "client_flag") flags |= uint_arg(key, value);
            else if (key == "prepared_statement_cache_size") cache = uint_arg(key, value);
            else
                throw ArgumentError("mysqlclient driver: unknown connect argument \"" + key +
                                    "\"; it takes host, port, user, password, database, unix_socket, charset, "
                                    "connect_timeout, read_timeout, write_timeout, ssl_ca, ssl_capath, ssl_cert, "
                                    "ssl_key, ssl_cipher, ssl_check_hostname, ssl, init_command, local_infile, "
                                    "compress, client_flag and prepared_statement_cache_size");
        }
        MYSQL* db = mysql_init(nullptr);
        if (!db) throw DriverError(DBAPIErrorKind::operational_error, "mysqlclient could not allocate a connection");
        mysql_options(db, MYSQL_SET_CHARSET_NAME, charset.c_str());
        for (const auto& [option, v] : string_options) mysql_options(db, option, v.c_str());
        // A server that accepts the connection and never answers would hold connect() forever:
        // libmariadb waits without limit unless told.
        if (std::ranges::none_of(uint_options, [](const auto& o) { return o.first == MYSQL_OPT_CONNECT_TIMEOUT; }))
            uint_options.emplace_back(MYSQL_OPT_CONNECT_TIMEOUT, default_connect_timeout_seconds);
        for (const auto& [option, v] : uint_options) mysql_options(db, option, &v);
        for (const auto& [option, v] : bool_options) mysql_options(db, option, &v);
        if (!mysql_real_connect(db, host.empty() ? nullptr : host.c_str(), user.empty() ? nullptr : user.c_str(),
                                password.c_str(), database.empty() ? nullptr : database.c_str(), port,
                                socket.empty() ? nullptr : socket.c_str(), flags)) {
            DriverError error = connection_error(db, "connection failed");
            mysql_close(db);
            throw DriverError(DBAPIErrorKind::operational_error, error.what(), error.sqlstate(), error.native_code(), true);
        }
        // Transactions as the DBAPI has them: begun by the first statement, ended by commit().
        if (mysql_autocommit(db, 0)) {
            DriverError error = connection_error(db, "turning autocommit off");
            mysql_close(db);
            throw error;
        }
        return std::make_unique<MysqlConnection>(db, cache);
    }
};

}  // namespace

std::unique_ptr<Driver> make_driver() { return std::make_unique<MysqlclientDriver>(); }

bool bulk_executemany(DriverConnection& connection) {
    auto* mysql = dynamic_cast<MysqlConnection*>(&connection);
    return mysql && mysql->bulk_supported();
}

}  // namespace sqla::mysql
