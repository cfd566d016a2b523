// sqla: plugins/mysql/dialect.cpp. MySQLDialect and MySQLCompiler: MySQL/MariaDB SQL, as SQLAlchemy renders it.
// SPDX-License-Identifier: MIT
#include <map>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <memory>
#include <span>
#include <string>
#include <variant>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <vector>

import sqla;

#include "mysql_plugin.hpp"

namespace sqla::mysql {
namespace {

// MySQL's reserved words (SQLAlchemy's mysql RESERVED_WORDS, MySQL 8).
std::unordered_set<std::string> reserved_words() {
    return {"accessible", "add", "all", "alter", "analyze", "and", "as", "asc", "asensitive", "before", "between",
            "bigint", "binary", "blob", "both", "by", "call", "cascade", "case", "change", "char", "character",
            "check", "collate", "column", "condition", "constraint", "continue", "convert", "create", "cross", "cube",
            "cume_dist", "current_date", "current_time", "current_timestamp", "current_user", "cursor", "database",
            "databases", "day_hour", "day_microsecond", "day_minute", "day_second", "dec", "decimal", "declare",
            "default", "delayed", "delete", "dense_rank", "desc", "describe", "deterministic", "distinct",
            "distinctrow", "div", "double", "drop", "dual", "each", "else", "elseif", "empty", "enclosed", "escaped",
            "except", "exists", "exit", "explain", "false", "fetch", "first_value", "float", "float4", "float8", "for",
            "force", "foreign", "from", "fulltext", "function", "general", "generated", "get", "grant", "group",
            "grouping", "groups", "having", "high_priority", "hour_microsecond", "hour_minute", "hour_second", "if",
            "ignore", "ignore_server_ids", "in", "index", "infile", "inner", "inout", "insensitive", "insert", "int",
            "int1", "int2", "int3", "int4", "int8", "integer", "interval", "into", "io_after_gtids",
            "io_before_gtids", "is", "iterate", "join", "json_table", "key", "keys", "kill", "lag", "last_value",
            "lateral", "lead", "leading", "leave", "left", "like", "limit", "linear", "lines", "load", "localtime",
            "localtimestamp", "lock", "long", "longblob", "longtext", "loop", "low_priority", "master_bind",
            "master_heartbeat_period", "master_ssl_verify_server_cert", "match", "maxvalue", "mediumblob",
            "mediumint", "mediumtext", "member", "middleint", "minute_microsecond", "minute_second", "mod",
            "modifies", "natural", "no_write_to_binlog", "not", "nth_value", "ntile", "null", "numeric", "of", "on",
            "one_shot", "optimize", "optimizer_costs", "option", "optionally", "or", "order", "out", "outer",
            "outfile", "over", "partition", "percent_rank", "precision", "primary", "procedure", "purge", "range",
            "rank", "read", "read_only", "read_write", "reads", "real", "recursive", "references", "regexp",
            "release", "rename", "repeat", "replace", "require", "resignal", "restrict", "return", "revoke", "right",
            "rlike", "row", "row_number", "rows", "schema", "schemas", "second_microsecond", "select", "sensitive",
            "separator", "set", "show", "signal", "slow", "smallint", "spatial", "specific", "sql",
            "sql_after_gtids", "sql_before_gtids", "sql_big_result", "sql_calc_found_rows", "sql_small_result",
            "sqlexception", "sqlstate", "sqlwarning", "ssl", "starting", "stored", "straight_join", "system",
            "table", "tables", "terminated", "then", "tinyblob", "tinyint", "tinytext", "to", "trailing", "trigger",
            "true", "undo", "union", "unique", "unlock", "unsigned", "update", "usage", "use", "using", "utc_date",
            "utc_time", "utc_timestamp", "values", "varbinary", "varchar", "varcharacter", "varying", "virtual",
            "when", "where", "while", "window", "with", "write", "xor", "year_month", "zerofill"};
}

class MySQLCompiler final : public SQLCompiler {
public:
    /// prefix_with(dialect=...) names this dialect so.
    std::string_view dialect_name() const override { return "mysql"; }
    /// INSERT INTO t (cols) WITH c AS (...) SELECT ... (SQLAlchemy's cte_follows_insert).
    bool cte_follows_insert() const override { return true; }
    /// `UPDATE ... LIMIT n` / `DELETE ... LIMIT n` (SQLAlchemy's update_limit_clause).
    std::string dml_limit_clause(const std::optional<std::int64_t>& limit) const override {
        return limit ? "LIMIT " + std::to_string(*limit) : std::string();
    }
    MySQLCompiler(const Capabilities& capabilities, const IdentifierPreparer& preparer, ParamStyle paramstyle,
                  bool backslash_escapes, bool float_cast, bool is_mariadb = false)
        : SQLCompiler(capabilities, preparer, paramstyle), backslash_escapes_(backslash_escapes),
          float_cast_(float_cast), is_mariadb_(is_mariadb) {}

protected:
    // MySQL reads a backslash in a string literal as an escape unless sql_mode has
    // NO_BACKSLASH_ESCAPES, so a value ending in one would end the literal early: backslashes
    // are doubled as well as quotes, as SQLAlchemy's MySQL compiler does, except on servers
    // that read them as they are (the dialect asks the server in initialize()).
    std::string render_literal_value(const Value& value, const TypeEngine& type) override {
        if (value.kind() != ValueKind::text) return SQLCompiler::render_literal_value(value, type);
        return render_quoted(std::get<std::string>(value.storage()));
    }

