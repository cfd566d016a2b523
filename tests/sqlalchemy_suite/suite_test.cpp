// sqla: tests/sqlalchemy_suite/suite_test.cpp. SQLAlchemy's own compiler tests (rel_1_4_46), ported as
// data by gen.py: each case rebuilt with sqla's public API, compiled on the seven corpus dialect
// keys exactly as the corpus test compiles (tests/corpus/produce.hpp), compared with the corpus
// rules, and reported per dialect and per source file. progress.json holds the pass counts, which
// may only go up.
// SPDX-License-Identifier: MIT
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "corpus.hpp"

import sqla;

#include "produce.hpp"
#include "suite.hpp"

namespace json = boost::json;
namespace corpus = sqla::corpus;

namespace {

// The source file of a case: its id's first part (test_compiler, postgresql_test_compiler...).
std::string file_of(const std::string& id) { return id.substr(0, id.find('.')); }

struct Counts {
    std::size_t cases = 0;
    std::size_t passed = 0, failed = 0, divergent = 0, not_built = 0;
    [[nodiscard]] std::size_t total() const { return passed + failed + divergent + not_built; }
};

double pct(std::size_t n, std::size_t total) { return total ? 100.0 * static_cast<double>(n) / static_cast<double>(total) : 0.0; }

}  // namespace

TEST(SqlalchemySuite, RendersSqlalchemysSql) {
    const auto data = corpus::load_corpus(SQLA_SUITE_DIR);
    ASSERT_FALSE(data.cases.empty());
    const sqla_suite::Schema schema;
    sqla_suite::Builders build;
    sqla_suite::sql_builders(build);
    sqla_suite::dialect_builders(build);
    for (const auto& [id, fn] : build)
        EXPECT_NE(data.find(id), nullptr) << "a builder for a case cases.jsonl does not have: " << id;

    corpus::PassTable table(data.divergences);
    const corpus::CorpusDialects corpus_dialects;
    const auto& dialects = corpus_dialects.by_key;
    std::map<std::string, Counts> per_file;
    Counts all;
    std::size_t cases_built = 0;
    std::ofstream produced(std::string(SQLA_TEST_BUILD_DIR) + "/sqlalchemy_suite_produced.jsonl");
    const bool verbose = std::getenv("SQLA_SUITE_VERBOSE") != nullptr;
    for (const auto& c : data.cases) {
        auto it = build.find(c.id);
        auto& file = per_file[file_of(c.id)];
        ++file.cases;
        ++all.cases;
        std::optional<sqla::Executable> stmt;
        std::string build_error;
        if (it != build.end()) {
            try {
                stmt = it->second(schema);
                ++cases_built;
            } catch (const std::exception& e) {
                // sqla refused to build what SQLAlchemy builds: a failure on every dialect.
                build_error = e.what();
            }
        }
        for (const auto& [key, expected] : c.dialects) {
            auto d = dialects.find(key);
            if (it == build.end() || d == dialects.end()) {
                table.add_not_built(key);
                ++file.not_built;
                ++all.not_built;
                continue;
            }
            corpus::Produced p;
            if (stmt) {
                const auto* kw = c.compile_kwargs.if_contains("compile_kwargs");
                const auto* lb = kw && kw->is_object() ? kw->as_object().if_contains("literal_binds") : nullptr;
                try {
                    p = corpus::produce(*d->second.first, d->second.second, *stmt, lb && lb->is_bool() && lb->as_bool());
                } catch (const std::exception& e) {
                    p.sql = std::string("<exception: ") + e.what() + ">";
                }
            } else {
                p.sql = "<not built: " + build_error + ">";
            }
            corpus::write_produced(produced, c.id, key, p);
            const auto result = corpus::compare(expected, p);
            switch (table.add(result)) {
            case corpus::Outcome::passed: ++file.passed, ++all.passed; break;
            case corpus::Outcome::divergent: ++file.divergent, ++all.divergent; break;
            default:
                ++file.failed, ++all.failed;
                if (verbose) std::printf("%s\n", result.diagnostic.c_str());
            }
        }
    }

    std::printf("SQLAlchemy 1.4.46's compiler tests, ported (tests/data/sqlalchemy_suite): %zu cases, %zu built\n",
                data.cases.size(), cases_built);
    // The table per dialect key (PassTable's; its rows part is left out: these cases are never executed).
    std::string rendered = table.render(0);
    const auto rows_at = rendered.find("\nrows from the live databases");
    const auto note_at = rendered.find("\ndivergent, not built");
    if (rows_at != std::string::npos && note_at != std::string::npos && note_at > rows_at) rendered.erase(rows_at, note_at - rows_at);
    std::printf("%s\n", rendered.c_str());
    std::printf("per source file (checks are dialect-cases: a case compiled on one dialect key)\n");
    std::printf("%-28s %6s %7s %6s %6s %6s %7s %7s\n", "source file", "cases", "checks", "pass", "fail", "diverg", "unbuilt", "pass%");
    for (const auto& [file, n] : per_file)
        std::printf("%-28s %6zu %7zu %6zu %6zu %6zu %7zu %6.1f%%\n", file.c_str(), n.cases, n.total(), n.passed, n.failed,
                    n.divergent, n.not_built, pct(n.passed, n.total()));
    std::printf("%-28s %6zu %7zu %6zu %6zu %6zu %7zu %6.1f%%\n", "all", all.cases, all.total(), all.passed, all.failed,
                all.divergent, all.not_built, pct(all.passed, all.total()));

    // The ratchet: passes per dialect and per file may only go up (progress.json).
    std::ifstream progress_file(std::string(SQLA_SUITE_DIR) + "/progress.json");
    ASSERT_TRUE(progress_file) << "missing tests/data/sqlalchemy_suite/progress.json";
    std::string progress_text((std::istreambuf_iterator<char>(progress_file)), std::istreambuf_iterator<char>());
    const auto progress = json::parse(progress_text).as_object();
    if (const auto* by_dialect = progress.if_contains("dialects"))
        for (const auto& [key, minimum] : by_dialect->as_object())
            EXPECT_GE(static_cast<std::int64_t>(table.sql(key).passed), minimum.as_int64())
                << "fewer suite cases pass for " << std::string(key) << " than progress.json records";
    if (const auto* by_file = progress.if_contains("files"))
        for (const auto& [file, minimum] : by_file->as_object()) {
            auto f = per_file.find(std::string(file));
            EXPECT_GE(static_cast<std::int64_t>(f == per_file.end() ? 0 : f->second.passed), minimum.as_int64())
                << "fewer suite cases pass for " << std::string(file) << " than progress.json records";
        }
}
