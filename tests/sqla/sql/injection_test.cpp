// sqla: tests/sqla/sql/injection_test.cpp. Values and names that try to break out of their SQL,
// on every live database: values travel as bound parameters and come back unchanged, literal
// rendering (literal_binds) escapes them as the dialect reads them, and quoted names create,
// fill and read their tables.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

import sqla;

#include "live_backend.hpp"

namespace {


const std::vector<std::string>& hostile_values() {
    static const std::vector<std::string> values = {
        "'",
        "''",
        "\\",
        "\\'",
        "'; DROP TABLE injection_probe; --",
        "\\'; DROP TABLE injection_probe; -- ",
        "x' OR '1'='1",
        "/* comment */ still text",
        "-- a comment marker",
        "\" OR \"\"=\"",
        "\u2019 \u2018 \uff07 \uff02 unicode quotes",
        ":name ? %s %(x)s $1 @p1",
        "line\nbreak\r\nand\ttab",
        "ends with a backslash\\",
        std::string(3000, '\''),
    };
    return values;
}

class Injection : public sqla_test::LiveBackendTest {};

TEST_P(Injection, ValuesTravelAsParametersAndComeBackUnchanged) {
    sqla::MetaData md;
    sqla::Table t(md, "injection_probe", sqla::Column{"id", sqla::Integer{}, sqla::primary_key, sqla::no_autoincrement},
                  sqla::Column{"v", sqla::Text{}});
    md.drop_all(engine());
    md.create_all(engine());
    const auto& values = hostile_values();
    engine().begin([&](sqla::Connection& conn) {
        // One row at a time, then all of them again as an executemany.
        for (std::size_t i = 0; i < values.size(); ++i)
            conn.execute(sqla::insert(t), {{"id", static_cast<std::int64_t>(i)}, {"v", values[i]}});
        std::vector<sqla::Params> many;
        for (std::size_t i = 0; i < values.size(); ++i)
            many.push_back({{"id", static_cast<std::int64_t>(1000 + i)}, {"v", values[i]}});
        EXPECT_EQ(conn.execute(sqla::insert(t), many).rowcount(), static_cast<std::int64_t>(values.size()));
    });
    auto conn = engine().connect();
    for (const auto& v : values) {
        auto rows = conn.execute(sqla::select(t.c("v")).where(t.c("v") == v)).all();
        ASSERT_EQ(rows.size(), 2u) << v;
        EXPECT_EQ(rows[0].get<std::string>(0), v);
    }
    EXPECT_EQ(conn.execute(sqla::select(sqla::func("count", {t.c("id")}))).scalar<std::int64_t>(),
              static_cast<std::int64_t>(2 * values.size()));
    conn.close();
    md.drop_all(engine());
}

TEST_P(Injection, LiteralBindsEscapeValuesAsTheDialectReadsThem) {
    if (GetParam().key == "sqlite" && GetParam().driver == "odbc")
        GTEST_SKIP() << "the SQLite ODBC driver is an ANSI driver: unixODBC narrows SQL text to 8 bits, so "
                        "non-Latin-1 characters in the SQL itself do not survive (values bound as parameters do)";
    auto conn = engine().connect();
    for (const auto& v : hostile_values()) {
        auto compiler = engine().dialect().statement_compiler(sqla::ParamStyle::qmark);
        compiler->set_literal_binds(true);
        const auto compiled = compiler->compile(sqla::select(sqla::literal(v, sqla::Text{}).label("v")).element());
        EXPECT_TRUE(compiled.binds.empty()) << compiled.sql;
        EXPECT_EQ(conn.exec_driver_sql(compiled.sql).scalar<std::string>(), v) << compiled.sql;
    }
}

TEST_P(Injection, HostileNamesAreQuotedForTheDialect) {
    const std::size_t longest = std::min<std::size_t>(engine().dialect().capabilities().max_identifier_length, 200);
    std::vector<std::string> names = {"select",       "order by",     "semi;colon", "double\"quote", "single'quote",
                                      "MixedCase",    "back`tick",    "dash -- dash", "t\u00e9ble_\u00fc",
                                      std::string(longest, 'n')};
    for (const auto& name : names) {
        SCOPED_TRACE(name);
        sqla::MetaData md;
        sqla::Table t(md, name, sqla::Column{"id", sqla::Integer{}, sqla::primary_key, sqla::no_autoincrement},
                      sqla::Column{name, sqla::String{50}});
        md.drop_all(engine());
        md.create_all(engine());
        engine().begin([&](sqla::Connection& conn) {
            conn.execute(sqla::insert(t), {{"id", 1}, {name, "first"}});
            conn.execute(sqla::insert(t), std::vector<sqla::Params>{{{"id", 2}, {name, "second"}}, {{"id", 3}, {name, "third"}}});
            conn.execute(sqla::update(t).where(t.c("id") == 3).values({{name, "changed"}}));
            conn.execute(sqla::delete_(t).where(t.c("id") == 2));
        });
        auto conn = engine().connect();
        auto rows = conn.execute(sqla::select(t).order_by({t.c("id")})).all();
        ASSERT_EQ(rows.size(), 2u);
        EXPECT_EQ(rows[0].get<std::string>(1), "first");
        EXPECT_EQ(rows[1].get<std::string>(1), "changed");
        conn.close();
        md.drop_all(engine());
    }
}

// NUL bytes: text holding one round-trips where the database and driver keep it (SQLite and
// MariaDB natively) and is refused with a DataError where they would not: libpq sends text up
// to its first NUL (and PostgreSQL text cannot hold one), ODBC drivers cut text there. Never
// is it stored cut short. Bytes holding NULs and quotes round-trip everywhere.
TEST_P(Injection, NulBytesRoundTripOrAreRefusedNeverTruncated) {
    sqla::MetaData md;
    sqla::Table t(md, "injection_nul", sqla::Column{"id", sqla::Integer{}, sqla::primary_key, sqla::no_autoincrement},
                  sqla::Column{"v", sqla::Text{}}, sqla::Column{"b", sqla::LargeBinary{}});
    md.drop_all(engine());
    md.create_all(engine());
    using namespace std::string_literals;
    const std::string text_with_nul = "before\0after'; --"s;
    const std::string raw = "\0'\\\0\"\x7f;--"s;
    const sqla::Bytes bytes(reinterpret_cast<const std::byte*>(raw.data()), reinterpret_cast<const std::byte*>(raw.data()) + raw.size());
    auto conn = engine().connect();
    conn.execute(sqla::insert(t), {{"id", 1}, {"v", "plain"}, {"b", bytes}});
    conn.commit();
    bool stored = false;
    try {
        conn.execute(sqla::insert(t), {{"id", 2}, {"v", text_with_nul}, {"b", bytes}});
        conn.commit();
        stored = true;
    } catch (const sqla::DataError& e) {
        conn.rollback();
        EXPECT_TRUE(GetParam().key == "postgresql" || GetParam().driver == "odbc") << e.what();
        EXPECT_NE(std::string(e.what()).find("NUL"), std::string::npos) << e.what();
    }
    EXPECT_EQ(stored, GetParam().key != "postgresql" && GetParam().driver != "odbc");
    const auto rows = conn.execute(sqla::select(t.c("v"), t.c("b")).order_by({t.c("id")})).all();
    ASSERT_EQ(rows.size(), stored ? 2u : 1u);
    EXPECT_EQ(rows[0].get<sqla::Bytes>(1), bytes);
    if (stored) {
        EXPECT_EQ(rows[1].get<std::string>(0), text_with_nul);
        EXPECT_EQ(rows[1].get<sqla::Bytes>(1), bytes);
    }
    conn.close();
    md.drop_all(engine());
}

// Strings of the API that reach the SQL text without being values (issue 20): each is quoted,
// or refused with an error naming it, so none can change what a statement does.
class InjectionThroughApiStrings : public sqla_test::LiveBackendTest {
protected:
    static constexpr const char* secret = "TOP-SECRET-7731";
    void SetUp() override {
        sqla_test::LiveBackendTest::SetUp();
        if (IsSkipped()) return;
        md_.drop_all(engine());
        md_.create_all(engine());
        engine().begin([&](sqla::Connection& conn) {
            conn.execute(sqla::insert(secrets_), {{"id", 1}, {"secret", secret}});
        });
    }
    void TearDown() override {
        if (engine_) md_.drop_all(engine());
        sqla_test::LiveBackendTest::TearDown();
    }
    // Runs `stmt`: it must fail (the database's error, or a compile error), or return rows none
    // of which holds the secret.
    void expect_no_secret(const sqla::Executable& stmt) {
        auto conn = engine().connect();
        try {
            for (const auto& row : conn.execute(stmt).all())
                for (std::size_t i = 0; i < row.size(); ++i)
                    EXPECT_EQ(row[i].repr().find(secret), std::string::npos) << "the secret leaked";
        } catch (const sqla::DBAPIError&) {
        } catch (const sqla::CompileError&) {
        }
    }
    sqla::MetaData md_;
    sqla::Table secrets_{md_, "injection_secrets",
                         sqla::Column{"id", sqla::Integer{}, sqla::primary_key, sqla::no_autoincrement},
                         sqla::Column{"secret", sqla::String{50}}};
};

// The issue's exploit: the function name was written into the SQL as given, so a name could be
// a subquery (and comment out the rest, with -- or MySQL's #). It is now a quoted name that no
// function has.
TEST_P(InjectionThroughApiStrings, FunctionNamesAreQuotedNeverRun) {
    const auto id = secrets_.c("id");
    for (const std::string name : {"(SELECT max(secret) FROM injection_secrets) AS x --",
                                   "(SELECT max(secret) FROM injection_secrets) AS x #",
                                   "coalesce((SELECT max(secret) FROM injection_secrets), ",
                                   "max(secret) FROM injection_secrets --",
                                   "pkg.(SELECT max(secret) FROM injection_secrets) AS x --"}) {
        SCOPED_TRACE(name);
        const auto stmt = sqla::select(sqla::func(name, {id}));
        expect_no_secret(stmt);
        auto conn = engine().connect();
        EXPECT_THROW((void)conn.execute(stmt).all(), sqla::DBAPIError) << "a function of that name exists?";
    }
    // Plain names still call the database's functions.
    auto conn = engine().connect();
    EXPECT_EQ(conn.execute(sqla::select(sqla::func("upper", {secrets_.c("secret")}))).scalar<std::string>(), secret);
}

TEST_P(InjectionThroughApiStrings, OperatorsThatBreakOutAreRefused) {
    const auto id = secrets_.c("id");
    for (const std::string op : {"= 0 UNION SELECT secret FROM injection_secrets --", "= 0; DROP TABLE injection_secrets",
                                 "= 0 OR '1' =", "= 0 /* ", ") OR (1 ="})
        EXPECT_THROW((void)id.op(op, 1), sqla::ArgumentError) << op;
    // '#' is an operator on PostgreSQL (XOR) but a comment on MySQL and MariaDB.
    const auto hash = sqla::select(id).where(id.op("#", 1) == 0);
    if (GetParam().key == "mysql")
        EXPECT_THROW((void)engine().connect().execute(hash), sqla::CompileError);
    else
        expect_no_secret(hash);
}

TEST_P(InjectionThroughApiStrings, DdlPhrasesAreRefused) {
    sqla::MetaData md;
    const std::string drop = "CASCADE; DROP TABLE injection_secrets; --";
    auto child = [&](sqla::ForeignKeyOptions options) {
        sqla::Table c(md, "injection_child", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"sid", sqla::Integer{}, sqla::ForeignKey("injection_secrets.id", options)});
    };
    EXPECT_THROW(child({.ondelete = drop}), sqla::ArgumentError);
    EXPECT_THROW(child({.onupdate = drop}), sqla::ArgumentError);
    EXPECT_THROW(child({.deferrable = true, .initially = "DEFERRED; DROP TABLE injection_secrets"}), sqla::ArgumentError);
    EXPECT_THROW(child({.match = "FULL; DROP TABLE injection_secrets"}), sqla::ArgumentError);
    EXPECT_THROW(sqla::Table(md, "injection_prefixed", sqla::Column{"id", sqla::Integer{}},
                             sqla::TableOptions{.prefixes = {"TEMPORARY TABLE x (id INT); DROP TABLE injection_secrets; CREATE"}}),
                 sqla::ArgumentError);
    sqla::MetaData options_md;
    sqla::Table engine_option(options_md, "injection_options", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                              sqla::TableOptions{.dialect_options = {{"mysql_engine", "InnoDB; DROP TABLE injection_secrets"}}});
    if (GetParam().key == "mysql")
        EXPECT_THROW(options_md.create_all(engine()), sqla::CompileError);
    auto conn = engine().connect();
    EXPECT_EQ(conn.execute(sqla::select(secrets_.c("secret"))).scalar<std::string>(), secret) << "the table is gone";
    conn.close();
    options_md.drop_all(engine());
}

