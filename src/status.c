/*
 * The status figures (see status.h): one pass over each register, then
 * two renderers, text for a terminal and JSON for dashboards.
 *
 * Optional dates are judged only when present (rec_has), never by their
 * zero value, so a treatment without a due date is never "overdue".  The
 * text renderer lays out its tables with the shared table code and only
 * then colours whole lines, so escape sequences never upset the
 * alignment; user text outside the tables is shown with control
 * characters blanked, as the tables do.
 */
#include "isms/status.h"

#include <stdlib.h>
#include <string.h>

#include "isms/audit.h"
#include "isms/catalog.h"
#include "isms/date.h"
#include "isms/json.h"
#include "isms/method.h"
#include "isms/output.h"
#include "isms/soa.h"

static const struct schema *schema_of(enum collection c)
{
	return coll_defs[c].schema;
}

/* The schema of a nested record field (actions, action). */
static const struct schema *sub_schema(enum collection c, const char *field)
{
	return schema_field(schema_of(c), field)->sub;
}

static bool before_today(const struct project *p, long date)
{
	return date < p->today;
}

bool status_treatment_open(const struct treatment *t)
{
	return treatment_live(t) && !treatment_in_effect(t);
}

bool status_treatment_overdue(const struct project *p,
    const struct treatment *t)
{
	return status_treatment_open(t) &&
	    rec_has(t, schema_of(COL_TREATMENTS), "due") &&
	    before_today(p, t->due);
}

static bool action_open(const struct treatment *t, const struct action *act)
{
	return treatment_live(t) && !act->done;
}

bool status_action_overdue(const struct project *p,
    const struct treatment *t, const struct action *act)
{
	return action_open(t, act) &&
	    rec_has(act, sub_schema(COL_TREATMENTS, "actions"), "due") &&
	    before_today(p, act->due);
}

bool status_acceptance_dated(const struct treatment *t)
{
	const struct schema *ts = schema_of(COL_TREATMENTS);
	return treatment_live(t) && rec_has(t, ts, "option") &&
	    t->option == OPT_RETAIN && rec_has(t, ts, "expires");
}

bool status_acceptance_expired(const struct project *p,
    const struct treatment *t)
{
	return status_acceptance_dated(t) && before_today(p, t->expires);
}

const char *status_due_kind_name(enum status_due_kind k)
{
	static const char *const names[DUE_PDCA + 1] = {
		[DUE_TREATMENT] = "treatment",
		[DUE_ACTION] = "action",
		[DUE_CORRECTIVE] = "corrective-action",
		[DUE_REVIEW] = "review",
		[DUE_ACCEPTANCE] = "acceptance",
		[DUE_AUDIT] = "audit",
		[DUE_PDCA] = "pdca",
	};
	return names[k];
}

const char *status_due_name(const struct status_due *d)
{
	return d->kind == DUE_PDCA ? pdca_due_kind_name(d->pdca_kind) :
	    status_due_kind_name(d->kind);
}

/* Dated items on or after today, gathered before sorting. */
struct due_list {
	struct status_due *v;
	size_t n, cap;
};

/* The item added, or NULL when its date is before today. */
static struct status_due *due_add(const struct project *p,
    struct due_list *l, long date, enum status_due_kind kind, const char *id,
    const char *text, const char *owner)
{
	if (before_today(p, date))
		return NULL;
	GROW(l->v, l->cap, l->n + 1);
	l->v[l->n] = (struct status_due){ date, kind, 0, id, text, owner };
	return &l->v[l->n++];
}

static int due_cmp(const void *x, const void *y)
{
	const struct status_due *a = x, *b = y;
	int c;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->pdca_kind != b->pdca_kind)
		return a->pdca_kind < b->pdca_kind ? -1 : 1;
	if ((c = id_cmp(a->id ? a->id : "", b->id ? b->id : "")))
		return c;
	return str_cmp_null(a->text, b->text);
}

static void count_risks(const struct project *p, const struct assessment *a,
    struct status *s, struct due_list *due)
{
	const struct method *m = p->method;
	const struct schema *rs = schema_of(COL_RISKS);

