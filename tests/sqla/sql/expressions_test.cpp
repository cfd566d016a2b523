// sqla: tests/sqla/sql/expressions_test.cpp. CASE, CAST, window functions, subqueries, CTEs and set
// operations executed on SQLite: the rows they return, not only their SQL.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

import sqla;

namespace {

class Expressions : public ::testing::Test {
protected:
    void SetUp() override {
        conn_.execute(sqla::text("CREATE TABLE emp (id INTEGER PRIMARY KEY, name VARCHAR(20), dept VARCHAR(10), "
                                 "salary INTEGER, boss INTEGER)"));
        conn_.execute(sqla::insert(emp_), std::vector<sqla::Params>{
                                              {{"name", "ann"}, {"dept", "eng"}, {"salary", 100}, {"boss", std::nullopt}},
                                              {{"name", "bob"}, {"dept", "eng"}, {"salary", 80}, {"boss", 1}},
                                              {{"name", "cid"}, {"dept", "ops"}, {"salary", 60}, {"boss", 1}},
                                              {{"name", "dee"}, {"dept", "ops"}, {"salary", 70}, {"boss", 3}},
                                              {{"name", "eve"}, {"dept", "eng"}, {"salary", 90}, {"boss", 2}}});
    }
    template <class T = std::string>
    std::vector<T> column(const sqla::Executable& stmt, std::size_t index = 0) {
        return conn_.execute(stmt).scalars<T>(index).all();
    }

