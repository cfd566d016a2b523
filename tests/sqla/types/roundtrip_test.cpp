// sqla: tests/sqla/types/roundtrip_test.cpp. Every generic type written with insert() and read
// back with select() on a live SQLite engine: the same value, NULL as std::nullopt, the storage
// formats SQLAlchemy's SQLite types use, type decorators, and clear errors for wrong types.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

import sqla;

namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

class TypesRoundTrip : public ::testing::Test {
protected:
    // A table t<n> (id INTEGER PRIMARY KEY, v <type>), created with CreateTable.
    sqla::Table make_table(const sqla::TypeEngine& type) {
        sqla::Table t(md_, "t" + std::to_string(++tables_), sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"v", type});
        conn_.execute(sqla::CreateTable(t));
        return t;
    }

    // Writes each value (and a NULL after them) into a new table of `type`, alternately through
    // insert().values() and through execution parameters, and reads column v back with
    // select(), in insertion order.
    std::vector<sqla::Row> round_trip(const sqla::TypeEngine& type, std::vector<sqla::Value> values) {
        values.emplace_back();
        last_ = make_table(type);
        const sqla::Table& t = *last_;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto id = static_cast<std::int64_t>(i + 1);
            if (i % 2 == 0)
                conn_.execute(sqla::insert(t).values({{"id", id}, {"v", values[i]}}));
            else
                conn_.execute(sqla::insert(t), {{"id", id}, {"v", values[i]}});
        }
        auto rows = conn_.execute(sqla::select(t.c("v")).order_by({t.c("id")})).all();
        EXPECT_EQ(rows.size(), values.size());
        if (!rows.empty()) EXPECT_EQ(rows.back().get<std::optional<std::string>>(0), std::nullopt) << type.repr();
        if (!rows.empty()) EXPECT_TRUE(rows.back()[0].is_null()) << type.repr();
        return rows;
    }

    // Every value reads back as T, equal to what was written, and the NULL as std::nullopt.
    template <class T>
    void expect_round_trip(const sqla::TypeEngine& type, const std::vector<T>& values) {
        auto rows = round_trip(type, std::vector<sqla::Value>(values.begin(), values.end()));
        ASSERT_EQ(rows.size(), values.size() + 1);
        for (std::size_t i = 0; i < values.size(); ++i) {
            EXPECT_EQ(rows[i].get<T>("v"), values[i])
                << type.repr() << ": wrote " << sqla::Value(values[i]).repr() << ", read " << rows[i][0].repr();
            EXPECT_EQ(rows[i].get<std::optional<T>>(0), std::optional<T>(values[i]));
        }
        EXPECT_EQ(rows.back().get<std::optional<T>>(0), std::nullopt) << type.repr();
    }

    // What SQLite itself stores for the values of column v of the last table (textual SQL: no
    // result processing), as "typeof:value".
    std::vector<std::string> stored() {
        std::vector<std::string> out;
        for (const sqla::Row& row :
             conn_.execute(sqla::text("SELECT typeof(v), CAST(v AS TEXT) FROM " + last_->name() + " ORDER BY id"))) {
            out.push_back(row.get<std::string>(0) + ":" + row.get<std::optional<std::string>>(1).value_or("NULL"));
        }
        return out;
    }

    sqla::Engine engine_ = sqla::create_engine("sqlite://");
    sqla::Connection conn_ = engine_.connect();
    sqla::MetaData md_;
    std::optional<sqla::Table> last_;
    int tables_ = 0;
};

constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

TEST_F(TypesRoundTrip, Integers) {
    expect_round_trip<std::int64_t>(sqla::Integer{}, {0, -1, 42, 2147483647, -2147483648LL});
    expect_round_trip<std::int64_t>(sqla::BigInteger{}, {0, -1, int64_max, int64_min});
    expect_round_trip<std::int16_t>(sqla::SmallInteger{}, {0, -32768, 32767});
    EXPECT_EQ(stored(), (std::vector<std::string>{"integer:0", "integer:-32768", "integer:32767", "null:NULL"}));
}

TEST_F(TypesRoundTrip, Boolean) {
    auto rows = round_trip(sqla::Boolean{}, {true, false});
    EXPECT_EQ(rows[0][0], sqla::Value(true));  // the kind is boolean again, not integer 1
    EXPECT_EQ(rows[1][0], sqla::Value(false));
    EXPECT_EQ(rows[0].get<bool>(0), true);
    EXPECT_EQ(stored(), (std::vector<std::string>{"integer:1", "integer:0", "null:NULL"}));
}

