/*
 * The formula parser and evaluator (include/isms/expr.h).  A recursive
 * descent parser, capped at EXPR_MAX_DEPTH nesting so that no formula can
 * exhaust the stack; a syntax error stops the parse (what follows would be
 * noise) but unknown names are all reported.
 */
#include "isms/expr.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct parser {
	struct arena *a;
	const char *src, *p;
	const struct expr_ops *ops;
	int depth;
	bool failed;   /* some name did not resolve */
	bool stopped;  /* a syntax error: give up */
};

static const char *const func_names[] = { "min", "max", "avg", "coalesce" };
static const enum expr_op func_ops[] = { EX_MIN, EX_MAX, EX_AVG, EX_COALESCE };

static void perr(struct parser *ps, const char *at, const char *fmt, ...)
    ISMS_PRINTF(3, 4);

static void perr(struct parser *ps, const char *at, const char *fmt, ...)
{
	va_list ap;
	if (ps->stopped)
		return;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	ps->ops->error(ps->ops->arg, (size_t)(at - ps->src), msg);
	free(msg);
	ps->stopped = true;
}

static void skip_space(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
	    *ps->p == '\r')
		ps->p++;
}

static struct expr *node(struct parser *ps, enum expr_op op, const char *at,
    size_t n)
{
	struct expr *e = arena_alloc(ps->a, sizeof(*e));
	memset(e, 0, sizeof(*e));
	e->op = op;
	e->off = (size_t)(at - ps->src);
	e->n = n;
	if (n) {
		e->kid = arena_alloc(ps->a, n * sizeof(*e->kid));
		memset(e->kid, 0, n * sizeof(*e->kid));
	}
	return e;
}

static struct expr *parse_sum(struct parser *ps);

static bool is_name_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static struct expr *parse_number(struct parser *ps)
{
	const char *start = ps->p, *q = ps->p;
	while (isdigit((unsigned char)*q) || *q == '.')
		q++;
	if ((*q == 'e' || *q == 'E') && (isdigit((unsigned char)q[1]) ||
	    ((q[1] == '+' || q[1] == '-') && isdigit((unsigned char)q[2])))) {
		q += 2;
		while (isdigit((unsigned char)*q))
			q++;
	}
	char *text = xstrndup(start, (size_t)(q - start)), *end;
	double v = strtod(text, &end);
	bool ok = *end == '\0' && isfinite(v);
	free(text);
	if (!ok) {
		perr(ps, start, "bad number '%.*s'", (int)(q - start), start);
		return NULL;
	}
	struct expr *e = node(ps, EX_NUM, start, 0);
	e->num = v;
	ps->p = q;
	return e;
}

/* Collects the comma-separated arguments of a function call. */
static struct expr *parse_call(struct parser *ps, const char *at,
    enum expr_op op)
{
	struct expr *args[64];
	size_t n = 0;
	ps->p++; /* ( */
	for (;;) {
		skip_space(ps);
		if (n == ARRAY_SIZE(args)) {
			perr(ps, ps->p, "too many arguments");
			return NULL;
		}
		if (!(args[n++] = parse_sum(ps)))
			return NULL;
		skip_space(ps);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == ')') {
			ps->p++;
			break;
		}
		perr(ps, ps->p, "expected ',' or ')' in the arguments of %.*s()",
		    (int)strcspn(at, "( "), at);
		return NULL;
	}
	struct expr *e = node(ps, op, at, n);
	memcpy(e->kid, args, n * sizeof(*args));
	return e;
}

static struct expr *parse_name(struct parser *ps)
{
	const char *start = ps->p;
	while (is_name_char(*ps->p))
		ps->p++;
	size_t len = (size_t)(ps->p - start);
	const char *after = ps->p;
	skip_space(ps);
	if (*ps->p == '(') {
		for (size_t i = 0; i < ARRAY_SIZE(func_names); i++)
			if (strlen(func_names[i]) == len &&
			    !strncmp(func_names[i], start, len))
				return parse_call(ps, start, func_ops[i]);
		perr(ps, start, "unknown function %.*s(); the functions are "
		    "min, max, avg and coalesce", (int)len, start);
		return NULL;
	}
	ps->p = after;
	struct expr *e = node(ps, EX_VAR, start, 0);
	e->var = ps->ops->resolve(ps->ops->arg, start, len,
	    (size_t)(start - ps->src));
	if (e->var < 0)
		ps->failed = true;
	return e;
}

