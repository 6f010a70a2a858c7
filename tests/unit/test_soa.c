/*
 * Unit tests for the soa module.
 *
 * Each test writes a small project into a temporary directory, loads it
 * with the real loader and checks what the module computes: which controls
 * live treatments use, the generate plan (and that applying it makes the
 * next plan empty and touches no human decision), the summary figures and
 * the 2013 -> 2022 migration's merge rules one by one.
 */
#include "unit.h"
#include "tmproot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/soa.h"

static const char *const files[] = { "isms.yaml", "risks.yaml",
	"treatments.yaml", "soa.yaml", ".isms.lock" };

static int setup(void **state)
{
	struct fixture *f = tmproot_make("soa");
	if (!f)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	tmproot_remove(*state, files, ARRAY_SIZE(files));
	return 0;
}

static struct project *load(const struct fixture *f)
{
	struct project *p = NULL;
	struct isms_error *err = project_load(f->root, 20000, NULL, 0, &p);
	assert_null(err);
	err = project_usable(p);
	if (err) {
		char *msg = err_format(err);
		print_error("%s\n", msg);
		free(msg);
		err_free(err);
		fail();
	}
	return p;
}

static const char risks[] =
    "version: 1\n"
    "risks:\n"
    "  - {id: R-001, title: Ransomware}\n"
    "  - {id: R-002, title: Fraud}\n"
    "  - {id: R-007, title: Phishing}\n";

/* 8.7 is used by two live treatments for two risks (listed in id order
 * whatever the treatment order); 5.1 only by a cancelled one. */
static const char treatments[] =
    "version: 1\n"
    "treatments:\n"
    "  - {id: T-001, risk: R-007, option: modify, controls: [\"8.7\", \"5.10\"]}\n"
    "  - {id: T-002, risk: R-001, option: modify, controls: [\"8.7\", \"8.7\"],"
    " status: implemented}\n"
    "  - {id: T-003, risk: R-002, option: modify, controls: [\"5.1\"],"
    " status: cancelled}\n"
    "  - {id: T-004, risk: R-002, option: modify, controls: [\"8.8\", \"5.2\"]}\n";

static void write_2022(const struct fixture *f, const char *soa)
{
	put(f, "isms.yaml", "version: 1\ncatalog: iso27001-2022\n");
	put(f, "risks.yaml", risks);
	put(f, "treatments.yaml", treatments);
	put(f, "soa.yaml", soa);
}

static void test_uses(void **state)
{
	struct fixture *f = *state;
	struct soa_uses u;
	struct sbuf sb = SBUF_INIT;

	write_2022(f, "version: 1\ncontrols: []\n");
	struct project *p = load(f);
	soa_uses_build(p, &u);
	assert_int_equal(u.n, 4); /* 8.7 5.10 8.8 5.2 */
	const struct soa_usage *x = soa_uses_find(&u, "8.7");
	assert_non_null(x);
	assert_int_equal(x->ntreatments, 2);
	assert_string_equal(x->treatments[0]->id, "T-001");
	assert_string_equal(x->treatments[1]->id, "T-002");
	soa_usage_risks(x, &sb);
	assert_string_equal(sb.buf, "R-001, R-007");
	char *reason = soa_usage_reason(x);
	assert_string_equal(reason, "Treats R-001, R-007");
	free(reason);
	assert_null(soa_uses_find(&u, "5.1"));   /* cancelled only */
	assert_null(soa_uses_find(&u, "5.1.0"));
	assert_null(soa_uses_find(&u, "8.70"));
	/* "5.10" is its own control, not "5.1". */
	assert_non_null(soa_uses_find(&u, "5.10"));
	sbuf_reset(&sb);
	soa_usage_treatments(soa_uses_find(&u, "5.2"), &sb);
	assert_string_equal(sb.buf, "T-004");
	sbuf_release(&sb);
	soa_uses_release(&u);
	project_free(p);
}

static const struct soa_step *find_step(const struct soa_plan *plan,
    const char *id)
{
	for (size_t i = 0; i < plan->n; i++)
		if (strcmp(plan->v[i].id, id) == 0)
			return &plan->v[i];
	return NULL;
}

/* Human decisions: 5.10 undecided with a reason, 8.8 excluded, 5.2
 * undecided without a reason, 5.3 applicable. */
static const char partial_soa[] =
    "# header comment\n"
    "version: 1\n"
    "catalog: iso27001-2022\n"
    "controls:\n"
    "  - id: \"5.2\"\n"
    "  - id: \"5.3\"\n"
    "    applicable: true\n"
    "    reason: Our own words\n"
    "  - id: \"5.10\"\n"
    "    reason: Kept as written\n"
    "  - id: \"8.8\"\n"
    "    applicable: false\n"
    "    reason: Excluded on purpose\n";

