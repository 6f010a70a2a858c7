/*
 * isms audit: the audit programme, audits and findings (9.2, 10.2).
 *
 * Audits and findings are registers like any other and use the shared
 * verbs; what is particular lives here as views and checks: `plan` turns
 * scope arguments (clauses=4-10, controls=5.15,8.8) into catalog ids, `set`
 * keeps an audit's status moving forwards and a nonconformity open until
 * its root cause and corrective action are recorded, and `checklist`,
 * `coverage` and `programme` print what include/isms/audit.h computes.
 * Findings are a sub-noun (isms audit finding add ...), dispatched the way
 * isms scope dispatches its lists, with each sub-verb's options checked.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_common.h"
#include "isms/audit.h"
#include "isms/date.h"
#include "isms/emit.h"
#include "isms/recout.h"
#include "isms/soa.h"

static const struct schema *audit_sch(void)
{
	return coll_defs[COL_AUDITS].schema;
}

static const struct schema *finding_sch(void)
{
	return coll_defs[COL_FINDINGS].schema;
}

static const struct schema *programme_sch(void)
{
	return schema_field(reg_defs[REG_AUDITS].schema, "programme")->sub;
}

static void add_date(struct sbuf *out, long d)
{
	char buf[11];
	if (d == DATE_NONE)
		return;
	date_format(d, buf);
	sbuf_adds(out, buf);
}

/* The value of a KEY=VALUE argument (keys with '-' for '_'), or NULL. */
static const char *pair_value(const struct ctx *ctx, const char *key)
{
	const char *v = NULL;
	size_t n = strlen(key);
	for (size_t i = 1; i < ctx->args.npos; i++) {
		const char *a = ctx->args.pos[i];
		size_t k = 0;
		while (k < n && a[k] && (a[k] == key[k] ||
		    (a[k] == '-' && key[k] == '_')))
			k++;
		if (k == n && a[k] == '=')
			v = a + n + 1;
	}
	return v;
}

/* A state that records its date (an audit's completed, a finding's
 * closed) gets today unless this command or the record gives one. */
static struct isms_error *date_today_unless_given(const struct ctx *ctx,
    struct session *s, enum collection c, const void *rec, const char *id,
    const char *key)
{
	char today[11];
	if (pair_value(ctx, key) || rec_has(rec, coll_defs[c].schema, key))
		return NULL;
	date_format(ctx->g->today, today);
	return session_set(s, c, id, key, today);
}

static struct isms_error *check_date_opt(const char *name, const char *v)
{
	long d;
	if (v && !date_parse(v, &d))
		return err_new(EXIT_USAGE, "--%s: '%s' is not a date "
		    "(YYYY-MM-DD)", name, v);
	return NULL;
}

/* Audits. */

static size_t count_findings(const struct project *p, const char *audit,
    bool open_only)
{
	const struct reclist *l = &p->audits->findings;
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = l->v[i];
		if (finding_of_audit(f, audit) &&
		    (!open_only || finding_status(f) == FS_OPEN))
			n++;
	}
	return n;
}

static void scope_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	struct audit_item *items = NULL;
	size_t n = audit_scope_items(p, rec, &items), cl = 0;
	for (size_t i = 0; i < n; i++)
		cl += items[i].kind == AI_CLAUSE;
	sbuf_addf(out, "%zu clause%s, %zu control%s", cl, cl == 1 ? "" : "s",
	    n - cl, n - cl == 1 ? "" : "s");
	free(items);
}

static void findings_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	const struct audit *a = rec;
	sbuf_addf(out, "%zu open of %zu", count_findings(p, a->id, true),
	    count_findings(p, a->id, false));
}

static void audit_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	const struct audit *a = rec;
	struct audit_item *items = NULL;
	size_t n = audit_scope_items(p, a, &items);
	const struct reclist *l = &p->audits->findings;

	json_kv_bool(w, "overdue", audit_is_stale(p, a));
	json_key(w, "covers");
	json_begin_array(w);
	for (size_t i = 0; i < n; i++) {
		json_begin_object(w);
		json_kv_string(w, "kind", items[i].kind == AI_CLAUSE ? "clause" :
		    "control");
		json_kv_string(w, "id", items[i].id);
		json_kv_string(w, "title", items[i].title);
		json_end_object(w);
	}
	json_end_array(w);
	json_key(w, "findings");
	json_begin_array(w);
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = l->v[i];
		if (finding_of_audit(f, a->id))
			json_string(w, f->id);
	}
	json_end_array(w);
	json_kv_int(w, "open_findings", (long long)count_findings(p, a->id,
	    true));
	free(items);
}

static void audit_show(const struct project *p, const void *rec,
    struct detail *d)
{
	const struct audit *a = rec;
	struct audit_item *items = NULL;
	size_t n = audit_scope_items(p, a, &items);
	struct sbuf sb = SBUF_INIT;
	const struct reclist *l = &p->audits->findings;

	if (audit_is_stale(p, a))
		detail_add(d, "overdue", "yes: the planned date has passed");
	for (size_t i = 0; i < n; i++)
		if (items[i].kind == AI_CLAUSE)
			sbuf_addf(&sb, "%s%s", sb.len ? ", " : "", items[i].id);
	if (sb.len)
		detail_add(d, "clauses covered", sb.buf);
	sbuf_reset(&sb);
	for (size_t i = 0; i < n; i++)
		if (items[i].kind == AI_CONTROL)
			sbuf_addf(&sb, "%s%s %s", sb.len ? "\n" : "", items[i].id,
			    items[i].title);
	if (sb.len)
		detail_add(d, "controls covered", sb.buf);
	sbuf_reset(&sb);
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = l->v[i];
		if (!finding_of_audit(f, a->id))
			continue;
		sbuf_addf(&sb, "%s%s %s %s %s", sb.len ? "\n" : "", f->id,
		    finding_types[f->type],
		    finding_statuses[finding_status(f)], f->ref ? f->ref : "");
		if (finding_is_overdue(p, f))
			sbuf_adds(&sb, " (overdue)");
	}
	if (sb.len)
		detail_add(d, "findings", sb.buf);
	sbuf_release(&sb);
	free(items);
}

