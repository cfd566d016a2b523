// sqla: sql/elements.cppm. The expression tree: immutable ClauseElement nodes, and the handles users
// hold (ColumnElement, Executable), with text().
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <concepts>
#include <initializer_list>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

export module sqla:sql.elements;
import :errors.error;
import :types.value;
import :types.type_engine;
import :sql.operators;

export namespace sqla {

/// Which element a node is; the compiler dispatches on it (SQLAlchemy's `__visit_name__`).
enum class ElementKind : std::uint16_t {
    text_clause,
    column,
    table,
    alias,
    join,
    bind_param,
    null,
    true_,
    false_,
    label,
    unary,
    binary,
    clause_list,
    grouping,
    function,
    select,
    scalar_select,
    cast,
    case_,
    over,
    filter,
    subquery,
    cte,
    compound_select,
    extract,
    insert,
    update,
    delete_,
    ddl,
    /// text() used as an expression (WHERE, ORDER BY, GROUP BY), as a FROM, or as a typed
    /// textual SELECT (`text().columns()`).
    text_expression,
    text_from,
    textual_select,
    /// `order_by("name")`: a label or column of the SELECT, found by name when compiled.
    label_reference,
    /// `fn(...) WITHIN GROUP (ORDER BY ...)`.
    within_group,
    /// `(VALUES (...), (...)) AS name (columns)`.
    values,
    /// `table AS name TABLESAMPLE method(...) [REPEATABLE (seed)]`.
    tablesample,
    /// PostgreSQL's `target ORDER BY ...` inside an aggregate's parentheses.
    aggregate_order_by,
    /// A function as a FROM: `json_each(...) AS anon_1` (table_valued, column_valued).
    table_valued,
};

class BindParamNode;

/// What identifies a statement's compiled form, built by walking it: equal keys compile to
/// equal SQL whatever the bound values are. The walk also collects the statement's bound
/// parameters in a fixed order, so a cached compiled form takes its values from a new statement.
struct CacheKey {
    std::string key;
    std::vector<const BindParamNode*> binds;
    /// For INSERT and UPDATE executed with parameters: their keys, which decide the columns
    /// rendered when the statement has no values for them (SQLAlchemy's `column_keys`).
    std::optional<std::vector<std::string>> column_keys{};
    /// Compiled for executemany (several parameter sets): INSERT adds no implicit RETURNING.
    bool for_executemany = false;

    /// The FROM objects met so far, in order (see add_from).
    std::vector<const void*> froms{};
    /// Appends which FROM object this is among those of the statement: its place in order of
    /// first appearance. Two table("a") objects in one statement are two FROMs ("FROM a, a"),
    /// one object used twice is one; by name alone both read alike (found by cache_key_fuzz).
    inline void add_from(const void* node) {
        std::size_t i = 0;
        while (i < froms.size() && froms[i] != node) ++i;
        if (i == froms.size()) froms.push_back(node);
        key += '@';
        key += std::to_string(i);
    }

    /// Appends a name or other text from the API, length-prefixed, so that no text can end
    /// early or swallow the key's own punctuation: two different trees never share a key
    /// (a name "a) (col b" must not read as two columns).
    inline void add_text(std::string_view text) { add_text(key, text); }
    static inline void add_text(std::string& out, std::string_view text) {
        out += std::to_string(text.size());
        out += ':';
        out += text;
    }
};

/// An immutable node of a SQL expression tree. Nodes are shared between statements, so a
/// statement built from another never copies what it does not change.
class SQLA_EXPORT ClauseElement {
public:
    explicit ClauseElement(ElementKind kind) noexcept : kind_(kind) {}
    virtual ~ClauseElement();
    ClauseElement(const ClauseElement&) = delete;
    ClauseElement& operator=(const ClauseElement&) = delete;

    [[nodiscard]] inline ElementKind kind() const noexcept { return kind_; }
    /// Appends what identifies this element's compiled form (see CacheKey).
    virtual void append_cache_key(CacheKey& key) const = 0;

private:
    ElementKind kind_;
};

using ElementPtr = std::shared_ptr<const ClauseElement>;

/// A node that is a SQL expression with a type (SQLAlchemy's ColumnElement).
class SQLA_EXPORT ColumnElementNode : public ClauseElement {
public:
    ColumnElementNode(ElementKind kind, TypeEngine type) noexcept : ClauseElement(kind), type_(type) {}
    ~ColumnElementNode() override;
    [[nodiscard]] inline const TypeEngine& type() const noexcept { return type_; }
    /// The name a bound parameter compared with this expression is derived from ("id" for
    /// column id, making `id_1`); empty gives "param".
    [[nodiscard]] virtual std::string_view bind_key() const noexcept { return {}; }
    /// The name this expression has in a SELECT's columns when it has one (a column or label).
    [[nodiscard]] virtual std::optional<std::string_view> result_name() const noexcept { return std::nullopt; }

private:
    TypeEngine type_;
};

using ColumnElementPtr = std::shared_ptr<const ColumnElementNode>;

class FromClauseNode;

/// A column of a table or alias, or a `literal_column()` / `column()` without one.
class SQLA_EXPORT ColumnClauseNode final : public ColumnElementNode {
public:
    ColumnClauseNode(std::string name, TypeEngine type, const FromClauseNode* table, bool is_literal = false,
                     std::string key = {});
    ~ColumnClauseNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const std::string& name() const noexcept { return name_; }
    /// The name by which `table.c(...)` finds it (the name unless given otherwise).
    [[nodiscard]] inline const std::string& key() const noexcept { return key_; }
    [[nodiscard]] inline const FromClauseNode* table() const noexcept { return table_; }
    [[nodiscard]] inline bool is_literal() const noexcept { return is_literal_; }
    [[nodiscard]] std::string_view bind_key() const noexcept override { return key_; }
    [[nodiscard]] std::optional<std::string_view> result_name() const noexcept override { return name_; }

private:
    std::string name_;
    std::string key_;
    const FromClauseNode* table_;
    bool is_literal_;
    // The cache key's text up to the table's part (which the table appends).
    std::string key_prefix_;
};

/// Something a SELECT can select FROM: a table, an alias, a join. It owns its columns.
class SQLA_EXPORT FromClauseNode : public ClauseElement {
public:
    using ClauseElement::ClauseElement;
    ~FromClauseNode() override;
    [[nodiscard]] inline std::span<const std::unique_ptr<ColumnClauseNode>> columns() const noexcept {
        return columns_;
    }
    /// The column with this key, or nullptr.
    [[nodiscard]] const ColumnClauseNode* find_column(std::string_view key) const noexcept;
    /// The name used for this FROM in messages ("users", "users AS u").
    [[nodiscard]] virtual std::string description() const = 0;

protected:
    std::vector<std::unique_ptr<ColumnClauseNode>> columns_;
};

class TableSchema;

/// A table by name (SQLAlchemy's TableClause; schema Tables build on it).
class SQLA_EXPORT TableNode final : public FromClauseNode {
public:
    struct ColumnSpec {
        std::string name;
        TypeEngine type;
        std::string key;
    };
    TableNode(std::string name, std::optional<std::string> schema, const std::vector<ColumnSpec>& columns);
    ~TableNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] inline const std::string& name() const noexcept { return name_; }
    [[nodiscard]] inline const std::optional<std::string>& schema() const noexcept { return schema_; }
    /// The declaration of a Table (keys, constraints, defaults...), or nullptr for a
    /// lightweight `table()`, or once the Table and its MetaData are gone. The declaration owns
    /// the node, not the other way round, so expressions a declaration holds (index
    /// expressions, CHECK conditions) can refer to the table without a reference cycle.
    [[nodiscard]] inline std::shared_ptr<const TableSchema> schema_info() const noexcept { return info_.lock(); }
    /// The same, for adding indexes and constraints to a declared table.
    [[nodiscard]] inline std::shared_ptr<TableSchema> mutable_schema_info() const noexcept { return info_.lock(); }
    /// Called once by Table, before the node is shared.
    void attach_schema(const std::shared_ptr<TableSchema>& info);

private:
    std::string name_;
    std::optional<std::string> schema_;
    std::weak_ptr<TableSchema> info_;
    /// Distinguishes declared Tables of the same name in cache keys: their compiled forms
    /// depend on their declarations (defaults, keys).
    std::uint64_t serial_ = 0;
    // This node's part of a cache key, made when the name or serial is set.
    std::string cache_key_;
    void make_cache_key();
};

