// sqla: tests/conformance/mysql_suite.cpp. The conformance suite on a live MariaDB
// (scripts/test.sh starts one and sets SQLA_TEST_MYSQL_URL; without it the tests skip).
// SPDX-License-Identifier: MIT
#include <sqla/conformance.hpp>

#include <cstdlib>
#include <string>

namespace {
std::string url() {
    const char* u = std::getenv("SQLA_TEST_MYSQL_URL");
    return u ? u : "";
}
}  // namespace

SQLA_CONFORMANCE_SUITE(mysql, {.url = url()});
