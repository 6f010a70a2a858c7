/*
 * Writing files so that a crash leaves the old or the new content, and
 * serialising writers with a lock.
 *
 * atomic_write() writes a temporary file in the same directory, copies the
 * old file's mode, fsyncs it, renames it over the target and fsyncs the
 * directory.  It refuses to write through a symbolic link, so a link planted
 * in a project cannot redirect a write outside it.  A temporary file left by
 * an interrupted run is removed on exit paths that can run code.
 *
 * atomic_write_all() replaces several files as one change: it writes and
 * fsyncs every temporary file first, and only when all of them are on disk
 * renames them over their targets.  A failure before the renames changes
 * nothing.  A rename that fails after others succeeded is undone by writing
 * the renamed files back from their old text (or removing them when they
 * did not exist).  The limit of that guarantee: a crash or power cut
 * between two renames leaves some files new and some old, since POSIX has
 * no rename of several files at once; `isms check` then reports the
 * dangling references such a half-applied change leaves behind.
 *
 * The project lock is an exclusive flock() on .isms.lock in the project
 * root, taken with a bounded wait (ISMS_LOCK_TIMEOUT seconds, default 10):
 * a writer that cannot get it fails with exit status 4 instead of hanging.
 */
#ifndef ISMS_FSIO_H
#define ISMS_FSIO_H

#include "isms/error.h"

struct isms_error *atomic_write(const char *path, const char *display,
    const char *data, size_t len);

/* One file of a multi-file change.  old is the text to restore when a
 * later rename fails (NULL: the file did not exist, so it is removed). */
struct atomic_file {
	const char *path, *display;
	const char *data;
	size_t len;
	const char *old;
	size_t old_len;
};

struct isms_error *atomic_write_all(const struct atomic_file *files,
    size_t n);

/* rename(2), replaceable by tests to make a rename fail on purpose. */
extern int (*fsio_rename)(const char *from, const char *to);

struct lock {
	int fd;
};

struct isms_error *lock_acquire(const char *root, struct lock *lock);
void lock_release(struct lock *lock);

#endif
