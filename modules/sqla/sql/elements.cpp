// sqla: sql/elements.cpp. Expression nodes and the text() parameter scanner.
// SPDX-License-Identifier: MIT
module;
#include <atomic>
#include <algorithm>
#include <variant>
#include <cstdint>
#include <optional>
#include <tuple>
#include <cctype>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

module sqla;

namespace sqla {
namespace {

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Splits text() SQL into literal runs and parameter names. A parameter is ':' followed by a
// word, not preceded by ':', a word character or '\' and not followed by ':' (SQLAlchemy's
// rule), outside '...' strings, "..." identifiers, -- comments and /* */ comments.
void scan_text(std::string_view sql, std::vector<TextPiece>& pieces) {
    std::string literal;
    // "\:" is a literal colon everywhere, inside quotes and comments too (as SQLAlchemy).
    auto append_unescaped = [&](std::string_view run) {
        for (std::size_t k = 0; k < run.size(); ++k) {
            if (run[k] == '\\' && k + 1 < run.size() && run[k + 1] == ':') continue;
            literal.push_back(run[k]);
        }
    };
    auto flush = [&] {
        if (!literal.empty()) pieces.push_back({std::move(literal), false});
        literal.clear();
    };
    std::size_t i = 0;
    const std::size_t n = sql.size();
    while (i < n) {
        char c = sql[i];
        if (c == '\'' || c == '"') {
            // Quoted run, with doubled quotes as escapes; an unclosed one runs to the end.
            std::size_t j = i + 1;
            while (j < n) {
                if (sql[j] == c) {
                    if (j + 1 < n && sql[j + 1] == c) {
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            j = std::min(j + 1, n);
            append_unescaped(sql.substr(i, j - i));
            i = j;
        } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
            auto j = sql.find('\n', i);
            j = j == std::string_view::npos ? n : j;
            append_unescaped(sql.substr(i, j - i));
            i = j;
        } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
            auto j = sql.find("*/", i + 2);
            j = j == std::string_view::npos ? n : j + 2;
            append_unescaped(sql.substr(i, j - i));
            i = j;
        } else if (c == '\\' && i + 1 < n && sql[i + 1] == ':') {
            literal.push_back(':');  // "\:" is a literal colon
            i += 2;
        } else if (c == ':' && i + 1 < n && is_word(sql[i + 1]) && (i == 0 || (sql[i - 1] != ':' && !is_word(sql[i - 1])))) {
            std::size_t j = i + 1;
            while (j < n && is_word(sql[j])) ++j;
            if (j < n && sql[j] == ':') {  // "x:name:" is not a parameter
                literal.append(sql.substr(i, j - i));
                i = j;
                continue;
            }
            flush();
            pieces.push_back({std::string(sql.substr(i + 1, j - i - 1)), true});
            i = j;
        } else {
            literal.push_back(c);
            ++i;
        }
    }
    flush();
}

}  // namespace

ClauseElement::~ClauseElement() = default;
ColumnElementNode::~ColumnElementNode() = default;
FromClauseNode::~FromClauseNode() = default;

namespace {

void add_type(CacheKey& k, const TypeEngine& t) {
    t.append_cache_key(k.key);
}

void add_child(CacheKey& k, const ClauseElement* e) {
    if (e)
        e->append_cache_key(k);
    else
        k.key += '~';
}

ColumnElementPtr make_bind(std::string_view key, const Value& value, const TypeEngine& type) {
    return std::make_shared<BindParamNode>(std::string(key.empty() ? "param" : key), value, type, true);
}

}  // namespace

// ---- nodes ---------------------------------------------------------------------------------

ColumnClauseNode::ColumnClauseNode(std::string name, TypeEngine type, const FromClauseNode* table, bool is_literal,
                                   std::string key)
    : ColumnElementNode(ElementKind::column, type), name_(std::move(name)),
      key_(key.empty() ? name_ : std::move(key)), table_(table), is_literal_(is_literal) {
    // Everything but the table's part, once: a statement's cache key is built on every execution.
    key_prefix_ = is_literal_ ? "(lit " : "(col ";
    CacheKey::add_text(key_prefix_, name_);
    key_prefix_ += ' ';
    this->type().append_cache_key(key_prefix_);
    if (table_) key_prefix_ += " of ";
}
ColumnClauseNode::~ColumnClauseNode() = default;

void ColumnClauseNode::append_cache_key(CacheKey& k) const {
    k.key += key_prefix_;
    if (table_) table_->append_cache_key(k);
    k.key += ')';
}

const ColumnClauseNode* FromClauseNode::find_column(std::string_view key) const noexcept {
    for (const auto& c : columns_)
        if (c->key() == key) return c.get();
    return nullptr;
}

TableNode::TableNode(std::string name, std::optional<std::string> schema, const std::vector<ColumnSpec>& columns)
    : FromClauseNode(ElementKind::table), name_(std::move(name)), schema_(std::move(schema)) {
    columns_.reserve(columns.size());
    for (const auto& c : columns) columns_.push_back(std::make_unique<ColumnClauseNode>(c.name, c.type, this, false, c.key));
    make_cache_key();
}
TableNode::~TableNode() = default;

void TableNode::attach_schema(const std::shared_ptr<TableSchema>& info) {
    static std::atomic<std::uint64_t> next{1};
    info_ = info;
    serial_ = next.fetch_add(1, std::memory_order_relaxed);
    make_cache_key();
}

void TableNode::make_cache_key() {
    cache_key_ = "(table ";
    if (schema_) {
        cache_key_ += 's';
        CacheKey::add_text(cache_key_, *schema_);
    }
    CacheKey::add_text(cache_key_, name_);
    if (serial_) cache_key_ += '#' + std::to_string(serial_);
    cache_key_ += ')';
}

void TableNode::append_cache_key(CacheKey& k) const {
    k.key += cache_key_;
    k.add_from(this);
}

std::string TableNode::description() const { return schema_ ? *schema_ + "." + name_ : name_; }

AliasNode::AliasNode(std::shared_ptr<const FromClauseNode> element, std::optional<std::string> name)
    : FromClauseNode(ElementKind::alias), element_(std::move(element)), name_(std::move(name)) {
    for (const auto& c : element_->columns())
        columns_.push_back(std::make_unique<ColumnClauseNode>(c->name(), c->type(), this, false, c->key()));
}
AliasNode::~AliasNode() = default;

void AliasNode::append_cache_key(CacheKey& k) const {
    // An anonymous alias is identified by its node: two anonymous aliases of one table in a
    // statement are different FROMs, and the key must say so.
    k.key += "(alias ";
    k.add_from(this);
    if (name_)
        k.add_text(*name_);
    else
        k.key += "#" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
    k.key += ' ';
    element_->append_cache_key(k);
    k.key += ')';
}

std::string AliasNode::description() const { return element_->description() + " AS " + name_.value_or("(anonymous)"); }

std::string AliasNode::anonymous_base() const {
    if (element_->kind() == ElementKind::table) return static_cast<const TableNode&>(*element_).name();
    return "anon";
}

BindParamNode::BindParamNode(std::string key, std::optional<Value> value, TypeEngine type, bool unique)
    : ColumnElementNode(ElementKind::bind_param, type), key_(std::move(key)), value_(std::move(value)),
      unique_(unique) {}

BindParamNode::BindParamNode(std::string key, std::vector<Value> list, std::size_t tuple_width, TypeEngine type,
                             bool unique)
    : ColumnElementNode(ElementKind::bind_param, type), key_(std::move(key)), unique_(unique), expanding_(true),
      list_(std::move(list)), tuple_width_(tuple_width) {}

BindParamNode::~BindParamNode() = default;

void BindParamNode::append_cache_key(CacheKey& k) const {
    k.key += unique_ ? "(bind~" : "(bind ";
    k.add_text(key_);
    k.key += ' ';
    add_type(k, type());
    if (expanding_) k.key += " expanding" + std::to_string(tuple_width_);
    if (literal_execute_) k.key += " literal_execute";
    k.key += ')';
    k.binds.push_back(this);
}

ConstantNode::ConstantNode(ElementKind kind)
    : ColumnElementNode(kind, kind == ElementKind::null ? TypeEngine() : TypeEngine(TypeKind::boolean)) {}
ConstantNode::~ConstantNode() = default;

void ConstantNode::append_cache_key(CacheKey& k) const {
    k.key += kind() == ElementKind::null ? "(null)" : kind() == ElementKind::true_ ? "(true)" : "(false)";
}

LabelNode::LabelNode(std::optional<std::string> name, ColumnElementPtr element, std::string anonymous_base)
    : ColumnElementNode(ElementKind::label, element->type()), name_(std::move(name)), element_(std::move(element)),
      anonymous_base_(std::move(anonymous_base)) {}
LabelNode::~LabelNode() = default;

void LabelNode::append_cache_key(CacheKey& k) const {
    k.key += "(label ";
    if (name_) {
        k.add_text(*name_);
    } else {
        k.key += '~';
        k.add_text(anonymous_base_);
    }
    k.key += ' ';
    element_->append_cache_key(k);
    k.key += ')';
}

std::string_view LabelNode::bind_key() const noexcept {
    return name_ ? std::string_view(*name_) : element_->bind_key();
}

std::optional<std::string_view> LabelNode::result_name() const noexcept {
    if (name_) return std::string_view(*name_);
    return std::nullopt;
}

UnaryNode::UnaryNode(ColumnElementPtr element, Operator op, Operator modifier, TypeEngine type)
    : ColumnElementNode(ElementKind::unary, type), element_(std::move(element)), op_(op), modifier_(modifier) {}
UnaryNode::~UnaryNode() = default;

void UnaryNode::append_cache_key(CacheKey& k) const {
    k.key += "(unary " + std::to_string(static_cast<int>(op_)) + ' ' + std::to_string(static_cast<int>(modifier_)) + ' ';
    element_->append_cache_key(k);
    k.key += ')';
}

BinaryNode::BinaryNode(ColumnElementPtr left, Operator op, ColumnElementPtr right, TypeEngine type,
                       std::string custom_op, ColumnElementPtr escape, Regexp regexp)
    : ColumnElementNode(ElementKind::binary, type), left_(std::move(left)), right_(std::move(right)), op_(op),
      custom_op_(std::move(custom_op)), escape_(std::move(escape)), regexp_(std::move(regexp)) {}
BinaryNode::~BinaryNode() = default;

void BinaryNode::append_cache_key(CacheKey& k) const {
    k.key += "(binary " + std::to_string(static_cast<int>(op_));
    if (!custom_op_.empty()) k.add_text(custom_op_);
    k.key += ' ';
    left_->append_cache_key(k);
    k.key += ' ';
    right_->append_cache_key(k);
    if (escape_) add_child(k, escape_.get());
    // The flags are rendered differently by value (PostgreSQL's ~* for "i"): part of the key.
    if (regexp_.flags) {
        k.key += " flags:";
        k.add_text(*regexp_.flags);
    }
    if (regexp_.replacement) {
        k.key += " repl:";
        regexp_.replacement->append_cache_key(k);
    }
    k.key += ')';
}

ClauseListNode::ClauseListNode(Operator op, std::vector<ColumnElementPtr> clauses, TypeEngine type)
    : ColumnElementNode(ElementKind::clause_list, type), op_(op), clauses_(std::move(clauses)) {}
ClauseListNode::~ClauseListNode() = default;

void ClauseListNode::append_cache_key(CacheKey& k) const {
    k.key += "(list " + std::to_string(static_cast<int>(op_));
    for (const auto& c : clauses_) {
        k.key += ' ';
        c->append_cache_key(k);
    }
    k.key += ')';
}

GroupingNode::GroupingNode(ColumnElementPtr element)
    : ColumnElementNode(ElementKind::grouping, element->type()), element_(std::move(element)) {}
GroupingNode::~GroupingNode() = default;

void GroupingNode::append_cache_key(CacheKey& k) const {
    k.key += "(group ";
    element_->append_cache_key(k);
    k.key += ')';
}

FunctionNode::FunctionNode(std::string name, std::vector<ColumnElementPtr> args, TypeEngine type)
    : ColumnElementNode(ElementKind::function, type), name_(std::move(name)), args_(std::move(args)) {}
FunctionNode::~FunctionNode() = default;

void FunctionNode::append_cache_key(CacheKey& k) const {
    k.key += "(func ";
    k.add_text(name_);
    for (const auto& a : args_) {
        k.key += ' ';
        a->append_cache_key(k);
    }
    k.key += ')';
}

CastNode::CastNode(ColumnElementPtr element, TypeEngine type, bool coerce_only)
    : ColumnElementNode(ElementKind::cast, type), element_(std::move(element)), coerce_only_(coerce_only) {}
CastNode::~CastNode() = default;

void CastNode::append_cache_key(CacheKey& k) const {
    k.key += coerce_only_ ? "(coerce " : "(cast ";
    add_type(k, type());
    k.key += ' ';
    element_->append_cache_key(k);
    k.key += ')';
}

CaseNode::CaseNode(ColumnElementPtr value, std::vector<When> whens, ColumnElementPtr else_, TypeEngine type)
    : ColumnElementNode(ElementKind::case_, type), value_(std::move(value)), whens_(std::move(whens)),
      else_ptr_(std::move(else_)) {}
CaseNode::~CaseNode() = default;

void CaseNode::append_cache_key(CacheKey& k) const {
    k.key += "(case ";
    add_child(k, value_.get());
    for (const auto& w : whens_) {
        k.key += " when ";
        w.condition->append_cache_key(k);
        k.key += " then ";
        w.result->append_cache_key(k);
    }
    k.key += " else ";
    add_child(k, else_ptr_.get());
    k.key += ')';
}

OverNode::OverNode(ColumnElementPtr element, std::vector<ColumnElementPtr> partition_by,
                   std::vector<ColumnElementPtr> order_by, FrameKind frame, FrameBound start, FrameBound end)
    : ColumnElementNode(ElementKind::over, element->type()), element_(std::move(element)),
      partition_by_(std::move(partition_by)), order_by_(std::move(order_by)), frame_(frame), start_(start), end_(end) {}
OverNode::~OverNode() = default;

void OverNode::append_cache_key(CacheKey& k) const {
    k.key += "(over ";
    element_->append_cache_key(k);
    k.key += " partition:";
    for (const auto& p : partition_by_) p->append_cache_key(k);
    k.key += " order:";
    for (const auto& o : order_by_) o->append_cache_key(k);
    // Frame bounds are rendered as SQL text, so they belong to the key.
    auto bound = [&](FrameBound b) { k.key += b ? std::to_string(*b) : std::string("u"); };
    k.key += " frame" + std::to_string(static_cast<int>(frame_)) + ":";
    bound(start_);
    k.key += ',';
    bound(end_);
    k.key += ')';
}

FilterNode::FilterNode(ColumnElementPtr function, ColumnElementPtr criterion)
    : ColumnElementNode(ElementKind::filter, function->type()), function_(std::move(function)),
      criterion_(std::move(criterion)) {}
FilterNode::~FilterNode() = default;

void FilterNode::append_cache_key(CacheKey& k) const {
    k.key += "(filter ";
    function_->append_cache_key(k);
    k.key += ' ';
    criterion_->append_cache_key(k);
    k.key += ')';
}

ExtractNode::ExtractNode(std::string field, ColumnElementPtr expr)
    : ColumnElementNode(ElementKind::extract, TypeEngine(TypeKind::integer)), field_(std::move(field)),
      expr_(std::move(expr)) {}
ExtractNode::~ExtractNode() = default;

void ExtractNode::append_cache_key(CacheKey& k) const {
    k.key += "(extract ";
    k.add_text(field_);
    k.key += ' ';
    expr_->append_cache_key(k);
    k.key += ')';
}

ColumnElement extract(std::string field, const ColumnElement& expr) {
    // The field is written into the SQL as given (EXTRACT(field FROM ...), DATEPART(field, ...)),
    // so it must be a word: ASCII letters, digits and '_' (not the locale's letters). Which words
    // are fields is each database's to say (SQL Server alone has a dozen abbreviations).
    const bool word = !field.empty() && std::all_of(field.begin(), field.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!word) throw ArgumentError("extract(): \"" + field + "\" is not a date/time field name");
    return ColumnElement(std::make_shared<ExtractNode>(std::move(field), expr.node_ptr()));
}

namespace {
// The SQL type of a plain value where nothing else says (SQLAlchemy's
// _resolve_value_to_type): "abc" is a String, 5 an Integer, a date a Date...
TypeEngine type_of_value(const Value& v) {
    switch (v.kind()) {
        case ValueKind::boolean: return TypeEngine(TypeKind::boolean);
        case ValueKind::integer: return TypeEngine(TypeKind::integer);
        case ValueKind::real: return TypeEngine(TypeKind::float_);
        case ValueKind::text: return TypeEngine(TypeKind::string);
        case ValueKind::blob: return TypeEngine(TypeKind::large_binary);
        case ValueKind::decimal: return TypeEngine(TypeKind::numeric);
        case ValueKind::date: return TypeEngine(TypeKind::date);
        case ValueKind::time: return TypeEngine(TypeKind::time);
        case ValueKind::datetime: return TypeEngine(TypeKind::datetime);
        case ValueKind::datetime_tz: return TypeEngine(TypeKind::datetime).with_timezone(true);
        case ValueKind::interval: return TypeEngine(TypeKind::interval);
        case ValueKind::uuid: return TypeEngine(TypeKind::uuid);
        case ValueKind::json: return TypeEngine(TypeKind::json);
        default: return TypeEngine();
    }
}
}  // namespace

ExpressionArg::ExpressionArg(const ColumnElement& e) : node_(e.node_ptr()) {}
ExpressionArg::ExpressionArg(const Value& value, int)
    : node_(std::make_shared<BindParamNode>("param", value, type_of_value(value), true)), is_value_(true) {}

AggregateOrderByNode::AggregateOrderByNode(ColumnElementPtr target, std::vector<ColumnElementPtr> order_by)
    : ColumnElementNode(ElementKind::aggregate_order_by, target->type()), target_(std::move(target)),
      order_by_(std::move(order_by)) {}
AggregateOrderByNode::~AggregateOrderByNode() = default;

void AggregateOrderByNode::append_cache_key(CacheKey& k) const {
    k.key += "(aggorder ";
    target_->append_cache_key(k);
    for (const auto& o : order_by_) {
        k.key += ' ';
        o->append_cache_key(k);
    }
    k.key += ')';
}

ColumnElement postgresql::aggregate_order_by(const ColumnElement& target, std::vector<ColumnElement> order_by) {
    if (order_by.empty()) throw ArgumentError("aggregate_order_by() needs at least one ORDER BY expression");
    std::vector<ColumnElementPtr> order;
    for (const auto& o : order_by) order.push_back(o.node_ptr());
    return ColumnElement(std::make_shared<AggregateOrderByNode>(target.node_ptr(), std::move(order)));
}

WithinGroupNode::WithinGroupNode(ColumnElementPtr element, std::vector<ColumnElementPtr> order_by)
    : ColumnElementNode(ElementKind::within_group, element->type()), element_(std::move(element)),
      order_by_(std::move(order_by)) {}
WithinGroupNode::~WithinGroupNode() = default;

void WithinGroupNode::append_cache_key(CacheKey& k) const {
    k.key += "(withingroup ";
    element_->append_cache_key(k);
    for (const auto& o : order_by_) {
        k.key += ' ';
        o->append_cache_key(k);
    }
    k.key += ')';
}

// ---- ColumnElement ------------------------------------------------------------------------

ColumnElementPtr ColumnElement::self_group(Operator against) const {
    Operator own = Operator::none;
    switch (node_->kind()) {
        case ElementKind::binary: own = static_cast<const BinaryNode&>(*node_).op(); break;
        case ElementKind::clause_list: {
            const auto& list = static_cast<const ClauseListNode&>(*node_);
            if (list.clauses().size() < 2) return node_;
            own = list.op();
            break;
        }
        case ElementKind::unary: {
            // Modifiers (ASC, DESC, NULLS FIRST) never group; prefix operators do by precedence.
            const auto& u = static_cast<const UnaryNode&>(*node_);
            // EXISTS (precedence 0) is parenthesised in AND / OR and under NOT, as in SQLAlchemy.
            if (u.op() == Operator::none) return node_;
            own = u.op();
            break;
        }
        case ElementKind::cast: {
            // type_coerce() renders its expression as is, so it groups as its expression does
            // (SQLAlchemy's TypeCoerce.self_group): `(a = ?) + ?`.
            const auto& c = static_cast<const CastNode&>(*node_);
            if (!c.coerce_only()) return node_;
            auto inner = ColumnElement(c.element_ptr()).self_group(against);
            if (inner == c.element_ptr()) return node_;
            return std::make_shared<CastNode>(std::move(inner), c.type(), true);
        }
        default: return node_;
    }
    if (needs_grouping(own, against)) return std::make_shared<GroupingNode>(node_);
    return node_;
}

ColumnElement ColumnElement::operate(Operator op, const Value& other) const {
    if (other.is_null() && (op == Operator::eq || op == Operator::ne))
        return operate(op == Operator::eq ? Operator::is : Operator::is_not, null());
    if (other.is_null() && (op == Operator::is || op == Operator::is_not)) return operate(op, null());
    // A bound value compared with a boolean column renders as the boolean constant
    // (`is_active = 1` on SQLite, `= true` on PostgreSQL), as SQLAlchemy does.
    if (other.kind() == ValueKind::boolean && (op == Operator::eq || op == Operator::ne || op == Operator::is ||
                                               op == Operator::is_not))
        return operate(op, std::get<bool>(other.storage()) ? true_() : false_());
    TypeEngine bind_type = is_comparison(op) || op == Operator::add || op == Operator::sub ||
                                   op == Operator::mul || op == Operator::div || op == Operator::mod
                               ? node_->type()
                               : TypeEngine();
    return operate(op, ColumnElement(make_bind(node_->bind_key(), other, bind_type)));
}

ColumnElement ColumnElement::reverse_operate(Operator op, const Value& value) const {
    // String + is concatenation, whichever side the string column is on.
    if (op == Operator::add && node_->type().is_string()) op = Operator::concat;
    auto left = ColumnElement(make_bind(node_->bind_key(), value, node_->type()));
    return ColumnElement(std::make_shared<BinaryNode>(left.self_group(op), op, self_group(op), node_->type()));
}

ColumnElement ColumnElement::operate(Operator op, const ColumnElement& other) const {
    // `x == null()` is `x IS NULL`, as for a NULL value (SQLAlchemy's _boolean_compare).
    if (other.node().kind() == ElementKind::null && (op == Operator::eq || op == Operator::ne))
        op = op == Operator::eq ? Operator::is : Operator::is_not;
    TypeEngine result = is_comparison(op) ? TypeEngine(TypeKind::boolean) : node_->type();
    if (op == Operator::add && node_->type().is_string()) op = Operator::concat;
    return ColumnElement(std::make_shared<BinaryNode>(self_group(op), op, other.self_group(op), result));
}

ColumnElement ColumnElement::label(std::string name) const {
    return ColumnElement(std::make_shared<LabelNode>(std::move(name), node_));
}

namespace {
ColumnElement modifier(const ColumnElement& e, Operator m) {
    return ColumnElement(std::make_shared<UnaryNode>(e.self_group(m), Operator::none, m, e.type()));
}
}  // namespace

ColumnElement ColumnElement::asc() const { return modifier(*this, Operator::asc); }
ColumnElement ColumnElement::desc() const { return modifier(*this, Operator::desc); }
ColumnElement ColumnElement::nulls_first() const { return modifier(*this, Operator::nulls_first); }
ColumnElement ColumnElement::nulls_last() const { return modifier(*this, Operator::nulls_last); }
ColumnElement ColumnElement::distinct() const {
    return ColumnElement(std::make_shared<UnaryNode>(node_, Operator::distinct, Operator::none, node_->type()));
}

ColumnElement ColumnElement::is_(const Value& other) const { return operate(Operator::is, other); }
ColumnElement ColumnElement::is_not(const Value& other) const { return operate(Operator::is_not, other); }
ColumnElement ColumnElement::is_distinct_from(const Value& other) const {
    return other.is_null() ? operate(Operator::is_distinct_from, null()) : operate(Operator::is_distinct_from, other);
}
ColumnElement ColumnElement::is_not_distinct_from(const Value& other) const {
    return other.is_null() ? operate(Operator::is_not_distinct_from, null())
                           : operate(Operator::is_not_distinct_from, other);
}

namespace {
ColumnElement like_op(const ColumnElement& self, Operator op, const Value& pattern, std::optional<char> escape) {
    auto right = ColumnElement(make_bind(self.node().bind_key(), pattern, self.type()));
    ColumnElementPtr esc;
    if (escape) esc = std::make_shared<ColumnClauseNode>(std::string(1, *escape), TypeEngine(), nullptr, true);
    return ColumnElement(std::make_shared<BinaryNode>(self.self_group(op), op, right.self_group(op),
                                                      TypeEngine(TypeKind::boolean), std::string(), esc));
}
}  // namespace

namespace {
ColumnElement like_expr(const ColumnElement& self, Operator op, const ColumnElement& pattern, std::optional<char> escape) {
    ColumnElementPtr esc;
    if (escape) esc = std::make_shared<ColumnClauseNode>(std::string(1, *escape), TypeEngine(), nullptr, true);
    return ColumnElement(std::make_shared<BinaryNode>(self.self_group(op), op, pattern.self_group(op),
                                                      TypeEngine(TypeKind::boolean), std::string(), esc));
}
}  // namespace

ColumnElement ColumnElement::like(const Value& p, std::optional<char> e) const { return like_op(*this, Operator::like, p, e); }
ColumnElement ColumnElement::like(const ColumnElement& p, std::optional<char> e) const {
    return like_expr(*this, Operator::like, p, e);
}
ColumnElement ColumnElement::not_like(const ColumnElement& p, std::optional<char> e) const {
    return like_expr(*this, Operator::not_like, p, e);
}
ColumnElement ColumnElement::ilike(const ColumnElement& p, std::optional<char> e) const {
    return like_expr(*this, Operator::ilike, p, e);
}
ColumnElement ColumnElement::not_ilike(const ColumnElement& p, std::optional<char> e) const {
    return like_expr(*this, Operator::not_ilike, p, e);
}
ColumnElement ColumnElement::not_like(const Value& p, std::optional<char> e) const {
    return like_op(*this, Operator::not_like, p, e);
}
ColumnElement ColumnElement::ilike(const Value& p, std::optional<char> e) const { return like_op(*this, Operator::ilike, p, e); }
ColumnElement ColumnElement::not_ilike(const Value& p, std::optional<char> e) const {
    return like_op(*this, Operator::not_ilike, p, e);
}

namespace {
ColumnElement affix_pattern(const ColumnElement& self, ColumnElementPtr pattern, std::optional<char> escape,
                            bool percent_before, bool percent_after);
// startswith/endswith/contains: `x LIKE <'%' ||> ? <|| '%'> [ESCAPE 'e']`, parenthesised as
// SQLAlchemy does. `autoescape` escapes `%`, `_` and the escape character itself in the value,
// with `escape` (default `/`), as SQLAlchemy's autoescape does.
ColumnElement affix_like(const ColumnElement& self, const Value& value, bool autoescape, std::optional<char> escape,
                         bool percent_before, bool percent_after) {
    Value bound = value;
    if (autoescape) {
        if (value.kind() != ValueKind::text) throw ArgumentError("autoescape needs a text value");
        const char e = escape.value_or('/');
        escape = e;
        std::string escaped;
        for (char c : std::get<std::string>(value.storage())) {
            if (c == '%' || c == '_' || c == e) escaped.push_back(e);
            escaped.push_back(c);
        }
        bound = Value(std::move(escaped));
    }
    return affix_pattern(self, make_bind(self.node().bind_key(), bound, self.type()), escape, percent_before,
                         percent_after);
}

ColumnElement affix_pattern(const ColumnElement& self, ColumnElementPtr pattern, std::optional<char> escape_char,
                            bool percent_before, bool percent_after) {
    auto percent = std::make_shared<ColumnClauseNode>("'%'", TypeEngine(TypeKind::string), nullptr, true);
    if (percent_before)
        pattern = std::make_shared<BinaryNode>(percent, Operator::concat, pattern, TypeEngine(TypeKind::string));
    if (percent_after)
        pattern = std::make_shared<BinaryNode>(pattern, Operator::concat, percent, TypeEngine(TypeKind::string));
    ColumnElementPtr escape;
    if (escape_char) escape = std::make_shared<ColumnClauseNode>(std::string(1, *escape_char), TypeEngine(), nullptr, true);
    auto like = std::make_shared<BinaryNode>(self.self_group(Operator::like), Operator::like, pattern,
                                             TypeEngine(TypeKind::boolean), std::string(), escape);
    return ColumnElement(std::make_shared<GroupingNode>(like));
}
}  // namespace

ColumnElement ColumnElement::startswith(const Value& v, bool autoescape, std::optional<char> escape) const {
    return affix_like(*this, v, autoescape, escape, false, true);
}
ColumnElement ColumnElement::endswith(const Value& v, bool autoescape, std::optional<char> escape) const {
    return affix_like(*this, v, autoescape, escape, true, false);
}
ColumnElement ColumnElement::contains(const Value& v, bool autoescape, std::optional<char> escape) const {
    const auto kind = node_->type().kind();
    if (kind == TypeKind::json || kind == TypeKind::array)
        return ColumnElement(std::make_shared<BinaryNode>(self_group(Operator::custom), Operator::custom,
                                                          make_bind(node_->bind_key(), v, node_->type()),
                                                          TypeEngine(TypeKind::boolean), "@>"));
    return affix_like(*this, v, autoescape, escape, true, true);
}

namespace {
// An expression as the affix of startswith/endswith/contains: an operation is parenthesised
// (`'%' || (a || b) || '%'`), as SQLAlchemy groups it (self_group() against nothing).
ColumnElementPtr affix_operand(const ColumnElement& p) {
    const auto kind = p.node().kind();
    const bool operation = kind == ElementKind::binary ||
                           (kind == ElementKind::unary && static_cast<const UnaryNode&>(p.node()).op() != Operator::none) ||
                           (kind == ElementKind::clause_list && static_cast<const ClauseListNode&>(p.node()).clauses().size() > 1);
    return operation ? std::make_shared<GroupingNode>(p.node_ptr()) : p.node_ptr();
}
}  // namespace

ColumnElement ColumnElement::startswith(const ColumnElement& p) const {
    return affix_pattern(*this, affix_operand(p), std::nullopt, false, true);
}
ColumnElement ColumnElement::endswith(const ColumnElement& p) const {
    return affix_pattern(*this, affix_operand(p), std::nullopt, true, false);
}
ColumnElement ColumnElement::contains(const ColumnElement& p) const {
    const auto kind = node_->type().kind();
    if (kind == TypeKind::json || kind == TypeKind::array)
        return ColumnElement(std::make_shared<BinaryNode>(self_group(Operator::custom), Operator::custom,
                                                          p.self_group(Operator::custom), TypeEngine(TypeKind::boolean),
                                                          "@>"));
    return affix_pattern(*this, affix_operand(p), std::nullopt, true, true);
}

ColumnElement ColumnElement::operator[](const Value& index) const {
    if (node_->type().kind() == TypeKind::array) {
        const auto& item = node_->type().details().item;
        return ColumnElement(std::make_shared<BinaryNode>(self_group(Operator::getitem), Operator::getitem,
                                                          make_bind(node_->bind_key(), index, TypeEngine(TypeKind::integer)),
                                                          item ? *item : TypeEngine()));
    }
    if (node_->type().kind() != TypeKind::json)
        throw ArgumentError("indexing with [] needs a JSON expression; " + std::string(node_->type().repr()) +
                            " has no elements to index");
    // The key binds as text or an integer, not as JSON (which would encode "key" as "\"key\"").
    const TypeEngine key_type(index.kind() == ValueKind::integer ? TypeKind::integer : TypeKind::string);
    return ColumnElement(std::make_shared<BinaryNode>(self_group(Operator::custom), Operator::custom,
                                                      make_bind(node_->bind_key(), index, key_type),
                                                      node_->type(), "->"));
}

ColumnElement ColumnElement::as_string() const {
    const auto* binary = node_->kind() == ElementKind::binary ? static_cast<const BinaryNode*>(node_.get()) : nullptr;
    if (!binary || binary->custom_op() != "->")
        throw ArgumentError("as_string() reads an element of a JSON document (doc[\"key\"].as_string())");
    return ColumnElement(std::make_shared<BinaryNode>(binary->left_ptr(), Operator::custom, binary->right_ptr(),
                                                      TypeEngine(TypeKind::string), "->>"));
}

ColumnElement ColumnElement::regexp_match(const Value& pattern, std::optional<std::string> flags) const {
    return regexp_match(ColumnElement(make_bind(node_->bind_key(), pattern, node_->type())), std::move(flags));
}

ColumnElement ColumnElement::regexp_match(const ColumnElement& pattern, std::optional<std::string> flags) const {
    return ColumnElement(std::make_shared<BinaryNode>(self_group(Operator::regexp_match), Operator::regexp_match,
                                                      pattern.self_group(Operator::regexp_match),
                                                      TypeEngine(TypeKind::boolean), std::string(), nullptr,
                                                      BinaryNode::Regexp{std::move(flags), nullptr}));
}

ColumnElement ColumnElement::regexp_replace(const Value& pattern, const Value& replacement,
                                            std::optional<std::string> flags) const {
    // Bound in SQLAlchemy's order: the pattern, then the replacement, both after this expression.
    auto p = make_bind(node_->bind_key(), pattern, node_->type());
    auto r = make_bind(node_->bind_key(), replacement, node_->type());
    return ColumnElement(std::make_shared<BinaryNode>(self_group(Operator::regexp_replace), Operator::regexp_replace,
                                                      std::move(p), node_->type(), std::string(), nullptr,
                                                      BinaryNode::Regexp{std::move(flags), std::move(r)}));
}

ColumnElement ColumnElement::collate(std::string collation) const {
    if (collation.empty()) throw ArgumentError("collate() needs a collation name");
    // A column without a table renders as the dialect's quoted identifier: quoted only when it
    // is not a plain lower-case name, as SQLAlchemy 2.0's format_collation does.
    auto name = std::make_shared<ColumnClauseNode>(std::move(collation), TypeEngine(), nullptr);
    return ColumnElement(std::make_shared<BinaryNode>(self_group(Operator::collate), Operator::collate, std::move(name),
                                                      node_->type()));
}

ColumnElement ColumnElement::match(const Value& search) const {
    return ColumnElement(std::make_shared<BinaryNode>(self_group(Operator::match), Operator::match,
                                                      make_bind(node_->bind_key(), search, node_->type()),
                                                      TypeEngine(TypeKind::boolean)));
}

namespace {
// `arr <op> ?`: an ARRAY comparison with a bound array of the same type.
ColumnElement array_operator(const ColumnElement& self, std::string_view op, const Value& other) {
    if (self.type().kind() != TypeKind::array)
        throw ArgumentError(std::string(op == "<@" ? "contained_by()" : "overlap()") + " compares ARRAYs; this expression is " +
                            self.type().repr());
    return ColumnElement(std::make_shared<BinaryNode>(self.self_group(Operator::custom), Operator::custom,
                                                      make_bind(self.node().bind_key(), other, self.type()),
                                                      TypeEngine(TypeKind::boolean), std::string(op)));
}

// `? = ANY (arr)`: the value binds after the array, typed as its items.
ColumnElement array_aggregate(const ColumnElement& self, const Value& value, bool all) {
    const auto& item = self.type().details().item;
    auto bind = make_bind(self.node().bind_key(), value, item ? *item : TypeEngine());
    auto aggregate = all ? all_(self) : any_(self);
    return ColumnElement(std::make_shared<BinaryNode>(std::move(bind), Operator::eq, aggregate.node_ptr(),
                                                      TypeEngine(TypeKind::boolean)));
}
}  // namespace

ColumnElement ColumnElement::contained_by(const Value& other) const { return array_operator(*this, "<@", other); }
ColumnElement ColumnElement::overlap(const Value& other) const { return array_operator(*this, "&&", other); }
ColumnElement ColumnElement::any(const Value& value) const { return array_aggregate(*this, value, false); }
ColumnElement ColumnElement::all(const Value& value) const { return array_aggregate(*this, value, true); }

namespace {
ColumnElement between_op(const ColumnElement& self, ColumnElementPtr lo, ColumnElementPtr hi, bool symmetric) {
    const auto& node_ = self.node_ptr();
    auto range = std::make_shared<ClauseListNode>(Operator::and_, std::vector<ColumnElementPtr>{std::move(lo), std::move(hi)},
                                                  node_->type());
    return ColumnElement(std::make_shared<BinaryNode>(self.self_group(Operator::between), Operator::between, range,
                                                      TypeEngine(TypeKind::boolean), symmetric ? "SYMMETRIC" : ""));
}
}  // namespace

ColumnElement ColumnElement::between(const ColumnElement& low, const ColumnElement& high, bool symmetric) const {
    return between_op(*this, low.self_group(Operator::and_), high.self_group(Operator::and_), symmetric);
}
ColumnElement ColumnElement::between(const ColumnElement& low, const Value& high, bool symmetric) const {
    return between_op(*this, low.self_group(Operator::and_), make_bind(node_->bind_key(), high, node_->type()), symmetric);
}
ColumnElement ColumnElement::between(const Value& low, const ColumnElement& high, bool symmetric) const {
    return between_op(*this, make_bind(node_->bind_key(), low, node_->type()), high.self_group(Operator::and_), symmetric);
}

ColumnElement ColumnElement::between(const Value& low, const Value& high, bool symmetric) const {
    // BETWEEN binds its operands by name (order_date_1, order_date_2) as SQLAlchemy.
    auto lo = make_bind(node_->bind_key(), low, node_->type());
    auto hi = make_bind(node_->bind_key(), high, node_->type());
    auto range = std::make_shared<ClauseListNode>(Operator::and_, std::vector<ColumnElementPtr>{lo, hi}, node_->type());
    return ColumnElement(std::make_shared<BinaryNode>(self_group(Operator::between), Operator::between, range,
                                                      TypeEngine(TypeKind::boolean), symmetric ? "SYMMETRIC" : ""));
}

namespace {
// op()'s operator is SQL text written between its operands, as in SQLAlchemy. It may be any
// operator or keyword (`&`, `@>`, `->>`, `IS DISTINCT FROM`, `#>>`), but nothing that ends or
// comments out the statement or opens a string, quoted name or grouping that would swallow
// what follows. '#' (a comment on MySQL) is refused by that dialect's compiler.
void check_custom_operator(std::string_view text) {
    auto refuse = [&](std::string_view why) {
        std::string shown;
        for (const char c : text) {
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                static constexpr char hex[] = "0123456789abcdef";
                shown += "\\x";
                shown += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
                shown += hex[static_cast<unsigned char>(c) & 0xf];
            } else {
                shown += c;
            }
        }
        throw ArgumentError("op(): the operator \"" + shown + "\" " + std::string(why) +
                            "; an operator is SQL text, so it may not hold quotes, ';', parentheses, brackets, "
                            "backslashes, control characters or comment markers (--, /*, */)");
    };
    if (text.empty()) refuse("is empty");
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) refuse("holds a control character");
        if (c == '\'' || c == '"' || c == '`') refuse("holds a quote");
        if (c == ';') refuse("holds ';'");
        if (c == '(' || c == ')' || c == '[' || c == ']') refuse("holds a parenthesis or bracket");
        if (c == '\\') refuse("holds a backslash");
    }
    for (const std::string_view marker : {"--", "/*", "*/"})
        if (text.find(marker) != std::string_view::npos) refuse("holds a comment marker");
}
}  // namespace

