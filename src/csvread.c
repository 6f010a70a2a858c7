/*
 * CSV reader over libcsv (see csvread.h for the rules).
 *
 * libcsv reports fields and record ends through callbacks but not where in
 * the input they were, so the input is fed one physical line at a time and
 * the line numbers are kept here.  Whether a line starts a new record is
 * decided by the parity of the quotes seen so far: in strict RFC 4180 a
 * quote only opens, closes or (doubled) escapes inside a quoted field, so
 * an odd count means a line break inside a quoted cell.  Any input where
 * that reasoning fails is one libcsv rejects in strict mode anyway.
 *
 * The same per-line pass checks for NUL bytes and invalid UTF-8 before a
 * line reaches the parser; a multi-byte sequence never holds a line break,
 * so checking line by line is exact.
 */
#include "isms/csvread.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct reader {
	struct csvread *c;
	size_t rowcap;
	struct csvread_row cur; /* the record being assembled */
	size_t curcap;
	unsigned start;         /* line on which the next record starts */
};

static struct isms_error *row_err(const char *name, unsigned row,
    const char *fmt, ...) ISMS_PRINTF(3, 4);

static struct isms_error *row_err(const char *name, unsigned row,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	struct isms_error *e = err_at(EXIT_DATA, name, 0, 0, "%s", msg);
	e->row = row;
	free(msg);
	return e;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->cur.nfields == 0)
		r->cur.row = r->start;
	GROW(r->cur.fields, r->curcap, r->cur.nfields + 1);
	/* libcsv passes NULL for an empty field before it has a buffer. */
	r->cur.fields[r->cur.nfields++] = s ? xstrndup(s, len) : xstrdup("");
}

static void on_record(int c, void *data)
{
	struct reader *r = data;
	struct csvread *f = r->c;
	if (r->cur.nfields == 0)
		return;
	GROW(f->rows, r->rowcap, f->nrows + 1);
	f->rows[f->nrows++] = r->cur;
	memset(&r->cur, 0, sizeof(r->cur));
	r->curcap = 0;
}

static void row_release(struct csvread_row *row)
{
	for (size_t i = 0; i < row->nfields; i++)
		free(row->fields[i]);
	free(row->fields);
}

/* Length of the line at s, its terminator included: LF, CRLF or lone CR. */
static size_t line_len(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			return i + 1;
		if (s[i] == '\r')
			return i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
	}
	return n;
}

static struct isms_error *check_text(const char *name, unsigned line,
    const char *s, size_t n)
{
	if (memchr(s, '\0', n))
		return row_err(name, line,
		    "contains a NUL byte: this is not a text CSV file");
	if (!utf8_valid(s, n))
		return row_err(name, line, "not valid UTF-8 text; save the "
		    "file as \"CSV UTF-8\" and import it again");
	return NULL;
}

static size_t count_quotes(const char *s, size_t n)
{
	size_t q = 0;
	for (size_t i = 0; i < n; i++)
		q += s[i] == '"';
	return q;
}

/* Explains a strict-mode refusal from the byte libcsv stopped at. */
static struct isms_error *parse_error(const char *name, unsigned line,
    const char *s, size_t n, size_t at)
{
	if (at < n && s[at] == '"')
		return row_err(name, line, "malformed CSV: a '\"' inside an "
		    "unquoted field; quote the whole field and double the "
		    "quotes inside it");
	return row_err(name, line,
	    "malformed CSV: text after the closing '\"' of a quoted field");
}

struct isms_error *csvread_mem(const char *data, size_t len, const char *name,
    struct csvread **out)
{
	struct isms_error *err = NULL;
	struct csv_parser p;
	struct reader r = { 0 };
	bool in_quotes = false;
	unsigned line = 0, quote_line = 0;

	*out = NULL;
	r.c = xcalloc(1, sizeof(*r.c));
	r.c->name = xstrdup(name ? name : "-");
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	/* One allocator for everything: libcsv's buffer too. */
	csv_set_realloc_func(&p, xrealloc);
	csv_set_free_func(&p, free);

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	for (size_t off = 0; off < len;) {
		size_t n = line_len(data + off, len - off);
		const char *s = data + off;
		line++;
		if ((err = check_text(r.c->name, line, s, n)))
			goto out;
		if (!in_quotes)
			r.start = line;
		size_t q = count_quotes(s, n);
		if (q % 2)
			in_quotes = !in_quotes;
		if (q && in_quotes)
			quote_line = line;
		size_t done = csv_parse(&p, s, n, on_field, on_record, &r);
		if (done != n) {
			err = parse_error(r.c->name, line, s, n, done);
			goto out;
		}
		off += n;
	}
	if (csv_fini(&p, on_field, on_record, &r) != 0) {
		err = row_err(r.c->name, quote_line, "malformed CSV: a quoted "
		    "field is never closed (a '\"' is missing)");
		goto out;
	}
	*out = r.c;
	r.c = NULL;
out:
	csv_free(&p);
	row_release(&r.cur);
	csvread_free(r.c);
	return err;
}

static struct isms_error *too_big(const char *name, size_t max)
{
	return err_at(EXIT_DATA, name, 0, 0, "file is larger than the "
	    "%zu-byte limit for a CSV import; split it into smaller files",
	    max);
}

/* Reads at most max + 1 bytes, so an over-limit pipe or a file that grows
 * while it is read is caught as surely as one that stat() shows big. */
static struct isms_error *read_all(int fd, const char *name, size_t max,
    struct sbuf *sb)
{
	for (;;) {
		sbuf_grow(sb, 65536);
		size_t room = sb->cap - sb->len - 1;
		if (room > max + 1 - sb->len)
			room = max + 1 - sb->len;
		ssize_t got = read(fd, sb->buf + sb->len, room);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return err_errno(name, "cannot read");
		if (got == 0)
			return NULL;
		sb->len += (size_t)got;
		sb->buf[sb->len] = '\0';
		if (sb->len > max)
			return too_big(name, max);
	}
}

struct isms_error *csvread_file(const char *path, const char *name,
    size_t max_bytes, struct csvread **out)
{
	struct isms_error *err = NULL;
	struct sbuf sb = SBUF_INIT;
	struct stat st;
	int fd = -1;
	size_t max = max_bytes ? max_bytes : CSVREAD_DEFAULT_LIMIT;

	*out = NULL;
	if (!name)
		name = path;
	if ((fd = open(path, O_RDONLY)) < 0) {
		err = err_errno(name, "cannot open");
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		err = err_errno(name, "cannot stat");
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		err = err_at(EXIT_IO, name, 0, 0, "is a directory, not a file");
		goto out;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		err = too_big(name, max);
		goto out;
	}
	if ((err = read_all(fd, name, max, &sb)))
		goto out;
	err = csvread_mem(sb.buf, sb.len, name, out);
out:
	if (fd >= 0)
		close(fd);
	sbuf_release(&sb);
	return err;
}

void csvread_free(struct csvread *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nrows; i++)
		row_release(&c->rows[i]);
	free(c->rows);
	free(c->name);
	free(c);
}

static bool ascii_case_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

long csvread_column(const struct csvread *c, const char *name)
{
	if (!c || c->nrows == 0)
		return -1;
	for (size_t i = 0; i < c->rows[0].nfields; i++)
		if (ascii_case_eq(c->rows[0].fields[i], name))
			return (long)i;
	return -1;
}

const char *csvread_field(const struct csvread_row *r, size_t i)
{
	return i < r->nfields ? r->fields[i] : NULL;
}
