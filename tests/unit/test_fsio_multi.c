/*
 * Tests for fsio.c's multi-file commit: all files replaced, or, when a
 * rename fails half way, every file as it was and no temporary left.
 */
#include "unit.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/fsio.h"
#include "isms/yaml.h"

static char dir[] = "/tmp/isms-fsio-XXXXXX";

static char *path(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
	char *p = path(name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void expect(const char *name, const char *text)
{
	char *p = path(name), *buf = NULL;
	size_t len;
	struct isms_error *err = read_file(p, name, 1 << 20, &buf, &len);
	if (!text) {
		assert_non_null(err);
		err_free(err);
	} else {
		assert_null(err);
		assert_string_equal(buf, text);
	}
	free(buf);
	free(p);
}

static size_t entries(void)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.' || strncmp(e->d_name, ".isms-tmp", 9) == 0;
	closedir(d);
	return n;
}

static int calls, fail_at;

static int failing_rename(const char *from, const char *to)
{
	if (++calls == fail_at)
		return -1;
	return rename(from, to);
}

static int setup(void **state)
{
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	const char *names[] = { "a.yaml", "b.yaml", "c.yaml" };
	for (size_t i = 0; i < 3; i++) {
		char *p = path(names[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	return 0;
}

static void test_all(void **state)
{
	char *a = path("a.yaml"), *b = path("b.yaml"), *c = path("c.yaml");
	put("a.yaml", "old a\n");
	put("b.yaml", "old b\n");
	struct atomic_file files[] = {
		{ a, "a.yaml", "new a\n", 6, "old a\n", 6 },
		{ b, "b.yaml", "new b\n", 6, "old b\n", 6 },
		{ c, "c.yaml", "new c\n", 6, NULL, 0 },
	};
	assert_null(atomic_write_all(files, 3));
	expect("a.yaml", "new a\n");
	expect("b.yaml", "new b\n");
	expect("c.yaml", "new c\n");
	assert_int_equal(entries(), 3);
	unlink(c);

	/* The third rename fails: the first two are put back, the new file
	 * is removed, and no temporary file is left. */
	put("a.yaml", "old a\n");
	put("b.yaml", "old b\n");
	calls = 0;
	fail_at = 3;
	fsio_rename = failing_rename;
	files[2].old = NULL;
	struct isms_error *err = atomic_write_all(files, 3);
	fsio_rename = rename;
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_IO);
	assert_string_equal(err->file, "c.yaml");
	err_free(err);
	expect("a.yaml", "old a\n");
	expect("b.yaml", "old b\n");
	expect("c.yaml", NULL);
	assert_int_equal(entries(), 2);

	/* A created file is removed again when a later rename fails. */
	struct atomic_file two[] = {
		{ c, "c.yaml", "new c\n", 6, NULL, 0 },
		{ a, "a.yaml", "new a\n", 6, "old a\n", 6 },
	};
	calls = 0;
	fail_at = 2;
	fsio_rename = failing_rename;
	err = atomic_write_all(two, 2);
	fsio_rename = rename;
	assert_non_null(err);
	err_free(err);
	expect("c.yaml", NULL);
	expect("a.yaml", "old a\n");
	assert_int_equal(entries(), 2);
	free(a);
	free(b);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_all, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