static bool audit_filter(const struct ctx *ctx, const struct project *p,
    const void *rec)
{
	return !arg_flag(ctx, "overdue") || audit_is_stale(p, rec);
}

/* Status moves forwards only; moving to reported or closed records the
 * completed date (today) unless the audit or this command gives one. */
static struct isms_error *audit_set_check(struct ctx *ctx, struct session *s,
    const void *rec)
{
	const struct audit *a = rec;
	const char *st = pair_value(ctx, "status");
	int to = st ? enum_index(audit_statuses, st) : -1;
	int from = audit_status(a);

	if (to < 0)
		return NULL; /* absent, or a bad value the validator reports */
	if (!audit_status_allowed(from, to))
		return err_new(EXIT_DATA, "audit %s is %s and its status only "
		    "moves forwards (planned, in-progress, reported, closed): it "
		    "cannot go back to %s; nothing was written", a->id,
		    audit_statuses[from], audit_statuses[to]);
	if (to > from && to >= AU_REPORTED)
		return date_today_unless_given(ctx, s, COL_AUDITS, a, a->id,
		    "completed");
	return NULL;
}

static const struct column audit_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "title", "title", NULL, false, true },
	{ "planned", "planned", NULL, false, false },
	{ "completed", "completed", NULL, false, false },
	{ "status", "status", NULL, false, false },
	{ "lead", "lead", NULL, false, true },
	{ "scope", NULL, scope_cell, false, false },
	{ "findings", NULL, findings_cell, false, false },
};

static const struct view audit_view = {
	.coll = COL_AUDITS,
	.cols = audit_cols,
	.ncols = ARRAY_SIZE(audit_cols),
	.json_extra = audit_json,
	.show_extra = audit_show,
	.filter = audit_filter,
	.set_check = audit_set_check,
};

/* Scope arguments: --scope values and bare clauses=/controls= words, each
 * possibly several separated by spaces. */
static struct isms_error *parse_scope_args(const struct ctx *ctx,
    const struct catalog *c, struct audit_ids *cl, struct audit_ids *co)
{
	struct isms_error *err = NULL;
	size_t nvals = ctx->args.nopt + ctx->args.npos;
	for (size_t i = 0; i < nvals && !err; i++) {
		const char *v;
		if (i < ctx->args.nopt) {
			if (strcmp(ctx->args.opt[i].name, "scope") != 0)
				continue;
			v = ctx->args.opt[i].value;
		} else {
			v = ctx->args.pos[i - ctx->args.nopt];
		}
		char *copy = xstrdup(v);
		for (char *w = strtok(copy, " \t"); w && !err;
		    w = strtok(NULL, " \t"))
			err = audit_scope_parse(c, w, cl, co);
		free(copy);
	}
	return err;
}

static void scope_list_text(struct sbuf *out, const char *key,
    const struct audit_ids *ids)
{
	if (!ids->n)
		return;
	sbuf_addf(out, "%s%s: [", out->len > 1 ? ", " : "", key);
	for (size_t i = 0; i < ids->n; i++) {
		if (i)
			sbuf_adds(out, ", ");
		emit_string(out, ids->v[i]);
	}
	sbuf_addch(out, ']');
}

static struct isms_error *audit_plan(struct ctx *ctx)
{
	struct project *p = NULL;
	struct audit_ids cl = { 0 }, co = { 0 };
	struct field_text *fields = NULL;
	struct sbuf scope = SBUF_INIT;
	struct isms_error *err = NULL;
	const char *date = arg_get(ctx, "date");
	size_t n = 0;
	char *id = NULL;

	if (!arg_get(ctx, "title"))
		return err_new(EXIT_USAGE, "audit plan: --title is required");
	if (!date)
		return err_new(EXIT_USAGE, "audit plan: --date is required");
	if (arg_flag(ctx, "status") || arg_flag(ctx, "planned"))
		return err_new(EXIT_USAGE, "audit plan: gives a planned audit "
		    "on --date; change it later with 'isms audit set'");
	if ((err = check_date_opt("date", date)) || (err = ctx_load(ctx, &p)))
		return err;
	if (!p->catalog) {
		err = err_new(EXIT_DATA, "the project's catalog cannot be "
		    "opened; run 'isms check'");
		goto out;
	}
	if ((err = parse_scope_args(ctx, p->catalog, &cl, &co)))
		goto out;
	if (!cl.n && !co.n) {
		err = err_new(EXIT_USAGE, "audit plan: --scope is required "
		    "(clauses=4-10, controls=5.15,8.8)");
		goto out;
	}
	sbuf_addch(&scope, '{');
	scope_list_text(&scope, "clauses", &cl);
	scope_list_text(&scope, "controls", &co);
	sbuf_addch(&scope, '}');
	if ((err = fields_from_opts(ctx, audit_sch(), &fields, &n)) ||
	    (err = fields_put(&fields, &n, audit_sch(), "scope", scope.buf)) ||
	    (err = fields_put(&fields, &n, audit_sch(), "planned", date)) ||
	    (err = fields_put(&fields, &n, audit_sch(), "status", "planned")))
		goto out;
	if ((err = rec_add_fields(ctx, COL_AUDITS, fields, n, &id)))
		goto out;
	if (!ctx->g->quiet)
		sbuf_addf(&ctx->out, "%s\n", id);
out:
	free(id);
	fields_release(fields, n);
	sbuf_release(&scope);
	audit_ids_release(&cl);
	audit_ids_release(&co);
	project_free(p);
	return err;
}

