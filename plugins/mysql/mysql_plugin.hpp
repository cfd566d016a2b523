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

}  // namespace sqla::mysql
