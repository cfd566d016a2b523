// sqla: sql/compiler_ddl.cpp. SQLCompiler's DDL: CREATE/DROP TABLE, INDEX, SEQUENCE, ALTER TABLE
// constraints and comments, as SQLAlchemy's DDLCompiler renders them.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

module sqla;

namespace sqla {

namespace {

std::string quoted_string(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += '\'';
        out += c;
    }
    out += '\'';
    return out;
}

}  // namespace

std::string SQLCompiler::render_literal_value(const Value& value, const TypeEngine& type) {
    switch (value.kind()) {
        case ValueKind::null: return "NULL";
        case ValueKind::boolean: {
            const bool b = std::get<bool>(value.storage());
            return capabilities_.supports_native_boolean ? (b ? "true" : "false") : (b ? "1" : "0");
        }
        case ValueKind::integer: return std::to_string(std::get<std::int64_t>(value.storage()));
        case ValueKind::real: {
            char buf[32];
            auto r = std::to_chars(buf, buf + sizeof buf, std::get<double>(value.storage()));
            std::string text(buf, r.ptr);
            if (text.find_first_of(".en") == std::string::npos) text += ".0";
            return text;
        }
        case ValueKind::text: return quoted_string(std::get<std::string>(value.storage()));
        default: break;
    }
    throw CompileError("no literal value renderer is available for literal value " + value.repr() + " with datatype " +
                       type.repr());
}

std::string SQLCompiler::render_literal(const ClauseElement& element, bool include_table) {
    const bool saved_literal = literal_binds_;
    const bool saved_table = include_table_;
    literal_binds_ = true;
    include_table_ = include_table;
    std::string saved_out = std::move(out_);
    out_.clear();
    try {
        process(element);
    } catch (...) {
        out_ = std::move(saved_out);
        literal_binds_ = saved_literal;
        include_table_ = saved_table;
        throw;
    }
    std::string text = std::move(out_);
    out_ = std::move(saved_out);
    literal_binds_ = saved_literal;
    include_table_ = saved_table;
    return text;
}

std::string SQLCompiler::format_table(const TableSchema& table) const {
    std::string out;
    if (table.schema()) out += quote_schema(*table.schema()) + ".";
    return out + preparer_.quote(table.name());
}

void SQLCompiler::visit_ddl(const DDLNode& ddl) {
    switch (ddl.ddl_kind()) {
        case DDLKind::create_table: return visit_create_table(ddl);
        case DDLKind::drop_table: return visit_drop_table(ddl);
        case DDLKind::create_index: return visit_create_index(ddl);
        case DDLKind::drop_index: return visit_drop_index(ddl);
        case DDLKind::add_constraint: return visit_add_constraint(ddl);
        case DDLKind::drop_constraint: return visit_drop_constraint(ddl);
        case DDLKind::create_sequence: return visit_create_sequence(ddl);
        case DDLKind::drop_sequence: return visit_drop_sequence(ddl);
        case DDLKind::set_table_comment: return visit_set_table_comment(ddl);
        case DDLKind::set_column_comment: return visit_set_column_comment(ddl);
        case DDLKind::create_type: return visit_create_type(ddl);
        case DDLKind::drop_type: return visit_drop_type(ddl);
    }
}

