// sqla: plugins/mssql/reflection.cpp. Reflection for SQL Server (SQLAlchemy's MSDialect.get_*):
// INFORMATION_SCHEMA for tables, columns and key constraints, the sys catalog views for what it
// lacks (identity and computed columns, indexes, CHECK constraints, MS_Description comments).
// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

import sqla;

#include "mssql_plugin.hpp"

namespace sqla::mssql {

// The reflection queries on INFORMATION_SCHEMA and the sys views for one connection.
// A schema of nullopt is the session's default, `SELECT schema_name()`.
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

// SQL Server's answers to the Inspector (SQLAlchemy's MSDialect.get_*): each question runs the
// queries above on its connection.
class MSReflector final : public Reflector {
public:
    using Reflector::Reflector;
    std::optional<std::string> default_schema_name(Connection& c) const override {
        return MSReflection{c}.default_schema_name();
    }
    std::vector<std::string> get_schema_names(Connection& c) const override {
        return MSReflection{c}.schema_names();
    }
    std::vector<std::string> get_table_names(Connection& c, const std::optional<std::string>& schema) const override {
        return MSReflection{c}.table_names(schema, false);
    }
    std::vector<std::string> get_view_names(Connection& c, const std::optional<std::string>& schema) const override {
        return MSReflection{c}.table_names(schema, true);
    }
    bool has_table(Connection& c, std::string_view table, const std::optional<std::string>& schema) const override {
        return MSReflection{c}.has_table(table, schema);
    }
    std::vector<ReflectedColumn> get_columns(Connection& c, std::string_view table,
                                             const std::optional<std::string>& schema) const override {
        return MSReflection{c}.columns(table, schema);
    }
    ReflectedPrimaryKey get_pk_constraint(Connection& c, std::string_view table,
                                          const std::optional<std::string>& schema) const override {
        return MSReflection{c}.pk(table, schema);
    }
    std::vector<ReflectedForeignKey> get_foreign_keys(Connection& c, std::string_view table,
                                                      const std::optional<std::string>& schema) const override {
        return MSReflection{c}.foreign_keys(table, schema);
    }
    std::vector<ReflectedIndex> get_indexes(Connection& c, std::string_view table,
                                            const std::optional<std::string>& schema) const override {
        return MSReflection{c}.indexes(table, schema);
    }
    std::vector<ReflectedUniqueConstraint> get_unique_constraints(Connection& c, std::string_view table,
                                                                  const std::optional<std::string>& schema) const override {
        return MSReflection{c}.unique_constraints(table, schema);
    }
    std::vector<ReflectedCheckConstraint> get_check_constraints(Connection& c, std::string_view table,
                                                                const std::optional<std::string>& schema) const override {
        return MSReflection{c}.check_constraints(table, schema);
    }
    std::optional<std::string> get_table_comment(Connection& c, std::string_view table,
                                                 const std::optional<std::string>& schema) const override {
        return MSReflection{c}.table_comment(table, schema);
    }
};

std::unique_ptr<Reflector> make_reflector(const Dialect& dialect) {
    return std::make_unique<MSReflector>(dialect);
}
namespace {

bool truthy(const Row& row, std::size_t i) {
    const Value& v = row[i];
    if (v.is_null()) return false;
    if (v.kind() == ValueKind::boolean) return v.as<bool>();
    if (v.kind() == ValueKind::integer) return v.as<std::int64_t>() != 0;
    return v.repr() == "1" || v.repr() == "'1'";
}

}  // namespace

// INFORMATION_SCHEMA.COLUMNS.DATA_TYPE and sizes to a sqla type; -1 is (max).
TypeEngine mssql_type(std::string_view data_type, std::optional<std::int64_t> length, std::optional<std::int64_t> precision,
                      std::optional<std::int64_t> scale) {
    const std::string t = ascii_lower(data_type);
    auto as_int = [](std::optional<std::int64_t> v) { return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt; };
    const bool max = length && *length == -1;
    if (t == "int") return Integer{};
    if (t == "bigint") return BigInteger{};
    if (t == "smallint" || t == "tinyint") return SmallInteger{};
    if (t == "bit") return Boolean{};
    if (t == "decimal" || t == "numeric") return Numeric{as_int(precision), as_int(scale)};
    if (t == "money") return Numeric{19, 4};
    if (t == "smallmoney") return Numeric{10, 4};
    if (t == "float") return Float{};
    if (t == "real") return Float{24};
    if (t == "varchar" || t == "char") return max ? TypeEngine(Text{}) : TypeEngine(String{as_int(length)});
    if (t == "nvarchar" || t == "nchar") return max ? TypeEngine(UnicodeText{}) : TypeEngine(Unicode{as_int(length)});
    if (t == "text") return Text{};
    if (t == "ntext") return UnicodeText{};
    if (t == "date") return Date{};
    if (t == "datetime" || t == "datetime2" || t == "smalldatetime") return DateTime{};
    if (t == "datetimeoffset") return DateTime{.timezone = true};
    if (t == "time") return Time{};
    if (t == "varbinary" || t == "binary") return max ? TypeEngine(LargeBinary{}) : TypeEngine(LargeBinary{as_int(length)});
    if (t == "image") return LargeBinary{};
    if (t == "uniqueidentifier") return Uuid{};
    return TypeEngine();
}

std::string MSReflection::schema_of(const std::optional<std::string>& schema) const {
    if (schema) return *schema;
    return conn.execute(text("SELECT schema_name()")).scalar<std::string>();
}

std::optional<std::string> MSReflection::default_schema_name() const {
    return conn.execute(text("SELECT schema_name()")).scalar<std::optional<std::string>>();
}

std::vector<std::string> MSReflection::schema_names() const {
    return conn.execute(text("SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA ORDER BY SCHEMA_NAME")).scalars<std::string>().all();
}

std::vector<std::string> MSReflection::table_names(const std::optional<std::string>& schema, bool views) const {
    return conn
        .execute(text(std::string("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = :schema AND TABLE_TYPE = ") +
                      (views ? "'VIEW'" : "'BASE TABLE'") + " ORDER BY TABLE_NAME"),
                 {{"schema", schema_of(schema)}})
        .scalars<std::string>()
        .all();
}

bool MSReflection::has_table(std::string_view table, const std::optional<std::string>& schema) const {
    return conn
        .execute(text("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = :schema AND TABLE_NAME = :name"),
                 {{"schema", schema_of(schema)}, {"name", std::string(table)}})
        .first()
        .has_value();
}

std::vector<ReflectedColumn> MSReflection::columns(std::string_view table, const std::optional<std::string>& schema) const {
    std::vector<ReflectedColumn> out;
    for (const auto& row : conn.execute(
             text("SELECT c.COLUMN_NAME, c.DATA_TYPE, c.IS_NULLABLE, c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION, "
                  "c.NUMERIC_SCALE, c.COLUMN_DEFAULT, sc.is_identity, cc.definition, cc.is_persisted, ep.value "
                  "FROM INFORMATION_SCHEMA.COLUMNS c "
                  "JOIN sys.schemas s ON s.name = c.TABLE_SCHEMA "
                  "JOIN sys.objects o ON o.schema_id = s.schema_id AND o.name = c.TABLE_NAME "
                  "JOIN sys.columns sc ON sc.object_id = o.object_id AND sc.name = c.COLUMN_NAME "
                  "LEFT JOIN sys.computed_columns cc ON cc.object_id = sc.object_id AND cc.column_id = sc.column_id "
                  "LEFT JOIN sys.extended_properties ep ON ep.class = 1 AND ep.major_id = sc.object_id "
                  "AND ep.minor_id = sc.column_id AND ep.name = 'MS_Description' "
                  "WHERE c.TABLE_SCHEMA = :schema AND c.TABLE_NAME = :table ORDER BY c.ORDINAL_POSITION"),
             {{"schema", schema_of(schema)}, {"table", std::string(table)}})) {
        ReflectedColumn c;
        c.name = row.get<std::string>(0);
        c.type_sql = row.get<std::string>(1);
        const auto length = row.get<std::optional<std::int64_t>>(3);
        c.type = mssql_type(c.type_sql, length, row.get<std::optional<std::int64_t>>(4), row.get<std::optional<std::int64_t>>(5));
        if (length && (ascii_lower(c.type_sql).find("char") != std::string::npos || ascii_lower(c.type_sql).find("binary") != std::string::npos))
            c.type_sql += "(" + (*length == -1 ? std::string("max") : std::to_string(*length)) + ")";
        c.nullable = row.get<std::string>(2) == "YES";
        c.server_default = row.get<std::optional<std::string>>(6);
        // SQLAlchemy reports autoincrement for every column: whether it is the IDENTITY.
        c.autoincrement = truthy(row, 7);
        if (auto definition = row.get<std::optional<std::string>>(8)) {
            c.computed = strip_enclosing_parentheses(*definition);
            c.computed_persisted = truthy(row, 9);
        }
        if (!row[10].is_null()) c.comment = row[10].kind() == ValueKind::text ? row.get<std::string>(10) : row[10].repr();
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<MSReflection::KeyRow> MSReflection::keys(std::string_view table, const std::optional<std::string>& schema) const {
    std::vector<KeyRow> out;
    for (const auto& row : conn.execute(
             text("SELECT tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME "
                  "FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k "
                  "ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
                  "WHERE tc.TABLE_SCHEMA = :schema AND tc.TABLE_NAME = :table "
                  "AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE') ORDER BY tc.CONSTRAINT_NAME, k.ORDINAL_POSITION"),
             {{"schema", schema_of(schema)}, {"table", std::string(table)}}))
        out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2)});
    return out;
}

