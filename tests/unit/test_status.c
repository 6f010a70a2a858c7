/*
 * Tests for status.c: every figure of the fixture project (fixture.h),
 * worked out by hand below, the JSON field names dashboards rely on, and
 * that the text keeps user strings from driving the terminal.
 *
 * The fixture on 2026-11-22: R-001 is 4x5 = 20 critical; T-001 (in
 * progress, due 2026-10-01, overdue) targets 2x4 = 8 medium; T-002
 * (implemented) leaves likelihood 3 over impact 5 = 15 high, so the current
 * view is high.  R-002 is 2x2 = 4 low.  R-001's review (2026-01-01) is
 * overdue.  Actions: one open and overdue, one open, one done.  Corrective
 * actions: F-001 open (due 2026-11-30), F-003 verified.  SoA: 5.1
 * implemented, 5.2 partial, 8.8 excluded, 6.1 undecided.  The PDCA
 * registers are described in fixture.h; their figures are pdca.h's, and
 * here only their place in the status is tested.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "isms/json.h"
#include "isms/status.h"

struct fx {
	struct project *p;
	struct assessment a;
	struct status s;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	f->p = fixture_load();
	if (!f->p) {
		free(f);
		return -1;
	}
	assess_project(f->p, &f->a);
	status_compute(f->p, &f->a, NULL, &f->s);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	status_release(&f->s);
	assess_release(&f->a);
	project_free(f->p);
	free(f);
	return 0;
}

static void test_levels(void **state)
{
	const struct status *s = &((struct fx *)*state)->s;
	assert_int_equal(s->risks, 2);
	assert_int_equal(s->nlevels, 4);
	assert_string_equal(s->levels[0].name, "low");
	assert_string_equal(s->levels[3].name, "critical");
	/* low, medium, high, critical in each view */
	size_t inh[] = { 1, 0, 0, 1 }, res[] = { 1, 1, 0, 0 },
	    cur[] = { 1, 0, 1, 0 };
	for (size_t l = 0; l < 4; l++) {
		assert_int_equal(s->levels[l].inherent, inh[l]);
		assert_int_equal(s->levels[l].residual, res[l]);
		assert_int_equal(s->levels[l].current, cur[l]);
	}
	assert_int_equal(s->above_appetite.inherent, 1);
	assert_int_equal(s->above_appetite.residual, 0);
	assert_int_equal(s->above_appetite.current, 1);
	assert_int_equal(s->unscored.inherent, 0);
	assert_int_equal(s->reviews_overdue, 1);
	assert_true(s->has_ale);
	assert_true(s->ale == 500);
	assert_string_equal(s->appetite, "medium");
	assert_string_equal(s->preset, "5x5");
}

static void test_work(void **state)
{
	const struct status *s = &((struct fx *)*state)->s;
	assert_int_equal(s->treatments.total, 2);
	assert_int_equal(s->treatments.open, 1);
	assert_int_equal(s->treatments.overdue, 1);
	assert_int_equal(s->actions.total, 3);
	assert_int_equal(s->actions.open, 2);
	assert_int_equal(s->actions.overdue, 1);
	assert_int_equal(s->corrective.total, 2);
	assert_int_equal(s->corrective.open, 1);
	assert_int_equal(s->corrective.overdue, 0);
	assert_int_equal(s->acceptances_expired, 0);
}

static void test_soa(void **state)
{
	const struct status_soa *q = &((struct fx *)*state)->s.soa;
	assert_int_equal(q->catalog_controls, 93);
	assert_int_equal(q->controls, 4);
	assert_int_equal(q->decided, 3);
	assert_int_equal(q->applicable, 2);
	assert_int_equal(q->excluded, 1);
	assert_int_equal(q->implemented, 1);
	assert_int_equal(q->partial, 1);
	assert_int_equal(q->decided_pct, 3);      /* 3 of 93, rounded down */
	assert_int_equal(q->applicable_pct, 66);  /* 2 of 3 */
	assert_int_equal(q->implemented_pct, 50);
	assert_int_equal(q->nthemes, 4);
	assert_string_equal(q->themes[0].name, "Organizational");
	assert_int_equal(q->themes[0].applicable, 2);
	assert_int_equal(q->themes[0].implemented, 1);
	assert_int_equal(q->themes[3].applicable, 0); /* 8.8 is excluded */
}

