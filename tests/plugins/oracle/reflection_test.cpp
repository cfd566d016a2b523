// sqla: tests/plugins/oracle/reflection_test.cpp. The oracle dialect's reflection, run for real
// through the odbc driver against a catalog that has Oracle's ALL_* views as tables (in SQLite,
// through its ODBC driver): no Oracle server runs here, so this proves the queries and what the
// dialect makes of their rows, with the rows an Oracle 19c dictionary holds for a small schema.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

import sqla;

namespace {

namespace fs = std::filesystem;

// The dictionary of an Oracle schema SCOTT holding USERS, ADDRESSES and a quoted "MixedCase",
// as SQLAlchemy's Oracle DDL creates them.
const char* const oracle_catalog[] = {
    "CREATE TABLE dual (\"USER\" VARCHAR(128))",
    "INSERT INTO dual VALUES ('SCOTT')",
    "CREATE TABLE all_users (username VARCHAR(128))",
    "INSERT INTO all_users VALUES ('SCOTT'), ('SYS'), ('HR')",
    "CREATE TABLE all_tables (owner VARCHAR(128), table_name VARCHAR(128), tablespace_name VARCHAR(30), "
    "iot_name VARCHAR(128), duration VARCHAR(15))",
    "INSERT INTO all_tables VALUES ('SCOTT', 'USERS', 'USERS', NULL, NULL), ('SCOTT', 'ADDRESSES', 'USERS', NULL, NULL), "
    "('SCOTT', 'MixedCase', 'USERS', NULL, NULL), ('SCOTT', 'SYS_TEMP', 'USERS', NULL, 'SYS$SESSION'), "
    "('SYS', 'DUAL', 'SYSTEM', NULL, NULL), ('HR', 'EMPLOYEES', 'USERS', NULL, NULL)",
    "CREATE TABLE all_views (owner VARCHAR(128), view_name VARCHAR(128))",
    "INSERT INTO all_views VALUES ('SCOTT', 'ACTIVE_USERS')",
    "CREATE TABLE all_tab_cols (owner VARCHAR(128), table_name VARCHAR(128), column_name VARCHAR(128), "
    "data_type VARCHAR(128), char_length INTEGER, data_precision INTEGER, data_scale INTEGER, nullable CHAR(1), "
    "data_default TEXT, virtual_column VARCHAR(3), hidden_column VARCHAR(3), column_id INTEGER, data_length INTEGER)",
    "INSERT INTO all_tab_cols VALUES "
    "('SCOTT', 'USERS', 'ID', 'NUMBER', 0, NULL, 0, 'N', NULL, 'NO', 'NO', 1, 22), "
    "('SCOTT', 'USERS', 'NAME', 'VARCHAR2', 50, NULL, NULL, 'N', NULL, 'NO', 'NO', 2, 50), "
    "('SCOTT', 'USERS', 'BALANCE', 'NUMBER', 0, 10, 2, 'Y', '0 ', 'NO', 'NO', 3, 22), "
    "('SCOTT', 'USERS', 'CREATED', 'DATE', 0, NULL, NULL, 'Y', 'sysdate\n', 'NO', 'NO', 4, 7), "
    "('SCOTT', 'USERS', 'SYS_NC00005$', 'NUMBER', 0, NULL, NULL, 'Y', NULL, 'YES', 'YES', NULL, 22), "
    "('SCOTT', 'ADDRESSES', 'ID', 'NUMBER', 0, NULL, 0, 'N', NULL, 'NO', 'NO', 1, 22), "
    "('SCOTT', 'ADDRESSES', 'USER_ID', 'NUMBER', 0, NULL, 0, 'N', NULL, 'NO', 'NO', 2, 22), "
    "('SCOTT', 'ADDRESSES', 'EMAIL', 'NVARCHAR2', 100, NULL, NULL, 'Y', NULL, 'NO', 'NO', 3, 200), "
    "('SCOTT', 'ADDRESSES', 'PHOTO', 'BLOB', 0, NULL, NULL, 'Y', NULL, 'NO', 'NO', 4, 4000), "
    "('SCOTT', 'ADDRESSES', 'SEEN', 'TIMESTAMP(6) WITH TIME ZONE', 0, NULL, 6, 'Y', NULL, 'NO', 'NO', 5, 13), "
    "('SCOTT', 'MixedCase', 'Value', 'CLOB', 0, NULL, NULL, 'Y', NULL, 'NO', 'NO', 1, 4000)",
    "CREATE TABLE all_col_comments (owner VARCHAR(128), table_name VARCHAR(128), column_name VARCHAR(128), comments TEXT)",
    "INSERT INTO all_col_comments VALUES ('SCOTT', 'USERS', 'NAME', 'login name'), ('SCOTT', 'USERS', 'ID', NULL)",
    "CREATE TABLE all_constraints (owner VARCHAR(128), constraint_name VARCHAR(128), constraint_type CHAR(1), "
    "table_name VARCHAR(128), r_owner VARCHAR(128), r_constraint_name VARCHAR(128), search_condition TEXT, "
    "delete_rule VARCHAR(9))",
    "INSERT INTO all_constraints VALUES "
    "('SCOTT', 'SYS_C0013001', 'P', 'USERS', NULL, NULL, NULL, NULL), "
    "('SCOTT', 'UQ_USERS_NAME', 'U', 'USERS', NULL, NULL, NULL, NULL), "
    "('SCOTT', 'CK_USERS_BALANCE', 'C', 'USERS', NULL, NULL, 'balance >= 0', NULL), "
    "('SCOTT', 'SYS_C0013000', 'C', 'USERS', NULL, NULL, '\"NAME\" IS NOT NULL', NULL), "
    "('SCOTT', 'SYS_C0013002', 'P', 'ADDRESSES', NULL, NULL, NULL, NULL), "
    "('SCOTT', 'FK_ADDRESSES_USER', 'R', 'ADDRESSES', 'SCOTT', 'SYS_C0013001', NULL, 'CASCADE')",
    "CREATE TABLE all_cons_columns (owner VARCHAR(128), constraint_name VARCHAR(128), table_name VARCHAR(128), "
    "column_name VARCHAR(128), position INTEGER)",
    "INSERT INTO all_cons_columns VALUES "
    "('SCOTT', 'SYS_C0013001', 'USERS', 'ID', 1), ('SCOTT', 'UQ_USERS_NAME', 'USERS', 'NAME', 1), "
    "('SCOTT', 'CK_USERS_BALANCE', 'USERS', 'BALANCE', NULL), ('SCOTT', 'SYS_C0013000', 'USERS', 'NAME', NULL), "
    "('SCOTT', 'SYS_C0013002', 'ADDRESSES', 'ID', 1), ('SCOTT', 'FK_ADDRESSES_USER', 'ADDRESSES', 'USER_ID', 1)",
    "CREATE TABLE all_indexes (index_name VARCHAR(128), table_owner VARCHAR(128), table_name VARCHAR(128), "
    "uniqueness VARCHAR(9))",
    "INSERT INTO all_indexes VALUES ('SYS_C0013001', 'SCOTT', 'USERS', 'UNIQUE'), ('UQ_USERS_NAME', 'SCOTT', 'USERS', 'UNIQUE'), "
    "('IX_USERS_LOWER', 'SCOTT', 'USERS', 'NONUNIQUE'), ('SYS_C0013002', 'SCOTT', 'ADDRESSES', 'UNIQUE'), "
    "('IX_ADDRESSES_EMAIL', 'SCOTT', 'ADDRESSES', 'NONUNIQUE')",
    "CREATE TABLE all_ind_columns (index_name VARCHAR(128), table_owner VARCHAR(128), table_name VARCHAR(128), "
    "column_name VARCHAR(4000), column_position INTEGER)",
    "INSERT INTO all_ind_columns VALUES ('SYS_C0013001', 'SCOTT', 'USERS', 'ID', 1), "
    "('UQ_USERS_NAME', 'SCOTT', 'USERS', 'NAME', 1), ('IX_USERS_LOWER', 'SCOTT', 'USERS', 'SYS_NC00005$', 1), "
    "('SYS_C0013002', 'SCOTT', 'ADDRESSES', 'ID', 1), ('IX_ADDRESSES_EMAIL', 'SCOTT', 'ADDRESSES', 'EMAIL', 1), "
    "('IX_ADDRESSES_EMAIL', 'SCOTT', 'ADDRESSES', 'USER_ID', 2)",
    "CREATE TABLE all_tab_comments (owner VARCHAR(128), table_name VARCHAR(128), comments TEXT)",
    "INSERT INTO all_tab_comments VALUES ('SCOTT', 'USERS', 'people who log in'), ('SCOTT', 'ADDRESSES', NULL)",
};

class OracleReflection : public ::testing::Test {
protected:
    void SetUp() override {
        file_ = fs::temp_directory_path() / ("sqla_oracle_catalog_" + std::to_string(::getpid()) + ".db");
        fs::remove(file_);
        {
            auto seed = sqla::create_engine("sqlite:///" + file_.string());
            auto conn = seed.connect();
            for (const char* sql : oracle_catalog) conn.exec_driver_sql(sql);
            conn.commit();
        }
        engine_.emplace(sqla::create_engine("oracle+odbc:///" + file_.string() + "?driver=SQLite3"));
    }
    void TearDown() override {
        engine_.reset();
        fs::remove(file_);
    }
    fs::path file_;
    std::optional<sqla::Engine> engine_;
};

}  // namespace

