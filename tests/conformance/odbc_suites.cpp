// sqla: tests/conformance/odbc_suites.cpp. The conformance suite through the odbc driver, under
// three dialects with the real ODBC drivers Debian ships: psqlODBC against the live PostgreSQL,
// MariaDB Connector/ODBC against the live MariaDB, and the SQLite ODBC driver on a file.
// scripts/test.sh installs and registers the drivers and sets the servers' URLs.
// SPDX-License-Identifier: MIT
#include <sqla/conformance.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

// The server's URL from the environment, with the odbc driver named in it.
[[maybe_unused]] std::string through_odbc(const char* variable) {
    const char* u = std::getenv(variable);
    if (!u || !*u) return "";
    std::string url = u;
    return url.replace(url.find("://"), 0, "+odbc");
}

[[maybe_unused]] std::string sqlite_file_url() {
    const auto path = std::filesystem::temp_directory_path() / "sqla_odbc_conformance.db";
    return "sqlite+odbc:///" + path.string();
}

}  // namespace

// One executable per server (SQLA_ODBC_SUITE), so each takes its server's test lock.
#if SQLA_ODBC_SUITE == 1
SQLA_CONFORMANCE_SUITE(odbc_postgresql,
                       {.url = through_odbc("SQLA_TEST_POSTGRESQL_URL"),
                        .skip = {{"bound_parameters_select",
                                  "psqlODBC sends parameters untyped: SELECT ? of an integer comes back as text "
                                  "(a parameter in a typed context, as every other test has, is fine)"}}});
#elif SQLA_ODBC_SUITE == 2
SQLA_CONFORMANCE_SUITE(odbc_mysql, {.url = through_odbc("SQLA_TEST_MYSQL_URL")});
#else
SQLA_CONFORMANCE_SUITE(odbc_sqlite, {.url = sqlite_file_url()});
#endif
