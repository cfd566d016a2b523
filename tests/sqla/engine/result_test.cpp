// sqla: tests/sqla/engine/result_test.cpp. Result, Row, scalars and mappings, on SQLite.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

import sqla;

namespace {

class ResultTest : public ::testing::Test {
protected:
    void SetUp() override {
        conn_.execute(sqla::text("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER, "
                                 "score REAL)"));
        conn_.execute(sqla::text("INSERT INTO users (name, age, score) VALUES (:n, :a, :s)"),
                      std::vector<sqla::Params>{{{"n", "ed"}, {"a", 30}, {"s", 1.5}},
                                                {{"n", "wendy"}, {"a", std::nullopt}, {"s", 2.5}},
                                                {{"n", "mary"}, {"a", 41}, {"s", std::nullopt}}});
    }
    sqla::Result query(const char* sql) { return conn_.execute(sqla::text(sql)); }

    sqla::Engine engine_ = sqla::create_engine("sqlite://");
    sqla::Connection conn_ = engine_.connect();
};

TEST_F(ResultTest, IteratesRowsWithTypedAccess) {
    std::vector<std::string> names;
    std::int64_t id_sum = 0;
    for (const sqla::Row& row : query("SELECT id, name, age FROM users ORDER BY id")) {
        names.push_back(row.get<std::string>("name"));
        id_sum += row.get<std::int64_t>(0);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"ed", "wendy", "mary"}));
    EXPECT_EQ(id_sum, 6);
}

TEST_F(ResultTest, RowByIndexNameAndTuple) {
    auto row = query("SELECT id, name, age, score FROM users WHERE name = 'wendy'").one();
    EXPECT_EQ(row.size(), 4u);
    EXPECT_EQ(row.keys(), (std::vector<std::string>{"id", "name", "age", "score"}));
    EXPECT_EQ(row[1].as<std::string>(), "wendy");
    EXPECT_TRUE(row["age"].is_null());
    EXPECT_EQ(row.get<std::optional<int>>("age"), std::nullopt);
    EXPECT_DOUBLE_EQ(row.get<double>("score"), 2.5);
    auto [id, name] = row.tuple<int, std::string>();
    EXPECT_EQ(id, 2);
    EXPECT_EQ(name, "wendy");
}

TEST_F(ResultTest, WrongTypeNamesTheColumn) {
    auto row = query("SELECT name, age FROM users WHERE name = 'wendy'").one();
    try {
        (void)row.get<int>("name");
        FAIL() << "expected TypeError";
    } catch (const sqla::TypeError& e) {
        EXPECT_STREQ(e.what(), "column \"name\" (index 0): cannot convert text value 'wendy' to std::int32_t");
    }
    EXPECT_THROW((void)row.get<int>("age"), sqla::TypeError);  // NULL needs std::optional
    EXPECT_THROW((void)row.get<std::int8_t>(0), sqla::TypeError);
}

TEST_F(ResultTest, UnknownColumnListsTheColumns) {
    auto row = query("SELECT id, name FROM users LIMIT 1").one();
    try {
        (void)row.get<int>("nope");
        FAIL() << "expected NoSuchColumnError";
    } catch (const sqla::NoSuchColumnError& e) {
        EXPECT_STREQ(e.what(), "no column named \"nope\" in this row; columns are: id, name");
    }
    EXPECT_THROW((void)row[7], sqla::NoSuchColumnError);
}

TEST_F(ResultTest, AllFirstOneAndFriends) {
    EXPECT_EQ(query("SELECT id FROM users").all().size(), 3u);
    EXPECT_EQ(query("SELECT name FROM users ORDER BY id").first()->get<std::string>(0), "ed");
    EXPECT_EQ(query("SELECT name FROM users WHERE id > 99").first(), std::nullopt);
    EXPECT_THROW((void)query("SELECT id FROM users").one(), sqla::MultipleResultsFound);
    EXPECT_THROW((void)query("SELECT id FROM users WHERE id > 99").one(), sqla::NoResultFound);
    EXPECT_EQ(query("SELECT id FROM users WHERE id > 99").one_or_none(), std::nullopt);
    EXPECT_THROW((void)query("SELECT id FROM users").one_or_none(), sqla::MultipleResultsFound);
    EXPECT_EQ(query("SELECT id FROM users WHERE id = 1").one_or_none()->get<int>(0), 1);
}

