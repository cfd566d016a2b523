// sqla: tests/sqla/types/type_rendering_test.cpp. Every type's CAST and CREATE TABLE rendering on
// every dialect, against what SQLAlchemy 1.4.46 renders (tests/data/types/type_renderings.json,
// made by generate_type_renderings.py beside it); and what tells types apart: repr() and the
// statement cache key.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstddef>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

import sqla;

namespace {

namespace json = boost::json;
using namespace sqla;

// The generator's type ids, built with sqla's API.
std::map<std::string, TypeEngine> types_by_id() {
    return {
        {"Integer", Integer{}},
        {"BigInteger", BigInteger{}},
        {"SmallInteger", SmallInteger{}},
        {"Boolean", Boolean{}},
        {"String", String{}},
        {"String(50)", String{50}},
        {"Text", Text{}},
        {"Text(16777215)", Text{16'777'215}},
        {"Unicode(30)", Unicode{30}},
        {"UnicodeText", UnicodeText{}},
        {"Float", Float{}},
        {"Float(10)", Float{10}},
        {"Numeric", Numeric{}},
        {"Numeric(10)", Numeric{10}},
        {"Numeric(10, 2)", Numeric{10, 2}},
        {"Date", Date{}},
        {"Time", Time{}},
        {"DateTime", DateTime{}},
        {"DateTime(timezone=True)", DateTime{true}},
        {"Interval", Interval{}},
        {"LargeBinary", LargeBinary{}},
        {"LargeBinary(100)", LargeBinary{100}},
        {"LargeBinary(16777215)", LargeBinary{16'777'215}},
        {"JSON", JSON{}},
        {"Enum('a', 'b', name='ab')", Enum{.values = {"a", "b"}, .name = "ab"}},
        {"postgresql.UUID", postgresql::UUID{}},
        {"postgresql.JSONB", postgresql::JSONB{}},
        {"postgresql.ARRAY(Integer)", postgresql::ARRAY{Integer{}}},
        {"mysql.DATETIME(fsp=6)", mysql::DATETIME{.fsp = 6}},
        {"mysql.TIME(fsp=6)", mysql::TIME{.fsp = 6}},
        {"mysql.DATETIME(fsp=3)", mysql::DATETIME{.fsp = 3}},
    };
}

json::object load() {
    std::ifstream in(std::string(SQLA_TEST_SOURCE_DIR) + "/tests/data/types/type_renderings.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return json::parse(text).as_object();
}

struct Rendered {
    std::optional<std::string> sql;
    std::string error;
};

Rendered render(const Executable& stmt, const Dialect& dialect) {
    try {
        return {compile(stmt, dialect).sql, {}};
    } catch (const CompileError& e) {
        return {std::nullopt, e.what()};
    }
}

// sqla refuses a dialect's own type (postgresql.JSONB, mysql.DATETIME) on another dialect, where
// SQLAlchemy renders the upper-case types generically or refuses: a deliberate difference
// (docs/types.md), accepted only as a refusal.
bool foreign_dialect_type(const TypeEngine& type, std::string_view dialect) {
    const auto& d = type.details().dialect;
    return !d.empty() && d != dialect;
}

void check(std::string_view what, const std::string& type_id, const std::string& dialect_name, const TypeEngine& type,
           const json::object& expected, const Rendered& got) {
    SCOPED_TRACE(std::string(what) + " of " + type_id + " on " + dialect_name);
    if (const auto* e = expected.if_contains("error")) {
        EXPECT_FALSE(got.sql) << "SQLAlchemy refuses (" << e->as_string().c_str() << ") but sqla renders " << *got.sql;
        return;
    }
    const std::string sql(expected.at("sql").as_string());
    if (foreign_dialect_type(type, dialect_name) && !got.sql) return;
    ASSERT_TRUE(got.sql) << "SQLAlchemy renders " << sql << " but sqla refuses: " << got.error;
    EXPECT_EQ(*got.sql, sql);
}

TEST(TypeRendering, CastAndCreateTableMatchSqlalchemyOnEveryDialect) {
    const auto expected = load();
    const auto types = types_by_id();
    ASSERT_EQ(expected.size(), types.size()) << "the generator's type ids and this test's differ";
    std::size_t compared = 0;
    for (const auto& [type_id, per_dialect] : expected) {
        auto it = types.find(std::string(type_id));
        ASSERT_NE(it, types.end()) << "no sqla type for " << std::string(type_id);
        const TypeEngine& type = it->second;
        for (const auto& [dialect_name, renderings] : per_dialect.as_object()) {
            auto dialect = registry().dialect(std::string(dialect_name));
            const auto& r = renderings.as_object();
            check("CAST", it->first, std::string(dialect_name), type, r.at("cast").as_object(),
                  render(select(cast(column("x"), type).label("x")), *dialect));
            MetaData metadata;
            Table t(metadata, "t", Column{"x", type});
            check("CREATE TABLE", it->first, std::string(dialect_name), type, r.at("ddl").as_object(),
                  render(CreateTable(t), *dialect));
            compared += 2;
        }
    }
    EXPECT_EQ(compared, types.size() * 5 * 2);
}

// The regression: postgresql::JSONB and postgresql::UUID both printed "postgresql.UUID()", and
// mysql::DATETIME and mysql::TIME alike; the printed form was also the cache key.
TEST(TypeRendering, DialectTypesPrintTheirOwnNames) {
    EXPECT_EQ(TypeEngine(postgresql::JSONB{}).repr(), "postgresql.JSONB()");
    EXPECT_EQ(TypeEngine(postgresql::UUID{}).repr(), "postgresql.UUID()");
    EXPECT_EQ(TypeEngine(mysql::DATETIME{.fsp = 6}).repr(), "mysql.DATETIME(fsp=6)");
    EXPECT_EQ(TypeEngine(mysql::TIME{.fsp = 6}).repr(), "mysql.TIME(fsp=6)");
    // A quote inside a value is escaped, so values cannot run together in the printed form.
    const auto e = TypeEngine(Enum{.values = {"it's", "b"}, .name = "e"}).repr();
    EXPECT_NE(e.find("'it\\'s', 'b', name='e')"), std::string::npos) << e;
}

std::string key_of(const Executable& stmt) {
    CacheKey key;
    stmt.element().append_cache_key(key);
    return key.key;
}

class Money final : public TypeDecorator {
public:
    TypeEngine impl() const override { return Numeric{12, 2}; }
    std::string name() const override { return "Money"; }
};
class Cents final : public TypeDecorator {
public:
    TypeEngine impl() const override { return Numeric{12, 2}; }
    std::string name() const override { return "Money"; }  // the same name, another class
};

// Every pair of distinct types gives distinct cache keys; equal types equal keys.
TEST(TypeRendering, CacheKeysTellEveryTypeApart) {
    auto types = types_by_id();
    types.emplace("Enum('a, b')", Enum{.values = {"a, b"}});
    types.emplace("Enum('a', 'b')", Enum{.values = {"a", "b"}});
    types.emplace("Enum(native_enum=False)", Enum{.values = {"a", "b"}, .name = "ab", .native_enum = false});
    types.emplace("Money", decorate<Money>());
    types.emplace("Cents", decorate<Cents>());
    types.emplace("ARRAY(BigInteger)", postgresql::ARRAY{BigInteger{}});
    types.emplace("ARRAY(Integer, 2)", postgresql::ARRAY{Integer{}, 2});
    std::map<std::string, std::string> seen;
    for (const auto& [id, type] : types) {
        const auto key = key_of(select(cast(column("x"), type)));
        auto [it, fresh] = seen.emplace(key, id);
        EXPECT_TRUE(fresh) << id << " and " << it->second << " share the cache key " << key;
        EXPECT_EQ(key_of(select(cast(column("x"), types.at(id)))), key) << id;
    }
}

// The cases: a CAST to UUID after a CAST to JSONB ran the JSONB statement's SQL, and on
// MariaDB a TIME cast after a DATETIME one returned a datetime (mysql_test runs it live).
TEST(TypeRendering, DialectTypesHaveTheirOwnKeysAndSql) {
    auto pg = registry().dialect("postgresql");
    auto my = registry().dialect("mysql");
    auto a = select(cast(literal("{}"), postgresql::JSONB{}));
    auto b = select(cast(literal("{}"), postgresql::UUID{}));
    EXPECT_NE(key_of(a), key_of(b));
    EXPECT_NE(compile(a, *pg).sql, compile(b, *pg).sql);
    auto c = select(cast(literal("12:00:00"), mysql::DATETIME{.fsp = 6}));
    auto d = select(cast(literal("12:00:00"), mysql::TIME{.fsp = 6}));
    EXPECT_NE(key_of(c), key_of(d));
    EXPECT_EQ(compile(c, *my).sql, "SELECT CAST(%s AS DATETIME(6)) AS anon_1");
    EXPECT_EQ(compile(d, *my).sql, "SELECT CAST(%s AS TIME(6)) AS anon_1");
}

}  // namespace
