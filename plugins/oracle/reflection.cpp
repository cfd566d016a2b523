// sqla: plugins/oracle/reflection.cpp. Reflection for Oracle (SQLAlchemy's OracleDialect.get_*):
// the ALL_* dictionary views (ALL_TABLES, ALL_TAB_COLS, ALL_CONSTRAINTS, ALL_CONS_COLUMNS,
// ALL_INDEXES, ALL_IND_COLUMNS, ALL_TAB_COMMENTS), with names in Oracle's upper case shown in
// lower case (normalize_name) and sent back in upper case (denormalize_name).
// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

import sqla;

#include "oracle_plugin.hpp"

namespace sqla::oracle {

// The reflection queries on the ALL_* views for one connection.
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

// Oracle's answers to the Inspector (SQLAlchemy's OracleDialect.get_*): each question runs the
// ALL_* view queries above on its connection.
class OracleReflector final : public Reflector {
public:
    OracleReflector(const Dialect& dialect, const int& server_major) noexcept
        : Reflector(dialect), server_major_(&server_major) {}
    std::optional<std::string> default_schema_name(Connection& c) const override {
        return on(c).default_schema_name();
    }
    std::vector<std::string> get_schema_names(Connection& c) const override {
        return on(c).schema_names();
    }
    std::vector<std::string> get_table_names(Connection& c, const std::optional<std::string>& schema) const override {
        return on(c).table_names(schema);
    }
    std::vector<std::string> get_view_names(Connection& c, const std::optional<std::string>& schema) const override {
        return on(c).view_names(schema);
    }
    bool has_table(Connection& c, std::string_view table, const std::optional<std::string>& schema) const override {
        return on(c).has_table(table, schema);
    }
    std::vector<ReflectedColumn> get_columns(Connection& c, std::string_view table,
                                             const std::optional<std::string>& schema) const override {
        return on(c).columns(table, schema);
    }
    ReflectedPrimaryKey get_pk_constraint(Connection& c, std::string_view table,
                                          const std::optional<std::string>& schema) const override {
        return on(c).pk(table, schema);
    }
    std::vector<ReflectedForeignKey> get_foreign_keys(Connection& c, std::string_view table,
                                                      const std::optional<std::string>& schema) const override {
        return on(c).foreign_keys(table, schema);
    }
    std::vector<ReflectedIndex> get_indexes(Connection& c, std::string_view table,
                                            const std::optional<std::string>& schema) const override {
        return on(c).indexes(table, schema);
    }
    std::vector<ReflectedUniqueConstraint> get_unique_constraints(Connection& c, std::string_view table,
                                                                  const std::optional<std::string>& schema) const override {
        return on(c).unique_constraints(table, schema);
    }
    std::vector<ReflectedCheckConstraint> get_check_constraints(Connection& c, std::string_view table,
                                                                const std::optional<std::string>& schema) const override {
        return on(c).check_constraints(table, schema);
    }
    std::optional<std::string> get_table_comment(Connection& c, std::string_view table,
                                                 const std::optional<std::string>& schema) const override {
        return on(c).table_comment(table, schema);
    }

private:
    OracleReflection on(Connection& c) const { return OracleReflection{c, dialect().identifier_preparer(), *server_major_ >= 12}; }
    const int* server_major_;  // the dialect's, settled by its initialize() before any question
};

std::unique_ptr<Reflector> make_reflector(const Dialect& dialect, const int& server_major) {
    return std::make_unique<OracleReflector>(dialect, server_major);
}
namespace {

std::string rtrim(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    return s;
}

}  // namespace

std::string oracle_normalize_name(const IdentifierPreparer& q, std::string_view name) {
    // Upper case is Oracle's case-insensitive form: shown in lower case, as SQLAlchemy does,
    // unless the lower-case name would need quotes (a reserved word stays as it is).
    if (ascii_upper(name) == name && !q.requires_quotes(ascii_lower(name))) return ascii_lower(name);
    return std::string(name);
}

std::string oracle_denormalize_name(const IdentifierPreparer& q, std::string_view name) {
    if (ascii_lower(name) == name && !q.requires_quotes(name)) return ascii_upper(name);
    return std::string(name);
}

// The schema's owner as the dictionary spells it: the named schema, else the session's user.
std::string OracleReflection::owner(const std::optional<std::string>& schema) const {
    if (schema) return oracle_denormalize_name(q, *schema);
    return conn.execute(text("SELECT USER FROM DUAL")).scalar<std::string>();
}

std::string OracleReflection::table_name(std::string_view table) const { return oracle_denormalize_name(q, table); }

std::optional<std::string> OracleReflection::default_schema_name() const {
    return oracle_normalize_name(q, conn.execute(text("SELECT USER FROM DUAL")).scalar<std::string>());
}

std::vector<std::string> OracleReflection::schema_names() const {
    std::vector<std::string> out;
    for (auto& n : conn.execute(text("SELECT username FROM all_users ORDER BY username")).scalars<std::string>().all())
        out.push_back(oracle_normalize_name(q, n));
    return out;
}

// Tables outside SYSTEM and SYSAUX that are not index-organized overflow or temporary
// (SQLAlchemy's get_table_names).
std::vector<std::string> OracleReflection::table_names(const std::optional<std::string>& schema) const {
    std::vector<std::string> out;
    for (auto& n : conn.execute(text("SELECT table_name FROM all_tables WHERE owner = :owner "
                                     "AND COALESCE(tablespace_name, 'no tablespace') NOT IN ('SYSTEM', 'SYSAUX') "
                                     "AND iot_name IS NULL AND duration IS NULL ORDER BY table_name"),
                                {{"owner", owner(schema)}})
                       .scalars<std::string>()
                       .all())
        out.push_back(oracle_normalize_name(q, n));
    return out;
}

std::vector<std::string> OracleReflection::view_names(const std::optional<std::string>& schema) const {
    std::vector<std::string> out;
    for (auto& n : conn.execute(text("SELECT view_name FROM all_views WHERE owner = :owner ORDER BY view_name"),
                                {{"owner", owner(schema)}})
                       .scalars<std::string>()
                       .all())
        out.push_back(oracle_normalize_name(q, n));
    return out;
}

bool OracleReflection::has_table(std::string_view table, const std::optional<std::string>& schema) const {
    return conn
        .execute(text("SELECT table_name FROM all_tables WHERE table_name = :name AND owner = :owner "
                      "UNION ALL SELECT view_name FROM all_views WHERE view_name = :name AND owner = :owner"),
                 {{"name", table_name(table)}, {"owner", owner(schema)}})
        .first()
        .has_value();
}

// ALL_TAB_COLS's DATA_TYPE and sizes to a sqla type (SQLAlchemy's ischema_names for Oracle).
TypeEngine oracle_type(std::string_view data_type, std::optional<std::int64_t> length, std::optional<std::int64_t> precision,
                       std::optional<std::int64_t> scale) {
    const std::string t = ascii_upper(data_type);
    auto as_int = [](std::optional<std::int64_t> v) { return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt; };
    if (t == "NUMBER") {
        if (!precision && scale && *scale == 0) return Integer{};
        return Numeric{as_int(precision), as_int(scale)};
    }
    if (t == "FLOAT") return Float{as_int(precision)};
    if (t == "BINARY_DOUBLE") return Double{};
    if (t == "BINARY_FLOAT") return Float{};
    if (t == "VARCHAR2" || t == "VARCHAR" || t == "CHAR") return String{as_int(length)};
    if (t == "NVARCHAR2" || t == "NCHAR") return Unicode{as_int(length)};
    if (t == "CLOB" || t == "LONG") return Text{};
    if (t == "NCLOB") return UnicodeText{};
    if (t == "BLOB" || t == "LONG RAW") return LargeBinary{};
    if (t == "RAW") return LargeBinary{as_int(length)};
    if (t == "DATE") return DateTime{};
    if (t.starts_with("TIMESTAMP")) return DateTime{.timezone = t.find("TIME ZONE") != std::string::npos};
    if (t.starts_with("INTERVAL DAY")) return Interval{};
    return TypeEngine();
}

std::vector<ReflectedColumn> OracleReflection::columns(std::string_view table, const std::optional<std::string>& schema) const {
    // IDENTITY columns (12c and later) are marked in ALL_TAB_COLS.IDENTITY_COLUMN.
    const std::string identity = identity_columns ? "col.identity_column" : "'NO'";
    std::vector<ReflectedColumn> out;
    for (const auto& row : conn.execute(
             text("SELECT col.column_name, col.data_type, col.char_length, col.data_precision, col.data_scale, "
                  "col.nullable, col.data_default, com.comments, col.virtual_column, " + identity + ", col.data_length "
                  "FROM all_tab_cols col LEFT JOIN all_col_comments com ON com.owner = col.owner "
                  "AND com.table_name = col.table_name AND com.column_name = col.column_name "
                  "WHERE col.owner = :owner AND col.table_name = :table_name AND col.hidden_column = 'NO' "
                  "ORDER BY col.column_id"),
             {{"owner", owner(schema)}, {"table_name", table_name(table)}})) {
        ReflectedColumn c;
        c.name = oracle_normalize_name(q, row.get<std::string>(0));
        c.type_sql = row.get<std::string>(1);
        const auto data_type = ascii_upper(c.type_sql);
        auto length = row.get<std::optional<std::int64_t>>(2);
        if (data_type == "RAW") length = row.get<std::optional<std::int64_t>>(10);
        c.type = oracle_type(data_type, length, row.get<std::optional<std::int64_t>>(3), row.get<std::optional<std::int64_t>>(4));
        c.nullable = row.get<std::string>(5) == "Y";
        if (auto d = row.get<std::optional<std::string>>(6)) c.server_default = rtrim(std::move(*d));
        c.comment = row.get<std::optional<std::string>>(7);
        if (row.get<std::optional<std::string>>(8) == "YES") {
            c.computed = c.server_default;
            c.server_default.reset();
        }
        if (row.get<std::optional<std::string>>(9) == "YES") {
            c.autoincrement = true;
            c.server_default.reset();  // the identity's sequence, not a default
        }
        out.push_back(std::move(c));
    }
    return out;
}

// One row per constraint column (SQLAlchemy's _get_constraint_data), with ANSI joins for the
// referenced columns: P, U, R (foreign keys) and C (checks).
std::vector<OracleReflection::ConstraintRow> OracleReflection::constraints(std::string_view table,
                                                                         const std::optional<std::string>& schema) const {
    std::vector<ConstraintRow> out;
    for (const auto& row : conn.execute(
             text("SELECT ac.constraint_name, ac.constraint_type, loc.column_name, rem.table_name, rem.column_name, "
                  "rem.owner, ac.search_condition, ac.delete_rule "
                  "FROM all_constraints ac JOIN all_cons_columns loc ON loc.owner = ac.owner "
                  "AND loc.constraint_name = ac.constraint_name AND loc.table_name = ac.table_name "
                  "LEFT JOIN all_cons_columns rem ON rem.owner = ac.r_owner AND rem.constraint_name = ac.r_constraint_name "
                  "AND rem.position = loc.position "
                  "WHERE ac.owner = :owner AND ac.table_name = :table_name AND ac.constraint_type IN ('P', 'U', 'R', 'C') "
                  "ORDER BY ac.constraint_name, loc.position"),
             {{"owner", owner(schema)}, {"table_name", table_name(table)}}))
        out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::optional<std::string>>(2),
                       row.get<std::optional<std::string>>(3), row.get<std::optional<std::string>>(4),
                       row.get<std::optional<std::string>>(5), row.get<std::optional<std::string>>(6),
                       row.get<std::optional<std::string>>(7)});
    return out;
}

