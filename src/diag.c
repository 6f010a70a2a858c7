/*
 * The diagnostics list.  Messages are formatted once, when added.
 */
#include "isms/diag.h"

#include <stdlib.h>
#include <string.h>

void diag_addv(struct diags *d, enum severity sev, const char *rule,
    const char *file, unsigned line, unsigned col, const char *fmt, va_list ap)
{
	GROW(d->v, d->cap, d->n + 1);
	struct diag *g = &d->v[d->n++];
	g->file = xstrdup(file ? file : "");
	g->line = line;
	g->col = col;
	g->sev = sev;
	g->rule = rule;
	g->msg = xvasprintf(fmt, ap);
	g->fatal = false;
}

void diag_add(struct diags *d, enum severity sev, const char *rule,
    const char *file, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_addv(d, sev, rule, file, at ? at->line : 1, at ? at->col : 1, fmt,
	    ap);
	va_end(ap);
}

void diag_fatal(struct diags *d, const char *rule, const char *file,
    const struct ynode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_addv(d, SEV_ERROR, rule, file, at ? at->line : 1,
	    at ? at->col : 1, fmt, ap);
	va_end(ap);
	d->v[d->n - 1].fatal = true;
}

void diag_add_error(struct diags *d, const char *rule,
    const struct isms_error *err)
{
	GROW(d->v, d->cap, d->n + 1);
	struct diag *g = &d->v[d->n++];
	g->file = xstrdup(err->file ? err->file : "");
	g->line = err->line ? err->line : 1;
	g->col = err->col ? err->col : 1;
	g->sev = SEV_ERROR;
	g->rule = rule;
	g->msg = xstrdup(err->msg);
	g->fatal = true;
}

static int diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if ((c = strcmp(x->rule, y->rule)))
		return c;
	return strcmp(x->msg, y->msg);
}

void diags_sort(struct diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

size_t diags_count(const struct diags *d, enum severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].sev == sev;
	return n;
}

const struct diag *diags_first_fatal(const struct diags *d)
{
	const struct diag *best = NULL;
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].fatal && (!best || diag_cmp(&d->v[i], best) < 0))
			best = &d->v[i];
	return best;
}

void diags_move(struct diags *to, struct diags *from)
{
	if (from->n) {
		if (to->cap - to->n < from->n)
			GROW(to->v, to->cap, to->n + from->n);
		memcpy(to->v + to->n, from->v, from->n * sizeof(*from->v));
		to->n += from->n;
	}
	free(from->v);
	*from = (struct diags)DIAGS_INIT;
}

void diags_release(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

const char *severity_name(enum severity sev)
{
	return sev == SEV_ERROR ? "error" : "warning";
}
