// sqla: tests/sqla/schema/ddl_test.cpp. MetaData, Table declarations and DDL: what CREATE TABLE
// and friends render per dialect, and create_all/drop_all against a live SQLite database.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

import sqla;

namespace {

using namespace sqla;

std::string sql_for(const Executable& stmt, std::string_view dialect) {
    return compile(stmt, *registry().dialect(std::string(dialect))).sql;
}

// users <- orders <- order_lines -> items; declared out of dependency order on purpose.
struct Shop {
    MetaData metadata;
    Table lines{metadata, "order_lines",
                Column{"order_id", Integer{}, primary_key, ForeignKey("orders.id", {.ondelete = "CASCADE"})},
                Column{"item_id", Integer{}, primary_key, ForeignKey("items.id")},
                Column{"quantity", Integer{}, not_null, server_default(text("1"))}};
    Table orders{metadata, "orders", Column{"id", Integer{}, primary_key},
                 Column{"user_id", Integer{}, not_null, ForeignKey("users.id"), sqla::index},
                 Column{"status", String{20}, not_null, server_default("new")}};
    Table items{metadata, "items", Column{"id", Integer{}, primary_key}, Column{"sku", String{20}, unique, not_null}};
    Table users{metadata, "users", Column{"id", Integer{}, primary_key}, Column{"name", String{50}, not_null},
                CheckConstraint("length(name) > 0", {.name = "ck_users_name"})};
};

TEST(MetaData, SortsTablesByForeignKeyDependency) {
    Shop shop;
    std::vector<std::string> names;
    for (const auto& t : shop.metadata.sorted_tables()) names.push_back(t.name());
    EXPECT_EQ(names, (std::vector<std::string>{"items", "users", "orders", "order_lines"}));
}

TEST(MetaData, CreateAllAndDropAllOnSqliteAreIdempotent) {
    Shop shop;
    auto engine = create_engine("sqlite://");
    shop.metadata.create_all(engine);
    auto conn = engine.connect();
    auto tables = [&] {
        std::vector<std::string> out;
        for (const auto& row : conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
            out.push_back(row.get<std::string>(0));
        return out;
    };
    EXPECT_EQ(tables(), (std::vector<std::string>{"items", "order_lines", "orders", "users"}));
    // index=True made ix_orders_user_id (SQLAlchemy's default naming convention).
    EXPECT_TRUE(conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'ix_orders_user_id'")
                    .first()
                    .has_value());
    conn.close();
    shop.metadata.create_all(engine);  // checkfirst: nothing to do, no error
    // The constraints are real: the CHECK refuses an empty name. (Foreign keys too, once
    // PRAGMA foreign_keys=ON runs outside a transaction, which needs connect events.)
    conn = engine.connect();
    conn.execute(insert(shop.users).values({{"id", 1}, {"name", "ann"}}));
    conn.execute(insert(shop.orders).values({{"id", 1}, {"user_id", 1}}));
    EXPECT_EQ(conn.execute(select(shop.orders.c("status"))).scalar_one().as<std::string>(), "new");
    EXPECT_THROW(conn.execute(insert(shop.users).values({{"id", 2}, {"name", ""}})), IntegrityError);
    EXPECT_THROW(conn.execute(insert(shop.items).values({{"id", 1}})), IntegrityError);  // sku NOT NULL
    conn.rollback();
    conn.close();
    shop.metadata.drop_all(engine);
    conn = engine.connect();
    EXPECT_TRUE(tables().empty());
    conn.close();
    shop.metadata.drop_all(engine);  // checkfirst: nothing left to drop, no error
    EXPECT_THROW(shop.metadata.drop_all(engine, /*checkfirst=*/false), OperationalError);
}

TEST(CreateTable, RendersColumnsConstraintsAndDefaults) {
    Shop shop;
    EXPECT_EQ(sql_for(CreateTable(shop.orders), "sqlite"),
              "\nCREATE TABLE orders (\n\tid INTEGER NOT NULL, \n\tuser_id INTEGER NOT NULL, \n\tstatus VARCHAR(20) "
              "DEFAULT 'new' NOT NULL, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(user_id) REFERENCES users (id)\n)\n\n");
    EXPECT_EQ(sql_for(CreateTable(shop.orders), "postgresql"),
              "\nCREATE TABLE orders (\n\tid SERIAL NOT NULL, \n\tuser_id INTEGER NOT NULL, \n\tstatus VARCHAR(20) "
              "DEFAULT 'new' NOT NULL, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(user_id) REFERENCES users (id)\n)\n\n");
    EXPECT_EQ(sql_for(CreateTable(shop.lines), "mysql"),
              "\nCREATE TABLE order_lines (\n\torder_id INTEGER NOT NULL, \n\titem_id INTEGER NOT NULL, \n\tquantity "
              "INTEGER NOT NULL DEFAULT 1, \n\tPRIMARY KEY (order_id, item_id), \n\tFOREIGN KEY(order_id) REFERENCES "
              "orders (id) ON DELETE CASCADE, \n\tFOREIGN KEY(item_id) REFERENCES items (id)\n)\n\n");
    EXPECT_EQ(sql_for(CreateTable(shop.items), "mssql"),
              "\nCREATE TABLE items (\n\tid INTEGER NOT NULL IDENTITY, \n\tsku VARCHAR(20) NOT NULL, \n\tPRIMARY KEY "
              "(id), \n\tUNIQUE (sku)\n)\n\n");
    EXPECT_EQ(sql_for(DropTable(shop.items, {.if_exists = true}), "postgresql"), "\nDROP TABLE IF EXISTS items");
}

TEST(MetaData, NamingConventionNamesConstraintsAndIndexes) {
    MetaData metadata({{"pk", "pk_%(table_name)s"},
                       {"fk", "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"},
                       {"uq", "uq_%(table_name)s_%(column_0_N_name)s"},
                       {"ck", "ck_%(table_name)s_%(constraint_name)s"}});
    Table users(metadata, "users", Column{"id", Integer{}, primary_key}, Column{"email", String{100}, unique});
    Table posts(metadata, "posts", Column{"id", Integer{}, primary_key},
                Column{"author_id", Integer{}, ForeignKey("users.id")}, Column{"score", Integer{}, sqla::index},
                CheckConstraint("score >= 0", {.name = "score_positive"}));
    EXPECT_EQ(sql_for(CreateTable(posts), "sqlite"),
              "\nCREATE TABLE posts (\n\tid INTEGER NOT NULL, \n\tauthor_id INTEGER, \n\tscore INTEGER, \n\tCONSTRAINT "
              "pk_posts PRIMARY KEY (id), \n\tCONSTRAINT ck_posts_score_positive CHECK (score >= 0), \n\tCONSTRAINT "
              "fk_posts_author_id_users FOREIGN KEY(author_id) REFERENCES users (id)\n)\n\n");
    EXPECT_EQ(*users.definition().constraints().front().name(), "uq_users_email");
    EXPECT_EQ(sql_for(CreateIndex(posts.definition().indexes().front()), "postgresql"),
              "CREATE INDEX ix_posts_score ON posts (score)");
    // %(constraint_name)s needs a name to put there.
    EXPECT_THROW(Table(metadata, "bad", Column{"x", Integer{}}, CheckConstraint("x > 0")), InvalidRequestError);
}

TEST(CreateIndex, FunctionalUniqueAndDialectOptions) {
    MetaData metadata;
    Table t(metadata, "docs", Column{"id", Integer{}, primary_key}, Column{"title", String{200}},
            Column{"published", Boolean{}});
    Index lower_title("ix_docs_lower_title", {func("lower", {t.c("title")})},
                      {.unique = true, .dialect_options = {{"postgresql_where", t.c("published") == true},
                                                          {"postgresql_using", std::string("btree")}}});
    EXPECT_EQ(sql_for(CreateIndex(lower_title), "postgresql"),
              "CREATE UNIQUE INDEX ix_docs_lower_title ON docs USING btree (lower(title)) WHERE published = true");
    EXPECT_EQ(sql_for(CreateIndex(lower_title), "sqlite"), "CREATE UNIQUE INDEX ix_docs_lower_title ON docs (lower(title))");
    // Built over the table's columns, the index belongs to the table.
    ASSERT_EQ(t.definition().indexes().size(), 1u);
    EXPECT_EQ(sql_for(DropIndex(lower_title), "mysql"), "\nDROP INDEX ix_docs_lower_title ON docs");
    EXPECT_THROW(Table(metadata, "bad", Column{"x", Integer{}}, Index("ix_bad", {"nope"})), ArgumentError);
}

TEST(MetaData, ForeignKeyCyclesUseAlterWhereTheDatabaseHasIt) {
    MetaData metadata;
    Table a(metadata, "a", Column{"id", Integer{}, primary_key},
            Column{"b_id", Integer{}, ForeignKey("b.id", {.name = "fk_a_b", .use_alter = true})});
    Table b(metadata, "b", Column{"id", Integer{}, primary_key}, Column{"a_id", Integer{}, ForeignKey("a.id")});
    // PostgreSQL creates a without its key, then adds it.
    EXPECT_EQ(sql_for(CreateTable(a), "postgresql"),
              "\nCREATE TABLE a (\n\tid SERIAL NOT NULL, \n\tb_id INTEGER, \n\tPRIMARY KEY (id)\n)\n\n");
    EXPECT_EQ(sql_for(AddConstraint(a, a.definition().constraints().front()), "postgresql"),
              "ALTER TABLE a ADD CONSTRAINT fk_a_b FOREIGN KEY(b_id) REFERENCES b (id)");
    EXPECT_EQ(sql_for(DropConstraint(a, a.definition().constraints().front()), "mysql"),
              "ALTER TABLE a DROP FOREIGN KEY fk_a_b");
    // SQLite has no ALTER ... ADD CONSTRAINT: the key stays inline, and create_all works.
    EXPECT_NE(sql_for(CreateTable(a), "sqlite").find("CONSTRAINT fk_a_b FOREIGN KEY(b_id) REFERENCES b (id)"),
              std::string::npos);
    auto engine = create_engine("sqlite://");
    metadata.create_all(engine);
    auto conn = engine.connect();
    EXPECT_TRUE(engine.dialect().has_table(conn, "a", std::nullopt));
    EXPECT_TRUE(engine.dialect().has_table(conn, "b", std::nullopt));
    EXPECT_FALSE(engine.dialect().has_table(conn, "c", std::nullopt));
}

TEST(CreateTable, IdentitySequencesAndComments) {
    MetaData metadata;
    Table t(metadata, "events",
            Column{"id", BigInteger{}, primary_key, Identity{.always = true, .options = {.start = 100, .increment = 5}}},
            Column{"code", Integer{}, Sequence("events_code_seq", {.start = 1})},
            Column{"note", Text{}, comment("free text")}, TableOptions{.comment = "audit events"});
    EXPECT_EQ(sql_for(CreateTable(t), "postgresql"),
              "\nCREATE TABLE events (\n\tid BIGINT GENERATED ALWAYS AS IDENTITY (INCREMENT BY 5 START WITH 100), "
              "\n\tcode INTEGER, \n\tnote TEXT, \n\tPRIMARY KEY (id)\n)\n\n");
    EXPECT_EQ(sql_for(CreateTable(t), "mssql"),
              "\nCREATE TABLE events (\n\tid BIGINT NOT NULL IDENTITY(100,5), \n\tcode INTEGER NULL, \n\tnote TEXT NULL, "
              "\n\tPRIMARY KEY (id)\n)\n\n");
    EXPECT_EQ(sql_for(CreateTable(t), "mysql"),
              "\nCREATE TABLE events (\n\tid BIGINT NOT NULL AUTO_INCREMENT, \n\tcode INTEGER, \n\tnote TEXT COMMENT 'free "
              "text', \n\tPRIMARY KEY (id)\n)COMMENT='audit events'\n\n");
    EXPECT_EQ(sql_for(CreateSequence(*t.definition().column("code")->sequence()), "postgresql"),
              "CREATE SEQUENCE events_code_seq START WITH 1");
    EXPECT_THROW((void)sql_for(CreateSequence(*t.definition().column("code")->sequence()), "sqlite"), CompileError);
    EXPECT_EQ(sql_for(SetTableComment(t), "postgresql"), "COMMENT ON TABLE events IS 'audit events'");
    EXPECT_EQ(sql_for(SetColumnComment(t, "note"), "oracle"), "COMMENT ON COLUMN events.note IS 'free text'");
}

// mysql::DATETIME/TIME(fsp) keep fractional seconds; other dialects refuse them; BLOB takes a length.
TEST(CreateTable, MysqlFractionalSecondsAndBlobLength) {
    MetaData metadata;
    Table t(metadata, "events", Column{"id", Integer{}, primary_key}, Column{"at", sqla::mysql::DATETIME{.fsp = 6}},
            Column{"span", sqla::mysql::TIME{.fsp = 3}}, Column{"plain", DateTime{}},
            Column{"data", LargeBinary{.length = 1000}});
    EXPECT_EQ(sql_for(CreateTable(t), "mysql"),
              "\nCREATE TABLE events (\n\tid INTEGER NOT NULL AUTO_INCREMENT, \n\tat DATETIME(6), \n\tspan TIME(3), "
              "\n\tplain DATETIME, \n\tdata BLOB(1000), \n\tPRIMARY KEY (id)\n)\n\n");
    EXPECT_THROW((void)sql_for(CreateTable(t), "postgresql"), CompileError);
}

TEST(CreateTable, TypesPerDialect) {
    MetaData metadata;
    Table t(metadata, "typed", Column{"id", Integer{}, primary_key}, Column{"u", Uuid{}}, Column{"j", JSON{}},
            Column{"tags", Array{.item = String{20}}},
            Column{"size", Enum{.values = {"s", "m", "xl"}, .name = "size_kind"}},
            Column{"at", DateTime{.timezone = true}});
    EXPECT_EQ(sql_for(CreateTable(t), "postgresql"),
              "\nCREATE TABLE typed (\n\tid SERIAL NOT NULL, \n\tu UUID, \n\tj JSON, \n\ttags VARCHAR(20)[], \n\tsize "
              "size_kind, \n\tat TIMESTAMP WITH TIME ZONE, \n\tPRIMARY KEY (id)\n)\n\n");
    // ARRAY is PostgreSQL's: elsewhere CREATE TABLE fails and says where.
    try {
        (void)sql_for(CreateTable(t), "mysql");
        FAIL() << "expected CompileError";
    } catch (const CompileError& e) {
        EXPECT_NE(std::string(e.what()).find("(in table 'typed', column 'tags')"), std::string::npos) << e.what();
    }
    MetaData m2;
    Table no_array(m2, "typed", Column{"id", Integer{}, primary_key}, Column{"u", Uuid{}},
                   Column{"size", Enum{.values = {"s", "m", "xl"}, .name = "size_kind"}});
    EXPECT_EQ(sql_for(CreateTable(no_array), "mysql"),
              "\nCREATE TABLE typed (\n\tid INTEGER NOT NULL AUTO_INCREMENT, \n\tu CHAR(32), \n\tsize "
              "ENUM('s','m','xl'), \n\tPRIMARY KEY (id)\n)\n\n");
    EXPECT_EQ(sql_for(CreateTable(no_array), "mssql"),
              "\nCREATE TABLE typed (\n\tid INTEGER NOT NULL IDENTITY, \n\tu UNIQUEIDENTIFIER NULL, \n\tsize VARCHAR(2) "
              "NULL, \n\tPRIMARY KEY (id)\n)\n\n");
}

TEST(CreateTable, SqliteAutoincrementKeyword) {
    MetaData metadata;
    Table t(metadata, "log", Column{"id", Integer{}, primary_key}, Column{"msg", Text{}},
            TableOptions{.dialect_options = {{"sqlite_autoincrement", true}}});
    EXPECT_EQ(sql_for(CreateTable(t), "sqlite"),
              "\nCREATE TABLE log (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n\tmsg TEXT\n)\n\n");
    auto engine = create_engine("sqlite://");
    metadata.create_all(engine);
    auto conn = engine.connect();
    EXPECT_EQ(conn.execute(insert(t).values({{"msg", "a"}})).inserted_primary_key().at(0).as<std::int64_t>(), 1);
    Index concurrent("ix_log_msg", {t.c("msg")}, {.dialect_options = {{"postgresql_concurrently", true}}});
    EXPECT_EQ(sql_for(CreateIndex(concurrent), "postgresql"), "CREATE INDEX CONCURRENTLY ix_log_msg ON log (msg)");
}

TEST(CreateEnumType, PostgresqlNamesItsEnums) {
    const TypeEngine size = Enum{.values = {"s", "m", "it's"}, .name = "size_kind"};
    EXPECT_EQ(sql_for(CreateEnumType(size), "postgresql"), "CREATE TYPE size_kind AS ENUM ('s', 'm', 'it''s')");
    EXPECT_EQ(sql_for(DropEnumType(size), "postgresql"), "DROP TYPE size_kind");
    EXPECT_THROW((void)sql_for(CreateEnumType(size), "mysql"), CompileError);  // MySQL's ENUM is inline
    EXPECT_THROW(CreateEnumType(Enum{.values = {"a"}}), ArgumentError);      // no name
    EXPECT_THROW(CreateEnumType(Integer{}), ArgumentError);
}

TEST(Table, DeclarationErrorsNameWhatIsWrong) {
    MetaData metadata;
    Table t(metadata, "t", Column{"id", Integer{}, primary_key});
    try {
        (void)t.c("missing");
        FAIL();
    } catch (const NoSuchColumnError& e) {
        EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos);
    }
    EXPECT_THROW(Table(metadata, "t", Column{"id", Integer{}}), InvalidRequestError);
    EXPECT_THROW(Table(metadata, "u", Column{"a", Integer{}}, Column{"a", Integer{}}), ArgumentError);
    EXPECT_THROW(Table(metadata, "v", Column{"a", Integer{}}, PrimaryKeyConstraint({"b"})), ArgumentError);
    EXPECT_THROW(Table(metadata, "w", Column{"a", String{10}, primary_key, autoincrement}), ArgumentError);
    EXPECT_THROW(ForeignKey("no_dot"), ArgumentError);
}

}  // namespace
