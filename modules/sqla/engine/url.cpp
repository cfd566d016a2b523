// sqla: engine/url.cpp. Parsing and rendering of database URLs.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

module sqla:engine.url_impl;
import :errors.error;
import :engine.url;

namespace sqla {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decoding as Python's urllib.parse.unquote does it: a '%' not followed by two hex
// digits stays as it is. `plus_is_space` gives unquote_plus (query strings).
std::string unquote(std::string_view s, bool plus_is_space = false) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%' && i + 2 < s.size()) {
            int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
    return out;
}

// Escapes what would end a URL component early, so render() parses back to the same URL.
std::string quote(std::string_view s, std::string_view unsafe, bool space_as_plus = false) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        if (space_as_plus && c == ' ') {
            out.push_back('+');
        } else if (c < 0x21 || c == 0x7f || c == '%' || unsafe.find(static_cast<char>(c)) != std::string_view::npos) {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

void check_drivername(std::string_view name) {
    auto plus = name.find('+');
    auto backend = name.substr(0, plus);
    if (backend.empty() || !std::all_of(backend.begin(), backend.end(), is_name_char))
        throw ArgumentError("invalid URL: the dialect name \"" + std::string(backend) +
                            "\" must be letters, digits and underscores");
    if (plus == std::string_view::npos) return;
    auto driver = name.substr(plus + 1);
    if (driver.find('+') != std::string_view::npos)
        throw ArgumentError("invalid URL: \"" + std::string(name) + "\" has more than one '+'; use dialect+driver");
    if (driver.empty() || !std::all_of(driver.begin(), driver.end(), is_name_char))
        throw ArgumentError("invalid URL: the driver name \"" + std::string(driver) +
                            "\" must be letters, digits and underscores");
}

void parse_query(std::string_view q, URL::Query& out) {
    while (!q.empty()) {
        auto amp = q.find('&');
        auto pair = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        if (eq == std::string_view::npos)
            throw ArgumentError("invalid URL: query item \"" + std::string(pair) + "\" has no '='");
        auto value = pair.substr(eq + 1);
        if (value.empty()) continue;  // as Python's parse_qsl: blank values are dropped
        out[unquote(pair.substr(0, eq), true)].push_back(unquote(value, true));
    }
}

}  // namespace

URL::URL(Parts parts) : p_(std::move(parts)) { check_drivername(p_.drivername); }

std::string_view URL::backend_name() const noexcept {
    std::string_view n = p_.drivername;
    return n.substr(0, n.find('+'));
}

std::string_view URL::driver_name() const noexcept {
    std::string_view n = p_.drivername;
    auto plus = n.find('+');
    return plus == std::string_view::npos ? std::string_view{} : n.substr(plus + 1);
}

