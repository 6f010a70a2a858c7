/*
 * isms soa: control catalogs and the Statement of Applicability (6.1.3 d).
 *
 * set, list and show are the shared register verbs over soa.yaml, with
 * the catalog's title and theme and the treating risks added as computed
 * columns.  generate and migrate compute a plan in the soa module and
 * apply it in one write session, so a dry run prints exactly what the
 * real run writes.  export is the auditor's table: one row per catalog
 * control in catalog order, decided or not, which is why it is not the
 * register export (that one lists soa.yaml's entries as they are).
 */
#include "cmd_common.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "isms/catalog.h"
#include "isms/date.h"
#include "isms/soa.h"

static const char *decision_text(int d)
{
	return d == 1 ? "yes" : d == 0 ? "no" : "";
}

/* The risks column reads the project's usage index, built once. */
static void with_usage(const struct project *p, const char *id,
    void (*fn)(const struct soa_usage *u, struct sbuf *out),
    struct sbuf *out)
{
	fn(soa_uses_find(project_soa_uses(p), id), out);
}

static void title_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	const struct catalog_control *cc = soa_catalog_entry(p, rec);
	if (cc)
		sbuf_adds(out, cc->title);
}

static void theme_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	const struct catalog_control *cc = soa_catalog_entry(p, rec);
	if (cc && cc->theme)
		sbuf_adds(out, cc->theme);
}

static void applicable_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	sbuf_adds(out, decision_text(soa_decision(rec)));
}

static void risks_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	with_usage(p, ((const struct soa_control *)rec)->id, soa_usage_risks,
	    out);
}

static void json_ids(struct json_writer *w, const char *key,
    const struct soa_usage *u, bool risks)
{
	json_key(w, key);
	json_begin_array(w);
	size_t n = u ? (risks ? u->nrisks : u->ntreatments) : 0;
	for (size_t i = 0; i < n; i++)
		json_string(w, risks ? u->risks[i] : u->treatments[i]->id);
	json_end_array(w);
}

static void soa_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	const struct catalog_control *cc = soa_catalog_entry(p, rec);
	const struct soa_usage *use = soa_uses_find(project_soa_uses(p),
	    ((const struct soa_control *)rec)->id);
	json_kv_string(w, "title", cc ? cc->title : NULL);
	json_kv_string(w, "theme", cc ? cc->theme : NULL);
	json_ids(w, "risks", use, true);
	json_ids(w, "treatments", use, false);
}

static void soa_show_extra(const struct project *p, const void *rec,
    struct detail *d)
{
	const struct catalog_control *cc = soa_catalog_entry(p, rec);
	struct sbuf sb = SBUF_INIT;
	const struct soa_usage *use = soa_uses_find(project_soa_uses(p),
	    ((const struct soa_control *)rec)->id);
	detail_add(d, "title", cc ? cc->title : "(not in the catalog)");
	detail_add(d, "theme", cc ? cc->theme : NULL);
	detail_add(d, "decision", soa_decision(rec) == 1 ? "applicable" :
	    soa_decision(rec) == 0 ? "excluded" : "undecided");
	soa_usage_risks(use, &sb);
	detail_add(d, "risks", sb.buf);
	sbuf_reset(&sb);
	soa_usage_treatments(use, &sb);
	detail_add(d, "treatments", sb.buf);
	sbuf_release(&sb);
}

static bool soa_filter(const struct ctx *ctx, const struct project *p,
    const void *rec)
{
	int d = soa_decision(rec);
	const char *theme = arg_get(ctx, "theme");
	if (arg_flag(ctx, "applicable") && d != 1)
		return false;
	if (arg_flag(ctx, "excluded") && d != 0)
		return false;
	if (arg_flag(ctx, "undecided") && d >= 0)
		return false;
	if (theme) {
		const struct catalog_control *cc = soa_catalog_entry(p, rec);
		if (!cc || !cc->theme || strcasecmp(cc->theme, theme) != 0)
			return false;
	}
	return true;
}

static const struct column soa_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "title", NULL, title_cell, false, true },
	{ "theme", NULL, theme_cell, false, false },
	{ "applicable", NULL, applicable_cell, false, false },
	{ "status", "status", NULL, false, false },
	{ "owner", "owner", NULL, false, true },
	{ "risks", NULL, risks_cell, false, true },
};

static const struct view soa_view = {
	.coll = COL_CONTROLS,
	.cols = soa_cols,
	.ncols = ARRAY_SIZE(soa_cols),
	.json_extra = soa_json,
	.show_extra = soa_show_extra,
	.filter = soa_filter,
};

