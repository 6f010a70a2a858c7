/*
 * Check rules for the rest of the PDCA cycle: objectives, documents,
 * incidents, metrics and management reviews, and their links into the
 * catalog and the SoA.
 *
 * Every judgement comes from pdca.c, so `isms check`, `isms status` and the
 * reports agree; these functions only choose where to point and what to
 * say.  A problem is reported at the node a person has to change: the due
 * date that passed, the status that is wrong, the list item that names
 * something unknown.
 */
#include "isms/check.h"

#include <stdio.h>
#include <string.h>

#include "isms/catalog.h"
#include "isms/date.h"
#include "isms/output.h"
#include "isms/pdca.h"

#define R_OBJ_OVERDUE "objective-overdue"
#define R_DOC_REVIEW "document-review-overdue"
#define R_DOC_UNAPPROVED "document-unapproved"
#define R_INC_OVERDUE "incident-overdue"
#define R_INC_NOTIFY "incident-not-notified"
#define R_INC_LESSONS "incident-no-lessons"
#define R_RISK_REASSESS "risk-not-reassessed"
#define R_METRIC_STALE "metric-stale"
#define R_METRIC_TARGET "metric-below-target"
#define R_ACTION_OVERDUE "review-action-overdue"
#define R_REVIEW_MISSING "review-missing"
#define R_UNKNOWN_CONTROL "pdca-unknown-control"
#define R_UNKNOWN_CLAUSE "pdca-unknown-clause"
#define R_EVIDENCE_DOC "evidence-unknown-document"
#define R_POLICY "pdca-policy"

static const char *file_of(enum collection c)
{
	return reg_defs[coll_defs[c].file].file;
}

static const char *id_or(const char *id)
{
	return id ? id : "?";
}

static const char *day(long d, char buf[static 11])
{
	date_format(d, buf);
	return buf;
}

static void rule_objective_overdue(const struct project *p,
    struct diags *out)
{
	const struct reclist *l = &p->objectives->objectives;
	const struct schema *s = coll_defs[COL_OBJECTIVES].schema;
	char d[11];
	for (size_t k = 0; k < l->n; k++) {
		const struct objective *o = l->v[k];
		if (!pdca_objective_overdue(p, o))
			continue;
		diag_add(out, SEV_WARNING, R_OBJ_OVERDUE, file_of(COL_OBJECTIVES),
		    rec_node(o, "due"), "objective %s was due on %s and is %s",
		    id_or(o->id), day(o->due, d), rec_has(o, s, "status") ?
		    objective_statuses[o->status] : "without a status");
	}
}

static void rule_document_review(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->documents->documents;
	char d[11];
	for (size_t k = 0; k < l->n; k++) {
		const struct document *doc = l->v[k];
		if (pdca_document_review_overdue(p, doc))
			diag_add(out, SEV_WARNING, R_DOC_REVIEW,
			    file_of(COL_DOCUMENTS), rec_node(doc, "review"),
			    "document %s was due for review on %s",
			    id_or(doc->id), day(doc->review, d));
	}
}

static void rule_document_unapproved(const struct project *p,
    struct diags *out)
{
	const struct reclist *l = &p->documents->documents;
	const struct schema *s = coll_defs[COL_DOCUMENTS].schema;
	for (size_t k = 0; k < l->n; k++) {
		const struct document *doc = l->v[k];
		if (!pdca_document_unapproved(doc))
			continue;
		const char *why = !rec_has(doc, s, "status") ?
		    "has no status (draft, approved or withdrawn)" :
		    doc->status == DOC_DRAFT ? "is a draft" :
		    !doc->approved_by || !*doc->approved_by ?
		    "is approved but names no approved_by" :
		    "is approved but has no approved_on date";
		diag_add(out, SEV_WARNING, R_DOC_UNAPPROVED,
		    file_of(COL_DOCUMENTS), rec_node(doc, "status"),
		    "document %s %s", id_or(doc->id), why);
	}
}

static void rule_incident_overdue(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->incidents->incidents;
	char d[11];
	for (size_t k = 0; k < l->n; k++) {
		const struct incident *i = l->v[k];
		if (pdca_incident_overdue(p, i))
			diag_add(out, SEV_WARNING, R_INC_OVERDUE,
			    file_of(COL_INCIDENTS), rec_node(i, "target"),
			    "incident %s is still open after its target date %s",
			    id_or(i->id), day(i->target, d));
	}
}

