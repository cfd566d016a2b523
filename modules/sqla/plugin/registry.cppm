// sqla: plugin/registry.cppm. PluginRegistry: finds plugin manifests and loads plugins on demand.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

export module sqla:plugin.registry;
import :errors.error;
import :engine.url;
import :dialect.driver;
import :dialect.dialect;
import :plugin.manifest;

export namespace sqla {

/// A folder the registry searches for manifests, and why it is searched.
struct PluginSearchDir {
    std::filesystem::path path;
    /// "registered", "SQLA_PLUGIN_PATH", "installed" or "build tree".
    std::string origin;
};

/// What the registry knows about one manifest it found.
struct PluginStatus {
    std::filesystem::path manifest_path;
    /// The parsed manifest; empty when it could not be read (see `error`).
    std::optional<PluginManifest> manifest;
    /// Why the manifest could not be read, or why the library failed to load when it was tried.
    std::string error;
    /// The plugin's library is open now.
    bool loaded = false;
    /// A plugin of the same name earlier in the search path is used instead of this one.
    bool shadowed = false;
};

/// A dialect and driver instantiated for a URL.
struct ResolvedPlugins {
    std::shared_ptr<Dialect> dialect;
    std::shared_ptr<Driver> driver;
};

/// Finds plugins by their manifests and loads their libraries the first time a URL needs them.
///
/// Search order: plugins given to `register_plugin()`, then each folder of the
/// `SQLA_PLUGIN_PATH` environment variable (':'-separated), then the installed plugin folder
/// (`<libdir>/sqla/plugins` beside the sqla library), then the build tree's. The first plugin
/// of a name wins. Manifests are read without opening libraries; a library stays loaded while
/// any Dialect, Driver or connection made from it lives. Thread-safe.
class SQLA_EXPORT PluginRegistry {
public:
    PluginRegistry();
    ~PluginRegistry();
    PluginRegistry(const PluginRegistry&) = delete;
    PluginRegistry& operator=(const PluginRegistry&) = delete;

    /// The folders searched, in order.
    [[nodiscard]] std::vector<PluginSearchDir> search_path() const;
    /// Every manifest found, in search order, including unreadable ones.
    [[nodiscard]] std::vector<PluginStatus> plugins() const;
    /// Adds the plugin of `manifest_path` ahead of the search path (SQLAlchemy's
    /// `registry.register()`). Throws `PluginLoadError` when the manifest cannot be read.
    void register_plugin(const std::filesystem::path& manifest_path);
    /// Forgets what was found and searches again on next use (loaded plugins stay loaded).
    void rescan();

    /// The dialect and driver a URL names (the dialect's default driver when it names none),
    /// loading their plugins as needed. Throws `NoSuchModuleError` when no plugin provides
    /// them (naming every folder searched), `AbiMismatchError` or `PluginLoadError` when the
    /// plugin cannot be used.
    [[nodiscard]] ResolvedPlugins resolve(const URL& url);
    /// A dialect by name, without a driver, loading its plugin as needed: for compiling
    /// statements with no database (SQLAlchemy's `postgresql.dialect()`). Throws as `resolve()`.
    [[nodiscard]] std::shared_ptr<Dialect> dialect(std::string_view name);
    /// Opens the named plugin's library now and keeps it open while the registry lives.
    /// Throws `NoSuchModuleError` for an unknown name, else as `resolve()` does.
    void load(std::string_view plugin_name);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The process-wide registry used by `create_engine()`.
[[nodiscard]] SQLA_EXPORT PluginRegistry& registry();

}  // namespace sqla
