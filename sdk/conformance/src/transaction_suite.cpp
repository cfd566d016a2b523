// sqla: sdk/conformance/src/transaction_suite.cpp. Commit-as-you-go, rollback and savepoints.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <sqla/conformance.hpp>

#include <optional>
#include <string>
#include <vector>

import sqla;

#include "suite.hpp"

namespace sqla::testing {

std::vector<SuiteTest> transaction_tests() {
    return {
        {"commit_persists", {},
         [](SuiteContext& ctx) {
             {
                 auto conn = ctx.engine().connect();
                 fresh_table(conn, "sqla_conf_tx", "x INTEGER");
                 conn.execute(text("INSERT INTO sqla_conf_tx (x) VALUES (1)"));
                 conn.commit();
             }
             auto conn = ctx.engine().connect();
             EXPECT_EQ(conn.execute(text("SELECT count(*) FROM sqla_conf_tx")).scalar<int>(), 1);
             conn.execute(text("DROP TABLE sqla_conf_tx"));
             conn.commit();
         }},
        {"rollback_discards", {},
         [](SuiteContext& ctx) {
             auto conn = ctx.engine().connect();
             fresh_table(conn, "sqla_conf_tx", "x INTEGER");
             conn.execute(text("INSERT INTO sqla_conf_tx (x) VALUES (1)"));
             conn.rollback();
             EXPECT_EQ(conn.execute(text("SELECT count(*) FROM sqla_conf_tx")).scalar<int>(), 0);
             conn.execute(text("DROP TABLE sqla_conf_tx"));
             conn.commit();
         }},
        {"close_rolls_back", {},
         [](SuiteContext& ctx) {
             {
                 auto conn = ctx.engine().connect();
                 fresh_table(conn, "sqla_conf_tx", "x INTEGER");
                 conn.execute(text("INSERT INTO sqla_conf_tx (x) VALUES (1)"));
             }
             auto conn = ctx.engine().connect();
             EXPECT_EQ(conn.execute(text("SELECT count(*) FROM sqla_conf_tx")).scalar<int>(), 0);
             conn.execute(text("DROP TABLE sqla_conf_tx"));
             conn.commit();
         }},
        {"uncommitted_is_invisible_to_others", {"independent_connections"},
         [](SuiteContext& ctx) {
             auto a = ctx.engine().connect();
             fresh_table(a, "sqla_conf_tx", "x INTEGER");
             a.execute(text("INSERT INTO sqla_conf_tx (x) VALUES (1)"));
             {
                 auto b = ctx.engine().connect();
                 EXPECT_EQ(b.execute(text("SELECT count(*) FROM sqla_conf_tx")).scalar<int>(), 0);
             }
             a.commit();
             a.execute(text("DROP TABLE sqla_conf_tx"));
             a.commit();
         }},
        {"savepoint_rollback", {"savepoints"},
         [](SuiteContext& ctx) {
             auto conn = ctx.engine().connect();
             fresh_table(conn, "sqla_conf_tx", "x INTEGER");
             conn.execute(text("INSERT INTO sqla_conf_tx (x) VALUES (1)"));
             conn.execute(text("SAVEPOINT sqla_sp1"));
             conn.execute(text("INSERT INTO sqla_conf_tx (x) VALUES (2)"));
             conn.execute(text("ROLLBACK TO SAVEPOINT sqla_sp1"));
             conn.commit();
             EXPECT_EQ(conn.execute(text("SELECT sum(x) FROM sqla_conf_tx")).scalar<int>(), 1);
             conn.execute(text("DROP TABLE sqla_conf_tx"));
             conn.commit();
         }},
    };
}

}  // namespace sqla::testing
