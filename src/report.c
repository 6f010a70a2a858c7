/*
 * The ISMS report (see report.h): its sections, the tables they are made
 * of and the inline SVG charts.
 *
 * A section is a function of the document (struct doc): it reads the
 * project, the assessment and the status figures and writes blocks through
 * the document writer, so HTML and Markdown say the same thing.  Only the
 * charts differ: SVG in HTML, tables in Markdown.  Rows are in register
 * order unless a section says otherwise (top risks), which keeps the
 * report in the order people maintain their files.
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/audit.h"
#include "isms/catalog.h"
#include "isms/check.h"
#include "isms/date.h"
#include "isms/engine.h"
#include "isms/method.h"
#include "isms/soa.h"

static const char *const section_names[REPORT_NSECTIONS] = {
	[REPORT_COVER] = "cover",
	[REPORT_SUMMARY] = "summary",
	[REPORT_HEATMAP] = "heatmap",
	[REPORT_RISKS] = "risks",
	[REPORT_TREATMENTS] = "treatments",
	[REPORT_SOA] = "soa",
	[REPORT_AUDIT] = "audit",
	[REPORT_PDCA] = "pdca",
	[REPORT_PROBLEMS] = "problems",
};

static const char *const section_titles[REPORT_NSECTIONS] = {
	[REPORT_COVER] = "ISMS report",
	[REPORT_SUMMARY] = "Summary",
	[REPORT_HEATMAP] = "Heat maps",
	[REPORT_RISKS] = "Risk register",
	[REPORT_TREATMENTS] = "Risk treatment plan",
	[REPORT_SOA] = "Statement of applicability",
	[REPORT_AUDIT] = "Internal audit",
	[REPORT_PDCA] = "Objectives, documents, incidents, measurement and reviews",
	[REPORT_PROBLEMS] = "Check problems",
};

const char *report_section_name(enum report_section s)
{
	return section_names[s];
}

const char *rpt_section_title(enum report_section s)
{
	return section_titles[s];
}

int report_section_lookup(const char *name)
{
	for (int s = 0; s < REPORT_NSECTIONS; s++)
		if (strcmp(section_names[s], name) == 0)
			return s;
	return -1;
}

static bool html(const struct doc *d)
{
	return d->fmt == FMT_HTML;
}

static bool has(const void *rec, enum collection c, const char *field)
{
	return rec_has(rec, coll_defs[c].schema, field);
}

static void cell_sbuf(struct table *t, struct sbuf *sb)
{
	table_cell(t, sb->buf);
	sbuf_reset(sb);
}

static void cell_money(struct table *t, bool present, double v)
{
	char buf[40];
	if (!present) {
		table_cell(t, "");
		return;
	}
	rpt_money(v, buf);
	table_cell(t, buf);
}

/* Cover. */

static void method_summary(struct doc *d)
{
	const struct method *m = d->p->method;
	struct sbuf sb = SBUF_INIT;

	doc_dl_begin(d);
	if (!m) {
		doc_dl(d, "Method", "not loaded (see isms check)");
		doc_dl_end(d);
		return;
	}
	doc_dl(d, "Preset", method_preset_of(m));
	for (size_t f = 0; f < method_factor_count(m); f++) {
		if (sb.len)
			sbuf_adds(&sb, "; ");
		sbuf_addf(&sb, "%s ", method_factor_name(m, f));
		method_scale_describe(m, f, &sb);
	}
	doc_dl(d, "Factors", sb.buf);
	sbuf_reset(&sb);
	const char *formula = method_score_formula(m);
	doc_dl(d, "Score", formula ? formula :
	    "the level read from the risk matrix");
	for (size_t l = 0; l < method_level_count(m); l++)
		sbuf_addf(&sb, "%s%s", l ? ", " : "", method_level_name(m, l));
	sbuf_adds(&sb, " (lowest first)");
	doc_dl(d, "Levels", sb.buf);
	sbuf_reset(&sb);
	sbuf_addf(&sb, "%s: a risk above it needs a treatment approved by "
	    "its owner", method_level_name(m, method_appetite(m)));
	doc_dl(d, "Appetite", sb.buf);
	sbuf_reset(&sb);
	sbuf_addf(&sb, "%s of confidentiality, integrity and availability",
	    asset_rule_name(method_asset_rule(m)));
	doc_dl(d, "Asset value", sb.buf);
	if (d->p->config->catalog)
		doc_dl(d, "Control catalog", d->p->config->catalog);
	doc_dl_end(d);
	sbuf_release(&sb);
}

static void section_cover(struct doc *d)
{
	char date[11];
	const char *org = d->p->config->organization;
	const char *stmt = d->p->scope->statement;

	rpt_date(d->p->today, date);
	if (html(d)) {
		sbuf_adds(d->out, "<header class=\"cover\" id=\"cover\">\n"
		    "<p class=\"kicker\">Information security management "
		    "system</p>\n<h1>");
		html_escape(d->out, org && *org ? org : "ISMS");
		sbuf_addf(d->out, "</h1>\n<p class=\"doc-title\">ISMS report</p>\n"
		    "<p class=\"date\">As of <time datetime=\"%s\">%s</time>"
		    "</p>\n<h2>Scope</h2>\n<p class=\"statement\">", date, date);
		html_escape(d->out, stmt && *stmt ? stmt :
		    "No scope statement has been recorded (scope.yaml).");
		sbuf_adds(d->out, "</p>\n<h2>Risk methodology</h2>\n");
		method_summary(d);
		sbuf_adds(d->out, "</header>\n");
		return;
	}
	sbuf_adds(d->out, "# ");
	md_escape(d->out, org && *org ? org : "ISMS");
	sbuf_addf(d->out, ": ISMS report\n\nAs of %s.\n\n## Scope\n\n", date);
	md_escape(d->out, stmt && *stmt ? stmt :
	    "No scope statement has been recorded (scope.yaml).");
	sbuf_adds(d->out, "\n\n## Risk methodology\n\n");
	method_summary(d);
}