ColumnElement ColumnElement::op(std::string_view text, const ColumnElement& right) const {
    check_custom_operator(text);
    return ColumnElement(std::make_shared<BinaryNode>(self_group(Operator::custom), Operator::custom,
                                                      right.self_group(Operator::custom), node_->type(),
                                                      std::string(text)));
}

ColumnElement ColumnElement::op(std::string_view text, const Value& right) const {
    return op(text, ColumnElement(make_bind(node_->bind_key(), right, node_->type())));
}

ColumnElement ColumnElement::concat(const Value& other) const { return operate(Operator::concat, other); }
ColumnElement ColumnElement::concat(const ColumnElement& other) const { return operate(Operator::concat, other); }

ColumnElement ColumnElement::over(const OverSpec& spec) const {
    std::vector<ColumnElementPtr> partition;
    for (const auto& p : spec.partition_by) partition.push_back(p.node());
    std::vector<ColumnElementPtr> order;
    for (const auto& o : spec.order_by) order.push_back(o.node());
    if (spec.rows && spec.range) throw ArgumentError("over(): give rows or range, not both");
    auto kind = spec.rows ? OverNode::FrameKind::rows : spec.range ? OverNode::FrameKind::range : OverNode::FrameKind::none;
    FrameBound start, end;
    if (spec.rows) std::tie(start, end) = *spec.rows;
    if (spec.range) std::tie(start, end) = *spec.range;
    return ColumnElement(std::make_shared<OverNode>(node_, std::move(partition), std::move(order), kind, start, end));
}

