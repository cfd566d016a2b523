// sqla: tests/corpus/corpus.cpp. Loading, normalisation, comparison and the pass table.
// SPDX-License-Identifier: MIT
#include "corpus.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace sqla::corpus {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// Reading JSON, with errors that name the file and line

std::string_view view(json::string_view s) { return {s.data(), s.size()}; }

json::string_view jview(std::string_view s) { return {s.data(), s.size()}; }

struct Where {
    fs::path file;
    std::size_t line = 0;  // 0 for a whole-file JSON document
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error(file.string() + (line ? ":" + std::to_string(line) : "") + ": " + what);
    }
};

const json::object& as_object(const json::value& v, std::string_view what, const Where& at) {
    if (!v.is_object()) at.fail(std::string(what) + " must be an object");
    return v.get_object();
}

std::string text(const json::object& o, std::string_view key, const Where& at) {
    const json::value* v = o.if_contains(jview(key));
    if (!v) at.fail("missing \"" + std::string(key) + "\"");
    if (!v->is_string()) at.fail("\"" + std::string(key) + "\" must be a string");
    return std::string(view(v->get_string()));
}

std::vector<std::string> strings(const json::value* v, std::string_view key, const Where& at) {
    std::vector<std::string> out;
    if (!v) return out;
    if (!v->is_array()) at.fail("\"" + std::string(key) + "\" must be an array of strings");
    for (const json::value& s : v->get_array()) {
        if (!s.is_string()) at.fail("\"" + std::string(key) + "\" must be an array of strings");
        out.emplace_back(view(s.get_string()));
    }
    return out;
}

json::object optional_object(const json::object& o, std::string_view key, const Where& at) {
    const json::value* v = o.if_contains(jview(key));
    return v ? as_object(*v, key, at) : json::object{};
}

json::value optional_value(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(jview(key));
    return v ? *v : json::value{};
}

// Boost.JSON 1.81 can round a double one ulp off (precise parsing came in 1.83), yet a recorded
// float must equal the double a database returns. So every double is read again from its text
// with std::from_chars, which rounds correctly; numbers occur in the text in depth-first order.
void reread_doubles(json::value& v, const std::vector<std::string_view>& numbers, std::size_t& next) {
    if (v.is_array()) {
        for (json::value& e : v.get_array()) reread_doubles(e, numbers, next);
    } else if (v.is_object()) {
        for (auto& [key, e] : v.get_object()) reread_doubles(e, numbers, next);
    } else if (v.is_number()) {
        if (next >= numbers.size()) {
            ++next;  // more values than tokens: reported by the caller
            return;
        }
        const std::string_view t = numbers[next++];
        double d = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
        if (v.is_double() && ec == std::errc() && end == t.data() + t.size()) v = d;
    }
}

