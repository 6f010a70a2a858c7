# isms: plain Makefile.  `make`, `make check`, `make SANITIZE=address,undefined
# check`, `make install PREFIX=... DESTDIR=...`, `make clean`, `make bench`.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wno-unused-parameter
CPPFLAGS += -Iinclude -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700

YAML_CFLAGS := $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS := $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null || echo -lyaml)
# libcsv ships no pkg-config file on Debian; fall back to -lcsv.
CSV_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcsv 2>/dev/null)
CSV_LIBS := $(shell $(PKG_CONFIG) --libs libcsv 2>/dev/null || echo -lcsv)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
LIBS = $(YAML_LIBS) $(CSV_LIBS) -lm

SANITIZE ?=
FUZZ ?=
ifneq ($(FUZZ),)
# The fuzz build (make fuzz): clang, libFuzzer's coverage, ASan and UBSan.
CC = clang
CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
O = build-fuzz
else ifneq ($(SANITIZE),)
O ?= build-san
CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
else
O ?= build
endif

ALL_CFLAGS = $(WARN) $(CFLAGS) $(CPPFLAGS) $(YAML_CFLAGS) $(CSV_CFLAGS)

LIB_SRC := $(filter-out src/main.c src/cmd_%.c,$(wildcard src/*.c))
CMD_SRC := src/main.c $(wildcard src/cmd_*.c)
LIB_OBJ := $(LIB_SRC:src/%.c=$(O)/src/%.o) $(O)/gen/data.o
CMD_OBJ := $(CMD_SRC:src/%.c=$(O)/src/%.o)
DATA := $(sort $(wildcard data/*.yaml)) $(sort $(wildcard examples/northwind/*.yaml))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
MAN := $(wildcard man/*.[0-9])

all: isms

isms: $(O)/isms
	cp $(O)/isms isms

$(O)/isms: $(CMD_OBJ) $(O)/libisms.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CMD_OBJ) $(O)/libisms.a $(LIBS)

$(O)/libisms.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(O)/src/%.o: src/%.c $(wildcard include/isms/*.h) $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(O)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -o $@ $<

$(O)/gen/data.c: $(O)/tools/embed $(DATA)
	@mkdir -p $(@D)
	$(O)/tools/embed $@ $(DATA)

$(O)/gen/data.o: $(O)/gen/data.c include/isms/embedded.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/tests/%: tests/unit/%.c $(O)/libisms.a $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< \
		$(O)/libisms.a $(CMOCKA_LIBS) $(LIBS)

# The main job on the bundled example: validate it and show it.
EXAMPLE_RUN = ./isms -C examples/northwind --today 2026-11-22
demo: isms
	$(EXAMPLE_RUN) check && echo "examples/northwind: isms check found no problem"
	$(EXAMPLE_RUN) status
	$(EXAMPLE_RUN) report --format html -o build/northwind-report.html
	@echo "report written to build/northwind-report.html"

check: check-unit check-cli check-replay

check-unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do \
		echo "== $$t"; ISMS_SHARED=$(abspath ../shared) $$t; done

check-cli: $(O)/isms
	@ISMS=$(abspath $(O)/isms) ISMS_SRC=$(abspath .) sh tests/cli/run.sh

check-asan:
	$(MAKE) SANITIZE=address,undefined check

check-clang:
	$(MAKE) CC=clang O=build-clang all

# Everything CI runs: the suite, the suite under ASan/UBSan, a clang build,
# the man page lint, the benchmark smoke run, and the hardening runs
# (docs/security.md): fault injection, the 16x100 concurrency test, quick
# writes against full ones, and each fuzz target for 30 s.
check-all: check check-asan check-clang lint-man check-bench check-faults \
	check-concurrency check-cache check-fuzz

# Fault injection (tests/faults/run.sh): a build where the n-th
# allocation, write, fsync or rename fails, swept over every n.
check-faults:
	$(MAKE) O=build-faults CFLAGS="-O1 -g -DISMS_FAULTS" build-faults/isms
	ISMS=$(abspath build-faults/isms) sh tests/faults/run.sh

# 16 writers x 100 mixed operations on one project (tests/stress).
check-concurrency: $(O)/isms
	@P=$$(mktemp -d) && $(O)/isms init "$$P/p" >/dev/null && \
	ISMS=$(abspath $(O)/isms) sh tests/stress/concurrency.sh "$$P/p" 16 100; \
	st=$$?; rm -rf "$$P"; exit $$st

# Quick writes against full ones on a generated project (tests/stress).
check-cache: $(O)/isms $(O)/bench/gen
	ISMS=$(abspath $(O)/isms) BENCH_GEN=$(abspath $(O)/bench/gen) \
	    sh tests/stress/cache-diff.sh 1000 300 1

check-fuzz:
	$(MAKE) fuzz-run FUZZ_SECONDS=30

# CI proves that the benchmark runs (on a small project, once per
# command, leaving docs/performance.md alone); it never judges the figures.
check-bench:
	$(MAKE) bench BENCH_SIZES=1000 BENCH_RUNS=1 BENCH_DOC= BENCH_STRICT=1

lint-man:
	@for m in $(MAN); do mandoc -Tlint -W warning $$m || exit 1; done

$(O)/bench/engine_bench: tests/bench/engine_bench.c $(O)/libisms.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libisms.a $(LIBS)

BENCH_TOOLS = $(O)/bench/gen $(O)/bench/timeit $(O)/bench/yamlfloor

$(O)/bench/gen $(O)/bench/timeit: $(O)/bench/%: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(O)/bench/yamlfloor: tests/bench/yamlfloor.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(YAML_CFLAGS) $(LDFLAGS) -o $@ $< $(YAML_LIBS)

# Benchmarks, never timed tests: they print figures, they do not fail on
# them.  BENCH_SIZES=1000 for a quick run; BENCH_DOC= to leave
# docs/performance.md alone.
BENCH_SIZES ?= 1000 10000 100000
BENCH_DOC ?= docs/performance.md
bench: $(O)/isms $(O)/bench/engine_bench $(BENCH_TOOLS)
	@ISMS=$(abspath $(O)/isms) ENGINE_BENCH=$(abspath $(O)/bench/engine_bench) \
		BENCH_GEN=$(abspath $(O)/bench/gen) BENCH_TIMEIT=$(abspath $(O)/bench/timeit) \
		BENCH_FLOOR=$(abspath $(O)/bench/yamlfloor) BENCH_WORK=$(abspath $(O)/bench/work) \
		BENCH_SIZES="$(BENCH_SIZES)" BENCH_DOC="$(BENCH_DOC)" BENCH_CC="$(CC)" \
		BENCH_STRICT="$(BENCH_STRICT)" ISMS_SRC=$(abspath .) \
		sh tests/bench/run.sh

# Fuzzing: `make fuzz` builds every fuzz/fuzz_*.c target with clang and
# libFuzzer into build-fuzz/fuzz/; `make fuzz-run FUZZ_SECONDS=N` runs each
# for N seconds on its seed corpus (fuzz/corpus/NAME) and fails on any
# crash, leak, timeout or sanitizer report.  See docs/security.md.
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(O)/fuzz/%)
FUZZ_PROG_OBJ := $(O)/fuzz/main.o $(filter-out $(O)/src/main.o,$(CMD_OBJ)) \
	$(O)/fuzz/common.o
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?=

fuzz:
	$(MAKE) FUZZ=1 fuzz-build

fuzz-build: $(FUZZ_BIN)

# main() is libFuzzer's; the program's main is renamed out of the way so
# that its command table and option parser can be linked in.
$(O)/fuzz/main.o: src/main.c $(wildcard include/isms/*.h) src/cmd.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -Dmain=isms_main -Isrc \
		-c -o $@ $<

$(O)/fuzz/common.o: fuzz/common.c fuzz/fuzz.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(FUZZ_PROG_OBJ) $(O)/libisms.a
	$(CC) $(ALL_CFLAGS) -Ifuzz -fsanitize=fuzzer -o $@ $< $(FUZZ_PROG_OBJ) \
		$(O)/libisms.a $(LIBS)

# The fuzz targets built with the ordinary compiler and fuzz/replay.c,
# replaying the seed corpora and the inputs that once crashed a target.
REPLAY_BIN := $(FUZZ_SRC:fuzz/%.c=$(O)/replay/%)

$(O)/fuzz/replay.o: fuzz/replay.c fuzz/fuzz.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/replay/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(FUZZ_PROG_OBJ) \
		$(O)/fuzz/replay.o $(O)/libisms.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Ifuzz -o $@ $< $(O)/fuzz/replay.o \
		$(FUZZ_PROG_OBJ) $(O)/libisms.a $(LIBS)

check-replay: $(REPLAY_BIN)
	@set -e; for t in $(REPLAY_BIN); do n=$${t##*/}; \
		$$t fuzz/corpus/$$n $$(test -d tests/fuzz/$$n && echo tests/fuzz/$$n); \
	done

fuzz-run: fuzz
	@sh fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

install: $(O)/isms
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(O)/isms $(DESTDIR)$(BINDIR)/isms
	for m in $(MAN); do \
		s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s/; done

clean:
	rm -rf build build-san build-clang build-fuzz build-faults isms

.PHONY: all isms demo check check-unit check-cli check-asan check-clang check-all \
	lint-man bench check-bench install clean fuzz fuzz-build fuzz-run \
	check-fuzz check-faults check-concurrency check-cache check-replay
.DELETE_ON_ERROR:
