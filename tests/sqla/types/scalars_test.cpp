// sqla: tests/sqla/types/scalars_test.cpp. Decimal, TimeOfDay, UuidValue and ISO 8601 text round trips.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

import sqla;

namespace {

using namespace std::chrono_literals;
using std::chrono::microseconds;

/// The message of the ArgumentError `f` throws ("" when it throws none).
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const sqla::ArgumentError& e) {
        return e.what();
    }
    return "";
}

sqla::Decimal dec(std::string_view text) { return sqla::Decimal(text); }

// ---------------------------------------------------------------------------------------------
// Decimal

static_assert(std::is_convertible_v<int, sqla::Decimal>);
static_assert(std::is_convertible_v<std::int64_t, sqla::Decimal>);
static_assert(std::is_convertible_v<std::uint64_t, sqla::Decimal>);
static_assert(!std::is_constructible_v<sqla::Decimal, double>);
static_assert(!std::is_constructible_v<sqla::Decimal, float>);
static_assert(!std::is_constructible_v<sqla::Decimal, bool>);
static_assert(!std::is_constructible_v<sqla::Decimal, char>);
static_assert(!std::is_convertible_v<std::string_view, sqla::Decimal>);
static_assert(std::is_constructible_v<sqla::Decimal, std::string_view>);

TEST(Decimal, DefaultIsZero) {
    sqla::Decimal d;
    EXPECT_TRUE(d.is_zero());
    EXPECT_FALSE(d.is_negative());
    EXPECT_EQ(d.scale(), 0);
    EXPECT_EQ(d.precision(), 1);
    EXPECT_EQ(d.to_string(), "0");
    EXPECT_EQ(d, sqla::Decimal(0));
}

TEST(Decimal, FromIntegers) {
    EXPECT_EQ(sqla::Decimal(42).to_string(), "42");
    EXPECT_EQ(sqla::Decimal(-42).to_string(), "-42");
    EXPECT_EQ(sqla::Decimal(std::int8_t{-128}).to_string(), "-128");
    EXPECT_EQ(sqla::Decimal(std::uint8_t{255}).to_string(), "255");
    EXPECT_EQ(sqla::Decimal(short{-7}).to_string(), "-7");
    EXPECT_EQ(sqla::Decimal(0u).to_string(), "0");
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    EXPECT_EQ(sqla::Decimal(max).to_string(), "9223372036854775807");
    EXPECT_EQ(sqla::Decimal(min).to_string(), "-9223372036854775808");
    EXPECT_EQ(sqla::Decimal(std::numeric_limits<std::uint64_t>::max()).to_string(), "18446744073709551615");
    EXPECT_EQ(sqla::Decimal(max).to_int64(), max);
    EXPECT_EQ(sqla::Decimal(min).to_int64(), min);
    EXPECT_EQ(sqla::Decimal(min).precision(), 19);
    sqla::Decimal implicit = 5;
    EXPECT_EQ(implicit, 5);
}

TEST(Decimal, ParsesPlainNotation) {
    auto d = dec("-127.4550");
    EXPECT_EQ(d.to_string(), "-127.4550");
    EXPECT_EQ(d.scale(), 4);
    EXPECT_EQ(d.precision(), 7);
    EXPECT_EQ(d.coefficient(), "1274550");
    EXPECT_TRUE(d.is_negative());
    EXPECT_EQ(dec("+1").to_string(), "1");
    EXPECT_EQ(dec(".5").to_string(), "0.5");
    EXPECT_EQ(dec("-.5").to_string(), "-0.5");
    EXPECT_EQ(dec("5.").to_string(), "5");
    EXPECT_EQ(dec("5.").scale(), 0);
    EXPECT_EQ(dec("00012.3400").to_string(), "12.3400");
    EXPECT_EQ(dec("0.05").precision(), 1);
    EXPECT_EQ(dec("0.05").scale(), 2);
    EXPECT_EQ(dec("-0.01").to_string(), "-0.01");
    EXPECT_EQ(dec("1500").to_string(), "1500");
}

TEST(Decimal, FoldsExponentIntoScale) {
    EXPECT_EQ(dec("1.5E+3").to_string(), "1500");
    EXPECT_EQ(dec("1.5E+3").scale(), 0);
    EXPECT_EQ(dec("1e-5").to_string(), "0.00001");
    EXPECT_EQ(dec("1e-5").scale(), 5);
    EXPECT_EQ(dec("1.50E+1").to_string(), "15.0");
    EXPECT_EQ(dec("1000e-3").to_string(), "1.000");
    EXPECT_EQ(dec("1E0").to_string(), "1");
    EXPECT_EQ(dec("-2.5e1").to_string(), "-25");
    EXPECT_EQ(dec("0e10").to_string(), "0");
    EXPECT_EQ(dec("0e-3").to_string(), "0.000");
    EXPECT_EQ(dec("0e99999999999999999999").to_string(), "0");
    EXPECT_EQ(dec("1e-0000000000000000000005").to_string(), "0.00001");
}

