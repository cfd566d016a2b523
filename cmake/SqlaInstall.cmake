# sqla: cmake/SqlaInstall.cmake. Install rules and the CMake package `sqla` (find_package(sqla)).
# SPDX-License-Identifier: MIT
#
# After `cmake --install <build> --prefix <P>`, <P> holds:
#   lib/libsqla.so*                       the core library
#   lib/cmake/sqla/modules/sqla/...       the module interface sources, from which each consumer
#                                         builds its own BMIs with the flags exported beside them
#   lib/cmake/sqla/sqlaConfig.cmake ...   the package: targets, SqlaPlugin.cmake (sqla_add_plugin)
#   lib/sqla/plugins/                     the in-tree plugins and their manifests (sqla_add_plugin)
#   include/sqla/{export.h,plugin.h}      the headers a plugin or application includes
#   bin/sqla                              the command-line program (tools/CMakeLists.txt)
#   lib/libsqla_conformance.a, include/sqla/conformance.hpp
#                                         the conformance suite, a test-only part (it needs
#                                         GoogleTest): not in the default install, only with
#                                         `cmake --install <build> --component conformance`
#                                         (target sqla::conformance)
# A consumer writes `find_package(sqla CONFIG REQUIRED)`, links `sqla::sqla` and `import sqla;`.
#
# `cmake --install` does not build; the quickstart builds only the example's targets. So the
# first install rule (CMakeLists.txt) runs SqlaInstallPrepare.cmake, written below: when a file
# the install copies is missing, it builds the target `sqla_package` (every installed target)
# first, and it fails naming the files if they are still missing. Files that exist are taken
# as they are, as CMake's own install does (rebuild after editing sources).
include(CMakePackageConfigHelpers)

set(SQLA_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/sqla")

# A sanitized core leaves __asan_*/__ubsan_* references for the executable's runtime to satisfy,
# so every program linking it must link that runtime too. In tree the global flags do this;
# installed, the exported target says so itself.
if(SQLA_SANITIZE)
  target_link_options(sqla INTERFACE
    "$<INSTALL_INTERFACE:$<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:-fsanitize=${SQLA_SANITIZE}>>")
endif()

install(TARGETS sqla EXPORT sqlaTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  FILE_SET CXX_MODULES DESTINATION ${SQLA_INSTALL_CMAKEDIR}/modules
  FILE_SET HEADERS DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT sqlaTargets
  NAMESPACE sqla::
  DESTINATION ${SQLA_INSTALL_CMAKEDIR}
  CXX_MODULES_DIRECTORY cxx-modules)

# The command-line program finds the core beside it, wherever the prefix is.
if(TARGET sqla_cli)
  set_target_properties(sqla_cli PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
endif()

# The plugin template, for `sqla plugin new`.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/template/ DESTINATION ${CMAKE_INSTALL_DATADIR}/sqla/template)

# The conformance suite, for plugin authors' tests: an optional component, since it needs GoogleTest.
set(SQLA_HAS_CONFORMANCE FALSE)
if(TARGET sqla_conformance)
  set(SQLA_HAS_CONFORMANCE TRUE)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/conformance/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    COMPONENT conformance EXCLUDE_FROM_ALL)
  install(TARGETS sqla_conformance EXPORT sqlaConformanceTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT conformance EXCLUDE_FROM_ALL
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT conformance EXCLUDE_FROM_ALL
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT conformance EXCLUDE_FROM_ALL)
  install(EXPORT sqlaConformanceTargets
    NAMESPACE sqla::
    DESTINATION ${SQLA_INSTALL_CMAKEDIR}
    CXX_MODULES_DIRECTORY cxx-modules-conformance
    COMPONENT conformance EXCLUDE_FROM_ALL)
endif()

# sqla_package: everything the default install copies (cmake --build <build> --target sqla_package).
get_property(_sqla_installed GLOBAL PROPERTY SQLA_INSTALLED_TARGETS)
list(PREPEND _sqla_installed sqla)
if(TARGET sqla_cli)
  list(APPEND _sqla_installed sqla_cli)
endif()
add_custom_target(sqla_package DEPENDS ${_sqla_installed})
set(SQLA_DEFAULT_INSTALL_FILES "")
foreach(_t IN LISTS _sqla_installed)
  list(APPEND SQLA_DEFAULT_INSTALL_FILES "$<TARGET_FILE:${_t}>")
endforeach()
set(SQLA_CONFORMANCE_INSTALL_FILES "")
if(TARGET sqla_conformance)
  set(SQLA_CONFORMANCE_INSTALL_FILES "$<TARGET_FILE:sqla_conformance>")
endif()
# @VARIABLES@ now, the generator expressions (the targets' files) at generation.
configure_file(${CMAKE_CURRENT_LIST_DIR}/SqlaInstallPrepare.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/SqlaInstallPrepare.cmake.gen @ONLY)
file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/cmake/SqlaInstallPrepare.cmake
  INPUT ${PROJECT_BINARY_DIR}/cmake/SqlaInstallPrepare.cmake.gen)

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/sqlaConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/sqlaConfig.cmake
  INSTALL_DESTINATION ${SQLA_INSTALL_CMAKEDIR}
  PATH_VARS SQLA_PLUGIN_SUBDIR CMAKE_INSTALL_INCLUDEDIR)
# 0.x releases break compatibility at every minor version; the plugin ABI is checked apart.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/sqlaConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/cmake/sqlaConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/sqlaConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/sdk/cmake/SqlaPlugin.cmake
  DESTINATION ${SQLA_INSTALL_CMAKEDIR})