ColumnElement ColumnElement::within_group(std::vector<ExpressionArg> order_by) const {
    if (order_by.empty()) throw ArgumentError("within_group() needs at least one ORDER BY expression");
    std::vector<ColumnElementPtr> order;
    for (const auto& o : order_by) order.push_back(o.node());
    return ColumnElement(std::make_shared<WithinGroupNode>(node_, std::move(order)));
}

ColumnElement ColumnElement::filter(const ColumnElement& criterion) const {
    return ColumnElement(std::make_shared<FilterNode>(node_, criterion.node_ptr()));
}

ColumnElement cast(const ExpressionArg& expr, TypeEngine type) {
    return ColumnElement(std::make_shared<CastNode>(expr.node(), type, false));
}

ColumnElement type_coerce(const ExpressionArg& expr, TypeEngine type) {
    ColumnElementPtr node = expr.node();
    // A plain value binds with the coerced type (SQLAlchemy's type_coerce("x", String)).
    if (node->kind() == ElementKind::bind_param) {
        const auto& b = static_cast<const BindParamNode&>(*node);
        if (b.unique() && !b.expanding() && b.value() && b.key() == "param" && b.type() != type)
            node = std::make_shared<BindParamNode>("param", *b.value(), type, true);
    }
    return ColumnElement(std::make_shared<CastNode>(std::move(node), type, true));
}

