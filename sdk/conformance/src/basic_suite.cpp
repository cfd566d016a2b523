// sqla: sdk/conformance/src/basic_suite.cpp. Connecting, bound parameters and value round trips.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <sqla/conformance.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

import sqla;

#include "suite.hpp"

namespace sqla::testing {
namespace {

// The column is declared with sqla's type, so the dialect names it (BLOB, BYTEA, VARBINARY...).
Value roundtrip(SuiteContext& ctx, const TypeEngine& column_type, const Value& v) {
    MetaData md;
    Table t(md, "sqla_conf_values", Column{"v", column_type});
    auto conn = ctx.engine().connect();
    md.drop_all(conn);
    md.create_all(conn);
    conn.commit();
    conn.execute(insert(t), {{"v", v}});
    auto out = conn.execute(text("SELECT v FROM sqla_conf_values")).scalar_one();
    md.drop_all(conn, false);
    conn.commit();
    return out;
}

}  // namespace

std::vector<SuiteTest> basic_tests() {
    return {
        {"connect_and_select_literal", {},
         [](SuiteContext& ctx) {
             auto conn = ctx.engine().connect();
             EXPECT_EQ(conn.execute(text("SELECT 1")).scalar<int>(), 1);
         }},
        {"bound_parameters_select", {},
         [](SuiteContext& ctx) {
             auto conn = ctx.engine().connect();
             auto row = conn.execute(text("SELECT :a AS a, :b AS b"), {{"a", 41}, {"b", "forty-two"}}).one();
             EXPECT_EQ(row.get<int>("a"), 41);
             EXPECT_EQ(row.get<std::string>("b"), "forty-two");
         }},
        {"integer_round_trip", {},
         [](SuiteContext& ctx) {
             EXPECT_EQ(roundtrip(ctx, BigInteger{}, std::numeric_limits<std::int64_t>::max()).as<std::int64_t>(),
                       std::numeric_limits<std::int64_t>::max());
             EXPECT_EQ(roundtrip(ctx, BigInteger{}, std::numeric_limits<std::int64_t>::min()).as<std::int64_t>(),
                       std::numeric_limits<std::int64_t>::min());
         }},
        {"float_round_trip", {},
         [](SuiteContext& ctx) { EXPECT_DOUBLE_EQ(roundtrip(ctx, Float{}, 2.5).as<double>(), 2.5); }},
        {"unicode_text_round_trip", {},
         [](SuiteContext& ctx) {
             const std::string s = "Ångström — 東京 🙂 'quoted' \"double\" \\ back";
             EXPECT_EQ(roundtrip(ctx, String{200}, s).as<std::string>(), s);
         }},
        {"null_round_trip", {},
         [](SuiteContext& ctx) { EXPECT_TRUE(roundtrip(ctx, Integer{}, std::nullopt).is_null()); }},
        {"binary_round_trip", {"binary"},
         [](SuiteContext& ctx) {
             Bytes b{std::byte{0}, std::byte{1}, std::byte{0xfe}, std::byte{0xff}, std::byte{'\''}};
             EXPECT_EQ(roundtrip(ctx, LargeBinary{}, b).as<Bytes>(), b);
         }},
        {"values_never_become_sql", {},
         [](SuiteContext& ctx) {
             const std::string evil = "x'); DROP TABLE sqla_conf_values; --";
             EXPECT_EQ(roundtrip(ctx, String{100}, evil).as<std::string>(), evil);
         }},
    };
}

}  // namespace sqla::testing
