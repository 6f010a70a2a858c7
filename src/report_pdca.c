/*
 * The report's tables of the rest of the PDCA cycle: information security
 * objectives (6.2), documented information (7.5), incidents (A.5.24-5.28),
 * monitoring and measurement (9.1) and management reviews (9.3), shared by
 * the report's "pdca" section and the management review pack.
 *
 * Every judgement (overdue, unapproved, past review, stale, on target, the
 * state of a breach notification, when the next review is due) and every
 * figure is the pdca module's (pdca.h), so the report says what the
 * register commands, isms check and isms status say; this file only lays
 * rows out.  Rows are in register order, as elsewhere in the report, and
 * every cell goes through the table renderers, which escape it.
 */
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "isms/date.h"
#include "isms/pdca.h"

static bool has(const void *rec, enum collection c, const char *field)
{
	return rec_has(rec, coll_defs[c].schema, field);
}

/* A date field's value, or DATE_NONE when the record leaves it out. */
static long field_date(const void *rec, enum collection c, const char *field,
    long v)
{
	return has(rec, c, field) ? v : DATE_NONE;
}

static void cell_day(struct table *t, long day, bool late)
{
	rpt_cell_date(t, day != DATE_NONE, day, late);
}

/* Figures. */

void doc_objective_figures(struct doc *d)
{
	const struct pdca_summary *q = &d->s->pdca;
	struct sbuf sb = SBUF_INIT;
	pdca_text_counts(&sb, objective_statuses, q->objectives_by_status,
	    OBJ_STATUS_COUNT);
	doc_paraf(d, "Objectives: %zu (%s); %zu past their due date.",
	    q->objectives, sb.buf, q->objectives_overdue);
	sbuf_release(&sb);
}

static void doc_document_figures(struct doc *d)
{
	const struct pdca_summary *q = &d->s->pdca;
	struct sbuf sb = SBUF_INIT;
	pdca_text_counts(&sb, document_statuses, q->documents_by_status,
	    DOC_STATUS_COUNT);
	doc_paraf(d, "Documents: %zu (%s); %zu unapproved, %zu past their "
	    "review date.", q->documents, sb.buf, q->documents_unapproved,
	    q->documents_review_overdue);
	sbuf_release(&sb);
}

void doc_incident_figures(struct doc *d)
{
	const struct pdca_summary *q = &d->s->pdca;
	struct sbuf sb = SBUF_INIT;
	pdca_text_counts(&sb, incident_severities, q->open_by_severity,
	    INC_SEVERITY_COUNT);
	doc_paraf(d, "Incidents: %zu, %zu open (%s), %zu past their target; "
	    "%zu closed without lessons learned. Personal data breaches: %zu, "
	    "%zu notified late or not at all, %zu within the notification "
	    "window and not yet notified.", q->incidents, q->incidents_open,
	    sb.buf, q->incidents_overdue, q->incidents_no_lessons, q->breaches,
	    q->breaches_late, q->breaches_pending);
	sbuf_release(&sb);
}

void doc_metric_figures(struct doc *d)
{
	const struct pdca_summary *q = &d->s->pdca;
	doc_paraf(d, "Metrics: %zu; %zu on target, %zu below target, %zu "
	    "without a target or a result; %zu stale (a result is overdue).",
	    q->metrics, q->metrics_met, q->metrics_missed, q->metrics_unknown,
	    q->metrics_stale);
}

void doc_review_figures(struct doc *d)
{
	const struct pdca_summary *q = &d->s->pdca;
	char last[11], next[11];
	if (q->last_review == DATE_NONE)
		snprintf(last, sizeof(last), "none");
	else
		rpt_date(q->last_review, last);
	if (q->next_review_due == DATE_NONE)
		snprintf(next, sizeof(next), "not set");
	else
		rpt_date(q->next_review_due, next);
	doc_paraf(d, "Management reviews held: %zu; the last on %s. The next "
	    "is due by %s%s. Actions from management reviews: %zu, %zu open, "
	    "%zu overdue.", q->reviews_held, last, next, q->review_overdue ?
	    " (overdue)" : "", q->review_actions, q->review_actions_open,
	    q->review_actions_overdue);
}

