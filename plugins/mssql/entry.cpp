// sqla: plugins/mssql/entry.cpp. The plugin's entry point: the mssql dialect.
// SPDX-License-Identifier: MIT
#include <sqla/plugin.h>

#include <memory>
#include <string_view>

import sqla;

namespace sqla::mssql {
std::unique_ptr<Dialect> make_dialect();
}  // namespace sqla::mssql

namespace {
std::unique_ptr<sqla::Dialect> create_dialect(std::string_view name) {
    return name == "mssql" ? sqla::mssql::make_dialect() : nullptr;
}
}  // namespace

SQLA_PLUGIN_ENTRY(mssql) {
    static const sqla::PluginDescriptor descriptor{sqla::plugin_abi_version, &create_dialect, nullptr};
    return &descriptor;
}