TEST(Decimal, ZeroHasNoSign) {
    auto z = dec("0.000");
    EXPECT_EQ(z.to_string(), "0.000");
    EXPECT_EQ(z.scale(), 3);
    EXPECT_EQ(z.precision(), 1);
    EXPECT_TRUE(z.is_zero());
    auto nz = dec("-0.00");
    EXPECT_EQ(nz.to_string(), "0.00");
    EXPECT_FALSE(nz.is_negative());
    EXPECT_TRUE(nz.is_zero());
    EXPECT_EQ(nz, sqla::Decimal(0));
    EXPECT_EQ(nz, z);
    EXPECT_EQ(dec("-0").to_string(), "0");
    EXPECT_EQ(dec("-0e5").to_string(), "0");
}

TEST(Decimal, ThirtyEightDigits) {
    const std::string big = "12345678901234567890123456789012345678";
    auto d = dec(big);
    EXPECT_EQ(d.precision(), 38);
    EXPECT_EQ(d.to_string(), big);
    EXPECT_EQ(d.to_int64(), std::nullopt);
    auto f = dec("-0.12345678901234567890123456789012345678");
    EXPECT_EQ(f.scale(), 38);
    EXPECT_EQ(f.precision(), 38);
    EXPECT_EQ(f.to_string(), "-0.12345678901234567890123456789012345678");
    EXPECT_LT(dec("99999999999999999999999999999999999998"), dec("99999999999999999999999999999999999999"));
    EXPECT_LT(dec("-99999999999999999999999999999999999999"), dec("-99999999999999999999999999999999999998"));
    EXPECT_EQ(dec("9999999999999999999999999999.9999999999").rescaled(9).to_string(),
              "10000000000000000000000000000.000000000");
}

TEST(Decimal, RejectsBadText) {
    for (std::string_view bad : {"", " 1", "1 ", "abc", "nan", "NaN", "inf", "-inf", "Infinity", "-", "+", ".",
                                 "-.", "1e", "1e+", "e5", "1..2", "1.2.3", "--1", "+-1", "1,5", "0x10", "1e5.5",
                                 "1_000", "1e 5", "١", "1e5x", "½"}) {
        EXPECT_EQ(sqla::Decimal::parse(bad), std::nullopt) << "'" << bad << "'";
        EXPECT_THROW(sqla::Decimal{bad}, sqla::ArgumentError) << "'" << bad << "'";
    }
    EXPECT_EQ(sqla::Decimal::parse(std::string_view("1\0", 2)), std::nullopt);
    EXPECT_EQ(error_of([] { (void)sqla::Decimal("abc"); }), "invalid decimal literal 'abc'");
    EXPECT_EQ(sqla::Decimal::parse("1.25")->to_string(), "1.25");
}

TEST(Decimal, Limits) {
    EXPECT_EQ(dec("1e16383").precision(), 16384);
    EXPECT_EQ(dec("1e-16383").scale(), 16383);
    EXPECT_EQ(sqla::Decimal::parse("1e-16384"), std::nullopt);
    EXPECT_EQ(sqla::Decimal::parse("0e-16384"), std::nullopt);
    EXPECT_EQ(sqla::Decimal::parse("1e131072"), std::nullopt);
    EXPECT_EQ(dec("1e131071").precision(), 131072);
    EXPECT_EQ(sqla::Decimal::parse("1e999999999999999999999999"), std::nullopt);
    EXPECT_EQ(sqla::Decimal::parse("1e-999999999999999999999999"), std::nullopt);
    EXPECT_EQ(sqla::Decimal::parse("0." + std::string(16384, '0') + "1"), std::nullopt);
}

TEST(Decimal, NumericComparison) {
    EXPECT_EQ(dec("1.50"), dec("1.5"));
    EXPECT_EQ(dec("1.50") <=> dec("1.5"), std::strong_ordering::equal);
    EXPECT_EQ(dec("0"), dec("-0.00"));
    EXPECT_EQ(dec("100"), dec("1e2"));
    EXPECT_NE(dec("1.5"), dec("1.05"));
    EXPECT_LT(dec("1.05"), dec("1.5"));
    EXPECT_LT(dec("-1"), dec("0"));
    EXPECT_LT(dec("0"), dec("0.0001"));
    EXPECT_LT(dec("-0.0001"), dec("0.000"));
    EXPECT_GT(dec("10"), dec("9.99"));
    EXPECT_LT(dec("-10"), dec("-9.99"));
    EXPECT_LT(dec("0.001"), dec("0.01"));
    EXPECT_GT(dec("123.456"), dec("123.4559999"));
    EXPECT_EQ(dec("-5") <=> dec("3"), std::strong_ordering::less);
    EXPECT_EQ(dec("5") <=> dec("-3"), std::strong_ordering::greater);
    EXPECT_EQ(dec("7.000"), 7);
    EXPECT_LT(sqla::Decimal(std::numeric_limits<std::int64_t>::min()), dec("-9223372036854775807.9"));
}

