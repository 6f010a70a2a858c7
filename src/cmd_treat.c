/*
 * isms treat: the risk treatment plan (6.1.3, 8.3).
 *
 * The register verbs are the shared ones over a view that adds each
 * treatment's assessed figures (assess.h): its residual score and level,
 * annual loss expectancy before and after, annualised cost and return on
 * security investment, so `treat list --sort -rosi` ranks the plan by value
 * for money.  A residual rating is given factor by factor
 * (`--residual-likelihood 2 --residual-aro 0.05`) or whole (`--residual
 * '{likelihood: 2}'`).
 *
 * `accept` records a risk owner's acceptance (6.1.3 f) as a retain
 * treatment: in effect at once (status implemented, since accepting is the
 * whole of the treatment), approved by the owner today, expiring after a
 * year unless --until says otherwise, its residual the inherent rating.
 * `plan` is the work list: open treatments and open actions by owner, the
 * overdue first.
 */
#include "cmd_rating.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/date.h"
#include "isms/emit.h"

#define ACCEPT_MONTHS 12

static const struct treat_eval *treat_eval_of(const struct project *p,
    const void *rec)
{
	long i = project_index_of(p, COL_TREATMENTS, rec);
	return i >= 0 ? &project_assessment(p)->treats[i] : NULL;
}

/* Still to be done: not implemented, verified or cancelled. */
static bool treatment_open(const struct treatment *t)
{
	const struct schema *s = coll_defs[COL_TREATMENTS].schema;
	return !rec_has(t, s, "status") || t->status == TS_PLANNED ||
	    t->status == TS_IN_PROGRESS;
}

static bool treatment_overdue(const struct project *p,
    const struct treatment *t)
{
	return treatment_open(t) &&
	    rec_has(t, coll_defs[COL_TREATMENTS].schema, "due") &&
	    t->due < p->today;
}

/* ------------------------------------------------------------------ */
/* The view                                                            */

static void residual_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	view_cell(project_assessment(p), &treat_eval_of(p, rec)->residual, out);
}

static void rosi_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	const struct treat_eval *te = treat_eval_of(p, rec);
	if (te->has_rosi)
		sbuf_addf(out, "%.2f", te->rosi);
}

static void treat_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	const struct treat_eval *te = treat_eval_of(p, rec);
	view_json(w, project_assessment(p), "residual_", &te->residual);
	if (te->has_ale) {
		json_kv_number(w, "ale_before", te->ale_before);
		json_kv_number(w, "ale_after", te->ale_after);
	}
	if (te->has_cost)
		json_kv_number(w, "annualised_cost", te->annualised_cost);
	if (te->has_rosi)
		json_kv_number(w, "rosi", te->rosi);
	json_kv_bool(w, "overdue", treatment_overdue(p, rec));
}

static bool treat_sort_key(const struct project *p, const void *rec,
    const char *key, struct sbuf *out)
{
	const struct treat_eval *te = treat_eval_of(p, rec);
	char buf[32];
	const double *v = NULL;
	bool has = false;
	if (strcmp(key, "residual_score") == 0 || strcmp(key, "residual") == 0) {
		view_sort_score(&te->residual, out);
		return true;
	}
	if (strcmp(key, "residual_level") == 0) {
		view_sort_level(&te->residual, out);
		return true;
	}
	if (strcmp(key, "rosi") == 0)
		v = &te->rosi, has = te->has_rosi;
	else if (strcmp(key, "ale_before") == 0)
		v = &te->ale_before, has = te->has_ale;
	else if (strcmp(key, "ale_after") == 0)
		v = &te->ale_after, has = te->has_ale;
	else if (strcmp(key, "annualised_cost") == 0)
		v = &te->annualised_cost, has = te->has_cost;
	else
		return false;
	if (has)
		sbuf_adds(out, fmt_num(*v, buf));
	return true;
}

static bool treat_filter(const struct ctx *ctx, const struct project *p,
    const void *rec)
{
	return !arg_flag(ctx, "overdue") || treatment_overdue(p, rec);
}

