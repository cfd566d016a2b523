// sqla: sdk/conformance/include/sqla/conformance.hpp. The dialect conformance suite's entry point.
// SPDX-License-Identifier: MIT
//
// A plugin's suite is one line in a test source linked with `sqla::conformance` and
// GTest::gtest_main:
//
//     #include <sqla/conformance.hpp>
//     SQLA_CONFORMANCE_SUITE(sqlite, {.url = "sqlite://"});
//
// Every test states the requirements it needs. A requirement is open when the dialect's
// Capabilities flag of the same name is set (e.g. "returning" is `supports_returning`),
// unless the suite config closes it; `open` opens requirements that are no capability flag
// (or overrides a flag). A test whose requirement is closed is skipped, and says which.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sqla::testing {

/// How one dialect runs the suite.
struct SuiteConfig {
    /// The database URL. The environment variable SQLA_TEST_URL overrides it; when both
    /// are empty every test is skipped (a live database that is not configured here).
    std::string url{};
    /// Requirements to open although no capability flag says so.
    std::vector<std::string> open{};
    /// Requirements to close although the dialect's capabilities would open them.
    std::vector<std::string> closed{};
    /// Names of tests to skip, each with its reason: {"test_name", "reason"}.
    std::vector<std::pair<std::string, std::string>> skip{};
};

/// Registers every conformance test under the test suite name `Conformance_<name>`.
/// Returns true (for use in a static initializer).
bool register_conformance_suite(const std::string& name, SuiteConfig config);

/// Every requirement name the suite knows, with what it means.
std::vector<std::pair<std::string, std::string>> known_requirements();

}  // namespace sqla::testing

/// Instantiates the whole conformance suite for one dialect: `SQLA_CONFORMANCE_SUITE(name, {...})`.
#define SQLA_CONFORMANCE_SUITE(name, ...)                                    \
    [[maybe_unused]] static const bool sqla_conformance_registered_##name = \
        ::sqla::testing::register_conformance_suite(#name, ::sqla::testing::SuiteConfig __VA_ARGS__)
