// sqla: sql/selectable.cpp. FROM clauses, joins and the generative Select.
// SPDX-License-Identifier: MIT
module;
#include <cstdint>
#include <initializer_list>
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

module sqla;

namespace sqla {

JoinNode::JoinNode(std::shared_ptr<const FromClauseNode> left, std::shared_ptr<const FromClauseNode> right,
                   ColumnElementPtr onclause, bool isouter, bool full)
    : FromClauseNode(ElementKind::join), left_(std::move(left)), right_(std::move(right)),
      onclause_(std::move(onclause)), isouter_(isouter), full_(full) {}
JoinNode::~JoinNode() = default;

void JoinNode::append_cache_key(CacheKey& k) const {
    k.key += full_ ? "(fulljoin " : isouter_ ? "(outerjoin " : "(join ";
    left_->append_cache_key(k);
    k.key += ' ';
    right_->append_cache_key(k);
    k.key += ' ';
    onclause_->append_cache_key(k);
    k.key += ')';
}

std::string JoinNode::description() const { return left_->description() + " JOIN " + right_->description(); }

bool JoinNode::contains(const FromClauseNode* from) const noexcept {
    if (from == this || from == left_.get() || from == right_.get()) return true;
    for (const FromClauseNode* side : {left_.get(), right_.get()})
        if (side->kind() == ElementKind::join && static_cast<const JoinNode*>(side)->contains(from)) return true;
    return false;
}

ColumnElement FromClause::c(std::string_view key) const {
    if (const auto* col = node_->find_column(key))
        // Aliasing constructor: the handle keeps the whole FROM (which owns the column) alive.
        return ColumnElement(ColumnElementPtr(node_, col));
    std::string known;
    for (const auto& col : node_->columns()) known += (known.empty() ? "" : ", ") + col->key();
    throw NoSuchColumnError("\"" + node_->description() + "\" has no column \"" + std::string(key) +
                            "\"; its columns are: " + (known.empty() ? std::string("(none)") : known));
}

std::vector<ColumnElement> FromClause::columns() const {
    std::vector<ColumnElement> out;
    out.reserve(node_->columns().size());
    for (const auto& col : node_->columns()) out.emplace_back(ColumnElementPtr(node_, col.get()));
    return out;
}

FromClause FromClause::alias(std::optional<std::string> name) const {
    return FromClause(std::make_shared<AliasNode>(node_, std::move(name)));
}

TableValuedNode::TableValuedNode(ColumnElementPtr function, std::vector<std::string> columns,
                                 std::optional<std::string> name, bool column_valued)
    : FromClauseNode(ElementKind::table_valued), function_(std::move(function)), name_(std::move(name)),
      column_valued_(column_valued) {
    for (auto& c : columns) columns_.push_back(std::make_unique<ColumnClauseNode>(std::move(c), TypeEngine(), this));
}
TableValuedNode::~TableValuedNode() = default;

void TableValuedNode::append_cache_key(CacheKey& k) const {
    k.key += column_valued_ ? "(columnvalued " : "(tablevalued ";
    k.add_from(this);
    if (name_)
        k.add_text(*name_);
    else
        k.key += "#" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
    for (const auto& c : columns_) k.add_text(c->name());
    k.key += ' ';
    function_->append_cache_key(k);
    k.key += ')';
}

FromClause ColumnElement::table_valued(std::vector<std::string> columns, std::optional<std::string> name) const {
    return FromClause(std::make_shared<TableValuedNode>(node_, std::move(columns), std::move(name), false));
}

ColumnElement ColumnElement::column_valued(std::string name) const {
    auto from = std::make_shared<TableValuedNode>(node_, std::vector<std::string>{name}, name, true);
    // Aliasing pointer: the column keeps its FROM alive.
    return ColumnElement(ColumnElementPtr(from, from->columns().front().get()));
}

TableSampleNode::TableSampleNode(std::shared_ptr<const FromClauseNode> element, ColumnElementPtr sampling,
                                 ColumnElementPtr seed, std::optional<std::string> name)
    : FromClauseNode(ElementKind::tablesample), element_(std::move(element)), sampling_(std::move(sampling)),
      seed_(std::move(seed)), name_(std::move(name)) {
    for (const auto& c : element_->columns())
        columns_.push_back(std::make_unique<ColumnClauseNode>(c->name(), c->type(), this, false, c->key()));
}
TableSampleNode::~TableSampleNode() = default;

void TableSampleNode::append_cache_key(CacheKey& k) const {
    k.key += "(tablesample ";
    k.add_from(this);
    if (name_)
        k.add_text(*name_);
    else
        k.key += "#" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
    k.key += ' ';
    element_->append_cache_key(k);
    k.key += ' ';
    sampling_->append_cache_key(k);
    if (seed_) {
        k.key += " seed ";
        seed_->append_cache_key(k);
    }
    k.key += ')';
}

std::string TableSampleNode::description() const {
    return element_->description() + " AS " + name_.value_or("(anonymous)") + " TABLESAMPLE";
}

std::string TableSampleNode::anonymous_base() const {
    if (element_->kind() == ElementKind::table) return static_cast<const TableNode&>(*element_).name();
    return "anon";
}

FromClause FromClause::tablesample(const ColumnElement& sampling, std::optional<std::string> name,
                                   std::optional<ColumnElement> seed) const {
    return FromClause(std::make_shared<TableSampleNode>(node_, sampling.node_ptr(), seed ? seed->node_ptr() : nullptr,
                                                        std::move(name)));
}

FromClause FromClause::join(const FromClause& right, const ColumnElement& onclause) const {
    return FromClause(std::make_shared<JoinNode>(node_, right.node_ptr(), onclause.node_ptr(), false, false));
}

namespace {

// A FROM inside a join tree, with the tree's root (which keeps it alive).
struct Leaf {
    const FromClauseNode* from;
    const std::shared_ptr<const FromClauseNode>* root;
};

void leaves(const FromClauseNode& from, const std::shared_ptr<const FromClauseNode>& root, std::vector<Leaf>& out) {
    if (from.kind() == ElementKind::join) {
        const auto& j = static_cast<const JoinNode&>(from);
        leaves(j.left(), root, out);
        leaves(j.right(), root, out);
        return;
    }
    out.push_back({&from, &root});
}

// The declared table behind a FROM: a Table, or an alias of one.
const TableNode* declared_table(const FromClauseNode& from) {
    const FromClauseNode* f = &from;
    while (f->kind() == ElementKind::alias) f = &static_cast<const AliasNode*>(f)->element();
    return f->kind() == ElementKind::table ? static_cast<const TableNode*>(f) : nullptr;
}

struct ForeignKeyRef {
    const Constraint* constraint;
    const Leaf* leaf;  // where the constrained columns are
};

// The column of `leaves` that `target` names, as an expression kept alive by its tree.
ColumnElementPtr referent(const std::vector<Leaf>& leaves, const ForeignKeyTarget& target) {
    for (const auto& leaf : leaves) {
        const auto* t = declared_table(*leaf.from);
        if (!t || t->name() != target.table || (target.schema && t->schema() != target.schema)) continue;
        const auto info = t->schema_info();
        const Column* col = info ? info->column_by_name(target.column) : nullptr;
        if (!col) continue;
        if (const auto* c = leaf.from->find_column(col->key())) return ColumnElementPtr(*leaf.root, c);
    }
    return nullptr;
}

ColumnElementPtr local_column(const Leaf& leaf, const std::string& name) {
    const auto* t = declared_table(*leaf.from);
    const auto info = t ? t->schema_info() : nullptr;
    const Column* col = info ? info->column_by_name(name) : nullptr;
    const auto* c = col ? leaf.from->find_column(col->key()) : nullptr;
    return c ? ColumnElementPtr(*leaf.root, c) : nullptr;
}

}  // namespace

ColumnElement join_condition(const std::shared_ptr<const FromClauseNode>& left,
                             const std::shared_ptr<const FromClauseNode>& right) {
    std::vector<Leaf> a, b;
    leaves(*left, left, a);
    leaves(*right, right, b);
    // Per constraint, the (referenced, referencing) column pairs, in the order found.
    std::vector<std::pair<const Constraint*, std::vector<std::pair<ColumnElementPtr, ColumnElementPtr>>>> found;
    auto add = [&](const Constraint* c, ColumnElementPtr referenced, ColumnElementPtr referencing) {
        auto it = std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.first == c; });
        if (it == found.end()) it = found.insert(found.end(), {c, {}});
        it->second.emplace_back(std::move(referenced), std::move(referencing));
    };
    auto scan = [&](const std::vector<Leaf>& from, const std::vector<Leaf>& to) {
        for (const auto& leaf : from) {
            const auto* t = declared_table(*leaf.from);
            const auto info = t ? t->schema_info() : nullptr;
            if (!info) continue;
            for (const auto& c : info->constraints()) {
                if (c.kind() != ConstraintKind::foreign_key) continue;
                for (std::size_t i = 0; i < c.columns().size() && i < c.referred().size(); ++i) {
                    auto referenced = referent(to, c.referred()[i]);
                    auto referencing = local_column(leaf, c.columns()[i]);
                    // A self-referencing key of a table joined to itself only counts across FROMs.
                    if (referenced && referencing && referenced.get() != referencing.get())
                        add(&c, std::move(referenced), std::move(referencing));
                }
            }
        }
    };
    scan(b, a);  // right's keys to left's columns
    scan(a, b);  // left's keys to right's columns
    auto names = [&] { return "'" + left->description() + "' and '" + right->description() + "'"; };
    if (found.empty())
        throw ArgumentError("can't find any foreign key relationships between " + names() +
                            "; give the join an ON clause");
    if (found.size() > 1)
        throw ArgumentError("can't determine the join between " + names() +
                            ": they have more than one foreign key constraint relationship between them; give the "
                            "join an ON clause");
    std::vector<ColumnElement> parts;
    for (const auto& [referenced, referencing] : found.front().second)
        parts.push_back(ColumnElement(referenced) == ColumnElement(referencing));
    if (parts.size() == 1) return parts.front();
    return and_(parts);
}

