// sqla: sql/selectable.cpp. FROM clauses, joins and the generative Select.
// SPDX-License-Identifier: MIT
module;
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
    for (const auto& col : node_->columns()) out.emplace_back(ColumnElementPtr(node_, col.get()));
    return out;
}

FromClause FromClause::alias(std::optional<std::string> name) const {
    return FromClause(std::make_shared<AliasNode>(node_, std::move(name)));
}

FromClause FromClause::join(const FromClause& right, const ColumnElement& onclause) const {
    return FromClause(std::make_shared<JoinNode>(node_, right.node_ptr(), onclause.node_ptr(), false, false));
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
    add_list(k, "cols:", parts_.columns);
    if (!parts_.from.empty()) {
        k.key += "from:";
        for (const auto& f : parts_.from) f->append_cache_key(k);
    }
    add_list(k, "where:", parts_.where);
    add_list(k, "group:", parts_.group_by);
    add_list(k, "having:", parts_.having);
    add_list(k, "order:", parts_.order_by);
    if (parts_.limit) {
        k.key += "limit:";
        parts_.limit->append_cache_key(k);
    }
    if (parts_.offset) {
        k.key += "offset:";
        parts_.offset->append_cache_key(k);
    }
    k.key += ')';
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

SelectItem::SelectItem(const FromClause& from) {
    for (const auto& c : from.columns()) columns_.push_back(c.node_ptr());
}

Select select(std::initializer_list<SelectItem> items) {
    SelectParts parts;
    for (const auto& item : items)
        for (const auto& c : item.columns()) parts.columns.push_back(c);
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
    // Several criteria are one AND (with TRUE/FALSE folded), as SQLAlchemy's where(a, b).
    return with(parts(), [&](SelectParts& p) {
        if (criteria.size() == 0) return;
        p.where.push_back(and_(std::vector<ColumnElement>(criteria)).self_group(Operator::and_));
    });
}

Select Select::select_from(const FromClause& from) const {
    return with(parts(), [&](SelectParts& p) { p.from.push_back(from.node_ptr()); });
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

Select Select::join(const FromClause& right, const ColumnElement& onclause, bool isouter, bool full) const {
    std::shared_ptr<const FromClauseNode> left;
    if (!parts().from.empty()) {
        left = parts().from.back();
    } else {
        for (const auto& c : parts().columns)
            if ((left = first_from(c))) break;
    }
    if (!left) throw InvalidRequestError("Select.join(): the SELECT has no FROM to join from; use select_from()");
    auto joined = std::make_shared<JoinNode>(left, right.node_ptr(), onclause.node_ptr(), isouter, full);
    return with(parts(), [&](SelectParts& p) {
        if (!p.from.empty()) p.from.pop_back();
        p.from.push_back(joined);
    });
}

Select Select::group_by(std::initializer_list<ColumnElement> columns) const {
    return with(parts(), [&](SelectParts& p) {
        for (const auto& c : columns) p.group_by.push_back(c.node_ptr());
    });
}

Select Select::having(const ColumnElement& criterion) const {
    return with(parts(), [&](SelectParts& p) { p.having.push_back(criterion.self_group(Operator::and_)); });
}

Select Select::order_by(std::initializer_list<ColumnElement> columns) const {
    return with(parts(), [&](SelectParts& p) {
        for (const auto& c : columns) p.order_by.push_back(c.node_ptr());
    });
}

Select Select::limit(std::int64_t n) const {
    return with(parts(), [&](SelectParts& p) { p.limit = literal(n, TypeEngine(TypeKind::integer)).node_ptr(); });
}

Select Select::offset(std::int64_t n) const {
    return with(parts(), [&](SelectParts& p) { p.offset = literal(n, TypeEngine(TypeKind::integer)).node_ptr(); });
}

Select Select::distinct() const {
    return with(parts(), [&](SelectParts& p) { p.distinct = true; });
}

}  // namespace sqla
