// sqla: tests/plugins/mssql/reflection_test.cpp. The mssql dialect's reflection, run for real
// through the odbc driver against a catalog that has SQL Server's INFORMATION_SCHEMA and sys
// views as tables (SQLite databases attached under those names, through SQLite's ODBC driver):
// no SQL Server runs here, so this proves the queries and what the dialect makes of their rows.
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

// dbo.users and dbo.addresses as SQLAlchemy's SQL Server DDL creates them, in the catalog.
const char* const mssql_catalog[] = {
    "CREATE TABLE INFORMATION_SCHEMA.SCHEMATA (SCHEMA_NAME VARCHAR(128))",
    "INSERT INTO INFORMATION_SCHEMA.SCHEMATA VALUES ('dbo'), ('guest'), ('sales')",
    "CREATE TABLE INFORMATION_SCHEMA.TABLES (TABLE_SCHEMA VARCHAR(128), TABLE_NAME VARCHAR(128), TABLE_TYPE VARCHAR(10))",
    "INSERT INTO INFORMATION_SCHEMA.TABLES VALUES ('dbo', 'users', 'BASE TABLE'), ('dbo', 'addresses', 'BASE TABLE'), "
    "('dbo', 'active_users', 'VIEW'), ('sales', 'orders', 'BASE TABLE')",
    "CREATE TABLE INFORMATION_SCHEMA.COLUMNS (TABLE_SCHEMA VARCHAR(128), TABLE_NAME VARCHAR(128), COLUMN_NAME VARCHAR(128), "
    "ORDINAL_POSITION INTEGER, COLUMN_DEFAULT TEXT, IS_NULLABLE VARCHAR(3), DATA_TYPE VARCHAR(128), "
    "CHARACTER_MAXIMUM_LENGTH INTEGER, NUMERIC_PRECISION INTEGER, NUMERIC_SCALE INTEGER)",
    "INSERT INTO INFORMATION_SCHEMA.COLUMNS VALUES "
    "('dbo', 'users', 'id', 1, NULL, 'NO', 'int', NULL, 10, 0), "
    "('dbo', 'users', 'name', 2, NULL, 'NO', 'nvarchar', 50, NULL, NULL), "
    "('dbo', 'users', 'balance', 3, '((0))', 'YES', 'numeric', NULL, 10, 2), "
    "('dbo', 'users', 'active', 4, '((1))', 'NO', 'bit', NULL, NULL, NULL), "
    "('dbo', 'users', 'created', 5, '(getdate())', 'YES', 'datetime2', NULL, NULL, NULL), "
    "('dbo', 'users', 'bio', 6, NULL, 'YES', 'nvarchar', -1, NULL, NULL), "
    "('dbo', 'users', 'token', 7, NULL, 'YES', 'uniqueidentifier', NULL, NULL, NULL), "
    "('dbo', 'users', 'balance_x2', 8, NULL, 'YES', 'numeric', NULL, 11, 2), "
    "('dbo', 'addresses', 'id', 1, NULL, 'NO', 'int', NULL, 10, 0), "
    "('dbo', 'addresses', 'user_id', 2, NULL, 'NO', 'int', NULL, 10, 0), "
    "('dbo', 'addresses', 'email', 3, NULL, 'YES', 'varchar', 100, NULL, NULL), "
    "('dbo', 'addresses', 'seen', 4, NULL, 'YES', 'datetimeoffset', NULL, NULL, NULL), "
    "('dbo', 'addresses', 'photo', 5, NULL, 'YES', 'varbinary', -1, NULL, NULL)",
    "CREATE TABLE INFORMATION_SCHEMA.TABLE_CONSTRAINTS (CONSTRAINT_SCHEMA VARCHAR(128), CONSTRAINT_NAME VARCHAR(128), "
    "TABLE_SCHEMA VARCHAR(128), TABLE_NAME VARCHAR(128), CONSTRAINT_TYPE VARCHAR(11))",
    "INSERT INTO INFORMATION_SCHEMA.TABLE_CONSTRAINTS VALUES "
    "('dbo', 'PK__users__3213E83F', 'dbo', 'users', 'PRIMARY KEY'), ('dbo', 'uq_users_name', 'dbo', 'users', 'UNIQUE'), "
    "('dbo', 'ck_users_balance', 'dbo', 'users', 'CHECK'), ('dbo', 'PK__addresses__1', 'dbo', 'addresses', 'PRIMARY KEY'), "
    "('dbo', 'fk_addresses_user', 'dbo', 'addresses', 'FOREIGN KEY')",
    "CREATE TABLE INFORMATION_SCHEMA.KEY_COLUMN_USAGE (CONSTRAINT_SCHEMA VARCHAR(128), CONSTRAINT_NAME VARCHAR(128), "
    "TABLE_SCHEMA VARCHAR(128), TABLE_NAME VARCHAR(128), COLUMN_NAME VARCHAR(128), ORDINAL_POSITION INTEGER)",
    "INSERT INTO INFORMATION_SCHEMA.KEY_COLUMN_USAGE VALUES "
    "('dbo', 'PK__users__3213E83F', 'dbo', 'users', 'id', 1), ('dbo', 'uq_users_name', 'dbo', 'users', 'name', 1), "
    "('dbo', 'PK__addresses__1', 'dbo', 'addresses', 'id', 1), ('dbo', 'fk_addresses_user', 'dbo', 'addresses', 'user_id', 1)",
    "CREATE TABLE INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS (CONSTRAINT_SCHEMA VARCHAR(128), CONSTRAINT_NAME VARCHAR(128), "
    "UNIQUE_CONSTRAINT_SCHEMA VARCHAR(128), UNIQUE_CONSTRAINT_NAME VARCHAR(128), UPDATE_RULE VARCHAR(11), "
    "DELETE_RULE VARCHAR(11))",
    "INSERT INTO INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS VALUES "
    "('dbo', 'fk_addresses_user', 'dbo', 'PK__users__3213E83F', 'NO ACTION', 'CASCADE')",
    "CREATE TABLE sys.schemas (schema_id INTEGER, name VARCHAR(128))",
    "INSERT INTO sys.schemas VALUES (1, 'dbo'), (5, 'sales')",
    "CREATE TABLE sys.objects (object_id INTEGER, schema_id INTEGER, name VARCHAR(128))",
    "INSERT INTO sys.objects VALUES (101, 1, 'users'), (102, 1, 'addresses'), (103, 1, 'active_users'), (201, 5, 'orders')",
    "CREATE TABLE sys.tables (object_id INTEGER, schema_id INTEGER, name VARCHAR(128))",
    "INSERT INTO sys.tables VALUES (101, 1, 'users'), (102, 1, 'addresses'), (201, 5, 'orders')",
    "CREATE TABLE sys.columns (object_id INTEGER, column_id INTEGER, name VARCHAR(128), is_identity BIT)",
    "INSERT INTO sys.columns VALUES (101, 1, 'id', 1), (101, 2, 'name', 0), (101, 3, 'balance', 0), (101, 4, 'active', 0), "
    "(101, 5, 'created', 0), (101, 6, 'bio', 0), (101, 7, 'token', 0), (101, 8, 'balance_x2', 0), "
    "(102, 1, 'id', 1), (102, 2, 'user_id', 0), (102, 3, 'email', 0), (102, 4, 'seen', 0), (102, 5, 'photo', 0)",
    "CREATE TABLE sys.computed_columns (object_id INTEGER, column_id INTEGER, definition TEXT, is_persisted BIT)",
    "INSERT INTO sys.computed_columns VALUES (101, 8, '([balance]*(2))', 1)",
    "CREATE TABLE sys.extended_properties (class INTEGER, major_id INTEGER, minor_id INTEGER, name VARCHAR(128), value TEXT)",
    "INSERT INTO sys.extended_properties VALUES (1, 101, 0, 'MS_Description', 'people who log in'), "
    "(1, 101, 2, 'MS_Description', 'login name'), (1, 101, 3, 'Other', 'not a comment')",
    "CREATE TABLE sys.indexes (object_id INTEGER, index_id INTEGER, name VARCHAR(128), type INTEGER, is_unique BIT, "
    "is_primary_key BIT, is_unique_constraint BIT, filter_definition TEXT)",
    "INSERT INTO sys.indexes VALUES (101, 0, NULL, 0, 0, 0, 0, NULL), (101, 1, 'PK__users__3213E83F', 1, 1, 1, 0, NULL), "
    "(101, 2, 'uq_users_name', 2, 1, 0, 1, NULL), (101, 3, 'ix_users_created', 2, 0, 0, 0, '([active]=(1))'), "
    "(102, 1, 'PK__addresses__1', 1, 1, 1, 0, NULL), (102, 2, 'ix_addresses_email', 2, 0, 0, 0, NULL)",
    "CREATE TABLE sys.index_columns (object_id INTEGER, index_id INTEGER, column_id INTEGER, key_ordinal INTEGER, "
    "is_included_column BIT)",
    "INSERT INTO sys.index_columns VALUES (101, 1, 1, 1, 0), (101, 2, 2, 1, 0), (101, 3, 5, 1, 0), (101, 3, 2, 0, 1), "
    "(102, 1, 1, 1, 0), (102, 2, 3, 1, 0), (102, 2, 2, 2, 0)",
    "CREATE TABLE sys.check_constraints (name VARCHAR(128), parent_object_id INTEGER, definition TEXT)",
    "INSERT INTO sys.check_constraints VALUES ('ck_users_balance', 101, '([balance]>=(0))')",
};

