// sqla: examples/quickstart/main.cpp. Create tables, insert, query and print, on SQLite.
// SPDX-License-Identifier: MIT
#include <fmt/core.h>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

import sqla;

int main(int argc, char** argv) try {
    // A file database by default; pass a URL to use another ("sqlite://" is in memory).
    const std::string url = argc > 1 ? argv[1] : "sqlite:///quickstart.db";
    auto engine = sqla::create_engine(url);
    fmt::print("engine: {} (dialect {}, driver {})\n", engine.url().render(), engine.dialect().name(),
               engine.driver().name());

    auto conn = engine.connect();
    conn.execute(sqla::text("DROP TABLE IF EXISTS addresses"));
    conn.execute(sqla::text("DROP TABLE IF EXISTS users"));
    conn.execute(sqla::text(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, fullname VARCHAR(100))"));
    conn.execute(sqla::text("CREATE TABLE addresses (id INTEGER PRIMARY KEY, "
                            "user_id INTEGER NOT NULL REFERENCES users (id), email VARCHAR(100) NOT NULL)"));

    // Values always travel as bound parameters.
    auto insert_user = sqla::text("INSERT INTO users (name, fullname) VALUES (:name, :fullname)");
    conn.execute(insert_user, std::vector<sqla::Params>{{{"name", "spongebob"}, {"fullname", "Spongebob Squarepants"}},
                                                        {{"name", "sandy"}, {"fullname", "Sandy Cheeks"}},
                                                        {{"name", "patrick"}, {"fullname", std::nullopt}}});
    auto insert_address = sqla::text("INSERT INTO addresses (user_id, email) VALUES (:user_id, :email)");
    conn.execute(insert_address, {{"user_id", 1}, {"email", "spongebob@sqlalchemy.org"}});
    conn.execute(insert_address, {{"user_id", 2}, {"email", "sandy@sqlalchemy.org"}});
    conn.execute(insert_address, {{"user_id", 2}, {"email", "sandy@squirrelpower.org"}});
    conn.commit();

    fmt::print("\nusers:\n");
    for (const sqla::Row& row : conn.execute(sqla::text("SELECT id, name, fullname FROM users ORDER BY id"))) {
        auto fullname = row.get<std::optional<std::string>>("fullname");
        fmt::print("  {:>2}  {:<10} {}\n", row.get<std::int64_t>("id"), row.get<std::string>("name"),
                   fullname.value_or("(no full name)"));
    }

    fmt::print("\naddresses of users whose name starts with 's':\n");
    auto joined = conn.execute(sqla::text("SELECT users.name, addresses.email FROM users "
                                          "JOIN addresses ON addresses.user_id = users.id "
                                          "WHERE users.name LIKE :prefix ORDER BY addresses.id"),
                               {{"prefix", "s%"}});
    for (const auto& row : joined) {
        auto [name, email] = row.tuple<std::string, std::string>();
        fmt::print("  {:<10} {}\n", name, email);
    }

    auto count = conn.execute(sqla::text("SELECT count(*) FROM addresses")).scalar<std::int64_t>();
    fmt::print("\n{} addresses in all\n", count);
    return 0;
} catch (const sqla::Error& e) {
    std::fprintf(stderr, "quickstart failed: %s\n", e.what());
    return 1;
}
