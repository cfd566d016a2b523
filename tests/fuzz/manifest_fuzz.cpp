// sqla: tests/fuzz/manifest_fuzz.cpp. parse_manifest() on any text: it reads a manifest or
// throws PluginLoadError naming the manifest; nothing else escapes.
// SPDX-License-Identifier: MIT
#include "fuzz_check.hpp"

#include <filesystem>
#include <string>

import sqla;

using sqla_fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::filesystem::path where = "/plugins/fuzz.sqla-plugin.json";
    try {
        const auto m = sqla::parse_manifest(sqla_fuzz::as_text(data, size), where);
        check(!m.name.empty(), "a manifest read has a name");
        check(m.path == where, "a manifest read knows its file");
        for (const auto& d : m.dialects) check(!d.name.empty(), "every dialect has a name", m.name);
        for (const auto& d : m.drivers) check(!d.name.empty(), "every driver has a name", m.name);
    } catch (const sqla::PluginLoadError& e) {
        check(std::string(e.what()).find(where.string()) != std::string::npos, "the error names the manifest",
              e.what());
    }
    return 0;
}