/// `table AS name`, or an anonymous alias named when compiled (`users_1`).
class SQLA_EXPORT AliasNode final : public FromClauseNode {
public:
    AliasNode(std::shared_ptr<const FromClauseNode> element, std::optional<std::string> name);
    ~AliasNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] inline const FromClauseNode& element() const noexcept { return *element_; }
    [[nodiscard]] inline const std::optional<std::string>& name() const noexcept { return name_; }
    /// The base of the anonymous name: the aliased table's name, else "anon".
    [[nodiscard]] std::string anonymous_base() const;

private:
    std::shared_ptr<const FromClauseNode> element_;
    std::optional<std::string> name_;
};

/// A bound parameter: a value sent apart from the SQL. Unique parameters get compiled
/// names derived from their key (`id_1`, `param_1`); named ones keep their key.
class SQLA_EXPORT BindParamNode final : public ColumnElementNode {
public:
    BindParamNode(std::string key, std::optional<Value> value, TypeEngine type, bool unique);
    /// An expanding parameter (`IN (...)`): a list of values, or of tuples of `tuple_width`
    /// values stored one after another; rendered as one placeholder per value at execution.
    BindParamNode(std::string key, std::vector<Value> list, std::size_t tuple_width, TypeEngine type, bool unique);
    ~BindParamNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const std::string& key() const noexcept { return key_; }
    [[nodiscard]] inline const std::optional<Value>& value() const noexcept { return value_; }
    [[nodiscard]] inline bool unique() const noexcept { return unique_; }
    [[nodiscard]] inline bool expanding() const noexcept { return expanding_; }
    [[nodiscard]] inline const std::vector<Value>& list() const noexcept { return list_; }
    /// 0 for a list of values; the number of values per tuple for a list of tuples.
    [[nodiscard]] inline std::size_t tuple_width() const noexcept { return tuple_width_; }
    /// Rendered into the SQL text at execution, not sent as a parameter (SQLAlchemy's
    /// `literal_execute=True`).
    [[nodiscard]] inline bool literal_execute() const noexcept { return literal_execute_; }
    /// Set while building a literal-execute parameter, before the node is shared.
    inline void set_literal_execute(bool v) noexcept { literal_execute_ = v; }

private:
    std::string key_;
    std::optional<Value> value_;
    bool unique_;
    bool expanding_ = false;
    bool literal_execute_ = false;
    std::vector<Value> list_;
    std::size_t tuple_width_ = 0;
};

/// NULL, TRUE and FALSE.
class SQLA_EXPORT ConstantNode final : public ColumnElementNode {
public:
    explicit ConstantNode(ElementKind kind);
    ~ConstantNode() override;
    void append_cache_key(CacheKey& key) const override;
};

/// `expr AS name`; an anonymous label is named when compiled (`count_1`, `anon_1`).
class SQLA_EXPORT LabelNode final : public ColumnElementNode {
public:
    LabelNode(std::optional<std::string> name, ColumnElementPtr element, std::string anonymous_base = "anon");
    ~LabelNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const std::optional<std::string>& name() const noexcept { return name_; }
    [[nodiscard]] inline const std::string& anonymous_base() const noexcept { return anonymous_base_; }
    [[nodiscard]] inline const ColumnElementNode& element() const noexcept { return *element_; }
    [[nodiscard]] std::string_view bind_key() const noexcept override;
    [[nodiscard]] std::optional<std::string_view> result_name() const noexcept override;

private:
    std::optional<std::string> name_;
    ColumnElementPtr element_;
    std::string anonymous_base_;
};

/// A prefix operator (NOT, -, DISTINCT, EXISTS) or a postfix modifier (ASC, DESC, NULLS FIRST).
class SQLA_EXPORT UnaryNode final : public ColumnElementNode {
public:
    UnaryNode(ColumnElementPtr element, Operator op, Operator modifier, TypeEngine type);
    ~UnaryNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const ColumnElementNode& element() const noexcept { return *element_; }
    [[nodiscard]] inline const ColumnElementPtr& element_ptr() const noexcept { return element_; }
    [[nodiscard]] inline Operator op() const noexcept { return op_; }
    [[nodiscard]] inline Operator modifier() const noexcept { return modifier_; }

private:
    ColumnElementPtr element_;
    Operator op_;
    Operator modifier_;
};

