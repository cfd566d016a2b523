// sqla: plugins/mysql/mysql_plugin.hpp. Declarations shared by the MySQL plugin's sources.
// SPDX-License-Identifier: MIT
//
// Include after the std headers and `import sqla;` (macros and std names do not travel through
// `import`, so each source brings its own).
#pragma once

namespace sqla::mysql {

/// The `mysql` dialect, or `mariadb` (the same SQL, named for MariaDB servers).
std::unique_ptr<Dialect> make_dialect(std::string_view name);
/// The `mysqlclient` driver, on the MySQL C API (Debian's libmariadb provides it).
std::unique_ptr<Driver> make_driver();
/// Whether `connection` is one of the mysqlclient driver's, to a server that takes bulk
/// executions (MariaDB's parameter arrays): its executemany then beats multi-row VALUES.
bool bulk_executemany(DriverConnection& connection);

// Reflection (reflection.cpp).
/// The dialect's Reflector, from information_schema; `is_mariadb` is the dialect's own flag
/// (known after initialize()), which picks MariaDB's CHECK constraint catalog.
std::unique_ptr<Reflector> make_reflector(const Dialect& dialect, const bool& is_mariadb);
TypeEngine mysql_type_from_sql(std::string_view column_type);

}  // namespace sqla::mysql
