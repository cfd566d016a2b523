// sqla: plugins/mssql/dialect.cpp. MSDialect and MSSQLCompiler: SQL Server's SQL, as SQLAlchemy renders it.
// SPDX-License-Identifier: MIT
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

import sqla;

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
    using SQLCompiler::SQLCompiler;

protected:
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
            case TypeKind::large_binary: return sized("VARBINARY");
            default: return SQLCompiler::type_name(type);
        }
    }

    // SQL Server spells some generic functions its own way.
    void visit_function(const FunctionNode& function) override {
        if (function.name() != "length") return SQLCompiler::visit_function(function);
        out_ += "LEN(";
        for (std::size_t i = 0; i < function.args().size(); ++i) {
            if (i) out_ += ", ";
            process(*function.args()[i]);
        }
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
            default: return SQLCompiler::visit_binary(binary);
        }
    }
};

class MSDialect final : public DefaultDialect {
public:
    MSDialect()
        : DefaultDialect(
              Capabilities{
                  .supports_savepoints = true,
                  .supports_returning = true,
                  .supports_multivalues_insert = false,
                  .supports_native_boolean = false,
                  .supports_native_decimal = true,
                  .supports_sequences = true,
                  .supports_native_enum = false,
                  .supports_alter = true,
                  .supports_default_values = true,
                  .supports_empty_insert = false,
                  .max_identifier_length = 128,
              },
              reserved_words()) {
        set_identifier_preparer(std::make_unique<IdentifierPreparer>(reserved_words(), '[', ']'));
    }
    std::string_view name() const noexcept override { return "mssql"; }
    ParamStyle default_paramstyle() const noexcept override { return ParamStyle::named; }
    std::unique_ptr<SQLCompiler> statement_compiler(ParamStyle paramstyle) const override {
        return std::make_unique<MSSQLCompiler>(capabilities(), identifier_preparer(), paramstyle);
    }
};

}  // namespace

std::unique_ptr<Dialect> make_dialect() { return std::make_unique<MSDialect>(); }

}  // namespace sqla::mssql
