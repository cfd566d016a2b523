// sqla: plugins/mysql/reflection.cpp. Reflection for MySQL and MariaDB from information_schema
// (TABLES, COLUMNS, KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, STATISTICS, CHECK_CONSTRAINTS),
// reported as SQLAlchemy's MySQLDialect reports what it parses from SHOW CREATE TABLE.
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

#include "mysql_plugin.hpp"

namespace sqla::mysql {

// MySQL's and MariaDB's answers to the Inspector, from information_schema (SQLAlchemy's
// MySQLDialect.get_*).
class MySQLReflector final : public Reflector {
public:
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
    MySQLReflector(const Dialect& dialect, const bool& is_mariadb) noexcept : Reflector(dialect), is_mariadb_(&is_mariadb) {}

private:
    const bool* is_mariadb_;  // the dialect's, settled by its initialize() before any question
};

std::unique_ptr<Reflector> make_reflector(const Dialect& dialect, const bool& is_mariadb) {
    return std::make_unique<MySQLReflector>(dialect, is_mariadb);
}

namespace {

// The schema condition: the named schema, else the connection's database.
std::string schema_is(Params& params, const std::optional<std::string>& schema) {
    if (!schema) return "DATABASE()";
    params.set("schema", *schema);
    return ":schema";
}

// "enum('a','it''s')" to its values.
std::vector<std::string> quoted_values(std::string_view args) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] != '\'') continue;
        std::string v;
        for (++i; i < args.size(); ++i) {
            if (args[i] == '\'' && i + 1 < args.size() && args[i + 1] == '\'') {
                v += '\'';
                ++i;
            } else if (args[i] == '\'') {
                break;
            } else if (args[i] == '\\' && i + 1 < args.size()) {
                v += args[++i];
            } else {
                v += args[i];
            }
        }
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace

// COLUMN_TYPE ("int(11)", "varchar(200)", "decimal(10,2)", "enum('a','b')", "int(10) unsigned")
// to a sqla type. TINYINT(1) is MySQL's BOOLEAN. NullType for what is not known.
TypeEngine mysql_type_from_sql(std::string_view column_type) {
    const std::string t = ascii_lower(column_type);
    const auto paren = t.find('(');
    std::string name = t.substr(0, std::min(paren, t.find(' ')));
    std::string args;
    if (paren != std::string::npos) args = t.substr(paren + 1, t.rfind(')') - paren - 1);
    std::vector<int> nums;
    if (name != "enum" && name != "set") {
        std::size_t start = 0;
        while (start < args.size()) {
            auto end = args.find(',', start);
            if (end == std::string::npos) end = args.size();
            int v = 0;
            std::string_view item(args.data() + start, end - start);
            while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
            if (std::from_chars(item.data(), item.data() + item.size(), v).ec == std::errc()) nums.push_back(v);
            start = end + 1;
        }
    }
    auto num = [&](std::size_t i) -> std::optional<int> { return i < nums.size() ? std::optional<int>(nums[i]) : std::nullopt; };
    if (name == "tinyint") return num(0) == 1 ? TypeEngine(Boolean{}) : TypeEngine(SmallInteger{});
    if (name == "bool" || name == "boolean") return Boolean{};
    if (name == "smallint" || name == "mediumint") return SmallInteger{};
    if (name == "int" || name == "integer") return Integer{};
    if (name == "bigint") return BigInteger{};
    if (name == "decimal" || name == "numeric") return Numeric{num(0), num(1)};
    if (name == "float") return Float{};
    if (name == "double" || name == "real") return Double{};
    if (name == "varchar" || name == "char") return String{num(0)};
    if (name == "tinytext" || name == "text" || name == "mediumtext" || name == "longtext") return Text{};
    if (name == "date") return Date{};
    if (name == "time") return num(0).value_or(0) > 0 ? TypeEngine(sqla::mysql::TIME{.fsp = *num(0)}) : TypeEngine(Time{});
    if (name == "datetime" || name == "timestamp")
        return num(0).value_or(0) > 0 ? TypeEngine(sqla::mysql::DATETIME{.fsp = *num(0)}) : TypeEngine(DateTime{});
    if (name == "blob" || name == "tinyblob" || name == "mediumblob" || name == "longblob" || name == "varbinary" || name == "binary")
        return LargeBinary{num(0)};
    if (name == "json") return JSON{};
    if (name == "enum") return Enum{.values = quoted_values(args)};
    return TypeEngine();
}

