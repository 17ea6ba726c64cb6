# Build conventions shared by every module: warnings, sanitizers, and the
# helpers that declare a module library, its unit tests and a fuzz target.

set(SIPWARDEN_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wimplicit-fallthrough)
if(SIPWARDEN_WERROR)
  list(APPEND SIPWARDEN_WARNINGS -Werror)
endif()

if(SIPWARDEN_SANITIZE)
  # The sanitizers' instrumentation makes g++ 12's flow analysis report
  # false maybe-uninitialized / stringop-overflow warnings inside the
  # standard library (std::function in <regex>, vector::resize); the release
  # build keeps them as errors.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
                      -Wno-error=maybe-uninitialized -Wno-error=stringop-overflow)
  add_link_options(-fsanitize=address,undefined)
endif()
if(SIPWARDEN_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
  set(CMAKE_C_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

# sipwarden_module(NAME SOURCES a.cpp ... DEPS lib ...)
# Declares library sipwarden_NAME (alias sipwarden::NAME) rooted at src/.
function(sipwarden_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(sipwarden_${name} STATIC ${ARG_SOURCES})
  add_library(sipwarden::${name} ALIAS sipwarden_${name})
  target_include_directories(sipwarden_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(sipwarden_${name} PRIVATE ${SIPWARDEN_WARNINGS})
  target_link_libraries(sipwarden_${name} PUBLIC ${ARG_DEPS})
endfunction()

# sipwarden_unit_tests(NAME SOURCES a_test.cpp ... DEPS lib ...)
# One gtest executable per module, registered with CTest.
function(sipwarden_unit_tests name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT SIPWARDEN_TESTS)
    return()
  endif()
  add_executable(${name}_test ${ARG_SOURCES})
  target_compile_options(${name}_test PRIVATE ${SIPWARDEN_WARNINGS})
  target_compile_definitions(${name}_test PRIVATE
    SIPWARDEN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SIPWARDEN_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  target_link_libraries(${name}_test PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${name}_test DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "SIPWARDEN_BINARY_DIR=${PROJECT_BINARY_DIR}")
endfunction()

# sipwarden_fuzzer(NAME SOURCE f.cpp DEPS lib ...): fuzz target fuzz_NAME whose
# seed corpus lives in fuzz/corpus/NAME. With SIPWARDEN_FUZZ (clang) it links
# libFuzzer; otherwise it links a replay driver that runs every file given, so
# any build (the sanitizer build in CI) can replay the corpora.
function(sipwarden_fuzzer name)
  cmake_parse_arguments(ARG "" "SOURCE" "DEPS" ${ARGN})
  if(SIPWARDEN_FUZZ)
    add_executable(fuzz_${name} ${ARG_SOURCE})
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
  else()
    add_executable(fuzz_${name} ${ARG_SOURCE} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp)
  endif()
  target_compile_options(fuzz_${name} PRIVATE ${SIPWARDEN_WARNINGS})
  target_link_libraries(fuzz_${name} PRIVATE ${ARG_DEPS})
  set_target_properties(fuzz_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/fuzz)
  set_property(GLOBAL APPEND PROPERTY SIPWARDEN_FUZZERS ${name})
endfunction()
