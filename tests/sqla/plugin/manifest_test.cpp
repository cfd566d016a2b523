// sqla: tests/sqla/plugin/manifest_test.cpp. Manifest parsing and its error messages.
// SPDX-License-Identifier: MIT
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

import sqla;

namespace {

std::string error_of(const std::string& json) {
    try {
        (void)sqla::parse_manifest(json, "/p/x.sqla-plugin.json");
    } catch (const sqla::PluginLoadError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(Manifest, ParsesEveryField) {
    auto m = sqla::parse_manifest(R"({"name": "pg", "version": "1.2.3", "abi": 1, "compiler": "Clang-19/libstdc++",
        "library": "libsqla_pg.so", "entry": "sqla_plugin_pg",
        "dialects": [{"name": "postgresql", "default_driver": "libpq"}],
        "drivers": [{"name": "libpq", "dialects": ["postgresql"]}, {"name": "any"}]})",
                                  "/opt/plugins/pg.sqla-plugin.json");
    EXPECT_EQ(m.name, "pg");
    EXPECT_EQ(m.version, "1.2.3");
    EXPECT_EQ(m.abi, 1);
    EXPECT_EQ(m.library, std::filesystem::path("/opt/plugins/libsqla_pg.so"));
    EXPECT_EQ(m.entry, "sqla_plugin_pg");
    ASSERT_EQ(m.dialects.size(), 1u);
    EXPECT_EQ(m.dialects[0].default_driver, "libpq");
    ASSERT_EQ(m.drivers.size(), 2u);
    EXPECT_TRUE(m.drivers[0].serves("postgresql"));
    EXPECT_FALSE(m.drivers[0].serves("mysql"));
    EXPECT_TRUE(m.drivers[1].serves("mysql"));  // no list: serves any dialect
}

TEST(Manifest, AbsoluteLibraryPathIsKept) {
    auto m = sqla::parse_manifest(
        R"({"name":"a","abi":1,"compiler":"c","library":"/abs/lib.so","entry":"e","drivers":[{"name":"d"}]})", "/x/a.json");
    EXPECT_EQ(m.library, std::filesystem::path("/abs/lib.so"));
}

TEST(Manifest, ErrorsNameTheFileAndTheField) {
    EXPECT_EQ(error_of("{"), "plugin manifest /p/x.sqla-plugin.json is invalid: not JSON (incomplete JSON)");
    EXPECT_NE(error_of("[]").find("the top level must be an object"), std::string::npos);
    EXPECT_NE(error_of(R"({"abi":1})").find("missing \"name\""), std::string::npos);
    EXPECT_NE(error_of(R"({"name":"a","abi":"1"})").find("\"abi\" must be a non-negative integer"), std::string::npos);
    EXPECT_NE(error_of(R"({"name":"a","abi":1,"compiler":"c"})").find("missing \"library\""), std::string::npos);
    EXPECT_NE(error_of(R"({"name":"a","abi":1,"compiler":"c","library":"l","entry":"e"})")
                  .find("provides no dialect and no driver"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"name":"a","abi":1,"compiler":"c","library":"l","entry":"e","dialects":[3]})")
                  .find("each of \"dialects\" must be an object"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"name":"a","abi":1,"compiler":"c","library":"l","entry":"e","drivers":[{"name":"d","dialects":[1]}]})")
                  .find("must hold strings"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"name":5})").find("\"name\" must be a string"), std::string::npos);
}

TEST(Manifest, ReadManifestReportsUnreadableFiles) {
    try {
        (void)sqla::read_manifest("/nonexistent/x.sqla-plugin.json");
        FAIL();
    } catch (const sqla::PluginLoadError& e) {
        EXPECT_STREQ(e.what(), "plugin manifest /nonexistent/x.sqla-plugin.json cannot be read");
    }
}

TEST(Manifest, BuildIdentityNamesCompilerAndLibrary) {
    EXPECT_EQ(std::string(sqla::build_compiler_identity()), "Clang-19/libstdc++");
}

}  // namespace
