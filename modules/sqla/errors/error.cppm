// sqla: errors/error.cppm. The exception tree, modelled on sqlalchemy.exc.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstdint>
#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

export module sqla:errors.error;

export namespace sqla {

/// Root of every exception sqla raises. `code()` names the section of docs/errors.md
/// that explains the error; `where()` is the place in sqla (or a plugin) that raised it.
class SQLA_EXPORT Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, std::source_location where = std::source_location::current());
    ~Error() override;
    /// Stable short code, the anchor of this error in docs/errors.md.
    [[nodiscard]] virtual std::string_view code() const noexcept;
    [[nodiscard]] const std::source_location& where() const noexcept { return where_; }

private:
    std::source_location where_;
};

/// An argument was invalid or conflicting: a malformed URL, an unknown option.
class SQLA_EXPORT ArgumentError : public Error {
public:
    using Error::Error;
    ~ArgumentError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// A value had the wrong C++ type for what it was used as, e.g. reading a text column as
/// `std::int64_t`, or an integer that does not fit the requested type.
class SQLA_EXPORT TypeError : public ArgumentError {
public:
    using ArgumentError::ArgumentError;
    ~TypeError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// No plugin provides the dialect or driver a URL names (sqlalchemy.exc.NoSuchModuleError).
class SQLA_EXPORT NoSuchModuleError : public ArgumentError {
public:
    using ArgumentError::ArgumentError;
    ~NoSuchModuleError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// A plugin was found but could not be used: its manifest does not parse, or its library
/// will not open or lacks its entry point.
class SQLA_EXPORT PluginLoadError : public Error {
public:
    using Error::Error;
    ~PluginLoadError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// A plugin was built for another plugin ABI version, compiler or standard library.
class SQLA_EXPORT AbiMismatchError : public PluginLoadError {
public:
    using PluginLoadError::PluginLoadError;
    ~AbiMismatchError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// A statement could not be rendered to SQL.
class SQLA_EXPORT CompileError : public Error {
public:
    using Error::Error;
    ~CompileError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// The dialect has no rendering for an element.
class SQLA_EXPORT UnsupportedCompilationError : public CompileError {
public:
    using CompileError::CompileError;
    ~UnsupportedCompilationError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// sqla was asked to do something it cannot do in the current state.
class SQLA_EXPORT InvalidRequestError : public Error {
public:
    using Error::Error;
    ~InvalidRequestError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// An object (connection, result, transaction) was used after it was closed.
class SQLA_EXPORT ResourceClosedError : public InvalidRequestError {
public:
    using InvalidRequestError::InvalidRequestError;
    ~ResourceClosedError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// The connection was invalidated (or its transaction failed) and must be rolled back before
/// it is used again.
class SQLA_EXPORT PendingRollbackError : public InvalidRequestError {
public:
    using InvalidRequestError::InvalidRequestError;
    ~PendingRollbackError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// `one()` or `scalar_one()` found no row.
class SQLA_EXPORT NoResultFound : public InvalidRequestError {
public:
    using InvalidRequestError::InvalidRequestError;
    ~NoResultFound() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// `one()`, `one_or_none()` or `scalar_one()` found more than one row.
class SQLA_EXPORT MultipleResultsFound : public InvalidRequestError {
public:
    using InvalidRequestError::InvalidRequestError;
    ~MultipleResultsFound() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// A column name or key was not found in a result row or table.
class SQLA_EXPORT NoSuchColumnError : public InvalidRequestError {
public:
    using InvalidRequestError::InvalidRequestError;
    ~NoSuchColumnError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// A table does not exist (reflection).
class SQLA_EXPORT NoSuchTableError : public InvalidRequestError {
public:
    using InvalidRequestError::InvalidRequestError;
    ~NoSuchTableError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// The dialect does not implement what was asked (reflection of something its database
/// has no catalog for, or that the dialect does not yet read).
class SQLA_EXPORT NotImplementedError : public Error {
public:
    using Error::Error;
    ~NotImplementedError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// A foreign key names a table or column its MetaData does not have.
class SQLA_EXPORT NoReferencedTableError : public InvalidRequestError {
public:
    using InvalidRequestError::InvalidRequestError;
    ~NoReferencedTableError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// A pooled connection was found to be disconnected.
class SQLA_EXPORT DisconnectionError : public Error {
public:
    using Error::Error;
    ~DisconnectionError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// The pool had no connection to give within its timeout.
class SQLA_EXPORT TimeoutError : public Error {
public:
    using Error::Error;
    ~TimeoutError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
};

/// Classes of driver (DBAPI) errors, as PEP 249 names them. A driver reports one of
/// these; the engine raises the matching `DBAPIError` subclass.
enum class DBAPIErrorKind : std::uint8_t {
    interface_error,
    database_error,
    data_error,
    operational_error,
    integrity_error,
    internal_error,
    programming_error,
    not_supported_error,
};

/// What a driver throws: the database client's own error, before the engine attaches
/// the statement and parameters (the DBAPI exception in SQLAlchemy's terms).
class SQLA_EXPORT DriverError : public std::runtime_error {
public:
    /// `sqlstate` is the five-character SQLSTATE where the client reports one, else empty;
    /// `native_code` is the client's own error number; `disconnect` tells the pool that the
    /// connection is unusable.
    DriverError(DBAPIErrorKind kind, const std::string& message, std::string sqlstate = {},
                std::int64_t native_code = 0, bool disconnect = false);
    ~DriverError() override;

