// sqla: plugins/mssql/mssql_plugin.hpp. Declarations shared by the SQL Server plugin's sources.
// SPDX-License-Identifier: MIT
//
// Include after the std headers and `import sqla;`.
#pragma once

namespace sqla::mssql {

/// The `mssql` dialect.
std::unique_ptr<Dialect> make_dialect();

TypeEngine mssql_type(std::string_view data_type, std::optional<std::int64_t> length, std::optional<std::int64_t> precision,
                      std::optional<std::int64_t> scale);

/// The dialect's Reflector, on INFORMATION_SCHEMA and the sys views.
std::unique_ptr<Reflector> make_reflector(const Dialect& dialect);

}  // namespace sqla::mssql
