// sqla: plugins/postgresql/postgresql_plugin.hpp. Declarations shared by the PostgreSQL plugin's sources.
// SPDX-License-Identifier: MIT
//
// Include after the std headers and `import sqla;` (macros and std names do not travel through
// `import`, so each source brings its own).
#pragma once

namespace sqla::postgresql {

/// The `postgresql` dialect.
std::unique_ptr<Dialect> make_dialect();
/// The `libpq` driver, on PostgreSQL's C client library.
std::unique_ptr<Driver> make_driver();

// Reflection (reflection.cpp).
/// The dialect's Reflector: pg_catalog queries.
std::unique_ptr<Reflector> make_reflector(const Dialect& dialect);
std::optional<std::int64_t> pg_table_oid(Connection& conn, std::string_view table, const std::optional<std::string>& schema);
TypeEngine pg_type_from_sql(std::string_view spelled, const std::map<std::string, std::vector<std::string>>& enum_types);

}  // namespace sqla::postgresql
