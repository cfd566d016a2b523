// sqla: plugins/sqlite/entry.cpp. The plugin's entry point: the sqlite dialect and sqlite3 driver.
// SPDX-License-Identifier: MIT
#include <sqla/plugin.h>
#include <sqlite3.h>

#include <string>
#include <map>
#include <vector>
#include <optional>
#include <memory>
#include <string_view>

import sqla;

#include "sqlite_plugin.hpp"

namespace {

std::unique_ptr<sqla::Dialect> create_dialect(std::string_view name) {
    return name == "sqlite" ? sqla::sqlite::make_dialect() : nullptr;
}

std::unique_ptr<sqla::Driver> create_driver(std::string_view name) {
    return name == "sqlite3" ? sqla::sqlite::make_driver() : nullptr;
}

}  // namespace

SQLA_PLUGIN_ENTRY(sqlite) {
    static const sqla::PluginDescriptor descriptor{sqla::plugin_abi_version, &create_dialect, &create_driver};
    return &descriptor;
}
