// sqla: schema/constraints.cpp. Constraints, foreign-key targets and indexes.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

module sqla;

namespace sqla {

DialectOptions::DialectOptions(std::initializer_list<std::pair<std::string, DialectOption>> options) {
    for (const auto& [name, value] : options) set(name, value);
}

const DialectOption* DialectOptions::find(std::string_view name) const noexcept {
    for (const auto& [n, v] : items_)
        if (n == name) return &v;
    return nullptr;
}

void DialectOptions::set(std::string name, DialectOption value) {
    for (auto& [n, v] : items_)
        if (n == name) {
            v = std::move(value);
            return;
        }
    items_.emplace_back(std::move(name), std::move(value));
}

ForeignKeyTarget ForeignKeyTarget::parse(std::string_view spec) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto dot = spec.find('.', start);
        parts.emplace_back(spec.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    for (const auto& p : parts)
        if (p.empty()) parts.clear();
    if (parts.size() == 2) return {std::nullopt, parts[0], parts[1]};
    if (parts.size() == 3) return {parts[0], parts[1], parts[2]};
    throw ArgumentError("invalid foreign key target \"" + std::string(spec) +
                        "\": expected \"table.column\" or \"schema.table.column\"");
}

ForeignKeyTarget ForeignKeyTarget::of(const ColumnElement& column) {
    const auto& node = column.node();
    if (node.kind() == ElementKind::column) {
        const auto& c = static_cast<const ColumnClauseNode&>(node);
        if (c.table() && c.table()->kind() == ElementKind::table) {
            const auto& t = static_cast<const TableNode&>(*c.table());
            return {t.schema(), t.name(), c.name()};
        }
    }
    throw ArgumentError("a foreign key must refer to a column of a table (got an expression of type " +
                        column.type().repr() + ")");
}

std::string ForeignKeyTarget::spec() const { return (schema ? *schema + "." : std::string()) + table + "." + column; }

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// These options are SQL keywords written into DDL as given, so each must be one of the phrases
// SQL has for it, in any case (SQLAlchemy's FK_ON_DELETE, FK_ON_UPDATE and FK_INITIALLY,
// which it checks when compiling; here they are checked when the constraint is built).
void check_phrase(const std::optional<std::string>& value, std::string_view option,
                  std::initializer_list<std::string_view> phrases) {
    if (!value) return;
    for (const auto phrase : phrases)
        if (iequals(*value, phrase)) return;
    std::string allowed;
    for (const auto phrase : phrases) allowed += (allowed.empty() ? "" : ", ") + std::string(phrase);
    throw ArgumentError(std::string(option) + ": \"" + *value + "\" is not one of " + allowed);
}

constexpr std::initializer_list<std::string_view> fk_actions = {"RESTRICT", "CASCADE", "SET NULL", "NO ACTION",
                                                                "SET DEFAULT"};

}  // namespace

void Constraint::apply(const ConstraintOptions& o) {
    check_phrase(o.initially, "initially", {"DEFERRED", "IMMEDIATE"});
    name_ = o.name;
    explicit_name_ = o.name.has_value();
    deferrable_ = o.deferrable;
    initially_ = o.initially;
    dialect_options_ = o.dialect_options;
}

void Constraint::apply(const ForeignKeyOptions& o) {
    check_phrase(o.ondelete, "ondelete", fk_actions);
    check_phrase(o.onupdate, "onupdate", fk_actions);
    check_phrase(o.initially, "initially", {"DEFERRED", "IMMEDIATE"});
    // SQLAlchemy writes MATCH as given; the SQL standard's three are all a database accepts.
    check_phrase(o.match, "match", {"FULL", "PARTIAL", "SIMPLE"});
    name_ = o.name;
    explicit_name_ = o.name.has_value();
    deferrable_ = o.deferrable;
    initially_ = o.initially;
    dialect_options_ = o.dialect_options;
    ondelete_ = o.ondelete;
    onupdate_ = o.onupdate;
    match_ = o.match;
    use_alter_ = o.use_alter;
}

PrimaryKeyConstraint::PrimaryKeyConstraint(std::vector<std::string> columns, ConstraintOptions options)
    : Constraint(ConstraintKind::primary_key) {
    apply(options);
    columns_ = std::move(columns);
}

