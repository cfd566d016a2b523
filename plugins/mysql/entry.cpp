// sqla: plugins/mysql/entry.cpp. The plugin's entry point: the mysql dialect.
// SPDX-License-Identifier: MIT
#include <sqla/plugin.h>

#include <memory>
#include <string_view>

import sqla;

namespace sqla::mysql {
std::unique_ptr<Dialect> make_dialect();
}  // namespace sqla::mysql

namespace {
std::unique_ptr<sqla::Dialect> create_dialect(std::string_view name) {
    return name == "mysql" || name == "mariadb" ? sqla::mysql::make_dialect() : nullptr;
}
}  // namespace

SQLA_PLUGIN_ENTRY(mysql) {
    static const sqla::PluginDescriptor descriptor{sqla::plugin_abi_version, &create_dialect, nullptr};
    return &descriptor;
}