static void show_money(const struct treatment *t, const struct treat_eval *te,
    struct detail *d)
{
	const struct schema *s = coll_defs[COL_TREATMENTS].schema;
	char b1[32], b2[32], b3[32], b4[32], b5[32];
	if (te->has_ale)
		detail_addf(d, "ale", "before %s, after %s",
		    fmt_num(te->ale_before, b1), fmt_num(te->ale_after, b2));
	if (te->has_cost) {
		struct sbuf sb = SBUF_INIT;
		sbuf_addf(&sb, "%s per year (", fmt_num(te->annualised_cost, b1));
		if (rec_has(t, s, "cost"))
			sbuf_addf(&sb, "cost %s over %s years", fmt_num(t->cost, b1),
			    rec_has(t, s, "cost_years") && t->cost_years > 0 ?
			    fmt_num(t->cost_years, b2) : "3");
		if (rec_has(t, s, "cost") && rec_has(t, s, "annual_cost"))
			sbuf_adds(&sb, " + ");
		if (rec_has(t, s, "annual_cost"))
			sbuf_addf(&sb, "annual_cost %s", fmt_num(t->annual_cost, b1));
		sbuf_addch(&sb, ')');
		detail_add(d, "annualised cost", sb.buf);
		sbuf_release(&sb);
	}
	if (te->has_rosi)
		detail_addf(d, "rosi", "(%s - %s - %s) / %s = %s",
		    fmt_num(te->ale_before, b1), fmt_num(te->ale_after, b2),
		    fmt_num(te->annualised_cost, b3),
		    fmt_num(te->annualised_cost, b4), fmt_num(te->rosi, b5));
}

static void treat_show_extra(const struct project *p, const void *rec,
    struct detail *d)
{
	const struct treatment *t = rec;
	const struct assessment *a = project_assessment(p);
	const struct treat_eval *te = treat_eval_of(p, rec);
	const struct risk_eval *re = assess_risk(a, t->risk);
	struct sbuf sb = SBUF_INIT;
	char due[11];

	if (re) {
		sbuf_addf(&sb, "%s %s (inherent ", re->risk->id,
		    re->risk->title ? re->risk->title : "");
		view_cell(a, &re->inherent, &sb);
		sbuf_adds(&sb, re->inherent.scored ? ")" : "not scored)");
		detail_add(d, "treats", sb.buf);
	}
	sbuf_reset(&sb);
	if (te->residual.scored)
		view_cell(a, &te->residual, &sb);
	else
		sbuf_adds(&sb, "not rated: the risk stays at its inherent level");
	detail_add(d, "residual risk", sb.buf);
	show_money(t, te, d);
	if (treatment_overdue(p, t)) {
		date_format(t->due, due);
		detail_addf(d, "overdue", "due %s, %ld days ago", due,
		    p->today - t->due);
	}
	sbuf_release(&sb);
}

static const struct column treat_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "risk", "risk", NULL, false, false },
	{ "option", "option", NULL, false, false },
	{ "status", "status", NULL, false, false },
	{ "owner", "owner", NULL, false, true },
	{ "due", "due", NULL, false, false },
	{ "residual", NULL, residual_cell, false, false },
	{ "rosi", NULL, rosi_cell, true, false },
};

static const struct view treat_view = {
	.coll = COL_TREATMENTS,
	.cols = treat_cols,
	.ncols = ARRAY_SIZE(treat_cols),
	.json_extra = treat_json,
	.show_extra = treat_show_extra,
	.filter = treat_filter,
	.sort_key = treat_sort_key,
};

/* ------------------------------------------------------------------ */
/* add and accept                                                      */

static bool has_field(const struct field_text *fields, size_t n,
    const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i].field->name, name) == 0)
			return true;
	return false;
}

static struct isms_error *treat_add(struct ctx *ctx)
{
	const struct schema *s = coll_defs[COL_TREATMENTS].schema;
	struct method *m = NULL;
	struct field_text *fields = NULL;
	size_t n = 0;
	char *id = NULL;
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
	if ((err = rating_from_opts(ctx, m, s, "residual", false, true,
	    &fields, &n)))
		goto out;
	if (!has_field(fields, n, "status") &&
	    (err = fields_put(&fields, &n, s, "status", "planned")))
		goto out;
	if (!(err = rec_add_fields(ctx, COL_TREATMENTS, fields, n, &id)) &&
	    !ctx->g->quiet)
		sbuf_addf(&ctx->out, "%s\n", id);
out:
	free(id);
	fields_release(fields, n);
	method_free(m);
	return err;
}