namespace {
TypeEngine case_type(const std::vector<CaseNode::When>& whens) {
    for (const auto& w : whens)
        if (!w.result->type().is_null_type()) return w.result->type();
    return TypeEngine();
}
}  // namespace

ColumnElement case_(std::vector<std::pair<ColumnElement, ExpressionArg>> whens, std::optional<ExpressionArg> else_) {
    if (whens.empty()) throw ArgumentError("case_() needs at least one WHEN");
    std::vector<CaseNode::When> w;
    for (auto& [cond, result] : whens)
        w.push_back({std::make_shared<GroupingNode>(cond.node_ptr()), result.node()});
    auto type = case_type(w);
    return ColumnElement(std::make_shared<CaseNode>(nullptr, std::move(w), else_ ? else_->node() : nullptr, type));
}

ColumnElement case_value(const ColumnElement& value, std::vector<std::pair<ExpressionArg, ExpressionArg>> whens,
                         std::optional<ExpressionArg> else_) {
    if (whens.empty()) throw ArgumentError("case_value() needs at least one WHEN");
    std::vector<CaseNode::When> w;
    for (auto& [match, result] : whens) w.push_back({match.node(), result.node()});
    auto type = case_type(w);
    return ColumnElement(std::make_shared<CaseNode>(value.node_ptr(), std::move(w), else_ ? else_->node() : nullptr, type));
}

