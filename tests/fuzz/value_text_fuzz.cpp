// sqla: tests/fuzz/value_text_fuzz.cpp. The core's readers of value text, which every driver
// uses for what a database hands back as text (SQLite's dates, decimals from any server, ODBC's
// character data, JSON documents): each takes any text without crashing, and what it reads
// prints (to_iso, to_string) to text it reads back to the same value.
// The first byte picks the reader; the rest is the text.
// SPDX-License-Identifier: MIT
#include "fuzz_check.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <optional>
#include <string>

import sqla;

using sqla_fuzz::check;

namespace {

template <class T, class Parse, class Print>
void round_trip(std::string_view text, Parse parse, Print print, std::string_view what) {
    const std::optional<T> first = parse(text);
    if (!first) return;
    const std::string printed = print(*first);
    const std::optional<T> again = parse(printed);
    check(again.has_value(), what, "what it prints does not read back: " + printed);
    check(*again == *first, what, "reads back to another value: " + printed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto text = sqla_fuzz::as_text(data + 1, size - 1);
    switch (data[0] % 8) {
        case 0:
            round_trip<sqla::Decimal>(text, [](std::string_view s) { return sqla::Decimal::parse(s); },
                                      [](const sqla::Decimal& d) { return d.to_string(); }, "Decimal round trip");
            if (auto d = sqla::Decimal::parse(text)) {
                (void)d->to_double();
                (void)d->to_int64();
            }
            break;
        case 1:
            round_trip<std::chrono::year_month_day>(text, sqla::parse_date,
                                                    [](auto d) { return sqla::to_iso(d); }, "date round trip");
            break;
        case 2:
            round_trip<sqla::TimeOfDay>(text, sqla::parse_time, [](auto t) { return sqla::to_iso(t); },
                                        "time round trip");
            break;
        case 3:
            round_trip<sqla::LocalDateTime>(text, sqla::parse_local_datetime,
                                            [](auto t) { return sqla::to_iso(t, 'T'); }, "datetime round trip");
            break;
        case 4:
            // An offset can carry a time in year 0 or 9999 out of the years ISO text holds;
            // printing that throws ArgumentError, as documented.
            try {
                round_trip<sqla::UtcDateTime>(text, sqla::parse_utc_datetime, [](auto t) { return sqla::to_iso(t); },
                                              "UTC datetime round trip");
            } catch (const sqla::ArgumentError&) {
            }
            break;
        case 5:
            round_trip<std::chrono::microseconds>(text, sqla::parse_interval, [](auto i) { return sqla::to_iso(i); },
                                                  "interval round trip");
            break;
        case 6:
            round_trip<sqla::UuidValue>(text, [](std::string_view s) { return sqla::UuidValue::parse(s); },
                                        [](const sqla::UuidValue& u) { return u.hex(); }, "UUID round trip");
            break;
        case 7:
            try {
                const auto doc = sqla::Value(std::string(text)).as<boost::json::value>();
                // Compared as text: Boost.JSON reads "0E2775" as NaN, which equals nothing.
                check(boost::json::serialize(sqla::Value(doc).to_json()) == boost::json::serialize(doc),
                      "a JSON document is its own JSON");
            } catch (const sqla::TypeError&) {
            }
            break;
    }
    return 0;
}