json::value parse(std::string_view source, const Where& at) {
    boost::system::error_code ec;
    json::value v = json::parse(jview(source), ec);
    if (ec) at.fail("invalid JSON: " + ec.message());
    std::vector<std::string_view> numbers;
    for (std::size_t i = 0; i < source.size();) {
        if (source[i] == '"') {  // skip strings, escapes included
            for (++i; i < source.size() && source[i] != '"'; ++i)
                if (source[i] == '\\') ++i;
            ++i;
        } else if (source[i] == '-' || (source[i] >= '0' && source[i] <= '9')) {
            const std::size_t end = source.find_first_not_of("+-.eE0123456789", i);
            numbers.push_back(source.substr(i, end == std::string_view::npos ? end : end - i));
            i = end == std::string_view::npos ? source.size() : end;
        } else {
            ++i;
        }
    }
    std::size_t next = 0;
    reread_doubles(v, numbers, next);
    if (next != numbers.size()) at.fail("could not match the numbers of the text to the parsed values");
    return v;
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void for_each_line(const fs::path& file, const std::function<void(const json::object&, const Where&)>& fn) {
    std::istringstream in(slurp(file));
    Where at{file};
    for (std::string line; std::getline(in, line);) {
        ++at.line;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        fn(as_object(parse(line, at), "a line", at), at);
    }
}

BoundParams bound_params(const json::value& v, const Where& at) {
    const json::object& o = as_object(v, "\"params\"", at);
    BoundParams p;
    p.order = strings(o.if_contains("order"), "order", at);
    const json::value* positional = o.if_contains("positional");
    if (!positional || !positional->is_array()) at.fail("\"params.positional\" must be an array");
    p.positional = positional->get_array();
    p.by_name = optional_object(o, "by_name", at);
    p.types = optional_object(o, "types", at);
    return p;
}

Expected expected_entry(const std::string& case_id, const std::string& dialect, const json::value& v,
                        const Where& at) {
    const json::object& e = as_object(v, "dialect entry " + dialect, at);
    Expected x{.case_id = case_id, .dialect = dialect, .paramstyle = text(e, "paramstyle", at)};
    if (e.contains("error")) {
        x.error = text(e, "error", at);
    } else {
        x.sql = text(e, "sql", at);
        const json::value* params = e.if_contains("params");
        if (!params) at.fail(case_id + "@" + dialect + " has neither \"error\" nor \"params\"");
        x.params = bound_params(*params, at);
    }
    if (const json::value* pc = e.if_contains("postcompile")) {
        const json::object& o = as_object(*pc, "\"postcompile\"", at);
        const json::value* params = o.if_contains("params");
        // compare.py falls back to the main form's positional params when postcompile has none.
        x.postcompile = PostCompile{text(o, "sql", at), params ? bound_params(*params, at) : x.params};
    }
    x.warnings = strings(e.if_contains("warnings"), "warnings", at);
    return x;
}

Case case_entry(const json::object& o, const Where& at) {
    Case c{.id = text(o, "id", at),
           .category = text(o, "category", at),
           .kind = text(o, "kind", at),
           .description = text(o, "description", at),
           .construct = text(o, "construct", at),
           .split = o.contains("split") ? text(o, "split", at) : std::string()};
    if (const json::value* ordered = o.if_contains("ordered")) {
        if (!ordered->is_bool()) at.fail("\"ordered\" must be a boolean");
        c.ordered = ordered->get_bool();
    }
    c.exec_params = optional_value(o, "exec_params");
    c.compile_kwargs = optional_object(o, "compile_kwargs", at);
    const json::value* dialects = o.if_contains("dialects");
    if (!dialects) at.fail("missing \"dialects\"");
    for (const auto& [key, entry] : as_object(*dialects, "\"dialects\"", at)) {
        std::string dialect(view(key));
        c.dialects.emplace(dialect, expected_entry(c.id, dialect, entry, at));
    }
    return c;
}

Recorded recorded_entry(const json::value& v, const Where& at) {
    const json::object& o = as_object(v, "a result", at);
    return Recorded{.columns = optional_value(o, "columns"),
                    .rows = optional_value(o, "rows"),
                    .rowcount = optional_value(o, "rowcount"),
                    .returning = optional_value(o, "returning"),
                    .tables_after = optional_value(o, "tables_after"),
                    .error = optional_value(o, "error"),
                    .skipped = optional_value(o, "skipped"),
                    .raw = o};
}

// ---------------------------------------------------------------------------------------------
// Text: UTF-8, Python's float repr

// Decodes the code point at s[i] and advances i; a malformed byte decodes as U+FFFD on its own.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
        ++i;
        return b;
    }
    const std::size_t extra = (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : 0;
    if (extra == 0 || i + extra >= s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = b & (0x3F >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    i += extra + 1;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

void append_hex(std::string& out, std::string_view prefix, unsigned value, int width) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*x", width, value);
    out += prefix;
    out += buf;
}

// Python's repr(float): the shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16.
std::string float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
    char buf[64];
    const char* end = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific).ptr;
    std::string_view s(buf, static_cast<std::size_t>(end - buf));
    std::string out;
    if (s.front() == '-') {
        out += '-';
        s.remove_prefix(1);
    }
    const std::size_t e = s.find('e');
    std::string digits;
    for (char c : s.substr(0, e))
        if (c != '.') digits += c;
    int exp = 0;
    std::string_view es = s.substr(e + 1);
    if (es.front() == '+') es.remove_prefix(1);
    std::from_chars(es.data(), es.data() + es.size(), exp);
    const int decpt = exp + 1, nd = static_cast<int>(digits.size());
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) out += "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
        else if (decpt >= nd) out += digits + std::string(static_cast<std::size_t>(decpt - nd), '0') + ".0";
        else out += digits.substr(0, static_cast<std::size_t>(decpt)) + "." +
                    digits.substr(static_cast<std::size_t>(decpt));
    } else {
        out += digits[0];
        if (nd > 1) out += "." + digits.substr(1);
        out += exp < 0 ? "e-" : "e+";
        if (std::abs(exp) < 10) out += '0';
        out += std::to_string(std::abs(exp));
    }
    return out;
}

std::string int_text(const json::value& v) {
    return v.is_int64() ? std::to_string(v.get_int64()) : std::to_string(v.get_uint64());
}

std::string py_str_repr(std::string_view s) {
    // Python picks double quotes only when the text has a single quote and no double quote.
    const char quote = s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos ? '"' : '\'';
    std::string out(1, quote);
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = next_code_point(s, i);
        if (cp == static_cast<char32_t>(quote) || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (cp == '\t') out += "\\t";
        else if (cp == '\n') out += "\\n";
        else if (cp == '\r') out += "\\r";
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) || cp == 0xAD) append_hex(out, "\\x", cp, 2);
        else append_utf8(out, cp);
    }
    out += quote;
    return out;
}

// `ascii` as json.dumps's ensure_ascii; diagnostics turn it off to stay readable.
void append_json_string(std::string& out, std::string_view s, bool ascii) {
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = next_code_point(s, i);
        switch (cp) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (cp >= 0x20 && cp <= 0x7E) {
                    out += static_cast<char>(cp);
                } else if (!ascii && cp >= 0xA0) {
                    append_utf8(out, cp);
                } else if (cp < 0x10000) {
                    append_hex(out, "\\u", cp, 4);
                } else {  // ensure_ascii writes astral code points as a surrogate pair
                    const char32_t v = cp - 0x10000;
                    append_hex(out, "\\u", 0xD800 + (v >> 10), 4);
                    append_hex(out, "\\u", 0xDC00 + (v & 0x3FF), 4);
                }
        }
    }
    out += '"';
}

