// sqla: tests/plugins/mysql/types_test.cpp. Every generic type written with insert() and read
// back with select() on a live MariaDB: the same value, and NULL as std::nullopt. MySQL's DDL
// commits by itself, so each test drops the tables it made.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <vector>

import sqla;

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

class MysqlTypes : public ::testing::Test {
protected:
    void SetUp() override {
        const char* url = std::getenv("SQLA_TEST_MYSQL_URL");
        if (!url || !*url) GTEST_SKIP() << "SQLA_TEST_MYSQL_URL is not set (scripts/test.sh sets it)";
        engine_.emplace(sqla::create_engine(url));
        conn_.emplace(engine_->connect());
    }
    void TearDown() override {
        if (!conn_) return;
        conn_->rollback();
        for (int i = 1; i <= tables_; ++i) conn_->exec_driver_sql("DROP TABLE IF EXISTS my_types_" + std::to_string(i));
    }

    // Writes each value and a NULL into a new table of `type`, alternately through
    // insert().values() and execution parameters, and reads them back in order as T.
    template <class T>
    void expect_round_trip(const sqla::TypeEngine& type, const std::vector<T>& values) {
        const std::string name = "my_types_" + std::to_string(++tables_);
        conn_->exec_driver_sql("DROP TABLE IF EXISTS " + name);
        sqla::Table t(md_, name, sqla::Column{"id", sqla::Integer{}, sqla::primary_key, sqla::no_autoincrement},
                      sqla::Column{"v", type});
        conn_->execute(sqla::CreateTable(t));
        std::vector<sqla::Value> written(values.begin(), values.end());
        written.emplace_back();
        for (std::size_t i = 0; i < written.size(); ++i) {
            const auto id = static_cast<std::int64_t>(i + 1);
            if (i % 2 == 0)
                conn_->execute(sqla::insert(t).values({{"id", id}, {"v", written[i]}}));
            else
                conn_->execute(sqla::insert(t), {{"id", id}, {"v", written[i]}});
        }
        for (bool stream : {false, true}) {
            auto rows = conn_->execute(sqla::select(t.c("v")).order_by({t.c("id")}), {.stream_results = stream}).all();
            ASSERT_EQ(rows.size(), written.size()) << type.repr();
            for (std::size_t i = 0; i < values.size(); ++i)
                EXPECT_EQ(rows[i].get<T>(0), values[i])
                    << type.repr() << ": wrote " << written[i].repr() << ", read " << rows[i][0].repr();
            EXPECT_EQ(rows.back().get<std::optional<T>>(0), std::nullopt) << type.repr();
        }
    }

    std::optional<sqla::Engine> engine_;
    std::optional<sqla::Connection> conn_;
    sqla::MetaData md_;
    int tables_ = 0;
};

constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

}  // namespace

TEST_F(MysqlTypes, Integers) {
    expect_round_trip<std::int64_t>(sqla::Integer{}, {0, -1, 42, 2147483647, -2147483648LL});
    expect_round_trip<std::int64_t>(sqla::BigInteger{}, {0, -1, int64_max, int64_min});
    expect_round_trip<std::int16_t>(sqla::SmallInteger{}, {0, -32768, 32767});
}

TEST_F(MysqlTypes, Boolean) { expect_round_trip<bool>(sqla::Boolean{}, {true, false}); }

