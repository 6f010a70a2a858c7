/*
 * Judgements over objectives, documents, incidents, metrics and management
 * reviews, and the summary built from them.
 *
 * A field that is absent is never read as zero: every optional date or
 * number goes through rec_has() first (a date of 0 is 1970-01-01, a target
 * of 0 is a real target), so "no date" and "a date" stay different.
 */
#include "isms/pdca.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/date.h"

static const struct schema *coll_schema(enum collection c)
{
	return coll_defs[c].schema;
}

static const struct schema *sub_schema(enum collection c, const char *name)
{
	return schema_field(coll_schema(c), name)->sub;
}

/* The date in field name of rec, or DATE_NONE when absent. */
static long rec_date(const void *rec, const struct schema *s,
    const char *name)
{
	const struct field *f = schema_field(s, name);
	if (!f || !rec_has_field(rec, s, f))
		return DATE_NONE;
	return *FIELD_PTR(rec, f, const long);
}

static bool past(const struct project *p, long date)
{
	return date != DATE_NONE && date < p->today;
}

long pdca_policy(const struct project *p, const char *key, long dflt,
    const struct ynode **bad)
{
	const struct ynode *v = p->config->policy ?
	    yn_get(p->config->policy, key) : NULL;
	long n;
	if (bad)
		*bad = NULL;
	if (!v)
		return dflt;
	if (v->kind == YN_SCALAR && v->style == YS_PLAIN &&
	    scalar_int(v, &n) && n > 0 && n <= 100000)
		return n;
	if (bad)
		*bad = v;
	return dflt;
}

/* Objectives */

bool pdca_objective_open(const struct objective *o)
{
	return !rec_has(o, coll_schema(COL_OBJECTIVES), "status") ||
	    o->status == OBJ_PLANNED || o->status == OBJ_IN_PROGRESS;
}

bool pdca_objective_overdue(const struct project *p,
    const struct objective *o)
{
	return pdca_objective_open(o) &&
	    past(p, rec_date(o, coll_schema(COL_OBJECTIVES), "due"));
}

/* Documents */

static bool doc_status_is(const struct document *d, int status)
{
	return rec_has(d, coll_schema(COL_DOCUMENTS), "status") &&
	    d->status == status;
}

bool pdca_document_unapproved(const struct document *d)
{
	const struct schema *s = coll_schema(COL_DOCUMENTS);
	if (doc_status_is(d, DOC_WITHDRAWN))
		return false;
	if (!doc_status_is(d, DOC_APPROVED))
		return true;
	return !d->approved_by || !*d->approved_by ||
	    !rec_has(d, s, "approved_on");
}

bool pdca_document_review_overdue(const struct project *p,
    const struct document *d)
{
	return !doc_status_is(d, DOC_WITHDRAWN) &&
	    past(p, rec_date(d, coll_schema(COL_DOCUMENTS), "review"));
}

/* Incidents */

bool pdca_incident_open(const struct incident *i)
{
	return !rec_has(i, coll_schema(COL_INCIDENTS), "status") ||
	    i->status != INC_CLOSED;
}

bool pdca_incident_overdue(const struct project *p,
    const struct incident *i)
{
	return pdca_incident_open(i) &&
	    past(p, rec_date(i, coll_schema(COL_INCIDENTS), "target"));
}

long pdca_incident_date(const struct incident *i)
{
	const struct schema *s = coll_schema(COL_INCIDENTS);
	static const char *const order[] = { "occurred", "detected",
		"reported" };
	for (size_t k = 0; k < ARRAY_SIZE(order); k++) {
		long d = rec_date(i, s, order[k]);
		if (d != DATE_NONE)
			return d;
	}
	return DATE_NONE;
}

enum pdca_notice pdca_incident_notice(const struct project *p,
    const struct incident *i, long *deadline)
{
	const struct schema *s = coll_schema(COL_INCIDENTS);
	long start = rec_date(i, s, "detected");
	if (deadline)
		*deadline = DATE_NONE;
	if (!rec_has(i, s, "personal_data") || !i->personal_data ||
	    (rec_has(i, s, "notifiable") && !i->notifiable))
		return NOTICE_NONE;
	if (start == DATE_NONE)
		start = rec_date(i, s, "reported");
	if (start == DATE_NONE)
		return NOTICE_NONE;
	long hours = pdca_policy(p, PDCA_NOTIFY_HOURS,
	    PDCA_NOTIFY_HOURS_DEFAULT, NULL);
	long last = start + (hours + 23) / 24;
	long notified = rec_date(i, s, "notified_on");
	if (deadline)
		*deadline = last;
	if (notified != DATE_NONE)
		return notified <= last ? NOTICE_ON_TIME : NOTICE_LATE;
	return p->today <= last ? NOTICE_PENDING : NOTICE_MISSED;
}

