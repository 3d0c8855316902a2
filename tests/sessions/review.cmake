# Reviewing afterwards and pairing with a partner: the review sheet both
# share (sessions/sheet.c), then the program under a pseudo-terminal.
mi_add_test(test_sheet test_sheet.c sessions)

# `mockinterview review` on copies of a fixture session: scores adjusted
# and saved, --as partner, plain mode, a locked session. Playback goes to
# the virtual speaker of scripts/virtual-mic.sh (no sound card here).
mi_add_program_test(test_review test_review.py 120
                    ${CMAKE_CURRENT_SOURCE_DIR}/data/complete
                    ${CMAKE_SOURCE_DIR}/scripts/virtual-mic.sh)

# `run --partner` is a real session in real time, so it runs alone.
mi_add_program_test(test_partner test_partner.py 120 SERIAL
                    ${CMAKE_CURRENT_SOURCE_DIR}/data/e2e-bank.yaml)
