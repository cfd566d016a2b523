// sqla: schema/table.cpp. Table declarations, naming conventions, and MetaData.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

module sqla;

namespace sqla {

struct MetaData::State {
    std::mutex mutex;
    std::vector<std::shared_ptr<TableSchema>> tables;
    NamingConvention naming_convention;
    std::optional<std::string> schema;
    DDLEvents events;
};

namespace {

// A column of a table as an expression (the declaration owns the node, so no cycle).
ColumnElement own_column(const std::shared_ptr<const TableNode>& node, const std::string& key) {
    return ColumnElement(ColumnElementPtr(node, node->find_column(key)));
}

// Replaces SQLAlchemy's %(token)s markers of a naming convention.
std::string format_convention(std::string_view pattern, const std::vector<std::pair<std::string, std::string>>& tokens,
                              std::string_view kind) {
    std::string out;
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern.compare(i, 2, "%(") == 0) {
            const auto close = pattern.find(")s", i);
            if (close == std::string_view::npos) break;
            const auto token = pattern.substr(i + 2, close - i - 2);
            const auto it = std::find_if(tokens.begin(), tokens.end(), [&](const auto& t) { return t.first == token; });
            if (it == tokens.end()) {
                if (token == "constraint_name")
                    throw InvalidRequestError("naming convention \"" + std::string(pattern) +
                                              "\" includes %(constraint_name)s, which requires that the " +
                                              std::string(kind) + " constraint be named explicitly");
                throw InvalidRequestError("naming convention \"" + std::string(pattern) + "\": unknown token %(" +
                                          std::string(token) + ")s for a " + std::string(kind) + " constraint");
            }
            out += it->second;
            i = close + 2;
        } else {
            out += pattern[i++];
        }
    }
    return out;
}

// The tokens of a constraint or index over `columns` of `table`.
std::vector<std::pair<std::string, std::string>> convention_tokens(const TableSchema& table,
                                                                   const std::vector<std::string>& column_names) {
    std::vector<std::pair<std::string, std::string>> tokens{{"table_name", table.name()}};
    std::string names_n, names_u, keys_n, keys_u, labels_n, labels_u;
    for (std::size_t i = 0; i < column_names.size(); ++i) {
        const Column* c = table.column_by_name(column_names[i]);
        const std::string key = c ? c->key() : column_names[i];
        const std::string label = table.name() + "_" + column_names[i];
        if (i == 0) {
            tokens.emplace_back("column_0_name", column_names[i]);
            tokens.emplace_back("column_0_key", key);
            tokens.emplace_back("column_0_label", label);
        }
        names_n += column_names[i];
        names_u += (i ? "_" : "") + column_names[i];
        keys_n += key;
        keys_u += (i ? "_" : "") + key;
        labels_n += label;
        labels_u += (i ? "_" : "") + label;
    }
    tokens.emplace_back("column_0N_name", names_n);
    tokens.emplace_back("column_0_N_name", names_u);
    tokens.emplace_back("column_0N_key", keys_n);
    tokens.emplace_back("column_0_N_key", keys_u);
    tokens.emplace_back("column_0N_label", labels_n);
    tokens.emplace_back("column_0_N_label", labels_u);
    return tokens;
}

const std::string* convention_for(const NamingConvention& conventions, std::string_view kind) {
    for (const auto& [k, v] : conventions)
        if (k == kind) return &v;
    return nullptr;
}

std::string_view kind_key(ConstraintKind kind) {
    switch (kind) {
        case ConstraintKind::primary_key: return "pk";
        case ConstraintKind::foreign_key: return "fk";
        case ConstraintKind::unique: return "uq";
        case ConstraintKind::check: return "ck";
    }
    return "";
}

// SQLAlchemy's PrimaryKeyConstraint._autoincrement_column validation.
bool autoincrement_candidate(const Column& col, bool declared, const std::string& table) {
    const auto kind = col.type().kind();
    const bool numeric_type = col.type().is_integer() || kind == TypeKind::numeric;
    if (!numeric_type) {
        if (declared)
            throw ArgumentError("column type " + col.type().repr() + " on column '" + table + "." + col.name() +
                                "' is not compatible with autoincrement");
        return false;
    }
    if (declared) return true;
    if (col.default_value()) return false;
    if (col.server_default()) return false;
    if (!col.foreign_keys().empty()) return false;
    return true;
}

}  // namespace

