// sqla: tests/fuzz/text_fuzz.cpp. text() on any SQL: the scan into literal runs and `:name`
// parameters loses nothing (the pieces put back together are the text, `\:` unescaped), and
// compiling it in every paramstyle gives one placeholder per parameter and leaves the literal
// text alone but for the `%` doubling the format styles need.
// SPDX-License-Identifier: MIT
#include "fuzz_check.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

import sqla;

using sqla_fuzz::check;

namespace {

std::size_t count(std::string_view s, char c) { return static_cast<std::size_t>(std::ranges::count(s, c)); }

std::string unescaped(std::string_view sql) {
    std::string out;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        if (sql[i] == '\\' && i + 1 < sql.size() && sql[i + 1] == ':') continue;
        out.push_back(sql[i]);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto sql = sqla_fuzz::as_text(data, size);
    const auto t = sqla::text(sql);

    std::string rebuilt, literal;
    std::size_t binds = 0;
    for (const auto& piece : t.text_element().pieces()) {
        if (piece.is_bind) {
            check(!piece.text.empty() && std::ranges::all_of(piece.text, [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                  }), "a parameter name is a word", piece.text);
            rebuilt += ':' + piece.text;
            ++binds;
        } else {
            rebuilt += piece.text;
            literal += piece.text;
        }
    }
    check(rebuilt == unescaped(sql), "the pieces are the text", rebuilt);

    sqla::Capabilities caps;
    sqla::IdentifierPreparer preparer({});
    for (auto style : {sqla::ParamStyle::qmark, sqla::ParamStyle::numeric, sqla::ParamStyle::named,
                       sqla::ParamStyle::format, sqla::ParamStyle::pyformat, sqla::ParamStyle::numeric_dollar}) {
        sqla::SQLCompiler compiler(caps, preparer, style);
        std::optional<sqla::Compiled> result;
        try {
            result = compiler.compile(t.element());
        } catch (const sqla::CompileError&) {
            // Refused only for the control characters the compiler marks its output with.
            check(sql.find_first_of(std::string_view("\x01\x02\x03\x04", 4)) != std::string_view::npos,
                  "only SQL with U+0001..U+0004 is refused");
            return 0;
        }
        const auto& compiled = *result;
        check(compiled.binds.size() == binds, "one bind slot per parameter", compiled.sql);
        switch (style) {
            case sqla::ParamStyle::qmark:
                check(count(compiled.sql, '?') == count(literal, '?') + binds, "one ? per parameter", compiled.sql);
                check(compiled.sql.size() == literal.size() + binds, "qmark adds only the ?s", compiled.sql);
                break;
            case sqla::ParamStyle::format:
            case sqla::ParamStyle::pyformat:
                check(count(compiled.sql, '%') == 2 * count(literal, '%') + binds, "literal % doubled, one % per parameter",
                      compiled.sql);
                break;
            case sqla::ParamStyle::numeric_dollar:
                check(count(compiled.sql, '$') == count(literal, '$') + binds, "one $n per parameter", compiled.sql);
                break;
            default: break;
        }
    }
    return 0;
}