static void toc(struct doc *d, unsigned sections)
{
	if (!html(d))
		return;
	sbuf_adds(d->out, "<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
	for (int s = REPORT_SUMMARY; s < REPORT_NSECTIONS; s++)
		if (sections & (1u << s))
			sbuf_addf(d->out, "<li><a href=\"#%s\">%s</a></li>\n",
			    section_names[s], section_titles[s]);
	sbuf_adds(d->out, "</ol>\n</nav>\n");
}

/* Summary figures. */

struct fig {
	const char *label;
	char value[48];
	char *note;
	bool alert;
};

/* The PDCA registers' cards, from pdca_summarise()'s figures. */
static size_t pdca_figures(const struct pdca_summary *q, struct fig *f)
{
	size_t n = 0;
	char last[11], next[11];

	f[n].label = "Objectives";
	snprintf(f[n].value, sizeof(f[n].value), "%zu", q->objectives);
	f[n].alert = q->objectives_overdue > 0;
	f[n++].note = xasprintf("%zu overdue, %zu achieved",
	    q->objectives_overdue, q->objectives_by_status[OBJ_ACHIEVED]);
	f[n].label = "Documents";
	snprintf(f[n].value, sizeof(f[n].value), "%zu", q->documents);
	f[n].alert = q->documents_review_overdue > 0;
	f[n++].note = xasprintf("%zu unapproved, %zu past review",
	    q->documents_unapproved, q->documents_review_overdue);
	f[n].label = "Open incidents";
	snprintf(f[n].value, sizeof(f[n].value), "%zu", q->incidents_open);
	f[n].alert = q->incidents_overdue > 0 || q->breaches_late > 0;
	f[n++].note = xasprintf("%zu overdue; %zu personal data breaches, %zu "
	    "notified late", q->incidents_overdue, q->breaches,
	    q->breaches_late);
	f[n].label = "Metrics on target";
	snprintf(f[n].value, sizeof(f[n].value), "%zu of %zu", q->metrics_met,
	    q->metrics);
	f[n].alert = q->metrics_stale > 0;
	f[n++].note = xasprintf("%zu below target, %zu stale",
	    q->metrics_missed, q->metrics_stale);
	/* A count, as on every card; the dates go in the note. */
	f[n].label = "Management reviews held";
	snprintf(f[n].value, sizeof(f[n].value), "%zu", q->reviews_held);
	f[n].alert = q->review_overdue || q->review_actions_overdue > 0;
	f[n++].note = xasprintf("last %s, next due %s%s; actions %zu open, "
	    "%zu overdue", q->last_review == DATE_NONE ? "none" :
	    rpt_date(q->last_review, last), q->next_review_due == DATE_NONE ?
	    "not set" : rpt_date(q->next_review_due, next), q->review_overdue ?
	    " (overdue)" : "", q->review_actions_open,
	    q->review_actions_overdue);
	return n;
}

void doc_figures(struct doc *d)
{
	const struct status *s = d->s;
	struct fig f[16];
	size_t n = 0;
	char money[40];

	memset(f, 0, sizeof(f));
	f[n].label = "Risks";
	snprintf(f[n].value, sizeof(f[n].value), "%zu", s->risks);
	f[n++].note = xasprintf("%zu above appetite before treatment",
	    s->above_appetite.inherent);
	f[n].label = "Above appetite after treatment";
	snprintf(f[n].value, sizeof(f[n].value), "%zu",
	    s->above_appetite.residual);
	f[n].alert = s->above_appetite.residual > 0;
	f[n++].note = xasprintf("%zu with the treatments in effect today",
	    s->above_appetite.current);
	f[n].label = "Open treatments";
	snprintf(f[n].value, sizeof(f[n].value), "%zu", s->treatments.open);
	f[n].alert = s->treatments.overdue > 0;
	f[n++].note = xasprintf("%zu overdue, %zu in all", s->treatments.overdue,
	    s->treatments.total);
	f[n].label = "Open actions";
	snprintf(f[n].value, sizeof(f[n].value), "%zu", s->actions.open);
	f[n].alert = s->actions.overdue > 0;
	f[n++].note = xasprintf("%zu overdue", s->actions.overdue);
	f[n].label = "SoA controls implemented";
	snprintf(f[n].value, sizeof(f[n].value), "%u%%",
	    s->soa.implemented_pct);
	f[n++].note = xasprintf("%zu of %zu applicable; %u%% decided",
	    s->soa.implemented, s->soa.applicable, s->soa.decided_pct);
	f[n].label = "Open findings";
	snprintf(f[n].value, sizeof(f[n].value), "%zu", s->open_by_type[0] +
	    s->open_by_type[1] + s->open_by_type[2] + s->open_by_type[3]);
	f[n].alert = s->open_by_type[FT_MAJOR] > 0;
	f[n++].note = xasprintf("major %zu, minor %zu, observation %zu, "
	    "opportunity %zu", s->open_by_type[FT_MAJOR],
	    s->open_by_type[FT_MINOR], s->open_by_type[FT_OBSERVATION],
	    s->open_by_type[FT_OPPORTUNITY]);
	f[n].label = "Open corrective actions";
	snprintf(f[n].value, sizeof(f[n].value), "%zu", s->corrective.open);
	f[n].alert = s->corrective.overdue > 0;
	f[n++].note = xasprintf("%zu overdue", s->corrective.overdue);
	f[n].label = "Check problems";
	snprintf(f[n].value, sizeof(f[n].value), "%zu", s->errors + s->warnings);
	f[n].alert = s->errors > 0;
	f[n++].note = xasprintf("%zu errors, %zu warnings", s->errors,
	    s->warnings);
	if (s->has_ale) {
		f[n].label = "Annual loss expectancy";
		rpt_money(s->ale, money);
		snprintf(f[n].value, sizeof(f[n].value), "%s", money);
		f[n++].note = xstrdup("inherent, risks with SLE and ARO");
	}
	n += pdca_figures(&s->pdca, f + n);

	if (html(d))
		sbuf_adds(d->out, "<div class=\"cards\">\n");
	for (size_t i = 0; i < n; i++) {
		if (html(d))
			sbuf_addf(d->out, "<div class=\"card%s\"><span class=\"k\">"
			    "%s</span><span class=\"v\">%s</span><span "
			    "class=\"n\">%s</span></div>\n", f[i].alert ?
			    " alert" : "", f[i].label, f[i].value, f[i].note);
		else
			sbuf_addf(d->out, "- **%s:** %s (%s)\n", f[i].label,
			    f[i].value, f[i].note);
		free(f[i].note);
	}
	sbuf_adds(d->out, html(d) ? "</div>\n" : "\n");
}

struct table *tbl_levels(const struct doc *d)
{
	static const char *const heads[] = { "Level", "Inherent", "Residual",
		"Current" };
	return status_level_table(d->s, heads);
}

/* Residual score first, then inherent, then id: the order a risk owner
 * reads "what is still worst once the plan is done". */
static int top_cmp(const void *x, const void *y)
{
	const struct risk_eval *a = *(const struct risk_eval *const *)x;
	const struct risk_eval *b = *(const struct risk_eval *const *)y;
	if (a->residual.score != b->residual.score)
		return a->residual.score > b->residual.score ? -1 : 1;
	if (a->inherent.score != b->inherent.score)
		return a->inherent.score > b->inherent.score ? -1 : 1;
	return id_cmp(a->risk->id ? a->risk->id : "",
	    b->risk->id ? b->risk->id : "");
}

struct table *tbl_top_risks(const struct doc *d, size_t max)
{
	const struct assessment *a = d->a;
	const struct risk_eval **v = xcalloc(a->nrisks + 1, sizeof(*v));
	struct table *t = table_new();
	struct sbuf sb = SBUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < a->nrisks; i++)
		if (a->risks[i].residual.scored)
			v[n++] = &a->risks[i];
	qsort(v, n, sizeof(*v), top_cmp);
	table_add_col(t, "#", ALIGN_RIGHT, 0);
	table_add_col(t, "ID", ALIGN_LEFT, 0);
	table_add_col(t, "Risk", ALIGN_LEFT, 0);
	table_add_col(t, "Owner", ALIGN_LEFT, 0);
	table_add_col(t, "Residual", ALIGN_LEFT, 0);
	table_add_col(t, "Inherent", ALIGN_LEFT, 0);
	table_add_col(t, "Current", ALIGN_LEFT, 0);
	for (size_t i = 0; i < n && i < max; i++) {
		const struct risk_eval *e = v[i];
		table_row(t);
		if (e->residual.scored && method_above_appetite(d->p->method,
		    e->residual.level))
			table_row_class(t, "above");
		table_cellf(t, "%zu", i + 1);
		table_cell(t, e->risk->id);
		table_cell(t, e->risk->title);
		table_cell(t, e->risk->owner);
		rpt_view(d, &e->residual, &sb);
		cell_sbuf(t, &sb);
		rpt_view(d, &e->inherent, &sb);
		cell_sbuf(t, &sb);
		rpt_view(d, &e->current, &sb);
		cell_sbuf(t, &sb);
	}
	sbuf_release(&sb);
	free(v);
	return t;
}