void SQLCompiler::visit_create_table(const DDLNode& create) {
    const auto& table = create.table_schema();
    out_ += "\nCREATE ";
    for (const auto& prefix : table.prefixes()) out_ += prefix + " ";
    out_ += "TABLE ";
    if (create.if_not_exists) out_ += "IF NOT EXISTS ";
    out_ += format_table(table) + " (";
    std::string_view separator = "\n";
    bool first_pk = false;
    for (const auto& column : table.columns()) {
        std::string spec;
        try {
            spec = column_specification(table, column, column.is_primary_key() && !first_pk);
            for (const auto& ck : column.constraints()) {
                auto text = constraint_clause(table, ck);
                if (!text.empty()) spec += " " + text;
            }
        } catch (const CompileError& e) {
            throw CompileError("(in table '" + table.name() + "', column '" + column.name() + "'): " + e.what());
        }
        out_ += separator;
        separator = ", \n";
        out_ += '\t';
        out_ += spec;
        if (column.is_primary_key()) first_pk = true;
    }
    // The primary key, then the other constraints in declaration order (SQLAlchemy's
    // create_table_constraints); use_alter keys come later by ALTER TABLE where there is one.
    std::vector<std::string> parts;
    if (const auto* pk = table.primary_key()) {
        auto text = constraint_clause(table, *pk);
        if (!text.empty()) parts.push_back(std::move(text));
    }
    const auto& constraints = table.constraints();
    for (std::size_t i = 0; i < constraints.size(); ++i) {
        const auto& c = constraints[i];
        if (std::find(create.omit_constraints.begin(), create.omit_constraints.end(), i) != create.omit_constraints.end())
            continue;
        if (!should_create_constraint(c)) continue;
        if (capabilities_.supports_alter && c.use_alter()) continue;
        auto text = constraint_clause(table, c);
        if (!text.empty()) parts.push_back(std::move(text));
    }
    if (!parts.empty()) {
        out_ += separator;
        out_ += '\t';
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (i) out_ += ", \n\t";
            out_ += parts[i];
        }
    }
    out_ += "\n)" + post_create_table(table) + "\n\n";
}

std::string SQLCompiler::post_create_table(const TableSchema&) { return {}; }

std::string SQLCompiler::column_type(const TableSchema&, const Column& column) {
    const auto& type = column.type();
    if (!type.details().dialect.empty())
        throw CompileError("this dialect can't render element of type " + type.repr() + ", a " + type.details().dialect +
                           " type");
    return type_name(type);
}

std::string SQLCompiler::computed_clause(const Computed& computed) {
    std::string out = "GENERATED ALWAYS AS (" + render_literal(*computed.element()) + ")";
    if (computed.persisted()) out += *computed.persisted() ? " STORED" : " VIRTUAL";
    return out;
}

std::string SQLCompiler::column_specification(const TableSchema& table, const Column& column, bool) {
    std::string spec = preparer_.quote(column.name()) + " " + column_type(table, column);
    if (auto d = column_default_string(column)) spec += " DEFAULT " + *d;
    if (column.computed()) spec += " " + computed_clause(*column.computed());
    const bool identity = column.identity() && capabilities_.supports_identity_columns;
    if (identity) spec += " " + identity_clause(*column.identity());
    if (!column.is_nullable() && !identity) spec += " NOT NULL";
    return spec;
}

std::optional<std::string> SQLCompiler::column_default_string(const Column& column) {
    const auto& d = column.server_default();
    if (!d) return std::nullopt;
    switch (d->kind()) {
        case ServerDefault::Kind::literal: return render_literal_value(Value(d->literal()), TypeEngine(TypeKind::string));
        case ServerDefault::Kind::text:
        case ServerDefault::Kind::expression: return render_literal(*d->element());
    }
    return std::nullopt;
}

std::string SQLCompiler::identity_options(const IdentityOptions& o) {
    std::vector<std::string> parts;
    if (o.increment) parts.push_back("INCREMENT BY " + std::to_string(*o.increment));
    if (o.start) parts.push_back("START WITH " + std::to_string(*o.start));
    if (o.minvalue) parts.push_back("MINVALUE " + std::to_string(*o.minvalue));
    if (o.maxvalue) parts.push_back("MAXVALUE " + std::to_string(*o.maxvalue));
    if (o.nominvalue) parts.push_back("NO MINVALUE");
    if (o.nomaxvalue) parts.push_back("NO MAXVALUE");
    if (o.cache) parts.push_back("CACHE " + std::to_string(*o.cache));
    if (o.order) parts.push_back(*o.order ? "ORDER" : "NO ORDER");
    if (o.cycle) parts.push_back(*o.cycle ? "CYCLE" : "NO CYCLE");
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " " : "") + parts[i];
    return out;
}

std::string SQLCompiler::identity_clause(const Identity& identity) {
    std::string text = "GENERATED ";
    if (identity.always) text += *identity.always ? "ALWAYS" : "BY DEFAULT";
    if (identity.on_null) text += " ON NULL";
    text += " AS IDENTITY";
    auto options = identity_options(identity.options);
    if (!options.empty()) text += " (" + options + ")";
    return text;
}