static struct expr *parse_primary(struct parser *ps)
{
	skip_space(ps);
	char c = *ps->p;
	if (isdigit((unsigned char)c) || c == '.')
		return parse_number(ps);
	if (is_name_start(c))
		return parse_name(ps);
	if (c == '(') {
		ps->p++;
		struct expr *e = parse_sum(ps);
		if (!e)
			return NULL;
		skip_space(ps);
		if (*ps->p != ')') {
			perr(ps, ps->p, "expected ')'");
			return NULL;
		}
		ps->p++;
		return e;
	}
	if (c == '\0')
		perr(ps, ps->p, "formula ends where a value was expected");
	else
		perr(ps, ps->p, "unexpected '%c' where a value was expected",
		    c);
	return NULL;
}

static struct expr *parse_unary(struct parser *ps)
{
	skip_space(ps);
	if (*ps->p != '-')
		return parse_primary(ps);
	const char *at = ps->p++;
	if (++ps->depth > EXPR_MAX_DEPTH) {
		perr(ps, at, "formula nests too deeply");
		return NULL;
	}
	struct expr *k = parse_unary(ps);
	ps->depth--;
	if (!k)
		return NULL;
	struct expr *e = node(ps, EX_NEG, at, 1);
	e->kid[0] = k;
	return e;
}

static struct expr *binary(struct parser *ps, enum expr_op op,
    const char *at, struct expr *l, struct expr *r)
{
	struct expr *e = node(ps, op, at, 2);
	e->kid[0] = l;
	e->kid[1] = r;
	return e;
}

static struct expr *parse_product(struct parser *ps)
{
	struct expr *l = parse_unary(ps);
	while (l) {
		skip_space(ps);
		char c = *ps->p;
		if (c != '*' && c != '/')
			break;
		const char *at = ps->p++;
		struct expr *r = parse_unary(ps);
		if (!r)
			return NULL;
		l = binary(ps, c == '*' ? EX_MUL : EX_DIV, at, l, r);
	}
	return l;
}

static struct expr *parse_sum(struct parser *ps)
{
	if (++ps->depth > EXPR_MAX_DEPTH) {
		perr(ps, ps->p, "formula nests too deeply");
		return NULL;
	}
	struct expr *l = parse_product(ps);
	while (l) {
		skip_space(ps);
		char c = *ps->p;
		if (c != '+' && c != '-')
			break;
		const char *at = ps->p++;
		struct expr *r = parse_product(ps);
		if (!r)
			return NULL;
		l = binary(ps, c == '+' ? EX_ADD : EX_SUB, at, l, r);
	}
	ps->depth--;
	return l;
}

struct expr *expr_parse(struct arena *a, const char *src,
    const struct expr_ops *ops)
{
	struct parser ps = { a, src, src, ops, 0, false, false };
	if (strlen(src) > EXPR_MAX_LEN) {
		perr(&ps, src, "formula is longer than %d characters",
		    EXPR_MAX_LEN);
		return NULL;
	}
	struct expr *e = parse_sum(&ps);
	if (e) {
		skip_space(&ps);
		if (*ps.p == ')')
			perr(&ps, ps.p, "unbalanced ')'");
		else if (*ps.p)
			perr(&ps, ps.p, "expected an operator, found '%c'",
			    *ps.p);
	}
	return ps.stopped || ps.failed ? NULL : e;
}

bool expr_eval(const struct expr *e, const double *vals, double *out)
{
	double a, b;
	switch (e->op) {
	case EX_NUM:
		*out = e->num;
		return true;
	case EX_VAR:
		*out = vals[e->var];
		return *out >= 0;
	case EX_NEG:
		if (!expr_eval(e->kid[0], vals, &a))
			return false;
		*out = -a;
		return true;
	case EX_ADD: case EX_SUB: case EX_MUL: case EX_DIV:
		if (!expr_eval(e->kid[0], vals, &a) ||
		    !expr_eval(e->kid[1], vals, &b))
			return false;
		*out = e->op == EX_ADD ? a + b : e->op == EX_SUB ? a - b :
		    e->op == EX_MUL ? a * b : a / b;
		return true;
	case EX_MIN: case EX_MAX: case EX_AVG:
		if (!expr_eval(e->kid[0], vals, out))
			return false;
		for (size_t i = 1; i < e->n; i++) {
			if (!expr_eval(e->kid[i], vals, &a))
				return false;
			if (e->op == EX_AVG)
				*out += a;
			else if (e->op == EX_MIN ? a < *out : a > *out)
				*out = a;
		}
		/* The sum of the values, divided once: 35/8 is 4.375 exactly. */
		if (e->op == EX_AVG)
			*out /= (double)e->n;
		return true;
	case EX_COALESCE:
		for (size_t i = 0; i < e->n; i++)
			if (expr_eval(e->kid[i], vals, out))
				return true;
		return false;
	}
	return false;
}