TEST(Decimal, RescaleRoundsHalfEven) {
    EXPECT_EQ(dec("2.345").rescaled(2).to_string(), "2.34");
    EXPECT_EQ(dec("2.355").rescaled(2).to_string(), "2.36");
    EXPECT_EQ(dec("2.3451").rescaled(2).to_string(), "2.35");
    EXPECT_EQ(dec("2.3449").rescaled(2).to_string(), "2.34");
    EXPECT_EQ(dec("-2.345").rescaled(2).to_string(), "-2.34");
    EXPECT_EQ(dec("-2.355").rescaled(2).to_string(), "-2.36");
    EXPECT_EQ(dec("0.5").rescaled(0).to_string(), "0");
    EXPECT_EQ(dec("1.5").rescaled(0).to_string(), "2");
    EXPECT_EQ(dec("2.5").rescaled(0).to_string(), "2");
    EXPECT_EQ(dec("9.995").rescaled(2).to_string(), "10.00");
    EXPECT_EQ(dec("999.5").rescaled(0).to_string(), "1000");
    EXPECT_EQ(dec("0.005").rescaled(2).to_string(), "0.00");
    EXPECT_EQ(dec("0.015").rescaled(2).to_string(), "0.02");
    EXPECT_EQ(dec("0.0049").rescaled(1).to_string(), "0.0");
    EXPECT_EQ(dec("0.0051").rescaled(2).to_string(), "0.01");
    EXPECT_EQ(dec("0.00001").rescaled(2).to_string(), "0.00");
    auto neg_zero = dec("-0.001").rescaled(2);
    EXPECT_EQ(neg_zero.to_string(), "0.00");
    EXPECT_FALSE(neg_zero.is_negative());
    EXPECT_EQ(dec("123.456").rescaled(0).to_string(), "123");
}

TEST(Decimal, RescalePadsWithZeros) {
    auto d = dec("1.5").rescaled(3);
    EXPECT_EQ(d.to_string(), "1.500");
    EXPECT_EQ(d.scale(), 3);
    EXPECT_EQ(d.precision(), 4);
    EXPECT_EQ(dec("0").rescaled(2).to_string(), "0.00");
    EXPECT_EQ(dec("-7").rescaled(1).to_string(), "-7.0");
    EXPECT_EQ(dec("1.25").rescaled(2).to_string(), "1.25");
    EXPECT_THROW((void)dec("1").rescaled(-1), sqla::ArgumentError);
    EXPECT_THROW((void)dec("1").rescaled(sqla::Decimal::max_scale + 1), sqla::ArgumentError);
}

TEST(Decimal, FromDoubleIsShortestRoundTrip) {
    EXPECT_EQ(sqla::Decimal::from_double(0.1).to_string(), "0.1");
    EXPECT_EQ(sqla::Decimal::from_double(-2.5).to_string(), "-2.5");
    EXPECT_EQ(sqla::Decimal::from_double(1e21).to_string(), "1000000000000000000000");
    EXPECT_EQ(sqla::Decimal::from_double(1.5e-7).to_string(), "0.00000015");
    EXPECT_EQ(sqla::Decimal::from_double(100.0).to_string(), "100");
    auto z = sqla::Decimal::from_double(-0.0);
    EXPECT_TRUE(z.is_zero());
    EXPECT_FALSE(z.is_negative());
    for (double d : {0.1, 1.0 / 3, -123.456, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                     -1.7976931348623157e308, 9007199254740993.0, 0.30000000000000004}) {
        EXPECT_EQ(sqla::Decimal::from_double(d).to_double(), d) << d;
    }
    EXPECT_THROW((void)sqla::Decimal::from_double(std::numeric_limits<double>::quiet_NaN()), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::Decimal::from_double(std::numeric_limits<double>::infinity()), sqla::ArgumentError);
    EXPECT_EQ(error_of([] { (void)sqla::Decimal::from_double(-std::numeric_limits<double>::infinity()); }),
              "cannot convert -inf to a Decimal");
}