static void test_plan(void **state)
{
	struct fixture *f = *state;
	struct soa_plan plan;

	write_2022(f, partial_soa);
	struct project *p = load(f);
	assert_null(soa_plan_generate(p, &plan));
	assert_int_equal(plan.added, 89);
	/* 8.7 added and marked; 5.10 and 5.2 decided; 8.8 left alone. */
	assert_int_equal(plan.marked, 3);
	assert_int_equal(plan.n, 91);
	/* Adds come in catalog order. */
	assert_string_equal(plan.v[0].id, "5.1");
	assert_int_equal(plan.v[0].kind, SOA_STEP_ADD);
	assert_false(plan.v[0].applicable);
	assert_null(plan.v[0].reason);
	const struct soa_step *st = find_step(&plan, "8.7");
	assert_int_equal(st->kind, SOA_STEP_ADD);
	assert_true(st->applicable);
	assert_string_equal(st->reason, "Treats R-001, R-007");
	st = find_step(&plan, "5.10");
	assert_int_equal(st->kind, SOA_STEP_DECIDE);
	assert_null(st->reason);        /* a reason is there: it stays */
	st = find_step(&plan, "5.2");
	assert_int_equal(st->kind, SOA_STEP_DECIDE);
	assert_string_equal(st->reason, "Treats R-002");
	assert_null(find_step(&plan, "8.8"));
	assert_null(find_step(&plan, "5.3"));
	soa_plan_release(&plan);
	project_free(p);
}

static void test_apply_idempotent(void **state)
{
	struct fixture *f = *state;
	struct soa_plan plan;
	struct session s;

	write_2022(f, partial_soa);
	assert_null(session_begin(&s, f->root, 20000));
	assert_null(soa_plan_generate(s.p, &plan));
	assert_null(soa_plan_apply(&s, &plan));
	assert_null(session_commit(&s));
	session_end(&s);
	soa_plan_release(&plan);

	char *text = slurp(f, "soa.yaml");
	assert_non_null(strstr(text, "# header comment\nversion: 1\n"
	    "catalog: iso27001-2022\ncontrols:\n  - id: \"5.1\"\n"
	    "  - id: \"5.2\"\n    applicable: true\n    reason: Treats R-002\n"
	    "  - id: \"5.3\"\n    applicable: true\n    reason: Our own words\n"));
	assert_non_null(strstr(text, "  - id: \"5.10\"\n    applicable: true\n"
	    "    reason: Kept as written\n  - id: \"5.11\"\n"));
	assert_non_null(strstr(text, "  - id: \"8.8\"\n    applicable: false\n"
	    "    reason: Excluded on purpose\n  - id: \"8.9\"\n"));
	assert_non_null(strstr(text, "  - id: \"8.7\"\n    applicable: true\n"
	    "    reason: \"Treats R-001, R-007\"\n"));

	struct project *p = load(f);
	assert_int_equal(p->soa->controls.n, 93);
	assert_null(soa_plan_generate(p, &plan));
	assert_int_equal(plan.n, 0);
	assert_int_equal(plan.added, 0);
	assert_int_equal(plan.marked, 0);
	soa_plan_release(&plan);
	project_free(p);
	free(text);
}

static void test_summary(void **state)
{
	struct fixture *f = *state;
	struct soa_summary sm;

	write_2022(f,
	    "version: 1\n"
	    "controls:\n"
	    "  - {id: \"5.1\", applicable: true, status: implemented}\n"
	    "  - {id: \"5.2\", applicable: true, status: partial}\n"
	    "  - {id: \"5.3\", applicable: true}\n"
	    "  - {id: \"6.1\", applicable: false, reason: No staff}\n"
	    "  - {id: \"8.1\", applicable: true, status: implemented}\n"
	    "  - {id: \"8.2\"}\n"
	    "  - {id: \"X.9\", applicable: true, status: implemented}\n");
	struct project *p = load(f);
	soa_summarize(p, &sm);
	assert_int_equal(sm.catalog, 93);
	assert_int_equal(sm.applicable, 4);    /* X.9 is not a catalog control */
	assert_int_equal(sm.excluded, 1);
	assert_int_equal(sm.decided, 5);
	assert_int_equal(sm.undecided, 88);
	assert_int_equal(sm.missing, 87);
	assert_int_equal(sm.implemented, 2);
	assert_true(sm.implemented_pct == 50.0);
	assert_int_equal(sm.by_status[SOA_IMPLEMENTED], 2);
	assert_int_equal(sm.by_status[SOA_PARTIAL], 1);
	assert_int_equal(sm.by_status[SOA_PLANNED], 0);
	assert_int_equal(sm.no_status, 1);
	assert_int_equal(sm.nthemes, 4);
	assert_string_equal(sm.themes[0].theme, "Organizational");
	assert_int_equal(sm.themes[0].controls, 37);
	assert_int_equal(sm.themes[0].applicable, 3);
	assert_int_equal(sm.themes[0].implemented, 1);
	assert_string_equal(sm.themes[1].theme, "People");
	assert_int_equal(sm.themes[1].controls, 8);
	assert_int_equal(sm.themes[1].applicable, 0);
	assert_string_equal(sm.themes[3].theme, "Technological");
	assert_int_equal(sm.themes[3].controls, 34);
	assert_int_equal(sm.themes[3].implemented, 1);
	soa_summary_release(&sm);
	project_free(p);
}