static void range_set(struct expr_range *r, double x, double y)
{
	r->lo = x < y ? x : y;
	r->hi = x < y ? y : x;
}

static void range_product(struct expr_range *r, const struct expr_range *a,
    const struct expr_range *b, bool divide)
{
	double c[4];
	if (divide) {
		c[0] = a->lo / b->lo; c[1] = a->lo / b->hi;
		c[2] = a->hi / b->lo; c[3] = a->hi / b->hi;
	} else {
		c[0] = a->lo * b->lo; c[1] = a->lo * b->hi;
		c[2] = a->hi * b->lo; c[3] = a->hi * b->hi;
	}
	r->lo = r->hi = c[0];
	for (int i = 1; i < 4; i++) {
		if (c[i] < r->lo)
			r->lo = c[i];
		if (c[i] > r->hi)
			r->hi = c[i];
	}
}

static void report_divisor(const struct expr *d, const struct expr_ops *ops)
{
	char *msg;
	if (d->op == EX_NUM)
		msg = xasprintf("division by zero");
	else if (d->op == EX_VAR)
		msg = xasprintf("division by a value whose scale includes 0");
	else
		msg = xasprintf("divisor can be zero (it ranges over "
		    "values including 0)");
	ops->error(ops->arg, d->off, msg);
	free(msg);
}

bool expr_range(const struct expr *e, const struct expr_range *vars,
    const struct expr_ops *ops, struct expr_range *out)
{
	struct expr_range k[2];
	bool ok = true;
	switch (e->op) {
	case EX_NUM:
		out->lo = out->hi = e->num;
		out->may_miss = false;
		return true;
	case EX_VAR:
		*out = vars[e->var];
		return true;
	case EX_NEG:
		ok = expr_range(e->kid[0], vars, ops, &k[0]);
		range_set(out, -k[0].lo, -k[0].hi);
		out->may_miss = k[0].may_miss;
		return ok;
	case EX_ADD: case EX_SUB: case EX_MUL: case EX_DIV:
		ok = expr_range(e->kid[0], vars, ops, &k[0]);
		ok = expr_range(e->kid[1], vars, ops, &k[1]) && ok;
		out->may_miss = k[0].may_miss || k[1].may_miss;
		if (e->op == EX_ADD)
			range_set(out, k[0].lo + k[1].lo, k[0].hi + k[1].hi);
		else if (e->op == EX_SUB)
			range_set(out, k[0].lo - k[1].hi, k[0].hi - k[1].lo);
		else if (e->op == EX_MUL || (k[1].lo > 0 || k[1].hi < 0))
			range_product(out, &k[0], &k[1], e->op == EX_DIV);
		else {
			report_divisor(e->kid[1], ops);
			out->lo = out->hi = 0;
			return false;
		}
		return ok;
	case EX_MIN: case EX_MAX: case EX_AVG: case EX_COALESCE:
		for (size_t i = 0; i < e->n; i++) {
			ok = expr_range(e->kid[i], vars, ops, &k[1]) && ok;
			if (i == 0) {
				*out = k[1];
				continue;
			}
			if (e->op == EX_AVG) {
				out->lo += k[1].lo;
				out->hi += k[1].hi;
			} else if (e->op == EX_MIN) {
				out->lo = k[1].lo < out->lo ? k[1].lo : out->lo;
				out->hi = k[1].hi < out->hi ? k[1].hi : out->hi;
			} else {
				/* max(), and coalesce(): any argument may be
				 * the one taken. */
				out->lo = e->op == EX_COALESCE ?
				    (k[1].lo < out->lo ? k[1].lo : out->lo) :
				    (k[1].lo > out->lo ? k[1].lo : out->lo);
				out->hi = k[1].hi > out->hi ? k[1].hi : out->hi;
			}
			out->may_miss = e->op == EX_COALESCE ?
			    out->may_miss && k[1].may_miss :
			    out->may_miss || k[1].may_miss;
		}
		if (e->op == EX_AVG) {
			out->lo /= (double)e->n;
			out->hi /= (double)e->n;
		}
		return ok;
	}
	return ok;
}

uint64_t expr_vars(const struct expr *e)
{
	uint64_t m = e->op == EX_VAR ? UINT64_C(1) << e->var : 0;
	for (size_t i = 0; i < e->n; i++)
		m |= expr_vars(e->kid[i]);
	return m;
}

bool expr_equal(const struct expr *a, const struct expr *b)
{
	if (a->op != b->op || a->n != b->n)
		return false;
	if (a->op == EX_NUM && a->num != b->num)
		return false;
	if (a->op == EX_VAR && a->var != b->var)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!expr_equal(a->kid[i], b->kid[i]))
			return false;
	return true;
}