static void rule_incident_notify(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->incidents->incidents;
	long hours = pdca_policy(p, PDCA_NOTIFY_HOURS,
	    PDCA_NOTIFY_HOURS_DEFAULT, NULL);
	char d1[11], d2[11];
	for (size_t k = 0; k < l->n; k++) {
		const struct incident *i = l->v[k];
		long deadline;
		switch (pdca_incident_notice(p, i, &deadline)) {
		case NOTICE_LATE:
			diag_add(out, SEV_ERROR, R_INC_NOTIFY,
			    file_of(COL_INCIDENTS), rec_node(i, "notified_on"),
			    "incident %s: personal data breach notified on %s, "
			    "after the %ld-hour window that ended on %s",
			    id_or(i->id), day(i->notified_on, d1), hours,
			    day(deadline, d2));
			break;
		case NOTICE_MISSED:
			diag_add(out, SEV_ERROR, R_INC_NOTIFY,
			    file_of(COL_INCIDENTS), rec_node(i, "personal_data"),
			    "incident %s: personal data breach not notified to "
			    "the regulator within %ld hours (by %s); record "
			    "notified_on, or notifiable: false with the reason",
			    id_or(i->id), hours, day(deadline, d1));
			break;
		default:
			break;
		}
	}
}

static void rule_incident_lessons(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->incidents->incidents;
	for (size_t k = 0; k < l->n; k++) {
		const struct incident *i = l->v[k];
		if (!pdca_incident_open(i) && (!i->lessons || !*i->lessons))
			diag_add(out, SEV_ERROR, R_INC_LESSONS,
			    file_of(COL_INCIDENTS), rec_node(i, "status"),
			    "incident %s is closed without lessons learned "
			    "(A.5.27)", id_or(i->id));
	}
}

static void rule_risk_reassessed(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->incidents->incidents;
	char d[11];
	for (size_t k = 0; k < l->n; k++) {
		const struct incident *i = l->v[k];
		for (size_t j = 0; j < i->risks.n; j++) {
			const struct risk *r = project_find(p, COL_RISKS,
			    i->risks.v[j]);
			if (!r || !pdca_risk_not_reassessed(i, r))
				continue;
			diag_add(out, SEV_WARNING, R_RISK_REASSESS,
			    file_of(COL_RISKS), rec_node(r, "review"),
			    "risk %s was realised by incident %s on %s and has "
			    "not been re-assessed since (no identified or "
			    "review date on or after it)", id_or(r->id),
			    id_or(i->id), day(pdca_incident_date(i), d));
		}
	}
}

static const char *period_text(const struct metric *m, char *buf,
    size_t size)
{
	long days;
	int months;
	pdca_metric_interval(m, &days, &months);
	if (days)
		snprintf(buf, size, "every %ld days", days);
	else
		snprintf(buf, size, "%s", metric_periods[m->period]);
	return buf;
}

static void rule_metric_stale(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->metrics->metrics;
	char d1[11], d2[11], per[40];
	for (size_t k = 0; k < l->n; k++) {
		const struct metric *m = l->v[k];
		if (!pdca_metric_stale(p, m))
			continue;
		const struct measurement *last = pdca_metric_latest(m);
		long due = pdca_metric_next_due(m);
		period_text(m, per, sizeof(per));
		if (last)
			diag_add(out, SEV_WARNING, R_METRIC_STALE,
			    file_of(COL_METRICS), rec_node(m, "measurements"),
			    "metric %s (%s) has no measurement since %s; the "
			    "next was due by %s", id_or(m->id), per,
			    day(last->date, d1), day(due, d2));
		else if (due != DATE_NONE)
			diag_add(out, SEV_WARNING, R_METRIC_STALE,
			    file_of(COL_METRICS), m->r.node,
			    "metric %s (%s) has never been measured; the first "
			    "result was due by %s", id_or(m->id), per,
			    day(due, d1));
		else
			diag_add(out, SEV_WARNING, R_METRIC_STALE,
			    file_of(COL_METRICS), m->r.node,
			    "metric %s (%s) has never been measured", id_or(m->id),
			    per);
	}
}

