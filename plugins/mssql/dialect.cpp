// sqla: plugins/mssql/dialect.cpp. MSDialect and MSSQLCompiler: SQL Server's SQL, as SQLAlchemy renders it.
// SPDX-License-Identifier: MIT
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

import sqla;

#include "mssql_plugin.hpp"

namespace sqla::mssql {
namespace {

// SQL Server's reserved words (SQLAlchemy's mssql RESERVED_WORDS).
std::unordered_set<std::string> reserved_words() {
    return {"add", "all", "alter", "and", "any", "as", "asc", "authorization", "backup", "begin", "between", "break",
            "browse", "bulk", "by", "cascade", "case", "check", "checkpoint", "close", "clustered", "coalesce",
            "collate", "column", "commit", "compute", "constraint", "contains", "containstable", "continue",
            "convert", "create", "cross", "current", "current_date", "current_time", "current_timestamp",
            "current_user", "cursor", "database", "dbcc", "deallocate", "declare", "default", "delete", "deny", "desc",
            "disk", "distinct", "distributed", "double", "drop", "dump", "else", "end", "errlvl", "escape", "except",
            "exec", "execute", "exists", "exit", "external", "fetch", "file", "fillfactor", "for", "foreign",
            "freetext", "freetexttable", "from", "full", "function", "goto", "grant", "group", "having", "holdlock",
            "identity", "identity_insert", "identitycol", "if", "in", "index", "inner", "insert", "intersect", "into",
            "is", "join", "key", "kill", "left", "like", "lineno", "load", "merge", "national", "nocheck",
            "nonclustered", "not", "null", "nullif", "of", "off", "offsets", "on", "open", "opendatasource",
            "openquery", "openrowset", "openxml", "option", "or", "order", "outer", "over", "percent", "pivot", "plan",
            "precision", "primary", "print", "proc", "procedure", "public", "raiserror", "read", "readtext",
            "reconfigure", "references", "replication", "restore", "restrict", "return", "revert", "revoke", "right",
            "rollback", "rowcount", "rowguidcol", "rule", "save", "schema", "securityaudit", "select", "session_user",
            "set", "setuser", "shutdown", "some", "statistics", "system_user", "table", "tablesample", "textsize",
            "then", "to", "top", "tran", "transaction", "trigger", "truncate", "tsequal", "union", "unique",
            "unpivot", "update", "updatetext", "use", "user", "values", "varying", "view", "waitfor", "when", "where",
            "while", "with", "writetext"};
}

class MSSQLCompiler final : public SQLCompiler {
public:
    /// prefix_with(dialect=...) names this dialect so.
    std::string_view dialect_name() const override { return "mssql"; }
    /// `supports_offset_fetch`: the server is SQL Server 2012 (version 11) or newer, which has
    /// OFFSET ... FETCH; older servers (and an unknown version) use a ROW_NUMBER() subquery.
    /// `has_date_time`: SQL Server 2008 (version 10) or newer, which has DATE and TIME.
    MSSQLCompiler(const Capabilities& capabilities, const IdentifierPreparer& preparer, ParamStyle paramstyle,
                  bool supports_offset_fetch, bool has_date_time)
        : SQLCompiler(capabilities, preparer, paramstyle), supports_offset_fetch_(supports_offset_fetch),
          has_date_time_(has_date_time) {}

protected:
    // LIMIT and OFFSET as SQLAlchemy 1.4's MSSQLCompiler renders them: TOP n for a limit (or a
    // fetch WITH TIES / PERCENT) without an offset, with n literal-execute; otherwise OFFSET ...
    // FETCH on 2012 and newer, else a ROW_NUMBER() OVER (ORDER BY ...) subquery. Both of those
    // need an ORDER BY.
    static bool use_top(const SelectParts& p) {
        // An expression or bindparam() limit is not "simple": no TOP for it (SQLAlchemy's _use_top).
        return !p.offset && ((p.limit && !p.limit_expression) || (p.fetch && (p.fetch_percent || p.fetch_with_ties)));
    }
    static const ColumnElementPtr& limit_or_fetch(const SelectParts& p) { return p.fetch ? p.fetch : p.limit; }
    static void check_can_use_fetch_limit(const SelectParts& p) {
        if (p.order_by.empty())
            throw CompileError("MSSQL requires an order_by when using an OFFSET or a non-simple LIMIT clause");
        if (p.fetch && (p.fetch_percent || p.fetch_with_ties))
            throw CompileError(
                "MSSQL needs TOP to use PERCENT and/or WITH TIES. Only simple fetch without offset can be used.");
    }

