// sqla: tests/sqla/plugin/registry_test.cpp. Plugin discovery, lazy loading, unloading and every
// failure the registry reports.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

import sqla;

namespace fs = std::filesystem;

namespace {

bool library_mapped(std::string_view name) {
    std::ifstream maps("/proc/self/maps");
    std::string text((std::istreambuf_iterator<char>(maps)), std::istreambuf_iterator<char>());
    return text.find(name) != std::string::npos;
}

// A plugin folder of its own, put on SQLA_PLUGIN_PATH for the test.
class PluginDir {
public:
    PluginDir() {
        path_ = fs::temp_directory_path() / ("sqla_registry_test_" + std::to_string(::getpid()) + "_" +
                                             std::to_string(counter_++));
        fs::remove_all(path_);
        fs::create_directories(path_);
        ::setenv("SQLA_PLUGIN_PATH", path_.c_str(), 1);
    }
    ~PluginDir() {
        ::unsetenv("SQLA_PLUGIN_PATH");
        fs::remove_all(path_);
    }
    const fs::path& path() const { return path_; }

    // Writes <name>.sqla-plugin.json; `abi` and `compiler` default to this build's.
    void manifest(const std::string& name, const std::string& library, const std::string& dialects,
                  const std::string& drivers, std::optional<int> abi = std::nullopt,
                  std::optional<std::string> compiler = std::nullopt, std::optional<std::string> entry = std::nullopt) {
        std::ofstream out(path_ / (name + ".sqla-plugin.json"));
        out << R"({"name": ")" << name << R"(", "version": "9.9", "abi": )" << abi.value_or(sqla::plugin_abi_version)
            << R"(, "compiler": ")" << compiler.value_or(std::string(sqla::build_compiler_identity()))
            << R"(", "library": ")" << library << R"(", "entry": ")" << entry.value_or("sqla_plugin_" + name)
            << R"(", "dialects": [)" << dialects << R"(], "drivers": [)" << drivers << "]}";
    }
    void raw(const std::string& file, const std::string& text) { std::ofstream(path_ / file) << text; }

private:
    static inline int counter_ = 0;
    fs::path path_;
};

template <class E>
std::string error_of(auto&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("(other exception) ") + e.what();
    }
    return "(no exception)";
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

TEST(Registry, SearchPathOrder) {
    PluginDir dir;
    sqla::PluginRegistry reg;
    auto path = reg.search_path();
    ASSERT_EQ(path.size(), 2u);
    EXPECT_EQ(path[0].origin, "SQLA_PLUGIN_PATH");
    EXPECT_EQ(path[0].path, dir.path());
    EXPECT_EQ(path.back().origin, "build tree");
    EXPECT_EQ(path.back().path, fs::path(SQLA_TEST_BUILD_DIR) / "lib" / "sqla" / "plugins");
}

// Only the folder beside the loaded libsqla.so is searched, never the configured install
// prefix's (<build>/stage for the presets): a stale install there would shadow the plugins
// just built, and an install moved with --prefix would load the build tree's stage. The
// installed side is proven by sqla.consumer, which runs an application against an install.
TEST(Registry, SearchesOnlyTheFolderBesideTheLoadedLibrary) {
    ::unsetenv("SQLA_PLUGIN_PATH");
    sqla::PluginRegistry reg;
    const auto path = reg.search_path();
    ASSERT_EQ(path.size(), 1u);
    EXPECT_EQ(path[0].path, fs::path(SQLA_TEST_BUILD_DIR) / "lib" / "sqla" / "plugins");
    for (const auto& d : path) EXPECT_NE(d.path, fs::path(SQLA_TEST_INSTALL_PLUGIN_DIR)) << d.origin;
    auto msg = error_of<sqla::NoSuchModuleError>([&] { (void)reg.resolve(sqla::make_url("access://")); });
    EXPECT_FALSE(contains(msg, SQLA_TEST_INSTALL_PLUGIN_DIR)) << msg;
}

TEST(Registry, FindsManifestsWithoutOpeningLibraries) {
    sqla::PluginRegistry reg;
    auto plugins = reg.plugins();
    auto it = std::find_if(plugins.begin(), plugins.end(),
                           [](const sqla::PluginStatus& p) { return p.manifest && p.manifest->name == "sqlite"; });
    ASSERT_NE(it, plugins.end());
    EXPECT_FALSE(it->loaded);
    EXPECT_EQ(it->manifest->library, fs::path(SQLA_TEST_SQLITE_LIB));
    EXPECT_FALSE(library_mapped("libsqla_sqlite.so"));
}

