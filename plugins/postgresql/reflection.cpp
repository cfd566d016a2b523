// sqla: plugins/postgresql/reflection.cpp. Reflection for PostgreSQL (SQLAlchemy's PGDialect.get_*):
// pg_catalog queries for tables, columns (format_type, pg_get_expr defaults, comments, identity
// and generated columns), constraints by pg_constraint and indexes by pg_index.
// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

import sqla;

#include "postgresql_plugin.hpp"

namespace sqla::postgresql {

// PostgreSQL's answers to the Inspector (SQLAlchemy's PGDialect.get_*).
class PGReflector final : public Reflector {
public:
    using Reflector::Reflector;
    std::optional<std::string> default_schema_name(Connection& conn) const override;
    std::vector<std::string> get_schema_names(Connection& conn) const override;
    std::vector<std::string> get_table_names(Connection& conn, const std::optional<std::string>& schema) const override;
    std::vector<std::string> get_view_names(Connection& conn, const std::optional<std::string>& schema) const override;
    bool has_table(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const override;
    std::vector<ReflectedColumn> get_columns(Connection& conn, std::string_view table,
                                             const std::optional<std::string>& schema) const override;
    ReflectedPrimaryKey get_pk_constraint(Connection& conn, std::string_view table,
                                          const std::optional<std::string>& schema) const override;
    std::vector<ReflectedForeignKey> get_foreign_keys(Connection& conn, std::string_view table,
                                                      const std::optional<std::string>& schema) const override;
    std::vector<ReflectedIndex> get_indexes(Connection& conn, std::string_view table,
                                            const std::optional<std::string>& schema) const override;
    std::vector<ReflectedUniqueConstraint> get_unique_constraints(Connection& conn, std::string_view table,
                                                                  const std::optional<std::string>& schema) const override;
    std::vector<ReflectedCheckConstraint> get_check_constraints(Connection& conn, std::string_view table,
                                                                const std::optional<std::string>& schema) const override;
    std::optional<std::string> get_table_comment(Connection& conn, std::string_view table,
                                                 const std::optional<std::string>& schema) const override;
    bool has_type(Connection& conn, std::string_view name) const override;
};

std::unique_ptr<Reflector> make_reflector(const Dialect& dialect) { return std::make_unique<PGReflector>(dialect); }

// The oid of `table` (a table, view or the like): in `schema`, or the one the search path
// finds outside pg_catalog. Nullopt when missing.
std::optional<std::int64_t> pg_table_oid(Connection& conn, std::string_view table, const std::optional<std::string>& schema) {
    Params params{{"name", std::string(table)}};
    std::string sql =
        "SELECT c.oid::int8 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relname = :name AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND ";
    if (schema) {
        sql += "n.nspname = :schema";
        params.set("schema", *schema);
    } else {
        sql += "pg_catalog.pg_table_is_visible(c.oid) AND n.nspname != 'pg_catalog'";
    }
    auto row = conn.execute(text(sql), params).first();
    if (!row) return std::nullopt;
    return row->get<std::int64_t>(0);
}

namespace {

std::int64_t require_oid(Connection& conn, std::string_view table, const std::optional<std::string>& schema) {
    if (auto oid = pg_table_oid(conn, table, schema)) return *oid;
    throw NoSuchTableError("no table \"" + (schema ? *schema + "." : std::string()) + std::string(table) +
                           "\" in the database");
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

std::vector<int> int_args(std::string_view args) {
    std::vector<int> out;
    std::size_t start = 0;
    while (start <= args.size()) {
        auto end = args.find(',', start);
        if (end == std::string_view::npos) end = args.size();
        const auto item = trim(args.substr(start, end - start));
        int v = 0;
        if (std::from_chars(item.data(), item.data() + item.size(), v).ec == std::errc()) out.push_back(v);
        start = end + 1;
    }
    return out;
}

// The enum types visible to the connection: name (schema-qualified when not visible) to labels.
std::map<std::string, std::vector<std::string>> enums(Connection& conn) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& row : conn.execute(text(
             "SELECT CASE WHEN pg_catalog.pg_type_is_visible(t.oid) THEN t.typname ELSE n.nspname || '.' || t.typname END, "
             "e.enumlabel FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
             "JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder")))
        out[row.get<std::string>(0)].push_back(row.get<std::string>(1));
    return out;
}

}  // namespace

// format_type()'s spelling to a sqla type (SQLAlchemy's PGDialect._get_column_info with
// ischema_names); enums by name; NullType for what is not known.
TypeEngine pg_type_from_sql(std::string_view spelled, const std::map<std::string, std::vector<std::string>>& enum_types) {
    std::string_view s = trim(spelled);
    int dims = 0;
    while (s.ends_with("[]")) {
        s.remove_suffix(2);
        ++dims;
    }
    if (dims > 0) return Array{pg_type_from_sql(s, enum_types), dims};
    // "timestamp(6) with time zone": the arguments may sit inside the name.
    std::string name;
    std::vector<int> args;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '(') {
            // An unclosed '(' runs to the end (found by postgresql_values_fuzz: npos as the
            // next index wrapped around to 0, and the loop never ended).
            const auto close = std::min(s.find(')', i), s.size());
            args = int_args(s.substr(i + 1, close - i - 1));
            i = close;
            continue;
        }
        name += s[i];
    }
    name = std::string(trim(name));
    auto arg = [&](std::size_t i) -> std::optional<int> { return i < args.size() ? std::optional<int>(args[i]) : std::nullopt; };
    if (name == "integer") return Integer{};
    if (name == "bigint") return BigInteger{};
    if (name == "smallint") return SmallInteger{};
    if (name == "character varying" || name == "character" || name == "\"char\"") return String{arg(0)};
    if (name == "text") return Text{};
    if (name == "boolean") return Boolean{};
    if (name == "numeric") return Numeric{arg(0), arg(1)};
    if (name == "real") return Float{24};
    if (name == "double precision") return Double{};
    if (name == "timestamp without time zone") return DateTime{};
    if (name == "timestamp with time zone") return DateTime{.timezone = true};
    if (name == "time without time zone" || name == "time with time zone") return Time{};
    if (name == "date") return Date{};
    if (name.starts_with("interval")) return Interval{};
    if (name == "bytea") return LargeBinary{};
    if (name == "json") return JSON{};
    if (name == "jsonb") return sqla::postgresql::JSONB{};
    if (name == "uuid") return Uuid{};
    std::string key(name);
    if (key.size() >= 2 && key.front() == '"' && key.back() == '"') key = key.substr(1, key.size() - 2);
    if (auto it = enum_types.find(key); it != enum_types.end()) {
        const auto dot = key.rfind('.');
        return Enum{.values = it->second, .name = dot == std::string::npos ? key : key.substr(dot + 1)};
    }
    return TypeEngine();
}