void append_json(std::string& out, const json::value& v, bool ascii) {
    switch (v.kind()) {
        case json::kind::null: out += "null"; break;
        case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
        case json::kind::int64:
        case json::kind::uint64: out += int_text(v); break;
        case json::kind::double_: {
            const double d = v.get_double();
            out += std::isnan(d) ? "NaN" : std::isinf(d) ? (d < 0 ? "-Infinity" : "Infinity") : float_repr(d);
            break;
        }
        case json::kind::string: append_json_string(out, view(v.get_string()), ascii); break;
        case json::kind::array: {
            out += '[';
            const char* sep = "";
            for (const json::value& e : v.get_array()) {
                out += std::exchange(sep, ", ");
                append_json(out, e, ascii);
            }
            out += ']';
            break;
        }
        case json::kind::object: {
            out += '{';
            const char* sep = "";
            for (const auto& [k, e] : v.get_object()) {
                out += std::exchange(sep, ", ");
                append_json_string(out, view(k), ascii);
                out += ": ";
                append_json(out, e, ascii);
            }
            out += '}';
            break;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Normalisation (compare.py's PLACEHOLDER regex, by hand: std::regex has no lookbehind)

// Python's \w on a str; bytes of multi-byte UTF-8 sequences count as word bytes (see header).
bool is_word(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u == '_' || u >= 0x80;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t skip(std::string_view p, std::size_t j, bool (*pred)(char)) {
    while (j < p.size() && pred(p[j])) ++j;
    return j;
}

// The length of the placeholder at p[i], or 0. `p` is one stretch between string literals, and
// the lookbehind sees nothing before its start, as compare.py runs re.sub on each stretch.
// The alternatives are tried in the regex's order; none of them needs backtracking.
std::size_t placeholder_at(std::string_view p, std::size_t i) {
    const std::size_t n = p.size();
    const auto at = [&](std::size_t j, char c) { return j < n && p[j] == c; };
    switch (p[i]) {
        case '_': {  // __\[POSTCOMPILE_\w+(?:~~[^\]]*)?\]
            constexpr std::string_view head = "__[POSTCOMPILE_";
            if (p.substr(i, head.size()) != head) return 0;
            const std::size_t start = i + head.size(), k = skip(p, start, is_word);
            if (k == start) return 0;
            if (at(k, ']')) return k + 1 - i;
            if (at(k, '~') && at(k + 1, '~')) {
                const std::size_t close = p.find(']', k + 2);
                if (close != std::string_view::npos) return close + 1 - i;
            }
            return 0;
        }
        case '%': {  // %\(\w+\)s | %s
            if (at(i + 1, '(')) {
                const std::size_t k = skip(p, i + 2, is_word);
                if (k > i + 2 && at(k, ')') && at(k + 1, 's')) return k + 2 - i;
            }
            return at(i + 1, 's') ? 2 : 0;
        }
        case '$': {  // \$\d+
            const std::size_t k = skip(p, i + 1, is_digit);
            return k > i + 1 ? k - i : 0;
        }
        case '?':  // \?\d*
            return skip(p, i + 1, is_digit) - i;
        case ':': {  // (?<![:\w]):\"[^\"]+\" | (?<![:\w]):[A-Za-z_]\w*
            if (i > 0 && (p[i - 1] == ':' || is_word(p[i - 1]))) return 0;
            if (at(i + 1, '"')) {
                const std::size_t close = p.find('"', i + 2);
                return close != std::string_view::npos && close > i + 2 ? close + 1 - i : 0;
            }
            const auto u = static_cast<unsigned char>(i + 1 < n ? p[i + 1] : '\0');
            if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u == '_') return skip(p, i + 2, is_word) - i;
            return 0;
        }
        case '@': {  // @p\d+
            if (!at(i + 1, 'p')) return 0;
            const std::size_t k = skip(p, i + 2, is_digit);
            return k > i + 2 ? k - i : 0;
        }
        default: return 0;
    }
}

// re.search(r"%s|%\(\w+\)s", sql): how compare.py decides that produced SQL doubles its %.
bool has_format_placeholder(std::string_view sql) {
    for (std::size_t i = sql.find('%'); i != std::string_view::npos; i = sql.find('%', i + 1))
        if (placeholder_at(sql, i) != 0) return true;
    return false;
}

// The end of the single-quoted literal starting at s[i] ('(?:[^']|'')*'), or npos when none.
// A doubled quote is taken greedily; at the end of the text the regex backtracks to the last one.
std::size_t literal_end(std::string_view s, std::size_t i) {
    std::size_t last_pair = std::string_view::npos;
    for (std::size_t j = i + 1; j < s.size(); ++j) {
        if (s[j] != '\'') continue;
        if (j + 1 < s.size() && s[j + 1] == '\'') {
            last_pair = j++;
            continue;
        }
        return j + 1;
    }
    return last_pair == std::string_view::npos ? last_pair : last_pair + 1;
}

void append_undoubled(std::string& out, std::string_view s, bool doubled) {
    if (!doubled) {
        out += s;
        return;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        out += s[i];
        if (s[i] == '%' && i + 1 < s.size() && s[i + 1] == '%') ++i;
    }
}

void append_stretch(std::string& out, std::string_view p, bool doubled) {
    std::string replaced;
    for (std::size_t i = 0; i < p.size();) {
        if (const std::size_t len = placeholder_at(p, i)) {
            replaced += placeholder_mark;
            i += len;
        } else {
            replaced += p[i++];
        }
    }
    append_undoubled(out, replaced, doubled);
}

// ---------------------------------------------------------------------------------------------
// Values

bool is_number(const json::value& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }

// compare.py's norm_value: ("b", bool) | ("n", float) | ("z", None) | ("s", str(v)).
struct NormValue {
    char tag;
    double number = 0;
    std::string text{};
    bool flag = false;
    bool operator==(const NormValue& o) const {
        if (tag != o.tag) return false;
        return tag == 'n' ? number == o.number : tag == 's' ? text == o.text : tag == 'b' ? flag == o.flag : true;
    }
};

bool is_plain_decimal(std::string_view s) {  // -?\d+(\.\d+)?
    std::size_t i = s.starts_with('-') ? 1 : 0;
    const std::size_t int_end = skip(s, i, is_digit);
    if (int_end == i) return false;
    if (int_end == s.size()) return true;
    return s[int_end] == '.' && int_end + 1 < s.size() && skip(s, int_end + 1, is_digit) == s.size();
}

NormValue norm_value(const json::value& v) {
    if (v.is_bool()) return {.tag = 'b', .flag = v.get_bool()};
    if (v.is_int64()) return {.tag = 'n', .number = static_cast<double>(v.get_int64())};
    if (v.is_uint64()) return {.tag = 'n', .number = static_cast<double>(v.get_uint64())};
    if (v.is_double()) return {.tag = 'n', .number = v.get_double()};
    if (v.is_null()) return {.tag = 'z'};
    std::string s = v.is_string() ? std::string(view(v.get_string())) : python_repr(v);
    if (is_plain_decimal(s)) {  // Python's float(s); from_chars rounds the same and ignores the locale
        double d = 0;
        std::from_chars(s.data(), s.data() + s.size(), d);
        return {.tag = 'n', .number = d};
    }
    return {.tag = 's', .text = std::move(s)};
}

// Exact comparison of JSON numbers of any representation (no rounding through double).
bool numbers_equal(const json::value& a, const json::value& b) {
    if (a.is_double() && b.is_double()) return a.get_double() == b.get_double();
    if (a.is_double() || b.is_double()) {
        const double d = a.is_double() ? a.get_double() : b.get_double();
        const json::value& i = a.is_double() ? b : a;
        if (!std::isfinite(d) || std::trunc(d) != d) return false;
        if (i.is_int64())
            return d >= -9223372036854775808.0 && d < 9223372036854775808.0 &&
                   static_cast<std::int64_t>(d) == i.get_int64();
        return d >= 0 && d < 18446744073709551616.0 && static_cast<std::uint64_t>(d) == i.get_uint64();
    }
    if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
    if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
    const std::int64_t s = a.is_int64() ? a.get_int64() : b.get_int64();
    const std::uint64_t u = a.is_uint64() ? a.get_uint64() : b.get_uint64();
    return s >= 0 && static_cast<std::uint64_t>(s) == u;
}

// A decimal as sign, significant digits (no leading or trailing zeros) and exponent.
struct Decimal {
    bool negative = false;
    std::string digits;  // empty for zero
    long long exponent = 0;
    bool operator==(const Decimal&) const = default;
};

std::optional<Decimal> parse_decimal(std::string_view s) {
    Decimal d;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) d.negative = s[i++] == '-';
    bool any = false;
    for (; i < s.size() && is_digit(s[i]); ++i, any = true) d.digits += s[i];
    if (i < s.size() && s[i] == '.')
        for (++i; i < s.size() && is_digit(s[i]); ++i, any = true) {
            d.digits += s[i];
            --d.exponent;
        }
    if (!any) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool negative = false;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        const std::size_t start = i;
        long long e = 0;
        for (; i < s.size() && is_digit(s[i]); ++i) e = std::min(e * 10 + (s[i] - '0'), 1'000'000'000'000LL);
        if (i == start) return std::nullopt;
        d.exponent += negative ? -e : e;
    }
    if (i != s.size()) return std::nullopt;
    d.digits.erase(0, d.digits.find_first_not_of('0'));
    if (d.digits.empty()) return Decimal{};  // every zero is the same zero
    while (d.digits.back() == '0') {
        d.digits.pop_back();
        ++d.exponent;
    }
    return d;
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Cuts long text for a message, never inside a UTF-8 sequence.
std::string clip(std::string s, std::size_t max = 200) {
    if (s.size() <= max) return s;
    while (max > 0 && is_continuation(s[max])) --max;
    return s.substr(0, max) + "...";
}

bool row_equal(const Row& a, const Row& b, Decimals decimals) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!value_equal(a[i], b[i], decimals)) return false;
    return true;
}

std::string row_text(const Row& row) { return json_dumps(json::array(row.begin(), row.end())); }

std::string row_display(const Row& row) {
    std::string out;
    append_json(out, json::array(row.begin(), row.end()), false);
    return clip(out);
}

// ---------------------------------------------------------------------------------------------
// Diagnostics

// A window of normalised SQL around `at`, one line, placeholders shown as <?>.
std::string excerpt(std::string_view s, std::size_t at) {
    std::size_t from = at > 30 ? at - 30 : 0, to = std::min(s.size(), at + 40);
    while (from > 0 && is_continuation(s[from])) --from;
    while (to < s.size() && is_continuation(s[to])) ++to;
    std::string out = from > 0 ? "..." : "";
    for (char c : s.substr(from, to - from)) {
        if (c == placeholder_mark) out += "<?>";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else out += c;
    }
    if (to < s.size()) out += "...";
    return "\"" + out + "\"";
}

std::size_t common_prefix(std::string_view a, std::string_view b) {
    return static_cast<std::size_t>(std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first - a.begin());
}

const char* form_name(Form f) { return f == Form::postcompile ? "postcompile" : "sql"; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Loading

const Expected* Case::expected(std::string_view dialect) const {
    const auto it = dialects.find(dialect);
    return it == dialects.end() ? nullptr : &it->second;
}

const Recorded* Case::recorded(std::string_view backend) const {
    const auto it = results.find(backend);
    return it == results.end() ? nullptr : &it->second;
}

const std::string* Divergences::find(std::string_view case_id, std::string_view dialect) const {
    auto it = reasons.find(std::string(case_id) + "@" + std::string(dialect));
    if (it == reasons.end()) it = reasons.find(case_id);
    return it == reasons.end() ? nullptr : &it->second;
}

const Case* Corpus::find(std::string_view id) const {
    const auto it = std::find_if(cases.begin(), cases.end(), [&](const Case& c) { return c.id == id; });
    return it == cases.end() ? nullptr : &*it;
}

Divergences load_divergences(const fs::path& file) {
    const Where at{file};
    Divergences d;
    for (const auto& [key, reason] : as_object(parse(slurp(file), at), "divergent.json", at)) {
        if (!reason.is_string()) at.fail("the reason for \"" + std::string(view(key)) + "\" must be a string");
        d.reasons.emplace(std::string(view(key)), std::string(view(reason.get_string())));
    }
    return d;
}

Corpus load_corpus(const fs::path& dir) {
    Corpus corpus;
    std::map<std::string, std::size_t, std::less<>> index;
    for_each_line(dir / "cases.jsonl", [&](const json::object& o, const Where& at) {
        Case c = case_entry(o, at);
        if (!index.emplace(c.id, corpus.cases.size()).second) at.fail("case \"" + c.id + "\" appears twice");
        corpus.cases.push_back(std::move(c));
    });
    for_each_line(dir / "results.jsonl", [&](const json::object& o, const Where& at) {
        const std::string id = text(o, "id", at);
        const auto it = index.find(id);
        if (it == index.end()) at.fail("result for unknown case \"" + id + "\"");
        const json::value* results = o.if_contains("results");
        if (!results) at.fail("missing \"results\"");
        Case& c = corpus.cases[it->second];
        if (!c.results.empty()) at.fail("results for case \"" + id + "\" appear twice");
        for (const auto& [backend, r] : as_object(*results, "\"results\"", at))
            c.results.emplace(std::string(view(backend)), recorded_entry(r, at));
    });
    if (fs::exists(dir / "divergent.json")) corpus.divergences = load_divergences(dir / "divergent.json");
    for (auto [name, target] : {std::pair{"schema.json", &corpus.schema}, std::pair{"data.json", &corpus.data},
                                std::pair{"dialects.json", &corpus.dialects}})
        if (fs::exists(dir / name)) *target = parse(slurp(dir / name), Where{dir / name});
    return corpus;
}

// ---------------------------------------------------------------------------------------------
// Normalisation and values

std::string normalise(std::string_view sql, std::optional<std::string_view> paramstyle) {
    const bool doubled =
        paramstyle ? (*paramstyle == "format" || *paramstyle == "pyformat") : has_format_placeholder(sql);
    std::string out;
    out.reserve(sql.size());
    std::size_t stretch = 0;
    for (std::size_t i = sql.find('\''); i != std::string_view::npos; i = sql.find('\'', i)) {
        const std::size_t end = literal_end(sql, i);
        if (end == std::string_view::npos) break;  // an unclosed quote stays in the stretch
        append_stretch(out, sql.substr(stretch, i - stretch), doubled);
        append_undoubled(out, sql.substr(i, end - i), doubled);
        stretch = i = end;
    }
    append_stretch(out, sql.substr(stretch), doubled);
    return out;
}

bool param_equal(const json::value& a, const json::value& b) { return norm_value(a) == norm_value(b); }

std::string python_repr(const json::value& v) {
    switch (v.kind()) {
        case json::kind::null: return "None";
        case json::kind::bool_: return v.get_bool() ? "True" : "False";
        case json::kind::int64:
        case json::kind::uint64: return int_text(v);
        case json::kind::double_: return float_repr(v.get_double());
        case json::kind::string: return py_str_repr(view(v.get_string()));
        case json::kind::array: {
            std::string out = "[";
            const char* sep = "";
            for (const json::value& e : v.get_array()) out += std::exchange(sep, ", ") + python_repr(e);
            return out + "]";
        }
        case json::kind::object: {
            std::string out = "{";
            const char* sep = "";
            for (const auto& [k, e] : v.get_object())
                out += std::exchange(sep, ", ") + py_str_repr(view(k)) + ": " + python_repr(e);
            return out + "}";
        }
    }
    return {};
}

std::string json_dumps(const json::value& v) {
    std::string out;
    append_json(out, v, true);
    return out;
}

bool decimal_equal(std::string_view a, std::string_view b) {
    const auto x = parse_decimal(a), y = parse_decimal(b);
    return x && y && *x == *y;
}

// ---------------------------------------------------------------------------------------------
// Comparing compiled SQL

CompareResult compare(const Expected& want, const Produced& got) {
    CompareResult r{.case_id = want.case_id, .dialect = want.dialect};
    const auto fail = [&](const std::string& why) {
        r.diagnostic = want.case_id + " @ " + want.dialect + ": " + why;
        return r;
    };
    if (want.error) {
        if (!got.error) return fail("SQLAlchemy refuses to compile it (" + clip(*want.error, 120) +
                                    ") but sqla rendered " + excerpt(got.sql, 0));
        r.passed = true;
        r.matched = Form::error;
        return r;
    }
    if (got.error) return fail("sqla refused to compile it (" + clip(*got.error, 120) + "); SQLAlchemy renders " +
                               excerpt(*want.sql, 0));

    struct Candidate {
        Form form;
        std::string sql;
        const json::array* params;
    };
    std::vector<Candidate> forms{{Form::sql, normalise(*want.sql, want.paramstyle), &want.params.positional}};
    if (want.postcompile)
        forms.push_back({Form::postcompile, normalise(want.postcompile->sql, want.paramstyle),
                         &want.postcompile->params.positional});
    const std::string g = normalise(got.sql, std::nullopt);
    const auto params_match = [&](const json::array& p) {
        return p.size() == got.params.size() && std::equal(p.begin(), p.end(), got.params.begin(), param_equal);
    };
    for (const Candidate& f : forms)
        if (g == f.sql && params_match(*f.params)) {
            r.passed = true;
            r.matched = f.form;
            return r;
        }

    for (const Candidate& f : forms) {
        if (g != f.sql) continue;
        const json::array& p = *f.params;
        std::size_t i = 0;
        while (i < p.size() && i < got.params.size() && param_equal(p[i], got.params[i])) ++i;
        const std::string at = i < p.size() && i < got.params.size()
                                   ? "parameter " + std::to_string(i + 1) + " is " + python_repr(got.params[i]) +
                                         ", expected " + python_repr(p[i])
                                   : std::to_string(got.params.size()) + " parameters, expected " +
                                         std::to_string(p.size());
        return fail(std::string("SQL matches SQLAlchemy's ") + form_name(f.form) + " form but " + at +
                    " (expected " + clip(python_repr(p)) + ", got " + clip(python_repr(got.params)) + ")");
    }
    // Report against the form sharing the longest prefix: usually the one sqla meant to render.
    const Candidate* best = &forms.front();
    for (const Candidate& f : forms)
        if (common_prefix(g, f.sql) > common_prefix(g, best->sql)) best = &f;
    const std::size_t at = common_prefix(g, best->sql);
    std::string why = std::string("SQL differs from SQLAlchemy's ") + form_name(best->form) + " form at offset " +
                      std::to_string(at) + " (placeholders shown as <?>): expected " + excerpt(best->sql, at) +
                      ", got " + excerpt(g, at);
    if ((want.paramstyle == "format" || want.paramstyle == "pyformat") && got.sql.find("%%") != std::string::npos &&
        !has_format_placeholder(got.sql))
        why += "; compare.py un-doubles %% in produced SQL only when it has a %s or %(name)s placeholder, "
               "so write this statement with single %";
    return fail(why);
}

void write_produced(std::ostream& out, std::string_view case_id, std::string_view dialect, const Produced& got) {
    json::object line;
    line["id"] = jview(case_id);
    line["dialect"] = jview(dialect);
    if (got.error) {
        line["error"] = jview(*got.error);
    } else {
        line["sql"] = jview(got.sql);
        line["params"] = got.params;
    }
    out << json::serialize(line) << '\n';
}

// ---------------------------------------------------------------------------------------------
// Comparing rows

bool value_equal(const json::value& a, const json::value& b, Decimals decimals) {
    if (is_number(a) && is_number(b)) return numbers_equal(a, b);
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case json::kind::null: return true;
        case json::kind::bool_: return a.get_bool() == b.get_bool();
        case json::kind::string:
            return a.get_string() == b.get_string() ||
                   (decimals == Decimals::by_value && decimal_equal(view(a.get_string()), view(b.get_string())));
        case json::kind::array: {
            const json::array &x = a.get_array(), &y = b.get_array();
            return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), [&](const auto& p, const auto& q) {
                       return value_equal(p, q, decimals);
                   });
        }
        case json::kind::object: {
            const json::object &x = a.get_object(), &y = b.get_object();
            if (x.size() != y.size()) return false;
            for (const auto& [k, v] : x) {
                const json::value* w = y.if_contains(k);
                if (!w || !value_equal(v, *w, decimals)) return false;
            }
            return true;
        }
        default: return false;  // numbers were handled above
    }
}

