// sqla: plugin/registry.cpp. Plugin discovery and loading with Boost.DLL.
// SPDX-License-Identifier: MIT
module;
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

module sqla;

#ifndef SQLA_INSTALL_PLUGIN_DIR
#error "SQLA_INSTALL_PLUGIN_DIR must be defined by the build"
#endif
#ifndef SQLA_BUILD_DIR
#error "SQLA_BUILD_DIR must be defined by the build"
#endif

namespace sqla {
namespace fs = std::filesystem;

namespace {

// An open plugin library; shared by every object made from it, so it closes after the last.
struct LoadedLibrary {
    boost::dll::shared_library library;
    const PluginDescriptor* descriptor = nullptr;
};

struct Entry {
    PluginStatus status;
    std::weak_ptr<LoadedLibrary> loaded;
    // Set by PluginRegistry::load(): keeps the library open for the registry's lifetime.
    std::shared_ptr<LoadedLibrary> pinned;
};

std::string join_dirs(const std::vector<PluginSearchDir>& dirs) {
    std::string s;
    std::string origin;
    for (const auto& d : dirs) {
        if (d.origin != origin) {
            if (!origin.empty()) s += "), ";
            s += d.origin + " (";
            origin = d.origin;
        } else {
            s += ", ";
        }
        s += d.path.string();
    }
    if (!origin.empty()) s += ')';
    return s;
}

// Paths compared as normalised paths, component by component (not as string prefixes).
bool same_path(const fs::path& a, const fs::path& b) {
    return a.lexically_normal().lexically_relative(b.lexically_normal()) == fs::path(".");
}

}  // namespace

struct PluginRegistry::Impl {
    mutable std::mutex mutex;
    std::vector<fs::path> registered;
    bool scanned = false;
    std::vector<PluginSearchDir> dirs;
    std::vector<Entry> entries;

    std::vector<PluginSearchDir> compute_search_path() const {
        std::vector<PluginSearchDir> out;
        auto add = [&](fs::path p, std::string origin) {
            p = p.lexically_normal();
            for (const auto& d : out)
                if (d.path == p) return;
            out.push_back({std::move(p), std::move(origin)});
        };
        if (const char* env = std::getenv("SQLA_PLUGIN_PATH")) {
            std::string_view rest = env;
            while (!rest.empty()) {
                auto colon = rest.find(':');
                auto item = rest.substr(0, colon);
                if (!item.empty()) add(fs::path(item), "SQLA_PLUGIN_PATH");
                rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
            }
        }
        // The folder beside the loaded sqla library, and only that one: the install's, or the
        // build tree's when this library is the one in the build tree (both use the same
        // relative layout). The configured install folder compiled in is not searched beside
        // it: an install moved with `cmake --install --prefix` would otherwise also load the
        // plugins of <build>/stage, and the build tree's library a stale install's.
        fs::path core_dir;
        try {
            core_dir = fs::path(boost::dll::this_line_location().string()).parent_path();
        } catch (const std::exception&) {
        }
        if (core_dir.empty()) {
            // The library's own path is unknown (it always is known on Linux): the configured one.
            add(fs::path(SQLA_INSTALL_PLUGIN_DIR), "installed");
            return out;
        }
        const fs::path build_dir = SQLA_BUILD_DIR;
        // The build tree keeps libsqla.so in <build>/lib; an install staged under the build
        // folder (<build>/stage/lib) is an install, not the build tree.
        const bool in_build_tree = same_path(core_dir, build_dir / "lib");
        add(core_dir / "sqla" / "plugins", in_build_tree ? "build tree" : "installed");
        return out;
    }

    void add_manifest(const fs::path& path) {
        Entry e;
        e.status.manifest_path = path;
        try {
            e.status.manifest = read_manifest(path);
        } catch (const PluginLoadError& err) {
            e.status.error = err.what();
        }
        if (e.status.manifest) {
            for (const auto& other : entries)
                if (other.status.manifest && other.status.manifest->name == e.status.manifest->name)
                    e.status.shadowed = true;
        }
        entries.push_back(std::move(e));
    }

