// sqla: tests/support/schema_json.hpp. Tables declared from the JSON schemas of the acceptance
// corpora (tests/data/corpus/schema.json, tests/data/reflection/alembic_reflected.json): columns
// with SQLAlchemy's generic types, server defaults, keys, constraints and indexes.
// SPDX-License-Identifier: MIT
//
// Include after <boost/json.hpp>, the std headers and `import sqla;`.
#pragma once

namespace sqla_test {

namespace json = boost::json;

inline std::vector<std::string> strings(const json::value& v) {
    std::vector<std::string> out;
    for (const auto& s : v.as_array()) out.emplace_back(s.as_string());
    return out;
}

inline std::optional<std::string> optional_string(const json::object& o, const char* key) {
    if (const auto* v = o.if_contains(key); v && v->is_string()) return std::string(v->as_string());
    return std::nullopt;
}

// {"name": "String", "length": 50} and the like, as SQLAlchemy's generic types.
inline sqla::TypeEngine type_from_json(const json::object& t) {
    const std::string name(t.at("name").as_string());
    auto opt = [&](const char* key) -> std::optional<int> {
        if (auto* v = t.if_contains(key); v && v->is_int64()) return static_cast<int>(v->as_int64());
        return std::nullopt;
    };
    if (name == "Integer") return sqla::Integer{};
    if (name == "BigInteger") return sqla::BigInteger{};
    if (name == "SmallInteger") return sqla::SmallInteger{};
    if (name == "Boolean") return sqla::Boolean{};
    if (name == "String") return sqla::String{opt("length")};
    if (name == "Unicode") return sqla::Unicode{opt("length")};
    if (name == "Text") return sqla::Text{};
    if (name == "UnicodeText") return sqla::UnicodeText{};
    if (name == "Float") return sqla::Float{};
    if (name == "Numeric") return sqla::Numeric{opt("precision"), opt("scale")};
    if (name == "Date") return sqla::Date{};
    if (name == "Time") return sqla::Time{};
    if (name == "DateTime") {
        const auto* tz = t.if_contains("timezone");
        return sqla::DateTime{.timezone = tz && tz->is_bool() && tz->as_bool()};
    }
    if (name == "LargeBinary") return sqla::LargeBinary{};
    if (name == "Enum") return sqla::Enum{.values = strings(t.at("values")), .name = optional_string(t, "enum_name")};
    return sqla::NullType{};
}

inline sqla::Column column_from_json(const json::object& c) {
    sqla::Column col(std::string(c.at("name").as_string()), type_from_json(c.at("type").as_object()),
                     c.at("nullable").as_bool() ? sqla::nullable : sqla::not_null);
    if (const auto* a = c.if_contains("autoincrement"); a && a->is_bool())
        col = col.with(a->as_bool() ? sqla::autoincrement : sqla::no_autoincrement);
    if (const auto* d = c.if_contains("server_default"); d && d->is_object()) {
        const auto& o = d->as_object();
        const std::string kind(o.at("kind").as_string());
        if (kind == "string") col = col.with(sqla::server_default(std::string(o.at("value").as_string())));
        if (kind == "text") col = col.with(sqla::server_default(sqla::text(std::string(o.at("sql").as_string()))));
        if (kind == "true") col = col.with(sqla::server_default(sqla::true_()));
        if (kind == "false") col = col.with(sqla::server_default(sqla::false_()));
        if (kind == "func") col = col.with(sqla::server_default(sqla::func(std::string(o.at("name").as_string()))));
    }
    return col;
}

// One table of a schema JSON, declared in `metadata`. The primary key is a list of columns
// (corpus) or {"columns", "name"} (migrations corpus).
inline sqla::Table table_from_json(sqla::MetaData& metadata, const json::object& t) {
    std::vector<sqla::TableItem> items;
    for (const auto& cv : t.at("columns").as_array()) items.emplace_back(column_from_json(cv.as_object()));
    const auto& pkv = t.at("primary_key");
    if (pkv.is_array() && !pkv.as_array().empty()) items.emplace_back(sqla::PrimaryKeyConstraint(strings(pkv)));
    if (pkv.is_object() && !pkv.at("columns").as_array().empty())
        items.emplace_back(sqla::PrimaryKeyConstraint(strings(pkv.at("columns")), {.name = optional_string(pkv.as_object(), "name")}));
    for (const auto& fv : t.at("foreign_keys").as_array()) {
        const auto& f = fv.as_object();
        std::vector<std::string> refs;
        for (const auto& c : strings(f.at("ref_columns"))) refs.push_back(std::string(f.at("ref_table").as_string()) + "." + c);
        items.emplace_back(sqla::ForeignKeyConstraint(strings(f.at("columns")), refs,
                                                      {.name = optional_string(f, "name"),
                                                       .ondelete = optional_string(f, "ondelete"),
                                                       .onupdate = optional_string(f, "onupdate")}));
    }
    for (const auto& uv : t.at("unique_constraints").as_array())
        items.emplace_back(sqla::UniqueConstraint(strings(uv.at("columns")), {.name = optional_string(uv.as_object(), "name")}));
    for (const auto& cv : t.at("check_constraints").as_array())
        items.emplace_back(sqla::CheckConstraint(std::string(cv.at("sqltext").as_string()),
                                                 {.name = optional_string(cv.as_object(), "name")}));
    for (const auto& iv : t.at("indexes").as_array()) {
        std::vector<sqla::IndexElement> cols;
        for (const auto& c : strings(iv.at("columns"))) cols.emplace_back(c);
        items.emplace_back(sqla::Index(optional_string(iv.as_object(), "name"), cols, {.unique = iv.at("unique").as_bool()}));
    }
    return sqla::Table(metadata, std::string(t.at("name").as_string()), std::move(items));
}

}  // namespace sqla_test