// server_default("...") is a value: a quoted literal, escaped as the dialect reads literals.
TEST_P(InjectionThroughApiStrings, ServerDefaultStringsAreLiterals) {
    for (const std::string value : {"x'); DROP TABLE injection_secrets; --", "\\'", "ends with a backslash\\",
                                    "' || (SELECT max(secret) FROM injection_secrets) || '"}) {
        SCOPED_TRACE(value);
        sqla::MetaData md;
        sqla::Table t(md, "injection_defaults", sqla::Column{"id", sqla::Integer{}, sqla::primary_key, sqla::no_autoincrement},
                      sqla::Column{"v", sqla::String{100}, sqla::server_default(value)});
        md.drop_all(engine());
        md.create_all(engine());
        auto conn = engine().connect();
        conn.execute(sqla::insert(t), {{"id", 1}});
        conn.commit();
        EXPECT_EQ(conn.execute(sqla::select(t.c("v"))).scalar<std::string>(), value);
        EXPECT_EQ(conn.execute(sqla::select(secrets_.c("secret"))).scalar<std::string>(), secret);
        conn.close();
        md.drop_all(engine());
    }
}

// LIKE's escape character is a string literal too: a quote or (on MySQL) a backslash used to
// end it early.
TEST_P(InjectionThroughApiStrings, LikeEscapeCharactersAreLiterals) {
    auto conn = engine().connect();
    conn.execute(sqla::insert(secrets_), {{"id", 2}, {"secret", "100%"}});
    conn.execute(sqla::insert(secrets_), {{"id", 3}, {"secret", "1000"}});
    conn.commit();
    for (const char escape : {'\'', '\\', '/', '#'}) {
        SCOPED_TRACE(std::string(1, escape));
        const std::string pattern = std::string("100") + escape + "%";
        for (const bool ilike : {false, true}) {
            const auto secret_column = secrets_.c("secret");
            const auto rows = conn.execute(sqla::select(secret_column)
                                               .where(ilike ? secret_column.ilike(pattern, escape)
                                                            : secret_column.like(pattern, escape)))
                                  .all();
            ASSERT_EQ(rows.size(), 1u) << (ilike ? "ilike" : "like");
            EXPECT_EQ(rows[0].get<std::string>(0), "100%");
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Live, InjectionThroughApiStrings, sqla_test::live_backends_and_odbc(), sqla_test::backend_name);

INSTANTIATE_TEST_SUITE_P(Live, Injection, sqla_test::live_backends_and_odbc(), sqla_test::backend_name);

}  // namespace