TEST_F(OracleReflection, NamesComeBackInLowerCaseUnlessQuoted) {
    auto insp = sqla::inspect(*engine_);
    EXPECT_EQ(insp.default_schema_name(), "scott");
    EXPECT_EQ(insp.get_schema_names(), (std::vector<std::string>{"hr", "scott", "sys"}));
    EXPECT_EQ(insp.get_table_names(), (std::vector<std::string>{"addresses", "MixedCase", "users"}));
    EXPECT_EQ(insp.get_table_names("hr"), (std::vector<std::string>{"employees"}));
    EXPECT_EQ(insp.get_view_names(), (std::vector<std::string>{"active_users"}));
    EXPECT_TRUE(insp.has_table("users"));
    EXPECT_TRUE(insp.has_table("MixedCase"));
    EXPECT_FALSE(insp.has_table("mixedcase"));
    EXPECT_THROW((void)insp.get_columns("nosuch"), sqla::NoSuchTableError);
}

TEST_F(OracleReflection, ColumnsKeysIndexesAndComments) {
    auto insp = sqla::inspect(*engine_);
    const auto cols = insp.get_columns("users");
    ASSERT_EQ(cols.size(), 4u);  // the hidden SYS_NC column of a function index is not one
    EXPECT_EQ(cols[0].name, "id");
    EXPECT_EQ(cols[0].type, sqla::TypeEngine(sqla::Integer{}));
    EXPECT_FALSE(cols[0].nullable);
    EXPECT_EQ(cols[1].type, sqla::TypeEngine(sqla::String{50}));
    EXPECT_EQ(cols[1].comment, "login name");
    EXPECT_EQ(cols[2].type, sqla::TypeEngine(sqla::Numeric{10, 2}));
    EXPECT_EQ(cols[2].server_default, "0");
    EXPECT_EQ(cols[3].type, sqla::TypeEngine(sqla::DateTime{}));
    EXPECT_EQ(cols[3].server_default, "sysdate");
    const auto addr = insp.get_columns("addresses");
    EXPECT_EQ(addr[2].type, sqla::TypeEngine(sqla::Unicode{100}));
    EXPECT_EQ(addr[3].type, sqla::TypeEngine(sqla::LargeBinary{}));
    EXPECT_EQ(addr[4].type, sqla::TypeEngine(sqla::DateTime{.timezone = true}));
    EXPECT_EQ(insp.get_columns("MixedCase")[0].name, "Value");

    const auto pk = insp.get_pk_constraint("users");
    EXPECT_EQ(pk.name, "sys_c0013001");
    EXPECT_EQ(pk.columns, (std::vector<std::string>{"id"}));
    const auto fks = insp.get_foreign_keys("addresses");
    ASSERT_EQ(fks.size(), 1u);
    EXPECT_EQ(fks[0].name, "fk_addresses_user");
    EXPECT_EQ(fks[0].columns, (std::vector<std::string>{"user_id"}));
    EXPECT_EQ(fks[0].referred_table, "users");
    EXPECT_EQ(fks[0].referred_columns, (std::vector<std::string>{"id"}));
    EXPECT_EQ(fks[0].referred_schema, std::nullopt);
    EXPECT_EQ(fks[0].ondelete, "CASCADE");
    const auto uqs = insp.get_unique_constraints("users");
    ASSERT_EQ(uqs.size(), 1u);
    EXPECT_EQ(uqs[0].name, "uq_users_name");
    // The NOT NULL system check is not a constraint of its own.
    const auto cks = insp.get_check_constraints("users");
    ASSERT_EQ(cks.size(), 1u);
    EXPECT_EQ(cks[0].name, "ck_users_balance");
    EXPECT_EQ(cks[0].sqltext, "balance >= 0");
    // The primary key's index is not listed; the function-based one is skipped.
    const auto ixs = insp.get_indexes("users");
    ASSERT_EQ(ixs.size(), 1u);
    EXPECT_EQ(ixs[0].name, "uq_users_name");
    EXPECT_EQ(ixs[0].duplicates_constraint, "uq_users_name");
    const auto aix = insp.get_indexes("addresses");
    ASSERT_EQ(aix.size(), 1u);
    EXPECT_EQ(aix[0].columns, (std::vector<std::optional<std::string>>{"email", "user_id"}));
    EXPECT_EQ(insp.get_table_comment("users"), "people who log in");
    EXPECT_EQ(insp.get_table_comment("addresses"), std::nullopt);
}

// Reflected tables render Oracle's DDL again.
TEST_F(OracleReflection, ReflectedTablesRenderOraclesDdl) {
    sqla::MetaData metadata;
    auto addresses = metadata.reflect_table(*engine_, "addresses");
    ASSERT_TRUE(metadata.find_table("users"));  // its foreign key's table came with it
    const auto users_ddl = sqla::compile(sqla::CreateTable(metadata.table("users")), engine_->dialect()).sql;
    EXPECT_NE(users_ddl.find("name VARCHAR2(50 CHAR) NOT NULL"), std::string::npos) << users_ddl;
    EXPECT_NE(users_ddl.find("balance NUMERIC(10, 2) DEFAULT 0"), std::string::npos) << users_ddl;
    EXPECT_NE(users_ddl.find("CONSTRAINT sys_c0013001 PRIMARY KEY (id)"), std::string::npos) << users_ddl;
    EXPECT_NE(users_ddl.find("CONSTRAINT ck_users_balance CHECK (balance >= 0)"), std::string::npos) << users_ddl;
    const auto addresses_ddl = sqla::compile(sqla::CreateTable(addresses), engine_->dialect()).sql;
    EXPECT_NE(addresses_ddl.find("FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE"), std::string::npos)
        << addresses_ddl;
}
