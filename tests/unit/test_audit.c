/*
 * Unit tests for the audit module.
 *
 * Scope arguments are a table of (argument, expected ids or error code)
 * rows against the built-in catalog.  Coverage, checklists and finding
 * states are computed on a small project written to a temporary directory
 * and loaded with a fixed today, so every date judgement is exact.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/audit.h"
#include "isms/date.h"

static long day(const char *s)
{
	long d;
	assert_true(date_parse(s, &d));
	return d;
}

static char *fmt_date(long d, char buf[static 11])
{
	if (d == DATE_NONE)
		strcpy(buf, "none");
	else
		date_format(d, buf);
	return buf;
}

/* Scope arguments. */
struct scope_case {
	const char *spec;
	int code;              /* 0 = success */
	const char *clauses;   /* ids joined by spaces */
	const char *controls;
};

static const struct scope_case scope_cases[] = {
	{ "clauses=4-10", 0, "4 5 6 7 8 9 10", "" },
	{ "clauses=6.1,9.2", 0, "6.1 9.2", "" },
	{ "clause=9.2.1-9.2.2", 0, "9.2.1 9.2.2", "" },
	{ "controls=5.15,8.8", 0, "", "5.15 8.8" },
	{ "controls=5.15-5.18", 0, "", "5.15 5.16 5.17 5.18" },
	{ "controls=8.8, 8.8 ,5.1", 0, "", "8.8 5.1" },
	{ "control=5.9-5.11", 0, "", "5.9 5.10 5.11" },
	{ "clauses=11", EXIT_DATA, NULL, NULL },
	{ "controls=5.99", EXIT_DATA, NULL, NULL },
	{ "controls=A.5.1", EXIT_DATA, NULL, NULL },
	{ "clauses=10-4", EXIT_USAGE, NULL, NULL },
	{ "clauses=4-6.1", EXIT_USAGE, NULL, NULL },
	{ "clauses=", EXIT_USAGE, NULL, NULL },
	{ "assets=A-001", EXIT_USAGE, NULL, NULL },
	{ "4-10", EXIT_USAGE, NULL, NULL },
};

static void join_ids(const struct audit_ids *ids, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < ids->n; i++) {
		if (i)
			strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, ids->v[i], size - strlen(buf) - 1);
	}
}

static void test_scope_parse(void **state)
{
	struct catalog *c = NULL;
	(void)state;
	assert_null(catalog_open("iso27001-2022", NULL, &c));
	for (size_t i = 0; i < sizeof(scope_cases) / sizeof(scope_cases[0]);
	    i++) {
		const struct scope_case *k = &scope_cases[i];
		struct audit_ids cl = { 0 }, co = { 0 };
		char buf[256];
		struct isms_error *err = audit_scope_parse(c, k->spec, &cl, &co);
		if (k->code) {
			if (!err || err->code != k->code)
				print_error("case '%s'\n", k->spec);
			assert_non_null(err);
			assert_int_equal(err->code, k->code);
			err_free(err);
		} else {
			assert_null(err);
			join_ids(&cl, buf, sizeof(buf));
			assert_string_equal(buf, k->clauses);
			join_ids(&co, buf, sizeof(buf));
			assert_string_equal(buf, k->controls);
		}
		audit_ids_release(&cl);
		audit_ids_release(&co);
	}
	catalog_free(c);
}

static void test_clause_tree(void **state)
{
	struct catalog *c = NULL;
	(void)state;
	assert_null(catalog_open("iso27001-2022", NULL, &c));
	assert_true(audit_clause_covers("6", "6.1.2"));
	assert_true(audit_clause_covers("6.1", "6.1"));
	assert_false(audit_clause_covers("6.1", "6.10"));
	assert_false(audit_clause_covers("1", "10.1"));
	assert_false(audit_clause_is_leaf(c, "6"));
	assert_false(audit_clause_is_leaf(c, "6.1"));
	assert_true(audit_clause_is_leaf(c, "6.1.2"));
	assert_true(audit_clause_is_leaf(c, "4.4"));
	assert_true(audit_clause_is_leaf(c, "10.2"));
	catalog_free(c);
}