ReflectedPrimaryKey OracleReflection::pk(std::string_view table, const std::optional<std::string>& schema) const {
    ReflectedPrimaryKey out;
    for (const auto& r : constraints(table, schema)) {
        if (r.type != "P" || !r.column) continue;
        out.name = oracle_normalize_name(q, r.name);
        out.columns.push_back(oracle_normalize_name(q, *r.column));
    }
    return out;
}

std::vector<ReflectedForeignKey> OracleReflection::foreign_keys(std::string_view table,
                                                                const std::optional<std::string>& schema) const {
    const std::string me = owner(schema);
    std::vector<ReflectedForeignKey> out;
    for (const auto& r : constraints(table, schema)) {
        if (r.type != "R" || !r.column) continue;
        const auto name = oracle_normalize_name(q, r.name);
        if (out.empty() || out.back().name != name) {
            ReflectedForeignKey fk;
            fk.name = name;
            fk.referred_table = oracle_normalize_name(q, r.remote_table.value_or(""));
            if (r.remote_owner && *r.remote_owner != me) fk.referred_schema = oracle_normalize_name(q, *r.remote_owner);
            if (r.delete_rule && *r.delete_rule != "NO ACTION") fk.ondelete = r.delete_rule;
            out.push_back(std::move(fk));
        }
        out.back().columns.push_back(oracle_normalize_name(q, *r.column));
        out.back().referred_columns.push_back(oracle_normalize_name(q, r.remote_column.value_or("")));
    }
    return out;
}

