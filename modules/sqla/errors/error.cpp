// sqla: errors/error.cpp. Out-of-line members of the exception tree (they anchor the vtables).
// SPDX-License-Identifier: MIT
module;
#include <cstdint>
#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>

module sqla:errors.error_impl;
import :errors.error;

namespace sqla {

namespace {
// No message grows without bound: a 4 MB URL or a 70,000-item IN list would otherwise put
// megabytes into what() (and into every log line that prints it). The middle goes; the start
// says what failed, the end usually holds the parameters.
constexpr std::size_t max_message_chars = 16384;

std::string bounded(const std::string& message) {
    if (message.size() <= max_message_chars) return message;
    const std::size_t keep = max_message_chars / 2;
    return message.substr(0, keep) + "\n... (" + std::to_string(message.size() - 2 * keep) +
           " characters truncated) ...\n" + message.substr(message.size() - keep);
}
}  // namespace

Error::Error(const std::string& message, std::source_location where)
    : std::runtime_error(bounded(message)), where_(where) {}
Error::~Error() = default;
std::string_view Error::code() const noexcept { return "error"; }

#define SQLA_ERROR_CODE(Name, Code)                                        \
    Name::~Name() = default;                                               \
    std::string_view Name::code() const noexcept { return Code; }

SQLA_ERROR_CODE(ArgumentError, "argument-error")
SQLA_ERROR_CODE(TypeError, "type-error")
SQLA_ERROR_CODE(NoSuchModuleError, "no-such-module")
SQLA_ERROR_CODE(PluginLoadError, "plugin-load-error")
SQLA_ERROR_CODE(AbiMismatchError, "abi-mismatch")
SQLA_ERROR_CODE(CompileError, "compile-error")
SQLA_ERROR_CODE(UnsupportedCompilationError, "unsupported-compilation")
SQLA_ERROR_CODE(InvalidRequestError, "invalid-request")
SQLA_ERROR_CODE(ResourceClosedError, "resource-closed")
SQLA_ERROR_CODE(PendingRollbackError, "pending-rollback")
SQLA_ERROR_CODE(NoResultFound, "no-result-found")
SQLA_ERROR_CODE(MultipleResultsFound, "multiple-results-found")
SQLA_ERROR_CODE(NoSuchColumnError, "no-such-column")
SQLA_ERROR_CODE(NoSuchTableError, "no-such-table")
SQLA_ERROR_CODE(NotImplementedError, "not-implemented")
SQLA_ERROR_CODE(NoReferencedTableError, "no-referenced-table")
SQLA_ERROR_CODE(DisconnectionError, "disconnection")
SQLA_ERROR_CODE(TimeoutError, "pool-timeout")
SQLA_ERROR_CODE(StatementError, "statement-error")
SQLA_ERROR_CODE(DBAPIError, "dbapi-error")
SQLA_ERROR_CODE(InterfaceError, "interface-error")
SQLA_ERROR_CODE(DatabaseError, "database-error")
SQLA_ERROR_CODE(DataError, "data-error")
SQLA_ERROR_CODE(OperationalError, "operational-error")
SQLA_ERROR_CODE(TransactionRollbackError, "transaction-rollback")
SQLA_ERROR_CODE(IntegrityError, "integrity-error")
SQLA_ERROR_CODE(InternalError, "internal-error")
SQLA_ERROR_CODE(ProgrammingError, "programming-error")
SQLA_ERROR_CODE(NotSupportedError, "not-supported-error")
#undef SQLA_ERROR_CODE

DriverError::DriverError(DBAPIErrorKind kind, const std::string& message, std::string sqlstate, std::int64_t native_code,
                         bool disconnect)
    : std::runtime_error(message), kind_(kind), sqlstate_(std::move(sqlstate)), native_code_(native_code),
      disconnect_(disconnect) {}
DriverError::~DriverError() = default;

StatementError::StatementError(const std::string& message, std::string statement, std::string params,
                               std::source_location where)
    : Error(message, where), statement_(std::move(statement)), params_(std::move(params)) {}

DBAPIError::DBAPIError(const std::string& message, std::string statement, std::string params, std::string sqlstate,
                       std::int64_t native_code, std::string driver_message, bool connection_invalidated,
                       std::source_location where)
    : StatementError(message, std::move(statement), std::move(params), where), sqlstate_(std::move(sqlstate)),
      native_code_(native_code), driver_message_(std::move(driver_message)),
      connection_invalidated_(connection_invalidated) {}

}  // namespace sqla
