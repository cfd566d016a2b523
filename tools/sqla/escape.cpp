// sqla: tools/sqla/escape.cpp. Text from a database made safe for a terminal: a table named
// "\x1b]0;...\a" must not retitle the window or recolour what follows.
// SPDX-License-Identifier: MIT
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

import sqla;

#include "commands.hpp"

namespace sqla::cli {
namespace {

constexpr char hex[] = "0123456789abcdef";

void hex_byte(std::string& out, unsigned char c) {
    out += "\\x";
    out += hex[c >> 4];
    out += hex[c & 0xf];
}

// The length of the valid UTF-8 sequence at s[i] (0 when it is not one).
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (n == 0 || c > 0xf4 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return 0;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0) || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90))
        return 0;  // overlong, surrogate or beyond U+10FFFF
    return n;
}

}  // namespace

std::string escape(std::string_view s, bool keep_lines) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
            else if (keep_lines && (c == '\n' || c == '\t')) out += static_cast<char>(c);
            else if (c == '\n') out += "\\n";
            else if (c == '\r') out += "\\r";
            else if (c == '\t') out += "\\t";
            else hex_byte(out, c);
            continue;
        }
        const std::size_t n = utf8_length(s, i);
        if (n == 0) {
            hex_byte(out, c);
            ++i;
        } else if (n == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0) {
            // U+0080-U+009F: C1 controls (U+009B is CSI on terminals that honour them).
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            out += "\\u00";
            out += hex[c1 >> 4];
            out += hex[c1 & 0xf];
            i += 2;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

}  // namespace sqla::cli