static void rule_metric_target(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->metrics->metrics;
	char d[11], v[32], t[32];
	for (size_t k = 0; k < l->n; k++) {
		const struct metric *m = l->v[k];
		if (pdca_metric_target(m) != TARGET_MISSED)
			continue;
		const struct measurement *last = pdca_metric_latest(m);
		bool lower = rec_has(m, coll_defs[COL_METRICS].schema,
		    "direction") && m->direction == DIR_LOWER;
		diag_add(out, SEV_WARNING, R_METRIC_TARGET, file_of(COL_METRICS),
		    last->r.node, "metric %s: the latest result %s%s%s (%s) is "
		    "%s the target %s%s%s", id_or(m->id), fmt_num(last->value, v),
		    m->unit ? " " : "", m->unit ? m->unit : "",
		    day(last->date, d), lower ? "above" : "below",
		    fmt_num(m->target, t), m->unit ? " " : "",
		    m->unit ? m->unit : "");
	}
}

static void rule_action_overdue(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->reviews->reviews;
	char d[11];
	for (size_t k = 0; k < l->n; k++) {
		const struct review *r = l->v[k];
		for (size_t j = 0; j < r->actions.n; j++) {
			const struct action *a = r->actions.v[j];
			if (!pdca_action_overdue(p, a))
				continue;
			diag_add(out, SEV_WARNING, R_ACTION_OVERDUE,
			    file_of(COL_REVIEWS), a->r.node,
			    "review %s: action '%s'%s%s%s was due on %s",
			    id_or(r->id), a->text ? a->text : "?",
			    a->owner ? " (" : "", a->owner ? a->owner : "",
			    a->owner ? ")" : "", day(a->due, d));
		}
	}
}

static void rule_review_missing(const struct project *p, struct diags *out)
{
	const struct review *last = pdca_last_review(p);
	long due = pdca_review_due(p);
	char d1[11], d2[11];
	if (due == DATE_NONE || due >= p->today)
		return;
	if (last) {
		long months = pdca_policy(p, PDCA_REVIEW_MONTHS,
		    PDCA_REVIEW_MONTHS_DEFAULT, NULL);
		diag_add(out, SEV_ERROR, R_REVIEW_MISSING, file_of(COL_REVIEWS),
		    last->r.node, "no management review held since %s (%s); "
		    "the next was due by %s (every %ld months, 9.3)",
		    day(last->date, d1), id_or(last->id), day(due, d2), months);
		return;
	}
	/* Never held: point at the earliest planned review, now past. */
	const struct reclist *l = &p->reviews->reviews;
	for (size_t k = 0; k < l->n; k++) {
		const struct review *r = l->v[k];
		if (r->date != due)
			continue;
		diag_add(out, SEV_ERROR, R_REVIEW_MISSING, file_of(COL_REVIEWS),
		    rec_node(r, "date"), "no management review has been held: "
		    "%s was planned for %s (9.3)", id_or(r->id), day(due, d1));
		return;
	}
}

/* Controls and clauses named by the PDCA registers, against the catalog. */
struct catalog_ref {
	enum collection coll;
	const char *field;
	bool clause;
};

static const struct catalog_ref catalog_refs[] = {
	{ COL_OBJECTIVES, "clauses", true },
	{ COL_OBJECTIVES, "controls", false },
	{ COL_DOCUMENTS, "controls", false },
	{ COL_DOCUMENTS, "clauses", true },
	{ COL_INCIDENTS, "controls_failed", false },
	{ COL_METRICS, "clauses", true },
	{ COL_METRICS, "controls", false },
};

static void check_catalog_ref(const struct project *p,
    const struct catalog_ref *cr, bool clauses, struct diags *out)
{
	const struct coll_def *cd = &coll_defs[cr->coll];
	const struct field *f = schema_field(cd->schema, cr->field);
	const struct reclist *l = project_list(p, cr->coll);
	for (size_t k = 0; k < l->n; k++) {
		const struct strlist *sl = FIELD_PTR(l->v[k], f,
		    const struct strlist);
		for (size_t j = 0; j < sl->n; j++) {
			const char *id = sl->v[j];
			bool known = clauses ?
			    catalog_find_clause(p->catalog, id) != NULL :
			    catalog_find(p->catalog, id) != NULL;
			if (known)
				continue;
			diag_add(out, SEV_ERROR, clauses ? R_UNKNOWN_CLAUSE :
			    R_UNKNOWN_CONTROL, file_of(cr->coll),
			    rec_item_node(l->v[k], cr->field, j),
			    "%s %s: %s '%s' is not in %s", cd->noun,
			    id_or(rec_id(l->v[k], cd->schema)),
			    clauses ? "clause" : "control", id,
			    catalog_name(p->catalog));
		}
	}
}