    void select_precolumns(const SelectParts& p) override {
        SQLCompiler::select_precolumns(p);
        if (!use_top(p)) return;
        // Drivers do not take bound parameters in the SELECT clause: TOP gets the value as text.
        out_ += "TOP ";
        process_literal_execute(*limit_or_fetch(p));
        out_ += ' ';
        if (p.fetch) {
            if (p.fetch_percent) out_ += "PERCENT ";
            if (p.fetch_with_ties) out_ += "WITH TIES ";
        }
    }

    void row_limit_clause(const SelectParts& p) {
        if (!supports_offset_fetch_ || use_top(p)) return;
        check_can_use_fetch_limit(p);
        out_ += "\n OFFSET ";
        if (p.offset)
            process(*p.offset);
        else
            out_ += '0';
        out_ += " ROWS";
        if (const auto& limit = limit_or_fetch(p)) {
            out_ += "\n FETCH FIRST ";
            process(*limit);
            out_ += " ROWS ONLY";
        }
    }
    void limit_clause(const SelectParts& p) override { row_limit_clause(p); }
    void fetch_clause(const SelectParts& p) override { row_limit_clause(p); }

    void visit_select(const SelectNode& select) override {
        const auto& p = select.parts();
        if ((!p.limit && !p.offset && !p.fetch) || supports_offset_fetch_ || use_top(p))
            return SQLCompiler::visit_select(select);
        check_can_use_fetch_limit(p);
        // The SELECT numbers its rows in a subquery, and the outer SELECT keeps the wanted ones.
        std::vector<ExpressionArg> order;
        for (const auto& o : p.order_by) order.emplace_back(ColumnElement(o));
        SelectParts inner_parts = p;
        inner_parts.columns.push_back(func("ROW_NUMBER").over({.order_by = std::move(order)}).label("mssql_rn").node_ptr());
        inner_parts.order_by.clear();
        inner_parts.limit = nullptr;
        inner_parts.offset = nullptr;
        inner_parts.fetch = nullptr;
        FromClause inner = Select(std::make_shared<const SelectNode>(std::move(inner_parts))).subquery();
        SelectParts outer;
        for (const auto& c : inner.columns())
            if (static_cast<const ColumnClauseNode&>(c.node()).name() != "mssql_rn") outer.columns.push_back(c.node_ptr());
        const ColumnElement rn = column("mssql_rn");
        const auto& limit = limit_or_fetch(p);
        if (p.offset) {
            outer.where.push_back((rn > ColumnElement(p.offset)).node_ptr());
            if (limit) outer.where.push_back((rn <= ColumnElement(limit) + ColumnElement(p.offset)).node_ptr());
        } else {
            outer.where.push_back((rn <= ColumnElement(limit)).node_ptr());
        }
        outer.for_update = p.for_update;
        auto result = std::make_shared<const SelectNode>(std::move(outer));
        keep_.push_back(inner);
        kept_selects_.push_back(result);
        SQLCompiler::visit_select(*result);
    }

    // SQL Server locks with table hints, not FOR UPDATE: left out, as SQLAlchemy does.
    void for_update_clause(const SelectParts&) override {}

    std::string_view recursive_keyword() const override { return ""; }

