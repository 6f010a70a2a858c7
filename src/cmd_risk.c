/*
 * isms risk: the risk register (6.1.2, 8.2), its heat map and its
 * simulated annual loss.
 *
 * The register verbs are the shared ones (cmd_common.c) over a view whose
 * computed columns, JSON fields and show lines all read the project's
 * assessment (assess.h): the command formats numbers, it never computes
 * them.  `add` takes each methodology factor as an option (`--likelihood 4
 * --impact major`), checked against the method so a misspelt factor is a
 * usage error.  `show` explains a score: each factor with its level name,
 * where a derived impact came from, the formula with the values put in,
 * the level against the appetite, and the treatments behind the residual
 * and current risk.  `matrix` counts risks per heat-map cell, inherent and
 * residual side by side; `simulate` runs the seeded Monte Carlo of sim.h
 * over the risks' loss models.
 */
#include "cmd_rating.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/date.h"
#include "isms/engine.h"
#include "isms/recout.h"

#define SIM_DEFAULT_ITERATIONS 10000
#define SIM_DEFAULT_SEED 1

static const struct risk_eval *risk_eval_of(const struct project *p,
    const void *rec)
{
	long i = project_index_of(p, COL_RISKS, rec);
	return i >= 0 ? &project_assessment(p)->risks[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* The view: columns, JSON fields, sort keys and filters               */

static void score_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	view_sort_score(&risk_eval_of(p, rec)->inherent, out);
}

static void level_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	const struct risk_eval *e = risk_eval_of(p, rec);
	sbuf_adds(out, assess_level_name(project_assessment(p), &e->inherent));
}

static void residual_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	view_cell(project_assessment(p), &risk_eval_of(p, rec)->residual, out);
}

static void current_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	view_cell(project_assessment(p), &risk_eval_of(p, rec)->current, out);
}

static const char *prop_name(char prop)
{
	switch (prop) {
	case 'c':
		return "confidentiality";
	case 'i':
		return "integrity";
	case 'a':
		return "availability";
	default:
		return "value";
	}
}

static void risk_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	const struct assessment *a = project_assessment(p);
	const struct risk_eval *e = risk_eval_of(p, rec);
	view_json(w, a, "", &e->inherent);
	view_json(w, a, "current_", &e->current);
	view_json(w, a, "residual_", &e->residual);
	json_kv_bool(w, "above_appetite", e->above_appetite);
	if (e->has_ale)
		json_kv_number(w, "ale", e->ale);
	json_kv_string(w, "current_treatment",
	    e->current.from ? e->current.from->id : NULL);
	json_kv_string(w, "residual_treatment",
	    e->residual.from ? e->residual.from->id : NULL);
	if (e->derived) {
		json_key(w, "derived");
		json_begin_object(w);
		json_kv_string(w, "factor", method_factor_name(p->method,
		    (size_t)method_derived_factor(p->method)));
		json_kv_number(w, "value", e->deriv.value);
		json_kv_string(w, "asset", e->deriv_asset->id);
		json_kv_string(w, "property", prop_name(e->deriv.prop));
		json_end_object(w);
	}
}

static bool risk_sort_key(const struct project *p, const void *rec,
    const char *key, struct sbuf *out)
{
	const struct risk_eval *e = risk_eval_of(p, rec);
	char buf[32];
	if (strcmp(key, "score") == 0)
		view_sort_score(&e->inherent, out);
	else if (strcmp(key, "residual_score") == 0 ||
	    strcmp(key, "residual") == 0)
		view_sort_score(&e->residual, out);
	else if (strcmp(key, "current_score") == 0 ||
	    strcmp(key, "current") == 0)
		view_sort_score(&e->current, out);
	else if (strcmp(key, "level") == 0)
		view_sort_level(&e->inherent, out);
	else if (strcmp(key, "residual_level") == 0)
		view_sort_level(&e->residual, out);
	else if (strcmp(key, "current_level") == 0)
		view_sort_level(&e->current, out);
	else if (strcmp(key, "above_appetite") == 0)
		sbuf_adds(out, e->above_appetite ? "1" : "0");
	else if (strcmp(key, "ale") == 0) {
		if (e->has_ale)
			sbuf_adds(out, fmt_num(e->ale, buf));
	} else
		return false;
	return true;
}

static bool review_overdue(const struct project *p, const struct risk *r)
{
	return rec_has(r, coll_defs[COL_RISKS].schema, "review") &&
	    r->review < p->today;
}

static struct isms_error *risk_prepare(const struct ctx *ctx,
    const struct project *p)
{
	int level;
	return level_option(ctx, p->method, "level", &level);
}