const char *pdca_notice_name(enum pdca_notice n)
{
	static const char *const names[] = { "not-required", "on-time",
		"pending", "late", "missed" };
	return names[n];
}

bool pdca_risk_not_reassessed(const struct incident *i, const struct risk *r)
{
	const struct schema *s = coll_schema(COL_RISKS);
	long when = pdca_incident_date(i);
	long identified = rec_date(r, s, "identified");
	long review = rec_date(r, s, "review");
	if (when == DATE_NONE)
		return false;
	return !(identified != DATE_NONE && identified >= when) &&
	    !(review != DATE_NONE && review >= when);
}

/* Metrics */

/* The latest measurement, skipping `skip` (to find the one before). */
static const struct measurement *latest_except(const struct metric *m,
    const struct measurement *skip)
{
	const struct measurement *best = NULL;
	for (size_t k = 0; k < m->measurements.n; k++) {
		const struct measurement *x = m->measurements.v[k];
		if (x != skip && (!best || x->date >= best->date))
			best = x;
	}
	return best;
}

const struct measurement *pdca_metric_latest(const struct metric *m)
{
	return latest_except(m, NULL);
}

const struct measurement *pdca_metric_previous(const struct metric *m)
{
	const struct measurement *last = latest_except(m, NULL);
	return last ? latest_except(m, last) : NULL;
}

bool pdca_metric_interval(const struct metric *m, long *days, int *months)
{
	const struct schema *s = coll_schema(COL_METRICS);
	static const int period_months[] = { 1, 3, 12 };
	*days = 0;
	*months = 0;
	if (rec_has(m, s, "frequency_days") && m->frequency_days > 0 &&
	    m->frequency_days <= 36600) {
		*days = m->frequency_days;
		return true;
	}
	if (rec_has(m, s, "period") && m->period >= 0 &&
	    (size_t)m->period < ARRAY_SIZE(period_months)) {
		*months = period_months[m->period];
		return true;
	}
	return false;
}

long pdca_metric_next_due(const struct metric *m)
{
	const struct measurement *last = pdca_metric_latest(m);
	long start = rec_date(m, coll_schema(COL_METRICS), "start");
	long days;
	int months;
	if (!pdca_metric_interval(m, &days, &months))
		return DATE_NONE;
	if (!last)
		/* Never measured: the first result is due one interval
		 * after the start, or at once without a start. */
		start = start == DATE_NONE ? DATE_NONE :
		    months ? date_add_months(start, months) : start + days;
	else
		start = months ? date_add_months(last->date, months) :
		    last->date + days;
	return start;
}

bool pdca_metric_stale(const struct project *p, const struct metric *m)
{
	long days;
	int months;
	if (!pdca_metric_interval(m, &days, &months))
		return false;
	long due = pdca_metric_next_due(m);
	return due == DATE_NONE || due < p->today;
}

static bool lower_is_better(const struct metric *m)
{
	return rec_has(m, coll_schema(COL_METRICS), "direction") &&
	    m->direction == DIR_LOWER;
}

enum pdca_target pdca_metric_target(const struct metric *m)
{
	const struct measurement *last = pdca_metric_latest(m);
	if (!last || !rec_has(m, coll_schema(COL_METRICS), "target"))
		return TARGET_UNKNOWN;
	bool met = lower_is_better(m) ? last->value <= m->target :
	    last->value >= m->target;
	return met ? TARGET_MET : TARGET_MISSED;
}

int pdca_metric_trend(const struct metric *m)
{
	const struct measurement *last = pdca_metric_latest(m);
	const struct measurement *prev = pdca_metric_previous(m);
	if (!last || !prev || last->value == prev->value)
		return 0;
	bool up = last->value > prev->value;
	return up != lower_is_better(m) ? 1 : -1;
}

const char *pdca_target_name(enum pdca_target t)
{
	return t == TARGET_MET ? "met" : t == TARGET_MISSED ? "missed" : "";
}

