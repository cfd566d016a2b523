// sqla: plugins/oracle/oracle_plugin.hpp. Declarations shared by the Oracle plugin's sources.
// SPDX-License-Identifier: MIT
//
// Include after the std headers and `import sqla;`.
#pragma once

namespace sqla::oracle {

/// The `oracle` dialect.
std::unique_ptr<Dialect> make_dialect();

/// Oracle's upper-case dictionary names as sqla shows them (lower case) and back.
std::string oracle_normalize_name(const IdentifierPreparer& q, std::string_view name);
std::string oracle_denormalize_name(const IdentifierPreparer& q, std::string_view name);
TypeEngine oracle_type(std::string_view data_type, std::optional<std::int64_t> length, std::optional<std::int64_t> precision,
                       std::optional<std::int64_t> scale);

/// The dialect's Reflector, on the ALL_* views; `server_major` is the dialect's own (known after
/// initialize()): Oracle 12c and later have identity columns.
std::unique_ptr<Reflector> make_reflector(const Dialect& dialect, const int& server_major);

}  // namespace sqla::oracle