FromClause FromClause::join(const FromClause& right) const { return join(right, join_condition(node_, right.node_ptr())); }
FromClause FromClause::outerjoin(const FromClause& right) const {
    return outerjoin(right, join_condition(node_, right.node_ptr()));
}
FromClause FromClause::full_outer_join(const FromClause& right) const {
    return full_outer_join(right, join_condition(node_, right.node_ptr()));
}

FromClause FromClause::outerjoin(const FromClause& right, const ColumnElement& onclause) const {
    return FromClause(std::make_shared<JoinNode>(node_, right.node_ptr(), onclause.node_ptr(), true, false));
}

FromClause FromClause::full_outer_join(const FromClause& right, const ColumnElement& onclause) const {
    return FromClause(std::make_shared<JoinNode>(node_, right.node_ptr(), onclause.node_ptr(), true, true));
}

FromClause table(std::string name, std::vector<std::string> columns, std::optional<std::string> schema) {
    std::vector<TableNode::ColumnSpec> specs;
    for (auto& c : columns) specs.push_back({std::move(c), TypeEngine(), {}});
    return FromClause(std::make_shared<TableNode>(std::move(name), std::move(schema), specs));
}

SelectNode::SelectNode(SelectParts parts) : ClauseElement(ElementKind::select), parts_(std::move(parts)) {}
SelectNode::~SelectNode() = default;

