// sqla: plugin/abi.cppm. What a plugin library hands the registry: its descriptor and factories.
// SPDX-License-Identifier: MIT
module;
#include <memory>
#include <string_view>

export module sqla:plugin.abi;
import :dialect.driver;
import :dialect.dialect;

export namespace sqla {

/// The plugin ABI version. A plugin's manifest and descriptor must carry the same number;
/// it changes whenever the interfaces a plugin implements change incompatibly.
/// (CMake reads this line: keep it on one line.)
// 6: the Core's seams (issue 21): Capabilities grew, ResultColumn records its expressions,
// execution runs through an ExecutionContext; bumped once for all of that issue's changes.
inline constexpr int plugin_abi_version = 6;

/// What a plugin library's entry point `sqla_plugin_<name>()` returns: the ABI version it was
/// built for and its factories. A factory returns nullptr for a name it does not provide.
/// Factories may throw; the registry reports their exceptions as `PluginLoadError`.
struct PluginDescriptor {
    int abi_version = plugin_abi_version;
    std::unique_ptr<Dialect> (*create_dialect)(std::string_view name) = nullptr;
    std::unique_ptr<Driver> (*create_driver)(std::string_view name) = nullptr;
};

}  // namespace sqla
