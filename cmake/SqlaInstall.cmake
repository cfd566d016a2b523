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
#                                         the conformance suite, when built (component
#                                         `conformance`, target sqla::conformance)
# A consumer writes `find_package(sqla CONFIG REQUIRED)`, links `sqla::sqla` and `import sqla;`.
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

# The conformance suite, for plugin authors' tests: an optional component, since it needs GoogleTest.
set(SQLA_HAS_CONFORMANCE FALSE)
if(TARGET sqla_conformance)
  set(SQLA_HAS_CONFORMANCE TRUE)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/conformance/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(TARGETS sqla_conformance EXPORT sqlaConformanceTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(EXPORT sqlaConformanceTargets
    NAMESPACE sqla::
    DESTINATION ${SQLA_INSTALL_CMAKEDIR}
    CXX_MODULES_DIRECTORY cxx-modules-conformance)
endif()

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