namespace {
void add_list(CacheKey& k, const char* tag, const std::vector<ColumnElementPtr>& items) {
    if (items.empty()) return;
    k.key += tag;
    for (const auto& i : items) {
        i->append_cache_key(k);
        k.key += ',';
    }
}
}  // namespace

void SelectNode::append_cache_key(CacheKey& k) const {
    k.key += parts_.distinct ? "(select distinct " : "(select ";
    add_list(k, "on:", parts_.distinct_on);
    add_list(k, "cols:", parts_.columns);
    append_prefixes_cache_key(k, "prefix:", parts_.prefixes);
    append_prefixes_cache_key(k, "suffix:", parts_.suffixes);
    if (!parts_.from.empty()) {
        k.key += "from:";
        for (const auto& f : parts_.from) f->append_cache_key(k);
    }
    add_list(k, "where:", parts_.where);
    add_list(k, "group:", parts_.group_by);
    add_list(k, "having:", parts_.having);
    add_list(k, "order:", parts_.order_by);
    if (parts_.limit) {
        k.key += parts_.limit_expression ? "limit-expr:" : "limit:";
        parts_.limit->append_cache_key(k);
    }
    if (parts_.offset) {
        k.key += parts_.offset_expression ? "offset-expr:" : "offset:";
        parts_.offset->append_cache_key(k);
    }
    if (parts_.fetch) {
        k.key += parts_.fetch_with_ties ? "fetch-ties:" : parts_.fetch_percent ? "fetch-pct:" : "fetch:";
        parts_.fetch->append_cache_key(k);
    }
    if (const auto& f = parts_.for_update) {
        k.key += "for-update:" + std::to_string(f->read) + std::to_string(f->nowait) + std::to_string(f->skip_locked) +
                 std::to_string(f->key_share);
        for (const auto& c : f->of) c->append_cache_key(k);
    }
    for (const auto* list : {&parts_.correlate, &parts_.correlate_except}) {
        if (!*list) continue;
        k.key += list == &parts_.correlate ? " correlate:" : " correlate-except:";
        for (const auto& f : **list) f->append_cache_key(k);
    }
    k.key += ')';
}

namespace {
// The result columns (name, type) of a SELECT, as a FROM built on it exposes them.
std::vector<std::pair<std::string, TypeEngine>> select_columns(const SelectNode& select) {
    std::vector<std::pair<std::string, TypeEngine>> out;
    int anon = 0;
    for (const auto& c : select.parts().columns) {
        auto name = c->result_name();
        if (!name && c->kind() == ElementKind::unary) name = static_cast<const UnaryNode&>(*c).element().result_name();
        out.emplace_back(name ? std::string(*name) : "anon_" + std::to_string(++anon), c->type());
    }
    return out;
}

std::vector<std::pair<std::string, TypeEngine>> statement_columns(const ClauseElement& statement) {
    if (statement.kind() == ElementKind::select) return select_columns(static_cast<const SelectNode&>(statement));
    if (statement.kind() == ElementKind::textual_select) {
        std::vector<std::pair<std::string, TypeEngine>> out;
        for (const auto& c : static_cast<const TextualSelectNode&>(statement).columns())
            out.emplace_back(std::string(c->result_name().value_or("")), c->type());
        return out;
    }
    if (statement.kind() == ElementKind::compound_select)
        return static_cast<const CompoundSelectNode&>(statement).result_columns();
    throw ArgumentError("only a SELECT or a compound SELECT can be a subquery or CTE");
}
}  // namespace

SubqueryNode::SubqueryNode(ElementPtr statement, std::optional<std::string> name, bool cte, bool recursive,
                           const std::vector<std::pair<std::string, TypeEngine>>& columns, bool nesting, bool lateral)
    : FromClauseNode(cte ? ElementKind::cte : ElementKind::subquery), statement_(std::move(statement)),
      name_(std::move(name)), cte_(cte), recursive_(recursive), nesting_(nesting), lateral_(lateral) {
    for (const auto& [n, t] : columns) columns_.push_back(std::make_unique<ColumnClauseNode>(n, t, this));
}
SubqueryNode::~SubqueryNode() = default;

