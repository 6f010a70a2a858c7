/*
 * isms check rules for the audit programme, audits and findings (9.2, 10.2).
 *
 * Each rule is a judgement of include/isms/audit.h put at the line a person
 * has to change: the due date of an overdue action, the status of a closed
 * finding, the planned date of a stale audit, the SoA entry of a control
 * the programme has not reached.  Coverage gaps of clauses are summarised
 * per top-level clause (one line for "clause 9: 9.1, 9.2.1, ..."), which
 * reads better in a CI log than forty lines at the same place; controls get
 * one problem each at their SoA entry, so code scanning shows them where
 * the control is declared.
 */
#include "isms/check.h"

#include <string.h>

#include "isms/audit.h"
#include "isms/date.h"

#define AUDITS "audits.yaml"

static const char *fid(const struct finding *f)
{
	return f->id ? f->id : "?";
}

static const struct ynode *action_node(const struct finding *f,
    const char *key)
{
	const struct ynode *n = f->action ? rec_node(f->action, key) : NULL;
	return n ? n : rec_node(f, "action");
}

static void rule_finding_overdue(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->audits->findings;
	char due[11];
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = l->v[i];
		if (!finding_is_overdue(p, f))
			continue;
		date_format(finding_due(f), due);
		diag_add(out, SEV_ERROR, "finding-overdue", AUDITS,
		    action_node(f, "due"),
		    "finding %s is open and its corrective action was due "
		    "on %s", fid(f), due);
	}
}

static void rule_nc_no_action(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->audits->findings;
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = l->v[i];
		const char *missing = finding_close_blocker(f);
		if (!missing)
			continue;
		bool major = f->type == FT_MAJOR;
		diag_add(out, major ? SEV_ERROR : SEV_WARNING, "nc-no-action",
		    AUDITS, f->action ? rec_node(f, "action") :
		    rec_node(f, "type"),
		    "%s nonconformity %s lacks %s (10.2)",
		    major ? "major" : "minor", fid(f), missing);
	}
}

static void rule_finding_unverified(const struct project *p,
    struct diags *out)
{
	const struct reclist *l = &p->audits->findings;
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = l->v[i];
		if (finding_status(f) != FS_CLOSED || !finding_is_nc(f) ||
		    finding_is_verified(f))
			continue;
		diag_add(out, SEV_ERROR, "finding-unverified", AUDITS,
		    rec_node(f, "status"),
		    "nonconformity %s is closed but the effectiveness of its "
		    "corrective action was never verified (action.verified_by "
		    "and action.verified_on)", fid(f));
	}
}

static void rule_finding_bad_ref(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->audits->findings;
	if (!p->catalog)
		return;
	for (size_t i = 0; i < l->n; i++) {
		const struct finding *f = l->v[i];
		if (!f->ref || audit_ref_kind(p->catalog, f->ref, NULL, NULL))
			continue;
		diag_add(out, SEV_ERROR, "finding-bad-ref", AUDITS,
		    rec_node(f, "ref"),
		    "finding %s: ref '%s' is neither a clause nor a control of "
		    "catalog %s", fid(f), f->ref, catalog_name(p->catalog));
	}
}

static void bad_scope_list(const struct project *p, const struct audit *a,
    const char *key, bool clauses, struct diags *out)
{
	const struct strlist *sl = clauses ? &a->scope->clauses :
	    &a->scope->controls;
	for (size_t k = 0; k < sl->n; k++) {
		const char *id = sl->v[k];
		bool ok = clauses ? catalog_find_clause(p->catalog, id) != NULL :
		    catalog_find(p->catalog, id) != NULL;
		if (ok)
			continue;
		diag_add(out, SEV_ERROR, "audit-bad-scope", AUDITS,
		    rec_item_node(a->scope, key, k),
		    "audit %s: scope %s '%s' is not in catalog %s",
		    a->id ? a->id : "?", clauses ? "clause" : "control", id,
		    catalog_name(p->catalog));
	}
}

static void rule_audit_bad_scope(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->audits->audits;
	if (!p->catalog)
		return;
	for (size_t i = 0; i < l->n; i++) {
		const struct audit *a = l->v[i];
		if (!a->scope)
			continue;
		bad_scope_list(p, a, "clauses", true, out);
		bad_scope_list(p, a, "controls", false, out);
	}
}

static void rule_audit_stale(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->audits->audits;
	char d[11];
	for (size_t i = 0; i < l->n; i++) {
		const struct audit *a = l->v[i];
		if (!audit_is_stale(p, a))
			continue;
		date_format(a->planned, d);
		diag_add(out, SEV_WARNING, "audit-stale", AUDITS,
		    rec_node(a, "planned"),
		    "audit %s was planned for %s and is still 'planned'; start "
		    "it, report it or plan it again", a->id ? a->id : "?", d);
	}
}

