// sqla: plugins/sqlite/reflection.cpp. Reflection for SQLite (SQLAlchemy's SQLiteDialect.get_*):
// PRAGMA table_xinfo, foreign_key_list and index_list for what SQLite keeps, and the table's
// CREATE TABLE text (sqlite_master.sql) for what it does not: constraint names, UNIQUE and CHECK.
// SPDX-License-Identifier: MIT
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

import sqla;

#include "sqlite_plugin.hpp"

namespace sqla::sqlite {

// SQLite's answers to the Inspector (SQLAlchemy's SQLiteDialect.get_*).
class SQLiteReflector final : public Reflector {
public:
    using Reflector::Reflector;
    std::optional<std::string> default_schema_name(Connection&) const override { return "main"; }
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
};

std::unique_ptr<Reflector> make_reflector(const Dialect& dialect) { return std::make_unique<SQLiteReflector>(dialect); }
namespace {

// "main"."t": the schema's catalog object, quoted.
std::string prefix(const IdentifierPreparer& q, const std::optional<std::string>& schema) {
    return schema ? q.quote_identifier(*schema) + "." : std::string();
}

std::string master(const IdentifierPreparer& q, const std::optional<std::string>& schema) {
    // The temp schema's catalog has its own name.
    if (schema && *schema == "temp") return "temp.sqlite_temp_master";
    return prefix(q, schema) + "sqlite_master";
}

// ---- CREATE TABLE text --------------------------------------------------------------------------

// The items of a parenthesised list at top level: "a INT, CONSTRAINT x UNIQUE (a, b)" splits
// into two; commas inside parentheses, quotes and brackets stay.
std::vector<std::string> split_items(std::string_view body) {
    std::vector<std::string> out;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '\'' || c == '"' || c == '`' || c == '[') {
            const char close = c == '[' ? ']' : c;
            for (++i; i < body.size(); ++i) {
                if (body[i] == close) {
                    if (close != ']' && i + 1 < body.size() && body[i + 1] == close) ++i;  // doubled quote
                    else break;
                }
            }
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (c == ',' && depth == 0) {
            out.emplace_back(body.substr(start, i - start));
            start = i + 1;
        }
    }
    out.emplace_back(body.substr(start));
    for (auto& item : out) {
        const auto b = item.find_first_not_of(" \t\r\n");
        const auto e = item.find_last_not_of(" \t\r\n");
        item = b == std::string::npos ? std::string() : item.substr(b, e - b + 1);
    }
    return out;
}

// Reads one token at `pos`: an identifier (quoted or bare), a parenthesised group (with its
// parentheses) or a single character. Skips blanks before it.
std::string token(std::string_view s, std::size_t& pos) {
    while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos >= s.size()) return {};
    const std::size_t start = pos;
    const char c = s[pos];
    if (c == '"' || c == '`' || c == '[' || c == '\'') {
        const char close = c == '[' ? ']' : c;
        for (++pos; pos < s.size(); ++pos) {
            if (s[pos] == close) {
                if (close != ']' && pos + 1 < s.size() && s[pos + 1] == close) ++pos;
                else break;
            }
        }
        ++pos;
    } else if (c == '(') {
        int depth = 0;
        for (; pos < s.size(); ++pos) {
            if (s[pos] == '(') ++depth;
            else if (s[pos] == ')' && --depth == 0) break;
            else if (s[pos] == '\'' || s[pos] == '"') {
                const char q = s[pos];
                for (++pos; pos < s.size() && s[pos] != q; ++pos) {}
            }
        }
        ++pos;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
        while (pos < s.size() && (std::isalnum(static_cast<unsigned char>(s[pos])) || s[pos] == '_' || s[pos] == '$')) ++pos;
    } else {
        ++pos;
    }
    return std::string(s.substr(start, std::min(pos, s.size()) - start));
}