static bool risk_filter(const struct ctx *ctx, const struct project *p,
    const void *rec)
{
	const struct risk_eval *e = risk_eval_of(p, rec);
	const char *level = arg_get(ctx, "level");
	if (level && (!e->inherent.scored || !method_name_eq(level,
	    method_level_name(p->method, e->inherent.level))))
		return false;
	if (arg_flag(ctx, "above-appetite") && !e->above_appetite)
		return false;
	if (arg_flag(ctx, "overdue") && !review_overdue(p, rec))
		return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* show: the numbers explained                                         */

/* "4 (likely)": a factor value with its level name. */
static void factor_value(const struct method *m, size_t f, double v,
    struct sbuf *out)
{
	char buf[32];
	sbuf_adds(out, fmt_num(v, buf));
	for (size_t k = 0; k < method_scale_count(m, f); k++)
		if (method_scale_value(m, f, k) == v && method_scale_name(m, f, k))
			sbuf_addf(out, " (%s)", method_scale_name(m, f, k));
}

/* The formula with each factor and axis replaced by its value. */
static void formula_values(const struct method *m, const char *formula,
    const double *vals, struct sbuf *out)
{
	char buf[32];
	for (const char *s = formula; *s;) {
		if (!isalpha((unsigned char)*s) && *s != '_') {
			sbuf_addch(out, *s++);
			continue;
		}
		const char *start = s;
		while (isalnum((unsigned char)*s) || *s == '_')
			s++;
		char *name = xstrndup(start, (size_t)(s - start));
		int f = method_factor_index(m, name);
		double v;
		size_t band;
		bool is_axis = false;
		for (size_t x = 0; f < 0 && x < method_axis_count(m); x++)
			if (strcmp(method_axis_name(m, x), name) == 0) {
				is_axis = true;
				if (method_axis_value(m, x, vals, &v, &band))
					sbuf_adds(out, fmt_num(v, buf));
				else
					sbuf_adds(out, "?");
			}
		if (f >= 0)
			sbuf_adds(out, vals[f] == METHOD_UNRATED ? "unrated" :
			    fmt_num(vals[f], buf));
		else if (!is_axis)
			sbuf_adds(out, name); /* a function: min, avg, ... */
		free(name);
	}
}

static void show_factors(const struct project *p, const struct risk_eval *e,
    struct detail *d)
{
	const struct method *m = p->method;
	struct sbuf sb = SBUF_INIT;
	char buf[32];
	for (size_t f = 0; f < method_factor_count(m); f++) {
		if (e->vals[f] == METHOD_UNRATED)
			continue;
		sbuf_addf(&sb, "%s%s ", sb.len ? ", " : "",
		    method_factor_name(m, f));
		factor_value(m, f, e->vals[f], &sb);
		if (e->derived && (int)f == method_derived_factor(m))
			sbuf_adds(&sb, " derived");
	}
	detail_add(d, "factors", sb.buf);
	if (e->derived) {
		sbuf_reset(&sb);
		sbuf_addf(&sb, "%s %s from %s %s (effective)",
		    method_factor_name(m, (size_t)method_derived_factor(m)),
		    fmt_num(e->deriv.value, buf), e->deriv_asset->id,
		    prop_name(e->deriv.prop));
		if (e->deriv.raw != e->deriv.value)
			sbuf_addf(&sb, ", %s put on the scale",
			    fmt_num(e->deriv.raw, buf));
		detail_add(d, "derived", sb.buf);
	}
	for (size_t x = 0; x < method_axis_count(m); x++) {
		double v;
		size_t band;
		if (!method_axis_value(m, x, e->vals, &v, &band))
			continue;
		sbuf_reset(&sb);
		sbuf_addf(&sb, "%s = ", method_axis_formula(m, x));
		formula_values(m, method_axis_formula(m, x), e->vals, &sb);
		sbuf_addf(&sb, " = %s (%s)", fmt_num(v, buf),
		    method_axis_band_name(m, x, band));
		detail_add(d, method_axis_name(m, x), sb.buf);
	}
	sbuf_release(&sb);
}

static void show_score(const struct project *p, const struct risk_eval *e,
    struct detail *d)
{
	const struct method *m = p->method;
	const struct assessment *a = project_assessment(p);
	const char *formula = method_score_formula(m);
	struct method_grid g;
	struct sbuf sb = SBUF_INIT;
	char buf[32];

	if (formula) {
		sbuf_addf(&sb, "%s = ", formula);
		formula_values(m, formula, e->vals, &sb);
		sbuf_addf(&sb, " = %s", fmt_num(e->inherent.score, buf));
	} else {
		sbuf_addf(&sb, "%s (the rank of its level)",
		    fmt_num(e->inherent.score, buf));
	}
	detail_add(d, "score", sb.buf);
	if (!formula && e->inherent.in_grid && method_grid(m, &g))
		detail_addf(d, "matrix", "%s %s x %s %s -> %s", g.row_name,
		    g.row_labels[e->inherent.row], g.col_name,
		    g.col_labels[e->inherent.col],
		    assess_level_name(a, &e->inherent));
	detail_addf(d, "level", "%s, %s the appetite (%s)",
	    assess_level_name(a, &e->inherent),
	    e->above_appetite ? "above" : "within",
	    method_level_name(m, method_appetite(m)));
	sbuf_release(&sb);
}

static void show_treatments(const struct project *p,
    const struct risk_eval *e, struct detail *d)
{
	const struct assessment *a = project_assessment(p);
	const struct schema *ts = coll_defs[COL_TREATMENTS].schema;
	struct sbuf sb = SBUF_INIT;
	for (size_t i = 0; i < e->ntreatments; i++) {
		const struct treatment *t = e->treatments[i];
		const struct treat_eval *te = assess_treatment(a, t->id);
		sbuf_addf(&sb, "%s%s %s, %s: ", i ? "\n" : "", t->id,
		    treat_options[t->option], rec_has(t, ts, "status") ?
		    treat_statuses[t->status] : "no status");
		if (te && te->residual.scored)
			view_cell(a, &te->residual, &sb);
		else
			sbuf_adds(&sb, "no residual rating");
	}
	if (e->ntreatments)
		detail_add(d, "treatments", sb.buf);
	sbuf_reset(&sb);
	view_cell(a, &e->residual, &sb);
	if (e->residual.from)
		sbuf_addf(&sb, " (%s)", e->residual.from->id);
	else
		sbuf_adds(&sb, " (inherent: no live treatment rates it)");
	detail_add(d, "residual", sb.buf);
	sbuf_reset(&sb);
	view_cell(a, &e->current, &sb);
	if (e->current.from)
		sbuf_addf(&sb, " (%s, %s)", e->current.from->id,
		    treat_statuses[e->current.from->status]);
	else
		sbuf_adds(&sb, " (inherent: no treatment in effect)");
	detail_add(d, "current", sb.buf);
	sbuf_release(&sb);
}

static void risk_show_extra(const struct project *p, const void *rec,
    struct detail *d)
{
	const struct risk_eval *e = risk_eval_of(p, rec);
	const struct risk *r = rec;
	char b1[32], b2[32], b3[32];

	if (!e->inherent.scored) {
		detail_add(d, "score", r->rating ? "not scored: the rating "
		    "leaves a factor to its assets and the risk has none "
		    "(isms check)" : "not rated");
	} else {
		show_factors(p, e, d);
		show_score(p, e, d);
		show_treatments(p, e, d);
	}
	if (e->has_ale)
		detail_addf(d, "ale", "%s (sle %s x aro %s)",
		    fmt_num(e->ale, b1), fmt_num(r->sle, b2), fmt_num(r->aro, b3));
}

static const struct column risk_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "title", "title", NULL, false, true },
	{ "owner", "owner", NULL, false, true },
	{ "score", NULL, score_cell, true, false },
	{ "level", NULL, level_cell, false, false },
	{ "residual", NULL, residual_cell, false, false },
	{ "current", NULL, current_cell, false, false },
};