    void scan_locked() {
        if (scanned) return;
        // Keep entries whose libraries are open, so a rescan never loses track of them.
        std::vector<Entry> keep;
        for (auto& e : entries)
            if (!e.loaded.expired()) keep.push_back(std::move(e));
        entries = std::move(keep);
        auto already = [&](const fs::path& p) {
            return std::any_of(entries.begin(), entries.end(),
                               [&](const Entry& e) { return e.status.manifest_path == p; });
        };
        dirs.clear();
        for (const auto& r : registered) dirs.push_back({r.parent_path(), "registered"});
        for (const auto& r : registered)
            if (!already(r)) add_manifest(r);
        for (auto& d : compute_search_path()) {
            std::error_code ec;
            std::vector<fs::path> found;
            for (fs::directory_iterator it(d.path, ec), end; !ec && it != end; it.increment(ec)) {
                const auto name = it->path().filename().string();
                if (name.ends_with(".sqla-plugin.json")) found.push_back(it->path());
            }
            std::sort(found.begin(), found.end());
            for (const auto& f : found)
                if (!already(f)) add_manifest(f);
            dirs.push_back(std::move(d));
        }
        scanned = true;
    }

    std::vector<PluginSearchDir> searched_dirs() const {
        std::vector<PluginSearchDir> out;
        for (const auto& d : dirs)
            if (d.origin != "registered") out.push_back(d);
        return out;
    }

    std::string searched() const {
        std::string s = "searched ";
        if (!std::getenv("SQLA_PLUGIN_PATH")) s += "SQLA_PLUGIN_PATH (not set), ";
        s += join_dirs(searched_dirs());
        return s;
    }

    std::string found_summary() const {
        std::string s;
        for (const auto& e : entries) {
            if (!e.status.manifest || e.status.shadowed) continue;
            const auto& m = *e.status.manifest;
            s += s.empty() ? "; found " : ", ";
            s += m.name + " (";
            std::string sep;
            for (const auto& d : m.dialects) {
                s += sep + "dialect " + d.name;
                sep = ", ";
            }
            for (const auto& d : m.drivers) {
                s += sep + "driver " + d.name;
                sep = ", ";
            }
            s += ')';
        }
        if (s.empty()) s = "; found no plugins";
        for (const auto& e : entries)
            if (!e.status.manifest) s += "; unreadable: " + e.status.error;
        return s;
    }

    Entry* find_plugin(std::string_view name) {
        for (auto& e : entries)
            if (e.status.manifest && !e.status.shadowed && e.status.manifest->name == name) return &e;
        return nullptr;
    }