    std::string type_name(const TypeEngine& type) const override {
        auto sized = [&](const char* name) {
            return std::string(name) + "(" + (type.length() ? std::to_string(*type.length()) : std::string("max")) + ")";
        };
        switch (type.kind()) {
            case TypeKind::string: return sized("VARCHAR");
            case TypeKind::unicode: return sized("NVARCHAR");
            case TypeKind::boolean: return "BIT";
            // From SQL Server 2012 the large types are VARCHAR(max) and friends (SQLAlchemy's
            // deprecate_large_types); before it, and for an unknown version, TEXT, NTEXT, IMAGE.
            case TypeKind::text:
                if (supports_offset_fetch_) return "VARCHAR(max)";
                return type.length() ? "TEXT(" + std::to_string(*type.length()) + ")" : std::string("TEXT");
            case TypeKind::unicode_text: return supports_offset_fetch_ ? "NVARCHAR(max)" : "NTEXT";
            case TypeKind::large_binary: return supports_offset_fetch_ ? "VARBINARY(max)" : "IMAGE";
            // DATE and TIME exist from SQL Server 2008; before (and for an unknown version) DATETIME.
            case TypeKind::date: return has_date_time_ ? "DATE" : "DATETIME";
            case TypeKind::time: return has_date_time_ ? "TIME" : "DATETIME";
            case TypeKind::datetime: return type.timezone() ? "DATETIMEOFFSET" : "DATETIME";
            case TypeKind::uuid: return "UNIQUEIDENTIFIER";
            case TypeKind::json: return "NVARCHAR(max)";
            case TypeKind::interval: return "DATETIME";
            case TypeKind::double_: return "DOUBLE PRECISION";
            default: return SQLCompiler::type_name(type);
        }
    }

    // name type NOT NULL|NULL [IDENTITY | DEFAULT x] (SQLAlchemy's MSDDLCompiler).
    std::string column_specification(const TableSchema& table, const Column& column, bool) override {
        // A computed column is `name AS (expr) [PERSISTED]`, without a type and without NULL.
        std::string spec = preparer_.quote(column.name()) + " ";
        if (const auto& c = column.computed())
            spec += "AS (" + render_literal(*c->element()) + ")" + (c->persisted() == true ? " PERSISTED" : "");
        else
            spec += column_type(table, column);
        const bool autoinc = table.autoincrement_column() == &column || column.autoincrement() == true;
        if (!column.is_nullable() || column.is_primary_key() || column.autoincrement() == true || column.identity())
            spec += " NOT NULL";
        else if (!column.computed())
            spec += " NULL";
        if (column.identity()) {
            spec += " " + identity_clause(*column.identity());
        } else if (autoinc && (!column.sequence() || column.sequence()->optional())) {
            spec += " IDENTITY";
        } else if (auto d = column_default_string(column)) {
            spec += " DEFAULT " + *d;
        }
        return spec;
    }

    std::string identity_clause(const Identity& identity) override {
        const auto& o = identity.options;
        if (!o.start && !o.increment) return "IDENTITY";
        return "IDENTITY(" + std::to_string(o.start.value_or(1)) + "," + std::to_string(o.increment.value_or(1)) + ")";
    }

    // OUTPUT inserted.col (deleted.col for DELETE), before VALUES / WHERE.
    bool returning_precedes_values() const override { return true; }
    void returning_clause(std::span<const ColumnElementPtr> columns, std::string_view what) override {
        const std::string prefix = what == "DELETE" ? "deleted." : "inserted.";
        out_ += " OUTPUT ";
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) out_ += ", ";
            const auto& c = *columns[i];
            if (c.kind() != ElementKind::column)
                throw CompileError("OUTPUT on SQL Server takes columns of the table (got an expression)");
            const auto& col = static_cast<const ColumnClauseNode&>(c);
            out_ += prefix + preparer_.quote(col.name());
            add_result_column(col.name(), col);
        }
    }
    // UPDATE ... FROM t, t2 and DELETE FROM t FROM t, t2 for the WHERE's other tables.
    void update_from_clause(const UpdateNode& update, std::span<const FromClauseNode* const> extra) override {
        out_ += " FROM ";
        process(*update.parts().table);
        for (const auto* f : extra) {
            out_ += ", ";
            process(*f);
        }
    }
    void delete_extra_from_clause(const DeleteNode& del, std::span<const FromClauseNode* const> extra) override {
        out_ += " FROM ";
        process(*del.parts().table);
        for (const auto* f : extra) {
            out_ += ", ";
            process(*f);
        }
    }

    // DROP INDEX names the table on SQL Server.
    void visit_drop_index(const DDLNode& drop) override {
        out_ += "\nDROP INDEX ";
        if (drop.if_exists) out_ += "IF EXISTS ";
        out_ += preparer_.quote(*drop.index->name()) + " ON " + format_table(drop.table_schema());
    }

