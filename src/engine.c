/*
 * The scoring engine (include/isms/engine.h): scores, levels, rating
 * checks and impact derivation over a loaded method.
 *
 * Scoring copies the rating into a stack array with room for the axes
 * (variables nf..nf+nax-1), evaluates the axes, then the matrix or the
 * score and bands.  The loader guaranteed that formulas cannot divide by
 * zero and that bands cover every reachable value, so the only failure is
 * a rating that is incomplete or off its scales, and that is checked here
 * rather than trusted, because callers may build ratings by hand.
 */
#include "method_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool method_parse_value(const struct method *m, size_t f, const char *text,
    double *out)
{
	const struct mfactor *fa = &m->f[f];
	int v;
	if (method_parse_int(text, &v)) {
		if (method_scale_find(m, f, v) < 0)
			return false;
		*out = v;
		return true;
	}
	for (size_t k = 0; fa->named && k < fa->n; k++)
		if (method_name_eq(fa->lv[k].name, text)) {
			*out = fa->lv[k].value;
			return true;
		}
	return false;
}

int method_ref_level(const struct method *m, const struct mref *r,
    const double *vals)
{
	if (r->axis)
		return method_band_find(m->ax[r->idx].band, m->ax[r->idx].n,
		    vals[m->nf + r->idx]);
	return method_scale_find(m, r->idx, vals[r->idx]);
}

bool method_eval_axes(const struct method *m, double *vals)
{
	for (size_t x = 0; x < m->nax; x++)
		if (!expr_eval(m->ax[x].e, vals, &vals[m->nf + x]))
			return false;
	return true;
}

/* Copies a rating into buf and checks it: required factors rated, every
 * rated value on its scale. */
static bool load_rating(const struct method *m, const double *vals,
    double *buf)
{
	for (size_t f = 0; f < m->nf; f++) {
		buf[f] = vals[f];
		if (vals[f] < 0) {
			if (!m->f[f].optional)
				return false;
		} else if (method_scale_find(m, f, vals[f]) < 0) {
			return false;
		}
	}
	return method_eval_axes(m, buf);
}

bool method_score(const struct method *m, const double *vals, double *score,
    size_t *level)
{
	double buf[EXPR_MAX_VARS];
	if (!load_rating(m, vals, buf))
		return false;
	if (m->has_matrix) {
		int r = method_ref_level(m, &m->mrow, buf);
		int c = method_ref_level(m, &m->mcol, buf);
		if (r < 0 || c < 0)
			return false;
		*level = m->cell[(size_t)r * method_ref_count(m, &m->mcol) + (size_t)c];
		if (!m->score) {
			*score = (double)(*level + 1);
			return true;
		}
		return expr_eval(m->score, buf, score);
	}
	if (!expr_eval(m->score, buf, score))
		return false;
	int l = method_band_find(m->lv, m->nl, *score);
	if (l < 0)
		return false;
	*level = (size_t)l;
	return true;
}

bool method_axis_value(const struct method *m, size_t x, const double *vals,
    double *value, size_t *band)
{
	double buf[EXPR_MAX_VARS];
	if (x >= m->nax || !load_rating(m, vals, buf))
		return false;
	int b = method_band_find(m->ax[x].band, m->ax[x].n, buf[m->nf + x]);
	if (b < 0)
		return false;
	*value = buf[m->nf + x];
	*band = (size_t)b;
	return true;
}

bool method_grid_cell(const struct method *m, const double *vals,
    size_t *row, size_t *col)
{
	double buf[EXPR_MAX_VARS];
	if (!m->has_grid || !load_rating(m, vals, buf))
		return false;
	int r = method_ref_level(m, &m->grow, buf);
	int c = method_ref_level(m, &m->gcol, buf);
	if (r < 0 || c < 0)
		return false;
	*row = (size_t)r;
	*col = (size_t)c;
	return true;
}

double method_asset_value(const struct method *m, int c, int i, int a)
{
	switch (m->asset) {
	case ASSET_SUM:
		return (double)c + i + a;
	case ASSET_AVG:
		return ((double)c + i + a) / 3;
	case ASSET_MAX:
		break;
	}
	int v = c > i ? c : i;
	return v > a ? v : a;
}

/* Rounds half up, caps at the scale's ends, and on a scale with gaps
 * takes the highest level not above the result. */
static double snap(const struct method *m, size_t f, double raw)
{
	const struct mfactor *fa = &m->f[f];
	double r = floor(raw + 0.5);
	if (r < fa->lv[0].value)
		return fa->lv[0].value;
	for (size_t k = fa->n; k-- > 0;)
		if (fa->lv[k].value <= r)
			return fa->lv[k].value;
	return fa->lv[0].value;
}

bool method_derive(const struct method *m, const struct cia *assets,
    size_t n, unsigned mask, struct derivation *out)
{
	bool by_prop = m->dfrom == DERIVE_CIA && (mask & 7);
	if (m->derive < 0 || n == 0)
		return false;
	out->raw = -1;
	for (size_t i = 0; i < n; i++) {
		if (!by_prop) {
			double v = method_asset_value(m, assets[i].c,
			    assets[i].i, assets[i].a);
			if (v > out->raw) {
				out->raw = v;
				out->asset = i;
				out->prop = 0;
			}
			continue;
		}
		const int pv[3] = { assets[i].c, assets[i].i, assets[i].a };
		for (int p = 0; p < 3; p++)
			if ((mask & (1u << p)) && pv[p] > out->raw) {
				out->raw = pv[p];
				out->asset = i;
				out->prop = "cia"[p];
			}
	}
	out->value = snap(m, (size_t)m->derive, out->raw);
	return true;
}

