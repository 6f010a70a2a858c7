/*
 * The assessment module: which treatment gives the residual and the
 * current view, partial residual ratings, impact derived from assets,
 * ALE and ROSI (with cost_years), heat-map cells and loss models.
 * Projects are loaded from text (project_load() overrides), so each case
 * shows the registers it is about.
 */
#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "isms/assess.h"
#include "isms/date.h"

static const char assets_text[] =
    "version: 1\n"
    "assets:\n"
    "  - {id: A-001, name: DB, c: 5, i: 3, a: 2}\n"
    "  - {id: A-002, name: Mail, c: 2, i: 4, a: 1}\n"
    "  - {id: A-003, name: Server, c: 1, i: 1, a: 1, depends_on: []}\n"
    "  - {id: A-004, name: App, c: 1, i: 2, a: 5, depends_on: [A-003]}\n";

static struct project *load(const char *risks, const char *treatments)
{
	struct text_override ov[] = {
		{ REG_CONFIG, "version: 1\n", 11 },
		{ REG_ASSETS, assets_text, sizeof(assets_text) - 1 },
		{ REG_RISKS, risks, strlen(risks) },
		{ REG_TREATMENTS, treatments, strlen(treatments) },
	};
	struct project *p = NULL;
	long today;
	assert_true(date_parse("2026-11-22", &today));
	assert_null(project_load("/nonexistent/isms-unit", today, ov,
	    ARRAY_SIZE(ov), &p));
	for (size_t i = 0; i < p->diags.n; i++)
		print_message("%s:%u:%u: %s\n", p->diags.v[i].file,
		    p->diags.v[i].line, p->diags.v[i].col, p->diags.v[i].msg);
	assert_null(project_usable(p));
	return p;
}

static const char *level(const struct assessment *a,
    const struct view_score *v)
{
	return assess_level_name(a, v);
}

static void test_views(void **state)
{
	(void)state;
	struct project *p = load("version: 1\nrisks:\n"
	    "  - {id: R-001, title: X, assets: [A-001], rating: {likelihood: 4, impact: 4}}\n",
	    "version: 1\ntreatments:\n"
	    "  - {id: T-001, risk: R-001, option: modify, status: planned, residual: {likelihood: 2}}\n"
	    "  - {id: T-002, risk: R-001, option: modify, status: implemented, residual: {likelihood: 3}}\n"
	    "  - {id: T-003, risk: R-001, option: modify, status: cancelled, residual: {likelihood: 1}}\n"
	    "  - {id: T-004, risk: R-001, option: modify, status: verified}\n");
	const struct assessment *a = project_assessment(p);
	assert_ptr_equal(a, project_assessment(p)); /* computed once */
	const struct risk_eval *e = assess_risk(a, "R-001");
	assert_non_null(e);
	assert_int_equal(e->ntreatments, 4);
	assert_true(e->inherent.scored);
	assert_true(e->inherent.score == 16);
	assert_string_equal(level(a, &e->inherent), "high");
	assert_null(e->inherent.from);
	assert_true(e->above_appetite);
	/* Residual: the lowest live rating; the cancelled T-003 (4) does not
	 * count, and T-004 gives no rating. */
	assert_true(e->residual.score == 8);
	assert_string_equal(e->residual.from->id, "T-001");
	assert_string_equal(level(a, &e->residual), "medium");
	/* Current: only implemented or verified treatments. */
	assert_true(e->current.score == 12);
	assert_string_equal(e->current.from->id, "T-002");
	/* Each treatment's own residual. */
	assert_true(assess_treatment(a, "T-003")->residual.score == 4);
	assert_false(assess_treatment(a, "T-004")->residual.scored);
	/* Grid cells, rows and columns from 0 = lowest. */
	assert_true(e->inherent.in_grid);
	assert_int_equal(e->inherent.row, 3);
	assert_int_equal(e->inherent.col, 3);
	assert_int_equal(e->residual.row, 1);
	assert_int_equal(e->residual.col, 3);
	assert_false(treatment_live(assess_treatment(a, "T-003")->t));
	assert_true(treatment_in_effect(assess_treatment(a, "T-004")->t));
	project_free(p);
}

static void test_no_treatment(void **state)
{
	(void)state;
	struct project *p = load("version: 1\nrisks:\n"
	    "  - {id: R-001, title: X, assets: [A-001], rating: {likelihood: 1, impact: 2}}\n",
	    "version: 1\ntreatments: []\n");
	const struct assessment *a = project_assessment(p);
	const struct risk_eval *e = assess_risk(a, "R-001");
	assert_true(e->residual.score == 2 && !e->residual.from);
	assert_true(e->current.score == 2 && !e->current.from);
	assert_false(e->above_appetite);
	assert_false(e->has_ale);
	assert_null(assess_risk(a, "R-404"));
	project_free(p);
}