/// The modifiers of regexp_match() / regexp_replace(): the flags (a bound string, named after
/// the left side when rendered) and the replacement.
struct RegexpModifiers {
    std::optional<std::string> flags{};
    ColumnElementPtr replacement{};
};

/// `left op right`. `custom_op` is the text of an `op("...")` operator.
class SQLA_EXPORT BinaryNode final : public ColumnElementNode {
public:
    using Regexp = RegexpModifiers;
    BinaryNode(ColumnElementPtr left, Operator op, ColumnElementPtr right, TypeEngine type, std::string custom_op = {},
               ColumnElementPtr escape = nullptr, Regexp regexp = {});
    ~BinaryNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const ColumnElementNode& left() const noexcept { return *left_; }
    [[nodiscard]] inline const ColumnElementNode& right() const noexcept { return *right_; }
    [[nodiscard]] inline const ColumnElementPtr& left_ptr() const noexcept { return left_; }
    [[nodiscard]] inline const ColumnElementPtr& right_ptr() const noexcept { return right_; }
    [[nodiscard]] inline Operator op() const noexcept { return op_; }
    [[nodiscard]] inline const std::string& custom_op() const noexcept { return custom_op_; }
    [[nodiscard]] inline const ColumnElementNode* escape() const noexcept { return escape_.get(); }
    [[nodiscard]] inline const ColumnElementPtr& escape_ptr() const noexcept { return escape_; }
    [[nodiscard]] inline const std::optional<std::string>& regexp_flags() const noexcept { return regexp_.flags; }
    [[nodiscard]] inline const ColumnElementNode* regexp_replacement() const noexcept { return regexp_.replacement.get(); }

private:
    ColumnElementPtr left_;
    ColumnElementPtr right_;
    Operator op_;
    std::string custom_op_;
    ColumnElementPtr escape_;
    Regexp regexp_;
};

/// Clauses joined by AND, OR or commas.
class SQLA_EXPORT ClauseListNode final : public ColumnElementNode {
public:
    ClauseListNode(Operator op, std::vector<ColumnElementPtr> clauses, TypeEngine type);
    ~ClauseListNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline Operator op() const noexcept { return op_; }
    [[nodiscard]] inline std::span<const ColumnElementPtr> clauses() const noexcept { return clauses_; }

private:
    Operator op_;
    std::vector<ColumnElementPtr> clauses_;
};

/// Parentheses around an expression.
class SQLA_EXPORT GroupingNode final : public ColumnElementNode {
public:
    explicit GroupingNode(ColumnElementPtr element);
    ~GroupingNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const ColumnElementNode& element() const noexcept { return *element_; }

private:
    ColumnElementPtr element_;
};

/// A SQL function call, `name(arg, ...)`, from `func`.
class SQLA_EXPORT FunctionNode final : public ColumnElementNode {
public:
    FunctionNode(std::string name, std::vector<ColumnElementPtr> args, TypeEngine type);
    ~FunctionNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const std::string& name() const noexcept { return name_; }
    [[nodiscard]] inline std::span<const ColumnElementPtr> args() const noexcept { return args_; }
    /// The name without its package names (pkg.fn: fn), as SQLAlchemy names binds after it.
    [[nodiscard]] std::string_view bind_key() const noexcept override {
        return std::string_view(name_).substr(name_.rfind('.') + 1);
    }

private:
    std::string name_;
    std::vector<ColumnElementPtr> args_;
};

/// `CAST(expr AS type)`; with `coerce_only`, just the expression with another type
/// (SQLAlchemy's `type_coerce`).
class SQLA_EXPORT CastNode final : public ColumnElementNode {
public:
    CastNode(ColumnElementPtr element, TypeEngine type, bool coerce_only);
    ~CastNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const ColumnElementNode& element() const noexcept { return *element_; }
    [[nodiscard]] inline const ColumnElementPtr& element_ptr() const noexcept { return element_; }
    [[nodiscard]] inline bool coerce_only() const noexcept { return coerce_only_; }
    /// A value compared with a CAST or type_coerce() binds as `param_N`, as in SQLAlchemy.
    [[nodiscard]] std::string_view bind_key() const noexcept override { return {}; }
    /// CAST(col) and type_coerce(col) keep the column's name in a SELECT (and a subquery's
    /// columns), as in SQLAlchemy.
    [[nodiscard]] std::optional<std::string_view> result_name() const noexcept override {
        return element_->result_name();
    }

private:
    ColumnElementPtr element_;
    bool coerce_only_;
};

/// `CASE [value] WHEN ... THEN ... [ELSE ...] END`.
class SQLA_EXPORT CaseNode final : public ColumnElementNode {
public:
    struct When {
        ColumnElementPtr condition;
        ColumnElementPtr result;
    };
    CaseNode(ColumnElementPtr value, std::vector<When> whens, ColumnElementPtr else_, TypeEngine type);
    ~CaseNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const ColumnElementNode* value() const noexcept { return value_.get(); }
    [[nodiscard]] inline std::span<const When> whens() const noexcept { return whens_; }
    [[nodiscard]] inline const ColumnElementNode* else_() const noexcept { return else_ptr_.get(); }

private:
    ColumnElementPtr value_;
    std::vector<When> whens_;
    ColumnElementPtr else_ptr_;
};

/// A window frame bound: no value is UNBOUNDED, 0 is CURRENT ROW, negative PRECEDING,
/// positive FOLLOWING (SQLAlchemy's `rows=(None, 0)`).
using FrameBound = std::optional<std::int64_t>;

