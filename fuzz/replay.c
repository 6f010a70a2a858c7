/*
 * A main() for running a fuzz target without libFuzzer: each argument is
 * a file or a directory of files, and each file is handed to
 * LLVMFuzzerTestOneInput() once.  `make check` builds every target this
 * way with the ordinary compiler (and with SANITIZE=...) and replays the
 * seed corpora (fuzz/corpus/NAME) and the inputs that once crashed a
 * target (tests/fuzz/NAME), so a fixed crash stays fixed without clang.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "isms/yaml.h"

static int replay_file(const char *path)
{
	char *buf;
	size_t len;
	struct isms_error *err = read_file(path, path, (size_t)64 << 20, &buf,
	    &len);
	if (err) {
		fprintf(stderr, "%s: %s\n", path, err->msg);
		err_free(err);
		return 1;
	}
	/* An exact-size copy, so ASan sees any read past the input. */
	uint8_t *data = xmalloc(len ? len : 1);
	memcpy(data, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay(const char *path, size_t *count)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return replay_file(path);
	}
	DIR *d = opendir(path);
	if (!d) {
		perror(path);
		return 1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		GROW(names, cap, n + 1);
		names[n++] = xasprintf("%s/%s", path, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		rc |= replay(names[i], count);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++)
		rc |= replay(argv[i], &count);
	printf("%s: %zu inputs replayed\n", argc > 0 ? argv[0] : "replay",
	    count);
	return rc;
}