static void test_findings(void **state)
{
	const struct status *s = &((struct fx *)*state)->s;
	assert_int_equal(s->audits, 1);
	assert_int_equal(s->audits_by_status[AU_PLANNED], 1);
	assert_int_equal(s->findings, 3);
	assert_int_equal(s->findings_by_type[FT_MAJOR], 1);
	assert_int_equal(s->open_by_type[FT_MAJOR], 0);
	assert_int_equal(s->open_by_type[FT_MINOR], 1);
	assert_int_equal(s->open_by_type[FT_OPPORTUNITY], 1);
}

static void test_next_due(void **state)
{
	const struct status *s = &((struct fx *)*state)->s;
	static const struct {
		const char *date;
		enum status_due_kind kind;
		const char *id;
		const char *name;
	} want[] = {
		/* One list, the PDCA registers' work among the rest. */
		{ "2026-11-24", DUE_PDCA, "INC-001", "notification" },
		{ "2026-11-25", DUE_PDCA, "INC-001", "incident" },
		{ "2026-11-30", DUE_CORRECTIVE, "F-001", "corrective-action" },
		{ "2026-12-01", DUE_PDCA, "OBJ-002", "objective" },
		{ "2026-12-05", DUE_ACTION, "T-001", "action" },
	};
	char buf[11];
	assert_int_equal(s->nnext, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		date_format(s->next[i].date, buf);
		assert_string_equal(buf, want[i].date);
		assert_int_equal(s->next[i].kind, want[i].kind);
		assert_string_equal(s->next[i].id, want[i].id);
		assert_string_equal(status_due_name(&s->next[i]), want[i].name);
	}
	assert_int_equal(s->next[0].pdca_kind, PDUE_NOTIFICATION);
	assert_string_equal(s->next[4].text, "Act two");
	assert_string_equal(status_due_kind_name(DUE_CORRECTIVE),
	    "corrective-action");
}

/* Same date: the status kinds first, then the PDCA kinds in their order,
 * then by id.  A project of its own whose work all falls on one day. */
static void test_next_due_ties(void **state)
{
	static const char config[] = "version: 1\nmethodology: {preset: 5x5}\n";
	static const char risks[] = "version: 1\nrisks:\n"
	    "  - {id: R-001, title: R, rating: {likelihood: 1, impact: 1}, "
	    "review: 2027-01-01}\n";
	static const char objectives[] = "version: 1\nobjectives:\n"
	    "  - {id: OBJ-002, title: B, due: 2027-01-01}\n"
	    "  - {id: OBJ-001, title: A, due: 2027-01-01}\n";
	static const char metrics[] = "version: 1\nmetrics:\n"
	    "  - {id: M-001, title: M, frequency_days: 41, start: 2026-11-21}\n";
	struct text_override ov[] = {
		{ REG_CONFIG, config, sizeof(config) - 1 },
		{ REG_RISKS, risks, sizeof(risks) - 1 },
		{ REG_OBJECTIVES, objectives, sizeof(objectives) - 1 },
		{ REG_METRICS, metrics, sizeof(metrics) - 1 },
	};
	static const char *const want[][2] = { { "review", "R-001" },
		{ "objective", "OBJ-001" }, { "objective", "OBJ-002" },
		{ "measurement", "M-001" } };
	struct project *p = NULL;
	struct assessment a;
	struct status s;
	long today;
	assert_true(date_parse("2026-11-22", &today));
	assert_null(project_load("/nonexistent/isms-ties", today, ov,
	    ARRAY_SIZE(ov), &p));
	assert_null(project_usable(p));
	assess_project(p, &a);
	status_compute(p, &a, NULL, &s);
	assert_int_equal(s.nnext, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		assert_string_equal(status_due_name(&s.next[i]), want[i][0]);
		assert_string_equal(s.next[i].id, want[i][1]);
	}
	status_release(&s);
	assess_release(&a);
	project_free(p);
}