static struct isms_error *soa_list(struct ctx *ctx)
{
	if ((int)arg_flag(ctx, "applicable") + (int)arg_flag(ctx, "excluded") +
	    (int)arg_flag(ctx, "undecided") > 1)
		return err_new(EXIT_USAGE, "soa list: --applicable, --excluded "
		    "and --undecided exclude each other");
	return rec_list(ctx, &soa_view);
}

/* soa catalog [NAME] */

static struct isms_error *open_named_catalog(struct ctx *ctx,
    struct catalog **cat)
{
	struct project *p = NULL;
	struct isms_error *err;

	*cat = NULL;
	if (ctx->args.npos)
		return catalog_open(ctx->args.pos[0], ctx->root, cat);
	/* No name: the project's catalog, so a project is needed. */
	if (!ctx->root &&
	    (err = project_find_root(ctx->g->dir, &ctx->root)))
		return err;
	if ((err = ctx_load(ctx, &p)))
		return err;
	err = catalog_open(catalog_name(p->catalog), ctx->root, cat);
	project_free(p);
	return err;
}

static struct isms_error *soa_catalog(struct ctx *ctx)
{
	struct catalog *cat = NULL;
	struct isms_error *err;
	enum out_format fmt;

	if ((err = ctx_format(ctx, FMT_BIT(FMT_TEXT) | FMT_BIT(FMT_JSON) |
	    FMT_BIT(FMT_CSV) | FMT_BIT(FMT_MD), FMT_TEXT, &fmt)))
		return err;
	if ((err = open_named_catalog(ctx, &cat)))
		return err;
	if (fmt == FMT_JSON) {
		struct json_writer w;
		json_init(&w, &ctx->out, true);
		json_begin_array(&w);
		for (size_t i = 0; i < catalog_count(cat); i++) {
			const struct catalog_control *cc = catalog_control(cat, i);
			json_begin_object(&w);
			json_kv_string(&w, "id", cc->id);
			json_kv_string(&w, "title", cc->title);
			json_kv_string(&w, "theme", cc->theme);
			json_end_object(&w);
		}
		json_end_array(&w);
		json_release(&w);
	} else {
		struct table *t = table_new();
		struct table_opts opts = { 0 };
		table_add_col(t, "id", ALIGN_LEFT, 0);
		table_add_col(t, "title", ALIGN_LEFT, 0);
		table_add_col(t, "theme", ALIGN_LEFT, 0);
		for (size_t i = 0; i < catalog_count(cat); i++) {
			const struct catalog_control *cc = catalog_control(cat, i);
			table_row(t);
			table_cell(t, cc->id);
			table_cell(t, cc->title);
			table_cell(t, cc->theme);
		}
		table_render(t, fmt, &opts, &ctx->out);
		table_free(t);
	}
	catalog_free(cat);
	return NULL;
}

/* soa generate [--dry-run] */

static void plan_print(struct sbuf *out, const struct soa_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++) {
		const struct soa_step *st = &plan->v[i];
		if (st->kind == SOA_STEP_ADD && !st->applicable)
			sbuf_addf(out, "add %s\n", st->id);
		else if (st->kind == SOA_STEP_ADD)
			sbuf_addf(out, "add %s applicable: %s\n", st->id,
			    st->reason);
		else if (st->reason)
			sbuf_addf(out, "mark %s applicable: %s\n", st->id,
			    st->reason);
		else
			sbuf_addf(out, "mark %s applicable (its reason stays)\n",
			    st->id);
	}
}

/* A dry run reads the project without the lock, so it leaves no trace;
 * a real run plans on the project its session loaded under the lock,
 * for editing the registers in edits. */
static struct isms_error *plan_source(struct ctx *ctx, bool dry,
    unsigned edits, struct session *s, struct project **p)
{
	struct isms_error *err;
	memset(s, 0, sizeof(*s));
	s->lock.fd = -1;
	if (dry)
		return ctx_load(ctx, p);
	err = session_begin_editing(s, ctx->root, ctx->g->today, edits);
	*p = s->p;
	return err;
}

static void plan_done(bool dry, struct session *s, struct project *p)
{
	if (dry)
		project_free(p);
	session_end(s);
}

static struct isms_error *soa_generate(struct ctx *ctx)
{
	struct session s;
	struct project *p = NULL;
	struct soa_plan plan = { 0 };
	struct isms_error *err;
	bool dry = arg_flag(ctx, "dry-run");

