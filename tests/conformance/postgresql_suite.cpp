// sqla: tests/conformance/postgresql_suite.cpp. The conformance suite on a live PostgreSQL
// (scripts/test.sh starts one and sets SQLA_TEST_POSTGRESQL_URL; without it the tests skip).
// SPDX-License-Identifier: MIT
#include <sqla/conformance.hpp>

#include <cstdlib>
#include <string>

namespace {
std::string url() {
    const char* u = std::getenv("SQLA_TEST_POSTGRESQL_URL");
    return u ? u : "";
}
}  // namespace

SQLA_CONFORMANCE_SUITE(postgresql, {.url = url()});