void SubqueryNode::append_cache_key(CacheKey& k) const {
    k.key += cte_ ? (recursive_ ? "(rcte " : "(cte ") : (lateral_ ? "(lateral " : "(subquery ");
    if (nesting_) k.key += "nesting ";
    k.add_from(this);
    if (name_)
        k.add_text(*name_);
    else
        k.key += "#" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
    k.key += ' ';
    statement_->append_cache_key(k);
    k.key += ')';
}

std::string SubqueryNode::description() const { return name_.value_or("(anonymous subquery)"); }

std::shared_ptr<SubqueryNode> SubqueryNode::with_statement(ElementPtr statement) const {
    std::vector<std::pair<std::string, TypeEngine>> cols;
    for (const auto& c : columns_) cols.emplace_back(c->name(), c->type());
    return std::make_shared<SubqueryNode>(std::move(statement), name_, cte_, recursive_, cols, nesting_, lateral_);
}

CompoundSelectNode::CompoundSelectNode(Keyword keyword, std::vector<ElementPtr> selects,
                                       std::vector<ColumnElementPtr> order_by, ColumnElementPtr limit,
                                       ColumnElementPtr offset)
    : ClauseElement(ElementKind::compound_select), keyword_(keyword), selects_(std::move(selects)),
      order_by_(std::move(order_by)), limit_(std::move(limit)), offset_(std::move(offset)) {}
CompoundSelectNode::~CompoundSelectNode() = default;

void CompoundSelectNode::append_cache_key(CacheKey& k) const {
    k.key += "(compound " + std::to_string(static_cast<int>(keyword_));
    for (const auto& s : selects_) {
        k.key += ' ';
        s->append_cache_key(k);
    }
    k.key += " order:";
    for (const auto& o : order_by_) o->append_cache_key(k);
    if (limit_) {
        k.key += "limit:";
        limit_->append_cache_key(k);
    }
    if (offset_) {
        k.key += "offset:";
        offset_->append_cache_key(k);
    }
    k.key += ')';
}

std::vector<std::pair<std::string, TypeEngine>> CompoundSelectNode::result_columns() const {
    return statement_columns(*selects_.front());
}

FromClause Select::subquery(std::optional<std::string> name) const {
    return FromClause(std::make_shared<SubqueryNode>(node_, std::move(name), false, false, select_columns(*node_)));
}

FromClause Select::cte(std::string name, bool recursive, bool nesting) const {
    return FromClause(
        std::make_shared<SubqueryNode>(node_, std::move(name), true, recursive, select_columns(*node_), nesting));
}

FromClause Select::lateral(std::optional<std::string> name) const {
    return FromClause(
        std::make_shared<SubqueryNode>(node_, std::move(name), false, false, select_columns(*node_), false, true));
}

CompoundMember::CompoundMember(const Select& select) : element_(select.element_ptr()) {}
CompoundMember::CompoundMember(const CompoundSelect& compound) : element_(compound.element_ptr()) {}

ValuesNode::ValuesNode(std::string name, const std::vector<std::pair<std::string, TypeEngine>>& columns,
                       std::vector<std::vector<ColumnElementPtr>> rows)
    : FromClauseNode(ElementKind::values), name_(std::move(name)), rows_(std::move(rows)) {
    for (const auto& [n, t] : columns) columns_.push_back(std::make_unique<ColumnClauseNode>(n, t, this));
}
ValuesNode::~ValuesNode() = default;

void ValuesNode::append_cache_key(CacheKey& k) const {
    k.key += "(values ";
    k.add_from(this);
    k.add_text(name_);
    // Names and types only: a column's own key would name this FROM again.
    for (const auto& c : columns_) {
        k.add_text(c->name());
        c->type().append_cache_key(k.key);
    }
    for (const auto& row : rows_) {
        k.key += " row";
        for (const auto& v : row) v->append_cache_key(k);
    }
    k.key += ')';
}

namespace {
std::vector<std::pair<std::string, TypeEngine>> values_columns(const FromClauseNode& node) {
    std::vector<std::pair<std::string, TypeEngine>> out;
    for (const auto& c : node.columns()) out.emplace_back(c->name(), c->type());
    return out;
}
}  // namespace

Values values(const std::vector<ColumnElement>& columns, std::string name) {
    if (columns.empty()) throw ArgumentError("values() needs at least one column");
    std::vector<std::pair<std::string, TypeEngine>> cols;
    for (const auto& c : columns) {
        const auto n = c.node().result_name();
        if (!n) throw ArgumentError("values(): each column needs a name (column(\"name\", type))");
        cols.emplace_back(std::string(*n), c.type());
    }
    return Values(std::make_shared<ValuesNode>(std::move(name), cols, std::vector<std::vector<ColumnElementPtr>>{}));
}

