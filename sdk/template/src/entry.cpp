// example: src/entry.cpp. The plugin's entry point: hands sqla the dialect and driver factories.
// SPDX-License-Identifier: MIT
#include <sqla/plugin.h>
#include <sqlite3.h>

#include <memory>
#include <string_view>

import sqla;

#include "example_plugin.hpp"

namespace {

// The registry asks for the names the manifest lists (sqla_add_plugin's DIALECTS and DRIVERS);
// return nullptr for any other name.
std::unique_ptr<sqla::Dialect> create_dialect(std::string_view name) {
    return name == "example" ? example::make_dialect() : nullptr;
}

std::unique_ptr<sqla::Driver> create_driver(std::string_view name) {
    return name == "example_sqlite" ? example::make_driver() : nullptr;
}

}  // namespace

// Defines `sqla_plugin_example`, the symbol the manifest's "entry" names. Must not throw.
SQLA_PLUGIN_ENTRY(example) {
    static const sqla::PluginDescriptor descriptor{sqla::plugin_abi_version, &create_dialect, &create_driver};
    return &descriptor;
}
