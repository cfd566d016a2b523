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
std::optional<std::int64_t> pg_table_oid(Connection& conn, std::string_view table, const std::optional<std::string>& schema);
TypeEngine pg_type_from_sql(std::string_view spelled, const std::map<std::string, std::vector<std::string>>& enum_types);
std::optional<std::string> pg_default_schema_name(Connection& conn);
std::vector<std::string> pg_schema_names(Connection& conn);
/// Tables, or views (and materialized views), of a schema by name.
std::vector<std::string> pg_relation_names(Connection& conn, const std::optional<std::string>& schema, bool views);
std::vector<ReflectedColumn> pg_columns(Connection& conn, std::string_view table, const std::optional<std::string>& schema);
ReflectedPrimaryKey pg_pk(Connection& conn, std::string_view table, const std::optional<std::string>& schema);
std::vector<ReflectedForeignKey> pg_foreign_keys(Connection& conn, std::string_view table, const std::optional<std::string>& schema);
std::vector<ReflectedIndex> pg_indexes(Connection& conn, std::string_view table, const std::optional<std::string>& schema);
std::vector<ReflectedUniqueConstraint> pg_unique_constraints(Connection& conn, std::string_view table,
                                                             const std::optional<std::string>& schema);
std::vector<ReflectedCheckConstraint> pg_check_constraints(Connection& conn, std::string_view table,
                                                           const std::optional<std::string>& schema);
std::optional<std::string> pg_table_comment(Connection& conn, std::string_view table, const std::optional<std::string>& schema);

}  // namespace sqla::postgresql