TEST(Decimal, ToDouble) {
    EXPECT_EQ(dec("0.1").to_double(), 0.1);
    EXPECT_EQ(dec("-127.4550").to_double(), -127.455);
    EXPECT_EQ(dec("0.000").to_double(), 0.0);
    EXPECT_EQ(dec("1e400").to_double(), std::numeric_limits<double>::infinity());
    EXPECT_EQ(dec("-1e400").to_double(), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(dec("1e-400").to_double(), 0.0);
    EXPECT_TRUE(std::signbit(dec("-1e-400").to_double()));
}

TEST(Decimal, ToInt64) {
    EXPECT_EQ(dec("12.00").to_int64(), 12);
    EXPECT_EQ(dec("-12").to_int64(), -12);
    EXPECT_EQ(dec("0.000").to_int64(), 0);
    EXPECT_EQ(dec("1.5E+3").to_int64(), 1500);
    EXPECT_EQ(dec("12.01").to_int64(), std::nullopt);
    EXPECT_EQ(dec("0.5").to_int64(), std::nullopt);
    EXPECT_EQ(dec("-0.001").to_int64(), std::nullopt);
    EXPECT_EQ(dec("9223372036854775807").to_int64(), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(dec("-9223372036854775808.000").to_int64(), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(dec("9223372036854775808").to_int64(), std::nullopt);
    EXPECT_EQ(dec("-9223372036854775809").to_int64(), std::nullopt);
    EXPECT_EQ(dec("18446744073709551616").to_int64(), std::nullopt);
    EXPECT_EQ(dec("1e30").to_int64(), std::nullopt);
}

TEST(Decimal, TextRoundTrips) {
    for (std::string_view text : {"0", "0.000", "-0.01", "127.4550", "-127.4550", "1500", "0.00001",
                                  "9223372036854775807", "-9223372036854775808", "3.14159265358979323846264338327950288",
                                  "12345678901234567890123456789012345678", "0.10"}) {
        auto d = dec(text);
        EXPECT_EQ(d.to_string(), text);
        EXPECT_EQ(dec(d.to_string()).to_string(), d.to_string());
    }
    // Every integer prints as std::to_string does.
    std::uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 2000; ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        const auto v = static_cast<std::int64_t>(x) >> (i % 64);
        EXPECT_EQ(sqla::Decimal(v).to_string(), std::to_string(v));
        EXPECT_EQ(sqla::Decimal(v).to_int64(), v);
        EXPECT_EQ(dec(std::to_string(v)), sqla::Decimal(v));
    }
}

// ---------------------------------------------------------------------------------------------
// TimeOfDay

TEST(TimeOfDay, Accessors) {
    sqla::TimeOfDay t{13h + 5min + 9s + 250000us};
    EXPECT_TRUE(t.ok());
    EXPECT_EQ(t.hours(), 13);
    EXPECT_EQ(t.minutes(), 5);
    EXPECT_EQ(t.seconds(), 9);
    EXPECT_EQ(t.microseconds(), 250000);
    EXPECT_FALSE(sqla::TimeOfDay{24h}.ok());
    EXPECT_FALSE(sqla::TimeOfDay{-1us}.ok());
    EXPECT_TRUE(sqla::TimeOfDay{}.ok());
}

TEST(TimeOfDay, Ordering) {
    EXPECT_EQ(sqla::TimeOfDay{1h}, sqla::TimeOfDay{60min});
    EXPECT_LT(sqla::TimeOfDay{1h}, sqla::TimeOfDay{1h + 1us});
    EXPECT_EQ(sqla::TimeOfDay{2h} <=> sqla::TimeOfDay{1h}, std::strong_ordering::greater);
}

// ---------------------------------------------------------------------------------------------
// UuidValue

constexpr std::array<std::uint8_t, 16> sample_bytes{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
                                                    0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};

TEST(UuidValue, ParsesTheAcceptedForms) {
    const sqla::UuidValue expected(sample_bytes);
    for (std::string_view text : {"12345678-9abc-def0-1234-56789abcdef0", "12345678-9ABC-DEF0-1234-56789ABCDEF0",
                                  "12345678-9aBc-DeF0-1234-56789abcdef0", "123456789abcdef0123456789abcdef0",
                                  "123456789ABCDEF0123456789ABCDEF0", "{12345678-9abc-def0-1234-56789abcdef0}",
                                  "{123456789abcdef0123456789abcdef0}"}) {
        EXPECT_EQ(sqla::UuidValue(text), expected) << text;
        EXPECT_EQ(sqla::UuidValue::parse(text), expected) << text;
    }
}

TEST(UuidValue, Renders) {
    const sqla::UuidValue u("{12345678-9ABC-DEF0-1234-56789ABCDEF0}");
    EXPECT_EQ(u.to_string(), "12345678-9abc-def0-1234-56789abcdef0");
    EXPECT_EQ(u.hex(), "123456789abcdef0123456789abcdef0");
    EXPECT_EQ(u.bytes(), sample_bytes);
    EXPECT_EQ(sqla::UuidValue(u.to_string()), u);
    EXPECT_EQ(sqla::UuidValue(u.hex()), u);
    EXPECT_FALSE(u.is_nil());
    EXPECT_TRUE(sqla::UuidValue().is_nil());
    EXPECT_EQ(sqla::UuidValue().to_string(), "00000000-0000-0000-0000-000000000000");
    const sqla::UuidValue max("ffffffff-ffff-ffff-ffff-ffffffffffff");
    EXPECT_EQ(max.hex(), std::string(32, 'f'));
}

TEST(UuidValue, RejectsBadText) {
    for (std::string_view bad : {"", "{}", "12345678-9abc-def0-1234-56789abcdef", "12345678-9abc-def0-1234-56789abcdef00",
                                 "12345678-9abc-def0-1234-56789abcdefg", "123456789-abc-def0-1234-56789abcdef0",
                                 "12345678-9abc-def0-123456789abcdef0", "12345678_9abc_def0_1234_56789abcdef0",
                                 "123456789abcdef0123456789abcdef", "123456789abcdef0123456789abcdef0a",
                                 "{12345678-9abc-def0-1234-56789abcdef0", "12345678-9abc-def0-1234-56789abcdef0}",
                                 "urn:uuid:12345678-9abc-def0-1234-56789abcdef0", " 12345678-9abc-def0-1234-56789abcdef0",
                                 "12345678-9abc-def0-1234-56789abcdef0 ", "{{123456789abcdef0123456789abcdef0}}",
                                 "+2345678-9abc-def0-1234-56789abcdef0", "1234567x9abc-def0-1234-56789abcdef0"}) {
        EXPECT_EQ(sqla::UuidValue::parse(bad), std::nullopt) << bad;
        EXPECT_THROW(sqla::UuidValue{bad}, sqla::ArgumentError) << bad;
    }
    EXPECT_EQ(error_of([] { (void)sqla::UuidValue("xyz"); }), "invalid UUID 'xyz'");
}

TEST(UuidValue, FromBytes) {
    std::array<std::byte, 16> raw{};
    for (std::size_t i = 0; i < raw.size(); ++i) raw[i] = static_cast<std::byte>(sample_bytes[i]);
    EXPECT_EQ(sqla::UuidValue::from_bytes(raw), sqla::UuidValue(sample_bytes));
    std::vector<std::byte> short_(15), long_(17);
    EXPECT_THROW((void)sqla::UuidValue::from_bytes(short_), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::UuidValue::from_bytes(long_), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::UuidValue::from_bytes({}), sqla::ArgumentError);
}

TEST(UuidValue, OrdersLikeItsText) {
    const sqla::UuidValue a("00000000-0000-0000-0000-000000000001");
    const sqla::UuidValue b("00000000-0000-0000-0000-000000000100");
    const sqla::UuidValue c("10000000-0000-0000-0000-000000000000");
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_LT(a.to_string(), b.to_string());
    EXPECT_NE(a, c);
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 text

using std::chrono::day;
using std::chrono::local_days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

sqla::LocalDateTime local(year_month_day d, microseconds t = {}) { return local_days{d} + t; }
sqla::UtcDateTime utc(year_month_day d, microseconds t = {}) { return sys_days{d} + t; }

TEST(IsoDate, Formats) {
    EXPECT_EQ(sqla::to_iso(year{2024} / 2 / 29), "2024-02-29");
    EXPECT_EQ(sqla::to_iso(year{1} / 1 / 1), "0001-01-01");
    EXPECT_EQ(sqla::to_iso(year{0} / 1 / 1), "0000-01-01");
    EXPECT_EQ(sqla::to_iso(year{9999} / 12 / 31), "9999-12-31");
    EXPECT_EQ(sqla::to_iso(year{1901} / 12 / 13), "1901-12-13");
    EXPECT_THROW((void)sqla::to_iso(year{2023} / 2 / 29), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::to_iso(year{2024} / 13 / 1), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::to_iso(year{10000} / 1 / 1), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::to_iso(year{-1} / 12 / 31), sqla::ArgumentError);
    EXPECT_EQ(error_of([] { (void)sqla::to_iso(year{2023} / 2 / 29); }), "date 2023-2-29 is not a valid date");
}

TEST(IsoDate, Parses) {
    EXPECT_EQ(sqla::parse_date("2024-02-29"), year{2024} / 2 / 29);
    EXPECT_EQ(sqla::parse_date("2000-02-29"), year{2000} / 2 / 29);
    EXPECT_EQ(sqla::parse_date("0000-01-01"), year{0} / 1 / 1);
    EXPECT_EQ(sqla::parse_date("9999-12-31"), year{9999} / 12 / 31);
    EXPECT_EQ(sqla::parse_date("1901-12-13"), year{1901} / 12 / 13);
    for (std::string_view bad : {"", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
                                 "2024-01-00", "2024-1-01", "2024-01-1", "24-01-01", "12024-01-01", "2024-01-01 ",
                                 " 2024-01-01", "2024/01/01", "2024-01-01T00:00", "-001-01-01", "+2024-01-01",
                                 "2024-01-0x", "abcd-ef-gh"}) {
        EXPECT_EQ(sqla::parse_date(bad), std::nullopt) << bad;
    }
}

TEST(IsoTime, Formats) {
    EXPECT_EQ(sqla::to_iso(sqla::TimeOfDay{13h + 5min + 9s}), "13:05:09");
    EXPECT_EQ(sqla::to_iso(sqla::TimeOfDay{13h + 5min + 9s + 250000us}), "13:05:09.250000");
    EXPECT_EQ(sqla::to_iso(sqla::TimeOfDay{13h + 5min + 9s}, true), "13:05:09.000000");
    EXPECT_EQ(sqla::to_iso(sqla::TimeOfDay{}), "00:00:00");
    EXPECT_EQ(sqla::to_iso(sqla::TimeOfDay{24h - 1us}), "23:59:59.999999");
    EXPECT_EQ(sqla::to_iso(sqla::TimeOfDay{1us}), "00:00:00.000001");
    EXPECT_THROW((void)sqla::to_iso(sqla::TimeOfDay{24h}), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::to_iso(sqla::TimeOfDay{-1us}), sqla::ArgumentError);
}

TEST(IsoTime, Parses) {
    EXPECT_EQ(sqla::parse_time("13:05"), sqla::TimeOfDay{13h + 5min});
    EXPECT_EQ(sqla::parse_time("13:05:09"), sqla::TimeOfDay{13h + 5min + 9s});
    EXPECT_EQ(sqla::parse_time("13:05:09.25"), sqla::TimeOfDay{13h + 5min + 9s + 250ms});
    EXPECT_EQ(sqla::parse_time("13:05:09.000001"), sqla::TimeOfDay{13h + 5min + 9s + 1us});
    EXPECT_EQ(sqla::parse_time("13:05:09.1234567"), sqla::TimeOfDay{13h + 5min + 9s + 123456us});
    EXPECT_EQ(sqla::parse_time("13:05:09.123456789"), sqla::TimeOfDay{13h + 5min + 9s + 123456us});
    EXPECT_EQ(sqla::parse_time("23:59:59.999999999"), sqla::TimeOfDay{24h - 1us});
    EXPECT_EQ(sqla::parse_time("00:00"), sqla::TimeOfDay{});
    for (std::string_view bad : {"", "24:00", "24:00:00", "23:60", "23:59:60", "1:05", "13:5", "13:05:", "13:05:9",
                                 "13:05:09.", "13:05:09.1234567890", "13:05:09Z", "13:05:09+01:00", " 13:05",
                                 "13:05 ", "aa:bb", "13-05", "13:05.5", "-1:00", "13:05:09.12a"}) {
        EXPECT_EQ(sqla::parse_time(bad), std::nullopt) << bad;
    }
}

TEST(IsoTime, RoundTripsEveryFormat) {
    for (microseconds t : std::initializer_list<microseconds>{0us, 1us, 999999us, 1s, 59s + 999999us, 1h, 12h + 34min + 56s + 789012us, 24h - 1us}) {
        const sqla::TimeOfDay tod{t};
        EXPECT_EQ(sqla::parse_time(sqla::to_iso(tod)), tod);
        EXPECT_EQ(sqla::parse_time(sqla::to_iso(tod, true)), tod);
    }
}

TEST(IsoDateTime, FormatsLocal) {
    EXPECT_EQ(sqla::to_iso(local(year{1969} / 7 / 20, 20h + 17min + 40s)), "1969-07-20 20:17:40");
    EXPECT_EQ(sqla::to_iso(local(year{1969} / 7 / 20, 20h + 17min + 40s + 1us)), "1969-07-20 20:17:40.000001");
    EXPECT_EQ(sqla::to_iso(local(year{1969} / 7 / 20, 20h + 17min + 40s), 'T'), "1969-07-20T20:17:40");
    EXPECT_EQ(sqla::to_iso(local(year{1969} / 7 / 20, 20h + 17min + 40s), ' ', true), "1969-07-20 20:17:40.000000");
    EXPECT_EQ(sqla::to_iso(sqla::LocalDateTime{}), "1970-01-01 00:00:00");
    // Before the epoch the time of day still counts up from midnight (floor, not truncation).
    EXPECT_EQ(sqla::to_iso(sqla::LocalDateTime{-1us}), "1969-12-31 23:59:59.999999");
    EXPECT_EQ(sqla::to_iso(sqla::LocalDateTime{-24h}), "1969-12-31 00:00:00");
    // INT32_MIN seconds, where 32-bit time_t ends.
    const sqla::LocalDateTime t32{microseconds{std::int64_t{-2147483648} * 1'000'000 + 1}};
    EXPECT_EQ(sqla::to_iso(t32), "1901-12-13 20:45:52.000001");
    EXPECT_EQ(sqla::to_iso(local(year{2024} / 2 / 29, 12h)), "2024-02-29 12:00:00");
    EXPECT_EQ(sqla::to_iso(local(year{9999} / 12 / 31, 24h - 1us)), "9999-12-31 23:59:59.999999");
    EXPECT_EQ(sqla::to_iso(local(year{0} / 1 / 1)), "0000-01-01 00:00:00");
    EXPECT_THROW((void)sqla::to_iso(local(year{10000} / 1 / 1)), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::to_iso(local(year{0} / 1 / 1) - 1us), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::to_iso(sqla::LocalDateTime::min()), sqla::ArgumentError);
    EXPECT_THROW((void)sqla::to_iso(sqla::LocalDateTime::max()), sqla::ArgumentError);
}

TEST(IsoDateTime, FormatsUtc) {
    EXPECT_EQ(sqla::to_iso(utc(year{2024} / 1 / 1)), "2024-01-01 00:00:00+00:00");
    EXPECT_EQ(sqla::to_iso(utc(year{2024} / 1 / 1, 1us), 'T'), "2024-01-01T00:00:00.000001+00:00");
    EXPECT_EQ(sqla::to_iso(utc(year{2024} / 1 / 1), ' ', true), "2024-01-01 00:00:00.000000+00:00");
    EXPECT_EQ(sqla::to_iso(sqla::UtcDateTime{-1us}), "1969-12-31 23:59:59.999999+00:00");
    EXPECT_THROW((void)sqla::to_iso(sqla::UtcDateTime::max()), sqla::ArgumentError);
}

TEST(IsoDateTime, ParsesLocal) {
    EXPECT_EQ(sqla::parse_local_datetime("2024-01-01"), local(year{2024} / 1 / 1));
    EXPECT_EQ(sqla::parse_local_datetime("2024-01-01 13:05"), local(year{2024} / 1 / 1, 13h + 5min));
    EXPECT_EQ(sqla::parse_local_datetime("2024-01-01T13:05:09.5"), local(year{2024} / 1 / 1, 13h + 5min + 9s + 500ms));
    EXPECT_EQ(sqla::parse_local_datetime("1969-07-20 20:17:40"), local(year{1969} / 7 / 20, 20h + 17min + 40s));
    EXPECT_EQ(sqla::parse_local_datetime("1901-12-13 20:45:52.000001"),
              sqla::LocalDateTime{microseconds{std::int64_t{-2147483648} * 1'000'000 + 1}});
    EXPECT_EQ(sqla::parse_local_datetime("9999-12-31 23:59:59.999999"), local(year{9999} / 12 / 31, 24h - 1us));
    EXPECT_EQ(sqla::parse_local_datetime("0000-01-01 00:00:00"), local(year{0} / 1 / 1));
    EXPECT_EQ(sqla::parse_local_datetime("2000-02-29 00:00:00"), local(year{2000} / 2 / 29));
    for (std::string_view bad : {"", "2024-01-01Z", "2024-01-01 13:05:09Z", "2024-01-01 13:05:09+01:00",
                                 "2024-01-01 13:05:09-05:00", "2024-01-01 13:05:09+0100", "2024-01-01 13:05:09+01",
                                 "2024-01-01 13:05:09 +01:00", "2024-01-01  13:05", "2024-01-01t13:05",
                                 "2024-01-01 ", "2024-01-01T", "2024-01-01 24:00:00", "2023-02-29 00:00:00",
                                 "2024-01-01 13:05:09.", "2024-01-01_13:05"}) {
        EXPECT_EQ(sqla::parse_local_datetime(bad), std::nullopt) << bad;
    }
}

TEST(IsoDateTime, ParsesUtcAndNormalises) {
    const auto midnight = utc(year{2024} / 1 / 1);
    for (std::string_view text : {"2024-01-01 01:00:00+01:00", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00z",
                                  "2024-01-01 00:00:00", "2024-01-01", "2024-01-01 01:00+01:00",
                                  "2024-01-01 01:00:00+0100", "2024-01-01 01:00:00+01",
                                  "2024-01-01 01:00:00.0000000 +01:00", "2023-12-31 19:00:00-05:00",
                                  "2023-12-31 19:00:00-0500", "2024-01-01 00:00:00+00:00", "2024-01-01 00:00:00-00:00",
                                  "2024-01-01 05:53:28+05:53:28"}) {
        EXPECT_EQ(sqla::parse_utc_datetime(text), midnight) << text;
    }
    EXPECT_EQ(sqla::parse_utc_datetime("2024-01-01 00:30:00+01:00"), utc(year{2023} / 12 / 31, 23h + 30min));
    EXPECT_EQ(sqla::parse_utc_datetime("2024-02-28 23:30:00-01:00"), utc(year{2024} / 2 / 29, 30min));
    EXPECT_EQ(sqla::parse_utc_datetime("1901-12-13 20:45:52.000001+00:00"),
              sqla::UtcDateTime{microseconds{std::int64_t{-2147483648} * 1'000'000 + 1}});
    for (std::string_view bad : {"", "2024-01-01Z", "2024-01-01+01:00", "2024-01-01 00:00:00+24:00",
                                 "2024-01-01 00:00:00+01:60", "2024-01-01 00:00:00+1", "2024-01-01 00:00:00+01:0",
                                 "2024-01-01 00:00:00+01:00Z", "2024-01-01 00:00:00 Z", "2024-01-01 00:00:00+",
                                 "2024-01-01 00:00:00+010", "2024-01-01 00:00:00+01:00:", "2024-01-01 00:00:00UTC",
                                 "2024-01-01 00:00:00  +01:00", "0000-01-01 00:30:00+01:00",
                                 "9999-12-31 23:30:00-01:00"}) {
        EXPECT_EQ(sqla::parse_utc_datetime(bad), std::nullopt) << bad;
    }
}

TEST(IsoDateTime, RoundTrips) {
    std::vector<sqla::LocalDateTime> samples{
        local(year{0} / 1 / 1),
        local(year{1} / 3 / 1, 1us),
        local(year{1582} / 10 / 15, 12h),
        local(year{1900} / 2 / 28, 24h - 1us),
        sqla::LocalDateTime{microseconds{std::int64_t{-2147483648} * 1'000'000 + 1}},
        sqla::LocalDateTime{-1us},
        sqla::LocalDateTime{},
        local(year{2000} / 2 / 29, 23h + 59min + 59s),
        local(year{2038} / 1 / 19, 3h + 14min + 8s),
        local(year{9999} / 12 / 31, 24h - 1us),
    };
    // Pseudo-random instants across the whole range.
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    const auto lo = local(year{0} / 1 / 1).time_since_epoch().count();
    const auto hi = local(year{10000} / 1 / 1).time_since_epoch().count();
    for (int i = 0; i < 2000; ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        samples.push_back(sqla::LocalDateTime{microseconds{lo + static_cast<std::int64_t>(x % static_cast<std::uint64_t>(hi - lo))}});
    }
    for (auto t : samples) {
        for (char sep : {' ', 'T'})
            for (bool micro : {false, true}) {
                const auto text = sqla::to_iso(t, sep, micro);
                ASSERT_EQ(sqla::parse_local_datetime(text), t) << text;
                const sqla::UtcDateTime u{t.time_since_epoch()};
                const auto utext = sqla::to_iso(u, sep, micro);
                ASSERT_EQ(sqla::parse_utc_datetime(utext), u) << utext;
            }
        const auto midnight = std::chrono::floor<std::chrono::days>(t);
        const year_month_day ymd{midnight};
        ASSERT_EQ(sqla::parse_date(sqla::to_iso(ymd)), ymd);
        const sqla::TimeOfDay tod{t - midnight};
        ASSERT_EQ(sqla::parse_time(sqla::to_iso(tod)), tod);
    }
}

TEST(IsoInterval, Formats) {
    EXPECT_EQ(sqla::to_iso(0us), "PT0S");
    EXPECT_EQ(sqla::to_iso(microseconds{24h + 2h + 3min + 4s + 5us}), "P1DT2H3M4.000005S");
    EXPECT_EQ(sqla::to_iso(microseconds{72h}), "P3D");
    EXPECT_EQ(sqla::to_iso(microseconds{500ms}), "PT0.5S");
    EXPECT_EQ(sqla::to_iso(microseconds{1h}), "PT1H");
    EXPECT_EQ(sqla::to_iso(microseconds{60s}), "PT1M");
    EXPECT_EQ(sqla::to_iso(microseconds{24h + 1s}), "P1DT1S");
    EXPECT_EQ(sqla::to_iso(-1us), "PT-0.000001S");
    EXPECT_EQ(sqla::to_iso(microseconds{-(24h + 2h)}), "P-1DT-2H");
    EXPECT_EQ(sqla::to_iso(microseconds{-(24h + 2h + 3min + 4s + 500ms)}), "P-1DT-2H-3M-4.5S");
    EXPECT_EQ(sqla::to_iso(microseconds{std::chrono::seconds{-5}}), "PT-5S");
}

TEST(IsoInterval, RoundTrips) {
    std::vector<microseconds> samples{0us, 1us, -1us, 500ms, -500ms, 1s, -1s, 59s, 1h, -1h, 24h, -24h,
                                      24h + 2h + 3min + 4s + 5us, -(24h + 2h + 3min + 4s + 5us),
                                      microseconds::max(), microseconds::min(), microseconds::max() - 1us,
                                      microseconds::min() + 1us};
    std::uint64_t x = 0x2545F4914F6CDD1Dull;
    for (int i = 0; i < 2000; ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        samples.push_back(microseconds{static_cast<std::int64_t>(x) >> (i % 64)});
    }
    for (auto v : samples) {
        const auto text = sqla::to_iso(v);
        ASSERT_EQ(sqla::parse_interval(text), v) << text;
    }
}

TEST(IsoInterval, ParsesIsoDurations) {
    EXPECT_EQ(sqla::parse_interval("P1DT2H3M4.000005S"), microseconds{24h + 2h + 3min + 4s + 5us});
    EXPECT_EQ(sqla::parse_interval("-P1D"), microseconds{-24h});
    EXPECT_EQ(sqla::parse_interval("P-1DT-2H"), microseconds{-26h});
    EXPECT_EQ(sqla::parse_interval("-P-1D"), microseconds{24h});
    EXPECT_EQ(sqla::parse_interval("P2W"), microseconds{14 * 24h});
    EXPECT_EQ(sqla::parse_interval("PT1.5S"), microseconds{1500ms});
    EXPECT_EQ(sqla::parse_interval("PT1,5S"), microseconds{1500ms});
    EXPECT_EQ(sqla::parse_interval("PT36H"), microseconds{36h});
    EXPECT_EQ(sqla::parse_interval("PT90M"), microseconds{90min});
    EXPECT_EQ(sqla::parse_interval("PT0.123456789S"), 123456us);
    EXPECT_EQ(sqla::parse_interval("P1DT-1H"), microseconds{23h});
}

TEST(IsoInterval, ParsesPostgresDayTime) {
    EXPECT_EQ(sqla::parse_interval("1 day 02:03:04"), microseconds{26h + 3min + 4s});
    EXPECT_EQ(sqla::parse_interval("1 day 02:03:04.000005"), microseconds{26h + 3min + 4s + 5us});
    EXPECT_EQ(sqla::parse_interval("-00:00:01"), microseconds{-1s});
    EXPECT_EQ(sqla::parse_interval("00:00:00"), 0us);
    EXPECT_EQ(sqla::parse_interval("3 days"), microseconds{72h});
    EXPECT_EQ(sqla::parse_interval("-3 days"), microseconds{-72h});
    EXPECT_EQ(sqla::parse_interval("-1 days +02:00:00"), microseconds{-22h});
    EXPECT_EQ(sqla::parse_interval("1 day -02:00:00"), microseconds{22h});
    EXPECT_EQ(sqla::parse_interval("-1 days -02:03:04.5"), microseconds{-(26h + 3min + 4s + 500ms)});
    EXPECT_EQ(sqla::parse_interval("100:00:00"), microseconds{100h});
    EXPECT_EQ(sqla::parse_interval("02:03"), microseconds{2h + 3min});
    // Python's str(timedelta).
    EXPECT_EQ(sqla::parse_interval("1 day, 2:03:04.000005"), microseconds{26h + 3min + 4s + 5us});
    EXPECT_EQ(sqla::parse_interval("-1 day, 23:59:59.999999"), -1us);
    EXPECT_EQ(sqla::parse_interval("0:00:00"), 0us);
}

TEST(IsoInterval, RejectsBadText) {
    for (std::string_view bad : {"", "P", "PT", "-P", "P1Y", "P1M", "P1Y2M", "P1DT", "PT1H2H", "PT2M1H", "P1D2W",
                                 "P1.5D", "PT1.5H", "PT1.S", "PT.5S", "P1DT2H3M4.0000000001S", "PTT1S", "P1D ",
                                 " P1D", "P+-1D", "PT9999999999999999999S", "P999999999999D", "P1DX",
                                 "1 year 2 mons", "1 mon", "1 year", "3 day s", "3days", "3 Days", "1 day,",
                                 "1 day ", "abc", "5", "-", "00:60:00", "00:00:60", "1 day 02",
                                 "1 day 02:03:04 extra", "02:03:04.", " 02:03:04", "2562047789:00:00",
                                 "106751992 days", "-106751992 days 00:00:00"}) {
        EXPECT_EQ(sqla::parse_interval(bad), std::nullopt) << bad;
    }
}

}  // namespace
