// sqla: sdk/conformance/src/suite.cpp. Registers the conformance tests with GoogleTest.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>
#include <sqla/conformance.hpp>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

import sqla;

#include "suite.hpp"

namespace sqla::testing {
namespace {

bool listed(const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

class ConformanceTest : public ::testing::Test {
public:
    ConformanceTest(std::shared_ptr<SuiteContext> ctx, const SuiteTest* test) : ctx_(std::move(ctx)), test_(test) {}

    void TestBody() override {
        if (ctx_->url().empty())
            GTEST_SKIP() << "no database URL for suite " << ctx_->suite() << ": set SQLA_TEST_URL";
        for (const auto& [name, reason] : ctx_->config().skip)
            if (name == test_->name) GTEST_SKIP() << "skipped by the suite config: " << reason;
        for (const auto& r : test_->requires_)
            if (!ctx_->is_open(r)) GTEST_SKIP() << "requirement \"" << r << "\" is closed for this dialect";
        test_->body(*ctx_);
    }

private:
    std::shared_ptr<SuiteContext> ctx_;
    const SuiteTest* test_;
};

const std::vector<SuiteTest>& all_tests() {
    static const std::vector<SuiteTest> tests = [] {
        std::vector<SuiteTest> all;
        for (auto part : {basic_tests(), results_tests(), transaction_tests(), error_tests(), reflection_tests()})
            for (auto& t : part) all.push_back(std::move(t));
        return all;
    }();
    return tests;
}

}  // namespace

Engine& SuiteContext::engine() {
    if (!engine_) {
        engine_ = create_engine(url());
        // The dialect learns the server at the first connection (its version can open
        // requirements, as MariaDB's RETURNING): connect once before anyone asks.
        engine_->connect().close();
    }
    return *engine_;
}

std::string SuiteContext::url() const {
    if (const char* env = std::getenv("SQLA_TEST_URL"); env && *env) return env;
    return config_.url;
}

bool SuiteContext::is_open(const std::string& name) {
    if (listed(config_.closed, name)) return false;
    if (listed(config_.open, name)) return true;
    if (auto flag = capability(engine().dialect().capabilities(), name)) return *flag;
    for (const auto& [known, what] : known_requirements())
        if (known == name) return true;  // not a capability flag: open unless closed
    ADD_FAILURE() << "the conformance suite uses an unknown requirement \"" << name << "\"";
    return false;
}

std::string fresh_table(Connection& conn, const std::string& name, const std::string& columns) {
    conn.execute(text("DROP TABLE IF EXISTS " + name));
    conn.execute(text("CREATE TABLE " + name + " (" + columns + ")"));
    conn.commit();
    return name;
}

bool register_conformance_suite(const std::string& name, SuiteConfig config) {
    auto ctx = std::make_shared<SuiteContext>(name, std::move(config));
    const std::string suite = "Conformance_" + name;
    for (const auto& test : all_tests()) {
        ::testing::RegisterTest(suite.c_str(), test.name, nullptr, nullptr, __FILE__, __LINE__,
                                [ctx, t = &test]() -> ::testing::Test* { return new ConformanceTest(ctx, t); });
    }
    return true;
}

}  // namespace sqla::testing
