/*
 * isms check rules for the Statement of Applicability (6.1.3 d).
 *
 * The SoA must be complete (every catalog control decided), justified
 * (exclusions give a reason, applicable controls a status, implemented
 * ones evidence) and in step with the risk treatment plan (no control a
 * live treatment uses is excluded, every control a treatment names
 * exists).  Each problem is reported at the node a person has to change:
 * the `applicable:` of a wrong decision, the `status:` of an unsupported
 * claim, the list item of a bad reference.
 */
#include "isms/check.h"

#include <stdlib.h>
#include <string.h>

#include "isms/assess.h"
#include "isms/catalog.h"
#include "isms/soa.h"

#define R_MISSING "soa-missing"
#define R_UNDECIDED "soa-undecided"
#define R_NO_STATUS "soa-no-status"
#define R_NO_REASON "soa-no-reason"
#define R_EXCLUDED_USED "soa-excluded-used"
#define R_UNKNOWN "soa-unknown-control"
#define R_NO_EVIDENCE "soa-no-evidence"
#define R_CATALOG "soa-catalog"
#define R_TREAT_UNKNOWN "treat-unknown-control"

static const char soa_file[] = "soa.yaml";

static const struct soa_control *entry(const struct project *p, size_t i)
{
	return p->soa->controls.v[i];
}

static bool plan_selects_controls(const struct project *p)
{
	const struct reclist *l = &p->treatments->treatments;
	for (size_t i = 0; i < l->n; i++) {
		const struct treatment *t = l->v[i];
		if (treatment_live(t) && t->controls.n)
			return true;
	}
	return false;
}

static void rule_missing(const struct project *p, struct diags *out)
{
	const struct catalog *cat = p->catalog;
	const struct ynode *at = rec_node(p->soa, "controls");
	if (!cat || !catalog_count(cat))
		return;
	/* An SoA not yet begun is one problem, not one per control, and it
	 * is due once the treatment plan selects controls (6.1.3 c-d): a
	 * freshly made project is not yet wrong. */
	if (!p->soa->controls.n) {
		if (!plan_selects_controls(p))
			return;
		diag_add(out, SEV_ERROR, R_MISSING, soa_file, at,
		    "the SoA decides none of the %zu controls of %s; run "
		    "'isms soa generate'", catalog_count(cat), catalog_name(cat));
		return;
	}
	for (size_t i = 0; i < catalog_count(cat); i++) {
		const struct catalog_control *cc = catalog_control(cat, i);
		if (!project_find(p, COL_CONTROLS, cc->id))
			diag_add(out, SEV_ERROR, R_MISSING, soa_file, at,
			    "control %s (%s) of %s is missing from the SoA",
			    cc->id, cc->title, catalog_name(cat));
	}
}

static void rule_undecided(const struct project *p, struct diags *out)
{
	for (size_t i = 0; i < p->soa->controls.n; i++) {
		const struct soa_control *c = entry(p, i);
		if (soa_decision(c) < 0)
			diag_add(out, SEV_WARNING, R_UNDECIDED, soa_file, c->r.node,
			    "control %s is undecided: set applicable to true or "
			    "false", c->id);
	}
}

static void rule_no_status(const struct project *p, struct diags *out)
{
	for (size_t i = 0; i < p->soa->controls.n; i++) {
		const struct soa_control *c = entry(p, i);
		if (soa_decision(c) == 1 && soa_status(c) < 0)
			diag_add(out, SEV_ERROR, R_NO_STATUS, soa_file,
			    rec_node(c, "applicable"),
			    "control %s is applicable but has no status "
			    "(not-started, planned, partial or implemented)",
			    c->id);
	}
}

static void rule_no_reason(const struct project *p, struct diags *out)
{
	for (size_t i = 0; i < p->soa->controls.n; i++) {
		const struct soa_control *c = entry(p, i);
		if (soa_decision(c) == 0 && (!c->reason || !*c->reason))
			diag_add(out, SEV_ERROR, R_NO_REASON, soa_file,
			    rec_node(c, "applicable"),
			    "control %s is excluded without a reason", c->id);
	}
}

static void rule_excluded_used(const struct project *p, struct diags *out)
{
	struct soa_uses u;
	struct sbuf ts = SBUF_INIT;

	soa_uses_build(p, &u);
	for (size_t i = 0; i < p->soa->controls.n; i++) {
		const struct soa_control *c = entry(p, i);
		const struct soa_usage *use = soa_uses_find(&u, c->id);
		if (soa_decision(c) != 0 || !use)
			continue;
		sbuf_reset(&ts);
		soa_usage_treatments(use, &ts);
		diag_add(out, SEV_ERROR, R_EXCLUDED_USED, soa_file,
		    rec_node(c, "applicable"),
		    "control %s is excluded but treatment%s %s use%s it",
		    c->id, use->ntreatments > 1 ? "s" : "", ts.buf,
		    use->ntreatments > 1 ? "" : "s");
	}
	sbuf_release(&ts);
	soa_uses_release(&u);
}

