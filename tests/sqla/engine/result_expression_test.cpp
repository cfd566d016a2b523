// sqla: tests/sqla/engine/result_expression_test.cpp. Rows read by the expressions the
// statement selected (SQLAlchemy's row._mapping[column]), on SQLite, PostgreSQL and MariaDB.
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

class RowByExpression : public sqla_test::LiveBackendTest {
protected:
    void SetUp() override {
        LiveBackendTest::SetUp();
        if (IsSkipped()) return;
        metadata_.drop_all(engine());
        metadata_.create_all(engine());
        auto conn = engine().connect();
        conn.execute(sqla::insert(users_), std::vector<sqla::Params>{{{"id", 1}, {"name", "ed"}, {"age", 30}},
                                                                      {{"id", 2}, {"name", "wendy"}, {"age", 41}}});
        conn.commit();
    }
    void TearDown() override {
        if (engine_) metadata_.drop_all(engine());
        LiveBackendTest::TearDown();
    }

    sqla::MetaData metadata_;
    sqla::Table users_{metadata_, "rowexpr_users", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                       sqla::Column{"name", sqla::String{30}}, sqla::Column{"age", sqla::Integer{}}};
};

TEST_P(RowByExpression, ColumnsAnswerToThemselvesInAnyOrder) {
    auto conn = engine().connect();
    auto row = conn.execute(sqla::select(users_.c("name"), users_.c("id")).where(users_.c("id") == 1)).one();
    EXPECT_EQ(row.get<std::int64_t>(users_.c("id")), 1);
    EXPECT_EQ(row.get<std::string>(users_.c("name")), "ed");
    EXPECT_EQ(row[users_.c("name")], sqla::Value("ed"));
    // Not selected: NoSuchColumnError naming the column.
    try {
        (void)row.get<std::int64_t>(users_.c("age"));
        ADD_FAILURE() << "age was not selected";
    } catch (const sqla::NoSuchColumnError& e) {
        EXPECT_NE(std::string(e.what()).find("rowexpr_users.age"), std::string::npos) << e.what();
    }
}

// A statement of the same structure built again runs from the cached compiled form; its own
// expressions still find their columns (they are matched by structure, not by address).
TEST_P(RowByExpression, AFreshStatementOfACachedStructureFindsItsColumns) {
    auto conn = engine().connect();
    for (int id : {1, 2}) {
        const auto name = users_.c("name");
        auto result = conn.execute(sqla::select(users_.c("id"), name).where(users_.c("id") == id));
        const std::size_t at = result.index_of(name);
        EXPECT_EQ(at, 1u);
        EXPECT_EQ(result.one().get<std::string>(at), id == 1 ? "ed" : "wendy");
    }
}

TEST_P(RowByExpression, LabelsAndExpressionsAnswerAsSelected) {
    auto conn = engine().connect();
    const auto label = users_.c("name").label("who");
    const auto older = (users_.c("age") + 1);
    const auto coerced = sqla::type_coerce(users_.c("age"), sqla::Integer{});
    auto row = conn.execute(sqla::select(label, older, coerced).where(users_.c("id") == 2)).one();
    EXPECT_EQ(row.get<std::string>(label), "wendy");
    EXPECT_EQ(row.get<std::int64_t>(older), 42);
    EXPECT_EQ(row.get<std::int64_t>(coerced), 41);
    // type_coerce() answers to the column it wraps too; a label only to itself (SQLAlchemy 2.0).
    EXPECT_EQ(row.get<std::int64_t>(users_.c("age")), 41);
    EXPECT_THROW((void)row.get<std::string>(users_.c("name")), sqla::NoSuchColumnError);
    EXPECT_EQ(row.get<std::string>("who"), "wendy");
}

TEST_P(RowByExpression, AnAliasColumnIsNotItsTablesColumn) {
    auto conn = engine().connect();
    const auto u = users_.alias("u");
    auto row = conn.execute(sqla::select(u.c("id"), users_.c("name"))
                                .select_from(u.join(users_, u.c("id") == users_.c("id")))
                                .where(u.c("id") == 1))
                   .one();
    EXPECT_EQ(row.get<std::int64_t>(u.c("id")), 1);
    EXPECT_EQ(row.get<std::string>(users_.c("name")), "ed");
    EXPECT_THROW((void)row.get<std::int64_t>(users_.c("id")), sqla::NoSuchColumnError);

    const auto sq = sqla::select(users_.c("id"), users_.c("name")).where(users_.c("age") > 35).subquery("sq");
    auto from_sq = conn.execute(sqla::select(sq.c("name"))).one();
    EXPECT_EQ(from_sq.get<std::string>(sq.c("name")), "wendy");
    EXPECT_THROW((void)from_sq.get<std::string>(users_.c("name")), sqla::NoSuchColumnError);
}

TEST_P(RowByExpression, TheSameExpressionTwiceIsAmbiguous) {
    auto conn = engine().connect();
    auto row = conn.execute(sqla::select(users_.c("id"), users_.c("id")).where(users_.c("id") == 1)).one();
    EXPECT_EQ(row.size(), 2u);
    EXPECT_THROW((void)row.get<std::int64_t>(users_.c("id")), sqla::InvalidRequestError);
}

TEST_P(RowByExpression, CompoundsTextualSelectsAndReturning) {
    auto conn = engine().connect();
    const auto first = sqla::select(users_.c("id"), users_.c("name")).where(users_.c("id") == 1);
    const auto second = sqla::select(users_.c("id"), users_.c("name")).where(users_.c("id") == 2);
    std::vector<std::string> names;
    for (const auto& row : conn.execute(sqla::union_all({first, second})))
        names.push_back(row.get<std::string>(users_.c("name")));
    std::ranges::sort(names);
    EXPECT_EQ(names, (std::vector<std::string>{"ed", "wendy"}));

    const auto id = sqla::column("id", sqla::Integer{});
    auto textual = sqla::text("SELECT id FROM rowexpr_users WHERE id = 2").columns({id});
    EXPECT_EQ(conn.execute(textual).one().get<std::int64_t>(id), 2);
    // Plain text() has no expressions to read by.
    auto plain = conn.execute(sqla::text("SELECT id FROM rowexpr_users WHERE id = 2")).one();
    EXPECT_THROW((void)plain.get<std::int64_t>(users_.c("id")), sqla::NoSuchColumnError);

    if (!engine().dialect().capabilities().supports_returning) return;
    auto inserted = conn.execute(sqla::insert(users_).values({{"id", 3}, {"name", "jack"}}).returning(
                                     {users_.c("name"), users_.c("id")}))
                        .one();
    EXPECT_EQ(inserted.get<std::int64_t>(users_.c("id")), 3);
    EXPECT_EQ(inserted.get<std::string>(users_.c("name")), "jack");
}

INSTANTIATE_TEST_SUITE_P(Live, RowByExpression, sqla_test::live_backends(), sqla_test::backend_name);

}  // namespace
