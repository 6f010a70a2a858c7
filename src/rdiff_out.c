/*
 * Rendering a semantic diff as text, Markdown (a pull-request comment) and
 * JSON.
 *
 * The three formats carry the same facts in the same order: a summary of
 * counts, the risk posture (score and level changes per view, appetite
 * crossings), SoA decisions, findings opened and closed, then each
 * register's records.  Tables go through output.c, so text is aligned and
 * Markdown cells are escaped like every other table isms prints; free text
 * in Markdown goes through md_escape().
 */
#include "isms/rdiff.h"

#include <string.h>

#include "isms/json.h"

struct style {
	enum out_format fmt;
	const char *none;   /* an absent value */
	const char *arrow;
};

static void summary(const struct rdiff *d, struct sbuf *out, const char *sep)
{
	sbuf_addf(out, "%zu added, %zu removed, %zu changed", d->added,
	    d->removed, d->changed);
	sbuf_addf(out, "%s%zu risk%s re-scored, %zu crossed the appetite", sep,
	    d->nrisks, d->nrisks == 1 ? "" : "s", d->crossed);
	sbuf_addf(out, "%s%zu SoA decision%s changed", sep, d->nsoa,
	    d->nsoa == 1 ? "" : "s");
	sbuf_addf(out, "%s%zu finding%s opened, %zu closed", sep, d->opened,
	    d->opened == 1 ? "" : "s", d->closed);
}

static void score_cell(struct table *t, const struct rd_score *s,
    const struct style *st)
{
	char buf[32];
	if (!s->present)
		table_cell(t, st->none);
	else if (!s->scored)
		table_cell(t, "unrated");
	else
		table_cellf(t, "%s %s", fmt_num(s->score, buf), s->level);
}

static const char *appetite_text(const struct rd_risk *r, int v)
{
	if (r->crossed[v] > 0)
		return "now above";
	if (r->crossed[v] < 0)
		return "back within";
	return r->after[v].above ? "above" : "";
}

static void posture_table(const struct rdiff *d, const struct style *st,
    struct sbuf *out)
{
	struct table *t = table_new();
	struct table_opts opts = { 40 };
	table_add_col(t, "risk", ALIGN_LEFT, 0);
	table_add_col(t, "title", ALIGN_LEFT, TABLE_TRUNCATE);
	table_add_col(t, "view", ALIGN_LEFT, 0);
	table_add_col(t, "before", ALIGN_LEFT, 0);
	table_add_col(t, "after", ALIGN_LEFT, 0);
	table_add_col(t, "appetite", ALIGN_LEFT, 0);
	for (size_t i = 0; i < d->nrisks; i++) {
		const struct rd_risk *r = &d->risks[i];
		for (int v = 0; v < RDV_COUNT; v++) {
			if (!r->changed[v])
				continue;
			table_row(t);
			table_cell(t, r->id);
			table_cell(t, r->title);
			table_cell(t, rd_view_names[v]);
			score_cell(t, &r->before[v], st);
			score_cell(t, &r->after[v], st);
			table_cell(t, appetite_text(r, v));
		}
	}
	table_render(t, st->fmt, &opts, out);
	table_free(t);
}

static void change_cell(struct table *t, const char *before,
    const char *after, const struct style *st)
{
	if (str_cmp_null(before, after) == 0)
		table_cell(t, before ? before : "");
	else
		table_cellf(t, "%s %s %s", before ? before : st->none,
		    st->arrow, after ? after : st->none);
}

static void soa_table(const struct rdiff *d, const struct style *st,
    struct sbuf *out)
{
	struct table *t = table_new();
	table_add_col(t, "control", ALIGN_LEFT, 0);
	table_add_col(t, "applicable", ALIGN_LEFT, 0);
	table_add_col(t, "status", ALIGN_LEFT, 0);
	for (size_t i = 0; i < d->nsoa; i++) {
		const struct rd_soa *s = &d->soa[i];
		table_row(t);
		table_cell(t, s->id);
		change_cell(t, s->applicable_before, s->applicable_after, st);
		change_cell(t, s->status_before, s->status_after, st);
	}
	table_render(t, st->fmt, NULL, out);
	table_free(t);
}

