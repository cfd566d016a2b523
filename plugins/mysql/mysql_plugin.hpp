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
TypeEngine mysql_type_from_sql(std::string_view column_type);
std::optional<std::string> mysql_default_schema_name(Connection& conn);
std::vector<std::string> mysql_schema_names(Connection& conn);
/// Base tables, or views, of a schema by name.
std::vector<std::string> mysql_table_names(Connection& conn, const std::optional<std::string>& schema, bool views);
std::vector<ReflectedColumn> mysql_columns(Connection& conn, std::string_view table, const std::optional<std::string>& schema);
ReflectedPrimaryKey mysql_pk(Connection& conn, std::string_view table, const std::optional<std::string>& schema);
std::vector<ReflectedForeignKey> mysql_foreign_keys(Connection& conn, std::string_view table,
                                                    const std::optional<std::string>& schema);
std::vector<ReflectedIndex> mysql_indexes(Connection& conn, std::string_view table, const std::optional<std::string>& schema);
std::vector<ReflectedUniqueConstraint> mysql_unique_constraints(Connection& conn, std::string_view table,
                                                                const std::optional<std::string>& schema);
std::vector<ReflectedCheckConstraint> mysql_check_constraints(Connection& conn, std::string_view table,
                                                              const std::optional<std::string>& schema, bool mariadb);
std::optional<std::string> mysql_table_comment(Connection& conn, std::string_view table, const std::optional<std::string>& schema);

}  // namespace sqla::mysql