	s->risks = a->nrisks;
	s->nlevels = m ? method_level_count(m) : 0;
	s->levels = xcalloc(s->nlevels + 1, sizeof(*s->levels));
	for (size_t l = 0; l < s->nlevels; l++)
		s->levels[l].name = method_level_name(m, l);
	if (m) {
		s->preset = method_preset_of(m);
		s->appetite = method_level_name(m, method_appetite(m));
	}
	for (size_t i = 0; i < a->nrisks; i++) {
		const struct risk_eval *e = &a->risks[i];
		const struct view_score *views[3] = { &e->inherent, &e->residual,
			&e->current };
		size_t *unscored[3] = { &s->unscored.inherent,
			&s->unscored.residual, &s->unscored.current };
		size_t *above[3] = { &s->above_appetite.inherent,
			&s->above_appetite.residual, &s->above_appetite.current };
		for (int v = 0; v < 3; v++) {
			if (!views[v]->scored || views[v]->level >= s->nlevels) {
				(*unscored[v])++;
				continue;
			}
			struct status_level *lv = &s->levels[views[v]->level];
			*(v == 0 ? &lv->inherent : v == 1 ? &lv->residual :
			    &lv->current) += 1;
			if (method_above_appetite(m, views[v]->level))
				(*above[v])++;
		}
		if (e->has_ale) {
			s->has_ale = true;
			s->ale += e->ale;
		}
		const struct risk *r = e->risk;
		if (rec_has(r, rs, "review")) {
			if (before_today(p, r->review))
				s->reviews_overdue++;
			due_add(p, due, r->review, DUE_REVIEW, r->id, r->title,
			    r->owner);
		}
	}
}

static void count_treatments(const struct project *p, struct status *s,
    struct due_list *due)
{
	const struct reclist *tl = &p->treatments->treatments;
	const struct schema *ts = schema_of(COL_TREATMENTS);
	const struct schema *as = sub_schema(COL_TREATMENTS, "actions");

	for (size_t i = 0; i < tl->n; i++) {
		const struct treatment *t = tl->v[i];
		s->treatments.total++;
		const struct risk *r = t->risk ?
		    project_find(p, COL_RISKS, t->risk) : NULL;
		const char *what = r && r->title ? r->title : t->risk;
		if (status_treatment_open(t)) {
			s->treatments.open++;
			if (rec_has(t, ts, "due"))
				due_add(p, due, t->due, DUE_TREATMENT, t->id, what,
				    t->owner);
		}
		if (status_treatment_overdue(p, t))
			s->treatments.overdue++;
		if (status_acceptance_dated(t)) {
			if (status_acceptance_expired(p, t))
				s->acceptances_expired++;
			due_add(p, due, t->expires, DUE_ACCEPTANCE, t->id, what,
			    t->approved_by);
		}
		for (size_t k = 0; k < t->actions.n; k++) {
			const struct action *act = t->actions.v[k];
			s->actions.total++;
			if (!action_open(t, act))
				continue;
			s->actions.open++;
			if (status_action_overdue(p, t, act))
				s->actions.overdue++;
			if (rec_has(act, as, "due"))
				due_add(p, due, act->due, DUE_ACTION, t->id,
				    act->text, act->owner);
		}
	}
}

static unsigned pct(size_t num, size_t den)
{
	if (!den)
		return 0;
	size_t v = num * 100 / den;
	return v > 100 ? 100 : (unsigned)v;
}

/* Applicable controls by status as the soa module counts them, into the
 * four figures status shows: a control without a status is not started. */
static void split_status(const size_t *by_status, size_t no_status,
    size_t *implemented, size_t *partial, size_t *planned,
    size_t *not_started)
{
	*implemented = by_status[SOA_IMPLEMENTED];
	*partial = by_status[SOA_PARTIAL];
	*planned = by_status[SOA_PLANNED];
	*not_started = by_status[SOA_NOT_STARTED] + no_status;
}

/* The SoA figures are soa_summarize()'s, over the catalog's controls;
 * status adds only the count of records and the whole percentages. */
