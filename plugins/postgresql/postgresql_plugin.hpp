// sqla: plugins/postgresql/postgresql_plugin.hpp. Declarations shared by the PostgreSQL plugin's sources.
// SPDX-License-Identifier: MIT
//
// Include after the std headers and `import sqla;` (macros and std names do not travel through
// `import`, so each source brings its own).
#pragma once

namespace sqla::postgresql {

/// The `postgresql` dialect.
std::unique_ptr<Dialect> make_dialect();
/// The `libpq` driver, on PostgreSQL's C client library.
std::unique_ptr<Driver> make_driver();

}  // namespace sqla::postgresql