static const struct view risk_view = {
	.coll = COL_RISKS,
	.cols = risk_cols,
	.ncols = ARRAY_SIZE(risk_cols),
	.json_extra = risk_json,
	.show_extra = risk_show_extra,
	.filter = risk_filter,
	.prepare = risk_prepare,
	.sort_key = risk_sort_key,
};

/* ------------------------------------------------------------------ */
/* add                                                                 */

static const struct field_text *find_field(const struct field_text *fields,
    size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i].field->name, name) == 0)
			return &fields[i];
	return NULL;
}

/* A rating that leaves the derivable factor to assets needs an asset
 * (SPEC §1); refusing it here says so before anything is written. */
static struct isms_error *check_derivable(const struct method *m,
    const struct field_text *fields, size_t n)
{
	int df = method_derived_factor(m);
	const struct field_text *rating = find_field(fields, n, "rating");
	const struct field_text *assets = find_field(fields, n, "assets");
	struct ydoc *doc = NULL;
	bool has = true;

	if (df < 0 || !rating || (assets && strcmp(assets->text, "[]") != 0))
		return NULL;
	if (!ydoc_parse("rating", rating->text, strlen(rating->text), &doc) &&
	    doc->root && doc->root->kind == YN_MAP)
		has = yn_get(doc->root, method_factor_name(m, (size_t)df)) != NULL;
	ydoc_free(doc);
	if (has)
		return NULL;
	return err_new(EXIT_USAGE, "%s is not rated and the risk names no "
	    "asset to derive it from; give --%s or --asset",
	    method_factor_name(m, (size_t)df),
	    method_factor_name(m, (size_t)df));
}

static struct isms_error *risk_add(struct ctx *ctx)
{
	const struct schema *s = coll_defs[COL_RISKS].schema;
	struct method *m = NULL;
	struct field_text *fields = NULL;
	size_t n = 0;
	char *id = NULL, today[11];
	struct isms_error *err;

	if ((err = rating_method(ctx, &m)))
		goto out;
	if ((err = fields_from_opts(ctx, s, &fields, &n)))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (fields[i].field->flags & FF_ID) {
			field_text_release(&fields[i]);
			fields[i] = fields[--n];
			break;
		}
	if ((err = rating_from_opts(ctx, m, s, "rating", true, false, &fields,
	    &n)))
		goto out;
	if (!find_field(fields, n, "identified")) {
		date_format(ctx->g->today, today);
		if ((err = fields_put(&fields, &n, s, "identified", today)))
			goto out;
	}
	if ((err = check_derivable(m, fields, n)))
		goto out;
	if (!(err = rec_add_fields(ctx, COL_RISKS, fields, n, &id)) &&
	    !ctx->g->quiet)
		sbuf_addf(&ctx->out, "%s\n", id);
out:
	free(id);
	fields_release(fields, n);
	method_free(m);
	return err;
}

/* ------------------------------------------------------------------ */
/* matrix                                                              */

enum { VIEW_INHERENT, VIEW_RESIDUAL, NVIEWS };
static const char *const view_names[NVIEWS] = { "inherent", "residual" };
static const char *const view_titles[NVIEWS] = { "Inherent risk",
	"Residual risk" };