/// `func OVER (PARTITION BY ... ORDER BY ... ROWS|RANGE BETWEEN ...)`.
class SQLA_EXPORT OverNode final : public ColumnElementNode {
public:
    enum class FrameKind : std::uint8_t { none, rows, range };
    OverNode(ColumnElementPtr element, std::vector<ColumnElementPtr> partition_by,
             std::vector<ColumnElementPtr> order_by, FrameKind frame, FrameBound start, FrameBound end);
    ~OverNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const ColumnElementNode& element() const noexcept { return *element_; }
    [[nodiscard]] inline std::span<const ColumnElementPtr> partition_by() const noexcept { return partition_by_; }
    [[nodiscard]] inline std::span<const ColumnElementPtr> order_by() const noexcept { return order_by_; }
    [[nodiscard]] inline FrameKind frame() const noexcept { return frame_; }
    [[nodiscard]] inline FrameBound frame_start() const noexcept { return start_; }
    [[nodiscard]] inline FrameBound frame_end() const noexcept { return end_; }
    [[nodiscard]] std::string_view bind_key() const noexcept override { return element_->bind_key(); }

private:
    ColumnElementPtr element_;
    std::vector<ColumnElementPtr> partition_by_;
    std::vector<ColumnElementPtr> order_by_;
    FrameKind frame_;
    FrameBound start_;
    FrameBound end_;
};

/// `func FILTER (WHERE criterion)`.
class SQLA_EXPORT FilterNode final : public ColumnElementNode {
public:
    FilterNode(ColumnElementPtr function, ColumnElementPtr criterion);
    ~FilterNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const ColumnElementNode& function() const noexcept { return *function_; }
    [[nodiscard]] inline const ColumnElementNode& criterion() const noexcept { return *criterion_; }
    [[nodiscard]] std::string_view bind_key() const noexcept override { return function_->bind_key(); }

private:
    ColumnElementPtr function_;
    ColumnElementPtr criterion_;
};

/// `EXTRACT(field FROM expr)`, in the dialect's spelling.
class SQLA_EXPORT ExtractNode final : public ColumnElementNode {
public:
    ExtractNode(std::string field, ColumnElementPtr expr);
    ~ExtractNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const std::string& field() const noexcept { return field_; }
    [[nodiscard]] inline const ColumnElementNode& expr() const noexcept { return *expr_; }

private:
    std::string field_;
    ColumnElementPtr expr_;
};

class ColumnElement;
class TextClause;
class TextualSelect;
class FromClause;

/// An argument that is an expression or a plain C++ value (which becomes a bound parameter):
/// what `func()`, `case_()` and `over()` take.
class SQLA_EXPORT ExpressionArg {
public:
    ExpressionArg(const ColumnElement& e);
    template <class T>
        requires(std::constructible_from<Value, T> && !std::convertible_to<T, ColumnElement>)
    ExpressionArg(const T& value) : ExpressionArg(Value(value), 0) {}
    [[nodiscard]] inline const ColumnElementPtr& node() const noexcept { return node_; }
    /// Whether the argument was a plain C++ value (func() names its parameter after itself).
    [[nodiscard]] inline bool is_value() const noexcept { return is_value_; }

private:
    ExpressionArg(const Value& value, int);
    ColumnElementPtr node_;
    bool is_value_ = false;
};

/// PostgreSQL's `target ORDER BY order_by...` as an aggregate's argument.
class SQLA_EXPORT AggregateOrderByNode final : public ColumnElementNode {
public:
    AggregateOrderByNode(ColumnElementPtr target, std::vector<ColumnElementPtr> order_by);
    ~AggregateOrderByNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const ColumnElementNode& target() const noexcept { return *target_; }
    [[nodiscard]] inline std::span<const ColumnElementPtr> order_by() const noexcept { return order_by_; }

private:
    ColumnElementPtr target_;
    std::vector<ColumnElementPtr> order_by_;
};

/// `fn(...) WITHIN GROUP (ORDER BY ...)`: an ordered-set aggregate.
class SQLA_EXPORT WithinGroupNode final : public ColumnElementNode {
public:
    WithinGroupNode(ColumnElementPtr element, std::vector<ColumnElementPtr> order_by);
    ~WithinGroupNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const ColumnElementNode& element() const noexcept { return *element_; }
    [[nodiscard]] inline std::span<const ColumnElementPtr> order_by() const noexcept { return order_by_; }

private:
    ColumnElementPtr element_;
    std::vector<ColumnElementPtr> order_by_;
};

/// The window of `over()`.
struct OverSpec {
    std::vector<ExpressionArg> partition_by{};
    std::vector<ExpressionArg> order_by{};
    /// ROWS BETWEEN start AND end, when set.
    std::optional<std::pair<FrameBound, FrameBound>> rows{};
    /// RANGE BETWEEN start AND end, when set.
    std::optional<std::pair<FrameBound, FrameBound>> range{};
};

/// A SQL expression: a column, a bound value, an operation on them. A cheap value: copies
/// share the node. C++ operators build comparisons and arithmetic (`users.c("id") == 5`,
/// `price * 2`, `a && b`); methods build what C++ has no operator for (`like`, `in_`, `label`).
/// Every C++ value in an expression becomes a bound parameter, never SQL text.
class SQLA_EXPORT ColumnElement {
public:
    explicit ColumnElement(ColumnElementPtr node) noexcept : node_(std::move(node)) {}
    /// Textual SQL as an expression: `where(text("id > :n"))`, `order_by({text("name DESC")})`,
    /// written as given (SQLAlchemy coerces text() the same way in these places).
    ColumnElement(const TextClause& text);
    [[nodiscard]] inline const ColumnElementNode& node() const noexcept { return *node_; }
    [[nodiscard]] inline const ColumnElementPtr& node_ptr() const noexcept { return node_; }
    [[nodiscard]] inline const TypeEngine& type() const noexcept { return node_->type(); }

