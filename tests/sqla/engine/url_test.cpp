// sqla: tests/sqla/engine/url_test.cpp. make_url grammar, rendering and copies.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

import sqla;

namespace {

std::string what_of(auto&& f) {
    try {
        f();
    } catch (const sqla::ArgumentError& e) {
        return e.what();
    }
    return "(no ArgumentError)";
}

TEST(MakeUrl, ParsesEveryComponent) {
    auto u = sqla::make_url("postgresql+libpq://scott:tiger@db.example.com:5433/test?sslmode=disable&application_name=app");
    EXPECT_EQ(u.drivername(), "postgresql+libpq");
    EXPECT_EQ(u.backend_name(), "postgresql");
    EXPECT_EQ(u.driver_name(), "libpq");
    EXPECT_EQ(u.username(), "scott");
    EXPECT_EQ(u.password(), "tiger");
    EXPECT_EQ(u.host(), "db.example.com");
    EXPECT_EQ(u.port(), 5433);
    EXPECT_EQ(u.database(), "test");
    EXPECT_EQ(u.query_value("sslmode"), "disable");
    EXPECT_EQ(u.query_value("application_name"), "app");
    EXPECT_EQ(u.query_value("missing"), std::nullopt);
}

TEST(MakeUrl, DialectWithoutDriverHasEmptyDriverName) {
    auto u = sqla::make_url("mysql://root@localhost/app");
    EXPECT_EQ(u.backend_name(), "mysql");
    EXPECT_EQ(u.driver_name(), "");
    EXPECT_EQ(u.username(), "root");
    EXPECT_EQ(u.password(), std::nullopt);
    EXPECT_EQ(u.port(), std::nullopt);
}

TEST(MakeUrl, PercentDecodesUserAndPassword) {
    auto u = sqla::make_url("postgresql://us%40er:p%40ss%3Aw%2Fo%25rd@host/db");
    EXPECT_EQ(u.username(), "us@er");
    EXPECT_EQ(u.password(), "p@ss:w/o%rd");
    // A '%' not followed by two hex digits stays as written, as Python's unquote leaves it.
    EXPECT_EQ(sqla::make_url("pg://u:100%@h/d").password(), "100%");
}

TEST(MakeUrl, PasswordMayContainSlashesAndQuestionMarks) {
    auto u = sqla::make_url("pg://user:a/b?c@host:1/db");
    EXPECT_EQ(u.username(), "user");
    EXPECT_EQ(u.password(), "a/b?c");
    EXPECT_EQ(u.host(), "host");
    EXPECT_EQ(u.port(), 1);
}

TEST(MakeUrl, EmptyPassword) {
    auto u = sqla::make_url("pg://user:@host/db");
    EXPECT_EQ(u.username(), "user");
    EXPECT_EQ(u.password(), "");
}

TEST(MakeUrl, Ipv6HostInBrackets) {
    auto u = sqla::make_url("postgresql://u:p@[2001:db8::1]:5432/db");
    EXPECT_EQ(u.host(), "2001:db8::1");
    EXPECT_EQ(u.port(), 5432);
    EXPECT_EQ(u.render(false), "postgresql://u:p@[2001:db8::1]:5432/db");
    EXPECT_EQ(sqla::make_url("pg://[::1]/x").host(), "::1");
}

TEST(MakeUrl, RepeatedQueryKeysKeepEveryValue) {
    auto u = sqla::make_url("mssql+odbc://dsn?opt=a&opt=b&x=1");
    EXPECT_EQ(u.query_values("opt"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(u.query_value("opt"), "b");
    EXPECT_EQ(u.render(), "mssql+odbc://dsn?opt=a&opt=b&x=1");
}

TEST(MakeUrl, QueryValuesArePlusAndPercentDecoded) {
    auto u = sqla::make_url("mssql+odbc://u@h/db?driver=ODBC+Driver+18+for+SQL+Server&odbc_connect=a%3Db%3Bc");
    EXPECT_EQ(u.query_value("driver"), "ODBC Driver 18 for SQL Server");
    EXPECT_EQ(u.query_value("odbc_connect"), "a=b;c");
    EXPECT_EQ(sqla::make_url(u.render(false)), u);
}

TEST(MakeUrl, BlankQueryValuesAreDropped) {
    EXPECT_TRUE(sqla::make_url("sqlite:///x.db?a=&&b=").query().empty());
}

TEST(MakeUrl, SqliteForms) {
    auto memory = sqla::make_url("sqlite://");
    EXPECT_EQ(memory.database(), std::nullopt);
    EXPECT_EQ(memory.host(), std::nullopt);
    auto relative = sqla::make_url("sqlite:///relative.db");
    EXPECT_EQ(relative.database(), "relative.db");
    EXPECT_EQ(relative.host(), std::nullopt);
    auto absolute = sqla::make_url("sqlite:////abs/path.db");
    EXPECT_EQ(absolute.database(), "/abs/path.db");
    EXPECT_EQ(sqla::make_url("sqlite:///:memory:").database(), ":memory:");
    EXPECT_EQ(sqla::make_url("sqlite:///file.db?timeout=2").query_value("timeout"), "2");
    EXPECT_EQ(absolute.render(), "sqlite:////abs/path.db");
    EXPECT_EQ(memory.render(), "sqlite://");
}

TEST(UrlRender, HidesPasswordByDefault) {
    auto u = sqla::make_url("postgresql://scott:tiger@localhost/test");
    EXPECT_EQ(u.render(), "postgresql://scott:***@localhost/test");
    EXPECT_EQ(u.render(false), "postgresql://scott:tiger@localhost/test");
    std::ostringstream out;
    out << u;
    EXPECT_EQ(out.str(), "postgresql://scott:***@localhost/test");
    EXPECT_EQ(out.str().find("tiger"), std::string::npos);
}

TEST(UrlRender, QuotesWhatWouldBreakParsing) {
    auto u = sqla::URL({.drivername = "pg", .username = "a@b:c", .password = "p@ss/w:rd", .host = "h", .database = "d"});
    EXPECT_EQ(u.render(false), "pg://a%40b%3Ac:p%40ss%2Fw%3Ard@h/d");
    EXPECT_EQ(sqla::make_url(u.render(false)), u);
}

TEST(UrlSet, ReplacesOnlyGivenFields) {
    auto u = sqla::make_url("postgresql://scott:tiger@localhost/test");
    auto v = u.set({.password = "new", .port = 6543, .database = "other"});
    EXPECT_EQ(v.render(false), "postgresql://scott:new@localhost:6543/other");
    EXPECT_EQ(u.render(false), "postgresql://scott:tiger@localhost/test");  // unchanged
    EXPECT_EQ(u.set({.drivername = "postgresql+odbc"}).driver_name(), "odbc");
}

TEST(UrlSet, UpdatesAndRemovesQueryKeys) {
    auto u = sqla::make_url("pg://h/d?a=1");
    auto v = u.update_query("b", "2").update_query("a", "3", true);
    EXPECT_EQ(v.query_values("a"), (std::vector<std::string>{"1", "3"}));
    EXPECT_EQ(v.update_query("a", "9").query_values("a"), (std::vector<std::string>{"9"}));
    EXPECT_EQ(v.difference_update_query({"a"}).render(), "pg://h/d?b=2");
}

TEST(UrlSet, RejectsBadDrivername) {
    auto u = sqla::make_url("pg://h/d");
    EXPECT_THROW((void)u.set({.drivername = "bad name"}), sqla::ArgumentError);
}

TEST(MakeUrlErrors, NamesTheProblem) {
    EXPECT_NE(what_of([] { (void)sqla::make_url(""); }).find("empty"), std::string::npos);
    EXPECT_NE(what_of([] { (void)sqla::make_url("localhost:5432/db"); }).find("expected dialect[+driver]://"),
              std::string::npos);
    EXPECT_NE(what_of([] { (void)sqla::make_url("post gres://h/d"); }).find("dialect name"), std::string::npos);
    EXPECT_NE(what_of([] { (void)sqla::make_url("pg+://h/d"); }).find("driver name"), std::string::npos);
    EXPECT_NE(what_of([] { (void)sqla::make_url("pg+a+b://h/d"); }).find("more than one '+'"), std::string::npos);
    EXPECT_NE(what_of([] { (void)sqla::make_url("pg://h:port/d"); }).find("port \"port\""), std::string::npos);
    EXPECT_NE(what_of([] { (void)sqla::make_url("pg://h:70000/d"); }).find("0 to 65535"), std::string::npos);
    EXPECT_NE(what_of([] { (void)sqla::make_url("pg://[::1/d"); }).find("closing ']'"), std::string::npos);
    EXPECT_NE(what_of([] { (void)sqla::make_url("pg://[]/d"); }).find("empty IPv6"), std::string::npos);
    EXPECT_NE(what_of([] { (void)sqla::make_url("pg://[::1]x/d"); }).find("after the host"), std::string::npos);
    EXPECT_NE(what_of([] { (void)sqla::make_url("pg://h/d?novalue"); }).find("has no '='"), std::string::npos);
}

TEST(MakeUrlErrors, NeverShowThePassword) {
    for (const char* bad : {"pg://scott:s3cret@h:bad/d", "pg://scott:s3cret@[::1/d", "scott:s3cret@host/db",
                            "pg+x+y://scott:s3cret@h/d"}) {
        auto msg = what_of([&] { (void)sqla::make_url(bad); });
        EXPECT_EQ(msg.find("s3cret"), std::string::npos) << msg;
        EXPECT_NE(msg, "(no ArgumentError)") << bad;
    }
}

TEST(MakeUrl, EmptyPortMeansNoPort) { EXPECT_EQ(sqla::make_url("pg://h:/d").port(), std::nullopt); }

}  // namespace

// make_url reads a password up to the '@' past the first ':' (SQLAlchemy's pattern), so a
// query value holding '@' and ':' must print escaped to parse back (found by url_fuzz).
TEST(UrlRender, QueryValuesWithAtSignsAndColonsPrintBack) {
    const auto url = sqla::make_url("mysql://host:3306/db?init=a%40b%3Ac&x=1");
    EXPECT_EQ(url.query_value("init"), "a@b:c");
    const auto printed = url.render(false);
    EXPECT_EQ(printed, "mysql://host:3306/db?init=a%40b%3Ac&x=1");
    EXPECT_EQ(sqla::make_url(printed), url);
    EXPECT_EQ(sqla::make_url(printed).host(), "host");
}

// A bracketed host need not be IPv6: "[[]" holds the host "[", which prints in brackets again
// (found by url_fuzz).
TEST(UrlRender, BracketedHostsPrintInBrackets) {
    const auto url = sqla::make_url("pg://u@[[]:5/db");
    EXPECT_EQ(url.host(), "[");
    EXPECT_EQ(url.render(false), "pg://u@[[]:5/db");
    EXPECT_EQ(sqla::make_url(url.render(false)), url);
    EXPECT_EQ(sqla::make_url("pg://[::1]:5/db").render(false), "pg://[::1]:5/db");
}

// A password holding an unescaped '@' ran only to its first '@', so its tail became part of
// the host and reached error messages ("could not translate host name "ss@host""). The
// password now runs to the last '@' before the host, as SQLAlchemy 2.0 reads it.
TEST(MakeUrl, PasswordWithAnUnescapedAtSign) {
    auto u = sqla::make_url("postgresql://u:pa@ss@host:5432/db");
    EXPECT_EQ(u.username(), "u");
    EXPECT_EQ(u.password(), "pa@ss");
    EXPECT_EQ(u.host(), "host");
    EXPECT_EQ(u.port(), 5432);
    EXPECT_EQ(u.database(), "db");
    EXPECT_EQ(sqla::make_url("pg://u:a@b@c@h/d").password(), "a@b@c");
    // An '@' after the host belongs to the database, as before.
    auto v = sqla::make_url("pg://u:p@h/db@x");
    EXPECT_EQ(v.password(), "p");
    EXPECT_EQ(v.host(), "h");
    EXPECT_EQ(v.database(), "db@x");
    EXPECT_EQ(u.render(true).find("ss"), std::string::npos) << u.render(true);
    EXPECT_EQ(sqla::make_url(u.render(false)), u);
}

// The same kind of URL against a closed port: the error names the host, never a piece of the
// password (before, libpq said: could not translate host name "ss@127.0.0.1").
TEST(MakeUrlErrors, ConnectErrorsNeverShowAPasswordHoldingAnAtSign) {
    auto engine = sqla::create_engine("postgresql://u:pa@ss@127.0.0.1:1/db");
    std::string msg = "(no error)";
    try {
        (void)engine.connect();
    } catch (const sqla::Error& e) {
        msg = e.what();
    }
    EXPECT_NE(msg, "(no error)");
    EXPECT_EQ(msg.find("ss@"), std::string::npos) << msg;
    EXPECT_NE(msg.find("127.0.0.1"), std::string::npos) << msg;
}
