# Checks that the libraries of sim/ depend one way (sim/CMakeLists.txt, docs/architecture.md):
#   - no library reaches itself through the libraries it links (a link that points upward closes
#     such a loop, since the library above already reaches the one below);
#   - a folder includes only its own headers and those of the libraries it reaches: every folder
#     can see every header (the include path is the project root), so nothing else stops a lower
#     folder from including an upper one's header.
# Usage: cmake -DSIM_DIR=<sim folder> -DLAYERS="core=|model=core|scenario=model,sensitivity|..."
#        -P check_layers.cmake
# LAYERS gives each folder the sim libraries it links directly (from policysim_library's DEPS).
cmake_minimum_required(VERSION 3.25)

if(NOT SIM_DIR OR NOT LAYERS)
  message(FATAL_ERROR "check_layers: give -DSIM_DIR=<sim folder> and -DLAYERS=<folder=deps|...>")
endif()

string(REPLACE "|" ";" entries "${LAYERS}")
set(folders "")
foreach(entry IN LISTS entries)
  if(NOT entry MATCHES "^([a-z_]+)=([a-z_,]*)$")
    message(FATAL_ERROR "check_layers: `${entry}` is not folder=dep,dep,...")
  endif()
  list(APPEND folders ${CMAKE_MATCH_1})
  string(REPLACE "," ";" deps_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
endforeach()

set(problems "")
foreach(folder IN LISTS folders)
  # The libraries `folder` reaches, following its links.
  set(reached "")
  set(pending ${deps_${folder}})
  while(pending)
    list(POP_FRONT pending dep)
    if(dep STREQUAL folder)
      list(JOIN reached ", " through)
      list(APPEND problems
        "sim/${folder} links upward: it reaches itself through ${through}: remove the link that points up in sim/CMakeLists.txt")
      break()
    endif()
    if(NOT dep IN_LIST reached)
      list(APPEND reached ${dep})
      list(APPEND pending ${deps_${dep}})
    endif()
  endwhile()
  set(reached_${folder} ${reached})
endforeach()

file(GLOB children RELATIVE ${SIM_DIR} ${SIM_DIR}/*)
set(include_count 0)
foreach(folder IN LISTS children)
  if(NOT IS_DIRECTORY ${SIM_DIR}/${folder})
    continue()
  endif()
  if(NOT folder IN_LIST folders)
    list(APPEND problems
      "sim/${folder} is no library of sim/CMakeLists.txt: add it with policysim_library and its DEPS")
    continue()
  endif()
  file(GLOB_RECURSE sources ${SIM_DIR}/${folder}/*.cpp ${SIM_DIR}/${folder}/*.hpp
    ${SIM_DIR}/${folder}/*.in)
  foreach(source IN LISTS sources)
    file(STRINGS ${source} includes REGEX "^#include \"sim/[a-z_]+/")
    foreach(line IN LISTS includes)
      math(EXPR include_count "${include_count} + 1")
      string(REGEX REPLACE "^#include \"sim/([a-z_]+)/.*$" "\\1" included "${line}")
      if(NOT included STREQUAL folder AND NOT included IN_LIST reached_${folder})
        file(RELATIVE_PATH shown ${SIM_DIR} ${source})
        list(APPEND problems
          "sim/${shown} includes sim/${included}, which sim/${folder} does not link: move the code to the lower folder, or link it in sim/CMakeLists.txt if that points down")
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems)
  # One line each (FATAL_ERROR would wrap them), then the failure.
  foreach(problem IN LISTS problems)
    message(NOTICE "${problem}")
  endforeach()
  list(LENGTH problems problem_count)
  message(FATAL_ERROR "sim/: ${problem_count} dependencies that do not point one way")
endif()
list(LENGTH folders folder_count)
message(STATUS "sim/: ${folder_count} libraries, ${include_count} includes across folders or within, all pointing one way")