const char *pdca_trend_name(int trend)
{
	return trend > 0 ? "better" : trend < 0 ? "worse" : "same";
}

/* Documents as SoA evidence */

bool pdca_evidence_document(const char *item, char *id, size_t size)
{
	const char *prefix = coll_defs[COL_DOCUMENTS].prefix;
	size_t plen = strlen(prefix), n = plen;
	if (strncmp(item, prefix, plen) != 0)
		return false;
	while (item[n] >= '0' && item[n] <= '9')
		n++;
	if (n == plen || n >= size || (item[n] && item[n] != ' ' &&
	    item[n] != ',' && item[n] != ':' && item[n] != ';'))
		return false;
	memcpy(id, item, n);
	id[n] = '\0';
	return true;
}

/* Reviews */

bool pdca_action_overdue(const struct project *p, const struct action *a)
{
	const struct schema *s = sub_schema(COL_REVIEWS, "actions");
	bool done = rec_has(a, s, "done") && a->done;
	return !done && past(p, rec_date(a, s, "due"));
}

static bool review_held(const struct review *r)
{
	return rec_has(r, coll_schema(COL_REVIEWS), "status") &&
	    r->status == MR_HELD;
}

const struct review *pdca_last_review(const struct project *p)
{
	const struct review *best = NULL;
	const struct reclist *l = &p->reviews->reviews;
	for (size_t k = 0; k < l->n; k++) {
		const struct review *r = l->v[k];
		if (review_held(r) && (!best || r->date >= best->date))
			best = r;
	}
	return best;
}

long pdca_review_due(const struct project *p)
{
	const struct review *last = pdca_last_review(p);
	if (last)
		return date_add_months(last->date, (int)pdca_policy(p,
		    PDCA_REVIEW_MONTHS, PDCA_REVIEW_MONTHS_DEFAULT, NULL));
	long first = DATE_NONE;
	const struct reclist *l = &p->reviews->reviews;
	for (size_t k = 0; k < l->n; k++) {
		const struct review *r = l->v[k];
		if (first == DATE_NONE || r->date < first)
			first = r->date;
	}
	return first;
}

/* Trends */

static long quarter_start(long day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1);
}

void pdca_quarters(const struct project *p, struct pdca_quarter *q, size_t n)
{
	long start = quarter_start(p->today);
	for (size_t k = n; k-- > 0;) {
		int y, m, d;
		memset(&q[k], 0, sizeof(q[k]));
		q[k].start = start;
		q[k].end = date_add_months(start, 3) - 1;
		date_to_ymd(start, &y, &m, &d);
		/* The day number keeps y to four digits in any real date;
		 * the buffer is sized for any int all the same. */
		snprintf(q[k].label, sizeof(q[k].label), "%04d-Q%d",
		    y % 100000, (m - 1) / 3 % 4 + 1);
		start = date_add_months(start, -3);
	}
	const struct schema *is = coll_schema(COL_INCIDENTS);
	const struct reclist *il = &p->incidents->incidents;
	for (size_t i = 0; i < il->n; i++) {
		const struct incident *inc = il->v[i];
		long when = pdca_incident_date(inc);
		for (size_t k = 0; k < n; k++) {
			if (when < q[k].start || when > q[k].end)
				continue;
			q[k].incidents++;
			if (rec_has(inc, is, "severity") &&
			    inc->severity >= INC_HIGH)
				q[k].serious++;
			if (rec_has(inc, is, "personal_data") &&
			    inc->personal_data)
				q[k].personal_data++;
		}
	}
	const struct schema *fs = coll_schema(COL_FINDINGS);
	const struct reclist *fl = &p->audits->findings;
	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *f = fl->v[i];
		long when = rec_date(f, fs, "raised");
		for (size_t k = 0; k < n; k++) {
			if (when == DATE_NONE || when < q[k].start ||
			    when > q[k].end)
				continue;
			q[k].findings++;
			if (f->type == FT_MAJOR || f->type == FT_MINOR)
				q[k].nonconformities++;
		}
	}
}

/* Summary */

static void summarise_objectives(const struct project *p,
    struct pdca_summary *s)
{
	const struct reclist *l = &p->objectives->objectives;
	const struct schema *sch = coll_schema(COL_OBJECTIVES);
	s->objectives = l->n;
	for (size_t k = 0; k < l->n; k++) {
		const struct objective *o = l->v[k];
		s->objectives_by_status[rec_has(o, sch, "status") ? o->status :
		    OBJ_STATUS_COUNT]++;
		s->objectives_overdue += pdca_objective_overdue(p, o);
	}
}