TEST_F(ResultTest, Scalars) {
    EXPECT_EQ(query("SELECT count(*) FROM users").scalar<int>(), 3);
    EXPECT_TRUE(query("SELECT id FROM users WHERE id > 99").scalar().is_null());
    EXPECT_EQ(query("SELECT id FROM users WHERE id > 99").scalar<std::optional<int>>(), std::nullopt);
    // No row is NoResultFound (it was a TypeError saying "value is NULL"; issue 20 item 10).
    EXPECT_THROW((void)query("SELECT id FROM users WHERE id > 99").scalar<int>(), sqla::NoResultFound);
    EXPECT_EQ(query("SELECT name FROM users WHERE id = 3").scalar_one<std::string>(), "mary");
    EXPECT_THROW((void)query("SELECT name FROM users").scalar_one<std::string>(), sqla::MultipleResultsFound);
    EXPECT_EQ(query("SELECT age FROM users WHERE id = 2").scalar_one_or_none<int>(), std::nullopt);
    EXPECT_EQ(query("SELECT age FROM users WHERE id = 99").scalar_one_or_none<int>(), std::nullopt);
    EXPECT_EQ(query("SELECT name FROM users ORDER BY id").scalars<std::string>().all(),
              (std::vector<std::string>{"ed", "wendy", "mary"}));
    EXPECT_EQ(query("SELECT id, age FROM users ORDER BY id").scalars<std::optional<int>>(1).all(),
              (std::vector<std::optional<int>>{30, std::nullopt, 41}));
    std::int64_t sum = 0;
    for (auto id : query("SELECT id FROM users").scalars<std::int64_t>()) sum += id;
    EXPECT_EQ(sum, 6);
}

TEST_F(ResultTest, Mappings) {
    auto maps = query("SELECT id, name FROM users ORDER BY id").mappings().all();
    ASSERT_EQ(maps.size(), 3u);
    EXPECT_EQ(maps[1]["name"].as<std::string>(), "wendy");
    EXPECT_EQ(maps[1].get<int>("id"), 2);
    EXPECT_TRUE(maps[0].contains("id"));
    EXPECT_FALSE(maps[0].contains("age"));
    EXPECT_EQ(query("SELECT name FROM users ORDER BY id").mappings().first()->get<std::string>("name"), "ed");
}

TEST_F(ResultTest, FetchoneAndFetchmanyStream) {
    auto r = query("SELECT id FROM users ORDER BY id");
    EXPECT_EQ(r.keys(), (std::vector<std::string>{"id"}));
    EXPECT_EQ(r.fetchone()->get<int>(0), 1);
    auto two = r.fetchmany(5);
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[1].get<int>(0), 3);
    EXPECT_EQ(r.fetchone(), std::nullopt);
    EXPECT_TRUE(r.closed());
    EXPECT_TRUE(r.all().empty());
}

TEST_F(ResultTest, DmlResultsReportRowcountAndHaveNoRows) {
    auto r = conn_.execute(sqla::text("UPDATE users SET score = 0 WHERE age IS NOT NULL"));
    EXPECT_EQ(r.rowcount(), 2);
    EXPECT_FALSE(r.returns_rows());
    EXPECT_THROW((void)r.all(), sqla::ResourceClosedError);
    auto ins = conn_.execute(sqla::text("INSERT INTO users (name) VALUES ('new')"));
    EXPECT_EQ(ins.rowcount(), 1);
    EXPECT_EQ(ins.lastrowid(), 4);
    EXPECT_EQ(query("SELECT 1").rowcount(), -1);
}

TEST_F(ResultTest, ClosingTheConnectionClosesItsResults) {
    auto r = query("SELECT id FROM users ORDER BY id");
    EXPECT_EQ(r.fetchone()->get<int>(0), 1);
    conn_.close();
    try {
        (void)r.fetchone();
        FAIL() << "expected ResourceClosedError";
    } catch (const sqla::ResourceClosedError& e) {
        EXPECT_STREQ(e.what(), "this result's connection was closed, which closed the result");
    }
}

TEST_F(ResultTest, TwoOpenResultsOfTheSameStatement) {
    // The second execution cannot reuse the cached prepared statement the first still reads.
    auto a = query("SELECT id FROM users ORDER BY id");
    auto b = query("SELECT id FROM users ORDER BY id");
    EXPECT_EQ(a.fetchone()->get<int>(0), 1);
    EXPECT_EQ(b.fetchone()->get<int>(0), 1);
    EXPECT_EQ(a.fetchone()->get<int>(0), 2);
    EXPECT_EQ(b.all().size(), 2u);
    EXPECT_EQ(a.all().size(), 1u);
}

