// sqla: plugins/postgresql/entry.cpp. The plugin's entry point: the postgresql dialect and libpq driver.
// SPDX-License-Identifier: MIT
#include <sqla/plugin.h>

#include <string>
#include <vector>
#include <optional>
#include <cstdint>
#include <map>
#include <memory>
#include <string_view>

import sqla;

#include "postgresql_plugin.hpp"

namespace {

std::unique_ptr<sqla::Dialect> create_dialect(std::string_view name) {
    return name == "postgresql" ? sqla::postgresql::make_dialect() : nullptr;
}

std::unique_ptr<sqla::Driver> create_driver(std::string_view name) {
    return name == "libpq" ? sqla::postgresql::make_driver() : nullptr;
}

}  // namespace

SQLA_PLUGIN_ENTRY(postgresql) {
    static const sqla::PluginDescriptor descriptor{sqla::plugin_abi_version, &create_dialect, &create_driver};
    return &descriptor;
}