struct matrix {
	const struct method *m;
	bool grid;
	struct method_grid g;
	size_t ncells;            /* grid cells, or levels without a grid */
	size_t *count[NVIEWS];
	size_t unrated[NVIEWS];
	bool show[NVIEWS];
};

static const struct view_score *view_of(const struct risk_eval *e, int v)
{
	return v == VIEW_INHERENT ? &e->inherent : &e->residual;
}

static void matrix_count(const struct assessment *a, struct matrix *mx)
{
	mx->grid = method_grid(mx->m, &mx->g);
	mx->ncells = mx->grid ? mx->g.nrows * mx->g.ncols :
	    method_level_count(mx->m);
	for (int v = 0; v < NVIEWS; v++)
		mx->count[v] = xcalloc(mx->ncells + 1, sizeof(size_t));
	for (size_t i = 0; i < a->nrisks; i++)
		for (int v = 0; v < NVIEWS; v++) {
			const struct view_score *vs = view_of(&a->risks[i], v);
			if (!vs->scored || (mx->grid && !vs->in_grid))
				mx->unrated[v]++;
			else if (mx->grid)
				mx->count[v][vs->row * mx->g.ncols + vs->col]++;
			else
				mx->count[v][vs->level]++;
		}
}

/* Background colours, lowest level first: green, yellow, orange, red,
 * magenta; a method with fewer levels spreads them over the first four. */
static const char *level_colour(const struct method *m, size_t level)
{
	static const char *const pal[] = { "42", "43", "48;5;208", "41", "45" };
	size_t n = method_level_count(m), p = n > 4 ? 5 : 4;
	size_t k = n > 1 ? (level * (p - 1) * 2 + (n - 1)) / ((n - 1) * 2) : 0;
	return pal[k < p ? k : p - 1];
}

struct block {
	struct sbuf *lines;
	size_t *width;
	size_t n, cap;
};

static void block_line(struct block *b, const char *text, size_t width)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->lines = xrealloc(b->lines, b->cap * sizeof(*b->lines));
		b->width = xrealloc(b->width, b->cap * sizeof(*b->width));
	}
	sbuf_init(&b->lines[b->n]);
	sbuf_adds(&b->lines[b->n], text);
	b->width[b->n++] = width;
}

static void block_release(struct block *b)
{
	for (size_t i = 0; i < b->n; i++)
		sbuf_release(&b->lines[i]);
	free(b->lines);
	free(b->width);
}

/* Appends s padded to width (right-aligned when right). */
static void pad(struct sbuf *sb, const char *s, size_t width, bool right)
{
	size_t w = utf8_width(s);
	if (right && w < width)
		sbuf_addrepeat(sb, ' ', width - w);
	sbuf_adds(sb, s);
	if (!right && w < width)
		sbuf_addrepeat(sb, ' ', width - w);
}

static void grid_block(const struct matrix *mx, int v, bool color,
    struct block *b)
{
	const struct method_grid *g = &mx->g;
	size_t lw = utf8_width(g->row_name), total = 0;
	size_t *cw = xcalloc(g->ncols, sizeof(*cw));
	struct sbuf sb = SBUF_INIT;
	char num[32];

	for (size_t r = 0; r < g->nrows; r++)
		if (utf8_width(g->row_labels[r]) > lw)
			lw = utf8_width(g->row_labels[r]);
	total = lw;
	for (size_t c = 0; c < g->ncols; c++) {
		cw[c] = utf8_width(g->col_labels[c]);
		for (size_t r = 0; r < g->nrows; r++) {
			size_t k = mx->count[v][r * g->ncols + c];
			snprintf(num, sizeof(num), "%zu", k);
			if (strlen(num) > cw[c])
				cw[c] = strlen(num);
		}
		total += 2 + cw[c];
	}
	sbuf_addf(&sb, "%s (%zu not rated)", view_titles[v], mx->unrated[v]);
	if (!mx->unrated[v]) {
		sbuf_reset(&sb);
		sbuf_adds(&sb, view_titles[v]);
	}
	block_line(b, sb.buf, utf8_width(sb.buf));
	sbuf_reset(&sb);
	sbuf_addrepeat(&sb, ' ', lw + 2);
	sbuf_adds(&sb, g->col_name);
	block_line(b, sb.buf, utf8_width(sb.buf));
	sbuf_reset(&sb);
	pad(&sb, g->row_name, lw, false);
	for (size_t c = 0; c < g->ncols; c++) {
		sbuf_adds(&sb, "  ");
		pad(&sb, g->col_labels[c], cw[c], true);
	}
	block_line(b, sb.buf, total);
	for (size_t r = g->nrows; r-- > 0;) {
		sbuf_reset(&sb);
		pad(&sb, g->row_labels[r], lw, false);
		for (size_t c = 0; c < g->ncols; c++) {
			size_t k = mx->count[v][r * g->ncols + c];
			size_t level = g->cell[r * g->ncols + c];
			snprintf(num, sizeof(num), "%zu", k);
			sbuf_adds(&sb, "  ");
			if (color)
				sbuf_addf(&sb, "\033[30;%sm",
				    level_colour(mx->m, level));
			pad(&sb, k ? num : ".", cw[c], true);
			if (color)
				sbuf_adds(&sb, "\033[0m");
		}
		block_line(b, sb.buf, total);
	}
	free(cw);
	sbuf_release(&sb);
}

