// sqla: plugins/oracle/dialect.cpp. OracleDialect and OracleCompiler: Oracle's SQL, as SQLAlchemy renders it.
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

#include "oracle_plugin.hpp"

namespace sqla::oracle {
namespace {

// SQLAlchemy's oracle RESERVED_WORDS, lower-cased.
std::unordered_set<std::string> reserved_words() {
    return {"share",   "raw",    "drop",     "between",  "from",      "desc",    "option",   "prior",  "long",
            "then",    "default", "alter",   "is",       "into",      "minus",   "integer",  "number", "grant",
            "identified", "all",  "to",      "order",    "on",        "float",   "date",     "having", "cluster",
            "nowait",  "resource", "any",    "table",    "index",     "for",     "update",   "where",  "check",
            "smallint", "with",   "delete",  "by",       "asc",       "revoke",  "like",     "size",   "rename",
            "nocompress", "null", "group",   "values",   "as",        "in",      "view",     "exclusive",
            "compress", "synonym", "select", "insert",   "exists",    "not",     "trigger",  "else",   "create",
            "intersect", "pctfree", "distinct", "user",  "connect",   "set",     "mode",     "of",     "unique",
            "varchar2", "varchar", "lock",   "or",       "char",      "decimal", "union",    "public", "and",
            "start",   "uid",    "comment",  "current",  "level"};
}

// Oracle also quotes names that start with '_' (SQLAlchemy's OracleIdentifierPreparer
// illegal_initial_characters: digits, '_' and '$'), such as an anonymous label `_fn_1`.
class OracleIdentifierPreparer final : public IdentifierPreparer {
public:
    explicit OracleIdentifierPreparer(std::unordered_set<std::string> words) : IdentifierPreparer(std::move(words)) {}
    bool requires_quotes(std::string_view name) const override {
        return (!name.empty() && name.front() == '_') || IdentifierPreparer::requires_quotes(name);
    }
};

class OracleCompiler final : public SQLCompiler {
public:
    /// prefix_with(dialect=...) names this dialect so.
    std::string_view dialect_name() const override { return "oracle"; }
    /// INSERT INTO t (cols) WITH c AS (...) SELECT ... (SQLAlchemy's cte_follows_insert).
    bool cte_follows_insert() const override { return true; }
    using SQLCompiler::SQLCompiler;

protected:
    // ORDER BY a label repeats its expression (SQLAlchemy's supports_simple_order_by_label).
    bool supports_simple_order_by_label() const override { return false; }

    // A SELECT without a table selects FROM DUAL.
    void no_from_clause() override { out_ += " FROM DUAL"; }

    // LIMIT/OFFSET as SQLAlchemy 1.4 renders them on every Oracle version: ROWNUM over the
    // ordered SELECT wrapped in a subquery, and for an OFFSET a second wrap numbering the rows
    // (`ROWNUM AS ora_rn`). The limit and offset are literal-execute parameters.
    void visit_select(const SelectNode& select) override {
        const auto& p = select.parts();
        if (p.fetch || (!p.limit && !p.offset)) return SQLCompiler::visit_select(select);
        // An integer limit is a literal-execute value; an expression or bindparam() stays as given.
        if (p.limit && !p.limit_expression) literal_binds_.push_back(p.limit.get());
        if (p.offset && !p.offset_expression) literal_binds_.push_back(p.offset.get());

        SelectParts inner_parts = p;
        inner_parts.limit = nullptr;
        inner_parts.offset = nullptr;
        inner_parts.for_update.reset();
        FromClause inner = Select(std::make_shared<const SelectNode>(std::move(inner_parts))).subquery();

        SelectParts limit_parts;
        for (const auto& c : inner.columns()) limit_parts.columns.push_back(c.node_ptr());
        if (p.limit) {
            ColumnElement max_row(p.limit);
            if (p.offset) max_row = max_row + ColumnElement(p.offset);
            limit_parts.where.push_back((literal_column("ROWNUM") <= max_row).node_ptr());
        }
        std::shared_ptr<const SelectNode> result;
        if (!p.offset) {
            limit_parts.for_update = p.for_update;
            result = std::make_shared<const SelectNode>(std::move(limit_parts));
        } else {
            limit_parts.columns.push_back(literal_column("ROWNUM").label("ora_rn").node_ptr());
            FromClause limited = Select(std::make_shared<const SelectNode>(std::move(limit_parts))).subquery();
            keep_.push_back(limited);
            SelectParts offset_parts;
            for (const auto& c : limited.columns())
                if (static_cast<const ColumnClauseNode&>(c.node()).name() != "ora_rn")
                    offset_parts.columns.push_back(c.node_ptr());
            offset_parts.where.push_back((literal_column("ora_rn") > ColumnElement(p.offset)).node_ptr());
            offset_parts.for_update = p.for_update;
            result = std::make_shared<const SelectNode>(std::move(offset_parts));
        }
        keep_.push_back(inner);
        kept_selects_.push_back(result);
        SQLCompiler::visit_select(*result);
    }

