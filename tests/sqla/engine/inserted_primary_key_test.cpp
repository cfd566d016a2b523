// sqla: tests/sqla/engine/inserted_primary_key_test.cpp. Result::inserted_primary_key() on SQLite:
// given values as given, the autoincrement column from lastrowid, and the statements it refuses.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

import sqla;

namespace {

class InsertedPrimaryKey : public ::testing::Test {
protected:
    void SetUp() override {
        conn_.execute(sqla::CreateTable(users_));
        conn_.execute(sqla::CreateTable(pairs_));
        conn_.execute(sqla::CreateTable(codes_));
        conn_.execute(sqla::CreateTable(things_));
    }

    // InvalidRequestError's message for `f`.
    template <class F>
    std::string invalid_request(F&& f) {
        try {
            f();
        } catch (const sqla::InvalidRequestError& e) {
            return e.what();
        }
        ADD_FAILURE() << "expected InvalidRequestError";
        return {};
    }

    sqla::Engine engine_ = sqla::create_engine("sqlite://");
    sqla::Connection conn_ = engine_.connect();
    sqla::MetaData md_;
    sqla::Table users_{md_, "users", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                       sqla::Column{"name", sqla::String{50}}};
    // A composite key has no autoincrement column.
    sqla::Table pairs_{md_, "pairs", sqla::Column{"a", sqla::Integer{}, sqla::primary_key},
                       sqla::Column{"b", sqla::String{10}, sqla::primary_key}, sqla::Column{"x", sqla::Integer{}}};
    sqla::Table codes_{md_, "codes", sqla::Column{"code", sqla::Uuid{}, sqla::primary_key},
                       sqla::Column{"label", sqla::String{20}}};
    int calls_ = 0;
    sqla::Table things_{md_, "things",
                        sqla::Column{"id", sqla::String{20}, sqla::primary_key,
                                     sqla::default_([this] { return "thing-" + std::to_string(++calls_); })},
                        sqla::Column{"n", sqla::Integer{}}};
};

TEST_F(InsertedPrimaryKey, AutoincrementColumnFromLastrowid) {
    auto r1 = conn_.execute(sqla::insert(users_).values({{"name", "ed"}}));
    EXPECT_EQ(r1.inserted_primary_key(), std::vector<sqla::Value>{sqla::Value(1)});
    auto r2 = conn_.execute(sqla::insert(users_), {{"name", "wendy"}});
    EXPECT_EQ(r2.inserted_primary_key(), std::vector<sqla::Value>{sqla::Value(2)});
    EXPECT_EQ(r2.inserted_primary_key().front().as<std::int64_t>(), 2);
    // An explicit NULL lets the database number the row too.
    auto r3 = conn_.execute(sqla::insert(users_).values({{"id", std::nullopt}, {"name", "jack"}}));
    EXPECT_EQ(r3.inserted_primary_key(), std::vector<sqla::Value>{sqla::Value(3)});
}

TEST_F(InsertedPrimaryKey, GivenValuesAsGiven) {
    auto r1 = conn_.execute(sqla::insert(users_).values({{"id", 40}, {"name", "ed"}}));
    EXPECT_EQ(r1.inserted_primary_key(), std::vector<sqla::Value>{sqla::Value(40)});
    auto r2 = conn_.execute(sqla::insert(users_), {{"id", 41}, {"name", "wendy"}});
    EXPECT_EQ(r2.inserted_primary_key(), std::vector<sqla::Value>{sqla::Value(41)});
    // Execution parameters win over the statement's values, as for the row itself.
    auto r3 = conn_.execute(sqla::insert(users_).values({{"id", 42}, {"name", "x"}}), {{"id", 43}});
    EXPECT_EQ(r3.inserted_primary_key(), std::vector<sqla::Value>{sqla::Value(43)});
    EXPECT_EQ(conn_.execute(sqla::select(users_.c("id")).where(users_.c("name") == "x")).scalar_one<int>(), 43);
}

TEST_F(InsertedPrimaryKey, CompositeKeyInKeyOrder) {
    auto r = conn_.execute(sqla::insert(pairs_).values({{"x", 1}, {"b", "bee"}, {"a", 7}}));
    EXPECT_EQ(r.inserted_primary_key(), (std::vector<sqla::Value>{sqla::Value(7), sqla::Value("bee")}));
    // A key column the database computes from a SQL expression, with no autoincrement to
    // report it: NULL, as SQLAlchemy's None.
    auto r2 = conn_.execute(sqla::insert(pairs_).values({{"a", 8}, {"b", sqla::literal_column("'x' || 'y'")}}));
    EXPECT_EQ(r2.inserted_primary_key(), (std::vector<sqla::Value>{sqla::Value(8), sqla::Value()}));
}

TEST_F(InsertedPrimaryKey, ValuesBeforeBindProcessing) {
    const sqla::UuidValue u("12345678-9abc-def0-1234-56789abcdef0");
    auto r = conn_.execute(sqla::insert(codes_).values({{"code", u}, {"label", "one"}}));
    // The application's value, not the 32 hex digits the driver stored.
    EXPECT_EQ(r.inserted_primary_key(), std::vector<sqla::Value>{sqla::Value(u)});
}

TEST_F(InsertedPrimaryKey, ColumnDefaultIsTheValueUsed) {
    auto r = conn_.execute(sqla::insert(things_).values({{"n", 1}}));
    EXPECT_EQ(r.inserted_primary_key(), std::vector<sqla::Value>{sqla::Value("thing-1")});
    EXPECT_EQ(calls_, 1);  // the default ran once, for the row and the key alike
    EXPECT_EQ(conn_.execute(sqla::select(things_.c("id"))).scalar_one<std::string>(), "thing-1");
}

TEST_F(InsertedPrimaryKey, LightweightTableHasNoKey) {
    auto t = sqla::table("users", {"id", "name"});
    auto r = conn_.execute(sqla::insert(t).values({{"name", "ed"}}));
    EXPECT_TRUE(r.inserted_primary_key().empty());
}

TEST_F(InsertedPrimaryKey, RefusedWhereThereIsNoSingleInsertedRow) {
    auto sel = conn_.execute(sqla::select(users_.c("id")));
    EXPECT_EQ(invalid_request([&] { (void)sel.inserted_primary_key(); }),
              "inserted_primary_key: this statement is not an insert() expression construct");
    auto upd = conn_.execute(sqla::update(users_).values({{"name", "x"}}));
    EXPECT_THROW((void)upd.inserted_primary_key(), sqla::InvalidRequestError);
    auto txt = conn_.execute(sqla::text("INSERT INTO users (name) VALUES ('t')"));
    EXPECT_THROW((void)txt.inserted_primary_key(), sqla::InvalidRequestError);
    auto many = conn_.execute(sqla::insert(users_), std::vector<sqla::Params>{{{"name", "a"}}, {{"name", "b"}}});
    EXPECT_EQ(invalid_request([&] { (void)many.inserted_primary_key(); }),
              "inserted_primary_key: this statement was an executemany call; it inserted a row per parameter set");
    auto multi = conn_.execute(sqla::insert(users_).values(std::vector<sqla::ValuesRow>{{{"name", "c"}}, {{"name", "d"}}}));
    EXPECT_EQ(invalid_request([&] { (void)multi.inserted_primary_key(); }),
              "inserted_primary_key: this statement was a multi-row VALUES insert; it inserted several rows");
}

}  // namespace