// --- TableSchema --------------------------------------------------------------------------

std::string TableSchema::fullname() const { return schema_ ? *schema_ + "." + name_ : name_; }

const Column* TableSchema::column(std::string_view key) const noexcept {
    for (const auto& c : columns_)
        if (c.key() == key) return &c;
    return nullptr;
}

const Column* TableSchema::column_by_name(std::string_view name) const noexcept {
    for (const auto& c : columns_)
        if (c.name() == name) return &c;
    return nullptr;
}

std::vector<const Column*> TableSchema::primary_key_columns() const {
    std::vector<const Column*> out;
    if (!primary_key_) return out;
    for (const auto& name : primary_key_->columns()) out.push_back(column_by_name(name));
    return out;
}

Table::Table(std::shared_ptr<TableSchema> schema) : FromClause(schema->node_ptr()), schema_(std::move(schema)) {}

const ColumnClauseNode& TableSchema::column_node(const Column& column) const {
    if (const auto* c = node_->find_column(column.key())) return *c;
    throw NoSuchColumnError("table \"" + fullname() + "\" has no column \"" + column.key() + "\"");
}

std::optional<Table> TableSchema::referred_table(const ForeignKeyTarget& target) const {
    auto state = std::static_pointer_cast<MetaData::State>(metadata_.lock());
    if (!state) return std::nullopt;
    std::lock_guard lock(state->mutex);
    for (const auto& t : state->tables)
        if (t->name() == target.table && t->schema() == (target.schema ? target.schema : state->schema)) return Table(t);
    return std::nullopt;
}

void TableSchema::name_constraint(Constraint& c) const {
    auto state = std::static_pointer_cast<MetaData::State>(metadata_.lock());
    if (!state) return;
    const std::string* pattern = convention_for(state->naming_convention, kind_key(c.kind()));
    if (!pattern) return;
    const bool wants_name = pattern->find("%(constraint_name)s") != std::string::npos;
    if (c.name() && !wants_name) return;
    auto tokens = convention_tokens(*this, c.columns());
    if (c.name()) tokens.emplace_back("constraint_name", *c.name());
    if (c.kind() == ConstraintKind::foreign_key && !c.referred().empty()) {
        tokens.emplace_back("referred_table_name", c.referred().front().table);
        tokens.emplace_back("referred_column_0_name", c.referred().front().column);
        std::string n, u;
        for (std::size_t i = 0; i < c.referred().size(); ++i) {
            n += c.referred()[i].column;
            u += (i ? "_" : "") + c.referred()[i].column;
        }
        tokens.emplace_back("referred_column_0N_name", n);
        tokens.emplace_back("referred_column_0_N_name", u);
    }
    c.set_name(format_convention(*pattern, tokens, kind_key(c.kind())));
}

void TableSchema::name_index(Index& ix) const {
    if (ix.name()) return;
    auto state = std::static_pointer_cast<MetaData::State>(metadata_.lock());
    if (!state) return;
    const std::string* pattern = convention_for(state->naming_convention, "ix");
    if (!pattern) return;
    std::vector<std::string> names;
    for (const auto& e : ix.elements()) {
        if (!e.column().empty()) {
            names.push_back(e.column());
        } else if (e.expression() && e.expression()->kind() == ElementKind::column) {
            names.push_back(static_cast<const ColumnClauseNode&>(*e.expression()).name());
        } else {
            names.push_back("expr");
        }
    }
    ix.set_name(format_convention(*pattern, convention_tokens(*this, names), "ix"));
}

const Index& TableSchema::add_index(Index index) {
    std::vector<IndexElement> resolved;
    for (const auto& e : index.elements()) {
        if (e.expression()) {
            // A plain column of this table is a column, not an expression (MySQL renders
            // expressions in parentheses, and prefix lengths apply to columns).
            const auto& x = *e.expression();
            if (x.kind() == ElementKind::column && static_cast<const ColumnClauseNode&>(x).table() == node_.get())
                resolved.emplace_back(static_cast<const ColumnClauseNode&>(x).name());
            else
                resolved.push_back(e);
            continue;
        }
        const Column* c = column(e.column());
        if (!c) c = column_by_name(e.column());
        if (!c)
            throw ArgumentError("Index " + index.name().value_or("(unnamed)") + " names column \"" + e.column() +
                                "\", which table \"" + fullname() + "\" does not have");
        resolved.emplace_back(c->name());
    }
    index.set_elements(std::move(resolved));
    index.set_table(node_.get());
    name_index(index);
    // Declaring an index of the same name again replaces it (building the same Index twice
    // must not create it twice).
    for (auto& existing : indexes_)
        if (existing.name() && existing.name() == index.name()) {
            existing = std::move(index);
            return existing;
        }
    indexes_.push_back(std::move(index));
    return indexes_.back();
}

