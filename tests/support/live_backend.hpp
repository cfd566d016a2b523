// sqla: tests/support/live_backend.hpp. A fixture parameterized over the live backends: SQLite
// in a file of its own, and the PostgreSQL and MariaDB servers scripts/test.sh starts.
// SPDX-License-Identifier: MIT
//
// Include after <gtest/gtest.h>, the std headers (<cstdlib>, <filesystem>, <optional>,
// <string>), <unistd.h> and `import sqla;`.
#pragma once

namespace sqla_test {

struct Backend {
    std::string key;          // the corpus's dialect key: "sqlite", "postgresql", "mysql"
    const char* variable;     // the environment variable with the server's URL (none for SQLite)
    std::string driver = {};  // a driver other than the dialect's default: "odbc"
};

// How ctest lists a test's backend ("sqlite", "postgresql+odbc"), instead of its bytes.
inline void PrintTo(const Backend& b, std::ostream* out) { *out << b.key << (b.driver.empty() ? "" : "+" + b.driver); }

// The three backends, for INSTANTIATE_TEST_SUITE_P.
inline auto live_backends() {
    return ::testing::Values(Backend{"sqlite", nullptr}, Backend{"postgresql", "SQLA_TEST_POSTGRESQL_URL"},
                             Backend{"mysql", "SQLA_TEST_MYSQL_URL"});
}

// The same, and each again through the odbc driver (psqlODBC, MariaDB Connector/ODBC, the
// SQLite ODBC driver; scripts/test.sh registers them).
inline auto live_backends_and_odbc() {
    return ::testing::Values(Backend{"sqlite", nullptr}, Backend{"postgresql", "SQLA_TEST_POSTGRESQL_URL"},
                             Backend{"mysql", "SQLA_TEST_MYSQL_URL"}, Backend{"sqlite", nullptr, "odbc"},
                             Backend{"postgresql", "SQLA_TEST_POSTGRESQL_URL", "odbc"},
                             Backend{"mysql", "SQLA_TEST_MYSQL_URL", "odbc"});
}

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
    return info.param.driver.empty() ? info.param.key : info.param.key + "_" + info.param.driver;
}

// An engine on the test's backend; a server whose URL is not set skips the test.
class LiveBackendTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        if (GetParam().key == "sqlite") {
            file_ = std::filesystem::temp_directory_path() /
                    ("sqla_live_" + GetParam().driver + std::to_string(::getpid()) + ".db");
            std::filesystem::remove(file_);
            url_ = "sqlite:///" + file_.string();
        } else {
            const char* url = std::getenv(GetParam().variable);
            if (!url || !*url) GTEST_SKIP() << GetParam().variable << " is not set (scripts/test.sh sets it)";
            url_ = url;
        }
        if (!GetParam().driver.empty()) url_.insert(url_.find("://"), "+" + GetParam().driver);
        engine_.emplace(sqla::create_engine(url_));
    }
    void TearDown() override {
        engine_.reset();
        if (!file_.empty()) std::filesystem::remove(file_);
    }
    sqla::Engine& engine() { return *engine_; }

    std::string url_;
    std::filesystem::path file_;
    std::optional<sqla::Engine> engine_;
};

}  // namespace sqla_test
