// sqla: tests/consumer/app/main.cpp. An application built out of tree against an installed sqla,
// as README.md's "Using sqla from your own CMake project" says: it stores and reads rows on
// SQLite, then prints where the registry looked for plugins and which manifest it loaded, for
// tests/consumer/consumer_test.sh to check against the install prefix.
// SPDX-License-Identifier: MIT
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

import sqla;

int main(int argc, char** argv) {
    const std::string url = argc > 1 ? argv[1] : "sqlite:///consumer.db";
    auto engine = sqla::create_engine(url);
    sqla::MetaData metadata;
    sqla::Table users(metadata, "users", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"name", sqla::String{50}, sqla::not_null});
    metadata.drop_all(engine);
    metadata.create_all(engine);
    engine.begin([&](sqla::Connection& conn) {
        conn.execute(sqla::insert(users), std::vector<sqla::Params>{{{"name", "ed"}}, {{"name", "wendy"}}});
    });
    auto conn = engine.connect();
    for (const sqla::Row& row : conn.execute(sqla::select(users).order_by({users.c("id")})))
        std::printf("row %lld %s\n", static_cast<long long>(row.get<std::int64_t>("id")), row.get<std::string>("name").c_str());

    for (const auto& dir : sqla::registry().search_path())
        std::printf("search %s %s\n", dir.origin.c_str(), dir.path.c_str());
    for (const auto& p : sqla::registry().plugins())
        if (p.loaded) std::printf("loaded %s from %s\n", p.manifest->name.c_str(), p.manifest_path.c_str());
    return 0;
}
