// sqla: tests/plugins/mysql/galera_test.cpp. sqla on a 3-node MariaDB Galera cluster (started on
// loopback by scripts/test.sh, sqla_start_galera): a certification conflict between two nodes
// fails the loser's COMMIT with 1213 (40001), a TransactionRollbackError, and
// Engine::transaction() runs the unit again so it commits once; generated keys step by the
// cluster size and are read back, never assumed.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

import sqla;

using namespace std::chrono_literals;

namespace {

class Galera : public ::testing::Test {
protected:
    void SetUp() override {
        const char* urls = std::getenv("SQLA_TEST_GALERA_URLS");
        if (!urls || !*urls) GTEST_SKIP() << "SQLA_TEST_GALERA_URLS is not set (scripts/test.sh starts the cluster)";
        std::istringstream in(urls);
        for (std::string url; in >> url;) nodes_.push_back(sqla::create_engine(url));
        ASSERT_EQ(nodes_.size(), 3u);
    }
    // A read that waits until this node has applied every write the cluster committed before it.
    std::int64_t synced_value(sqla::Engine& node, const std::string& sql) {
        auto c = node.connect();
        c.exec_driver_sql("SET SESSION wsrep_sync_wait = 1");
        return c.exec_driver_sql(sql).scalar<std::int64_t>();
    }
    std::vector<sqla::Engine> nodes_;
};

TEST_F(Galera, ACertificationConflictAtCommitRunsAgainAndWritesOnce) {
    {
        auto c = nodes_[0].connect();
        c.exec_driver_sql("DROP TABLE IF EXISTS galera_conflict");
        c.exec_driver_sql("CREATE TABLE galera_conflict (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
        c.exec_driver_sql("INSERT INTO galera_conflict VALUES (1, 0)");
        c.commit();
    }
    (void)synced_value(nodes_[1], "SELECT count(*) FROM galera_conflict");
    int attempts = 0;
    std::optional<std::string> first_error;
    nodes_[0].events().handle_error.listen([&](sqla::ExceptionContext& ctx) {
        if (!first_error) first_error = std::string(ctx.sqla_exception.what()) + " [" + ctx.sqla_exception.sqlstate() + "]";
    });
    nodes_[0].transaction(
        [&](sqla::Connection& c) {
            ++attempts;
            const auto v = c.exec_driver_sql("SELECT v FROM galera_conflict WHERE id = 1").scalar<std::int64_t>();
            c.execute(sqla::text("UPDATE galera_conflict SET v = :v WHERE id = 1"), {{"v", v + 1}});
            if (attempts == 1) {
                // Node 2 changes the same row and commits first: node 1's transaction loses.
                auto other = nodes_[1].connect();
                other.exec_driver_sql("UPDATE galera_conflict SET v = v + 100 WHERE id = 1");
                other.commit();
            }
        },
        {.retries = 3, .backoff = 0ms, .max_backoff = 0ms});
    EXPECT_EQ(attempts, 2);
    ASSERT_TRUE(first_error.has_value());
    EXPECT_NE(first_error->find("1213"), std::string::npos) << *first_error;
    EXPECT_NE(first_error->find("[40001]"), std::string::npos) << *first_error;
    // Node 2's +100 and one increment, on every node: nothing written twice.
    for (auto& node : nodes_) EXPECT_EQ(synced_value(node, "SELECT v FROM galera_conflict WHERE id = 1"), 101);
    auto c = nodes_[0].connect();
    c.exec_driver_sql("DROP TABLE galera_conflict");
    c.commit();
}

// Galera numbers AUTO_INCREMENT keys in steps of the cluster size, from each node's offset: the
// keys sqla reports are those the rows have.
TEST_F(Galera, GeneratedKeysAreReadBackNotAssumed) {
    sqla::MetaData metadata;
    sqla::Table t(metadata, "galera_keys", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                  sqla::Column{"note", sqla::String{20}});
    metadata.drop_all(nodes_[0]);
    metadata.create_all(nodes_[0]);
    auto c = nodes_[0].connect();
    const auto step = c.exec_driver_sql("SELECT @@auto_increment_increment").scalar<std::int64_t>();
    EXPECT_EQ(step, 3);
    std::vector<std::int64_t> keys;
    for (const char* note : {"a", "b", "c"})
        keys.push_back(c.execute(sqla::insert(t).values({{"note", note}})).inserted_primary_key().at(0).as<std::int64_t>());
    c.commit();
    EXPECT_EQ(keys[1] - keys[0], step);
    EXPECT_EQ(keys[2] - keys[1], step);
    for (std::size_t i = 0; i < keys.size(); ++i)
        EXPECT_EQ(synced_value(nodes_[2], "SELECT id FROM galera_keys WHERE note = '" + std::string(1, char('a' + i)) + "'"),
                  keys[i]);
    metadata.drop_all(nodes_[0]);
}

}  // namespace