void TableSchema::add_constraint(Constraint c) {
    std::vector<std::string> names;
    for (const auto& key : c.columns()) {
        const Column* col = column(key);
        if (!col) col = column_by_name(key);
        if (!col)
            throw ArgumentError("constraint " + c.name().value_or("(unnamed)") + " names column \"" + key +
                                "\", which table \"" + fullname() + "\" does not have");
        names.push_back(col->name());
    }
    c.set_columns(std::move(names));
    name_constraint(c);
    if (c.kind() == ConstraintKind::primary_key) {
        if (primary_key_ && !primary_key_->columns().empty())
            throw ArgumentError("table \"" + fullname() + "\" has two primary keys");
        primary_key_ = std::move(c);
        return;
    }
    constraints_.push_back(std::move(c));
}

// --- Table --------------------------------------------------------------------------------

Table::Table(MetaData& metadata, std::string name, std::vector<TableItem> items) : FromClause(nullptr) {
    TableOptions options;
    std::vector<Column> columns;
    std::vector<Constraint> constraints;
    std::vector<Index> indexes;
    for (auto& item : items) {
        if (auto* c = std::get_if<Column>(&item)) {
            for (const auto& other : columns)
                if (other.name() == c->name() || other.key() == c->key())
                    throw ArgumentError("table \"" + name + "\" declares column \"" + c->name() + "\" twice");
            columns.push_back(std::move(*c));
        } else if (auto* k = std::get_if<Constraint>(&item)) {
            constraints.push_back(std::move(*k));
        } else if (auto* ix = std::get_if<Index>(&item)) {
            indexes.push_back(std::move(*ix));
        } else {
            auto& o = std::get<TableOptions>(item);
            if (o.schema) options.schema = o.schema;
            if (o.comment) options.comment = o.comment;
            options.prefixes.insert(options.prefixes.end(), o.prefixes.begin(), o.prefixes.end());
            for (const auto& [n, v] : o.dialect_options.items()) options.dialect_options.set(n, v);
        }
    }
    // A prefix is written between CREATE and TABLE as given (TEMPORARY, UNLOGGED, GLOBAL
    // TEMPORARY): keywords only, words separated by single spaces.
    for (const auto& prefix : options.prefixes) {
        bool ok = !prefix.empty() && prefix.front() != ' ' && prefix.back() != ' ' && prefix.find("  ") == std::string::npos;
        for (const char ch : prefix) {
            const auto c = static_cast<unsigned char>(ch);
            ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ' ');
        }
        if (!ok)
            throw ArgumentError("table \"" + name + "\": the prefix \"" + prefix +
                                "\" is not a keyword (prefixes are words such as TEMPORARY, written into CREATE ... TABLE "
                                "as given)");
    }
    auto state = metadata.state_;
    if (!options.schema) options.schema = state->schema;

    // An explicit PRIMARY KEY makes its columns primary-key columns.
    for (const auto& k : constraints) {
        if (k.kind() != ConstraintKind::primary_key) continue;
        for (const auto& key : k.columns()) {
            auto it = std::find_if(columns.begin(), columns.end(),
                                   [&](const Column& c) { return c.key() == key || c.name() == key; });
            if (it == columns.end())
                throw ArgumentError("primary key of table \"" + name + "\" names column \"" + key +
                                    "\", which the table does not have");
            it->primary_key_ = true;
        }
    }

    std::vector<TableNode::ColumnSpec> specs;
    specs.reserve(columns.size());
    for (const auto& c : columns) specs.push_back({c.name(), c.type(), c.key()});
    auto node = std::make_shared<TableNode>(name, options.schema, specs);

    auto info = std::make_shared<TableSchema>();
    info->name_ = name;
    info->schema_ = options.schema;
    info->columns_ = std::move(columns);
    info->comment_ = options.comment;
    info->prefixes_ = options.prefixes;
    info->dialect_options_ = options.dialect_options;
    info->node_ = node;
    info->metadata_ = state;

    // The primary key: the declared constraint, else the columns marked primary_key.
    bool explicit_pk = false;
    for (auto& k : constraints)
        if (k.kind() == ConstraintKind::primary_key) {
            info->add_constraint(k);
            explicit_pk = true;
        }
    if (!explicit_pk) {
        std::vector<std::string> pk;
        for (const auto& c : info->columns_)
            if (c.is_primary_key()) pk.push_back(c.name());
        if (!pk.empty()) info->add_constraint(PrimaryKeyConstraint(std::move(pk)));
    }
    // Constraints passed to the table come first (SQLAlchemy orders constraints by creation, and
    // these exist before the table); then those the columns imply.
    for (auto& k : constraints)
        if (k.kind() != ConstraintKind::primary_key) info->add_constraint(std::move(k));
    for (const auto& c : info->columns_) {
        const auto& type = c.type();
        if (type.kind() == TypeKind::boolean && type.details().create_constraint) {
            CheckConstraint ck(own_column(node, c.key()).in_({0, 1}), {.name = type.details().name});
            ck.set_rule(ConstraintRule::non_native_boolean);
            info->add_constraint(std::move(ck));
        }
        if (type.kind() == TypeKind::enum_ && type.details().create_constraint) {
            std::vector<Value> values(type.details().enum_values.begin(), type.details().enum_values.end());
            CheckConstraint ck(own_column(node, c.key()).in_(values), {.name = type.details().name});
            ck.set_rule(ConstraintRule::non_native_enum);
            info->add_constraint(std::move(ck));
        }
        for (const auto& fk : c.foreign_keys())
            info->add_constraint(ForeignKeyConstraint({c.name()}, std::vector<std::string>{fk.target().spec()}, fk.options()));
        if (c.is_unique() && !c.is_indexed()) info->add_constraint(UniqueConstraint({c.name()}));
    }
    for (auto& ix : indexes) info->add_index(std::move(ix));
    for (const auto& c : info->columns_)
        if (c.is_indexed()) info->add_index(Index(std::nullopt, {c.name()}, {.unique = c.is_unique()}));

    // The autoincrement column (SQLAlchemy's PrimaryKeyConstraint._autoincrement_column).
    const auto pk = info->primary_key_columns();
    if (pk.size() == 1) {
        const Column& col = *pk.front();
        const auto& declared = col.autoincrement();
        if (declared != false && autoincrement_candidate(col, declared == true, name)) info->autoincrement_ = &col;
    } else {
        for (const Column* col : pk) {
            if (col->autoincrement() != true) continue;
            autoincrement_candidate(*col, true, name);
            if (info->autoincrement_)
                throw ArgumentError("only one column of table \"" + name + "\" may be autoincrement");
            info->autoincrement_ = col;
        }
    }

    node->attach_schema(info);
    std::lock_guard lock(state->mutex);
    for (const auto& existing : state->tables)
        if (existing->name() == name && existing->schema() == options.schema)
            throw InvalidRequestError("table \"" + info->fullname() + "\" is already defined for this MetaData");
    state->tables.push_back(info);
    static_cast<FromClause&>(*this) = FromClause(std::move(node));
    schema_ = std::move(info);
}