/* Two blocks side by side, four spaces apart. */
static void join_blocks(struct sbuf *out, const struct block *l,
    const struct block *r)
{
	size_t lw = 0, n = l->n > r->n ? l->n : r->n;
	for (size_t i = 0; i < l->n; i++)
		if (l->width[i] > lw)
			lw = l->width[i];
	for (size_t i = 0; i < n; i++) {
		size_t w = 0;
		if (i < l->n) {
			sbuf_adds(out, l->lines[i].buf);
			w = l->width[i];
		}
		if (i < r->n && r->lines[i].len) {
			sbuf_addrepeat(out, ' ', lw - w + 4);
			sbuf_adds(out, r->lines[i].buf);
		}
		sbuf_addch(out, '\n');
	}
}

static void legend(const struct matrix *mx, bool color, struct sbuf *out)
{
	const struct method *m = mx->m;
	sbuf_adds(out, "\nLevels:");
	for (size_t l = 0; l < method_level_count(m); l++) {
		sbuf_adds(out, l ? ", " : " ");
		if (color)
			sbuf_addf(out, "\033[30;%sm %s \033[0m",
			    level_colour(m, l), method_level_name(m, l));
		else
			sbuf_adds(out, method_level_name(m, l));
		if (l == method_appetite(m))
			sbuf_adds(out, " (appetite)");
	}
	sbuf_adds(out, ".\n");
}

static void matrix_text_grid(const struct matrix *mx, bool color,
    struct sbuf *out)
{
	struct block b[NVIEWS];
	memset(b, 0, sizeof(b));
	for (int v = 0; v < NVIEWS; v++)
		if (mx->show[v])
			grid_block(mx, v, color, &b[v]);
	if (mx->show[VIEW_INHERENT] && mx->show[VIEW_RESIDUAL]) {
		join_blocks(out, &b[VIEW_INHERENT], &b[VIEW_RESIDUAL]);
	} else {
		struct block none = { 0 };
		join_blocks(out, &b[mx->show[VIEW_INHERENT] ? VIEW_INHERENT :
		    VIEW_RESIDUAL], &none);
	}
	legend(mx, color, out);
	for (int v = 0; v < NVIEWS; v++)
		block_release(&b[v]);
}

/* Methods without a two-factor grid (iso27005): risks per level. */
static void matrix_text_levels(const struct matrix *mx, struct sbuf *out)
{
	struct table *t = table_new();
	sbuf_addf(out, "The %s methodology has no two-factor grid; risks "
	    "per level:\n\n", method_preset_of(mx->m));
	table_add_col(t, "level", ALIGN_LEFT, 0);
	for (int v = 0; v < NVIEWS; v++)
		if (mx->show[v])
			table_add_col(t, view_names[v], ALIGN_RIGHT, 0);
	for (size_t l = mx->ncells; l-- > 0;) {
		table_row(t);
		table_cellf(t, "%s%s", method_level_name(mx->m, l),
		    l == method_appetite(mx->m) ? " (appetite)" : "");
		for (int v = 0; v < NVIEWS; v++)
			if (mx->show[v])
				table_cellf(t, "%zu", mx->count[v][l]);
	}
	table_row(t);
	table_cell(t, "not rated");
	for (int v = 0; v < NVIEWS; v++)
		if (mx->show[v])
			table_cellf(t, "%zu", mx->unrated[v]);
	table_render(t, FMT_TEXT, NULL, out);
	table_free(t);
}

/* Every cell in display order: rows highest first.  Rows and columns are
 * numbered from 1, lowest first. */
static void matrix_table(const struct matrix *mx, struct table *t)
{
	const struct method_grid *g = &mx->g;
	if (mx->grid) {
		const char *const cols[] = { "view", "row", "row_label",
			"column", "column_label", "level", "count" };
		for (size_t i = 0; i < ARRAY_SIZE(cols); i++)
			table_add_col(t, cols[i], ALIGN_LEFT, 0);
	} else {
		table_add_col(t, "view", ALIGN_LEFT, 0);
		table_add_col(t, "level", ALIGN_LEFT, 0);
		table_add_col(t, "count", ALIGN_LEFT, 0);
	}
	for (int v = 0; v < NVIEWS; v++) {
		if (!mx->show[v])
			continue;
		if (!mx->grid) {
			for (size_t l = mx->ncells; l-- > 0;) {
				table_row(t);
				table_cell(t, view_names[v]);
				table_cell(t, method_level_name(mx->m, l));
				table_cellf(t, "%zu", mx->count[v][l]);
			}
			continue;
		}
		for (size_t r = g->nrows; r-- > 0;)
			for (size_t c = 0; c < g->ncols; c++) {
				table_row(t);
				table_cell(t, view_names[v]);
				table_cellf(t, "%zu", r + 1);
				table_cell(t, g->row_labels[r]);
				table_cellf(t, "%zu", c + 1);
				table_cell(t, g->col_labels[c]);
				table_cell(t, method_level_name(mx->m,
				    g->cell[r * g->ncols + c]));
				table_cellf(t, "%zu", mx->count[v][r * g->ncols +
				    c]);
			}
	}
}