    void visit_bind_param(const BindParamNode& bind) override {
        if (!literal_execute_)
            for (const auto* b : literal_binds_)
                if (b == &bind) return process_literal_execute(bind);
        SQLCompiler::visit_bind_param(bind);
    }

    std::string_view recursive_keyword() const override { return ""; }
    std::string_view compound_keyword(CompoundSelectNode::Keyword keyword) const override {
        if (keyword == CompoundSelectNode::Keyword::except_) return " MINUS ";
        return SQLCompiler::compound_keyword(keyword);
    }

    // Oracle does not accept AS before a table alias.
    std::string_view alias_keyword() const override { return " "; }

    std::string type_name(const TypeEngine& type) const override {
        auto varchar = [&](const char* name) {
            return type.length() ? std::string(name) + "(" + std::to_string(*type.length()) + " CHAR)" : std::string(name);
        };
        switch (type.kind()) {
            case TypeKind::string:
            case TypeKind::unicode: return varchar("VARCHAR2");
            // Enum's VARCHAR is Oracle's VARCHAR, not VARCHAR2 (SQLAlchemy's visit_enum -> visit_VARCHAR).
            case TypeKind::enum_: return varchar("VARCHAR");
            case TypeKind::text: return "CLOB";
            // NCLOB only with use_nchar_for_unicode, which SQLAlchemy leaves off by default.
            case TypeKind::unicode_text: return "CLOB";
            // DateTime is DATE whatever its timezone flag (SQLAlchemy's visit_datetime); only
            // TIMESTAMP(timezone=True) is TIMESTAMP WITH TIME ZONE.
            case TypeKind::datetime: return "DATE";
            case TypeKind::boolean: return "SMALLINT";
            case TypeKind::big_integer: return "NUMBER(19)";
            case TypeKind::large_binary: return "BLOB";
            case TypeKind::double_: return "DOUBLE PRECISION";
            // Oracle's FLOAT takes a binary precision, which Float(precision) is not.
            case TypeKind::float_: return "FLOAT";
            case TypeKind::interval: return "INTERVAL DAY TO SECOND";
            case TypeKind::uuid: return "CHAR(32)";
            // SQLAlchemy 1.4 has no JSON for Oracle, and refuses it.
            case TypeKind::json: throw CompileError("the oracle dialect can't render element of type " + type.repr());
            default: return SQLCompiler::type_name(type);
        }
    }

    // now() is CURRENT_TIMESTAMP on Oracle, char_length() is LENGTH() (SQLAlchemy's
    // visit_char_length_func).
    void visit_function(const FunctionNode& function) override {
        if (function.name() == "now" && function.args().empty()) {
            out_ += "CURRENT_TIMESTAMP";
            return;
        }
        if (function.name() == "char_length") {
            out_ += "LENGTH(";
            for (std::size_t i = 0; i < function.args().size(); ++i) {
                if (i) out_ += ", ";
                process(*function.args()[i]);
            }
            out_ += ')';
            return;
        }
        SQLCompiler::visit_function(function);
    }