class MssqlReflection : public ::testing::Test {
protected:
    void SetUp() override {
        const auto stem = fs::temp_directory_path() / ("sqla_mssql_catalog_" + std::to_string(::getpid()));
        main_ = stem.string() + ".db";
        info_ = stem.string() + "_info.db";
        sys_ = stem.string() + "_sys.db";
        for (const auto& f : {main_, info_, sys_}) fs::remove(f);
        {
            auto seed = sqla::create_engine("sqlite:///" + main_);
            auto conn = seed.connect();
            attach(conn);
            for (const char* sql : mssql_catalog) conn.exec_driver_sql(sql);
            conn.commit();
        }
        engine_.emplace(sqla::create_engine("mssql+odbc:///" + main_ + "?driver=SQLite3"));
        conn_.emplace(engine_->connect());
        attach(*conn_);
    }
    void TearDown() override {
        conn_.reset();
        engine_.reset();
        for (const auto& f : {main_, info_, sys_}) fs::remove(f);
    }
    void attach(sqla::Connection& conn) {
        conn.exec_driver_sql("ATTACH DATABASE '" + info_ + "' AS INFORMATION_SCHEMA");
        conn.exec_driver_sql("ATTACH DATABASE '" + sys_ + "' AS sys");
    }
    std::string main_, info_, sys_;
    std::optional<sqla::Engine> engine_;
    std::optional<sqla::Connection> conn_;
};

}  // namespace