namespace {
template <class Ref, class Parse>
std::vector<ForeignKeyTarget> foreign_key_targets(const std::vector<std::string>& columns,
                                                  const std::vector<Ref>& refcolumns, Parse parse) {
    if (columns.size() != refcolumns.size() || columns.empty())
        throw ArgumentError("ForeignKeyConstraint needs as many referenced columns as columns (got " +
                            std::to_string(columns.size()) + " and " + std::to_string(refcolumns.size()) + ")");
    std::vector<ForeignKeyTarget> out;
    for (const auto& r : refcolumns) out.push_back(parse(r));
    return out;
}
}  // namespace

ForeignKeyConstraint::ForeignKeyConstraint(std::vector<std::string> columns, std::vector<std::string> refcolumns,
                                           ForeignKeyOptions options)
    : Constraint(ConstraintKind::foreign_key) {
    apply(options);
    referred_ = foreign_key_targets(columns, refcolumns, [](const std::string& r) { return ForeignKeyTarget::parse(r); });
    columns_ = std::move(columns);
}

ForeignKeyConstraint::ForeignKeyConstraint(std::vector<std::string> columns, const std::vector<ColumnElement>& refcolumns,
                                           ForeignKeyOptions options)
    : Constraint(ConstraintKind::foreign_key) {
    apply(options);
    referred_ = foreign_key_targets(columns, refcolumns, [](const ColumnElement& r) { return ForeignKeyTarget::of(r); });
    columns_ = std::move(columns);
}

UniqueConstraint::UniqueConstraint(std::vector<std::string> columns, ConstraintOptions options)
    : Constraint(ConstraintKind::unique) {
    apply(options);
    columns_ = std::move(columns);
}

CheckConstraint::CheckConstraint(std::string sqltext, ConstraintOptions options)
    : CheckConstraint(text(sqltext), std::move(options)) {}

CheckConstraint::CheckConstraint(const ColumnElement& condition, ConstraintOptions options)
    : Constraint(ConstraintKind::check) {
    apply(options);
    sqltext_ = condition.node_ptr();
}

CheckConstraint::CheckConstraint(const TextClause& sqltext, ConstraintOptions options)
    : Constraint(ConstraintKind::check) {
    apply(options);
    sqltext_ = sqltext.element_ptr();
}

Index::Index(std::optional<std::string> name, std::vector<IndexElement> elements, IndexOptions options)
    : name_(std::move(name)), elements_(std::move(elements)), unique_(options.unique),
      dialect_options_(std::move(options.dialect_options)) {
    if (elements_.empty()) throw ArgumentError("Index " + name_.value_or("(unnamed)") + " has no columns or expressions");
    // postgresql_using names the index method (btree, gin, ...) in `USING method`: a word, as
    // SQLAlchemy's IDX_USING requires when it compiles.
    if (const auto* using_ = dialect_options_.find("postgresql_using")) {
        const auto* method = std::get_if<std::string>(using_);
        if (!method || method->empty() || !std::all_of(method->begin(), method->end(), [](char ch) {
                const auto c = static_cast<unsigned char>(ch);
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            }))
            throw ArgumentError("Index " + name_.value_or("(unnamed)") + ": postgresql_using must name an index method "
                                "(a word such as btree, hash, gist or gin), not " +
                                (method ? "\"" + *method + "\"" : std::string("a value of another kind")));
    }
    // Built over a declared table's columns, the index belongs to that table (as SQLAlchemy's
    // Index attaches itself), so create_all creates it.
    const TableNode* table = nullptr;
    for (const auto& e : elements_) {
        if (!e.expression()) continue;
        std::vector<const ClauseElement*> stack{e.expression().get()};
        while (!stack.empty() && !table) {
            const auto* n = stack.back();
            stack.pop_back();
            if (n->kind() == ElementKind::column) {
                const auto* t = static_cast<const ColumnClauseNode*>(n)->table();
                if (t && t->kind() == ElementKind::table) table = static_cast<const TableNode*>(t);
            } else if (n->kind() == ElementKind::unary) {
                stack.push_back(&static_cast<const UnaryNode*>(n)->element());
            } else if (n->kind() == ElementKind::binary) {
                stack.push_back(&static_cast<const BinaryNode*>(n)->left());
                stack.push_back(&static_cast<const BinaryNode*>(n)->right());
            } else if (n->kind() == ElementKind::function) {
                for (const auto& a : static_cast<const FunctionNode*>(n)->args()) stack.push_back(a.get());
            } else if (n->kind() == ElementKind::label) {
                stack.push_back(&static_cast<const LabelNode*>(n)->element());
            }
        }
        if (table) break;
    }
    if (!table) return;
    table_ = table;
    if (auto info = table->mutable_schema_info()) {
        const Index& added = info->add_index(*this);
        name_ = added.name();
        elements_ = added.elements();
    }
}

}  // namespace sqla
