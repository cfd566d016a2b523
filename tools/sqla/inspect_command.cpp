// sqla: tools/sqla/inspect_command.cpp. `sqla inspect URL`: the database's schema as the Inspector
// reads it, as readable tables or as JSON; the URL's password is never printed.
// SPDX-License-Identifier: MIT
#include <boost/json.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

import sqla;

#include "commands.hpp"

namespace sqla::cli {
namespace {

namespace json = boost::json;

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string join(const std::vector<std::optional<std::string>>& columns, const std::vector<std::optional<std::string>>& exprs) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < columns.size(); ++i)
        parts.push_back(columns[i] ? *columns[i] : (i < exprs.size() && exprs[i] ? *exprs[i] : "?"));
    return join(parts);
}

json::value optional(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::array strings(const std::vector<std::string>& v) {
    json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
}

// Everything the Inspector says about one table.
struct TableReport {
    std::string name;
    std::optional<std::string> comment;
    std::vector<ReflectedColumn> columns;
    ReflectedPrimaryKey pk;
    std::vector<ReflectedForeignKey> fks;
    std::vector<ReflectedIndex> indexes;
    std::vector<ReflectedUniqueConstraint> uniques;
    std::vector<ReflectedCheckConstraint> checks;
};

template <class T, class F>
T or_empty(F&& ask) {
    try {
        return ask();
    } catch (const NotImplementedError&) {
        return T{};
    }
}

TableReport read_table(Inspector& insp, const std::string& name, const std::optional<std::string>& schema) {
    TableReport t;
    t.name = name;
    t.columns = insp.get_columns(name, schema);
    t.pk = insp.get_pk_constraint(name, schema);
    t.fks = insp.get_foreign_keys(name, schema);
    t.indexes = insp.get_indexes(name, schema);
    t.uniques = or_empty<std::vector<ReflectedUniqueConstraint>>([&] { return insp.get_unique_constraints(name, schema); });
    t.checks = or_empty<std::vector<ReflectedCheckConstraint>>([&] { return insp.get_check_constraints(name, schema); });
    t.comment = or_empty<std::optional<std::string>>([&] { return insp.get_table_comment(name, schema); });
    return t;
}

json::object to_json(const TableReport& t) {
    json::object o;
    o["name"] = t.name;
    o["comment"] = optional(t.comment);
    json::array columns;
    for (const auto& c : t.columns) {
        json::object col;
        col["name"] = c.name;
        col["type"] = c.type_sql;
        col["sqla_type"] = c.type.repr();
        col["nullable"] = c.nullable;
        col["default"] = optional(c.server_default);
        col["autoincrement"] = c.autoincrement ? json::value(*c.autoincrement) : json::value("auto");
        col["comment"] = optional(c.comment);
        if (c.computed) col["computed"] = *c.computed;
        columns.push_back(std::move(col));
    }
    o["columns"] = std::move(columns);
    o["primary_key"] = json::object{{"name", optional(t.pk.name)}, {"columns", strings(t.pk.columns)}};
    json::array fks;
    for (const auto& f : t.fks)
        fks.push_back(json::object{{"name", optional(f.name)},
                                   {"columns", strings(f.columns)},
                                   {"referred_schema", optional(f.referred_schema)},
                                   {"referred_table", f.referred_table},
                                   {"referred_columns", strings(f.referred_columns)},
                                   {"ondelete", optional(f.ondelete)},
                                   {"onupdate", optional(f.onupdate)}});
    o["foreign_keys"] = std::move(fks);
    json::array indexes;
    for (const auto& i : t.indexes) {
        json::array cols;
        for (std::size_t k = 0; k < i.columns.size(); ++k)
            cols.push_back(i.columns[k] ? json::value(*i.columns[k])
                                        : json::value(json::object{{"expression", optional(k < i.expressions.size() ? i.expressions[k] : std::nullopt)}}));
        indexes.push_back(json::object{{"name", optional(i.name)}, {"columns", std::move(cols)}, {"unique", i.unique},
                                       {"duplicates_constraint", optional(i.duplicates_constraint)}});
    }
    o["indexes"] = std::move(indexes);
    json::array uniques;
    for (const auto& u : t.uniques) uniques.push_back(json::object{{"name", optional(u.name)}, {"columns", strings(u.columns)}});
    o["unique_constraints"] = std::move(uniques);
    json::array checks;
    for (const auto& c : t.checks) checks.push_back(json::object{{"name", optional(c.name)}, {"sqltext", c.sqltext}});
    o["check_constraints"] = std::move(checks);
    return o;
}

// Rows padded into columns, under a header.
void print_grid(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (width.size() <= i) width.push_back(0);
            width[i] = std::max(width[i], r[i].size());
        }
    for (const auto& r : rows) {
        std::string line = "   ";
        for (std::size_t i = 0; i < r.size(); ++i) line += " " + r[i] + std::string(width[i] - r[i].size() + 1, ' ');
        while (!line.empty() && line.back() == ' ') line.pop_back();
        fmt::print("{}\n", line);
    }
}