TEST_F(MssqlReflection, TablesViewsAndSchemas) {
    auto insp = sqla::inspect(*conn_);
    EXPECT_EQ(insp.get_schema_names(), (std::vector<std::string>{"dbo", "guest", "sales"}));
    EXPECT_EQ(insp.get_table_names("dbo"), (std::vector<std::string>{"addresses", "users"}));
    EXPECT_EQ(insp.get_table_names("sales"), (std::vector<std::string>{"orders"}));
    EXPECT_EQ(insp.get_view_names("dbo"), (std::vector<std::string>{"active_users"}));
    EXPECT_TRUE(insp.has_table("users", "dbo"));
    EXPECT_FALSE(insp.has_table("users", "sales"));
    EXPECT_THROW((void)insp.get_columns("nosuch", "dbo"), sqla::NoSuchTableError);
}

TEST_F(MssqlReflection, ColumnsKeysIndexesAndComments) {
    auto insp = sqla::inspect(*conn_);
    const auto cols = insp.get_columns("users", "dbo");
    ASSERT_EQ(cols.size(), 8u);
    EXPECT_EQ(cols[0].type, sqla::TypeEngine(sqla::Integer{}));
    EXPECT_EQ(cols[0].autoincrement, true);  // IDENTITY
    EXPECT_EQ(cols[1].type, sqla::TypeEngine(sqla::Unicode{50}));
    EXPECT_EQ(cols[1].type_sql, "nvarchar(50)");
    EXPECT_EQ(cols[1].comment, "login name");
    EXPECT_EQ(cols[1].autoincrement, false);
    EXPECT_EQ(cols[2].type, sqla::TypeEngine(sqla::Numeric{10, 2}));
    EXPECT_EQ(cols[2].server_default, "((0))");
    EXPECT_EQ(cols[2].comment, std::nullopt);  // another extended property, not MS_Description
    EXPECT_EQ(cols[3].type, sqla::TypeEngine(sqla::Boolean{}));
    EXPECT_EQ(cols[4].type, sqla::TypeEngine(sqla::DateTime{}));
    EXPECT_EQ(cols[5].type, sqla::TypeEngine(sqla::UnicodeText{}));  // nvarchar(max)
    EXPECT_EQ(cols[6].type, sqla::TypeEngine(sqla::Uuid{}));
    EXPECT_EQ(cols[7].computed, "[balance]*(2)");
    EXPECT_TRUE(cols[7].computed_persisted);
    const auto addr = insp.get_columns("addresses", "dbo");
    EXPECT_EQ(addr[2].type, sqla::TypeEngine(sqla::String{100}));
    EXPECT_EQ(addr[3].type, sqla::TypeEngine(sqla::DateTime{.timezone = true}));
    EXPECT_EQ(addr[4].type, sqla::TypeEngine(sqla::LargeBinary{}));

    const auto pk = insp.get_pk_constraint("users", "dbo");
    EXPECT_EQ(pk.name, "PK__users__3213E83F");
    EXPECT_EQ(pk.columns, (std::vector<std::string>{"id"}));
    const auto fks = insp.get_foreign_keys("addresses", "dbo");
    ASSERT_EQ(fks.size(), 1u);
    EXPECT_EQ(fks[0].name, "fk_addresses_user");
    EXPECT_EQ(fks[0].referred_table, "users");
    EXPECT_EQ(fks[0].referred_columns, (std::vector<std::string>{"id"}));
    EXPECT_EQ(fks[0].referred_schema, std::nullopt);
    EXPECT_EQ(fks[0].ondelete, "CASCADE");
    EXPECT_EQ(fks[0].onupdate, std::nullopt);
    const auto uqs = insp.get_unique_constraints("users", "dbo");
    ASSERT_EQ(uqs.size(), 1u);
    EXPECT_EQ(uqs[0].columns, (std::vector<std::string>{"name"}));
    const auto cks = insp.get_check_constraints("users", "dbo");
    ASSERT_EQ(cks.size(), 1u);
    EXPECT_EQ(cks[0].sqltext, "[balance]>=(0)");
    // The heap (type 0) and the primary key's index are not listed; INCLUDE columns are not keys.
    const auto ixs = insp.get_indexes("users", "dbo");
    ASSERT_EQ(ixs.size(), 2u);
    EXPECT_EQ(ixs[0].name, "ix_users_created");
    EXPECT_EQ(ixs[0].columns, (std::vector<std::optional<std::string>>{"created"}));
    EXPECT_EQ(ixs[0].dialect_options, (std::vector<std::pair<std::string, std::string>>{{"mssql_where", "[active]=(1)"}}));
    EXPECT_EQ(ixs[1].duplicates_constraint, "uq_users_name");
    EXPECT_EQ(insp.get_indexes("addresses", "dbo")[0].columns, (std::vector<std::optional<std::string>>{"email", "user_id"}));
    EXPECT_EQ(insp.get_table_comment("users", "dbo"), "people who log in");
    EXPECT_EQ(insp.get_table_comment("addresses", "dbo"), std::nullopt);
}

TEST_F(MssqlReflection, ReflectedTablesRenderSqlServersDdl) {
    sqla::MetaData metadata;
    auto addresses = metadata.reflect_table(*conn_, "addresses", "dbo");
    const auto users = metadata.table("dbo.users");
    const auto ddl = sqla::compile(sqla::CreateTable(users), engine_->dialect()).sql;
    EXPECT_NE(ddl.find("id INTEGER NOT NULL IDENTITY"), std::string::npos) << ddl;
    EXPECT_NE(ddl.find("name NVARCHAR(50) NOT NULL"), std::string::npos) << ddl;
    EXPECT_NE(ddl.find("balance NUMERIC(10, 2) NULL DEFAULT ((0))"), std::string::npos) << ddl;
    EXPECT_NE(ddl.find("CONSTRAINT [PK__users__3213E83F] PRIMARY KEY (id)"), std::string::npos) << ddl;
    const auto addresses_ddl = sqla::compile(sqla::CreateTable(addresses), engine_->dialect()).sql;
    EXPECT_NE(addresses_ddl.find("REFERENCES dbo.users (id) ON DELETE CASCADE"), std::string::npos) << addresses_ddl;
}