/* The checklist. */

static const char *applicable_text(const struct checklist_row *r)
{
	if (r->item.kind == AI_CLAUSE)
		return "";
	if (!r->soa)
		return "not in SoA";
	int d = soa_decision(r->soa);
	return d < 0 ? "undecided" : d ? "yes" : "no";
}

static void checklist_evidence(struct sbuf *out, const struct checklist_row *r)
{
	if (r->registers) {
		sbuf_adds(out, r->registers);
		return;
	}
	if (r->soa)
		sbuf_join(out, r->soa->evidence.v, r->soa->evidence.n, "; ");
}

static const char *soa_status_text(const struct checklist_row *r)
{
	const char *name = soa_status_name(r->soa);
	return name ? name : "";
}

static void checklist_json(struct sbuf *out, const struct audit *a,
    const struct checklist_row *rows, size_t n)
{
	struct json_writer w;
	json_init(&w, out, true);
	json_begin_object(&w);
	recout_json_fields(&w, audit_sch(), a);
	json_key(&w, "rows");
	json_begin_array(&w);
	for (size_t i = 0; i < n; i++) {
		const struct checklist_row *r = &rows[i];
		json_begin_object(&w);
		json_kv_string(&w, "kind", r->item.kind == AI_CLAUSE ? "clause" :
		    "control");
		json_kv_string(&w, "id", r->item.id);
		json_kv_string(&w, "requirement", r->item.title);
		if (r->item.kind == AI_CONTROL) {
			json_kv_string(&w, "applicable", applicable_text(r));
			json_kv_string(&w, "soa_status", soa_status_text(r));
			json_kv_string(&w, "owner", r->soa && r->soa->owner ?
			    r->soa->owner : "");
			json_kv_strings(&w, "evidence", r->soa ?
			    r->soa->evidence.v : NULL, r->soa ?
			    r->soa->evidence.n : 0);
		} else {
			json_kv_string(&w, "registers", r->registers ?
			    r->registers : "");
		}
		json_kv_strings(&w, "risks", r->risks.v, r->risks.n);
		json_kv_strings(&w, "treatments", r->treatments.v,
		    r->treatments.n);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_release(&w);
}

static void checklist_header(struct sbuf *out, enum out_format fmt,
    const struct audit *a)
{
	struct sbuf v = SBUF_INIT;
	const char *keys[] = { "criteria", "lead", "auditors", "planned",
		"status" };
	if (fmt == FMT_MD) {
		sbuf_adds(out, "# Audit checklist: ");
		md_escape(out, a->id);
		sbuf_adds(out, " ");
		md_escape(out, a->title ? a->title : "");
		sbuf_adds(out, "\n\n");
	} else if (fmt == FMT_HTML) {
		sbuf_adds(out, "<h1>Audit checklist: ");
		html_escape(out, a->id);
		sbuf_adds(out, " ");
		html_escape(out, a->title ? a->title : "");
		sbuf_adds(out, "</h1>\n<ul>\n");
	} else {
		sbuf_addf(out, "Audit checklist: %s %s\n", a->id,
		    a->title ? a->title : "");
	}
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		const struct field *f = schema_field(audit_sch(), keys[i]);
		if (!rec_has_field(a, audit_sch(), f))
			continue;
		sbuf_reset(&v);
		recout_field_text(&v, audit_sch(), a, f);
		if (fmt == FMT_MD) {
			sbuf_addf(out, "- %s: ", keys[i]);
			md_escape(out, v.buf);
			sbuf_addch(out, '\n');
		} else if (fmt == FMT_HTML) {
			sbuf_addf(out, "<li>%s: ", keys[i]);
			html_escape(out, v.buf);
			sbuf_adds(out, "</li>\n");
		} else {
			sbuf_addf(out, "%s: %s\n", keys[i], v.buf);
		}
	}
	sbuf_adds(out, fmt == FMT_HTML ? "</ul>\n" : "\n");
	sbuf_release(&v);
}

static void checklist_table(struct sbuf *out, enum out_format fmt,
    const struct checklist_row *rows, size_t n)
{
	static const char *const cols[] = { "kind", "id", "requirement",
		"applicable", "soa status", "owner", "evidence", "risks",
		"treatments", "audit evidence", "conformity", "notes" };
	struct table *t = table_new();
	struct table_opts opts = { 40 };
	struct sbuf sb = SBUF_INIT;
	for (size_t i = 0; i < ARRAY_SIZE(cols); i++)
		table_add_col(t, cols[i], ALIGN_LEFT, i == 2 || i == 6 ?
		    TABLE_TRUNCATE : 0);
	for (size_t i = 0; i < n; i++) {
		const struct checklist_row *r = &rows[i];
		table_row(t);
		table_cell(t, r->item.kind == AI_CLAUSE ? "clause" : "control");
		table_cell(t, r->item.id);
		table_cell(t, r->item.title);
		table_cell(t, applicable_text(r));
		table_cell(t, soa_status_text(r));
		table_cell(t, r->soa && r->soa->owner ? r->soa->owner : "");
		sbuf_reset(&sb);
		checklist_evidence(&sb, r);
		table_cell(t, sb.buf);
		sbuf_reset(&sb);
		sbuf_join(&sb, r->risks.v, r->risks.n, ", ");
		table_cell(t, sb.buf);
		sbuf_reset(&sb);
		sbuf_join(&sb, r->treatments.v, r->treatments.n, ", ");
		table_cell(t, sb.buf);
		/* The auditor's columns stay blank. */
		table_cell(t, "");
		table_cell(t, "");
		table_cell(t, "");
	}
	table_render(t, fmt, &opts, out);
	sbuf_release(&sb);
	table_free(t);
}