static void section_summary(struct doc *d)
{
	doc_section_begin(d, "summary", "Summary");
	doc_figures(d);
	doc_heading(d, 3, "Risks by level");
	doc_table(d, tbl_levels(d), "");
	doc_note(d, "Inherent: the risk as rated. Residual: the target once "
	    "its live treatments are done. Current: counting only the "
	    "treatments implemented or verified today.");
	doc_section_end(d);
}

/* Heat maps. */

struct heat {
	size_t *counts;            /* per cell, row-major */
	struct sbuf *ids;          /* per cell: "R-001, R-004" */
	size_t placed;
};

static void heat_fill(const struct doc *d, const struct method_grid *g,
    int view, struct heat *h)
{
	const struct method *m = d->p->method;
	size_t ncells = g->nrows * g->ncols;
	double *vals = xcalloc(method_factor_count(m) + 1, sizeof(*vals));

	h->counts = xcalloc(ncells, sizeof(*h->counts));
	h->ids = xcalloc(ncells, sizeof(*h->ids));
	h->placed = 0;
	for (size_t i = 0; i < ncells; i++)
		sbuf_init(&h->ids[i]);
	for (size_t i = 0; i < d->a->nrisks; i++) {
		const struct risk_eval *e = &d->a->risks[i];
		const struct view_score *v = view == 0 ? &e->inherent :
		    &e->residual;
		size_t r, c;
		if (!assess_view_values(d->a, e, v, vals) ||
		    !method_grid_cell(m, vals, &r, &c) || r >= g->nrows ||
		    c >= g->ncols)
			continue;
		size_t k = r * g->ncols + c;
		h->counts[k]++;
		h->placed++;
		sbuf_addf(&h->ids[k], "%s%s", h->ids[k].len ? ", " : "",
		    e->risk->id ? e->risk->id : "?");
	}
	free(vals);
}

static void heat_release(const struct method_grid *g, struct heat *h)
{
	for (size_t i = 0; i < g->nrows * g->ncols; i++)
		sbuf_release(&h->ids[i]);
	free(h->ids);
	free(h->counts);
}

enum { CELL = 58, LEFT = 128, TOP = 8, BOTTOM = 54, RIGHT = 8 };

static void svg_text(struct sbuf *out, int x, int y, const char *attrs,
    const char *s)
{
	sbuf_addf(out, "<text x=\"%d\" y=\"%d\" %s>", x, y, attrs);
	html_escape(out, s);
	sbuf_adds(out, "</text>\n");
}