std::optional<std::string> PGReflector::default_schema_name(Connection& conn) const {
    return conn.execute(text("SELECT current_schema()")).scalar<std::optional<std::string>>();
}

std::vector<std::string> PGReflector::get_schema_names(Connection& conn) const {
    return conn.execute(text("SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg~_%' ESCAPE '~' ORDER BY nspname"))
        .scalars<std::string>()
        .all();
}

// Tables ('r', 'p') or views ('v', 'm') of the schema (the search path's first by default).
namespace {
// Tables, or views (and materialized views), of a schema by name.
std::vector<std::string> relation_names(Connection& conn, const std::optional<std::string>& schema, bool views) {
    Params params;
    std::string sql = "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                      "WHERE c.relkind IN (" + std::string(views ? "'v', 'm'" : "'r', 'p'") + ") AND n.nspname = ";
    if (schema) {
        sql += ":schema";
        params.set("schema", *schema);
    } else {
        sql += "current_schema()";
    }
    return conn.execute(text(sql + " ORDER BY c.relname"), params).scalars<std::string>().all();
}
}  // namespace

std::vector<std::string> PGReflector::get_table_names(Connection& conn, const std::optional<std::string>& schema) const {
    return relation_names(conn, schema, false);
}

std::vector<std::string> PGReflector::get_view_names(Connection& conn, const std::optional<std::string>& schema) const {
    return relation_names(conn, schema, true);
}

// Tables, views and the like visible on the search path, or in the given schema
// (SQLAlchemy's PGDialect.has_table).
bool PGReflector::has_table(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    return pg_table_oid(conn, table, schema).has_value();
}

// The named type of a native Enum (SQLAlchemy's PGDialect.has_type).
bool PGReflector::has_type(Connection& conn, std::string_view name) const {
    return conn
        .execute(text("SELECT 1 FROM pg_catalog.pg_type t WHERE t.typname = :name AND "
                      "pg_catalog.pg_type_is_visible(t.oid)"),
                 {{"name", std::string(name)}})
        .first()
        .has_value();
}