    // MySQL's booleans are integers, but it spells the constants true and false.
    void visit_true(const ColumnElementNode&) override { out_ += "true"; }
    void visit_false(const ColumnElementNode&) override { out_ += "false"; }

    // Full-text search in boolean mode (SQLAlchemy's default for match()).
    void visit_match(const BinaryNode& binary) override {
        out_ += "MATCH (";
        process(binary.left());
        out_ += ") AGAINST (";
        process(binary.right());
        out_ += " IN BOOLEAN MODE)";
    }
    // MariaDB takes flags inline in the pattern: `CONCAT('(?', flags, ')', pattern)`.
    void mariadb_regexp_pattern(const BinaryNode& binary) {
        out_ += "CONCAT('(?', ";
        regexp_flags_bind(binary);
        out_ += ", ')', ";
        process(binary.right());
        out_ += ')';
    }
    // regexp_match(flags=): MySQL's REGEXP_LIKE(x, pattern, flags), MariaDB's inline flags
    // (SQLAlchemy's MySQLCompiler._regexp_match).
    void regexp_match_with_flags(const BinaryNode& binary) {
        const bool negated = binary.op() == Operator::not_regexp_match;
        if (is_mariadb_) {
            process(binary.left());
            out_ += negated ? " NOT REGEXP " : " REGEXP ";
            mariadb_regexp_pattern(binary);
            return;
        }
        if (negated) out_ += "NOT ";
        out_ += "REGEXP_LIKE(";
        process(binary.left());
        out_ += ", ";
        process(binary.right());
        out_ += ", ";
        regexp_flags_bind(binary);
        out_ += ')';
    }
    void visit_regexp_replace(const BinaryNode& binary) override {
        if (!is_mariadb_ || !binary.regexp_flags()) return regexp_replace_function(binary);
        out_ += "REGEXP_REPLACE(";
        process(binary.left());
        out_ += ", ";
        mariadb_regexp_pattern(binary);
        out_ += ", ";
        process(*binary.regexp_replacement());
        out_ += ')';
    }