// Results of one compiled statement share their column names, unless the cursor reports
// others (here a listener renames the columns of the second execution).
TEST_F(ResultTest, ResultsOfOneStatementGetTheCursorsColumnNames) {
    sqla::MetaData metadata;
    sqla::Table users{metadata, "users", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"name", sqla::Text{}}};
    auto stmt = sqla::select(users.c("id"), users.c("name")).where(users.c("id") == 1);
    auto first = conn_.execute(stmt).one();
    EXPECT_EQ(first.keys(), (std::vector<std::string>{"id", "name"}));
    bool rename = true;
    engine_.events().before_cursor_execute.listen([&](sqla::CursorExecuteEvent& e) {
        if (!rename) return;
        const auto at = e.statement.find("SELECT users.id, users.name");
        if (at != std::string::npos) e.statement.replace(at, 27, "SELECT users.id AS key, users.name AS label");
    });
    auto renamed = conn_.execute(stmt).one();
    EXPECT_EQ(renamed.keys(), (std::vector<std::string>{"key", "label"}));
    EXPECT_EQ(renamed.get<std::string>("label"), "ed");
    rename = false;
    auto again = conn_.execute(stmt).one();
    EXPECT_EQ(again.keys(), (std::vector<std::string>{"id", "name"}));
    EXPECT_EQ(again.get<std::string>("name"), "ed");
    EXPECT_EQ(first.keys(), (std::vector<std::string>{"id", "name"}));
}

TEST_F(ResultTest, RowsOutliveTheirResult) {
    std::vector<sqla::Row> rows;
    {
        auto r = query("SELECT id, name FROM users ORDER BY id");
        rows = r.all();
    }
    conn_.close();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[2].get<std::string>("name"), "mary");
}

}  // namespace

TEST_F(ResultTest, ExhaustedResultsCloseSoftlyClosedOnesForGood) {
    auto exhausted = query("SELECT id FROM users");
    (void)exhausted.all();
    EXPECT_EQ(exhausted.fetchone(), std::nullopt);  // soft: no more rows, no error
    auto closed = query("SELECT id FROM users");
    closed.close();
    EXPECT_THROW((void)closed.fetchone(), sqla::ResourceClosedError);
    EXPECT_THROW((void)closed.all(), sqla::ResourceClosedError);
    auto firsted = query("SELECT id FROM users ORDER BY id");
    EXPECT_EQ(firsted.first()->get<int>(0), 1);
    EXPECT_THROW((void)firsted.fetchone(), sqla::ResourceClosedError);  // first() closes for good
}

TEST_F(ResultTest, PartitionsHandOutRowsInLists) {
    conn_.execute(sqla::text("INSERT INTO users (name) VALUES (:n)"),
                  std::vector<sqla::Params>(7, sqla::Params{{"n", "x"}}));  // 10 rows in all
    std::vector<std::size_t> sizes;
    int total = 0;
    for (const auto& rows : query("SELECT id FROM users ORDER BY id").partitions(4)) {
        sizes.push_back(rows.size());
        for (const auto& row : rows) total += row.get<int>(0);
    }
    EXPECT_EQ(sizes, (std::vector<std::size_t>{4, 4, 2}));
    EXPECT_EQ(total, 55);
    // yield_per as an execution option sets the default partition size.
    sizes.clear();
    auto r = conn_.execute(sqla::text("SELECT id FROM users"), {.yield_per = 3});
    for (const auto& rows : r.partitions()) sizes.push_back(rows.size());
    EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 3, 3, 1}));
    sizes.clear();
    auto r2 = query("SELECT id FROM users");
    r2.yield_per(6);
    for (const auto& rows : r2.partitions()) sizes.push_back(rows.size());
    EXPECT_EQ(sizes, (std::vector<std::size_t>{6, 4}));
}

TEST_F(ResultTest, StreamResultsReadsAsItGoes) {
    // stream_results: rows come from the cursor as they are read; the connection goes on being
    // usable for other statements while the result is open.
    auto r = conn_.execute(sqla::text("SELECT id FROM users ORDER BY id"), {.stream_results = true, .max_row_buffer = 1});
    EXPECT_EQ(r.fetchone()->get<int>(0), 1);
    EXPECT_EQ(conn_.execute(sqla::text("SELECT count(*) FROM users")).scalar<int>(), 3);
    EXPECT_EQ(r.fetchmany(10).size(), 2u);
}