static const char *kind_word(enum rd_kind k)
{
	return k == RD_ADDED ? "added" : k == RD_REMOVED ? "removed" :
	    "changed";
}

/* Text: one line per finding. */
static void findings_text(const struct rdiff *d, struct sbuf *out)
{
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct rd_finding *f = &d->findings[i];
		sbuf_addf(out, "  %s %s", f->id, f->opened ? "opened" : "closed");
		if (f->opened)
			sbuf_addf(out, " (%s%s%s)", f->type ? f->type : "?",
			    f->ref ? ", " : "", f->ref ? f->ref : "");
		if (f->opened && f->statement)
			sbuf_addf(out, ": %s", f->statement);
		sbuf_addch(out, '\n');
	}
}

/* Text: a value on one line, whatever it holds; "" for an empty one. */
static void one_line(struct sbuf *out, const char *s)
{
	if (!*s)
		sbuf_adds(out, "\"\"");
	for (; *s; s++)
		sbuf_addch(out, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

static void records_text(const struct rdiff *d, struct sbuf *out)
{
	int file = -1;
	static const char marks[] = { '+', '-', '~' };
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct rd_record *r = &d->recs[i];
		if ((int)r->file != file) {
			file = (int)r->file;
			sbuf_addf(out, "\n%s:\n", reg_defs[file].file);
		}
		if (r->coll < 0)
			sbuf_adds(out, "  ~ (top-level keys)");
		else
			sbuf_addf(out, "  %c %s %s", marks[r->kind],
			    coll_defs[r->coll].noun, r->id);
		if (r->label) {
			sbuf_adds(out, "  ");
			one_line(out, r->label);
		}
		sbuf_addch(out, '\n');
		for (size_t k = 0; k < r->nfields; k++) {
			const struct rd_field *f = &r->fields[k];
			sbuf_addf(out, "      %s: ", f->name);
			one_line(out, f->before ? f->before : "-");
			sbuf_adds(out, " -> ");
			one_line(out, f->after ? f->after : "-");
			sbuf_addch(out, '\n');
		}
	}
}

static void warnings_text(const struct rdiff *d, const char *from,
    const char *to, struct sbuf *out)
{
	if (d->problem_from)
		sbuf_addf(out, "warning: %s does not load cleanly: %s\n", from,
		    d->problem_from);
	if (d->problem_to)
		sbuf_addf(out, "warning: %s does not load cleanly: %s\n", to,
		    d->problem_to);
}

static void render_text(const struct rdiff *d, const char *from,
    const char *to, struct sbuf *out)
{
	const struct style st = { FMT_TEXT, "-", "->" };
	sbuf_addf(out, "isms diff %s..%s\n", from, to);
	warnings_text(d, from, to, out);
	if (rdiff_empty(d)) {
		sbuf_adds(out, "no changes\n");
		return;
	}
	summary(d, out, "; ");
	sbuf_addch(out, '\n');
	if (d->nrisks) {
		sbuf_adds(out, "\nRisk posture:\n");
		posture_table(d, &st, out);
	}
	if (d->nsoa) {
		sbuf_adds(out, "\nSoA decisions:\n");
		soa_table(d, &st, out);
	}
	if (d->nfindings) {
		sbuf_adds(out, "\nFindings:\n");
		findings_text(d, out);
	}
	records_text(d, out);
}

/* Markdown: inline code would need its own escaping; ids are escaped
 * text in bold instead, which GitHub renders as plainly. */
static void md_value(struct sbuf *out, const char *s)
{
	if (!s) {
		sbuf_adds(out, "—");
		return;
	}
	md_escape(out, *s ? s : "\"\"");
}

static void records_md(const struct rdiff *d, struct sbuf *out)
{
	int file = -1;
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct rd_record *r = &d->recs[i];
		if ((int)r->file != file) {
			file = (int)r->file;
			sbuf_adds(out, "\n### ");
			md_escape(out, reg_defs[file].file);
			sbuf_adds(out, "\n\n");
		}
		if (r->coll < 0) {
			sbuf_adds(out, "- **Changed** top-level keys\n");
		} else {
			sbuf_addf(out, "- **%s** %s **", r->kind == RD_ADDED ?
			    "Added" : r->kind == RD_REMOVED ? "Removed" :
			    "Changed", coll_defs[r->coll].noun);
			md_escape(out, r->id);
			sbuf_adds(out, "**");
			if (r->label) {
				sbuf_adds(out, " ");
				md_escape(out, r->label);
			}
			sbuf_addch(out, '\n');
		}
		for (size_t k = 0; k < r->nfields; k++) {
			const struct rd_field *f = &r->fields[k];
			sbuf_adds(out, "  - ");
			md_escape(out, f->name);
			sbuf_adds(out, ": ");
			md_value(out, f->before);
			sbuf_adds(out, " → ");
			md_value(out, f->after);
			sbuf_addch(out, '\n');
		}
	}
}

