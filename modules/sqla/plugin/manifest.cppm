// sqla: plugin/manifest.cppm. PluginManifest: what a plugin provides, read without opening it.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

export module sqla:plugin.manifest;
import :errors.error;

export namespace sqla {

/// The contents of a `<name>.sqla-plugin.json` manifest.
struct SQLA_EXPORT PluginManifest {
    struct DialectEntry {
        std::string name;
        /// The driver used when a URL names only the dialect; empty when none.
        std::string default_driver;
    };
    struct DriverEntry {
        std::string name;
        /// Dialects this driver serves; "*" serves any.
        std::vector<std::string> dialects;
        [[nodiscard]] bool serves(std::string_view dialect) const;
    };

    std::string name;
    std::string version;
    int abi = 0;
    /// Compiler and standard library the plugin was built with, e.g. "Clang-19/libstdc++".
    std::string compiler;
    /// The library file, resolved against the manifest's folder.
    std::filesystem::path library;
    /// The entry point's symbol name.
    std::string entry;
    /// Once loaded, the library stays loaded for the rest of the process ("resident": true):
    /// for plugins whose client library cannot be unloaded cleanly (libpq and its TLS and
    /// Kerberos libraries keep what they allocate when first loaded).
    bool resident = false;
    std::vector<DialectEntry> dialects;
    std::vector<DriverEntry> drivers;
    /// The manifest file itself.
    std::filesystem::path path;
};

/// Parses manifest JSON. `path` is where it came from: messages name it and `library` is
/// resolved against its folder. Throws `PluginLoadError` saying which field is missing or wrong.
[[nodiscard]] SQLA_EXPORT PluginManifest parse_manifest(std::string_view json, const std::filesystem::path& path);

/// Reads and parses a manifest file. Throws `PluginLoadError` when it cannot be read or parsed.
[[nodiscard]] SQLA_EXPORT PluginManifest read_manifest(const std::filesystem::path& path);

/// "Clang-19/libstdc++": the compiler and standard library this sqla was built with, which a
/// plugin's manifest must match.
[[nodiscard]] SQLA_EXPORT std::string_view build_compiler_identity() noexcept;

}  // namespace sqla
