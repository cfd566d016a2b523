// sqla: tests/sqla/sql/quoting_test.cpp. Strings the API takes that reach the SQL text without
// being values: function names, LIKE escape characters, bound parameter names, foreign key
// actions, table prefixes, index methods, op() operators, MySQL table options. Each is quoted as
// SQLAlchemy 1.4.46 quotes it (tests/data/quoting/quoting.json, made by generate_quoting.py
// beside it) or refused with an error naming it.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cctype>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

import sqla;

namespace {

namespace json = boost::json;
using namespace sqla;

const json::object& data() {
    static const json::object object = [] {
        std::ifstream in(std::string(SQLA_TEST_SOURCE_DIR) + "/tests/data/quoting/quoting.json");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return json::parse(text).as_object();
    }();
    return object;
}

std::string str(const json::value& v) { return std::string(v.as_string()); }

const Dialect& dialect(std::string_view name) {
    static std::map<std::string, decltype(registry().dialect("")), std::less<>> dialects;
    auto it = dialects.find(name);
    if (it == dialects.end()) it = dialects.emplace(std::string(name), registry().dialect(std::string(name))).first;
    return *it->second;
}

std::string sql_for(const Executable& stmt, std::string_view dialect_name) {
    return compile(stmt, dialect(dialect_name)).sql;
}

// Every dialect of an entry's "sql" renders the statement as SQLAlchemy did, except `skip`.
template <class Build>
void expect_each_dialect(const json::object& entry, Build build, std::string_view skip = {}) {
    for (const auto& [key, expected] : entry.at("sql").as_object()) {
        if (key == skip) continue;
        SCOPED_TRACE(std::string(key));
        EXPECT_EQ(sql_for(build(), key), str(expected));
    }
}

TEST(QuotingMatchesSqlalchemy, FunctionNames) {
    for (const auto& v : data().at("functions").as_array()) {
        const auto& entry = v.as_object();
        const std::string name = str(entry.at("name"));
        SCOPED_TRACE(name);
        const bool args = entry.at("args").as_int64() > 0;
        expect_each_dialect(entry, [&] {
            return select(args ? func(name, {column("x")}) : func(name));
        });
    }
}

TEST(QuotingMatchesSqlalchemy, FunctionsComparedWithValues) {
    for (const auto& v : data().at("function_comparisons").as_array()) {
        const auto& entry = v.as_object();
        const std::string name = str(entry.at("name"));
        SCOPED_TRACE(name);
        const auto t = table("t", {"x"});
        expect_each_dialect(entry, [&] { return select(t.c("x")).where(func(name, {t.c("x")}) == 5); });
    }
}

TEST(QuotingMatchesSqlalchemy, LikeEscapeCharacters) {
    for (const auto& v : data().at("escapes").as_array()) {
        const auto& entry = v.as_object();
        const std::string escape = str(entry.at("escape"));
        SCOPED_TRACE(escape);
        // Without a server, SQLAlchemy's PostgreSQL dialect doubles backslashes in literals (as for
        // standard_conforming_strings=off); sqla writes them for the server default since 9.1, on.
        const bool ilike = entry.contains("ilike");
        const auto t = table("t", {"x"});
        expect_each_dialect(entry,
                            [&] {
                                return select(t.c("x")).where(ilike ? t.c("x").ilike("a", escape.front())
                                                                    : t.c("x").like("a", escape.front()));
                            },
                            escape == "\\" ? "postgresql" : "");
    }
}

TEST(QuotingMatchesSqlalchemy, BoundParameterNames) {
    for (const auto& v : data().at("bind_names").as_array()) {
        const auto& entry = v.as_object();
        const std::string name = str(entry.at("name"));
        SCOPED_TRACE(name);
        for (const auto& [key, expected] : entry.at("sql").as_object()) {
            // Oracle quotes bind names that are not plain identifiers (:"a:b_1"); sqla's Oracle
            // compiler escapes them as the other named paramstyles do (its driver binds by
            // position). A '%' in a quoted column name is not doubled for pyformat (a display
            // difference: no sqla driver uses pyformat).
            if (str(expected).find(":\"") != std::string::npos) continue;
            if (name.find('%') != std::string::npos && (key == "postgresql" || key == "mysql")) continue;
            SCOPED_TRACE(std::string(key));
            const auto t = table("t", {"x", name});
            EXPECT_EQ(sql_for(select(t.c("x")).where(t.c(name) == 5), key), str(expected));
        }
    }
}

TEST(QuotingMatchesSqlalchemy, ForeignKeyActionsAndInitially) {
    for (const auto& v : data().at("foreign_keys").as_array()) {
        const auto& entry = v.as_object();
        SCOPED_TRACE(json::serialize(entry.at("ondelete")) + " " + json::serialize(entry.at("initially")));
        MetaData md;
        Table parent(md, "parent", Column{"id", Integer{}, primary_key});
        Table child(md, "child", Column{"id", Integer{}, primary_key},
                    Column{"pid", Integer{},
                           ForeignKey("parent.id", {.ondelete = str(entry.at("ondelete")),
                                                    .onupdate = str(entry.at("onupdate")),
                                                    .deferrable = true,
                                                    .initially = str(entry.at("initially"))})});
        expect_each_dialect(entry, [&] { return CreateTable(child); });
    }
}

TEST(QuotingMatchesSqlalchemy, TablePrefixes) {
    for (const auto& v : data().at("prefixes").as_array()) {
        const auto& entry = v.as_object();
        std::vector<std::string> prefixes;
        for (const auto& p : entry.at("prefixes").as_array()) prefixes.push_back(str(p));
        SCOPED_TRACE(prefixes.front());
        MetaData md;
        Table t(md, "t", Column{"id", Integer{}, primary_key}, TableOptions{.prefixes = prefixes});
        expect_each_dialect(entry, [&] { return CreateTable(t); });
    }
}

TEST(QuotingMatchesSqlalchemy, PostgresqlIndexMethods) {
    for (const auto& v : data().at("index_methods").as_array()) {
        const auto& entry = v.as_object();
        const std::string method = str(entry.at("postgresql_using"));
        SCOPED_TRACE(method);
        MetaData md;
        Table t(md, "t", Column{"id", Integer{}, primary_key}, Column{"v", Integer{}});
        Index ix("ix_t_v", {t.c("v")}, {.dialect_options = {{"postgresql_using", method}}});
        expect_each_dialect(entry, [&] { return CreateIndex(ix); });
    }
}

// ---------------------------------------------------------------------------------------------
// Refused: each error names the argument and the value.

template <class Error, class F>
void expect_refused(F f, std::vector<std::string> mentions) {
    try {
        f();
        ADD_FAILURE() << "not refused";
    } catch (const Error& e) {
        for (const auto& m : mentions) EXPECT_NE(std::string(e.what()).find(m), std::string::npos) << e.what();
    }
}

TEST(QuotingRefuses, FunctionNamesWithEmptyParts) {
    for (const std::string name : {"", ".", "pkg.", ".fn", "a..b"})
        expect_refused<ArgumentError>([&] { (void)func(name, {column("x")}); }, {"func()", "\"" + name + "\""});
}

TEST(QuotingRefuses, ExtractFieldsThatAreNotWords) {
    for (const std::string field : {"year FROM x) --", "", "ye ar", "caf\u00e9", "year\n", "year'"})
        expect_refused<ArgumentError>([&] { (void)extract(field, column("x")); }, {"extract()", "\"" + field + "\""});
    EXPECT_NO_THROW((void)extract("timezone_hour", column("x")));
}

TEST(QuotingRefuses, OperatorsThatBreakOut) {
    const auto x = column("x");
    for (const std::string& op : std::vector<std::string>{"= 1; DROP TABLE t; --", "'", "\"", "`", "= x --", "/* x", "x */", "(", ")",
                                 "[", "]", "\\", "=\n", std::string("=\0", 2), "", "OR 1=1) --"})
        expect_refused<ArgumentError>([&] { (void)x.op(op, 1); }, {"op()"});
    // Operators and keywords still pass.
    for (const std::string op : {"&", "@>", "->>", "IS DISTINCT FROM", "#>>", "~*", "<->", "|/", "%", "!~"})
        EXPECT_NO_THROW((void)sql_for(select(column("y")).where(x.op(op, 1)), "postgresql")) << op;
}

TEST(QuotingRefuses, HashOperatorsOnMysqlOnly) {
    // `a # b` comments out the rest of the statement on MySQL and MariaDB.
    const auto stmt = select(column("y")).where(column("x").op("#", 1) == 1);
    expect_refused<CompileError>([&] { (void)sql_for(stmt, "mysql"); }, {"\"#\"", "MySQL"});
    EXPECT_NE(sql_for(stmt, "postgresql").find("x # "), std::string::npos);
}

TEST(QuotingRefuses, ForeignKeyPhrases) {
    auto child = [&](ForeignKeyOptions options) {
        MetaData m;
        Table p(m, "parent", Column{"id", Integer{}, primary_key});
        Table c(m, "child", Column{"id", Integer{}, primary_key}, Column{"pid", Integer{}, ForeignKey("parent.id", options)});
    };
    const std::string hostile = "CASCADE; DROP TABLE parent; --";
    expect_refused<ArgumentError>([&] { child({.ondelete = hostile}); }, {"ondelete", hostile});
    expect_refused<ArgumentError>([&] { child({.onupdate = "SET NULL --"}); }, {"onupdate", "SET NULL --"});
    expect_refused<ArgumentError>([&] { child({.deferrable = true, .initially = "DEFERRED)"}); },
                                  {"initially", "DEFERRED)"});
    expect_refused<ArgumentError>([&] { child({.match = "FULL /*"}); }, {"match", "FULL /*"});
    expect_refused<ArgumentError>(
        [&] { (void)ForeignKeyConstraint({"pid"}, std::vector<std::string>{"parent.id"}, {.ondelete = "NOTHING"}); },
        {"ondelete", "NOTHING"});
    expect_refused<ArgumentError>([&] { (void)UniqueConstraint({"id"}, {.initially = "LATER"}); }, {"initially", "LATER"});
    EXPECT_NO_THROW(child({.ondelete = "set default", .match = "full"}));
}

TEST(QuotingRefuses, TablePrefixesThatAreNotWords) {
    for (const std::string prefix : {"TEMPORARY TABLE x; --", "", " TEMPORARY", "TEMP\nORARY", "TEMPORARY  X", "'"}) {
        MetaData md;
        expect_refused<ArgumentError>(
            [&] { Table t(md, "t", Column{"id", Integer{}, primary_key}, TableOptions{.prefixes = {prefix}}); },
            {"prefix", "\"" + prefix + "\""});
    }
}

TEST(QuotingRefuses, IndexMethodsThatAreNotWords) {
    MetaData md;
    Table t(md, "t", Column{"id", Integer{}, primary_key}, Column{"v", Integer{}});
    for (const std::string method : {"btree (v); DROP TABLE t; --", "gin ", "", "a-b"})
        expect_refused<ArgumentError>(
            [&] { Index ix("ix_bad", {t.c("v")}, {.dialect_options = {{"postgresql_using", method}}}); },
            {"postgresql_using", "\"" + method + "\""});
}

TEST(QuotingRefuses, MysqlTableOptionsThatAreNotWords) {
    auto ddl = [](std::string name, DialectOption value) {
        MetaData md;
        Table t(md, "t", Column{"id", Integer{}, primary_key}, TableOptions{.dialect_options = {{name, value}}});
        return sql_for(CreateTable(t), "mysql");
    };
    expect_refused<CompileError>([&] { (void)ddl("mysql_engine", "InnoDB; DROP TABLE t"); },
                                 {"mysql_engine", "InnoDB; DROP TABLE t"});
    expect_refused<CompileError>([&] { (void)ddl("mysql_engine=x,a", "InnoDB"); }, {"mysql_engine=x,a"});
    EXPECT_NE(ddl("mysql_engine", "InnoDB").find(")ENGINE=InnoDB"), std::string::npos);
    // String options are quoted and escaped, whatever they hold.
    EXPECT_NE(ddl("mysql_comment", "it's \\ here").find("COMMENT='it''s \\\\ here'"), std::string::npos);
    EXPECT_NE(ddl("mysql_data_directory", "/var/x'y").find("DATA DIRECTORY='/var/x''y'"), std::string::npos);
}

// Where a paramstyle writes a parameter's name into the SQL, a name from the API cannot end
// the placeholder: anything but letters, digits, '_' and '$' is escaped.
TEST(QuotingEscapes, BoundParameterNamesInTheSqlText) {
    for (const std::string name : {"a'b", "a--b", "a;b", "a\"b", "a/*b", "a\nb", "a.b", "a)s; --"}) {
        SCOPED_TRACE(name);
        for (const auto style : {ParamStyle::named, ParamStyle::pyformat}) {
            const auto compiled = compile(select(column("x")).where(bindparam(name, 1) == column("x")), dialect("sqlite"), style);
            // The placeholder's name: after ':', or between "%(" and ")s".
            const bool named = style == ParamStyle::named;
            const auto start = compiled.sql.find(named ? ":" : "%(");
            ASSERT_NE(start, std::string::npos) << compiled.sql;
            const auto from = start + (named ? 1 : 2);
            const auto end = named ? compiled.sql.find(' ', from) : compiled.sql.find(")s", from);
            const std::string placeholder = compiled.sql.substr(from, end - from);
            EXPECT_FALSE(placeholder.empty()) << compiled.sql;
            for (const char c : placeholder)
                EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$') << compiled.sql;
            // The parameter keeps its name: executions give its value by that name.
            ASSERT_EQ(compiled.binds.size(), 1u);
            EXPECT_EQ(compiled.binds[0].name, name);
        }
    }
}

}  // namespace