std::optional<std::string> MySQLReflector::default_schema_name(Connection& conn) const {
    return conn.execute(text("SELECT DATABASE()")).scalar<std::optional<std::string>>();
}

std::vector<std::string> MySQLReflector::get_schema_names(Connection& conn) const {
    return conn.execute(text("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME")).scalars<std::string>().all();
}

namespace {
// Base tables, or views, of a schema by name.
std::vector<std::string> table_names(Connection& conn, const std::optional<std::string>& schema, bool views) {
    Params params;
    const std::string sql = "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + schema_is(params, schema) +
                            " AND TABLE_TYPE " + (views ? "IN ('VIEW', 'SYSTEM VIEW')" : "= 'BASE TABLE'") +
                            " ORDER BY TABLE_NAME";
    return conn.execute(text(sql), params).scalars<std::string>().all();
}
}  // namespace

std::vector<std::string> MySQLReflector::get_table_names(Connection& conn, const std::optional<std::string>& schema) const {
    return table_names(conn, schema, false);
}

std::vector<std::string> MySQLReflector::get_view_names(Connection& conn, const std::optional<std::string>& schema) const {
    return table_names(conn, schema, true);
}

// In the connection's database unless a schema is named.
bool MySQLReflector::has_table(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    Params params{{"name", std::string(table)}};
    std::string sql = "SELECT table_name FROM information_schema.tables WHERE table_name = :name AND table_schema = ";
    if (schema) {
        sql += ":schema";
        params.set("schema", *schema);
    } else {
        sql += "DATABASE()";
    }
    return conn.execute(text(sql), params).first().has_value();
}

std::vector<ReflectedColumn> MySQLReflector::get_columns(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    Params params{{"table", std::string(table)}};
    const std::string sql =
        "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION "
        "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " + schema_is(params, schema) +
        " AND TABLE_NAME = :table ORDER BY ORDINAL_POSITION";
    std::vector<ReflectedColumn> out;
    for (const auto& row : conn.execute(text(sql), params)) {
        ReflectedColumn c;
        c.name = row.get<std::string>(0);
        c.type_sql = row.get<std::string>(1);
        c.type = mysql_type_from_sql(c.type_sql);
        c.nullable = row.get<std::string>(2) == "YES";
        c.server_default = row.get<std::optional<std::string>>(3);
        // MariaDB reports a column whose default is NULL with the text NULL.
        if (c.server_default == "NULL") c.server_default.reset();
        const std::string extra = ascii_lower(row.get<std::string>(4));
        // SQLAlchemy says autoincrement for integer columns only (TINYINT(1) included): true
        // with AUTO_INCREMENT.
        const std::string type = ascii_lower(c.type_sql);
        if (type.find("int") != std::string::npos && type.find("point") == std::string::npos)
            c.autoincrement = extra.find("auto_increment") != std::string::npos;
        if (auto comment = row.get<std::optional<std::string>>(5); comment && !comment->empty()) c.comment = comment;
        if (extra.find("generated") != std::string::npos) {
            c.computed = row.get<std::optional<std::string>>(6);
            c.computed_persisted = extra.find("stored") != std::string::npos;
            c.server_default.reset();
        }
        out.push_back(std::move(c));
    }
    return out;
}

ReflectedPrimaryKey MySQLReflector::get_pk_constraint(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    Params params{{"table", std::string(table)}};
    const std::string sql = "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = " +
                            schema_is(params, schema) +
                            " AND TABLE_NAME = :table AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION";
    // MySQL names every primary key PRIMARY: SQLAlchemy reports no name.
    return ReflectedPrimaryKey{std::nullopt, conn.execute(text(sql), params).scalars<std::string>().all()};
}

std::vector<ReflectedForeignKey> MySQLReflector::get_foreign_keys(Connection& conn, std::string_view table,
                                                    const std::optional<std::string>& schema) const {
    Params params{{"table", std::string(table)}};
    const std::string in_schema = schema_is(params, schema);
    const std::string sql =
        "SELECT k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, "
        "k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE, (k.REFERENCED_TABLE_SCHEMA = " + in_schema + ") "
        "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
        "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME "
        "WHERE k.TABLE_SCHEMA = " + in_schema + " AND k.TABLE_NAME = :table AND k.REFERENCED_TABLE_NAME IS NOT NULL "
        "ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION";
    // RESTRICT is MySQL's default (and NO ACTION the same): SHOW CREATE TABLE leaves both out.
    auto rule = [](std::string r) -> std::optional<std::string> {
        if (r == "RESTRICT" || r == "NO ACTION") return std::nullopt;
        return r;
    };
    std::vector<ReflectedForeignKey> out;
    for (const auto& row : conn.execute(text(sql), params)) {
        const auto name = row.get<std::string>(0);
        if (out.empty() || out.back().name != name) {
            ReflectedForeignKey fk;
            fk.name = name;
            if (!row.get<bool>(7)) fk.referred_schema = row.get<std::string>(2);
            fk.referred_table = row.get<std::string>(3);
            fk.onupdate = rule(row.get<std::string>(5));
            fk.ondelete = rule(row.get<std::string>(6));
            out.push_back(std::move(fk));
        }
        out.back().columns.push_back(row.get<std::string>(1));
        out.back().referred_columns.push_back(row.get<std::string>(4));
    }
    return out;
}

