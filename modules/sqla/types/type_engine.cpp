// sqla: types/type_engine.cpp. TypeEngine classification and repr.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <typeinfo>
#include <string>
#include <utility>
#include <vector>

module sqla:types.type_engine_impl;
import :errors.error;
import :types.scalars;
import :types.value;
import :types.type_engine;

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

TypeDecorator::~TypeDecorator() = default;

const TypeEngine::Details& TypeEngine::details() const noexcept {
    static const Details empty;
    return details_ ? *details_ : empty;
}

TypeEngine& TypeEngine::with_details(Details details) {
    details_ = std::make_shared<const Details>(std::move(details));
    return *this;
}

bool operator==(const TypeEngine::Details& a, const TypeEngine::Details& b) {
    const bool items_equal = (!a.item && !b.item) || (a.item && b.item && *a.item == *b.item);
    return a.enum_values == b.enum_values && a.name == b.name && a.native_enum == b.native_enum &&
           a.create_constraint == b.create_constraint && items_equal && a.dimensions == b.dimensions &&
           a.dialect == b.dialect && a.collation == b.collation && a.decorator == b.decorator &&
           a.asdecimal == b.asdecimal;
}

bool operator==(const TypeEngine& a, const TypeEngine& b) noexcept {
    if (a.kind_ != b.kind_ || a.length_ != b.length_ || a.precision_ != b.precision_ || a.scale_ != b.scale_ ||
        a.timezone_ != b.timezone_)
        return false;
    if (a.details_ == b.details_) return true;
    return a.details() == b.details();
}

bool TypeEngine::is_integer() const noexcept {
    return kind_ == TypeKind::integer || kind_ == TypeKind::big_integer || kind_ == TypeKind::small_integer;
}

Boolean::operator TypeEngine() const {
    TypeEngine t(TypeKind::boolean);
    if (create_constraint || name) t.with_details({.name = name, .create_constraint = create_constraint});
    return t;
}

Enum::operator TypeEngine() const {
    std::size_t longest = 0;
    for (const auto& v : values) longest = std::max(longest, v.size());
    TypeEngine t(TypeKind::enum_);
    t.with_length(length ? length : std::optional<int>(static_cast<int>(longest)));
    t.with_details({.enum_values = values, .name = name, .native_enum = native_enum, .create_constraint = create_constraint});
    return t;
}

Array::operator TypeEngine() const {
    TypeEngine t(TypeKind::array);
    t.with_details({.item = std::make_shared<const TypeEngine>(item), .dimensions = dimensions});
    return t;
}

namespace postgresql {
UUID::operator TypeEngine() const {
    TypeEngine t(TypeKind::uuid);
    t.with_details({.dialect = "postgresql"});
    return t;
}
JSONB::operator TypeEngine() const {
    TypeEngine t(TypeKind::json);
    t.with_details({.name = "JSONB", .dialect = "postgresql"});
    return t;
}
}  // namespace postgresql

namespace mysql {
DATETIME::operator TypeEngine() const {
    TypeEngine t(TypeKind::datetime);
    t.with_timezone(timezone).with_precision(fsp);
    t.with_details({.dialect = "mysql"});
    return t;
}
TIME::operator TypeEngine() const {
    TypeEngine t(TypeKind::time);
    t.with_precision(fsp);
    t.with_details({.dialect = "mysql"});
    return t;
}
}  // namespace mysql

bool TypeEngine::is_string() const noexcept {
    switch (kind_) {
        case TypeKind::string:
        case TypeKind::text:
        case TypeKind::unicode:
        case TypeKind::unicode_text: return true;
        default: return false;
    }
}