// An identifier without its quotes ("a""b" is a"b).
std::string unquote(std::string_view id) {
    if (id.size() >= 2 && (id.front() == '"' || id.front() == '`' || id.front() == '[' || id.front() == '\'')) {
        const char close = id.front() == '[' ? ']' : id.front();
        std::string out;
        for (std::size_t i = 1; i + 1 < id.size(); ++i) {
            out += id[i];
            if (id[i] == close && close != ']' && i + 2 < id.size() && id[i + 1] == close) ++i;
        }
        return out;
    }
    return std::string(id);
}

// "(a, "B c")" to its names.
std::vector<std::string> name_list(std::string_view group) {
    if (group.size() < 2) return {};
    std::vector<std::string> out;
    for (const auto& item : split_items(group.substr(1, group.size() - 2))) {
        std::size_t pos = 0;
        out.push_back(unquote(token(item, pos)));  // "a COLLATE x" / "a DESC": the name only
    }
    return out;
}

}  // namespace

TableText parse_table_sql(std::string_view sql) {
    TableText out;
    const auto open = sql.find('(');
    const auto close = sql.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) return out;
    for (const auto& item : split_items(sql.substr(open + 1, close - open - 1))) {
        std::size_t pos = 0;
        std::optional<std::string> name;
        std::string first = token(item, pos);
        if (ascii_upper(first) == "CONSTRAINT") {
            name = unquote(token(item, pos));
            first = token(item, pos);
        }
        const std::string kw = ascii_upper(first);
        if (kw == "PRIMARY") {
            token(item, pos);  // KEY
            out.pk_name = name;
        } else if (kw == "UNIQUE") {
            out.uniques.push_back({name, name_list(token(item, pos)), {}});
        } else if (kw == "CHECK") {
            const std::string group = token(item, pos);
            out.checks.push_back({name, group.size() >= 2 ? group.substr(1, group.size() - 2) : group});
        } else if (kw == "FOREIGN") {
            token(item, pos);  // KEY
            auto cols = name_list(token(item, pos));
            token(item, pos);  // REFERENCES
            out.fks.push_back({name, std::move(cols), unquote(token(item, pos))});
        } else {
            // A column definition: "name type(args) [CONSTRAINT n] UNIQUE | CHECK (...) ...".
            const std::string column = unquote(first);
            std::optional<std::string> cname;
            for (std::string t = token(item, pos); !t.empty(); t = token(item, pos)) {
                const std::string u = ascii_upper(t);
                if (u == "CONSTRAINT") {
                    cname = unquote(token(item, pos));
                    continue;
                }
                if (u == "UNIQUE") out.uniques.push_back({cname, {column}, {}});
                else if (u == "CHECK") {
                    const std::string group = token(item, pos);
                    out.checks.push_back({cname, group.size() >= 2 ? group.substr(1, group.size() - 2) : group});
                } else if (u == "REFERENCES") {
                    out.fks.push_back({cname, {column}, unquote(token(item, pos))});
                }
                if (u == "UNIQUE" || u == "CHECK" || u == "REFERENCES" || u == "PRIMARY" || u == "NOT" || u == "DEFAULT")
                    cname.reset();
            }
        }
    }
    return out;
}

namespace {

std::optional<std::string> table_sql(Connection& conn, const IdentifierPreparer& q, std::string_view table,
                                     const std::optional<std::string>& schema, std::string_view type = "table") {
    auto row = conn.execute(text("SELECT sql FROM " + master(q, schema) + " WHERE name = :name AND type = :type"),
                            {{"name", std::string(table)}, {"type", std::string(type)}})
                   .first();
    if (!row || (*row)[0].is_null()) return std::nullopt;
    return row->get<std::string>(0);
}

// ---- types --------------------------------------------------------------------------------------

std::vector<int> type_args(std::string_view args) {
    std::vector<int> out;
    for (const auto& item : split_items(args)) {
        int v = 0;
        if (std::from_chars(item.data(), item.data() + item.size(), v).ec == std::errc()) out.push_back(v);
    }
    return out;
}

}  // namespace