static void svg_heatmap(struct doc *d, const struct method_grid *g,
    const char *view, const struct heat *h)
{
	const struct method *m = d->p->method;
	size_t nl = method_level_count(m);
	int w = LEFT + (int)g->ncols * CELL + RIGHT;
	int ht = TOP + (int)g->nrows * CELL + BOTTOM;
	struct sbuf *o = d->out;

	sbuf_addf(o, "<figure class=\"heatmap\">\n<figcaption>%c%s risk"
	    "</figcaption>\n<svg id=\"heatmap-%s\" class=\"heatmap\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"%s heat map\">\n", view[0] - 'a' + 'A', view + 1,
	    view, w, ht, w, ht, view);
	for (size_t r = 0; r < g->nrows; r++) {
		int y = TOP + (int)(g->nrows - 1 - r) * CELL;
		svg_text(o, LEFT - 8, y + CELL / 2 + 4,
		    "text-anchor=\"end\" font-size=\"11\"", g->row_labels[r]);
		for (size_t c = 0; c < g->ncols; c++) {
			size_t k = r * g->ncols + c, lvl = g->cell[k];
			unsigned tone = status_level_tone(lvl, nl);
			int x = LEFT + (int)c * CELL;
			sbuf_adds(o, "<g class=\"cell\" data-row=\"");
			html_escape(o, g->row_labels[r]);
			sbuf_adds(o, "\" data-col=\"");
			html_escape(o, g->col_labels[c]);
			sbuf_adds(o, "\" data-level=\"");
			html_escape(o, method_level_name(m, lvl));
			sbuf_addf(o, "\" data-count=\"%zu\">\n<title>", h->counts[k]);
			html_escape(o, g->row_name);
			sbuf_addch(o, ' ');
			html_escape(o, g->row_labels[r]);
			sbuf_adds(o, ", ");
			html_escape(o, g->col_name);
			sbuf_addch(o, ' ');
			html_escape(o, g->col_labels[c]);
			sbuf_adds(o, ": ");
			html_escape(o, method_level_name(m, lvl));
			sbuf_addf(o, ", %zu risk%s", h->counts[k],
			    h->counts[k] == 1 ? "" : "s");
			if (h->ids[k].len) {
				sbuf_adds(o, " (");
				html_escape(o, h->ids[k].buf);
				sbuf_adds(o, ")");
			}
			sbuf_addf(o, "</title>\n<rect class=\"tone-%u\" x=\"%d\" "
			    "y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" />\n",
			    tone, x + 1, y + 1, CELL - 2, CELL - 2);
			if (h->counts[k])
				sbuf_addf(o, "<text class=\"ink-%u\" x=\"%d\" y=\"%d\" "
				    "text-anchor=\"middle\" font-size=\"18\" "
				    "font-weight=\"700\">%zu</text>\n", tone,
				    x + CELL / 2, y + CELL / 2 + 6, h->counts[k]);
			sbuf_adds(o, "</g>\n");
		}
	}
	int yb = TOP + (int)g->nrows * CELL;
	for (size_t c = 0; c < g->ncols; c++)
		svg_text(o, LEFT + (int)c * CELL + CELL / 2, yb + 16,
		    "text-anchor=\"middle\" font-size=\"10\"", g->col_labels[c]);
	svg_text(o, LEFT + (int)g->ncols * CELL / 2, yb + 40,
	    "class=\"axis\" text-anchor=\"middle\" font-size=\"12\"",
	    g->col_name);
	char attrs[160];
	int cy = TOP + (int)g->nrows * CELL / 2;
	snprintf(attrs, sizeof(attrs), "class=\"axis\" text-anchor=\"middle\" "
	    "font-size=\"12\" transform=\"rotate(-90 14 %d)\"", cy);
	svg_text(o, 14, cy, attrs, g->row_name);
	sbuf_adds(o, "</svg>\n</figure>\n");
}

/* Markdown: the grid as a table, highest row first as drawn. */
static void md_heatmap(struct doc *d, const struct method_grid *g,
    const char *view, const struct heat *h)
{
	const struct method *m = d->p->method;
	struct table *t = table_new();
	struct sbuf sb = SBUF_INIT;
	char title[64];

	snprintf(title, sizeof(title), "%c%s risk", view[0] - 'a' + 'A',
	    view + 1);
	doc_heading(d, 3, title);
	sbuf_addf(&sb, "%s \\ %s", g->row_name, g->col_name);
	table_add_col(t, sb.buf, ALIGN_LEFT, 0);
	sbuf_reset(&sb);
	for (size_t c = 0; c < g->ncols; c++)
		table_add_col(t, g->col_labels[c], ALIGN_LEFT, 0);
	for (size_t r = g->nrows; r-- > 0;) {
		table_row(t);
		table_cell(t, g->row_labels[r]);
		for (size_t c = 0; c < g->ncols; c++) {
			size_t k = r * g->ncols + c;
			const char *lvl = method_level_name(m, g->cell[k]);
			if (h->counts[k])
				table_cellf(t, "**%zu** %s", h->counts[k], lvl);
			else
				table_cell(t, lvl);
		}
	}
	doc_table(d, t, "");
	sbuf_release(&sb);
}

static void legend(struct doc *d)
{
	const struct method *m = d->p->method;
	size_t nl = method_level_count(m);
	if (!html(d))
		return;
	sbuf_adds(d->out, "<ul class=\"legend\">\n");
	for (size_t l = 0; l < nl; l++) {
		sbuf_addf(d->out, "<li><span class=\"swatch tone-%u\"></span>",
		    status_level_tone(l, nl));
		html_escape(d->out, method_level_name(m, l));
		if (l == method_appetite(m))
			sbuf_adds(d->out, " (appetite)");
		sbuf_adds(d->out, "</li>\n");
	}
	sbuf_adds(d->out, "</ul>\n");
}

/* Methods without a two-axis grid: risks per level as bars. */
static void level_bars(struct doc *d)
{
	const struct status *s = d->s;
	size_t max = 1;
	enum { BAR = 14, LABEL = 110, SPAN = 360 };

	if (!html(d)) {
		doc_table(d, tbl_levels(d), "");
		return;
	}
	for (size_t l = 0; l < s->nlevels; l++) {
		if (s->levels[l].inherent > max)
			max = s->levels[l].inherent;
		if (s->levels[l].residual > max)
			max = s->levels[l].residual;
	}
	int h = (int)s->nlevels * (2 * BAR + 12) + 8;
	sbuf_addf(d->out, "<figure class=\"levels\">\n<figcaption>Risks by "
	    "level, inherent and residual</figcaption>\n<svg id=\"level-bars\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"risks by level\">\n", LABEL + SPAN + 60, h,
	    LABEL + SPAN + 60, h);
	for (size_t i = 0; i < s->nlevels; i++) {
		size_t l = s->nlevels - 1 - i;
		unsigned tone = status_level_tone(l, s->nlevels);
		int y = 4 + (int)i * (2 * BAR + 12);
		svg_text(d->out, LABEL - 8, y + BAR + 4,
		    "text-anchor=\"end\" font-size=\"12\"", s->levels[l].name);
		size_t counts[2] = { s->levels[l].inherent, s->levels[l].residual };
		for (int v = 0; v < 2; v++) {
			int len = (int)(counts[v] * SPAN / max);
			sbuf_adds(d->out, "<g class=\"bar\" data-view=\"");
			sbuf_adds(d->out, v ? "residual" : "inherent");
			sbuf_adds(d->out, "\" data-level=\"");
			html_escape(d->out, s->levels[l].name);
			sbuf_addf(d->out, "\" data-count=\"%zu\"><rect class=\"tone-%u\" "
			    "x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			    "opacity=\"%s\" /><text x=\"%d\" y=\"%d\" "
			    "font-size=\"11\">%zu %s</text></g>\n", counts[v], tone,
			    LABEL, y + v * BAR, len, BAR - 1, v ? "0.55" : "1",
			    LABEL + len + 4, y + v * BAR + 11, counts[v],
			    v ? "residual" : "inherent");
		}
	}
	sbuf_adds(d->out, "</svg>\n</figure>\n");
}