Table::Table(MetaData& metadata, std::string name, std::optional<std::string> schema, std::vector<Column> columns)
    : Table(metadata, std::move(name), [&] {
          std::vector<TableItem> items;
          if (schema) items.emplace_back(TableOptions{.schema = schema});
          for (auto& c : columns) items.emplace_back(std::move(c));
          return items;
      }()) {}

const std::string& Table::name() const noexcept { return schema_->name(); }
const std::optional<std::string>& Table::schema() const noexcept { return schema_->schema(); }
const std::vector<Column>& Table::column_definitions() const noexcept { return schema_->columns(); }
const TableSchema& Table::definition() const noexcept { return *schema_; }

std::vector<ColumnElement> Table::primary_key() const {
    std::vector<ColumnElement> out;
    for (const Column* c : definition().primary_key_columns()) out.push_back(this->c(c->key()));
    return out;
}

void Table::append_index(Index index) const { schema_->add_index(std::move(index)); }

void Table::append_constraint(Constraint constraint) const { schema_->add_constraint(std::move(constraint)); }

// --- MetaData -----------------------------------------------------------------------------

MetaData::MetaData() : MetaData(NamingConvention{{"ix", "ix_%(column_0_label)s"}}) {}

MetaData::MetaData(NamingConvention naming_convention, std::optional<std::string> schema)
    : state_(std::make_shared<State>()) {
    state_->naming_convention = std::move(naming_convention);
    if (!convention_for(state_->naming_convention, "ix"))
        state_->naming_convention.emplace_back("ix", "ix_%(column_0_label)s");
    state_->schema = std::move(schema);
}