static void count_soa(const struct project *p, struct status_soa *soa)
{
	struct soa_summary sum;

	soa_summarize(p, &sum);
	soa->catalog_controls = sum.catalog;
	soa->controls = p->soa->controls.n;
	soa->decided = sum.decided;
	soa->applicable = sum.applicable;
	soa->excluded = sum.excluded;
	split_status(sum.by_status, sum.no_status, &soa->implemented,
	    &soa->partial, &soa->planned, &soa->not_started);
	soa->nthemes = sum.nthemes;
	soa->themes = xcalloc(sum.nthemes + 1, sizeof(*soa->themes));
	for (size_t i = 0; i < sum.nthemes; i++) {
		const struct soa_theme_figures *f = &sum.themes[i];
		struct status_theme *th = &soa->themes[i];
		th->name = f->theme;
		th->applicable = f->applicable;
		split_status(f->by_status, f->no_status, &th->implemented,
		    &th->partial, &th->planned, &th->not_started);
	}
	soa->decided_pct = pct(soa->decided, soa->catalog_controls);
	soa->applicable_pct = pct(soa->applicable, soa->decided);
	soa->implemented_pct = pct(soa->implemented, soa->applicable);
	soa_summary_release(&sum);
}

/* The audit figures, judged by the audit module (audit.h) as the audit
 * commands and check judge them. */
static void count_audits(const struct project *p, struct status *s,
    struct due_list *due)
{
	const struct reclist *al = &p->audits->audits;
	const struct reclist *fl = &p->audits->findings;
	const struct schema *fs = schema_of(COL_FINDINGS);

	s->audits = al->n;
	for (size_t i = 0; i < al->n; i++) {
		const struct audit *au = al->v[i];
		int st = audit_status(au);
		s->audits_by_status[st]++;
		if (st == AU_PLANNED && rec_has(au, schema_of(COL_AUDITS),
		    "planned"))
			due_add(p, due, au->planned, DUE_AUDIT, au->id, au->title,
			    au->lead);
	}
	s->findings = fl->n;
	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *f = fl->v[i];
		if (!rec_has(f, fs, "type"))
			continue;
		s->findings_by_type[f->type]++;
		if (finding_status(f) == FS_OPEN)
			s->open_by_type[f->type]++;
	}
	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *f = fl->v[i];
		if (!f->action)
			continue;
		s->corrective.total++;
		if (!finding_action_open(f))
			continue;
		s->corrective.open++;
		if (finding_is_overdue(p, f))
			s->corrective.overdue++;
		if (finding_due(f) != DATE_NONE)
			due_add(p, due, finding_due(f), DUE_CORRECTIVE, f->id,
			    f->action->corrective_action ?
			    f->action->corrective_action : f->statement,
			    f->action->owner);
	}
}

/* The PDCA registers' figures and dated work, judged by the pdca module
 * (pdca.h); its due items join the others in one list. */
static void count_pdca(const struct project *p, struct status *s,
    struct due_list *due)
{
	struct pdca_due *v = NULL;
	size_t n = pdca_due_items(p, p->today, &v);

	pdca_summarise(p, &s->pdca);
	for (size_t i = 0; i < n; i++) {
		struct status_due *item = due_add(p, due, v[i].date, DUE_PDCA,
		    v[i].id, v[i].text, v[i].owner);
		if (item)
			item->pdca_kind = v[i].kind;
	}
	free(v);
}

void status_compute(const struct project *p, const struct assessment *a,
    const struct diags *problems, struct status *s)
{
	struct due_list due = { NULL, 0, 0 };

	memset(s, 0, sizeof(*s));
	s->organization = p->config->organization;
	s->today = p->today;
	count_risks(p, a, s, &due);
	count_treatments(p, s, &due);
	count_soa(p, &s->soa);
	count_audits(p, s, &due);
	count_pdca(p, s, &due);
	if (problems) {
		s->errors = diags_count(problems, SEV_ERROR);
		s->warnings = diags_count(problems, SEV_WARNING);
	}
	if (due.n)
		qsort(due.v, due.n, sizeof(*due.v), due_cmp);
	for (size_t i = 0; i < due.n && s->nnext < STATUS_NEXT_DUE; i++)
		s->next[s->nnext++] = due.v[i];
	free(due.v);
}