/* Objectives. */

struct table *tbl_objectives(const struct doc *d)
{
	static const char *const cols[] = { "ID", "Objective", "Owner",
		"Target", "Due", "Status" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *l = &d->p->objectives->objectives;

	for (size_t i = 0; i < l->n; i++) {
		const struct objective *o = l->v[i];
		bool late = pdca_objective_overdue(d->p, o);
		table_row(t);
		if (late)
			table_row_class(t, "overdue");
		table_cell(t, o->id);
		table_cell(t, o->title);
		table_cell(t, o->owner);
		table_cell(t, o->target);
		cell_day(t, field_date(o, COL_OBJECTIVES, "due", o->due), late);
		table_cell(t, rpt_enum(objective_statuses, o, COL_OBJECTIVES,
		    "status", o->status));
	}
	return t;
}

/* Documents that need attention: unapproved, or past their review. */

static struct table *tbl_documents(const struct doc *d)
{
	static const char *const cols[] = { "ID", "Document", "Kind",
		"Version", "Owner", "Status", "Approved", "Review",
		"Attention" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *l = &d->p->documents->documents;
	char date[11];

	for (size_t i = 0; i < l->n; i++) {
		const struct document *doc = l->v[i];
		bool unapproved = pdca_document_unapproved(doc);
		bool late = pdca_document_review_overdue(d->p, doc);
		if (!unapproved && !late)
			continue;
		table_row(t);
		if (late)
			table_row_class(t, "overdue");
		table_cell(t, doc->id);
		table_cell(t, doc->title);
		table_cell(t, rpt_enum(document_kinds, doc, COL_DOCUMENTS,
		    "kind", doc->kind));
		table_cell(t, doc->version);
		table_cell(t, doc->owner);
		table_cell(t, rpt_enum(document_statuses, doc, COL_DOCUMENTS,
		    "status", doc->status));
		if (has(doc, COL_DOCUMENTS, "approved_on"))
			table_cellf(t, "%s%s%s", doc->approved_by ?
			    doc->approved_by : "", doc->approved_by ? ", " : "",
			    rpt_date(doc->approved_on, date));
		else
			table_cell(t, doc->approved_by);
		cell_day(t, field_date(doc, COL_DOCUMENTS, "review",
		    doc->review), late);
		table_cellf(t, "%s%s%s", unapproved ? "unapproved" : "",
		    unapproved && late ? ", " : "", late ? "past review" : "");
	}
	return t;
}

/* Incidents. */

/* The breach notification as `isms incident show` states it: the state
 * and its deadline; "not-required" for a personal data breach judged not
 * notifiable; empty when no personal data was involved. */
static void notice_cell(const struct incident *i, enum pdca_notice n,
    long deadline, struct table *t)
{
	char date[11];
	bool pd = has(i, COL_INCIDENTS, "personal_data") && i->personal_data;
	if (n == NOTICE_NONE)
		table_cell(t, pd ? pdca_notice_name(n) : "");
	else
		table_cellf(t, "%s (deadline %s)", pdca_notice_name(n),
		    rpt_date(deadline, date));
}

struct table *tbl_incidents(const struct doc *d)
{
	static const char *const cols[] = { "ID", "Incident", "Date",
		"Severity", "Status", "Owner", "Target", "Personal data",
		"Notification", "Lessons learned" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *l = &d->p->incidents->incidents;

	for (size_t k = 0; k < l->n; k++) {
		const struct incident *i = l->v[k];
		long deadline;
		enum pdca_notice n = pdca_incident_notice(d->p, i, &deadline);
		bool late = pdca_incident_overdue(d->p, i);
		bool open = pdca_incident_open(i);
		table_row(t);
		if (late || n == NOTICE_LATE || n == NOTICE_MISSED)
			table_row_class(t, "overdue");
		table_cell(t, i->id);
		table_cell(t, i->title);
		cell_day(t, pdca_incident_date(i), false);
		table_cell(t, rpt_enum(incident_severities, i, COL_INCIDENTS,
		    "severity", i->severity));
		table_cell(t, rpt_enum(incident_statuses, i, COL_INCIDENTS,
		    "status", i->status));
		table_cell(t, i->owner);
		cell_day(t, field_date(i, COL_INCIDENTS, "target", i->target),
		    late);
		table_cell(t, !has(i, COL_INCIDENTS, "personal_data") ? "" :
		    i->personal_data ? "yes" : "no");
		notice_cell(i, n, deadline, t);
		if (i->lessons && *i->lessons)
			table_cell(t, i->lessons);
		else
			table_cell(t, open ? "" : "none recorded");
	}
	return t;
}

/* Metrics. */

/* "95 %" : a number with the metric's unit. */
static void add_value(struct sbuf *sb, const struct metric *m, double v)
{
	char buf[32];
	sbuf_adds(sb, fmt_num(v, buf));
	if (m->unit && *m->unit)
		sbuf_addf(sb, " %s", m->unit);
}

struct table *tbl_metrics(const struct doc *d)
{
	static const char *const cols[] = { "ID", "Metric", "Owner", "Latest",
		"Target", "Result", "Trend", "Next due" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *l = &d->p->metrics->metrics;
	struct sbuf sb = SBUF_INIT;
	char date[11];

	for (size_t k = 0; k < l->n; k++) {
		const struct metric *m = l->v[k];
		const struct measurement *last = pdca_metric_latest(m);
		enum pdca_target res = pdca_metric_target(m);
		bool stale = pdca_metric_stale(d->p, m);
		long due = pdca_metric_next_due(m);
		table_row(t);
		if (stale)
			table_row_class(t, "overdue");
		table_cell(t, m->id);
		table_cell(t, m->title);
		table_cell(t, m->owner);
		if (last) {
			add_value(&sb, m, last->value);
			sbuf_addf(&sb, " on %s", rpt_date(last->date, date));
		}
		table_cell(t, sb.buf);
		sbuf_reset(&sb);
		if (has(m, COL_METRICS, "target")) {
			sbuf_adds(&sb, has(m, COL_METRICS, "direction") &&
			    m->direction == DIR_LOWER ? "at most " :
			    "at least ");
			add_value(&sb, m, m->target);
		}
		table_cell(t, sb.buf);
		sbuf_reset(&sb);
		table_cell(t, res == TARGET_MET ? "met" : res == TARGET_MISSED ?
		    "below target" : "");
		table_cell(t, pdca_metric_previous(m) ?
		    pdca_trend_name(pdca_metric_trend(m)) : "");
		if (due == DATE_NONE)
			table_cell(t, stale ? "now (stale)" : "");
		else
			table_cellf(t, "%s%s", rpt_date(due, date), stale ?
			    " (stale)" : "");
	}
	sbuf_release(&sb);
	return t;
}

/* Management reviews. */

static struct table *tbl_reviews(const struct doc *d)
{
	static const char *const cols[] = { "ID", "Date", "Status", "Chair",
		"Decisions", "Actions" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *l = &d->p->reviews->reviews;
	const struct schema *as = schema_field(coll_defs[COL_REVIEWS].schema,
	    "actions")->sub;
	struct sbuf sb = SBUF_INIT;

	for (size_t k = 0; k < l->n; k++) {
		const struct review *r = l->v[k];
		size_t open = 0, late = 0;
		for (size_t j = 0; j < r->actions.n; j++) {
			const struct action *a = r->actions.v[j];
			open += !(rec_has(a, as, "done") && a->done);
			late += pdca_action_overdue(d->p, a);
		}
		table_row(t);
		if (late)
			table_row_class(t, "overdue");
		table_cell(t, r->id);
		cell_day(t, r->date, false);
		table_cell(t, rpt_enum(review_statuses, r, COL_REVIEWS,
		    "status", r->status));
		table_cell(t, r->chair);
		sbuf_join(&sb, r->decisions.v, r->decisions.n, "; ");
		table_cell(t, sb.buf);
		sbuf_reset(&sb);
		if (r->actions.n)
			table_cellf(t, "%zu of %zu open, %zu overdue", open,
			    r->actions.n, late);
		else
			table_cell(t, "");
	}
	sbuf_release(&sb);
	return t;
}

struct table *tbl_review_actions(const struct doc *d, bool open_only)
{
	static const char *const cols[] = { "Review", "Action", "Owner",
		"Due", "State" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *l = &d->p->reviews->reviews;
	const struct schema *as = schema_field(coll_defs[COL_REVIEWS].schema,
	    "actions")->sub;

	for (size_t k = 0; k < l->n; k++) {
		const struct review *r = l->v[k];
		for (size_t j = 0; j < r->actions.n; j++) {
			const struct action *a = r->actions.v[j];
			bool done = rec_has(a, as, "done") && a->done;
			bool late = pdca_action_overdue(d->p, a);
			if (open_only && done)
				continue;
			table_row(t);
			if (late)
				table_row_class(t, "overdue");
			table_cell(t, r->id);
			table_cell(t, a->text);
			table_cell(t, a->owner);
			rpt_cell_date(t, rec_has(a, as, "due"), a->due, late);
			table_cell(t, done ? "done" : late ? "overdue" : "open");
		}
	}
	return t;
}

/* Trends. */

struct table *tbl_quarters(const struct pdca_quarter *q, size_t n)
{
	static const char *const cols[] = { "Quarter", "Incidents",
		"Serious (high, critical)", "Personal data breaches",
		"Audit findings", "Nonconformities (major, minor)" };
	struct table *t = table_new();

