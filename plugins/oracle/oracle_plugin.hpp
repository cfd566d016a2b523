// sqla: plugins/oracle/oracle_plugin.hpp. Declarations shared by the Oracle plugin's sources.
// SPDX-License-Identifier: MIT
//
// Include after the std headers and `import sqla;`.
#pragma once

namespace sqla::oracle {

/// The `oracle` dialect.
std::unique_ptr<Dialect> make_dialect();

/// Oracle's upper-case dictionary names as sqla shows them (lower case) and back.
std::string oracle_normalize_name(const IdentifierPreparer& q, std::string_view name);
std::string oracle_denormalize_name(const IdentifierPreparer& q, std::string_view name);
TypeEngine oracle_type(std::string_view data_type, std::optional<std::int64_t> length, std::optional<std::int64_t> precision,
                       std::optional<std::int64_t> scale);

/// The reflection queries on the ALL_* views for one connection (reflection.cpp).
struct OracleReflection {
    Connection& conn;
    const IdentifierPreparer& q;
    /// ALL_TAB_COLS has IDENTITY_COLUMN (Oracle 12c and later).
    bool identity_columns = false;

    std::optional<std::string> default_schema_name() const;
    std::vector<std::string> schema_names() const;
    std::vector<std::string> table_names(const std::optional<std::string>& schema) const;
    std::vector<std::string> view_names(const std::optional<std::string>& schema) const;
    bool has_table(std::string_view table, const std::optional<std::string>& schema) const;
    std::vector<ReflectedColumn> columns(std::string_view table, const std::optional<std::string>& schema) const;
    ReflectedPrimaryKey pk(std::string_view table, const std::optional<std::string>& schema) const;
    std::vector<ReflectedForeignKey> foreign_keys(std::string_view table, const std::optional<std::string>& schema) const;
    std::vector<ReflectedUniqueConstraint> unique_constraints(std::string_view table, const std::optional<std::string>& schema) const;
    std::vector<ReflectedCheckConstraint> check_constraints(std::string_view table, const std::optional<std::string>& schema) const;
    std::vector<ReflectedIndex> indexes(std::string_view table, const std::optional<std::string>& schema) const;
    std::optional<std::string> table_comment(std::string_view table, const std::optional<std::string>& schema) const;

private:
    struct ConstraintRow {
        std::string name, type;
        std::optional<std::string> column, remote_table, remote_column, remote_owner, condition, delete_rule;
    };
    std::string owner(const std::optional<std::string>& schema) const;
    std::string table_name(std::string_view table) const;
    std::vector<ConstraintRow> constraints(std::string_view table, const std::optional<std::string>& schema) const;
};

}  // namespace sqla::oracle
