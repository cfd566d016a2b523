// sqla: tests/plugins/postgresql/types_test.cpp. Every generic type written with insert() and read
// back with select() on a live PostgreSQL: the same value, and NULL as std::nullopt. Each test's
// tables live in its transaction, rolled back at the end (PostgreSQL's DDL is transactional).
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

import sqla;

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

class PostgresTypes : public ::testing::Test {
protected:
    void SetUp() override {
        const char* url = std::getenv("SQLA_TEST_POSTGRESQL_URL");
        if (!url || !*url) GTEST_SKIP() << "SQLA_TEST_POSTGRESQL_URL is not set (scripts/test.sh sets it)";
        engine_.emplace(sqla::create_engine(url));
        conn_.emplace(engine_->connect());
    }
    void TearDown() override {
        if (conn_) conn_->rollback();
    }

    // Writes each value and a NULL into a new table of `type`, alternately through
    // insert().values() and execution parameters, and reads them back in order as T.
    template <class T>
    void expect_round_trip(const sqla::TypeEngine& type, const std::vector<T>& values) {
        sqla::Table t(md_, "pg_types_" + std::to_string(++tables_), sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"v", type});
        if (type.kind() == sqla::TypeKind::enum_) conn_->execute(sqla::CreateEnumType(type));
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
        auto rows = conn_->execute(sqla::select(t.c("v")).order_by({t.c("id")})).all();
        ASSERT_EQ(rows.size(), written.size()) << type.repr();
        for (std::size_t i = 0; i < values.size(); ++i)
            EXPECT_EQ(rows[i].get<T>(0), values[i])
                << type.repr() << ": wrote " << written[i].repr() << ", read " << rows[i][0].repr();
        EXPECT_EQ(rows.back().get<std::optional<T>>(0), std::nullopt) << type.repr();
    }

    std::optional<sqla::Engine> engine_;
    std::optional<sqla::Connection> conn_;
    sqla::MetaData md_;
    int tables_ = 0;
};

constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

TEST_F(PostgresTypes, Integers) {
    expect_round_trip<std::int64_t>(sqla::Integer{}, {0, -1, 42, 2147483647, -2147483648LL});
    expect_round_trip<std::int64_t>(sqla::BigInteger{}, {0, -1, int64_max, int64_min});
    expect_round_trip<std::int16_t>(sqla::SmallInteger{}, {0, -32768, 32767});
}

TEST_F(PostgresTypes, Boolean) { expect_round_trip<bool>(sqla::Boolean{}, {true, false}); }

TEST_F(PostgresTypes, Strings) {
    const std::vector<std::string> values{"", "ed", "it's \"quoted\"", "Grüße, 世界 🎉", std::string(100'000, 'x')};
    expect_round_trip<std::string>(sqla::String{50}, {"", "ed", "it's \"quoted\"", "Grüße, 世界 🎉"});
    expect_round_trip<std::string>(sqla::Text{}, values);
    expect_round_trip<std::string>(sqla::Unicode{200}, {"Grüße, 世界 🎉"});
    expect_round_trip<std::string>(sqla::UnicodeText{}, values);
    expect_round_trip<std::string>(sqla::Enum{.values = {"draft", "published", "Grüße"}, .name = "pg_status"},
                                   {"draft", "published", "Grüße"});
}

TEST_F(PostgresTypes, FloatAndDouble) {
    const std::vector<double> values{0.0, -1.5, 3.141592653589793, 1e300, 0.1};
    expect_round_trip<double>(sqla::Float{}, values);
    expect_round_trip<double>(sqla::Double{}, values);
}

TEST_F(PostgresTypes, Numeric) {
    expect_round_trip<sqla::Decimal>(sqla::Numeric{10, 2}, {sqla::Decimal("0.00"), sqla::Decimal("-12345678.90"),
                                                            sqla::Decimal("99999999.99"), sqla::Decimal("1.50")});
    // NUMERIC is exact at any precision: no double in between, unlike SQLite.
    expect_round_trip<sqla::Decimal>(sqla::Numeric{38, 20}, {sqla::Decimal("12345678901234567.12345678901234567890"),
                                                             sqla::Decimal("0.00000000000000000001"),
                                                             sqla::Decimal("-999999999999999999.99999999999999999999")});
    expect_round_trip<sqla::Decimal>(sqla::Numeric{}, {sqla::Decimal(int64_max), sqla::Decimal(int64_min), sqla::Decimal("1e-30")});
    auto digits = conn_->execute(sqla::text("SELECT 1.50::numeric(10, 2) AS v")).scalar<sqla::Decimal>();
    EXPECT_EQ(digits.to_string(), "1.50");  // the scale as the database has it
}

TEST_F(PostgresTypes, DatesTimesAndIntervals) {
    expect_round_trip<year_month_day>(sqla::Date{}, {2024y / 2 / 29, 1969y / 7 / 20, 1y / 1 / 1, 9999y / 12 / 31});
    expect_round_trip<sqla::TimeOfDay>(sqla::Time{}, {sqla::TimeOfDay{}, sqla::TimeOfDay{23h + 59min + 59s + 999999us},
                                                      sqla::TimeOfDay{12h + 1us}});
    const sqla::LocalDateTime leap = local_days{2024y / 2 / 29} + 13h + 5min + 9s;
    expect_round_trip<sqla::LocalDateTime>(sqla::DateTime{}, {leap, leap + 123456us, sqla::LocalDateTime{local_days{1y / 1 / 1}}});
    const sqla::UtcDateTime moon = sys_days{1969y / 7 / 20} + 20h + 17min + 40s;
    expect_round_trip<sqla::UtcDateTime>(sqla::DateTime{.timezone = true}, {moon, moon + 1us, sys_days{2038y / 1 / 19} + 3h});
    // The session's time zone changes how the server prints, not the instant read back.
    conn_->execute(sqla::text("SET LOCAL TIME ZONE 'Asia/Kolkata'"));
    expect_round_trip<sqla::UtcDateTime>(sqla::DateTime{.timezone = true}, {moon});
    expect_round_trip<microseconds>(sqla::Interval{}, {0us, days(1) + 2h + 3min + 4s + 5us, -1s, -days(3), 1us,
                                                       days(365 * 2000)});
}

TEST_F(PostgresTypes, BinaryJsonAndUuid) {
    sqla::Bytes all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::byte>(i));
    expect_round_trip<sqla::Bytes>(sqla::LargeBinary{}, {sqla::Bytes{}, sqla::Bytes(3), all, sqla::Bytes(1 << 20, std::byte{0x5a})});
    const std::vector<boost::json::value> docs{
        boost::json::object{{"a", 1}, {"b", boost::json::array{true, nullptr, "x", 2.5}}, {"ü", "世界"}},
        boost::json::array{}, boost::json::value("just a string"), boost::json::value(nullptr), boost::json::value(42)};
    expect_round_trip<boost::json::value>(sqla::JSON{}, docs);
    const sqla::UuidValue u("12345678-9abc-def0-1234-56789abcdef0");
    expect_round_trip<sqla::UuidValue>(sqla::Uuid{}, {u, sqla::UuidValue()});
}

}  // namespace