	for (size_t c = 0; c < ARRAY_SIZE(cols); c++)
		table_add_col(t, cols[c], c ? ALIGN_RIGHT : ALIGN_LEFT, 0);
	for (size_t k = 0; k < n; k++) {
		table_row(t);
		table_cell(t, q[k].label);
		table_cellf(t, "%zu", q[k].incidents);
		table_cellf(t, "%zu", q[k].serious);
		table_cellf(t, "%zu", q[k].personal_data);
		table_cellf(t, "%zu", q[k].findings);
		table_cellf(t, "%zu", q[k].nonconformities);
	}
	return t;
}

/* The report's section. */

void section_pdca(struct doc *d)
{
	doc_section_begin(d, "pdca", rpt_section_title(REPORT_PDCA));
	doc_heading(d, 3, "Information security objectives");
	doc_objective_figures(d);
	doc_table(d, tbl_objectives(d), "No objective is recorded.");
	doc_heading(d, 3, "Documented information");
	doc_document_figures(d);
	doc_table(d, tbl_documents(d), "Every document is approved and "
	    "within its review date.");
	doc_heading(d, 3, "Incidents");
	doc_incident_figures(d);
	doc_table(d, tbl_incidents(d), "No incident is recorded.");
	doc_heading(d, 3, "Monitoring and measurement");
	doc_metric_figures(d);
	doc_table(d, tbl_metrics(d), "No metric is recorded.");
	doc_heading(d, 3, "Management reviews");
	doc_review_figures(d);
	doc_table(d, tbl_reviews(d), "No management review is recorded.");
	doc_heading(d, 4, "Open actions from management reviews");
	doc_table(d, tbl_review_actions(d, true),
	    "No action from a management review is open.");
	doc_section_end(d);
}
