# Progress across sessions (sessions/history.c).
mi_add_test(test_history test_history.c sessions)