ReflectedPrimaryKey MSReflection::pk(std::string_view table, const std::optional<std::string>& schema) const {
    ReflectedPrimaryKey out;
    for (auto& k : keys(table, schema)) {
        if (k.type != "PRIMARY KEY") continue;
        out.name = k.name;
        out.columns.push_back(std::move(k.column));
    }
    return out;
}

std::vector<ReflectedUniqueConstraint> MSReflection::unique_constraints(std::string_view table,
                                                                        const std::optional<std::string>& schema) const {
    std::vector<ReflectedUniqueConstraint> out;
    for (auto& k : keys(table, schema)) {
        if (k.type != "UNIQUE") continue;
        if (out.empty() || out.back().name != k.name) out.push_back({k.name, {}, std::nullopt});
        out.back().columns.push_back(std::move(k.column));
    }
    return out;
}

std::vector<ReflectedForeignKey> MSReflection::foreign_keys(std::string_view table, const std::optional<std::string>& schema) const {
    const std::string in = schema_of(schema);
    auto rule = [](std::optional<std::string> r) -> std::optional<std::string> {
        if (!r || *r == "NO ACTION") return std::nullopt;
        return r;
    };
    std::vector<ReflectedForeignKey> out;
    for (const auto& row : conn.execute(
             text("SELECT rc.CONSTRAINT_NAME, c.COLUMN_NAME, r.TABLE_SCHEMA, r.TABLE_NAME, r.COLUMN_NAME, "
                  "rc.UPDATE_RULE, rc.DELETE_RULE "
                  "FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc "
                  "JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE c "
                  "ON c.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = rc.CONSTRAINT_NAME "
                  "JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE r ON r.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA "
                  "AND r.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME AND r.ORDINAL_POSITION = c.ORDINAL_POSITION "
                  "WHERE c.TABLE_SCHEMA = :schema AND c.TABLE_NAME = :table ORDER BY rc.CONSTRAINT_NAME, c.ORDINAL_POSITION"),
             {{"schema", in}, {"table", std::string(table)}})) {
        const auto name = row.get<std::string>(0);
        if (out.empty() || out.back().name != name) {
            ReflectedForeignKey fk;
            fk.name = name;
            if (auto s = row.get<std::string>(2); s != in) fk.referred_schema = s;
            fk.referred_table = row.get<std::string>(3);
            fk.onupdate = rule(row.get<std::optional<std::string>>(5));
            fk.ondelete = rule(row.get<std::optional<std::string>>(6));
            out.push_back(std::move(fk));
        }
        out.back().columns.push_back(row.get<std::string>(1));
        out.back().referred_columns.push_back(row.get<std::string>(4));
    }
    return out;
}

