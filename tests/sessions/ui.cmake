# The interactive half of sessions/: the state machine under a fake clock,
# and the whole program driven through a pseudo-terminal.
mi_add_test(test_machine test_machine.c sessions)

# A real session in real time (about 30 s) through the runner binary, so it
# runs alone; python3 drives the pty, espeak-ng and sox make and measure
# the audio. The microphone is a --mic-file, which keeps PortAudio out of
# the process, so LeakSanitizer checks the whole program.
add_test(NAME test_e2e
    COMMAND ${MI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/test_e2e.py
            ${CMAKE_BINARY_DIR}/runner/mockinterview
            ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e-bank.yaml)
set(MI_E2E_ENV "ASAN_OPTIONS=detect_leaks=1"
               "LSAN_OPTIONS=suppressions=${MI_LSAN_SUPP}"
               "UBSAN_OPTIONS=print_stacktrace=1")
set_tests_properties(test_e2e PROPERTIES RUN_SERIAL TRUE TIMEOUT 180
                     ENVIRONMENT "${MI_E2E_ENV}")

# SIGKILL in the middle of an answer, then resume to the end.
add_test(NAME test_kill_resume
    COMMAND ${MI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/test_kill_resume.py
            ${CMAKE_BINARY_DIR}/runner/mockinterview
            ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e-bank.yaml)
set_tests_properties(test_kill_resume PROPERTIES RUN_SERIAL TRUE TIMEOUT 120
                     ENVIRONMENT "${MI_E2E_ENV}")

# What a first-time user ran into: help and status on the full screen, the
# review note and reference, a skipped retake, a take cut short by the file
# size limit, TERM=dumb, a closed pipe, quitting on the intro, and the
# messages for finished or missing sessions. Real time, so it runs alone.
add_test(NAME test_run_edges
    COMMAND ${MI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/test_run_edges.py
            ${CMAKE_BINARY_DIR}/runner/mockinterview
            ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e-bank.yaml)
set_tests_properties(test_run_edges PROPERTIES RUN_SERIAL TRUE TIMEOUT 150
                     ENVIRONMENT "${MI_E2E_ENV}")

# SIGQUIT, SIGABRT and SIGSEGV mid-answer: the terminal is handed back
# (termios and cursor) by the fatal-signal handler. Real time, so alone.
add_test(NAME test_fatal_signal
    COMMAND ${MI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/test_fatal_signal.py
            ${CMAKE_BINARY_DIR}/runner/mockinterview
            ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e-bank.yaml)
set_tests_properties(test_fatal_signal PROPERTIES RUN_SERIAL TRUE TIMEOUT 90
                     ENVIRONMENT "${MI_E2E_ENV}")
