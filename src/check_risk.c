/*
 * isms check rules for risks and treatments (6.1.2, 6.1.3, 8.2, 8.3).
 *
 * Every rule reads the project's assessment (assess.h), so the levels and
 * scores it judges are those every command shows.  Each problem is placed
 * at the node a person has to change: the rating of an untreated risk, the
 * `expires` of a lapsed acceptance, the action that is late.
 *
 * Errors are inconsistencies in the ISMS itself (a risk above appetite that
 * nobody treats or approves, a residual worse than the inherent risk);
 * what only the calendar makes wrong (a due date or review date passed) is
 * a warning, so CI can choose with --strict whether lateness fails a build.
 * A treatment naming a missing risk is the core rule missing-ref.
 */
#include "isms/check.h"

#include <string.h>

#include "isms/assess.h"
#include "isms/date.h"
#include "isms/method.h"
#include "isms/output.h"

#define R_UNTREATED "risk-untreated"
#define R_UNAPPROVED "risk-unapproved"
#define R_RETAIN "retain-no-acceptance"
#define R_EXPIRED "acceptance-expired"
#define R_TREAT_OVERDUE "treatment-overdue"
#define R_ACTION_OVERDUE "action-overdue"
#define R_REVIEW "risk-review-overdue"
#define R_RESIDUAL "residual-above-inherent"
#define R_NO_ASSETS "risk-no-assets"

static const char *const risks_file = "risks.yaml";
static const char *const treats_file = "treatments.yaml";

static bool has(const void *rec, enum collection c, const char *field)
{
	return rec_has(rec, coll_defs[c].schema, field);
}

static bool is_retain(const struct treatment *t)
{
	return t->option == OPT_RETAIN;
}

/* The risk owner approved it: approved_by names the owner, with a date. */
static bool owner_approved(const struct risk *r, const struct treatment *t)
{
	return r->owner && t->approved_by && strcmp(r->owner, t->approved_by) ==
	    0 && has(t, COL_TREATMENTS, "approved_on");
}

static const char *owner_of(const struct risk *r)
{
	return r->owner && *r->owner ? r->owner : "(none)";
}

static const char *level_of(const struct assessment *a,
    const struct risk_eval *e)
{
	return assess_level_name(a, &e->inherent);
}

static const char *appetite(const struct project *p)
{
	return method_level_name(p->method, method_appetite(p->method));
}

static void rule_untreated(const struct project *p, struct diags *out)
{
	const struct assessment *a = project_assessment(p);
	for (size_t i = 0; i < a->nrisks; i++) {
		const struct risk_eval *e = &a->risks[i];
		size_t live = 0;
		if (!e->above_appetite)
			continue;
		for (size_t k = 0; k < e->ntreatments; k++)
			live += treatment_live(e->treatments[k]);
		if (!live)
			diag_add(out, SEV_ERROR, R_UNTREATED, risks_file,
			    rec_node(e->risk, "rating"), "risk %s is %s, above "
			    "the appetite (%s), and has no treatment",
			    e->risk->id, level_of(a, e), appetite(p));
	}
}

static void rule_unapproved(const struct project *p, struct diags *out)
{
	const struct assessment *a = project_assessment(p);
	for (size_t i = 0; i < a->nrisks; i++) {
		const struct risk_eval *e = &a->risks[i];
		const struct treatment *first = NULL;
		bool approved = false;
		if (!e->above_appetite)
			continue;
		for (size_t k = 0; k < e->ntreatments; k++) {
			const struct treatment *t = e->treatments[k];
			if (!treatment_live(t))
				continue;
			approved |= owner_approved(e->risk, t);
			if (!first && !is_retain(t))
				first = t;
		}
		/* Unapproved retains are retain-no-acceptance's. */
		if (approved || !first)
			continue;
		diag_add(out, SEV_ERROR, R_UNAPPROVED, treats_file,
		    rec_node(first, has(first, COL_TREATMENTS, "approved_by") ?
		    "approved_by" : "id"), "risk %s is %s, above the appetite, "
		    "and its owner %s has approved none of its treatments "
		    "(approved_by and approved_on)", e->risk->id, level_of(a, e),
		    owner_of(e->risk));
	}
}

static void rule_retain(const struct project *p, struct diags *out)
{
	const struct assessment *a = project_assessment(p);
	for (size_t i = 0; i < a->ntreats; i++) {
		const struct treatment *t = a->treats[i].t;
		const struct risk_eval *e = a->treats[i].risk;
		if (!e || !is_retain(t) || !treatment_live(t) ||
		    !e->above_appetite || owner_approved(e->risk, t))
			continue;
		diag_add(out, SEV_ERROR, R_RETAIN, treats_file,
		    rec_node(t, has(t, COL_TREATMENTS, "approved_by") ?
		    "approved_by" : "option"), "treatment %s retains risk %s, "
		    "which is %s and above the appetite (%s), without its "
		    "owner's acceptance (approved_by: %s and approved_on)",
		    t->id, e->risk->id, level_of(a, e), appetite(p),
		    owner_of(e->risk));
	}
}

static void rule_expired(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->treatments->treatments;
	char day[11];
	for (size_t i = 0; i < l->n; i++) {
		const struct treatment *t = l->v[i];
		if (!is_retain(t) || !treatment_live(t) ||
		    !has(t, COL_TREATMENTS, "expires") || t->expires >= p->today)
			continue;
		date_format(t->expires, day);
		diag_add(out, SEV_ERROR, R_EXPIRED, treats_file,
		    rec_node(t, "expires"), "the acceptance of risk %s (%s) "
		    "expired on %s; renew it or treat the risk", t->risk,
		    t->id, day);
	}
}