Rows to_rows(const json::value& rows) {
    if (!rows.is_array()) throw std::invalid_argument("rows must be a JSON array of arrays");
    Rows out;
    for (const json::value& row : rows.get_array()) {
        if (!row.is_array()) throw std::invalid_argument("rows must be a JSON array of arrays");
        out.emplace_back(row.get_array().begin(), row.get_array().end());
    }
    return out;
}

void sort_rows(Rows& rows) {
    // Python's sorted() is stable and compares str by code point, which is byte order for the
    // ASCII-only json_dumps text; the index keeps equal keys in their original order.
    std::vector<std::pair<std::string, std::size_t>> keys;
    keys.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) keys.emplace_back(row_text(rows[i]), i);
    std::sort(keys.begin(), keys.end());
    Rows sorted;
    sorted.reserve(rows.size());
    for (const auto& key : keys) sorted.push_back(std::move(rows[key.second]));
    rows = std::move(sorted);
}

RowCompareResult compare_rows(const json::value& recorded_rows, const Rows& produced, bool ordered, Decimals decimals) {
    RowCompareResult r;
    Rows want;
    try {
        want = to_rows(recorded_rows);
    } catch (const std::invalid_argument& e) {
        r.diagnostic = std::string("recorded ") + e.what();
        return r;
    }
    const std::string counts =
        std::to_string(want.size()) + " rows expected, " + std::to_string(produced.size()) + " produced";
    if (ordered) {
        for (std::size_t i = 0; i < want.size() && i < produced.size(); ++i)
            if (!row_equal(want[i], produced[i], decimals)) {
                r.diagnostic = counts + "; row " + std::to_string(i + 1) + " is " + row_display(produced[i]) +
                               ", expected " + row_display(want[i]);
                return r;
            }
        r.passed = want.size() == produced.size();
        if (!r.passed) {
            const bool missing = want.size() > produced.size();
            const Row& first = missing ? want[produced.size()] : produced[want.size()];
            r.diagnostic = counts + "; first " + (missing ? "missing" : "extra") + " row " + row_display(first);
        }
        return r;
    }
    // Unordered: sorting both by JSON text lines up equal rows unless numbers are written
    // differently (1 vs 1.0); then match rows one by one, equality being an equivalence.
    Rows got = produced;
    sort_rows(want);
    sort_rows(got);
    const auto same = [&](const Row& a, const Row& b) { return row_equal(a, b, decimals); };
    if (want.size() == got.size() && std::equal(want.begin(), want.end(), got.begin(), same)) {
        r.passed = true;
        return r;
    }
    std::vector<bool> used(got.size(), false);
    std::vector<const Row*> unmatched;
    for (const Row& w : want) {
        std::size_t j = 0;
        while (j < got.size() && (used[j] || !same(w, got[j]))) ++j;
        if (j < got.size()) used[j] = true;
        else unmatched.push_back(&w);
    }
    const auto extra = std::find(used.begin(), used.end(), false);
    r.passed = unmatched.empty() && extra == used.end();
    if (r.passed) return r;
    r.diagnostic = counts + " (compared as a multiset)";
    if (!unmatched.empty())
        r.diagnostic += "; " + std::to_string(unmatched.size()) + " expected rows not produced, first " +
                        row_display(*unmatched.front());
    if (extra != used.end())
        r.diagnostic += "; " + std::to_string(std::count(used.begin(), used.end(), false)) +
                        " produced rows not expected, first " +
                        row_display(got[static_cast<std::size_t>(extra - used.begin())]);
    return r;
}

