// sqla: tests/sqla/sql/constructs_test.cpp. The constructs of issue 22's first slice (with_only_columns,
// filter_by, join_from, Select::alias, operators against expressions, LIMIT/OFFSET expressions,
// text() as WHERE/ORDER BY/GROUP BY/FROM and text().columns(), label references, FOR UPDATE OF a
// table, type_coerce, Computed columns), each built with sqla's public API and compared per
// dialect with what SQLAlchemy 1.4.46 renders (tests/data/constructs/constructs.json, made by
// generate_constructs.py beside it): the SQL, and the bound parameters by name. Then executed on
// live SQLite, and on PostgreSQL and MariaDB when their URLs are set.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unistd.h>
#include <variant>
#include <vector>

import sqla;

#include "live_backend.hpp"

namespace {

namespace json = boost::json;
using namespace sqla;

const json::object& data() {
    static const json::object object = [] {
        std::ifstream in(std::string(SQLA_TEST_SOURCE_DIR) + "/tests/data/constructs/constructs.json");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return json::parse(text).as_object();
    }();
    return object;
}

// A table with computed columns, as the generator's computed_persisted_* cases declare it.
Table computed_table(MetaData& m, std::optional<bool> persisted) {
    return Table(m, "gen", Column{"id", Integer{}, primary_key}, Column{"x", Integer{}},
                 Column{"y", Integer{}, Computed{"x * 2", persisted}},
                 Column{"z", Integer{}, Computed{literal_column("x") + 1}, not_null});
}

// The generator's tables.
struct Schema {
    MetaData metadata;
    Table users{metadata, "users", Column{"id", Integer{}, primary_key}, Column{"name", String{30}},
                Column{"fullname", String{50}}};
    Table addresses{metadata, "addresses", Column{"id", Integer{}, primary_key},
                    Column{"user_id", Integer{}, ForeignKey("users.id")}, Column{"email", String{50}}};
    Table arrays{metadata, "arrays", Column{"id", Integer{}, primary_key}, Column{"ints", Array{Integer{}}}};
    // One MetaData each: the three tables are all named "gen".
    MetaData gen_metadata[3];
    Table gen[3] = {computed_table(gen_metadata[0], std::nullopt), computed_table(gen_metadata[1], true),
                    computed_table(gen_metadata[2], false)};
};

using Builder = std::function<Executable(Schema&)>;

// Each generator case, built as a SQLAlchemy user would write it with sqla.
std::map<std::string, Builder> builders() {
    std::map<std::string, Builder> b;
    // 1. with_only_columns, filter_by, join_from, Select::alias()
    b["with_only_columns"] = [](Schema& s) {
        const auto& u = s.users;
        return select(u).with_only_columns({u.c("id"), u.c("name")}).where(u.c("id") > 1);
    };
    b["with_only_columns_keeps_order_by"] = [](Schema& s) {
        const auto& u = s.users;
        return select(u.c("id")).order_by({u.c("name")}).with_only_columns({u.c("name")});
    };
    b["filter_by"] = [](Schema& s) { return select(s.users).filter_by({{"name", "ed"}, {"fullname", "Ed Jones"}}); };
    b["filter_by_column_entity"] = [](Schema& s) { return select(s.users.c("name")).filter_by({{"id", 5}}); };
    b["filter_by_last_join"] = [](Schema& s) {
        return select(s.users.c("name")).join(s.addresses).filter_by({{"email", "ed@example.com"}});
    };
    b["filter_by_select_from"] = [](Schema& s) {
        return select(literal_column("1")).select_from(s.users).filter_by({{"name", "ed"}});
    };
    b["join_from"] = [](Schema& s) {
        return select(s.users.c("name"), s.addresses.c("email")).join_from(s.users, s.addresses);
    };
    b["join_from_outer_onclause"] = [](Schema& s) {
        return select(s.users.c("name"))
            .join_from(s.users, s.addresses, s.users.c("id") == s.addresses.c("user_id"), /*isouter=*/true);
    };
    b["join_from_filter_by"] = [](Schema& s) {
        return select(s.users.c("name")).join_from(s.users, s.addresses).filter_by({{"email", "e"}});
    };
    b["join_from_extends_join"] = [](Schema& s) {
        auto a2 = s.addresses.alias("a2");
        return select(s.users.c("name")).join(s.addresses).join_from(s.users, a2, s.users.c("id") == a2.c("user_id"));
    };
    b["select_alias"] = [](Schema& s) {
        auto u = select(s.users.c("id"), s.users.c("name")).where(s.users.c("id") > 2).alias("u");
        return select(u.c("name")).where(u.c("id") < 10);
    };
    b["select_alias_anonymous"] = [](Schema& s) {
        return select(select(s.users.c("id")).where(s.users.c("id") > 2).alias());
    };
    // 2. operators with an expression on the right
    auto where_users = [](Schema& s, const ColumnElement& criterion) { return select(s.users.c("id")).where(criterion); };
    b["startswith_column"] = [=](Schema& s) {
        return where_users(s, s.users.c("fullname").startswith(s.users.c("name")));
    };
    b["endswith_column"] = [=](Schema& s) { return where_users(s, s.users.c("fullname").endswith(s.users.c("name"))); };
    b["contains_column"] = [=](Schema& s) { return where_users(s, s.users.c("fullname").contains(s.users.c("name"))); };
    b["contains_concatenation"] = [=](Schema& s) {
        return where_users(s, s.users.c("fullname").contains(s.users.c("name").concat(" ")));
    };
    b["like_column"] = [=](Schema& s) { return where_users(s, s.users.c("fullname").like(s.users.c("name"))); };
    b["not_like_column_escape"] = [=](Schema& s) {
        return where_users(s, s.users.c("fullname").not_like(s.users.c("name"), '/'));
    };
    b["ilike_column"] = [=](Schema& s) { return where_users(s, s.users.c("fullname").ilike(s.users.c("name"))); };
    b["not_ilike_column"] = [=](Schema& s) { return where_users(s, s.users.c("fullname").not_ilike(s.users.c("name"))); };
    b["concat_column"] = [](Schema& s) { return select(s.users.c("name").concat(s.users.c("fullname")).label("both")); };
    b["between_columns"] = [](Schema& s) {
        return select(s.users.c("id"))
            .join(s.addresses)
            .where(s.addresses.c("id").between(s.users.c("id"), s.addresses.c("user_id")));
    };
    b["between_column_and_value"] = [](Schema& s) {
        return select(s.users.c("id")).join(s.addresses).where(s.addresses.c("id").between(s.users.c("id"), 10));
    };
    b["between_value_and_expression"] = [=](Schema& s) {
        return where_users(s, s.users.c("id").between(1, func("length", {s.users.c("name")}) + 1));
    };
    // 3. LIMIT / OFFSET with a bound parameter or an expression
    b["limit_offset_bindparam"] = [](Schema& s) {
        return select(s.users.c("id")).order_by({s.users.c("id")}).limit(bindparam("lim", 5)).offset(bindparam("off", 2));
    };
    b["limit_bindparam"] = [](Schema& s) {
        return select(s.users.c("id")).order_by({s.users.c("id")}).limit(bindparam("lim", 5));
    };
    b["limit_bindparam_without_order_by"] = [](Schema& s) { return select(s.users.c("id")).limit(bindparam("lim", 5)); };
    b["limit_expression"] = [](Schema& s) {
        return select(s.users.c("id")).order_by({s.users.c("id")}).limit(literal_column("2") + bindparam("extra", 1));
    };
    b["offset_bindparam"] = [](Schema& s) {
        return select(s.users.c("id")).order_by({s.users.c("id")}).offset(bindparam("off", 3));
    };
    // 4. text() in WHERE, ORDER BY, GROUP BY and FROM; text().columns()
    b["text_where_with_criteria"] = [](Schema& s) {
        return select(s.users.c("id")).where({text("users.id > :x").bindparams({{"x", 3}}), s.users.c("name") == "a"});
    };
    b["text_where_percent"] = [](Schema& s) { return select(s.users.c("id")).where(text("users.name LIKE 'e%'")); };
    b["text_group_by_order_by"] = [](Schema& s) {
        return select(s.users.c("name"), func("count", {s.users.c("id")}).label("n"))
            .group_by({text("name")})
            .order_by({text("name DESC")});
    };
    b["text_from"] = [](Schema&) { return select(column("name")).select_from(text("users")).where(column("id") > 1); };
    b["textual_select"] = [](Schema&) {
        return text("SELECT id, name FROM users WHERE id > :min")
            .bindparams({{"min", 1}})
            .columns({column("id", Integer{}), column("name", String{})});
    };
    b["textual_subquery"] = [](Schema&) {
        auto t = text("SELECT id, name FROM users").columns({column("id", Integer{}), column("name", String{})}).subquery("t");
        return select(t.c("id")).where(t.c("name") == "ed");
    };
    b["textual_cte"] = [](Schema&) {
        auto c = text("SELECT id, name FROM users").columns({column("id", Integer{}), column("name", String{})}).cte("c");
        return select(c.c("name")).order_by({c.c("name")});
    };
    // 5. ORDER BY / GROUP BY a label
    auto counted = [](Schema& s, const ColumnElement& n) {
        return select(s.users.c("name"), n).join(s.addresses).group_by({s.users.c("name")});
    };
    b["order_by_label"] = [=](Schema& s) {
        auto n = func("count", {s.addresses.c("id")}).label("n");
        return counted(s, n).order_by({n});
    };
    b["order_by_label_desc"] = [=](Schema& s) {
        auto n = func("count", {s.addresses.c("id")}).label("n");
        return counted(s, n).order_by({n.desc()});
    };
    b["order_by_label_not_selected"] = [](Schema& s) {
        auto n = func("count", {s.addresses.c("id")}).label("n");
        return select(s.users.c("name")).join(s.addresses).group_by({s.users.c("name")}).order_by({n});
    };
    b["order_by_name"] = [](Schema& s) {
        return select(s.users.c("name"), func("count", {s.addresses.c("id")}).label("n"))
            .join(s.addresses)
            .group_by({"name"})
            .order_by({"n"});
    };
    b["order_by_desc_name"] = [=](Schema& s) {
        return counted(s, func("count", {s.addresses.c("id")}).label("n")).order_by({desc("n")});
    };
    b["order_by_column_name"] = [](Schema& s) { return select(s.users.c("name")).order_by({"name"}); };
    b["order_by_from_column_name"] = [](Schema& s) { return select(s.users.c("name")).order_by({"fullname"}); };
    b["order_by_unknown_name"] = [](Schema& s) { return select(s.users.c("name")).order_by({"nosuch"}); };
    // 6. FOR UPDATE OF, type_coerce, Computed
    b["for_update_of_table"] = [](Schema& s) { return select(s.users.c("id")).with_for_update({.of = {s.users}}); };
    b["for_update_of_alias"] = [](Schema& s) {
        auto ua = s.users.alias("ua");
        return select(ua.c("id")).with_for_update({.nowait = true, .of = {ua}});
    };
    b["for_update_of_columns"] = [](Schema& s) {
        return select(s.users.c("id")).with_for_update({.of = {s.users.c("id"), s.users.c("name")}});
    };
    b["type_coerce_column"] = [](Schema& s) { return select(type_coerce(s.users.c("name"), String{})); };
    b["type_coerce_label"] = [](Schema& s) { return select(type_coerce(s.users.c("name"), String{}).label("x")); };
    b["type_coerce_where"] = [=](Schema& s) { return where_users(s, type_coerce(s.users.c("name"), String{}) == "x"); };
    b["type_coerce_value"] = [](Schema&) { return select(type_coerce("x", String{}).label("v")); };
    b["type_coerce_value_right"] = [=](Schema& s) {
        return where_users(s, s.users.c("name") == type_coerce("x", String{}));
    };
    b["type_coerce_order_group"] = [](Schema& s) {
        return select(s.users.c("name"))
            .group_by({type_coerce(s.users.c("name"), String{})})
            .order_by({type_coerce(s.users.c("name"), String{})});
    };
    b["type_coerce_subquery"] = [](Schema& s) {
        auto sq = select(type_coerce(s.users.c("id"), String{})).subquery("s");
        return select(sq.c("id"));
    };
    b["cast_column_keeps_name"] = [](Schema& s) { return select(cast(s.users.c("id"), String{})); };
    b["cast_column_in_subquery"] = [](Schema& s) {
        auto sq = select(cast(s.users.c("id"), String{}), s.users.c("name")).subquery();
        return select(sq.c("id"));
    };
    b["cast_compared_with_value"] = [=](Schema& s) { return where_users(s, cast(s.users.c("id"), String{}) == "1"); };
    // 7. compounds in compounds, members with ORDER BY / LIMIT, values(), WITHIN GROUP
    auto member = [](Schema& s, int i) { return select(s.users.c("id")).where(s.users.c("id") == i); };
    b["compound_nested_right"] = [=](Schema& s) {
        return union_({member(s, 1), union_all({member(s, 2), member(s, 3)})});
    };
    b["compound_nested_left"] = [=](Schema& s) { return except_({union_({member(s, 1), member(s, 2)}), member(s, 3)}); };
    b["compound_member_order_by_limit"] = [=](Schema& s) {
        return union_({member(s, 1).order_by({s.users.c("id")}).limit(1), member(s, 2)});
    };
    b["compound_members_limit"] = [=](Schema& s) { return union_all({member(s, 1).limit(1), member(s, 2).limit(1)}); };
    b["compound_order_by_name"] = [=](Schema& s) { return union_({member(s, 1), member(s, 2)}).order_by({"id"}); };
    b["values_from"] = [](Schema&) {
        auto v = values({column("a", Integer{}), column("b", String{})}, "v").data({{1, "x"}, {2, "y"}});
        return select(v.c("a"), v.c("b")).where(v.c("a") > 1);
    };
    b["within_group"] = [](Schema& s) {
        return select(func("percentile_cont", {0.5}).within_group({s.users.c("id").desc()}).label("p"));
    };
    b["within_group_two_columns"] = [](Schema& s) {
        return select(func("rank", {5}).within_group({s.users.c("id"), s.users.c("name")}));
    };
    b["tablesample_named_seed"] = [](Schema& s) {
        auto t = s.users.tablesample(func("bernoulli", {1}), "alias", func("random"));
        return select(t.c("name"));
    };
    b["tablesample_anonymous"] = [](Schema& s) {
        auto t = s.users.tablesample(func("system", {10}));
        return select(t.c("id")).where(t.c("id") > 1);
    };
    b["aggregate_order_by"] = [](Schema& s) {
        return select(func("array_agg", {postgresql::aggregate_order_by(s.users.c("name"), {s.users.c("id").desc()})}));
    };
    b["aggregate_order_by_string_agg"] = [](Schema& s) {
        return select(func("string_agg", {s.users.c("name"), postgresql::aggregate_order_by(literal_column("','"),
                                                                                            {s.users.c("name")})}));
    };
    b["table_valued"] = [](Schema&) {
        auto tv = func("json_each", {literal("{\"a\": 1}")}).table_valued({"key", "value"});
        return select(tv.c("key"), tv.c("value")).where(tv.c("key") != "b");
    };
    b["table_valued_named"] = [](Schema&) {
        auto gs = func("generate_series", {1, 3}).table_valued({"value"}, "gs");
        return select(gs.c("value"));
    };
    b["column_valued"] = [](Schema&) {
        return select(func("unnest", {literal_column("ARRAY[1, 2]")}).column_valued("x"));
    };
    b["compound_limit_offset_bindparam"] = [=](Schema& s) {
        return union_({member(s, 1), member(s, 2)}).order_by({"id"}).limit(bindparam("n", 2)).offset(bindparam("o", 1));
    };
    b["update_multiple_tables"] = [](Schema& s) {
        return update(s.users)
            .values({{s.users.c("name"), "n"}, {s.addresses.c("email"), "e"}})
            .where(s.users.c("id") == s.addresses.c("user_id"));
    };
    b["function_value_parameters"] = [](Schema& s) {
        return select(func("coalesce", {s.users.c("name"), "x"}), func("coalesce", {s.users.c("name"), literal("y")}));
    };
    // 8. prefix_with / suffix_with, mysql_limit, collate, match, regexp flags and replace, IN lists
    // with expressions, reverse operators, LIKE escape, ARRAY comparisons
    b["select_prefix_with"] = [](Schema& s) { return select(s.users.c("id")).distinct().prefix_with("SQL_NO_CACHE"); };
    b["select_prefix_with_dialect"] = [](Schema& s) {
        return select(s.users.c("id")).prefix_with("SQL_NO_CACHE", "mysql").prefix_with("/*+ FULL(users) */", "oracle");
    };
    b["select_suffix_with"] = [](Schema& s) { return select(s.users.c("id")).suffix_with("LOCK IN SHARE MODE", "mysql"); };
    b["insert_prefix_with"] = [](Schema& s) {
        return insert(s.users).prefix_with("IGNORE", "mysql").values({{"id", 1}, {"name", "x"}});
    };
    b["update_prefix_with_limit"] = [](Schema& s) {
        return update(s.users).prefix_with("LOW_PRIORITY").values({{"name", "x"}}).where(s.users.c("id") > 1).mysql_limit(1);
    };
    b["delete_prefix_with"] = [](Schema& s) {
        return delete_(s.users).prefix_with("QUICK", "mysql").where(s.users.c("id") > 1);
    };
    b["collate_where"] = [=](Schema& s) { return where_users(s, s.users.c("name").collate("utf8mb4_bin") == "ed"); };
    b["collate_quoted_order_by"] = [](Schema& s) { return select(s.users.c("id")).order_by({s.users.c("name").collate("C")}); };
    b["match"] = [=](Schema& s) { return where_users(s, s.users.c("name").match("ed")); };
    b["not_match"] = [=](Schema& s) { return where_users(s, !s.users.c("name").match("ed")); };
    b["regexp_match_flags_i"] = [=](Schema& s) { return where_users(s, s.users.c("name").regexp_match("^E", "i")); };
    b["regexp_match_flags"] = [=](Schema& s) { return where_users(s, s.users.c("name").regexp_match("^e", "c")); };
    b["not_regexp_match_flags"] = [=](Schema& s) { return where_users(s, !s.users.c("name").regexp_match("^E", "i")); };
    b["regexp_match_column"] = [=](Schema& s) {
        return where_users(s, s.users.c("fullname").regexp_match(s.users.c("name")));
    };
    b["regexp_replace"] = [](Schema& s) { return select(s.users.c("name").regexp_replace("e", "E")); };
    b["regexp_replace_flags"] = [](Schema& s) { return select(s.users.c("name").regexp_replace("E", "x", "i")); };
    b["in_expressions"] = [=](Schema& s) {
        return where_users(s, s.users.c("id").in_({1, literal(2) + 1, s.users.c("id")}));
    };
    b["not_in_expressions"] = [=](Schema& s) { return where_users(s, s.users.c("id").not_in({literal(1), 2})); };
    b["reverse_operators"] = [](Schema& s) {
        return select((10 - s.users.c("id")).label("a"), ("x" + s.users.c("name")).label("b"));
    };
    b["startswith_escape"] = [=](Schema& s) { return where_users(s, s.users.c("name").startswith("a^%", false, '^')); };
    b["contains_autoescape_escape"] = [=](Schema& s) {
        return where_users(s, s.users.c("name").contains("a%^b", true, '^'));
    };
    b["is_distinct_from_column"] = [=](Schema& s) {
        return where_users(s, s.users.c("name").is_distinct_from(s.users.c("fullname")));
    };
    b["array_contained_by"] = [](Schema& s) {
        return select(s.arrays.c("id")).where(s.arrays.c("ints").contained_by(json::array{1, 2, 3}));
    };
    b["array_overlap"] = [](Schema& s) {
        return select(s.arrays.c("id")).where(s.arrays.c("ints").overlap(json::array{3, 4}));
    };
    b["array_any_all"] = [](Schema& s) {
        return select(s.arrays.c("id")).where(s.arrays.c("ints").any(2)).where(s.arrays.c("ints").all(2));
    };
    b["order_by_none"] = [](Schema& s) {
        return select(s.users.c("name"))
            .order_by({s.users.c("name")})
            .group_by({s.users.c("name")})
            .order_by(std::nullopt)
            .group_by(std::nullopt);
    };
    b["computed_persisted_none"] = [](Schema& s) { return CreateTable(s.gen[0]); };
    b["computed_persisted_true"] = [](Schema& s) { return CreateTable(s.gen[1]); };
    b["computed_persisted_false"] = [](Schema& s) { return CreateTable(s.gen[2]); };
    return b;
}

json::value to_json(const Value& v) {
    if (v.is_null()) return nullptr;
    if (const auto* i = std::get_if<std::int64_t>(&v.storage())) return *i;
    if (const auto* s = std::get_if<std::string>(&v.storage())) return json::string(*s);
    if (const auto* b = std::get_if<bool>(&v.storage())) return *b;
    if (const auto* d = std::get_if<double>(&v.storage())) return *d;
    if (const auto* j = std::get_if<json::value>(&v.storage())) return *j;
    return json::string(v.repr());
}

struct Rendered {
    std::optional<std::string> sql;
    json::object params;
    std::string error;
};

// The SQL sqla renders and its parameters by compiled name, as SQLAlchemy's compiled.params.
Rendered render(const Executable& stmt, const Dialect& dialect) {
    Rendered r;
    try {
        // compile() walks the statement the same way: its slots index these binds.
        CacheKey key;
        stmt.element().append_cache_key(key);
        auto compiled = compile(stmt, dialect);
        r.sql = compiled.sql;
        for (const auto& slot : compiled.binds) {
            const auto* node = slot.extracted >= 0 ? key.binds[static_cast<std::size_t>(slot.extracted)] : nullptr;
            r.params[slot.name] = node && node->value() ? to_json(*node->value()) : to_json(slot.value.value_or(Value()));
        }
    } catch (const CompileError& e) {
        r.error = e.what();
    }
    return r;
}

// Parameters by name (SQLAlchemy's compiled.params is a dict; sqla's are in placeholder order).
std::map<std::string, std::string> sorted(const json::object& params) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : params) out.emplace(std::string(k), json::serialize(v));
    return out;
}

