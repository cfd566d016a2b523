// sqla: tests/sqla/sql/select_test.cpp. select() and expressions render SQLAlchemy's SQL (the corpus's
// sqlite strings) and run on SQLite.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
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
                   Column{"fullname", sqla::Unicode{100}},
                   Column{"LastLogin", sqla::DateTime{}},
                   Column{"age", sqla::Integer{}},
                   Column{"balance", sqla::Numeric{12, 2}},
                   Column{"is_active", sqla::Boolean{}},
                   Column{"manager_id", sqla::Integer{}},
                   Column{"created_at", sqla::DateTime{}}};
    Table gc_items{metadata,
                   "gc_items",
                   Column{"id", sqla::Integer{}, sqla::primary_key},
                   Column{"sku", sqla::String{20}},
                   Column{"title", sqla::Unicode{100}},
                   Column{"price", sqla::Numeric{10, 2}},
                   Column{"stock", sqla::Integer{}},
                   Column{"weight", sqla::Float{}},
                   Column{"description", sqla::Text{}}};
    Table gc_orders{metadata,
                    "gc_orders",
                    Column{"id", sqla::Integer{}, sqla::primary_key},
                    Column{"user_id", sqla::Integer{}},
                    Column{"order_date", sqla::Date{}},
                    Column{"status", sqla::String{20}},
                    Column{"total", sqla::Numeric{10, 2}}};
    Table gc_addresses{metadata,
                       "gc_addresses",
                       Column{"id", sqla::Integer{}, sqla::primary_key},
                       Column{"user_id", sqla::Integer{}},
                       Column{"email", sqla::String{100}},
                       Column{"city", sqla::Unicode{50}},
                       Column{"is_primary", sqla::Boolean{}}};
    Table gc_order_items{metadata,
                         "gc_order_items",
                         Column{"order_id", sqla::Integer{}, sqla::primary_key},
                         Column{"item_id", sqla::Integer{}, sqla::primary_key},
                         Column{"order", sqla::Integer{}},
                         Column{"quantity", sqla::Integer{}}};
    Table gc_EventLog{metadata, "gc_EventLog", Column{"id", sqla::BigInteger{}, sqla::primary_key},
                      Column{"user_id", sqla::Integer{}}, Column{"level", sqla::SmallInteger{}}};
};

class SelectCompile : public ::testing::Test {
protected:
    // Renders for the SQLite dialect (qmark) and returns SQL and the positional values.
    std::pair<std::string, std::vector<sqla::Value>> render(const sqla::Executable& stmt) {
        sqla::CacheKey key;
        stmt.element().append_cache_key(key);
        auto compiled = engine_.dialect().statement_compiler(sqla::ParamStyle::qmark)->compile(stmt.element(), key);
        std::vector<sqla::Value> values;
        for (const auto& slot : compiled.binds) {
            if (slot.expanding) continue;  // sent() checks expanded lists
            if (slot.extracted >= 0)
                values.push_back(*key.binds[static_cast<std::size_t>(slot.extracted)]->value());
            else
                values.push_back(slot.value.value_or(sqla::Value()));
        }
        return {compiled.sql, values};
    }
    void expect(const sqla::Executable& stmt, const std::string& sql, const std::vector<sqla::Value>& params = {}) {
        auto [got_sql, got_params] = render(stmt);
        EXPECT_EQ(got_sql, sql);
        EXPECT_EQ(got_params, params) << "for " << sql;
    }

    sqla::Engine engine_ = sqla::create_engine("sqlite://");
    Schema s_;
};

TEST_F(SelectCompile, AllColumnsOfATable) {
    expect(sqla::select(s_.gc_users),
           "SELECT gc_users.id, gc_users.name, gc_users.fullname, gc_users.\"LastLogin\", gc_users.age, "
           "gc_users.balance, gc_users.is_active, gc_users.manager_id, gc_users.created_at \nFROM gc_users");
}

TEST_F(SelectCompile, LabelsWhereAndOrder) {
    auto u = s_.gc_users;
    expect(sqla::select(u.c("id").label("user_id"), u.c("name").label("user_name"))
               .where(u.c("id") <= 3)
               .order_by({u.c("id")}),
           "SELECT gc_users.id AS user_id, gc_users.name AS user_name \nFROM gc_users \nWHERE gc_users.id <= ? "
           "ORDER BY gc_users.id",
           {3});
}

