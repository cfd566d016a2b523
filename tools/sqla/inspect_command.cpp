// sqla: tools/sqla/inspect_command.cpp. `sqla inspect URL`: the database's schema as the Inspector
// reads it, as readable tables or as JSON; the URL's password is never printed.
// SPDX-License-Identifier: MIT
#include <boost/json.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

import sqla;

#include "commands.hpp"

namespace sqla::cli {
namespace {

namespace json = boost::json;

// Names come from the database; in text output, escape() keeps their control characters from
// reaching the terminal (JSON escapes them itself).
std::string e(std::string_view s) { return escape(s); }

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + escape(s);
    return out;
}

std::string join(const std::vector<std::optional<std::string>>& columns, const std::vector<std::optional<std::string>>& exprs) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < columns.size(); ++i)
        parts.push_back(columns[i] ? *columns[i] : (i < exprs.size() && exprs[i] ? *exprs[i] : "?"));
    return join(parts);  // escapes
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

// Every string below that came from the database goes through e() or join().
void print_table(const TableReport& t) {
    fmt::print("\ntable {}{}\n", e(t.name), t.comment ? "  -- " + e(*t.comment) : "");
    std::vector<std::vector<std::string>> rows{{"column", "type", "sqla type", "null", "default", "autoincrement"}};
    for (const auto& c : t.columns)
        rows.push_back({e(c.name), e(c.type_sql), e(c.type.repr()), c.nullable ? "NULL" : "NOT NULL",
                        c.computed ? "AS " + e(*c.computed) : e(c.server_default.value_or("")),
                        c.autoincrement ? (*c.autoincrement ? "yes" : "no") : "auto"});
    print_grid(rows);
    if (!t.pk.columns.empty()) fmt::print("    primary key {}({})\n", t.pk.name ? e(*t.pk.name) + " " : "", join(t.pk.columns));
    for (const auto& f : t.fks)
        fmt::print("    foreign key {}({}) -> {}{}({}){}{}\n", f.name ? e(*f.name) + " " : "", join(f.columns),
                   f.referred_schema ? e(*f.referred_schema) + "." : "", e(f.referred_table), join(f.referred_columns),
                   f.ondelete ? " ON DELETE " + e(*f.ondelete) : "", f.onupdate ? " ON UPDATE " + e(*f.onupdate) : "");
    for (const auto& u : t.uniques) fmt::print("    unique {}({})\n", u.name ? e(*u.name) + " " : "", join(u.columns));
    for (const auto& c : t.checks) fmt::print("    check {}({})\n", c.name ? e(*c.name) + " " : "", e(c.sqltext));
    for (const auto& i : t.indexes)
        fmt::print("    {}index {}({})\n", i.unique ? "unique " : "", i.name ? e(*i.name) + " " : "", join(i.columns, i.expressions));
}

// A SQLite file database through the sqlite3 driver, as the URL names it (std::nullopt for a
// memory database, another driver, or a URL that already gives SQLite URI options).
std::optional<std::string> sqlite_file(const URL& url) {
    if (url.backend_name() != "sqlite" || !(url.driver_name().empty() || url.driver_name() == "sqlite3")) return std::nullopt;
    if (url.query_value("uri")) return std::nullopt;
    const auto& db = url.database();
    if (!db || db->empty() || *db == ":memory:") return std::nullopt;
    return *db;
}

// The SQLite URI filename opening `path` read-only: inspecting never creates nor changes a file.
std::string sqlite_read_only_uri(const std::string& path) {
    std::string uri = path.starts_with('/') ? "file://" : "file:";  // "file:///abs": empty authority
    for (char c : path) {
        if (c == '%') uri += "%25";
        else if (c == '?') uri += "%3f";
        else if (c == '#') uri += "%23";
        else uri += c;
    }
    return uri + "?mode=ro";
}

// A schema the database does not have is an error on every dialect (one without tables is not).
void check_schema(Inspector& insp, const std::string& schema, const URL& url) {
    std::vector<std::string> names;
    try {
        names = insp.get_schema_names();
    } catch (const NotImplementedError&) {
        return;  // the dialect cannot list schemas: its table query says what is wrong
    }
    if (std::find(names.begin(), names.end(), schema) != names.end()) return;
    // Some dialects leave system schemas out of the list (PostgreSQL's pg_catalog): a schema
    // that holds tables exists.
    try {
        if (!insp.get_table_names(schema).empty()) return;
    } catch (const DBAPIError&) {
    }
    std::string listed;  // raw: main() escapes the whole message for the terminal
    for (const auto& n : names) listed += (listed.empty() ? "" : ", ") + n;
    throw ArgumentError("sqla inspect: no schema \"" + schema + "\" in " + url.render() + " (schemas: " + listed + ")");
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
    const URL parsed = make_url(*url);
    EngineOptions options;
    if (const auto file = sqlite_file(parsed)) {
        // SQLite creates a missing file on connect; a typo'd name would show as an empty database.
        std::error_code ec;
        if (!std::filesystem::exists(*file, ec))
            throw ArgumentError("sqla inspect: SQLite database file \"" + *file + "\" does not exist (" +
                                (std::filesystem::path(*file).is_absolute()
                                     ? std::string("sqlite:////path names an absolute path")
                                     : "relative to " + std::filesystem::current_path(ec).string() +
                                           "; sqlite:////path names an absolute one") +
                                ")");
        options.connect_args.set("database", sqlite_read_only_uri(*file));
        options.connect_args.set("uri", true);
    }
    auto engine = create_engine(parsed, std::move(options));
    auto insp = inspect(engine);
    if (schema) check_schema(insp, *schema, engine.url());
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
    fmt::print("database {} ({}+{}), schema {}\n", e(engine.url().render()), engine.dialect().name(), engine.driver().name(),
               shown_schema ? e(*shown_schema) : "(default)");
    if (reports.empty()) fmt::print("\n(no tables)\n");
    for (const auto& t : reports) print_table(t);
    if (!views.empty()) fmt::print("\nviews: {}\n", join(views));
    return 0;
}

}  // namespace sqla::cli