std::vector<ReflectedUniqueConstraint> OracleReflection::unique_constraints(std::string_view table,
                                                                            const std::optional<std::string>& schema) const {
    std::vector<ReflectedUniqueConstraint> out;
    for (const auto& r : constraints(table, schema)) {
        if (r.type != "U" || !r.column) continue;
        const auto name = oracle_normalize_name(q, r.name);
        if (out.empty() || out.back().name != name) out.push_back({name, {}, std::nullopt});
        out.back().columns.push_back(oracle_normalize_name(q, *r.column));
    }
    return out;
}

std::vector<ReflectedCheckConstraint> OracleReflection::check_constraints(std::string_view table,
                                                                          const std::optional<std::string>& schema) const {
    std::vector<ReflectedCheckConstraint> out;
    for (const auto& r : constraints(table, schema)) {
        if (r.type != "C" || !r.condition) continue;
        // NOT NULL columns are system CHECKs ("NAME" IS NOT NULL): not reflected as constraints.
        const std::string cond = *r.condition;
        if (cond.ends_with(" IS NOT NULL") && cond.find(' ') == cond.size() - 12) continue;
        const auto name = oracle_normalize_name(q, r.name);
        if (!out.empty() && out.back().name == name) continue;  // one row per column of the check
        out.push_back({name, cond});
    }
    return out;
}

