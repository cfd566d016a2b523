// sqla: plugins/postgresql/dialect.cpp. PGDialect and PGCompiler: PostgreSQL's SQL, as SQLAlchemy renders it.
// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

import sqla;

namespace sqla::postgresql {
namespace {

// PostgreSQL's reserved key words (SQLAlchemy's postgresql RESERVED_WORDS).
std::unordered_set<std::string> reserved_words() {
    return {"all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "new",
            "not", "null", "of", "off", "offset", "old", "on", "only", "or", "order", "placing", "primary",
            "references", "returning", "select", "session_user", "some", "symmetric", "table", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
            "authorization", "between", "binary", "cross", "current_schema", "freeze", "full", "ilike", "inner", "is",
            "isnull", "join", "left", "like", "natural", "notnull", "outer", "over", "overlaps", "right", "similar",
            "verbose"};
}

class PGCompiler final : public SQLCompiler {
public:
    using SQLCompiler::SQLCompiler;

protected:
    // ILIKE is native.
    std::string_view operator_text(Operator op) const override {
        if (op == Operator::regexp_match) return " ~ ";
        if (op == Operator::not_regexp_match) return " !~ ";
        if (op == Operator::ilike) return " ILIKE ";
        if (op == Operator::not_ilike) return " NOT ILIKE ";
        return SQLCompiler::operator_text(op);
    }
    void visit_binary(const BinaryNode& binary) override {
        if (binary.op() != Operator::ilike && binary.op() != Operator::not_ilike) return SQLCompiler::visit_binary(binary);
        process(binary.left());
        out_ += operator_text(binary.op());
        process(binary.right());
    }
    std::string type_name(const TypeEngine& type) const override {
        switch (type.kind()) {
            case TypeKind::datetime: return type.timezone() ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE";
            case TypeKind::time: return type.timezone() ? "TIME WITH TIME ZONE" : "TIME WITHOUT TIME ZONE";
            case TypeKind::large_binary: return "BYTEA";
            case TypeKind::double_: return "DOUBLE PRECISION";
            default: return SQLCompiler::type_name(type);
        }
    }
    void for_update_clause(const SelectParts& select) override {
        const auto& f = *select.for_update;
        out_ += f.read ? (f.key_share ? " FOR KEY SHARE" : " FOR SHARE") : (f.key_share ? " FOR NO KEY UPDATE" : " FOR UPDATE");
        if (!f.of.empty()) {
            // OF names tables: each column's table, once.
            std::vector<std::string> tables;
            for (const auto& c : f.of) {
                std::string name;
                if (c->kind() == ElementKind::column) {
                    const auto* table = static_cast<const ColumnClauseNode&>(*c).table();
                    if (table && table->kind() == ElementKind::table)
                        name = preparer_.quote(static_cast<const TableNode&>(*table).name());
                    else if (table && table->kind() == ElementKind::alias)
                        name = preparer_.quote(static_cast<const AliasNode&>(*table).name().value_or(""));
                }
                if (name.empty()) name = render(*c);
                if (std::find(tables.begin(), tables.end(), name) == tables.end()) tables.push_back(name);
            }
            out_ += " OF ";
            for (std::size_t i = 0; i < tables.size(); ++i) out_ += (i ? ", " : "") + tables[i];
        }
        if (f.nowait) out_ += " NOWAIT";
        if (f.skip_locked) out_ += " SKIP LOCKED";
    }

    // PostgreSQL needs parentheses around a parameter in OFFSET/FETCH.
    void fetch_clause(const SelectParts& select) override {
        if (select.offset) {
            out_ += "\n OFFSET (";
            process(*select.offset);
            out_ += ") ROWS";
        }
        out_ += "\n FETCH FIRST (";
        process(*select.fetch);
        out_ += select.fetch_percent ? ") PERCENT" : ")";
        out_ += select.fetch_with_ties ? " ROWS WITH TIES" : " ROWS ONLY";
    }

    void limit_clause(const SelectParts& select) override {
        if (select.limit) {
            out_ += " \n LIMIT ";
            process(*select.limit);
        }
        if (select.offset) {
            if (!select.limit) out_ += "\n LIMIT ALL";
            out_ += " OFFSET ";
            process(*select.offset);
        }
    }
};

class PGDialect final : public DefaultDialect {
public:
    PGDialect()
        : DefaultDialect(
              Capabilities{
                  .supports_savepoints = true,
                  .supports_returning = true,
                  .supports_multivalues_insert = true,
                  .supports_native_boolean = true,
                  .supports_native_decimal = true,
                  .supports_sequences = true,
                  .supports_native_enum = true,
                  .supports_alter = true,
                  .supports_default_values = true,
                  .supports_empty_insert = false,
                  .supports_server_side_cursors = true,
                  .max_identifier_length = 63,
              },
              reserved_words()) {}
    std::string_view name() const noexcept override { return "postgresql"; }
    ParamStyle default_paramstyle() const noexcept override { return ParamStyle::pyformat; }
    std::unique_ptr<SQLCompiler> statement_compiler(ParamStyle paramstyle) const override {
        return std::make_unique<PGCompiler>(capabilities(), identifier_preparer(), paramstyle);
    }
};

}  // namespace

std::unique_ptr<Dialect> make_dialect() { return std::make_unique<PGDialect>(); }

}  // namespace sqla::postgresql
