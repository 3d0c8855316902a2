# Device listing, init and playback: these drive PortAudio through the
# virtual devices of scripts/virtual-mic.sh (a private jackd for the
# player), so they run one at a time and under a timeout. Each program
# stops its own virtual devices, even when a test crashes (vmic_test.c).
foreach(unit devices player)
  mi_add_test(test_${unit} test_${unit}.c audio PkgConfig::SNDFILE m)
  target_sources(test_${unit} PRIVATE ${CMAKE_CURRENT_LIST_DIR}/vmic_test.c)
  set_tests_properties(test_${unit} PROPERTIES RUN_SERIAL TRUE TIMEOUT 120)
endforeach()
