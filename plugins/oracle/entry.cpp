// sqla: plugins/oracle/entry.cpp. The plugin's entry point: the oracle dialect.
// SPDX-License-Identifier: MIT
#include <sqla/plugin.h>

#include <memory>
#include <string_view>

import sqla;

namespace sqla::oracle {
std::unique_ptr<Dialect> make_dialect();
}  // namespace sqla::oracle

namespace {
std::unique_ptr<sqla::Dialect> create_dialect(std::string_view name) {
    return name == "oracle" ? sqla::oracle::make_dialect() : nullptr;
}
}  // namespace

SQLA_PLUGIN_ENTRY(oracle) {
    static const sqla::PluginDescriptor descriptor{sqla::plugin_abi_version, &create_dialect, nullptr};
    return &descriptor;
}
