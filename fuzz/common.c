/*
 * Helpers shared by the fuzz targets: a failing property aborts with the
 * place it was checked, and the example project is loaded from the
 * embedded copy so that no target depends on where it is run from.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/date.h"
#include "isms/embedded.h"
#include "isms/util.h"

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
	abort();
}

static char root_dir[64];

static void remove_root(void)
{
	rmdir(root_dir);
}

const char *fuzz_root(void)
{
	char *dir = root_dir;
	if (!dir[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof(root_dir), "%s/isms-fuzz-XXXXXX",
		    tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
		if (!mkdtemp(dir)) {
			perror("mkdtemp");
			abort();
		}
		atexit(remove_root);
	}
	return dir;
}

struct project *fuzz_example(enum reg_file replace, const char *text,
    size_t len)
{
	return fuzz_example_load(replace, text, len, false);
}

struct project *fuzz_example_load(enum reg_file replace, const char *text,
    size_t len, bool streamed)
{
	struct text_override ov[REG_COUNT];
	struct project *p = NULL;
	size_t n = 0;
	for (int f = 0; f < REG_COUNT; f++) {
		char key[96];
		snprintf(key, sizeof(key), "examples/northwind/%s",
		    reg_defs[f].file);
		const struct embedded_file *ef = embedded_find(key);
		/* A register the example lacks is read from the empty
		 * fuzz root: absent, as in a project that has no such file. */
		if ((int)replace == f)
			ov[n++] = (struct text_override){ f, text, len };
		else if (ef)
			ov[n++] = (struct text_override){ f, ef->data, ef->len };
	}
	long today = date_from_ymd(2026, 11, 22);
	struct isms_error *err = streamed ?
	    project_load_streamed(fuzz_root(), today, ov, n, &p) :
	    project_load(fuzz_root(), today, ov, n, &p);
	if (err) {
		err_free(err);
		return NULL;
	}
	return p;
}