	if ((err = plan_source(ctx, dry, 1u << REG_SOA, &s, &p)))
		goto out;
	if ((err = soa_plan_generate(p, &plan)))
		goto out;
	if (dry) {
		plan_print(&ctx->out, &plan);
	} else if ((err = soa_plan_apply(&s, &plan)) ||
	    (err = session_commit(&s))) {
		goto out;
	}
	if (!ctx->g->quiet || dry)
		sbuf_addf(&ctx->out, "%s %zu control%s, %s %zu applicable\n",
		    dry ? "would add" : "added", plan.added,
		    plan.added == 1 ? "" : "s", dry ? "mark" : "marked",
		    plan.marked);
out:
	soa_plan_release(&plan);
	plan_done(dry, &s, p);
	return err;
}

/* soa export */

static void export_row(struct table *t, const struct project *p,
    const struct catalog_control *cc, const struct soa_usage *use)
{
	const struct soa_control *c = project_find(p, COL_CONTROLS, cc->id);
	struct sbuf sb = SBUF_INIT;

	table_row(t);
	table_cell(t, cc->id);
	table_cell(t, cc->title);
	table_cell(t, decision_text(soa_decision(c)));
	table_cell(t, c ? c->reason : NULL);
	table_cell(t, soa_status_name(c));
	table_cell(t, c ? c->owner : NULL);
	if (c)
		sbuf_join(&sb, c->evidence.v, c->evidence.n, "; ");
	table_cell(t, sb.buf);
	sbuf_reset(&sb);
	soa_usage_risks(use, &sb);
	table_cell(t, sb.buf);
	sbuf_release(&sb);
}

static void export_json_row(struct json_writer *w, const struct project *p,
    const struct catalog_control *cc, const struct soa_usage *use)
{
	const struct soa_control *c = project_find(p, COL_CONTROLS, cc->id);
	int d = soa_decision(c);

	json_begin_object(w);
	json_kv_string(w, "id", cc->id);
	json_kv_string(w, "title", cc->title);
	if (d < 0)
		json_kv_null(w, "applicable");
	else
		json_kv_bool(w, "applicable", d == 1);
	json_kv_string(w, "justification", c ? c->reason : NULL);
	json_kv_string(w, "status", soa_status_name(c));
	json_kv_string(w, "owner", c ? c->owner : NULL);
	json_kv_strings(w, "evidence", c ? c->evidence.v : NULL,
	    c ? c->evidence.n : 0);
	json_ids(w, "risks", use, true);
	json_end_object(w);
}

/* "93 controls: 80 applicable, 5 excluded, 8 undecided; 60 implemented
 * (75% of applicable)." */
static void summary_line(struct sbuf *out, const struct project *p)
{
	struct soa_summary sm;
	char pct[32];
	soa_summarize(p, &sm);
	sbuf_addf(out, "%zu controls: %zu applicable, %zu excluded, "
	    "%zu undecided; %zu implemented (%s%% of applicable).",
	    sm.catalog, sm.applicable, sm.excluded, sm.undecided,
	    sm.implemented, fmt_num((double)(long)(sm.implemented_pct + 0.5),
	    pct));
	soa_summary_release(&sm);
}

static const char html_style[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif;"
    "margin:2em;color:#1a1a1a;line-height:1.4}\n"
    "h1{font-size:1.5em;margin-bottom:.2em}\n"
    "p.meta{color:#555;margin-top:0}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9em}\n"
    "th,td{border:1px solid #c8c8c8;padding:.3em .5em;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#eef1f4;position:sticky;top:0}\n"
    "tbody tr:nth-child(even){background:#f8f9fa}\n"
    "@media print{th{position:static}body{margin:0}}\n";

static void export_heading(struct sbuf *out, enum out_format fmt,
    const struct project *p)
{
	struct sbuf meta = SBUF_INIT, sum = SBUF_INIT;
	char day[11];
	date_format(p->today, day);
	if (p->config->organization)
		sbuf_addf(&meta, "%s, ", p->config->organization);
	sbuf_addf(&meta, "%s (%s), as of %s", catalog_title(p->catalog),
	    catalog_name(p->catalog), day);
	summary_line(&sum, p);
	if (fmt == FMT_MD) {
		sbuf_adds(out, "# Statement of Applicability\n\n");
		md_escape(out, meta.buf);
		sbuf_adds(out, "\n\n");
		md_escape(out, sum.buf);
		sbuf_adds(out, "\n\n");
	} else {
		sbuf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>Statement of "
		    "Applicability");
		if (p->config->organization) {
			sbuf_adds(out, " - ");
			html_escape(out, p->config->organization);
		}
		sbuf_addf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
		    "<h1>Statement of Applicability</h1>\n<p class=\"meta\">",
		    html_style);
		html_escape(out, meta.buf);
		sbuf_adds(out, "</p>\n<p>");
		html_escape(out, sum.buf);
		sbuf_adds(out, "</p>\n");
	}
	sbuf_release(&meta);
	sbuf_release(&sum);
}