    void visit_binary(const BinaryNode& binary) override {
        switch (binary.op()) {
            case Operator::regexp_match:
            case Operator::not_regexp_match:
                if (binary.regexp_flags()) return regexp_match_with_flags(binary);
                return SQLCompiler::visit_binary(binary);
            case Operator::concat:  // || is OR in MySQL
                out_ += "concat(";
                process(binary.left());
                out_ += ", ";
                process(binary.right());
                out_ += ')';
                return;
            case Operator::is_not_distinct_from:
                process(binary.left());
                out_ += " <=> ";
                process(binary.right());
                return;
            case Operator::is_distinct_from:
                out_ += "NOT (";
                process(binary.left());
                out_ += " <=> ";
                process(binary.right());
                out_ += ')';
                return;
            case Operator::custom:
                // '#' starts a comment on MySQL: `a # b` would comment out the rest of the
                // statement (op() refuses the other comment markers on every dialect).
                if (binary.custom_op().find('#') != std::string::npos)
                    throw CompileError("op(): the operator \"" + binary.custom_op() +
                                       "\" holds '#', which starts a comment on MySQL and MariaDB");
                return SQLCompiler::visit_binary(binary);
            default: return SQLCompiler::visit_binary(binary);
        }
    }

    // MySQL's CAST accepts only its own cast types (SQLAlchemy's MySQLCompiler.visit_typeclause):
    // integers are SIGNED INTEGER, strings CHAR(n), binaries BINARY, and decimals, dates and times
    // take their DDL spelling (so DATETIME keeps its fractional seconds: DATETIME(6)). Types
    // MySQL cannot CAST to (BOOL, FLOAT before MySQL 8.0.17 / MariaDB 10.4.5, ENUM) give "",
    // and visit_cast renders the bare expression, as SQLAlchemy does (it also warns).
    std::string cast_type_name(const TypeEngine& type) const override {
        switch (type.kind()) {
            case TypeKind::string:
            case TypeKind::unicode:
            case TypeKind::text:
            case TypeKind::unicode_text:
                return type.length() ? "CHAR(" + std::to_string(*type.length()) + ")" : std::string("CHAR");
            case TypeKind::integer:
            case TypeKind::small_integer:
            case TypeKind::big_integer: return "SIGNED INTEGER";
            case TypeKind::numeric:
                if (type.precision() && type.scale())
                    return "DECIMAL(" + std::to_string(*type.precision()) + ", " + std::to_string(*type.scale()) + ")";
                return type.precision() ? "DECIMAL(" + std::to_string(*type.precision()) + ")" : std::string("DECIMAL");
            case TypeKind::large_binary: return "BINARY";
            case TypeKind::json: return "JSON";
            case TypeKind::date:
            case TypeKind::time:
            case TypeKind::datetime:
            case TypeKind::interval:  // stored as DATETIME (SQLAlchemy's Interval is a decorator over it)
            case TypeKind::uuid: return type_name(type);
            case TypeKind::float_:
            case TypeKind::double_: return float_cast_ ? type_name(type) : std::string();
            case TypeKind::array: throw CompileError("the mysql dialect can't render element of type " + type.repr());
            default: return {};
        }
    }

    std::string_view own_types_dialect() const override { return "mysql"; }

    void visit_cast(const CastNode& cast) override {
        if (!cast.coerce_only() && cast_type_name(cast.type()).empty()) {
            process(cast.element());  // ungrouped, as SQLAlchemy's self_group() against nothing
            return;
        }
        SQLCompiler::visit_cast(cast);
    }

    // MySQL's DDL types (SQLAlchemy's MySQLTypeCompiler).
    std::string type_name(const TypeEngine& type) const override {
        auto sized = [&](const char* name) {
            if (!type.length()) throw CompileError(std::string(name) + " requires a length on dialect mysql");
            return std::string(name) + "(" + std::to_string(*type.length()) + ")";
        };
        switch (type.kind()) {
            case TypeKind::string:
            case TypeKind::unicode: return sized("VARCHAR");
            case TypeKind::boolean: return "BOOL";
            case TypeKind::large_binary:
                return type.length() ? "BLOB(" + std::to_string(*type.length()) + ")" : std::string("BLOB");
            case TypeKind::uuid: return "CHAR(32)";
            case TypeKind::interval: return "DATETIME";
            // mysql::DATETIME(fsp) / mysql::TIME(fsp): fractional seconds.
            case TypeKind::datetime:
                return type.precision() && *type.precision() > 0 ? "DATETIME(" + std::to_string(*type.precision()) + ")"
                                                                 : std::string("DATETIME");
            case TypeKind::time:
                return type.precision() && *type.precision() > 0 ? "TIME(" + std::to_string(*type.precision()) + ")"
                                                                 : std::string("TIME");
            case TypeKind::enum_: {
                const auto& d = type.details();
                if (!d.native_enum) return sized("VARCHAR");
                std::string out = "ENUM(";
                for (std::size_t i = 0; i < d.enum_values.size(); ++i)
                    out += (i ? "," : "") + render_quoted(d.enum_values[i]);
                return out + ")";
            }
            default: return SQLCompiler::type_name(type);
        }
    }

