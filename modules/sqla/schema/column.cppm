// sqla: schema/column.cppm. Column, the declaration of a table column, and what a column may
// carry: defaults on the client and on the server, foreign keys, identity and sequences.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

export module sqla:schema.column;
import :errors.error;
import :types.value;
import :types.type_engine;
import :sql.elements;
import :schema.constraints;

export namespace sqla {

class TableSchema;
class Table;

/// Flags of a Column, passed after its type: `Column{"id", Integer{}, primary_key}`.
enum class ColumnFlag : unsigned char {
    primary_key,
    not_null,
    nullable,
    unique,
    index,
    /// autoincrement=True: this column is the table's autoincrement column, even if SQLAlchemy's
    /// "auto" rule would not pick it (a composite key's column).
    autoincrement,
    /// autoincrement=False: never SERIAL / AUTO_INCREMENT / IDENTITY.
    no_autoincrement,
};
inline constexpr ColumnFlag primary_key = ColumnFlag::primary_key;
inline constexpr ColumnFlag not_null = ColumnFlag::not_null;
inline constexpr ColumnFlag nullable = ColumnFlag::nullable;
inline constexpr ColumnFlag unique = ColumnFlag::unique;
inline constexpr ColumnFlag index = ColumnFlag::index;
inline constexpr ColumnFlag autoincrement = ColumnFlag::autoincrement;
inline constexpr ColumnFlag no_autoincrement = ColumnFlag::no_autoincrement;

/// A column's DEFAULT in CREATE TABLE (SQLAlchemy's `server_default`): a string rendered as a
/// quoted literal, raw SQL text, or an expression (`func("now")`, `true_()`).
class SQLA_EXPORT ServerDefault {
public:
    enum class Kind : std::uint8_t { literal, text, expression };
    /// A string value, rendered as a quoted SQL literal: `DEFAULT 'new'`.
    explicit ServerDefault(std::string literal) : kind_(Kind::literal), literal_(std::move(literal)) {}
    explicit ServerDefault(const char* literal) : ServerDefault(std::string(literal)) {}
    /// Raw SQL: `server_default(text("0"))` renders `DEFAULT 0`. Written as given: never build
    /// it from untrusted input (a string, above, is a quoted literal).
    explicit ServerDefault(const TextClause& sql);
    /// An expression, rendered with its values inlined.
    explicit ServerDefault(const ColumnElement& expression) : kind_(Kind::expression), element_(expression.node_ptr()) {}
    [[nodiscard]] inline Kind kind() const noexcept { return kind_; }
    [[nodiscard]] inline const std::string& literal() const noexcept { return literal_; }
    /// The text clause or expression (not for Kind::literal).
    [[nodiscard]] inline const ElementPtr& element() const noexcept { return element_; }

private:
    Kind kind_;
    std::string literal_;
    ElementPtr element_;
};

/// `server_default("new")`, `server_default(text("0"))`, `server_default(func("now"))`.
template <class T>
    requires std::constructible_from<ServerDefault, T>
[[nodiscard]] inline ServerDefault server_default(T&& value) {
    return ServerDefault(std::forward<T>(value));
}

/// A value the client supplies for a column the statement leaves out (SQLAlchemy's `default=`
/// and `onupdate=`): a fixed value, a function called once per row, or a SQL expression.
class SQLA_EXPORT ColumnDefault {
public:
    enum class Kind : std::uint8_t { scalar, callable, expression };
    ColumnDefault(Value value) : kind_(Kind::scalar), value_(std::move(value)) {}
    ColumnDefault(std::function<Value()> function)
        : kind_(Kind::callable), function_(std::make_shared<const std::function<Value()>>(std::move(function))) {}
    ColumnDefault(const ColumnElement& expression) : kind_(Kind::expression), expression_(expression.node_ptr()) {}
    [[nodiscard]] inline Kind kind() const noexcept { return kind_; }
    [[nodiscard]] inline const Value& value() const noexcept { return value_; }
    /// The value for one row: the scalar, or the function's result (not for expressions).
    [[nodiscard]] Value produce() const;
    [[nodiscard]] inline const ColumnElementPtr& expression() const noexcept { return expression_; }

private:
    Kind kind_;
    Value value_;
    std::shared_ptr<const std::function<Value()>> function_;
    ColumnElementPtr expression_;
};

/// The default for INSERT: `default_(0)`, `default_([] { return Value(now()); })`.
struct InsertDefault {
    ColumnDefault value;
};
/// The value for UPDATE when a statement does not set the column (SQLAlchemy's `onupdate=`).
struct UpdateDefault {
    ColumnDefault value;
};
template <class T>
[[nodiscard]] inline InsertDefault default_(T&& value) {
    if constexpr (std::invocable<T>)
        return {ColumnDefault(std::function<Value()>([f = std::forward<T>(value)] { return Value(f()); }))};
    else
        return {ColumnDefault(std::forward<T>(value))};
}
template <class T>
[[nodiscard]] inline UpdateDefault onupdate(T&& value) {
    if constexpr (std::invocable<T>)
        return {ColumnDefault(std::function<Value()>([f = std::forward<T>(value)] { return Value(f()); }))};
    else
        return {ColumnDefault(std::forward<T>(value))};
}

/// A comment on the column (COMMENT in MySQL's column definition, COMMENT ON elsewhere).
struct Comment {
    std::string text;
};
[[nodiscard]] inline Comment comment(std::string text) { return {std::move(text)}; }

/// The name the column is known by in C++ (`table.c(key)`, parameters), when it differs from
/// its SQL name.
struct Key {
    std::string key;
};

/// A column's reference to another table's column: `ForeignKey("users.id")`, or
/// `ForeignKey(users.c("id"), {.ondelete = "CASCADE"})`. The table gets a ForeignKeyConstraint.
class SQLA_EXPORT ForeignKey {
public:
    ForeignKey(std::string_view target, ForeignKeyOptions options = {})
        : target_(ForeignKeyTarget::parse(target)), options_(std::move(options)) {}
    ForeignKey(const char* target, ForeignKeyOptions options = {}) : ForeignKey(std::string_view(target), std::move(options)) {}
    ForeignKey(const ColumnElement& column, ForeignKeyOptions options = {})
        : target_(ForeignKeyTarget::of(column)), options_(std::move(options)) {}
    [[nodiscard]] inline const ForeignKeyTarget& target() const noexcept { return target_; }
    [[nodiscard]] inline const ForeignKeyOptions& options() const noexcept { return options_; }

private:
    ForeignKeyTarget target_;
    ForeignKeyOptions options_;
};

/// The sequence options shared by Identity and Sequence.
struct IdentityOptions {
    std::optional<std::int64_t> start{};
    std::optional<std::int64_t> increment{};
    std::optional<std::int64_t> minvalue{};
    std::optional<std::int64_t> maxvalue{};
    bool nominvalue = false;
    bool nomaxvalue = false;
    std::optional<bool> cycle{};
    std::optional<std::int64_t> cache{};
    std::optional<bool> order{};
};

/// `GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY` (SQL Server: IDENTITY(start,increment)).
struct Identity {
    /// nullopt: GENERATED AS IDENTITY with no ALWAYS / BY DEFAULT (Oracle's own default).
    std::optional<bool> always = false;
    bool on_null = false;
    IdentityOptions options{};
};

/// A named database sequence (CREATE SEQUENCE), used as a column's default where the database
/// has sequences; `optional` ones are used only where there is no other autoincrement.
class SQLA_EXPORT Sequence {
public:
    explicit Sequence(std::string name, IdentityOptions options = {}, std::optional<std::string> schema = std::nullopt,
                      bool optional = false)
        : name_(std::move(name)), schema_(std::move(schema)), options_(options), optional_(optional) {}
    [[nodiscard]] inline const std::string& name() const noexcept { return name_; }
    [[nodiscard]] inline const std::optional<std::string>& schema() const noexcept { return schema_; }
    [[nodiscard]] inline const IdentityOptions& options() const noexcept { return options_; }
    [[nodiscard]] inline bool optional() const noexcept { return optional_; }

private:
    std::string name_;
    std::optional<std::string> schema_;
    IdentityOptions options_;
    bool optional_;
};

/// The declaration of a table column (SQLAlchemy's `Column`): its name, type, and any of the
/// A generated column (SQLAlchemy's `Computed`): `GENERATED ALWAYS AS (expression)`, or
/// SQL Server's `AS (expression)`. `persisted`: true is STORED (PERSISTED), false VIRTUAL, unset
/// the database's default; PostgreSQL has only STORED and Oracle only VIRTUAL (the other is a
/// CompileError). The expression is raw SQL text (`Computed{"price * qty"}`: never from untrusted
/// input) or an expression, rendered with its values inlined.
class SQLA_EXPORT Computed {
public:
    explicit Computed(std::string_view sql, std::optional<bool> persisted = std::nullopt);
    explicit Computed(const char* sql, std::optional<bool> persisted = std::nullopt)
        : Computed(std::string_view(sql), persisted) {}
    explicit Computed(const ColumnElement& expression, std::optional<bool> persisted = std::nullopt)
        : element_(expression.node_ptr()), persisted_(persisted) {}
    [[nodiscard]] inline const ElementPtr& element() const noexcept { return element_; }
    [[nodiscard]] inline const std::optional<bool>& persisted() const noexcept { return persisted_; }

private:
    ElementPtr element_;
    std::optional<bool> persisted_;
};

/// flags and options above, in any order:
///
///     Column{"id", Integer{}, primary_key}
///     Column{"user_id", Integer{}, not_null, ForeignKey("users.id", {.ondelete = "CASCADE"})}
///     Column{"status", String{20}, server_default("new"), comment("order state")}
class SQLA_EXPORT Column {
public:
    template <class... Args>
    Column(std::string name, TypeEngine type, Args&&... args) : name_(std::move(name)), key_(name_), type_(std::move(type)) {
        (apply(std::forward<Args>(args)), ...);
    }