static void matrix_json(const struct matrix *mx, struct sbuf *out)
{
	const struct method_grid *g = &mx->g;
	struct json_writer w;
	json_init(&w, out, true);
	json_begin_object(&w);
	json_kv_string(&w, "method", method_preset_of(mx->m));
	json_kv_string(&w, "appetite", method_level_name(mx->m,
	    method_appetite(mx->m)));
	if (mx->grid) {
		json_kv_string(&w, "rows", g->row_name);
		json_kv_string(&w, "columns", g->col_name);
	}
	json_key(&w, "unrated");
	json_begin_object(&w);
	for (int v = 0; v < NVIEWS; v++)
		if (mx->show[v])
			json_kv_int(&w, view_names[v], (long long)mx->unrated[v]);
	json_end_object(&w);
	json_key(&w, mx->grid ? "cells" : "levels");
	json_begin_array(&w);
	for (int v = 0; v < NVIEWS; v++) {
		if (!mx->show[v])
			continue;
		if (!mx->grid) {
			for (size_t l = mx->ncells; l-- > 0;) {
				json_begin_object(&w);
				json_kv_string(&w, "view", view_names[v]);
				json_kv_string(&w, "level",
				    method_level_name(mx->m, l));
				json_kv_int(&w, "count", (long long)mx->count[v][l]);
				json_end_object(&w);
			}
			continue;
		}
		for (size_t r = g->nrows; r-- > 0;)
			for (size_t c = 0; c < g->ncols; c++) {
				size_t i = r * g->ncols + c;
				json_begin_object(&w);
				json_kv_string(&w, "view", view_names[v]);
				json_kv_int(&w, "row", (long long)r + 1);
				json_kv_string(&w, "row_label", g->row_labels[r]);
				json_kv_int(&w, "column", (long long)c + 1);
				json_kv_string(&w, "column_label",
				    g->col_labels[c]);
				json_kv_string(&w, "level",
				    method_level_name(mx->m, g->cell[i]));
				json_kv_int(&w, "count", (long long)mx->count[v][i]);
				json_end_object(&w);
			}
	}
	json_end_array(&w);
	json_end_object(&w);
	json_release(&w);
}

static struct isms_error *risk_matrix(struct ctx *ctx)
{
	struct project *p = NULL;
	struct matrix mx;
	enum out_format fmt;
	struct isms_error *err;

