/*
 * A directory of its own under TMPDIR, for the tests that give the loader
 * and the writers real files: setup makes it, put() and slurp() write and
 * read a file in it, teardown removes the files a test names and the
 * directory.
 */
#ifndef ISMS_TEST_TMPROOT_H
#define ISMS_TEST_TMPROOT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/util.h"
#include "isms/yaml.h"

struct fixture {
	char root[64];
};

/* A new empty directory TMPDIR/isms-TAG-XXXXXX, or NULL. */
static inline struct fixture *tmproot_make(const char *tag)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");

	snprintf(f->root, sizeof(f->root), "%s/isms-%s-XXXXXX",
	    tmp && strlen(tmp) < 32 ? tmp : "/tmp", tag);
	if (!mkdtemp(f->root)) {
		free(f);
		return NULL;
	}
	return f;
}

/* Removes the files named (those that exist), the directory and f. */
static inline void tmproot_remove(struct fixture *f, const char *const *names,
    size_t n)
{
	char path[128];
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", f->root, names[i]);
		unlink(path);
	}
	rmdir(f->root);
	free(f);
}

static inline void put(const struct fixture *f, const char *name,
    const char *text)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", f->root, name);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

static inline char *slurp(const struct fixture *f, const char *name)
{
	char path[128], *buf;
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", f->root, name);
	assert_null(read_file(path, name, YAML_MAX_FILE, &buf, &len));
	return buf;
}

static inline void unlink_in(const struct fixture *f, const char *name)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", f->root, name);
	assert_int_equal(unlink(path), 0);
}

#endif
