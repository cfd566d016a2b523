// example: src/example_plugin.hpp. Declarations shared by the example plugin's sources.
// SPDX-License-Identifier: MIT
//
// Include after <sqlite3.h>, the std headers and `import sqla;`: macros and the std names a
// module uses do not travel through `import`, so every source brings its own includes.
#pragma once

namespace example {

/// The `example` dialect: SQL flavour and capabilities (dialect.cpp).
std::unique_ptr<sqla::Dialect> make_dialect();
/// The dialect's Reflector: the catalog's tables, views, columns and primary keys (reflection.cpp).
std::unique_ptr<sqla::Reflector> make_reflector(const sqla::Dialect& dialect);
/// The `example_sqlite` driver, on the client library (driver.cpp).
std::unique_ptr<sqla::Driver> make_driver();
/// The DriverError for client result code `rc` on `db`, classified into a DBAPI error kind
/// (errors.cpp).
sqla::DriverError make_error(sqlite3* db, int rc, std::string_view context = {});

}  // namespace example