static void check_catalog_refs(const struct project *p, bool clauses,
    struct diags *out)
{
	if (!p->catalog)
		return;
	/* A catalog without clauses (a project's own) cannot judge them. */
	if (clauses && !catalog_clause_count(p->catalog))
		return;
	for (size_t k = 0; k < ARRAY_SIZE(catalog_refs); k++)
		if (catalog_refs[k].clause == clauses)
			check_catalog_ref(p, &catalog_refs[k], clauses, out);
}

static void rule_unknown_control(const struct project *p, struct diags *out)
{
	check_catalog_refs(p, false, out);
}

static void rule_unknown_clause(const struct project *p, struct diags *out)
{
	check_catalog_refs(p, true, out);
}

static void rule_evidence_document(const struct project *p,
    struct diags *out)
{
	const struct reclist *l = &p->soa->controls;
	const struct schema *ds = coll_defs[COL_DOCUMENTS].schema;
	char id[64];
	for (size_t k = 0; k < l->n; k++) {
		const struct soa_control *c = l->v[k];
		for (size_t j = 0; j < c->evidence.n; j++) {
			if (!pdca_evidence_document(c->evidence.v[j], id,
			    sizeof(id)))
				continue;
			const struct document *d = project_find(p,
			    COL_DOCUMENTS, id);
			if (d && !(rec_has(d, ds, "status") &&
			    d->status == DOC_WITHDRAWN))
				continue;
			diag_add(out, SEV_WARNING, R_EVIDENCE_DOC, "soa.yaml",
			    rec_item_node(c, "evidence", j),
			    "control %s: evidence names document %s, which %s",
			    id_or(c->id), id, d ? "is withdrawn" :
			    "is not in documents.yaml");
		}
	}
}

static void rule_policy(const struct project *p, struct diags *out)
{
	static const char *const keys[] = { PDCA_NOTIFY_HOURS,
		PDCA_REVIEW_MONTHS };
	for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
		const struct ynode *bad;
		long dflt = k == 0 ? PDCA_NOTIFY_HOURS_DEFAULT :
		    PDCA_REVIEW_MONTHS_DEFAULT;
		pdca_policy(p, keys[k], dflt, &bad);
		if (bad)
			diag_add(out, SEV_ERROR, R_POLICY, "isms.yaml", bad,
			    "policy.%s must be a whole number from 1 to 100000; "
			    "using %ld", keys[k], dflt);
	}
}

const struct rule pdca_rules[] = {
	{ R_OBJ_OVERDUE, SEV_WARNING,
	    "an objective past its due date and not achieved",
	    rule_objective_overdue },
	{ R_DOC_REVIEW, SEV_WARNING, "a document past its review date",
	    rule_document_review },
	{ R_DOC_UNAPPROVED, SEV_WARNING,
	    "a document that is a draft or lacks its approval",
	    rule_document_unapproved },
	{ R_INC_OVERDUE, SEV_WARNING, "an incident open past its target date",
	    rule_incident_overdue },
	{ R_INC_NOTIFY, SEV_ERROR,
	    "a personal data breach not notified within the window",
	    rule_incident_notify },
	{ R_INC_LESSONS, SEV_ERROR,
	    "a closed incident without lessons learned",
	    rule_incident_lessons },
	{ R_RISK_REASSESS, SEV_WARNING,
	    "a risk realised by an incident and not re-assessed since",
	    rule_risk_reassessed },
	{ R_METRIC_STALE, SEV_WARNING, "a metric with no measurement in its period",
	    rule_metric_stale },
	{ R_METRIC_TARGET, SEV_WARNING,
	    "a metric whose latest result misses its target",
	    rule_metric_target },
	{ R_ACTION_OVERDUE, SEV_WARNING,
	    "a management review action past its due date",
	    rule_action_overdue },
	{ R_REVIEW_MISSING, SEV_ERROR,
	    "no management review within the review interval",
	    rule_review_missing },
	{ R_UNKNOWN_CONTROL, SEV_ERROR,
	    "an objective, document, incident or metric names an unknown control",
	    rule_unknown_control },
	{ R_UNKNOWN_CLAUSE, SEV_ERROR,
	    "an objective, document or metric names an unknown clause",
	    rule_unknown_clause },
	{ R_EVIDENCE_DOC, SEV_WARNING,
	    "SoA evidence names a missing or withdrawn document",
	    rule_evidence_document },
	{ R_POLICY, SEV_ERROR, "a policy setting that is not a whole number",
	    rule_policy },
	{ NULL, SEV_ERROR, NULL, NULL },
};
