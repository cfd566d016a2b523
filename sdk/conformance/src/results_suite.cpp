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
             // Sets matching two rows, one and none: the counts summed.
             r = conn.execute(text("UPDATE sqla_conf_people SET age = :age WHERE id >= :id"),
                              std::vector<Params>{{{"age", 7}, {"id", 2}}, {{"age", 8}, {"id", 3}}, {{"age", 9}, {"id", 99}}});
             EXPECT_EQ(r.rowcount(), 3);
             drop_people(conn);
         }},
        // Enough sets to span several of a driver's batches (parameter arrays, bulk protocols),
        // with NULLs, text beyond ASCII and lengths that vary from set to set, all read back.
        {"executemany_many_rows", {},
         [](SuiteContext& ctx) {
             auto conn = ctx.engine().connect();
             fresh_table(conn, "sqla_conf_many", "id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(60), score INTEGER");
             constexpr int n = 2500;
             std::vector<Params> rows;
             for (int i = 1; i <= n; ++i) {
                 Params p{{"id", i}, {"score", i * 3}};
                 if (i % 11 == 0) p.set("name", std::nullopt);
                 else p.set("name", "Grüße " + std::string(static_cast<std::size_t>(i % 40), 'x') + std::to_string(i));
                 rows.push_back(std::move(p));
             }
             conn.execute(text("INSERT INTO sqla_conf_many (id, name, score) VALUES (:id, :name, :score)"), rows);
             conn.commit();
             EXPECT_EQ(conn.execute(text("SELECT COUNT(*) FROM sqla_conf_many")).scalar_one<std::int64_t>(), n);
             EXPECT_EQ(conn.execute(text("SELECT SUM(score) FROM sqla_conf_many")).scalar_one<std::int64_t>(),
                       std::int64_t{3} * n * (n + 1) / 2);
             EXPECT_EQ(conn.execute(text("SELECT COUNT(*) FROM sqla_conf_many WHERE name IS NULL")).scalar_one<std::int64_t>(),
                       n / 11);
             for (int id : {1, 40, 1002, 2499}) {
                 auto name = conn.execute(text("SELECT name FROM sqla_conf_many WHERE id = :id"), {{"id", id}})
                                 .scalar_one<std::string>();
                 EXPECT_EQ(name, "Grüße " + std::string(static_cast<std::size_t>(id % 40), 'x') + std::to_string(id));
             }
             conn.execute(text("DROP TABLE sqla_conf_many"));
             conn.commit();
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