    // MySQL renders its own DATETIME(fsp) and TIME(fsp) too.
    std::string column_type(const TableSchema&, const Column& column) override {
        const auto& d = column.type().details().dialect;
        if (!d.empty() && d != "mysql")
            throw CompileError("the mysql dialect can't render element of type " + column.type().repr());
        return type_name(column.type());
    }

    // A string literal (also ENUM values and COMMENTs in DDL), as render_literal_value: a
    // backslash in a comment such as 'C:\\' would otherwise end the literal early.
    std::string render_quoted(std::string_view s) const {
        std::string out = "'";
        out.reserve(s.size() + 2);
        for (char c : s) {
            if (c == '\'' || (c == '\\' && backslash_escapes_)) out += c;
            out += c;
        }
        return out + "'";
    }

    // name type [NOT NULL] [COMMENT '...'] [AUTO_INCREMENT | DEFAULT x] (SQLAlchemy's
    // MySQLDDLCompiler.get_column_specification).
    std::string column_specification(const TableSchema& table, const Column& column, bool) override {
        std::string spec = preparer_.quote(column.name()) + " " + column_type(table, column);
        if (column.computed()) spec += " " + computed_clause(*column.computed());
        if (!column.is_nullable()) spec += " NOT NULL";
        if (column.comment()) spec += " COMMENT " + render_literal_value(Value(*column.comment()), TypeEngine(TypeKind::string));
        if (table.autoincrement_column() == &column && !column.server_default()) {
            spec += " AUTO_INCREMENT";
        } else if (auto d = column_default_string(column)) {
            spec += " DEFAULT " + *d;
        }
        return spec;
    }

    // Table options: mysql_engine="InnoDB" renders ENGINE=InnoDB, and the table comment.
    std::string post_create_table(const TableSchema& table) override {
        std::vector<std::string> options;
        for (const auto& [name, value] : table.dialect_options().items()) {
            if (!name.starts_with("mysql_") && !name.starts_with("mariadb_")) continue;
            std::string opt = name.substr(name.find('_') + 1);
            for (auto& c : opt) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            std::string arg;
            if (const auto* s = std::get_if<std::string>(&value)) arg = *s;
            else if (const auto* i = std::get_if<std::int64_t>(&value)) arg = std::to_string(*i);
            else continue;
            // Each option is written as given. String options are quoted (SQLAlchemy's
            // _options_of_type_string; DATA and INDEX DIRECTORY too, which MySQL reads only as
            // strings); the option's name and any other value must be a word (InnoDB, utf8mb4,
            // DYNAMIC, 8), so no value can write SQL of its own.
            auto word = [](std::string_view w) {
                return !w.empty() && std::all_of(w.begin(), w.end(), [](char ch) {
                    const auto c = static_cast<unsigned char>(ch);
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                });
            };
            if (!word(opt)) throw CompileError("table option \"" + name + "\" is not a MySQL table option name");
            if (opt == "COMMENT" || opt == "PASSWORD" || opt == "CONNECTION" || opt == "DATA_DIRECTORY" ||
                opt == "INDEX_DIRECTORY")
                arg = render_quoted(arg);
            else if (!word(arg))
                throw CompileError("table option " + name + ": \"" + arg +
                                   "\" is not a word (an engine, character set, collation, row format or number)");
            std::string joiner = "=";
            if (opt == "DEFAULT_CHARSET" || opt == "DEFAULT_CHARACTER_SET" || opt == "CHARACTER_SET" ||
                opt == "DEFAULT_COLLATE" || opt == "DATA_DIRECTORY" || opt == "INDEX_DIRECTORY")
                for (auto& c : opt)
                    if (c == '_') c = ' ';
            if (opt == "TABLESPACE" || opt == "DEFAULT CHARACTER SET" || opt == "CHARACTER SET" || opt == "COLLATE")
                joiner = " ";
            options.push_back(opt + joiner + arg);
        }
        if (table.comment()) options.push_back("COMMENT=" + render_quoted(*table.comment()));
        std::string out;
        for (std::size_t i = 0; i < options.size(); ++i) out += (i ? " " : "") + options[i];
        return out;
    }