Values Values::data(const std::vector<std::vector<Value>>& rows) const {
    const auto cols = values_columns(*node_);
    std::vector<std::vector<ColumnElementPtr>> nodes(node_->rows().begin(), node_->rows().end());
    for (const auto& row : rows) {
        if (row.size() != cols.size())
            throw ArgumentError("values().data(): a row has " + std::to_string(row.size()) + " values, the VALUES has " +
                                std::to_string(cols.size()) + " columns");
        std::vector<ColumnElementPtr> r;
        for (std::size_t i = 0; i < row.size(); ++i)
            r.push_back(std::make_shared<BindParamNode>("param", row[i], cols[i].second, true));
        nodes.push_back(std::move(r));
    }
    return Values(std::make_shared<ValuesNode>(node_->name(), cols, std::move(nodes)));
}

namespace {
CompoundSelect compound(CompoundSelectNode::Keyword keyword, std::initializer_list<CompoundMember> selects) {
    if (selects.size() < 2) throw ArgumentError("a compound SELECT needs at least two SELECTs");
    std::vector<ElementPtr> nodes;
    for (const auto& s : selects) nodes.push_back(s.element());
    return CompoundSelect(std::make_shared<CompoundSelectNode>(keyword, std::move(nodes), std::vector<ColumnElementPtr>{},
                                                               nullptr, nullptr));
}

CompoundSelect with(const CompoundSelectNode& n, std::vector<ColumnElementPtr> order_by, ColumnElementPtr limit,
                    ColumnElementPtr offset) {
    std::vector<ElementPtr> selects(n.selects().begin(), n.selects().end());
    return CompoundSelect(
        std::make_shared<CompoundSelectNode>(n.keyword(), std::move(selects), std::move(order_by), std::move(limit), std::move(offset)));
}

ColumnElementPtr copy_or(const ColumnElementNode* node, const std::shared_ptr<const CompoundSelectNode>& owner) {
    return node ? ColumnElementPtr(owner, node) : nullptr;
}
}  // namespace

CompoundSelect union_(std::initializer_list<CompoundMember> s) { return compound(CompoundSelectNode::Keyword::union_, s); }
CompoundSelect union_all(std::initializer_list<CompoundMember> s) {
    return compound(CompoundSelectNode::Keyword::union_all, s);
}
CompoundSelect intersect(std::initializer_list<CompoundMember> s) {
    return compound(CompoundSelectNode::Keyword::intersect, s);
}
CompoundSelect intersect_all(std::initializer_list<CompoundMember> s) {
    return compound(CompoundSelectNode::Keyword::intersect_all, s);
}
CompoundSelect except_(std::initializer_list<CompoundMember> s) { return compound(CompoundSelectNode::Keyword::except_, s); }
CompoundSelect except_all(std::initializer_list<CompoundMember> s) {
    return compound(CompoundSelectNode::Keyword::except_all, s);
}

CompoundSelect Select::union_(const Select& other) const { return sqla::union_({*this, other}); }
CompoundSelect Select::union_all(const Select& other) const { return sqla::union_all({*this, other}); }

CompoundSelect CompoundSelect::order_by(std::initializer_list<ColumnElement> columns) const {
    std::vector<ColumnElementPtr> order(node_->order_by().begin(), node_->order_by().end());
    for (const auto& c : columns) order.push_back(c.node_ptr());
    return with(*node_, std::move(order), copy_or(node_->limit(), node_), copy_or(node_->offset(), node_));
}

CompoundSelect CompoundSelect::order_by(std::initializer_list<std::string_view> names) const {
    std::vector<ColumnElementPtr> order(node_->order_by().begin(), node_->order_by().end());
    for (const auto n : names) order.push_back(label_reference(std::string(n)).node_ptr());
    return with(*node_, std::move(order), copy_or(node_->limit(), node_), copy_or(node_->offset(), node_));
}

CompoundSelect CompoundSelect::limit(std::int64_t n) const {
    return with(*node_, {node_->order_by().begin(), node_->order_by().end()},
                literal(n, TypeEngine(TypeKind::integer)).node_ptr(), copy_or(node_->offset(), node_));
}

CompoundSelect CompoundSelect::limit(const ColumnElement& n) const {
    return with(*node_, {node_->order_by().begin(), node_->order_by().end()}, n.node_ptr(), copy_or(node_->offset(), node_));
}

CompoundSelect CompoundSelect::offset(const ColumnElement& n) const {
    return with(*node_, {node_->order_by().begin(), node_->order_by().end()}, copy_or(node_->limit(), node_), n.node_ptr());
}

CompoundSelect CompoundSelect::offset(std::int64_t n) const {
    return with(*node_, {node_->order_by().begin(), node_->order_by().end()}, copy_or(node_->limit(), node_),
                literal(n, TypeEngine(TypeKind::integer)).node_ptr());
}

FromClause CompoundSelect::subquery(std::optional<std::string> name) const {
    return FromClause(std::make_shared<SubqueryNode>(node_, std::move(name), false, false, node_->result_columns()));
}

FromClause CompoundSelect::cte(std::string name) const {
    return FromClause(std::make_shared<SubqueryNode>(node_, std::move(name), true, false, node_->result_columns()));
}

TextFromNode::TextFromNode(std::shared_ptr<const TextClauseElement> text)
    : FromClauseNode(ElementKind::text_from), text_(std::move(text)) {}
TextFromNode::~TextFromNode() = default;

void TextFromNode::append_cache_key(CacheKey& k) const {
    k.key += "(textfrom ";
    k.add_from(this);
    text_->append_cache_key(k);
    k.key += ')';
}

