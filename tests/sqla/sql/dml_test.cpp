// sqla: tests/sqla/sql/dml_test.cpp. insert(), update() and delete_() render SQLAlchemy's SQL (the
// corpus's sqlite strings) and run on SQLite.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

import sqla;

namespace {

using sqla::Column;
using sqla::Table;

// A subset of the corpus schema (tests/data/corpus/schema.json), declared in C++.
struct Schema {
    sqla::MetaData metadata;
    Table gc_users{metadata,
                   "gc_users",
                   Column{"id", sqla::Integer{}, sqla::primary_key},
                   Column{"name", sqla::String{50}, sqla::not_null},
                   Column{"age", sqla::Integer{}},
                   Column{"is_active", sqla::Boolean{}}};
    Table gc_items{metadata,
                   "gc_items",
                   Column{"id", sqla::Integer{}, sqla::primary_key},
                   Column{"sku", sqla::String{20}},
                   Column{"price", sqla::Numeric{10, 2}},
                   Column{"stock", sqla::Integer{}}};
    Table gc_keywords{metadata, "gc_keywords", Column{"id", sqla::Integer{}, sqla::primary_key},
                      Column{"word", sqla::Unicode{40}}, Column{"group", sqla::String{20}}};
    Table gc_EventLog{metadata, "gc_EventLog", Column{"id", sqla::BigInteger{}, sqla::primary_key},
                      Column{"user_id", sqla::Integer{}}, Column{"level", sqla::SmallInteger{}},
                      Column{"payload", sqla::LargeBinary{}}};
};

class DMLCompile : public ::testing::Test {
protected:
    // Renders for the SQLite dialect (qmark): SQL and the statement's own values (NULL where
    // the execution must give one). `column_keys` stands for the execution's parameter keys.
    std::pair<std::string, std::vector<sqla::Value>> render(
        const sqla::Executable& stmt, std::optional<std::vector<std::string>> column_keys = std::nullopt,
        const sqla::Dialect* dialect = nullptr) {
        sqla::CacheKey key;
        stmt.element().append_cache_key(key);
        key.column_keys = std::move(column_keys);
        const auto& d = dialect ? *dialect : engine_.dialect();
        auto compiled = d.statement_compiler(sqla::ParamStyle::qmark)->compile(stmt.element(), key);
        std::vector<sqla::Value> values;
        for (const auto& slot : compiled.binds) {
            if (slot.extracted >= 0 && key.binds[static_cast<std::size_t>(slot.extracted)]->value())
                values.push_back(*key.binds[static_cast<std::size_t>(slot.extracted)]->value());
            else
                values.push_back(slot.value.value_or(sqla::Value()));
        }
        return {compiled.sql, values};
    }
    void expect(const sqla::Executable& stmt, const std::string& sql, const std::vector<sqla::Value>& params = {},
                std::optional<std::vector<std::string>> column_keys = std::nullopt) {
        auto [got_sql, got_params] = render(stmt, std::move(column_keys));
        EXPECT_EQ(got_sql, sql);
        EXPECT_EQ(got_params, params) << "for " << sql;
    }