static void test_derived_impact(void **state)
{
	(void)state;
	struct project *p = load("version: 1\nrisks:\n"
	    /* Highest harmed property over the assets: i 4 of A-002. */
	    "  - {id: R-001, title: X, assets: [A-001, A-002], cia: [i], rating: {likelihood: 2}}\n"
	    /* No cia: the assets' value (max of C, I, A): 5 of A-001. */
	    "  - {id: R-002, title: Y, assets: [A-002, A-001], rating: {likelihood: 2}}\n"
	    /* Effective values: A-003 inherits A-004's availability 5. */
	    "  - {id: R-003, title: Z, assets: [A-003], cia: [a], rating: {likelihood: 1}}\n"
	    /* Rated impact wins over the assets. */
	    "  - {id: R-004, title: W, assets: [A-001], cia: [c], rating: {likelihood: 1, impact: 2}}\n"
	    /* No asset to derive from: not scored. */
	    "  - {id: R-005, title: V, rating: {likelihood: 1}}\n",
	    "version: 1\ntreatments:\n"
	    /* A partial residual keeps the derived impact. */
	    "  - {id: T-001, risk: R-001, option: modify, residual: {likelihood: 1}}\n");
	const struct assessment *a = project_assessment(p);
	const struct risk_eval *e = assess_risk(a, "R-001");
	assert_true(e->derived);
	assert_true(e->deriv.value == 4);
	assert_int_equal(e->deriv.prop, 'i');
	assert_string_equal(e->deriv_asset->id, "A-002");
	assert_true(e->inherent.score == 8);
	assert_true(e->residual.score == 4);
	e = assess_risk(a, "R-002");
	assert_true(e->derived && e->deriv.value == 5 && e->deriv.prop == 0);
	assert_string_equal(e->deriv_asset->id, "A-001");
	assert_true(e->inherent.score == 10);
	e = assess_risk(a, "R-003");
	assert_true(e->derived && e->deriv.value == 5 && e->deriv.prop == 'a');
	assert_string_equal(e->deriv_asset->id, "A-003");
	e = assess_risk(a, "R-004");
	assert_false(e->derived);
	assert_true(e->inherent.score == 2);
	e = assess_risk(a, "R-005");
	assert_false(e->derived);
	assert_false(e->inherent.scored);
	assert_false(e->residual.scored);
	project_free(p);
}

static void test_money(void **state)
{
	(void)state;
	struct project *p = load("version: 1\nrisks:\n"
	    "  - {id: R-001, title: X, assets: [A-001], rating: {likelihood: 4, impact: 4}, sle: 100000, aro: 0.5}\n"
	    "  - {id: R-002, title: Y, assets: [A-001], rating: {likelihood: 4, impact: 4}}\n",
	    "version: 1\ntreatments:\n"
	    /* 30000 over 5 years + 1000 a year = 7000; ALE 50000 -> 10000. */
	    "  - {id: T-001, risk: R-001, option: modify, residual: {aro: 0.1}, cost: 30000, cost_years: 5, annual_cost: 1000}\n"
	    /* Default 3 years; residual sle replaces the risk's. */
	    "  - {id: T-002, risk: R-001, option: share, residual: {sle: 40000}, cost: 9000}\n"
	    /* No cost: no ROSI. */
	    "  - {id: T-003, risk: R-001, option: modify, residual: {likelihood: 1}}\n"
	    /* No quantitative risk: cost only. */
	    "  - {id: T-004, risk: R-002, option: modify, annual_cost: 500}\n");
	const struct assessment *a = project_assessment(p);
	const struct risk_eval *e = assess_risk(a, "R-001");
	assert_true(e->has_ale && e->ale == 50000);
	const struct treat_eval *t = assess_treatment(a, "T-001");
	assert_true(t->has_ale && t->ale_before == 50000 && t->ale_after == 10000);
	assert_true(t->has_cost && t->annualised_cost == 7000);
	assert_true(t->has_rosi);
	assert_true(fabs(t->rosi - 33000.0 / 7000.0) < 1e-12);
	/* A residual of only sle or aro leaves the factors at inherent. */
	assert_true(t->residual.score == 16);
	t = assess_treatment(a, "T-002");
	assert_true(t->ale_after == 20000 && t->annualised_cost == 3000);
	assert_true(fabs(t->rosi - 9.0) < 1e-12);
	t = assess_treatment(a, "T-003");
	assert_true(t->has_ale && t->ale_after == 50000);
	assert_false(t->has_cost);
	assert_false(t->has_rosi);
	t = assess_treatment(a, "T-004");
	assert_false(t->has_ale);
	assert_true(t->has_cost && t->annualised_cost == 500);
	assert_false(t->has_rosi);
	project_free(p);
}