std::string TextFromNode::description() const { return text_->sql(); }

TextualSelectNode::TextualSelectNode(std::shared_ptr<const TextClauseElement> text, std::vector<ColumnElementPtr> columns)
    : ClauseElement(ElementKind::textual_select), text_(std::move(text)), columns_(std::move(columns)) {}
TextualSelectNode::~TextualSelectNode() = default;

void TextualSelectNode::append_cache_key(CacheKey& k) const {
    k.key += "(textual ";
    text_->append_cache_key(k);
    for (const auto& c : columns_) {
        k.key += ' ';
        c->append_cache_key(k);
    }
    k.key += ')';
}

TextualSelect TextClause::columns(std::vector<ColumnElement> columns) const {
    std::vector<ColumnElementPtr> nodes;
    for (const auto& c : columns) {
        // The declared columns name the result: each needs a name (column(), a label).
        if (!c.node().result_name())
            throw ArgumentError("text().columns(): each column needs a name (column(\"name\", type) or a label)");
        nodes.push_back(c.node_ptr());
    }
    return TextualSelect(std::make_shared<TextualSelectNode>(
        std::static_pointer_cast<const TextClauseElement>(element_ptr()), std::move(nodes)));
}

FromClause TextualSelect::subquery(std::optional<std::string> name) const {
    return FromClause(std::make_shared<SubqueryNode>(node_, std::move(name), false, false, statement_columns(*node_)));
}

FromClause TextualSelect::cte(std::string name) const {
    return FromClause(std::make_shared<SubqueryNode>(node_, std::move(name), true, false, statement_columns(*node_)));
}

ForUpdateOf::ForUpdateOf(const FromClause& from) : element_(from.node_ptr()) {}

FromClause recursive_union_all(const FromClause& cte, const Select& recursive_part) {
    if (cte.node().kind() != ElementKind::cte)
        throw ArgumentError("recursive_union_all() needs a CTE made with cte(name, true)");
    const auto& node = static_cast<const SubqueryNode&>(cte.node());
    auto body = std::make_shared<CompoundSelectNode>(
        CompoundSelectNode::Keyword::union_all,
        std::vector<ElementPtr>{ElementPtr(cte.node_ptr(), &node.statement()), recursive_part.element_ptr()},
        std::vector<ColumnElementPtr>{}, nullptr, nullptr);
    return FromClause(node.with_statement(body));
}

ScalarSelectNode::ScalarSelectNode(std::shared_ptr<const SelectNode> select)
    : ColumnElementNode(ElementKind::scalar_select,
                        select->parts().columns.empty() ? TypeEngine() : select->parts().columns.front()->type()),
      select_(std::move(select)) {}
ScalarSelectNode::~ScalarSelectNode() = default;

void ScalarSelectNode::append_cache_key(CacheKey& k) const {
    k.key += "(scalar ";
    select_->append_cache_key(k);
    k.key += ')';
}

ColumnElement Select::scalar_subquery() const { return ColumnElement(std::make_shared<ScalarSelectNode>(node_)); }

ColumnElement exists(const Select& subquery) {
    return ColumnElement(std::make_shared<UnaryNode>(subquery.scalar_subquery().node_ptr(), Operator::exists,
                                                     Operator::none, TypeEngine(TypeKind::boolean)));
}

SelectItem::SelectItem(const FromClause& from) : from_(from.node_ptr()) {}

std::size_t SelectItem::size() const noexcept { return column_ ? 1 : from_->columns().size(); }

void SelectItem::append_to(std::vector<ColumnElementPtr>& out) const {
    if (column_) {
        out.push_back(column_);
        return;
    }
    // Aliasing pointers: each keeps the whole FROM (which owns the column) alive.
    for (const auto& c : from_->columns()) out.emplace_back(from_, c.get());
}

Select select(std::initializer_list<SelectItem> items) {
    SelectParts parts;
    std::size_t n = 0;
    for (const auto& item : items) n += item.size();
    parts.columns.reserve(n);
    for (const auto& item : items) item.append_to(parts.columns);
    return Select(std::make_shared<SelectNode>(std::move(parts)));
}

namespace {
Select with(const SelectParts& base, auto&& change) {
    SelectParts parts = base;
    change(parts);
    return Select(std::make_shared<SelectNode>(std::move(parts)));
}
}  // namespace

Select Select::where(std::initializer_list<ColumnElement> criteria) const {
    // Several criteria are one AND (with TRUE/FALSE folded), as SQLAlchemy's where(a, b); one
    // is itself.
    return with(parts(), [&](SelectParts& p) {
        if (criteria.size() == 0) return;
        p.where.push_back(criteria.size() == 1 ? criteria.begin()->node_ptr()
                                               : and_(std::vector<ColumnElement>(criteria)).node_ptr());
    });
}

Select Select::where(const ColumnElement& criterion) && {
    // The node's owners are this Select and its Executable base: nobody else can see the
    // parts, so they are taken (the node is not const; only the pointer to it is).
    if (node_.use_count() != 2) return std::as_const(*this).where({criterion});
    SelectParts parts = std::move(const_cast<SelectParts&>(node_->parts()));
    parts.where.push_back(criterion.node_ptr());
    return Select(std::make_shared<SelectNode>(std::move(parts)));
}

