// sqla: tests/sqla/sql/text_test.cpp. text() parameter scanning and compilation per paramstyle.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <string>
#include <unordered_set>
#include <vector>

import sqla;

namespace {

std::vector<std::string> names(const sqla::TextClause& t) {
    auto n = t.text_element().bind_names();
    return {n.begin(), n.end()};
}

sqla::Compiled compile(const sqla::TextClause& t, sqla::ParamStyle style) {
    sqla::Capabilities caps;
    sqla::IdentifierPreparer preparer({});
    sqla::SQLCompiler compiler(caps, preparer, style);
    return compiler.compile(t.element());
}

using V = std::vector<std::string>;

TEST(Text, FindsNamedParameters) {
    EXPECT_EQ(names(sqla::text("SELECT * FROM t WHERE a = :a AND b > :b_2")), (V{"a", "b_2"}));
    EXPECT_EQ(names(sqla::text("SELECT :x, :x")), (V{"x"}));
    EXPECT_EQ(names(sqla::text(":first")), (V{"first"}));
}

TEST(Text, SkipsCastsEscapesStringsAndComments) {
    EXPECT_EQ(names(sqla::text("SELECT x::int, :p")), (V{"p"}));
    EXPECT_EQ(names(sqla::text("SELECT '\\:no', 'a :no b', \"col:no\" -- :no\n, :yes /* :no */")), (V{"yes"}));
    EXPECT_EQ(names(sqla::text("SELECT 'it''s :no' , :yes")), (V{"yes"}));
    EXPECT_EQ(names(sqla::text("SELECT a:b")), V{});  // preceded by a word character
    EXPECT_EQ(names(sqla::text("SELECT :a:")), V{});  // followed by a colon
}

TEST(Text, UnclosedQuotesAndCommentsRunToTheEnd) {
    EXPECT_EQ(names(sqla::text("SELECT 'abc :x")), V{});
    EXPECT_EQ(names(sqla::text("SELECT 1 /* :x")), V{});
    EXPECT_EQ(names(sqla::text("SELECT 1 -- :x")), V{});
}

TEST(TextCompile, RendersEachParamstyle) {
    auto t = sqla::text("SELECT * FROM t WHERE a = :a AND b = :b AND c = :a");
    auto q = compile(t, sqla::ParamStyle::qmark);
    EXPECT_EQ(q.sql, "SELECT * FROM t WHERE a = ? AND b = ? AND c = ?");
    V bound;
    for (const auto& slot : q.binds) bound.push_back(slot.name);
    EXPECT_EQ(bound, (V{"a", "b", "a"}));
    EXPECT_EQ(compile(t, sqla::ParamStyle::numeric_dollar).sql, "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $3");
    EXPECT_EQ(compile(t, sqla::ParamStyle::numeric).sql, "SELECT * FROM t WHERE a = :1 AND b = :2 AND c = :3");
    EXPECT_EQ(compile(t, sqla::ParamStyle::named).sql, "SELECT * FROM t WHERE a = :a AND b = :b AND c = :a");
    EXPECT_EQ(compile(t, sqla::ParamStyle::format).sql, "SELECT * FROM t WHERE a = %s AND b = %s AND c = %s");
    EXPECT_EQ(compile(t, sqla::ParamStyle::pyformat).sql,
              "SELECT * FROM t WHERE a = %(a)s AND b = %(b)s AND c = %(a)s");
}

TEST(TextCompile, EscapedColonBecomesLiteralAndPercentDoublesForFormat) {
    auto t = sqla::text("SELECT '10%', '\\:x', x::text FROM t WHERE y LIKE :p");
    EXPECT_EQ(compile(t, sqla::ParamStyle::qmark).sql, "SELECT '10%', ':x', x::text FROM t WHERE y LIKE ?");
    EXPECT_EQ(compile(t, sqla::ParamStyle::format).sql, "SELECT '10%%', ':x', x::text FROM t WHERE y LIKE %s");
}

TEST(TextCompile, EachCompileGetsAUniqueId) {
    auto t = sqla::text("SELECT 1");
    EXPECT_NE(compile(t, sqla::ParamStyle::qmark).id, compile(t, sqla::ParamStyle::qmark).id);
}

TEST(IdentifierPreparer, QuotesOnlyWhenNeeded) {
    sqla::IdentifierPreparer p({"select", "order"});
    EXPECT_EQ(p.quote("users"), "users");
    EXPECT_EQ(p.quote("order"), "\"order\"");
    EXPECT_EQ(p.quote("LastLogin"), "\"LastLogin\"");
    EXPECT_EQ(p.quote("1abc"), "\"1abc\"");
    EXPECT_EQ(p.quote("with space"), "\"with space\"");
    EXPECT_EQ(p.quote("has\"quote"), "\"has\"\"quote\"");
    EXPECT_EQ(p.quote("snake_case$1"), "snake_case$1");
    sqla::IdentifierPreparer mysql({}, '`', '`');
    EXPECT_EQ(mysql.quote("Mixed"), "`Mixed`");
    EXPECT_EQ(mysql.quote_identifier("a`b"), "`a``b`");
}

}  // namespace

namespace {

// The compiler marks placeholders with U+0001..U+0004 in its output; SQL that holds those
// characters itself is refused rather than read as markers (found by text_fuzz: a forged
// marker pointed past the parameter list).
TEST(TextCompile, ControlCharactersTheCompilerReservesAreRefused) {
    for (const char* sql : {"SELECT '\x01' AS x", "SELECT :a, \x01" "0\x02 FROM t", "SELECT '\x02'", "SELECT 1 \x03\x04",
                            "SELECT \x01" "99\x02"}) {
        try {
            (void)compile(sqla::text(sql), sqla::ParamStyle::qmark);
            ADD_FAILURE() << "compiled: " << sql;
        } catch (const sqla::CompileError& e) {
            EXPECT_NE(std::string(e.what()).find("control character"), std::string::npos) << e.what();
        }
    }
    // Other control characters (tab, newline, U+0005 on) are ordinary text.
    EXPECT_EQ(compile(sqla::text("SELECT '\t\x05\x1f', :a"), sqla::ParamStyle::qmark).sql, "SELECT '\t\x05\x1f', ?");
}

}  // namespace
