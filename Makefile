# Thin wrapper around CMake; see README.md.
BUILD   ?= build
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX  ?= /usr/local

# CMake runs make inside make; its "Entering directory" lines are noise.
MAKEFLAGS += --no-print-directory

.PHONY: all deps build test demo install clean

all: build

deps:
	@./scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD)/release -DCMAKE_BUILD_TYPE=Release \
	    -DMI_TESTS=OFF >/dev/null
	@cmake --build $(BUILD)/release -j $(JOBS)

# The suites run under AddressSanitizer and UBSan; the Release build is made
# too so warnings only the optimiser finds still fail the build.
test: build
	@cmake -S . -B $(BUILD)/asan -DCMAKE_BUILD_TYPE=Debug -DMI_SANITIZE=ON \
	    >/dev/null
	@cmake --build $(BUILD)/asan -j $(JOBS)
	@cd $(BUILD)/asan && ctest --output-on-failure -j $(JOBS)

demo: build
	@./scripts/demo.sh $(BUILD)/release/runner/mockinterview $(BUILD)/demo

install: build
	@cmake --install $(BUILD)/release --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)
