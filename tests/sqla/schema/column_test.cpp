// sqla: tests/sqla/schema/column_test.cpp. Column defaults applied by INSERT and UPDATE, keys,
// and the autoincrement column, against a live SQLite database.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

import sqla;

namespace {

using namespace sqla;

TEST(ColumnDefault, InsertAndUpdateFillWhatTheStatementLeavesOut) {
    MetaData metadata;
    std::int64_t counter = 0;
    Table t(metadata, "docs", Column{"id", Integer{}, primary_key},
            Column{"status", String{10}, default_("draft")},
            Column{"serial", Integer{}, default_([&counter] { return ++counter; })},
            Column{"title_upper", String{50}, default_(func("upper", {literal("untitled")}))},
            Column{"revision", Integer{}, default_(1), onupdate([] { return 99; })});
    auto engine = create_engine("sqlite://");
    metadata.create_all(engine);
    auto conn = engine.connect();
    // The scalar and the function default are bound values; the SQL expression is inline.
    EXPECT_EQ(compile(insert(t).values({{"id", 1}}), engine.dialect()).sql,
              "INSERT INTO docs (id, status, serial, title_upper, revision) VALUES (?, ?, ?, upper(?), ?)");
    conn.execute(insert(t).values({{"id", 1}}));
    conn.execute(insert(t), std::vector<Params>{{{"id", 2}}, {{"id", 3}, {"status", "final"}}});
    auto rows = conn.execute(select(t.c("id"), t.c("status"), t.c("serial"), t.c("title_upper"), t.c("revision"))
                                 .order_by({t.c("id")}))
                    .all();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].get<std::string>("status"), "draft");
    EXPECT_EQ(rows[0].get<std::string>("title_upper"), "UNTITLED");
    EXPECT_EQ(rows[2].get<std::string>("status"), "final");  // a given value wins
    // The function ran once per row, executemany included.
    EXPECT_EQ(rows[0].get<std::int64_t>("serial"), 1);
    EXPECT_EQ(rows[1].get<std::int64_t>("serial"), 2);
    EXPECT_EQ(rows[2].get<std::int64_t>("serial"), 3);
    EXPECT_EQ(rows[0].get<std::int64_t>("revision"), 1);
    // onupdate applies to UPDATE statements that do not set the column.
    conn.execute(update(t).where(t.c("id") == 1).values({{"status", "edited"}}));
    EXPECT_EQ(conn.execute(select(t.c("revision")).where(t.c("id") == 1)).scalar_one().as<std::int64_t>(), 99);
    conn.execute(update(t).where(t.c("id") == 2).values({{"status", "x"}, {"revision", 5}}));
    EXPECT_EQ(conn.execute(select(t.c("revision")).where(t.c("id") == 2)).scalar_one().as<std::int64_t>(), 5);
}

TEST(Column, KeyDiffersFromName) {
    MetaData metadata;
    Table t(metadata, "people", Column{"id", Integer{}, primary_key}, Column{"FullName", String{80}, Key{"full_name"}});
    auto engine = create_engine("sqlite://");
    metadata.create_all(engine);
    auto conn = engine.connect();
    conn.execute(insert(t).values({{"id", 1}, {"full_name", "Ada Lovelace"}}));
    EXPECT_EQ(conn.execute(select(t.c("full_name"))).scalar_one().as<std::string>(), "Ada Lovelace");
    EXPECT_EQ(compile(select(t.c("full_name")), engine.dialect()).sql, "SELECT people.\"FullName\" \nFROM people");
    EXPECT_THROW((void)t.c("FullName"), NoSuchColumnError);
}

TEST(Column, AutoincrementColumnFollowsSqlalchemysRules) {
    MetaData metadata;
    Table simple(metadata, "a", Column{"id", Integer{}, primary_key});
    Table composite(metadata, "b", Column{"x", Integer{}, primary_key}, Column{"y", Integer{}, primary_key});
    Table chosen(metadata, "c", Column{"x", Integer{}, primary_key}, Column{"y", Integer{}, primary_key, autoincrement});
    Table text_key(metadata, "d", Column{"code", String{5}, primary_key});
    Table with_fk(metadata, "e", Column{"id", Integer{}, primary_key, ForeignKey("a.id")});
    Table no(metadata, "f", Column{"id", Integer{}, primary_key, no_autoincrement});
    EXPECT_EQ(simple.definition().autoincrement_column()->name(), "id");
    EXPECT_EQ(composite.definition().autoincrement_column(), nullptr);
    EXPECT_EQ(chosen.definition().autoincrement_column()->name(), "y");
    EXPECT_EQ(text_key.definition().autoincrement_column(), nullptr);
    EXPECT_EQ(with_fk.definition().autoincrement_column(), nullptr);
    EXPECT_EQ(no.definition().autoincrement_column(), nullptr);
    std::vector<std::string> pk;
    for (const auto& c : chosen.primary_key()) pk.push_back(std::string(c.node().result_name().value_or("")));
    EXPECT_EQ(pk, (std::vector<std::string>{"x", "y"}));
}

}  // namespace
