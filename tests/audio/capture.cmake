# Capture, WAV and analysis suites. The unit suites need no device; the
# mic-file suite plays its sources in real time (about 5 s in all).
foreach(unit ring wav analysis micfile)
  mi_add_test(test_${unit} test_${unit}.c audio PkgConfig::SNDFILE m)
endforeach()
set_tests_properties(test_micfile PROPERTIES TIMEOUT 60)

# record_take: a one-take recorder that the shell tests below drive.
add_executable(record_take record_take.c)
target_link_libraries(record_take PRIVATE audio)

# PortAudio's real capture path from the project's virtual microphone, in
# real time through a private jackd: an exact 10 s take, a recorder killed
# with SIGKILL, a device that fails mid-take, a file-size limit, a device
# that stalls (watchdog). Each
# script stops its jackd on every exit path.
set(MI_CAPTURE_ENV
  "LSAN_OPTIONS=suppressions=${MI_LSAN_SUPP}:print_suppressions=0"
  "ASAN_OPTIONS=detect_leaks=1" "UBSAN_OPTIONS=print_stacktrace=1")
foreach(check exact kill fail fsize stall)
  add_test(NAME capture_device_${check}
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/capture_device.sh ${check}
            $<TARGET_FILE:record_take>
            ${CMAKE_SOURCE_DIR}/scripts/virtual-mic.sh)
  set_tests_properties(capture_device_${check} PROPERTIES
    RUN_SERIAL TRUE TIMEOUT 90 ENVIRONMENT "${MI_CAPTURE_ENV}")
endforeach()
