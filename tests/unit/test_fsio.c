/*
 * Tests for fsio.c: atomic replacement and the project lock.
 *
 * Each test works in its own temporary directory and checks what is left
 * in it afterwards: the target's content and mode, a link's target
 * untouched, and no .isms-tmp-* file on success or on failure.  The lock is
 * contended for real, by a forked child, with ISMS_LOCK_TIMEOUT shortened.
 */
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "isms/fsio.h"

static int tmp_setup(void **state)
{
	char *dir = xstrdup("/tmp/isms-fsio-XXXXXX");
	if (!mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int tmp_teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", (char *)*state);
	int rc = system(cmd);
	free(cmd);
	free(*state);
	return rc == 0 ? 0 : -1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct sbuf sb = SBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&sb, buf, n);
	fclose(f);
	return sbuf_detach(&sb, NULL);
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Names in dir, sorted and joined by spaces. */
static char *listing(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	char *names[64];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 64)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			names[n++] = xstrdup(e->d_name);
	closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	struct sbuf sb = SBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		sbuf_addf(&sb, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	return sbuf_detach(&sb, NULL);
}

static void assert_listing(const char *dir, const char *want)
{
	char *got = listing(dir);
	assert_string_equal(got, want);
	free(got);
}

static void test_atomic_create_replace(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/assets.yaml", dir);

	mode_t old = umask(022);
	assert_null(atomic_write(path, "assets.yaml", "version: 1\n", 11));
	umask(old);
	char *s = slurp(path);
	assert_string_equal(s, "version: 1\n");
	free(s);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	/* A new file gets the default mode under the umask. */
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_listing(dir, "assets.yaml");

	/* Replacing keeps the mode the user chose. */
	assert_int_equal(chmod(path, 0600), 0);
	assert_null(atomic_write(path, "assets.yaml", "version: 1\nassets: []\n",
	    22));
	s = slurp(path);
	assert_string_equal(s, "version: 1\nassets: []\n");
	free(s);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_listing(dir, "assets.yaml");

	/* Empty content and content with NUL bytes are written as given. */
	assert_null(atomic_write(path, "assets.yaml", "a\0b", 3));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 3);
	assert_null(atomic_write(path, "assets.yaml", "", 0));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_listing(dir, "assets.yaml");
	free(path);
}

static void test_atomic_refuses_symlink(void **state)
{
	const char *dir = *state;
	char *target = xasprintf("%s/outside", dir);
	char *link = xasprintf("%s/risks.yaml", dir);

	spit(target, "precious\n");
	assert_int_equal(symlink(target, link), 0);
	struct isms_error *err = atomic_write(link, "risks.yaml", "evil\n", 5);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_IO);
	assert_string_equal(err->file, "risks.yaml");
	assert_string_equal(err->msg,
	    "is a symbolic link; isms does not write through links");
	err_free(err);
	char *s = slurp(target);
	assert_string_equal(s, "precious\n");
	free(s);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_listing(dir, "outside risks.yaml");

	/* A dangling link is refused too, and nothing is created. */
	char *dangling = xasprintf("%s/soa.yaml", dir);
	char *nowhere = xasprintf("%s/nowhere", dir);
	assert_int_equal(symlink(nowhere, dangling), 0);
	err = atomic_write(dangling, "soa.yaml", "x\n", 2);
	assert_non_null(err);
	err_free(err);
	assert_listing(dir, "outside risks.yaml soa.yaml");

	/* And so is a directory in the target's place. */
	char *sub = xasprintf("%s/sub", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	err = atomic_write(sub, "sub", "x\n", 2);
	assert_string_equal(err->msg, "is not a regular file");
	err_free(err);
	assert_listing(dir, "outside risks.yaml soa.yaml sub");
	free(sub);
	free(dangling);
	free(nowhere);
	free(target);
	free(link);
}