const Dialect& dialect(const std::string& name) {
    static std::map<std::string, std::shared_ptr<Dialect>> dialects;
    auto& d = dialects[name];
    if (!d) d = registry().dialect(name);
    return *d;
}

TEST(Constructs, RenderAsSqlalchemyOnEveryDialect) {
    const auto& cases = data().at("cases").as_array();
    const auto build = builders();
    ASSERT_EQ(cases.size(), build.size()) << "the generator's cases and this test's builders differ";
    Schema schema;
    std::size_t compared = 0;
    for (const auto& v : cases) {
        const auto& c = v.as_object();
        const std::string id(c.at("id").as_string());
        auto it = build.find(id);
        ASSERT_NE(it, build.end()) << "no sqla builder for case " << id;
        const auto* divergent = c.if_contains("divergent");
        for (const auto& [key, expected_value] : c.at("dialects").as_object()) {
            const std::string name(key);
            SCOPED_TRACE(id + " on " + name + "\nSQLAlchemy: " + json::serialize(c.at("construct")));
            if (divergent && divergent->as_object().contains(name)) continue;
            const auto& expected = expected_value.as_object();
            const auto got = render(it->second(schema), dialect(name));
            ++compared;
            if (const auto* e = expected.if_contains("error")) {
                EXPECT_FALSE(got.sql) << "SQLAlchemy refuses (" << e->as_string().c_str() << ") but sqla renders "
                                      << *got.sql;
                continue;
            }
            ASSERT_TRUE(got.sql) << "SQLAlchemy renders " << expected.at("sql").as_string().c_str()
                                 << " but sqla refuses: " << got.error;
            EXPECT_EQ(*got.sql, std::string(expected.at("sql").as_string()));
            EXPECT_EQ(sorted(got.params), sorted(expected.at("params").as_object()));
        }
    }
    EXPECT_GT(compared, cases.size() * 4);
}