static void section_heatmap(struct doc *d)
{
	const struct method *m = d->p->method;
	struct method_grid g;
	static const char *const views[] = { "inherent", "residual" };

	doc_section_begin(d, "heatmap", "Heat maps");
	if (!m) {
		doc_para(d, "The risk methodology did not load; see isms check.");
		doc_section_end(d);
		return;
	}
	if (!method_grid(m, &g)) {
		doc_para(d, "This methodology has no two-factor grid, so risks "
		    "are shown by level.");
		level_bars(d);
		legend(d);
		doc_section_end(d);
		return;
	}
	doc_paraf(d, "Each cell is coloured by its risk level and counts the "
	    "risks rated in it: inherent as rated, residual once the live "
	    "treatments are done. Rows: %s; columns: %s.", g.row_name,
	    g.col_name);
	if (html(d))
		sbuf_adds(d->out, "<div class=\"charts\">\n");
	for (int v = 0; v < 2; v++) {
		struct heat h;
		heat_fill(d, &g, v, &h);
		if (html(d))
			svg_heatmap(d, &g, views[v], &h);
		else
			md_heatmap(d, &g, views[v], &h);
		heat_release(&g, &h);
	}
	if (html(d))
		sbuf_adds(d->out, "</div>\n");
	legend(d);
	doc_section_end(d);
}

/* Risk register. */

static void appetite_cell(const struct doc *d, const struct risk_eval *e,
    struct table *t, struct sbuf *sb)
{
	const struct view_score *v[3] = { &e->inherent, &e->residual,
		&e->current };
	static const char *const names[3] = { "inherent", "residual",
		"current" };
	for (int i = 0; i < 3; i++)
		if (v[i]->scored && method_above_appetite(d->p->method,
		    v[i]->level))
			sbuf_addf(sb, "%s%s", sb->len ? ", " : "", names[i]);
	cell_sbuf(t, sb);
}

static struct table *tbl_risks(const struct doc *d)
{
	struct table *t = table_new();
	struct sbuf sb = SBUF_INIT;
	static const char *const cols[] = { "ID", "Risk", "Owner", "Assets",
		"Inherent", "Residual", "Current", "Above appetite",
		"Treatments", "ALE", "Review" };

	for (size_t c = 0; c < ARRAY_SIZE(cols); c++)
		table_add_col(t, cols[c], c == 9 ? ALIGN_RIGHT : ALIGN_LEFT, 0);
	for (size_t i = 0; i < d->a->nrisks; i++) {
		const struct risk_eval *e = &d->a->risks[i];
		const struct risk *r = e->risk;
		table_row(t);
		if (e->residual.scored && method_above_appetite(d->p->method,
		    e->residual.level))
			table_row_class(t, "above");
		table_cell(t, r->id);
		table_cell(t, r->title);
		table_cell(t, r->owner);
		sbuf_join(&sb, r->assets.v, r->assets.n, ", ");
		cell_sbuf(t, &sb);
		rpt_view(d, &e->inherent, &sb);
		if (e->derived)
			sbuf_adds(&sb, " (derived)");
		cell_sbuf(t, &sb);
		rpt_view(d, &e->residual, &sb);
		cell_sbuf(t, &sb);
		rpt_view(d, &e->current, &sb);
		cell_sbuf(t, &sb);
		appetite_cell(d, e, t, &sb);
		for (size_t k = 0; k < e->ntreatments; k++)
			sbuf_addf(&sb, "%s%s", k ? ", " : "",
			    e->treatments[k]->id ? e->treatments[k]->id : "?");
		cell_sbuf(t, &sb);
		cell_money(t, e->has_ale, e->ale);
		bool rv = has(r, COL_RISKS, "review");
		rpt_cell_date(t, rv, r->review, rv && r->review < d->p->today);
	}
	sbuf_release(&sb);
	return t;
}

static void section_risks(struct doc *d)
{
	doc_section_begin(d, "risks", "Risk register");
	doc_paraf(d, "Risks: %zu. Scores read \"score level\"; \"derived\" "
	    "marks an impact taken from the linked assets. ALE is the annual "
	    "loss expectancy (SLE x ARO) in currency units.", d->a->nrisks);
	doc_heading(d, 3, "Top risks");
	doc_table(d, tbl_top_risks(d, 10), "No risk has been scored.");
	doc_heading(d, 3, "All risks");
	doc_table(d, tbl_risks(d), "The risk register is empty.");
	doc_section_end(d);
}

/* Treatment plan. */

/* A treatment's status, planned when it gives none. */
static const char *treat_status_text(const struct treatment *t)
{
	return has(t, COL_TREATMENTS, "status") ? treat_statuses[t->status] :
	    "planned";
}

static void approval_cell(const struct treatment *t, struct table *tb)
{
	char date[11];
	if (!t->approved_by) {
		table_cell(tb, "not approved");
		return;
	}
	if (has(t, COL_TREATMENTS, "approved_on"))
		table_cellf(tb, "%s, %s", t->approved_by,
		    rpt_date(t->approved_on, date));
	else
		table_cell(tb, t->approved_by);
}

static struct table *tbl_treatments(const struct doc *d)
{
	struct table *t = table_new();
	struct sbuf sb = SBUF_INIT;
	const struct reclist *tl = &d->p->treatments->treatments;
	static const char *const cols[] = { "ID", "Risk", "Option", "Owner",
		"Status", "Due", "Controls", "Residual", "ALE before",
		"ALE after", "Annualised cost", "ROSI", "Approved", "Expires" };

