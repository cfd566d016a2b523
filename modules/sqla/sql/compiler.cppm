// sqla: sql/compiler.cppm. SQLCompiler, the visitor that renders elements to SQL, and Compiled.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

export module sqla:sql.compiler;
import :errors.error;
import :dialect.capabilities;
import :sql.elements;

export namespace sqla {

/// Quotes identifiers for one dialect (SQLAlchemy's `IdentifierPreparer`): a name is quoted
/// when it is a reserved word, has upper-case letters, starts with a digit or `$`, or holds
/// anything but letters, digits, `_` and `$`.
class SQLA_EXPORT IdentifierPreparer {
public:
    /// `reserved_words` are lower-case; `quote` opens a quoted name and `end_quote` closes it.
    explicit IdentifierPreparer(std::unordered_set<std::string> reserved_words, char quote = '"', char end_quote = '"');
    virtual ~IdentifierPreparer();

    /// The name, quoted when it needs to be.
    [[nodiscard]] std::string quote(std::string_view name) const;
    /// The name, always quoted, with embedded quote characters doubled.
    [[nodiscard]] std::string quote_identifier(std::string_view name) const;
    [[nodiscard]] virtual bool requires_quotes(std::string_view name) const;
    [[nodiscard]] const std::unordered_set<std::string>& reserved_words() const noexcept { return reserved_; }

private:
    std::unordered_set<std::string> reserved_;
    char quote_;
    char end_quote_;
};

/// A statement rendered for one dialect and driver: SQL text with placeholders in the driver's
/// paramstyle, and the names of the bound parameters in placeholder order.
struct Compiled {
    std::string sql;
    /// Bind names in the order of their placeholders (a name used twice appears twice for
    /// positional paramstyles).
    std::vector<std::string> bind_names;
    /// Unique per Compiled object in this process: drivers key their prepared-statement
    /// caches on it.
    std::uint64_t id = 0;
};

/// Renders an element tree to SQL. Dispatch is a switch on the element's kind (`process`),
/// calling one virtual `visit_*` per kind that a dialect's compiler overrides where its SQL
/// differs. Each default falls back to `visit_unsupported_compilation`, which throws.
class SQLA_EXPORT SQLCompiler {
public:
    SQLCompiler(const Capabilities& capabilities, const IdentifierPreparer& preparer, ParamStyle paramstyle);
    virtual ~SQLCompiler();

    /// Renders `element` as a complete statement.
    [[nodiscard]] Compiled compile(const ClauseElement& element);

protected:
    /// Dispatches on the element's kind.
    void process(const ClauseElement& element);
    virtual void visit_text_clause(const TextClauseElement& element);
    /// Throws `UnsupportedCompilationError` naming the element.
    [[noreturn]] virtual void visit_unsupported_compilation(const ClauseElement& element);

    /// Writes the placeholder for bound parameter `name` in the paramstyle and records it.
    void bind_param(std::string_view name);

    const Capabilities& capabilities_;
    const IdentifierPreparer& preparer_;
    ParamStyle paramstyle_;
    std::string out_;
    std::vector<std::string> binds_;
};

}  // namespace sqla