    // DATEPART's names for some fields (SQLAlchemy's MSSQLCompiler.extract_map).
    void visit_extract(const ExtractNode& extract) override {
        static const std::pair<std::string_view, std::string_view> names[] = {
            {"doy", "dayofyear"}, {"dow", "weekday"}, {"milliseconds", "millisecond"}, {"microseconds", "microsecond"}};
        std::string field = extract.field();
        for (const auto& [from, to] : names)
            if (field == from) field = to;
        out_ += "DATEPART(" + field + ", ";
        process(extract.expr());
        out_ += ')';
    }

    // SQL Server spells some generic functions its own way.
    void visit_function(const FunctionNode& function) override {
        if (function.args().empty() && function.name() == "current_date") {
            out_ += "GETDATE()";
            return;
        }
        if (function.args().empty() && function.name() == "now") {
            out_ += "CURRENT_TIMESTAMP";
            return;
        }
        // length() and the generic char_length() are LEN() (SQLAlchemy's visit_char_length_func).
        if (function.name() != "length" && function.name() != "char_length") return SQLCompiler::visit_function(function);
        out_ += "LEN(";
        for (std::size_t i = 0; i < function.args().size(); ++i) {
            if (i) out_ += ", ";
            process(*function.args()[i]);
        }
        out_ += ')';
    }

    // SQL Server's collation names are not identifiers (SQLAlchemy's MSSQL preparer leaves them
    // unquoted, quote_case_sensitive_collations=False): written as given, so only letters,
    // digits and underscores pass (Latin1_General_CI_AS).
    std::string collation_name(const std::string& name) const override {
        for (const unsigned char c : name)
            if (!std::isalnum(c) && c != '_')
                throw CompileError("collate(): \"" + name +
                                   "\" is not a SQL Server collation name (letters, digits and underscores only)");
        return name;
    }

    // A dotted schema is database.owner, each part quoted on its own (SQLAlchemy's
    // _schema_elements and quote_schema); brackets keep a dot inside a part ([a.b].owner).
    std::string quote_schema(const std::string& schema) const override {
        std::vector<std::string> parts;
        std::string symbol;
        bool bracket = false;
        for (const char c : schema) {
            if (c == '[') {
                bracket = true;
            } else if (c == ']') {
                bracket = false;
            } else if (c == '.' && !bracket) {
                parts.push_back(std::move(symbol));
                symbol.clear();
            } else {
                symbol += c;
            }
        }
        if (!symbol.empty()) parts.push_back(std::move(symbol));
        if (parts.size() < 2) return preparer_.quote(parts.empty() ? schema : parts.front());
        std::string database;
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) database += (i ? "." : "") + parts[i];
        return preparer_.quote(database) + "." + preparer_.quote(parts.back());
    }

    // Full-text search: `CONTAINS (x, ?)`.
    void visit_match(const BinaryNode& binary) override {
        out_ += "CONTAINS (";
        process(binary.left());
        out_ += ", ";
        process(binary.right());
        out_ += ')';
    }

    void visit_binary(const BinaryNode& binary) override {
        switch (binary.op()) {
            case Operator::regexp_match:
            case Operator::not_regexp_match:
                throw CompileError("regexp_match() is not supported by the mssql dialect");
            case Operator::concat:
                process(binary.left());
                out_ += " + ";
                process(binary.right());
                return;
            case Operator::is_distinct_from:
            case Operator::is_not_distinct_from:
                // SQL Server has no IS DISTINCT FROM before 2022; INTERSECT compares NULLs as equal.
                out_ += binary.op() == Operator::is_distinct_from ? "NOT EXISTS (SELECT " : "EXISTS (SELECT ";
                process(binary.left());
                out_ += " INTERSECT SELECT ";
                process(binary.right());
                out_ += ')';
                return;
            case Operator::eq:
                // A bound value on the left of = moves to the right, as SQLAlchemy's MSSQL
                // compiler does (`ANY (arr) = ?`).
                if (binary.left().kind() == ElementKind::bind_param && binary.right().kind() != ElementKind::bind_param) {
                    process(binary.right());
                    out_ += " = ";
                    process(binary.left());
                    return;
                }
                return SQLCompiler::visit_binary(binary);
            default: return SQLCompiler::visit_binary(binary);
        }
    }