Select Select::select_from(const FromClause& from) const {
    return with(parts(), [&](SelectParts& p) { p.from.push_back(from.node_ptr()); });
}

Select Select::select_from(const TextClause& from) const {
    auto node = std::make_shared<TextFromNode>(std::static_pointer_cast<const TextClauseElement>(from.element_ptr()));
    return with(parts(), [&](SelectParts& p) { p.from.push_back(std::move(node)); });
}

Select Select::with_only_columns(std::initializer_list<SelectItem> items) const {
    return with(parts(), [&](SelectParts& p) {
        p.columns.clear();
        for (const auto& item : items) item.append_to(p.columns);
    });
}

namespace {
// The first FROM an expression names (a column's table), or nullptr.
std::shared_ptr<const FromClauseNode> first_from(const ColumnElementPtr& e) {
    switch (e->kind()) {
        case ElementKind::column: {
            const auto* col = static_cast<const ColumnClauseNode*>(e.get());
            if (!col->table()) return nullptr;
            // The column handle shares ownership of its FROM (aliasing pointer): recover it.
            return std::shared_ptr<const FromClauseNode>(e, col->table());
        }
        case ElementKind::label: {
            const auto& l = static_cast<const LabelNode&>(*e);
            return first_from(std::shared_ptr<const ColumnElementNode>(e, &l.element()));
        }
        case ElementKind::unary: return first_from(static_cast<const UnaryNode&>(*e).element_ptr());
        case ElementKind::binary: {
            const auto& b = static_cast<const BinaryNode&>(*e);
            if (auto f = first_from(b.left_ptr())) return f;
            return first_from(b.right_ptr());
        }
        case ElementKind::function:
            for (const auto& a : static_cast<const FunctionNode&>(*e).args())
                if (auto f = first_from(a)) return f;
            return nullptr;
        default: return nullptr;
    }
}
}  // namespace

namespace {
// What Select.join() joins from: the last select_from(), else the first column's FROM.
std::shared_ptr<const FromClauseNode> join_left(const SelectParts& parts) {
    std::shared_ptr<const FromClauseNode> left;
    if (!parts.from.empty()) {
        left = parts.from.back();
    } else {
        for (const auto& c : parts.columns)
            if ((left = first_from(c))) break;
    }
    if (!left) throw InvalidRequestError("Select.join(): the SELECT has no FROM to join from; use select_from()");
    return left;
}
}  // namespace

Select Select::filter_by(const Params& criteria) const {
    // SQLAlchemy's _filter_by_zero(): the last joined entity, else the first explicit FROM,
    // else the first column's.
    std::shared_ptr<const FromClauseNode> entity = parts().last_joined;
    if (!entity && !parts().from.empty()) entity = parts().from.front();
    if (!entity && !parts().columns.empty()) entity = first_from(parts().columns.front());
    if (!entity) throw InvalidRequestError("filter_by(): the SELECT has no FROM to take the names from; use select_from()");
    const FromClause from(entity);
    std::vector<ColumnElement> clauses;
    for (const auto& [name, value] : criteria) clauses.push_back(from.c(name) == value);
    if (clauses.empty()) return *this;
    return with(parts(), [&](SelectParts& p) {
        for (const auto& c : clauses) p.where.push_back(c.node_ptr());
    });
}

Select Select::join_from(const FromClause& left, const FromClause& right, bool isouter, bool full) const {
    return join_from(left, right, join_condition(left.node_ptr(), right.node_ptr()), isouter, full);
}

Select Select::join_from(const FromClause& left, const FromClause& right, const ColumnElement& onclause, bool isouter,
                         bool full) const {
    return with(parts(), [&](SelectParts& p) {
        // The FROM that is or contains `left` becomes the join's left side (SQLAlchemy's
        // _join_left_to_right); else the join is a FROM of its own.
        for (auto& f : p.from) {
            if (f == left.node_ptr() ||
                (f->kind() == ElementKind::join && static_cast<const JoinNode&>(*f).contains(left.node_ptr().get()))) {
                f = std::make_shared<JoinNode>(f, right.node_ptr(), onclause.node_ptr(), isouter, full);
                p.last_joined = right.node_ptr();
                return;
            }
        }
        p.from.push_back(std::make_shared<JoinNode>(left.node_ptr(), right.node_ptr(), onclause.node_ptr(), isouter, full));
        p.last_joined = right.node_ptr();
    });
}

Select Select::join(const FromClause& right, bool isouter, bool full) const {
    return join(right, join_condition(join_left(parts()), right.node_ptr()), isouter, full);
}

Select Select::join(const FromClause& right, const ColumnElement& onclause, bool isouter, bool full) const {
    const auto left = join_left(parts());
    auto joined = std::make_shared<JoinNode>(left, right.node_ptr(), onclause.node_ptr(), isouter, full);
    return with(parts(), [&](SelectParts& p) {
        if (!p.from.empty()) p.from.pop_back();
        p.from.push_back(joined);
        p.last_joined = right.node_ptr();
    });
}