namespace {
// `x IN right` / `x NOT IN right` (the compiler parenthesises NOT IN as a whole, as SQLAlchemy's
// visit_not_in_op_binary does, so a negated IN renders the same).
ColumnElement in_op(const ColumnElement& self, Operator op, ColumnElementPtr right) {
    return ColumnElement(std::make_shared<BinaryNode>(self.self_group(op), op, std::move(right), TypeEngine(TypeKind::boolean)));
}

ColumnElementPtr in_values(const ColumnElement& self, const std::vector<Value>& values) {
    bool has_null = false;
    for (const auto& v : values) has_null = has_null || v.is_null();
    if (!has_null)
        return std::make_shared<BindParamNode>(std::string(self.node().bind_key().empty() ? "param" : self.node().bind_key()),
                                               values, 0, self.type(), true);
    std::vector<ColumnElementPtr> items;
    for (const auto& v : values)
        items.push_back(v.is_null() ? null().node_ptr() : make_bind(self.node().bind_key(), v, self.type()));
    return std::make_shared<GroupingNode>(
        std::make_shared<ClauseListNode>(Operator::comma, std::move(items), self.type()));
}

ColumnElementPtr in_target(const ColumnElement& target) {
    // A subquery goes in parentheses; an expanding parameter brings its own.
    const auto& n = target.node();
    if ((n.kind() == ElementKind::bind_param && static_cast<const BindParamNode&>(n).expanding()) ||
        n.kind() == ElementKind::grouping || n.kind() == ElementKind::scalar_select)
        return target.node_ptr();
    return std::make_shared<GroupingNode>(target.node_ptr());
}
}  // namespace

