// sqla: tests/plugins/connect_timeout_test.cpp. Connecting to a server that accepts TCP and
// never answers ends with an OperationalError once connect_timeout (URL query or connect_args)
// has passed, through libpq, mysqlclient and the odbc driver (psqlODBC, MariaDB Connector/ODBC).
// A listening socket on loopback that nobody accepts on is such a server: the kernel completes
// the handshake from its backlog. Needs the plugins and, for odbc, the drivers scripts/test.sh
// registers (ODBCSYSINI); no database server.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>

import sqla;

namespace {

// A TCP listener on 127.0.0.1 that never accepts and never answers.
class SilentListener {
public:
    SilentListener() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        socklen_t len = sizeof addr;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
            throw std::runtime_error("cannot listen on 127.0.0.1");
        port_ = ntohs(addr.sin_port);
    }
    ~SilentListener() { ::close(fd_); }
    SilentListener(const SilentListener&) = delete;
    SilentListener& operator=(const SilentListener&) = delete;
    [[nodiscard]] int port() const noexcept { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
};

// Connecting must fail with an OperationalError, and return: the elapsed time is measured only
// to say so, with a bound far above the 1-2 s asked (libpq waits at least 2 s).
void expect_connect_times_out(sqla::Engine& engine) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_THROW((void)engine.connect(), sqla::OperationalError);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(20));
}

std::string url(const std::string& scheme, int port, const std::string& query) {
    return scheme + "://sqla:sqla@127.0.0.1:" + std::to_string(port) + "/sqla_test" + query;
}

bool odbc_registered() {
    const char* dir = std::getenv("ODBCSYSINI");
    return dir && *dir;
}

TEST(ConnectTimeout, PostgresqlUrlQuery) {
    SilentListener silent;
    auto engine = sqla::create_engine(url("postgresql", silent.port(), "?connect_timeout=1"));
    expect_connect_times_out(engine);
}

TEST(ConnectTimeout, PostgresqlConnectArgs) {
    SilentListener silent;
    auto engine = sqla::create_engine(url("postgresql", silent.port(), ""),
                                      {.connect_args = {{"connect_timeout", std::int64_t{1}}}});
    expect_connect_times_out(engine);
}

TEST(ConnectTimeout, MysqlUrlQuery) {
    SilentListener silent;
    auto engine = sqla::create_engine(url("mysql", silent.port(), "?connect_timeout=1"));
    expect_connect_times_out(engine);
}

TEST(ConnectTimeout, MysqlConnectArgs) {
    SilentListener silent;
    auto engine = sqla::create_engine(url("mysql", silent.port(), ""),
                                      {.connect_args = {{"connect_timeout", std::int64_t{1}}}});
    expect_connect_times_out(engine);
}

TEST(ConnectTimeout, PostgresqlThroughPsqlOdbc) {
    if (!odbc_registered()) GTEST_SKIP() << "ODBCSYSINI is not set (scripts/test.sh registers the ODBC drivers)";
    SilentListener silent;
    auto engine = sqla::create_engine(url("postgresql+odbc", silent.port(), "?connect_timeout=1"));
    expect_connect_times_out(engine);
}

TEST(ConnectTimeout, MariadbThroughItsOdbcDriver) {
    if (!odbc_registered()) GTEST_SKIP() << "ODBCSYSINI is not set (scripts/test.sh registers the ODBC drivers)";
    SilentListener silent;
    auto engine = sqla::create_engine(url("mysql+odbc", silent.port(), ""),
                                      {.connect_args = {{"connect_timeout", std::int64_t{1}}}});
    expect_connect_times_out(engine);
}

}  // namespace
