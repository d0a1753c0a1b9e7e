# Project-wide warning flags and the optional sanitizer build.
# cgoc_strict(target): -Wall -Wextra (and -Werror with CGOC_WERROR=ON, as CI does).
function(cgoc_strict target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(CGOC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(CGOC_SANITIZE STREQUAL "thread")
  set(CGOC_SANITIZE_FLAGS -fsanitize=thread -fno-omit-frame-pointer)
elseif(CGOC_SANITIZE STREQUAL "address")
  set(CGOC_SANITIZE_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer)
elseif(NOT CGOC_SANITIZE STREQUAL "")
  message(FATAL_ERROR "CGOC_SANITIZE must be thread, address or empty, not '${CGOC_SANITIZE}'")
endif()

# cgoc_sanitize(target): compile and link target with the chosen sanitizer.
function(cgoc_sanitize target)
  if(CGOC_SANITIZE_FLAGS)
    target_compile_options(${target} PRIVATE ${CGOC_SANITIZE_FLAGS})
    target_link_options(${target} PRIVATE ${CGOC_SANITIZE_FLAGS})
  endif()
endfunction()