// where() on a temporary takes its parts instead of copying them; a statement another one
// shares (here a subquery's) keeps its own.
TEST_F(SelectCompile, WhereOnATemporaryLeavesSharedStatementsAlone) {
    auto u = s_.gc_users;
    auto base = sqla::select(u.c("id"), u.c("name"));
    auto sub = base.subquery("s");
    auto filtered = std::move(base).where(u.c("id") == 5);
    expect(filtered, "SELECT gc_users.id, gc_users.name \nFROM gc_users \nWHERE gc_users.id = ?", {5});
    expect(sqla::select(sub), "SELECT s.id, s.name \nFROM (SELECT gc_users.id AS id, gc_users.name AS name \nFROM gc_users) AS s");
    // Chained on temporaries, criteria accumulate with AND.
    expect(sqla::select(u.c("id")).where(u.c("age") > 30).where(u.c("name") == "ed"),
           "SELECT gc_users.id \nFROM gc_users \nWHERE gc_users.age > ? AND gc_users.name = ?", {30, "ed"});
    // A copy shares the parts: where() on it leaves the original as it was.
    auto original = sqla::select(u.c("id"));
    auto copy = original;
    auto narrowed = std::move(copy).where(u.c("id") == 1);
    expect(original, "SELECT gc_users.id \nFROM gc_users");
    expect(narrowed, "SELECT gc_users.id \nFROM gc_users \nWHERE gc_users.id = ?", {1});
}

// The cache key tells types apart by kind and parameters: statements differing only in a
// CAST's type compile separately.
TEST_F(SelectCompile, CacheKeysTellTypesApart) {
    auto u = s_.gc_users;
    auto key_of = [](const sqla::Executable& stmt) {
        sqla::CacheKey key;
        stmt.element().append_cache_key(key);
        return key.key;
    };
    const std::vector<sqla::TypeEngine> types = {sqla::String{10},      sqla::String{20},       sqla::Unicode{10},
                                                 sqla::Numeric{10, 2},  sqla::Numeric{10, 3},   sqla::DateTime{},
                                                 sqla::DateTime{true},  sqla::Integer{},        sqla::BigInteger{}};
    std::vector<std::string> keys;
    for (const auto& type : types) keys.push_back(key_of(sqla::select(sqla::cast(u.c("name"), type))));
    for (std::size_t i = 0; i < keys.size(); ++i)
        for (std::size_t j = i + 1; j < keys.size(); ++j)
            EXPECT_NE(keys[i], keys[j]) << types[i].repr() << " and " << types[j].repr();
    EXPECT_EQ(key_of(sqla::select(sqla::cast(u.c("name"), sqla::String{10}))), keys[0]);
}

// Two FROM objects of one name are two FROMs; one object used twice is one. By name alone
// their keys read alike, and the cache gave one statement's SQL to the other (cache_key_fuzz).
TEST_F(SelectCompile, CacheKeysTellFromObjectsOfOneNameApart) {
    auto key_of = [](const sqla::Executable& stmt) {
        sqla::CacheKey key;
        stmt.element().append_cache_key(key);
        return key.key;
    };
    auto t1 = sqla::table("a", {"a"});
    auto t2 = sqla::table("a", {"a"});
    auto once = sqla::select(t1.c("a"), t1.c("a").label("b"));
    auto twice = sqla::select(t1.c("a"), t2.c("a").label("b"));
    EXPECT_NE(key_of(once), key_of(twice));
    EXPECT_EQ(sqla::compile(once, engine_.dialect()).sql, "SELECT a.a, a.a AS b \nFROM a");
    EXPECT_EQ(sqla::compile(twice, engine_.dialect()).sql, "SELECT a.a, a.a AS b \nFROM a, a");
    // The same shape built again from other objects shares the key.
    auto t3 = sqla::table("a", {"a"});
    EXPECT_EQ(key_of(sqla::select(t3.c("a"), t3.c("a").label("b"))), key_of(once));
    auto u = s_.gc_users;
    auto x1 = u.alias("x");
    auto x2 = u.alias("x");
    EXPECT_NE(key_of(sqla::select(x1.c("id"), x1.c("name"))), key_of(sqla::select(x1.c("id"), x2.c("name"))));
}