    std::shared_ptr<LoadedLibrary> open(Entry& e) {
        if (auto lib = e.loaded.lock()) return lib;
        const auto& m = *e.status.manifest;
        const std::string where = "plugin " + m.name + " (" + e.status.manifest_path.string() + ")";
        try {
            if (m.abi != plugin_abi_version)
                throw AbiMismatchError(where + " was built for plugin ABI " + std::to_string(m.abi) +
                                       ", but this sqla has plugin ABI " + std::to_string(plugin_abi_version) +
                                       "; rebuild the plugin against this sqla");
            if (m.compiler != build_compiler_identity())
                throw AbiMismatchError(where + " was built with " + m.compiler + ", but this sqla was built with " +
                                       std::string(build_compiler_identity()) +
                                       "; core and plugins must share compiler and standard library");
            auto lib = std::make_shared<LoadedLibrary>();
            auto mode = boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local;
            // A resident plugin stays mapped to the end of the process, even past the registry
            // (its client library's state must outlive every unload). Sanitizer runs keep all
            // libraries mapped so leak reports can symbolize (TOOLCHAIN.md §9).
            const char* nd = std::getenv("SQLA_PLUGIN_NODELETE");
            if (m.resident || (nd && std::string_view(nd) == "1"))
                mode = mode | static_cast<boost::dll::load_mode::type>(RTLD_NODELETE);
            try {
                lib->library.load(boost::dll::fs::path(m.library.string()), mode);
            } catch (const std::exception& err) {
                throw PluginLoadError(where + ": cannot open library " + m.library.string() + ": " + err.what());
            }
            if (!lib->library.has(m.entry))
                throw PluginLoadError(where + ": library " + m.library.string() + " has no entry point \"" + m.entry +
                                      "\" (define it with SQLA_PLUGIN_ENTRY)");
            auto entry = lib->library.get<const PluginDescriptor*()>(m.entry);
            lib->descriptor = entry();
            if (!lib->descriptor)
                throw PluginLoadError(where + ": entry point \"" + m.entry + "\" returned no descriptor");
            if (lib->descriptor->abi_version != plugin_abi_version)
                throw AbiMismatchError(where + ": its library reports plugin ABI " +
                                       std::to_string(lib->descriptor->abi_version) + ", but this sqla has plugin ABI " +
                                       std::to_string(plugin_abi_version));
            e.loaded = lib;
            if (m.resident) e.pinned = lib;
            e.status.error.clear();
            return lib;
        } catch (const PluginLoadError& err) {
            e.status.error = err.what();
            throw;
        }
    }