// The refusals name what was wrong.
TEST(Constructs, ErrorsNameTheProblem) {
    Schema s;
    try {
        (void)compile(select(s.users.c("name")).order_by({"nosuch"}), dialect("sqlite"));
        FAIL() << "an unknown label reference compiled";
    } catch (const CompileError& e) {
        EXPECT_NE(std::string(e.what()).find("'nosuch'"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)select(s.users).filter_by({{"nosuch", 1}}), NoSuchColumnError);
    EXPECT_THROW((void)select(literal_column("1")).filter_by({{"id", 1}}), InvalidRequestError);
    EXPECT_THROW((void)text("SELECT 1").columns({literal(1)}), ArgumentError);
}

// ---- live -------------------------------------------------------------------------------------

class ConstructsLive : public sqla_test::LiveBackendTest {
protected:
    void SetUp() override {
        LiveBackendTest::SetUp();
        if (IsSkipped()) return;
        auto conn = engine().connect();
        conn.execute(text("DROP TABLE IF EXISTS cx_addresses"));
        conn.execute(text("DROP TABLE IF EXISTS cx_users"));
        conn.commit();
        metadata_.create_all(engine());
        auto c = engine().connect();
        c.execute(insert(users_), std::vector<Params>{{{"id", 1}, {"name", "ed"}, {"fullname", "ed jones"}},
                                                      {{"id", 2}, {"name", "wendy"}, {"fullname", "williams, wendy"}},
                                                      {{"id", 3}, {"name", "mary"}, {"fullname", "mary ed"}}});
        c.execute(insert(addresses_), std::vector<Params>{{{"id", 1}, {"user_id", 1}, {"email", "ed@a"}},
                                                          {{"id", 2}, {"user_id", 1}, {"email", "ed@b"}},
                                                          {{"id", 3}, {"user_id", 2}, {"email", "wendy@a"}}});
        c.commit();
    }
    void TearDown() override {
        if (engine_) metadata_.drop_all(engine());
        LiveBackendTest::TearDown();
    }
    std::vector<std::string> names(const Executable& stmt) {
        auto conn = engine().connect();
        return conn.execute(stmt).scalars<std::string>().all();
    }

    MetaData metadata_;
    Table users_{metadata_, "cx_users", Column{"id", Integer{}, primary_key}, Column{"name", String{30}},
                 Column{"fullname", String{50}}};
    Table addresses_{metadata_, "cx_addresses", Column{"id", Integer{}, primary_key},
                     Column{"user_id", Integer{}, ForeignKey("cx_users.id")}, Column{"email", String{50}}};
};

TEST_P(ConstructsLive, SelectsRunAndReturnTheRows) {
    const auto& u = users_;
    const auto& a = addresses_;
    using V = std::vector<std::string>;
    // with_only_columns, filter_by, join_from, alias
    EXPECT_EQ(names(select(u).with_only_columns({u.c("name")}).order_by({u.c("id")})), (V{"ed", "wendy", "mary"}));
    EXPECT_EQ(names(select(u.c("name")).filter_by({{"id", 2}})), V{"wendy"});
    EXPECT_EQ(names(select(u.c("name")).join(a).filter_by({{"email", "wendy@a"}})), V{"wendy"});
    EXPECT_EQ(names(select(a.c("email")).join_from(u, a).filter_by({{"id", 2}})), V{"ed@b"});
    auto sub = select(u.c("id"), u.c("name")).where(u.c("id") > 1).alias("sub");
    EXPECT_EQ(names(select(sub.c("name")).order_by({sub.c("id")})), (V{"wendy", "mary"}));
    // operators against columns: fullname starts with / ends with / contains name
    auto by_id = [&](const ColumnElement& criterion) { return names(select(u.c("name")).where(criterion).order_by({u.c("id")})); };
    EXPECT_EQ(by_id(u.c("fullname").startswith(u.c("name"))), (V{"ed", "mary"}));
    EXPECT_EQ(by_id(u.c("fullname").endswith(u.c("name"))), V{"wendy"});
    EXPECT_EQ(by_id(u.c("fullname").contains(u.c("name"))), (V{"ed", "wendy", "mary"}));
    EXPECT_EQ(by_id(u.c("fullname").like(u.c("name").concat("%"))), (V{"ed", "mary"}));
    EXPECT_EQ(by_id(u.c("fullname").not_like(u.c("name").concat("%"))), V{"wendy"});
    EXPECT_EQ(names(select(u.c("name")).where(u.c("id").between(literal(2), func("length", {u.c("name")})))
                        .order_by({u.c("id")})),
              (V{"wendy", "mary"}));
    // LIMIT / OFFSET with parameters and expressions
    EXPECT_EQ(names(select(u.c("name")).order_by({u.c("id")}).limit(bindparam("lim", 2)).offset(bindparam("off", 1))),
              (V{"wendy", "mary"}));
    // MySQL's LIMIT takes a number or a placeholder only, not an expression.
    if (GetParam().key != "mysql")
        EXPECT_EQ(names(select(u.c("name")).order_by({u.c("id")}).limit(literal_column("0") + bindparam("extra", 1))),
                  V{"ed"});
    // text() as WHERE, ORDER BY, FROM, and a typed textual SELECT as a subquery and a CTE
    EXPECT_EQ(names(select(u.c("name")).where(text("cx_users.id >= :n").bindparams({{"n", 2}})).order_by({text("name")})),
              (V{"mary", "wendy"}));
    EXPECT_EQ(names(select(column("name")).select_from(text("cx_users")).where(column("id") == 3)), V{"mary"});
    auto ts = text("SELECT id, name FROM cx_users").columns({column("id", Integer{}), column("name", String{})});
    auto t = ts.subquery("t");
    EXPECT_EQ(names(select(t.c("name")).where(t.c("id") == 2)), V{"wendy"});
    auto c = ts.cte("c");
    EXPECT_EQ(names(select(c.c("name")).order_by({c.c("name")})), (V{"ed", "mary", "wendy"}));
    {
        auto conn = engine().connect();
        auto rows = conn.execute(ts).all();
        ASSERT_EQ(rows.size(), 3u);
    }
    // ORDER BY a label, by name and by the label itself
    auto n = func("count", {a.c("id")}).label("n");
    auto counts = select(u.c("name"), n).join(a).group_by({u.c("name")});
    EXPECT_EQ(names(counts.order_by({desc("n")})), (V{"ed", "wendy"}));
    EXPECT_EQ(names(counts.order_by({n.desc()})), (V{"ed", "wendy"}));
    EXPECT_EQ(names(select(u.c("name")).order_by({"fullname"})), (V{"ed", "mary", "wendy"}));
    // type_coerce in the columns, WHERE and ORDER BY
    EXPECT_EQ(names(select(type_coerce(u.c("name"), String{})).where(type_coerce(u.c("id"), Integer{}) == 3)), V{"mary"});
}

TEST_P(ConstructsLive, CompoundsValuesAndWithinGroupRun) {
    const auto& u = users_;
    auto member = [&](int i) { return select(u.c("name")).where(u.c("id") == i); };
    using V = std::vector<std::string>;
    // A compound nested in a compound is parenthesised, which SQLite does not accept (SQLAlchemy
    // renders the same); PostgreSQL and MariaDB run it.
    if (GetParam().key != "sqlite") {
        EXPECT_EQ(names(union_({member(1), union_all({member(2), member(3)})}).order_by({"name"})),
                  (V{"ed", "mary", "wendy"}));
        EXPECT_EQ(names(union_all({member(1).order_by({u.c("name")}).limit(1), member(2).limit(1)})),
                  (V{"ed", "wendy"}));
    }
    EXPECT_EQ(names(union_({member(1), member(2)}).order_by({"name"})), (V{"ed", "wendy"}));
    EXPECT_EQ(names(union_({member(1), member(2), member(3)}).order_by({"name"}).limit(bindparam("n", 1)).offset(bindparam("o", 1))),
              V{"mary"});
    // A table-valued function as a FROM: SQLite's and PostgreSQL's json_each (MariaDB has none).
    if (GetParam().key != "mysql") {
        // PostgreSQL's json_each takes json, not the varchar a text parameter binds as.
        auto doc = literal("{\"a\": 1, \"b\": 2}");
        if (GetParam().key == "postgresql") doc = cast(doc, JSON{});
        auto tv = func("json_each", {doc}).table_valued({"key", "value"});
        EXPECT_EQ(names(select(tv.c("key")).where(tv.c("key") != "b")), V{"a"});
    }
    // VALUES with a column list after its alias: PostgreSQL only (SQLite and MariaDB have no
    // column list there).
    if (GetParam().key == "postgresql") {
        auto v = values({column("a", Integer{}), column("b", String{})}, "v").data({{1, "x"}, {2, "y"}});
        EXPECT_EQ(names(select(v.c("b")).where(v.c("a") > 1)), V{"y"});
        auto conn = engine().connect();
        auto median = conn.execute(select(func("percentile_cont", {0.5}).within_group({u.c("id")}))).scalar<double>();
        EXPECT_EQ(median, 2.0);
        // A scalar function's alias names its one column: column_valued() (SQLAlchemy renders
        // table_valued("value", name="gs") as `AS gs` too, which has no column "value" here).
        auto gs = func("generate_series", {1, 3}).column_valued("gs");
        EXPECT_EQ(conn.execute(select(func("sum", {gs}))).scalar<std::int64_t>(), 6);
        auto x = func("unnest", {literal_column("ARRAY[1, 2]")}).column_valued("x");
        EXPECT_EQ(conn.execute(select(func("max", {x}))).scalar<std::int64_t>(), 2);
        auto agg = func("string_agg", {u.c("name"), postgresql::aggregate_order_by(literal_column("','"), {u.c("name")})});
        EXPECT_EQ(conn.execute(select(agg)).scalar<std::string>(), "ed,mary,wendy");
        auto sample = u.tablesample(func("bernoulli", {100}), "s", literal_column("1"));
        EXPECT_EQ(conn.execute(select(func("count", {sample.c("id")}))).scalar<std::int64_t>(), 3);
    }
}

TEST_P(ConstructsLive, UpdateOfSeveralTablesRuns) {
    // Only MySQL and MariaDB set columns of several tables in one UPDATE; PostgreSQL's UPDATE ...
    // FROM sets the first table's only (SQLAlchemy renders the same SQL, which it refuses), and
    // SQLite has no multi-table UPDATE at all.
    if (GetParam().key != "mysql") GTEST_SKIP() << "only MySQL and MariaDB update several tables at once";
    auto conn = engine().connect();
    conn.execute(update(users_)
                     .values({{users_.c("fullname"), "wendy w"}, {addresses_.c("email"), "w@b"}})
                     .where(users_.c("id") == addresses_.c("user_id"))
                     .where(users_.c("name") == "wendy"));
    EXPECT_EQ(conn.execute(select(users_.c("fullname")).where(users_.c("id") == 2)).scalar<std::string>(), "wendy w");
    EXPECT_EQ(conn.execute(select(addresses_.c("email")).where(addresses_.c("id") == 3)).scalar<std::string>(), "w@b");
    EXPECT_EQ(conn.execute(select(addresses_.c("email")).where(addresses_.c("id") == 1)).scalar<std::string>(), "ed@a");
}

TEST_P(ConstructsLive, ForUpdateOfTableRuns) {
    if (GetParam().key == "sqlite") GTEST_SKIP() << "SQLite has no row locks (FOR UPDATE is left out)";
    auto conn = engine().connect();
    auto rows = conn.execute(select(users_.c("id")).where(users_.c("id") == 1).with_for_update({.of = {users_}})).all();
    EXPECT_EQ(rows.size(), 1u);
}

TEST_P(ConstructsLive, ComputedColumnsAreGenerated) {
    MetaData m;
    // STORED works on all three (PostgreSQL has no VIRTUAL); z takes the database's default kind.
    Table g(m, "cx_generated", Column{"id", Integer{}, primary_key}, Column{"x", Integer{}},
            Column{"y", Integer{}, Computed{"x * 2", true}}, Column{"z", Integer{}, Computed{literal_column("x") + 1}});
    {
        auto conn = engine().connect();
        conn.execute(text("DROP TABLE IF EXISTS cx_generated"));
        conn.commit();
    }
    m.create_all(engine());
    auto conn = engine().connect();
    conn.execute(insert(g).values({{"id", 1}, {"x", 21}}));
    auto row = conn.execute(select(g.c("y"), g.c("z"))).one();
    EXPECT_EQ(row.get<std::int64_t>(std::size_t{0}), 42);
    EXPECT_EQ(row.get<std::int64_t>(std::size_t{1}), 22);
    conn.commit();
    conn.close();
    m.drop_all(engine());
}

TEST_P(ConstructsLive, PrefixesCollationsRegexpsAndInListsRun) {
    const auto& u = users_;
    const auto& a = addresses_;
    const std::string key = GetParam().key;
    using V = std::vector<std::string>;
    auto by_id = [&](const ColumnElement& criterion) { return names(select(u.c("name")).where(criterion).order_by({u.c("id")})); };
    // IN lists mixing values and expressions; a value on the left of arithmetic; LIKE ... ESCAPE.
    EXPECT_EQ(by_id(u.c("id").in_({1, literal(2) + 1})), (V{"ed", "mary"}));
    EXPECT_EQ(by_id(u.c("id").not_in({literal(1), 2})), V{"mary"});
    EXPECT_EQ(by_id((4 - u.c("id")) == 1), V{"mary"});
    EXPECT_EQ(by_id(u.c("fullname").startswith("ed", false, '^')), V{"ed"});
    EXPECT_EQ(by_id(u.c("name").is_distinct_from(u.c("fullname"))), (V{"ed", "wendy", "mary"}));
    // A prefix for another dialect is left out; one for this dialect runs.
    EXPECT_EQ(by_id(u.c("id") == 1), V{"ed"});
    EXPECT_EQ(names(select(u.c("name")).prefix_with("SQL_NO_CACHE", "mysql").where(u.c("id") == 1)), V{"ed"});
    EXPECT_EQ(names(select(u.c("name")).distinct().prefix_with("/* prefixed */").where(u.c("id") == 2)), V{"wendy"});
    // COLLATE with a collation each database has (SQLite's NOCASE and PostgreSQL's "C" quoted).
    if (key == "sqlite") EXPECT_EQ(by_id(u.c("name").collate("NOCASE") == "ED"), V{"ed"});
    if (key == "postgresql")
        EXPECT_EQ(names(select(u.c("name")).order_by({u.c("name").collate("C")})), (V{"ed", "mary", "wendy"}));
    auto conn = engine().connect();
    // Regular expressions: PostgreSQL and MariaDB (SQLite has no REGEXP function of its own).
    if (key != "sqlite") {
        EXPECT_EQ(by_id(u.c("name").regexp_match("^E", "i")), V{"ed"});
        EXPECT_EQ(by_id(u.c("fullname").regexp_match(u.c("name"))), (V{"ed", "wendy", "mary"}));
        EXPECT_EQ(conn.execute(select(u.c("name").regexp_replace("e", "E")).where(u.c("id") == 1)).scalar<std::string>(), "Ed");
        EXPECT_EQ(conn.execute(select(u.c("name").regexp_replace("E", "x", "i")).where(u.c("id") == 1)).scalar<std::string>(),
                  "xd");
    }
    // MySQL / MariaDB: INSERT IGNORE skips a duplicate key; UPDATE and DELETE ... LIMIT n.
    if (key == "mysql") {
        conn.execute(insert(u).prefix_with("IGNORE").values({{"id", 1}, {"name", "dup"}}));
        EXPECT_EQ(conn.execute(select(u.c("name")).where(u.c("id") == 1)).scalar<std::string>(), "ed");
        conn.execute(update(u).values({{"fullname", "x"}}).mysql_limit(1));
        EXPECT_EQ(conn.execute(select(func("count", {u.c("id")})).where(u.c("fullname") == "x")).scalar<std::int64_t>(), 1);
        conn.execute(delete_(a).prefix_with("QUICK").mysql_limit(2));
        EXPECT_EQ(conn.execute(select(func("count", {a.c("id")}))).scalar<std::int64_t>(), 1);
        conn.rollback();
    }
}

TEST_P(ConstructsLive, ArrayComparisonsRun) {
    if (GetParam().key != "postgresql") GTEST_SKIP() << "ARRAY columns are PostgreSQL's";
    MetaData m;
    Table arr(m, "cx_arrays", Column{"id", Integer{}, primary_key}, Column{"ints", Array{Integer{}}});
    {
        auto conn = engine().connect();
        conn.execute(text("DROP TABLE IF EXISTS cx_arrays"));
        conn.commit();
    }
    m.create_all(engine());
    {
        auto conn = engine().connect();
        conn.execute(insert(arr), std::vector<Params>{{{"id", 1}, {"ints", json::array{1, 2}}},
                                                      {{"id", 2}, {"ints", json::array{2, 3, 4}}}});
        auto ids = [&](const ColumnElement& criterion) {
            return conn.execute(select(arr.c("id")).where(criterion).order_by({arr.c("id")})).scalars<std::int64_t>().all();
        };
        using I = std::vector<std::int64_t>;
        EXPECT_EQ(ids(arr.c("ints").contained_by(json::array{1, 2, 3})), I{1});
        EXPECT_EQ(ids(arr.c("ints").overlap(json::array{3, 9})), I{2});
        EXPECT_EQ(ids(arr.c("ints").any(2)), (I{1, 2}));
        EXPECT_EQ(ids(arr.c("ints").any(4)), I{2});
        EXPECT_EQ(ids(arr.c("ints").contains(json::array{3, 4})), I{2});
        conn.commit();
    }
    m.drop_all(engine());
}

INSTANTIATE_TEST_SUITE_P(Backends, ConstructsLive, sqla_test::live_backends(), sqla_test::backend_name);

}  // namespace