    // mysql_length: a prefix length per column (`note(20)`).
    std::string index_elements(const Index& index, const TableSchema& table) override {
        const auto* lengths = index.dialect_options().find("mysql_length");
        if (!lengths) return SQLCompiler::index_elements(index, table);
        std::string out;
        for (std::size_t i = 0; i < index.elements().size(); ++i) {
            const auto& e = index.elements()[i];
            if (i) out += ", ";
            if (e.expression()) {
                out += "(" + render_literal(*e.expression()) + ")";
                continue;
            }
            out += preparer_.quote(e.column());
            if (const auto* n = std::get_if<std::int64_t>(lengths)) {
                out += "(" + std::to_string(*n) + ")";
            } else if (const auto* per = std::get_if<ColumnLengths>(lengths)) {
                for (const auto& [col, len] : *per)
                    if (col == e.column()) out += "(" + std::to_string(len) + ")";
            }
        }
        return out;
    }

    // DROP INDEX needs the table on MySQL.
    void visit_drop_index(const DDLNode& drop) override {
        out_ += "\nDROP INDEX ";
        if (drop.if_exists) out_ += "IF EXISTS ";
        out_ += preparer_.quote(*drop.index->name()) + " ON " + format_table(drop.table_schema());
    }

    // MySQL drops a foreign key with DROP FOREIGN KEY and a unique constraint as an index.
    void visit_drop_constraint(const DDLNode& drop) override {
        const auto& c = *drop.constraint;
        if (!c.name()) throw CompileError("can't emit DROP CONSTRAINT for a constraint without a name");
        out_ += "ALTER TABLE " + format_table(drop.table_schema());
        switch (c.kind()) {
            case ConstraintKind::foreign_key: out_ += " DROP FOREIGN KEY "; break;
            case ConstraintKind::unique: out_ += " DROP INDEX "; break;
            case ConstraintKind::check: out_ += " DROP CHECK "; break;
            case ConstraintKind::primary_key: out_ += " DROP PRIMARY KEY"; return;
        }
        out_ += preparer_.quote(*c.name());
    }

    // A multi-table UPDATE lists the tables after UPDATE and qualifies SET's columns;
    // DELETE names them in USING (SQLAlchemy's MySQLCompiler).
    void update_tables_clause(const FromClauseNode& table, std::span<const FromClauseNode* const> extra) override {
        process(table);
        for (const auto* f : extra) {
            out_ += ", ";
            process(*f);
        }
    }
    bool update_set_qualified(std::span<const FromClauseNode* const> extra) const override { return !extra.empty(); }
    void update_from_clause(const UpdateNode&, std::span<const FromClauseNode* const>) override {}
    void delete_extra_from_clause(const DeleteNode& del, std::span<const FromClauseNode* const> extra) override {
        out_ += " USING ";
        process(*del.parts().table);
        for (const auto* f : extra) {
            out_ += ", ";
            process(*f);
        }
    }