TEST_F(SelectCompile, AnonymousAlias) {
    auto ua = s_.gc_users.alias();
    expect(sqla::select(ua.c("name")).where(ua.c("id") == 2),
           "SELECT gc_users_1.name \nFROM gc_users AS gc_users_1 \nWHERE gc_users_1.id = ?", {2});
}

TEST_F(SelectCompile, QuotesReservedAndMixedCaseNames) {
    auto oi = s_.gc_order_items;
    expect(sqla::select(oi.c("order_id"), oi.c("order")).where(oi.c("order") == 3).order_by({oi.c("order_id")}),
           "SELECT gc_order_items.order_id, gc_order_items.\"order\" \nFROM gc_order_items \nWHERE "
           "gc_order_items.\"order\" = ? ORDER BY gc_order_items.order_id",
           {3});
    auto ev = s_.gc_EventLog;
    expect(sqla::select(ev.c("id")).order_by({ev.c("id")}),
           "SELECT \"gc_EventLog\".id \nFROM \"gc_EventLog\" ORDER BY \"gc_EventLog\".id");
}

TEST_F(SelectCompile, ScalarsWithoutFrom) {
    expect(sqla::select(sqla::literal(1).label("one"), sqla::literal("x").label("two")), "SELECT ? AS one, ? AS two",
           {1, "x"});
    expect(sqla::select(sqla::literal_column("42").label("answer")).select_from(s_.gc_users),
           "SELECT 42 AS answer \nFROM gc_users");
}

TEST_F(SelectCompile, SameColumnTwiceIsRelabelled) {
    auto u = s_.gc_users;
    expect(sqla::select(u.c("name"), u.c("name"), u.c("id")).where(u.c("id") == 1),
           "SELECT gc_users.name, gc_users.name AS name__1, gc_users.id \nFROM gc_users \nWHERE gc_users.id = ?", {1});
}

TEST_F(SelectCompile, NullAndBooleanComparisons) {
    auto u = s_.gc_users;
    auto base = sqla::select(u.c("id"), u.c("name"));
    const std::string head = "SELECT gc_users.id, gc_users.name \nFROM gc_users \nWHERE ";
    expect(base.where(u.c("age") == std::nullopt).order_by({u.c("id")}), head + "gc_users.age IS NULL ORDER BY gc_users.id");
    expect(base.where(u.c("fullname").is_not(std::nullopt)), head + "gc_users.fullname IS NOT NULL");
    expect(base.where(u.c("age").is_(sqla::null())), head + "gc_users.age IS NULL");
    expect(base.where(u.c("is_active").is_(true)), head + "gc_users.is_active IS 1");
    expect(base.where(u.c("is_active")), head + "gc_users.is_active = 1");
    expect(base.where(u.c("is_active") == false), head + "gc_users.is_active = 0");
    expect(base.where(u.c("age").is_not_distinct_from(std::nullopt)), head + "gc_users.age IS NULL");
}

TEST_F(SelectCompile, ConstantsFold) {
    auto u = s_.gc_users;
    auto base = sqla::select(u.c("id"), u.c("name"));
    const std::string head = "SELECT gc_users.id, gc_users.name \nFROM gc_users \nWHERE ";
    expect(base.where({sqla::true_(), u.c("id") < 3}), head + "gc_users.id < ?", {3});
    expect(base.where(sqla::false_()), head + "0 = 1");
    expect(base.where(sqla::or_({sqla::false_(), u.c("id") == 3})), head + "gc_users.id = ?", {3});
    expect(base.where(sqla::and_({sqla::false_(), u.c("id") == 3})), head + "0 = 1");
}

TEST_F(SelectCompile, BooleanOperatorsGroupByPrecedence) {
    auto u = s_.gc_users;
    auto base = sqla::select(u.c("id"), u.c("name"));
    const std::string head = "SELECT gc_users.id, gc_users.name \nFROM gc_users \nWHERE ";
    expect(base.where(sqla::not_(sqla::and_({u.c("age") > 30, u.c("is_active") == true}))),
           head + "NOT (gc_users.age > ? AND gc_users.is_active = 1)", {30});
    expect(base.where((u.c("age") > 20 || u.c("age") < 5) && u.c("name") != "grace"),
           head + "(gc_users.age > ? OR gc_users.age < ?) AND gc_users.name != ?", {20, 5, "grace"});
    expect(base.where(!(u.c("id") == 1)), head + "gc_users.id != ?", {1});
    expect(base.where(u.c("age") > 20).where(u.c("balance") > 0),
           head + "gc_users.age > ? AND gc_users.balance > ?", {20, 0});
}

