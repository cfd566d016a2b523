// sqla: tools/sqla/plugin_command.cpp. `sqla plugin new NAME`: a new out-of-tree dialect plugin,
// copied from the SDK's template with its names replaced, ready to build against an installed sqla.
// SPDX-License-Identifier: MIT
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

import sqla;

#include "commands.hpp"

#ifndef SQLA_SOURCE_TEMPLATE_DIR
#error "SQLA_SOURCE_TEMPLATE_DIR must be defined by the build (sdk/template in the source tree)"
#endif

namespace fs = std::filesystem;

namespace sqla::cli {

namespace {

// A plugin name becomes a C++ namespace, a library name, a CMake target and a URL scheme: a
// lower-case identifier keeps all of those valid.
void check_name(std::string_view name) {
    const bool valid = !name.empty() && name.size() <= 40 && std::islower(static_cast<unsigned char>(name[0])) &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                           return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                                  c == '_';
                       });
    if (!valid)
        throw ArgumentError("invalid plugin name \"" + std::string(name) +
                            "\": use a lower-case letter, then lower-case letters, digits and _ (at most 40), as in "
                            "\"acme\" or \"acme_db\"");
    if (name == "example") throw ArgumentError("\"example\" is the template's own name; choose your dialect's");
}

// "acme_db" -> "AcmeDb", for class names (ExampleDialect -> AcmeDbDialect).
std::string camel(std::string_view name) {
    std::string out;
    bool upper = true;
    for (char c : name) {
        if (c == '_') {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return out;
}

std::string upper(std::string_view name) {
    std::string out(name);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// The template's names, in each of their spellings, replaced by the plugin's.
std::string rename(std::string text, std::string_view name) {
    text = replace_all(std::move(text), "EXAMPLE", upper(name));
    text = replace_all(std::move(text), "Example", camel(name));
    return replace_all(std::move(text), "example", name);
}

// The directory holding the running program (/proc/self/exe), if it can be read.
std::optional<fs::path> program_dir() {
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return std::nullopt;
    return exe.parent_path();
}

// The template: --template, else the one installed beside this program (<prefix>/share/sqla),
// else the source tree's (a program run from its build tree).
fs::path find_template(const std::optional<std::string>& given) {
    std::vector<fs::path> candidates;
    if (given) {
        candidates.emplace_back(*given);
    } else {
        if (auto dir = program_dir()) candidates.push_back(*dir / ".." / "share" / "sqla" / "template");
        candidates.emplace_back(SQLA_SOURCE_TEMPLATE_DIR);
    }
    for (const auto& c : candidates)
        if (fs::is_regular_file(c / "CMakeLists.txt") && fs::is_directory(c / "src")) return fs::weakly_canonical(c);
    std::string looked;
    for (const auto& c : candidates) looked += "\n  " + c.string();
    throw ArgumentError("no plugin template found (a folder with CMakeLists.txt and src/); looked in:" + looked +
                        "\nname one with --template DIR");
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ArgumentError("cannot read " + path.string());
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw ArgumentError("cannot write " + path.string());
}

int new_plugin(const std::vector<std::string_view>& args) {
    std::optional<std::string> name, dir, template_dir;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw ArgumentError(std::string(args[i]) + " needs a value");
            return std::string(args[++i]);
        };
        if (args[i] == "--dir")
            dir = value();
        else if (args[i] == "--template")
            template_dir = value();
        else if (!args[i].starts_with("--") && !name)
            name = std::string(args[i]);
        else
            throw ArgumentError("unknown argument \"" + std::string(args[i]) + "\" for sqla plugin new");
    }
    if (!name) throw ArgumentError("usage: sqla plugin new NAME [--dir DIR] [--template DIR]");
    check_name(*name);
    const fs::path source = find_template(template_dir);
    const fs::path target = fs::absolute(dir ? fs::path(*dir) : fs::path("sqla-" + *name));
    std::error_code ec;
    if (fs::exists(target, ec) && !(fs::is_directory(target) && fs::is_empty(target)))
        throw ArgumentError(target.string() + " exists and is not an empty folder; choose another with --dir");

    // Copied in full before anything is written, so a failure leaves no half-made plugin.
    std::vector<std::pair<fs::path, std::string>> files;
    for (const auto& entry : fs::recursive_directory_iterator(source)) {
        if (!entry.is_regular_file()) continue;
        const fs::path relative = fs::relative(entry.path(), source);
        if (relative.begin()->string().starts_with("build")) continue;  // a build tree inside the template
        files.emplace_back(fs::path(rename(relative.string(), *name)), rename(read_file(entry.path()), *name));
    }
    for (const auto& [relative, text] : files) {
        fs::create_directories((target / relative).parent_path());
        write_file(target / relative, text);
    }
    fmt::print("created plugin \"{}\" in {} ({} files, from {})\n", *name, escape(target.string()), files.size(),
               escape(source.string()));
    fmt::print("build it against an installed sqla:\n"
               "  cmake -S {0} -B {0}/build -DCMAKE_PREFIX_PATH=<sqla prefix> -D{1}_BUILD_TESTS=ON\n"
               "  cmake --build {0}/build\n"
               "and load it with SQLA_PLUGIN_PATH={0}/build/sqla-plugins, URL {2}://\n",
               escape(target.string()), upper(*name), *name);
    return 0;
}

}  // namespace

int plugin_command(const std::vector<std::string_view>& args) {
    if (args.empty() || args[0] != "new")
        throw ArgumentError("usage: sqla plugin new NAME [--dir DIR] [--template DIR]");
    return new_plugin(std::vector<std::string_view>(args.begin() + 1, args.end()));
}

}  // namespace sqla::cli
