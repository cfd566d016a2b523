// sqla: tools/sqla/plugins_command.cpp. `sqla plugins`: what is found, where, and what loads.
// SPDX-License-Identifier: MIT
#include <boost/json.hpp>
#include <fmt/core.h>

#include <exception>
#include <string>
#include <string_view>
#include <vector>

import sqla;

#include "commands.hpp"

namespace sqla::cli {
namespace {

std::string provides(const PluginManifest& m) {
    std::string s;
    for (const auto& d : m.dialects) {
        s += (s.empty() ? "" : ", ") + std::string("dialect ") + d.name;
        if (!d.default_driver.empty()) s += " (default driver " + d.default_driver + ")";
    }
    for (const auto& d : m.drivers) {
        s += (s.empty() ? "" : ", ") + std::string("driver ") + d.name + " for ";
        for (std::size_t i = 0; i < d.dialects.size(); ++i) s += (i ? "/" : "") + d.dialects[i];
    }
    return s;
}

}  // namespace

int plugins_command(const std::vector<std::string_view>& args) {
    bool json_out = false;
    bool try_load = true;
    for (auto a : args) {
        if (a == "--json")
            json_out = true;
        else if (a == "--no-load")
            try_load = false;
        else
            throw ArgumentError("sqla plugins: unknown option \"" + std::string(a) + "\" (use --json, --no-load)");
    }
    auto& reg = registry();
    // Opening each library is what tells whether it loads: a manifest alone cannot.
    if (try_load) {
        for (const auto& p : reg.plugins()) {
            if (!p.manifest || p.shadowed) continue;
            try {
                reg.load(p.manifest->name);
            } catch (const std::exception&) {
                // recorded in the status' error
            }
        }
    }
    const auto plugins = reg.plugins();
    const auto dirs = reg.search_path();
    int broken = 0;
    if (json_out) {
        boost::json::object out;
        boost::json::array search;
        for (const auto& d : dirs) search.push_back({{"path", d.path.string()}, {"origin", d.origin}});
        out["search_path"] = std::move(search);
        boost::json::array list;
        for (const auto& p : plugins) {
            boost::json::object o;
            o["manifest"] = p.manifest_path.string();
            if (p.manifest) {
                o["name"] = p.manifest->name;
                o["version"] = p.manifest->version;
                o["library"] = p.manifest->library.string();
                o["provides"] = provides(*p.manifest);
            }
            o["loaded"] = p.loaded;
            o["shadowed"] = p.shadowed;
            if (!p.error.empty()) {
                o["error"] = p.error;
                ++broken;
            }
            list.push_back(std::move(o));
        }
        out["plugins"] = std::move(list);
        fmt::print("{}\n", boost::json::serialize(out));
        return broken ? 1 : 0;
    }
    // Manifests and folder names are data from the file system: escaped like `sqla inspect`'s names.
    fmt::print("search path:\n");
    for (const auto& d : dirs) fmt::print("  {:<17} {}\n", d.origin, escape(d.path.string()));
    fmt::print("\nplugins:\n");
    if (plugins.empty()) fmt::print("  (none found)\n");
    for (const auto& p : plugins) {
        if (!p.manifest) {
            fmt::print("  ?  {}\n     cannot read manifest: {}\n", escape(p.manifest_path.string()), escape(p.error, true));
            ++broken;
            continue;
        }
        const auto& m = *p.manifest;
        const char* state = p.shadowed ? "shadowed" : !p.error.empty() ? "BROKEN" : p.loaded ? "ok" : "found";
        fmt::print("  {} {} [{}]\n     provides: {}\n     manifest: {}\n     library:  {}\n", escape(m.name),
                   escape(m.version), state, escape(provides(m)), escape(p.manifest_path.string()),
                   escape(m.library.string()));
        if (!p.error.empty()) {
            fmt::print("     error:    {}\n", escape(p.error, true));
            ++broken;
        }
    }
    return broken ? 1 : 0;
}

}  // namespace sqla::cli