static struct isms_error *find_audit(const struct project *p, const char *id,
    const struct audit **a)
{
	*a = project_find(p, COL_AUDITS, id);
	return *a ? NULL : err_new(EXIT_USAGE, "no audit with id '%s'", id);
}

static struct isms_error *audit_checklist_verb(struct ctx *ctx)
{
	struct project *p = NULL;
	struct checklist_row *rows = NULL;
	const struct audit *a;
	enum out_format fmt;
	size_t n = 0;
	struct isms_error *err = ctx_format(ctx, FMT_BIT(FMT_TEXT) |
	    FMT_BIT(FMT_MD) | FMT_BIT(FMT_CSV) | FMT_BIT(FMT_HTML) |
	    FMT_BIT(FMT_JSON), FMT_TEXT, &fmt);

	if (err || (err = ctx_load(ctx, &p)))
		return err;
	if ((err = find_audit(p, ctx->args.pos[0], &a)))
		goto out;
	n = audit_checklist(p, a, &rows);
	if (fmt == FMT_JSON) {
		checklist_json(&ctx->out, a, rows, n);
	} else {
		if (fmt != FMT_CSV)
			checklist_header(&ctx->out, fmt, a);
		checklist_table(&ctx->out, fmt, rows, n);
	}
out:
	checklist_release(rows, n);
	project_free(p);
	return err;
}

/* Coverage. */

static void coverage_json(struct sbuf *out, const struct project *p,
    const struct coverage *cov, bool gaps)
{
	struct json_writer w;
	struct sbuf d = SBUF_INIT;
	size_t count[3] = { 0, 0, 0 };
	json_init(&w, out, true);
	json_begin_object(&w);
	json_kv_int(&w, "cycle_months", cov->cycle_months);
#define KV_DATE(key, val) do { \
		sbuf_reset(&d); add_date(&d, (val)); \
		if (d.len) json_kv_string(&w, key, d.buf); \
		else json_kv_null(&w, key); \
	} while (0)
	KV_DATE("today", p->today);
	KV_DATE("window_start", cov->window_start);
	KV_DATE("start", cov->start);
	for (size_t i = 0; i < cov->n; i++)
		count[cov->v[i].state]++;
	json_key(&w, "summary");
	json_begin_object(&w);
	json_kv_int(&w, "items", (long long)cov->n);
	json_kv_int(&w, "ok", (long long)count[COV_OK]);
	json_kv_int(&w, "due", (long long)count[COV_DUE]);
	json_kv_int(&w, "overdue", (long long)count[COV_OVERDUE]);
	json_end_object(&w);
	json_key(&w, "items");
	json_begin_array(&w);
	for (size_t i = 0; i < cov->n; i++) {
		const struct coverage_row *r = &cov->v[i];
		if (gaps && r->state == COV_OK)
			continue;
		json_begin_object(&w);
		json_kv_string(&w, "kind", r->item.kind == AI_CLAUSE ? "clause" :
		    "control");
		json_kv_string(&w, "id", r->item.id);
		json_kv_string(&w, "title", r->item.title);
		json_kv_string(&w, "last_audit", r->last ? r->last->id : NULL);
		KV_DATE("last_audited", r->last_date);
		json_kv_bool(&w, "within_cycle", r->within_cycle);
		KV_DATE("due", r->due);
		json_kv_string(&w, "status", coverage_state_name(r->state));
		json_kv_string(&w, "next_audit", r->next ? r->next->id : NULL);
		KV_DATE("next_planned", r->next_date);
		json_end_object(&w);
	}
#undef KV_DATE
	json_end_array(&w);
	json_end_object(&w);
	json_release(&w);
	sbuf_release(&d);
}

static void coverage_table(struct sbuf *out, enum out_format fmt,
    const struct project *p, const struct coverage *cov, bool gaps)
{
	static const char *const cols[] = { "kind", "id", "title",
		"last audit", "audited", "due", "status", "next audit" };
	struct table *t = table_new();
	struct table_opts opts = { 40 };
	struct sbuf sb = SBUF_INIT;
	char today[11], from[11];

	date_format(p->today, today);
	date_format(cov->window_start, from);
	if (fmt == FMT_MD)
		sbuf_adds(out, "# Audit coverage\n\n");
	if (fmt != FMT_CSV) {
		sbuf_addf(out, "%d-month cycle: audited from %s to %s counts",
		    cov->cycle_months, from, today);
		if (cov->start != DATE_NONE) {
			sbuf_adds(out, "; programme started ");
			add_date(out, cov->start);
		}
		sbuf_adds(out, fmt == FMT_MD ? "\n\n" : "\n");
	}
	for (size_t i = 0; i < ARRAY_SIZE(cols); i++)
		table_add_col(t, cols[i], ALIGN_LEFT, i == 2 ? TABLE_TRUNCATE : 0);
	for (size_t i = 0; i < cov->n; i++) {
		const struct coverage_row *r = &cov->v[i];
		if (gaps && r->state == COV_OK)
			continue;
		table_row(t);
		table_cell(t, r->item.kind == AI_CLAUSE ? "clause" : "control");
		table_cell(t, r->item.id);
		table_cell(t, r->item.title);
		table_cell(t, r->last ? r->last->id : "");
		sbuf_reset(&sb);
		add_date(&sb, r->last_date);
		table_cell(t, sb.buf);
		sbuf_reset(&sb);
		add_date(&sb, r->due);
		table_cell(t, sb.buf);
		table_cell(t, coverage_state_name(r->state));
		sbuf_reset(&sb);
		if (r->next) {
			sbuf_addf(&sb, "%s ", r->next->id);
			add_date(&sb, r->next_date);
		}
		table_cell(t, sb.buf);
	}
	table_render(t, fmt, &opts, out);
	sbuf_release(&sb);
	table_free(t);
}