TEST_F(SelectCompile, ArithmeticAndStrings) {
    auto i = s_.gc_items;
    expect(sqla::select(i.c("id"), ((i.c("price") + 1) * (i.c("stock") - 2)).label("v")).where(i.c("id") <= 4),
           "SELECT gc_items.id, (gc_items.price + ?) * (gc_items.stock - ?) AS v \nFROM gc_items \nWHERE gc_items.id "
           "<= ?",
           {1, 2, 4});
    auto u = s_.gc_users;
    expect(sqla::select(u.c("id"), (u.c("name") + "@example.com").label("addr")).where(u.c("id") < 4),
           "SELECT gc_users.id, gc_users.name || ? AS addr \nFROM gc_users \nWHERE gc_users.id < ?",
           {"@example.com", 4});
    expect(sqla::select(u.c("id")).where(u.c("id") % 3 == 0),
           "SELECT gc_users.id \nFROM gc_users \nWHERE gc_users.id % ? = ?", {3, 0});
    expect(sqla::select(u.c("id")).where(u.c("id").op("&", 1) == 1),
           "SELECT gc_users.id \nFROM gc_users \nWHERE (gc_users.id & ?) = ?", {1, 1});
}

TEST_F(SelectCompile, LikeFamily) {
    auto u = s_.gc_users;
    auto base = sqla::select(u.c("id"));
    const std::string head = "SELECT gc_users.id \nFROM gc_users \nWHERE ";
    expect(base.where(u.c("name").not_like("%a%")), head + "gc_users.name NOT LIKE ?", {"%a%"});
    expect(base.where(u.c("fullname").not_ilike("%e%")), head + "lower(gc_users.fullname) NOT LIKE lower(?)", {"%e%"});
    expect(base.where(u.c("name").like("a/%%", '/')), head + "gc_users.name LIKE ? ESCAPE '/'", {"a/%%"});
}

TEST_F(SelectCompile, OrderingModifiers) {
    auto o = s_.gc_orders;
    expect(sqla::select(o.c("id"), o.c("total")).order_by({sqla::nulls_first(sqla::desc(o.c("total"))), o.c("id")}),
           "SELECT gc_orders.id, gc_orders.total \nFROM gc_orders ORDER BY gc_orders.total DESC NULLS FIRST, gc_orders.id");
    auto u = s_.gc_users;
    expect(sqla::select(u.c("id"), (u.c("age") * 2).label("dbl"))
               .where(u.c("age").is_not(std::nullopt))
               .order_by({sqla::column("dbl").desc(), u.c("id")}),
           "SELECT gc_users.id, gc_users.age * ? AS dbl \nFROM gc_users \nWHERE gc_users.age IS NOT NULL ORDER BY dbl "
           "DESC, gc_users.id",
           {2});
}

TEST_F(SelectCompile, DistinctAndFunctions) {
    auto o = s_.gc_orders;
    expect(sqla::select(sqla::distinct(o.c("user_id"))), "SELECT DISTINCT gc_orders.user_id \nFROM gc_orders");
    expect(sqla::select(sqla::func("count")).select_from(s_.gc_users), "SELECT count(*) AS count_1 \nFROM gc_users");
    expect(sqla::select(o.c("user_id"), sqla::func("count", {o.c("id")}).label("n"))
               .group_by({o.c("user_id")})
               .having(sqla::func("count", {o.c("id")}) > 2)
               .order_by({o.c("user_id")}),
           "SELECT gc_orders.user_id, count(gc_orders.id) AS n \nFROM gc_orders GROUP BY gc_orders.user_id \nHAVING "
           "count(gc_orders.id) > ? ORDER BY gc_orders.user_id",
           {2});
}