	for (size_t c = 0; c < ARRAY_SIZE(cols); c++)
		table_add_col(t, cols[c], c >= 8 && c <= 11 ? ALIGN_RIGHT :
		    ALIGN_LEFT, 0);
	for (size_t i = 0; i < tl->n; i++) {
		const struct treatment *tr = tl->v[i];
		const struct treat_eval *te = &d->a->treats[i];
		bool late = status_treatment_overdue(d->p, tr);
		bool expired = status_acceptance_expired(d->p, tr);
		table_row(t);
		if (late || expired)
			table_row_class(t, "overdue");
		table_cell(t, tr->id);
		table_cell(t, tr->risk);
		table_cell(t, rpt_enum(treat_options, tr, COL_TREATMENTS,
		    "option", tr->option));
		table_cell(t, tr->owner);
		table_cell(t, treat_status_text(tr));
		rpt_cell_date(t, has(tr, COL_TREATMENTS, "due"), tr->due, late);
		sbuf_join(&sb, tr->controls.v, tr->controls.n, ", ");
		cell_sbuf(t, &sb);
		if (te->residual.scored)
			rpt_view(d, &te->residual, &sb);
		cell_sbuf(t, &sb);
		cell_money(t, te->has_ale, te->ale_before);
		cell_money(t, te->has_ale, te->ale_after);
		cell_money(t, te->has_cost, te->annualised_cost);
		if (te->has_rosi)
			table_cellf(t, "%lld%%", llround(te->rosi * 100));
		else
			table_cell(t, "");
		approval_cell(tr, t);
		rpt_cell_date(t, has(tr, COL_TREATMENTS, "expires"), tr->expires,
		    expired);
	}
	sbuf_release(&sb);
	return t;
}

/* Actions of live treatments; open_only leaves out the done ones. */
static struct table *tbl_actions(const struct doc *d, bool open_only)
{
	static const char *const cols[] = { "Treatment", "Action", "Owner",
		"Due", "State" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *tl = &d->p->treatments->treatments;
	const struct schema *as = schema_field(coll_defs[COL_TREATMENTS].schema,
	    "actions")->sub;

	for (size_t i = 0; i < tl->n; i++) {
		const struct treatment *tr = tl->v[i];
		if (!treatment_live(tr))
			continue;
		for (size_t k = 0; k < tr->actions.n; k++) {
			const struct action *act = tr->actions.v[k];
			bool late = status_action_overdue(d->p, tr, act);
			if (open_only && act->done)
				continue;
			table_row(t);
			if (late)
				table_row_class(t, "overdue");
			table_cell(t, tr->id);
			table_cell(t, act->text);
			table_cell(t, act->owner);
			rpt_cell_date(t, rec_has(act, as, "due"), act->due, false);
			table_cell(t, act->done ? "done" : late ? "overdue" :
			    "open");
		}
	}
	return t;
}

struct table *tbl_open_actions(const struct doc *d)
{
	return tbl_actions(d, true);
}

struct table *tbl_overdue_treatments(const struct doc *d)
{
	static const char *const cols[] = { "Treatment", "Risk", "Owner",
		"Due", "Status" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *tl = &d->p->treatments->treatments;

	for (size_t i = 0; i < tl->n; i++) {
		const struct treatment *tr = tl->v[i];
		if (!status_treatment_overdue(d->p, tr))
			continue;
		table_row(t);
		table_row_class(t, "overdue");
		table_cell(t, tr->id);
		table_cell(t, tr->risk);
		table_cell(t, tr->owner);
		rpt_cell_date(t, true, tr->due, true);
		table_cell(t, treat_status_text(tr));
	}
	return t;
}

static void section_treatments(struct doc *d)
{
	const struct status *s = d->s;
	doc_section_begin(d, "treatments", "Risk treatment plan");
	doc_paraf(d, "Treatments: %zu (%zu open, %zu overdue). Treatment "
	    "actions: %zu open, %zu overdue. Money in currency units; ROSI = "
	    "(ALE before - ALE after - annualised cost) / annualised cost.",
	    s->treatments.total, s->treatments.open, s->treatments.overdue,
	    s->actions.open, s->actions.overdue);
	doc_table(d, tbl_treatments(d), "The treatment plan is empty.");
	doc_heading(d, 3, "Actions");
	doc_table(d, tbl_actions(d, false), "No treatment has actions.");
	doc_section_end(d);
}

/* Statement of applicability. */

void doc_soa_figures(struct doc *d)
{
	const struct status_soa *q = &d->s->soa;
	doc_paraf(d, "Controls decided: %zu of %zu (%u%%), %zu applicable and "
	    "%zu excluded. Applicable controls implemented: %zu (%u%%); "
	    "partly implemented: %zu; planned: %zu; not started: %zu.",
	    q->decided, q->catalog_controls, q->decided_pct, q->applicable,
	    q->excluded, q->implemented, q->implemented_pct, q->partial,
	    q->planned, q->not_started);
}

static const char *const seg_names[] = { "implemented", "partial", "planned",
	"not-started" };

static void theme_counts(const struct status_theme *th, size_t v[4])
{
	v[0] = th->implemented;
	v[1] = th->partial;
	v[2] = th->planned;
	v[3] = th->not_started;
}

static void svg_themes(struct doc *d)
{
	const struct status_soa *q = &d->s->soa;
	enum { LABEL = 130, SPAN = 420, ROW = 28 };
	size_t max = 1;

	for (size_t i = 0; i < q->nthemes; i++)
		if (q->themes[i].applicable > max)
			max = q->themes[i].applicable;
	int h = (int)q->nthemes * ROW + 8;
	int w = LABEL + SPAN + 210;
	sbuf_addf(d->out, "<figure class=\"soa-themes\">\n<figcaption>"
	    "Implementation of applicable controls by theme</figcaption>\n"
	    "<svg id=\"soa-themes\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d "
	    "%d\" role=\"img\" aria-label=\"SoA implementation by theme\">\n",
	    w, h, w, h);
	for (size_t i = 0; i < q->nthemes; i++) {
		const struct status_theme *th = &q->themes[i];
		size_t v[4];
		int y = 4 + (int)i * ROW, x = LABEL;
		theme_counts(th, v);
		sbuf_adds(d->out, "<g class=\"theme-bar\" data-theme=\"");
		html_escape(d->out, th->name);
		sbuf_addf(d->out, "\" data-applicable=\"%zu\" data-implemented="
		    "\"%zu\" data-partial=\"%zu\" data-planned=\"%zu\" "
		    "data-not-started=\"%zu\">\n", th->applicable, v[0], v[1],
		    v[2], v[3]);
		svg_text(d->out, LABEL - 8, y + 15,
		    "text-anchor=\"end\" font-size=\"12\"", th->name);
		for (int k = 0; k < 4; k++) {
			int len = (int)(v[k] * SPAN / max);
			if (!len)
				continue;
			sbuf_addf(d->out, "<rect class=\"seg-%s\" x=\"%d\" y=\"%d\" "
			    "width=\"%d\" height=\"20\"><title>%s: %zu</title>"
			    "</rect>\n", seg_names[k], x, y, len, seg_names[k],
			    v[k]);
			x += len;
		}
		unsigned pc = th->applicable ?
		    (unsigned)(v[0] * 100 / th->applicable) : 0;
		sbuf_addf(d->out, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%zu of "
		    "%zu implemented (%u%%)</text>\n</g>\n", x + 6, y + 15, v[0],
		    th->applicable, pc);
	}
	sbuf_adds(d->out, "</svg>\n</figure>\n<ul class=\"legend\">\n");
	for (int k = 0; k < 4; k++)
		sbuf_addf(d->out, "<li><span class=\"swatch seg-%s\"></span>%s"
		    "</li>\n", seg_names[k], seg_names[k]);
	sbuf_adds(d->out, "</ul>\n");
}

static struct table *tbl_themes(const struct doc *d)
{
	const struct status_soa *q = &d->s->soa;
	struct table *t = table_new();
	table_add_col(t, "Theme", ALIGN_LEFT, 0);
	table_add_col(t, "Applicable", ALIGN_RIGHT, 0);
	for (int k = 0; k < 4; k++)
		table_add_col(t, seg_names[k], ALIGN_RIGHT, 0);
	table_add_col(t, "Implemented %", ALIGN_RIGHT, 0);
	for (size_t i = 0; i < q->nthemes; i++) {
		size_t v[4];
		theme_counts(&q->themes[i], v);
		table_row(t);
		table_cell(t, q->themes[i].name);
		table_cellf(t, "%zu", q->themes[i].applicable);
		for (int k = 0; k < 4; k++)
			table_cellf(t, "%zu", v[k]);
		table_cellf(t, "%zu%%", q->themes[i].applicable ?
		    v[0] * 100 / q->themes[i].applicable : 0);
	}
	return t;
}

static struct table *tbl_soa(const struct doc *d)
{
	static const char *const cols[] = { "Control", "Title", "Theme",
		"Applicable", "Status", "Owner", "Reason", "Evidence" };
	struct table *t = DOC_TABLE(cols);
	struct sbuf sb = SBUF_INIT;
	const struct reclist *cl = &d->p->soa->controls;