static const char soa_2013[] =
    "version: 1\n"
    "catalog: iso27001-2013\n"
    "controls:\n"
    "  - {id: \"5.1.1\", applicable: true, reason: Policy, status: implemented,"
    " owner: CISO, evidence: [POL-1]}\n"
    "  - {id: \"5.1.2\", applicable: true, reason: Review, status: partial,"
    " owner: CISO, evidence: [POL-1, Minutes]}\n"
    "  - {id: \"9.1.1\", applicable: false, reason: No systems}\n"
    "  - {id: \"9.1.2\", applicable: false, reason: No systems}\n"
    "  - {id: \"13.2.1\", applicable: true, reason: Transfers, owner: IT}\n"
    "  - {id: \"13.2.2\", applicable: false, reason: No agreements,"
    " owner: Legal}\n"
    "  - {id: \"12.6.1\", applicable: true, status: planned}\n"
    "  - {id: \"18.2.3\", applicable: true, status: implemented,"
    " evidence: [Pentest]}\n"
    "  - {id: \"6.2.1\"}\n"
    "  - {id: \"6.2.2\", applicable: false, reason: No teleworking}\n";

static void write_2013(const struct fixture *f, const char *soa)
{
	put(f, "isms.yaml", "version: 1\ncatalog: iso27001-2013\n");
	put(f, "risks.yaml", risks);
	put(f, "treatments.yaml",
	    "version: 1\n"
	    "treatments:\n"
	    "  - {id: T-001, risk: R-001, option: modify,"
	    " controls: [\"12.6.1\", \"18.2.3\", \"5.1.1\"]}\n"
	    "  - {id: T-002, risk: R-002, option: modify, controls: [\"5.1.2\","
	    " \"5.1.1\", \"CUSTOM-1\"]}\n"
	    "  - {id: T-003, risk: R-002, option: modify}\n");
	put(f, "soa.yaml", soa);
}

static const struct soa_merged *merged(const struct soa_migration *m,
    const char *id)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].id, id) == 0)
			return &m->v[i];
	return NULL;
}

