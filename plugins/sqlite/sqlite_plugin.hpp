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
/// SQLite's bind processing of values of `type` (types.cpp): decimals for NUMERIC columns as
/// the integer or double that holds them exactly. Empty for types the dialect's base handles.
BindProcessor sqlite_bind_processor(const TypeEngine& type);
/// SQLite's result processing of values of `type` (types.cpp): the text of dates, times,
/// datetimes, intervals, UUIDs and JSON, 0/1 booleans and NUMERIC decimals back to their values.
ResultProcessor sqlite_result_processor(const TypeEngine& type);

}  // namespace sqla::sqlite
