// sqla: plugins/sqlite/sqlite_plugin.hpp. Declarations shared by the SQLite plugin's sources.
// SPDX-License-Identifier: MIT
//
// Include after <sqlite3.h>, the std headers and `import sqla;` (macros and std names do not
// travel through `import`, so each source brings its own).
#pragma once

namespace sqla::sqlite {

/// The `sqlite` dialect.
std::unique_ptr<Dialect> make_dialect();
/// The `sqlite3` driver, on the SQLite C library.
std::unique_ptr<Driver> make_driver();
/// The DriverError for SQLite result code `rc` on `db`, classified as Python's sqlite3
/// module does (constraint -> IntegrityError, misuse/range -> InterfaceError...).
DriverError make_error(sqlite3* db, int rc, std::string_view context = {});

}  // namespace sqla::sqlite