const NamingConvention& MetaData::naming_convention() const noexcept { return state_->naming_convention; }
const std::optional<std::string>& MetaData::schema() const noexcept { return state_->schema; }

std::vector<Table> MetaData::tables() const {
    std::lock_guard lock(state_->mutex);
    std::vector<Table> out;
    for (const auto& t : state_->tables) out.push_back(Table(t));
    return out;
}

std::optional<Table> MetaData::find_table(std::string_view name, const std::optional<std::string>& schema) const {
    std::lock_guard lock(state_->mutex);
    for (const auto& t : state_->tables)
        if ((t->name() == name && t->schema() == (schema ? schema : state_->schema)) || (!schema && t->fullname() == name))
            return Table(t);
    return std::nullopt;
}

Table MetaData::table(std::string_view name) const {
    if (auto t = find_table(name)) return *t;
    std::lock_guard lock(state_->mutex);
    std::string known;
    for (const auto& t : state_->tables) known += (known.empty() ? "" : ", ") + t->fullname();
    throw NoSuchTableError("no table named \"" + std::string(name) + "\" in this MetaData; its tables are: " +
                           (known.empty() ? std::string("(none)") : known));
}

TableCreationOrder sort_tables_and_constraints(std::vector<Table> all) {
    std::sort(all.begin(), all.end(), [](const Table& a, const Table& b) {
        return a.definition().fullname() < b.definition().fullname();
    });
    const std::size_t n = all.size();
    struct Edge {
        std::size_t to;
        std::size_t constraint;
    };
    std::vector<std::vector<Edge>> deps(n);
    std::vector<std::vector<std::size_t>> deferred(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& constraints = all[i].definition().constraints();
        for (std::size_t k = 0; k < constraints.size(); ++k) {
            const auto& c = constraints[k];
            if (c.kind() != ConstraintKind::foreign_key || c.referred().empty()) continue;
            if (c.use_alter()) {
                deferred[i].push_back(k);
                continue;
            }
            const auto& target = c.referred().front();
            for (std::size_t j = 0; j < n; ++j) {
                const auto& other = all[j].definition();
                if (j != i && other.name() == target.table && (!target.schema || other.schema() == target.schema))
                    deps[i].push_back({j, k});
            }
        }
    }
    TableCreationOrder out;
    std::vector<std::size_t> order;
    std::vector<bool> done(n, false);
    while (order.size() < n) {
        bool progressed = false;
        for (std::size_t i = 0; i < n && !progressed; ++i) {
            if (done[i]) continue;
            if (std::all_of(deps[i].begin(), deps[i].end(), [&](const Edge& e) { return done[e.to]; })) {
                done[i] = true;
                order.push_back(i);
                progressed = true;  // restart from the first name: alphabetical where possible
            }
        }
        if (progressed) continue;
        // A cycle among the remaining tables: their foreign keys to each other are added after.
        for (std::size_t i = 0; i < n; ++i) {
            if (done[i]) continue;
            std::erase_if(deps[i], [&](const Edge& e) {
                if (done[e.to]) return false;
                deferred[i].push_back(e.constraint);
                return true;
            });
        }
    }
    for (std::size_t i : order) {
        out.tables.push_back(all[i]);
        out.deferred.push_back(deferred[i]);
    }
    return out;
}

std::vector<Table> MetaData::sorted_tables() const { return sort_tables_and_constraints(tables()).tables; }

DDLEvents& MetaData::events() const noexcept { return state_->events; }

}  // namespace sqla
