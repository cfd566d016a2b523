// sqla: sql/elements.cppm. The expression tree: ClauseElement nodes, Executable handles, text().
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

export module sqla:sql.elements;
import :errors.error;
import :types.value;

export namespace sqla {

/// Which element a node is; the compiler dispatches on it (SQLAlchemy's `__visit_name__`).
enum class ElementKind : std::uint16_t {
    text_clause,
};

/// An immutable node of a SQL expression tree. Nodes are shared between statements, so a
/// statement built from another never copies what it does not change.
class SQLA_EXPORT ClauseElement {
public:
    explicit ClauseElement(ElementKind kind) noexcept : kind_(kind) {}
    virtual ~ClauseElement();
    ClauseElement(const ClauseElement&) = delete;
    ClauseElement& operator=(const ClauseElement&) = delete;

    [[nodiscard]] ElementKind kind() const noexcept { return kind_; }
    /// Appends to `key` what identifies this element's compiled form: equal keys compile to
    /// equal SQL, whatever the bound values are.
    virtual void append_cache_key(std::string& key) const = 0;

private:
    ElementKind kind_;
};

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
    void append_cache_key(std::string& key) const override;
    [[nodiscard]] const std::string& sql() const noexcept { return sql_; }
    [[nodiscard]] std::span<const TextPiece> pieces() const noexcept { return pieces_; }
    /// Names of the bound parameters, in the order they first appear.
    [[nodiscard]] std::span<const std::string> bind_names() const noexcept { return bind_names_; }

private:
    std::string sql_;
    std::vector<TextPiece> pieces_;
    std::vector<std::string> bind_names_;
};

/// A statement that a Connection can execute. A cheap value: copies share the element.
class SQLA_EXPORT Executable {
public:
    explicit Executable(std::shared_ptr<const ClauseElement> element) noexcept : element_(std::move(element)) {}
    [[nodiscard]] const ClauseElement& element() const noexcept { return *element_; }
    [[nodiscard]] const std::shared_ptr<const ClauseElement>& element_ptr() const noexcept { return element_; }

private:
    std::shared_ptr<const ClauseElement> element_;
};

/// Textual SQL with `:name` bound parameters, from `text()`.
class SQLA_EXPORT TextClause : public Executable {
public:
    explicit TextClause(std::string_view sql);
    [[nodiscard]] const TextClauseElement& text_element() const noexcept {
        return static_cast<const TextClauseElement&>(element());
    }
};

/// Textual SQL, as SQLAlchemy's `text()`. `:name` marks a bound parameter, whose value is
/// given at execution; the driver receives it as a parameter, never spliced into the SQL.
/// `\:` writes a literal colon, `::` (a PostgreSQL cast) is left alone, and colons inside
/// quoted strings, quoted identifiers and comments are not parameters.
[[nodiscard]] SQLA_EXPORT TextClause text(std::string_view sql);

}  // namespace sqla