static const char *const export_cols[] = { "id", "title", "applicable",
	"justification", "status", "owner", "evidence", "risks" };

static struct isms_error *soa_export(struct ctx *ctx)
{
	struct project *p = NULL;
	struct isms_error *err;
	enum out_format fmt;
	struct soa_uses u;

	if ((err = ctx_format(ctx, FMT_BIT(FMT_MD) | FMT_BIT(FMT_CSV) |
	    FMT_BIT(FMT_JSON) | FMT_BIT(FMT_HTML), FMT_MD, &fmt)))
		return err;
	if ((err = ctx_load(ctx, &p)))
		return err;
	if (!p->catalog) {
		project_free(p);
		return err_new(EXIT_DATA, "the control catalog could not be "
		    "opened; run 'isms check'");
	}
	soa_uses_build(p, &u);
	size_t n = catalog_count(p->catalog);
	if (fmt == FMT_JSON) {
		struct json_writer w;
		json_init(&w, &ctx->out, true);
		json_begin_array(&w);
		for (size_t i = 0; i < n; i++) {
			const struct catalog_control *cc =
			    catalog_control(p->catalog, i);
			export_json_row(&w, p, cc, soa_uses_find(&u, cc->id));
		}
		json_end_array(&w);
		json_release(&w);
	} else {
		struct table *t = table_new();
		for (size_t c = 0; c < ARRAY_SIZE(export_cols); c++)
			table_add_col(t, export_cols[c], ALIGN_LEFT, 0);
		for (size_t i = 0; i < n; i++) {
			const struct catalog_control *cc =
			    catalog_control(p->catalog, i);
			export_row(t, p, cc, soa_uses_find(&u, cc->id));
		}
		if (fmt != FMT_CSV)
			export_heading(&ctx->out, fmt, p);
		table_render(t, fmt, NULL, &ctx->out);
		if (fmt == FMT_HTML)
			sbuf_adds(&ctx->out, "</body>\n</html>\n");
		table_free(t);
	}
	soa_uses_release(&u);
	project_free(p);
	return NULL;
}

/* soa migrate --to NAME [--dry-run] */

static int id_width(const struct soa_migration *m)
{
	size_t w = 2;
	for (size_t i = 0; i < m->n; i++)
		if (strlen(m->v[i].id) > w)
			w = strlen(m->v[i].id);
	return (int)w;
}

static void migration_report(struct sbuf *out, const struct soa_migration *m,
    bool dry)
{
	const char *from = catalog_name(m->from), *to = catalog_name(m->to);
	int w = id_width(m);
	size_t uncovered = 0;

	sbuf_addf(out, "%s soa.yaml from %s to %s: %zu entries became %zu "
	    "controls\n", dry ? "would migrate" : "migrated", from, to,
	    m->old_entries, m->n);
	for (size_t i = 0; i < m->n; i++) {
		const struct soa_merged *mg = &m->v[i];
		if (!mg->nfrom)
			continue;
		sbuf_addf(out, "  %-*s  %-10s  from ", w, mg->id,
		    mg->applicable == 1 ? "applicable" :
		    mg->applicable == 0 ? "excluded" : "undecided");
		sbuf_join(out, mg->from, mg->nfrom, ", ");
		sbuf_addch(out, '\n');
	}
	for (size_t i = 0; i < m->nt; i++) {
		const struct soa_retarget *r = &m->t[i];
		sbuf_addf(out, "treatment %s controls: ", r->id);
		sbuf_join(out, r->old, r->nold, ", ");
		sbuf_adds(out, " -> ");
		sbuf_join(out, r->controls, r->n, ", ");
		sbuf_addch(out, '\n');
	}
	sbuf_addf(out, "isms.yaml and soa.yaml: catalog: %s\n", to);
	sbuf_addf(out, "needs a human decision:%s\n",
	    m->undecided || m->nt ? "" : " nothing");
	for (size_t i = 0; i < m->n; i++) {
		const struct soa_merged *mg = &m->v[i];
		if (mg->applicable >= 0)
			continue;
		if (mg->conflict) {
			sbuf_addf(out, "  %-*s  %s\n", w, mg->id, mg->reason);
		} else if (mg->is_new) {
			sbuf_addf(out, "  %-*s  new in %s: %s\n", w, mg->id, to,
			    catalog_find(m->to, mg->id)->title);
		} else if (mg->nfrom) {
			sbuf_addf(out, "  %-*s  undecided in the old SoA (", w,
			    mg->id);
			sbuf_join(out, mg->from, mg->nfrom, ", ");
			sbuf_adds(out, ")\n");
		} else {
			uncovered++;
		}
	}
	for (size_t i = 0; i < m->nt; i++)
		for (size_t k = 0; k < m->t[i].nunknown; k++)
			sbuf_addf(out, "  treatment %s names '%s', which neither "
			    "catalog has\n", m->t[i].id, m->t[i].unknown[k]);
	if (uncovered)
		sbuf_addf(out, "  %zu more control%s the old SoA did not cover; "
		    "see 'isms soa list --undecided'\n", uncovered,
		    uncovered == 1 ? "" : "s");
}

