// sqla: dialect/driver.cppm. The driver interfaces a plugin implements: Driver, DriverConnection, Cursor.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

export module sqla:dialect.driver;
import :errors.error;
import :types.value;
import :engine.url;
import :dialect.capabilities;

export namespace sqla {

/// One result column as the driver describes it.
struct ColumnInfo {
    /// The column's name or label, as the database reports it.
    std::string name;
    /// The database's type name for the column where it knows one (declared type), else empty.
    std::string type_name;
};

/// A statement as the driver receives it: SQL in the driver's paramstyle, and a key that is
/// the same for every execution of the same compiled SQL, so the driver can cache its prepared
/// form per connection. A key of 0 means "do not cache".
struct DriverStatement {
    std::string_view sql;
    std::uint64_t cache_key = 0;
};

/// Rows of positional parameters for executemany, stored row after row.
struct SQLA_EXPORT ParamBatch {
    std::span<const Value> values;
    std::size_t width = 0;
    [[nodiscard]] inline std::size_t rows() const noexcept { return width == 0 ? 0 : values.size() / width; }
    [[nodiscard]] inline std::span<const Value> row(std::size_t i) const noexcept { return values.subspan(i * width, width); }
};

/// Per-execution options that reach the driver.
struct CursorOptions {
    /// Fetch rows from the server as they are read instead of buffering the whole result.
    bool stream_results = false;
    /// When streaming, how many rows to fetch per round trip (0: the driver's choice).
    std::size_t yield_per = 0;
    /// When streaming, the most rows to fetch per round trip (0: the driver's choice).
    std::size_t max_row_buffer = 0;
};

/// The result of one execution (a DBAPI cursor). Rows are read one at a time: `fetch()`
/// advances, then `read()` copies columns of the current row into Values.
///
/// Not thread-safe. A cursor is closed by its connection when the connection closes;
/// using it after that throws `ResourceClosedError` from the engine.
class SQLA_EXPORT Cursor {
public:
    virtual ~Cursor();
    /// Result columns; empty when the statement returns no rows.
    [[nodiscard]] virtual std::span<const ColumnInfo> columns() const noexcept = 0;
    /// Moves to the next row. Returns false when there are no more rows. Throws `DriverError`.
    virtual bool fetch() = 0;
    /// Reads every column of the current row into `out` (sized to `columns().size()`),
    /// reusing the storage of the Values already there.
    virtual void read_row(std::span<Value> out) = 0;
    /// Rows matched by INSERT/UPDATE/DELETE, or -1 when unknown.
    [[nodiscard]] virtual std::int64_t rowcount() const noexcept = 0;
    /// The row id of the last inserted row, where the database has one.
    [[nodiscard]] virtual std::optional<std::int64_t> lastrowid() const noexcept { return std::nullopt; }
    /// Releases the statement and any server-side resources. Idempotent; never throws.
    virtual void close() noexcept = 0;
};

/// A result held in memory: columns and rows of Values. Drivers use it for results they gather
/// themselves (executemany with RETURNING).
class SQLA_EXPORT BufferedRowsCursor final : public Cursor {
public:
    BufferedRowsCursor(std::vector<ColumnInfo> columns, std::vector<std::vector<Value>> rows, std::int64_t rowcount);
    ~BufferedRowsCursor() override;
    [[nodiscard]] std::span<const ColumnInfo> columns() const noexcept override { return columns_; }
    bool fetch() override;
    void read_row(std::span<Value> out) override;
    [[nodiscard]] std::int64_t rowcount() const noexcept override { return rowcount_; }
    void close() noexcept override;

private:
    std::vector<ColumnInfo> columns_;
    std::vector<std::vector<Value>> rows_;
    std::size_t next_ = 0;
    std::int64_t rowcount_;
};

/// One connection to the database (a DBAPI connection). Owned by the pool; used by one
/// thread at a time.
class SQLA_EXPORT DriverConnection {
public:
    virtual ~DriverConnection();
    /// Executes `stmt` with positional `params`. The cursor reports the rows, if any.
    /// Throws `DriverError` when the database reports an error.
    [[nodiscard]] virtual std::unique_ptr<Cursor> execute(const DriverStatement& stmt, std::span<const Value> params,
                                                          const CursorOptions& options) = 0;
    /// Executes `stmt` once per row of `batch` and returns the summed rowcount (-1 if unknown).
    /// The default runs `execute()` per row; drivers override it to batch round trips.
    virtual std::int64_t execute_many(const DriverStatement& stmt, ParamBatch batch);
    /// Executes `stmt`, which returns rows (INSERT ... RETURNING), once per row of `batch`,
    /// and gives every returned row, in parameter-set order, with the summed rowcount. The
    /// default runs `execute()` per row into a BufferedRowsCursor; drivers override it to
    /// batch round trips.
    [[nodiscard]] virtual std::unique_ptr<Cursor> execute_many_returning(const DriverStatement& stmt, ParamBatch batch);
    /// Starts a transaction (the DBAPI's implicit BEGIN, made explicit).
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    /// Sets the transaction isolation level for transactions begun after this call, by the
    /// name SQLAlchemy uses ("READ COMMITTED", "SERIALIZABLE", "AUTOCOMMIT"...). The default
    /// throws `DriverError` (not supported); drivers override it.
    virtual void set_isolation_level(std::string_view level);
    /// The current isolation level's name. The default throws `DriverError` (not supported).
    [[nodiscard]] virtual std::string isolation_level();
    /// A cheap round trip that tells whether the connection still works. Never throws.
    [[nodiscard]] virtual bool ping() noexcept = 0;
    /// Closes the connection. Idempotent; never throws.
    virtual void close() noexcept = 0;
    [[nodiscard]] virtual bool closed() const noexcept = 0;
    /// The server's version string, as the client reports it.
    [[nodiscard]] virtual std::string server_version() const = 0;
    /// The client library's own handle (`sqlite3*`, `PGconn*`...), for what sqla does not wrap.
    [[nodiscard]] virtual void* native_handle() noexcept = 0;
    /// The most bytes of parameter values one execution may carry (MySQL's max_allowed_packet),
    /// or 0 when there is no such limit (the default). The engine sizes insertmanyvalues batches
    /// under it.
    [[nodiscard]] virtual std::size_t max_parameter_bytes() { return 0; }
};

/// A database client library as a plugin provides it (a DBAPI module).
class SQLA_EXPORT Driver {
public:
    virtual ~Driver();
    /// The driver's name as URLs write it after '+': "sqlite3", "libpq", "odbc".
    [[nodiscard]] virtual std::string_view name() const noexcept = 0;
    /// How this driver's SQL writes parameter placeholders.
    [[nodiscard]] virtual ParamStyle paramstyle() const noexcept = 0;
    /// The connect arguments for `url` merged with the engine's `connect_args` (which win):
    /// host, port, user, password, database and every query key. Drivers override it to
    /// translate names or validate keys (SQLAlchemy's `create_connect_args`).
    [[nodiscard]] virtual Params create_connect_args(const URL& url, const Params& connect_args) const;
    /// Opens a connection. Throws `DriverError` (operational) when the database cannot be reached,
    /// `ArgumentError` for arguments it does not understand.
    [[nodiscard]] virtual std::unique_ptr<DriverConnection> connect(const Params& args) = 0;
};

}  // namespace sqla