static void test_migrate_plan(void **state)
{
	struct fixture *f = *state;
	struct soa_migration m;

	write_2013(f, soa_2013);
	struct project *p = load(f);
	assert_string_equal(soa_catalog_name(p), "iso27001-2013");
	assert_null(soa_migrate_plan(p, "iso27001-2022", &m));
	assert_int_equal(m.n, 93);
	assert_int_equal(m.old_entries, 10);
	assert_int_equal(m.added_new, 11);
	assert_string_equal(m.v[0].id, "5.1");
	assert_string_equal(m.v[92].id, "8.34");

	/* Both applicable: reasons joined, evidence united, the least
	 * advanced status, one owner. */
	const struct soa_merged *x = merged(&m, "5.1");
	assert_int_equal(x->nfrom, 2);
	assert_int_equal(x->applicable, 1);
	assert_false(x->conflict);
	assert_string_equal(x->reason, "Policy; Review");
	assert_int_equal(x->status, SOA_PARTIAL);
	assert_string_equal(x->owner, "CISO");
	assert_int_equal(x->nevidence, 2);
	assert_string_equal(x->evidence[0], "POL-1");
	assert_string_equal(x->evidence[1], "Minutes");

	/* Both excluded: excluded, the shared reason once. */
	x = merged(&m, "5.15");
	assert_int_equal(x->applicable, 0);
	assert_string_equal(x->reason, "No systems");

	/* Applied and excluded: a conflict, left undecided, named. */
	x = merged(&m, "5.14");
	assert_true(x->conflict);
	assert_int_equal(x->applicable, -1);
	assert_string_equal(x->reason, "Conflict in the iso27001-2013 SoA: "
	    "13.2.1 applicable, 13.2.2 excluded; Transfers; No agreements");
	assert_string_equal(x->owner, "IT, Legal");
	assert_int_equal(x->status, -1);

	/* One old control split over two new ones: both inherit it; 8.8
	 * merges 12.6.1 (planned) and 18.2.3 (implemented). */
	x = merged(&m, "5.36");
	assert_int_equal(x->applicable, 1);
	assert_int_equal(x->status, SOA_IMPLEMENTED);
	x = merged(&m, "8.8");
	assert_int_equal(x->nfrom, 2);
	assert_int_equal(x->applicable, 1);
	assert_int_equal(x->status, SOA_PLANNED);
	assert_string_equal(x->evidence[0], "Pentest");

	/* Undecided stays undecided, not a conflict. */
	x = merged(&m, "8.1");
	assert_int_equal(x->applicable, -1);
	assert_false(x->conflict);
	assert_null(x->reason);

	/* New in 2022. */
	x = merged(&m, "5.7");
	assert_true(x->is_new);
	assert_int_equal(x->nfrom, 0);
	assert_int_equal(x->applicable, -1);

	/* Not covered by the old SoA. */
	x = merged(&m, "5.2");
	assert_false(x->is_new);
	assert_int_equal(x->nfrom, 0);
	assert_int_equal(x->applicable, -1);

	assert_int_equal(m.conflicts, 1);
	assert_int_equal(m.undecided, 93 - 5);

	/* Treatments: mapped, duplicates folded, unknown ids kept. */
	assert_int_equal(m.nt, 2);
	assert_string_equal(m.t[0].id, "T-001");
	assert_int_equal(m.t[0].n, 3);
	assert_string_equal(m.t[0].controls[0], "8.8");
	assert_string_equal(m.t[0].controls[1], "5.36");
	assert_string_equal(m.t[0].controls[2], "5.1");
	assert_int_equal(m.t[0].nunknown, 0);
	assert_string_equal(m.t[1].id, "T-002");
	assert_int_equal(m.t[1].n, 2);
	assert_string_equal(m.t[1].controls[0], "5.1");
	assert_string_equal(m.t[1].controls[1], "CUSTOM-1");
	assert_int_equal(m.t[1].nunknown, 1);
	assert_string_equal(m.t[1].unknown[0], "CUSTOM-1");
	soa_migration_release(&m);
	project_free(p);
}

static void test_migrate_refusals(void **state)
{
	struct fixture *f = *state;
	struct soa_migration m;
	struct isms_error *err;

	write_2013(f, soa_2013);
	struct project *p = load(f);
	err = soa_migrate_plan(p, "iso27001-2013", &m);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_USAGE);
	err_free(err);
	err = soa_migrate_plan(p, "no-such-catalog", &m);
	assert_non_null(err);
	err_free(err);
	project_free(p);

	/* An id the old catalog does not know stops the migration. */
	write_2013(f, "version: 1\ncatalog: iso27001-2013\ncontrols:\n"
	    "  - {id: \"5.1.1\", applicable: true}\n"
	    "  - {id: \"5.1\", applicable: true}\n");
	p = load(f);
	err = soa_migrate_plan(p, "iso27001-2022", &m);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_DATA);
	assert_int_equal(err->line, 5);
	assert_non_null(strstr(err->msg, "'5.1' is not in iso27001-2013"));
	err_free(err);
	project_free(p);
}

static void test_migrate_apply(void **state)
{
	struct fixture *f = *state;
	struct soa_migration m;
	struct session s;

	write_2013(f, soa_2013);
	assert_null(session_begin(&s, f->root, 20000));
	assert_null(soa_migrate_plan(s.p, "iso27001-2022", &m));
	assert_null(soa_migrate_apply(&s, &m));
	assert_null(session_commit(&s));
	session_end(&s);
	soa_migration_release(&m);

	struct project *p = load(f);
	assert_string_equal(catalog_name(p->catalog), "iso27001-2022");
	assert_string_equal(p->soa->catalog, "iso27001-2022");
	assert_int_equal(p->soa->controls.n, 93);
	const struct soa_control *c = project_find(p, COL_CONTROLS, "5.1");
	assert_int_equal(soa_decision(c), 1);
	assert_string_equal(c->reason, "Policy; Review");
	assert_int_equal(c->evidence.n, 2);
	assert_int_equal(soa_decision(project_find(p, COL_CONTROLS, "5.14")),
	    -1);
	const struct treatment *t = project_find(p, COL_TREATMENTS, "T-001");
	assert_int_equal(t->controls.n, 3);
	assert_string_equal(t->controls.v[1], "5.36");
	char *text = slurp(f, "treatments.yaml");
	assert_non_null(strstr(text, "controls: [\"8.8\", \"5.36\", \"5.1\"]}"));
	assert_non_null(strstr(text, "  - {id: T-003, risk: R-002, option: "
	    "modify}\n"));
	free(text);
	project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_uses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_idempotent, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_plan, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_migrate_refusals, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_migrate_apply, setup,
		    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