namespace {

// Issue 20 item 5: a jsonb column read back as postgresql.UUID (JSONB and UUID printed alike),
// and create_all of the reflected table made a uuid column. Reflected, printed, and created
// again, each keeps its own type; and through one engine a CAST to UUID after one to JSONB runs
// its own SQL.
TEST_F(PostgresTypes, ReflectedJsonbAndUuidKeepTheirTypes) {
    conn_->exec_driver_sql("DROP TABLE IF EXISTS pg_reflect_types");
    conn_->exec_driver_sql("CREATE TABLE pg_reflect_types (id integer PRIMARY KEY, doc jsonb, uid uuid, d json)");
    conn_->commit();
    auto insp = sqla::inspect(*conn_);
    std::map<std::string, std::string> reprs;
    for (const auto& c : insp.get_columns("pg_reflect_types")) reprs[c.name] = c.type.repr();
    EXPECT_EQ(reprs["doc"], "postgresql.JSONB()");
    EXPECT_EQ(reprs["uid"], "Uuid()");  // the generic Uuid, which PostgreSQL renders UUID
    EXPECT_EQ(reprs["d"], "JSON()");

    sqla::MetaData reflected;
    reflected.reflect(*conn_, {.only = {"pg_reflect_types"}});
    conn_->exec_driver_sql("DROP TABLE pg_reflect_types");
    reflected.create_all(*conn_);
    auto types = conn_->exec_driver_sql(
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = 'pg_reflect_types'::regclass AND attnum > 0 ORDER BY attnum").all();
    ASSERT_EQ(types.size(), 4u);
    EXPECT_EQ(types[1].get<std::string>(1), "jsonb");
    EXPECT_EQ(types[2].get<std::string>(1), "uuid");
    EXPECT_EQ(types[3].get<std::string>(1), "json");

    auto as_jsonb = conn_->execute(sqla::select(sqla::cast(sqla::literal("{\"a\": 1}"), sqla::postgresql::JSONB{})))
                        .scalar<boost::json::value>();
    EXPECT_EQ(as_jsonb, boost::json::parse("{\"a\": 1}"));
    auto as_uuid = conn_->execute(sqla::select(sqla::cast(sqla::literal("12345678-9abc-def0-1234-56789abcdef0"),
                                                          sqla::postgresql::UUID{})))
                       .scalar<sqla::UuidValue>();
    EXPECT_EQ(as_uuid.to_string(), "12345678-9abc-def0-1234-56789abcdef0");
    conn_->exec_driver_sql("DROP TABLE pg_reflect_types");
    conn_->commit();
}

}  // namespace