namespace {

// What SQLAlchemy calls a dialect-specific type: the dialect's module and its own class name
// (postgresql.JSONB, mysql.DATETIME), so that no two of them print alike.
std::string dialect_type_name(const TypeEngine& type) {
    const auto& d = type.details();
    if (d.name && type.kind() == TypeKind::json) return *d.name;  // JSONB
    switch (type.kind()) {
        case TypeKind::uuid: return "UUID";
        case TypeKind::json: return "JSON";
        case TypeKind::datetime: return "DATETIME";
        case TypeKind::time: return "TIME";
        case TypeKind::date: return "DATE";
        default: return "TYPE" + std::to_string(static_cast<int>(type.kind()));
    }
}

std::string python_quoted(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

}  // namespace

std::string TypeEngine::repr() const {
    static constexpr const char* names[] = {"NullType", "Integer",  "BigInteger", "SmallInteger", "Boolean",
                                            "String",   "Text",     "Unicode",    "UnicodeText",  "Float",
                                            "Double",   "Numeric",  "Date",       "Time",         "DateTime",
                                            "Interval", "LargeBinary", "JSON",    "Uuid",         "Enum",
                                            "ARRAY"};
    if (const auto* d = decorator()) return d->name() + "()";
    const bool dialect_specific = details_ && !details_->dialect.empty();
    std::string args;
    auto add = [&](const char* name, const std::optional<int>& v) {
        if (!v) return;
        if (!args.empty()) args += ", ";
        args += std::string(name) + "=" + std::to_string(*v);
    };
    add("length", length_);
    // MySQL's DATETIME and TIME call their precision fsp, as SQLAlchemy's do.
    add(dialect_specific && details_->dialect == "mysql" ? "fsp" : "precision", precision_);
    add("scale", scale_);
    if (timezone_) args += std::string(args.empty() ? "" : ", ") + "timezone=True";
    if (details_) {
        auto more = [&](const std::string& text) { args += (args.empty() ? "" : ", ") + text; };
        for (const auto& v : details_->enum_values) more(python_quoted(v));
        if (details_->name && !(dialect_specific && kind_ == TypeKind::json)) more("name=" + python_quoted(*details_->name));
        if (kind_ == TypeKind::enum_ && !details_->native_enum) more("native_enum=False");
        if (details_->create_constraint) more("create_constraint=True");
        if (details_->item) more(details_->item->repr());
        if (details_->dimensions) more("dimensions=" + std::to_string(details_->dimensions));
        if (details_->collation) more("collation=" + python_quoted(*details_->collation));
        if (details_->asdecimal) more(*details_->asdecimal ? "asdecimal=True" : "asdecimal=False");
        if (dialect_specific) return details_->dialect + "." + dialect_type_name(*this) + "(" + args + ")";
    }
    return std::string(names[static_cast<int>(kind_)]) + "(" + args + ")";
}

void TypeEngine::append_cache_key(std::string& out) const {
    char buf[64];
    char* p = buf;
    *p++ = 'T';
    p = std::to_chars(p, buf + sizeof buf, static_cast<int>(kind_)).ptr;
    auto add = [&](char tag, const std::optional<int>& v) {
        if (!v) return;
        *p++ = tag;
        p = std::to_chars(p, buf + sizeof buf, *v).ptr;
    };
    add('L', length_);
    add('P', precision_);
    add('S', scale_);
    if (timezone_) *p++ = 'Z';
    out.append(buf, p);
    if (!details_) return;
    // Every part of the details, each text length-prefixed, in a fixed order: the key is
    // built from what the type is, never from its printed form (two dialect types once
    // printed alike and shared compiled statements).
    const Details& d = *details_;
    auto text = [&](char tag, std::string_view s) {
        out += tag;
        out += std::to_string(s.size());
        out += ':';
        out += s;
    };
    out += '{';
    for (const auto& v : d.enum_values) text('e', v);
    if (d.name) text('n', *d.name);
    if (!d.native_enum) out += 'x';
    if (d.create_constraint) out += 'c';
    if (d.item) {
        out += '[';
        d.item->append_cache_key(out);
        out += ']';
    }
    if (d.dimensions) out += 'd' + std::to_string(d.dimensions);
    if (!d.dialect.empty()) text('g', d.dialect);
    if (d.collation) text('o', *d.collation);
    if (d.decorator) {
        // A decorator class with its name: decorators of one class that render or convert
        // differently must say so in name(), as SQLAlchemy's cache_ok asks of TypeDecorator.
        const TypeDecorator& decorator = *d.decorator;
        text('y', typeid(decorator).name());
        text('m', decorator.name());
    }
    if (d.asdecimal) out += *d.asdecimal ? 'A' : 'a';
    out += '}';
}

}  // namespace sqla