    // Calls the plugin's factory for a Dialect or Driver (`what` says which) and ties the
    // object's lifetime to the library: the deleter keeps the library open until it is gone.
    template <class T>
    std::shared_ptr<T> make(Entry& e, std::string_view name, std::string_view what,
                            std::unique_ptr<T> (*PluginDescriptor::*factory)(std::string_view)) {
        auto lib = open(e);
        const auto& m = *e.status.manifest;
        std::unique_ptr<T> object;
        if (auto create = lib->descriptor->*factory) {
            try {
                object = create(name);
            } catch (const std::exception& err) {
                throw PluginLoadError("plugin " + m.name + " failed to create " + std::string(what) + " \"" +
                                      std::string(name) + "\": " + err.what());
            }
        }
        if (!object)
            throw PluginLoadError("plugin " + m.name + " lists " + std::string(what) + " \"" + std::string(name) +
                                  "\" in its manifest, but its library does not create it");
        return std::shared_ptr<T>(object.release(), [lib](T* p) { delete p; });
    }
};

PluginRegistry::PluginRegistry() : impl_(std::make_unique<Impl>()) {}
PluginRegistry::~PluginRegistry() = default;

std::vector<PluginSearchDir> PluginRegistry::search_path() const {
    std::lock_guard lock(impl_->mutex);
    std::vector<PluginSearchDir> out;
    for (const auto& r : impl_->registered) out.push_back({r.parent_path(), "registered"});
    for (auto& d : impl_->compute_search_path()) out.push_back(std::move(d));
    return out;
}

std::vector<PluginStatus> PluginRegistry::plugins() const {
    std::lock_guard lock(impl_->mutex);
    impl_->scan_locked();
    std::vector<PluginStatus> out;
    for (const auto& e : impl_->entries) {
        out.push_back(e.status);
        out.back().loaded = !e.loaded.expired();
    }
    return out;
}

void PluginRegistry::register_plugin(const fs::path& manifest_path) {
    auto manifest = read_manifest(manifest_path);  // fail now, not on first use
    std::lock_guard lock(impl_->mutex);
    auto path = fs::absolute(manifest_path).lexically_normal();
    impl_->registered.erase(std::remove(impl_->registered.begin(), impl_->registered.end(), path),
                            impl_->registered.end());
    impl_->registered.insert(impl_->registered.begin(), path);
    // Drop a previous entry of the same plugin name that is not loaded, so the new one wins.
    std::erase_if(impl_->entries, [&](const Entry& e) {
        return e.loaded.expired() && e.status.manifest && e.status.manifest->name == manifest.name;
    });
    impl_->scanned = false;
}

void PluginRegistry::rescan() {
    std::lock_guard lock(impl_->mutex);
    impl_->scanned = false;
}

void PluginRegistry::load(std::string_view plugin_name) {
    std::lock_guard lock(impl_->mutex);
    impl_->scan_locked();
    auto* e = impl_->find_plugin(plugin_name);
    if (!e)
        throw NoSuchModuleError("no plugin named \"" + std::string(plugin_name) + "\": " + impl_->searched() +
                                impl_->found_summary());
    e->pinned = impl_->open(*e);
}

std::shared_ptr<Dialect> PluginRegistry::dialect(std::string_view name) {
    std::lock_guard lock(impl_->mutex);
    impl_->scan_locked();
    for (auto& e : impl_->entries) {
        if (!e.status.manifest || e.status.shadowed) continue;
        for (const auto& d : e.status.manifest->dialects)
            if (d.name == name) return impl_->make(e, name, "dialect", &PluginDescriptor::create_dialect);
    }
    throw NoSuchModuleError("no plugin provides dialect \"" + std::string(name) + "\": " + impl_->searched() +
                            impl_->found_summary());
}

ResolvedPlugins PluginRegistry::resolve(const URL& url) {
    std::lock_guard lock(impl_->mutex);
    impl_->scan_locked();
    const std::string dialect_name(url.backend_name());

    Entry* dialect_plugin = nullptr;
    const PluginManifest::DialectEntry* dialect_entry = nullptr;
    for (auto& e : impl_->entries) {
        if (!e.status.manifest || e.status.shadowed) continue;
        for (const auto& d : e.status.manifest->dialects)
            if (d.name == dialect_name) {
                dialect_plugin = &e;
                dialect_entry = &d;
                break;
            }
        if (dialect_plugin) break;
    }
    if (!dialect_plugin)
        throw NoSuchModuleError("no plugin provides dialect \"" + dialect_name + "\" (from URL " + url.render() +
                                "): " + impl_->searched() + impl_->found_summary());

    std::string driver_name(url.driver_name());
    if (driver_name.empty()) driver_name = dialect_entry->default_driver;
    if (driver_name.empty())
        throw NoSuchModuleError("dialect \"" + dialect_name + "\" (plugin " + dialect_plugin->status.manifest->name +
                                ") names no default driver; write " + dialect_name + "+<driver>:// in the URL");

    Entry* driver_plugin = nullptr;
    std::string candidates;
    std::string wrong_dialect;
    for (auto& e : impl_->entries) {
        if (!e.status.manifest || e.status.shadowed) continue;
        for (const auto& d : e.status.manifest->drivers) {
            const bool serves = d.serves(dialect_name);
            if (serves)
                candidates += (candidates.empty() ? "" : ", ") + d.name + " (plugin " + e.status.manifest->name + ")";
            if (d.name != driver_name) continue;
            if (serves) {
                if (!driver_plugin) driver_plugin = &e;
            } else {
                wrong_dialect = "plugin " + e.status.manifest->name + " provides driver \"" + driver_name +
                                "\" for dialects other than \"" + dialect_name + "\"; ";
            }
        }
    }
    if (!driver_plugin)
        throw NoSuchModuleError("no plugin provides driver \"" + driver_name + "\" for dialect \"" + dialect_name +
                                "\": " + wrong_dialect + "drivers for it: " +
                                (candidates.empty() ? std::string("none") : candidates) + "; " + impl_->searched());

    ResolvedPlugins out;
    out.dialect = impl_->make(*dialect_plugin, dialect_name, "dialect", &PluginDescriptor::create_dialect);
    out.driver = impl_->make(*driver_plugin, driver_name, "driver", &PluginDescriptor::create_driver);
    return out;
}

PluginRegistry& registry() {
    static PluginRegistry instance;
    return instance;
}

}  // namespace sqla