    // INSERT ... ON DUPLICATE KEY UPDATE col = value, in the table's order; a column of
    // `stmt.inserted()` renders VALUES(col) (SQLAlchemy's MySQLCompiler.visit_on_duplicate_key_update).
    void upsert_clause(const InsertParts& insert) override {
        if (insert.on_conflict) throw CompileError("ON CONFLICT is not supported by the mysql dialect; use on_duplicate_key_update()");
        if (insert.on_duplicate.empty()) return;
        out_ += " ON DUPLICATE KEY UPDATE ";
        inserted_table_ = insert.table.get();
        bool first = true;
        for (const auto& column : insert.table->columns()) {
            const DMLValue* v = nullptr;
            for (const auto& d : insert.on_duplicate)
                if (d.key == column->key()) v = &d;
            if (!v) continue;
            out_ += first ? "" : ", ";
            first = false;
            out_ += preparer_.quote(column->name()) + " = ";
            const bool group = v->value->kind() == ElementKind::binary;
            if (group) out_ += '(';
            process(*v->value);
            if (group) out_ += ')';
        }
        inserted_table_ = nullptr;
    }
    void visit_column(const ColumnClauseNode& column) override {
        const auto* t = column.table();
        if (inserted_table_ && t && t->kind() == ElementKind::alias) {
            const auto& alias = static_cast<const AliasNode&>(*t);
            if (alias.name().value_or("") == "inserted" && &alias.element() == inserted_table_) {
                out_ += "VALUES(" + preparer_.quote(column.name()) + ")";
                return;
            }
        }
        SQLCompiler::visit_column(column);
    }

    // MySQL: LOCK IN SHARE MODE for a read lock; OF is not rendered (SQLAlchemy 1.4's default).
    void for_update_clause(const SelectParts& select) override {
        const auto& f = *select.for_update;
        out_ += f.read ? " LOCK IN SHARE MODE" : " FOR UPDATE";
        if (f.nowait) out_ += " NOWAIT";
        if (f.skip_locked) out_ += " SKIP LOCKED";
    }

    // EXTRACT(millisecond FROM x): MySQL's name for the field (SQLAlchemy's extract_map).
    void visit_extract(const ExtractNode& extract) override {
        out_ += "EXTRACT(" + (extract.field() == "milliseconds" ? std::string("millisecond") : extract.field()) + " FROM ";
        process(extract.expr());
        out_ += ')';
    }

    // The generic random() is MySQL's rand() (SQLAlchemy's visit_random_func).
    void visit_function(const FunctionNode& function) override {
        // sysdate() keeps its parentheses on MySQL (SQLAlchemy's visit_sysdate_func).
        if (function.name() == "sysdate" && function.args().empty()) {
            out_ += "SYSDATE()";
            return;
        }
        if (function.name() != "random") return SQLCompiler::visit_function(function);
        out_ += "rand(";
        for (std::size_t i = 0; i < function.args().size(); ++i) {
            if (i) out_ += ", ";
            process(*function.args()[i]);
        }
        out_ += ')';
    }

    // MySQL writes INNER JOIN (SQLAlchemy's MySQLCompiler.visit_join).
    void visit_join(const JoinNode& join) override {
        process(join.left());
        out_ += join.full() ? " FULL OUTER JOIN " : join.isouter() ? " LEFT OUTER JOIN " : " INNER JOIN ";
        process(join.right());
        out_ += " ON ";
        where_criterion(join.onclause());
    }