static void summarise_documents(const struct project *p,
    struct pdca_summary *s)
{
	const struct reclist *l = &p->documents->documents;
	const struct schema *sch = coll_schema(COL_DOCUMENTS);
	s->documents = l->n;
	for (size_t k = 0; k < l->n; k++) {
		const struct document *d = l->v[k];
		s->documents_by_status[rec_has(d, sch, "status") ? d->status :
		    DOC_STATUS_COUNT]++;
		s->documents_unapproved += pdca_document_unapproved(d);
		s->documents_review_overdue +=
		    pdca_document_review_overdue(p, d);
	}
}

static void summarise_incidents(const struct project *p,
    struct pdca_summary *s)
{
	const struct reclist *l = &p->incidents->incidents;
	const struct schema *sch = coll_schema(COL_INCIDENTS);
	s->incidents = l->n;
	for (size_t k = 0; k < l->n; k++) {
		const struct incident *i = l->v[k];
		if (pdca_incident_open(i)) {
			s->incidents_open++;
			s->open_by_severity[rec_has(i, sch, "severity") ?
			    i->severity : INC_SEVERITY_COUNT]++;
		} else if (!i->lessons || !*i->lessons) {
			s->incidents_no_lessons++;
		}
		s->incidents_overdue += pdca_incident_overdue(p, i);
		switch (pdca_incident_notice(p, i, NULL)) {
		case NOTICE_NONE:
			break;
		case NOTICE_ON_TIME:
			s->breaches++;
			break;
		case NOTICE_PENDING:
			s->breaches++;
			s->breaches_pending++;
			break;
		case NOTICE_LATE:
		case NOTICE_MISSED:
			s->breaches++;
			s->breaches_late++;
			break;
		}
		if (rec_has(i, sch, "personal_data") && i->personal_data &&
		    rec_has(i, sch, "notifiable") && !i->notifiable)
			s->breaches++;
	}
}

static void summarise_metrics(const struct project *p,
    struct pdca_summary *s)
{
	const struct reclist *l = &p->metrics->metrics;
	s->metrics = l->n;
	for (size_t k = 0; k < l->n; k++) {
		const struct metric *m = l->v[k];
		switch (pdca_metric_target(m)) {
		case TARGET_MET:
			s->metrics_met++;
			break;
		case TARGET_MISSED:
			s->metrics_missed++;
			break;
		case TARGET_UNKNOWN:
			s->metrics_unknown++;
			break;
		}
		s->metrics_stale += pdca_metric_stale(p, m);
	}
}

static void summarise_reviews(const struct project *p,
    struct pdca_summary *s)
{
	const struct reclist *l = &p->reviews->reviews;
	const struct schema *as = sub_schema(COL_REVIEWS, "actions");
	for (size_t k = 0; k < l->n; k++) {
		const struct review *r = l->v[k];
		s->reviews_held += review_held(r);
		for (size_t j = 0; j < r->actions.n; j++) {
			const struct action *a = r->actions.v[j];
			s->review_actions++;
			if (!(rec_has(a, as, "done") && a->done))
				s->review_actions_open++;
			s->review_actions_overdue += pdca_action_overdue(p, a);
		}
	}
	const struct review *last = pdca_last_review(p);
	s->last_review = last ? last->date : DATE_NONE;
	s->next_review_due = pdca_review_due(p);
	s->review_overdue = past(p, s->next_review_due);
}

void pdca_summarise(const struct project *p, struct pdca_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->today = p->today;
	summarise_objectives(p, s);
	summarise_documents(p, s);
	summarise_incidents(p, s);
	summarise_metrics(p, s);
	summarise_reviews(p, s);
}

static void json_counts(struct json_writer *w, const char *key,
    const char *const *names, const size_t *counts, size_t n)
{
	json_key(w, key);
	json_begin_object(w);
	for (size_t k = 0; k < n; k++)
		json_kv_int(w, names[k], (long long)counts[k]);
	if (counts[n])
		json_kv_int(w, "none", (long long)counts[n]);
	json_end_object(w);
}

void pdca_json_date(struct json_writer *w, const char *key, long date)
{
	char buf[11];
	if (date == DATE_NONE) {
		json_kv_null(w, key);
		return;
	}
	date_format(date, buf);
	json_kv_string(w, key, buf);
}