static struct isms_error *audit_coverage_verb(struct ctx *ctx)
{
	struct project *p = NULL;
	struct coverage cov;
	enum out_format fmt;
	struct isms_error *err = ctx_format(ctx, FMT_BIT(FMT_TEXT) |
	    FMT_BIT(FMT_JSON) | FMT_BIT(FMT_CSV) | FMT_BIT(FMT_MD), FMT_TEXT,
	    &fmt);

	if (err || (err = ctx_load(ctx, &p)))
		return err;
	audit_coverage(p, &cov);
	if (fmt == FMT_JSON)
		coverage_json(&ctx->out, p, &cov, arg_flag(ctx, "gaps"));
	else
		coverage_table(&ctx->out, fmt, p, &cov, arg_flag(ctx, "gaps"));
	coverage_release(&cov);
	project_free(p);
	return NULL;
}

/* The programme: isms audit programme [show | set KEY=VALUE...]. */

static void programme_summary(const struct coverage *cov, size_t *cl,
    size_t *cl_ok, size_t *co, size_t *co_ok, size_t *overdue)
{
	*cl = *cl_ok = *co = *co_ok = *overdue = 0;
	for (size_t i = 0; i < cov->n; i++) {
		const struct coverage_row *r = &cov->v[i];
		bool clause = r->item.kind == AI_CLAUSE;
		*(clause ? cl : co) += 1;
		*(clause ? cl_ok : co_ok) += r->state == COV_OK;
		*overdue += r->state == COV_OVERDUE;
	}
}

static struct isms_error *programme_show(struct ctx *ctx)
{
	struct project *p = NULL;
	struct coverage cov;
	enum out_format fmt;
	size_t cl, cl_ok, co, co_ok, overdue;
	struct isms_error *err = ctx_format(ctx, FMT_BIT(FMT_TEXT) |
	    FMT_BIT(FMT_JSON) | FMT_BIT(FMT_MD), FMT_TEXT, &fmt);

	if (err || (err = ctx_load(ctx, &p)))
		return err;
	const struct programme *g = p->audits->programme;
	audit_coverage(p, &cov);
	programme_summary(&cov, &cl, &cl_ok, &co, &co_ok, &overdue);
	if (fmt == FMT_JSON) {
		struct json_writer w;
		struct sbuf d = SBUF_INIT;
		json_init(&w, &ctx->out, true);
		json_begin_object(&w);
		if (g)
			recout_json_fields(&w, programme_sch(), g);
		json_kv_int(&w, "cycle", cov.cycle_months);
		add_date(&d, cov.start);
		if (d.len)
			json_kv_string(&w, "cycle_start", d.buf);
		else
			json_kv_null(&w, "cycle_start");
		json_key(&w, "coverage");
		json_begin_object(&w);
		json_kv_int(&w, "clauses", (long long)cl);
		json_kv_int(&w, "clauses_audited", (long long)cl_ok);
		json_kv_int(&w, "controls", (long long)co);
		json_kv_int(&w, "controls_audited", (long long)co_ok);
		json_kv_int(&w, "overdue", (long long)overdue);
		json_end_object(&w);
		json_end_object(&w);
		json_release(&w);
		sbuf_release(&d);
	} else {
		struct detail *d = detail_new();
		struct sbuf sb = SBUF_INIT;
		const struct schema *s = programme_sch();
		for (size_t i = 0; g && i < s->nfields; i++) {
			const struct field *f = &s->fields[i];
			if (!rec_has_field(g, s, f))
				continue;
			sbuf_reset(&sb);
			if (f->type == FT_LIST) {
				const struct strlist *l = FIELD_PTR(g, f,
				    const struct strlist);
				for (size_t k = 0; k < l->n; k++)
					sbuf_addf(&sb, "%s%s", k ? "\n" : "",
					    l->v[k]);
			} else {
				recout_field_text(&sb, s, g, f);
			}
			detail_add(d, f->name, sb.buf);
		}
		if (!g)
			detail_add(d, "programme", "none yet: isms audit "
			    "programme set cycle_months=36");
		sbuf_reset(&sb);
		add_date(&sb, cov.start);
		detail_add(d, "cycle start", sb.len ? sb.buf :
		    "not started (no audits yet)");
		detail_addf(d, "clauses audited", "%zu of %zu within the cycle",
		    cl_ok, cl);
		detail_addf(d, "controls audited", "%zu of %zu applicable "
		    "within the cycle", co_ok, co);
		detail_addf(d, "overdue", "%zu", overdue);
		detail_render(d, fmt, &ctx->out);
		sbuf_release(&sb);
		detail_free(d);
	}
	coverage_release(&cov);
	project_free(p);
	return NULL;
}

/* The programme's fields, or a usage error naming them. */
static struct isms_error *programme_key(const char *pair, char **key,
    const char **value)
{
	const char *eq = strchr(pair, '=');
	if (!eq || eq == pair)
		return err_new(EXIT_USAGE, "'%s' is not KEY=VALUE", pair);
	*key = xstrndup(pair, (size_t)(eq - pair));
	for (char *k = *key; *k; k++)
		if (*k == '-')
			*k = '_';
	*value = eq + 1;
	if (schema_field(programme_sch(), *key))
		return NULL;
	struct isms_error *e = err_new(EXIT_USAGE, "programme has no field "
	    "'%s' (objectives, cycle_months, start, risks)", *key);
	free(*key);
	*key = NULL;
	return e;
}

static struct isms_error *check_cycle(const char *key, const char *value)
{
	long v;
	if (strcmp(key, "cycle_months") == 0 && *value &&
	    parse_int(value, &v) && (v < 1 || v > 1200))
		return err_new(EXIT_DATA, "cycle_months %ld is not between 1 "
		    "and 1200; nothing was written", v);
	return NULL;
}