static void test_atomic_failure_leaves_nothing(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/missing/assets.yaml", dir);

	struct isms_error *err = atomic_write(path, "assets.yaml", "x\n", 2);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_IO);
	assert_string_equal(err->file, "assets.yaml");
	char *want = xasprintf("cannot create a temporary file in %s/missing: "
	    "No such file or directory", dir);
	assert_string_equal(err->msg, want);
	free(want);
	err_free(err);
	assert_listing(dir, "");
	free(path);

	/* A read-only directory: the rename cannot happen, old file kept.
	 * (Skipped when running as root, who may write anyway.) */
	if (geteuid() == 0)
		return;
	char *ro = xasprintf("%s/ro", dir);
	assert_int_equal(mkdir(ro, 0755), 0);
	path = xasprintf("%s/ro/assets.yaml", dir);
	spit(path, "old\n");
	assert_int_equal(chmod(ro, 0555), 0);
	err = atomic_write(path, "assets.yaml", "new\n", 4);
	assert_non_null(err);
	err_free(err);
	assert_int_equal(chmod(ro, 0755), 0);
	char *s = slurp(path);
	assert_string_equal(s, "old\n");
	free(s);
	assert_listing(ro, "assets.yaml");
	free(path);
	free(ro);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Runs lock_acquire in a child; the exit status says what happened:
 * 0 locked, 10 + code on error with the expected message, 99 otherwise.
 */
static int child_acquire(const char *dir)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct lock l;
		struct isms_error *err = lock_acquire(dir, &l);
		if (!err) {
			lock_release(&l);
			_exit(0);
		}
		int rc = strcmp(err->msg, "another isms is writing to this "
		    "project; gave up after 0.2 s (ISMS_LOCK_TIMEOUT)") == 0 &&
		    strcmp(err->file, ".isms.lock") == 0 ? 10 + err->code : 99;
		_exit(rc);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_lock(void **state)
{
	const char *dir = *state;
	struct lock held;

	assert_int_equal(setenv("ISMS_LOCK_TIMEOUT", "0.2", 1), 0);
	assert_null(lock_acquire(dir, &held));
	assert_true(held.fd >= 0);
	assert_listing(dir, ".isms.lock");

	/* Contended: the child waits about the timeout, then exit 4. */
	double t0 = now_s();
	assert_int_equal(child_acquire(dir), 10 + EXIT_IO);
	double waited = now_s() - t0;
	assert_true(waited >= 0.15);
	assert_true(waited < 5);

	lock_release(&held);
	assert_int_equal(held.fd, -1);
	lock_release(&held);
	assert_int_equal(child_acquire(dir), 0);

	/* The lock can be taken again after release, in this process too. */
	assert_null(lock_acquire(dir, &held));
	lock_release(&held);
	assert_listing(dir, ".isms.lock");

	/* No project directory: an I/O error, not a hang. */
	char *missing = xasprintf("%s/nope", dir);
	struct isms_error *err = lock_acquire(missing, &held);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_IO);
	assert_int_equal(held.fd, -1);
	err_free(err);
	free(missing);
	unsetenv("ISMS_LOCK_TIMEOUT");
}

/* A planted link cannot redirect the lock file either. */
static void test_lock_symlink(void **state)
{
	const char *dir = *state;
	char *target = xasprintf("%s/elsewhere", dir);
	char *link = xasprintf("%s/.isms.lock", dir);
	struct lock l;

	spit(target, "keep\n");
	assert_int_equal(symlink(target, link), 0);
	struct isms_error *err = lock_acquire(dir, &l);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_IO);
	err_free(err);
	char *s = slurp(target);
	assert_string_equal(s, "keep\n");
	free(s);
	free(target);
	free(link);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_atomic_create_replace,
		    tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_atomic_refuses_symlink,
		    tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_atomic_failure_leaves_nothing,
		    tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_lock, tmp_setup,
		    tmp_teardown),
		cmocka_unit_test_setup_teardown(test_lock_symlink, tmp_setup,
		    tmp_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