void pdca_summary_json(const struct pdca_summary *s, struct json_writer *w)
{
	json_key(w, "objectives");
	json_begin_object(w);
	json_kv_int(w, "total", (long long)s->objectives);
	json_counts(w, "by_status", objective_statuses,
	    s->objectives_by_status, OBJ_STATUS_COUNT);
	json_kv_int(w, "overdue", (long long)s->objectives_overdue);
	json_end_object(w);

	json_key(w, "documents");
	json_begin_object(w);
	json_kv_int(w, "total", (long long)s->documents);
	json_counts(w, "by_status", document_statuses,
	    s->documents_by_status, DOC_STATUS_COUNT);
	json_kv_int(w, "unapproved", (long long)s->documents_unapproved);
	json_kv_int(w, "review_overdue",
	    (long long)s->documents_review_overdue);
	json_end_object(w);

	json_key(w, "incidents");
	json_begin_object(w);
	json_kv_int(w, "total", (long long)s->incidents);
	json_kv_int(w, "open", (long long)s->incidents_open);
	json_counts(w, "open_by_severity", incident_severities,
	    s->open_by_severity, INC_SEVERITY_COUNT);
	json_kv_int(w, "overdue", (long long)s->incidents_overdue);
	json_kv_int(w, "closed_without_lessons",
	    (long long)s->incidents_no_lessons);
	json_kv_int(w, "personal_data_breaches", (long long)s->breaches);
	json_kv_int(w, "notification_late", (long long)s->breaches_late);
	json_kv_int(w, "notification_pending",
	    (long long)s->breaches_pending);
	json_end_object(w);

	json_key(w, "metrics");
	json_begin_object(w);
	json_kv_int(w, "total", (long long)s->metrics);
	json_kv_int(w, "on_target", (long long)s->metrics_met);
	json_kv_int(w, "below_target", (long long)s->metrics_missed);
	json_kv_int(w, "no_target_or_result", (long long)s->metrics_unknown);
	json_kv_int(w, "stale", (long long)s->metrics_stale);
	json_end_object(w);

	json_key(w, "reviews");
	json_begin_object(w);
	json_kv_int(w, "held", (long long)s->reviews_held);
	pdca_json_date(w, "last", s->last_review);
	pdca_json_date(w, "next_due", s->next_review_due);
	json_kv_bool(w, "overdue", s->review_overdue);
	json_kv_int(w, "actions", (long long)s->review_actions);
	json_kv_int(w, "actions_open", (long long)s->review_actions_open);
	json_kv_int(w, "actions_overdue", (long long)s->review_actions_overdue);
	json_end_object(w);
}

void pdca_text_counts(struct sbuf *out, const char *const *names,
    const size_t *counts, size_t n)
{
	bool any = false;
	for (size_t k = 0; k <= n; k++) {
		if (!counts[k])
			continue;
		sbuf_addf(out, "%s%zu %s", any ? ", " : "", counts[k],
		    k < n ? names[k] : "without status");
		any = true;
	}
	if (!any)
		sbuf_adds(out, "none");
}

void pdca_summary_text(const struct pdca_summary *s, struct sbuf *out)
{
	char d1[11], d2[11];

	sbuf_addf(out, "Objectives   %zu: ", s->objectives);
	pdca_text_counts(out, objective_statuses,
	    s->objectives_by_status, OBJ_STATUS_COUNT);
	sbuf_addf(out, "; %zu overdue\n", s->objectives_overdue);

	sbuf_addf(out, "Documents    %zu: ", s->documents);
	pdca_text_counts(out, document_statuses,
	    s->documents_by_status, DOC_STATUS_COUNT);
	sbuf_addf(out, "; %zu unapproved, %zu past review\n",
	    s->documents_unapproved, s->documents_review_overdue);

	sbuf_addf(out, "Incidents    %zu, %zu open", s->incidents,
	    s->incidents_open);
	if (s->incidents_open) {
		sbuf_adds(out, " (");
		pdca_text_counts(out, incident_severities, s->open_by_severity,
		    INC_SEVERITY_COUNT);
		sbuf_adds(out, ")");
	}
	sbuf_addf(out, "; %zu overdue; %zu breaches, %zu notified late\n",
	    s->incidents_overdue, s->breaches, s->breaches_late);

	sbuf_addf(out, "Metrics      %zu: %zu on target, %zu below, %zu stale\n",
	    s->metrics, s->metrics_met, s->metrics_missed, s->metrics_stale);

	if (s->last_review == DATE_NONE)
		snprintf(d1, sizeof(d1), "never");
	else
		date_format(s->last_review, d1);
	if (s->next_review_due == DATE_NONE)
		snprintf(d2, sizeof(d2), "-");
	else
		date_format(s->next_review_due, d2);
	sbuf_addf(out, "Mgmt reviews last %s, next due %s%s; actions %zu open, "
	    "%zu overdue\n", d1, d2, s->review_overdue ? " (overdue)" : "",
	    s->review_actions_open, s->review_actions_overdue);
}

