# The interactive half of sessions/: the state machine under a fake clock,
# and the whole program driven through a pseudo-terminal. The microphone is
# a --mic-file, which keeps PortAudio out of the process, so LeakSanitizer
# checks the whole program. The sessions run in real time, so alone.
mi_add_test(test_machine test_machine.c sessions)

set(MI_E2E_BANK ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e-bank.yaml)

# Finish early, review, retake, pause, overtime, quit, resume to the end.
mi_add_program_test(test_e2e test_e2e.py 180 SERIAL ${MI_E2E_BANK})

# SIGKILL in the middle of an answer, then resume to the end.
mi_add_program_test(test_kill_resume test_kill_resume.py 120 SERIAL
                    ${MI_E2E_BANK})

# What first-time users ran into: help and status on the full screen, the
# review note and reference, a skipped retake, a review quit half-way, a
# take cut short by the file size limit, TERM=dumb, a closed pipe, quitting
# on the intro, finished or missing sessions.
mi_add_program_test(test_run_edges test_run_edges.py 150 SERIAL
                    ${MI_E2E_BANK})

# SIGQUIT, SIGABRT and SIGSEGV mid-answer: the terminal is handed back
# (termios and cursor) by the fatal-signal handler.
mi_add_program_test(test_fatal_signal test_fatal_signal.py 90 SERIAL
                    ${MI_E2E_BANK})