    /// `expr AS name`.
    [[nodiscard]] ColumnElement label(std::string name) const;
    [[nodiscard]] ColumnElement asc() const;
    [[nodiscard]] ColumnElement desc() const;
    [[nodiscard]] ColumnElement nulls_first() const;
    [[nodiscard]] ColumnElement nulls_last() const;
    [[nodiscard]] ColumnElement distinct() const;
    /// `IS other`; `is_(std::nullopt)` is `IS NULL`.
    [[nodiscard]] ColumnElement is_(const Value& other) const;
    [[nodiscard]] ColumnElement is_not(const Value& other) const;
    [[nodiscard]] ColumnElement is_(const ColumnElement& other) const { return operate(Operator::is, other); }
    [[nodiscard]] ColumnElement is_not(const ColumnElement& other) const { return operate(Operator::is_not, other); }
    [[nodiscard]] ColumnElement is_distinct_from(const Value& other) const;
    [[nodiscard]] ColumnElement is_not_distinct_from(const Value& other) const;
    [[nodiscard]] ColumnElement is_distinct_from(const ColumnElement& other) const {
        return operate(Operator::is_distinct_from, other);
    }
    [[nodiscard]] ColumnElement is_not_distinct_from(const ColumnElement& other) const {
        return operate(Operator::is_not_distinct_from, other);
    }
    /// `x COLLATE name` (SQLAlchemy's `collate()`): the collation is an identifier, quoted by the
    /// dialect when it is not a plain lower-case name (`"C"`, `"de-DE-x-icu"`), so it never
    /// writes SQL of its own. Throws ArgumentError for an empty name.
    [[nodiscard]] ColumnElement collate(std::string collation) const;
    /// Full-text search, in the dialect's spelling (SQLAlchemy's `match()`): `x MATCH ?` (SQLite),
    /// `x @@ to_tsquery(?)` (PostgreSQL), `MATCH (x) AGAINST (? IN BOOLEAN MODE)` (MySQL),
    /// `CONTAINS (x, ?)` (Oracle, SQL Server). The search text is a bound parameter.
    [[nodiscard]] ColumnElement match(const Value& search) const;
    [[nodiscard]] ColumnElement like(const Value& pattern, std::optional<char> escape = std::nullopt) const;
    [[nodiscard]] ColumnElement not_like(const Value& pattern, std::optional<char> escape = std::nullopt) const;
    [[nodiscard]] ColumnElement ilike(const Value& pattern, std::optional<char> escape = std::nullopt) const;
    [[nodiscard]] ColumnElement not_ilike(const Value& pattern, std::optional<char> escape = std::nullopt) const;
    /// The same against another expression: `name.like(other.c("pattern"))`.
    [[nodiscard]] ColumnElement like(const ColumnElement& pattern, std::optional<char> escape = std::nullopt) const;
    [[nodiscard]] ColumnElement not_like(const ColumnElement& pattern, std::optional<char> escape = std::nullopt) const;
    [[nodiscard]] ColumnElement ilike(const ColumnElement& pattern, std::optional<char> escape = std::nullopt) const;
    [[nodiscard]] ColumnElement not_ilike(const ColumnElement& pattern,
                                          std::optional<char> escape = std::nullopt) const;
    /// `x IN (values...)`: an expanding parameter (one placeholder per value, decided at
    /// execution; an empty list gives a condition that is always false). A list holding NULL
    /// renders its values one by one with the NULL inline, as SQLAlchemy does.
    [[nodiscard]] ColumnElement in_(const std::vector<Value>& values) const;
    [[nodiscard]] ColumnElement not_in(const std::vector<Value>& values) const;
    /// `x IN (a, b, ...)` from a braced list: plain values only is the expanding form above;
    /// a list holding expressions renders each element in place, values bound one by one and
    /// named after this expression (SQLAlchemy's `in_([literal("a"), "b", col + 1])`).
    [[nodiscard]] ColumnElement in_(std::initializer_list<ExpressionArg> items) const;
    [[nodiscard]] ColumnElement not_in(std::initializer_list<ExpressionArg> items) const;
    /// `x IN (subquery)`, or `x IN (expanding bindparam)`.
    [[nodiscard]] ColumnElement in_(const ColumnElement& subquery_or_param) const;
    [[nodiscard]] ColumnElement not_in(const ColumnElement& subquery_or_param) const;
    /// `(a, b) IN ((1, 2), (3, 4))`, for a `tuple_()`. (Not an `in_` overload: `in_({{1, 2}})`
    /// would also read as a list of two values.)
    [[nodiscard]] ColumnElement in_tuples(const std::vector<std::vector<Value>>& tuples) const;
    /// `x LIKE ? || '%'`; `autoescape` escapes `%`, `_` and the escape character in the value
    /// (with `/`, or `escape`); `escape` alone adds `ESCAPE 'c'` for a value escaped by the
    /// caller (SQLAlchemy's `startswith(value, escape=, autoescape=)`).
    [[nodiscard]] ColumnElement startswith(const Value& prefix, bool autoescape = false,
                                           std::optional<char> escape = std::nullopt) const;
    /// `x LIKE '%' || ?`.
    [[nodiscard]] ColumnElement endswith(const Value& suffix, bool autoescape = false,
                                         std::optional<char> escape = std::nullopt) const;
    /// `x LIKE '%' || ? || '%'`; for a JSON or ARRAY expression, containment: `x @> ?`
    /// (PostgreSQL's JSONB and arrays, as SQLAlchemy's JSONB/ARRAY comparators).
    [[nodiscard]] ColumnElement contains(const Value& part, bool autoescape = false,
                                         std::optional<char> escape = std::nullopt) const;
    /// The same with an expression for the affix: `x LIKE other || '%'` (the dialect's
    /// concatenation: `concat()` on MySQL, `+` on SQL Server).
    [[nodiscard]] ColumnElement startswith(const ColumnElement& prefix) const;
    [[nodiscard]] ColumnElement endswith(const ColumnElement& suffix) const;
    [[nodiscard]] ColumnElement contains(const ColumnElement& part) const;
    /// An element of a JSON document: `doc["key"]` or `doc[0]` renders `doc -> ?` (PostgreSQL,
    /// SQLite 3.38+, MySQL's `->`), a JSON value; `.as_string()` reads it as text (`->>`).
    /// An element of an ARRAY: `arr[1]` renders `arr[?]` (PostgreSQL counts from 1), of the
    /// array's item type.
    [[nodiscard]] ColumnElement operator[](const Value& index) const;
    /// A JSON element (`doc["key"]`) as text: `doc ->> ?`. Throws ArgumentError for other
    /// expressions.
    [[nodiscard]] ColumnElement as_string() const;
    /// A regular-expression match, in the dialect's spelling (REGEXP, ~, REGEXP_LIKE). `flags`
    /// (such as "i") are bound as a parameter, as SQLAlchemy's `regexp_match(flags=)`: PostgreSQL
    /// writes `~*` for "i" and `~ CONCAT('(?', flags, ')', pattern)` otherwise, MySQL and Oracle
    /// `REGEXP_LIKE(x, pattern, flags)`; SQLite ignores them. SQL Server raises CompileError.
    [[nodiscard]] ColumnElement regexp_match(const Value& pattern, std::optional<std::string> flags = std::nullopt) const;
    /// The same against an expression: `name.regexp_match(other.c("pattern"))`.
    [[nodiscard]] ColumnElement regexp_match(const ColumnElement& pattern,
                                             std::optional<std::string> flags = std::nullopt) const;
    /// `REGEXP_REPLACE(x, pattern, replacement[, flags])` (PostgreSQL, MySQL, MariaDB, Oracle);
    /// SQLite and SQL Server raise CompileError. Pattern, replacement and flags are bound.
    [[nodiscard]] ColumnElement regexp_replace(const Value& pattern, const Value& replacement,
                                               std::optional<std::string> flags = std::nullopt) const;
    /// ARRAY comparisons (PostgreSQL; SQLAlchemy's ARRAY comparator): `arr <@ ?` (every element
    /// of this array is in `other`), `arr && ?` (they share an element); `other` is a JSON array
    /// value, bound as an array of this array's type.
    [[nodiscard]] ColumnElement contained_by(const Value& other) const;
    [[nodiscard]] ColumnElement overlap(const Value& other) const;
    /// `? = ANY (arr)` / `? = ALL (arr)`: `value` equals some / every element of this array
    /// (SQLAlchemy's `ARRAY.Comparator.any()` / `all()`); the value binds named after the array.
    [[nodiscard]] ColumnElement any(const Value& value) const;
    [[nodiscard]] ColumnElement all(const Value& value) const;
    /// `x BETWEEN low AND high`; `symmetric`: BETWEEN SYMMETRIC (either order).
    [[nodiscard]] ColumnElement between(const Value& low, const Value& high, bool symmetric = false) const;
    /// BETWEEN with expressions for either bound (a value binds as above).
    [[nodiscard]] ColumnElement between(const ColumnElement& low, const ColumnElement& high, bool symmetric = false) const;
    [[nodiscard]] ColumnElement between(const ColumnElement& low, const Value& high, bool symmetric = false) const;
    [[nodiscard]] ColumnElement between(const Value& low, const ColumnElement& high, bool symmetric = false) const;
    /// `left <op> right` for an operator C++ has no spelling for: `col.op("&", 1)`. The operator
    /// is SQL text written as given (as in SQLAlchemy), so it must not come from untrusted input;
    /// throws `ArgumentError` when it holds quotes, `;`, parentheses, brackets, backslashes,
    /// control characters or comment markers (`--`, `/*`, `*/`), and the MySQL dialect refuses
    /// `#` (a comment there) with `CompileError`.
    [[nodiscard]] ColumnElement op(std::string_view op, const Value& right) const;
    [[nodiscard]] ColumnElement op(std::string_view op, const ColumnElement& right) const;
    /// `expr OVER (...)`: a window function.
    [[nodiscard]] ColumnElement over(const OverSpec& spec = {}) const;
    /// `aggregate FILTER (WHERE criterion)`.
    [[nodiscard]] ColumnElement filter(const ColumnElement& criterion) const;
    /// `fn(...) WITHIN GROUP (ORDER BY order_by...)` (SQLAlchemy's `within_group()`), for
    /// ordered-set aggregates such as percentile_cont.
    [[nodiscard]] ColumnElement within_group(std::vector<ExpressionArg> order_by) const;
    /// A function as a FROM with these columns (SQLAlchemy's `table_valued()`):
    /// `func("json_each", {doc}).table_valued({"key", "value"})` renders `json_each(?) AS anon_1`
    /// (Oracle: `TABLE (json_each(?)) anon_1`).
    [[nodiscard]] FromClause table_valued(std::vector<std::string> columns,
                                          std::optional<std::string> name = std::nullopt) const;
    /// A function as a FROM of one column, used as that column (SQLAlchemy's `column_valued()`):
    /// `select(func("unnest", {arr}).column_valued("x"))` is `SELECT x FROM unnest(arr) AS x`.
    [[nodiscard]] ColumnElement column_valued(std::string name = "anon_1") const;
    /// `x || other` (string concatenation).
    [[nodiscard]] ColumnElement concat(const Value& other) const;
    [[nodiscard]] ColumnElement concat(const ColumnElement& other) const;