std::vector<ReflectedIndex> MySQLReflector::get_indexes(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    Params params{{"table", std::string(table)}};
    const std::string sql = "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE FROM information_schema.STATISTICS "
                            "WHERE TABLE_SCHEMA = " + schema_is(params, schema) +
                            " AND TABLE_NAME = :table AND INDEX_NAME != 'PRIMARY' ORDER BY INDEX_NAME, SEQ_IN_INDEX";
    std::vector<ReflectedIndex> out;
    std::vector<std::string> lengths;
    for (const auto& row : conn.execute(text(sql), params)) {
        const auto name = row.get<std::string>(0);
        if (out.empty() || out.back().name != name) {
            ReflectedIndex ix;
            ix.name = name;
            ix.unique = row.get<std::int64_t>(1) == 0;
            if (const auto type = row.get<std::string>(4); type == "FULLTEXT" || type == "SPATIAL")
                ix.dialect_options.emplace_back("mysql_prefix", type);
            out.push_back(std::move(ix));
        }
        auto column = row.get<std::optional<std::string>>(2);
        if (auto sub = row.get<std::optional<std::int64_t>>(3); sub && column)
            out.back().dialect_options.emplace_back("mysql_length", *column + "=" + std::to_string(*sub));
        out.back().columns.push_back(std::move(column));
        out.back().expressions.emplace_back();
    }
    return out;
}

std::vector<ReflectedUniqueConstraint> MySQLReflector::get_unique_constraints(Connection& conn, std::string_view table,
                                                                const std::optional<std::string>& schema) const {
    // A UNIQUE constraint is a unique index in MySQL: the same thing, reported as both.
    std::vector<ReflectedUniqueConstraint> out;
    for (auto& ix : get_indexes(conn, table, schema)) {
        if (!ix.unique) continue;
        ReflectedUniqueConstraint uq{ix.name, {}, ix.name};
        for (auto& c : ix.columns)
            if (c) uq.columns.push_back(*c);
        out.push_back(std::move(uq));
    }
    return out;
}

std::vector<ReflectedCheckConstraint> MySQLReflector::get_check_constraints(Connection& conn, std::string_view table,
                                                                          const std::optional<std::string>& schema) const {
    const bool mariadb = *is_mariadb_;
    Params params{{"table", std::string(table)}};
    const std::string in_schema = schema_is(params, schema);
    // MariaDB lists column-level CHECKs (those a JSON column makes) beside the table's; SHOW
    // CREATE TABLE writes them in their columns, where SQLAlchemy does not read them.
    const std::string sql =
        mariadb ? "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = " +
                      in_schema + " AND TABLE_NAME = :table AND LEVEL = 'Table' ORDER BY CONSTRAINT_NAME"
                : "SELECT cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS cc "
                  "JOIN information_schema.TABLE_CONSTRAINTS tc ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA "
                  "AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME WHERE tc.TABLE_SCHEMA = " + in_schema +
                      " AND tc.TABLE_NAME = :table AND tc.CONSTRAINT_TYPE = 'CHECK' ORDER BY cc.CONSTRAINT_NAME";
    std::vector<ReflectedCheckConstraint> out;
    for (const auto& row : conn.execute(text(sql), params)) out.push_back({row.get<std::string>(0), row.get<std::string>(1)});
    return out;
}

std::optional<std::string> MySQLReflector::get_table_comment(Connection& conn, std::string_view table, const std::optional<std::string>& schema) const {
    Params params{{"table", std::string(table)}};
    const std::string sql = "SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                            schema_is(params, schema) + " AND TABLE_NAME = :table";
    auto comment = conn.execute(text(sql), params).scalar<std::optional<std::string>>();
    if (comment && comment->empty()) comment.reset();
    return comment;
}

}  // namespace sqla::mysql
