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
/// Whether `connection` is this plugin's own sqlite3 connection (not another driver's, such
/// as ODBC's, whose SQLite driver returns no rows from INSERT ... RETURNING).
bool is_sqlite3_connection(const DriverConnection& connection) noexcept;
/// The DriverError for SQLite result code `rc` on `db`, classified as Python's sqlite3
/// module does (constraint -> IntegrityError, misuse/range -> InterfaceError...).
DriverError make_error(sqlite3* db, int rc, std::string_view context = {});
/// SQLite's bind processing of values of `type` (types.cpp): decimals for NUMERIC columns as
/// the integer or double that holds them exactly. Empty for types the dialect's base handles.
BindProcessor sqlite_bind_processor(const TypeEngine& type);
/// SQLite's result processing of values of `type` (types.cpp): the text of dates, times,
/// datetimes, intervals, UUIDs and JSON, 0/1 booleans and NUMERIC decimals back to their values.
ResultProcessor sqlite_result_processor(const TypeEngine& type);

// Reflection (reflection.cpp).
/// The dialect's Reflector: PRAGMAs and the CREATE TABLE text.
std::unique_ptr<Reflector> make_reflector(const Dialect& dialect);
TypeEngine sqlite_type_from_sql(std::string_view declared);
/// What a table's CREATE TABLE text (sqlite_master.sql) says that the pragmas do not:
/// constraint names, UNIQUE, CHECK and foreign keys' names.
struct TableText {
    std::optional<std::string> pk_name;
    struct Named {
        std::optional<std::string> name;
        std::vector<std::string> columns;
        std::string ref_table;
    };
    std::vector<Named> uniques;
    std::vector<Named> fks;
    std::vector<ReflectedCheckConstraint> checks;
};
/// Reads CREATE TABLE text; what it does not recognise it skips.
TableText parse_table_sql(std::string_view sql);

}  // namespace sqla::sqlite
