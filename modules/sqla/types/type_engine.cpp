// sqla: types/type_engine.cpp. TypeEngine classification and repr.
// SPDX-License-Identifier: MIT
module;
#include <optional>
#include <string>

module sqla;

namespace sqla {

bool TypeEngine::is_numeric() const noexcept {
    switch (kind_) {
        case TypeKind::integer:
        case TypeKind::big_integer:
        case TypeKind::small_integer:
        case TypeKind::float_:
        case TypeKind::double_:
        case TypeKind::numeric: return true;
        default: return false;
    }
}

bool TypeEngine::is_string() const noexcept {
    switch (kind_) {
        case TypeKind::string:
        case TypeKind::text:
        case TypeKind::unicode:
        case TypeKind::unicode_text: return true;
        default: return false;
    }
}

std::string TypeEngine::repr() const {
    static constexpr const char* names[] = {"NullType", "Integer",  "BigInteger", "SmallInteger", "Boolean",
                                            "String",   "Text",     "Unicode",    "UnicodeText",  "Float",
                                            "Double",   "Numeric",  "Date",       "Time",         "DateTime",
                                            "Interval", "LargeBinary", "JSON",    "Uuid",         "Enum"};
    std::string args;
    auto add = [&](const char* name, const std::optional<int>& v) {
        if (!v) return;
        if (!args.empty()) args += ", ";
        args += std::string(name) + "=" + std::to_string(*v);
    };
    add("length", length_);
    add("precision", precision_);
    add("scale", scale_);
    if (timezone_) args += std::string(args.empty() ? "" : ", ") + "timezone=True";
    return std::string(names[static_cast<int>(kind_)]) + "(" + args + ")";
}

}  // namespace sqla