	for (size_t i = 0; i < cl->n; i++) {
		const struct soa_control *c = cl->v[i];
		const struct catalog_control *cc = soa_catalog_entry(d->p, c);
		int decision = soa_decision(c);
		table_row(t);
		table_cell(t, c->id);
		table_cell(t, cc ? cc->title : "");
		table_cell(t, cc && cc->theme ? cc->theme : "");
		table_cell(t, decision < 0 ? "undecided" : decision ? "yes" :
		    "no");
		table_cell(t, soa_status_name(c));
		table_cell(t, c->owner);
		table_cell(t, c->reason);
		sbuf_join(&sb, c->evidence.v, c->evidence.n, "; ");
		cell_sbuf(t, &sb);
	}
	sbuf_release(&sb);
	return t;
}

static void section_soa(struct doc *d)
{
	doc_section_begin(d, "soa", "Statement of applicability");
	doc_soa_figures(d);
	if (html(d)) {
		svg_themes(d);
	} else {
		doc_heading(d, 3, "Implementation by theme");
		doc_table(d, tbl_themes(d), "");
	}
	doc_heading(d, 3, "Controls");
	doc_table(d, tbl_soa(d), "The statement of applicability is empty.");
	doc_section_end(d);
}

/* Audits and findings. */

struct table *tbl_audits(const struct doc *d)
{
	static const char *const cols[] = { "ID", "Audit", "Planned",
		"Completed", "Status", "Lead", "Scope", "Findings" };
	struct table *t = DOC_TABLE(cols);
	struct sbuf sb = SBUF_INIT;
	const struct reclist *al = &d->p->audits->audits;
	const struct reclist *fl = &d->p->audits->findings;