/* The acceptance's fields, checked against the risk. */
static struct isms_error *accept_fields(const struct ctx *ctx,
    const struct project *p, struct field_text **fields, size_t *n)
{
	const struct schema *s = coll_defs[COL_TREATMENTS].schema;
	const char *rid = ctx->args.pos[0], *by = arg_get(ctx, "by");
	const char *until = arg_get(ctx, "until");
	const char *why = arg_get(ctx, "rationale");
	const struct risk *r = project_find(p, COL_RISKS, rid);
	struct isms_error *err = NULL;
	char today[11], expires[11];
	long exp;

	if (!r)
		return err_new(EXIT_USAGE, "no risk with id '%s'", rid);
	if (!by || !why)
		return err_new(EXIT_USAGE, "treat accept: --by and --rationale "
		    "are required");
	if (!r->owner || !*r->owner)
		return err_new(EXIT_USAGE, "risk %s has no owner to accept it; "
		    "set one first (isms risk set %s owner=NAME)", rid, rid);
	if (strcmp(r->owner, by) != 0)
		return err_new(EXIT_USAGE, "only the risk owner can accept risk "
		    "%s (6.1.3 f): --by '%s'", rid, r->owner);
	if (until && !date_parse(until, &exp))
		return err_new(EXIT_USAGE, "--until: '%s' is not a date "
		    "(YYYY-MM-DD)", until);
	if (!until)
		exp = date_add_months(p->today, ACCEPT_MONTHS);
	if (exp <= p->today)
		return err_new(EXIT_USAGE, "--until: an acceptance must expire "
		    "after today");
	date_format(p->today, today);
	date_format(exp, expires);
	struct { const char *name, *value; } kv[] = {
		{ "risk", rid }, { "option", "retain" }, { "owner", by },
		{ "status", "implemented" }, { "approved_by", by },
		{ "approved_on", today }, { "expires", expires },
		{ "rationale", why },
	};
	for (size_t i = 0; i < ARRAY_SIZE(kv) && !err; i++)
		err = fields_put(fields, n, s, kv[i].name, kv[i].value);
	if (!err && r->rating) {
		/* The residual risk is the inherent one: nothing changes. */
		struct sbuf rating = SBUF_INIT;
		emit_flow(&rating, r->rating);
		err = fields_put(fields, n, s, "residual", rating.buf);
		sbuf_release(&rating);
	}
	return err;
}

static struct isms_error *treat_accept(struct ctx *ctx)
{
	struct project *p = NULL;
	struct field_text *fields = NULL;
	size_t n = 0;
	char *id = NULL;
	struct isms_error *err;

	if ((err = ctx_load(ctx, &p)))
		return err;
	err = accept_fields(ctx, p, &fields, &n);
	project_free(p);
	if (!err && !(err = rec_add_fields(ctx, COL_TREATMENTS, fields, n,
	    &id)) && !ctx->g->quiet)
		sbuf_addf(&ctx->out, "%s\n", id);
	free(id);
	fields_release(fields, n);
	return err;
}

/* ------------------------------------------------------------------ */
/* plan                                                                */

struct plan_item {
	const char *owner;
	long due;               /* DATE_NONE when not given */
	bool overdue;
	const struct treatment *t;
	size_t action;          /* 0: the treatment; else the action's number */
	const char *status;
	const char *text;
	size_t order;
};

static int plan_cmp(const void *a, const void *b)
{
	const struct plan_item *x = a, *y = b;
	int c = strcmp(x->owner, y->owner);
	if (c)
		return c;
	if (x->overdue != y->overdue)
		return x->overdue ? -1 : 1;
	if (x->due != y->due) {
		if (x->due == DATE_NONE || y->due == DATE_NONE)
			return x->due == DATE_NONE ? 1 : -1;
		return x->due < y->due ? -1 : 1;
	}
	return x->order < y->order ? -1 : x->order > y->order;
}

static const char *owner_or_none(const char *o)
{
	return o && *o ? o : "(no owner)";
}

static size_t plan_collect(const struct project *p, struct plan_item **out)
{
	const struct reclist *l = &p->treatments->treatments;
	const struct schema *ts = coll_defs[COL_TREATMENTS].schema;
	const struct schema *as = ts->fields[schema_field_index(ts,
	    schema_field(ts, "actions"))].sub;
	size_t n = 0, cap = 0;
	struct plan_item *v = NULL;

	for (size_t i = 0; i < l->n; i++) {
		const struct treatment *t = l->v[i];
		const struct risk *r = project_find(p, COL_RISKS, t->risk);
		if (treatment_open(t)) {
			GROW(v, cap, n + 1);
			v[n] = (struct plan_item){ owner_or_none(t->owner),
				rec_has(t, ts, "due") ? t->due : DATE_NONE,
				treatment_overdue(p, t), t, 0,
				rec_has(t, ts, "status") ?
				treat_statuses[t->status] : "planned",
				r && r->title ? r->title : "", n };
			n++;
		}
		if (rec_has(t, ts, "status") && t->status == TS_CANCELLED)
			continue;
		for (size_t k = 0; k < t->actions.n; k++) {
			const struct action *a = t->actions.v[k];
			if (rec_has(a, as, "done") && a->done)
				continue;
			bool has_due = rec_has(a, as, "due");
			GROW(v, cap, n + 1);
			v[n] = (struct plan_item){ owner_or_none(a->owner ?
				a->owner : t->owner),
				has_due ? a->due : DATE_NONE,
				has_due && a->due < p->today, t, k + 1, "open",
				a->text ? a->text : "", n };
			n++;
		}
	}
	qsort(v, n, sizeof(*v), plan_cmp);
	*out = v;
	return n;
}

