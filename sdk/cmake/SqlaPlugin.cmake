# sqla: sdk/cmake/SqlaPlugin.cmake. sqla_add_plugin(): builds a dialect/driver plugin and its manifest.
# SPDX-License-Identifier: MIT
#
# The in-tree plugins and third-party ones use this same function. In tree it links the
# `sqla` target; out of tree, after find_package(sqla), it links `sqla::sqla`.
include_guard(GLOBAL)
include(CheckCXXSourceCompiles)

# sqla_cxx_identity(<var>): "<compiler id>-<major>/<standard library>". Core and plugin
# exchange C++ objects, so the registry refuses a plugin whose identity differs.
function(sqla_cxx_identity out)
  if(NOT DEFINED SQLA_CXX_STDLIB_IS_LIBCXX)
    check_cxx_source_compiles("#include <version>
#ifndef _LIBCPP_VERSION
#error not libc++
#endif
int main() {}" SQLA_CXX_STDLIB_IS_LIBCXX)
  endif()
  if(SQLA_CXX_STDLIB_IS_LIBCXX)
    set(stdlib libc++)
  else()
    set(stdlib libstdc++)
  endif()
  string(REGEX MATCH "^[0-9]+" major "${CMAKE_CXX_COMPILER_VERSION}")
  set(${out} "${CMAKE_CXX_COMPILER_ID}-${major}/${stdlib}" PARENT_SCOPE)
endfunction()

# sqla_add_plugin(<name>
#   [VERSION <x.y.z>]                       plugin version (default: the project's)
#   DIALECTS <dialect>[:<default driver>]... dialects this plugin provides
#   DRIVERS  <driver>[:<dialect>,<dialect>|*]... drivers it provides, and the dialects each serves
#   SOURCES <file>...  [LIBRARIES <target>...]
#   [OUTPUT_DIRECTORY <dir>] [INSTALL] [RESIDENT])
#
# RESIDENT: once loaded, the library is never unloaded (for client libraries that leak or
# misbehave when unloaded and loaded again).
#
# Creates the MODULE library target `sqla_<name>` (file libsqla_<name>.so) and, beside it,
# the manifest `<name>.sqla-plugin.json` that the registry reads without opening the library.
# The plugin's sources define the entry point with SQLA_PLUGIN_ENTRY(<name>) from <sqla/plugin.h>.
function(sqla_add_plugin name)
  cmake_parse_arguments(P "INSTALL;RESIDENT" "VERSION;OUTPUT_DIRECTORY" "DIALECTS;DRIVERS;SOURCES;LIBRARIES" ${ARGN})
  if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "sqla_add_plugin: plugin name \"${name}\" must be a C identifier")
  endif()
  if(NOT P_DIALECTS AND NOT P_DRIVERS)
    message(FATAL_ERROR "sqla_add_plugin(${name}): give DIALECTS, DRIVERS or both")
  endif()
  if(NOT P_VERSION)
    set(P_VERSION "${PROJECT_VERSION}")
  endif()
  if(TARGET sqla)
    set(core sqla)
    set(default_out "${SQLA_BUILD_PLUGIN_DIR}")
    set(P_INSTALL TRUE)
  else()
    set(core sqla::sqla)
    set(default_out "${CMAKE_BINARY_DIR}/sqla-plugins")
  endif()
  if(NOT P_OUTPUT_DIRECTORY)
    set(P_OUTPUT_DIRECTORY "${default_out}")
  endif()

  set(target sqla_${name})
  add_library(${target} MODULE ${P_SOURCES})
  target_link_libraries(${target} PRIVATE ${core} ${P_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX "lib" OUTPUT_NAME "sqla_${name}" LIBRARY_OUTPUT_DIRECTORY "${P_OUTPUT_DIRECTORY}")
  if(NOT SQLA_SANITIZE)
    target_link_options(${target} PRIVATE "-Wl,-z,defs")
  endif()

  set(dialects_json "")
  set(sep "")
  foreach(d IN LISTS P_DIALECTS)
    string(REPLACE ":" ";" parts "${d}")
    list(GET parts 0 dname)
    list(LENGTH parts n)
    if(n GREATER 1)
      list(GET parts 1 ddriver)
      string(APPEND dialects_json "${sep}\n    {\"name\": \"${dname}\", \"default_driver\": \"${ddriver}\"}")
    else()
      string(APPEND dialects_json "${sep}\n    {\"name\": \"${dname}\"}")
    endif()
    set(sep ",")
  endforeach()
  set(drivers_json "")
  set(sep "")
  foreach(d IN LISTS P_DRIVERS)
    string(REPLACE ":" ";" parts "${d}")
    list(GET parts 0 dname)
    list(LENGTH parts n)
    set(serves "*")
    if(n GREATER 1)
      list(GET parts 1 serves)
    endif()
    string(REPLACE "," "\", \"" serves "${serves}")
    string(APPEND drivers_json "${sep}\n    {\"name\": \"${dname}\", \"dialects\": [\"${serves}\"]}")
    set(sep ",")
  endforeach()

  set(resident false)
  if(P_RESIDENT)
    set(resident true)
  endif()
  sqla_cxx_identity(identity)
  if(NOT DEFINED SQLA_PLUGIN_ABI_VERSION)
    message(FATAL_ERROR "sqla_add_plugin: SQLA_PLUGIN_ABI_VERSION is not set (find_package(sqla) sets it)")
  endif()
  file(GENERATE OUTPUT "${P_OUTPUT_DIRECTORY}/${name}.sqla-plugin.json" CONTENT "{
  \"name\": \"${name}\",
  \"version\": \"${P_VERSION}\",
  \"abi\": ${SQLA_PLUGIN_ABI_VERSION},
  \"compiler\": \"${identity}\",
  \"library\": \"$<TARGET_FILE_NAME:${target}>\",
  \"entry\": \"sqla_plugin_${name}\",
  \"resident\": ${resident},
  \"dialects\": [${dialects_json}
  ],
  \"drivers\": [${drivers_json}
  ]
}
")
  if(P_INSTALL)
    if(NOT DEFINED SQLA_PLUGIN_SUBDIR)
      include(GNUInstallDirs)  # out of tree, the project may not have included it
      set(SQLA_PLUGIN_SUBDIR "${CMAKE_INSTALL_LIBDIR}/sqla/plugins")
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION "${SQLA_PLUGIN_SUBDIR}")
    # sqla's own install checks that every plugin it copies is built (cmake/SqlaInstall.cmake).
    set_property(GLOBAL APPEND PROPERTY SQLA_INSTALLED_TARGETS ${target})
    install(FILES "${P_OUTPUT_DIRECTORY}/${name}.sqla-plugin.json" DESTINATION "${SQLA_PLUGIN_SUBDIR}")
  endif()
endfunction()