TEST(Registry, LoadsOnFirstUseAndUnloadsAfterTheLastObject) {
    ASSERT_FALSE(library_mapped("libsqla_sqlite.so"));
    {
        auto engine = sqla::create_engine("sqlite://");
        EXPECT_TRUE(library_mapped("libsqla_sqlite.so"));
        auto conn = engine.connect();
        auto result = conn.execute(sqla::text("SELECT 1 UNION ALL SELECT 2"));
        {
            auto moved = std::move(engine);  // the engine handle goes away; its state lives on
        }
        // The connection and its result still need the plugin's code.
        EXPECT_TRUE(library_mapped("libsqla_sqlite.so"));
        EXPECT_EQ(result.all().size(), 2u);
    }
    if (const char* nd = std::getenv("SQLA_PLUGIN_NODELETE"); nd && std::string_view(nd) == "1")
        GTEST_SKIP() << "SQLA_PLUGIN_NODELETE=1 keeps libraries mapped";
    EXPECT_FALSE(library_mapped("libsqla_sqlite.so"));
    // And it loads again on the next use.
    auto engine = sqla::create_engine("sqlite://");
    EXPECT_EQ(engine.connect().execute(sqla::text("SELECT 3")).scalar<int>(), 3);
}

TEST(Registry, ExplicitLoadKeepsTheLibraryOpen) {
    sqla::PluginRegistry reg;
    reg.load("sqlite");
    EXPECT_TRUE(library_mapped("libsqla_sqlite.so"));
    auto plugins = reg.plugins();
    auto it = std::find_if(plugins.begin(), plugins.end(),
                           [](const sqla::PluginStatus& p) { return p.manifest && p.manifest->name == "sqlite"; });
    ASSERT_NE(it, plugins.end());
    EXPECT_TRUE(it->loaded);
    EXPECT_TRUE(it->error.empty());
    EXPECT_THROW(reg.load("nonexistent"), sqla::NoSuchModuleError);
}

TEST(Registry, UnknownDialectListsEverySearchedPlace) {
    PluginDir dir;
    sqla::PluginRegistry reg;
    auto msg = error_of<sqla::NoSuchModuleError>([&] { (void)reg.resolve(sqla::make_url("access://u:pw@h/db")); });
    EXPECT_TRUE(contains(msg, "no plugin provides dialect \"access\" (from URL access://u:***@h/db)")) << msg;
    EXPECT_TRUE(contains(msg, "SQLA_PLUGIN_PATH (" + dir.path().string() + ")")) << msg;
    EXPECT_TRUE(contains(msg, "build tree (" + (fs::path(SQLA_TEST_BUILD_DIR) / "lib/sqla/plugins").string() + ")"))
        << msg;
    EXPECT_FALSE(contains(msg, "pw@")) << msg;
}

TEST(Registry, UnsetPluginPathIsSaidSo) {
    ::unsetenv("SQLA_PLUGIN_PATH");
    sqla::PluginRegistry reg;
    auto msg = error_of<sqla::NoSuchModuleError>([&] { (void)reg.resolve(sqla::make_url("access://")); });
    EXPECT_TRUE(contains(msg, "SQLA_PLUGIN_PATH (not set)")) << msg;
}

TEST(Registry, DialectWithoutDefaultDriver) {
    PluginDir dir;
    dir.manifest("nodefault", "libnothing.so", R"({"name": "nodefault"})", "");
    sqla::PluginRegistry reg;
    auto msg = error_of<sqla::NoSuchModuleError>([&] { (void)reg.resolve(sqla::make_url("nodefault://")); });
    EXPECT_TRUE(contains(msg, "names no default driver; write nodefault+<driver>://")) << msg;
}

TEST(Registry, DriverForAnotherDialect) {
    sqla::PluginRegistry reg;
    PluginDir dir;
    dir.manifest("otherdb", "libnothing.so", R"({"name": "otherdb", "default_driver": "sqlite3"})", "");
    reg.rescan();
    auto msg = error_of<sqla::NoSuchModuleError>([&] { (void)reg.resolve(sqla::make_url("otherdb://")); });
    EXPECT_TRUE(contains(msg, "plugin sqlite provides driver \"sqlite3\" for dialects other than \"otherdb\"")) << msg;
    // The odbc driver serves every dialect.
    EXPECT_TRUE(contains(msg, "drivers for it: odbc (plugin odbc)")) << msg;
}

