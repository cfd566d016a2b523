// sqla: sdk/conformance/src/suite.hpp. What the suite's test files share.
// SPDX-License-Identifier: MIT
//
// Include after <sqla/conformance.hpp>, the std headers and `import sqla;`.
#pragma once

namespace sqla::testing {

/// The context each conformance test runs in: an engine for the suite's URL and the
/// requirement check.
class SuiteContext {
public:
    SuiteContext(std::string suite, SuiteConfig config) : suite_(std::move(suite)), config_(std::move(config)) {}
    /// The engine for the suite's URL, created once. Empty URL: the test skips.
    Engine& engine();
    [[nodiscard]] std::string url() const;
    /// Whether requirement `name` is open for this dialect.
    [[nodiscard]] bool is_open(const std::string& name);
    [[nodiscard]] const SuiteConfig& config() const noexcept { return config_; }
    [[nodiscard]] const std::string& suite() const noexcept { return suite_; }

private:
    std::string suite_;
    SuiteConfig config_;
    std::optional<Engine> engine_;
};

/// One conformance test: its name, the requirements it needs, and its body.
struct SuiteTest {
    const char* name;
    std::vector<std::string> requires_;
    void (*body)(SuiteContext&);
};

/// The tests each suite file contributes.
std::vector<SuiteTest> basic_tests();
std::vector<SuiteTest> results_tests();
std::vector<SuiteTest> transaction_tests();
std::vector<SuiteTest> error_tests();
std::vector<SuiteTest> reflection_tests();

/// Whether capability flag `name` (without "supports_") is set; nullopt for an unknown name.
std::optional<bool> capability(const Capabilities& caps, const std::string& name);

/// A table name for tests that create one, dropped first if it is left over.
std::string fresh_table(Connection& conn, const std::string& name, const std::string& columns);

}  // namespace sqla::testing