/* Due items */

const char *pdca_due_kind_name(enum pdca_due_kind k)
{
	static const char *const names[] = { "objective", "document-review",
		"incident", "notification", "measurement", "review-action",
		"management-review" };
	return names[k];
}

struct due_list {
	struct pdca_due *v;
	size_t n, cap;
	long from;
};

static void due_add(struct due_list *l, long date, enum pdca_due_kind kind,
    const char *id, const char *text, const char *owner)
{
	if (date == DATE_NONE || date < l->from)
		return;
	GROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = (struct pdca_due){ date, kind, id, text, owner };
}

static int due_cmp(const void *a, const void *b)
{
	const struct pdca_due *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	int c = id_cmp(x->id ? x->id : "", y->id ? y->id : "");
	if (c)
		return c;
	return str_cmp_null(x->text, y->text);
}

static void due_incidents(const struct project *p, struct due_list *l)
{
	const struct reclist *il = &p->incidents->incidents;
	const struct schema *is = coll_schema(COL_INCIDENTS);
	for (size_t k = 0; k < il->n; k++) {
		const struct incident *i = il->v[k];
		long deadline;
		if (pdca_incident_open(i))
			due_add(l, rec_date(i, is, "target"), PDUE_INCIDENT,
			    i->id, i->title, i->owner);
		if (pdca_incident_notice(p, i, &deadline) == NOTICE_PENDING)
			due_add(l, deadline, PDUE_NOTIFICATION, i->id,
			    i->title, i->owner);
	}
}

static void due_reviews(const struct project *p, struct due_list *l)
{
	const struct reclist *rl = &p->reviews->reviews;
	const struct schema *as = sub_schema(COL_REVIEWS, "actions");
	for (size_t k = 0; k < rl->n; k++) {
		const struct review *r = rl->v[k];
		for (size_t j = 0; j < r->actions.n; j++) {
			const struct action *a = r->actions.v[j];
			if (!(rec_has(a, as, "done") && a->done))
				due_add(l, rec_date(a, as, "due"),
				    PDUE_REVIEW_ACTION, r->id, a->text,
				    a->owner);
		}
	}
	due_add(l, pdca_review_due(p), PDUE_REVIEW, NULL,
	    "management review", NULL);
}

size_t pdca_due_items(const struct project *p, long from,
    struct pdca_due **out)
{
	struct due_list l = { NULL, 0, 0, from };
	const struct reclist *ol = &p->objectives->objectives;
	for (size_t k = 0; k < ol->n; k++) {
		const struct objective *o = ol->v[k];
		if (pdca_objective_open(o))
			due_add(&l, rec_date(o, coll_schema(COL_OBJECTIVES),
			    "due"), PDUE_OBJECTIVE, o->id, o->title, o->owner);
	}
	const struct reclist *dl = &p->documents->documents;
	for (size_t k = 0; k < dl->n; k++) {
		const struct document *d = dl->v[k];
		if (!doc_status_is(d, DOC_WITHDRAWN))
			due_add(&l, rec_date(d, coll_schema(COL_DOCUMENTS),
			    "review"), PDUE_DOCUMENT_REVIEW, d->id, d->title,
			    d->owner);
	}
	due_incidents(p, &l);
	const struct reclist *ml = &p->metrics->metrics;
	for (size_t k = 0; k < ml->n; k++) {
		const struct metric *m = ml->v[k];
		due_add(&l, pdca_metric_next_due(m), PDUE_MEASUREMENT, m->id,
		    m->title, m->owner);
	}
	due_reviews(p, &l);
	if (l.n)
		qsort(l.v, l.n, sizeof(*l.v), due_cmp);
	*out = l.v;
	return l.n;
}