RowCompareResult compare_rows(const Case& c, std::string_view backend, const Rows& produced, Decimals decimals) {
    const Recorded* rec = c.recorded(backend);
    RowCompareResult r;
    if (!rec || !rec->rows.is_array()) {
        std::string why = "no rows recorded";
        if (rec && rec->error.is_string())
            why += " (the database refused: " + clip(std::string(view(rec->error.get_string())), 120) + ")";
        else if (rec && !rec->skipped.is_null())
            why += " (skipped: it does not compile for this dialect)";
        r.diagnostic = c.id + " @ " + std::string(backend) + ": " + why;
        return r;
    }
    r = compare_rows(rec->rows, produced, c.ordered, decimals);
    if (!r.passed) r.diagnostic = c.id + " @ " + std::string(backend) + ": " + r.diagnostic;
    return r;
}

// ---------------------------------------------------------------------------------------------
// The pass table

double Tally::pct() const { return total() ? 100.0 * static_cast<double>(passed) / static_cast<double>(total()) : 0.0; }

PassTable::PassTable(Divergences divergences) : divergences_(std::move(divergences)) {}

Outcome PassTable::record(std::map<std::string, Tally, std::less<>>& tallies, std::string_view key_prefix,
                          std::string_view case_id, std::string_view key, bool passed, const std::string& diagnostic) {
    Tally& t = tallies[std::string(key)];
    const std::string* why = divergences_.find(case_id, key);
    const std::string note_key = std::string(key_prefix) + std::string(key);
    const std::string where = std::string(case_id) + "@" + std::string(key);
    if (passed) {
        ++t.passed;
        if (why) notes_.push_back({note_key, Outcome::passed, where + " (" + *why + ")"});
        return Outcome::passed;
    }
    if (why) {
        ++t.divergent;
        notes_.push_back({note_key, Outcome::divergent, where + ": " + *why});
        return Outcome::divergent;
    }
    ++t.failed;
    notes_.push_back({note_key, Outcome::failed, diagnostic});
    return Outcome::failed;
}