bool SQLCompiler::should_create_constraint(const Constraint& c) const {
    switch (c.rule()) {
        case ConstraintRule::always: return true;
        case ConstraintRule::non_native_boolean:
            return !capabilities_.supports_native_boolean && capabilities_.non_native_boolean_check_constraint;
        case ConstraintRule::non_native_enum: return true;
    }
    return true;
}

std::string SQLCompiler::constraint_deferrability(const Constraint& c) {
    std::string text;
    if (c.deferrable()) text += *c.deferrable() ? " DEFERRABLE" : " NOT DEFERRABLE";
    if (c.initially()) text += " INITIALLY " + *c.initially();
    return text;
}

std::string SQLCompiler::constraint_cascades(const Constraint& c) {
    std::string text;
    if (c.ondelete()) text += " ON DELETE " + *c.ondelete();
    if (c.onupdate()) text += " ON UPDATE " + *c.onupdate();
    return text;
}

std::string SQLCompiler::constraint_clause(const TableSchema& table, const Constraint& c) {
    std::string text;
    if (c.name()) text += "CONSTRAINT " + preparer_.quote(*c.name()) + " ";
    auto columns = [&](const std::vector<std::string>& names) {
        std::string out;
        for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + preparer_.quote(names[i]);
        return out;
    };
    switch (c.kind()) {
        case ConstraintKind::primary_key: {
            if (c.columns().empty()) return {};
            text += "PRIMARY KEY (" + columns(c.columns()) + ")";
            break;
        }
        case ConstraintKind::unique: {
            if (c.columns().empty()) return {};
            text += "UNIQUE (" + columns(c.columns()) + ")";
            break;
        }
        case ConstraintKind::check: {
            text += "CHECK (" + render_literal(*c.sqltext()) + ")";
            break;
        }
        case ConstraintKind::foreign_key: {
            const auto& target = c.referred().front();
            std::string remote;
            std::optional<std::string> schema = target.schema;
            if (!schema)
                if (auto referred = table.referred_table(target)) schema = referred->schema();
            if (schema) remote += preparer_.quote(*schema) + ".";
            remote += preparer_.quote(target.table);
            std::vector<std::string> remote_columns;
            for (const auto& r : c.referred()) remote_columns.push_back(r.column);
            text += "FOREIGN KEY(" + columns(c.columns()) + ") REFERENCES " + remote + " (" + columns(remote_columns) + ")";
            if (c.match()) text += " MATCH " + *c.match();
            text += constraint_cascades(c);
            break;
        }
    }
    return text + constraint_deferrability(c);
}

void SQLCompiler::visit_drop_table(const DDLNode& drop) {
    out_ += "\nDROP TABLE ";
    if (drop.if_exists) out_ += "IF EXISTS ";
    out_ += format_table(drop.table_schema());
}

std::string SQLCompiler::index_elements(const Index& index, const TableSchema&) {
    std::string out;
    for (std::size_t i = 0; i < index.elements().size(); ++i) {
        const auto& e = index.elements()[i];
        if (i) out += ", ";
        out += e.expression() ? render_literal(*e.expression()) : preparer_.quote(e.column());
    }
    return out;
}

std::string SQLCompiler::post_create_index(const Index&, const TableSchema&) { return {}; }

std::string SQLCompiler::partial_index_where(const Index& index, std::string_view option) {
    const auto* where = index.dialect_options().find(option);
    if (!where || !std::holds_alternative<ColumnElement>(*where)) return {};
    return " WHERE " + render_literal(std::get<ColumnElement>(*where).node());
}

std::string SQLCompiler::index_keywords(const Index&) { return {}; }
std::string SQLCompiler::index_method(const Index&) { return {}; }

// The index name is not schema-qualified here (SQLAlchemy's include_schema=False): the index
// lives in its table's schema, and PostgreSQL refuses a qualified name in CREATE INDEX.
void SQLCompiler::visit_create_index(const DDLNode& create) {
    const auto& index = *create.index;
    const auto& table = create.table_schema();
    if (!index.name()) throw CompileError("CREATE INDEX requires that the index have a name");
    out_ += "CREATE ";
    if (index.unique()) out_ += "UNIQUE ";
    out_ += "INDEX " + index_keywords(index);
    if (create.if_not_exists) out_ += "IF NOT EXISTS ";
    out_ += preparer_.quote(*index.name()) + " ON " + format_table(table) + " " + index_method(index) + "(" +
            index_elements(index, table) + ")";
    out_ += post_create_index(index, table);
}

