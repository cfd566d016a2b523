// sqla: plugins/sqlite/dialect.cpp. SQLiteDialect: SQLite's SQL flavour and capabilities.
// SPDX-License-Identifier: MIT
#include <cstdio>
#include <sqlite3.h>

#include <map>
#include <memory>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

import sqla;

#include "sqlite_plugin.hpp"

namespace sqla::sqlite {
namespace {

// SQLAlchemy's SQLiteIdentifierPreparer.reserved_words.
std::unordered_set<std::string> reserved_words() {
    return {"add",       "after",      "all",          "alter",        "analyze",       "and",
            "as",        "asc",        "attach",       "autoincrement", "before",       "begin",
            "between",   "by",         "cascade",      "case",         "cast",          "check",
            "collate",   "column",     "commit",       "conflict",     "constraint",    "create",
            "cross",     "current_date", "current_time", "current_timestamp", "database", "default",
            "deferrable", "deferred",  "delete",       "desc",         "detach",        "distinct",
            "drop",      "each",       "else",         "end",          "escape",        "except",
            "exclusive", "exists",     "explain",      "false",        "fail",          "for",
            "foreign",   "from",       "full",         "glob",         "group",         "having",
            "if",        "ignore",     "immediate",    "in",           "index",         "indexed",
            "initially", "inner",      "insert",       "instead",      "intersect",     "into",
            "is",        "isnull",     "join",         "key",          "left",          "like",
            "limit",     "match",      "natural",      "not",          "notnull",       "null",
            "of",        "offset",     "on",           "or",           "order",         "outer",
            "plan",      "pragma",     "primary",      "query",        "raise",         "references",
            "reindex",   "rename",     "replace",      "restrict",     "right",         "rollback",
            "row",       "select",     "set",          "table",        "temp",          "temporary",
            "then",      "to",         "transaction",  "trigger",      "true",          "union",
            "unique",    "update",     "using",        "vacuum",       "values",        "view",
            "virtual",   "when",       "where"};
}

bool is_memory_database(const URL& url) {
    const auto& db = url.database();
    if (!db || db->empty() || *db == ":memory:") return true;
    return db->starts_with("file::memory:") || db->find("mode=memory") != std::string::npos ||
           url.query_value("mode") == "memory";
}

// SQLite's SQL where it differs from the generic compiler (SQLAlchemy's SQLiteCompiler).
class SQLiteCompiler final : public SQLCompiler {
public:
    /// prefix_with(dialect=...) names this dialect so.
    std::string_view dialect_name() const override { return "sqlite"; }
    using SQLCompiler::SQLCompiler;

protected:
    // SQLite spells IS [NOT] DISTINCT FROM as IS [NOT].
    std::string_view operator_text(Operator op) const override {
        if (op == Operator::is_distinct_from) return " IS NOT ";
        if (op == Operator::is_not_distinct_from) return " IS ";
        return SQLCompiler::operator_text(op);
    }

    // SQLite has no `IN (NULL) AND (1 != 1)` idiom that its planner likes; SQLAlchemy uses an
    // empty subquery, and VALUES for lists of tuples.
    std::string empty_set_expression(bool, std::size_t tuple_width) const override {
        std::string ones = "1";
        for (std::size_t i = 1; i < tuple_width; ++i) ones += ", 1";
        return "SELECT " + ones + " FROM (SELECT " + ones + ") WHERE 1!=1";
    }
    std::string tuple_in_prefix() const override { return "VALUES "; }

    // SQLite has no EXTRACT: STRFTIME with the field's format, as an integer (SQLAlchemy's extract_map).
    void visit_extract(const ExtractNode& extract) override {
        static constexpr std::pair<std::string_view, std::string_view> formats[] = {
            {"month", "%m"}, {"day", "%d"}, {"year", "%Y"}, {"second", "%S"}, {"hour", "%H"}, {"doy", "%j"},
            {"minute", "%M"}, {"epoch", "%s"}, {"dow", "%w"}, {"week", "%W"}};
        for (const auto& [field, format] : formats) {
            if (extract.field() != field) continue;
            out_ += "CAST(STRFTIME('";
            out_ += format;
            out_ += "', ";
            process(extract.expr());
            out_ += ") AS INTEGER)";
            return;
        }
        throw CompileError("extract(): the sqlite dialect has no rendering for field \"" + extract.field() + "\"");
    }