void print_table(const TableReport& t) {
    fmt::print("\ntable {}{}\n", t.name, t.comment ? "  -- " + *t.comment : "");
    std::vector<std::vector<std::string>> rows{{"column", "type", "sqla type", "null", "default", "autoincrement"}};
    for (const auto& c : t.columns)
        rows.push_back({c.name, c.type_sql, c.type.repr(), c.nullable ? "NULL" : "NOT NULL",
                        c.computed ? "AS " + *c.computed : c.server_default.value_or(""),
                        c.autoincrement ? (*c.autoincrement ? "yes" : "no") : "auto"});
    print_grid(rows);
    if (!t.pk.columns.empty()) fmt::print("    primary key {}({})\n", t.pk.name ? *t.pk.name + " " : "", join(t.pk.columns));
    for (const auto& f : t.fks)
        fmt::print("    foreign key {}({}) -> {}{}({}){}{}\n", f.name ? *f.name + " " : "", join(f.columns),
                   f.referred_schema ? *f.referred_schema + "." : "", f.referred_table, join(f.referred_columns),
                   f.ondelete ? " ON DELETE " + *f.ondelete : "", f.onupdate ? " ON UPDATE " + *f.onupdate : "");
    for (const auto& u : t.uniques) fmt::print("    unique {}({})\n", u.name ? *u.name + " " : "", join(u.columns));
    for (const auto& c : t.checks) fmt::print("    check {}({})\n", c.name ? *c.name + " " : "", c.sqltext);
    for (const auto& i : t.indexes)
        fmt::print("    {}index {}({})\n", i.unique ? "unique " : "", i.name ? *i.name + " " : "", join(i.columns, i.expressions));
}

}  // namespace

int inspect_command(const std::vector<std::string_view>& args) {
    std::optional<std::string> url, schema;
    std::vector<std::string> only;
    bool as_json = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto a = args[i];
        if (a == "--json") as_json = true;
        else if ((a == "--schema" || a == "--table") && i + 1 < args.size()) {
            if (a == "--schema") schema = std::string(args[++i]);
            else only.emplace_back(args[++i]);
        } else if (!a.starts_with("--") && !url) url = std::string(a);
        else
            throw ArgumentError("sqla inspect: unknown option \"" + std::string(a) +
                                "\" (usage: sqla inspect URL [--json] [--schema NAME] [--table NAME]...)");
    }
    if (!url) throw ArgumentError("sqla inspect: no database URL (usage: sqla inspect URL [--json] [--schema NAME] [--table NAME]...)");
    auto engine = create_engine(*url);
    auto insp = inspect(engine);
    const auto tables = only.empty() ? insp.get_table_names(schema) : only;
    const auto views = or_empty<std::vector<std::string>>([&] { return insp.get_view_names(schema); });
    std::vector<TableReport> reports;
    for (const auto& name : tables) reports.push_back(read_table(insp, name, schema));
    const std::optional<std::string> shown_schema = schema ? schema : insp.default_schema_name();

    if (as_json) {
        json::object out;
        out["url"] = engine.url().render();
        out["dialect"] = std::string(engine.dialect().name());
        out["schema"] = optional(shown_schema);
        json::array list;
        for (const auto& t : reports) list.push_back(to_json(t));
        out["tables"] = std::move(list);
        out["views"] = strings(views);
        fmt::print("{}\n", json::serialize(out));
        return 0;
    }
    fmt::print("database {} ({}+{}), schema {}\n", engine.url().render(), engine.dialect().name(), engine.driver().name(),
               shown_schema.value_or("(default)"));
    if (reports.empty()) fmt::print("\n(no tables)\n");
    for (const auto& t : reports) print_table(t);
    if (!views.empty()) fmt::print("\nviews: {}\n", join(views));
    return 0;
}

}  // namespace sqla::cli
