// sqla: tools/sqla/main.cpp. The `sqla` command: dispatches to subcommands.
// SPDX-License-Identifier: MIT
#include <boost/json.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include <cxxabi.h>

import sqla;

#include "commands.hpp"

#ifndef SQLA_VERSION
#error "SQLA_VERSION must be defined by the build (the CMake project version)"
#endif

namespace {

void usage(std::FILE* out) {
    fmt::print(out,
               "usage: sqla <command> [options]\n"
               "\n"
               "commands:\n"
               "  plugins [--json] [--no-load]\n"
               "                     list the plugins found, where, what each provides, and why one cannot load\n"
               "                     (--no-load: read the manifests only, without opening any library)\n"
               "  inspect URL [--json] [--schema NAME] [--table NAME]...\n"
               "                     the database's tables, columns, keys, indexes and constraints; a SQLite\n"
               "                     file is opened read-only and must exist; a --schema the database lacks\n"
               "                     is an error. Control characters in names print as C escapes (\\x1b)\n"
               "  plugin new NAME [--dir DIR] [--template DIR]\n"
               "                     start an out-of-tree dialect plugin: the SDK's template copied to DIR\n"
               "                     (default ./sqla-NAME) with its names replaced, ready to build\n"
               "  help, --help       show this message\n"
               "  --version          print sqla's version\n"
               "\n"
               "With --json, errors are JSON too, on standard output:\n"
               "  {{\"error\": {{\"type\": \"sqla::ArgumentError\", \"message\": \"...\", \"code\": \"argument-error\"}}}}\n"
               "and a database's error adds its \"sqlstate\" and \"native_code\" where it has them.\n"
               "The exit status is 0 on success, 1 on an error or a broken plugin, 2 for an unknown command.\n");
}

// "sqla::ArgumentError". libstdc++ 12's demangler does not know the module-attachment mangling
// (N4sqlaW4sqla13ArgumentErrorE), so a nested name is read here, leaving out its module.
std::string type_name(const std::exception& e) {
    const std::string_view mangled = typeid(e).name();
    int status = 0;
    char* demangled = abi::__cxa_demangle(mangled.data(), nullptr, nullptr, &status);
    if (status == 0 && demangled) {
        std::string name = demangled;
        std::free(demangled);
        return name;
    }
    std::free(demangled);
    std::string name;
    std::size_t i = mangled.starts_with('N') ? 1 : 0;
    while (i < mangled.size() && mangled[i] != 'E') {
        const bool module = mangled[i] == 'W';
        if (module) ++i;
        std::size_t length = 0;
        while (i < mangled.size() && mangled[i] >= '0' && mangled[i] <= '9') length = length * 10 + (mangled[i++] - '0');
        if (length == 0 || i + length > mangled.size()) return std::string(mangled);  // not a plain nested name
        if (!module) name += (name.empty() ? "" : "::") + std::string(mangled.substr(i, length));
        i += length;
    }
    return name;
}

// The error as JSON, for scripts that parse what `sqla ... --json` prints.
void print_json_error(const std::exception& e) {
    boost::json::object error{{"type", type_name(e)}, {"message", e.what()}};
    if (const auto* se = dynamic_cast<const sqla::Error*>(&e)) error["code"] = std::string(se->code());
    if (const auto* db = dynamic_cast<const sqla::DBAPIError*>(&e)) {
        if (!db->sqlstate().empty()) error["sqlstate"] = db->sqlstate();
        if (db->native_code() != 0) error["native_code"] = db->native_code();
    }
    fmt::print("{}\n", boost::json::serialize(boost::json::object{{"error", std::move(error)}}));
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        usage(args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version" || args[0] == "version") {
        fmt::print("sqla {}\n", SQLA_VERSION);
        return 0;
    }
    const bool json = std::find(args.begin(), args.end(), "--json") != args.end();
    try {
        const auto command = args[0];
        args.erase(args.begin());
        if (command == "plugins") return sqla::cli::plugins_command(args);
        if (command == "inspect") return sqla::cli::inspect_command(args);
        if (command == "plugin") return sqla::cli::plugin_command(args);
        if (json) {
            print_json_error(sqla::ArgumentError("unknown command \"" + std::string(command) + "\""));
            return 2;
        }
        fmt::print(stderr, "sqla: unknown command \"{}\"\n", sqla::cli::escape(command));
        usage(stderr);
        return 2;
    } catch (const std::exception& e) {
        if (json) {
            print_json_error(e);
            return 1;
        }
        // Messages quote names from the database and the command line: escaped like the output.
        fmt::print(stderr, "sqla: {}\n", sqla::cli::escape(e.what(), true));
        return 1;
    }
}
