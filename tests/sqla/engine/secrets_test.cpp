// sqla: tests/sqla/engine/secrets_test.cpp. A password never shows: not in URL printing, the
// engine's echo and pool logs, exception messages, nor anything the ODBC driver says back. A
// MariaDB user with a password found nowhere else (so a leak cannot hide behind a user name
// that equals it) connects through mysqlclient and through MariaDB's ODBC driver.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

import sqla;

namespace {

constexpr const char* secret = "Zq7#hunter2@secret";
constexpr const char* secret_in_url = "Zq7%23hunter2%40secret";

class Secrets : public ::testing::Test {
protected:
    void SetUp() override {
        const char* url = std::getenv("SQLA_TEST_MYSQL_URL");
        if (!url || !*url) GTEST_SKIP() << "SQLA_TEST_MYSQL_URL is not set (scripts/test.sh sets it)";
        const auto admin_url = sqla::make_url(url);
        auto admin = sqla::create_engine(url).connect();
        admin.exec_driver_sql("CREATE USER IF NOT EXISTS 'sqla_secret'@'127.0.0.1' IDENTIFIED BY '" +
                              std::string(secret) + "'");
        admin.exec_driver_sql("CREATE USER IF NOT EXISTS 'sqla_secret'@'localhost' IDENTIFIED BY '" +
                              std::string(secret) + "'");
        // information_schema: the test user has no privileges (the sqla user cannot grant),
        // and every user may use that database (an ODBC URL without one would name a DSN).
        url_ = "mysql://sqla_secret:" + std::string(secret_in_url) + "@" + *admin_url.host() + ":" +
               std::to_string(admin_url.port().value_or(3306)) + "/information_schema";
    }

    // Fails the test when `text` holds the password, raw or percent-encoded.
    static void expect_hidden(const std::string& text, const std::string& where) {
        EXPECT_EQ(text.find(secret), std::string::npos) << where << ": " << text;
        EXPECT_EQ(text.find(secret_in_url), std::string::npos) << where << ": " << text;
        EXPECT_EQ(text.find("hunter2"), std::string::npos) << where << ": " << text;
    }

    // Connects with echo and pool logging into `log`, runs a statement, a failing statement
    // and a statement after a disconnect-free error, and checks everything said.
    void exercise(const std::string& url) {
        std::string log;
        auto engine = sqla::create_engine(url, {.echo = true, .echo_pool = true,
                                                .log = [&](std::string_view line) { (log += line) += '\n'; }});
        std::ostringstream printed;
        printed << engine.url();
        expect_hidden(printed.str(), "printing the URL");
        expect_hidden(engine.url().render(), "URL::render()");
        EXPECT_NE(printed.str().find("sqla_secret:***@"), std::string::npos) << printed.str();
        {
            auto conn = engine.connect();
            EXPECT_EQ(conn.execute(sqla::text("SELECT current_user()")).scalar<std::string>().rfind("sqla_secret@", 0), 0u);
            try {
                conn.execute(sqla::text("SELECT no_such_column FROM no_such_table"));
                ADD_FAILURE() << "the bad statement ran";
            } catch (const sqla::DBAPIError& e) {
                expect_hidden(e.what(), "a statement's error");
            }
        }
        engine.dispose();
        EXPECT_NE(log.find("SELECT current_user()"), std::string::npos) << "echo is on: " << log;
        expect_hidden(log, "the echo and pool log");

        // The wrong password: the error names the failure, not the password tried.
        const std::string wrong = std::string(url).replace(url.find(secret_in_url), std::string(secret_in_url).size(),
                                                           "hunter2-wrong");
        try {
            (void)sqla::create_engine(wrong).connect();
            ADD_FAILURE() << "the wrong password was accepted";
        } catch (const sqla::DBAPIError& e) {
            expect_hidden(e.what(), "a connection error");
            EXPECT_NE(std::string(e.what()).find("Access denied"), std::string::npos) << e.what();
        }
    }

    std::string url_;
};

TEST_F(Secrets, NeverShownThroughMysqlclient) { exercise(url_); }

// The ODBC driver builds a connection string holding PWD=...: neither it nor what the ODBC
// driver completes it to is logged or put in an error.
TEST_F(Secrets, NeverShownThroughOdbc) {
    exercise(std::string(url_).replace(0, std::string("mysql").size(), "mysql+odbc"));
}

}  // namespace