    // LIMIT [offset,] count; an OFFSET alone takes MySQL's largest row count.
    void limit_clause(const SelectParts& select) override {
        out_ += " \n LIMIT ";
        if (select.offset) {
            process(*select.offset);
            out_ += ", ";
            if (select.limit)
                process(*select.limit);
            else
                out_ += "18446744073709551615";
        } else {
            process(*select.limit);
        }
    }

private:
    // The INSERT's table while ON DUPLICATE KEY UPDATE renders (its `inserted` alias is VALUES()).
    const FromClauseNode* inserted_table_ = nullptr;
    // Whether the server reads a backslash in a literal as an escape (its sql_mode).
    bool backslash_escapes_;
    bool float_cast_;
    bool is_mariadb_ = false;
};

// MySQL's storage of the generic types the driver does not give as the type's value (SQLAlchemy's
// MySQL type processors): BOOL is TINYINT(1), TIME reads as an interval (mysqlclient's
// timedelta), Interval is a DATETIME after the epoch, Uuid is CHAR(32) of hex, JSON is text.
namespace types {

void boolean_result(Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v.storage()))
        if (*i == 0 || *i == 1) v = Value(*i == 1);
}

void time_result(Value& v) {
    if (const auto* us = std::get_if<std::chrono::microseconds>(&v.storage())) {
        const TimeOfDay t{*us};
        if (t.ok()) v = Value(t);
    }
}

void interval_bind(Value& v) {
    if (const auto* us = std::get_if<std::chrono::microseconds>(&v.storage())) v = Value(LocalDateTime{} + *us);
}

void interval_result(Value& v) {
    if (const auto* t = std::get_if<LocalDateTime>(&v.storage())) v = Value(*t - LocalDateTime{});
}

// DateTime(timezone=True): MySQL keeps no zone; the driver stores UTC, so it reads as UTC.
void datetime_tz_result(Value& v) {
    if (const auto* t = std::get_if<LocalDateTime>(&v.storage())) v = Value(UtcDateTime{t->time_since_epoch()});
}

void uuid_result(Value& v) {
    if (const auto* s = std::get_if<std::string>(&v.storage())) {
        if (auto u = UuidValue::parse(*s)) v = Value(*u);
    } else if (const auto* b = std::get_if<Bytes>(&v.storage())) {
        if (b->size() == 16) v = Value(UuidValue::from_bytes(*b));
    }
}

void json_result(Value& v) {
    const std::string* s = std::get_if<std::string>(&v.storage());
    std::string text;
    if (!s)
        if (const auto* b = std::get_if<Bytes>(&v.storage())) {
            text.assign(reinterpret_cast<const char*>(b->data()), b->size());
            s = &text;
        }
    if (!s) return;
    boost::system::error_code ec;
    auto doc = boost::json::parse(*s, ec);
    if (!ec) v = Value(std::move(doc));
}

void double_result(Value& v) {
    if (const auto* d = std::get_if<Decimal>(&v.storage())) v = Value(d->to_double());
}

// Float(asdecimal=True): the double as the shortest decimal, at the column's scale (10 without one).
ResultProcessor decimal_result(std::optional<int> scale) {
    return [scale = scale.value_or(10)](Value& v) {
        if (const auto* d = std::get_if<double>(&v.storage()))
            if (std::isfinite(*d)) v = Value(Decimal::from_double(*d).rescaled(scale));
    };
}

}  // namespace types

class MySQLDialect final : public DefaultDialect {
public:
    explicit MySQLDialect(std::string_view name)
        : DefaultDialect(
              Capabilities{
                  .supports_savepoints = true,
                  .supports_returning = false,
                  // MariaDB 10.5+ has INSERT and DELETE ... RETURNING (initialize()), never UPDATE's.
                  .update_returning = false,
                  .supports_multivalues_insert = true,
                  // Batches of multi-row VALUES for executemany INSERTs, as SQLAlchemy's MySQL
                  // dialects (a prepared statement takes at most 65535 parameters).
                  .use_insertmanyvalues = true,
                  .use_insertmanyvalues_wo_returning = true,
                  // MariaDB assigns AUTO_INCREMENT values in the order of a statement's rows.
                  .insertmanyvalues_autoincrement_sentinel = true,
                  .supports_native_boolean = false,
                  .supports_native_decimal = true,
                  .supports_sequences = false,
                  .supports_native_enum = true,
                  .supports_alter = true,
                  .supports_default_values = false,
                  .supports_empty_insert = true,  // INSERT INTO t () VALUES (), as SQLAlchemy's MySQL dialect
                  .supports_server_side_cursors = true,
                  .supports_comments = true,
                  .inline_comments = true,
                  .max_identifier_length = 64,
              },
              reserved_words()),
          name_(name == "mariadb" ? "mariadb" : "mysql"),
          is_mariadb_(name == "mariadb") {
        set_identifier_preparer(std::make_unique<IdentifierPreparer>(reserved_words(), '`', '`'));
        set_reflection(make_reflector(*this, is_mariadb_));
    }
    std::string_view name() const noexcept override { return name_; }
    ParamStyle default_paramstyle() const noexcept override { return ParamStyle::format; }
    std::unique_ptr<SQLCompiler> statement_compiler(ParamStyle paramstyle) const override {
        return std::make_unique<MySQLCompiler>(capabilities(), identifier_preparer(), paramstyle, backslash_escapes_,
                                               float_cast_, is_mariadb_);
    }