static struct isms_error *programme_set(struct ctx *ctx)
{
	struct session s;
	struct isms_error *err = NULL;
	struct field_text *fields = NULL;
	size_t nf = 0;
	char *key = NULL;
	const char *value = "";

	if (ctx->args.npos < 2)
		return err_new(EXIT_USAGE, "usage: isms audit programme set "
		    "KEY=VALUE... (objectives, cycle_months, start, risks)");
	if ((err = session_begin_editing(&s, ctx->root, ctx->g->today,
	    1u << REG_AUDITS)))
		goto out;
	bool exists = yn_get(session_top(&s, REG_AUDITS), "programme") != NULL;
	for (size_t i = 1; i < ctx->args.npos && !err; i++) {
		if ((err = programme_key(ctx->args.pos[i], &key, &value)) ||
		    (err = check_cycle(key, value)))
			break;
		if (exists) {
			char *path = xasprintf("programme.%s", key);
			err = session_set_file(&s, REG_AUDITS, path,
			    *value ? value : NULL);
			free(path);
		} else if (*value) {
			err = fields_put(&fields, &nf, programme_sch(), key,
			    value);
		}
		free(key);
		key = NULL;
	}
	if (!err && !exists && nf) {
		struct sbuf text = SBUF_INIT;
		emit_record_flow(&text, programme_sch(), fields, nf);
		err = session_set_top(&s, REG_AUDITS, "programme", text.buf);
		sbuf_release(&text);
	}
	if (!err)
		err = session_commit(&s);
out:
	free(key);
	fields_release(fields, nf);
	session_end(&s);
	return err;
}

static struct isms_error *audit_programme(struct ctx *ctx)
{
	const char *sub = ctx->args.npos ? ctx->args.pos[0] : "show";
	if (strcmp(sub, "show") == 0 && ctx->args.npos <= 1)
		return programme_show(ctx);
	if (strcmp(sub, "set") == 0)
		return programme_set(ctx);
	return err_new(EXIT_USAGE, "usage: isms audit programme [show | set "
	    "KEY=VALUE...]");
}

/* Findings. */

static void due_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	add_date(out, finding_due(rec));
}

static void action_owner_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	const struct finding *f = rec;
	if (f->action && f->action->owner)
		sbuf_adds(out, f->action->owner);
}

static void state_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	sbuf_adds(out, finding_statuses[finding_status(rec)]);
	if (finding_is_overdue(p, rec))
		sbuf_adds(out, " (overdue)");
}

static void ref_titles(const struct project *p, const struct finding *f,
    struct sbuf *out)
{
	const char *ct, *kt;
	unsigned k = audit_ref_kind(p->catalog, f->ref, &ct, &kt);
	if (k & AUDIT_REF_CLAUSE)
		sbuf_addf(out, "clause %s %s", f->ref, ct);
	if (k & AUDIT_REF_CONTROL)
		sbuf_addf(out, "%scontrol %s %s", out->len ? "; " : "",
		    strncmp(f->ref, "A.", 2) == 0 ? f->ref + 2 : f->ref, kt);
}

static void finding_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	const struct finding *f = rec;
	const char *blocker = finding_status(f) == FS_OPEN ?
	    finding_close_blocker(f) : NULL;
	struct sbuf sb = SBUF_INIT;
	json_kv_bool(w, "overdue", finding_is_overdue(p, f));
	ref_titles(p, f, &sb);
	json_kv_string(w, "ref_title", sb.buf);
	json_kv_bool(w, "closable", finding_status(f) == FS_OPEN && !blocker);
	sbuf_release(&sb);
}

static void finding_show(const struct project *p, const void *rec,
    struct detail *d)
{
	const struct finding *f = rec;
	struct sbuf sb = SBUF_INIT;
	ref_titles(p, f, &sb);
	if (sb.len)
		detail_add(d, "ref title", sb.buf);
	if (finding_is_overdue(p, f))
		detail_add(d, "overdue", "yes: the corrective action is past due");
	const char *blocker = finding_close_blocker(f);
	if (finding_status(f) == FS_OPEN && blocker)
		detail_addf(d, "to close", "record %s first", blocker);
	sbuf_release(&sb);
}

static bool finding_filter(const struct ctx *ctx, const struct project *p,
    const void *rec)
{
	if (arg_flag(ctx, "open") && finding_status(rec) != FS_OPEN)
		return false;
	return !arg_flag(ctx, "overdue") || finding_is_overdue(p, rec);
}

static struct isms_error *ref_error(const struct project *p, const char *ref)
{
	return err_new(EXIT_DATA, "ref '%s' is neither a clause nor a control "
	    "of catalog %s; nothing was written", ref,
	    p->catalog ? catalog_name(p->catalog) : "(none)");
}

static struct isms_error *close_refused(const struct finding *f,
    const char *missing)
{
	return err_new(EXIT_DATA, "finding %s is a %s nonconformity and "
	    "cannot be closed without %s (10.2); record them with 'isms audit "
	    "finding set %s action.root_cause=... "
	    "action.corrective_action=...'; nothing was written", f->id,
	    finding_types[f->type], missing, f->id);
}

/* Closing through set meets the same rule as close; a new ref must name
 * a clause or a control. */
static struct isms_error *finding_set_check(struct ctx *ctx,
    struct session *s, const void *rec)
{
	const struct finding *f = rec;
	const char *ref = pair_value(ctx, "ref");
	const char *st = pair_value(ctx, "status");

