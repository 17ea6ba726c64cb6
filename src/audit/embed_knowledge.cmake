# Generates a C++ source holding every knowledge/*.yaml file as a string, so
# the installed binary needs no data directory. Run by CMake at build time:
#   cmake -DOUTPUT=... -DSOURCE_DIR=... -P embed_knowledge.cmake
file(GLOB files RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/knowledge/*.yaml")
list(SORT files)
set(body "")
set(count 0)
foreach(f IN LISTS files)
  file(READ "${SOURCE_DIR}/${f}" text)
  string(APPEND body "    {\"${f}\", R\"swk(${text})swk\"},\n")
  math(EXPR count "${count} + 1")
endforeach()
set(content "// Generated from knowledge/*.yaml by src/audit/embed_knowledge.cmake; do not edit.\n#include \"audit/knowledge.h\"\n\nnamespace sipwarden::audit {\n\nnamespace {\nconst KnowledgeFile k_files[] = {\n${body}};\n}  // namespace\n\nstd::span<const KnowledgeFile> embedded_knowledge() { return k_files; }\n\n}  // namespace sipwarden::audit\n")
if(count EQUAL 0)
  message(FATAL_ERROR "no knowledge/*.yaml files under ${SOURCE_DIR}")
endif()
# Only rewrite when the content changes, so unrelated builds do not recompile it.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