    /// Builds `this <op> other`: a comparison or arithmetic with a bound value (named after
    /// this expression) or another expression, grouping operands as precedence requires.
    [[nodiscard]] ColumnElement operate(Operator op, const Value& other) const;
    [[nodiscard]] ColumnElement operate(Operator op, const ColumnElement& other) const;
    /// Builds `value <op> this` (SQLAlchemy's reverse operators, `5 - price`): the value binds
    /// named after this expression and typed as it, as on the right.
    [[nodiscard]] ColumnElement reverse_operate(Operator op, const Value& value) const;

    /// This expression, parenthesised if it must be inside an expression built with `against`.
    [[nodiscard]] ColumnElementPtr self_group(Operator against) const;

private:
    ColumnElementPtr node_;
};

/// Values and expressions both build expressions with C++ operators.
template <class T>
concept ExpressionOperand = std::convertible_to<T, ColumnElement> || std::constructible_from<Value, T>;

namespace detail {
template <class T>
inline ColumnElement binary(const ColumnElement& left, Operator op, const T& right) {
    if constexpr (std::convertible_to<T, ColumnElement>)
        return left.operate(op, static_cast<ColumnElement>(right));
    else
        return left.operate(op, Value(right));
}
}  // namespace detail

template <ExpressionOperand T>
inline ColumnElement operator==(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::eq, b); }
template <ExpressionOperand T>
inline ColumnElement operator!=(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::ne, b); }
template <ExpressionOperand T>
inline ColumnElement operator<(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::lt, b); }
template <ExpressionOperand T>
inline ColumnElement operator<=(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::le, b); }
template <ExpressionOperand T>
inline ColumnElement operator>(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::gt, b); }
template <ExpressionOperand T>
inline ColumnElement operator>=(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::ge, b); }
template <ExpressionOperand T>
inline ColumnElement operator+(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::add, b); }
template <ExpressionOperand T>
inline ColumnElement operator-(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::sub, b); }
template <ExpressionOperand T>
inline ColumnElement operator*(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::mul, b); }
template <ExpressionOperand T>
inline ColumnElement operator/(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::div, b); }
template <ExpressionOperand T>
inline ColumnElement operator%(const ColumnElement& a, const T& b) { return detail::binary(a, Operator::mod, b); }

