// sqla: sql/compiler.cpp. The base SQL compiler and identifier quoting.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

module sqla;

namespace sqla {

IdentifierPreparer::IdentifierPreparer(std::unordered_set<std::string> reserved_words, char quote, char end_quote)
    : reserved_(std::move(reserved_words)), quote_(quote), end_quote_(end_quote) {}

IdentifierPreparer::~IdentifierPreparer() = default;

bool IdentifierPreparer::requires_quotes(std::string_view name) const {
    if (name.empty()) return true;
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower != name) return true;
    if (reserved_.contains(lower)) return true;
    if (std::isdigit(static_cast<unsigned char>(name[0])) || name[0] == '$') return true;
    return !std::all_of(name.begin(), name.end(),
                        [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '$'; });
}

std::string IdentifierPreparer::quote_identifier(std::string_view name) const {
    std::string out(1, quote_);
    for (char c : name) {
        out.push_back(c);
        if (c == end_quote_) out.push_back(c);
    }
    out.push_back(end_quote_);
    return out;
}

std::string IdentifierPreparer::quote(std::string_view name) const {
    return requires_quotes(name) ? quote_identifier(name) : std::string(name);
}

SQLCompiler::SQLCompiler(const Capabilities& capabilities, const IdentifierPreparer& preparer, ParamStyle paramstyle)
    : capabilities_(capabilities), preparer_(preparer), paramstyle_(paramstyle) {}

SQLCompiler::~SQLCompiler() = default;

Compiled SQLCompiler::compile(const ClauseElement& element) {
    static std::atomic<std::uint64_t> next_id{1};
    out_.clear();
    binds_.clear();
    process(element);
    return Compiled{std::move(out_), std::move(binds_), next_id.fetch_add(1, std::memory_order_relaxed)};
}

void SQLCompiler::process(const ClauseElement& element) {
    switch (element.kind()) {
        case ElementKind::text_clause:
            return visit_text_clause(static_cast<const TextClauseElement&>(element));
    }
    visit_unsupported_compilation(element);
}

void SQLCompiler::visit_text_clause(const TextClauseElement& element) {
    for (const auto& piece : element.pieces()) {
        if (piece.is_bind) {
            bind_param(piece.text);
        } else if (paramstyle_ == ParamStyle::format || paramstyle_ == ParamStyle::pyformat) {
            // These paramstyles treat '%' as special, so literal ones are doubled.
            for (char c : piece.text) {
                out_.push_back(c);
                if (c == '%') out_.push_back('%');
            }
        } else {
            out_ += piece.text;
        }
    }
}

void SQLCompiler::visit_unsupported_compilation(const ClauseElement& element) {
    throw UnsupportedCompilationError("the compiler has no rendering for element kind " +
                                      std::to_string(static_cast<int>(element.kind())));
}

void SQLCompiler::bind_param(std::string_view name) {
    switch (paramstyle_) {
        case ParamStyle::qmark:
            out_ += '?';
            break;
        case ParamStyle::numeric:
            out_ += ':';
            out_ += std::to_string(binds_.size() + 1);
            break;
        case ParamStyle::named:
            out_ += ':';
            out_ += name;
            break;
        case ParamStyle::format:
            out_ += "%s";
            break;
        case ParamStyle::pyformat:
            out_ += "%(";
            out_ += name;
            out_ += ")s";
            break;
        case ParamStyle::numeric_dollar:
            out_ += '$';
            out_ += std::to_string(binds_.size() + 1);
            break;
    }
    binds_.emplace_back(name);
}

}  // namespace sqla