static void item_ref(const struct plan_item *it, struct sbuf *out)
{
	if (it->action)
		sbuf_addf(out, "%s/%zu", it->t->id, it->action);
	else
		sbuf_adds(out, it->t->id);
}

static void plan_row(struct table *t, const struct plan_item *it,
    bool with_owner)
{
	char due[11] = "";
	struct sbuf ref = SBUF_INIT;
	if (it->due != DATE_NONE)
		date_format(it->due, due);
	item_ref(it, &ref);
	table_row(t);
	if (with_owner)
		table_cell(t, it->owner);
	table_cell(t, due);
	table_cell(t, it->overdue ? "OVERDUE" : "");
	table_cell(t, ref.buf);
	table_cell(t, it->t->risk);
	table_cell(t, it->status);
	table_cell(t, it->text);
	sbuf_release(&ref);
}

static struct table *plan_table(bool with_owner)
{
	struct table *t = table_new();
	if (with_owner)
		table_add_col(t, "owner", ALIGN_LEFT, 0);
	table_add_col(t, "due", ALIGN_LEFT, 0);
	table_add_col(t, "overdue", ALIGN_LEFT, 0);
	table_add_col(t, "item", ALIGN_LEFT, 0);
	table_add_col(t, "risk", ALIGN_LEFT, 0);
	table_add_col(t, "status", ALIGN_LEFT, 0);
	table_add_col(t, "what", ALIGN_LEFT, TABLE_TRUNCATE);
	return t;
}

static void plan_json(struct sbuf *out, const struct plan_item *v, size_t n)
{
	struct json_writer w;
	struct sbuf ref = SBUF_INIT;
	char due[11];
	json_init(&w, out, true);
	json_begin_array(&w);
	for (size_t i = 0; i < n; i++) {
		json_begin_object(&w);
		json_kv_string(&w, "owner", v[i].owner);
		if (v[i].due != DATE_NONE) {
			date_format(v[i].due, due);
			json_kv_string(&w, "due", due);
		} else {
			json_kv_null(&w, "due");
		}
		json_kv_bool(&w, "overdue", v[i].overdue);
		json_kv_string(&w, "kind", v[i].action ? "action" : "treatment");
		sbuf_reset(&ref);
		item_ref(&v[i], &ref);
		json_kv_string(&w, "item", ref.buf);
		json_kv_string(&w, "treatment", v[i].t->id);
		json_kv_string(&w, "risk", v[i].t->risk);
		json_kv_string(&w, "status", v[i].status);
		json_kv_string(&w, "text", v[i].text);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_release(&w);
	sbuf_release(&ref);
}

/* Text and Markdown: one table per owner under a heading. */
static void plan_grouped(struct sbuf *out, enum out_format fmt,
    const struct plan_item *v, size_t n)
{
	struct table_opts opts = { 60 };
	if (!n) {
		sbuf_adds(out, "No open treatments or actions.\n");
		return;
	}
	for (size_t i = 0; i < n;) {
		size_t j = i, late = 0;
		while (j < n && strcmp(v[j].owner, v[i].owner) == 0)
			late += v[j++].overdue;
		if (i)
			sbuf_addch(out, '\n');
		if (fmt == FMT_MD) {
			sbuf_adds(out, "## ");
			md_escape(out, v[i].owner);
			sbuf_addf(out, "\n\n%zu open, %zu overdue\n\n", j - i, late);
		} else {
			sbuf_addf(out, "%s: %zu open, %zu overdue\n", v[i].owner,
			    j - i, late);
		}
		struct table *t = plan_table(false);
		for (size_t k = i; k < j; k++)
			plan_row(t, &v[k], false);
		struct sbuf tb = SBUF_INIT;
		table_render(t, fmt, &opts, &tb);
		for (char *line = tb.buf, *next; fmt == FMT_TEXT && *line;
		    line = next) {
			next = strchr(line, '\n');
			next = next ? next + 1 : line + strlen(line);
			sbuf_adds(out, "  ");
			sbuf_add(out, line, (size_t)(next - line));
		}
		if (fmt != FMT_TEXT)
			sbuf_adds(out, tb.buf);
		sbuf_release(&tb);
		table_free(t);
		i = j;
	}
}

static struct isms_error *treat_plan(struct ctx *ctx)
{
	struct project *p = NULL;
	struct plan_item *v = NULL;
	enum out_format fmt;
	const char *owner = arg_get(ctx, "owner");
	struct isms_error *err;

	if ((err = ctx_format(ctx, FMT_BIT(FMT_TEXT) | FMT_BIT(FMT_JSON) |
	    FMT_BIT(FMT_CSV) | FMT_BIT(FMT_MD), FMT_TEXT, &fmt)))
		return err;
	if ((err = ctx_load(ctx, &p)))
		return err;
	size_t n = plan_collect(p, &v), k = 0;
	for (size_t i = 0; i < n; i++)
		if (!owner || strcmp(v[i].owner, owner) == 0)
			v[k++] = v[i];
	n = k;
	if (fmt == FMT_JSON) {
		plan_json(&ctx->out, v, n);
	} else if (fmt == FMT_CSV) {
		struct table *t = plan_table(true);
		for (size_t i = 0; i < n; i++)
			plan_row(t, &v[i], true);
		table_render(t, FMT_CSV, NULL, &ctx->out);
		table_free(t);
	} else {
		plan_grouped(&ctx->out, fmt, v, n);
	}
	free(v);
	project_free(p);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The verb table                                                      */

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ "overdue", 0, "only open treatments whose due date has passed" },
	{ NULL, 0, NULL },
};