static bool treatment_done(const struct treatment *t)
{
	return has(t, COL_TREATMENTS, "status") && (t->status == TS_IMPLEMENTED
	    || t->status == TS_VERIFIED || t->status == TS_CANCELLED);
}

static void rule_treatment_overdue(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->treatments->treatments;
	char day[11];
	for (size_t i = 0; i < l->n; i++) {
		const struct treatment *t = l->v[i];
		if (treatment_done(t) || !has(t, COL_TREATMENTS, "due") ||
		    t->due >= p->today)
			continue;
		date_format(t->due, day);
		diag_add(out, SEV_WARNING, R_TREAT_OVERDUE, treats_file,
		    rec_node(t, "due"), "treatment %s of risk %s was due on %s "
		    "and is %s", t->id, t->risk, day,
		    has(t, COL_TREATMENTS, "status") ?
		    treat_statuses[t->status] : "not started");
	}
}

static void rule_action_overdue(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->treatments->treatments;
	const struct schema *ts = coll_defs[COL_TREATMENTS].schema;
	const struct schema *as = schema_field(ts, "actions")->sub;
	char day[11];
	for (size_t i = 0; i < l->n; i++) {
		const struct treatment *t = l->v[i];
		if (has(t, COL_TREATMENTS, "status") && t->status == TS_CANCELLED)
			continue;
		for (size_t k = 0; k < t->actions.n; k++) {
			const struct action *act = t->actions.v[k];
			if ((rec_has(act, as, "done") && act->done) ||
			    !rec_has(act, as, "due") || act->due >= p->today)
				continue;
			date_format(act->due, day);
			diag_add(out, SEV_WARNING, R_ACTION_OVERDUE, treats_file,
			    act->r.node, "action %zu of treatment %s was due on "
			    "%s and is not done", k + 1, t->id, day);
		}
	}
}

static void rule_review(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->risks->risks;
	char day[11];
	for (size_t i = 0; i < l->n; i++) {
		const struct risk *r = l->v[i];
		if (!has(r, COL_RISKS, "review") || r->review >= p->today)
			continue;
		date_format(r->review, day);
		diag_add(out, SEV_WARNING, R_REVIEW, risks_file,
		    rec_node(r, "review"), "risk %s was due for review on %s",
		    r->id, day);
	}
}

static void rule_residual(const struct project *p, struct diags *out)
{
	const struct assessment *a = project_assessment(p);
	char b1[32], b2[32];
	for (size_t i = 0; i < a->ntreats; i++) {
		const struct treat_eval *te = &a->treats[i];
		const struct risk_eval *e = te->risk;
		if (!e || !te->residual.scored || !e->inherent.scored ||
		    te->residual.score <= e->inherent.score)
			continue;
		diag_add(out, SEV_ERROR, R_RESIDUAL, treats_file,
		    rec_node(te->t, "residual"), "the residual rating of %s "
		    "scores %s (%s), above risk %s's inherent %s (%s)",
		    te->t->id, fmt_num(te->residual.score, b1),
		    assess_level_name(a, &te->residual), e->risk->id,
		    fmt_num(e->inherent.score, b2), level_of(a, e));
	}
}

static void rule_no_assets(const struct project *p, struct diags *out)
{
	const struct assessment *a = project_assessment(p);
	int df = method_derived_factor(p->method);
	if (df < 0)
		return;
	for (size_t i = 0; i < a->nrisks; i++) {
		const struct risk_eval *e = &a->risks[i];
		if (!e->risk->rating || e->derived || e->inherent.scored ||
		    e->vals[df] != METHOD_UNRATED)
			continue;
		diag_add(out, SEV_ERROR, R_NO_ASSETS, risks_file,
		    rec_node(e->risk, "rating"), "risk %s leaves %s to be "
		    "derived from its assets but has none%s; rate %s or link an "
		    "asset", e->risk->id,
		    method_factor_name(p->method, (size_t)df),
		    e->risk->assets.n ? " that exist" : "",
		    method_factor_name(p->method, (size_t)df));
	}
}

const struct rule risk_rules[] = {
	{ R_UNTREATED, SEV_ERROR, "a risk above the appetite with no live "
	    "treatment", rule_untreated },
	{ R_UNAPPROVED, SEV_ERROR, "a risk above the appetite whose owner "
	    "approved none of its treatments", rule_unapproved },
	{ R_RETAIN, SEV_ERROR, "a risk above the appetite retained without "
	    "its owner's acceptance", rule_retain },
	{ R_EXPIRED, SEV_ERROR, "a risk acceptance past its expiry date",
	    rule_expired },
	{ R_TREAT_OVERDUE, SEV_WARNING, "an open treatment past its due date",
	    rule_treatment_overdue },
	{ R_ACTION_OVERDUE, SEV_WARNING, "a treatment action past its due "
	    "date and not done", rule_action_overdue },
	{ R_REVIEW, SEV_WARNING, "a risk past its review date", rule_review },
	{ R_RESIDUAL, SEV_ERROR, "a residual rating scoring above the risk's "
	    "inherent rating", rule_residual },
	{ R_NO_ASSETS, SEV_ERROR, "a risk whose impact must come from assets "
	    "it does not have", rule_no_assets },
	{ NULL, SEV_ERROR, NULL, NULL },
};
