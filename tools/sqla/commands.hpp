// sqla: tools/sqla/commands.hpp. The subcommands of the `sqla` program.
// SPDX-License-Identifier: MIT
//
// Include after the std headers and `import sqla;`.
#pragma once

namespace sqla::cli {

/// `sqla plugins [--json] [--no-load]`: every manifest found, in search order.
int plugins_command(const std::vector<std::string_view>& args);

/// `sqla inspect URL [--json] [--schema NAME] [--table NAME]...`: the schema the Inspector reads.
int inspect_command(const std::vector<std::string_view>& args);

}  // namespace sqla::cli