	if (ref && *ref && !audit_ref_kind(s->p->catalog, ref, NULL, NULL))
		return ref_error(s->p, ref);
	if (!st || strcmp(st, "closed") != 0 || finding_status(f) == FS_CLOSED)
		return NULL;
	struct corrective_action given = { 0 };
	if (f->action)
		given = *f->action;
	const char *rc = pair_value(ctx, "action.root_cause");
	const char *ca = pair_value(ctx, "action.corrective_action");
	if (rc)
		given.root_cause = rc;
	if (ca)
		given.corrective_action = ca;
	struct finding probe = *f;
	probe.action = &given;
	const char *missing = finding_close_blocker(&probe);
	if (missing)
		return close_refused(f, missing);
	return date_today_unless_given(ctx, s, COL_FINDINGS, f, f->id, "closed");
}

static const struct column finding_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "audit", "audit", NULL, false, false },
	{ "type", "type", NULL, false, false },
	{ "ref", "ref", NULL, false, false },
	{ "status", NULL, state_cell, false, false },
	{ "raised", "raised", NULL, false, false },
	{ "due", NULL, due_cell, false, false },
	{ "owner", NULL, action_owner_cell, false, true },
	{ "statement", "statement", NULL, false, true },
};

static const struct view finding_view = {
	.coll = COL_FINDINGS,
	.cols = finding_cols,
	.ncols = ARRAY_SIZE(finding_cols),
	.json_extra = finding_json,
	.show_extra = finding_show,
	.filter = finding_filter,
	.set_check = finding_set_check,
};

static struct isms_error *finding_add(struct ctx *ctx)
{
	static const char *const required[] = { "audit", "type", "ref",
		"statement" };
	struct project *p = NULL;
	struct field_text *fields = NULL;
	size_t n = 0;
	char *id = NULL, today[11];
	struct isms_error *err = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(required); i++)
		if (!arg_get(ctx, required[i]))
			return err_new(EXIT_USAGE, "audit finding add: --%s is "
			    "required", required[i]);
	if (arg_flag(ctx, "status") || arg_flag(ctx, "closed"))
		return err_new(EXIT_USAGE, "audit finding add: a new finding is "
		    "open; close it with 'isms audit finding close'");
	if ((err = ctx_load(ctx, &p)))
		return err;
	if (!audit_ref_kind(p->catalog, arg_get(ctx, "ref"), NULL, NULL)) {
		err = ref_error(p, arg_get(ctx, "ref"));
		goto out;
	}
	if ((err = fields_from_opts(ctx, finding_sch(), &fields, &n)))
		goto out;
	fields_drop_id(fields, &n);
	date_format(ctx->g->today, today);
	if ((!arg_get(ctx, "raised") &&
	    (err = fields_put(&fields, &n, finding_sch(), "raised", today))) ||
	    (err = fields_put(&fields, &n, finding_sch(), "status", "open")))
		goto out;
	if ((err = rec_add_fields(ctx, COL_FINDINGS, fields, n, &id)))
		goto out;
	if (!ctx->g->quiet)
		sbuf_addf(&ctx->out, "%s\n", id);
out:
	free(id);
	fields_release(fields, n);
	project_free(p);
	return err;
}

static struct isms_error *finding_close(struct ctx *ctx)
{
	struct session s;
	struct isms_error *err;
	const char *id = ctx->args.pos[0];
	const char *who = arg_get(ctx, "verified-by");
	const char *eff = arg_get(ctx, "effectiveness");
	char date[11];
	long d = ctx->g->today;

	if (!who || !*who)
		return err_new(EXIT_USAGE, "audit finding close: --verified-by "
		    "is required");
	if ((err = check_date_opt("date", arg_get(ctx, "date"))))
		return err;
	if (arg_get(ctx, "date"))
		date_parse(arg_get(ctx, "date"), &d);
	date_format(d, date);
	if ((err = session_begin_editing(&s, ctx->root, ctx->g->today,
	    1u << REG_AUDITS)))
		goto out;
	const struct finding *f = project_find(s.p, COL_FINDINGS, id);
	if (!f) {
		err = err_new(EXIT_USAGE, "no finding with id '%s'", id);
		goto out;
	}
	if (finding_status(f) == FS_CLOSED) {
		err = err_new(EXIT_DATA, "finding %s is already closed", id);
		goto out;
	}
	const char *missing = finding_close_blocker(f);
	if (missing) {
		err = close_refused(f, missing);
		goto out;
	}
	/* Keys inside action first: the splice keeps insertions at one
	 * place in the order they are made, and closed follows action. */
	if (f->action) {
		if (!(err = session_set(&s, COL_FINDINGS, id,
		    "action.verified_by", who)) &&
		    !(err = session_set(&s, COL_FINDINGS, id,
		    "action.verified_on", date)) && eff)
			err = session_set(&s, COL_FINDINGS, id,
			    "action.effectiveness", eff);
	} else {
		struct sbuf map = SBUF_INIT;
		sbuf_adds(&map, "{verified_by: ");
		emit_string(&map, who);
		sbuf_addf(&map, ", verified_on: %s", date);
		if (eff) {
			sbuf_adds(&map, ", effectiveness: ");
			emit_string(&map, eff);
		}
		sbuf_addch(&map, '}');
		err = session_set(&s, COL_FINDINGS, id, "action", map.buf);
		sbuf_release(&map);
	}
	if (!err)
		err = session_set(&s, COL_FINDINGS, id, "status", "closed");
	if (!err)
		err = session_set(&s, COL_FINDINGS, id, "closed", date);
	if (!err)
		err = session_commit(&s);
out:
	session_end(&s);
	return err;
}

/* Sub-verbs of `audit finding`, each with the options it accepts (besides
 * the global ones) and whether --FIELD options are among them. */
struct subverb {
	const char *name;
	struct isms_error *(*run)(struct ctx *ctx);
	size_t min, max;        /* arguments after the sub-verb */
	bool fields;
	const char *opts[6];
};