static struct isms_error *soa_migrate(struct ctx *ctx)
{
	struct session s;
	struct project *p = NULL;
	struct soa_migration m = { 0 };
	struct isms_error *err;
	const char *to = arg_get(ctx, "to");
	bool dry = arg_flag(ctx, "dry-run");

	if (!to)
		return err_new(EXIT_USAGE, "soa migrate: --to CATALOG is "
		    "required (e.g. --to iso27001-2022)");
	if ((err = plan_source(ctx, dry, 1u << REG_SOA | 1u << REG_CONFIG |
	    1u << REG_TREATMENTS, &s, &p)))
		goto out;
	if (strcmp(soa_catalog_name(p), to) == 0) {
		sbuf_addf(&ctx->out, "soa.yaml already follows %s; nothing to "
		    "migrate\n", to);
		goto out;
	}
	if ((err = soa_migrate_plan(p, to, &m)))
		goto out;
	if (!dry && ((err = soa_migrate_apply(&s, &m)) ||
	    (err = session_commit(&s))))
		goto out;
	if (!ctx->g->quiet || dry)
		migration_report(&ctx->out, &m, dry);
out:
	soa_migration_release(&m);
	plan_done(dry, &s, p);
	return err;
}

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ "applicable", 0, "only controls decided applicable" },
	{ "excluded", 0, "only controls decided not applicable" },
	{ "undecided", 0, "only controls not yet decided" },
	{ "status", OPT_ARG, "only controls with this status" },
	{ "theme", OPT_ARG, "only controls of this catalog theme" },
	{ NULL, 0, NULL },
};

static const struct optspec dry_opts[] = {
	{ "dry-run", 0, "print what would change and write nothing" },
	{ NULL, 0, NULL },
};

static const struct optspec migrate_opts[] = {
	{ "to", OPT_ARG, "the catalog to migrate to (iso27001-2022)" },
	{ "dry-run", 0, "print the report and write nothing" },
	{ NULL, 0, NULL },
};

static const struct verb soa_verbs[] = {
	{ "catalog", "[NAME]",
	    "list a catalog's controls (default: the project's)", NULL,
	    soa_catalog, VERB_NOPROJECT, 0, 1, COL_CONTROLS, NULL },
	{ "generate", "[--dry-run]",
	    "add every missing catalog control; mark those treatments use "
	    "applicable", dry_opts, soa_generate, 0, 0, 0, COL_CONTROLS, NULL },
	{ "list", "[--applicable|--excluded|--undecided] [--status S] "
	    "[--theme T] [--owner O] [--sort KEY]",
	    "list the SoA with titles, decisions and treating risks",
	    list_opts, soa_list, VERB_FIELDS, 0, 0, COL_CONTROLS, NULL },
	{ "show", "ID",
	    "show one control: decision, status, evidence, risks, treatments",
	    NULL, rec_show_verb, 0, 1, 1, COL_CONTROLS, &soa_view },
	{ "set", "ID KEY=VALUE...",
	    "record a decision: applicable=, reason=, status=, owner=, "
	    "evidence= (KEY= removes one)", NULL, rec_set_verb, 0, 2, -1,
	    COL_CONTROLS, &soa_view },
	{ "export", "[--format md|csv|json|html]",
	    "the auditor's SoA: every catalog control in catalog order", NULL,
	    soa_export, 0, 0, 0, COL_CONTROLS, NULL },
	{ "migrate", "--to CATALOG [--dry-run]",
	    "move the SoA and treatments to a successor catalog",
	    migrate_opts, soa_migrate, 0, 0, 0, COL_CONTROLS, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_soa = {
	.name = "soa",
	.summary = "control catalogs and the Statement of Applicability (6.1.3 d)",
	.flags = CMD_PROJECT,
	.verbs = soa_verbs,
};
