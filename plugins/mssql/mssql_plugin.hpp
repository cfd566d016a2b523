// sqla: plugins/mssql/mssql_plugin.hpp. Declarations shared by the SQL Server plugin's sources.
// SPDX-License-Identifier: MIT
//
// Include after the std headers and `import sqla;`.
#pragma once

namespace sqla::mssql {

/// The `mssql` dialect.
std::unique_ptr<Dialect> make_dialect();

TypeEngine mssql_type(std::string_view data_type, std::optional<std::int64_t> length, std::optional<std::int64_t> precision,
                      std::optional<std::int64_t> scale);

/// The reflection queries on INFORMATION_SCHEMA and the sys views for one connection
/// (reflection.cpp). A schema of nullopt is the session's default, `SELECT schema_name()`.
struct MSReflection {
    Connection& conn;

    std::optional<std::string> default_schema_name() const;
    std::vector<std::string> schema_names() const;
    std::vector<std::string> table_names(const std::optional<std::string>& schema, bool views) const;
    bool has_table(std::string_view table, const std::optional<std::string>& schema) const;
    std::vector<ReflectedColumn> columns(std::string_view table, const std::optional<std::string>& schema) const;
    ReflectedPrimaryKey pk(std::string_view table, const std::optional<std::string>& schema) const;
    std::vector<ReflectedForeignKey> foreign_keys(std::string_view table, const std::optional<std::string>& schema) const;
    std::vector<ReflectedUniqueConstraint> unique_constraints(std::string_view table, const std::optional<std::string>& schema) const;
    std::vector<ReflectedCheckConstraint> check_constraints(std::string_view table, const std::optional<std::string>& schema) const;
    std::vector<ReflectedIndex> indexes(std::string_view table, const std::optional<std::string>& schema) const;
    std::optional<std::string> table_comment(std::string_view table, const std::optional<std::string>& schema) const;

private:
    struct KeyRow {
        std::string name, type, column;
    };
    std::string schema_of(const std::optional<std::string>& schema) const;
    std::vector<KeyRow> keys(std::string_view table, const std::optional<std::string>& schema) const;
};

}  // namespace sqla::mssql