static void findings_md(const struct rdiff *d, struct sbuf *out)
{
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct rd_finding *f = &d->findings[i];
		sbuf_addf(out, "- **%s** ", f->opened ? "Opened" : "Closed");
		md_escape(out, f->id);
		if (f->opened) {
			sbuf_adds(out, " (");
			md_escape(out, f->type ? f->type : "?");
			if (f->ref) {
				sbuf_adds(out, ", ");
				md_escape(out, f->ref);
			}
			sbuf_adds(out, ")");
			if (f->statement) {
				sbuf_adds(out, ": ");
				md_escape(out, f->statement);
			}
		}
		sbuf_addch(out, '\n');
	}
}

static void render_md(const struct rdiff *d, const char *from,
    const char *to, struct sbuf *out)
{
	const struct style st = { FMT_MD, "—", "→" };
	sbuf_adds(out, "## ISMS changes: ");
	md_escape(out, from);
	sbuf_adds(out, " → ");
	md_escape(out, to);
	sbuf_adds(out, "\n\n");
	const char *side[2] = { from, to };
	const char *msg[2] = { d->problem_from, d->problem_to };
	for (int i = 0; i < 2; i++) {
		if (!msg[i])
			continue;
		sbuf_adds(out, "> **Warning:** ");
		md_escape(out, side[i]);
		sbuf_adds(out, " does not load cleanly: ");
		md_escape(out, msg[i]);
		sbuf_adds(out, "\n\n");
	}
	if (rdiff_empty(d)) {
		sbuf_adds(out, "No changes.\n");
		return;
	}
	sbuf_adds(out, "**");
	summary(d, out, "** · **");
	sbuf_adds(out, "**\n");
	if (d->nrisks) {
		sbuf_adds(out, "\n### Risk posture\n\n");
		posture_table(d, &st, out);
	}
	if (d->nsoa) {
		sbuf_adds(out, "\n### SoA decisions\n\n");
		soa_table(d, &st, out);
	}
	if (d->nfindings) {
		sbuf_adds(out, "\n### Findings\n\n");
		findings_md(d, out);
	}
	records_md(d, out);
}

static void json_score(struct json_writer *w, const char *key,
    const struct rd_score *s)
{
	json_key(w, key);
	if (!s->present) {
		json_null(w);
		return;
	}
	json_begin_object(w);
	if (s->scored) {
		json_kv_number(w, "score", s->score);
		json_kv_string(w, "level", s->level);
	} else {
		json_kv_null(w, "score");
		json_kv_null(w, "level");
	}
	json_kv_bool(w, "above_appetite", s->above);
	json_end_object(w);
}

/* A decision value: true/false as booleans, other text as is. */
static void json_decision(struct json_writer *w, const char *key,
    const char *v)
{
	json_key(w, key);
	if (!v)
		json_null(w);
	else if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)
		json_bool(w, v[0] == 't');
	else
		json_string(w, v);
}

static void json_change(struct json_writer *w, const char *key,
    const char *before, const char *after, bool decision)
{
	json_key(w, key);
	json_begin_object(w);
	if (decision) {
		json_decision(w, "before", before);
		json_decision(w, "after", after);
	} else {
		json_kv_string(w, "before", before);
		json_kv_string(w, "after", after);
	}
	json_end_object(w);
}