    /// A copy with more flags and options: `Column{"id", Integer{}}.with(primary_key)`.
    template <class... Args>
    [[nodiscard]] Column with(Args&&... args) const {
        Column c = *this;
        (c.apply(std::forward<Args>(args)), ...);
        return c;
    }

    [[nodiscard]] inline const std::string& name() const noexcept { return name_; }
    [[nodiscard]] inline const std::string& key() const noexcept { return key_; }
    [[nodiscard]] inline const TypeEngine& type() const noexcept { return type_; }
    [[nodiscard]] inline bool is_primary_key() const noexcept { return primary_key_; }
    /// Nullable unless declared NOT NULL, part of the primary key or an identity, as in SQLAlchemy.
    [[nodiscard]] inline bool is_nullable() const noexcept {
        return nullable_.value_or(!primary_key_ && !identity_);
    }
    /// The nullability as declared (nullopt: not declared).
    [[nodiscard]] inline const std::optional<bool>& declared_nullable() const noexcept { return nullable_; }
    [[nodiscard]] inline bool is_unique() const noexcept { return unique_; }
    [[nodiscard]] inline bool is_indexed() const noexcept { return index_; }
    /// autoincrement: nullopt is SQLAlchemy's "auto", true / false as declared.
    [[nodiscard]] inline const std::optional<bool>& autoincrement() const noexcept { return autoincrement_; }
    [[nodiscard]] inline const std::optional<ServerDefault>& server_default() const noexcept { return server_default_; }
    [[nodiscard]] inline const std::optional<ColumnDefault>& default_value() const noexcept { return default_; }
    [[nodiscard]] inline const std::optional<ColumnDefault>& onupdate() const noexcept { return onupdate_; }
    [[nodiscard]] inline const std::optional<std::string>& comment() const noexcept { return comment_; }
    [[nodiscard]] inline const std::vector<ForeignKey>& foreign_keys() const noexcept { return foreign_keys_; }
    [[nodiscard]] inline const std::optional<Identity>& identity() const noexcept { return identity_; }
    [[nodiscard]] inline const std::optional<Computed>& computed() const noexcept { return computed_; }
    [[nodiscard]] inline const std::optional<Sequence>& sequence() const noexcept { return sequence_; }
    /// Column-level CHECK constraints, rendered inside the column's definition.
    [[nodiscard]] inline const std::vector<Constraint>& constraints() const noexcept { return constraints_; }

private:
    friend class TableSchema;
    friend class Table;
    void apply(ColumnFlag f);
    void apply(ServerDefault d) { server_default_ = std::move(d); }
    void apply(InsertDefault d) { default_ = std::move(d.value); }
    void apply(UpdateDefault d) { onupdate_ = std::move(d.value); }
    void apply(Comment c) { comment_ = std::move(c.text); }
    void apply(Key k) { key_ = std::move(k.key); }
    void apply(ForeignKey fk) { foreign_keys_.push_back(std::move(fk)); }
    void apply(Identity i) { identity_ = i; }
    void apply(Computed c) { computed_ = std::move(c); }
    void apply(Sequence s) { sequence_ = std::move(s); }
    void apply(CheckConstraint c) { constraints_.push_back(std::move(c)); }

    std::string name_;
    std::string key_;
    TypeEngine type_;
    bool primary_key_ = false;
    std::optional<bool> nullable_;
    bool unique_ = false;
    bool index_ = false;
    std::optional<bool> autoincrement_;
    std::optional<ServerDefault> server_default_;
    std::optional<ColumnDefault> default_;
    std::optional<ColumnDefault> onupdate_;
    std::optional<std::string> comment_;
    std::vector<ForeignKey> foreign_keys_;
    std::optional<Identity> identity_;
    std::optional<Computed> computed_;
    std::optional<Sequence> sequence_;
    std::vector<Constraint> constraints_;
};

}  // namespace sqla
