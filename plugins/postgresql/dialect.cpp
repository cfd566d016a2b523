// sqla: plugins/postgresql/dialect.cpp. PGDialect and PGCompiler: PostgreSQL's SQL, as SQLAlchemy renders it.
// SPDX-License-Identifier: MIT
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <system_error>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <variant>
#include <vector>

import sqla;

#include "postgresql_plugin.hpp"

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

// ---- ARRAY values ---------------------------------------------------------------------------
// An ARRAY's value in C++ is a JSON array (boost::json::array), nested for more dimensions.
// It travels as PostgreSQL's array text, '{1,2,NULL}' / '{"a b","c\\"d"}'.

void append_array_literal(const boost::json::value& v, std::string& out) {
    if (v.is_array()) {
        out += '{';
        bool first = true;
        for (const auto& item : v.as_array()) {
            if (!first) out += ',';
            first = false;
            append_array_literal(item, out);
        }
        out += '}';
        return;
    }
    if (v.is_null()) {
        out += "NULL";
        return;
    }
    if (v.is_bool()) {
        out += v.as_bool() ? "t" : "f";
        return;
    }
    if (v.is_string()) {
        out += '"';
        for (char c : v.as_string()) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
        return;
    }
    out += boost::json::serialize(v);  // numbers
}

// One element's text as a JSON value of the item type.
boost::json::value array_item(std::string_view text, bool quoted, TypeKind item) {
    if (!quoted && text == "NULL") return nullptr;
    switch (item) {
        case TypeKind::integer:
        case TypeKind::big_integer:
        case TypeKind::small_integer: {
            std::int64_t i = 0;
            auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
            if (ec == std::errc{} && p == text.data() + text.size()) return i;
            break;
        }
        case TypeKind::float_:
        case TypeKind::double_: {
            double d = 0;
            auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
            if (ec == std::errc{} && p == text.data() + text.size()) return d;
            break;
        }
        case TypeKind::boolean: return text == "t";
        default: break;
    }
    return boost::json::string(text);
}

