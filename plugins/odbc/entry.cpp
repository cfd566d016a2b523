// sqla: plugins/odbc/entry.cpp. The plugin's entry point: the odbc driver, for any dialect.
// SPDX-License-Identifier: MIT
#include <sqla/plugin.h>

#include <memory>
#include <string_view>

import sqla;

namespace sqla::odbc {
std::unique_ptr<Driver> make_driver();
}  // namespace sqla::odbc

namespace {
std::unique_ptr<sqla::Driver> create_driver(std::string_view name) {
    return name == "odbc" ? sqla::odbc::make_driver() : nullptr;
}
}  // namespace

SQLA_PLUGIN_ENTRY(odbc) {
    static const sqla::PluginDescriptor descriptor{sqla::plugin_abi_version, nullptr, &create_driver};
    return &descriptor;
}