void status_release(struct status *s)
{
	free(s->levels);
	free(s->soa.themes);
	memset(s, 0, sizeof(*s));
}

/* Text. */

/* User text on a terminal: control characters (C0, DEL, C1) blanked so
 * data cannot drive the terminal, as the table renderer does. */
static void term_text(struct sbuf *out, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t len = out_utf8_decode(s + i, n - i, &cp);
		if (!len) {
			sbuf_adds(out, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			sbuf_addch(out, ' ');
		else
			sbuf_add(out, s + i, len);
		i += len;
	}
}

#define C_RED "\033[31m"
#define C_BOLD_RED "\033[1;31m"
#define C_YELLOW "\033[33m"
#define C_GREEN "\033[32m"
#define C_DIM "\033[2m"
#define C_BOLD "\033[1m"
#define C_RESET "\033[0m"

unsigned status_level_tone(size_t level, size_t nlevels)
{
	if (nlevels <= 1)
		return 0;
	if (level >= nlevels)
		level = nlevels - 1;
	/* Rounded to the nearest tone, so that with four levels the third
	 * (high) is orange rather than yellow. */
	return (unsigned)((level * 8 + (nlevels - 1)) / (2 * (nlevels - 1)));
}

static const char *level_color(size_t level, size_t nlevels)
{
	static const char *const tones[] = { C_GREEN, C_GREEN, C_YELLOW, C_RED,
		C_BOLD_RED };
	return tones[status_level_tone(level, nlevels)];
}

/* Appends table text line by line, each in the colour colors[i] gives
 * (NULL: plain); line 0 is the header. */
static void colored_lines(struct sbuf *out, const char *text,
    const char *const *colors, size_t ncolors)
{
	size_t line = 0;
	while (*text) {
		size_t n = strcspn(text, "\n");
		const char *c = line < ncolors ? colors[line] : NULL;
		if (c)
			sbuf_adds(out, c);
		sbuf_add(out, text, n);
		if (c)
			sbuf_adds(out, C_RESET);
		sbuf_addch(out, '\n');
		text += n + (text[n] == '\n');
		line++;
	}
}

static bool any_unscored(const struct status *s)
{
	return s->unscored.inherent || s->unscored.residual ||
	    s->unscored.current;
}

static void level_row(struct table *t, const char *name, size_t inh,
    size_t res, size_t cur)
{
	table_row(t);
	table_cell(t, name);
	table_cellf(t, "%zu", inh);
	table_cellf(t, "%zu", res);
	table_cellf(t, "%zu", cur);
}

struct table *status_level_table(const struct status *s,
    const char *const heads[4])
{
	struct table *t = table_new();
	table_add_col(t, heads[0], ALIGN_LEFT, 0);
	for (int v = 1; v < 4; v++)
		table_add_col(t, heads[v], ALIGN_RIGHT, 0);
	for (size_t l = s->nlevels; l-- > 0;) {
		const struct status_level *lv = &s->levels[l];
		level_row(t, lv->name, lv->inherent, lv->residual, lv->current);
	}
	if (any_unscored(s))
		level_row(t, "unscored", s->unscored.inherent,
		    s->unscored.residual, s->unscored.current);
	level_row(t, "above appetite", s->above_appetite.inherent,
	    s->above_appetite.residual, s->above_appetite.current);
	return t;
}

static void text_risks(const struct status *s, bool color, struct sbuf *out)
{
	static const char *const heads[] = { "level", "inherent", "residual",
		"current" };
	struct table *t = status_level_table(s, heads);
	struct sbuf tb = SBUF_INIT;
	const char **colors = xcalloc(s->nlevels + 4, sizeof(*colors));
	size_t nc = 0;

	/* One colour a line of the table: header, levels, unscored, above. */
	colors[nc++] = color ? C_BOLD : NULL;
	for (size_t l = s->nlevels; l-- > 0;)
		colors[nc++] = color ? level_color(l, s->nlevels) : NULL;
	if (any_unscored(s))
		colors[nc++] = color ? C_DIM : NULL;
	colors[nc++] = color && s->above_appetite.residual ? C_RED : NULL;
	table_render(t, FMT_TEXT, NULL, &tb);

	sbuf_addf(out, "Risks: %zu", s->risks);
	if (s->preset) {
		sbuf_adds(out, " (method ");
		term_text(out, s->preset);
		sbuf_adds(out, ", appetite ");
		term_text(out, s->appetite);
		sbuf_adds(out, ")");
	}
	sbuf_adds(out, "\n");
	colored_lines(out, tb.buf, colors, nc);
	sbuf_release(&tb);
	free(colors);
	table_free(t);
}

/* "Label        text" with the label padded to one column. */
static void text_line_start(struct sbuf *out, const char *label)
{
	sbuf_addf(out, "%-13s", label);
}

static void text_count(struct sbuf *out, bool color, const char *label,
    const struct status_count *c)
{
	bool late = color && c->overdue;
	if (late)
		sbuf_adds(out, C_RED);
	text_line_start(out, label);
	sbuf_addf(out, "%zu open of %zu, %zu overdue", c->open, c->total,
	    c->overdue);
	if (late)
		sbuf_adds(out, C_RESET);
	sbuf_addch(out, '\n');
}

static const char *const finding_labels[] = { "major", "minor",
	"observation", "opportunity" };

static void text_next(const struct status *s, struct sbuf *out)
{
	struct table *t = table_new();
	struct table_opts o = { .max_width = 36 };
	char date[11];

	table_add_col(t, "due", ALIGN_LEFT, 0);
	table_add_col(t, "kind", ALIGN_LEFT, 0);
	table_add_col(t, "id", ALIGN_LEFT, 0);
	table_add_col(t, "owner", ALIGN_LEFT, TABLE_TRUNCATE);
	table_add_col(t, "item", ALIGN_LEFT, TABLE_TRUNCATE);
	for (size_t i = 0; i < s->nnext; i++) {
		const struct status_due *d = &s->next[i];
		date_format(d->date, date);
		table_row(t);
		table_cell(t, date);
		table_cell(t, status_due_name(d));
		table_cell(t, d->id);
		table_cell(t, d->owner);
		table_cell(t, d->text);
	}
	sbuf_adds(out, "\nNext due\n");
	if (s->nnext)
		table_render(t, FMT_TEXT, &o, out);
	else
		sbuf_adds(out, "nothing dated from today on\n");
	table_free(t);
}

/* pdca_summary_text()'s five lines, each red when it counts late work:
 * objectives overdue; documents past review; incidents overdue or
 * breaches notified late; metrics stale; the management review or its
 * actions overdue. */
static void text_pdca(const struct pdca_summary *q, bool color,
    struct sbuf *out)
{
	struct sbuf tb = SBUF_INIT;
	const char *colors[5] = { NULL };

	if (color) {
		colors[0] = q->objectives_overdue ? C_RED : NULL;
		colors[1] = q->documents_review_overdue ? C_RED : NULL;
		colors[2] = q->incidents_overdue || q->breaches_late ? C_RED :
		    NULL;
		colors[3] = q->metrics_stale ? C_RED : NULL;
		colors[4] = q->review_overdue || q->review_actions_overdue ?
		    C_RED : NULL;
	}
	pdca_summary_text(q, &tb);
	colored_lines(out, tb.buf, colors, ARRAY_SIZE(colors));
	sbuf_release(&tb);
}

void status_text(const struct status *s, bool color, struct sbuf *out)
{
	char date[11];
	const struct status_soa *q = &s->soa;

	date_format(s->today, date);
	if (color)
		sbuf_adds(out, C_BOLD);
	term_text(out, s->organization ? s->organization : "ISMS");
	sbuf_addf(out, ": ISMS status on %s", date);
	if (color)
		sbuf_adds(out, C_RESET);
	sbuf_adds(out, "\n\n");
	text_risks(s, color, out);
	sbuf_addch(out, '\n');
	text_count(out, color, "Treatments", &s->treatments);
	text_count(out, color, "Actions", &s->actions);
	text_count(out, color, "Corrective", &s->corrective);
	bool late = color && (s->reviews_overdue || s->acceptances_expired);
	if (late)
		sbuf_adds(out, C_RED);
	text_line_start(out, "Reviews");
	sbuf_addf(out, "overdue risk reviews %zu, expired acceptances %zu",
	    s->reviews_overdue, s->acceptances_expired);
	if (late)
		sbuf_adds(out, C_RESET);
	sbuf_addch(out, '\n');
	text_line_start(out, "SoA");
	sbuf_addf(out, "%zu%% decided, %zu%% applicable, %zu%% implemented "
	    "(%zu of %zu applicable)\n", (size_t)q->decided_pct,
	    (size_t)q->applicable_pct, (size_t)q->implemented_pct,
	    q->implemented, q->applicable);
	text_line_start(out, "Findings");
	sbuf_adds(out, "open:");
	for (int k = 0; k < 4; k++)
		sbuf_addf(out, "%s %s %zu", k ? "," : "", finding_labels[k],
		    s->open_by_type[k]);
	sbuf_addf(out, " (%zu in all)\n", s->findings);
	text_pdca(&s->pdca, color, out);
	late = color && s->errors;
	if (late)
		sbuf_adds(out, C_RED);
	text_line_start(out, "Check");
	sbuf_addf(out, "%zu errors, %zu warnings\n", s->errors, s->warnings);
	if (late)
		sbuf_adds(out, C_RESET);
	text_next(s, out);
}

/* JSON. */

static void json_count(struct json_writer *w, const char *key,
    const struct status_count *c)
{
	json_key(w, key);
	json_begin_object(w);
	json_kv_int(w, "total", (long long)c->total);
	json_kv_int(w, "open", (long long)c->open);
	json_kv_int(w, "overdue", (long long)c->overdue);
	json_end_object(w);
}

/* The three views' counts as members of the open object. */
static void json_view_counts(struct json_writer *w, size_t inh, size_t res,
    size_t cur)
{
	json_kv_int(w, "inherent", (long long)inh);
	json_kv_int(w, "residual", (long long)res);
	json_kv_int(w, "current", (long long)cur);
}

static void json_views(struct json_writer *w, const char *key, size_t inh,
    size_t res, size_t cur)
{
	json_key(w, key);
	json_begin_object(w);
	json_view_counts(w, inh, res, cur);
	json_end_object(w);
}

static void json_risks(struct json_writer *w, const struct status *s)
{
	json_key(w, "risks");
	json_begin_object(w);
	json_kv_int(w, "total", (long long)s->risks);
	json_key(w, "by_level");
	json_begin_array(w);
	for (size_t l = 0; l < s->nlevels; l++) {
		json_begin_object(w);
		const struct status_level *lv = &s->levels[l];
		json_kv_string(w, "level", lv->name);
		json_view_counts(w, lv->inherent, lv->residual, lv->current);
		json_end_object(w);
	}
	json_end_array(w);
	json_views(w, "unscored", s->unscored.inherent, s->unscored.residual,
	    s->unscored.current);
	json_views(w, "above_appetite", s->above_appetite.inherent,
	    s->above_appetite.residual, s->above_appetite.current);
	json_kv_int(w, "reviews_overdue", (long long)s->reviews_overdue);
	if (s->has_ale)
		json_kv_number(w, "ale", s->ale);
	else
		json_kv_null(w, "ale");
	json_end_object(w);
}

static void json_soa(struct json_writer *w, const struct status_soa *q)
{
	json_key(w, "soa");
	json_begin_object(w);
	json_kv_int(w, "catalog_controls", (long long)q->catalog_controls);
	json_kv_int(w, "controls", (long long)q->controls);
	json_kv_int(w, "decided", (long long)q->decided);
	json_kv_int(w, "applicable", (long long)q->applicable);
	json_kv_int(w, "excluded", (long long)q->excluded);
	json_kv_int(w, "implemented", (long long)q->implemented);
	json_kv_int(w, "partial", (long long)q->partial);
	json_kv_int(w, "planned", (long long)q->planned);
	json_kv_int(w, "not_started", (long long)q->not_started);
	json_kv_int(w, "decided_pct", q->decided_pct);
	json_kv_int(w, "applicable_pct", q->applicable_pct);
	json_kv_int(w, "implemented_pct", q->implemented_pct);
	json_key(w, "themes");
	json_begin_array(w);
	for (size_t i = 0; i < q->nthemes; i++) {
		const struct status_theme *t = &q->themes[i];
		json_begin_object(w);
		json_kv_string(w, "theme", t->name);
		json_kv_int(w, "applicable", (long long)t->applicable);
		json_kv_int(w, "implemented", (long long)t->implemented);
		json_kv_int(w, "partial", (long long)t->partial);
		json_kv_int(w, "planned", (long long)t->planned);
		json_kv_int(w, "not_started", (long long)t->not_started);
		json_end_object(w);
	}
	json_end_array(w);
	json_end_object(w);
}

static void json_audits(struct json_writer *w, const struct status *s)
{
	json_key(w, "audits");
	json_begin_object(w);
	json_kv_int(w, "total", (long long)s->audits);
	for (int k = 0; audit_statuses[k]; k++)
		json_kv_int(w, audit_statuses[k],
		    (long long)s->audits_by_status[k]);
	json_end_object(w);
	json_key(w, "findings");
	json_begin_object(w);
	json_kv_int(w, "total", (long long)s->findings);
	json_key(w, "by_type");
	json_begin_object(w);
	for (int k = 0; finding_types[k]; k++)
		json_kv_int(w, finding_types[k], (long long)s->findings_by_type[k]);
	json_end_object(w);
	json_key(w, "open_by_type");
	json_begin_object(w);
	for (int k = 0; finding_types[k]; k++)
		json_kv_int(w, finding_types[k], (long long)s->open_by_type[k]);
	json_end_object(w);
	json_end_object(w);
}

static void json_next(struct json_writer *w, const struct status *s)
{
	char date[11];
	json_key(w, "next_due");
	json_begin_array(w);
	for (size_t i = 0; i < s->nnext; i++) {
		const struct status_due *d = &s->next[i];
		date_format(d->date, date);
		json_begin_object(w);
		json_kv_string(w, "date", date);
		json_kv_string(w, "kind", status_due_name(d));
		json_kv_string(w, "id", d->id);
		json_kv_string(w, "owner", d->owner);
		json_kv_string(w, "text", d->text);
		json_end_object(w);
	}
	json_end_array(w);
}

void status_json(const struct status *s, struct sbuf *out)
{
	struct json_writer w;
	char date[11];

	date_format(s->today, date);
	json_init(&w, out, true);
	json_begin_object(&w);
	json_kv_string(&w, "organization", s->organization);
	json_kv_string(&w, "today", date);
	json_key(&w, "methodology");
	json_begin_object(&w);
	json_kv_string(&w, "preset", s->preset);
	json_kv_string(&w, "appetite", s->appetite);
	json_end_object(&w);
	json_risks(&w, s);
	json_count(&w, "treatments", &s->treatments);
	json_count(&w, "actions", &s->actions);
	json_count(&w, "corrective_actions", &s->corrective);
	json_kv_int(&w, "acceptances_expired", (long long)s->acceptances_expired);
	json_soa(&w, &s->soa);
	json_audits(&w, s);
	pdca_summary_json(&s->pdca, &w);
	json_key(&w, "problems");
	json_begin_object(&w);
	json_kv_int(&w, "errors", (long long)s->errors);
	json_kv_int(&w, "warnings", (long long)s->warnings);
	json_end_object(&w);
	json_next(&w, s);
	json_end_object(&w);
	json_release(&w);
}