std::vector<ReflectedIndex> OracleReflection::indexes(std::string_view table, const std::optional<std::string>& schema) const {
    const auto key = pk(table, schema);
    const auto uniques = unique_constraints(table, schema);
    std::vector<ReflectedIndex> out;
    bool expression = false;
    for (const auto& row : conn.execute(
             text("SELECT a.index_name, a.column_name, b.uniqueness FROM all_ind_columns a JOIN all_indexes b "
                  "ON b.index_name = a.index_name AND b.table_owner = a.table_owner AND b.table_name = a.table_name "
                  "WHERE a.table_owner = :owner AND a.table_name = :table_name ORDER BY a.index_name, a.column_position"),
             {{"owner", owner(schema)}, {"table_name", table_name(table)}})) {
        const auto name = oracle_normalize_name(q, row.get<std::string>(0));
        if (key.name == name) continue;  // the primary key's own index
        if (out.empty() || out.back().name != name) {
            if (expression) out.pop_back();
            expression = false;
            ReflectedIndex ix;
            ix.name = name;
            ix.unique = row.get<std::string>(2) == "UNIQUE";
            for (const auto& u : uniques)
                if (u.name == name) ix.duplicates_constraint = name;
            out.push_back(std::move(ix));
        }
        const auto column = row.get<std::string>(1);
        // A function-based index names hidden SYS_NC columns: as SQLAlchemy 1.4, not reflected.
        if (column.starts_with("SYS_NC")) expression = true;
        out.back().columns.push_back(oracle_normalize_name(q, column));
        out.back().expressions.emplace_back();
    }
    if (expression) out.pop_back();
    return out;
}

std::optional<std::string> OracleReflection::table_comment(std::string_view table, const std::optional<std::string>& schema) const {
    auto row = conn.execute(text("SELECT comments FROM all_tab_comments WHERE owner = :owner AND table_name = :table_name"),
                            {{"owner", owner(schema)}, {"table_name", table_name(table)}})
                   .first();
    if (!row) return std::nullopt;
    return row->get<std::optional<std::string>>(0);
}

}  // namespace sqla::oracle