TEST_F(TypesRoundTrip, Strings) {
    const std::vector<std::string> values{"", "ed", "it's \"quoted\"", "Grüße, 世界 🎉", std::string("nul\0inside", 10),
                                          std::string(100'000, 'x')};
    expect_round_trip<std::string>(sqla::String{50}, values);
    expect_round_trip<std::string>(sqla::Text{}, values);
    expect_round_trip<std::string>(sqla::Unicode{200}, values);
    expect_round_trip<std::string>(sqla::UnicodeText{}, values);
    expect_round_trip<std::string>(sqla::Enum{{"draft", "published", "Grüße"}}, {"draft", "published", "Grüße"});
}

TEST_F(TypesRoundTrip, FloatAndDouble) {
    const std::vector<double> values{0.0, -1.5, 3.141592653589793, 1e300, -4.9e-324, 0.1};
    expect_round_trip<double>(sqla::Float{}, values);
    expect_round_trip<double>(sqla::Double{}, values);
    // A Decimal bound to an approximate column is its nearest double.
    auto rows = round_trip(sqla::Double{}, {sqla::Decimal("2.5")});
    EXPECT_EQ(rows[0][0], sqla::Value(2.5));
}

TEST_F(TypesRoundTrip, NumericWithScale) {
    const std::vector<sqla::Decimal> values{sqla::Decimal("0.00"), sqla::Decimal("-12345678.90"),
                                            sqla::Decimal("99999999.99"), sqla::Decimal("0.01"),
                                            sqla::Decimal("1.5"), sqla::Decimal(7)};
    expect_round_trip<sqla::Decimal>(sqla::Numeric{10, 2}, values);
    // Read back at the column's scale, as SQLAlchemy's Numeric(10, 2) does.
    auto rows = conn_.execute(sqla::select(last_->c("v")).order_by({last_->c("id")})).all();
    EXPECT_EQ(rows[4].get<sqla::Decimal>(0).to_string(), "1.50");
    EXPECT_EQ(rows[5].get<sqla::Decimal>(0).to_string(), "7.00");
    EXPECT_EQ(rows[1].get<sqla::Decimal>(0).to_string(), "-12345678.90");
    // SQLite's NUMERIC affinity keeps exact integers as INTEGER, the rest as REAL.
    EXPECT_EQ(stored(), (std::vector<std::string>{"integer:0", "real:-12345678.9", "real:99999999.99", "real:0.01",
                                                  "real:1.5", "integer:7", "null:NULL"}));
    // A value with more decimals than the column's scale is quantized on the way in (half even).
    rows = round_trip(sqla::Numeric{10, 2}, {sqla::Decimal("2.345"), sqla::Decimal("2.355")});
    EXPECT_EQ(rows[0].get<sqla::Decimal>(0).to_string(), "2.34");
    EXPECT_EQ(rows[1].get<sqla::Decimal>(0).to_string(), "2.36");
}

TEST_F(TypesRoundTrip, HighPrecisionNumeric) {
    // What a double or a 64-bit integer holds exactly comes back exactly, at scale 20.
    const std::vector<sqla::Decimal> values{
        sqla::Decimal("0.1"),          sqla::Decimal("-123456.789012345"), sqla::Decimal("1E-20"),
        sqla::Decimal("12345678901234567"), sqla::Decimal(int64_max),      sqla::Decimal(int64_min),
        sqla::Decimal("1e100"),        sqla::Decimal("0.30000000000000004")};
    expect_round_trip<sqla::Decimal>(sqla::Numeric{38, 20}, values);
    auto rows = conn_.execute(sqla::select(last_->c("v")).order_by({last_->c("id")})).all();
    EXPECT_EQ(rows[0].get<sqla::Decimal>(0).to_string(), "0.10000000000000000000");
    EXPECT_EQ(rows[2].get<sqla::Decimal>(0).to_string(), "0.00000000000000000001");
    EXPECT_EQ(rows[4].get<sqla::Decimal>(0).to_string(), "9223372036854775807.00000000000000000000");

    // SQLite would round 37 significant digits to a double (its NUMERIC affinity converts any
    // well-formed number): refused, never silently truncated.
    auto t = make_table(sqla::Numeric{38, 20});
    try {
        conn_.execute(sqla::insert(t).values({{"id", 1}, {"v", sqla::Decimal("12345678901234567.12345678901234567890")}}));
        FAIL() << "expected ArgumentError";
    } catch (const sqla::ArgumentError& e) {
        EXPECT_NE(std::string(e.what()).find("bind parameter \"v\": decimal 12345678901234567.12345678901234567890 "
                                             "cannot be stored exactly in a SQLite NUMERIC column"),
                  std::string::npos)
            << e.what();
    }
    // Exact storage of any precision: decimal text in a text column.
    rows = round_trip(sqla::String{60}, {sqla::Decimal("12345678901234567.12345678901234567890")});
    EXPECT_EQ(rows[0].get<sqla::Decimal>(0).to_string(), "12345678901234567.12345678901234567890");
}

TEST_F(TypesRoundTrip, NumericWithoutScaleAndAsFloat) {
    // No scale: a REAL reads back at SQLAlchemy's default decimal return scale, 10.
    auto rows = round_trip(sqla::Numeric{}, {sqla::Decimal("1.5"), sqla::Decimal(3)});
    EXPECT_EQ(rows[0].get<sqla::Decimal>(0).to_string(), "1.5000000000");
    EXPECT_EQ(rows[1].get<sqla::Decimal>(0).to_string(), "3");
    // asdecimal=false: doubles.
    sqla::TypeEngine as_float = sqla::Numeric{10, 2};
    as_float.with_details({.asdecimal = false});
    rows = round_trip(as_float, {sqla::Decimal("1.25"), 4});
    EXPECT_EQ(rows[0][0], sqla::Value(1.25));
    EXPECT_EQ(rows[1][0], sqla::Value(4.0));
}

TEST_F(TypesRoundTrip, Date) {
    expect_round_trip<year_month_day>(sqla::Date{}, {2024y / 2 / 29, 1969y / 7 / 20, 1900y / 1 / 1, 1970y / 1 / 1,
                                                     0y / 1 / 1, 9999y / 12 / 31});
    EXPECT_EQ(stored(), (std::vector<std::string>{"text:2024-02-29", "text:1969-07-20", "text:1900-01-01",
                                                  "text:1970-01-01", "text:0000-01-01", "text:9999-12-31",
                                                  "null:NULL"}));
}

TEST_F(TypesRoundTrip, Time) {
    expect_round_trip<sqla::TimeOfDay>(sqla::Time{}, {sqla::TimeOfDay{}, sqla::TimeOfDay{13h + 5min + 9s},
                                                      sqla::TimeOfDay{23h + 59min + 59s + 999999us},
                                                      sqla::TimeOfDay{12h + 1us}});
    EXPECT_EQ(stored(), (std::vector<std::string>{"text:00:00:00.000000", "text:13:05:09.000000",
                                                  "text:23:59:59.999999", "text:12:00:00.000001", "null:NULL"}));
}

TEST_F(TypesRoundTrip, DateTime) {
    const sqla::LocalDateTime leap = local_days{2024y / 2 / 29} + 13h + 5min + 9s;
    expect_round_trip<sqla::LocalDateTime>(
        sqla::DateTime{}, {leap, leap + 123456us, local_days{1969y / 12 / 31} + 23h + 59min + 59s + 999999us,
                           sqla::LocalDateTime{local_days{1y / 1 / 1}},
                           local_days{9999y / 12 / 31} + 23h + 59min + 59s + 999999us});
    EXPECT_EQ(stored()[0], "text:2024-02-29 13:05:09.000000");
    EXPECT_EQ(stored()[1], "text:2024-02-29 13:05:09.123456");
    EXPECT_EQ(stored()[2], "text:1969-12-31 23:59:59.999999");
    // A date given for a DATETIME column is midnight.
    auto rows = round_trip(sqla::DateTime{}, {2024y / 3 / 1});
    EXPECT_EQ(stored()[0], "text:2024-03-01");
    EXPECT_EQ(rows[0].get<sqla::LocalDateTime>(0), local_days{2024y / 3 / 1});
}

TEST_F(TypesRoundTrip, DateTimeWithTimeZone) {
    const sqla::UtcDateTime moon = sys_days{1969y / 7 / 20} + 20h + 17min + 40s;
    expect_round_trip<sqla::UtcDateTime>(sqla::DateTime{.timezone = true},
                                         {moon, moon + 1us, sqla::UtcDateTime{}, sys_days{2038y / 1 / 19} + 3h});
    EXPECT_EQ(stored()[0], "text:1969-07-20 20:17:40.000000+00:00");
    // SQLite's CURRENT_TIMESTAMP writes UTC without an offset: it reads as UTC.
    conn_.execute(sqla::text("UPDATE " + last_->name() + " SET v = '2024-01-01 10:00:00' WHERE id = 1"));
    auto row = conn_.execute(sqla::select(last_->c("v")).where(last_->c("id") == 1)).one();
    EXPECT_EQ(row.get<sqla::UtcDateTime>(0), sys_days{2024y / 1 / 1} + 10h);
}

TEST_F(TypesRoundTrip, Interval) {
    expect_round_trip<microseconds>(sqla::Interval{},
                                    {0us, days(1) + 2h + 3min + 4s + 5us, -1s, -days(3), 1us, days(365 * 2000)});
    // SQLAlchemy's non-native Interval: the DATETIME of 1970-01-01 plus the interval.
    EXPECT_EQ(stored()[0], "text:1970-01-01 00:00:00.000000");
    EXPECT_EQ(stored()[1], "text:1970-01-02 02:03:04.000005");
    EXPECT_EQ(stored()[2], "text:1969-12-31 23:59:59.000000");
}

TEST_F(TypesRoundTrip, LargeBinary) {
    sqla::Bytes all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::byte>(i));
    sqla::Bytes big(1 << 20, std::byte{0x5a});
    expect_round_trip<sqla::Bytes>(sqla::LargeBinary{}, {sqla::Bytes{}, sqla::Bytes(3), all, big});
    EXPECT_EQ(stored()[1], std::string("blob:\0\0\0", 8));
}

TEST_F(TypesRoundTrip, Json) {
    boost::json::array big;
    for (int i = 0; i < 10'000; ++i) big.push_back(boost::json::object{{"i", i}, {"name", "item " + std::to_string(i)}});
    const std::vector<boost::json::value> values{
        boost::json::object{{"a", 1}, {"b", boost::json::array{true, nullptr, "x", 2.5}}, {"ü", "世界"}},
        big,
        boost::json::array{},
        boost::json::value("just a string"),
        boost::json::value(nullptr),  // JSON null is a document; SQL NULL is std::nullopt
        boost::json::value(42),
        boost::json::value(-2.5)};
    expect_round_trip<boost::json::value>(sqla::JSON{}, values);
    EXPECT_EQ(stored()[0], R"(text:{"a":1,"b":[true,null,"x",2.5E0],"ü":"世界"})");
    EXPECT_EQ(stored()[4], "text:null");
    EXPECT_EQ(stored().back(), "null:NULL");
    // A value that is not a JSON document is encoded as one (SQLAlchemy's json.dumps).
    auto rows = round_trip(sqla::JSON{}, {"abc", 7, true});
    EXPECT_EQ(stored()[0], "text:\"abc\"");
    EXPECT_EQ(rows[0].get<boost::json::value>(0), boost::json::value("abc"));
    EXPECT_EQ(rows[1].get<boost::json::value>(0), boost::json::value(7));
    EXPECT_EQ(rows[2].get<boost::json::value>(0), boost::json::value(true));
}

TEST_F(TypesRoundTrip, Uuid) {
    const sqla::UuidValue u("12345678-9abc-def0-1234-56789abcdef0");
    expect_round_trip<sqla::UuidValue>(sqla::Uuid{}, {u, sqla::UuidValue(), sqla::UuidValue("ffffffff-ffff-ffff-ffff-ffffffffffff")});
    // SQLAlchemy 2.0's Uuid without a native type: CHAR(32) of lowercase hex digits.
    EXPECT_EQ(stored()[0], "text:123456789abcdef0123456789abcdef0");
    // The same processing applies to comparisons.
    auto row = conn_.execute(sqla::select(last_->c("id")).where(last_->c("v") == u)).one();
    EXPECT_EQ(row.get<int>(0), 1);
}

TEST_F(TypesRoundTrip, ComparisonsBindLikeTheColumn) {
    auto t = make_table(sqla::Date{});
    conn_.execute(sqla::insert(t), std::vector<sqla::Params>{{{"id", 1}, {"v", 1969y / 7 / 20}},
                                                             {{"id", 2}, {"v", 2024y / 2 / 29}}});
    auto n = conn_.execute(sqla::select(t.c("id")).where(t.c("v") > 2000y / 1 / 1)).scalars<int>().all();
    EXPECT_EQ(n, std::vector<int>{2});
    auto ids = conn_.execute(sqla::select(t.c("id")).where(t.c("v").in_(std::vector<sqla::Value>{1969y / 7 / 20}))).scalars<int>().all();
    EXPECT_EQ(ids, std::vector<int>{1});
}

TEST_F(TypesRoundTrip, TextualSqlIsNotProcessed) {
    auto t = make_table(sqla::Date{});
    conn_.execute(sqla::insert(t).values({{"id", 1}, {"v", 2024y / 2 / 29}}));
    auto row = conn_.execute(sqla::text("SELECT v FROM " + t.name())).one();
    EXPECT_EQ(row[0], sqla::Value("2024-02-29"));                    // as SQLite has it
    EXPECT_EQ(row.get<year_month_day>(0), 2024y / 2 / 29);            // and still converts on request
}

TEST_F(TypesRoundTrip, WrongCppTypeIsAClearError) {
    auto rows = round_trip(sqla::Date{}, {2024y / 2 / 29});
    try {
        (void)rows[0].get<std::int64_t>("v");
        FAIL() << "expected TypeError";
    } catch (const sqla::TypeError& e) {
        EXPECT_STREQ(e.what(), "column \"v\" (index 0): cannot convert date value '2024-02-29' to std::int64_t");
    }
    EXPECT_THROW((void)rows[0].get<std::string>(0), sqla::TypeError);
    EXPECT_THROW((void)rows[1].get<year_month_day>(0), sqla::TypeError);  // NULL: only std::optional

    rows = round_trip(sqla::Integer{}, {3});
    try {
        (void)rows[0].get<year_month_day>(0);
        FAIL() << "expected TypeError";
    } catch (const sqla::TypeError& e) {
        EXPECT_STREQ(e.what(), "column \"v\" (index 0): cannot convert integer value 3 to std::chrono::year_month_day");
    }
    rows = round_trip(sqla::Numeric{10, 2}, {sqla::Decimal("1.50")});
    EXPECT_THROW((void)rows[0].get<int>(0), sqla::TypeError);  // a fraction is never truncated
    rows = round_trip(sqla::Numeric{10, 2}, {sqla::Decimal("300")});
    EXPECT_EQ(rows[0].get<int>(0), 300);
    EXPECT_THROW((void)rows[0].get<std::int8_t>(0), sqla::TypeError);

    // A date ISO 8601 text cannot hold: the driver refuses to bind it.
    auto d = make_table(sqla::Date{});
    try {
        conn_.execute(sqla::insert(d).values({{"id", 1}, {"v", year{10000} / 1 / 1}}));
        FAIL() << "expected InterfaceError";
    } catch (const sqla::InterfaceError& e) {
        EXPECT_NE(std::string(e.what()).find("error binding parameter 2: date 10000-1-1 is outside years 0000..9999"),
                  std::string::npos)
            << e.what();
    }

    // A value a JSON column cannot encode.
    auto t = make_table(sqla::JSON{});
    try {
        conn_.execute(sqla::insert(t).values({{"id", 1}, {"v", sqla::Bytes(2)}}));
        FAIL() << "expected TypeError";
    } catch (const sqla::TypeError& e) {
        EXPECT_STREQ(e.what(), "bind parameter \"v\": cannot encode bytes value x'0000' as JSON");
    }
}

// SQLAlchemy's documentation example of a TypeDecorator: an amount of money stored as integer
// cents, Decimal in and out.
class Money final : public sqla::TypeDecorator {
public:
    sqla::TypeEngine impl() const override { return sqla::BigInteger{}; }
    std::string name() const override { return "Money"; }
    sqla::Value process_bind_param(sqla::Value value) const override {
        if (value.is_null()) return value;
        const sqla::Decimal d = value.as<sqla::Decimal>().rescaled(2);
        const std::int64_t cents = std::stoll(d.coefficient());
        return d.is_negative() ? -cents : cents;
    }
    sqla::Value process_result_value(sqla::Value value) const override {
        if (value.is_null()) return value;
        const std::int64_t cents = value.as<std::int64_t>();
        const std::uint64_t abs = cents < 0 ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
        std::string digits = std::to_string(abs / 100) + "." + (abs % 100 < 10 ? "0" : "") + std::to_string(abs % 100);
        return sqla::Decimal((cents < 0 ? "-" : "") + digits);
    }
};

// Tags kept as a JSON array in a TEXT column: the application's value is a boost::json array.
class Tags final : public sqla::TypeDecorator {
public:
    sqla::TypeEngine impl() const override { return sqla::Text{}; }
    std::string name() const override { return "Tags"; }
    sqla::Value process_bind_param(sqla::Value value) const override {
        if (value.is_null()) return value;
        return boost::json::serialize(value.as<boost::json::value>());
    }
    sqla::Value process_result_value(sqla::Value value) const override {
        if (value.is_null()) return value;
        return value.as<boost::json::value>();  // parses the text
    }
};

boost::json::array to_json(const std::vector<std::string>& tags) {
    boost::json::array a;
    for (const auto& t : tags) a.emplace_back(t);
    return a;
}

std::vector<std::string> from_json(const boost::json::value& v) {
    std::vector<std::string> tags;
    for (const auto& t : v.as_array()) tags.emplace_back(t.as_string());
    return tags;
}

TEST_F(TypesRoundTrip, TypeDecoratorMoney) {
    const std::vector<sqla::Decimal> amounts{sqla::Decimal("19.99"), sqla::Decimal("-0.05"), sqla::Decimal("0.00"),
                                             sqla::Decimal("92233720368547758.07")};
    expect_round_trip<sqla::Decimal>(sqla::decorate<Money>(), amounts);
    EXPECT_EQ(stored(), (std::vector<std::string>{"integer:1999", "integer:-5", "integer:0",
                                                  "integer:9223372036854775807", "null:NULL"}));
    auto rows = conn_.execute(sqla::select(last_->c("v")).order_by({last_->c("id")})).all();
    EXPECT_EQ(rows[0][0].kind(), sqla::ValueKind::decimal);
    EXPECT_EQ(rows[1].get<sqla::Decimal>(0).to_string(), "-0.05");
    // Comparisons bind through the decorator too.
    auto id = conn_.execute(sqla::select(last_->c("id")).where(last_->c("v") == sqla::Decimal("19.99"))).scalar_one<int>();
    EXPECT_EQ(id, 1);
}

TEST_F(TypesRoundTrip, TypeDecoratorTags) {
    const std::vector<std::vector<std::string>> tags{{"a", "b"}, {}, {"Grüße", "with \"quotes\""}};
    std::vector<sqla::Value> values;
    for (const auto& t : tags) values.emplace_back(to_json(t));
    auto rows = round_trip(sqla::decorate<Tags>(), values);
    for (std::size_t i = 0; i < tags.size(); ++i) EXPECT_EQ(from_json(rows[i].get<boost::json::value>(0)), tags[i]);
    EXPECT_EQ(stored()[0], R"(text:["a","b"])");
    EXPECT_EQ(stored()[1], "text:[]");
}

TEST_F(TypesRoundTrip, ExecutemanyBindsEachParameterSet) {
    auto t = make_table(sqla::Uuid{});
    const sqla::UuidValue a("00000000-0000-0000-0000-000000000001"), b("00000000-0000-0000-0000-000000000002");
    conn_.execute(sqla::insert(t), std::vector<sqla::Params>{{{"id", 1}, {"v", a}}, {{"id", 2}, {"v", b}}});
    auto got = conn_.execute(sqla::select(t.c("v")).order_by({t.c("id")})).scalars<sqla::UuidValue>().all();
    EXPECT_EQ(got, (std::vector<sqla::UuidValue>{a, b}));
}

TEST_F(TypesRoundTrip, CachedStatementsKeepTheirProcessors) {
    auto t = make_table(sqla::Date{});
    conn_.execute(sqla::insert(t).values({{"id", 1}, {"v", 2024y / 2 / 29}}));
    const auto before = engine_.compiled_cache_size();
    for (int i = 0; i < 3; ++i) {
        auto d = conn_.execute(sqla::select(t.c("v"))).scalar_one<year_month_day>();
        EXPECT_EQ(d, 2024y / 2 / 29);
    }
    EXPECT_EQ(engine_.compiled_cache_size(), before + 1);
}

}  // namespace