TEST_F(SelectCompile, LimitAndOffsetOnSqlite) {
    auto u = s_.gc_users;
    expect(sqla::select(u.c("id"), u.c("name")).order_by({u.c("id")}).limit(3),
           "SELECT gc_users.id, gc_users.name \nFROM gc_users ORDER BY gc_users.id\n LIMIT ? OFFSET ?", {3, 0});
    expect(sqla::select(u.c("id"), u.c("name")).order_by({u.c("id")}).limit(3).offset(2),
           "SELECT gc_users.id, gc_users.name \nFROM gc_users ORDER BY gc_users.id\n LIMIT ? OFFSET ?", {3, 2});
    expect(sqla::select(u.c("id")).where(u.c("id") == 3).offset(0),
           "SELECT gc_users.id \nFROM gc_users \nWHERE gc_users.id = ?\n LIMIT ? OFFSET ?", {3, -1, 0});
}

TEST_F(SelectCompile, Joins) {
    auto u = s_.gc_users;
    auto a = s_.gc_addresses;
    expect(sqla::select(u.c("name"), a.c("email"))
               .select_from(u.join(a, u.c("id") == a.c("user_id")))
               .where(a.c("city") == "London")
               .order_by({a.c("id")}),
           "SELECT gc_users.name, gc_addresses.email \nFROM gc_users JOIN gc_addresses ON gc_users.id = "
           "gc_addresses.user_id \nWHERE gc_addresses.city = ? ORDER BY gc_addresses.id",
           {"London"});
    auto mgr = u.alias("mgr");
    expect(sqla::select(u.c("name"), mgr.c("name").label("manager"))
               .select_from(u.join(mgr, u.c("manager_id") == mgr.c("id")))
               .order_by({u.c("id")}),
           "SELECT gc_users.name, mgr.name AS manager \nFROM gc_users JOIN gc_users AS mgr ON gc_users.manager_id = "
           "mgr.id ORDER BY gc_users.id");
    auto o = s_.gc_orders;
    expect(sqla::select(u.c("id"), o.c("id").label("paid_order"))
               .select_from(u.outerjoin(o, u.c("id") == o.c("user_id") && o.c("status") == "paid"))
               .order_by({u.c("id"), o.c("id")}),
           "SELECT gc_users.id, gc_orders.id AS paid_order \nFROM gc_users LEFT OUTER JOIN gc_orders ON gc_users.id = "
           "gc_orders.user_id AND gc_orders.status = ? ORDER BY gc_users.id, gc_orders.id",
           {"paid"});
}

TEST_F(SelectCompile, StatementsAreImmutableValues) {
    auto u = s_.gc_users;
    auto base = sqla::select(u.c("id"));
    auto filtered = base.where(u.c("id") == 1);
    expect(base, "SELECT gc_users.id \nFROM gc_users");
    expect(filtered, "SELECT gc_users.id \nFROM gc_users \nWHERE gc_users.id = ?", {1});
}

TEST_F(SelectCompile, UnknownColumnNamesTheTable) {
    try {
        (void)s_.gc_users.c("nope");
        FAIL() << "expected NoSuchColumnError";
    } catch (const sqla::NoSuchColumnError& e) {
        EXPECT_NE(std::string(e.what()).find("\"gc_users\" has no column \"nope\""), std::string::npos) << e.what();
    }
    EXPECT_THROW((Table{s_.metadata, "gc_users", Column{"x", sqla::Integer{}}}), sqla::InvalidRequestError);
    EXPECT_THROW((void)s_.metadata.table("missing"), sqla::NoSuchTableError);
    EXPECT_EQ(s_.metadata.table("gc_items").name(), "gc_items");
}

