// sqla: dialect/capabilities.cppm. What a dialect and its database can do, as flags.
// SPDX-License-Identifier: MIT
module;
#include <cstddef>
#include <cstdint>

export module sqla:dialect.capabilities;

export namespace sqla {

/// How a driver writes bound-parameter placeholders (PEP 249's paramstyle, plus `$1`).
enum class ParamStyle : std::uint8_t {
    qmark,           ///< `?`
    numeric,         ///< `:1`
    named,           ///< `:name`
    format,          ///< `%s`
    pyformat,        ///< `%(name)s`
    numeric_dollar,  ///< `$1`
};

/// Which pool an engine uses (SQLAlchemy's `poolclass`).
enum class PoolClass : std::uint8_t {
    /// Up to pool_size idle connections, max_overflow more under load (the default).
    queue_pool,
    /// A new connection per checkout, closed at checkin (SQLite files).
    null_pool,
    /// One connection, shared by every checkout (SQLite memory databases, which exist only
    /// inside their one connection).
    static_pool,
};

/// Capability flags of a dialect, named as SQLAlchemy's `Dialect` attributes. Fill them with
/// designated initializers; the compiler, the engine and the conformance suite read them.
struct Capabilities {
    /// SAVEPOINT / RELEASE SAVEPOINT / ROLLBACK TO SAVEPOINT work.
    bool supports_savepoints = true;
    /// INSERT/UPDATE/DELETE ... RETURNING (or the dialect's equivalent) is available.
    bool supports_returning = false;
    /// With supports_returning, UPDATE ... RETURNING too (MariaDB has it for INSERT and DELETE
    /// only: SQLAlchemy's `update_returning`).
    bool update_returning = true;
    /// A single-row INSERT returns the new primary key by RETURNING (or OUTPUT) without being
    /// asked: the autoincrement column, and keys given as SQL expressions (SQLAlchemy's
    /// `implicit_returning`).
    bool implicit_returning = false;
    /// INSERT ... VALUES (...), (...) with several rows.
    bool supports_multivalues_insert = true;
    /// An executemany of a single-row INSERT with RETURNING is sent as batches of multi-row
    /// INSERT ... VALUES (...), (...) RETURNING (SQLAlchemy's "insertmanyvalues").
    bool use_insertmanyvalues = false;
    /// A batch of insertmanyvalues assigns the autoincrement column in the order of its VALUES
    /// rows, so sorting a batch's RETURNING rows by that column puts them in parameter order
    /// (SQLAlchemy 2.0's InsertmanyvaluesSentinelOpts.ANY_AUTOINCREMENT): SQLite, MariaDB.
    bool insertmanyvalues_autoincrement_sentinel = false;
    /// The same batching for an executemany INSERT without RETURNING.
    bool use_insertmanyvalues_wo_returning = false;
    /// Rows per batch of insertmanyvalues (SQLAlchemy's default, 1000)...
    std::size_t insertmanyvalues_page_size = 1000;
    /// ...fewer when the rows would carry more bound parameters than this.
    std::size_t insertmanyvalues_max_parameters = 32700;
    /// The database has a native boolean type.
    bool supports_native_boolean = false;
    /// The database has a native DECIMAL that keeps precision.
    bool supports_native_decimal = false;
    /// CREATE SEQUENCE and NEXT VALUE.
    bool supports_sequences = false;
    /// A native ENUM type (CREATE TYPE or column ENUM).
    bool supports_native_enum = false;
    /// A native enum is a named type of its own (PostgreSQL's CREATE TYPE ... AS ENUM), which
    /// create_all creates before the tables that use it.
    bool enum_is_named_type = false;
    /// ALTER TABLE ADD CONSTRAINT and friends.
    bool supports_alter = true;
    /// INSERT ... DEFAULT VALUES.
    bool supports_default_values = true;
    /// INSERT with no columns at all (`INSERT INTO t () VALUES ()`).
    bool supports_empty_insert = true;
    /// Rows can be streamed from the server instead of buffered (stream_results).
    bool supports_server_side_cursors = false;
    /// The driver reports rowcount for UPDATE/DELETE matched rows.
    bool supports_sane_rowcount = true;
    /// The driver reports a summed rowcount for executemany.
    bool supports_sane_multi_rowcount = true;
    /// Common table expressions (WITH).
    bool supports_ctes = true;
    /// Window functions (OVER).
    bool supports_window_functions = true;
    /// A Boolean(create_constraint) gets its CHECK (x IN (0, 1)) where there is no native
    /// boolean (SQL Server's BIT needs none).
    bool non_native_boolean_check_constraint = true;
    /// GENERATED ... AS IDENTITY columns (Identity).
    bool supports_identity_columns = false;
    /// Table and column comments.
    bool supports_comments = false;
    /// Comments go inside CREATE TABLE (MySQL) rather than COMMENT ON statements.
    bool inline_comments = false;
    /// Compiled forms of statements may be cached.
    bool supports_statement_cache = true;
    /// The longest identifier the database accepts.
    std::size_t max_identifier_length = 9999;
};

}  // namespace sqla
