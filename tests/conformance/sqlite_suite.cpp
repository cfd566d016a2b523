// sqla: tests/conformance/sqlite_suite.cpp. The conformance suite on SQLite (a file database, so
// that connections are independent as on a server).
// SPDX-License-Identifier: MIT
#include <sqla/conformance.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace {
// One file per test process (ctest runs tests in parallel), removed when the process ends.
struct TempFile {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("sqla_conformance_" + std::to_string(::getpid()) + ".db");
    ~TempFile() { std::filesystem::remove(path); }
};
const TempFile sqlite_file;
}  // namespace

SQLA_CONFORMANCE_SUITE(sqlite_file, {.url = "sqlite:///" + sqlite_file.path.string()});
// A memory database lives in one shared connection: connections are not independent.
SQLA_CONFORMANCE_SUITE(sqlite_memory, {.url = "sqlite://", .closed = {"independent_connections"}});
