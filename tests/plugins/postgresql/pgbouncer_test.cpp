// sqla: tests/plugins/postgresql/pgbouncer_test.cpp. The libpq driver through a real pgbouncer in
// transaction pooling mode (scripts/setup.sh's sqla_start_pgbouncer: pool of 2 server connections
// for sqla_test, of 1 for sqla_test_pool1; SQLA_TEST_PGBOUNCER_URL): each client's statements
// run on server connections other clients use too, so a prepared statement of one client must
// never run for another. The probe of issue 26 (4 clients x 100 iterations, each on its own
// table) in every statement mode, and deterministic name collisions between two clients.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

import sqla;

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// `url` with `query` added ("statement_mode=named"); empty `query` leaves it as it is.
std::string with_query(std::string url, const std::string& query) {
    if (query.empty()) return url;
    return url + (url.find('?') == std::string::npos ? "?" : "&") + query;
}

// The bouncer's sqla_test_pool1: the same database through ONE server connection.
std::string pool1(std::string url) {
    const auto q = url.find('?');
    const auto at = q == std::string::npos ? url.size() : q;
    url.insert(at, "_pool1");
    return url;
}

class PgBouncerTest : public ::testing::Test {
protected:
    void SetUp() override {
        bouncer_ = env("SQLA_TEST_PGBOUNCER_URL");
        direct_ = env("SQLA_TEST_POSTGRESQL_URL");
        if (bouncer_.empty() || direct_.empty())
            GTEST_SKIP() << "SQLA_TEST_PGBOUNCER_URL and SQLA_TEST_POSTGRESQL_URL are not both set "
                            "(scripts/test.sh starts pgbouncer with sqla_start_pgbouncer and sets them)";
        server_.emplace(sqla::create_engine(direct_));
    }
    // Straight to the server: tables are made and checked there, not through the bouncer.
    void sql(const std::string& text) {
        auto conn = server_->connect();
        conn.execute(sqla::text(text));
        conn.commit();
    }
    std::int64_t scalar(const std::string& text) {
        auto conn = server_->connect();
        return conn.execute(sqla::text(text)).scalar<std::int64_t>();
    }
    // Drops every prepared statement of the bouncer's single server connection (sqla_test_pool1),
    // as a client's DISCARD ALL or DEALLOCATE ALL would, through a client that prepares nothing.
    void deallocate_all_on_pool1() {
        auto engine = sqla::create_engine(with_query(pool1(bouncer_), "prepared_statement_cache_size=0"));
        auto conn = engine.connect();
        conn.execute(sqla::text("DEALLOCATE ALL"));
        conn.commit();
    }

    // How many statements whose SQL mentions `table` the bouncer's one server connection holds
    // (so a test knows a statement went named before it drops them).
    std::int64_t prepared_on_pool1(const std::string& table) {
        auto engine = sqla::create_engine(with_query(pool1(bouncer_), "prepared_statement_cache_size=0"));
        auto conn = engine.connect();
        return conn
            .execute(sqla::text("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'sqla%' AND statement "
                                "LIKE :pattern"),
                     {{"pattern", "%" + table + "%"}})
            .scalar<std::int64_t>();
    }

    std::string bouncer_, direct_;
    std::optional<sqla::Engine> server_;
};

// What one probe client saw.
struct ProbeOutcome {
    int ok = 0, wrong = 0, errors = 0;
    std::string first_problem;
};

// issue 26's probe/pool_probe.cpp: insert a row tagged with the client, commit, read back count
// and max of the client's own table, commit. Clients differ only in the table, so another
// client's prepared statement run by mistake gives a wrong answer or a stray row, not an error.
ProbeOutcome probe_client(const std::string& url, int client, int iterations) {
    sqla::MetaData metadata;
    sqla::Table t{metadata, "pgb_probe_" + std::to_string(client),
                  sqla::Column{"id", sqla::Integer{}, sqla::primary_key}, sqla::Column{"v", sqla::Integer{}}};
    auto engine = sqla::create_engine(url);
    ProbeOutcome out;
    std::int64_t inserted = 0;
    for (int i = 1; i <= iterations; ++i) {
        const std::int64_t tag = std::int64_t{client} * 1000000 + i;
        try {
            auto conn = engine.connect();
            conn.execute(sqla::insert(t).values({{"v", tag}}));
            conn.commit();
            ++inserted;
            const auto n = conn.execute(sqla::select(sqla::func("count", {t.c("id")}))).scalar<std::int64_t>();
            const auto mx = conn.execute(sqla::select(sqla::func("max", {t.c("v")}))).scalar<std::int64_t>();
            conn.commit();
            if (n != inserted || mx != tag) {
                ++out.wrong;
                if (out.first_problem.empty())
                    out.first_problem = "iteration " + std::to_string(i) + ": count " + std::to_string(n) + " (expected " +
                                        std::to_string(inserted) + "), max " + std::to_string(mx) + " (expected " +
                                        std::to_string(tag) + ")";
                inserted = n;
            } else {
                ++out.ok;
            }
        } catch (const std::exception& e) {
            ++out.errors;
            if (out.first_problem.empty()) out.first_problem = e.what();
        }
    }
    return out;
}