ColumnElement ColumnElement::in_(const std::vector<Value>& values) const { return in_op(*this, Operator::in, in_values(*this, values)); }
ColumnElement ColumnElement::not_in(const std::vector<Value>& values) const {
    return in_op(*this, Operator::not_in, in_values(*this, values));
}
namespace {
// A braced IN list holding expressions: each element in place, values bound one by one after
// `self` (a NULL inline), in one parenthesised comma list, as SQLAlchemy renders a non-expanding
// IN. Nullopt when every element is a plain value: the expanding form then applies.
std::optional<ColumnElementPtr> in_expressions(const ColumnElement& self, std::initializer_list<ExpressionArg> items) {
    bool any_expression = false;
    for (const auto& a : items) any_expression = any_expression || !a.is_value();
    if (!any_expression) return std::nullopt;
    std::vector<ColumnElementPtr> nodes;
    for (const auto& a : items) {
        if (a.is_value()) {
            const auto& v = *static_cast<const BindParamNode&>(*a.node()).value();
            nodes.push_back(v.is_null() ? null().node_ptr() : make_bind(self.node().bind_key(), v, self.type()));
        } else {
            nodes.push_back(ColumnElement(a.node()).self_group(Operator::comma));
        }
    }
    return std::make_shared<GroupingNode>(std::make_shared<ClauseListNode>(Operator::comma, std::move(nodes), self.type()));
}

std::vector<Value> plain_values(std::initializer_list<ExpressionArg> items) {
    std::vector<Value> values;
    for (const auto& a : items) values.push_back(*static_cast<const BindParamNode&>(*a.node()).value());
    return values;
}
}  // namespace

