// example: src/errors.cpp. Client error codes to sqla's DBAPI error kinds.
// SPDX-License-Identifier: MIT
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

import sqla;

#include "example_plugin.hpp"

namespace example {

// The engine raises the sqla::DBAPIError subclass matching the kind: IntegrityError for
// integrity_error, OperationalError for operational_error, and so on. A server driver
// classifies by SQLSTATE class ("23" integrity, "42" programming, "08" operational and
// disconnect...) and passes the SQLSTATE on; SQLite has only its own result codes.
sqla::DriverError make_error(sqlite3* db, int rc, std::string_view context) {
    sqla::DBAPIErrorKind kind;
    switch (rc & 0xff) {  // the primary result code
        case SQLITE_CONSTRAINT:
        case SQLITE_MISMATCH: kind = sqla::DBAPIErrorKind::integrity_error; break;
        case SQLITE_TOOBIG: kind = sqla::DBAPIErrorKind::data_error; break;
        case SQLITE_MISUSE:
        case SQLITE_RANGE: kind = sqla::DBAPIErrorKind::interface_error; break;
        case SQLITE_INTERNAL: kind = sqla::DBAPIErrorKind::internal_error; break;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: kind = sqla::DBAPIErrorKind::database_error; break;
        default: kind = sqla::DBAPIErrorKind::operational_error; break;  // busy, locked, I/O, SQL errors
    }
    std::string message = db && sqlite3_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (!context.empty()) message = std::string(context) + ": " + message;
    // (kind, message, sqlstate, native code, disconnect): set disconnect when the connection
    // is gone, so the pool discards it instead of handing it out again.
    return sqla::DriverError(kind, message, {}, rc, false);
}

}  // namespace example
