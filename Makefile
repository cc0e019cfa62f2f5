# leaktrace - build, test, demo, bench, fuzz.
#
#   make          build liblt, the CLI, tests and benchmarks into build/
#   make test     install dependencies, build normally and with
#                 AddressSanitizer+UndefinedBehaviorSanitizer, run everything;
#                 and the thread test built with ThreadSanitizer
#   make tsan     build liblt and the thread test with ThreadSanitizer
#   make demo     install dependencies, build, tell the story end to end
#   make bench    build optimised and print the benchmark figures
#   make fuzz     build the libFuzzer targets and run each for a while
#   make stress   kill -9 issue, scan and access --import 100 times and
#                 check the vault after each (STRESS_ARGS="--rounds 20")

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
WERROR  ?=
SANFLAGS ?=

# Cairo, Pango, Poppler, Tesseract, libzip, libxml2 and qpdf come with include
# paths of their own.
PKGS    := cairo pangocairo pangoft2 fontconfig poppler-glib tesseract lept \
           libzip libxml-2.0 libqpdf
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LIBS    := -lsqlite3 -lsodium -lutf8proc -ljansson -lyajl -ljpeg -lpng \
           $(PKG_LIBS) -lm -lpthread
CFLAGS  := -std=gnu11 $(OPT) -Wall -Wextra -Wshadow -Wno-sign-compare \
           -Wstrict-prototypes -Wmissing-prototypes $(WERROR) $(SANFLAGS) \
           -Iinclude -Isrc $(PKG_CFLAGS) -MMD -MP
LDFLAGS := $(SANFLAGS)

LIB_SRC   := $(sort $(shell find src -name '*.c'))
CLI_SRC   := $(sort $(wildcard cli/*.c))
TEST_SRC  := $(sort $(wildcard tests/test_*.c))
TOOL_SRC  := $(sort $(wildcard tests/tools/*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
FUZZ_SRC  := $(sort $(wildcard fuzz/fuzz_*.c))

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
LIBA    := $(BUILD)/liblt.a
CLI     := $(BUILD)/leaktrace
TESTS   := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TOOLS   := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
BENCHES := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all deps build tsan test check demo bench fuzz stress clean
.DEFAULT_GOAL := all

all: deps
	@$(MAKE) --no-print-directory build

deps:
	@sh scripts/install-deps.sh

build: $(CLI) $(TESTS) $(TOOLS) $(BENCHES)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(CLI): $(CLI_OBJ) $(LIBA)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBA) $(LIBS)

# Every unit test is linked with the shared fixtures of tests/support/.
TEST_SUPPORT := $(BUILD)/obj/tests/support/support.o

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(TEST_SUPPORT) $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $< $(TEST_SUPPORT) $(LIBA) $(LIBS) -lcmocka

$(BUILD)/tools/%: $(BUILD)/obj/tests/tools/%.o $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $< $(LIBA) $(LIBS)

$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $< $(LIBA) $(LIBS)

# The library and the thread test only, with ThreadSanitizer.
tsan:
	@$(MAKE) --no-print-directory BUILD=build-tsan OPT="-O1 -g" \
		WERROR=-Werror SANFLAGS="-fsanitize=thread" \
		build-tsan/tests/test_threads

# The whole suite, twice: a normal build and a sanitized one; then the
# thread test under ThreadSanitizer.
test: deps
	@$(MAKE) --no-print-directory build WERROR=-Werror
	@$(MAKE) --no-print-directory build BUILD=build-asan OPT="-O1 -g" \
		WERROR=-Werror \
		SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
	@$(MAKE) --no-print-directory tsan
	@python3 scripts/layers.py build
	@sh tests/run.sh build build-asan build-tsan

check: test

demo: deps
	@$(MAKE) --no-print-directory build
	@sh scripts/demo.sh build/leaktrace

bench: deps
	@$(MAKE) --no-print-directory build BUILD=build-bench OPT="-O2 -march=native -g"
	@sh bench/run.sh build-bench

# Crash safety of the vault: see tests/stress/crash.py.
stress: deps
	@$(MAKE) --no-print-directory build
	python3 tests/stress/crash.py $(BUILD)/leaktrace $(STRESS_ARGS)

fuzz:
	@sh scripts/install-deps.sh fuzz
	@sh fuzz/run.sh

clean:
	rm -rf build build-asan build-tsan build-bench build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