// SQLAlchemy's SQLiteDialect._resolve_type_affinity: the declared type's name when it is one
// SQLAlchemy knows, else SQLite's affinity rules (INT, CHAR/CLOB/TEXT, BLOB, REAL/FLOA/DOUB,
// NUMERIC).
TypeEngine sqlite_type_from_sql(std::string_view declared) {
    std::string name;
    std::vector<int> args;
    const auto paren = declared.find('(');
    name = ascii_upper(declared.substr(0, paren));
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (paren != std::string_view::npos) {
        const auto end = declared.rfind(')');
        args = type_args(declared.substr(paren + 1, end == std::string_view::npos ? std::string_view::npos : end - paren - 1));
    }
    auto arg = [&](std::size_t i) -> std::optional<int> { return i < args.size() ? std::optional<int>(args[i]) : std::nullopt; };
    static const std::map<std::string, TypeKind, std::less<>> known = {
        {"BIGINT", TypeKind::big_integer}, {"BLOB", TypeKind::large_binary}, {"BOOL", TypeKind::boolean},
        {"BOOLEAN", TypeKind::boolean},    {"CHAR", TypeKind::string},       {"DATE", TypeKind::date},
        {"DATETIME", TypeKind::datetime},  {"DOUBLE", TypeKind::double_},    {"DOUBLE PRECISION", TypeKind::double_},
        {"DECIMAL", TypeKind::numeric},    {"FLOAT", TypeKind::float_},      {"INT", TypeKind::integer},
        {"INTEGER", TypeKind::integer},    {"JSON", TypeKind::json},         {"NUMERIC", TypeKind::numeric},
        {"REAL", TypeKind::float_},        {"SMALLINT", TypeKind::small_integer}, {"TEXT", TypeKind::text},
        {"TIME", TypeKind::time},          {"TIMESTAMP", TypeKind::datetime}, {"VARCHAR", TypeKind::string},
        {"NVARCHAR", TypeKind::unicode},   {"NCHAR", TypeKind::unicode},     {"CLOB", TypeKind::text},
    };
    TypeKind kind;
    if (auto it = known.find(name); it != known.end()) kind = it->second;
    else if (name.find("INT") != std::string::npos) kind = TypeKind::integer;
    else if (name.find("CHAR") != std::string::npos || name.find("CLOB") != std::string::npos || name.find("TEXT") != std::string::npos)
        kind = TypeKind::text;
    else if (name.empty() || name.find("BLOB") != std::string::npos) return TypeEngine();
    else if (name.find("REAL") != std::string::npos || name.find("FLOA") != std::string::npos || name.find("DOUB") != std::string::npos)
        kind = TypeKind::float_;
    else kind = TypeKind::numeric;
    TypeEngine t(kind);
    switch (kind) {
        case TypeKind::string: case TypeKind::unicode: case TypeKind::large_binary: t.with_length(arg(0)); break;
        case TypeKind::numeric: t.with_precision(arg(0), arg(1)); break;
        case TypeKind::float_: t.with_precision(arg(0)); break;
        default: break;
    }
    return t;
}

std::vector<std::string> SQLiteReflector::get_schema_names(Connection& conn) const {
    std::vector<std::string> out;
    for (const auto& row : conn.exec_driver_sql("PRAGMA database_list")) {
        auto name = row.get<std::string>(1);
        if (name != "temp") out.push_back(std::move(name));
    }
    return out;
}

namespace {
// Tables ("table") or views ("view") of a schema, by name.
std::vector<std::string> object_names(Connection& conn, const IdentifierPreparer& q, const std::optional<std::string>& schema,
                                      std::string_view type) {
    // sqlite_sequence, sqlite_stat1...: SQLite's own.
    return conn
        .execute(text("SELECT name FROM " + master(q, schema) +
                      " WHERE type = :type AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name"),
                 {{"type", std::string(type)}})
        .scalars<std::string>()
        .all();
}

}  // namespace

std::vector<std::string> SQLiteReflector::get_table_names(Connection& conn, const std::optional<std::string>& schema) const {
    return object_names(conn, dialect().identifier_preparer(), schema, "table");
}