    // now() is CURRENT_TIMESTAMP on SQLite (SQLAlchemy's visit_now_func).
    void visit_function(const FunctionNode& function) override {
        if (function.name() == "now" && function.args().empty()) {
            out_ += "CURRENT_TIMESTAMP";
            return;
        }
        // char_length() is length() (SQLAlchemy's visit_char_length_func).
        if (function.name() == "char_length") {
            out_ += "length(";
            for (std::size_t i = 0; i < function.args().size(); ++i) {
                if (i) out_ += ", ";
                process(*function.args()[i]);
            }
            out_ += ')';
            return;
        }
        // SQLAlchemy's visit_localtimestamp_func.
        if (function.name() == "localtimestamp" && function.args().empty()) {
            out_ += "DATETIME(CURRENT_TIMESTAMP, \"localtime\")";
            return;
        }
        SQLCompiler::visit_function(function);
    }

    std::string type_name(const TypeEngine& type) const override {
        switch (type.kind()) {
            case TypeKind::float_: return "FLOAT";
            // No native interval: stored as the DATETIME of the epoch plus the interval.
            case TypeKind::interval: return "DATETIME";
            default: return SQLCompiler::type_name(type);
        }
    }

    // SQLite: an expression default goes in parentheses; `sqlite_autoincrement` puts PRIMARY
    // KEY AUTOINCREMENT on the column (SQLAlchemy's SQLiteDDLCompiler.get_column_specification).
    std::string column_specification(const TableSchema& table, const Column& column, bool) override {
        std::string spec = preparer_.quote(column.name()) + " " + column_type(table, column);
        if (auto d = column_default_string(column)) {
            if (column.server_default()->kind() == ServerDefault::Kind::expression) *d = "(" + *d + ")";
            spec += " DEFAULT " + *d;
        }
        if (!column.is_nullable()) spec += " NOT NULL";
        if (column.is_primary_key()) {
            const auto pk = table.primary_key_columns();
            if (column.autoincrement() == true && pk.size() != 1)
                throw CompileError("SQLite does not support autoincrement for composite primary keys");
            if (inline_primary_key(table) == &column) spec += " PRIMARY KEY AUTOINCREMENT";
        }
        // After NOT NULL, as SQLAlchemy's SQLiteDDLCompiler writes it.
        if (column.computed()) spec += " " + computed_clause(*column.computed());
        return spec;
    }

    // With PRIMARY KEY AUTOINCREMENT on the column, the table has no separate PRIMARY KEY.
    std::string constraint_clause(const TableSchema& table, const Constraint& constraint) override {
        if (constraint.kind() == ConstraintKind::primary_key && inline_primary_key(table)) return {};
        return SQLCompiler::constraint_clause(table, constraint);
    }

    // The column that gets PRIMARY KEY AUTOINCREMENT inline: with `sqlite_autoincrement`, the
    // single integer primary-key column without a foreign key; else none.
    static const Column* inline_primary_key(const TableSchema& table) {
        const auto* opt = table.dialect_options().find("sqlite_autoincrement");
        if (!opt || !std::holds_alternative<bool>(*opt) || !std::get<bool>(*opt)) return nullptr;
        const auto pk = table.primary_key_columns();
        if (pk.size() != 1 || !pk.front()->type().is_integer() || !pk.front()->foreign_keys().empty()) return nullptr;
        return pk.front();
    }

    // A partial index: `sqlite_where`.
    std::string post_create_index(const Index& index, const TableSchema&) override {
        return partial_index_where(index, "sqlite_where");
    }