Outcome PassTable::add(const CompareResult& result) {
    return record(sql_, "", result.case_id, result.dialect, result.passed, result.diagnostic);
}

void PassTable::add_not_built(std::string_view dialect) { ++sql_[std::string(dialect)].not_built; }

Outcome PassTable::add_rows(std::string_view case_id, std::string_view backend, const RowCompareResult& result) {
    return record(rows_, "rows:", case_id, backend, result.passed, result.diagnostic);
}

void PassTable::add_rows_not_run(std::string_view backend) { ++rows_[std::string(backend)].not_built; }

Tally PassTable::sql(std::string_view dialect) const {
    const auto it = sql_.find(dialect);
    return it == sql_.end() ? Tally{} : it->second;
}

Tally PassTable::rows(std::string_view backend) const {
    const auto it = rows_.find(backend);
    return it == rows_.end() ? Tally{} : it->second;
}

std::string PassTable::render(std::size_t failures_shown) const {
    std::string out;
    const auto line = [&](std::string_view name, const Tally& t) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "%-12.*s %6zu %6zu %9zu %9zu %6zu %7.1f%%\n", static_cast<int>(name.size()),
                      name.data(), t.passed, t.failed, t.divergent, t.not_built, t.total(), t.pct());
        out += buf;
    };
    // The canonical keys first, in corpus order, then any others the caller used.
    const auto table = [&](std::string_view title, std::string_view not_built, const auto& canonical,
                           const std::map<std::string, Tally, std::less<>>& tallies) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "%-12.*s %6s %6s %9s %9.*s %6s %8s\n", static_cast<int>(title.size()),
                      title.data(), "pass", "fail", "divergent", static_cast<int>(not_built.size()), not_built.data(),
                      "total", "pass %");
        out += buf;
        Tally all;
        std::vector<std::string_view> keys(canonical.begin(), canonical.end());
        for (const auto& [key, t] : tallies)
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
        for (std::string_view key : keys) {
            const auto it = tallies.find(key);
            const Tally t = it == tallies.end() ? Tally{} : it->second;
            line(key, t);
            all.passed += t.passed;
            all.failed += t.failed;
            all.divergent += t.divergent;
            all.not_built += t.not_built;
        }
        line("all", all);
    };
    out += "sqla against SQLAlchemy 1.4.46: compiled SQL per dialect key\n";
    table("dialect", "not built", dialect_keys, sql_);
    out += "\nrows from the live databases per backend\n";
    table("backend", "not run", backends, rows_);
    out += "\ndivergent, not built and not run count as failures: pass % = pass / total\n";

    // Notes grouped by key: dialect keys in corpus order, then any others, then the backends.
    std::vector<std::string> keys(dialect_keys.begin(), dialect_keys.end());
    for (const Note& n : notes_)
        if (!n.key.starts_with("rows:") && std::find(keys.begin(), keys.end(), n.key) == keys.end())
            keys.push_back(n.key);
    for (std::string_view b : backends) keys.push_back("rows:" + std::string(b));
    for (const Note& n : notes_)
        if (std::find(keys.begin(), keys.end(), n.key) == keys.end()) keys.push_back(n.key);
    const auto section = [&](const std::string& title, Outcome which, std::size_t limit) {
        std::string body;
        for (const std::string& key : keys) {
            std::size_t count = 0;
            for (const Note& n : notes_)
                if (n.outcome == which && n.key == key && count++ < limit) body += "  [" + key + "] " + n.text + "\n";
            if (count > limit) body += "  [" + key + "] ... and " + std::to_string(count - limit) + " more\n";
        }
        if (!body.empty()) out += "\n" + title + "\n" + body;
    };
    if (failures_shown > 0)
        section("failures (first " + std::to_string(failures_shown) + " per key):", Outcome::failed, failures_shown);
    section("divergent (divergent.json gives the reason; counted as failures):", Outcome::divergent, SIZE_MAX);
    section("listed in divergent.json but passing (remove the entry):", Outcome::passed, SIZE_MAX);
    return out;
}

}  // namespace sqla::corpus
