// sqla: tests/tools/inspect_test.cpp. `sqla inspect URL`: the schema of a SQLite database made
// here, as readable tables and as JSON, and errors that name what was wrong without the password.
// SPDX-License-Identifier: MIT
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

import sqla;

namespace {

namespace fs = std::filesystem;

struct Run {
    int status;
    std::string out;
};

// Runs the sqla program with `args` (stderr merged into stdout).
Run sqla_cli(const std::string& args) {
    const std::string command = std::string(SQLA_CLI) + " " + args + " 2>&1";
    Run r{0, {}};
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) return {-1, "popen failed"};
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, p)) r.out.append(buffer, n);
    const int status = ::pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

class Inspect : public ::testing::Test {
protected:
    void SetUp() override {
        file_ = fs::temp_directory_path() / ("sqla_inspect_" + std::to_string(::getpid()) + ".db");
        fs::remove(file_);
        url_ = "sqlite:///" + file_.string();
        auto engine = sqla::create_engine(url_);
        sqla::MetaData metadata;
        sqla::Table users(metadata, "users", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                          sqla::Column{"name", sqla::String{50}, sqla::not_null},
                          sqla::Column{"age", sqla::Integer{}, sqla::server_default(sqla::text("0"))},
                          sqla::UniqueConstraint({"name"}, {.name = "uq_users_name"}),
                          sqla::CheckConstraint("age >= 0", {.name = "ck_users_age"}));
        sqla::Table addresses(metadata, "addresses", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                              sqla::Column{"user_id", sqla::Integer{}, sqla::not_null,
                                           sqla::ForeignKey("users.id", {.name = "fk_addresses_user", .ondelete = "CASCADE"})},
                              sqla::Column{"email", sqla::String{100}, sqla::index});
        metadata.create_all(engine);
    }
    void TearDown() override { fs::remove(file_); }
    fs::path file_;
    std::string url_;
};

}  // namespace

TEST_F(Inspect, PrintsTablesColumnsKeysAndIndexes) {
    const auto r = sqla_cli("inspect " + url_);
    ASSERT_EQ(r.status, 0) << r.out;
    for (const char* expected : {"(sqlite+sqlite3), schema main", "table users", "name    VARCHAR(50)  String(length=50)  NOT NULL",
                                 "unique uq_users_name (name)", "check ck_users_age (age >= 0)", "table addresses",
                                 "foreign key fk_addresses_user (user_id) -> users(id) ON DELETE CASCADE",
                                 "index ix_addresses_email (email)"})
        EXPECT_NE(r.out.find(expected), std::string::npos) << "missing \"" << expected << "\" in:\n" << r.out;
    // --table limits it to the tables named.
    const auto one = sqla_cli("inspect " + url_ + " --table users");
    EXPECT_EQ(one.out.find("table addresses"), std::string::npos) << one.out;
}

TEST_F(Inspect, PrintsJson) {
    const auto r = sqla_cli("inspect --json " + url_);
    ASSERT_EQ(r.status, 0) << r.out;
    const auto doc = boost::json::parse(r.out).as_object();
    EXPECT_EQ(doc.at("dialect").as_string(), "sqlite");
    const auto& tables = doc.at("tables").as_array();
    ASSERT_EQ(tables.size(), 2u);
    const auto& users = tables[1].as_object();
    EXPECT_EQ(users.at("name").as_string(), "users");
    EXPECT_EQ(users.at("columns").as_array()[1].at("sqla_type").as_string(), "String(length=50)");
    EXPECT_EQ(users.at("columns").as_array()[2].at("default").as_string(), "0");
    EXPECT_EQ(users.at("check_constraints").as_array()[0].at("sqltext").as_string(), "age >= 0");
    EXPECT_EQ(tables[0].at("foreign_keys").as_array()[0].at("referred_table").as_string(), "users");
}

TEST_F(Inspect, ErrorsNameWhatWasWrongAndHideThePassword) {
    auto r = sqla_cli("inspect " + url_ + " --table nosuch");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("no table \"nosuch\""), std::string::npos) << r.out;
    r = sqla_cli("inspect nosuchdialect://u:hunter2@localhost/db");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("nosuchdialect"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
    if (const char* pg = std::getenv("SQLA_TEST_POSTGRESQL_URL"); pg && *pg) {
        std::string bad(pg);
        bad.replace(bad.find(":sqla@"), 6, ":hunter2@");
        r = sqla_cli("inspect '" + bad + "'");
        EXPECT_EQ(r.status, 1);
        EXPECT_NE(r.out.find("password authentication failed"), std::string::npos) << r.out;
        EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
    }
    r = sqla_cli("inspect");
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.out.find("no database URL"), std::string::npos) << r.out;
}

