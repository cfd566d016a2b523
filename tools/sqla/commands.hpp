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

/// `sqla plugin new NAME [--dir DIR] [--template DIR]`: a new out-of-tree dialect plugin from the
/// SDK's template, its names replaced (`example` becomes NAME, `ExampleDialect` NameDialect).
int plugin_command(const std::vector<std::string_view>& args);

/// `s` safe to print on a terminal: control characters (C0, DEL, the C1 range U+0080-U+009F)
/// become C escapes (`\n`, `\x1b`, `\u009b`), and bytes that are not UTF-8 become `\xNN`;
/// `keep_lines` keeps newlines and tabs (multi-line error messages). Backslashes stay as they
/// are, so SQL text (defaults, CHECK clauses) reads as written.
std::string escape(std::string_view s, bool keep_lines = false);

}  // namespace sqla::cli
