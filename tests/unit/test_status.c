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
 * implemented, 5.2 partial, 8.8 excluded, 6.1 undecided.
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
	} want[] = {
		{ "2026-11-30", DUE_CORRECTIVE, "F-001" },
		{ "2026-12-05", DUE_ACTION, "T-001" },
		{ "2027-01-01", DUE_REVIEW, "R-002" },
		{ "2027-01-10", DUE_AUDIT, "AU-001" },
	};
	char buf[11];
	assert_int_equal(s->nnext, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		date_format(s->next[i].date, buf);
		assert_string_equal(buf, want[i].date);
		assert_int_equal(s->next[i].kind, want[i].kind);
		assert_string_equal(s->next[i].id, want[i].id);
	}
	assert_string_equal(s->next[1].text, "Act two");
	assert_string_equal(status_due_kind_name(DUE_CORRECTIVE),
	    "corrective-action");
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
	    "corrective-action");
	assert_string_equal(json_path(v, "next_due.0.date")->str, "2026-11-30");
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
	sbuf_reset(&out);
	status_text(s, true, &out);
	assert_non_null(strstr(out.buf, "\033[1;31mcritical"));
	assert_non_null(strstr(out.buf, "\033[31mTreatments"));
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
		cmocka_unit_test(test_view_values),
		cmocka_unit_test(test_tone),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_controls),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