/* ------------------------------------------------------------------ */
/* Reading a rating: mapping  */

struct rctx {
	const struct method *m;
	const char *file;
	struct diags *d;
	const double *v;
	const struct ynode *at;
	bool ok;
};

static void rerr(struct rctx *c, const struct ynode *at, const char *fmt,
    ...) ISMS_PRINTF(3, 4);

static void rerr(struct rctx *c, const struct ynode *at, const char *fmt,
    ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_fatal(c->d, RULE_RATING, c->file, at, "%s", msg);
	free(msg);
	c->ok = false;
}

static uint64_t optional_mask(const struct method *m)
{
	uint64_t mask = 0;
	for (size_t f = 0; f < m->nf; f++)
		if (m->f[f].optional)
			mask |= UINT64_C(1) << f;
	return mask;
}

/* Optional factors that feed one coalesce() alternative must be rated
 * together: half a business impact would silently fall back to the
 * technical one. */
static void check_groups(struct rctx *c, const struct expr *e)
{
	const struct method *m = c->m;
	for (size_t i = 0; i < e->n; i++)
		check_groups(c, e->kid[i]);
	if (e->op != EX_COALESCE)
		return;
	for (size_t i = 0; i + 1 < e->n; i++) {
		uint64_t g = expr_vars(e->kid[i]) & optional_mask(m);
		size_t rated = 0, total = 0;
		struct sbuf miss = SBUF_INIT;
		for (size_t f = 0; f < m->nf; f++) {
			if (!(g & (UINT64_C(1) << f)))
				continue;
			total++;
			if (c->v[f] >= 0)
				rated++;
			else
				sbuf_addf(&miss, "%s%s", miss.len ? ", " : "",
				    m->f[f].name);
		}
		if (rated && rated < total)
			rerr(c, c->at, "rating gives some but not all of a "
			    "group of factors that go together; rate also %s, "
			    "or none of them", miss.buf);
		sbuf_release(&miss);
	}
}

static void read_pair(struct rctx *c, const struct ynode *k,
    const struct ynode *v, unsigned flags, double *vals)
{
	const struct method *m = c->m;
	static const char *const quant[] = { "sle", "aro", "loss" };
	if (k->kind != YN_SCALAR) {
		rerr(c, k, "rating keys must be factor names");
		return;
	}
	for (size_t q = 0; (flags & RATING_QUANT) && q < ARRAY_SIZE(quant);
	    q++)
		if (str_eq(k->str, quant[q]))
			return;
	int f = method_factor_index(m, k->str);
	if (f < 0) {
		struct closest near;
		closest_init(&near, k->str);
		for (size_t i = 0; i < m->nf; i++)
			closest_try(&near, m->f[i].name);
		if (near.best)
			rerr(c, k, "unknown factor '%s' in the rating; did "
			    "you mean '%s'?", k->str, near.best);
		else
			rerr(c, k, "unknown factor '%s' in the rating (the "
			    "%s methodology's factors start with %s)", k->str,
			    m->preset, m->f[0].name);
		return;
	}
	if (vals[f] != METHOD_UNRATED) {
		rerr(c, k, "rating gives %s twice", k->str);
		return;
	}
	if (v->kind == YN_SCALAR && !yn_is_null(v) &&
	    method_parse_value(m, (size_t)f, v->str, &vals[f]))
		return;
	struct sbuf want = SBUF_INIT;
	method_scale_describe(m, (size_t)f, &want);
	rerr(c, v, "bad value '%s' for %s: expected %s",
	    v->kind == YN_SCALAR ? v->str : yn_kind_name(v), k->str,
	    want.buf);
	sbuf_release(&want);
	vals[f] = METHOD_UNRATED - 1; /* given, but bad: not "missing" */
}

bool method_rating(const struct method *m, const struct ynode *rating,
    const char *file, unsigned flags, double *vals, struct diags *d)
{
	struct rctx c = { m, file, d, NULL, rating, true };
	double v[METHOD_MAX_FACTORS];
	for (size_t f = 0; f < m->nf; f++)
		v[f] = METHOD_UNRATED;
	c.v = v;
	if (!rating || rating->kind != YN_MAP) {
		if (!(rating && yn_is_null(rating) && (flags & RATING_PARTIAL)))
			rerr(&c, rating, "rating must be a mapping of factor "
			    "names to values, not %s", yn_kind_name(rating));
		goto out;
	}
	for (size_t i = 0; i < YN_PAIRS(rating); i++)
		read_pair(&c, YN_KEY(rating, i), YN_VAL(rating, i), flags, v);
	for (size_t f = 0; f < m->nf; f++) {
		if (v[f] < METHOD_UNRATED)
			v[f] = METHOD_UNRATED;
		else if (v[f] != METHOD_UNRATED || m->f[f].optional ||
		    (flags & RATING_PARTIAL))
			continue;
		else if ((int)f == m->derive && (flags & RATING_DERIVABLE))
			continue;
		else if ((int)f == m->derive)
			rerr(&c, rating, "rating lacks %s (it can be derived "
			    "only from linked assets)", m->f[f].name);
		else
			rerr(&c, rating, "rating lacks %s", m->f[f].name);
	}
	if (!(flags & RATING_PARTIAL)) {
		for (size_t x = 0; x < m->nax; x++)
			check_groups(&c, m->ax[x].e);
		if (m->score)
			check_groups(&c, m->score);
	}
out:
	if (vals)
		memcpy(vals, v, m->nf * sizeof(*vals));
	return c.ok;
}