class PgBouncerProbe : public PgBouncerTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(PgBouncerProbe, FourClientsNeverSeeOrWriteAnotherClientsRows) {
    constexpr int clients = 4, iterations = 100;
    for (int k = 1; k <= clients; ++k) {
        sql("DROP TABLE IF EXISTS pgb_probe_" + std::to_string(k));
        sql("CREATE TABLE pgb_probe_" + std::to_string(k) + " (id serial PRIMARY KEY, v int)");
    }
    std::string url = bouncer_, query = GetParam();
    if (query.starts_with("odbc")) {
        // Through psqlODBC (scripts/test.sh registers it).
        if (env("ODBCSYSINI").empty()) GTEST_SKIP() << "ODBCSYSINI is not set (scripts/test.sh registers the ODBC drivers)";
        url.insert(url.find("://"), "+odbc");
        query = query.substr(query.find(':') + 1);
    }
    url = with_query(url, query);
    std::vector<ProbeOutcome> outcomes(clients);
    {
        std::vector<std::jthread> threads;
        for (int k = 1; k <= clients; ++k)
            threads.emplace_back([&, k] { outcomes[static_cast<std::size_t>(k - 1)] = probe_client(url, k, iterations); });
    }
    for (int k = 1; k <= clients; ++k) {
        const auto& o = outcomes[static_cast<std::size_t>(k - 1)];
        const std::string table = "pgb_probe_" + std::to_string(k);
        EXPECT_EQ(o.wrong, 0) << "client " << k << " read another client's rows: " << o.first_problem;
        EXPECT_EQ(o.errors, 0) << "client " << k << " failed: " << o.first_problem;
        EXPECT_EQ(o.ok, iterations) << "client " << k;
        EXPECT_EQ(scalar("SELECT count(*) FROM " + table + " WHERE v / 1000000 <> " + std::to_string(k)), 0)
            << table << " holds rows other clients inserted";
        EXPECT_EQ(scalar("SELECT count(*) FROM " + table), iterations) << table;
    }
}

// A test name for a URL query: "" is the default (automatic) mode.
std::string mode_name(const ::testing::TestParamInfo<std::string>& info) {
    if (info.param.starts_with("odbc:")) {
        auto rest = info.param.substr(5);
        return "odbc_" + (rest.empty() ? std::string("default") : rest.substr(rest.find('=') + 1));
    }
    if (info.param.empty()) return "default";
    if (info.param == "prepared_statement_cache_size=0") return "no_cache";
    if (info.param == "pgbouncer=true") return "pgbouncer";
    return info.param.substr(info.param.find('=') + 1);
}

// The default; the documented pooler modes; named statements from the start, which meet the
// pooler's errors and switch; psqlODBC by sqla's default and in the pooler mode
// (UseServerSidePrepare=0). psqlODBC's own default (statement_mode=named through sqla) is not
// here: it names its server-side statements after statement handle addresses, which other
// clients reuse (docs/odbc.md: 154 wrong reads, 94 stray rows in one run).
INSTANTIATE_TEST_SUITE_P(Modes, PgBouncerProbe,
                         ::testing::Values("", "statement_mode=unnamed", "pgbouncer=true",
                                           "prepared_statement_cache_size=0", "statement_mode=named", "odbc:",
                                           "odbc:statement_mode=unnamed", "odbc:pgbouncer=true"),
                         mode_name);

// Two clients take turns on the bouncer's one server connection. Client B prepares its select
// and insert; a third client's DEALLOCATE ALL drops them on that server connection; client A
// prepares statements of the same shapes; then B runs its cached statements again. Before
// statement names were unique (sqla_1, sqla_2... per connection), B's select read A's table
// and B's insert wrote into A's table. Now B's names do not exist there: B switches to unnamed
// statements and reruns the statement (the first of its transaction, so nothing is lost).
class PgBouncerCollision : public PgBouncerTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(PgBouncerCollision, AClientNeverRunsAnotherClientsStatement) {
    sql("DROP TABLE IF EXISTS pgb_a");
    sql("DROP TABLE IF EXISTS pgb_b");
    sql("CREATE TABLE pgb_a (v int)");
    sql("CREATE TABLE pgb_b (v int)");
    sql("INSERT INTO pgb_a VALUES (1)");
    sql("INSERT INTO pgb_b VALUES (2)");
    sqla::MetaData metadata;
    sqla::Table a{metadata, "pgb_a", sqla::Column{"v", sqla::Integer{}}};
    sqla::Table b{metadata, "pgb_b", sqla::Column{"v", sqla::Integer{}}};
    const std::string url = with_query(pool1(bouncer_), GetParam());
    deallocate_all_on_pool1();  // what earlier clients left there
    auto engine_a = sqla::create_engine(url);
    auto engine_b = sqla::create_engine(url);
    auto conn_b = engine_b.connect();
    EXPECT_EQ(conn_b.execute(sqla::select(sqla::func("max", {b.c("v")}))).scalar<std::int64_t>(), 2);
    conn_b.execute(sqla::insert(b).values({{"v", 20}}));
    conn_b.commit();