static void json_risks(struct json_writer *w, const struct rdiff *d)
{
	json_key(w, "risks");
	json_begin_array(w);
	for (size_t i = 0; i < d->nrisks; i++) {
		const struct rd_risk *r = &d->risks[i];
		json_begin_object(w);
		json_kv_string(w, "id", r->id);
		json_kv_string(w, "title", r->title);
		json_kv_string(w, "change", kind_word(r->kind));
		for (int v = 0; v < RDV_COUNT; v++) {
			json_key(w, rd_view_names[v]);
			json_begin_object(w);
			json_kv_bool(w, "changed", r->changed[v]);
			json_score(w, "before", &r->before[v]);
			json_score(w, "after", &r->after[v]);
			if (r->crossed[v])
				json_kv_string(w, "crossed_appetite",
				    r->crossed[v] > 0 ? "above" : "within");
			else
				json_kv_null(w, "crossed_appetite");
			json_end_object(w);
		}
		json_end_object(w);
	}
	json_end_array(w);
}

static void json_records(struct json_writer *w, const struct rdiff *d)
{
	json_key(w, "records");
	json_begin_array(w);
	for (size_t i = 0; i < d->nrecs; i++) {
		const struct rd_record *r = &d->recs[i];
		json_begin_object(w);
		json_kv_string(w, "file", reg_defs[r->file].file);
		json_kv_string(w, "collection", r->coll < 0 ? NULL :
		    coll_defs[r->coll].name);
		json_kv_string(w, "id", r->id);
		json_kv_string(w, "change", kind_word(r->kind));
		json_kv_string(w, "label", r->label);
		json_key(w, "fields");
		json_begin_array(w);
		for (size_t k = 0; k < r->nfields; k++) {
			json_begin_object(w);
			json_kv_string(w, "field", r->fields[k].name);
			json_kv_string(w, "before", r->fields[k].before);
			json_kv_string(w, "after", r->fields[k].after);
			json_end_object(w);
		}
		json_end_array(w);
		json_end_object(w);
	}
	json_end_array(w);
}

static void render_json(const struct rdiff *d, const char *from,
    const char *to, struct sbuf *out)
{
	struct json_writer w;
	json_init(&w, out, true);
	json_begin_object(&w);
	json_kv_string(&w, "from", from);
	json_kv_string(&w, "to", to);
	json_key(&w, "problems");
	json_begin_object(&w);
	json_kv_string(&w, "from", d->problem_from);
	json_kv_string(&w, "to", d->problem_to);
	json_end_object(&w);
	json_key(&w, "summary");
	json_begin_object(&w);
	json_kv_int(&w, "added", (long long)d->added);
	json_kv_int(&w, "removed", (long long)d->removed);
	json_kv_int(&w, "changed", (long long)d->changed);
	json_kv_int(&w, "risks_rescored", (long long)d->nrisks);
	json_kv_int(&w, "crossed_appetite", (long long)d->crossed);
	json_kv_int(&w, "soa_changed", (long long)d->nsoa);
	json_kv_int(&w, "findings_opened", (long long)d->opened);
	json_kv_int(&w, "findings_closed", (long long)d->closed);
	json_end_object(&w);
	json_risks(&w, d);
	json_key(&w, "soa");
	json_begin_array(&w);
	for (size_t i = 0; i < d->nsoa; i++) {
		const struct rd_soa *s = &d->soa[i];
		json_begin_object(&w);
		json_kv_string(&w, "id", s->id);
		json_kv_string(&w, "change", kind_word(s->kind));
		json_change(&w, "applicable", s->applicable_before,
		    s->applicable_after, true);
		json_change(&w, "status", s->status_before, s->status_after,
		    false);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "findings");
	json_begin_array(&w);
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct rd_finding *f = &d->findings[i];
		json_begin_object(&w);
		json_kv_string(&w, "id", f->id);
		json_kv_string(&w, "event", f->opened ? "opened" : "closed");
		json_kv_string(&w, "type", f->type);
		json_kv_string(&w, "ref", f->ref);
		json_kv_string(&w, "statement", f->statement);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_records(&w, d);
	json_end_object(&w);
	json_release(&w);
}

void rdiff_render(const struct rdiff *d, enum out_format fmt,
    const char *from, const char *to, struct sbuf *out)
{
	if (fmt == FMT_JSON)
		render_json(d, from, to, out);
	else if (fmt == FMT_MD)
		render_md(d, from, to, out);
	else
		render_text(d, from, to, out);
}