std::vector<std::string> SQLiteReflector::get_view_names(Connection& conn, const std::optional<std::string>& schema) const {
    return object_names(conn, dialect().identifier_preparer(), schema, "view");
}

// SQLite's catalog is PRAGMA table_info (SQLAlchemy's SQLiteDialect.has_table); it takes no
// parameters, so the name goes in as a quoted identifier.
bool SQLiteReflector::has_table(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    const auto& q = dialect().identifier_preparer();
    const std::string sql = "PRAGMA " + (schema ? q.quote_identifier(*schema) : std::string("main")) +
                            ".table_info(" + q.quote_identifier(table) + ")";
    return conn.exec_driver_sql(sql).first().has_value();
}

std::vector<ReflectedColumn> SQLiteReflector::get_columns(Connection& conn, std::string_view table,
                                            const std::optional<std::string>& schema) const {
    const auto& q = dialect().identifier_preparer();
    std::vector<ReflectedColumn> out;
    // table_xinfo also lists generated columns (hidden 2: virtual, 3: stored); 1 is a virtual
    // table's hidden column, which is not reflected.
    for (const auto& row : conn.exec_driver_sql("PRAGMA " + prefix(q, schema) + "table_xinfo(" + q.quote_identifier(table) + ")")) {
        const auto hidden = row.get<std::int64_t>(6);
        if (hidden == 1) continue;
        ReflectedColumn c;
        c.name = row.get<std::string>(1);
        c.type_sql = row.get<std::optional<std::string>>(2).value_or("");
        c.type = sqlite_type_from_sql(c.type_sql);
        c.nullable = row.get<std::int64_t>(3) == 0;
        c.server_default = row.get<std::optional<std::string>>(4);
        if (hidden == 2 || hidden == 3) {
            c.computed_persisted = hidden == 3;
            // The expression is in the CREATE TABLE text: "name type GENERATED ALWAYS AS (expr)".
            if (auto sql = table_sql(conn, q, table, schema)) {
                const auto open = sql->find('('), close = sql->rfind(')');
                for (const auto& item : split_items(std::string_view(*sql).substr(open + 1, close - open - 1))) {
                    std::size_t pos = 0;
                    if (unquote(token(item, pos)) != c.name) continue;
                    for (std::string t = token(item, pos); !t.empty(); t = token(item, pos))
                        if (ascii_upper(t) == "AS") {
                            const std::string group = token(item, pos);
                            c.computed = group.size() >= 2 ? group.substr(1, group.size() - 2) : group;
                            break;
                        }
                }
            }
        }
        out.push_back(std::move(c));
    }
    return out;
}

ReflectedPrimaryKey SQLiteReflector::get_pk_constraint(Connection& conn, std::string_view table,
                              const std::optional<std::string>& schema) const {
    const auto& q = dialect().identifier_preparer();
    std::vector<std::pair<std::int64_t, std::string>> keyed;
    for (const auto& row : conn.exec_driver_sql("PRAGMA " + prefix(q, schema) + "table_info(" + q.quote_identifier(table) + ")"))
        if (const auto pk = row.get<std::int64_t>(5); pk > 0) keyed.emplace_back(pk, row.get<std::string>(1));
    std::sort(keyed.begin(), keyed.end());
    ReflectedPrimaryKey out;
    for (auto& [n, name] : keyed) out.columns.push_back(std::move(name));
    if (!out.columns.empty())
        if (auto sql = table_sql(conn, q, table, schema)) out.name = parse_table_sql(*sql).pk_name;
    return out;
}

