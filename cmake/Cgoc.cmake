# Cgoc.cmake — translate .gc/.gh files with cgoc as a build step (the way
# bison or protoc run in a build).
#
#   include(Cgoc)   # after list(APPEND CMAKE_MODULE_PATH <cgoc>/cmake)
#
#   add_executable(server main.c)
#   cgoc_target_sources(server PRIVATE workers.gc queue.gh)
#   target_link_libraries(server PRIVATE cgo)      # or the installed libcgo
#
# cgoc_target_sources(<target> <PRIVATE|PUBLIC|INTERFACE> <file>...)
#   Every .gc file becomes <binary dir>/cgoc/<name>.c, added to the target's
#   sources; every .gh header becomes <binary dir>/cgoc/<name>.h, and that
#   directory is added to the target's include path (so `#include "queue.h"`
#   finds the translated header). Other files are added unchanged. cgoc gets
#   the target's include directories and compile definitions, so its type
#   checker sees what the C compiler will see. A file is translated again
#   when it, or cgoc, changes. cgoc's errors point at the .gc file and fail
#   the build; its output file is never left half-written.
#
# cgoc_translate(<out-var> <file>... [OPTIONS <cgoc option>...])
#   Lower level: translates the files, sets <out-var> to the outputs.
#
# Which cgoc: the `cgoc` target when cgoc is built in the same project,
# otherwise CGOC_EXECUTABLE (found on the PATH if not set).
include_guard(GLOBAL)

function(_cgoc_executable out)
  if(TARGET cgoc)
    set(${out} $<TARGET_FILE:cgoc> PARENT_SCOPE)
    set(_cgoc_depends cgoc PARENT_SCOPE)
    return()
  endif()
  if(NOT CGOC_EXECUTABLE)
    find_program(CGOC_EXECUTABLE cgoc)
  endif()
  if(NOT CGOC_EXECUTABLE)
    message(FATAL_ERROR "cgoc not found: build it in this project or set CGOC_EXECUTABLE")
  endif()
  set(${out} ${CGOC_EXECUTABLE} PARENT_SCOPE)
  set(_cgoc_depends ${CGOC_EXECUTABLE} PARENT_SCOPE)
endfunction()

# _cgoc_output(<file> <out-var>): where the translation of file goes.
function(_cgoc_output file out)
  get_filename_component(name ${file} NAME_WE)
  get_filename_component(ext ${file} LAST_EXT)
  if(ext STREQUAL ".gh")
    set(${out} ${CMAKE_CURRENT_BINARY_DIR}/cgoc/${name}.h PARENT_SCOPE)
  else()
    set(${out} ${CMAKE_CURRENT_BINARY_DIR}/cgoc/${name}.c PARENT_SCOPE)
  endif()
endfunction()

function(cgoc_translate out_var)
  cmake_parse_arguments(ARG "" "" "OPTIONS;FILES" ${ARGN})
  _cgoc_executable(cgoc)
  set(outputs)
  # cgoc reads the .gh headers a file includes: a translation depends on
  # every .gh of the same call.
  set(headers)
  foreach(file IN LISTS ARG_UNPARSED_ARGUMENTS ARG_FILES)
    if(file MATCHES "\\.gh$")
      get_filename_component(abs ${file} ABSOLUTE)
      list(APPEND headers ${abs})
    endif()
  endforeach()
  foreach(file IN LISTS ARG_UNPARSED_ARGUMENTS ARG_FILES)
    get_filename_component(abs ${file} ABSOLUTE)
    _cgoc_output(${abs} output)
    add_custom_command(OUTPUT ${output}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/cgoc
      COMMAND ${cgoc} ${ARG_OPTIONS} ${abs} -o ${output}
      DEPENDS ${abs} ${headers} ${_cgoc_depends}
      COMMENT "cgoc ${file}"
      COMMAND_EXPAND_LISTS
      VERBATIM)
    list(APPEND outputs ${output})
  endforeach()
  set(${out_var} ${outputs} PARENT_SCOPE)
endfunction()

function(cgoc_target_sources target scope)
  set(includes "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(defines "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(options
    "$<$<BOOL:${includes}>:-I$<JOIN:${includes},$<SEMICOLON>-I>>"
    "$<$<BOOL:${defines}>:-D$<JOIN:${defines},$<SEMICOLON>-D>>"
    "-I${CMAKE_CURRENT_BINARY_DIR}/cgoc")
  set(plain)
  set(dialect)
  foreach(file IN LISTS ARGN)
    if(file MATCHES "\\.g[ch]$")
      list(APPEND dialect ${file})
    else()
      list(APPEND plain ${file})
    endif()
  endforeach()
  if(dialect)
    cgoc_translate(generated ${dialect} OPTIONS ${options})
    target_sources(${target} ${scope} ${generated})
    target_include_directories(${target} ${scope} ${CMAKE_CURRENT_BINARY_DIR}/cgoc)
  endif()
  if(plain)
    target_sources(${target} ${scope} ${plain})
  endif()
endfunction()
