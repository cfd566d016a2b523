// sqla: plugins/sqlite/errors.cpp. SQLite result codes to DBAPI error classes.
// SPDX-License-Identifier: MIT
#include <sqlite3.h>

#include <map>
#include <vector>
#include <optional>
#include <memory>
#include <string>
#include <string_view>

import sqla;

#include "sqlite_plugin.hpp"

namespace sqla::sqlite {

DriverError make_error(sqlite3* db, int rc, std::string_view context) {
    // Classified as CPython's Modules/_sqlite/util.c does, on the primary result code.
    DBAPIErrorKind kind;
    switch (rc & 0xff) {
        case SQLITE_INTERNAL:
        case SQLITE_NOTFOUND: kind = DBAPIErrorKind::internal_error; break;
        case SQLITE_ERROR:
        case SQLITE_PERM:
        case SQLITE_ABORT:
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_READONLY:
        case SQLITE_INTERRUPT:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_PROTOCOL:
        case SQLITE_EMPTY:
        case SQLITE_SCHEMA:
        case SQLITE_NOMEM: kind = DBAPIErrorKind::operational_error; break;
        case SQLITE_CORRUPT: kind = DBAPIErrorKind::database_error; break;
        case SQLITE_TOOBIG: kind = DBAPIErrorKind::data_error; break;
        case SQLITE_CONSTRAINT:
        case SQLITE_MISMATCH: kind = DBAPIErrorKind::integrity_error; break;
        case SQLITE_MISUSE:
        case SQLITE_RANGE: kind = DBAPIErrorKind::interface_error; break;
        default: kind = DBAPIErrorKind::database_error; break;
    }
    // The connection's message describes the last failure on it; fall back to the code's text.
    std::string message = db && sqlite3_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (!context.empty()) message = std::string(context) + ": " + message;
    return DriverError(kind, message, {}, rc, false);
}

}  // namespace sqla::sqlite