std::vector<ReflectedColumn> PGReflector::get_columns(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    const auto oid = pg_table_oid(conn, table, schema);
    if (!oid) return {};
    const auto enum_types = enums(conn);
    std::vector<ReflectedColumn> out;
    for (const auto& row : conn.execute(
             text("SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
                  "(SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_attrdef d "
                  " WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef), "
                  "a.attnotnull, pgd.description, a.attgenerated::text, a.attidentity::text "
                  "FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_description pgd "
                  "ON pgd.objoid = a.attrelid AND pgd.objsubid = a.attnum "
                  "WHERE a.attrelid = CAST(:oid AS oid) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"),
             {{"oid", *oid}})) {
        ReflectedColumn c;
        c.name = row.get<std::string>(0);
        c.type_sql = row.get<std::string>(1);
        c.type = pg_type_from_sql(c.type_sql, enum_types);
        c.server_default = row.get<std::optional<std::string>>(2);
        c.nullable = !row.get<bool>(3);
        c.comment = row.get<std::optional<std::string>>(4);
        const auto generated = row.get<std::string>(5);
        const auto identity = row.get<std::string>(6);
        if (!generated.empty()) {
            c.computed = c.server_default;
            c.computed_persisted = generated == "s";
            c.server_default.reset();
        }
        // A SERIAL's nextval() or an IDENTITY: the database numbers the column. The SERIAL's
        // default is its own: a reflected table's DDL makes it again as SERIAL.
        c.default_is_autoincrement = c.type.is_integer() && c.server_default && c.server_default->starts_with("nextval(");
        c.autoincrement = !identity.empty() || c.default_is_autoincrement;
        out.push_back(std::move(c));
    }
    return out;
}

namespace {
// The columns of each constraint of one kind ('p', 'u'), in key order, by constraint name.
std::vector<std::pair<std::string, std::vector<std::string>>> keyed_constraints(Connection& conn, std::int64_t oid,
                                                                               std::string_view kind) {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const auto& row : conn.execute(
             text("SELECT con.conname, a.attname FROM pg_catalog.pg_constraint con "
                  "CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) "
                  "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum "
                  "WHERE con.conrelid = CAST(:oid AS oid) AND con.contype = :kind ORDER BY con.conname, k.ord"),
             {{"oid", oid}, {"kind", std::string(kind)}})) {
        auto name = row.get<std::string>(0);
        if (out.empty() || out.back().first != name) out.emplace_back(name, std::vector<std::string>{});
        out.back().second.push_back(row.get<std::string>(1));
    }
    return out;
}

std::optional<std::string> action(std::string_view code) {
    if (code == "r") return "RESTRICT";
    if (code == "c") return "CASCADE";
    if (code == "n") return "SET NULL";
    if (code == "d") return "SET DEFAULT";
    return std::nullopt;  // 'a', NO ACTION: the default
}
}  // namespace

ReflectedPrimaryKey PGReflector::get_pk_constraint(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    ReflectedPrimaryKey out;
    for (auto& [name, columns] : keyed_constraints(conn, require_oid(conn, table, schema), "p")) {
        out.name = name;
        out.columns = std::move(columns);
    }
    return out;
}

std::vector<ReflectedUniqueConstraint> PGReflector::get_unique_constraints(Connection& conn, std::string_view table,
                                                             const std::optional<std::string>& schema) const {
    std::vector<ReflectedUniqueConstraint> out;
    for (auto& [name, columns] : keyed_constraints(conn, require_oid(conn, table, schema), "u"))
        out.push_back({name, std::move(columns), std::nullopt});
    return out;
}

