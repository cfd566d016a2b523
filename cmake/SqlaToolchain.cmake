# sqla: cmake/SqlaToolchain.cmake. Language level, warnings, visibility, linker, sanitizers.
# SPDX-License-Identifier: MIT

# BMIs must be consumed with the same language settings everywhere (TOOLCHAIN.md §10).
set(CMAKE_CXX_STANDARD 23)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_CXX_SCAN_FOR_MODULES ON)
set(CMAKE_CXX_VISIBILITY_PRESET hidden)
set(CMAKE_VISIBILITY_INLINES_HIDDEN ON)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_LINKER_TYPE LLD)
add_compile_options(-Wall -Wextra -Wpedantic)

if(SQLA_SANITIZE)
  add_compile_options(-fsanitize=${SQLA_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${SQLA_SANITIZE})
  if(SQLA_SANITIZE MATCHES "undefined")
    # A UB report fails the test instead of scrolling past.
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
else()
  # A plugin that misses a core symbol fails at link time, not at dlopen (TOOLCHAIN.md §3).
  # Sanitizer builds leave __asan_* undefined in shared objects, so only without them.
  string(APPEND CMAKE_SHARED_LINKER_FLAGS " -Wl,-z,defs")
  string(APPEND CMAKE_MODULE_LINKER_FLAGS " -Wl,-z,defs")
endif()
