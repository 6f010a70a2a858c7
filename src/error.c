/*
 * Error values.  Construction only; printing belongs to main().
 */
#include "isms/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static struct isms_error *verr(int code, const char *file, unsigned line,
    unsigned col, const char *fmt, va_list ap)
{
	struct isms_error *e = xcalloc(1, sizeof(*e));
	e->code = code;
	e->file = file ? xstrdup(file) : NULL;
	e->line = line;
	e->col = col;
	e->msg = xvasprintf(fmt, ap);
	return e;
}

struct isms_error *err_new(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct isms_error *e = verr(code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return e;
}

struct isms_error *err_at(int code, const char *file, unsigned line,
    unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct isms_error *e = verr(code, file, line, col, fmt, ap);
	va_end(ap);
	return e;
}

struct isms_error *err_errno(const char *file, const char *fmt, ...)
{
	int saved = errno;
	struct sbuf sb = SBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	sbuf_addf(&sb, ": %s", strerror(saved));
	struct isms_error *e = err_at(EXIT_IO, file, 0, 0, "%s", sb.buf);
	sbuf_release(&sb);
	return e;
}

void err_appendf(struct isms_error *err, const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT;
	va_list ap;
	sbuf_adds(&sb, err->msg);
	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(err->msg);
	err->msg = sbuf_detach(&sb, NULL);
}

void err_free(struct isms_error *err)
{
	if (!err)
		return;
	free(err->file);
	free(err->msg);
	free(err);
}

char *err_format(const struct isms_error *e)
{
	struct sbuf sb = SBUF_INIT;
	if (e->file) {
		sbuf_adds(&sb, e->file);
		if (e->row)
			sbuf_addf(&sb, ":%u", e->row);
		else if (e->line)
			sbuf_addf(&sb, ":%u:%u", e->line, e->col ? e->col : 1);
		sbuf_adds(&sb, ": ");
	}
	sbuf_adds(&sb, e->msg);
	return sbuf_detach(&sb, NULL);
}
