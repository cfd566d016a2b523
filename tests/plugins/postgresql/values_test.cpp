// sqla: tests/plugins/postgresql/values_test.cpp. The libpq driver's binary-format readers against
// its text-format readers: the live server sends the same row in both formats, and every column
// must read as the same Value.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

import sqla;

#include "libpq_values.hpp"

namespace {

namespace pg = sqla::postgresql;

struct Finish {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct Clear {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};

class BinaryValues : public ::testing::Test {
protected:
    void SetUp() override {
        const char* url = std::getenv("SQLA_TEST_POSTGRESQL_URL");
        if (!url || !*url) GTEST_SKIP() << "SQLA_TEST_POSTGRESQL_URL is not set (scripts/test.sh sets it)";
        conn_.reset(PQconnectdb(url));
        ASSERT_EQ(PQstatus(conn_.get()), CONNECTION_OK) << PQerrorMessage(conn_.get());
        PQclear(PQexec(conn_.get(), "SET TIME ZONE 'UTC'"));
    }
    // The query's single row in `format` (0 text, 1 binary).
    std::unique_ptr<PGresult, Clear> fetch(const std::string& sql, int format) {
        std::unique_ptr<PGresult, Clear> res(
            PQexecParams(conn_.get(), sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, format));
        EXPECT_EQ(PQresultStatus(res.get()), PGRES_TUPLES_OK) << PQresultErrorMessage(res.get());
        return res;
    }
    // Reads every column of `sql`'s row both ways and compares.
    void expect_same(const std::string& sql) {
        auto text = fetch(sql, 0);
        auto binary = fetch(sql, 1);
        ASSERT_EQ(PQntuples(text.get()), 1);
        for (int c = 0; c < PQnfields(text.get()); ++c) {
            const Oid type = PQftype(text.get(), c);
            ASSERT_TRUE(pg::binary_readable(type)) << PQfname(text.get(), c) << " (oid " << type << ")";
            ASSERT_EQ(PQfformat(binary.get(), c), 1);
            sqla::Value from_text, from_binary;
            pg::read_value(type, std::string_view(PQgetvalue(text.get(), 0, c), static_cast<std::size_t>(PQgetlength(text.get(), 0, c))), from_text);
            pg::read_binary_value(type, std::string_view(PQgetvalue(binary.get(), 0, c), static_cast<std::size_t>(PQgetlength(binary.get(), 0, c))),
                                  from_binary);
            EXPECT_EQ(from_text.kind(), from_binary.kind()) << PQfname(text.get(), c);
            EXPECT_EQ(from_text.repr(), from_binary.repr()) << PQfname(text.get(), c);
        }
    }
    std::unique_ptr<PGconn, Finish> conn_;
};

}  // namespace

TEST_F(BinaryValues, EveryReadableTypeReadsAsItsTextForm) {
    expect_same(
        "SELECT true AS a, false AS b, (-2)::int2 AS c, 2147483647::int4 AS d, (-9223372036854775807)::int8 AS e, "
        "0.1::float4 AS f, (-1.5e300)::float8 AS g, 'NaN'::float8 AS h, 'x'::text AS i, 'ok'::varchar(5) AS j, "
        "'ab'::char(3) AS k, 'pg_class'::name AS l, 1259::oid AS m, '\\x00ff10'::bytea AS n, ''::bytea AS o");
    expect_same(
        "SELECT 0::numeric AS a, 1.250::numeric AS b, (-0.000123)::numeric AS c, 123456789012.5::numeric AS d, "
        "10000::numeric AS e, 0.00001::numeric(10,5) AS f, (-99999999.99)::numeric(10,2) AS g, 'NaN'::numeric AS h, "
        "1e-20::numeric AS i, 123456789012345678901234567890::numeric AS j");
    expect_same(
        "SELECT date '2024-02-29' AS a, date '1969-07-20' AS b, 'infinity'::date AS c, time '23:59:59.999999' AS d, "
        "time '00:00' AS e, timestamp '1969-07-20 20:17:40.000001' AS f, timestamp '2038-01-19 03:14:08' AS g, "
        "timestamptz '2024-02-29 13:05:09+05:30' AS h, '-infinity'::timestamp AS i, "
        "interval '1 year 2 mons -3 days 04:05:06.5' AS j, interval '-1 day' AS k, interval '0' AS l, "
        "'12345678-9abc-def0-1234-56789abcdef0'::uuid AS m, '{\"a\": [1, 2.5, null]}'::jsonb AS n, "
        "'[true]'::json AS o");
}

// What the driver requests: binary only for results it can read, and only where it pays.
TEST(BinaryValuesChoice, ReadableAndPaying) {
    EXPECT_TRUE(pg::binary_pays(pg::oid::bytea));
    EXPECT_TRUE(pg::binary_pays(pg::oid::timestamptz));
    EXPECT_FALSE(pg::binary_pays(pg::oid::int4));
    EXPECT_FALSE(pg::binary_pays(pg::oid::text));
    EXPECT_TRUE(pg::binary_readable(pg::oid::numeric));
    EXPECT_FALSE(pg::binary_readable(1007));  // int4[]: arrays stay text
}

// Values PostgreSQL holds but microseconds in 64 bits do not (found by postgresql_values_fuzz):
// an interval of hundreds of millions of years, a timestamp past year 262000. The binary
// reader says so with DriverError; the text reader leaves the text as it is.
TEST(ValuesBeyondMicroseconds, AreRefusedOrKeptAsText) {
    auto big_endian = [](std::initializer_list<std::int64_t> parts, std::initializer_list<int> sizes) {
        std::string out;
        auto size = sizes.begin();
        for (auto v : parts) {
            for (int i = *size - 1; i >= 0; --i) out.push_back(static_cast<char>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff));
            ++size;
        }
        return out;
    };
    sqla::Value v;
    // interval: microseconds, days, months
    EXPECT_THROW(pg::read_binary_value(pg::oid::interval, big_endian({0, 0, 2'136'000'000}, {8, 4, 4}), v), sqla::DriverError);
    EXPECT_THROW(pg::read_binary_value(pg::oid::interval, big_endian({9'200'000'000'000'000'000, 1'000'000, 0}, {8, 4, 4}), v),
                 sqla::DriverError);
    pg::read_binary_value(pg::oid::interval, big_endian({1'000'000, 1, 13}, {8, 4, 4}), v);
    EXPECT_EQ(v, sqla::Value(std::chrono::microseconds{1'000'000 + 86'400'000'000LL * (1 + 30) + 31'557'600'000'000LL}));
    EXPECT_THROW(pg::read_binary_value(pg::oid::timestamp, big_endian({std::numeric_limits<std::int64_t>::max() - 1}, {8}), v), sqla::DriverError);
    pg::read_value(pg::oid::interval, "178000000 years", v);
    EXPECT_EQ(v, sqla::Value(std::string("178000000 years")));
    EXPECT_EQ(pg::parse_postgres_interval("2562047789:00:00"), std::nullopt);
    EXPECT_EQ(pg::parse_postgres_interval("2562047788:00:00"), std::chrono::microseconds{2562047788LL * 3'600'000'000});
}
