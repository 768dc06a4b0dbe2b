# Entry points. Each installs missing Debian packages first (scripts/deps.sh).
BUILD ?= build
DB ?= var/demo.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all build run test bench fuzz po clean

all: build

build:
	@scripts/deps.sh build
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) --buildtype=debugoptimized >/dev/null
	@ninja -C $(BUILD) >/dev/null && echo "built $(BUILD)/ocop"

run: build
	@if [ -f $(DB) ]; then $(BUILD)/ocop db init --db $(DB); else $(BUILD)/ocop demo --db $(DB); fi
	$(BUILD)/ocop serve --db $(DB) --listen $(LISTEN)

test:
	@scripts/deps.sh test
	@scripts/test.sh

bench:
	@scripts/deps.sh bench
	@bench/run.sh

fuzz:
	@scripts/deps.sh fuzz
	@scripts/fuzz.sh $(FUZZ_SECONDS)

# after adding or changing an error message: merge the sources' messages into po/vi.po
po:
	@scripts/messages.sh update

clean:
	rm -rf $(BUILD) build-* test-artifacts
