/*
 * Reading CSV files for `import`: the whole file into rows of fields, each
 * row knowing where it came from, or one error that says FILE:ROW.
 *
 * Rules, in the order they are applied:
 *   - a file bigger than the caller's limit is refused before it is read;
 *   - a UTF-8 byte order mark at the start is skipped;
 *   - a NUL byte or bytes that are not UTF-8 are refused, naming the line
 *     (spreadsheets that save "CSV" in a legacy code page are common, and
 *     guessing the encoding would silently corrupt names);
 *   - the rest is RFC 4180 parsed by libcsv in strict mode: a quote inside
 *     an unquoted field, text after a closing quote or a quoted field left
 *     open at the end of the file is an error; LF, CRLF and CR line ends
 *     are all accepted, and blank lines are skipped;
 *   - spaces and tabs around unquoted fields are trimmed (libcsv's rule;
 *     the CSV writer in output.h quotes fields that need them kept).
 *
 * A row's number is the 1-based line of the file on which its record
 * starts (the header of a file without blank lines is row 1).  That is the
 * spreadsheet row for every file without line breaks inside cells, and it
 * is what an editor jumps to, so "FILE:ROW" messages work in both.
 *
 * Rows are returned as read, however many fields they have: checking that
 * each has as many as the header is the caller's, who knows which columns
 * matter and reports every bad row, not just the first.
 */
#ifndef ISMS_CSVREAD_H
#define ISMS_CSVREAD_H

#include <stddef.h>

#include "isms/error.h"

/* A limit that no hand-kept register comes near. */
#define CSVREAD_DEFAULT_LIMIT ((size_t)16 << 20)

struct csvread_row {
	unsigned row;   /* 1-based line on which the record starts */
	size_t nfields;
	char **fields;  /* nfields NUL-terminated UTF-8 strings */
};

struct csvread {
	char *name;     /* display name used in messages */
	size_t nrows;   /* 0 for a file with no records at all */
	struct csvread_row *rows; /* rows[0] is the header */
};

/*
 * Reads path (named name in messages; path when name is NULL), refusing
 * files over max_bytes (0 = CSVREAD_DEFAULT_LIMIT).  Errors: EXIT_IO when
 * the file cannot be read; EXIT_DATA, with row set, for everything about
 * its content.
 */
struct isms_error *csvread_file(const char *path, const char *name,
    size_t max_bytes, struct csvread **out);
/* The same rules on bytes in memory. */
struct isms_error *csvread_mem(const char *data, size_t len, const char *name,
    struct csvread **out);
void csvread_free(struct csvread *c);

/* Index of the header field equal to name ignoring ASCII case, or -1. */
long csvread_column(const struct csvread *c, const char *name);
/* Field i of row r, or NULL when the row is too short. */
const char *csvread_field(const struct csvread_row *r, size_t i);

#endif
