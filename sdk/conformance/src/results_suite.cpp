// sqla: sdk/conformance/src/results_suite.cpp. Rows, rowcounts and the Result API over a real table.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <sqla/conformance.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

import sqla;

#include "suite.hpp"

namespace sqla::testing {
namespace {

Connection with_people(SuiteContext& ctx) {
    auto conn = ctx.engine().connect();
    fresh_table(conn, "sqla_conf_people", "id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL, age INTEGER");
    conn.execute(text("INSERT INTO sqla_conf_people (id, name, age) VALUES (:id, :name, :age)"),
                 std::vector<Params>{{{"id", 1}, {"name", "ed"}, {"age", 30}},
                                     {{"id", 2}, {"name", "wendy"}, {"age", std::nullopt}},
                                     {{"id", 3}, {"name", "mary"}, {"age", 41}}});
    conn.commit();
    return conn;
}

void drop_people(Connection& conn) {
    conn.rollback();
    conn.execute(text("DROP TABLE sqla_conf_people"));
    conn.commit();
}

}  // namespace

std::vector<SuiteTest> results_tests() {
    return {
        {"select_rows_in_order", {},
         [](SuiteContext& ctx) {
             auto conn = with_people(ctx);
             std::vector<std::string> names;
             for (const Row& row : conn.execute(text("SELECT id, name FROM sqla_conf_people ORDER BY id")))
                 names.push_back(row.get<std::string>("name"));
             EXPECT_EQ(names, (std::vector<std::string>{"ed", "wendy", "mary"}));
             drop_people(conn);
         }},
        {"null_reads_as_optional", {},
         [](SuiteContext& ctx) {
             auto conn = with_people(ctx);
             auto row = conn.execute(text("SELECT age FROM sqla_conf_people WHERE id = :id"), {{"id", 2}}).one();
             EXPECT_EQ(row.get<std::optional<int>>(0), std::nullopt);
             EXPECT_THROW((void)row.get<int>(0), TypeError);
             drop_people(conn);
         }},
        {"one_first_scalar", {},
         [](SuiteContext& ctx) {
             auto conn = with_people(ctx);
             EXPECT_EQ(conn.execute(text("SELECT count(*) FROM sqla_conf_people")).scalar<int>(), 3);
             EXPECT_THROW((void)conn.execute(text("SELECT id FROM sqla_conf_people")).one(), MultipleResultsFound);
             EXPECT_THROW((void)conn.execute(text("SELECT id FROM sqla_conf_people WHERE id > 10")).one(),
                          NoResultFound);
             EXPECT_EQ(conn.execute(text("SELECT id FROM sqla_conf_people WHERE id > 10")).first(), std::nullopt);
             EXPECT_EQ(conn.execute(text("SELECT name FROM sqla_conf_people ORDER BY id")).scalars<std::string>().all(),
                       (std::vector<std::string>{"ed", "wendy", "mary"}));
             auto m = conn.execute(text("SELECT id, name FROM sqla_conf_people WHERE id = 3")).mappings().one();
             EXPECT_EQ(m.get<std::string>("name"), "mary");
             drop_people(conn);
         }},
        {"update_delete_rowcount", {"sane_rowcount"},
         [](SuiteContext& ctx) {
             auto conn = with_people(ctx);
             EXPECT_EQ(conn.execute(text("UPDATE sqla_conf_people SET age = 1 WHERE id >= :id"), {{"id", 2}}).rowcount(),
                       2);
             EXPECT_EQ(conn.execute(text("DELETE FROM sqla_conf_people WHERE id = 1")).rowcount(), 1);
             EXPECT_EQ(conn.execute(text("DELETE FROM sqla_conf_people WHERE id = 99")).rowcount(), 0);
             drop_people(conn);
         }},
        {"executemany_rowcount", {"sane_multi_rowcount"},
         [](SuiteContext& ctx) {
             auto conn = with_people(ctx);
             auto r = conn.execute(text("UPDATE sqla_conf_people SET age = :age WHERE id = :id"),
                                   std::vector<Params>{{{"age", 5}, {"id", 1}}, {{"age", 6}, {"id", 2}}});
             EXPECT_EQ(r.rowcount(), 2);
             drop_people(conn);
         }},
        {"insert_returning", {"returning"},
         [](SuiteContext& ctx) {
             auto conn = with_people(ctx);
             auto r = conn.execute(text("INSERT INTO sqla_conf_people (id, name) VALUES (:id, :name) RETURNING id"),
                                   {{"id", 10}, {"name", "new"}});
             EXPECT_EQ(r.scalar_one<int>(), 10);
             drop_people(conn);
         }},
    };
}

}  // namespace sqla::testing
