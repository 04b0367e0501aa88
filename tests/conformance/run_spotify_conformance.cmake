# Runs `tunescout-fake-spotify --dump` into a fresh directory, then validates what it wrote against
# Spotify's OpenAPI definition. Called by CTest with -DFAKE -DPYTHON -DSCRIPT -DSPEC -DDUMP_DIR.
foreach(variable FAKE PYTHON SCRIPT SPEC DUMP_DIR)
    if(NOT ${variable})
        message(FATAL_ERROR "run_spotify_conformance.cmake: ${variable} is not set")
    endif()
endforeach()
if(NOT EXISTS "${SPEC}")
    message(FATAL_ERROR "the Spotify OpenAPI definition is missing: ${SPEC}")
endif()

file(REMOVE_RECURSE "${DUMP_DIR}")
file(MAKE_DIRECTORY "${DUMP_DIR}")
execute_process(COMMAND "${FAKE}" --dump "${DUMP_DIR}" RESULT_VARIABLE dump_result)
if(NOT dump_result EQUAL 0)
    message(FATAL_ERROR "tunescout-fake-spotify --dump failed (${dump_result})")
endif()

execute_process(COMMAND "${PYTHON}" "${SCRIPT}" "${SPEC}" "${DUMP_DIR}" RESULT_VARIABLE check_result)
if(NOT check_result EQUAL 0)
    message(FATAL_ERROR "the fake's bodies do not conform to the OpenAPI definition (${check_result})")
endif()
