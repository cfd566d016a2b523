// sqla: tests/sqla/types/value_test.cpp. Value construction, checked conversion and rendering.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

import sqla;

namespace {

TEST(Value, HoldsEachKind) {
    EXPECT_EQ(sqla::Value().kind(), sqla::ValueKind::null);
    EXPECT_EQ(sqla::Value(std::nullopt).kind(), sqla::ValueKind::null);
    EXPECT_EQ(sqla::Value(true).kind(), sqla::ValueKind::boolean);
    EXPECT_EQ(sqla::Value(5).kind(), sqla::ValueKind::integer);
    EXPECT_EQ(sqla::Value(std::int64_t{5}).kind(), sqla::ValueKind::integer);
    EXPECT_EQ(sqla::Value(2.5).kind(), sqla::ValueKind::real);
    EXPECT_EQ(sqla::Value("text").kind(), sqla::ValueKind::text);
    EXPECT_EQ(sqla::Value(std::string_view("t")).kind(), sqla::ValueKind::text);
    EXPECT_EQ(sqla::Value(sqla::Bytes{std::byte{1}}).kind(), sqla::ValueKind::blob);
    EXPECT_EQ(sqla::Value(std::optional<int>{}).kind(), sqla::ValueKind::null);
    EXPECT_EQ(sqla::Value(std::optional<int>{3}).as<int>(), 3);
}

TEST(Value, ConvertsWithinRange) {
    EXPECT_EQ(sqla::Value(300).as<std::int16_t>(), 300);
    EXPECT_EQ(sqla::Value(std::numeric_limits<std::int64_t>::min()).as<std::int64_t>(),
              std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(sqla::Value(7).as<double>(), 7.0);
    EXPECT_EQ(sqla::Value(1).as<bool>(), true);
    EXPECT_EQ(sqla::Value(0).as<bool>(), false);
    EXPECT_EQ(sqla::Value(true).as<int>(), 1);
    EXPECT_EQ(sqla::Value("abc").as<std::string_view>(), "abc");
    EXPECT_EQ(sqla::Value().as<std::optional<int>>(), std::nullopt);
    EXPECT_EQ(sqla::Value(4).as<std::optional<int>>(), 4);
}

TEST(Value, RejectsOutOfRangeIntegers) {
    EXPECT_THROW((void)sqla::Value(300).as<std::int8_t>(), sqla::TypeError);
    EXPECT_THROW((void)sqla::Value(-1).as<std::uint32_t>(), sqla::TypeError);
    EXPECT_THROW((void)sqla::Value(std::int64_t{1} << 40).as<std::int32_t>(), sqla::TypeError);
    EXPECT_THROW((void)sqla::Value(2).as<bool>(), sqla::TypeError);
    EXPECT_THROW([] { return sqla::Value(std::numeric_limits<std::uint64_t>::max()); }(), sqla::TypeError);
    EXPECT_EQ(sqla::Value(std::uint64_t{42}).as<std::uint64_t>(), 42u);
}

TEST(Value, RejectsWrongKindsWithClearMessages) {
    try {
        (void)sqla::Value("abc").as<std::int64_t>();
        FAIL() << "expected TypeError";
    } catch (const sqla::TypeError& e) {
        EXPECT_STREQ(e.what(), "cannot convert text value 'abc' to std::int64_t");
    }
    try {
        (void)sqla::Value().as<std::string>();
        FAIL() << "expected TypeError";
    } catch (const sqla::TypeError& e) {
        EXPECT_NE(std::string(e.what()).find("std::optional<std::string>"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)sqla::Value(1.5).as<int>(), sqla::TypeError);
    EXPECT_THROW((void)sqla::Value(5).as<std::string>(), sqla::TypeError);
    EXPECT_THROW((void)sqla::Value("x").as<sqla::Bytes>(), sqla::TypeError);
}

TEST(Value, ReprQuotesAndTruncates) {
    EXPECT_EQ(sqla::Value().repr(), "NULL");
    EXPECT_EQ(sqla::Value("it's").repr(), "'it''s'");
    EXPECT_EQ(sqla::Value(sqla::Bytes{std::byte{0xde}, std::byte{0xad}}).repr(), "x'dead'");
    EXPECT_EQ(sqla::Value(std::string(300, 'a')).repr().size(), 205u);
    EXPECT_EQ(sqla::Value(0.5).repr(), "0.5");
}

TEST(Value, SettersReuseStorage) {
    sqla::Value v("initial text that is long enough to allocate");
    const char* before = std::get<std::string>(v.storage()).data();
    v.set_text("short");
    EXPECT_EQ(std::get<std::string>(v.storage()).data(), before);
    EXPECT_EQ(v.as<std::string>(), "short");
    v.set_int(3);
    EXPECT_EQ(v.as<int>(), 3);
    v.set_null();
    EXPECT_TRUE(v.is_null());
}

TEST(Params, SetReplacesAndFindLooksUp) {
    sqla::Params p{{"a", 1}, {"b", "x"}};
    p.set("a", 2).set("c", std::nullopt);
    ASSERT_NE(p.find("a"), nullptr);
    EXPECT_EQ(p.find("a")->as<int>(), 2);
    EXPECT_TRUE(p.find("c")->is_null());
    EXPECT_EQ(p.find("zzz"), nullptr);
    EXPECT_EQ(p.size(), 3u);
}

// Many names: past the scan's threshold Params looks names up through an index; setting,
// replacing and finding behave the same on both sides of it (a text() with 70,000 names was
// quadratic before).
TEST(Params, ManyNamesSetReplaceAndFind) {
    sqla::Params p;
    for (int i = 0; i < 1000; ++i) p.set("p" + std::to_string(i), i);
    EXPECT_EQ(p.size(), 1000u);
    for (int i = 0; i < 1000; i += 37) {
        const sqla::Value* v = p.find("p" + std::to_string(i));
        ASSERT_NE(v, nullptr) << i;
        EXPECT_EQ(v->as<std::int64_t>(), i);
    }
    p.set("p5", 500);
    p.set("p999", -1);
    EXPECT_EQ(p.size(), 1000u);
    EXPECT_EQ(p.find("p5")->as<std::int64_t>(), 500);
    EXPECT_EQ(p.find("p999")->as<std::int64_t>(), -1);
    EXPECT_EQ(p.find("p1000"), nullptr);
    const sqla::Params copy = p;  // a copy finds through its own index
    EXPECT_EQ(copy.find("p500")->as<std::int64_t>(), 500);
    EXPECT_EQ(copy.find("nope"), nullptr);
}

}  // namespace