/* The top-level clause of an id: "9" for "9.2.1". */
static size_t top_len(const char *id)
{
	const char *dot = strchr(id, '.');
	return dot ? (size_t)(dot - id) : strlen(id);
}

static void report_clause_gaps(const struct project *p,
    const struct coverage *cov, const struct ynode *at, struct diags *out)
{
	struct sbuf ids = SBUF_INIT;
	char due[11];
	for (size_t i = 0; i < cov->n; i++) {
		const struct coverage_row *r = &cov->v[i];
		if (r->item.kind != AI_CLAUSE || r->state != COV_OVERDUE)
			continue;
		/* Gather this top-level clause's overdue leaves. */
		size_t tl = top_len(r->item.id);
		long first_due = r->due;
		sbuf_reset(&ids);
		size_t k = i;
		for (; k < cov->n && cov->v[k].item.kind == AI_CLAUSE &&
		    top_len(cov->v[k].item.id) == tl &&
		    strncmp(cov->v[k].item.id, r->item.id, tl) == 0; k++) {
			const struct coverage_row *q = &cov->v[k];
			if (q->state != COV_OVERDUE)
				continue;
			sbuf_addf(&ids, "%s%s", ids.len ? ", " : "", q->item.id);
			if (q->due < first_due)
				first_due = q->due;
		}
		date_format(first_due, due);
		diag_add(out, SEV_ERROR, "audit-coverage", AUDITS, at,
		    "clause %.*s not audited within the %d-month programme "
		    "cycle: %s (due %s)", (int)tl, r->item.id, cov->cycle_months,
		    ids.buf, due);
		i = k - 1;
	}
	sbuf_release(&ids);
}

static void report_control_gaps(const struct project *p,
    const struct coverage *cov, struct diags *out)
{
	char due[11], last[11];
	for (size_t i = 0; i < cov->n; i++) {
		const struct coverage_row *r = &cov->v[i];
		if (r->item.kind != AI_CONTROL || r->state != COV_OVERDUE)
			continue;
		const struct soa_control *s = project_find(p, COL_CONTROLS,
		    r->item.id);
		date_format(r->due, due);
		if (r->last)
			date_format(r->last_date, last);
		diag_add(out, SEV_ERROR, "audit-coverage", "soa.yaml",
		    s ? rec_node(s, "id") : NULL,
		    "applicable control %s (%s) not audited within the %d-month "
		    "programme cycle (%s%s; due %s)", r->item.id,
		    r->item.title, cov->cycle_months,
		    r->last ? "last audited " : "never audited",
		    r->last ? last : "", due);
	}
}

static void rule_audit_coverage(const struct project *p, struct diags *out)
{
	const struct programme *g = p->audits->programme;
	struct coverage cov;

	if (!g)
		return;
	const struct ynode *cycle = rec_node(g, "cycle_months");
	if (cycle != g->r.node && (g->cycle_months < 1 ||
	    g->cycle_months > 1200)) {
		diag_add(out, SEV_ERROR, "audit-coverage", AUDITS, cycle,
		    "programme cycle_months %ld is not between 1 and 1200",
		    g->cycle_months);
		return;
	}
	audit_coverage(p, &cov);
	report_clause_gaps(p, &cov, cycle, out);
	report_control_gaps(p, &cov, out);
	coverage_release(&cov);
}

const struct rule audit_rules[] = {
	{ "audit-coverage", SEV_ERROR, "a clause or applicable control not "
	    "audited within the programme cycle", rule_audit_coverage },
	{ "audit-stale", SEV_WARNING, "an audit whose planned date has passed "
	    "that is still planned", rule_audit_stale },
	{ "audit-bad-scope", SEV_ERROR, "an audit scope naming a clause or "
	    "control the catalog does not have", rule_audit_bad_scope },
	{ "finding-overdue", SEV_ERROR, "an open finding whose corrective "
	    "action is past due", rule_finding_overdue },
	{ "nc-no-action", SEV_ERROR, "a nonconformity without a root cause or "
	    "corrective action (minor ones as warnings)", rule_nc_no_action },
	{ "finding-unverified", SEV_ERROR, "a closed nonconformity whose "
	    "corrective action was never verified", rule_finding_unverified },
	{ "finding-bad-ref", SEV_ERROR, "a finding whose ref is neither a "
	    "clause nor a control of the catalog", rule_finding_bad_ref },
	{ NULL, SEV_ERROR, NULL, NULL },
};