std::optional<std::string_view> URL::query_value(std::string_view key) const {
    auto it = p_.query.find(key);
    if (it == p_.query.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

const std::vector<std::string>& URL::query_values(std::string_view key) const {
    static const std::vector<std::string> none;
    auto it = p_.query.find(key);
    return it == p_.query.end() ? none : it->second;
}

URL URL::set(Changes c) const {
    Parts p = p_;
    if (c.drivername) p.drivername = std::move(*c.drivername);
    if (c.username) p.username = std::move(c.username);
    if (c.password) p.password = std::move(c.password);
    if (c.host) p.host = std::move(c.host);
    if (c.port) p.port = c.port;
    if (c.database) p.database = std::move(c.database);
    if (c.query) p.query = std::move(*c.query);
    return URL(std::move(p));
}

URL URL::update_query(std::string_view key, std::string value, bool append) const {
    Parts p = p_;
    auto& values = p.query[std::string(key)];
    if (!append) values.clear();
    values.push_back(std::move(value));
    return URL(std::move(p));
}

URL URL::difference_update_query(const std::vector<std::string>& keys) const {
    Parts p = p_;
    for (const auto& k : keys) p.query.erase(k);
    return URL(std::move(p));
}

std::string URL::render(bool hide_password) const {
    std::string s = p_.drivername + "://";
    if (p_.username) {
        s += quote(*p_.username, ":@/?#[]");
        if (p_.password) s += ':' + (hide_password ? std::string("***") : quote(*p_.password, ":@/?#[]"));
        s += '@';
    }
    if (p_.host) {
        // Brackets for IPv6, and for any host that starts with '[' (a bracketed "[[]" holds
        // the host "["; found by url_fuzz), so it parses back the same.
        if (p_.host->find(':') != std::string::npos || p_.host->starts_with('['))
            s += '[' + *p_.host + ']';
        else
            s += *p_.host;
    }
    if (p_.port) s += ':' + std::to_string(*p_.port);
    if (p_.database) s += '/' + *p_.database;
    char sep = '?';
    for (const auto& [key, values] : p_.query) {
        for (const auto& v : values) {
            s += sep;
            // '@' and ':' too: make_url looks for a password's '@' past a ':' (as SQLAlchemy's
            // pattern does), so an unescaped one in the query would be read as userinfo.
            s += quote(key, "&=+#?@:", true);
            s += '=';
            s += quote(v, "&=+#?@:", true);
            sep = '&';
        }
    }
    return s;
}

bool operator==(const URL& a, const URL& b) {
    const auto& x = a.p_;
    const auto& y = b.p_;
    return x.drivername == y.drivername && x.username == y.username && x.password == y.password &&
           x.host == y.host && x.port == y.port && x.database == y.database && x.query == y.query;
}

std::ostream& operator<<(std::ostream& out, const URL& url) { return out << url.render(true); }

URL make_url(std::string_view text) {
    auto scheme_end = text.find("://");
    if (text.empty()) throw ArgumentError("invalid URL: the URL is empty");
    if (scheme_end == std::string_view::npos) {
        // Show only what cannot hold a password: text before any '@' or ':'.
        auto shown = text.substr(0, std::min(text.find_first_of(":@"), std::size_t{32}));
        throw ArgumentError("invalid URL \"" + std::string(shown) +
                            "...\": expected dialect[+driver]://[user[:password]@][host][:port][/database][?query]");
    }
    URL::Parts p;
    p.drivername = std::string(text.substr(0, scheme_end));
    check_drivername(p.drivername);
    std::string_view rest = text.substr(scheme_end + 3);

    // user[:password]@ — as SQLAlchemy's pattern: the user ends at the first ':' or '/'.
    // After a ':' the password runs to the last '@' before the host's end (the first '/' or '?'
    // after the first '@'), as SQLAlchemy 2.0 reads it: a password holding an unescaped '@'
    // stays the password instead of leaking its tail into the host name, and so into errors.
    auto user_end = rest.find_first_of(":/");
    bool have_userinfo = false;
    if (user_end != std::string_view::npos && rest[user_end] == ':') {
        auto at = rest.find('@', user_end);
        if (at != std::string_view::npos) {
            const auto host_end = std::min(rest.find_first_of("/?", at), rest.size());
            at = rest.substr(0, host_end).rfind('@');
            p.username = unquote(rest.substr(0, user_end));
            p.password = unquote(rest.substr(user_end + 1, at - user_end - 1));
            rest = rest.substr(at + 1);
            have_userinfo = true;
        }
    }
    if (!have_userinfo) {
        auto limit = user_end == std::string_view::npos ? rest.size() : user_end;
        auto at = rest.substr(0, limit).rfind('@');
        if (at != std::string_view::npos) {
            p.username = unquote(rest.substr(0, at));
            rest = rest.substr(at + 1);
        }
    }

    // host: [ipv6] or a name up to ':', '/' or '?'
    if (!rest.empty() && rest.front() == '[') {
        auto close = rest.find(']');
        auto stop = rest.find_first_of("/?");
        if (close == std::string_view::npos || (stop != std::string_view::npos && stop < close))
            throw ArgumentError("invalid URL for " + p.drivername + ": IPv6 host has no closing ']'");
        p.host = std::string(rest.substr(1, close - 1));
        if (p.host->empty()) throw ArgumentError("invalid URL for " + p.drivername + ": empty IPv6 host '[]'");
        rest = rest.substr(close + 1);
    } else {
        auto host_end = std::min(rest.find_first_of(":/?"), rest.size());
        if (host_end > 0) p.host = std::string(rest.substr(0, host_end));
        rest = rest.substr(host_end);
    }

    if (!rest.empty() && rest.front() == ':') {
        auto port_end = std::min(rest.find_first_of("/?"), rest.size());
        auto digits = rest.substr(1, port_end - 1);
        if (!digits.empty()) {
            unsigned value = 0;
            auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
            if (ec != std::errc{} || ptr != digits.data() + digits.size() || value > 65535)
                throw ArgumentError("invalid URL for " + p.drivername + ": port \"" + std::string(digits) +
                                    "\" is not a number from 0 to 65535");
            p.port = static_cast<std::uint16_t>(value);
        }
        rest = rest.substr(port_end);
    }
    if (!rest.empty() && rest.front() != '/' && rest.front() != '?')
        throw ArgumentError("invalid URL for " + p.drivername + ": unexpected \"" +
                            std::string(rest.substr(0, 16)) + "\" after the host");

    if (!rest.empty() && rest.front() == '/') {
        auto q = std::min(rest.find('?'), rest.size());
        p.database = std::string(rest.substr(1, q - 1));
        rest = rest.substr(q);
    }
    if (!rest.empty() && rest.front() == '?') parse_query(rest.substr(1), p.query);
    return URL(std::move(p));
}

}  // namespace sqla
