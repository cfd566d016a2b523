// sqla: plugin/manifest.cpp. Manifest parsing with Boost.JSON.
// SPDX-License-Identifier: MIT
module;
#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

module sqla:plugin.manifest_impl;
import :errors.error;
import :plugin.manifest;

#ifndef SQLA_CXX_IDENTITY
#error "SQLA_CXX_IDENTITY must be defined by the build (see sdk/cmake/SqlaPlugin.cmake)"
#endif

namespace sqla {
namespace {

namespace json = boost::json;

[[noreturn]] void bad(const std::filesystem::path& path, const std::string& what) {
    throw PluginLoadError("plugin manifest " + path.string() + " is invalid: " + what);
}

const json::value& field(const json::object& o, std::string_view key, const std::filesystem::path& path) {
    auto* v = o.if_contains(key);
    if (!v) bad(path, "missing \"" + std::string(key) + "\"");
    return *v;
}

std::string string_field(const json::object& o, std::string_view key, const std::filesystem::path& path,
                         bool required = true) {
    auto* v = o.if_contains(key);
    if (!v) {
        if (required) bad(path, "missing \"" + std::string(key) + "\"");
        return {};
    }
    if (!v->is_string()) bad(path, "\"" + std::string(key) + "\" must be a string");
    return std::string(v->get_string());
}

const json::array& array_field(const json::object& o, std::string_view key, const std::filesystem::path& path) {
    auto* v = o.if_contains(key);
    static const json::array empty;
    if (!v) return empty;
    if (!v->is_array()) bad(path, "\"" + std::string(key) + "\" must be an array");
    return v->get_array();
}

}  // namespace

bool PluginManifest::DriverEntry::serves(std::string_view dialect) const {
    for (const auto& d : dialects)
        if (d == "*" || d == dialect) return true;
    return false;
}

PluginManifest parse_manifest(std::string_view text, const std::filesystem::path& path) {
    boost::system::error_code ec;
    json::value doc = json::parse(json::string_view(text.data(), text.size()), ec);
    if (ec) bad(path, "not JSON (" + ec.message() + ")");
    if (!doc.is_object()) bad(path, "the top level must be an object");
    const auto& o = doc.get_object();

    PluginManifest m;
    m.path = path;
    m.name = string_field(o, "name", path);
    if (m.name.empty()) bad(path, "\"name\" is empty");
    m.version = string_field(o, "version", path, false);
    const auto& abi = field(o, "abi", path);
    if (!abi.is_int64() || abi.get_int64() < 0 || abi.get_int64() > 1'000'000)
        bad(path, "\"abi\" must be a non-negative integer");
    m.abi = static_cast<int>(abi.get_int64());
    m.compiler = string_field(o, "compiler", path);
    auto library = string_field(o, "library", path);
    if (library.empty()) bad(path, "\"library\" is empty");
    m.library = std::filesystem::path(library);
    if (m.library.is_relative()) m.library = path.parent_path() / m.library;
    m.entry = string_field(o, "entry", path);
    if (m.entry.empty()) bad(path, "\"entry\" is empty");
    if (const auto* resident = o.if_contains("resident")) {
        if (!resident->is_bool()) bad(path, "\"resident\" must be true or false");
        m.resident = resident->get_bool();
    }

    for (const auto& d : array_field(o, "dialects", path)) {
        if (!d.is_object()) bad(path, "each of \"dialects\" must be an object");
        PluginManifest::DialectEntry e;
        e.name = string_field(d.get_object(), "name", path);
        if (e.name.empty()) bad(path, "a dialect has an empty \"name\"");
        e.default_driver = string_field(d.get_object(), "default_driver", path, false);
        m.dialects.push_back(std::move(e));
    }
    for (const auto& d : array_field(o, "drivers", path)) {
        if (!d.is_object()) bad(path, "each of \"drivers\" must be an object");
        PluginManifest::DriverEntry e;
        e.name = string_field(d.get_object(), "name", path);
        if (e.name.empty()) bad(path, "a driver has an empty \"name\"");
        for (const auto& s : array_field(d.get_object(), "dialects", path)) {
            if (!s.is_string()) bad(path, "driver \"" + e.name + "\": \"dialects\" must hold strings");
            e.dialects.emplace_back(s.get_string());
        }
        if (e.dialects.empty()) e.dialects.emplace_back("*");
        m.drivers.push_back(std::move(e));
    }
    if (m.dialects.empty() && m.drivers.empty()) bad(path, "it provides no dialect and no driver");
    return m;
}

PluginManifest read_manifest(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw PluginLoadError("plugin manifest " + path.string() + " cannot be read");
    std::ostringstream buf;
    buf << in.rdbuf();
    return parse_manifest(buf.str(), path);
}

std::string_view build_compiler_identity() noexcept { return SQLA_CXX_IDENTITY; }

}  // namespace sqla
