# ctest driver for one benchmark at a tiny size: cmake -DPROG=... -DNAME=...
# -DSIZE=... -P smoke.cmake. Passes when the program exits 0 (its checksum
# held) and prints exactly the one result line (capacity's unit is x, a
# ratio); timing is never checked.
execute_process(COMMAND ${PROG} ${SIZE} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NAME} ${SIZE}: exit status ${rc}\n${out}${err}")
endif()
if(NOT out MATCHES "^${NAME} [0-9]+ -?[0-9.]+ ((ns|bytes)/op|x)\n$")
  message(FATAL_ERROR "${NAME} ${SIZE}: unexpected output:\n${out}${err}")
endif()
message(STATUS "${out}")