/// A plain value on the left of arithmetic: `5 - price`, `"a" + name` (bound after the expression).
template <class T>
concept ReverseOperand = std::constructible_from<Value, T> && !std::convertible_to<T, ColumnElement>;
template <ReverseOperand T>
inline ColumnElement operator+(const T& a, const ColumnElement& b) { return b.reverse_operate(Operator::add, Value(a)); }
template <ReverseOperand T>
inline ColumnElement operator-(const T& a, const ColumnElement& b) { return b.reverse_operate(Operator::sub, Value(a)); }
template <ReverseOperand T>
inline ColumnElement operator*(const T& a, const ColumnElement& b) { return b.reverse_operate(Operator::mul, Value(a)); }
template <ReverseOperand T>
inline ColumnElement operator/(const T& a, const ColumnElement& b) { return b.reverse_operate(Operator::div, Value(a)); }
template <ReverseOperand T>
inline ColumnElement operator%(const T& a, const ColumnElement& b) { return b.reverse_operate(Operator::mod, Value(a)); }

/// `a AND b`, `a OR b`, `NOT a`.
SQLA_EXPORT ColumnElement operator&&(const ColumnElement& a, const ColumnElement& b);
SQLA_EXPORT ColumnElement operator||(const ColumnElement& a, const ColumnElement& b);
SQLA_EXPORT ColumnElement operator!(const ColumnElement& a);
/// `-a`.
SQLA_EXPORT ColumnElement operator-(const ColumnElement& a);

/// Conjunction and disjunction of any number of clauses (SQLAlchemy's `and_`, `or_`).
[[nodiscard]] SQLA_EXPORT ColumnElement and_(std::vector<ColumnElement> clauses);
[[nodiscard]] SQLA_EXPORT ColumnElement or_(std::vector<ColumnElement> clauses);
[[nodiscard]] SQLA_EXPORT ColumnElement not_(const ColumnElement& clause);

/// A bound value in an expression (`literal(1)` renders as a placeholder named `param_1`).
[[nodiscard]] SQLA_EXPORT ColumnElement literal(const Value& value, std::optional<TypeEngine> type = std::nullopt);
/// A named bound parameter whose value is given at execution (or here).
[[nodiscard]] SQLA_EXPORT ColumnElement bindparam(std::string key, std::optional<Value> value = std::nullopt,
                                                  TypeEngine type = {}, bool literal_execute = false);
/// Literal SQL text used as a column: `literal_column("42")`. Raw SQL, written as given: never
/// build it from untrusted input (use `literal()` or a bound parameter for values).
[[nodiscard]] SQLA_EXPORT ColumnElement literal_column(std::string text, TypeEngine type = {});
/// A column by name, attached to no table (SQLAlchemy's `column()`).
[[nodiscard]] SQLA_EXPORT ColumnElement column(std::string name, TypeEngine type = {});
[[nodiscard]] SQLA_EXPORT ColumnElement null();
[[nodiscard]] SQLA_EXPORT ColumnElement true_();
[[nodiscard]] SQLA_EXPORT ColumnElement false_();
[[nodiscard]] SQLA_EXPORT ColumnElement asc(const ColumnElement& e);
[[nodiscard]] SQLA_EXPORT ColumnElement desc(const ColumnElement& e);
/// `name ASC` / `name DESC` for a label or column of the SELECT named `name` (SQLAlchemy's
/// `desc("name")`); compiling throws CompileError when the SELECT has nothing of that name.
[[nodiscard]] SQLA_EXPORT ColumnElement asc(std::string_view name);
[[nodiscard]] SQLA_EXPORT ColumnElement desc(std::string_view name);
/// A reference by name to a label or column of the SELECT it is used in (what
/// `order_by({"name"})` and `group_by({"name"})` build).
[[nodiscard]] SQLA_EXPORT ColumnElement label_reference(std::string name);
[[nodiscard]] SQLA_EXPORT ColumnElement nulls_first(const ColumnElement& e);
[[nodiscard]] SQLA_EXPORT ColumnElement nulls_last(const ColumnElement& e);
[[nodiscard]] SQLA_EXPORT ColumnElement distinct(const ColumnElement& e);
/// `ANY (array)`, for comparisons: `sqla::literal(5) == sqla::any_(tags)` is `5 = ANY (tags)`
/// (PostgreSQL arrays; SQLAlchemy's any_()).
[[nodiscard]] SQLA_EXPORT ColumnElement any_(const ColumnElement& array);
/// `ALL (array)`: `x > sqla::all_(arr)`.
[[nodiscard]] SQLA_EXPORT ColumnElement all_(const ColumnElement& array);

/// `EXTRACT(field FROM expr)`: field is year, month, day, hour, minute, second, ... (SQLAlchemy's
/// `extract()`; SQLite renders it with STRFTIME, SQL Server with DATEPART). Throws
/// `ArgumentError` when the field is not a word (letters, digits, `_`).
[[nodiscard]] SQLA_EXPORT ColumnElement extract(std::string field, const ColumnElement& expr);
/// `CAST(expr AS type)`.
[[nodiscard]] SQLA_EXPORT ColumnElement cast(const ExpressionArg& expr, TypeEngine type);
/// The expression (or a value, bound with `type`), treated as `type` in C++ and result
/// processing, rendered unchanged; in a SELECT's columns it keeps the column's name.
[[nodiscard]] SQLA_EXPORT ColumnElement type_coerce(const ExpressionArg& expr, TypeEngine type);
/// `CASE WHEN cond THEN result ... [ELSE else_] END` (SQLAlchemy's searched `case()`).
[[nodiscard]] SQLA_EXPORT ColumnElement case_(std::vector<std::pair<ColumnElement, ExpressionArg>> whens,
                                              std::optional<ExpressionArg> else_ = std::nullopt);
