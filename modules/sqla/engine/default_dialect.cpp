// sqla: engine/default_dialect.cpp. DefaultDialect: the generic compiler and quoting, and the default
// Reflector until a plugin sets its own; compile().
// SPDX-License-Identifier: MIT
module;
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>

module sqla:engine.default_dialect_impl;
import :dialect.capabilities;
import :dialect.reflection;
import :dialect.dialect;
import :sql.elements;
import :sql.compiler;
import :engine.default_dialect;

namespace sqla {

Compiled compile(const Executable& statement, const Dialect& dialect, std::optional<ParamStyle> paramstyle) {
    return dialect.statement_compiler(paramstyle.value_or(dialect.default_paramstyle()))->compile(statement.element());
}

DefaultDialect::DefaultDialect(Capabilities capabilities, std::unordered_set<std::string> reserved_words)
    : capabilities_(capabilities),
      preparer_(std::make_unique<IdentifierPreparer>(std::move(reserved_words))),
      reflection_(std::make_unique<Reflector>(*this)) {}

DefaultDialect::~DefaultDialect() = default;

std::unique_ptr<SQLCompiler> DefaultDialect::statement_compiler(ParamStyle paramstyle) const {
    return std::make_unique<SQLCompiler>(capabilities_, *preparer_, paramstyle);
}

}  // namespace sqla
