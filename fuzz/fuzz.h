/*
 * What the libFuzzer targets in fuzz/ share.
 *
 * Each target is one file defining LLVMFuzzerTestOneInput(); it is built
 * with clang -fsanitize=fuzzer,address,undefined against libisms.a (and,
 * for the targets that need the program's tables, the command objects),
 * so any crash, leak or undefined behaviour stops the run.  `make fuzz`
 * builds them, `make fuzz-run FUZZ_SECONDS=N` runs each for N seconds on
 * its seed corpus in fuzz/corpus/NAME/.  See docs/security.md.
 *
 * A target checks properties with fuzz_assert(), which aborts (and so
 * reports the input) when a property fails.
 */
#ifndef ISMS_FUZZ_H
#define ISMS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "isms/project.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fuzz_assert(cond) \
	((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))
void fuzz_fail(const char *file, int line, const char *what);

/* An empty directory made once per run: the root of the fuzzed projects,
 * so that nothing but the overridden text is read. */
const char *fuzz_root(void);

/*
 * Loads the bundled example project (examples/northwind, compiled into
 * the library) entirely from text, with register replace (or none when
 * replace is REG_COUNT) taken from text/len instead.  Returns NULL only on
 * an I/O error, which the fuzz root cannot produce.
 */
struct project *fuzz_example(enum reg_file replace, const char *text,
    size_t len);
/* The same loaded streamed (project_load_streamed()), which reads the
 * registers' text in place: text must outlive the project. */
struct project *fuzz_example_load(enum reg_file replace, const char *text,
    size_t len, bool streamed);

#endif