TEST_F(MysqlTypes, Strings) {
    const std::vector<std::string> values{"", "ed", "it's \"quoted\" \\ %s ?", "Grüße, 世界 🎉", std::string(60'000, 'x')};
    expect_round_trip<std::string>(sqla::String{50}, {"", "ed", "it's \"quoted\" \\ %s ?", "Grüße, 世界 🎉"});
    expect_round_trip<std::string>(sqla::Text{}, values);
    expect_round_trip<std::string>(sqla::Unicode{200}, {"Grüße, 世界 🎉"});
    expect_round_trip<std::string>(sqla::UnicodeText{}, values);
    expect_round_trip<std::string>(sqla::Enum{.values = {"draft", "published", "Grüße"}, .name = "my_status"},
                                   {"draft", "published", "Grüße"});
}

TEST_F(MysqlTypes, FloatAndDouble) {
    expect_round_trip<double>(sqla::Float{}, {0.0, -1.5, 0.1, 3.4e38});
    expect_round_trip<double>(sqla::Double{}, {0.0, -1.5, 3.141592653589793, 1e300, 0.1});
}

TEST_F(MysqlTypes, Numeric) {
    expect_round_trip<sqla::Decimal>(sqla::Numeric{10, 2}, {sqla::Decimal("0.00"), sqla::Decimal("-12345678.90"),
                                                            sqla::Decimal("99999999.99"), sqla::Decimal("1.50")});
    // DECIMAL(38, 20) is exact: no double in between.
    expect_round_trip<sqla::Decimal>(sqla::Numeric{38, 20}, {sqla::Decimal("123456789012345678.12345678901234567890"),
                                                             sqla::Decimal("0.00000000000000000001"),
                                                             sqla::Decimal("-999999999999999999.99999999999999999999")});
    // Numeric(asdecimal=False) reads as double.
    sqla::TypeEngine as_double = sqla::Numeric{10, 3};
    as_double.with_details({.asdecimal = false});
    expect_round_trip<double>(as_double, {1.5, -0.125});
}

TEST_F(MysqlTypes, DatesTimesAndIntervals) {
    expect_round_trip<year_month_day>(sqla::Date{}, {2024y / 2 / 29, 1969y / 7 / 20, 1000y / 1 / 1, 9999y / 12 / 31});
    // TIME and DATETIME keep whole seconds; mysql::TIME/DATETIME(fsp=6) keep microseconds.
    expect_round_trip<sqla::TimeOfDay>(sqla::Time{}, {sqla::TimeOfDay{}, sqla::TimeOfDay{23h + 59min + 59s}});
    expect_round_trip<sqla::TimeOfDay>(sqla::mysql::TIME{.fsp = 6}, {sqla::TimeOfDay{12h + 1us}, sqla::TimeOfDay{23h + 59min + 59s + 999999us}});
    const sqla::LocalDateTime leap = local_days{2024y / 2 / 29} + 13h + 5min + 9s;
    expect_round_trip<sqla::LocalDateTime>(sqla::DateTime{}, {leap, sqla::LocalDateTime{local_days{1000y / 1 / 1}}});
    expect_round_trip<sqla::LocalDateTime>(sqla::mysql::DATETIME{.fsp = 6}, {leap + 123456us, leap + 1us});
    const sqla::UtcDateTime moon = sys_days{1969y / 7 / 20} + 20h + 17min + 40s;
    expect_round_trip<sqla::UtcDateTime>(sqla::DateTime{.timezone = true}, {moon, sys_days{2038y / 1 / 19} + 3h});
    // Interval: a DATETIME after 1970-01-01, as SQLAlchemy stores it where there is no INTERVAL.
    expect_round_trip<microseconds>(sqla::Interval{}, {0s, days(1) + 2h + 3min + 4s, days(365 * 50)});
}

TEST_F(MysqlTypes, BinaryJsonAndUuid) {
    sqla::Bytes all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::byte>(i));
    expect_round_trip<sqla::Bytes>(sqla::LargeBinary{}, {sqla::Bytes{}, sqla::Bytes(3), all, sqla::Bytes(60'000, std::byte{0x5a})});
    const std::vector<boost::json::value> docs{
        boost::json::object{{"a", 1}, {"b", boost::json::array{true, nullptr, "x", 2.5}}, {"ü", "世界"}},
        boost::json::array{}, boost::json::value("just a string"), boost::json::value(42)};
    expect_round_trip<boost::json::value>(sqla::JSON{}, docs);
    const sqla::UuidValue u("12345678-9abc-def0-1234-56789abcdef0");
    expect_round_trip<sqla::UuidValue>(sqla::Uuid{}, {u, sqla::UuidValue()});
}

namespace {

// Issue 20 items 5 and 6: through one engine, a TIME cast after a DATETIME cast returned a
// datetime (both types printed alike, and the cache key was that text), and CAST dropped the
// fractional seconds (DATETIME, not DATETIME(6)).
TEST_F(MysqlTypes, TimeAndDatetimeCastsKeepTheirTypesAndFractions) {
    auto dt = conn_->execute(sqla::select(sqla::cast(sqla::literal("2024-02-29 12:34:56.123456"),
                                                     sqla::mysql::DATETIME{.fsp = 6})))
                  .one();
    ASSERT_EQ(dt[0].kind(), sqla::ValueKind::datetime) << dt[0].repr();
    EXPECT_EQ(dt[0].repr(), "'2024-02-29 12:34:56.123456'");
    auto t = conn_->execute(sqla::select(sqla::cast(sqla::literal("12:34:56.123456"), sqla::mysql::TIME{.fsp = 6})))
                 .one();
    ASSERT_EQ(t[0].kind(), sqla::ValueKind::time) << t[0].repr();
    EXPECT_EQ(t[0].repr(), "'12:34:56.123456'");
}

}  // namespace