// Executing on SQLite: the same statement shape runs again from the compiled cache, taking the
// new statement's values.
TEST(SelectExecute, RunsOnSqliteWithCachedCompilation) {
    auto engine = sqla::create_engine("sqlite://");
    sqla::MetaData md;
    Table users{md, "users", Column{"id", sqla::Integer{}, sqla::primary_key}, Column{"name", sqla::String{30}},
                Column{"active", sqla::Boolean{}}};
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30), active BOOLEAN)"));
    conn.execute(sqla::text("INSERT INTO users (name, active) VALUES (:n, :a)"),
                 std::vector<sqla::Params>{{{"n", "ed"}, {"a", true}}, {{"n", "wendy"}, {"a", false}},
                                           {{"n", "mary"}, {"a", true}}});
    for (int id = 1; id <= 3; ++id) {
        auto stmt = sqla::select(users.c("name")).where(users.c("id") == id);
        EXPECT_EQ(conn.execute(stmt).scalar_one<std::string>(), std::vector<std::string>({"ed", "wendy", "mary"})[id - 1]);
    }
    const auto cached = engine.compiled_cache_size();
    (void)conn.execute(sqla::select(users.c("name")).where(users.c("id") == 99)).all();
    EXPECT_EQ(engine.compiled_cache_size(), cached);  // same shape, no new compilation
    auto active = conn.execute(sqla::select(users.c("name")).where(users.c("active")).order_by({users.c("name").desc()}))
                      .scalars<std::string>()
                      .all();
    EXPECT_EQ(active, (std::vector<std::string>{"mary", "ed"}));
    auto page = conn.execute(sqla::select(users.c("id")).order_by({users.c("id")}).limit(1).offset(1)).scalars<int>().all();
    EXPECT_EQ(page, std::vector<int>{2});
    // A named bindparam takes its value at execution.
    auto by_name = sqla::select(users.c("id")).where(users.c("name") == sqla::bindparam("who"));
    EXPECT_EQ(conn.execute(by_name, {{"who", "wendy"}}).scalar_one<int>(), 2);
    EXPECT_THROW((void)conn.execute(by_name), sqla::StatementError);
}

}  // namespace