std::vector<ReflectedIndex> MSReflection::indexes(std::string_view table, const std::optional<std::string>& schema) const {
    std::vector<ReflectedIndex> out;
    for (const auto& row : conn.execute(
             text("SELECT ind.name, ind.is_unique, ind.is_unique_constraint, col.name, ind.filter_definition "
                  "FROM sys.indexes ind JOIN sys.tables tab ON tab.object_id = ind.object_id "
                  "JOIN sys.schemas sch ON sch.schema_id = tab.schema_id "
                  "JOIN sys.index_columns ic ON ic.object_id = ind.object_id AND ic.index_id = ind.index_id "
                  "JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id "
                  "WHERE tab.name = :table AND sch.name = :schema AND ind.is_primary_key = 0 AND ind.type != 0 "
                  "AND ic.is_included_column = 0 ORDER BY ind.name, ic.key_ordinal"),
             {{"schema", schema_of(schema)}, {"table", std::string(table)}})) {
        const auto name = row.get<std::string>(0);
        if (out.empty() || out.back().name != name) {
            ReflectedIndex ix;
            ix.name = name;
            ix.unique = truthy(row, 1);
            if (truthy(row, 2)) ix.duplicates_constraint = name;
            if (auto where = row.get<std::optional<std::string>>(4)) ix.dialect_options.emplace_back("mssql_where", strip_enclosing_parentheses(*where));
            out.push_back(std::move(ix));
        }
        out.back().columns.push_back(row.get<std::string>(3));
        out.back().expressions.emplace_back();
    }
    return out;
}