    sqla::MetaData md_;
    sqla::Table emp_{md_, "emp", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                     sqla::Column{"name", sqla::String{20}}, sqla::Column{"dept", sqla::String{10}},
                     sqla::Column{"salary", sqla::Integer{}}, sqla::Column{"boss", sqla::Integer{}}};
    sqla::Engine engine_ = sqla::create_engine("sqlite://");
    sqla::Connection conn_ = engine_.connect();
};

TEST_F(Expressions, CaseBucketsValues) {
    auto band = sqla::case_({{emp_.c("salary") >= 90, "high"}, {emp_.c("salary") >= 70, "mid"}}, "low");
    EXPECT_EQ(column(sqla::select(band.label("band")).order_by({emp_.c("id")})),
              (std::vector<std::string>{"high", "mid", "low", "mid", "high"}));
    auto code = sqla::case_value(emp_.c("dept"), {{"eng", 1}, {"ops", 2}});
    EXPECT_EQ(column<int>(sqla::select(code).order_by({emp_.c("id")})), (std::vector<int>{1, 1, 2, 2, 1}));
}

TEST_F(Expressions, CastChangesTheValuesType) {
    auto text = conn_.execute(sqla::select(sqla::cast(emp_.c("salary"), sqla::String{})).where(emp_.c("id") == 1)).scalar();
    EXPECT_EQ(text.kind(), sqla::ValueKind::text);
    EXPECT_EQ(text.as<std::string>(), "100");
    EXPECT_EQ(conn_.execute(sqla::select(sqla::cast("42", sqla::Integer{}))).scalar<int>(), 42);
}

TEST_F(Expressions, WindowFunctions) {
    auto rank = sqla::func("rank").over({.partition_by = {emp_.c("dept")}, .order_by = {emp_.c("salary").desc()}});
    auto ranked = conn_.execute(sqla::select(emp_.c("name"), rank.label("r")).order_by({emp_.c("id")})).all();
    std::vector<int> ranks;
    for (const auto& row : ranked) ranks.push_back(row.get<int>("r"));
    EXPECT_EQ(ranks, (std::vector<int>{1, 3, 2, 1, 2}));
    auto running = sqla::func("sum", {emp_.c("salary")}).over({.order_by = {emp_.c("id")}, .rows = {{std::nullopt, 0}}});
    EXPECT_EQ(column<int>(sqla::select(running).order_by({emp_.c("id")})), (std::vector<int>{100, 180, 240, 310, 400}));
}

TEST_F(Expressions, FilteredAggregate) {
    auto eng = sqla::func("count").filter(emp_.c("dept") == "eng");
    EXPECT_EQ(conn_.execute(sqla::select(eng)).scalar<int>(), 3);
}

TEST_F(Expressions, SubqueryInFromAndCorrelatedScalar) {
    auto by_dept = sqla::select(emp_.c("dept"), sqla::func("max", {emp_.c("salary")}).label("top"))
                       .group_by({emp_.c("dept")})
                       .subquery("by_dept");
    auto best = sqla::select(emp_.c("name"))
                    .join(by_dept, sqla::and_({emp_.c("dept") == by_dept.c("dept"), emp_.c("salary") == by_dept.c("top")}))
                    .order_by({emp_.c("name")});
    EXPECT_EQ(column(best), (std::vector<std::string>{"ann", "dee"}));

    auto boss = emp_.alias("boss");
    auto boss_name = sqla::select(boss.c("name")).where(boss.c("id") == emp_.c("boss")).scalar_subquery();
    EXPECT_EQ(column<std::optional<std::string>>(sqla::select(boss_name.label("b")).select_from(emp_).order_by({emp_.c("id")})),
              (std::vector<std::optional<std::string>>{std::nullopt, "ann", "ann", "cid", "bob"}));
}

TEST_F(Expressions, RecursiveCteWalksTheHierarchy) {
    auto chain = sqla::select(emp_.c("id"), emp_.c("boss")).where(emp_.c("name") == "eve").cte("chain", true);
    chain = sqla::recursive_union_all(
        chain, sqla::select(emp_.c("id"), emp_.c("boss")).join(chain, emp_.c("id") == chain.c("boss")));
    EXPECT_EQ(column<int>(sqla::select(chain.c("id")).order_by({chain.c("id")})), (std::vector<int>{1, 2, 5}));
}

TEST_F(Expressions, SetOperations) {
    auto eng = sqla::select(emp_.c("name")).where(emp_.c("dept") == "eng");
    auto rich = sqla::select(emp_.c("name")).where(emp_.c("salary") >= 80);
    EXPECT_EQ(column(sqla::intersect({eng, rich}).order_by({sqla::column("name")})),
              (std::vector<std::string>{"ann", "bob", "eve"}));
    EXPECT_EQ(column(sqla::except_({eng, rich})), std::vector<std::string>{});
    EXPECT_EQ(column(sqla::union_all({eng, rich}).order_by({sqla::column("name")}).limit(2)),
              (std::vector<std::string>{"ann", "ann"}));
}

TEST_F(Expressions, LikeFamilyEscapesWildcards) {
    conn_.execute(sqla::insert(emp_).values({{"name", "50%_off"}, {"dept", "x"}, {"salary", 1}}));
    EXPECT_EQ(column(sqla::select(emp_.c("name")).where(emp_.c("name").contains("%_", true))),
              std::vector<std::string>{"50%_off"});
    EXPECT_EQ(column(sqla::select(emp_.c("name")).where(emp_.c("name").startswith("a")).order_by({emp_.c("name")})),
              std::vector<std::string>{"ann"});
    EXPECT_EQ(column(sqla::select(emp_.c("name")).where(emp_.c("name").endswith("e")).order_by({emp_.c("name")})),
              (std::vector<std::string>{"dee", "eve"}));
}

TEST_F(Expressions, TextWithBoundAndExpandingParameters) {
    auto t = sqla::text("SELECT name FROM emp WHERE id IN :ids AND salary > :min ORDER BY id")
                 .bindparams({sqla::bindparam_expanding("ids", {1, 2, 3})})
                 .bindparams({{"min", 70}});
    EXPECT_EQ(column(t), (std::vector<std::string>{"ann", "bob"}));
    EXPECT_THROW((void)sqla::text("SELECT :a").bindparams({{"b", 1}}), sqla::ArgumentError);
}

TEST_F(Expressions, BuildingErrors) {
    EXPECT_THROW((void)sqla::case_({}), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::union_({sqla::select(emp_.c("id"))}), sqla::ArgumentError);
    EXPECT_THROW((void)emp_.c("id").over({.rows = {{std::nullopt, 0}}, .range = {{std::nullopt, 0}}}), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::recursive_union_all(emp_, sqla::select(emp_.c("id"))), sqla::ArgumentError);
}

}  // namespace

namespace {

TEST(ExtractExecute, DatePartsOnSqlite) {
    auto engine = sqla::create_engine("sqlite://");
    auto conn = engine.connect();
    auto day = sqla::literal_column("'2024-02-29'");
    auto row = conn.execute(sqla::select(sqla::extract("year", day).label("y"), sqla::extract("month", day).label("m"),
                                         sqla::extract("day", day).label("d")))
                   .one();
    EXPECT_EQ((row.tuple<int, int, int>()), std::make_tuple(2024, 2, 29));
    EXPECT_THROW((void)sqla::extract("year); DROP TABLE x", day), sqla::ArgumentError);
    EXPECT_THROW((void)conn.execute(sqla::select(sqla::extract("fortnight", day))), sqla::CompileError);
    EXPECT_FALSE(conn.execute(sqla::select(sqla::func("current_date"))).scalar().is_null());
}

}  // namespace
