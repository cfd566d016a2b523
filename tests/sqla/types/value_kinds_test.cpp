// sqla: tests/sqla/types/value_kinds_test.cpp. Value's decimal, date and time, interval, UUID and
// JSON kinds: construction, checked conversion, JSON encoding and rendering.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

import sqla;

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

// The message of the TypeError `f` throws (a failure when it throws none).
template <class F>
std::string type_error(F&& f) {
    try {
        f();
    } catch (const sqla::TypeError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected sqla::TypeError";
    return {};
}

TEST(ValueKinds, KindsFollowTheStorageOrder) {
    EXPECT_EQ(sqla::Value(sqla::Decimal("1.50")).kind(), sqla::ValueKind::decimal);
    EXPECT_EQ(sqla::Value(2024y / 2 / 29).kind(), sqla::ValueKind::date);
    EXPECT_EQ(sqla::Value(sqla::TimeOfDay{13h + 5min}).kind(), sqla::ValueKind::time);
    EXPECT_EQ(sqla::Value(sqla::LocalDateTime{}).kind(), sqla::ValueKind::datetime);
    EXPECT_EQ(sqla::Value(local_days{2024y / 1 / 1}).kind(), sqla::ValueKind::datetime);
    EXPECT_EQ(sqla::Value(sqla::UtcDateTime{}).kind(), sqla::ValueKind::datetime_tz);
    EXPECT_EQ(sqla::Value(system_clock::now()).kind(), sqla::ValueKind::datetime_tz);
    EXPECT_EQ(sqla::Value(90s).kind(), sqla::ValueKind::interval);
    EXPECT_EQ(sqla::Value(sqla::UuidValue()).kind(), sqla::ValueKind::uuid);
    EXPECT_EQ(sqla::Value(boost::json::value(nullptr)).kind(), sqla::ValueKind::json);
    EXPECT_EQ(sqla::Value(boost::json::array{1, 2}).kind(), sqla::ValueKind::json);
    EXPECT_EQ(sqla::Value(boost::json::object{{"a", 1}}).kind(), sqla::ValueKind::json);
    // The first six kinds keep their places (drivers switch on them).
    EXPECT_EQ(static_cast<int>(sqla::ValueKind::blob), 5);
    EXPECT_EQ(static_cast<int>(sqla::ValueKind::json), 13);
    EXPECT_EQ(sqla::to_string(sqla::ValueKind::datetime_tz), "datetime with time zone");
    EXPECT_EQ(sqla::to_string(sqla::ValueKind::uuid), "UUID");
}

TEST(ValueKinds, TimePointsAndDurationsFloorToMicroseconds) {
    const auto ns = sys_days{2024y / 1 / 1} + 1500ns;
    EXPECT_EQ(sqla::Value(ns).as<sqla::UtcDateTime>(), sys_days{2024y / 1 / 1} + 1us);
    EXPECT_EQ(sqla::Value(nanoseconds(-1)).as<microseconds>(), microseconds(-1));
    EXPECT_EQ(sqla::Value(duration<double>(0.25)).as<microseconds>(), 250000us);
    EXPECT_EQ(sqla::Value(days(2)).as<microseconds>(), 48h);
    EXPECT_EQ(sqla::Value(std::optional<year_month_day>()).kind(), sqla::ValueKind::null);
}

TEST(ValueKinds, DecimalConversions) {
    EXPECT_EQ(sqla::Value(sqla::Decimal("12.00")).as<int>(), 12);
    EXPECT_EQ(sqla::Value(sqla::Decimal("-9223372036854775808")).as<std::int64_t>(),
              std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(sqla::Value(sqla::Decimal("1.25")).as<double>(), 1.25);
    EXPECT_EQ(sqla::Value(7).as<sqla::Decimal>(), sqla::Decimal(7));
    EXPECT_EQ(sqla::Value(0.1).as<sqla::Decimal>().to_string(), "0.1");
    EXPECT_EQ(sqla::Value("-127.4550").as<sqla::Decimal>().to_string(), "-127.4550");
    EXPECT_EQ(type_error([] { (void)sqla::Value(sqla::Decimal("1.5")).as<int>(); }),
              "cannot convert decimal value 1.5 to std::int32_t: it has a fractional part");
    EXPECT_EQ(type_error([] { (void)sqla::Value(sqla::Decimal("300")).as<std::int8_t>(); }),
              "value 300 is out of range for std::int8_t");
    EXPECT_EQ(type_error([] { (void)sqla::Value(sqla::Decimal("1e30")).as<std::int64_t>(); }),
              "value 1000000000000000000000000000000 is out of range for std::int64_t");
    EXPECT_EQ(type_error([] { (void)sqla::Value("abc").as<sqla::Decimal>(); }),
              "cannot convert text value 'abc' to sqla::Decimal: it is not a decimal number");
    EXPECT_NE(type_error([] { (void)sqla::Value(std::numeric_limits<double>::infinity()).as<sqla::Decimal>(); })
                  .find("cannot convert floating point value inf to sqla::Decimal"),
              std::string::npos);
    EXPECT_EQ(type_error([] { (void)sqla::Value(true).as<sqla::Decimal>(); }),
              "cannot convert boolean value true to sqla::Decimal");
    // Decimal text is not std::string's business, nor the reverse.
    EXPECT_THROW((void)sqla::Value(sqla::Decimal("1")).as<std::string>(), sqla::TypeError);
}

TEST(ValueKinds, DateAndTimeConversions) {
    EXPECT_EQ(sqla::Value("2024-02-29").as<year_month_day>(), 2024y / 2 / 29);
    EXPECT_EQ(sqla::Value("13:05:09.25").as<sqla::TimeOfDay>(), sqla::TimeOfDay{13h + 5min + 9s + 250ms});
    EXPECT_EQ(sqla::Value("1969-07-20 20:17:40").as<sqla::LocalDateTime>(),
              local_days{1969y / 7 / 20} + 20h + 17min + 40s);
    EXPECT_EQ(sqla::Value(1969y / 7 / 20).as<sqla::LocalDateTime>(), local_days{1969y / 7 / 20});
    EXPECT_EQ(sqla::Value("2024-01-01T01:00:00+01:00").as<sqla::UtcDateTime>(), sys_days{2024y / 1 / 1});
    EXPECT_EQ(sqla::Value("P1DT2H").as<microseconds>(), 26h);
    EXPECT_EQ(type_error([] { (void)sqla::Value(3).as<year_month_day>(); }),
              "cannot convert integer value 3 to std::chrono::year_month_day");
    EXPECT_EQ(type_error([] { (void)sqla::Value("2024-02-30").as<year_month_day>(); }),
              "cannot convert text value '2024-02-30' to std::chrono::year_month_day: it is not an ISO 8601 date "
              "(YYYY-MM-DD)");
    EXPECT_EQ(type_error([] { (void)sqla::Value("2024-01-01 00:00:00").as<sqla::UtcDateTime>(); }),
              "cannot convert text value '2024-01-01 00:00:00' to sqla::UtcDateTime: it has no UTC offset (read it "
              "as sqla::LocalDateTime)");
    EXPECT_EQ(type_error([] { (void)sqla::Value(sqla::UtcDateTime{}).as<sqla::LocalDateTime>(); }),
              "cannot convert datetime with time zone value '1970-01-01 00:00:00+00:00' to sqla::LocalDateTime");
    EXPECT_EQ(type_error([] { (void)sqla::Value(2024y / 1 / 1).as<sqla::TimeOfDay>(); }),
              "cannot convert date value '2024-01-01' to sqla::TimeOfDay");
    EXPECT_EQ(type_error([] { (void)sqla::Value(5s).as<std::int64_t>(); }),
              "cannot convert interval value 'PT5S' to std::int64_t");
    EXPECT_EQ(type_error([] { (void)sqla::Value().as<year_month_day>(); }),
              "value is NULL, which std::chrono::year_month_day cannot hold; read it as "
              "std::optional<std::chrono::year_month_day>");
    EXPECT_EQ(sqla::Value().as<std::optional<sqla::TimeOfDay>>(), std::nullopt);
    const auto npos = std::string::npos;
    EXPECT_NE(type_error([] { (void)sqla::Value("25:00").as<sqla::TimeOfDay>(); }).find("not an ISO 8601 time"), npos);
    EXPECT_NE(type_error([] { (void)sqla::Value("x").as<sqla::LocalDateTime>(); }).find("without time zone"), npos);
    EXPECT_EQ(type_error([] { (void)sqla::Value(2024y / 2 / 30).as<sqla::LocalDateTime>(); }),
              "value date(2024, 2, 30) is out of range for sqla::LocalDateTime");
    EXPECT_NE(type_error([] { (void)sqla::Value("soon").as<sqla::UtcDateTime>(); }).find("with a UTC offset"), npos);
    EXPECT_NE(type_error([] { (void)sqla::Value("soon").as<microseconds>(); }).find("it is not an interval"), npos);
}

TEST(ValueKinds, UuidConversions) {
    const sqla::UuidValue u("12345678-9abc-def0-1234-56789abcdef0");
    EXPECT_EQ(sqla::Value("123456789abcdef0123456789abcdef0").as<sqla::UuidValue>(), u);
    EXPECT_EQ(sqla::Value("{12345678-9ABC-DEF0-1234-56789ABCDEF0}").as<sqla::UuidValue>(), u);
    sqla::Bytes raw;
    for (auto b : u.bytes()) raw.push_back(static_cast<std::byte>(b));
    EXPECT_EQ(sqla::Value(raw).as<sqla::UuidValue>(), u);
    EXPECT_EQ(type_error([] { (void)sqla::Value(sqla::Bytes(3)).as<sqla::UuidValue>(); }),
              "cannot convert bytes value x'000000' to sqla::UuidValue: a UUID is 16 bytes, not 3");
    EXPECT_EQ(type_error([] { (void)sqla::Value("nope").as<sqla::UuidValue>(); }),
              "cannot convert text value 'nope' to sqla::UuidValue: it is not a UUID");
    EXPECT_EQ(sqla::Value(u).repr(), "'12345678-9abc-def0-1234-56789abcdef0'");
}

TEST(ValueKinds, JsonConversionsAndEncoding) {
    EXPECT_EQ(sqla::Value("[1, \"a\", null]").as<boost::json::value>(), (boost::json::array{1, "a", nullptr}));
    EXPECT_NE(type_error([] { (void)sqla::Value("{oops").as<boost::json::value>(); })
                  .find("cannot convert text value '{oops' to boost::json::value: it is not JSON"),
              std::string::npos);
    // Encoding for a JSON column: text is a JSON string, not a document.
    EXPECT_EQ(sqla::Value("abc").to_json(), boost::json::value("abc"));
    EXPECT_EQ(sqla::Value(3).to_json(), boost::json::value(3));
    EXPECT_EQ(sqla::Value(true).to_json(), boost::json::value(true));
    EXPECT_EQ(sqla::Value(sqla::Decimal("2.50")).to_json(), boost::json::value(2.5));
    EXPECT_EQ(sqla::Value(2024y / 2 / 29).to_json(), boost::json::value("2024-02-29"));
    EXPECT_EQ(sqla::Value().to_json(), boost::json::value(nullptr));
    EXPECT_EQ(type_error([] { (void)sqla::Value(sqla::Bytes(1)).to_json(); }), "cannot encode bytes value x'00' as JSON");
    EXPECT_NE(type_error([] { (void)sqla::Value(sqla::Decimal("0.12345678901234567890123")).to_json(); })
                  .find("no JSON number"),
              std::string::npos);
    EXPECT_EQ(sqla::Value(boost::json::object{{"a", 1}}).repr(), "{\"a\":1}");
}

TEST(ValueKinds, ReprOfEachKind) {
    EXPECT_EQ(sqla::Value(sqla::Decimal("1.50")).repr(), "1.50");
    EXPECT_EQ(sqla::Value(2024y / 2 / 29).repr(), "'2024-02-29'");
    EXPECT_EQ(sqla::Value(sqla::TimeOfDay{13h + 5min + 9s}).repr(), "'13:05:09'");
    EXPECT_EQ(sqla::Value(local_days{2024y / 2 / 29} + 1h).repr(), "'2024-02-29 01:00:00'");
    EXPECT_EQ(sqla::Value(sys_days{2024y / 2 / 29}).repr(), "'2024-02-29 00:00:00+00:00'");
    EXPECT_EQ(sqla::Value(-90s).repr(), "'PT-1M-30S'");
    // Values ISO text cannot hold still render.
    EXPECT_EQ(sqla::Value(year{12000} / 1 / 1).repr(), "date(12000, 1, 1)");
}

TEST(ValueKinds, EqualityComparesKindAndValue) {
    EXPECT_EQ(sqla::Value(sqla::Decimal("1.5")), sqla::Value(sqla::Decimal("1.50")));
    EXPECT_NE(sqla::Value(sqla::Decimal("1")), sqla::Value(1));
    EXPECT_EQ(sqla::Value(boost::json::array{1, 2}), sqla::Value(boost::json::value(boost::json::array{1, 2})));
    EXPECT_NE(sqla::Value(2024y / 1 / 1), sqla::Value(local_days{2024y / 1 / 1}));
}

}  // namespace