static void rule_unknown(const struct project *p, struct diags *out)
{
	if (!p->catalog)
		return;
	for (size_t i = 0; i < p->soa->controls.n; i++) {
		const struct soa_control *c = entry(p, i);
		if (!catalog_find(p->catalog, c->id))
			diag_add(out, SEV_ERROR, R_UNKNOWN, soa_file,
			    rec_node(c, "id"), "control '%s' is not in %s",
			    c->id, catalog_name(p->catalog));
	}
}

static void rule_no_evidence(const struct project *p, struct diags *out)
{
	for (size_t i = 0; i < p->soa->controls.n; i++) {
		const struct soa_control *c = entry(p, i);
		if (soa_status(c) == SOA_IMPLEMENTED && !c->evidence.n)
			diag_add(out, SEV_WARNING, R_NO_EVIDENCE, soa_file,
			    rec_node(c, "status"),
			    "control %s is implemented but lists no evidence",
			    c->id);
	}
}

static void rule_catalog(const struct project *p, struct diags *out)
{
	const char *soa = p->soa->catalog;
	if (!p->catalog || !soa || strcmp(soa, catalog_name(p->catalog)) == 0)
		return;
	diag_add(out, SEV_ERROR, R_CATALOG, soa_file, rec_node(p->soa, "catalog"),
	    "soa.yaml follows catalog %s but isms.yaml names %s%s", soa,
	    catalog_name(p->catalog),
	    catalog_supersedes(p->catalog) &&
	    strcmp(catalog_supersedes(p->catalog), soa) == 0 ?
	    "; run 'isms soa migrate'" : "");
}

/* "; iso27001-2013 6.2.1 became 8.1" for an id of the catalog that the
 * project's catalog replaced, else nothing. */
static void old_id_hint(const struct catalog *cat, const char *id,
    struct sbuf *out)
{
	const char *const *to;
	size_t n = catalog_map_to_new(cat, id, &to);
	if (!n)
		return;
	sbuf_addf(out, "; %s %s became ", catalog_supersedes(cat), id);
	for (size_t i = 0; i < n; i++)
		sbuf_addf(out, "%s%s", i ? (i + 1 == n ? " and " : ", ") : "",
		    to[i]);
}

static void rule_treat_unknown(const struct project *p, struct diags *out)
{
	const struct reclist *l = &p->treatments->treatments;
	struct sbuf hint = SBUF_INIT;

	if (!p->catalog)
		return;
	for (size_t i = 0; i < l->n; i++) {
		const struct treatment *t = l->v[i];
		for (size_t k = 0; k < t->controls.n; k++) {
			const char *id = t->controls.v[k];
			if (catalog_find(p->catalog, id))
				continue;
			sbuf_reset(&hint);
			old_id_hint(p->catalog, id, &hint);
			diag_add(out, SEV_ERROR, R_TREAT_UNKNOWN, "treatments.yaml",
			    rec_item_node(t, "controls", k),
			    "treatment %s: control '%s' is not in %s%s",
			    t->id, id, catalog_name(p->catalog), hint.buf);
		}
	}
	sbuf_release(&hint);
}

const struct rule soa_rules[] = {
	{ R_MISSING, SEV_ERROR, "a catalog control missing from the SoA",
	    rule_missing },
	{ R_UNDECIDED, SEV_WARNING,
	    "an SoA control not yet decided applicable or not", rule_undecided },
	{ R_NO_STATUS, SEV_ERROR, "an applicable control without a status",
	    rule_no_status },
	{ R_NO_REASON, SEV_ERROR, "an excluded control without a reason",
	    rule_no_reason },
	{ R_EXCLUDED_USED, SEV_ERROR,
	    "an excluded control that a live treatment uses",
	    rule_excluded_used },
	{ R_UNKNOWN, SEV_ERROR, "an SoA control that is not in the catalog",
	    rule_unknown },
	{ R_NO_EVIDENCE, SEV_WARNING,
	    "an implemented control that lists no evidence", rule_no_evidence },
	{ R_CATALOG, SEV_ERROR,
	    "soa.yaml follows another catalog than isms.yaml", rule_catalog },
	{ R_TREAT_UNKNOWN, SEV_ERROR,
	    "a treatment names a control that is not in the catalog",
	    rule_treat_unknown },
	{ NULL, SEV_ERROR, NULL, NULL },
};