	memset(&mx, 0, sizeof(mx));
	if ((err = ctx_format(ctx, FMT_BIT(FMT_TEXT) | FMT_BIT(FMT_JSON) |
	    FMT_BIT(FMT_CSV), FMT_TEXT, &fmt)))
		return err;
	if ((err = ctx_load(ctx, &p)))
		return err;
	mx.m = p->method;
	mx.show[VIEW_INHERENT] = !arg_flag(ctx, "residual") ||
	    arg_flag(ctx, "inherent");
	mx.show[VIEW_RESIDUAL] = !arg_flag(ctx, "inherent") ||
	    arg_flag(ctx, "residual");
	matrix_count(project_assessment(p), &mx);
	if (fmt == FMT_JSON) {
		matrix_json(&mx, &ctx->out);
	} else if (fmt == FMT_CSV) {
		struct table *t = table_new();
		matrix_table(&mx, t);
		table_render(t, FMT_CSV, NULL, &ctx->out);
		table_free(t);
	} else if (mx.grid) {
		matrix_text_grid(&mx, ctx->g->color, &ctx->out);
	} else {
		matrix_text_levels(&mx, &ctx->out);
	}
	for (int v = 0; v < NVIEWS; v++)
		free(mx.count[v]);
	project_free(p);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* simulate                                                            */

struct sim_item {
	const struct risk_eval *e;
	bool point;
	struct sim_loss loss[2];     /* untreated, treated */
	struct sim_result res[2];
};

static struct isms_error *parse_count(const char *opt, const char *s,
    unsigned long long max, unsigned long long *out)
{
	char *end;
	errno = 0;
	if (!s || !isdigit((unsigned char)*s))
		goto bad;
	*out = strtoull(s, &end, 10);
	if (errno || *end || *out > max)
		goto bad;
	return NULL;
bad:
	return err_new(EXIT_USAGE, "--%s: '%s' is not a whole number from 0 to "
	    "%llu", opt, s ? s : "", max);
}

static struct isms_error *sim_items(const struct ctx *ctx,
    const struct project *p, bool treated, struct sim_item **items,
    size_t *n)
{
	const struct assessment *a = project_assessment(p);
	*items = xcalloc(a->nrisks + ctx->args.npos + 1, sizeof(**items));
	*n = 0;
	if (ctx->args.npos == 0) {
		for (size_t i = 0; i < a->nrisks; i++) {
			struct sim_item *it = &(*items)[*n];
			it->e = &a->risks[i];
			if (assess_loss_model(a, it->e, false, &it->loss[0],
			    &it->point)) {
				assess_loss_model(a, it->e, treated, &it->loss[1],
				    &it->point);
				(*n)++;
			}
		}
		return NULL;
	}
	for (size_t i = 0; i < ctx->args.npos; i++) {
		struct sim_item *it = &(*items)[*n];
		const char *id = ctx->args.pos[i];
		if (!(it->e = assess_risk(a, id)))
			return err_new(EXIT_USAGE, "no risk with id '%s'", id);
		if (!assess_loss_model(a, it->e, false, &it->loss[0], &it->point))
			return err_new(EXIT_USAGE, "risk %s has no loss figures "
			    "to simulate (loss, or sle and aro)", id);
		assess_loss_model(a, it->e, treated, &it->loss[1], &it->point);
		(*n)++;
	}
	return NULL;
}

static void sim_json_result(struct json_writer *w, const struct sim_result *r)
{
	json_kv_number(w, "mean", r->mean);
	json_kv_number(w, "p50", r->p50);
	json_kv_number(w, "p90", r->p90);
	json_kv_number(w, "p95", r->p95);
	json_kv_number(w, "p99", r->p99);
	json_kv_number(w, "max", r->max);
	json_key(w, "lec");
	json_begin_array(w);
	for (size_t i = 0; i < r->nlec; i++) {
		json_begin_object(w);
		json_kv_number(w, "loss", r->lec[i].loss);
		json_kv_number(w, "probability", r->lec[i].prob);
		json_end_object(w);
	}
	json_end_array(w);
}

static void sim_json_entry(struct json_writer *w, const struct sim_result *r,
    bool treated)
{
	sim_json_result(w, &r[0]);
	if (treated) {
		json_key(w, "treated");
		json_begin_object(w);
		sim_json_result(w, &r[1]);
		json_end_object(w);
	}
}

static void money_cell(struct table *t, double v)
{
	table_cellf(t, "%.0f", v);
}

static void sim_text_row(struct table *t, const char *id, const char *model,
    const char *view, const struct sim_result *r)
{
	table_row(t);
	table_cell(t, id);
	table_cell(t, model);
	if (view)
		table_cell(t, view);
	money_cell(t, r->mean);
	money_cell(t, r->p50);
	money_cell(t, r->p90);
	money_cell(t, r->p95);
	money_cell(t, r->p99);
}

static void sim_csv_rows(struct table *t, const char *id, const char *view,
    const struct sim_result *r)
{
	char b[32];
	for (size_t i = 0; i < r->nlec; i++) {
		table_row(t);
		table_cell(t, id);
		table_cell(t, view);
		table_cell(t, fmt_num(r->lec[i].loss, b));
		table_cell(t, fmt_num(r->lec[i].prob, b));
	}
}

static void sim_render(struct ctx *ctx, enum out_format fmt,
    const struct sim_item *items, size_t n, const struct sim_result *total,
    bool treated, size_t iterations, unsigned long long seed)
{
	static const char *const views[2] = { "untreated", "treated" };
	int nv = treated ? 2 : 1;
	if (fmt == FMT_JSON) {
		struct json_writer w;
		json_init(&w, &ctx->out, true);
		json_begin_object(&w);
		json_kv_int(&w, "iterations", (long long)iterations);
		json_kv_number(&w, "seed", (double)seed);
		json_key(&w, "risks");
		json_begin_array(&w);
		for (size_t i = 0; i < n; i++) {
			json_begin_object(&w);
			json_kv_string(&w, "id", items[i].e->risk->id);
			json_kv_string(&w, "title", items[i].e->risk->title);
			json_kv_string(&w, "model", items[i].point ? "sle-aro" :
			    "loss");
			sim_json_entry(&w, items[i].res, treated);
			json_end_object(&w);
		}
		json_end_array(&w);
		json_key(&w, "total");
		json_begin_object(&w);
		sim_json_entry(&w, total, treated);
		json_end_object(&w);
		json_end_object(&w);
		json_release(&w);
		return;
	}
	struct table *t = table_new();
	if (fmt == FMT_CSV) {
		table_add_col(t, "risk", ALIGN_LEFT, 0);
		table_add_col(t, "view", ALIGN_LEFT, 0);
		table_add_col(t, "loss", ALIGN_LEFT, 0);
		table_add_col(t, "probability", ALIGN_LEFT, 0);
		for (size_t i = 0; i < n; i++)
			for (int v = 0; v < nv; v++)
				sim_csv_rows(t, items[i].e->risk->id, views[v],
				    &items[i].res[v]);
		for (int v = 0; v < nv; v++)
			sim_csv_rows(t, "total", views[v], &total[v]);
		table_render(t, FMT_CSV, NULL, &ctx->out);
		table_free(t);
		return;
	}
	sbuf_addf(&ctx->out, "Simulated annual loss: %zu years, seed %llu.\n\n",
	    iterations, seed);
	table_add_col(t, "risk", ALIGN_LEFT, 0);
	table_add_col(t, "model", ALIGN_LEFT, 0);
	if (treated)
		table_add_col(t, "view", ALIGN_LEFT, 0);
	table_add_col(t, "mean", ALIGN_RIGHT, 0);
	table_add_col(t, "P50", ALIGN_RIGHT, 0);
	table_add_col(t, "P90", ALIGN_RIGHT, 0);
	table_add_col(t, "P95", ALIGN_RIGHT, 0);
	table_add_col(t, "P99", ALIGN_RIGHT, 0);
	for (size_t i = 0; i < n; i++)
		for (int v = 0; v < nv; v++)
			sim_text_row(t, items[i].e->risk->id, items[i].point ?
			    "sle-aro" : "loss", treated ? views[v] : NULL,
			    &items[i].res[v]);
	for (int v = 0; v < nv; v++)
		sim_text_row(t, "total", "", treated ? views[v] : NULL,
		    &total[v]);
	table_render(t, FMT_TEXT, NULL, &ctx->out);
	table_free(t);
}

static struct isms_error *risk_simulate(struct ctx *ctx)
{
	struct project *p = NULL;
	struct sim_item *items = NULL;
	struct sim_loss *all = NULL;
	struct sim_result total[2];
	enum out_format fmt;
	unsigned long long iterations = SIM_DEFAULT_ITERATIONS,
	    seed = SIM_DEFAULT_SEED;
	bool treated = arg_flag(ctx, "treated");
	size_t n = 0;
	struct isms_error *err;