private:
    bool supports_offset_fetch_;
    bool has_date_time_;
    // The wrapping SELECTs made while compiling, alive while the compiler names them.
    std::vector<FromClause> keep_;
    std::vector<std::shared_ptr<const SelectNode>> kept_selects_;
};

// The leading numbers of a version string ("14.00.1000" -> 14, 0, 1000), as SQLAlchemy's
// mssql dialect reads the server version.
std::vector<int> parse_version(std::string_view text) {
    std::vector<int> parts;
    std::size_t i = 0;
    while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        int n = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
            n = n * 10 + (text[i++] - '0');
        parts.push_back(n);
        if (i < text.size() && text[i] == '.')
            ++i;
        else
            break;
    }
    return parts;
}

class MSDialect final : public DefaultDialect {
public:
    MSDialect()
        : DefaultDialect(
              Capabilities{
                  .supports_savepoints = true,
                  .supports_returning = true,
                  .implicit_returning = true,
                  .supports_multivalues_insert = false,
                  .supports_native_boolean = false,
                  .supports_native_decimal = true,
                  .supports_sequences = true,
                  .supports_native_enum = false,
                  .supports_alter = true,
                  .supports_default_values = true,
                  .supports_empty_insert = false,
                  .non_native_boolean_check_constraint = false,
                  .supports_identity_columns = true,
                  .max_identifier_length = 128,
              },
              reserved_words()) {
        set_identifier_preparer(std::make_unique<IdentifierPreparer>(reserved_words(), '[', ']'));
        set_reflection(make_reflector(*this));
    }
    std::string_view name() const noexcept override { return "mssql"; }
    ParamStyle default_paramstyle() const noexcept override { return ParamStyle::named; }

    std::vector<std::string> isolation_levels() const override {
        return {"AUTOCOMMIT", "READ COMMITTED", "READ UNCOMMITTED", "REPEATABLE READ", "SERIALIZABLE", "SNAPSHOT"};
    }

    // T-SQL's savepoints: SAVE TRANSACTION / ROLLBACK TRANSACTION; there is no release.
    void do_savepoint(DriverConnection& connection, std::string_view name) const override {
        run(connection, "SAVE TRANSACTION " + identifier_preparer().quote(name));
    }
    void do_rollback_to_savepoint(DriverConnection& connection, std::string_view name) const override {
        run(connection, "ROLLBACK TRANSACTION " + identifier_preparer().quote(name));
    }
    void do_release_savepoint(DriverConnection&, std::string_view) const override {}

private:
    static void run(DriverConnection& connection, const std::string& sql) {
        connection.execute(DriverStatement{sql, 0}, {}, CursorOptions{})->close();
    }
    std::unique_ptr<SQLCompiler> statement_compiler(ParamStyle paramstyle) const override {
        return std::make_unique<MSSQLCompiler>(capabilities(), identifier_preparer(), paramstyle,
                                               supports_offset_fetch(),
                                               !server_version_info_.empty() && server_version_info_.front() >= 10);
    }
    // The server version decides what SQL is rendered (SQLAlchemy's
    // `_setup_version_attributes`). Without a connection it is unknown, and SQLAlchemy then
    // assumes an old server: LIMIT/OFFSET as a ROW_NUMBER() subquery.
    void initialize(DriverConnection& connection) override {
        server_version_info_ = parse_version(connection.server_version());
        // Multi-row VALUES from SQL Server 2008 (10).
        mutable_capabilities().supports_multivalues_insert =
            !server_version_info_.empty() && server_version_info_.front() >= 10;
    }
    // OFFSET ... FETCH: SQL Server 2012 (11) and newer.
    bool supports_offset_fetch() const noexcept {
        return !server_version_info_.empty() && server_version_info_.front() >= 11;
    }

private:
    std::vector<int> server_version_info_;
};

}  // namespace

std::unique_ptr<Dialect> make_dialect() { return std::make_unique<MSDialect>(); }

}  // namespace sqla::mssql