ColumnElement ColumnElement::in_(std::initializer_list<ExpressionArg> items) const {
    if (auto list = in_expressions(*this, items)) return in_op(*this, Operator::in, std::move(*list));
    return in_(plain_values(items));
}
ColumnElement ColumnElement::not_in(std::initializer_list<ExpressionArg> items) const {
    if (auto list = in_expressions(*this, items)) return in_op(*this, Operator::not_in, std::move(*list));
    return not_in(plain_values(items));
}

ColumnElement ColumnElement::in_(const ColumnElement& target) const { return in_op(*this, Operator::in, in_target(target)); }
ColumnElement ColumnElement::not_in(const ColumnElement& target) const {
    return in_op(*this, Operator::not_in, in_target(target));
}

ColumnElement ColumnElement::in_tuples(const std::vector<std::vector<Value>>& tuples) const {
    std::size_t width = 0;
    if (node_->kind() == ElementKind::grouping &&
        static_cast<const GroupingNode&>(*node_).element().kind() == ElementKind::clause_list)
        width = static_cast<const ClauseListNode&>(static_cast<const GroupingNode&>(*node_).element()).clauses().size();
    if (width == 0) throw ArgumentError("in_tuples() needs a tuple_() on the left");
    std::vector<Value> flat;
    for (const auto& t : tuples) {
        if (t.size() != width)
            throw ArgumentError("in_tuples(): a tuple has " + std::to_string(t.size()) + " values, the tuple_() has " +
                                std::to_string(width));
        flat.insert(flat.end(), t.begin(), t.end());
    }
    return in_op(*this, Operator::in, std::make_shared<BindParamNode>("param", std::move(flat), width, TypeEngine(), true));
}

ColumnElement tuple_(std::vector<ColumnElement> elements) {
    if (elements.empty()) throw ArgumentError("tuple_() needs at least one element");
    std::vector<ColumnElementPtr> nodes;
    for (const auto& e : elements) nodes.push_back(e.self_group(Operator::comma));
    return ColumnElement(std::make_shared<GroupingNode>(
        std::make_shared<ClauseListNode>(Operator::comma, std::move(nodes), TypeEngine())));
}

ColumnElement bindparam_expanding(std::string key, std::vector<Value> values, TypeEngine type) {
    return ColumnElement(std::make_shared<BindParamNode>(std::move(key), std::move(values), 0, type, false));
}

ColumnElement operator&&(const ColumnElement& a, const ColumnElement& b) { return and_({a, b}); }
ColumnElement operator||(const ColumnElement& a, const ColumnElement& b) { return or_({a, b}); }
ColumnElement operator!(const ColumnElement& a) { return not_(a); }
ColumnElement operator-(const ColumnElement& a) {
    return ColumnElement(std::make_shared<UnaryNode>(a.self_group(Operator::neg), Operator::neg, Operator::none, a.type()));
}

namespace {
ColumnElement conjunction(Operator op, std::vector<ColumnElement> clauses) {
    // TRUE in an AND and FALSE in an OR drop out; FALSE in an AND and TRUE in an OR decide it
    // (SQLAlchemy folds them the same way). Nested conjunctions of the same operator flatten.
    const ElementKind neutral = op == Operator::and_ ? ElementKind::true_ : ElementKind::false_;
    const ElementKind absorbing = op == Operator::and_ ? ElementKind::false_ : ElementKind::true_;
    std::vector<ColumnElement> kept;
    for (const auto& c : clauses) {
        const auto kind = c.node().kind();
        if (kind == absorbing) return c;
        if (kind != neutral) kept.push_back(c);
    }
    if (kept.empty()) return op == Operator::and_ ? true_() : false_();
    if (kept.size() == 1) return kept.front();  // alone, it needs no grouping
    std::vector<ColumnElementPtr> parts;
    for (const auto& c : kept) {
        if (c.node().kind() == ElementKind::clause_list && static_cast<const ClauseListNode&>(c.node()).op() == op) {
            for (const auto& inner : static_cast<const ClauseListNode&>(c.node()).clauses()) parts.push_back(inner);
        } else {
            parts.push_back(c.self_group(op));
        }
    }
    return ColumnElement(std::make_shared<ClauseListNode>(op, std::move(parts), TypeEngine(TypeKind::boolean)));
}
}  // namespace

ColumnElement and_(std::vector<ColumnElement> clauses) {
    if (clauses.empty()) throw ArgumentError("and_() needs at least one clause");
    return conjunction(Operator::and_, std::move(clauses));
}

ColumnElement or_(std::vector<ColumnElement> clauses) {
    if (clauses.empty()) throw ArgumentError("or_() needs at least one clause");
    return conjunction(Operator::or_, std::move(clauses));
}

ColumnElement not_(const ColumnElement& clause) {
    const auto& n = clause.node();
    // NOT of a comparison is the negated comparison (NOT (a = b) is a != b), as SQLAlchemy.
    auto negated = [](const BinaryNode& b) -> ColumnElementPtr {
        const auto neg = negation(b.op());
        if (neg == Operator::none) return nullptr;
        return std::make_shared<BinaryNode>(b.left_ptr(), neg, b.right_ptr(), b.type(), b.custom_op(), b.escape_ptr(),
                                            BinaryNode::Regexp{b.regexp_flags(), nullptr});
    };
    if (n.kind() == ElementKind::binary)
        if (auto neg = negated(static_cast<const BinaryNode&>(n))) return ColumnElement(neg);
    // startswith() / endswith() / contains() are a parenthesised LIKE: NOT makes it NOT LIKE
    // inside the parentheses, as SQLAlchemy negates its startswith_op before grouping it.
    if (n.kind() == ElementKind::grouping) {
        const auto& inner = static_cast<const GroupingNode&>(n).element();
        if (inner.kind() == ElementKind::binary) {
            const auto& b = static_cast<const BinaryNode&>(inner);
            if (b.op() == Operator::like || b.op() == Operator::not_like)
                if (auto neg = negated(b)) return ColumnElement(std::make_shared<GroupingNode>(neg));
        }
    }
    if (n.kind() == ElementKind::true_) return false_();
    if (n.kind() == ElementKind::false_) return true_();
    if (n.kind() == ElementKind::unary) {
        const auto& u = static_cast<const UnaryNode&>(n);
        if (u.op() == Operator::inv) return ColumnElement(u.element_ptr());
    }
    return ColumnElement(std::make_shared<UnaryNode>(clause.self_group(Operator::inv), Operator::inv, Operator::none,
                                                     TypeEngine(TypeKind::boolean)));
}

ColumnElement any_(const ColumnElement& array) {
    return ColumnElement(std::make_shared<UnaryNode>(array.node_ptr(), Operator::any_, Operator::none, TypeEngine()));
}

ColumnElement all_(const ColumnElement& array) {
    return ColumnElement(std::make_shared<UnaryNode>(array.node_ptr(), Operator::all_, Operator::none, TypeEngine()));
}

ColumnElement literal(const Value& value, std::optional<TypeEngine> type) {
    return ColumnElement(std::make_shared<BindParamNode>("param", value, type ? *type : type_of_value(value), true));
}

ColumnElement bindparam(std::string key, std::optional<Value> value, TypeEngine type, bool literal_execute) {
    auto node = std::make_shared<BindParamNode>(std::move(key), std::move(value), type, false);
    node->set_literal_execute(literal_execute);
    return ColumnElement(std::move(node));
}

