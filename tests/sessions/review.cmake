# Reviewing afterwards and pairing with a partner: the review sheet both
# share (sessions/sheet.c), then the program under a pseudo-terminal.
mi_add_test(test_sheet test_sheet.c sessions)

# `mockinterview review` on copies of a fixture session: scores adjusted
# and saved, --as partner, plain mode, a locked session. Playback goes to
# the virtual speaker of scripts/virtual-mic.sh (no sound card here).
# `run --partner` is a real session in real time, so it runs alone.
find_program(MI_PYTHON3 python3)
if(MI_PYTHON3)
  set(MI_REVIEW_ENV "ASAN_OPTIONS=detect_leaks=1"
                    "LSAN_OPTIONS=suppressions=${MI_LSAN_SUPP}"
                    "UBSAN_OPTIONS=print_stacktrace=1")
  add_test(NAME test_review
    COMMAND ${MI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/test_review.py
            ${CMAKE_BINARY_DIR}/runner/mockinterview
            ${CMAKE_CURRENT_SOURCE_DIR}/data/complete
            ${CMAKE_SOURCE_DIR}/scripts/virtual-mic.sh)
  set_tests_properties(test_review PROPERTIES TIMEOUT 120
    ENVIRONMENT "${MI_REVIEW_ENV}")
  add_test(NAME test_partner
    COMMAND ${MI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/test_partner.py
            ${CMAKE_BINARY_DIR}/runner/mockinterview
            ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e-bank.yaml)
  set_tests_properties(test_partner PROPERTIES RUN_SERIAL TRUE TIMEOUT 120
    ENVIRONMENT "${MI_REVIEW_ENV}")
endif()