// Parses PostgreSQL's array text ('{1,2}', '{{1,2},{3,4}}', '{"a,b",NULL}'); nullopt when it
// is not one (then the value is left as it is).
std::optional<boost::json::array> parse_array(std::string_view s, std::size_t& i, TypeKind item) {
    if (i >= s.size() || s[i] != '{') return std::nullopt;
    ++i;
    boost::json::array out;
    if (i < s.size() && s[i] == '}') {
        ++i;
        return out;
    }
    while (i < s.size()) {
        if (s[i] == '{') {
            auto inner = parse_array(s, i, item);
            if (!inner) return std::nullopt;
            out.emplace_back(std::move(*inner));
        } else if (s[i] == '"') {
            std::string text;
            for (++i; i < s.size() && s[i] != '"'; ++i) {
                if (s[i] == '\\' && i + 1 < s.size()) ++i;
                text += s[i];
            }
            if (i >= s.size()) return std::nullopt;
            ++i;
            out.push_back(array_item(text, true, item));
        } else {
            const std::size_t start = i;
            while (i < s.size() && s[i] != ',' && s[i] != '}') ++i;
            out.push_back(array_item(s.substr(start, i - start), false, item));
        }
        if (i >= s.size()) return std::nullopt;
        if (s[i] == ',') {
            ++i;
            continue;
        }
        if (s[i] == '}') {
            ++i;
            return out;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

// The item type of an ARRAY, through nested ARRAYs.
TypeKind item_kind(const TypeEngine& type) {
    const TypeEngine* t = &type;
    while (t->kind() == TypeKind::array && t->details().item) t = t->details().item.get();
    return t->kind();
}

class PGCompiler final : public SQLCompiler {
public:
    /// prefix_with(dialect=...) names this dialect so.
    std::string_view dialect_name() const override { return "postgresql"; }
    PGCompiler(const Capabilities& capabilities, const IdentifierPreparer& preparer, ParamStyle paramstyle,
               bool backslash_escapes = true)
        : SQLCompiler(capabilities, preparer, paramstyle), backslash_escapes_(backslash_escapes) {}

protected:
    // A string literal doubles its backslashes unless the server reads them as written
    // (standard_conforming_strings on), as SQLAlchemy's PGCompiler.render_literal_value does;
    // without a connection that is not known, and SQLAlchemy doubles them.
    std::string render_literal_value(const Value& value, const TypeEngine& type) override {
        std::string out = SQLCompiler::render_literal_value(value, type);
        if (!backslash_escapes_ || value.kind() != ValueKind::text) return out;
        std::string doubled;
        doubled.reserve(out.size());
        for (const char c : out) {
            if (c == '\\') doubled += c;
            doubled += c;
        }
        return doubled;
    }
    bool backslash_escapes_;

    // The libpq driver binds on the server ($1...), which must type every parameter from the
    // SQL; a string where any type would do (concat()'s arguments) leaves it unable to. As
    // SQLAlchemy's asyncpg and psycopg 3 dialects, string parameters say what they are. The
    // driver sends other values typed already; text() parameters have no type to cast to.
    std::string bind_cast(const TypeEngine& type) const override {
        // An ARRAY parameter says its type on every driver (SQLAlchemy's psycopg2 _PGARRAY
        // bind_expression): `%(x)s::INTEGER[]`, so `arr && ?` and `arr <@ ?` resolve.
        if (type.kind() == TypeKind::array) return "::" + type_name(type);
        if (paramstyle_ != ParamStyle::numeric_dollar) return {};
        switch (type.kind()) {
            case TypeKind::string:
            case TypeKind::text:
            case TypeKind::unicode:
            case TypeKind::unicode_text: return "::VARCHAR";
            default: return {};
        }
    }

    void select_precolumns(const SelectParts& select) override {
        if (select.distinct_on.empty()) return SQLCompiler::select_precolumns(select);
        out_ += "DISTINCT ON (";
        for (std::size_t i = 0; i < select.distinct_on.size(); ++i) {
            if (i) out_ += ", ";
            process(*select.distinct_on[i]);
        }
        out_ += ") ";
    }

    // ILIKE is native.
    std::string_view operator_text(Operator op) const override {
        if (op == Operator::regexp_match) return " ~ ";
        if (op == Operator::not_regexp_match) return " !~ ";
        if (op == Operator::ilike) return " ILIKE ";
        if (op == Operator::not_ilike) return " NOT ILIKE ";
        return SQLCompiler::operator_text(op);
    }
    // Full-text search: `x @@ to_tsquery(?)`.
    void visit_match(const BinaryNode& binary) override {
        process(binary.left());
        out_ += " @@ to_tsquery(";
        process(binary.right());
        out_ += ')';
    }
    void visit_regexp_replace(const BinaryNode& binary) override { regexp_replace_function(binary); }
    // regexp_match(flags=): "i" is ~* (case-insensitive); other flags go inline into the
    // pattern, `~ CONCAT('(?', flags, ')', pattern)` (SQLAlchemy's PGCompiler._regexp_match).
    void regexp_match_with_flags(const BinaryNode& binary) {
        const std::string_view base = binary.op() == Operator::regexp_match ? "~" : "!~";
        process(binary.left());
        if (*binary.regexp_flags() == "i") {
            out_ += ' ';
            out_ += base;
            out_ += "* ";
            process(binary.right());
            return;
        }
        out_ += ' ';
        out_ += base;
        out_ += " CONCAT('(?', ";
        regexp_flags_bind(binary);
        out_ += ", ')', ";
        process(binary.right());
        out_ += ')';
    }
    void visit_binary(const BinaryNode& binary) override {
        if (binary.op() == Operator::getitem) {  // ARRAY index: arr[i]
            process(binary.left());
            out_ += '[';
            process(binary.right());
            out_ += ']';
            return;
        }
        if ((binary.op() == Operator::regexp_match || binary.op() == Operator::not_regexp_match) && binary.regexp_flags())
            return regexp_match_with_flags(binary);
        if (binary.op() != Operator::ilike && binary.op() != Operator::not_ilike) return SQLCompiler::visit_binary(binary);
        process(binary.left());
        out_ += operator_text(binary.op());
        process(binary.right());
        // ESCAPE as the base compiler writes it for LIKE: a string literal, '%' doubled for pyformat.
        if (const auto* esc = binary.escape()) {
            out_ += " ESCAPE ";
            for (const char c : render_literal_value(Value(static_cast<const ColumnClauseNode&>(*esc).name()),
                                                     TypeEngine(TypeKind::string))) {
                out_ += c;
                if (c == '%' && (paramstyle_ == ParamStyle::format || paramstyle_ == ParamStyle::pyformat)) out_ += '%';
            }
        }
    }
    std::string type_name(const TypeEngine& type) const override {
        switch (type.kind()) {
            case TypeKind::datetime: return type.timezone() ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE";
            case TypeKind::time: return type.timezone() ? "TIME WITH TIME ZONE" : "TIME WITHOUT TIME ZONE";
            case TypeKind::large_binary: return "BYTEA";
            case TypeKind::double_: return "DOUBLE PRECISION";
            case TypeKind::uuid: return "UUID";
            case TypeKind::json: return type.details().name == "JSONB" ? "JSONB" : "JSON";
            case TypeKind::enum_:
                // A native enum is a named type (created by create_all before its tables).
                if (type.details().native_enum && type.details().name) return preparer_.quote(*type.details().name);
                return SQLCompiler::type_name(type);
            case TypeKind::array: {
                const auto& d = type.details();
                std::string out = d.item ? type_name(*d.item) : std::string("VARCHAR");
                for (int i = 0; i < std::max(1, d.dimensions); ++i) out += "[]";
                return out;
            }
            default: return SQLCompiler::type_name(type);
        }
    }

    std::string_view own_types_dialect() const override { return "postgresql"; }

    // PostgreSQL renders its own UUID type too.
    std::string column_type(const TableSchema&, const Column& column) override {
        const auto& d = column.type().details().dialect;
        if (!d.empty() && d != "postgresql")
            throw CompileError("the postgresql dialect can't render element of type " + column.type().repr());
        return type_name(column.type());
    }

    // The autoincrement column is SERIAL / BIGSERIAL (SQLAlchemy's PGDDLCompiler); SMALLINT keys
    // stay SMALLINT, as without a server version SQLAlchemy assumes no SMALLSERIAL.
    std::string column_specification(const TableSchema& table, const Column& column, bool) override {
        std::string spec = preparer_.quote(column.name());
        const bool identity = column.identity().has_value();
        const auto& type = column.type();
        if (column.is_primary_key() && table.autoincrement_column() == &column && !identity &&
            type.kind() != TypeKind::small_integer && !column.default_value() &&
            (!column.sequence() || column.sequence()->optional())) {
            spec += type.kind() == TypeKind::big_integer ? " BIGSERIAL" : " SERIAL";
        } else {
            spec += " " + column_type(table, column);
            if (auto d = column_default_string(column)) spec += " DEFAULT " + *d;
        }
        if (column.computed()) spec += " " + computed_clause(*column.computed());
        if (identity) spec += " " + identity_clause(*column.identity());
        if (!column.is_nullable() && !identity)
            spec += " NOT NULL";
        else if (column.is_nullable() && identity)
            spec += " NULL";
        return spec;
    }

    // postgresql::aggregate_order_by: `target ORDER BY a, b` inside the aggregate's parentheses.
    void visit_aggregate_order_by(const AggregateOrderByNode& node) override {
        process(node.target());
        out_ += " ORDER BY ";
        for (std::size_t i = 0; i < node.order_by().size(); ++i) {
            if (i) out_ += ", ";
            process(*node.order_by()[i]);
        }
    }

    // PostgreSQL's generated columns are always STORED.
    std::string computed_clause(const Computed& computed) override {
        if (computed.persisted() == false)
            throw CompileError("PostgreSQL computed columns do not support 'virtual' persistence (Computed persisted = "
                               "false); leave persisted unset or set it to true");
        return "GENERATED ALWAYS AS (" + render_literal(*computed.element()) + ") STORED";
    }

    // CREATE INDEX [CONCURRENTLY] ... [USING method] (...) [WHERE ...].
    std::string index_keywords(const Index& index) override {
        const auto* c = index.dialect_options().find("postgresql_concurrently");
        return c && std::holds_alternative<bool>(*c) && std::get<bool>(*c) ? "CONCURRENTLY " : "";
    }
    std::string index_method(const Index& index) override {
        // Index checks that the method is a word; in lower case, as SQLAlchemy writes it.
        const auto* m = index.dialect_options().find("postgresql_using");
        if (!m || !std::holds_alternative<std::string>(*m)) return "";
        std::string method = std::get<std::string>(*m);
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return "USING " + method + " ";
    }
    std::string post_create_index(const Index& index, const TableSchema&) override {
        return partial_index_where(index, "postgresql_where");
    }
    void for_update_clause(const SelectParts& select) override {
        const auto& f = *select.for_update;
        out_ += f.read ? (f.key_share ? " FOR KEY SHARE" : " FOR SHARE") : (f.key_share ? " FOR NO KEY UPDATE" : " FOR UPDATE");
        if (!f.of.empty()) {
            // OF names tables: each column's table, once.
            std::vector<std::string> tables;
            // An anonymous alias by the name the FROM clause gave it (mytable_1).
            auto alias_name = [&](const AliasNode& a) {
                return preparer_.quote(a.name() ? *a.name() : anonymous_name(&a, a.anonymous_base()));
            };
            for (const auto& c : f.of) {
                std::string name;
                if (c->kind() == ElementKind::table)
                    name = preparer_.quote(static_cast<const TableNode&>(*c).name());
                else if (c->kind() == ElementKind::alias)
                    name = alias_name(static_cast<const AliasNode&>(*c));
                if (name.empty() && c->kind() == ElementKind::column) {
                    const auto* table = static_cast<const ColumnClauseNode&>(*c).table();
                    if (table && table->kind() == ElementKind::table)
                        name = preparer_.quote(static_cast<const TableNode&>(*table).name());
                    else if (table && table->kind() == ElementKind::alias)
                        name = alias_name(static_cast<const AliasNode&>(*table));
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

    // UPDATE ... FROM t2 and DELETE ... USING t2 for the WHERE's other tables.
    void update_from_clause(const UpdateNode&, std::span<const FromClauseNode* const> extra) override {
        out_ += " FROM ";
        for (std::size_t i = 0; i < extra.size(); ++i) {
            if (i) out_ += ", ";
            process(*extra[i]);
        }
    }
    void delete_extra_from_clause(const DeleteNode&, std::span<const FromClauseNode* const> extra) override {
        out_ += " USING ";
        for (std::size_t i = 0; i < extra.size(); ++i) {
            if (i) out_ += ", ";
            process(*extra[i]);
        }
    }

    // INSERT ... ON CONFLICT (on_conflict_do_nothing / on_conflict_do_update).
    void upsert_clause(const InsertParts& insert) override { on_conflict_clause(insert); }

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
                  .implicit_returning = true,
                  .supports_multivalues_insert = true,
                  // Batches of multi-row VALUES, with and without RETURNING, as psycopg2's dialect.
                  .use_insertmanyvalues = true,
                  .use_insertmanyvalues_wo_returning = true,
                  .supports_native_boolean = true,
                  .supports_native_decimal = true,
                  .supports_sequences = true,
                  .supports_native_enum = true,
                  .enum_is_named_type = true,
                  .supports_alter = true,
                  .supports_default_values = true,
                  .supports_empty_insert = false,
                  .supports_server_side_cursors = true,
                  .supports_identity_columns = true,
                  .supports_comments = true,
                  .max_identifier_length = 63,
              },
              reserved_words()) {
        set_reflection(make_reflector(*this));
    }
    std::string_view name() const noexcept override { return "postgresql"; }
    ParamStyle default_paramstyle() const noexcept override { return ParamStyle::pyformat; }
    BindProcessor bind_processor(const TypeEngine& type) const override {
        if (type.kind() != TypeKind::array) return Dialect::bind_processor(type);
        return [](Value& v) {
            if (v.kind() != ValueKind::json) return;  // text given as the literal itself, or NULL
            const auto& doc = std::get<boost::json::value>(v.storage());
            if (!doc.is_array()) throw TypeError("an ARRAY value is a JSON array, not " + v.repr());
            std::string text;
            append_array_literal(doc, text);
            v = Value(std::move(text));
        };
    }
    ResultProcessor result_processor(const TypeEngine& type) const override {
        if (type.kind() != TypeKind::array) return Dialect::result_processor(type);
        const TypeKind item = item_kind(type);
        return [item](Value& v) {
            if (v.kind() != ValueKind::text) return;
            const auto& text = std::get<std::string>(v.storage());
            std::size_t i = 0;
            auto parsed = parse_array(text, i, item);
            if (parsed && i == text.size()) v = Value(boost::json::value(std::move(*parsed)));
        };
    }

    std::unique_ptr<SQLCompiler> statement_compiler(ParamStyle paramstyle) const override {
        return std::make_unique<PGCompiler>(capabilities(), identifier_preparer(), paramstyle, backslash_escapes_);
    }

    void initialize(DriverConnection& connection) override {
        DefaultDialect::initialize(connection);
        try {
            auto cursor = connection.execute(DriverStatement{"SHOW standard_conforming_strings", 0}, {}, CursorOptions{});
            std::vector<Value> row(1);
            if (cursor->fetch()) {
                cursor->read_row(row);
                if (row[0].kind() == ValueKind::text) backslash_escapes_ = std::get<std::string>(row[0].storage()) != "on";
            }
            cursor->close();
        } catch (const DriverError&) {
            // Unknown: keep doubling, as SQLAlchemy does without the setting.
        }
    }

private:
    // Whether string literals double backslashes: until a connection shows
    // standard_conforming_strings on (every server since 9.1 by default), as SQLAlchemy.
    bool backslash_escapes_ = true;
};

}  // namespace

std::unique_ptr<Dialect> make_dialect() { return std::make_unique<PGDialect>(); }

}  // namespace sqla::postgresql
