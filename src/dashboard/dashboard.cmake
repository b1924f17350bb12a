# The dashboard (issue 7): bpkb_dashboard, linked into bpkb-ocr; its web assets
# (web/dashboard/) are embedded into the binary by embed_assets.cmake; its tests:
# dashboard_tests (GoogleTest) and dashboard_e2e (headless Chromium, label slow).
file(GLOB dash_srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/dashboard/*.cc)
file(GLOB_RECURSE dash_assets CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/dashboard/*)
set(dash_gen ${CMAKE_BINARY_DIR}/generated/dashboard_assets.cc)
add_custom_command(
  OUTPUT ${dash_gen}
  COMMAND ${CMAKE_COMMAND} -DSRC=${CMAKE_SOURCE_DIR}/web/dashboard -DOUT=${dash_gen}
          -P ${CMAKE_SOURCE_DIR}/src/dashboard/embed_assets.cmake
  DEPENDS ${dash_assets} ${CMAKE_SOURCE_DIR}/src/dashboard/embed_assets.cmake
  COMMENT "Embedding the dashboard's web assets")
add_library(bpkb_dashboard STATIC ${dash_srcs} ${dash_gen})
target_include_directories(bpkb_dashboard PUBLIC ${CMAKE_SOURCE_DIR}/src ${HTTPLIB_INCLUDE_DIR})
target_link_libraries(bpkb_dashboard PUBLIC bpkb_store SQLite::SQLite3 PkgConfig::SODIUM
  PkgConfig::HTTPLIB nlohmann_json::nlohmann_json)
target_link_libraries(bpkb-ocr PRIVATE bpkb_dashboard)

if(BPKB_TESTS)
  file(GLOB dash_tests CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/dashboard/*_test.cc)
  add_executable(dashboard_tests ${dash_tests})
  target_link_libraries(dashboard_tests PRIVATE bpkb_dashboard GTest::gtest GTest::gtest_main)
  # tests/store/pg_test_server.h: the PostgreSQL the shared-session test starts.
  target_include_directories(dashboard_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  gtest_discover_tests(dashboard_tests DISCOVERY_TIMEOUT 60)
  find_program(NODE_EXECUTABLE node)
  if(NODE_EXECUTABLE)
    add_test(NAME dashboard_e2e
      COMMAND ${NODE_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tests/dashboard/e2e.mjs
              --bin ${CMAKE_BINARY_DIR}/bpkb-ocr --synth ${CMAKE_BINARY_DIR}/bpkb-ocr-synth
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(dashboard_e2e PROPERTIES LABELS slow TIMEOUT 600
      ENVIRONMENT "OMP_THREAD_LIMIT=1")
  endif()
endif()