	for (size_t i = 0; i < al->n; i++) {
		const struct audit *au = al->v[i];
		size_t by_type[4] = { 0 };
		table_row(t);
		table_cell(t, au->id);
		table_cell(t, au->title);
		rpt_cell_date(t, has(au, COL_AUDITS, "planned"), au->planned, false);
		rpt_cell_date(t, has(au, COL_AUDITS, "completed"), au->completed,
		    false);
		table_cell(t, audit_statuses[audit_status(au)]);
		table_cell(t, au->lead);
		if (au->scope && au->scope->clauses.n) {
			sbuf_adds(&sb, "clauses ");
			sbuf_join(&sb, au->scope->clauses.v, au->scope->clauses.n, ", ");
		}
		if (au->scope && au->scope->controls.n) {
			sbuf_adds(&sb, sb.len ? "; controls " : "controls ");
			sbuf_join(&sb, au->scope->controls.v, au->scope->controls.n, ", ");
		}
		cell_sbuf(t, &sb);
		for (size_t k = 0; k < fl->n; k++) {
			const struct finding *f = fl->v[k];
			if (finding_of_audit(f, au->id) &&
			    has(f, COL_FINDINGS, "type"))
				by_type[f->type]++;
		}
		for (int k = 0; k < 4; k++)
			if (by_type[k])
				sbuf_addf(&sb, "%s%zu %s", sb.len ? ", " : "",
				    by_type[k], finding_types[k]);
		cell_sbuf(t, &sb);
	}
	sbuf_release(&sb);
	return t;
}

struct table *tbl_findings(const struct doc *d, unsigned type_mask)
{
	static const char *const cols[] = { "ID", "Audit", "Type", "Ref",
		"Statement", "Raised", "Status" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *fl = &d->p->audits->findings;

	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *f = fl->v[i];
		bool typed = has(f, COL_FINDINGS, "type");
		if (typed && !(type_mask & (1u << f->type)))
			continue;
		table_row(t);
		table_cell(t, f->id);
		table_cell(t, f->audit);
		table_cell(t, typed ? finding_types[f->type] : "");
		table_cell(t, f->ref);
		table_cell(t, f->statement);
		rpt_cell_date(t, has(f, COL_FINDINGS, "raised"), f->raised, false);
		table_cell(t, finding_statuses[finding_status(f)]);
	}
	return t;
}

struct table *tbl_corrective(const struct doc *d, bool open_only)
{
	static const char *const cols[] = { "Finding", "Type", "Root cause",
		"Correction", "Corrective action", "Owner", "Due", "Verified" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *fl = &d->p->audits->findings;
	const struct schema *cas = schema_field(coll_defs[COL_FINDINGS].schema,
	    "action")->sub;
	char date[11];

	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *f = fl->v[i];
		const struct corrective_action *ca = f->action;
		if (!ca || (open_only && !finding_action_open(f)))
			continue;
		bool late = finding_is_overdue(d->p, f);
		table_row(t);
		if (late)
			table_row_class(t, "overdue");
		table_cell(t, f->id);
		table_cell(t, has(f, COL_FINDINGS, "type") ?
		    finding_types[f->type] : "");
		table_cell(t, ca->root_cause);
		table_cell(t, ca->correction);
		table_cell(t, ca->corrective_action);
		table_cell(t, ca->owner);
		rpt_cell_date(t, finding_due(f) != DATE_NONE, finding_due(f), late);
		if (rec_has(ca, cas, "verified_on"))
			table_cellf(t, "%s%s%s", ca->verified_by ?
			    ca->verified_by : "", ca->verified_by ? ", " : "",
			    rpt_date(ca->verified_on, date));
		else
			table_cell(t, "not verified");
	}
	return t;
}

static void section_audit(struct doc *d)
{
	const struct status *s = d->s;
	const struct programme *pg = d->p->audits->programme;

	doc_section_begin(d, "audit", "Internal audit");
	doc_paraf(d, "Audits: %zu. Findings: %zu (%zu open). Corrective "
	    "actions: %zu open, %zu overdue.", s->audits, s->findings,
	    s->open_by_type[0] + s->open_by_type[1] + s->open_by_type[2] +
	    s->open_by_type[3], s->corrective.open, s->corrective.overdue);
	if (pg && pg->objectives.n) {
		doc_heading(d, 3, "Programme objectives");
		doc_list_begin(d);
		for (size_t i = 0; i < pg->objectives.n; i++)
			doc_item(d, pg->objectives.v[i]);
		doc_list_end(d);
	}
	doc_heading(d, 3, "Audits");
	doc_table(d, tbl_audits(d), "No audit is planned.");
	doc_heading(d, 3, "Findings");
	doc_table(d, tbl_findings(d, 0xFu), "No findings have been raised.");
	doc_heading(d, 3, "Corrective actions");
	doc_table(d, tbl_corrective(d, false),
	    "No corrective action has been recorded.");
	doc_section_end(d);
}

/* isms check problems. */

static void section_problems(struct doc *d)
{
	const struct diags *pr = d->problems;
	char date[11];

	doc_section_begin(d, "problems", "Check problems");
	if (!pr->n) {
		doc_paraf(d, "isms check finds no problem as of %s.",
		    rpt_date(d->p->today, date));
		doc_section_end(d);
		return;
	}
	doc_paraf(d, "isms check finds %zu errors and %zu warnings as of %s.",
	    d->s->errors, d->s->warnings, rpt_date(d->p->today, date));
	static const char *const cols[] = { "Place", "Severity", "Rule",
		"Problem" };
	struct table *t = DOC_TABLE(cols);
	for (size_t i = 0; i < pr->n; i++) {
		const struct diag *g = &pr->v[i];
		table_row(t);
		table_cellf(t, "%s:%u:%u", g->file, g->line, g->col);
		table_cell(t, severity_name(g->sev));
		table_cell(t, g->rule);
		table_cell(t, g->msg);
	}
	doc_table(d, t, "");
	doc_section_end(d);
}

static void (*const section_fns[REPORT_NSECTIONS])(struct doc *) = {
	[REPORT_COVER] = section_cover,
	[REPORT_SUMMARY] = section_summary,
	[REPORT_HEATMAP] = section_heatmap,
	[REPORT_RISKS] = section_risks,
	[REPORT_TREATMENTS] = section_treatments,
	[REPORT_SOA] = section_soa,
	[REPORT_AUDIT] = section_audit,
	[REPORT_PDCA] = section_pdca,
	[REPORT_PROBLEMS] = section_problems,
};

/* The title of a document made of these sections. */
static const char *doc_title(unsigned sections)
{
	for (int s = 0; s < REPORT_NSECTIONS; s++)
		if (sections == 1u << s && s != REPORT_COVER)
			return section_titles[s];
	return "ISMS report";
}

static void build_report(struct doc *d, unsigned sections)
{
	const char *title = doc_title(sections);
	doc_begin(d, title);
	if (sections & (1u << REPORT_COVER)) {
		section_cover(d);
		if (sections & ~(1u << REPORT_COVER) & REPORT_ALL)
			toc(d, sections);
	} else {
		doc_title_block(d, title);
	}
	for (int s = REPORT_SUMMARY; s < REPORT_NSECTIONS; s++)
		if (sections & (1u << s))
			section_fns[s](d);
	doc_end(d);
}

void report_build(const struct project *p, const struct report_opts *o,
    struct sbuf *out)
{
	/* The rules judge by the project's own assessment: share it. */
	const struct assessment *a = project_assessment(p);
	struct diags problems = DIAGS_INIT;
	struct status s;
	struct doc d = { 0 };

	check_project(p, &problems);
	status_compute(p, a, &problems, &s);
	d.fmt = o->format == FMT_MD ? FMT_MD : FMT_HTML;
	d.out = out;
	d.p = p;
	d.a = a;
	d.s = &s;
	d.problems = &problems;
	if (o->management_review)
		review_build(&d);
	else
		build_report(&d, o->sections & REPORT_ALL ? o->sections &
		    REPORT_ALL : REPORT_ALL);
	status_release(&s);
	diags_release(&problems);
}
