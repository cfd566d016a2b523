// sqla: types/value.cpp. Value rendering and conversion errors; Params.
// SPDX-License-Identifier: MIT
module;
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <variant>

module sqla;

namespace sqla {

std::string_view to_string(ValueKind kind) noexcept {
    switch (kind) {
        case ValueKind::null: return "NULL";
        case ValueKind::boolean: return "boolean";
        case ValueKind::integer: return "integer";
        case ValueKind::real: return "floating point";
        case ValueKind::text: return "text";
        case ValueKind::blob: return "bytes";
    }
    return "unknown";
}

void Value::throw_unsigned_overflow(std::uint64_t v) {
    throw TypeError("unsigned value " + std::to_string(v) + " does not fit in a 64-bit signed SQL integer");
}

void Value::throw_mismatch(std::string_view wanted) const {
    if (is_null())
        throw TypeError("value is NULL, which " + std::string(wanted) + " cannot hold; read it as std::optional<" +
                        std::string(wanted) + ">");
    throw TypeError("value holds " + std::string(to_string(kind())) + " " + repr() + ", not " + std::string(wanted));
}

void Value::throw_range(std::string_view wanted) const {
    throw TypeError("value " + repr() + " is out of range for " + std::string(wanted));
}

std::string Value::repr() const {
    struct Visitor {
        std::string operator()(std::monostate) const { return "NULL"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", d);
            return buf;
        }
        std::string operator()(const std::string& s) const {
            std::string out = "'";
            const std::size_t shown = s.size() > 200 ? 200 : s.size();
            for (std::size_t i = 0; i < shown; ++i) {
                out += s[i];
                if (s[i] == '\'') out += '\'';
            }
            if (shown < s.size()) out += "...";
            return out + "'";
        }
        std::string operator()(const Bytes& b) const {
            static constexpr char hex[] = "0123456789abcdef";
            std::string out = "x'";
            const std::size_t shown = b.size() > 32 ? 32 : b.size();
            for (std::size_t i = 0; i < shown; ++i) {
                auto c = static_cast<unsigned char>(b[i]);
                out += hex[c >> 4];
                out += hex[c & 15];
            }
            if (shown < b.size()) out += "...";
            return out + "'";
        }
    };
    return std::visit(Visitor{}, v_);
}

Params& Params::set(std::string_view name, Value value) {
    for (auto& [k, v] : items_)
        if (k == name) {
            v = std::move(value);
            return *this;
        }
    items_.emplace_back(std::string(name), std::move(value));
    return *this;
}

const Value* Params::find(std::string_view name) const noexcept {
    for (const auto& [k, v] : items_)
        if (k == name) return &v;
    return nullptr;
}

}  // namespace sqla
