# Journal, session folders and the report bridge (sessions/journal*.c,
# folders.c, bridge.c).
mi_add_test(test_journal test_journal.c sessions)
mi_add_test(test_folders test_folders.c sessions)
mi_add_test(test_bridge test_bridge.c sessions)