    [[nodiscard]] DBAPIErrorKind kind() const noexcept { return kind_; }
    [[nodiscard]] const std::string& sqlstate() const noexcept { return sqlstate_; }
    [[nodiscard]] std::int64_t native_code() const noexcept { return native_code_; }
    [[nodiscard]] bool is_disconnect() const noexcept { return disconnect_; }

private:
    DBAPIErrorKind kind_;
    std::string sqlstate_;
    std::int64_t native_code_;
    bool disconnect_;
};

/// An error that happened while executing a statement: carries the SQL and a rendering
/// of its parameters.
class SQLA_EXPORT StatementError : public Error {
public:
    StatementError(const std::string& message, std::string statement, std::string params,
                   std::source_location where = std::source_location::current());
    ~StatementError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
    [[nodiscard]] const std::string& statement() const noexcept { return statement_; }
    /// The parameters as they were rendered for the message (empty when hidden).
    [[nodiscard]] const std::string& params() const noexcept { return params_; }

private:
    std::string statement_;
    std::string params_;
};

/// A driver (DBAPI) error, wrapped with the statement that caused it.
class SQLA_EXPORT DBAPIError : public StatementError {
public:
    DBAPIError(const std::string& message, std::string statement, std::string params, std::string sqlstate,
               std::int64_t native_code, std::string driver_message, bool connection_invalidated,
               std::source_location where = std::source_location::current());
    ~DBAPIError() override;
    [[nodiscard]] std::string_view code() const noexcept override;
    [[nodiscard]] const std::string& sqlstate() const noexcept { return sqlstate_; }
    [[nodiscard]] std::int64_t native_code() const noexcept { return native_code_; }
    /// The driver's own message, without sqla's context.
    [[nodiscard]] const std::string& driver_message() const noexcept { return driver_message_; }
    /// True when the error meant the connection was lost, and the pool discarded it.
    [[nodiscard]] bool connection_invalidated() const noexcept { return connection_invalidated_; }

private:
    std::string sqlstate_;
    std::int64_t native_code_;
    std::string driver_message_;
    bool connection_invalidated_;
};

#define SQLA_DBAPI_ERROR(Name, Base)                                          \
    class SQLA_EXPORT Name : public Base {                                   \
    public:                                                                  \
        using Base::Base;                                                    \
        ~Name() override;                                                    \
        [[nodiscard]] std::string_view code() const noexcept override;       \
    };

/// The driver's interface to the database failed (not the database itself).
SQLA_DBAPI_ERROR(InterfaceError, DBAPIError)
/// The database reported an error.
SQLA_DBAPI_ERROR(DatabaseError, DBAPIError)
/// A value was out of range, malformed, or of the wrong type for the database.
SQLA_DBAPI_ERROR(DataError, DatabaseError)
/// The database's operation failed for reasons outside the statement (lost connection, lock timeout...).
SQLA_DBAPI_ERROR(OperationalError, DatabaseError)
/// The database rolled the whole transaction back to resolve a conflict with another one
/// (SQLSTATE class 40): a serialization failure (40001: PostgreSQL under SERIALIZABLE or
/// REPEATABLE READ; MySQL and MariaDB deadlocks, 1213; a Galera cluster's certification
/// conflict, at COMMIT) or a deadlock (PostgreSQL's 40P01). Nothing of the transaction was kept,
/// so running it again from its start is safe: `Engine::transaction()` does. psycopg2 calls it
/// TransactionRollbackError too; it is an OperationalError, as there.
SQLA_DBAPI_ERROR(TransactionRollbackError, OperationalError)
/// A constraint was violated (unique, foreign key, not null, check).
SQLA_DBAPI_ERROR(IntegrityError, DatabaseError)
/// The database hit an internal error.
SQLA_DBAPI_ERROR(InternalError, DatabaseError)
/// The statement was wrong: syntax error, missing table, wrong number of parameters.
SQLA_DBAPI_ERROR(ProgrammingError, DatabaseError)
/// The database does not support what was asked.
SQLA_DBAPI_ERROR(NotSupportedError, DatabaseError)
#undef SQLA_DBAPI_ERROR

}  // namespace sqla

/// The exception tree under the names `sqlalchemy.exc` uses: `catch (const sqla::exc::IntegrityError&)`.
/// The same classes as in namespace sqla.
export namespace sqla::exc {
using sqla::AbiMismatchError;
using sqla::ArgumentError;
using sqla::CompileError;
using sqla::DatabaseError;
using sqla::DataError;
using sqla::DBAPIError;
using sqla::DisconnectionError;
using sqla::DriverError;
using sqla::Error;
using sqla::IntegrityError;
using sqla::InterfaceError;
using sqla::InternalError;
using sqla::InvalidRequestError;
using sqla::MultipleResultsFound;
using sqla::NoReferencedTableError;
using sqla::NoResultFound;
using sqla::TransactionRollbackError;
using sqla::NoSuchColumnError;
using sqla::NoSuchModuleError;
using sqla::NoSuchTableError;
using sqla::NotSupportedError;
using sqla::OperationalError;
using sqla::PendingRollbackError;
using sqla::PluginLoadError;
using sqla::ProgrammingError;
using sqla::ResourceClosedError;
using sqla::StatementError;
using sqla::TimeoutError;
using sqla::TypeError;
using sqla::UnsupportedCompilationError;
/// SQLAlchemy's name for the root: `sqlalchemy.exc.SQLAlchemyError`.
using SQLAlchemyError = sqla::Error;
}  // namespace sqla::exc