std::vector<ReflectedForeignKey> PGReflector::get_foreign_keys(Connection& conn, std::string_view table,
                                                 const std::optional<std::string>& schema) const {
    const auto oid = require_oid(conn, table, schema);
    std::vector<ReflectedForeignKey> out;
    for (const auto& row : conn.execute(
             text("SELECT con.conname, a.attname, fa.attname, cf.relname, "
                  "CASE WHEN nf.nspname = current_schema() THEN NULL ELSE nf.nspname END, "
                  "con.confupdtype::text, con.confdeltype::text, con.condeferrable, con.condeferred "
                  "FROM pg_catalog.pg_constraint con "
                  "CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, ord) "
                  "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum "
                  "JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum "
                  "JOIN pg_catalog.pg_class cf ON cf.oid = con.confrelid "
                  "JOIN pg_catalog.pg_namespace nf ON nf.oid = cf.relnamespace "
                  "WHERE con.conrelid = CAST(:oid AS oid) AND con.contype = 'f' ORDER BY con.conname, k.ord"),
             {{"oid", oid}})) {
        const auto name = row.get<std::string>(0);
        if (out.empty() || out.back().name != name) {
            ReflectedForeignKey fk;
            fk.name = name;
            fk.referred_table = row.get<std::string>(3);
            fk.referred_schema = row.get<std::optional<std::string>>(4);
            // Asked about a schema by name: a reference into that same schema names it too.
            if (!fk.referred_schema && schema) fk.referred_schema = default_schema_name(conn);
            fk.onupdate = action(row.get<std::string>(5));
            fk.ondelete = action(row.get<std::string>(6));
            if (row.get<bool>(7)) {
                fk.deferrable = true;
                fk.initially = row.get<bool>(8) ? "DEFERRED" : "IMMEDIATE";
            }
            out.push_back(std::move(fk));
        }
        out.back().columns.push_back(row.get<std::string>(1));
        out.back().referred_columns.push_back(row.get<std::string>(2));
    }
    return out;
}

std::vector<ReflectedIndex> PGReflector::get_indexes(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    const auto oid = require_oid(conn, table, schema);
    std::vector<ReflectedIndex> out;
    for (const auto& row : conn.execute(
             text("SELECT i.relname, ix.indisunique, k.ord, a.attname, "
                  "pg_catalog.pg_get_indexdef(ix.indexrelid, k.ord::int, true), "
                  "pg_catalog.pg_get_expr(ix.indpred, ix.indrelid), am.amname, "
                  "(SELECT con.conname FROM pg_catalog.pg_constraint con "
                  " WHERE con.conindid = ix.indexrelid AND con.contype IN ('u', 'x') LIMIT 1) "
                  "FROM pg_catalog.pg_index ix JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid "
                  "JOIN pg_catalog.pg_am am ON am.oid = i.relam "
                  "CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
                  "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum AND k.attnum > 0 "
                  "WHERE ix.indrelid = CAST(:oid AS oid) AND NOT ix.indisprimary AND k.ord <= ix.indnkeyatts "
                  "ORDER BY i.relname, k.ord"),
             {{"oid", oid}})) {
        const auto name = row.get<std::string>(0);
        if (out.empty() || out.back().name != name) {
            ReflectedIndex ix;
            ix.name = name;
            ix.unique = row.get<bool>(1);
            if (auto where = row.get<std::optional<std::string>>(5)) ix.dialect_options.emplace_back("postgresql_where", *where);
            if (auto am = row.get<std::string>(6); am != "btree") ix.dialect_options.emplace_back("postgresql_using", am);
            ix.duplicates_constraint = row.get<std::optional<std::string>>(7);
            out.push_back(std::move(ix));
        }
        auto column = row.get<std::optional<std::string>>(3);
        out.back().expressions.push_back(column ? std::nullopt : row.get<std::optional<std::string>>(4));
        out.back().columns.push_back(std::move(column));
    }
    return out;
}

std::vector<ReflectedCheckConstraint> PGReflector::get_check_constraints(Connection& conn, std::string_view table,
                                                           const std::optional<std::string>& schema) const {
    const auto oid = require_oid(conn, table, schema);
    std::vector<ReflectedCheckConstraint> out;
    for (const auto& row : conn.execute(text("SELECT conname, pg_catalog.pg_get_constraintdef(oid, true) FROM pg_catalog.pg_constraint "
                                             "WHERE conrelid = CAST(:oid AS oid) AND contype = 'c' ORDER BY conname"),
                                        {{"oid", oid}})) {
        // "CHECK ((score >= 0))" or "CHECK (score >= 0) NOT VALID": the condition inside.
        const std::string definition = row.get<std::string>(1);
        std::string_view def = definition;
        if (def.ends_with(" NOT VALID")) def.remove_suffix(10);
        if (def.starts_with("CHECK ")) def.remove_prefix(6);
        out.push_back({row.get<std::string>(0), strip_enclosing_parentheses(def)});
    }
    return out;
}

std::optional<std::string> PGReflector::get_table_comment(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    const auto oid = require_oid(conn, table, schema);
    return conn.execute(text("SELECT pg_catalog.obj_description(CAST(:oid AS oid), 'pg_class')"), {{"oid", oid}})
        .scalar<std::optional<std::string>>();
}

}  // namespace sqla::postgresql
