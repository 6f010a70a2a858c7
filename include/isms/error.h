/*
 * One way to fail.
 *
 * Every fallible function returns a struct isms_error * (NULL on success).
 * The error carries the exit code SPEC §4 assigns to its kind, and where the
 * problem is (file, line, column; line 0 when there is no position).  Only
 * main() prints it, as one line "isms: FILE:LINE:COL: message".
 *
 * Typical use, with a single cleanup label:
 *
 *	struct isms_error *err = NULL;
 *	if ((err = do_thing()))
 *		goto out;
 *	...
 *	out:
 *	free(owned);
 *	return err;
 */
#ifndef ISMS_ERROR_H
#define ISMS_ERROR_H

#include "isms/util.h"

enum isms_exit {
	EXIT_OK = 0,       /* success; for check, no problem found */
	EXIT_PROBLEMS = 1, /* check found problems */
	EXIT_USAGE = 2,    /* unknown command or flag, missing argument */
	EXIT_DATA = 3,     /* a register does not parse or validate */
	EXIT_IO = 4,       /* I/O error or lock not obtained */
};

struct isms_error {
	int code;
	char *file; /* NULL when not about a file */
	unsigned line, col; /* 1-based; 0 when unknown */
	unsigned row; /* CSV row, 0 when not about a CSV row */
	char *msg;
};

struct isms_error *err_new(int code, const char *fmt, ...) ISMS_PRINTF(2, 3);
struct isms_error *err_at(int code, const char *file, unsigned line,
    unsigned col, const char *fmt, ...) ISMS_PRINTF(5, 6);
/* An I/O error about a file, with strerror(errno) appended. */
struct isms_error *err_errno(const char *file, const char *fmt, ...)
    ISMS_PRINTF(2, 3);
/* Appends formatted text to the error's message ("... (and 3 more)"). */
void err_appendf(struct isms_error *err, const char *fmt, ...)
    ISMS_PRINTF(2, 3);
void err_free(struct isms_error *err);
/* "FILE:LINE:COL: message" (without the "isms: " prefix); caller frees. */
char *err_format(const struct isms_error *err);

#endif