static void test_loss_model(void **state)
{
	(void)state;
	struct project *p = load("version: 1\nrisks:\n"
	    "  - {id: R-001, title: X, assets: [A-001], rating: {likelihood: 4, impact: 4}, sle: 1000, aro: 2}\n"
	    "  - id: R-002\n    title: Y\n    assets: [A-001]\n"
	    "    rating: {likelihood: 4, impact: 4}\n    sle: 8000\n    aro: 0.5\n"
	    "    loss: {frequency: {min: 0.1, mode: 0.5, max: 2}, magnitude: {min: 1000, mode: 5000, max: 50000}}\n"
	    "  - {id: R-003, title: Z, assets: [A-001], rating: {likelihood: 1, impact: 1}}\n",
	    "version: 1\ntreatments:\n"
	    "  - {id: T-001, risk: R-001, option: modify, residual: {likelihood: 2, aro: 0.5}}\n"
	    "  - {id: T-002, risk: R-002, option: modify, residual: {likelihood: 1, sle: 4000}}\n");
	const struct assessment *a = project_assessment(p);
	struct sim_loss l;
	bool point;
	assert_true(assess_loss_model(a, assess_risk(a, "R-001"), false, &l,
	    &point));
	assert_true(point);
	assert_true(l.freq.min == 2 && l.freq.mode == 2 && l.freq.max == 2);
	assert_true(l.mag.min == 1000 && l.mag.max == 1000);
	assert_true(assess_loss_model(a, assess_risk(a, "R-001"), true, &l,
	    &point));
	assert_true(l.freq.mode == 0.5 && l.mag.mode == 1000);
	assert_true(assess_loss_model(a, assess_risk(a, "R-002"), false, &l,
	    &point));
	assert_false(point);
	assert_true(l.freq.min == 0.1 && l.mag.max == 50000);
	assert_true(assess_loss_model(a, assess_risk(a, "R-002"), true, &l,
	    &point));
	assert_true(l.freq.mode == 0.5); /* no residual aro */
	assert_true(l.mag.min == 500 && l.mag.mode == 2500 && l.mag.max == 25000);
	assert_false(assess_loss_model(a, assess_risk(a, "R-003"), false, &l,
	    &point));
	project_free(p);
}

/*
 * An id given twice is a fatal problem, but the assessment is still made
 * (check runs it when the registers load): a lookup by id finds the first
 * record, treatments naming a twice-given risk count for the first one,
 * and a twice-given treatment id stands for the first treatment's numbers
 * wherever the id is looked up, as the index says.
 */
static void test_duplicate_ids(void **state)
{
	(void)state;
	static const char risks[] = "version: 1\nrisks:\n"
	    "  - {id: R-001, title: X, assets: [A-001], rating: {likelihood: 4, impact: 4}}\n"
	    "  - {id: R-001, title: Y, assets: [A-001], rating: {likelihood: 2, impact: 2}}\n";
	static const char treatments[] = "version: 1\ntreatments:\n"
	    "  - {id: T-001, risk: R-001, option: modify, status: planned, residual: {likelihood: 3}}\n"
	    "  - {id: T-001, risk: R-001, option: modify, status: planned, residual: {likelihood: 1}}\n"
	    "  - {risk: R-001, option: modify, status: planned, residual: {likelihood: 1}}\n";
	struct text_override ov[] = {
		{ REG_CONFIG, "version: 1\n", 11 },
		{ REG_ASSETS, assets_text, sizeof(assets_text) - 1 },
		{ REG_RISKS, risks, sizeof(risks) - 1 },
		{ REG_TREATMENTS, treatments, sizeof(treatments) - 1 },
	};
	struct project *p = NULL;
	assert_null(project_load("/nonexistent/isms-unit", 0, ov,
	    ARRAY_SIZE(ov), &p));
	struct isms_error *err = project_usable(p);
	assert_non_null(err); /* the duplicate ids are fatal */
	err_free(err);
	const struct assessment *a = project_assessment(p);
	const struct risk_eval *e = assess_risk(a, "R-001");
	assert_ptr_equal(e, &a->risks[0]);
	assert_int_equal(e->ntreatments, 3);
	assert_int_equal(a->risks[1].ntreatments, 0);
	assert_ptr_equal(assess_treatment(a, "T-001"), &a->treats[0]);
	assert_true(a->treats[1].residual.score == 4);
	/* Both T-001s read as the first (12); the one without an id is
	 * never looked up. */
	assert_true(e->residual.score == 12);
	assert_ptr_equal(e->residual.from, a->treats[0].t);
	project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_views),
		cmocka_unit_test(test_no_treatment),
		cmocka_unit_test(test_derived_impact),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_loss_model),
		cmocka_unit_test(test_duplicate_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