/// `CASE value WHEN match THEN result ... [ELSE else_] END` (SQLAlchemy's `case({...}, value=)`).
[[nodiscard]] SQLA_EXPORT ColumnElement case_value(const ColumnElement& value,
                                                   std::vector<std::pair<ExpressionArg, ExpressionArg>> whens,
                                                   std::optional<ExpressionArg> else_ = std::nullopt);

/// `(a, b, ...)`, for comparing several columns at once (SQLAlchemy's `tuple_`).
[[nodiscard]] SQLA_EXPORT ColumnElement tuple_(std::vector<ColumnElement> elements);
/// An expanding named parameter for `in_()`, with its values (SQLAlchemy's
/// `bindparam(key, value=[...], expanding=True)`).
[[nodiscard]] SQLA_EXPORT ColumnElement bindparam_expanding(std::string key, std::vector<Value> values,
                                                            TypeEngine type = {});

/// SQL functions: `func("coalesce", {a, b})`; any name passes through, known ones (count,
/// sum, max, min, coalesce, now...) have their SQLAlchemy return types. `"pkg.fn"` is function
/// fn in package (or schema) pkg, SQLAlchemy's `func.pkg.fn`. Each part that is not a plain
/// identifier (ASCII letters, digits, `_`, `$`) is quoted by the dialect, as SQLAlchemy does,
/// so a name never writes SQL of its own. Throws `ArgumentError` for an empty name or part.
[[nodiscard]] SQLA_EXPORT ColumnElement func(std::string name, std::vector<ExpressionArg> args = {},
                                             std::optional<TypeEngine> type = std::nullopt);

}  // namespace sqla

export namespace sqla::postgresql {
/// `func("array_agg", {postgresql::aggregate_order_by(name, {id.desc()})})` renders
/// `array_agg(name ORDER BY id DESC)` (SQLAlchemy's `postgresql.aggregate_order_by`); other
/// dialects raise CompileError.
[[nodiscard]] SQLA_EXPORT ColumnElement aggregate_order_by(const ColumnElement& target,
                                                           std::vector<ColumnElement> order_by);
}  // namespace sqla::postgresql

export namespace sqla {

/// A piece of textual SQL: literal text, or a bound parameter's name.
struct TextPiece {
    std::string text;
    bool is_bind = false;
};

/// The node behind `text()`: SQL split into literal runs and `:name` parameters.
class SQLA_EXPORT TextClauseElement final : public ClauseElement {
public:
    explicit TextClauseElement(std::string_view sql);
    ~TextClauseElement() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] const std::string& sql() const noexcept { return sql_; }
    [[nodiscard]] std::span<const TextPiece> pieces() const noexcept { return pieces_; }
    /// Names of the bound parameters, in the order they first appear.
    [[nodiscard]] std::span<const std::string> bind_names() const noexcept { return bind_names_; }
    /// The parameter given for `name` with bindparams(), or nullptr.
    [[nodiscard]] const BindParamNode* bound(std::string_view name) const noexcept;
    /// A copy with these parameters attached (their keys must be names in the text).
    [[nodiscard]] std::shared_ptr<TextClauseElement> with_binds(std::vector<std::shared_ptr<const BindParamNode>> binds) const;

private:
    std::string sql_;
    std::vector<TextPiece> pieces_;
    std::vector<std::string> bind_names_;
    std::vector<std::shared_ptr<const BindParamNode>> binds_;
};

/// text() used where an expression goes (WHERE, ORDER BY, GROUP BY): its SQL as written.
class SQLA_EXPORT TextExpressionNode final : public ColumnElementNode {
public:
    explicit TextExpressionNode(std::shared_ptr<const TextClauseElement> text);
    ~TextExpressionNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const TextClauseElement& text() const noexcept { return *text_; }

private:
    std::shared_ptr<const TextClauseElement> text_;
};

/// A name in ORDER BY / GROUP BY that the compiler resolves against the SELECT: a label of its
/// columns renders as the label's name, a column as the column (SQLAlchemy's
/// `_textual_label_reference`).
class SQLA_EXPORT LabelReferenceNode final : public ColumnElementNode {
public:
    explicit LabelReferenceNode(std::string name);
    ~LabelReferenceNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline const std::string& name() const noexcept { return name_; }

private:
    std::string name_;
};

/// A statement that a Connection can execute. A cheap value: copies share the element.
class SQLA_EXPORT Executable {
public:
    explicit Executable(ElementPtr element) noexcept : element_(std::move(element)) {}
    [[nodiscard]] const ClauseElement& element() const noexcept { return *element_; }
    [[nodiscard]] const ElementPtr& element_ptr() const noexcept { return element_; }

private:
    ElementPtr element_;
};

/// Textual SQL with `:name` bound parameters, from `text()`.
class SQLA_EXPORT TextClause : public Executable {
public:
    explicit TextClause(std::string_view sql);
    explicit TextClause(std::shared_ptr<const TextClauseElement> element) : Executable(std::move(element)) {}
    /// Values for the text's `:name` parameters, bound now (SQLAlchemy's `bindparams(uid=3)`).
    /// Throws `ArgumentError` for a name the text does not have.
    [[nodiscard]] TextClause bindparams(const Params& values) const;
    /// Typed or expanding parameters for the text: `bindparams({bindparam_expanding("ids", {1, 2})})`.
    [[nodiscard]] TextClause bindparams(const std::vector<ColumnElement>& params) const;
    /// This text as a SELECT with these result columns (`column("id", Integer{})`...): typed
    /// rows when executed, and usable as a subquery or CTE (SQLAlchemy's `TextClause.columns`).
    [[nodiscard]] TextualSelect columns(std::vector<ColumnElement> columns) const;
    [[nodiscard]] const TextClauseElement& text_element() const noexcept {
        return static_cast<const TextClauseElement&>(element());
    }
};

/// Textual SQL, as SQLAlchemy's `text()`. `:name` marks a bound parameter, whose value is
/// given at execution; the driver receives it as a parameter, never spliced into the SQL.
/// The text itself is raw SQL, sent as written: never build it from untrusted input.
/// `\:` writes a literal colon, `::` (a PostgreSQL cast) is left alone, and colons inside
/// quoted strings, quoted identifiers and comments are not parameters.
[[nodiscard]] SQLA_EXPORT TextClause text(std::string_view sql);

}  // namespace sqla