TEST(Registry, UnreadableManifestsAreReportedNotFatal) {
    PluginDir dir;
    dir.raw("broken.sqla-plugin.json", "{ not json");
    sqla::PluginRegistry reg;
    auto plugins = reg.plugins();
    auto it = std::find_if(plugins.begin(), plugins.end(), [&](const sqla::PluginStatus& p) {
        return p.manifest_path == dir.path() / "broken.sqla-plugin.json";
    });
    ASSERT_NE(it, plugins.end());
    EXPECT_FALSE(it->manifest);
    EXPECT_TRUE(contains(it->error, "is invalid: not JSON")) << it->error;
    // Other plugins still work, and a failed lookup mentions the unreadable manifest.
    EXPECT_NO_THROW((void)reg.resolve(sqla::make_url("sqlite://")));
    auto msg = error_of<sqla::NoSuchModuleError>([&] { (void)reg.resolve(sqla::make_url("access://")); });
    EXPECT_TRUE(contains(msg, "unreadable: plugin manifest " + (dir.path() / "broken.sqla-plugin.json").string()))
        << msg;
}

TEST(Registry, AbiMismatchIsCaughtBeforeOpening) {
    PluginDir dir;
    dir.manifest("future", "/nonexistent/libfuture.so", R"({"name": "future", "default_driver": "f"})",
                 R"({"name": "f"})", sqla::plugin_abi_version + 1);
    sqla::PluginRegistry reg;
    auto msg = error_of<sqla::AbiMismatchError>([&] { (void)reg.resolve(sqla::make_url("future://")); });
    EXPECT_TRUE(contains(msg, "was built for plugin ABI " + std::to_string(sqla::plugin_abi_version + 1))) << msg;
    EXPECT_TRUE(contains(msg, (dir.path() / "future.sqla-plugin.json").string())) << msg;
}

TEST(Registry, CompilerMismatchIsCaughtBeforeOpening) {
    PluginDir dir;
    dir.manifest("gccbuilt", "/nonexistent/lib.so", R"({"name": "gccbuilt", "default_driver": "g"})",
                 R"({"name": "g"})", std::nullopt, "GNU-12/libstdc++");
    sqla::PluginRegistry reg;
    auto msg = error_of<sqla::AbiMismatchError>([&] { (void)reg.resolve(sqla::make_url("gccbuilt://")); });
    EXPECT_TRUE(contains(msg, "was built with GNU-12/libstdc++, but this sqla was built with Clang-19/libstdc++"))
        << msg;
}

TEST(Registry, MissingLibraryFile) {
    PluginDir dir;
    dir.manifest("ghost", "libghost.so", R"({"name": "ghost", "default_driver": "g"})", R"({"name": "g"})");
    sqla::PluginRegistry reg;
    auto msg = error_of<sqla::PluginLoadError>([&] { (void)reg.resolve(sqla::make_url("ghost://")); });
    EXPECT_TRUE(contains(msg, "cannot open library " + (dir.path() / "libghost.so").string())) << msg;
    EXPECT_TRUE(contains(msg, "No such file or directory")) << msg;
    // The failure is remembered for `sqla plugins`.
    auto plugins = reg.plugins();
    auto it = std::find_if(plugins.begin(), plugins.end(),
                           [](const sqla::PluginStatus& p) { return p.manifest && p.manifest->name == "ghost"; });
    ASSERT_NE(it, plugins.end());
    EXPECT_TRUE(contains(it->error, "cannot open library")) << it->error;
}

TEST(Registry, LibraryThatIsNotAnObjectFile) {
    PluginDir dir;
    dir.raw("libjunk.so", "this is not an ELF file");
    dir.manifest("junk", "libjunk.so", R"({"name": "junk", "default_driver": "j"})", R"({"name": "j"})");
    sqla::PluginRegistry reg;
    auto msg = error_of<sqla::PluginLoadError>([&] { (void)reg.resolve(sqla::make_url("junk://")); });
    EXPECT_TRUE(contains(msg, "cannot open library")) << msg;
    EXPECT_TRUE(contains(msg, "libjunk.so")) << msg;
}

TEST(Registry, LibraryWithAMissingDependencyShowsTheLoadersMessage) {
    PluginDir dir;
    dir.manifest("needs_dep", SQLA_TEST_NEEDS_DEP_LIB, R"({"name": "needsdep", "default_driver": "n"})",
                 R"({"name": "n"})");
    sqla::PluginRegistry reg;
    auto msg = error_of<sqla::PluginLoadError>([&] { (void)reg.resolve(sqla::make_url("needsdep://")); });
    EXPECT_TRUE(contains(msg, "libsqla_test_dep.so: cannot open shared object file")) << msg;
}