    deallocate_all_on_pool1();

    {
        auto conn_a = engine_a.connect();
        EXPECT_EQ(conn_a.execute(sqla::select(sqla::func("max", {a.c("v")}))).scalar<std::int64_t>(), 1);
        conn_a.execute(sqla::insert(a).values({{"v", 10}}));
        conn_a.commit();
    }

    EXPECT_EQ(conn_b.execute(sqla::select(sqla::func("max", {b.c("v")}))).scalar<std::int64_t>(), 20)
        << "client B read client A's table";
    conn_b.execute(sqla::insert(b).values({{"v", 21}}));
    conn_b.commit();
    conn_b.close();

    EXPECT_EQ(scalar("SELECT count(*) FROM pgb_a"), 2) << "a row of client B landed in client A's table";
    EXPECT_EQ(scalar("SELECT count(*) FROM pgb_b"), 3);
    EXPECT_EQ(scalar("SELECT max(v) FROM pgb_b"), 21);
}

INSTANTIATE_TEST_SUITE_P(Modes, PgBouncerCollision,
                         ::testing::Values("", "statement_mode=named", "statement_mode=unnamed"), mode_name);

// Later in a transaction a missing statement cannot be rerun (what ran before it was on a server
// connection the failure aborted): the error says why and what to do, and the connection goes
// on with unnamed statements.
TEST_F(PgBouncerTest, AStatementMissingMidTransactionFailsClearlyThenTheConnectionIsUnnamed) {
    sql("DROP TABLE IF EXISTS pgb_mid");
    sql("CREATE TABLE pgb_mid (v int)");
    sql("INSERT INTO pgb_mid VALUES (1)");
    sqla::MetaData metadata;
    sqla::Table t{metadata, "pgb_mid", sqla::Column{"v", sqla::Integer{}}};
    auto engine = sqla::create_engine(with_query(pool1(bouncer_), "statement_mode=named"));
    auto conn = engine.connect();
    auto read = [&] { return conn.execute(sqla::select(sqla::func("max", {t.c("v")}))).scalar<std::int64_t>(); };
    EXPECT_EQ(read(), 1);
    conn.commit();
    deallocate_all_on_pool1();
    conn.execute(sqla::insert(t).values({{"v", 30}}));  // prepared now: the first of its transaction
    try {
        (void)read();
        FAIL() << "a statement the server connection no longer holds ran";
    } catch (const sqla::OperationalError& e) {
        EXPECT_EQ(e.sqlstate(), "26000");
        EXPECT_NE(std::string(e.what()).find("pgbouncer"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("statement_mode=unnamed"), std::string::npos) << e.what();
    }
    conn.rollback();
    EXPECT_EQ(read(), 1) << "the rolled-back insert is gone, and the statement runs unnamed";
    conn.execute(sqla::insert(t).values({{"v", 31}}));
    conn.commit();
    conn.close();
    EXPECT_EQ(scalar("SELECT max(v) FROM pgb_mid"), 31);
    EXPECT_EQ(scalar("SELECT count(*) FROM pgb_mid"), 2);
}

// The switch and rerun on each way a statement goes out: streamed (single-row mode), executemany
// (pipeline mode: the first parameter set fails, none ran), and in AUTOCOMMIT (no transaction).
// Each way on a connection of its own, named from the start, whose statement the bouncer's one
// server connection loses between two runs.
TEST_F(PgBouncerTest, EveryWayOfExecutingRerunsAMissingStatementUnnamed) {
    sql("DROP TABLE IF EXISTS pgb_ways");
    sql("CREATE TABLE pgb_ways (v int)");
    sql("INSERT INTO pgb_ways VALUES (1), (2), (3)");
    deallocate_all_on_pool1();  // what earlier clients left there
    const std::string url = with_query(pool1(bouncer_), "statement_mode=named");
    const auto select_all = sqla::text("SELECT v FROM pgb_ways ORDER BY v");
    {
        auto engine = sqla::create_engine(url);
        auto conn = engine.connect();
        EXPECT_EQ(conn.execute(select_all, {.stream_results = true}).all().size(), 3u);
        conn.commit();
        ASSERT_EQ(prepared_on_pool1("pgb_ways"), 1);
        deallocate_all_on_pool1();
        auto rows = conn.execute(select_all, {.stream_results = true}).all();
        ASSERT_EQ(rows.size(), 3u);
        EXPECT_EQ(rows[2].get<std::int64_t>(0), 3);
        conn.commit();
    }
    {
        auto engine = sqla::create_engine(url);
        auto conn = engine.connect();
        const auto insert = sqla::text("INSERT INTO pgb_ways (v) VALUES (:v)");
        conn.execute(insert, std::vector<sqla::Params>{{{"v", 10}}, {{"v", 11}}});
        conn.commit();
        ASSERT_EQ(prepared_on_pool1("pgb_ways"), 1);
        deallocate_all_on_pool1();
        conn.execute(insert, std::vector<sqla::Params>{{{"v", 12}}, {{"v", 13}}});
        conn.commit();
    }
    EXPECT_EQ(scalar("SELECT count(*) FROM pgb_ways WHERE v >= 10"), 4) << "an executemany lost or repeated rows";
    {
        auto engine = sqla::create_engine(url);
        auto conn = engine.connect();
        conn.execution_options({.isolation_level = "AUTOCOMMIT"});
        const auto count = sqla::text("SELECT count(*) FROM pgb_ways");
        EXPECT_EQ(conn.execute(count).scalar<std::int64_t>(), 7);
        ASSERT_EQ(prepared_on_pool1("pgb_ways"), 1);
        deallocate_all_on_pool1();
        EXPECT_EQ(conn.execute(count).scalar<std::int64_t>(), 7);
    }
}

// The default sees the bouncer at connect and prepares nothing on its server connections; a
// connection straight to the server keeps its prepared statements, named so that no other
// client makes the same name: a random per-process part, a counter, a hash of the statement.
TEST_F(PgBouncerTest, TheDefaultPreparesNothingBehindThePoolerAndUniqueNamesOtherwise) {
    sql("DROP TABLE IF EXISTS pgb_auto");
    sql("CREATE TABLE pgb_auto (v int)");
    sqla::MetaData metadata;
    sqla::Table t{metadata, "pgb_auto", sqla::Column{"v", sqla::Integer{}}};
    const auto count_prepared = [](sqla::Connection& conn) {
        return conn.execute(sqla::text("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'sqla%'"))
            .scalar<std::int64_t>();
    };
    deallocate_all_on_pool1();
    {
        auto engine = sqla::create_engine(pool1(bouncer_));
        auto conn = engine.connect();
        for (int i = 0; i < 3; ++i) (void)conn.execute(sqla::select(sqla::func("count", {t.c("v")}))).all();
        EXPECT_EQ(count_prepared(conn), 0) << "prepared statements on the bouncer's server connection";
    }
    std::vector<std::string> names;
    for (int engine_no = 0; engine_no < 2; ++engine_no) {
        auto engine = sqla::create_engine(direct_);
        auto conn = engine.connect();
        for (int i = 0; i < 2; ++i) (void)conn.execute(sqla::select(sqla::func("count", {t.c("v")}))).all();
        EXPECT_GE(count_prepared(conn), 1) << "a direct connection prepares its statements";
        for (auto& row : conn.execute(sqla::text("SELECT name FROM pg_prepared_statements WHERE statement LIKE "
                                                 "'%pgb_auto%' AND statement NOT LIKE '%pg_prepared_statements%' "
                                                 "AND name LIKE 'sqla%'"))
                             .all())
            names.push_back(row.get<std::string>(0));
    }
    ASSERT_EQ(names.size(), 2u);
    const std::regex shape("sqla_[0-9a-z]{10}_[0-9]+_[0-9a-f]{16}");
    for (const auto& n : names) EXPECT_TRUE(std::regex_match(n, shape)) << n;
    EXPECT_NE(names[0], names[1]) << "two connections gave the same statement the same name";
    // Same process and statement: same prefix and hash, another counter.
    EXPECT_EQ(names[0].substr(0, 15), names[1].substr(0, 15));
    EXPECT_EQ(names[0].substr(names[0].size() - 16), names[1].substr(names[1].size() - 16));
}

TEST_F(PgBouncerTest, StatementModeIsChecked) {
    auto engine = sqla::create_engine(with_query(bouncer_, "statement_mode=sometimes"));
    EXPECT_THROW((void)engine.connect(), sqla::ArgumentError);
    auto engine2 = sqla::create_engine(with_query(bouncer_, "pgbouncer=maybe"));
    EXPECT_THROW((void)engine2.connect(), sqla::ArgumentError);
}

}  // namespace