/* The PDCA figures are pdca_summarise()'s, computed with the rest. */
static void test_pdca(void **state)
{
	struct fx *f = *state;
	struct pdca_summary want;
	pdca_summarise(f->p, &want);
	assert_memory_equal(&f->s.pdca, &want, sizeof(want));
	assert_int_equal(f->s.pdca.objectives_overdue, 1);
	assert_int_equal(f->s.pdca.documents_review_overdue, 1);
	assert_int_equal(f->s.pdca.breaches_pending, 1);
	assert_int_equal(f->s.pdca.metrics_stale, 1);
	assert_int_equal(f->s.pdca.review_actions_overdue, 1);
}

static void test_view_values(void **state)
{
	struct fx *f = *state;
	const struct risk_eval *e = assess_risk(&f->a, "R-001");
	double v[2];
	assert_non_null(e);
	assert_true(assess_view_values(&f->a, e, &e->inherent, v));
	assert_true(v[0] == 4 && v[1] == 5);
	assert_true(assess_view_values(&f->a, e, &e->residual, v));
	assert_true(v[0] == 2 && v[1] == 4);
	assert_true(assess_view_values(&f->a, e, &e->current, v));
	assert_true(v[0] == 3 && v[1] == 5); /* T-002 keeps the impact */
}

static void test_tone(void **state)
{
	assert_int_equal(status_level_tone(0, 1), 0);
	assert_int_equal(status_level_tone(0, 4), 0);
	assert_int_equal(status_level_tone(1, 4), 1);
	assert_int_equal(status_level_tone(2, 4), 3);
	assert_int_equal(status_level_tone(3, 4), 4);
	assert_int_equal(status_level_tone(1, 3), 2);
	for (size_t l = 0; l < 5; l++)
		assert_int_equal(status_level_tone(l, 5), l);
}