std::vector<ReflectedForeignKey> SQLiteReflector::get_foreign_keys(Connection& conn, std::string_view table,
                                                     const std::optional<std::string>& schema) const {
    const auto& q = dialect().identifier_preparer();
    std::map<std::int64_t, ReflectedForeignKey> by_id;
    for (const auto& row :
         conn.exec_driver_sql("PRAGMA " + prefix(q, schema) + "foreign_key_list(" + q.quote_identifier(table) + ")")) {
        auto& fk = by_id[row.get<std::int64_t>(0)];
        fk.referred_table = row.get<std::string>(2);
        fk.columns.push_back(row.get<std::string>(3));
        if (auto to = row.get<std::optional<std::string>>(4)) fk.referred_columns.push_back(std::move(*to));
        auto action = [](std::string a) -> std::optional<std::string> {
            if (a == "NO ACTION") return std::nullopt;
            return a;
        };
        fk.onupdate = action(row.get<std::string>(5));
        fk.ondelete = action(row.get<std::string>(6));
    }
    std::vector<ReflectedForeignKey> out;
    const auto sql = table_sql(conn, q, table, schema);
    const auto parsed = sql ? parse_table_sql(*sql) : TableText{};
    // foreign_key_list lists the last-declared key first: the declaration order is the reverse.
    for (auto it = by_id.rbegin(); it != by_id.rend(); ++it) {
        ReflectedForeignKey fk = std::move(it->second);
        if (fk.referred_columns.empty()) {
            // REFERENCES t with no columns: the referred table's primary key.
            fk.referred_columns = get_pk_constraint(conn, fk.referred_table, schema).columns;
        }
        for (const auto& named : parsed.fks)
            if (named.columns == fk.columns && named.ref_table == fk.referred_table) fk.name = named.name;
        out.push_back(std::move(fk));
    }
    return out;
}

std::vector<ReflectedIndex> SQLiteReflector::get_indexes(Connection& conn, std::string_view table,
                                           const std::optional<std::string>& schema) const {
    const auto& q = dialect().identifier_preparer();
    std::vector<ReflectedIndex> out;
    for (const auto& row : conn.exec_driver_sql("PRAGMA " + prefix(q, schema) + "index_list(" + q.quote_identifier(table) + ")")) {
        ReflectedIndex ix;
        const auto name = row.get<std::string>(1);
        // Indexes SQLite makes for UNIQUE and PRIMARY KEY constraints are the constraints'.
        if (name.starts_with("sqlite_autoindex")) continue;
        ix.name = name;
        ix.unique = row.get<std::int64_t>(2) != 0;
        bool expression = false;
        for (const auto& col : conn.exec_driver_sql("PRAGMA " + prefix(q, schema) + "index_info(" + q.quote_identifier(name) + ")")) {
            auto cname = col.get<std::optional<std::string>>(2);
            if (!cname) expression = true;
            ix.columns.push_back(std::move(cname));
            ix.expressions.emplace_back();
        }
        if (expression) continue;  // as SQLAlchemy 1.4: expression indexes are not reflected
        if (row.get<std::int64_t>(4) != 0) {
            // A partial index: its WHERE is in the CREATE INDEX text.
            if (auto sql = table_sql(conn, q, name, schema, "index")) {
                const std::string u = ascii_upper(*sql);
                if (const auto w = u.rfind(" WHERE "); w != std::string::npos) ix.dialect_options.emplace_back("sqlite_where", sql->substr(w + 7));
            }
        }
        out.push_back(std::move(ix));
    }
    std::reverse(out.begin(), out.end());  // index_list lists the newest first
    return out;
}

std::vector<ReflectedUniqueConstraint> SQLiteReflector::get_unique_constraints(Connection& conn, std::string_view table,
                                                                 const std::optional<std::string>& schema) const {
    const auto& q = dialect().identifier_preparer();
    std::vector<ReflectedUniqueConstraint> out;
    if (auto sql = table_sql(conn, q, table, schema))
        for (auto& u : parse_table_sql(*sql).uniques) out.push_back({std::move(u.name), std::move(u.columns), std::nullopt});
    return out;
}

std::vector<ReflectedCheckConstraint> SQLiteReflector::get_check_constraints(Connection& conn, std::string_view table,
                                                               const std::optional<std::string>& schema) const {
    const auto& q = dialect().identifier_preparer();
    if (auto sql = table_sql(conn, q, table, schema)) return parse_table_sql(*sql).checks;
    return {};
}

}  // namespace sqla::sqlite