static void test_ref_kind(void **state)
{
	struct catalog *c = NULL;
	const char *ct, *kt;
	(void)state;
	assert_null(catalog_open("iso27001-2022", NULL, &c));
	assert_int_equal(audit_ref_kind(c, "4.1", &ct, &kt), AUDIT_REF_CLAUSE);
	assert_string_equal(ct, "Understanding the organization and its context");
	assert_null(kt);
	assert_int_equal(audit_ref_kind(c, "8.8", &ct, &kt), AUDIT_REF_CONTROL);
	assert_int_equal(audit_ref_kind(c, "5.1", &ct, &kt),
	    AUDIT_REF_CLAUSE | AUDIT_REF_CONTROL);
	assert_string_equal(ct, "Leadership and commitment");
	assert_string_equal(kt, "Policies for information security");
	assert_int_equal(audit_ref_kind(c, "A.5.1", &ct, &kt), AUDIT_REF_CONTROL);
	assert_null(ct);
	assert_int_equal(audit_ref_kind(c, "A.4.1", NULL, NULL), 0);
	assert_int_equal(audit_ref_kind(c, "5.10 ", NULL, NULL), 0);
	assert_int_equal(audit_ref_kind(c, "11", NULL, NULL), 0);
	assert_int_equal(audit_ref_kind(NULL, "4.1", NULL, NULL), 0);
	catalog_free(c);
}

/* A small project on disk. */
static char dir[64];