    // RETURNING cols INTO :ret_0, ... (out parameters, one per column).
    void returning_clause(std::span<const ColumnElementPtr> columns, std::string_view) override {
        out_ += " RETURNING ";
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) out_ += ", ";
            process(*columns[i]);
            const auto& c = *columns[i];
            auto name = c.result_name();
            add_result_column(name ? std::string(*name) : "ret_" + std::to_string(i), c);
        }
        out_ += " INTO ";
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) out_ += ", ";
            bind_param("ret_" + std::to_string(i), -1, Value());
        }
    }

    // Oracle's generated columns are VIRTUAL only.
    std::string computed_clause(const Computed& computed) override {
        if (computed.persisted() == true)
            throw CompileError("Oracle computed columns do not support 'stored' persistence (Computed persisted = "
                               "true); leave persisted unset or set it to false");
        std::string out = "GENERATED ALWAYS AS (" + render_literal(*computed.element()) + ")";
        if (computed.persisted() == false) out += " VIRTUAL";
        return out;
    }

    // Oracle has no ON UPDATE for foreign keys: SQLAlchemy warns and leaves it out.
    std::string constraint_cascades(const Constraint& c) override {
        return c.ondelete() ? " ON DELETE " + *c.ondelete() : std::string();
    }

    // A function as a FROM is TABLE (fn(...)) name; a column_valued column is name.COLUMN_VALUE.
    void visit_table_valued(const TableValuedNode& from) override {
        out_ += "TABLE (";
        process(from.function());
        out_ += ") ";
        out_ += preparer_.quote(from.name() ? *from.name() : anonymous_name(&from, "anon"));
    }
    void visit_column(const ColumnClauseNode& column) override {
        const auto* t = column.table();
        if (include_table_ && t && t->kind() == ElementKind::table_valued &&
            static_cast<const TableValuedNode*>(t)->column_valued()) {
            out_ += preparer_.quote(column.name()) + ".COLUMN_VALUE";
            return;
        }
        SQLCompiler::visit_column(column);
    }

    // Oracle Text: `CONTAINS (x, ?)`.
    void visit_match(const BinaryNode& binary) override {
        out_ += "CONTAINS (";
        process(binary.left());
        out_ += ", ";
        process(binary.right());
        out_ += ')';
    }
    void visit_regexp_replace(const BinaryNode& binary) override { regexp_replace_function(binary); }

    void visit_binary(const BinaryNode& binary) override {
        switch (binary.op()) {
            case Operator::regexp_match:
            case Operator::not_regexp_match:
                if (binary.op() == Operator::not_regexp_match) out_ += "NOT ";
                out_ += "REGEXP_LIKE(";
                process(binary.left());
                out_ += ", ";
                process(binary.right());
                if (binary.regexp_flags()) {
                    out_ += ", ";
                    regexp_flags_bind(binary);
                }
                out_ += ')';
                return;
            case Operator::mod:
                out_ += "mod(";
                process(binary.left());
                out_ += ", ";
                process(binary.right());
                out_ += ')';
                return;
            case Operator::is_distinct_from:
            case Operator::is_not_distinct_from:
                out_ += "DECODE(";
                process(binary.left());
                out_ += ", ";
                process(binary.right());
                out_ += binary.op() == Operator::is_distinct_from ? ", 0, 1) = 1" : ", 0, 1) = 0";
                return;
            default: return SQLCompiler::visit_binary(binary);
        }
    }

private:
    // The limit and offset parameters rendered literal-execute.
    std::vector<const ClauseElement*> literal_binds_;
    // The wrapping SELECTs made while compiling, alive while the compiler names them.
    std::vector<FromClause> keep_;
    std::vector<std::shared_ptr<const SelectNode>> kept_selects_;
};

class OracleDialect final : public DefaultDialect {
public:
    OracleDialect()
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
                  .supports_default_values = false,
                  .supports_empty_insert = false,
                  .supports_identity_columns = true,
                  .supports_comments = true,
                  .max_identifier_length = 128,
              },
              reserved_words()) {
        set_identifier_preparer(std::make_unique<OracleIdentifierPreparer>(reserved_words()));
        set_reflection(make_reflector(*this, server_major_));
    }
    std::string_view name() const noexcept override { return "oracle"; }
    // From Oracle 11 on (SQLAlchemy: a server version above 10), a single-row INSERT returns its
    // new key with RETURNING ... INTO.
    void initialize(DriverConnection& connection) override {
        const auto version = connection.server_version();
        int major = 0;
        for (char c : version) {
            if (c < '0' || c > '9') break;
            major = major * 10 + (c - '0');
        }
        mutable_capabilities().implicit_returning = major > 10;
        server_major_ = major;
    }
    ParamStyle default_paramstyle() const noexcept override { return ParamStyle::named; }

    std::vector<std::string> isolation_levels() const override {
        return {"READ COMMITTED", "SERIALIZABLE", "AUTOCOMMIT"};
    }

    // Oracle has no RELEASE SAVEPOINT: a savepoint lasts until the transaction ends.
    void do_release_savepoint(DriverConnection&, std::string_view) const override {}
    std::unique_ptr<SQLCompiler> statement_compiler(ParamStyle paramstyle) const override {
        return std::make_unique<OracleCompiler>(capabilities(), identifier_preparer(), paramstyle);
    }

    // Names: Oracle's upper case is sqla's lower case (reflection.cpp).
    std::string normalize_name(std::string_view name) const override { return oracle_normalize_name(identifier_preparer(), name); }
    std::string denormalize_name(std::string_view name) const override {
        return oracle_denormalize_name(identifier_preparer(), name);
    }

private:
    int server_major_ = 0;
};

}  // namespace

std::unique_ptr<Dialect> make_dialect() { return std::make_unique<OracleDialect>(); }

}  // namespace sqla::oracle