static const struct optspec accept_opts[] = {
	{ "by", OPT_ARG, "the risk owner who accepts the risk (required)" },
	{ "until", OPT_ARG, "when the acceptance expires (default: a year "
	    "from today)" },
	{ "rationale", OPT_ARG, "why the risk is retained (required)" },
	{ NULL, 0, NULL },
};

static const struct optspec plan_opts[] = {
	{ "owner", OPT_ARG, "only this owner's work" },
	{ NULL, 0, NULL },
};

static const struct verb treat_verbs[] = {
	{ "add", "--risk ID --option OPTION [--residual-FACTOR VALUE...] "
	    "[--FIELD VALUE...]", "add a treatment; prints its id", NULL,
	    treat_add, VERB_FIELDS | VERB_ANYOPTS, 0, 0, COL_TREATMENTS, NULL },
	{ "list", "[--risk ID] [--owner O] [--status S] [--option O] "
	    "[--overdue] [--sort KEY]",
	    "list treatments with residual risk and return on investment",
	    list_opts, rec_list_verb, VERB_FIELDS, 0, 0, COL_TREATMENTS, &treat_view },
	{ "show", "ID", "show one treatment and its figures", NULL, rec_show_verb,
	    0, 1, 1, COL_TREATMENTS, &treat_view },
	{ "set", "ID KEY=VALUE...", "change fields (residual.likelihood=2; "
	    "KEY= removes one)", NULL, rec_set_verb, 0, 2, -1, COL_TREATMENTS, &treat_view },
	{ "rm", "ID", "remove a treatment", NULL, rec_rm_verb, 0, 1, 1,
	    COL_TREATMENTS, &treat_view },
	{ "import", "FILE.csv", "add treatments from CSV (all or nothing)",
	    NULL, rec_import_verb, 0, 1, 1, COL_TREATMENTS, &treat_view },
	{ "export", "[--format csv|json|yaml|md]",
	    "every treatment, every field", NULL, rec_export_verb, 0, 0, 0,
	    COL_TREATMENTS, &treat_view },
	{ "accept", "RISK --by OWNER --rationale TEXT [--until DATE]",
	    "record the risk owner's acceptance of a risk (retain)",
	    accept_opts, treat_accept, 0, 1, 1, COL_TREATMENTS, NULL },
	{ "plan", "[--owner O] [--format text|json|md|csv]",
	    "open treatments and actions by owner and due date, overdue first",
	    plan_opts, treat_plan, 0, 0, 0, COL_TREATMENTS, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_treat = {
	.name = "treat",
	.summary = "the risk treatment plan (6.1.3, 8.3)",
	.flags = CMD_PROJECT,
	.verbs = treat_verbs,
};