void SQLCompiler::visit_drop_index(const DDLNode& drop) {
    const auto& index = *drop.index;
    if (!index.name()) throw CompileError("DROP INDEX requires that the index have a name");
    const auto& table = drop.table_schema();
    out_ += "\nDROP INDEX ";
    if (drop.if_exists) out_ += "IF EXISTS ";
    if (table.schema()) out_ += quote_schema(*table.schema()) + ".";
    out_ += preparer_.quote(*index.name());
}

void SQLCompiler::visit_add_constraint(const DDLNode& add) {
    const auto& table = add.table_schema();
    out_ += "ALTER TABLE " + format_table(table) + " ADD " + constraint_clause(table, *add.constraint);
}

void SQLCompiler::visit_drop_constraint(const DDLNode& drop) {
    const auto& c = *drop.constraint;
    if (!c.name()) throw CompileError("can't emit DROP CONSTRAINT for a constraint without a name");
    out_ += "ALTER TABLE " + format_table(drop.table_schema()) + " DROP CONSTRAINT ";
    if (drop.if_exists) out_ += "IF EXISTS ";
    out_ += preparer_.quote(*c.name());
    if (drop.cascade) out_ += " CASCADE";
}

void SQLCompiler::visit_create_sequence(const DDLNode& create) {
    const auto& seq = *create.sequence;
    if (!capabilities_.supports_sequences) throw CompileError("this dialect does not support sequences (CREATE SEQUENCE)");
    out_ += "CREATE SEQUENCE ";
    if (seq.schema()) out_ += quote_schema(*seq.schema()) + ".";
    out_ += preparer_.quote(seq.name());
    auto options = identity_options(seq.options());
    if (!options.empty()) out_ += " " + options;
}

void SQLCompiler::visit_drop_sequence(const DDLNode& drop) {
    const auto& seq = *drop.sequence;
    if (!capabilities_.supports_sequences) throw CompileError("this dialect does not support sequences (DROP SEQUENCE)");
    out_ += "DROP SEQUENCE ";
    if (seq.schema()) out_ += quote_schema(*seq.schema()) + ".";
    out_ += preparer_.quote(seq.name());
}

void SQLCompiler::visit_create_type(const DDLNode& create) {
    if (!capabilities_.enum_is_named_type)
        throw CompileError("this dialect has no named enum types (CREATE TYPE " + *create.type->details().name + ")");
    out_ += "CREATE TYPE " + preparer_.quote(*create.type->details().name) + " AS ENUM (";
    const auto& values = create.type->details().enum_values;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out_ += ", ";
        out_ += render_literal_value(Value(values[i]), TypeEngine(TypeKind::string));
    }
    out_ += ')';
}

void SQLCompiler::visit_drop_type(const DDLNode& drop) {
    if (!capabilities_.enum_is_named_type)
        throw CompileError("this dialect has no named enum types (DROP TYPE " + *drop.type->details().name + ")");
    out_ += "DROP TYPE " + preparer_.quote(*drop.type->details().name);
}

void SQLCompiler::visit_set_table_comment(const DDLNode& comment) {
    const auto& table = comment.table_schema();
    out_ += "COMMENT ON TABLE " + format_table(table) + " IS ";
    out_ += table.comment() ? render_literal_value(Value(*table.comment()), TypeEngine(TypeKind::string)) : "NULL";
}

void SQLCompiler::visit_set_column_comment(const DDLNode& comment) {
    const auto& table = comment.table_schema();
    const Column* column = table.column(comment.column);
    out_ += "COMMENT ON COLUMN " + format_table(table) + "." + preparer_.quote(column->name()) + " IS ";
    out_ += column->comment() ? render_literal_value(Value(*column->comment()), TypeEngine(TypeKind::string)) : "NULL";
}

}  // namespace sqla