static void test_json(void **state)
{
	const struct status *s = &((struct fx *)*state)->s;
	struct sbuf out = SBUF_INIT;
	struct json_value *v = NULL;
	status_json(s, &out);
	assert_null(json_parse(out.buf, out.len, &v));
	static const struct {
		const char *path;
		double num;
	} nums[] = {
		{ "risks.total", 2 },
		{ "risks.by_level.3.inherent", 1 },
		{ "risks.above_appetite.current", 1 },
		{ "risks.reviews_overdue", 1 },
		{ "risks.ale", 500 },
		{ "treatments.overdue", 1 },
		{ "actions.open", 2 },
		{ "corrective_actions.open", 1 },
		{ "acceptances_expired", 0 },
		{ "soa.implemented_pct", 50 },
		{ "soa.themes.0.implemented", 1 },
		{ "audits.planned", 1 },
		{ "findings.open_by_type.minor", 1 },
		{ "findings.by_type.major", 1 },
		{ "problems.errors", 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(nums); i++) {
		const struct json_value *n = json_path(v, nums[i].path);
		assert_non_null(n);
		assert_int_equal(n->type, JSON_NUMBER);
		assert_true(n->num == nums[i].num);
	}
	assert_string_equal(json_path(v, "today")->str, "2026-11-22");
	assert_string_equal(json_path(v, "methodology.appetite")->str, "medium");
	assert_string_equal(json_path(v, "risks.by_level.0.level")->str, "low");
	assert_string_equal(json_path(v, "next_due.0.kind")->str,
	    "notification");
	assert_string_equal(json_path(v, "next_due.0.date")->str, "2026-11-24");
	assert_string_equal(json_path(v, "next_due.2.kind")->str,
	    "corrective-action");
	/* pdca_summary_json()'s members, among the others. */
	static const struct {
		const char *path;
		double num;
	} pdca[] = {
		{ "objectives.total", 2 },
		{ "objectives.overdue", 1 },
		{ "objectives.by_status.planned", 1 },
		{ "documents.unapproved", 1 },
		{ "documents.review_overdue", 1 },
		{ "incidents.open_by_severity.high", 1 },
		{ "incidents.notification_pending", 1 },
		{ "metrics.below_target", 1 },
		{ "metrics.stale", 1 },
		{ "reviews.actions_overdue", 1 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(pdca); i++) {
		const struct json_value *n = json_path(v, pdca[i].path);
		if (!n || n->type != JSON_NUMBER || n->num != pdca[i].num)
			fail_msg("%s", pdca[i].path);
	}
	assert_string_equal(json_path(v, "reviews.next_due")->str,
	    "2027-05-01");
	assert_string_equal(json_path(v, "organization")->str,
	    "Acme <script>alert('org')</script> & Co");
	json_value_free(v);
	sbuf_release(&out);
}

static void test_text(void **state)
{
	const struct status *s = &((struct fx *)*state)->s;
	struct sbuf out = SBUF_INIT;
	status_text(s, false, &out);
	assert_null(strchr(out.buf, '\033'));
	assert_non_null(strstr(out.buf, "ISMS status on 2026-11-22\n"));
	assert_non_null(strstr(out.buf, "critical               1         0        0\n"));
	assert_non_null(strstr(out.buf, "above appetite         1         0        1\n"));
	assert_non_null(strstr(out.buf, "Treatments   1 open of 2, 1 overdue\n"));
	assert_non_null(strstr(out.buf, "SoA          3% decided, 66% applicable, "
	    "50% implemented (1 of 2 applicable)\n"));
	assert_non_null(strstr(out.buf, "2026-11-30  corrective-action  F-001"));
	assert_non_null(strstr(out.buf, "2026-11-24  notification       INC-001"));
	/* The five PDCA lines sit between the findings and the check. */
	const char *fnd = strstr(out.buf, "\nFindings ");
	const char *obj = strstr(out.buf, "\nObjectives   2: 1 planned, 1 "
	    "in-progress; 1 overdue\n");
	const char *mr = strstr(out.buf, "\nMgmt reviews last 2026-05-01, next "
	    "due 2027-05-01; actions 1 open, 1 overdue\n");
	const char *chk = strstr(out.buf, "\nCheck ");
	assert_true(fnd && obj && mr && chk && fnd < obj && obj < mr &&
	    mr < chk);
	sbuf_reset(&out);
	status_text(s, true, &out);
	assert_non_null(strstr(out.buf, "\033[1;31mcritical"));
	assert_non_null(strstr(out.buf, "\033[31mTreatments"));
	/* A PDCA line with late work is red as a whole line; one without is
	 * plain. */
	assert_non_null(strstr(out.buf, "\033[31mObjectives   2: 1 planned, 1 "
	    "in-progress; 1 overdue\033[0m\n"));
	assert_non_null(strstr(out.buf, "\033[31mMetrics "));
	sbuf_reset(&out);
	struct status calm = *s;
	calm.pdca.metrics_stale = 0;
	status_text(&calm, true, &out);
	assert_non_null(strstr(out.buf, "\nMetrics      1: 0 on target, 1 below, "
	    "0 stale\n"));
	sbuf_release(&out);
}

/* An organisation name holding a terminal escape is shown blanked. */
static void test_text_controls(void **state)
{
	struct status s = ((struct fx *)*state)->s;
	struct sbuf out = SBUF_INIT;
	s.organization = "Evil\033]0;title\007Co\xc2\x9b";
	status_text(&s, false, &out);
	assert_null(strchr(out.buf, '\033'));
	assert_null(strchr(out.buf, '\007'));
	assert_null(strstr(out.buf, "\xc2\x9b"));
	assert_non_null(strstr(out.buf, "Evil ]0;title Co : ISMS status"));
	sbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_work),
		cmocka_unit_test(test_soa),
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_next_due),
		cmocka_unit_test(test_next_due_ties),
		cmocka_unit_test(test_pdca),
		cmocka_unit_test(test_view_values),
		cmocka_unit_test(test_tone),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_controls),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
