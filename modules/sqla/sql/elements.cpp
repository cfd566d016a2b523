// sqla: sql/elements.cpp. Expression nodes and the text() parameter scanner.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>
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

TextClauseElement::TextClauseElement(std::string_view sql)
    : ClauseElement(ElementKind::text_clause), sql_(sql) {
    scan_text(sql_, pieces_);
    for (const auto& p : pieces_)
        if (p.is_bind && std::find(bind_names_.begin(), bind_names_.end(), p.text) == bind_names_.end())
            bind_names_.push_back(p.text);
}

TextClauseElement::~TextClauseElement() = default;

void TextClauseElement::append_cache_key(std::string& key) const {
    key += "text:";
    key += sql_;
}

TextClause::TextClause(std::string_view sql) : Executable(std::make_shared<const TextClauseElement>(sql)) {}

TextClause text(std::string_view sql) { return TextClause(sql); }

}  // namespace sqla
