// sqla: plugins/postgresql/entry.cpp. The plugin's entry point: the postgresql dialect.
// SPDX-License-Identifier: MIT
#include <sqla/plugin.h>

#include <memory>
#include <string_view>

import sqla;

namespace sqla::postgresql {
std::unique_ptr<Dialect> make_dialect();
}  // namespace sqla::postgresql

namespace {
std::unique_ptr<sqla::Dialect> create_dialect(std::string_view name) {
    return name == "postgresql" ? sqla::postgresql::make_dialect() : nullptr;
}
}  // namespace

SQLA_PLUGIN_ENTRY(postgresql) {
    static const sqla::PluginDescriptor descriptor{sqla::plugin_abi_version, &create_dialect, nullptr};
    return &descriptor;
}