    // The server decides (SQLAlchemy's MySQLDialect.initialize): MariaDB 10.5 and newer has
    // INSERT ... RETURNING and DELETE ... RETURNING.
    void initialize(DriverConnection& connection) override {
        const std::string version = connection.server_version();
        is_mariadb_ = is_mariadb_ || version.find("MariaDB") != std::string::npos;
        int major = 0, minor = 0;
        std::sscanf(version.c_str(), "%d.%d", &major, &minor);
        mutable_capabilities().supports_returning = is_mariadb_ && (major > 10 || (major == 10 && minor >= 5));
        // CAST(x AS FLOAT): MariaDB 10.4.5 and MySQL 8.0.17 on (SQLAlchemy's _support_float_cast).
        int patch = 0;
        std::sscanf(version.c_str(), "%*d.%*d.%d", &patch);
        float_cast_ = is_mariadb_ ? std::tuple(major, minor, patch) >= std::tuple(10, 4, 5)
                                  : std::tuple(major, minor, patch) >= std::tuple(8, 0, 17);
        // An executemany INSERT without RETURNING: MariaDB's bulk execution of the one-row
        // INSERT (parameter arrays, one round trip per slice) where the driver and server have
        // it, about 1.5x the rows per second of multi-row VALUES batches; else those batches.
        mutable_capabilities().use_insertmanyvalues_wo_returning = !bulk_executemany(connection);
        // SQLAlchemy's _detect_sql_mode: literals keep their backslashes as they are under
        // NO_BACKSLASH_ESCAPES (doubling them there would change the value).
        backslash_escapes_ = sql_mode(connection).find("NO_BACKSLASH_ESCAPES") == std::string::npos;
    }

    // The session's sql_mode; empty when it cannot be read (the server's default then applies).
    static std::string sql_mode(DriverConnection& connection) {
        try {
            auto cursor = connection.execute(DriverStatement{"SELECT @@SESSION.sql_mode", 0}, {}, CursorOptions{});
            std::vector<Value> row(1);
            std::string mode;
            if (cursor->fetch()) {
                cursor->read_row(row);
                if (row[0].kind() == ValueKind::text) mode = std::get<std::string>(row[0].storage());
            }
            cursor->close();
            return mode;
        } catch (const DriverError&) {
            return {};
        }
    }

    BindProcessor bind_processor(const TypeEngine& type) const override {
        if (type.kind() == TypeKind::interval) return types::interval_bind;
        return DefaultDialect::bind_processor(type);
    }
    ResultProcessor result_processor(const TypeEngine& type) const override {
        switch (type.kind()) {
            case TypeKind::boolean: return types::boolean_result;
            case TypeKind::time: return types::time_result;
            case TypeKind::interval: return types::interval_result;
            case TypeKind::datetime: return type.timezone() ? ResultProcessor(types::datetime_tz_result) : ResultProcessor{};
            case TypeKind::uuid: return types::uuid_result;
            case TypeKind::json: return types::json_result;
            case TypeKind::numeric:
                if (!type.details().asdecimal.value_or(true)) return types::double_result;
                return {};
            case TypeKind::float_:
            case TypeKind::double_:
                if (type.details().asdecimal.value_or(false)) return types::decimal_result(type.scale());
                return {};
            default: return {};
        }
    }

private:
    std::string name_;
    bool is_mariadb_;
    bool backslash_escapes_ = true;
    bool float_cast_ = false;
};

}  // namespace

std::unique_ptr<Dialect> make_dialect(std::string_view name) { return std::make_unique<MySQLDialect>(name); }

}  // namespace sqla::mysql