TEST(Registry, LibraryWithoutTheEntryPoint) {
    PluginDir dir;
    dir.manifest("no_entry", SQLA_TEST_NO_ENTRY_LIB, R"({"name": "noentry", "default_driver": "n"})",
                 R"({"name": "n"})");
    sqla::PluginRegistry reg;
    auto msg = error_of<sqla::PluginLoadError>([&] { (void)reg.resolve(sqla::make_url("noentry://")); });
    EXPECT_TRUE(contains(msg, "has no entry point \"sqla_plugin_no_entry\"")) << msg;
}

TEST(Registry, DescriptorWithAnotherAbi) {
    PluginDir dir;
    dir.manifest("wrong_abi", SQLA_TEST_BAD_DESCRIPTOR_LIB, R"({"name": "wrongabi", "default_driver": "w"})",
                 R"({"name": "w"})");
    sqla::PluginRegistry reg;
    auto msg = error_of<sqla::AbiMismatchError>([&] { (void)reg.resolve(sqla::make_url("wrongabi://")); });
    EXPECT_TRUE(contains(msg, "its library reports plugin ABI " + std::to_string(sqla::plugin_abi_version + 1000)))
        << msg;
}

TEST(Registry, NullDescriptorAndMissingFactories) {
    PluginDir dir;
    dir.manifest("null_descriptor", SQLA_TEST_BAD_DESCRIPTOR_LIB, R"({"name": "nulldesc", "default_driver": "n"})",
                 R"({"name": "n"})");
    dir.manifest("no_factories", SQLA_TEST_BAD_DESCRIPTOR_LIB, R"({"name": "nofact", "default_driver": "n2"})",
                 R"({"name": "n2"})");
    dir.manifest("throwing", SQLA_TEST_BAD_DESCRIPTOR_LIB, R"({"name": "throwing", "default_driver": "t"})",
                 R"({"name": "t"})");
    sqla::PluginRegistry reg;
    EXPECT_TRUE(contains(error_of<sqla::PluginLoadError>([&] { (void)reg.resolve(sqla::make_url("nulldesc://")); }),
                         "returned no descriptor"));
    EXPECT_TRUE(contains(error_of<sqla::PluginLoadError>([&] { (void)reg.resolve(sqla::make_url("nofact://")); }),
                         "lists dialect \"nofact\" in its manifest, but its library does not create it"));
    EXPECT_TRUE(contains(error_of<sqla::PluginLoadError>([&] { (void)reg.resolve(sqla::make_url("throwing://")); }),
                         "failed to create dialect \"throwing\": factory exploded"));
}

TEST(Registry, EarlierPluginOfTheSameNameShadowsLaterOnes) {
    PluginDir dir;
    // A second "sqlite" on SQLA_PLUGIN_PATH comes first and wins over the build tree's.
    dir.manifest("sqlite", "libmissing.so", R"({"name": "sqlite", "default_driver": "sqlite3"})",
                 R"({"name": "sqlite3", "dialects": ["sqlite"]})");
    sqla::PluginRegistry reg;
    auto plugins = reg.plugins();
    int shadowed = 0;
    for (const auto& p : plugins)
        if (p.manifest && p.manifest->name == "sqlite" && p.shadowed) ++shadowed;
    EXPECT_EQ(shadowed, 1);
    EXPECT_THROW((void)reg.resolve(sqla::make_url("sqlite://")), sqla::PluginLoadError);
}

TEST(Registry, RegisterPluginTakesPrecedence) {
    PluginDir dir;
    dir.manifest("sqlite", "libmissing.so", R"({"name": "sqlite", "default_driver": "sqlite3"})",
                 R"({"name": "sqlite3", "dialects": ["sqlite"]})");
    sqla::PluginRegistry reg;
    EXPECT_THROW((void)reg.resolve(sqla::make_url("sqlite://")), sqla::PluginLoadError);
    reg.register_plugin(fs::path(SQLA_TEST_BUILD_DIR) / "lib/sqla/plugins/sqlite.sqla-plugin.json");
    auto resolved = reg.resolve(sqla::make_url("sqlite://"));
    EXPECT_EQ(resolved.dialect->name(), "sqlite");
    EXPECT_EQ(reg.search_path().front().origin, "registered");
    EXPECT_THROW(reg.register_plugin(dir.path() / "nonexistent.sqla-plugin.json"), sqla::PluginLoadError);
}

TEST(Registry, ConcurrentResolvesShareOneLoad) {
    sqla::PluginRegistry reg;
    std::vector<std::shared_ptr<sqla::Dialect>> dialects(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < dialects.size(); ++i)
        threads.emplace_back([&, i] { dialects[i] = reg.resolve(sqla::make_url("sqlite://")).dialect; });
    for (auto& t : threads) t.join();
    for (const auto& d : dialects) EXPECT_EQ(d->name(), "sqlite");
}

}  // namespace