// A URL with a real password, to a server that takes it: what `sqla inspect` prints (the
// database line, JSON's "url", an error) shows `***` in its place.
TEST(InspectSecrets, OutputHidesAWorkingPassword) {
    const char* mysql = std::getenv("SQLA_TEST_MYSQL_URL");
    if (!mysql || !*mysql) GTEST_SKIP() << "SQLA_TEST_MYSQL_URL is not set (scripts/test.sh sets it)";
    const auto admin_url = sqla::make_url(mysql);
    {
        auto admin = sqla::create_engine(mysql).connect();
        for (const char* host : {"127.0.0.1", "localhost"})
            admin.exec_driver_sql(std::string("CREATE USER IF NOT EXISTS 'sqla_cli_secret'@'") + host +
                                  "' IDENTIFIED BY 'Qm4-hunter2-cli'");
    }
    // No database: the user has no privileges (the sqla user cannot grant); information_schema
    // is readable without, and its tables do not change with what other tests create.
    const std::string url = "mysql://sqla_cli_secret:Qm4-hunter2-cli@" + *admin_url.host() + ":" +
                            std::to_string(admin_url.port().value_or(3306));
    auto r = sqla_cli("inspect '" + url + "' --schema information_schema --table CHARACTER_SETS");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_NE(r.out.find("sqla_cli_secret:***@"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
    r = sqla_cli("inspect '" + url + "' --json --schema information_schema --table CHARACTER_SETS");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
    r = sqla_cli("inspect '" + url + "' --table no_such_table");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
}

namespace {

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

// The part of the output that is JSON: the first line starting with '{' (stderr is merged in).
boost::json::object json_line(const std::string& out) {
    std::size_t start = out.starts_with('{') ? 0 : out.find("\n{");
    if (start == std::string::npos) return {};
    if (start != 0) ++start;
    return boost::json::parse(out.substr(start, out.find('\n', start) - start)).as_object();
}

}  // namespace

// Names are data: a table named with ESC [ 31m would recolour the terminal, a newline would
// forge output lines. Text output prints them C-escaped; JSON carries them exactly.
TEST_F(Inspect, ControlCharactersInNamesPrintEscaped) {
    const std::string table = "evil\x1b[31m\nname";
    const std::string column = "col\x1b[31m\nx\xc2\x9b";  // ... and U+009B, the one-byte CSI
    {
        auto engine = sqla::create_engine(url_);
        auto conn = engine.connect();
        conn.execute(sqla::text("CREATE TABLE \"" + table + "\" (\"" + column + "\" INTEGER)"));
        conn.commit();
    }
    const auto r = sqla_cli("inspect " + url_);
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_FALSE(contains(r.out, "\x1b")) << r.out;
    EXPECT_FALSE(contains(r.out, "\xc2\x9b")) << r.out;
    EXPECT_TRUE(contains(r.out, "table evil\\x1b[31m\\nname\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "    col\\x1b[31m\\nx\\u009b  INTEGER")) << r.out;

    const auto j = sqla_cli("inspect --json " + url_ + " --table '" + table + "'");
    ASSERT_EQ(j.status, 0) << j.out;
    const auto doc = boost::json::parse(j.out).as_object();
    const auto& t = doc.at("tables").as_array().at(0).as_object();
    EXPECT_EQ(t.at("name").as_string(), table);
    EXPECT_EQ(t.at("columns").as_array().at(0).at("name").as_string(), column);

    // And in an error message that quotes a name.
    const auto e = sqla_cli("inspect " + url_ + " --table 'no\x1b[2Jtable'");
    EXPECT_EQ(e.status, 1) << e.out;
    EXPECT_FALSE(contains(e.out, "\x1b")) << e.out;
    EXPECT_TRUE(contains(e.out, "no\\x1b[2Jtable")) << e.out;
}

// SQLite creates a database file on connect: inspecting a misspelt name must say the file does
// not exist, and leave no file behind. An existing file is opened read-only.
TEST_F(Inspect, MissingSQLiteFileIsAnErrorAndIsNotCreated) {
    const fs::path typo = fs::temp_directory_path() / ("sqla_inspect_typo_" + std::to_string(::getpid()) + ".db");
    fs::remove(typo);
    auto r = sqla_cli("inspect sqlite:///" + typo.string());
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "SQLite database file \"" + typo.string() + "\" does not exist")) << r.out;
    EXPECT_FALSE(fs::exists(typo));
    // A relative name says where it was looked for.
    r = sqla_cli("inspect sqlite:///sqla_no_such_relative_file.db");
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "\"sqla_no_such_relative_file.db\" does not exist (relative to " + fs::current_path().string()))
        << r.out;
    EXPECT_FALSE(fs::exists("sqla_no_such_relative_file.db"));

    // Read-only: a file nobody may write is inspected all the same, and left unchanged.
    const auto before = fs::last_write_time(file_);
    fs::permissions(file_, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    r = sqla_cli("inspect " + url_ + " --table users");
    fs::permissions(file_, fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "table users")) << r.out;
    EXPECT_EQ(fs::last_write_time(file_), before);
}

// With --json, an error is JSON too, on standard output, and the exit status is still 1.
TEST_F(Inspect, JsonErrorsAreJson) {
    auto r = sqla_cli("inspect --json " + url_ + " --table nosuch 2>/dev/null");
    EXPECT_EQ(r.status, 1) << r.out;
    auto doc = json_line(r.out);
    ASSERT_TRUE(doc.contains("error")) << r.out;
    const auto& error = doc.at("error").as_object();
    EXPECT_EQ(error.at("type").as_string(), "sqla::NoSuchTableError") << r.out;
    EXPECT_TRUE(contains(std::string(error.at("message").as_string()), "no table \"nosuch\"")) << r.out;
    EXPECT_FALSE(error.at("code").as_string().empty());

    r = sqla_cli("inspect --json --bogus");
    EXPECT_EQ(r.status, 1) << r.out;
    doc = json_line(r.out);
    ASSERT_TRUE(doc.contains("error")) << r.out;
    EXPECT_EQ(doc.at("error").at("type").as_string(), "sqla::ArgumentError") << r.out;

    // A driver's error (libpq reports no SQLSTATE for a failed connect: none is printed).
    if (const char* pg = std::getenv("SQLA_TEST_POSTGRESQL_URL"); pg && *pg) {
        std::string bad(pg);
        bad.replace(bad.find(":sqla@"), 6, ":hunter2@");
        r = sqla_cli("inspect --json '" + bad + "'");
        EXPECT_EQ(r.status, 1) << r.out;
        doc = json_line(r.out);
        ASSERT_TRUE(doc.contains("error")) << r.out;
        EXPECT_EQ(doc.at("error").at("type").as_string(), "sqla::OperationalError") << r.out;
        EXPECT_TRUE(contains(std::string(doc.at("error").at("message").as_string()), "password authentication failed"))
            << r.out;
        EXPECT_FALSE(contains(r.out, "hunter2")) << r.out;
    }
}

// A schema the database does not have is an error naming it, on every dialect (PostgreSQL and
// MariaDB printed "(no tables)"); a system schema left out of the list but holding tables is not.
TEST_F(Inspect, UnknownSchemaIsAnErrorOnEveryDialect) {
    std::vector<std::string> urls{url_};
    for (const char* var : {"SQLA_TEST_POSTGRESQL_URL", "SQLA_TEST_MYSQL_URL"})
        if (const char* u = std::getenv(var); u && *u) urls.emplace_back(u);
    for (const auto& url : urls) {
        auto r = sqla_cli("inspect '" + url + "' --schema nope_no_such_schema");
        EXPECT_EQ(r.status, 1) << url << ": " << r.out;
        EXPECT_TRUE(contains(r.out, "no schema \"nope_no_such_schema\" in ")) << url << ": " << r.out;
        r = sqla_cli("inspect --json '" + url + "' --schema nope_no_such_schema 2>/dev/null");
        EXPECT_EQ(r.status, 1) << url << ": " << r.out;
        EXPECT_TRUE(json_line(r.out).contains("error")) << url << ": " << r.out;
    }
    auto r = sqla_cli("inspect " + url_ + " --schema main --table users");
    EXPECT_EQ(r.status, 0) << r.out;
    if (const char* pg = std::getenv("SQLA_TEST_POSTGRESQL_URL"); pg && *pg) {
        r = sqla_cli("inspect '" + std::string(pg) + "' --schema pg_catalog --table pg_am");
        EXPECT_EQ(r.status, 0) << r.out;
        EXPECT_TRUE(contains(r.out, "table pg_am")) << r.out;
    }
}

TEST(Cli, VersionAndHelp) {
    auto r = sqla_cli("--version");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.out, "sqla " SQLA_TEST_VERSION "\n");
    r = sqla_cli("--help");
    EXPECT_EQ(r.status, 0) << r.out;
    for (const char* expected : {"plugins [--json] [--no-load]", "--no-load: read the manifests only", "--version",
                                 "inspect URL [--json] [--schema NAME] [--table NAME]...", "{\"error\": {"})
        EXPECT_TRUE(contains(r.out, expected)) << "missing \"" << expected << "\" in:\n" << r.out;
    r = sqla_cli("frobnicate --json");
    EXPECT_EQ(r.status, 2) << r.out;
    EXPECT_TRUE(json_line(r.out).contains("error")) << r.out;
}