std::vector<ReflectedCheckConstraint> MSReflection::check_constraints(std::string_view table,
                                                                      const std::optional<std::string>& schema) const {
    std::vector<ReflectedCheckConstraint> out;
    for (const auto& row : conn.execute(
             text("SELECT cc.name, cc.definition FROM sys.check_constraints cc "
                  "JOIN sys.tables t ON t.object_id = cc.parent_object_id JOIN sys.schemas s ON s.schema_id = t.schema_id "
                  "WHERE t.name = :table AND s.name = :schema ORDER BY cc.name"),
             {{"schema", schema_of(schema)}, {"table", std::string(table)}}))
        out.push_back({row.get<std::string>(0), strip_enclosing_parentheses(row.get<std::string>(1))});
    return out;
}

std::optional<std::string> MSReflection::table_comment(std::string_view table, const std::optional<std::string>& schema) const {
    auto row = conn.execute(text("SELECT ep.value FROM sys.extended_properties ep "
                                 "JOIN sys.tables t ON ep.major_id = t.object_id JOIN sys.schemas s ON s.schema_id = t.schema_id "
                                 "WHERE ep.class = 1 AND ep.minor_id = 0 AND ep.name = 'MS_Description' "
                                 "AND t.name = :table AND s.name = :schema"),
                            {{"schema", schema_of(schema)}, {"table", std::string(table)}})
                   .first();
    if (!row || (*row)[0].is_null()) return std::nullopt;
    return (*row)[0].kind() == ValueKind::text ? row->get<std::string>(0) : (*row)[0].repr();
}

}  // namespace sqla::mssql
