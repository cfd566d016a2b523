// sqla: engine/default_dialect.cppm. DefaultDialect (SQLAlchemy's engine/default.py): the base of
// every plugin's dialect, wiring the SQL compilers to the Dialect interface; and compile().
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>

export module sqla:engine.default_dialect;
import :dialect.capabilities;
import :dialect.reflection;
import :dialect.dialect;
import :sql.elements;
import :sql.compiler;

export namespace sqla {

/// Renders `statement` for `dialect` (in the dialect's default paramstyle unless given), as
/// SQLAlchemy's `stmt.compile(dialect=...)`. Throws `CompileError` for what the dialect cannot render.
[[nodiscard]] SQLA_EXPORT Compiled compile(const Executable& statement, const Dialect& dialect,
                                           std::optional<ParamStyle> paramstyle = std::nullopt);

/// The base every dialect plugin derives from: SQL-standard rendering, the generic compiler,
/// and double-quote identifier quoting over the given reserved words. Override `name()`,
/// `capabilities()`, and whichever factories render differently; a plugin that reflects its
/// catalog hands its Reflector to set_reflection() in its constructor.
class SQLA_EXPORT DefaultDialect : public Dialect {
public:
    /// `reserved_words` are lower-case.
    explicit DefaultDialect(Capabilities capabilities, std::unordered_set<std::string> reserved_words = {});
    ~DefaultDialect() override;
    [[nodiscard]] const Capabilities& capabilities() const noexcept override { return capabilities_; }
    [[nodiscard]] const IdentifierPreparer& identifier_preparer() const noexcept override { return *preparer_; }
    [[nodiscard]] std::unique_ptr<SQLCompiler> statement_compiler(ParamStyle paramstyle) const override;
    /// The plugin's Reflector, or until one is set the default one (information_schema's
    /// has_table; NotImplementedError for the rest).
    [[nodiscard]] const Reflector& reflection() const noexcept override { return *reflection_; }

protected:
    /// Replaces the identifier preparer (for dialects quoting with other characters).
    /// The flags, for initialize() to adjust to the server version it finds.
    Capabilities& mutable_capabilities() noexcept { return capabilities_; }
    void set_identifier_preparer(std::unique_ptr<IdentifierPreparer> preparer) noexcept {
        preparer_ = std::move(preparer);
    }
    /// Replaces the reflector (a plugin's, reading its own catalog). Call it from the
    /// constructor: the dialect is shared once it is made.
    void set_reflection(std::unique_ptr<Reflector> reflection) noexcept { reflection_ = std::move(reflection); }

private:
    Capabilities capabilities_;
    std::unique_ptr<IdentifierPreparer> preparer_;
    std::unique_ptr<Reflector> reflection_;
};

}  // namespace sqla