ColumnElement literal_column(std::string text, TypeEngine type) {
    return ColumnElement(std::make_shared<ColumnClauseNode>(std::move(text), type, nullptr, true));
}

ColumnElement column(std::string name, TypeEngine type) {
    return ColumnElement(std::make_shared<ColumnClauseNode>(std::move(name), type, nullptr, false));
}

ColumnElement null() {
    static const auto node = std::make_shared<const ConstantNode>(ElementKind::null);
    return ColumnElement(node);
}
ColumnElement true_() {
    static const auto node = std::make_shared<const ConstantNode>(ElementKind::true_);
    return ColumnElement(node);
}
ColumnElement false_() {
    static const auto node = std::make_shared<const ConstantNode>(ElementKind::false_);
    return ColumnElement(node);
}

ColumnElement asc(const ColumnElement& e) { return e.asc(); }
ColumnElement label_reference(std::string name) { return ColumnElement(std::make_shared<LabelReferenceNode>(std::move(name))); }
ColumnElement asc(std::string_view name) { return label_reference(std::string(name)).asc(); }
ColumnElement desc(std::string_view name) { return label_reference(std::string(name)).desc(); }
ColumnElement desc(const ColumnElement& e) { return e.desc(); }
ColumnElement nulls_first(const ColumnElement& e) { return e.nulls_first(); }
ColumnElement nulls_last(const ColumnElement& e) { return e.nulls_last(); }
ColumnElement distinct(const ColumnElement& e) { return e.distinct(); }

ColumnElement func(std::string name, std::vector<ExpressionArg> args, std::optional<TypeEngine> type) {
    // "pkg.fn" is fn in package pkg; the compiler quotes each part that needs it. An empty part
    // would render an empty quoted name, which no database has.
    if (name.empty() || name.front() == '.' || name.back() == '.' || name.find("..") != std::string::npos)
        throw ArgumentError("func(): the function name \"" + name +
                            "\" is empty or has an empty part between dots (\"pkg.fn\" names fn in package pkg)");
    // SQLAlchemy's generic functions are found whatever the case (func.NOW() is now()), and
    // rendered by their own rules: the name is theirs, in lower case.
    static constexpr std::string_view generic[] = {
        "array_agg", "char_length", "coalesce", "concat", "count", "cube", "cume_dist", "current_date", "current_time",
        "current_timestamp", "current_user", "dense_rank", "grouping_sets", "localtime", "localtimestamp", "max", "min",
        "mode", "now", "percent_rank", "percentile_cont", "percentile_disc", "random", "rank", "rollup", "session_user",
        "sum", "sysdate", "user"};
    if (name.find('.') == std::string::npos) {
        std::string lower = name;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (auto g : generic)
            if (lower == g) name = std::move(lower);
    }
    // SQLAlchemy's GenericFunctions with known return types; any other name passes through.
    TypeEngine t;
    if (type) {
        t = *type;
    } else if (name == "count") {
        t = TypeEngine(TypeKind::integer);
    } else if ((name == "sum" || name == "min" || name == "max" || name == "coalesce") && !args.empty()) {
        t = args.front().node()->type();
    } else if (name == "now" || name == "current_timestamp" || name == "localtimestamp") {
        t = TypeEngine(TypeKind::datetime);
    } else if (name == "current_date") {
        t = TypeEngine(TypeKind::date);
    } else if (name == "char_length" || name == "length") {
        t = TypeEngine(TypeKind::integer);
    } else if (name == "concat" || name == "lower" || name == "upper") {
        t = TypeEngine(TypeKind::string);
    }
    std::vector<ColumnElementPtr> nodes;
    nodes.reserve(args.size());
    // A plain value binds named after the function (coalesce_1), as SQLAlchemy names it.
    const std::string_view fn_key = std::string_view(name).substr(name.rfind('.') + 1);
    for (const auto& a : args) {
        if (a.is_value()) {
            const auto& b = static_cast<const BindParamNode&>(*a.node());
            nodes.push_back(std::make_shared<BindParamNode>(std::string(fn_key), b.value(), b.type(), true));
            continue;
        }
        nodes.push_back(ColumnElement(a.node()).self_group(Operator::comma));
    }
    return ColumnElement(std::make_shared<FunctionNode>(std::move(name), std::move(nodes), t));
}

TextClauseElement::TextClauseElement(std::string_view sql)
    : ClauseElement(ElementKind::text_clause), sql_(sql) {
    scan_text(sql_, pieces_);
    // A set, not a scan of bind_names_: text with 70,000 parameters was quadratic.
    std::unordered_set<std::string_view> seen;
    for (const auto& p : pieces_)
        if (p.is_bind && seen.insert(p.text).second) bind_names_.push_back(p.text);
}

TextClauseElement::~TextClauseElement() = default;

void TextClauseElement::append_cache_key(CacheKey& key) const {
    key.key += "(text ";
    key.add_text(sql_);
    for (const auto& b : binds_) {
        key.key += ' ';
        b->append_cache_key(key);
    }
    key.key += ')';
}

const BindParamNode* TextClauseElement::bound(std::string_view name) const noexcept {
    for (const auto& b : binds_)
        if (b->key() == name) return b.get();
    return nullptr;
}

std::shared_ptr<TextClauseElement> TextClauseElement::with_binds(std::vector<std::shared_ptr<const BindParamNode>> binds) const {
    auto copy = std::make_shared<TextClauseElement>(sql_);
    copy->binds_ = binds_;
    for (auto& b : binds) {
        if (std::find(bind_names_.begin(), bind_names_.end(), b->key()) == bind_names_.end())
            throw ArgumentError("this text() has no bind parameter named \"" + b->key() + "\"");
        std::erase_if(copy->binds_, [&](const auto& old) { return old->key() == b->key(); });
        copy->binds_.push_back(std::move(b));
    }
    return copy;
}

TextClause TextClause::bindparams(const Params& values) const {
    std::vector<std::shared_ptr<const BindParamNode>> binds;
    for (const auto& [name, value] : values)
        binds.push_back(std::make_shared<BindParamNode>(name, value, TypeEngine(), false));
    return TextClause(text_element().with_binds(std::move(binds)));
}

TextClause TextClause::bindparams(const std::vector<ColumnElement>& params) const {
    std::vector<std::shared_ptr<const BindParamNode>> binds;
    for (const auto& p : params) {
        if (p.node().kind() != ElementKind::bind_param)
            throw ArgumentError("text().bindparams() takes bindparam() elements");
        binds.push_back(std::static_pointer_cast<const BindParamNode>(p.node_ptr()));
    }
    return TextClause(text_element().with_binds(std::move(binds)));
}

TextExpressionNode::TextExpressionNode(std::shared_ptr<const TextClauseElement> text)
    : ColumnElementNode(ElementKind::text_expression, TypeEngine()), text_(std::move(text)) {}
TextExpressionNode::~TextExpressionNode() = default;

void TextExpressionNode::append_cache_key(CacheKey& key) const {
    key.key += "(textexpr ";
    text_->append_cache_key(key);
    key.key += ')';
}

LabelReferenceNode::LabelReferenceNode(std::string name)
    : ColumnElementNode(ElementKind::label_reference, TypeEngine()), name_(std::move(name)) {}
LabelReferenceNode::~LabelReferenceNode() = default;

void LabelReferenceNode::append_cache_key(CacheKey& key) const {
    key.key += "(labelref ";
    key.add_text(name_);
    key.key += ')';
}

ColumnElement::ColumnElement(const TextClause& text)
    : node_(std::make_shared<TextExpressionNode>(
          std::static_pointer_cast<const TextClauseElement>(text.element_ptr()))) {}

TextClause::TextClause(std::string_view sql) : Executable(std::make_shared<const TextClauseElement>(sql)) {}

TextClause text(std::string_view sql) { return TextClause(sql); }

}  // namespace sqla
