// sqla: plugins/mysql/entry.cpp. The plugin's entry point: the mysql and mariadb dialects and the
// mysqlclient driver.
// SPDX-License-Identifier: MIT
#include <sqla/plugin.h>

#include <string>
#include <map>
#include <vector>
#include <optional>
#include <memory>
#include <string_view>

import sqla;

#include "mysql_plugin.hpp"

namespace {

std::unique_ptr<sqla::Dialect> create_dialect(std::string_view name) {
    return name == "mysql" || name == "mariadb" ? sqla::mysql::make_dialect(name) : nullptr;
}

std::unique_ptr<sqla::Driver> create_driver(std::string_view name) {
    return name == "mysqlclient" ? sqla::mysql::make_driver() : nullptr;
}

}  // namespace

SQLA_PLUGIN_ENTRY(mysql) {
    static const sqla::PluginDescriptor descriptor{sqla::plugin_abi_version, &create_dialect, &create_driver};
    return &descriptor;
}
