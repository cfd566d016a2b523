// sqla: sdk/conformance/src/errors_suite.cpp. Driver errors arrive as the right sqla exceptions.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <sqla/conformance.hpp>

#include <string>
#include <vector>

import sqla;

#include "suite.hpp"

namespace sqla::testing {

std::vector<SuiteTest> error_tests() {
    return {
        {"duplicate_key_is_integrity_error", {},
         [](SuiteContext& ctx) {
             auto conn = ctx.engine().connect();
             fresh_table(conn, "sqla_conf_err", "id INTEGER NOT NULL PRIMARY KEY");
             conn.execute(text("INSERT INTO sqla_conf_err (id) VALUES (1)"));
             try {
                 conn.execute(text("INSERT INTO sqla_conf_err (id) VALUES (:id)"), {{"id", 1}});
                 ADD_FAILURE() << "expected IntegrityError";
             } catch (const IntegrityError& e) {
                 EXPECT_NE(e.statement().find("INSERT INTO sqla_conf_err"), std::string::npos);
                 EXPECT_FALSE(e.driver_message().empty());
             }
             conn.rollback();
             conn.execute(text("DROP TABLE sqla_conf_err"));
             conn.commit();
         }},
        {"not_null_is_integrity_error", {},
         [](SuiteContext& ctx) {
             auto conn = ctx.engine().connect();
             fresh_table(conn, "sqla_conf_err", "id INTEGER NOT NULL");
             EXPECT_THROW(conn.execute(text("INSERT INTO sqla_conf_err (id) VALUES (:id)"), {{"id", std::nullopt}}),
                          IntegrityError);
             conn.rollback();
             conn.execute(text("DROP TABLE sqla_conf_err"));
             conn.commit();
         }},
        {"bad_sql_is_dbapi_error", {},
         [](SuiteContext& ctx) {
             auto conn = ctx.engine().connect();
             EXPECT_THROW((void)conn.execute(text("SELEKT 1")), DatabaseError);
             conn.rollback();
             EXPECT_THROW((void)conn.execute(text("SELECT * FROM sqla_conf_no_such_table")), DatabaseError);
             conn.rollback();
             EXPECT_EQ(conn.execute(text("SELECT 2")).scalar<int>(), 2);
         }},
        {"closed_connection_is_resource_closed", {},
         [](SuiteContext& ctx) {
             auto conn = ctx.engine().connect();
             conn.close();
             EXPECT_THROW((void)conn.execute(text("SELECT 1")), ResourceClosedError);
         }},
        {"missing_parameter_is_statement_error", {},
         [](SuiteContext& ctx) {
             auto conn = ctx.engine().connect();
             EXPECT_THROW((void)conn.execute(text("SELECT :missing")), StatementError);
         }},
    };
}

}  // namespace sqla::testing