static void write_file(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char audits_yaml[] =
    "version: 1\n"
    "programme: {cycle_months: 12}\n"
    "audits:\n"
    "  - {id: AU-001, title: Old, scope: {clauses: [\"9\"], controls: [\"5.1\"]},"
    " planned: 2024-05-01, completed: 2024-05-03, status: closed}\n"
    "  - {id: AU-002, title: Recent, scope: {clauses: [\"9.2\"], controls: [\"8.8\"]},"
    " planned: 2026-06-01, status: reported}\n"
    "  - {id: AU-003, title: Next, scope: {clauses: [\"4\"], controls: [\"5.1\", \"8.8\"]},"
    " planned: 2027-01-10, status: planned}\n"
    "  - {id: AU-004, title: Late, scope: {controls: [\"5.1\"]},"
    " planned: 2026-10-01, status: planned}\n"
    "findings:\n"
    "  - {id: F-001, audit: AU-002, type: major, ref: \"8.8\", status: open,"
    " action: {corrective_action: Patch, due: 2026-11-01}}\n"
    "  - {id: F-002, audit: AU-002, type: minor, ref: \"9.2\", status: open,"
    " action: {root_cause: No plan, corrective_action: Plan, due: 2026-12-01}}\n"
    "  - {id: F-003, audit: AU-002, type: observation, ref: \"5.1\"}\n"
    "  - {id: F-004, audit: AU-002, type: minor, ref: \"5.1\", status: closed,"
    " action: {root_cause: R, corrective_action: C, due: 2026-01-01,"
    " verified_by: Auditor}}\n"
    "  - {id: F-005, audit: AU-002, type: minor, ref: \"5.1\", status: closed,"
    " action: {root_cause: R, corrective_action: C, due: 2026-01-01,"
    " verified_by: Auditor, verified_on: 2026-02-01}}\n";

static int setup_project(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/isms-test-audit.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	write_file("isms.yaml", "version: 1\ncatalog: iso27001-2022\n");
	write_file("soa.yaml", "version: 1\ncontrols:\n"
	    "  - {id: \"5.1\", applicable: true, status: implemented,"
	    " owner: CISO, evidence: [POL-001]}\n"
	    "  - {id: \"5.2\", applicable: false, reason: No}\n"
	    "  - {id: \"8.8\", applicable: true, status: partial}\n");
	write_file("risks.yaml", "version: 1\nrisks:\n"
	    "  - {id: R-001, title: One}\n  - {id: R-002, title: Two}\n");
	write_file("treatments.yaml", "version: 1\ntreatments:\n"
	    "  - {id: T-001, risk: R-002, option: modify, controls: [\"8.8\"]}\n"
	    "  - {id: T-002, risk: R-001, option: modify, controls: [\"8.8\", \"5.1\"]}\n"
	    "  - {id: T-003, risk: R-002, option: modify, controls: [\"8.8\"]}\n");
	write_file("audits.yaml", audits_yaml);
	return 0;
}

static int teardown_project(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct project *load(const char *today)
{
	struct project *p = NULL;
	assert_null(project_load(dir, day(today), NULL, 0, &p));
	assert_null(diags_first_fatal(&p->diags));
	return p;
}

static const struct coverage_row *row(const struct coverage *cov,
    const char *id, enum audit_item_kind k)
{
	for (size_t i = 0; i < cov->n; i++)
		if (cov->v[i].item.kind == k && strcmp(cov->v[i].item.id, id) == 0)
			return &cov->v[i];
	fail_msg("no coverage row %s", id);
	return NULL;
}

static void test_coverage(void **state)
{
	struct project *p = load("2026-11-22");
	struct coverage cov;
	char buf[11];
	(void)state;

	audit_coverage(p, &cov);
	assert_int_equal(cov.cycle_months, 12);
	assert_string_equal(fmt_date(cov.start, buf), "2024-05-03");
	assert_string_equal(fmt_date(cov.window_start, buf), "2025-11-22");
	/* 30 leaf clauses of 4-10, and the two applicable controls. */
	assert_int_equal(cov.n, 32);
	assert_int_equal(cov.v[30].item.kind, AI_CONTROL);

	/* 9.2.1 audited by AU-002 (reported) inside the cycle. */
	const struct coverage_row *r = row(&cov, "9.2.1", AI_CLAUSE);
	assert_string_equal(r->last->id, "AU-002");
	assert_string_equal(fmt_date(r->last_date, buf), "2026-06-01");
	assert_true(r->within_cycle);
	assert_int_equal(r->state, COV_OK);
	assert_string_equal(fmt_date(r->due, buf), "2027-06-01");

	/* 9.1 only by AU-001, on its completed date, two years ago. */
	r = row(&cov, "9.1", AI_CLAUSE);
	assert_string_equal(r->last->id, "AU-001");
	assert_string_equal(fmt_date(r->last_date, buf), "2024-05-03");
	assert_false(r->within_cycle);
	assert_int_equal(r->state, COV_OVERDUE);
	assert_null(r->next);

	/* 4.1 never audited: due a cycle after the programme started;
	 * the planned AU-003 does not count yet but is the next audit. */
	r = row(&cov, "4.1", AI_CLAUSE);
	assert_null(r->last);
	assert_string_equal(fmt_date(r->due, buf), "2025-05-03");
	assert_int_equal(r->state, COV_OVERDUE);
	assert_string_equal(r->next->id, "AU-003");

	/* 5.1: closed AU-001 long ago; next is the earliest planned one. */
	r = row(&cov, "5.1", AI_CONTROL);
	assert_string_equal(r->last->id, "AU-001");
	assert_string_equal(r->next->id, "AU-004");
	assert_int_equal(r->state, COV_OVERDUE);
	r = row(&cov, "8.8", AI_CONTROL);
	assert_int_equal(r->state, COV_OK);
	coverage_release(&cov);
	project_free(p);

	/* Before the first cycle has run out nothing is overdue. */
	p = load("2024-06-01");
	audit_coverage(p, &cov);
	r = row(&cov, "4.1", AI_CLAUSE);
	assert_int_equal(r->state, COV_DUE);
	assert_false(r->within_cycle);
	coverage_release(&cov);
	project_free(p);
}

static void test_coverage_without_audits(void **state)
{
	struct project *p;
	struct coverage cov;
	(void)state;

	write_file("audits.yaml", "version: 1\nprogramme: {objectives: []}\n");
	p = load("2026-11-22");
	audit_coverage(p, &cov);
	assert_int_equal(cov.cycle_months, AUDIT_DEFAULT_CYCLE);
	assert_int_equal(cov.start, DATE_NONE);
	for (size_t i = 0; i < cov.n; i++) {
		assert_int_equal(cov.v[i].state, COV_DUE);
		assert_int_equal(cov.v[i].due, DATE_NONE);
	}
	coverage_release(&cov);
	project_free(p);

	/* A declared start makes the gaps overdue once a cycle has passed. */
	write_file("audits.yaml", "version: 1\n"
	    "programme: {cycle_months: 24, start: 2024-01-01}\n");
	p = load("2026-11-22");
	audit_coverage(p, &cov);
	assert_int_equal(cov.v[0].state, COV_OVERDUE);
	char buf[11];
	assert_string_equal(fmt_date(cov.v[0].due, buf), "2026-01-01");
	coverage_release(&cov);
	project_free(p);
	write_file("audits.yaml", audits_yaml);
}

static void test_checklist(void **state)
{
	struct project *p = load("2026-11-22");
	struct checklist_row *rows = NULL;
	(void)state;

	const struct audit *a = project_find(p, COL_AUDITS, "AU-003");
	size_t n = audit_checklist(p, a, &rows);
	/* 4.1-4.4, then 5.1 and 8.8. */
	assert_int_equal(n, 6);
	assert_string_equal(rows[0].item.id, "4.1");
	assert_string_equal(rows[0].registers, "scope.yaml issues");
	assert_null(rows[3].registers);
	assert_string_equal(rows[4].item.id, "5.1");
	assert_string_equal(rows[4].item.title,
	    "Policies for information security");
	assert_non_null(rows[4].soa);
	assert_string_equal(rows[4].soa->owner, "CISO");
	assert_int_equal(rows[4].treatments.n, 1);
	assert_string_equal(rows[4].treatments.v[0], "T-002");
	assert_string_equal(rows[5].item.id, "8.8");
	/* Treatments in file order, their risks without repeats. */
	assert_int_equal(rows[5].treatments.n, 3);
	assert_int_equal(rows[5].risks.n, 2);
	assert_string_equal(rows[5].risks.v[0], "R-002");
	assert_string_equal(rows[5].risks.v[1], "R-001");
	checklist_release(rows, n);
	project_free(p);
}

static void test_findings_and_audits(void **state)
{
	struct project *p = load("2026-11-22");
	(void)state;
#define F(id) ((const struct finding *)project_find(p, COL_FINDINGS, id))
#define A(id) ((const struct audit *)project_find(p, COL_AUDITS, id))
	assert_true(finding_is_overdue(p, F("F-001")));
	assert_false(finding_is_overdue(p, F("F-002")));
	assert_false(finding_is_overdue(p, F("F-003")));
	assert_false(finding_is_overdue(p, F("F-004")));  /* closed */
	assert_string_equal(finding_close_blocker(F("F-001")), "a root cause");
	assert_null(finding_close_blocker(F("F-002")));
	assert_null(finding_close_blocker(F("F-003")));     /* observation */
	assert_int_equal(finding_status(F("F-003")), FS_OPEN);
	assert_true(finding_is_nc(F("F-001")));
	assert_false(finding_is_nc(F("F-003")));
	assert_false(finding_is_verified(F("F-004")));     /* no date */
	assert_true(finding_is_verified(F("F-005")));

	assert_true(audit_is_stale(p, A("AU-004")));
	assert_false(audit_is_stale(p, A("AU-003")));
	assert_false(audit_is_stale(p, A("AU-002")));
	assert_true(audit_is_done(A("AU-001")));
	assert_false(audit_is_done(A("AU-003")));
	assert_int_equal(audit_date(A("AU-001")), day("2024-05-03"));
	assert_true(audit_status_allowed(AU_PLANNED, AU_IN_PROGRESS));
	assert_true(audit_status_allowed(AU_REPORTED, AU_REPORTED));
	assert_true(audit_status_allowed(AU_PLANNED, AU_CLOSED));
	assert_false(audit_status_allowed(AU_REPORTED, AU_IN_PROGRESS));
	assert_false(audit_status_allowed(AU_CLOSED, AU_PLANNED));
#undef F
#undef A
	project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scope_parse),
		cmocka_unit_test(test_clause_tree),
		cmocka_unit_test(test_ref_kind),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_coverage_without_audits),
		cmocka_unit_test(test_checklist),
		cmocka_unit_test(test_findings_and_audits),
	};
	return cmocka_run_group_tests(tests, setup_project, teardown_project);
}