	memset(total, 0, sizeof(total));
	if ((err = ctx_format(ctx, FMT_BIT(FMT_TEXT) | FMT_BIT(FMT_JSON) |
	    FMT_BIT(FMT_CSV), FMT_TEXT, &fmt)))
		return err;
	if (arg_get(ctx, "iterations") && (err = parse_count("iterations",
	    arg_get(ctx, "iterations"), SIM_MAX_ITERATIONS, &iterations)))
		return err;
	if (iterations == 0)
		return err_new(EXIT_USAGE, "--iterations must be at least 1");
	if (arg_get(ctx, "seed") && (err = parse_count("seed",
	    arg_get(ctx, "seed"), UINT64_MAX, &seed)))
		return err;
	if ((err = ctx_load(ctx, &p)))
		return err;
	if ((err = sim_items(ctx, p, treated, &items, &n)))
		goto out;
	all = xcalloc(2 * n + 1, sizeof(*all));
	for (int v = 0; v < (treated ? 2 : 1) && !err; v++) {
		for (size_t i = 0; i < n && !err; i++) {
			all[v * n + i] = items[i].loss[v];
			if ((err = sim_run(&items[i].loss[v], 1, iterations, seed,
			    &items[i].res[v]))) {
				struct isms_error *e = err_new(EXIT_DATA,
				    "risk %s: %s", items[i].e->risk->id, err->msg);
				err_free(err);
				err = e;
			}
		}
		if (!err)
			err = sim_run(&all[v * n], n, iterations, seed, &total[v]);
	}
	if (!err)
		sim_render(ctx, fmt, items, n, total, treated, iterations, seed);
out:
	free(all);
	free(items);
	project_free(p);
	return err;
}

/* ------------------------------------------------------------------ */
/* The verb table                                                      */

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ "level", OPT_ARG, "only risks whose inherent level is this" },
	{ "above-appetite", 0, "only risks whose inherent level is above the "
	    "appetite" },
	{ "overdue", 0, "only risks whose review date has passed" },
	{ NULL, 0, NULL },
};

static const struct optspec matrix_opts[] = {
	{ "inherent", 0, "only the inherent heat map" },
	{ "residual", 0, "only the residual heat map" },
	{ NULL, 0, NULL },
};

static const struct optspec simulate_opts[] = {
	{ "iterations", OPT_ARG, "simulated years (default 10000)" },
	{ "seed", OPT_ARG, "random seed (default 1)" },
	{ "treated", 0, "also simulate each risk with its residual sle and "
	    "aro" },
	{ NULL, 0, NULL },
};

static const struct verb risk_verbs[] = {
	{ "add", "--title TEXT [--FACTOR VALUE...] [--FIELD VALUE...]",
	    "add a risk rated by the methodology's factors; prints its id",
	    NULL, risk_add, VERB_FIELDS | VERB_ANYOPTS, 0, 0, COL_RISKS, NULL },
	{ "list", "[--level L] [--owner O] [--asset ID] [--above-appetite] "
	    "[--overdue] [--sort KEY]",
	    "list risks with their inherent, residual and current scores",
	    list_opts, rec_list_verb, VERB_FIELDS, 0, 0, COL_RISKS, &risk_view },
	{ "show", "ID", "show one risk and explain its scores", NULL,
	    rec_show_verb, 0, 1, 1, COL_RISKS, &risk_view },
	{ "set", "ID KEY=VALUE...", "change fields (rating.likelihood=4; KEY= "
	    "removes one)", NULL, rec_set_verb, 0, 2, -1, COL_RISKS, &risk_view },
	{ "rm", "ID", "remove a risk no treatment references", NULL, rec_rm_verb,
	    0, 1, 1, COL_RISKS, &risk_view },
	{ "import", "FILE.csv", "add risks from CSV, factors as columns (all "
	    "or nothing)", NULL, rec_import_verb, 0, 1, 1, COL_RISKS, &risk_view },
	{ "export", "[--format csv|json|yaml|md]", "every risk, every field",
	    NULL, rec_export_verb, 0, 0, 0, COL_RISKS, &risk_view },
	{ "matrix", "[--inherent|--residual] [--format text|json|csv]",
	    "the heat map: risks per likelihood and impact cell", matrix_opts,
	    risk_matrix, 0, 0, 0, COL_RISKS, NULL },
	{ "simulate", "[ID...] [--iterations N] [--seed S] [--treated]",
	    "Monte Carlo annual loss per risk and in total", simulate_opts,
	    risk_simulate, 0, 0, -1, COL_RISKS, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_risk = {
	.name = "risk",
	.summary = "the risk register (6.1.2, 8.2)",
	.flags = CMD_PROJECT,
	.verbs = risk_verbs,
};
