// Copied unchanged (but for this header) from the shared performance harness (../shared/bench,
// "pb"), so that sqla_pb builds from a clone: the harness's contract, row data and checksums.
// bench_common.hpp - shared CLI, data generation, timing and JSON output for
// the C/C++ benchmark executables. Every executable in this harness (C, C++,
// Python) follows the same contract; see README.md / perf-anchors.md.
//
//   EXE --db sqlite-file|sqlite-mem|postgresql|mysql --workload NAME --n N
//       [--variant V]
//   EXE --list            -> one line per supported "db workload variant"
//
// Output: exactly one JSON line on stdout
//   {"impl":..,"variant":..,"db":..,"workload":..,"n":..,"seconds":..,
//    "rows_per_s":..,"verified":true|false,"check":".."}
// Only the workload itself is timed (connect, DDL, fixture load and the
// verification query are outside the timed region). Exit status 0 only when
// the verification passed.
#pragma once
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pb {

struct Customer {
  int id;
  std::string name;
  std::string description;
  int value;
};

// Deterministic row content, identical in every implementation (C++ and Python).
inline int row_value(long i) { return (int)((i * 37) % 1000); }
inline int fmt_name(char *buf, size_t sz, long i) { return snprintf(buf, sz, "customer name %ld", i); }
inline int fmt_desc(char *buf, size_t sz, long i) { return snprintf(buf, sz, "customer description %ld", i); }
// id visited by the i-th (0-based) short select on a table of n rows
inline long short_select_id(long i, long n) { return (i * 7919L) % n + 1; }

struct Expect {
  long count = 0;
  long long sum_value = 0;
  long long sum_len = 0;  // sum of strlen(name)+strlen(description)
};
inline Expect expected_rows(long n) {
  Expect e;
  char b[64];
  for (long i = 1; i <= n; ++i) {
    e.count++;
    e.sum_value += row_value(i);
    e.sum_len += fmt_name(b, sizeof b, i) + fmt_desc(b, sizeof b, i);
  }
  return e;
}

struct Checksum {
  long count = 0;
  long long sum_value = 0;
  long long sum_len = 0;
  void add(const Customer &c) {
    count++;
    sum_value += c.value;
    sum_len += (long long)c.name.size() + (long long)c.description.size();
  }
  bool matches(const Expect &e) const {
    return count == e.count && sum_value == e.sum_value && sum_len == e.sum_len;
  }
};

// ---- connection settings (override with environment variables) ----------
inline std::string env_or(const char *k, const char *d) {
  const char *v = getenv(k);
  return v && *v ? v : d;
}
inline std::string pg_conninfo() {
  return env_or("PB_PG_DSN", "host=127.0.0.1 port=5432 user=sqla password=sqla dbname=sqla_test");
}
inline std::string my_host() { return env_or("PB_MY_HOST", "127.0.0.1"); }
inline int my_port() { return atoi(env_or("PB_MY_PORT", "3306").c_str()); }
inline std::string my_user() { return env_or("PB_MY_USER", "sqla"); }
inline std::string my_password() { return env_or("PB_MY_PASSWORD", "sqla"); }
inline std::string my_db() { return env_or("PB_MY_DB", "sqla_test"); }
inline std::string sqlite_path(const std::string &db) {
  return db == "sqlite-mem" ? ":memory:" : env_or("PB_SQLITE_FILE", "/tmp/pb_bench.sqlite");
}

// ---- table names / DDL ----------------------------------------------------
inline const char *write_table() { return "pb_customer"; }
inline std::string read_table(long n) { return "pb_read_" + std::to_string(n); }
inline std::string create_table_sql(const std::string &t) {
  return "CREATE TABLE " + t +
         " (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255), "
         "description VARCHAR(255), value INTEGER)";
}
inline std::string select_all_sql(const std::string &t) {
  return "SELECT id, name, description, value FROM " + t;
}

// ---- CLI -----------------------------------------------------------------
struct Args {
  std::string db, workload, variant;
  long n = 0;
  bool list = false;
};

inline Args parse_args(int argc, char **argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) { fprintf(stderr, "missing value for %s\n", k.c_str()); exit(2); }
      return argv[++i];
    };
    if (k == "--db") a.db = next();
    else if (k == "--workload") a.workload = next();
    else if (k == "--n") a.n = atol(next().c_str());
    else if (k == "--variant") a.variant = next();
    else if (k == "--list") a.list = true;
    else { fprintf(stderr, "unknown argument %s\n", k.c_str()); exit(2); }
  }
  return a;
}

// One supported combination; the first variant listed for a (db, workload)
// pair is the default when --variant is omitted.
struct Combo {
  const char *db, *workload, *variant;
};

inline double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Result {
  double seconds = 0;
  bool verified = false;
  std::string check;
};

inline void emit(const char *impl, const Args &a, const Result &r) {
  printf("{\"impl\": \"%s\", \"variant\": \"%s\", \"db\": \"%s\", \"workload\": \"%s\", "
         "\"n\": %ld, \"seconds\": %.6f, \"rows_per_s\": %.1f, \"verified\": %s, \"check\": \"%s\"}\n",
         impl, a.variant.c_str(), a.db.c_str(), a.workload.c_str(), a.n, r.seconds,
         r.seconds > 0 ? a.n / r.seconds : 0.0, r.verified ? "true" : "false", r.check.c_str());
  fflush(stdout);
}

inline std::string check_str(long count, long long sv, long long sl) {
  return "count=" + std::to_string(count) + " sum_value=" + std::to_string(sv) +
         " sum_len=" + std::to_string(sl);
}

// Standard main: resolves --list / default variant, runs, prints JSON.
// run() returns the Result; it must time only the workload.
inline int bench_main(int argc, char **argv, const char *impl, const std::vector<Combo> &combos,
                      const std::function<Result(const Args &)> &run) {
  Args a = parse_args(argc, argv);
  if (a.list) {
    for (auto &c : combos) printf("%s %s %s\n", c.db, c.workload, c.variant);
    return 0;
  }
  if (a.db.empty() || a.workload.empty() || a.n <= 0) {
    fprintf(stderr, "usage: %s --db DB --workload W --n N [--variant V] | --list\n", argv[0]);
    return 2;
  }
  bool ok = false;
  for (auto &c : combos) {
    if (a.db == c.db && a.workload == c.workload && (a.variant.empty() || a.variant == c.variant)) {
      if (a.variant.empty()) a.variant = c.variant;
      ok = true;
      break;
    }
  }
  if (!ok) {
    fprintf(stderr, "%s: unsupported combination db=%s workload=%s variant=%s\n", impl, a.db.c_str(),
            a.workload.c_str(), a.variant.c_str());
    return 3;
  }
  try {
    Result r = run(a);
    emit(impl, a, r);
    return r.verified ? 0 : 1;
  } catch (std::exception &e) {
    fprintf(stderr, "%s: error: %s\n", impl, e.what());
    return 1;
  }
}

// Helpers to enumerate combos compactly.
inline void add_combos(std::vector<Combo> &v, std::initializer_list<const char *> dbs, const char *workload,
                       std::initializer_list<const char *> variants) {
  for (auto d : dbs)
    for (auto var : variants) v.push_back({d, workload, var});
}

}  // namespace pb
