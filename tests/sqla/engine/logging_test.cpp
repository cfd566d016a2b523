// sqla: tests/sqla/engine/logging_test.cpp. echo: statements, parameters (long ones shortened,
// hidden on request), transaction lines; passwords never logged.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

import sqla;

namespace {

struct Captured {
    std::vector<std::string> lines;
    std::function<void(std::string_view)> sink() {
        return [this](std::string_view l) { lines.emplace_back(l); };
    }
    bool contains(std::string_view what) const {
        for (const auto& l : lines)
            if (l.find(what) != std::string::npos) return true;
        return false;
    }
};

}  // namespace

TEST(Echo, LogsTransactionsStatementsAndCacheUse) {
    Captured log;
    auto engine = sqla::create_engine("sqlite://", {.echo = true, .log = log.sink()});
    auto conn = engine.connect();
    for (int i = 0; i < 2; ++i) (void)conn.execute(sqla::select(sqla::literal(i))).all();
    conn.commit();
    (void)conn.exec_driver_sql("SELECT 1").all();
    conn.rollback();
    ASSERT_GE(log.lines.size(), 8u);
    EXPECT_EQ(log.lines[0], "BEGIN (implicit)");
    EXPECT_EQ(log.lines[1], "SELECT ? AS anon_1");
    EXPECT_TRUE(log.lines[2].starts_with("[generated in ")) << log.lines[2];
    EXPECT_TRUE(log.lines[2].ends_with("(0,)")) << log.lines[2];
    EXPECT_TRUE(log.lines[4].starts_with("[cached since ")) << log.lines[4];
    EXPECT_EQ(log.lines[5], "COMMIT");
    EXPECT_EQ(log.lines[6], "BEGIN (implicit)");
    EXPECT_EQ(log.lines[8], "[raw sql] ()");
    EXPECT_EQ(log.lines.back(), "ROLLBACK");
}

TEST(Echo, LongValuesAndLongListsAreShortened) {
    Captured log;
    auto engine = sqla::create_engine("sqlite://", {.echo = true, .log = log.sink()});
    auto conn = engine.connect();
    const std::string big(1000, 'x');
    (void)conn.execute(sqla::text("SELECT length(:v)"), {{"v", big}}).all();
    EXPECT_TRUE(log.contains("(702 characters truncated)"));
    EXPECT_FALSE(log.contains(big));
    std::vector<sqla::Value> many;
    for (int i = 0; i < 150; ++i) many.emplace_back(i);
    std::vector<sqla::Value> list(many.begin(), many.end());
    (void)conn.execute(sqla::select(sqla::literal(1)).where(sqla::literal(5).in_(list))).all();
    EXPECT_TRUE(log.contains("displaying 100 of 152 total bound parameters"));
    conn.execute(sqla::text("CREATE TABLE t (x INTEGER)"));
    std::vector<sqla::Params> sets;
    for (int i = 0; i < 25; ++i) sets.push_back({{"x", i}});
    conn.execute(sqla::text("INSERT INTO t VALUES (:x)"), sets);
    EXPECT_TRUE(log.contains("displaying 10 of 25 total bound parameter sets"));
}

TEST(Echo, HideParametersKeepsValuesOutOfLogs) {
    Captured log;
    auto engine = sqla::create_engine("sqlite://", {.echo = true, .hide_parameters = true, .log = log.sink()});
    auto conn = engine.connect();
    (void)conn.execute(sqla::text("SELECT :secret"), {{"secret", "hunter2"}}).all();
    EXPECT_FALSE(log.contains("hunter2"));
    EXPECT_TRUE(log.contains("[SQL parameters hidden due to hide_parameters=True]"));
}

TEST(Echo, PasswordsNeverAppearInUrlsOrErrors) {
    const auto url = sqla::make_url("postgresql://scott:tiger@localhost:5432/test");
    EXPECT_EQ(url.render(), "postgresql://scott:***@localhost:5432/test");
    Captured log;
    // A URL the SQLite driver rejects: the message shows the URL, masked.
    try {
        (void)sqla::create_engine("sqlite://scott:tiger@host/db", {.echo = true, .echo_pool = true, .log = log.sink()});
        FAIL();
    } catch (const sqla::ArgumentError& e) {
        EXPECT_EQ(std::string(e.what()).find("tiger"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(log.contains("tiger"));
}