Select Select::group_by(std::initializer_list<ColumnElement> columns) const {
    return with(parts(), [&](SelectParts& p) {
        for (const auto& c : columns) p.group_by.push_back(c.node_ptr());
    });
}

Select Select::group_by(std::initializer_list<std::string_view> names) const {
    return with(parts(), [&](SelectParts& p) {
        for (const auto n : names) p.group_by.push_back(label_reference(std::string(n)).node_ptr());
    });
}

Select Select::order_by(std::initializer_list<std::string_view> names) const {
    return with(parts(), [&](SelectParts& p) {
        for (const auto n : names) p.order_by.push_back(label_reference(std::string(n)).node_ptr());
    });
}

Select Select::order_by(std::nullopt_t) const {
    return with(parts(), [](SelectParts& p) { p.order_by.clear(); });
}

Select Select::group_by(std::nullopt_t) const {
    return with(parts(), [](SelectParts& p) { p.group_by.clear(); });
}

Select Select::having(const ColumnElement& criterion) const {
    return with(parts(), [&](SelectParts& p) { p.having.push_back(criterion.node_ptr()); });
}

Select Select::order_by(std::initializer_list<ColumnElement> columns) const {
    return with(parts(), [&](SelectParts& p) {
        for (const auto& c : columns) p.order_by.push_back(c.node_ptr());
    });
}

Select Select::order_by(const std::vector<ColumnElement>& columns) const {
    return with(parts(), [&](SelectParts& p) {
        for (const auto& c : columns) p.order_by.push_back(c.node_ptr());
    });
}

Select Select::add_columns(const std::vector<ColumnElement>& columns) const {
    return with(parts(), [&](SelectParts& p) {
        for (const auto& c : columns) p.columns.push_back(c.node_ptr());
    });
}

Select Select::limit(std::int64_t n) const {
    return with(parts(), [&](SelectParts& p) {
        p.limit = literal(n, TypeEngine(TypeKind::integer)).node_ptr();
        p.limit_expression = false;
    });
}

Select Select::offset(std::int64_t n) const {
    return with(parts(), [&](SelectParts& p) {
        p.offset = literal(n, TypeEngine(TypeKind::integer)).node_ptr();
        p.offset_expression = false;
    });
}

Select Select::limit(const ColumnElement& n) const {
    return with(parts(), [&](SelectParts& p) {
        p.limit = n.node_ptr();
        p.limit_expression = true;
    });
}

Select Select::offset(const ColumnElement& n) const {
    return with(parts(), [&](SelectParts& p) {
        p.offset = n.node_ptr();
        p.offset_expression = true;
    });
}

Select Select::fetch(std::int64_t n, bool with_ties, bool percent) const {
    return with(parts(), [&](SelectParts& p) {
        p.fetch = literal(n, TypeEngine(TypeKind::integer)).node_ptr();
        p.fetch_with_ties = with_ties;
        p.fetch_percent = percent;
    });
}

Select Select::with_for_update(ForUpdateOptions o) const {
    return with(parts(), [&](SelectParts& p) {
        SelectParts::ForUpdate f{o.read, o.nowait, o.skip_locked, o.key_share, {}};
        for (const auto& c : o.of) f.of.push_back(c.element());
        p.for_update = std::move(f);
    });
}

Select Select::distinct() const {
    return with(parts(), [&](SelectParts& p) { p.distinct = true; });
}

Select Select::prefix_with(std::string text, std::optional<std::string> dialect) const {
    return with(parts(), [&](SelectParts& p) { p.prefixes.push_back({std::move(text), std::move(dialect)}); });
}

Select Select::suffix_with(std::string text, std::optional<std::string> dialect) const {
    return with(parts(), [&](SelectParts& p) { p.suffixes.push_back({std::move(text), std::move(dialect)}); });
}

Select Select::distinct(std::vector<ColumnElement> on) const {
    return with(parts(), [&](SelectParts& p) {
        p.distinct = true;
        for (auto& e : on) p.distinct_on.push_back(e.node_ptr());
    });
}

Select Select::correlate(std::initializer_list<FromClause> froms) const {
    return with(parts(), [&](SelectParts& p) {
        if (!p.correlate) p.correlate.emplace();
        for (const auto& f : froms) p.correlate->push_back(f.node_ptr());
    });
}

Select Select::correlate_except(std::initializer_list<FromClause> froms) const {
    return with(parts(), [&](SelectParts& p) {
        if (!p.correlate_except) p.correlate_except.emplace();
        for (const auto& f : froms) p.correlate_except->push_back(f.node_ptr());
    });
}

namespace {
ColumnElementPtr exists_node(const Select& select) {
    return std::make_shared<UnaryNode>(select.scalar_subquery().node_ptr(), Operator::exists, Operator::none,
                                       TypeEngine(TypeKind::boolean));
}
}  // namespace

Exists::Exists(Select select) : ColumnElement(exists_node(select)), select_(std::move(select)) {}
Exists::Exists() : Exists(sqla::select(literal_column("*"))) {}
Exists Exists::where(const ColumnElement& criterion) const { return Exists(select_.where(criterion)); }
Exists Exists::select_from(const FromClause& from) const { return Exists(select_.select_from(from)); }
Exists exists() { return Exists(); }

}  // namespace sqla
