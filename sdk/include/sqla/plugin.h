// sqla: sdk/include/sqla/plugin.h. The entry-point macro every plugin library defines once.
// SPDX-License-Identifier: MIT
#pragma once

/// Declares the plugin's single entry point, `sqla_plugin_<name>`, with C linkage and
/// default visibility, as the manifest's "entry" names it. Use it once per plugin:
///
///     SQLA_PLUGIN_ENTRY(sqlite) {
///         static const sqla::PluginDescriptor d{ ... };
///         return &d;
///     }
///
/// The function must not throw; the registry calls it right after opening the library.
#define SQLA_PLUGIN_ENTRY(name) \
    extern "C" __attribute__((visibility("default"))) const ::sqla::PluginDescriptor* sqla_plugin_##name() noexcept
