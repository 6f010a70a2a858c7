/*
 * Atomic replacement and the project lock.
 *
 * The lock is flock(2) rather than fcntl(2): it belongs to the open file,
 * not the process, and scripts can take the very same lock with flock(1)
 * to keep isms out while they edit registers themselves.
 */
#define _DEFAULT_SOURCE 1 /* flock() on glibc */
#include "isms/fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "isms/util.h"

/* Temporary files being written, removed if we stop half way.  Fixed
 * slots so that the exit hook never allocates. */
#define MAX_PENDING 64
static char pending_tmp[MAX_PENDING][PATH_MAX];

static void remove_pending(void)
{
	for (size_t i = 0; i < MAX_PENDING; i++) {
		if (pending_tmp[i][0])
			unlink(pending_tmp[i]);
		pending_tmp[i][0] = '\0';
	}
}

static void drop_pending(size_t slot)
{
	if (pending_tmp[slot][0])
		unlink(pending_tmp[slot]);
	pending_tmp[slot][0] = '\0';
}

/* write(2), or under fault injection a torn write: half the bytes go
 * out and then the disk is full. */
static ssize_t write_once(int fd, const char *data, size_t len)
{
	if (fault_inject(FAULT_WRITE)) {
		if (len > 1 && write(fd, data, len / 2) < 0)
			return -1;
		errno = ENOSPC;
		return -1;
	}
	return write(fd, data, len);
}

static int fsync_once(int fd)
{
	if (fault_inject(FAULT_FSYNC)) {
		errno = EIO;
		return -1;
	}
	return fsync(fd);
}

static int rename_once(const char *from, const char *to)
{
	if (fault_inject(FAULT_RENAME)) {
		errno = EXDEV;
		return -1;
	}
	return rename(from, to);
}

int (*fsio_rename)(const char *from, const char *to) = rename_once;

static struct isms_error *write_all(int fd, const char *display,
    const char *data, size_t len)
{
	while (len) {
		ssize_t n = write_once(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return err_errno(display, "cannot write");
		data += n;
		len -= (size_t)n;
	}
	return NULL;
}

static void dir_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		snprintf(dir, size, ".");
		return;
	}
	size_t n = (size_t)(slash - path);
	if (n == 0)
		n = 1;
	snprintf(dir, size, "%.*s", (int)n, path);
}

static void sync_dir(const char *path)
{
	char dir[PATH_MAX];
	dir_of(path, dir, sizeof(dir));
	int fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		fsync_once(fd);
		close(fd);
	}
}

/* Writes data to a new temporary file beside path, in pending slot `slot`,
 * with the mode of the file it will replace, and fsyncs it. */
static struct isms_error *write_temp(size_t slot, const char *path,
    const char *display, const char *data, size_t len)
{
	static bool registered;
	char *tmp = pending_tmp[slot];
	struct stat st;
	mode_t mode = 0644;
	struct isms_error *err = NULL;
	int fd = -1;

	if (!registered) {
		atexit_cleanup_register(remove_pending);
		atexit(remove_pending);
		registered = true;
	}
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return err_at(EXIT_IO, display, 0, 0,
			    "is a symbolic link; isms does not write through links");
		if (!S_ISREG(st.st_mode))
			return err_at(EXIT_IO, display, 0, 0,
			    "is not a regular file");
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	char dir[PATH_MAX];
	dir_of(path, dir, sizeof(dir));
	if ((size_t)snprintf(tmp, PATH_MAX, "%s/.isms-tmp-XXXXXX", dir) >=
	    PATH_MAX) {
		tmp[0] = '\0';
		return err_at(EXIT_IO, display, 0, 0, "path too long");
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		tmp[0] = '\0';
		return err_errno(display, "cannot create a temporary file in %s",
		    dir);
	}
	if ((err = write_all(fd, display, data, len)))
		goto fail;
	if (fchmod(fd, mode) < 0) {
		err = err_errno(display, "cannot set the file mode");
		goto fail;
	}
	if (fsync_once(fd) < 0) {
		err = err_errno(display, "cannot sync");
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		err = err_errno(display, "cannot write");
		goto fail;
	}
	return NULL;
fail:
	if (fd >= 0)
		close(fd);
	drop_pending(slot);
	return err;
}

struct isms_error *atomic_write(const char *path, const char *display,
    const char *data, size_t len)
{
	struct atomic_file f = { path, display, data, len, NULL, 0 };
	return atomic_write_all(&f, 1);
}

/* Puts back files[0..done) after a failed rename: best effort, since the
 * error being reported is the rename's. */
static void restore(const struct atomic_file *files, size_t done)
{
	for (size_t i = 0; i < done; i++) {
		if (!files[i].old) {
			unlink(files[i].path);
			continue;
		}
		if (write_temp(0, files[i].path, files[i].display, files[i].old,
		    files[i].old_len) == NULL &&
		    fsio_rename(pending_tmp[0], files[i].path) == 0)
			pending_tmp[0][0] = '\0';
		drop_pending(0);
		sync_dir(files[i].path);
	}
}

struct isms_error *atomic_write_all(const struct atomic_file *files,
    size_t n)
{
	struct isms_error *err = NULL;
	size_t i;

	if (n > MAX_PENDING)
		return err_new(EXIT_IO, "too many files in one change (%zu)", n);
	for (i = 0; i < n; i++)
		if ((err = write_temp(i, files[i].path, files[i].display,
		    files[i].data, files[i].len)))
			goto fail;
	for (i = 0; i < n; i++) {
		if (fsio_rename(pending_tmp[i], files[i].path) < 0) {
			err = err_errno(files[i].display, "cannot replace");
			/* The slots of files renamed so far are empty, so the
			 * restore can reuse slot 0 once its temp is gone. */
			drop_pending(0);
			restore(files, i);
			goto fail;
		}
		pending_tmp[i][0] = '\0';
	}
	for (i = 0; i < n; i++)
		sync_dir(files[i].path);
	return NULL;
fail:
	remove_pending();
	return err;
}

static long lock_timeout_ms(void)
{
	const char *s = getenv("ISMS_LOCK_TIMEOUT");
	if (s && *s) {
		char *end;
		double v = strtod(s, &end);
		if (!*end && v >= 0 && v < 3600)
			return (long)(v * 1000);
	}
	return 10000;
}

struct isms_error *lock_acquire(const char *root, struct lock *lock)
{
	char path[PATH_MAX];
	long waited = 0, limit = lock_timeout_ms();

	lock->fd = -1;
	if ((size_t)snprintf(path, sizeof(path), "%s/.isms.lock", root) >=
	    sizeof(path))
		return err_new(EXIT_IO, "project path too long");
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return err_errno(".isms.lock", "cannot open the project lock");
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			break;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			struct isms_error *e = err_errno(".isms.lock",
			    "cannot lock the project");
			close(fd);
			return e;
		}
		if (waited >= limit) {
			close(fd);
			return err_at(EXIT_IO, ".isms.lock", 0, 0,
			    "another isms is writing to this project; gave up "
			    "after %.1f s (ISMS_LOCK_TIMEOUT)", limit / 1000.0);
		}
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		waited += 10;
	}
	lock->fd = fd;
	return NULL;
}

void lock_release(struct lock *lock)
{
	if (lock->fd >= 0)
		close(lock->fd);
	lock->fd = -1;
}