    // INSERT ... ON CONFLICT (on_conflict_do_nothing / on_conflict_do_update).
    void upsert_clause(const InsertParts& insert) override { on_conflict_clause(insert); }

    // SQLite has no row locks: FOR UPDATE is left out, as SQLAlchemy does.
    void for_update_clause(const SelectParts&) override {}

    // SQLite needs a LIMIT before an OFFSET, and SQLAlchemy always writes an OFFSET.
    void limit_clause(const SelectParts& select) override {
        if (select.limit) {
            out_ += "\n LIMIT ";
            process(*select.limit);
        }
        if (select.offset) {
            if (!select.limit) {
                out_ += "\n LIMIT ";
                literal_bind(Value(-1));
            }
            out_ += " OFFSET ";
            process(*select.offset);
        } else {
            out_ += " OFFSET ";
            literal_bind(Value(0));
        }
    }
};

class SQLiteDialect final : public DefaultDialect {
public:
    SQLiteDialect()
        : DefaultDialect(
              Capabilities{
                  .supports_savepoints = true,
                  .supports_returning = false,
                  .supports_multivalues_insert = true,
                  .supports_native_boolean = false,
                  .supports_native_decimal = false,
                  .supports_sequences = false,
                  .supports_native_enum = false,
                  .supports_alter = false,
                  .supports_default_values = true,
                  .supports_empty_insert = false,
                  .supports_server_side_cursors = false,
              },
              reserved_words()) {
        set_reflection(make_reflector(*this));
    }

    std::string_view name() const noexcept override { return "sqlite"; }

    // SQLite 3.35 and newer has RETURNING, which SQLAlchemy 2.0 uses through sqlite3 (1.4, the version the
    // compile-only corpus follows, never did): a connected engine may return rows from INSERT,
    // UPDATE and DELETE, and batches an executemany INSERT with RETURNING as multi-row VALUES
    // whose rowids follow the VALUES order (the sentinel of sort_by_parameter_order).
    void initialize(DriverConnection& connection) override {
        if (!is_sqlite3_connection(connection)) return;  // ODBC's SQLite driver returns no RETURNING rows
        int major = 0, minor = 0;
        std::sscanf(connection.server_version().c_str(), "%d.%d", &major, &minor);
        if (major > 3 || (major == 3 && minor >= 35)) {
            auto& c = mutable_capabilities();
            c.supports_returning = true;
            c.use_insertmanyvalues = true;
            c.insertmanyvalues_autoincrement_sentinel = true;
        }
    }

    std::unique_ptr<SQLCompiler> statement_compiler(ParamStyle paramstyle) const override {
        return std::make_unique<SQLiteCompiler>(capabilities(), identifier_preparer(), paramstyle);
    }

    // Values SQLite has no storage class for travel as text or integers (types.cpp).
    BindProcessor bind_processor(const TypeEngine& type) const override {
        if (auto p = sqlite_bind_processor(type)) return p;
        return DefaultDialect::bind_processor(type);
    }
    ResultProcessor result_processor(const TypeEngine& type) const override { return sqlite_result_processor(type); }

    // A memory database lives inside its one connection, so every checkout must share it;
    // a file database pools connections as other databases do (SQLAlchemy 2.0's choice).
    PoolClass default_pool_class(const URL& url) const override {
        return is_memory_database(url) ? PoolClass::static_pool : PoolClass::queue_pool;
    }

    // pysqlite's levels: SERIALIZABLE is SQLite's own, READ UNCOMMITTED is the
    // read_uncommitted pragma (shared-cache connections only), AUTOCOMMIT issues no BEGIN.
    std::vector<std::string> isolation_levels() const override {
        return {"READ UNCOMMITTED", "SERIALIZABLE", "AUTOCOMMIT"};
    }
};

}  // namespace

std::unique_ptr<Dialect> make_dialect() { return std::make_unique<SQLiteDialect>(); }

}  // namespace sqla::sqlite