static const struct subverb finding_subverbs[] = {
	{ "add", finding_add, 0, 0, true, { "id" } },
	{ "list", rec_list_verb, 0, 0, true, { "open", "overdue", "sort" } },
	{ "show", rec_show_verb, 1, 1, false, { NULL } },
	{ "set", rec_set_verb, 2, (size_t)-1, false, { NULL } },
	{ "close", finding_close, 1, 1, false, { "verified-by", "date",
	    "effectiveness" } },
	{ "rm", rec_rm_verb, 1, 1, false, { NULL } },
};

static struct isms_error *subverb_opts(const struct ctx *ctx,
    const struct subverb *sv)
{
	for (size_t i = 0; i < ctx->args.nopt; i++) {
		const char *name = ctx->args.opt[i].name;
		bool ok = opt_is_common(name) ||
		    (sv->fields && schema_field_arg(finding_sch(), name));
		for (size_t k = 0; !ok && k < ARRAY_SIZE(sv->opts) &&
		    sv->opts[k]; k++)
			ok = strcmp(sv->opts[k], name) == 0;
		if (!ok)
			return err_new(EXIT_USAGE, "audit finding %s: unknown "
			    "option '--%s'", sv->name, name);
	}
	return NULL;
}

static struct isms_error *audit_finding(struct ctx *ctx)
{
	const struct subverb *sv = NULL;
	const char *sub = ctx->args.pos[0];
	struct isms_error *err;

	for (size_t i = 0; i < ARRAY_SIZE(finding_subverbs); i++)
		if (strcmp(finding_subverbs[i].name, sub) == 0)
			sv = &finding_subverbs[i];
	if (!sv)
		return err_new(EXIT_USAGE, "audit finding: no verb '%s' (add, "
		    "list, show, set, close, rm)", sub);
	if ((err = subverb_opts(ctx, sv)))
		return err;
	ctx->args.pos++;
	ctx->args.npos--;
	if (ctx->args.npos < sv->min || ctx->args.npos > sv->max)
		err = err_new(EXIT_USAGE, "audit finding %s: wrong number of "
		    "arguments; see 'isms help audit finding'", sv->name);
	else
		err = sv->run(ctx);
	ctx->args.pos--;
	ctx->args.npos++;
	return err;
}

static const struct optspec plan_opts[] = {
	{ "scope", OPT_ARG | OPT_MULTI,
	    "clauses=LIST or controls=LIST (4-10, 5.15,8.8; repeatable)" },
	{ "date", OPT_ARG, "planned date (YYYY-MM-DD)" },
	{ "id", OPT_ARG, "id instead of the next AU- number" },
	{ NULL, 0, NULL },
};

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ "overdue", 0, "only audits still planned after their date" },
	{ NULL, 0, NULL },
};

static const struct optspec coverage_opts[] = {
	{ "gaps", 0, "only what is not audited within the cycle" },
	{ NULL, 0, NULL },
};

static const struct optspec finding_opts[] = {
	LIST_OPTS,
	{ "open", 0, "list: only open findings" },
	{ "overdue", 0, "list: only open findings whose action is past due" },
	{ "verified-by", OPT_ARG, "close: who verified the corrective action" },
	{ "date", OPT_ARG, "close: date of closing and verification (today)" },
	{ "effectiveness", OPT_ARG, "close: result of the effectiveness review" },
	{ "id", OPT_ARG, "add: id instead of the next F- number" },
	{ NULL, 0, NULL },
};

static const struct verb audit_verbs[] = {
	{ "plan", "--title T --scope clauses=LIST [--scope controls=LIST] "
	    "--date D [--lead L] [--auditors A,B] [--criteria C]",
	    "plan an audit (status planned); prints its id", plan_opts,
	    audit_plan, VERB_FIELDS, 0, -1, COL_AUDITS, NULL },
	{ "list", "[--status S] [--overdue] [--lead L] [--sort KEY]",
	    "list audits with their scope and findings", list_opts, rec_list_verb,
	    VERB_FIELDS, 0, 0, COL_AUDITS, &audit_view },
	{ "show", "ID", "one audit, its scope expanded and its findings", NULL,
	    rec_show_verb, 0, 1, 1, COL_AUDITS, &audit_view },
	{ "set", "ID KEY=VALUE...", "change fields; status only moves forwards "
	    "(planned, in-progress, reported, closed)", NULL, rec_set_verb, 0, 2,
	    -1, COL_AUDITS, &audit_view },
	{ "rm", "ID", "remove an audit no finding references", NULL, rec_rm_verb,
	    0, 1, 1, COL_AUDITS, &audit_view },
	{ "checklist", "ID [--format text|md|csv|html|json]",
	    "the auditor's working document for an audit (ISO 19011 6.3.4)",
	    NULL, audit_checklist_verb, 0, 1, 1, COL_AUDITS, NULL },
	{ "coverage", "[--gaps] [--format text|json|csv|md]",
	    "when each clause and applicable control was last audited",
	    coverage_opts, audit_coverage_verb, 0, 0, 0, COL_AUDITS, NULL },
	{ "programme", "[show | set KEY=VALUE...]",
	    "the audit programme: objectives, cycle_months, start, risks", NULL,
	    audit_programme, 0, 0, -1, COL_AUDITS, NULL },
	{ "finding", "add --audit AU --type T --ref REF --statement S "
	    "[--evidence E] [--raised D] | list [--open] [--type T] [--audit AU] "
	    "[--overdue] | show ID | set ID KEY=VALUE... | close ID "
	    "--verified-by WHO [--date D] | rm ID",
	    "findings and corrective actions (10.2)", finding_opts,
	    audit_finding, VERB_FIELDS, 1, -1, COL_FINDINGS, &finding_view },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_audit = {
	.name = "audit",
	.summary = "audit programme, audits, findings (9.2, 10.2)",
	.flags = CMD_PROJECT,
	.verbs = audit_verbs,
};