    sqla::Engine engine_ = sqla::create_engine("sqlite://");
    Schema s_;
};

TEST_F(DMLCompile, InsertSingleRowNamesBindsAfterColumns) {
    auto k = s_.gc_keywords;
    expect(sqla::insert(k).values({{"id", 100}, {"word", "zeta"}, {"group", "misc"}}),
           "INSERT INTO gc_keywords (id, word, \"group\") VALUES (?, ?, ?)", {100, "zeta", "misc"});
    // Columns render in the table's order whatever the order given.
    expect(sqla::insert(k).values({{"word", "omega"}, {"id", 7}}), "INSERT INTO gc_keywords (id, word) VALUES (?, ?)",
           {7, "omega"});
    sqla::CacheKey key;
    sqla::insert(k).values({{"word", "omega"}}).element().append_cache_key(key);
    auto compiled = engine_.dialect().statement_compiler(sqla::ParamStyle::named)->compile(
        sqla::insert(k).values({{"word", "omega"}}).element(), key);
    EXPECT_EQ(compiled.sql, "INSERT INTO gc_keywords (word) VALUES (:word)");
}

TEST_F(DMLCompile, InsertMultiRowValues) {
    auto k = s_.gc_keywords;
    auto stmt = sqla::insert(k).values(std::vector<sqla::ValuesRow>{
        {{"id", 101}, {"word", "alpha"}, {"group", std::nullopt}}, {{"id", 102}, {"word", "beta"}, {"group", "greek"}}});
    expect(stmt, "INSERT INTO gc_keywords (id, word, \"group\") VALUES (?, ?, ?), (?, ?, ?)",
           {101, "alpha", sqla::Value(), 102, "beta", "greek"});
    sqla::CacheKey key;
    stmt.element().append_cache_key(key);
    auto compiled = engine_.dialect().statement_compiler(sqla::ParamStyle::named)->compile(stmt.element(), key);
    EXPECT_EQ(compiled.sql,
              "INSERT INTO gc_keywords (id, word, \"group\") VALUES (:id_m0, :word_m0, :group_m0), "
              "(:id_m1, :word_m1, :group_m1)");
    EXPECT_THROW((void)sqla::insert(k).values(std::vector<sqla::ValuesRow>{{{"id", 1}}, {{"word", "x"}}}),
                 sqla::ArgumentError);
}

TEST_F(DMLCompile, InsertExpressionsAndSubqueries) {
    auto k = s_.gc_keywords;
    expect(sqla::insert(k).values({{"id", 103}, {"word", sqla::func("upper", {sqla::literal("up")})}}),
           "INSERT INTO gc_keywords (id, word) VALUES (?, upper(?))", {103, "up"});
    expect(sqla::insert(k).values(
               {{"id", sqla::select(sqla::func("max", {k.c("id")}) + 1).scalar_subquery()}, {"word", "next"}}),
           "INSERT INTO gc_keywords (id, word) VALUES ((SELECT max(gc_keywords.id) + ? AS anon_1 \nFROM gc_keywords), ?)",
           {1, "next"});
}

TEST_F(DMLCompile, InsertFromSelect) {
    auto k = s_.gc_keywords;
    auto u = s_.gc_users;
    expect(sqla::insert(k).from_select({"id", "word"}, sqla::select(u.c("id") + 100, u.c("name")).where(u.c("id") <= 3)),
           "INSERT INTO gc_keywords (id, word) SELECT gc_users.id + ? AS anon_1, gc_users.name \nFROM gc_users \n"
           "WHERE gc_users.id <= ?",
           {100, 3});
    EXPECT_THROW((void)sqla::insert(k).from_select({"nope"}, sqla::select(u.c("id"))), sqla::ArgumentError);
}

TEST_F(DMLCompile, InsertColumnsFromExecutionKeys) {
    auto k = s_.gc_keywords;
    // Compiled alone: every column, each value required at execution.
    expect(sqla::insert(k), "INSERT INTO gc_keywords (id, word, \"group\") VALUES (?, ?, ?)",
           {sqla::Value(), sqla::Value(), sqla::Value()});
    expect(sqla::insert(k), "INSERT INTO gc_keywords (word) VALUES (?)", {sqla::Value()},
           std::vector<std::string>{"word"});
    expect(sqla::insert(k), "INSERT INTO gc_keywords DEFAULT VALUES", {}, std::vector<std::string>{});
    // Statement values and execution keys together.
    expect(sqla::insert(k).values({{"word", "w"}}), "INSERT INTO gc_keywords (word, \"group\") VALUES (?, ?)",
           {"w", sqla::Value()}, std::vector<std::string>{"group"});
}

TEST_F(DMLCompile, UnknownColumnsAreUnconsumed) {
    auto k = s_.gc_keywords;
    try {
        (void)render(sqla::insert(k).values({{"nope", 1}}));
        FAIL() << "no CompileError";
    } catch (const sqla::CompileError& e) {
        EXPECT_NE(std::string(e.what()).find("Unconsumed column names: nope"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)render(sqla::update(k).values({{"nope", 1}})), sqla::CompileError);
}

TEST_F(DMLCompile, UpdateSetAndWhere) {
    auto u = s_.gc_users;
    auto i = s_.gc_items;
    expect(sqla::update(u).where(u.c("id") == 2).values({{"age", 46}}), "UPDATE gc_users SET age=? WHERE gc_users.id = ?",
           {46, 2});
    expect(sqla::update(i).where(i.c("stock") > 0).values({{"stock", i.c("stock") - 1}}),
           "UPDATE gc_items SET stock=(gc_items.stock - ?) WHERE gc_items.stock > ?", {1, 0});
    // SET in table order for values(), in the given order for ordered_values().
    expect(sqla::update(i).values({{"stock", 0}, {"price", 2}}), "UPDATE gc_items SET price=?, stock=?", {2, 0});
    expect(sqla::update(i).where(i.c("id") == 5).ordered_values({{i.c("stock"), 0}, {i.c("price"), i.c("price") * 2}}),
           "UPDATE gc_items SET stock=?, price=(gc_items.price * ?) WHERE gc_items.id = ?", {0, 2, 5});
    // Several where() calls are AND-ed.
    expect(sqla::update(u).where(u.c("id") > 1).where(u.c("age") < 30).values({{"is_active", false}}),
           "UPDATE gc_users SET is_active=? WHERE gc_users.id > ? AND gc_users.age < ?", {false, 1, 30});
    // A subquery on the target table keeps its FROM (correlating would leave it none).
    expect(sqla::update(i)
               .where(i.c("price") > sqla::select(sqla::func("avg", {i.c("price")})).scalar_subquery())
               .values({{"stock", 0}}),
           "UPDATE gc_items SET stock=? WHERE gc_items.price > (SELECT avg(gc_items.price) AS avg_1 \nFROM gc_items)",
           {0});
}

TEST_F(DMLCompile, UpdateWithCorrelatedSubqueryValue) {
    Table orders{s_.metadata, "gc_orders", Column{"id", sqla::Integer{}, sqla::primary_key},
                 Column{"user_id", sqla::Integer{}}};
    auto u = s_.gc_users;
    // The subquery's reference to the updated table correlates to it, as SQLAlchemy does.
    expect(sqla::update(u).values(
               {{"age", sqla::select(sqla::func("count")).select_from(orders).where(orders.c("user_id") == u.c("id"))
                            .scalar_subquery()}}),
           "UPDATE gc_users SET age=(SELECT count(*) AS count_1 \nFROM gc_orders \nWHERE gc_orders.user_id = gc_users.id)");
}

TEST_F(DMLCompile, UpdateWithBindparamsAndExecutionKeys) {
    auto i = s_.gc_items;
    expect(sqla::update(i).where(i.c("id") == sqla::bindparam("b_id")).values({{"stock", sqla::bindparam("b_stock")}}),
           "UPDATE gc_items SET stock=? WHERE gc_items.id = ?", {sqla::Value(), sqla::Value()});
    expect(sqla::update(i).where(i.c("id") == sqla::bindparam("b_id")), "UPDATE gc_items SET sku=? WHERE gc_items.id = ?",
           {sqla::Value(), sqla::Value()}, std::vector<std::string>{"b_id", "sku"});
    EXPECT_THROW((void)render(sqla::update(i), std::vector<std::string>{}), sqla::CompileError);
    // A bindparam named as a column the statement sets would share its value: refused.
    try {
        (void)render(sqla::update(i).where(i.c("id") == sqla::bindparam("stock")).values({{"stock", 5}}));
        FAIL() << "no CompileError";
    } catch (const sqla::CompileError& e) {
        EXPECT_NE(std::string(e.what()).find("bindparam() name 'stock' is reserved"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)render(sqla::update(i).where(i.c("id") == sqla::bindparam("sku")), std::vector<std::string>{"sku"}),
                 sqla::CompileError);
    // The same bindparam in SET and WHERE is one parameter, and allowed.
    expect(sqla::update(i).where(i.c("stock") != sqla::bindparam("stock")).values({{"stock", sqla::bindparam("stock")}}),
           "UPDATE gc_items SET stock=? WHERE gc_items.stock != ?", {sqla::Value(), sqla::Value()});
}

TEST_F(DMLCompile, MultiTableCriteriaAreRefused) {
    auto u = s_.gc_users;
    auto i = s_.gc_items;
    try {
        (void)render(sqla::update(i).where(i.c("id") == u.c("id")).values({{"stock", 1}}));
        FAIL() << "no CompileError";
    } catch (const sqla::CompileError& e) {
        EXPECT_NE(std::string(e.what()).find("multiple-table criteria within UPDATE"), std::string::npos);
    }
    EXPECT_THROW((void)render(sqla::delete_(i).where(i.c("id") == u.c("id"))), sqla::CompileError);
}

TEST_F(DMLCompile, Delete) {
    auto u = s_.gc_users;
    auto ev = s_.gc_EventLog;
    expect(sqla::delete_(u).where(u.c("id") == 12), "DELETE FROM gc_users WHERE gc_users.id = ?", {12});
    expect(sqla::delete_(ev).where(ev.c("user_id").is_(std::nullopt)),
           "DELETE FROM \"gc_EventLog\" WHERE \"gc_EventLog\".user_id IS NULL");
    expect(sqla::delete_(u), "DELETE FROM gc_users");
    EXPECT_THROW((void)sqla::delete_(u.alias("x")), sqla::ArgumentError);
}

TEST_F(DMLCompile, ReturningNeedsTheDialect) {
    auto i = s_.gc_items;
    try {
        (void)render(sqla::update(i).where(i.c("id") == 3).values({{"stock", i.c("stock") + 5}}).returning(i.c("id"),
                                                                                                        i.c("stock")));
        FAIL() << "no CompileError";
    } catch (const sqla::CompileError& e) {
        EXPECT_NE(std::string(e.what()).find("RETURNING is not supported"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("UPDATE"), std::string::npos);
    }
    EXPECT_THROW((void)render(sqla::delete_(i).returning(i.c("id"))), sqla::CompileError);
    EXPECT_THROW((void)render(sqla::insert(i).values({{"id", 1}}).returning(i.c("id"))), sqla::CompileError);
}

// The generic compiler with RETURNING and without multi-row VALUES.
class ReturningDialect final : public sqla::DefaultDialect {
public:
    ReturningDialect()
        : DefaultDialect(sqla::Capabilities{.supports_returning = true, .supports_multivalues_insert = false}) {}
    std::string_view name() const noexcept override { return "generic"; }
};

TEST_F(DMLCompile, GenericReturningAndMultiValuesCapabilities) {
    ReturningDialect d;
    auto i = s_.gc_items;
    auto k = s_.gc_keywords;
    EXPECT_EQ(render(sqla::insert(k).values({{"word", "w"}}).returning(k.c("id")), std::nullopt, &d).first,
              "INSERT INTO gc_keywords (word) VALUES (?) RETURNING gc_keywords.id");
    EXPECT_EQ(render(sqla::update(i).where(i.c("id") == 3).values({{"stock", i.c("stock") + 5}}).returning(i.c("id"),
                                                                                                        i.c("stock")),
                     std::nullopt, &d)
                  .first,
              "UPDATE gc_items SET stock=(gc_items.stock + ?) WHERE gc_items.id = ? RETURNING gc_items.id, gc_items.stock");
    EXPECT_EQ(render(sqla::delete_(k).where(k.c("id") == 6).returning(k.c("id"), k.c("word")), std::nullopt, &d).first,
              "DELETE FROM gc_keywords WHERE gc_keywords.id = ? RETURNING gc_keywords.id, gc_keywords.word");
    EXPECT_THROW((void)render(sqla::insert(k).values(std::vector<sqla::ValuesRow>{{{"id", 1}}, {{"id", 2}}}),
                              std::nullopt, &d),
                 sqla::CompileError);
}

TEST_F(DMLCompile, BuilderMisuseThrowsArgumentError) {
    auto k = s_.gc_keywords;
    auto u = s_.gc_users;
    using Rows = std::vector<sqla::ValuesRow>;
    const auto from_select = sqla::insert(k).from_select({"id"}, sqla::select(u.c("id")));
    EXPECT_THROW((void)from_select.values({{"id", 1}}), sqla::ArgumentError);
    EXPECT_THROW((void)from_select.values(Rows{{{"id", 1}}}), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::insert(k).values({{"id", 1}}).from_select({"id"}, sqla::select(u.c("id"))),
                 sqla::ArgumentError);
    const auto multi = sqla::insert(k).values(Rows{{{"id", 1}}, {{"id", 2}}});
    EXPECT_THROW((void)multi.values({{"word", "x"}}), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::insert(k).values({{"id", 1}}).values(Rows{{{"id", 2}}}), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::insert(k).values(Rows{}), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::insert(k).values(Rows{{{"id", 1}, {"word", "a"}}, {{"id", 2}}}), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::update(k).ordered_values({{u.c("id"), 1}}), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::update(k).ordered_values({{k.c("id") + 1, 1}}), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::insert(k.join(u, k.c("id") == u.c("id"))), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::update(u.alias()), sqla::ArgumentError);
    // Later values() add to and replace earlier ones.
    expect(sqla::insert(k).values({{"id", 1}, {"word", "a"}}).values({{"word", "b"}}),
           "INSERT INTO gc_keywords (id, word) VALUES (?, ?)", {1, "b"});
}

// A dialect with neither DEFAULT VALUES nor an empty column list.
class NoEmptyInsertDialect final : public sqla::DefaultDialect {
public:
    NoEmptyInsertDialect()
        : DefaultDialect(sqla::Capabilities{.supports_default_values = false, .supports_empty_insert = false}) {}
    std::string_view name() const noexcept override { return "noempty"; }
};

TEST_F(DMLCompile, EmptyInsertNeedsTheDialect) {
    NoEmptyInsertDialect d;
    try {
        (void)render(sqla::insert(s_.gc_keywords), std::vector<std::string>{}, &d);
        FAIL() << "no CompileError";
    } catch (const sqla::CompileError& e) {
        EXPECT_NE(std::string(e.what()).find("empty inserts"), std::string::npos) << e.what();
    }
}

// Executes on SQLite, recording the SQL sent.
class DMLExecute : public ::testing::Test {
protected:
    void SetUp() override {
        conn_.execute(sqla::text("CREATE TABLE gc_keywords (id INTEGER PRIMARY KEY, word VARCHAR(40) UNIQUE, "
                                 "\"group\" VARCHAR(20) DEFAULT 'none')"));
        sent_.clear();
    }
    std::vector<std::string> sent_;
    sqla::Engine engine_ = sqla::create_engine(
        "sqlite://", sqla::EngineOptions{.echo = true, .log = [this](std::string_view m) { sent_.emplace_back(m); }});
    sqla::Connection conn_ = engine_.connect();
    Schema s_;

    std::vector<std::tuple<std::int64_t, std::optional<std::string>, std::optional<std::string>>> rows() {
        std::vector<std::tuple<std::int64_t, std::optional<std::string>, std::optional<std::string>>> out;
        auto k = s_.gc_keywords;
        for (const auto& row : conn_.execute(sqla::select(k).order_by({k.c("id")})))
            out.emplace_back(row.get<std::int64_t>(0), row.get<std::optional<std::string>>(1),
                             row.get<std::optional<std::string>>(2));
        return out;
    }
};

TEST_F(DMLExecute, InsertUpdateDeleteRoundTrip) {
    auto k = s_.gc_keywords;
    auto r = conn_.execute(sqla::insert(k).values({{"word", "alpha"}, {"group", "greek"}}));
    EXPECT_EQ(r.rowcount(), 1);
    EXPECT_EQ(r.lastrowid(), 1);
    EXPECT_EQ(sent_.front(), "INSERT INTO gc_keywords (word, \"group\") VALUES (?, ?)");
    conn_.execute(sqla::insert(k).values(
        std::vector<sqla::ValuesRow>{{{"id", 5}, {"word", "beta"}}, {{"id", 6}, {"word", "gamma"}}}));
    auto u = conn_.execute(sqla::update(k).where(k.c("id") >= 5).values({{"group", k.c("word")}}));
    EXPECT_EQ(u.rowcount(), 2);
    using R = std::tuple<std::int64_t, std::optional<std::string>, std::optional<std::string>>;
    EXPECT_EQ(rows(), (std::vector<R>{{1, "alpha", "greek"}, {5, "beta", "beta"}, {6, "gamma", "gamma"}}));
    auto d = conn_.execute(sqla::delete_(k).where(k.c("word").in_({"beta", "nope"})));
    EXPECT_EQ(d.rowcount(), 1);
    EXPECT_EQ(conn_.execute(sqla::delete_(k).where(k.c("id") == 99)).rowcount(), 0);
    EXPECT_EQ(rows(), (std::vector<R>{{1, "alpha", "greek"}, {6, "gamma", "gamma"}}));
}

TEST_F(DMLExecute, InsertColumnsComeFromParameters) {
    auto k = s_.gc_keywords;
    sent_.clear();
    conn_.execute(sqla::insert(k), {{"word", "x"}});
    EXPECT_EQ(sent_.at(0), "INSERT INTO gc_keywords (word) VALUES (?)");
    conn_.execute(sqla::insert(k));
    EXPECT_EQ(sent_.at(2), "INSERT INTO gc_keywords DEFAULT VALUES");
    // executemany: the first set's keys.
    auto many = conn_.execute(sqla::insert(k), std::vector<sqla::Params>{{{"id", 110}, {"word", "k1"}, {"group", std::nullopt}},
                                                                         {{"id", 111}, {"word", "k2"}, {"group", "x"}}});
    EXPECT_EQ(many.rowcount(), 2);
    EXPECT_EQ(sent_.at(4), "INSERT INTO gc_keywords (id, word, \"group\") VALUES (?, ?, ?)");
    using R = std::tuple<std::int64_t, std::optional<std::string>, std::optional<std::string>>;
    EXPECT_EQ(rows(), (std::vector<R>{{1, "x", "none"}, {2, std::nullopt, "none"}, {110, "k1", std::nullopt},
                                      {111, "k2", "x"}}));
    // Different keys compile differently; the same keys hit the cache.
    const auto cached = engine_.compiled_cache_size();
    conn_.execute(sqla::insert(k), {{"word", "y"}});
    EXPECT_EQ(engine_.compiled_cache_size(), cached);
    EXPECT_THROW(conn_.execute(sqla::insert(k), {{"wrod", "y"}}), sqla::CompileError);
    // A missing value in a later set names it.
    EXPECT_THROW(conn_.execute(sqla::insert(k), std::vector<sqla::Params>{{{"word", "a1"}}, {{"id", 3}}}),
                 sqla::StatementError);
}

TEST_F(DMLExecute, UpdateExecutemanyWithBindparams) {
    auto k = s_.gc_keywords;
    conn_.execute(sqla::insert(k), std::vector<sqla::Params>{{{"id", 1}, {"word", "a"}}, {{"id", 2}, {"word", "b"}}});
    auto stmt = sqla::update(k).where(k.c("id") == sqla::bindparam("b_id")).values({{"group", sqla::bindparam("b_g")}});
    auto r = conn_.execute(stmt, std::vector<sqla::Params>{{{"b_id", 1}, {"b_g", "g1"}}, {{"b_id", 2}, {"b_g", "g2"}}});
    EXPECT_EQ(r.rowcount(), 2);
    // UPDATE SET from the execution's parameters that name columns.
    conn_.execute(sqla::update(k).where(k.c("id") == sqla::bindparam("b_id")), {{"b_id", 2}, {"word", "bb"}});
    using R = std::tuple<std::int64_t, std::optional<std::string>, std::optional<std::string>>;
    EXPECT_EQ(rows(), (std::vector<R>{{1, "a", "g1"}, {2, "bb", "g2"}}));
}

TEST_F(DMLExecute, IntegrityErrorsCarryTheStatement) {
    auto k = s_.gc_keywords;
    conn_.execute(sqla::insert(k).values({{"id", 1}, {"word", "red"}}));
    try {
        conn_.execute(sqla::insert(k).values({{"id", 2}, {"word", "red"}}));
        FAIL() << "no IntegrityError";
    } catch (const sqla::IntegrityError& e) {
        EXPECT_NE(std::string(e.what()).find("INSERT INTO gc_keywords (id, word) VALUES (?, ?)"), std::string::npos);
    }
}

}  // namespace

namespace {

TEST_F(DMLCompile, SeveralWhereCallsGroupTheirCriteria) {
    auto u = s_.gc_users;
    expect(sqla::delete_(u).where(u.c("age") < 18 || u.c("age") > 90).where(u.c("name") != "root"),
           "DELETE FROM gc_users WHERE (gc_users.age < ? OR gc_users.age > ?) AND gc_users.name != ?", {18, 90, "root"});
    expect(sqla::update(u).where(u.c("id") == 1 || u.c("id") == 2).where(u.c("age") > 3).values({{"age", 1}}),
           "UPDATE gc_users SET age=? WHERE (gc_users.id = ? OR gc_users.id = ?) AND gc_users.age > ?", {1, 1, 2, 3});
}

}  // namespace

// insertmanyvalues: a dialect that batches executemany INSERTs gets the statement split around
// its VALUES tuple, and render_insertmanyvalues() repeats the tuple with placeholders of its own.
TEST(InsertManyValues, SplitsAroundTheValuesTupleAndRendersBatches) {
    Schema s;
    const sqla::Capabilities caps{.supports_returning = true,
                                  .use_insertmanyvalues = true,
                                  .use_insertmanyvalues_wo_returning = false,
                                  .insertmanyvalues_page_size = 100,
                                  .insertmanyvalues_max_parameters = 250};
    const sqla::IdentifierPreparer preparer({});
    auto compile = [&](const sqla::Executable& stmt, sqla::ParamStyle style, bool many) {
        sqla::CacheKey key;
        stmt.element().append_cache_key(key);
        key.column_keys = std::vector<std::string>{"name", "age"};
        key.for_executemany = many;
        return sqla::SQLCompiler(caps, preparer, style).compile(stmt.element(), key);
    };
    auto returning = sqla::insert(s.gc_users).returning({s.gc_users.c("id")});
    auto c = compile(returning, sqla::ParamStyle::numeric_dollar, true);
    EXPECT_EQ(c.sql, "INSERT INTO gc_users (name, age) VALUES ($1, $2) RETURNING gc_users.id");
    ASSERT_TRUE(c.insertmanyvalues);
    EXPECT_EQ(c.insertmanyvalues->rows_per_batch, 100u);
    EXPECT_TRUE(c.insertmanyvalues->returning);
    EXPECT_EQ(sqla::render_insertmanyvalues(c, 3),
              "INSERT INTO gc_users (name, age) VALUES ($1, $2), ($3, $4), ($5, $6) RETURNING gc_users.id");
    EXPECT_EQ(sqla::render_insertmanyvalues(compile(returning, sqla::ParamStyle::pyformat, true), 2),
              "INSERT INTO gc_users (name, age) VALUES (%(name__0)s, %(age__0)s), (%(name__1)s, %(age__1)s) "
              "RETURNING gc_users.id");
    EXPECT_EQ(sqla::render_insertmanyvalues(compile(returning, sqla::ParamStyle::qmark, true), 2),
              "INSERT INTO gc_users (name, age) VALUES (?, ?), (?, ?) RETURNING gc_users.id");

    // Not for a single execution, nor without RETURNING unless the dialect asks for it.
    EXPECT_FALSE(compile(returning, sqla::ParamStyle::qmark, false).insertmanyvalues);
    EXPECT_FALSE(compile(sqla::insert(s.gc_users), sqla::ParamStyle::qmark, true).insertmanyvalues);
    EXPECT_THROW((void)sqla::render_insertmanyvalues(compile(returning, sqla::ParamStyle::qmark, false), 2),
                 sqla::CompileError);

    // A placeholder outside the tuple (the RETURNING's literal) keeps the statement unbatched.
    auto outside = sqla::insert(s.gc_users).returning({s.gc_users.c("id") + sqla::literal(1)});
    auto o = compile(outside, sqla::ParamStyle::qmark, true);
    EXPECT_FALSE(o.insertmanyvalues);
    EXPECT_EQ(o.sql, "INSERT INTO gc_users (name, age) VALUES (?, ?) RETURNING gc_users.id + ? AS anon_1");

    // Rows per batch stay under the parameter limit: 250 / 4 columns = 62.
    sqla::CacheKey key;
    auto items = sqla::insert(s.gc_items).returning({s.gc_items.c("id")});
    items.element().append_cache_key(key);
    key.for_executemany = true;
    auto w = sqla::SQLCompiler(caps, preparer, sqla::ParamStyle::qmark).compile(items.element(), key);
    ASSERT_TRUE(w.insertmanyvalues);
    EXPECT_EQ(w.insertmanyvalues->rows_per_batch, 62u);
}
