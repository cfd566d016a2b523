// sqla: tests/fuzz/fuzz_check.hpp. Property checks inside fuzz targets.
// SPDX-License-Identifier: MIT
//
// A failed property prints what broke and aborts: libFuzzer reports that as a crash and saves
// the input, which then goes into tests/fuzz/regressions/<target>/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace sqla_fuzz {

[[noreturn]] inline void fail(std::string_view property, std::string_view detail = {}) {
    std::fprintf(stderr, "\nfuzz property failed: %.*s\n  %.*s\n", static_cast<int>(property.size()), property.data(),
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

inline void check(bool holds, std::string_view property, std::string_view detail = {}) {
    if (!holds) fail(property, detail);
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace sqla_fuzz