namespace {

class InAndSubqueries : public SelectCompile {
protected:
    // The SQL as sent for this execution (expanding lists rendered), and its values.
    std::pair<std::string, std::vector<sqla::Value>> sent(const sqla::Executable& stmt) {
        sqla::CacheKey key;
        stmt.element().append_cache_key(key);
        auto compiled = engine_.dialect().statement_compiler(sqla::ParamStyle::qmark)->compile(stmt.element(), key);
        std::vector<std::size_t> sizes;
        std::vector<sqla::Value> values;
        for (const auto& slot : compiled.binds) {
            if (slot.expanding) {
                const auto& list = key.binds[static_cast<std::size_t>(slot.extracted)]->list();
                values.insert(values.end(), list.begin(), list.end());
                sizes.push_back(slot.tuple_width ? list.size() / slot.tuple_width : list.size());
            } else {
                sizes.push_back(0);
                values.push_back(slot.extracted >= 0 ? *key.binds[static_cast<std::size_t>(slot.extracted)]->value()
                                                     : slot.value.value_or(sqla::Value()));
            }
        }
        return {sqla::render_expanded(compiled, sizes), values};
    }
};

const std::string users_head = "SELECT gc_users.id, gc_users.name \nFROM gc_users \nWHERE ";

TEST_F(InAndSubqueries, ExpandingInList) {
    auto u = s_.gc_users;
    auto stmt = sqla::select(u.c("id"), u.c("name")).where(u.c("name").in_({"bob", "eve", "nobody"})).order_by({u.c("id")});
    EXPECT_EQ(render(stmt).first, users_head + "gc_users.name IN (__[POSTCOMPILE_name_1]) ORDER BY gc_users.id");
    auto [sql, values] = sent(stmt);
    EXPECT_EQ(sql, users_head + "gc_users.name IN (?, ?, ?) ORDER BY gc_users.id");
    EXPECT_EQ(values, (std::vector<sqla::Value>{"bob", "eve", "nobody"}));
}

TEST_F(InAndSubqueries, ListWithNullRendersInline) {
    auto u = s_.gc_users;
    expect(sqla::select(u.c("id"), u.c("name")).where(u.c("manager_id").in_({1, std::nullopt})),
           users_head + "gc_users.manager_id IN (?, NULL)", {1});
    expect(sqla::select(u.c("id"), u.c("name")).where(u.c("manager_id").not_in({2, std::nullopt})),
           users_head + "(gc_users.manager_id NOT IN (?, NULL))", {2});
}

TEST_F(InAndSubqueries, EmptyInIsAlwaysFalse) {
    auto u = s_.gc_users;
    auto [sql, values] = sent(sqla::select(u.c("id"), u.c("name")).where(u.c("id").not_in(std::vector<sqla::Value>{})));
    EXPECT_EQ(sql, users_head + "(gc_users.id NOT IN (SELECT 1 FROM (SELECT 1) WHERE 1!=1))");
    EXPECT_TRUE(values.empty());
}

TEST_F(InAndSubqueries, TupleIn) {
    auto oi = s_.gc_order_items;
    auto stmt = sqla::select(oi.c("order_id"), oi.c("item_id"))
                    .where(sqla::tuple_({oi.c("order_id"), oi.c("item_id")}).in_tuples({{1, 2}, {2, 9}, {3, 3}}));
    auto [sql, values] = sent(stmt);
    EXPECT_EQ(sql,
              "SELECT gc_order_items.order_id, gc_order_items.item_id \nFROM gc_order_items \nWHERE "
              "(gc_order_items.order_id, gc_order_items.item_id) IN (VALUES (?, ?), (?, ?), (?, ?))");
    EXPECT_EQ(values.size(), 6u);
    auto [empty_sql, _] =
        sent(sqla::select(oi.c("order_id")).where(sqla::tuple_({oi.c("order_id"), oi.c("item_id")}).in_tuples({})));
    EXPECT_EQ(empty_sql,
              "SELECT gc_order_items.order_id \nFROM gc_order_items \nWHERE (gc_order_items.order_id, "
              "gc_order_items.item_id) IN (SELECT 1, 1 FROM (SELECT 1, 1) WHERE 1!=1)");
    EXPECT_THROW((void)sqla::tuple_({oi.c("order_id")}).in_tuples({{1, 2}}), sqla::ArgumentError);
}

TEST_F(InAndSubqueries, NamedExpandingBindparam) {
    auto u = s_.gc_users;
    auto stmt = sqla::select(u.c("id"), u.c("name")).where(u.c("id").in_(sqla::bindparam_expanding("ids", {3, 5, 7})));
    EXPECT_EQ(render(stmt).first, users_head + "gc_users.id IN (__[POSTCOMPILE_ids])");
    EXPECT_EQ(sent(stmt).first, users_head + "gc_users.id IN (?, ?, ?)");
}

TEST_F(InAndSubqueries, InSubqueryAndExistsCorrelate) {
    auto u = s_.gc_users;
    auto o = s_.gc_orders;
    expect(sqla::select(u.c("id"), u.c("name"))
               .where(u.c("id").in_(sqla::select(o.c("user_id")).where(o.c("status") == "shipped").scalar_subquery())),
           users_head + "gc_users.id IN (SELECT gc_orders.user_id \nFROM gc_orders \nWHERE gc_orders.status = ?)",
           {"shipped"});
    // The subquery names gc_users, which the enclosing SELECT has: it is correlated away.
    expect(sqla::select(u.c("id"), u.c("name"))
               .where(sqla::exists(sqla::select(o.c("id")).where(o.c("user_id") == u.c("id")))),
           users_head + "EXISTS (SELECT gc_orders.id \nFROM gc_orders \nWHERE gc_orders.user_id = gc_users.id)");
    auto count = sqla::select(sqla::func("count", {o.c("id")})).where(o.c("user_id") == u.c("id")).scalar_subquery();
    expect(sqla::select(u.c("name"), count.label("n")),
           "SELECT gc_users.name, (SELECT count(gc_orders.id) AS count_1 \nFROM gc_orders \nWHERE gc_orders.user_id = "
           "gc_users.id) AS n \nFROM gc_users");
}

TEST(InExecute, ExpandingListsRunOnSqlite) {
    auto engine = sqla::create_engine("sqlite://");
    sqla::MetaData md;
    Table t{md, "t", Column{"id", sqla::Integer{}, sqla::primary_key}, Column{"k", sqla::Integer{}}};
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER)"));
    conn.execute(sqla::text("INSERT INTO t (k) VALUES (:k)"),
                 std::vector<sqla::Params>{{{"k", 10}}, {{"k", 20}}, {{"k", 30}}, {{"k", 40}}});
    auto ids = [&](std::vector<sqla::Value> ks) {
        return conn.execute(sqla::select(t.c("id")).where(t.c("k").in_(ks)).order_by({t.c("id")})).scalars<int>().all();
    };
    const auto cached = engine.compiled_cache_size();
    EXPECT_EQ(ids({20, 40}), (std::vector<int>{2, 4}));
    EXPECT_EQ(ids({10, 20, 30}), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(ids({}), std::vector<int>{});
    EXPECT_EQ(engine.compiled_cache_size(), cached + 1);  // one compiled form serves every list length
    auto pairs = conn.execute(sqla::select(t.c("id")).where(sqla::tuple_({t.c("id"), t.c("k")}).in_tuples({{1, 10}, {2, 99}})))
                     .scalars<int>()
                     .all();
    EXPECT_EQ(pairs, std::vector<int>{1});
}

}  // namespace

