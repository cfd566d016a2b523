// sqla: tools/sqla/main.cpp. The `sqla` command: dispatches to subcommands.
// SPDX-License-Identifier: MIT
#include <fmt/core.h>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

import sqla;

#include "commands.hpp"

namespace {

void usage(std::FILE* out) {
    fmt::print(out,
               "usage: sqla <command> [options]\n"
               "\n"
               "commands:\n"
               "  plugins [--json]   list the plugins found, where, what each provides, and why one cannot load\n"
               "  inspect URL [--json] [--schema NAME] [--table NAME]...\n"
               "                     the database's tables, columns, keys, indexes and constraints\n"
               "  help               show this message\n");
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        usage(args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    try {
        const auto command = args[0];
        args.erase(args.begin());
        if (command == "plugins") return sqla::cli::plugins_command(args);
        if (command == "inspect") return sqla::cli::inspect_command(args);
        fmt::print(stderr, "sqla: unknown command \"{}\"\n", command);
        usage(stderr);
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "sqla: {}\n", e.what());
        return 1;
    }
}
