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
 * The project lock is an exclusive flock() on .isms.lock in the project
 * root, taken with a bounded wait (ISMS_LOCK_TIMEOUT seconds, default 10):
 * a writer that cannot get it fails with exit status 4 instead of hanging.
 */
#ifndef ISMS_FSIO_H
#define ISMS_FSIO_H

#include "isms/error.h"

struct isms_error *atomic_write(const char *path, const char *display,
    const char *data, size_t len);

struct lock {
	int fd;
};

struct isms_error *lock_acquire(const char *root, struct lock *lock);
void lock_release(struct lock *lock);

#endif
