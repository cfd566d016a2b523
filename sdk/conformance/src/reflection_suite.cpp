// sqla: sdk/conformance/src/reflection_suite.cpp. The Inspector and MetaData::reflect through the
// dialect's Reflector: tables, columns, keys and indexes of tables the test creates.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <sqla/conformance.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

import sqla;

#include "suite.hpp"

namespace sqla::testing {
namespace {

// sqla_conf_parent(id, name) and sqla_conf_child(id, parent_id -> parent, note), with an index.
Connection with_parent_and_child(SuiteContext& ctx) {
    auto conn = ctx.engine().connect();
    conn.execute(text("DROP TABLE IF EXISTS sqla_conf_child"));  // before the table it refers to
    fresh_table(conn, "sqla_conf_parent", "id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL, score INTEGER");
    fresh_table(conn, "sqla_conf_child",
                "id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER NOT NULL, note VARCHAR(20), "
                "CONSTRAINT fk_sqla_conf_child_parent FOREIGN KEY (parent_id) REFERENCES sqla_conf_parent (id)");
    conn.execute(text("CREATE INDEX ix_sqla_conf_child_note ON sqla_conf_child (note)"));
    conn.commit();
    return conn;
}

void drop_parent_and_child(Connection& conn) {
    conn.rollback();
    conn.execute(text("DROP TABLE sqla_conf_child"));
    conn.execute(text("DROP TABLE sqla_conf_parent"));
    conn.commit();
}

}  // namespace

std::vector<SuiteTest> reflection_tests() {
    return {
        {"reflection_tables_and_columns", {"reflection"},
         [](SuiteContext& ctx) {
             auto conn = with_parent_and_child(ctx);
             auto insp = inspect(conn);
             const auto tables = insp.get_table_names();
             EXPECT_NE(std::find(tables.begin(), tables.end(), "sqla_conf_parent"), tables.end());
             EXPECT_TRUE(insp.has_table("sqla_conf_parent"));
             EXPECT_FALSE(insp.has_table("sqla_conf_no_such_table"));
             const auto cols = insp.get_columns("sqla_conf_parent");
             ASSERT_EQ(cols.size(), 3u);
             EXPECT_EQ(cols[0].name, "id");
             EXPECT_TRUE(cols[0].type.is_integer());
             EXPECT_FALSE(cols[0].nullable);
             EXPECT_EQ(cols[1].name, "name");
             EXPECT_EQ(cols[1].type, TypeEngine(String{50}));
             EXPECT_FALSE(cols[1].nullable);
             EXPECT_TRUE(cols[2].nullable);
             EXPECT_EQ(insp.get_pk_constraint("sqla_conf_parent").columns, (std::vector<std::string>{"id"}));
             EXPECT_THROW((void)insp.get_columns("sqla_conf_no_such_table"), NoSuchTableError);
             drop_parent_and_child(conn);
         }},
        {"reflection_reflector_serves_its_dialect", {"reflection"},
         [](SuiteContext& ctx) {
             // The dialect names one Reflector, which answers for that dialect, and the
             // Inspector's answers are the Reflector's.
             auto conn = with_parent_and_child(ctx);
             const Dialect& dialect = ctx.engine().dialect();
             const Reflector& reflection = dialect.reflection();
             EXPECT_EQ(&reflection.dialect(), &dialect);
             EXPECT_EQ(&dialect.reflection(), &reflection);
             EXPECT_TRUE(reflection.has_table(conn, "sqla_conf_parent", std::nullopt));
             EXPECT_FALSE(reflection.has_table(conn, "sqla_conf_no_such_table", std::nullopt));
             EXPECT_TRUE(dialect.has_table(conn, "sqla_conf_child", std::nullopt));
             auto insp = inspect(conn);
             EXPECT_EQ(insp.get_columns("sqla_conf_parent"), reflection.get_columns(conn, "sqla_conf_parent", std::nullopt));
             drop_parent_and_child(conn);
         }},
        {"reflection_foreign_keys_and_indexes", {"reflection"},
         [](SuiteContext& ctx) {
             auto conn = with_parent_and_child(ctx);
             auto insp = inspect(conn);
             const auto fks = insp.get_foreign_keys("sqla_conf_child");
             ASSERT_EQ(fks.size(), 1u);
             EXPECT_EQ(fks[0].name, "fk_sqla_conf_child_parent");
             EXPECT_EQ(fks[0].columns, (std::vector<std::string>{"parent_id"}));
             EXPECT_EQ(fks[0].referred_table, "sqla_conf_parent");
             EXPECT_EQ(fks[0].referred_columns, (std::vector<std::string>{"id"}));
             EXPECT_TRUE(insp.has_index("sqla_conf_child", "ix_sqla_conf_child_note"));
             drop_parent_and_child(conn);
         }},
        {"reflected_tables_work_in_statements", {"reflection"},
         [](SuiteContext& ctx) {
             auto conn = with_parent_and_child(ctx);
             MetaData metadata;
             Table child = metadata.reflect_table(conn, "sqla_conf_child");
             Table parent = metadata.table("sqla_conf_parent");  // brought by the foreign key
             conn.execute(insert(parent).values({{"id", 1}, {"name", "ann"}}));
             conn.execute(insert(child).values({{"id", 7}, {"parent_id", 1}, {"note", "first"}}));
             auto row = conn.execute(select(parent.c("name"), child.c("note"))
                                         .select_from(child.join(parent, child.c("parent_id") == parent.c("id"))))
                            .one();
             EXPECT_EQ(row.get<std::string>(0), "ann");
             EXPECT_EQ(row.get<std::string>(1), "first");
             drop_parent_and_child(conn);
         }},
    };
}

}  // namespace sqla::testing
