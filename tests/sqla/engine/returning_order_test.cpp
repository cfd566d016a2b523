// sqla: tests/sqla/engine/returning_order_test.cpp. An executemany INSERT with
// returning(..., {.sort_by_parameter_order = true}) returns one row per parameter set, in the
// sets' order, on SQLite, PostgreSQL and MariaDB, while other connections insert into the same
// table at the same time.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <optional>
#include <set>
#include <string>
#include <vector>

import sqla;

#include "live_backend.hpp"

namespace {

constexpr int rows_per_thread = 2500;  // several insertmanyvalues batches of 1000

class ReturningOrder : public sqla_test::LiveBackendTest {
protected:
    void SetUp() override {
        LiveBackendTest::SetUp();
        if (IsSkipped()) return;
        metadata_.drop_all(engine());
        metadata_.create_all(engine());
        engine().connect().close();  // the first connection tells the dialect what the server has
        if (!engine().dialect().capabilities().supports_returning)
            GTEST_SKIP() << "no INSERT ... RETURNING on this server";
    }
    void TearDown() override {
        if (engine_) metadata_.drop_all(engine());
        LiveBackendTest::TearDown();
    }

    // Inserts `names` on a connection of its own with one executemany and returns what the
    // RETURNING rows say, in the order they came: (id, name) per row.
    std::vector<std::pair<std::int64_t, std::string>> insert(const sqla::Insert& statement,
                                                             std::vector<sqla::Params> sets) {
        auto conn = engine().connect();
        std::vector<std::pair<std::int64_t, std::string>> out;
        for (const auto& row : conn.execute(statement, std::move(sets)))
            out.emplace_back(row.size() > 1 ? row.get<std::int64_t>(1) : 0, row.get<std::string>(0));
        conn.commit();
        return out;
    }

    sqla::MetaData metadata_;
    sqla::Table serial_{metadata_, "retorder_serial", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                        sqla::Column{"name", sqla::String{40}, sqla::not_null}};
    sqla::Table given_{metadata_, "retorder_given",
                       sqla::Column{"id", sqla::Integer{}, sqla::primary_key, sqla::no_autoincrement},
                       sqla::Column{"name", sqla::String{40}, sqla::not_null}};
};

std::vector<sqla::Params> named(const std::string& prefix, bool with_ids, int id_base = 0) {
    std::vector<sqla::Params> sets;
    for (int i = 0; i < rows_per_thread; ++i) {
        sqla::Params p{{"name", prefix + std::to_string(i)}};
        // Keys given out of order, so a sort by key would not be parameter order.
        if (with_ids) p.set("id", id_base + (i * 7919) % rows_per_thread);
        sets.push_back(std::move(p));
    }
    return sets;
}

void expect_in_order(const std::vector<std::pair<std::int64_t, std::string>>& rows, const std::string& prefix) {
    ASSERT_EQ(rows.size(), static_cast<std::size_t>(rows_per_thread));
    for (int i = 0; i < rows_per_thread; ++i)
        ASSERT_EQ(rows[static_cast<std::size_t>(i)].second, prefix + std::to_string(i)) << "row " << i;
}

// Keys the database assigns (the autoincrement sentinel, or one set per statement), with the
// key returned and without it (then it is added to RETURNING and hidden from the rows).
TEST_P(ReturningOrder, ServerAssignedKeysWithConcurrentInserts) {
    const auto with_id = sqla::insert(serial_).returning({serial_.c("name"), serial_.c("id")},
                                                         {.sort_by_parameter_order = true});
    const auto name_only = sqla::insert(serial_).returning({serial_.c("name")}, {.sort_by_parameter_order = true});
    auto a = std::async(std::launch::async, [&] { return insert(with_id, named("a", false)); });
    auto b = std::async(std::launch::async, [&] { return insert(name_only, named("b", false)); });
    const auto rows_a = a.get();
    const auto rows_b = b.get();
    expect_in_order(rows_a, "a");
    expect_in_order(rows_b, "b");
    // The ids returned are the rows' ids.
    auto conn = engine().connect();
    for (int i : {0, 999, 1000, rows_per_thread - 1}) {
        const auto& [id, name] = rows_a[static_cast<std::size_t>(i)];
        EXPECT_EQ(conn.execute(sqla::select(serial_.c("name")).where(serial_.c("id") == id)).scalar_one<std::string>(),
                  name);
    }
    EXPECT_EQ(conn.execute(sqla::select(sqla::func("count", {serial_.c("id")}))).scalar<std::int64_t>(),
              2 * rows_per_thread);
}

// Keys the parameters give (matched to the returned rows), given in an order unlike the
// keys' own.
TEST_P(ReturningOrder, KeysGivenByTheParametersWithConcurrentInserts) {
    const auto statement = sqla::insert(given_).returning({given_.c("name")}, {.sort_by_parameter_order = true});
    auto a = std::async(std::launch::async, [&] { return insert(statement, named("a", true, 0)); });
    auto b = std::async(std::launch::async, [&] { return insert(statement, named("b", true, rows_per_thread)); });
    expect_in_order(a.get(), "a");
    expect_in_order(b.get(), "b");
}

// A database that returns a batch's rows in another order than its VALUES: a listener reverses
// the parameter sets of each batch on their way to the driver, so the rows come back reversed,
// and matching them to the sets by key must put them back.
TEST_P(ReturningOrder, RowsComingBackInAnotherOrderAreMatchedToTheirSets) {
    const auto listener = engine().events().before_cursor_execute.listen([](sqla::CursorExecuteEvent& e) {
        if (e.statement.find("retorder_given") == std::string::npos) return;
        std::vector<sqla::Value> reversed;
        for (std::size_t set = e.parameters.size() / 2; set-- > 0;) {
            reversed.push_back(e.parameters[2 * set]);
            reversed.push_back(e.parameters[2 * set + 1]);
        }
        e.parameters = std::move(reversed);
    });
    const auto statement = sqla::insert(given_).returning({given_.c("name")}, {.sort_by_parameter_order = true});
    expect_in_order(insert(statement, named("r", true)), "r");
    engine().events().before_cursor_execute.remove(listener);
}

// Rows that cannot be matched (a key changed on the way to the database) fail the execution,
// naming why.
TEST_P(ReturningOrder, RowsThatCannotBeMatchedAreAnError) {
    const auto listener = engine().events().before_cursor_execute.listen([](sqla::CursorExecuteEvent& e) {
        if (e.statement.find("retorder_given") != std::string::npos) e.parameters[0] = sqla::Value(std::int64_t{999999});
    });
    const auto statement = sqla::insert(given_).returning({given_.c("name")}, {.sort_by_parameter_order = true});
    try {
        (void)insert(statement, named("x", true));
        ADD_FAILURE() << "a row whose key no parameter set gave was accepted";
    } catch (const sqla::InvalidRequestError& e) {
        EXPECT_NE(std::string(e.what()).find("parameter order"), std::string::npos) << e.what();
    }
    engine().events().before_cursor_execute.remove(listener);
}

// Without the option the rows are all there, in whatever order the batches give.
TEST_P(ReturningOrder, UnsortedReturningHasEveryRow) {
    const auto statement = sqla::insert(serial_).returning(serial_.c("name"));
    auto rows = insert(statement, named("u", false));
    std::set<std::string> names;
    for (const auto& [id, name] : rows) names.insert(name);
    EXPECT_EQ(names.size(), static_cast<std::size_t>(rows_per_thread));
}

INSTANTIATE_TEST_SUITE_P(Live, ReturningOrder, sqla_test::live_backends(), sqla_test::backend_name);

}  // namespace