namespace {

// A compiler whose LIMIT/OFFSET are literal-execute parameters, as Oracle's ROWNUM limits and
// SQL Server's TOP are: Compiled::sql shows SQLAlchemy's markers, render_expanded() inlines
// the values, and they are sent as no parameter.
class LiteralLimitCompiler final : public sqla::SQLCompiler {
public:
    using sqla::SQLCompiler::SQLCompiler;

protected:
    void limit_clause(const sqla::SelectParts& select) override {
        if (select.limit) {
            out_ += "\n LIMIT ";
            process_literal_execute(*select.limit);
        }
        if (select.offset) {
            out_ += " OFFSET ";
            process_literal_execute(*select.offset);
        }
    }
};

TEST(LiteralExecute, RendersValuesIntoTheSqlAndRunsOnSqlite) {
    auto engine = sqla::create_engine("sqlite://");
    sqla::MetaData md;
    Table users{md, "users", Column{"id", sqla::Integer{}, sqla::primary_key}, Column{"name", sqla::String{30}}};
    auto conn = engine.connect();
    conn.execute(sqla::text("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30))"));
    conn.execute(sqla::text("INSERT INTO users (name) VALUES (:n)"),
                 std::vector<sqla::Params>{{{"n", "ed"}}, {{"n", "wendy"}}, {{"n", "mary"}}, {{"n", "fred"}}});

    const auto& d = engine.dialect();
    LiteralLimitCompiler compiler(d.capabilities(), d.identifier_preparer(), sqla::ParamStyle::qmark);
    auto stmt = sqla::select(users.c("id")).where(users.c("name") != "nobody").order_by({users.c("id")}).limit(2).offset(1);
    sqla::CacheKey key;
    stmt.element().append_cache_key(key);
    auto compiled = compiler.compile(stmt.element(), key);
    EXPECT_EQ(compiled.sql,
              "SELECT users.id \nFROM users \nWHERE users.name != ? ORDER BY users.id\n LIMIT __[POSTCOMPILE_param_1] "
              "OFFSET __[POSTCOMPILE_param_2]");
    ASSERT_TRUE(compiled.has_expanding());  // rendered per execution
    ASSERT_EQ(compiled.binds.size(), 3u);
    EXPECT_FALSE(compiled.binds[0].literal_execute);
    EXPECT_TRUE(compiled.binds[1].literal_execute);
    EXPECT_TRUE(compiled.binds[2].literal_execute);

    // Per slot: sizes (no expanding slot here) and the literal-execute values.
    const std::vector<std::size_t> sizes(3, 0);
    std::vector<sqla::Value> literals{sqla::Value(), sqla::Value(2), sqla::Value(1)};
    const std::string sql = sqla::render_expanded(compiled, sizes, literals);
    EXPECT_EQ(sql, "SELECT users.id \nFROM users \nWHERE users.name != ? ORDER BY users.id\n LIMIT 2 OFFSET 1");
    // Only the ordinary parameter is sent.
    const std::vector<sqla::Value> params{sqla::Value("nobody")};
    EXPECT_EQ(conn.exec_driver_sql(sql, params).scalars<int>().all(), (std::vector<int>{2, 3}));

    // Values are integers (or NULL); anything else, or no value, is refused.
    literals[1] = sqla::Value("2; DROP TABLE users");
    EXPECT_THROW((void)sqla::render_expanded(compiled, sizes, literals), sqla::CompileError);
    EXPECT_THROW((void)sqla::render_expanded(compiled, sizes), sqla::CompileError);
}

}  // namespace
