/*
 * Tests for rdiff.c: two projects built from register text (every
 * register given as an override, so nothing is read from disk), compared
 * fact by fact, and one rendering compared byte by byte.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "isms/rdiff.h"

static const char config[] = "version: 1\norganization: T\n";

static struct project *load(const char *const text[REG_COUNT])
{
	struct text_override ov[REG_COUNT];
	struct project *p = NULL;
	for (int f = 0; f < REG_COUNT; f++) {
		const char *t = text[f] ? text[f] : f == REG_CONFIG ? config :
		    "version: 1\n";
		ov[f] = (struct text_override){ f, t, strlen(t) };
	}
	struct isms_error *err = project_load("/nonexistent-isms-test", 0, ov,
	    REG_COUNT, &p);
	if (err)
		fail_msg("load: %s", err->msg);
	return p;
}

static const char *const before[REG_COUNT] = {
	[REG_SCOPE] = "version: 1\nstatement: Old scope\n",
	[REG_ASSETS] = "version: 1\nassets:\n"
	    "  - {id: A-001, name: DB, owner: CIO, c: 5, i: 5, a: 5}\n"
	    "  - {id: A-002, name: Old server, owner: IT}\n",
	[REG_RISKS] = "version: 1\nrisks:\n"
	    "  - {id: R-001, title: Leak, assets: [A-001], rating: {likelihood: 2, impact: 4}}\n"
	    "  - {id: R-002, title: Outage, rating: {likelihood: 5, impact: 5}}\n",
	[REG_SOA] = "version: 1\ncontrols:\n"
	    "  - {id: \"5.1\", applicable: true, status: planned}\n"
	    "  - {id: \"8.8\", applicable: true, status: planned}\n",
	[REG_AUDITS] = "version: 1\naudits:\n  - {id: AU-001, title: Internal}\n"
	    "findings:\n  - {id: F-001, audit: AU-001, type: minor, status: open}\n",
};

static const char *const after[REG_COUNT] = {
	[REG_SCOPE] = "version: 1\nstatement: New scope\n",
	[REG_ASSETS] = "version: 1\nassets:\n"
	    "  - id: A-001   # re-indented, same values\n"
	    "    name: DB\n    owner: CISO\n    c: 5\n    i: 5\n    a: 5\n"
	    "  - {id: A-003, name: Laptop}\n",
	[REG_RISKS] = "version: 1\nrisks:\n"
	    "  - {id: R-001, title: Leak, assets: [A-001], rating: {likelihood: 4, impact: 4}}\n"
	    "  - {id: R-002, title: Outage, rating: {likelihood: 5, impact: 5}}\n",
	[REG_TREATMENTS] = "version: 1\ntreatments:\n"
	    "  - {id: T-001, risk: R-002, option: modify, status: implemented, "
	    "residual: {likelihood: 1}}\n",
	[REG_SOA] = "version: 1\ncontrols:\n"
	    "  - {id: \"5.1\", applicable: true, status: planned}\n"
	    "  - {id: \"8.8\", applicable: true, status: implemented}\n",
	[REG_AUDITS] = "version: 1\naudits:\n  - {id: AU-001, title: Internal}\n"
	    "findings:\n  - {id: F-001, audit: AU-001, type: minor, status: closed}\n"
	    "  - {id: F-002, audit: AU-001, type: major, ref: \"8.8\", statement: No patching}\n",
};

static const struct rd_record *find_rec(const struct rdiff *d, const char *id)
{
	for (size_t i = 0; i < d->nrecs; i++)
		if (d->recs[i].id && strcmp(d->recs[i].id, id) == 0)
			return &d->recs[i];
	return NULL;
}

static void test_records(void **state)
{
	struct project *a = load(before), *b = load(after);
	struct rdiff d;
	rdiff_compute(a, b, &d);

	/* Register order: scope's top-level keys first, then assets. */
	assert_int_equal(d.recs[0].file, REG_SCOPE);
	assert_int_equal(d.recs[0].coll, -1);
	assert_string_equal(d.recs[0].fields[0].name, "statement");
	assert_string_equal(d.recs[0].fields[0].before, "Old scope");
	assert_string_equal(d.recs[0].fields[0].after, "New scope");

	const struct rd_record *r = find_rec(&d, "A-001");
	assert_non_null(r);
	assert_int_equal(r->kind, RD_CHANGED);
	assert_int_equal(r->nfields, 1);   /* formatting is no change */
	assert_string_equal(r->fields[0].name, "owner");
	assert_string_equal(r->fields[0].before, "CIO");
	assert_string_equal(r->fields[0].after, "CISO");
	assert_int_equal(find_rec(&d, "A-002")->kind, RD_REMOVED);
	assert_int_equal(find_rec(&d, "A-003")->kind, RD_ADDED);
	assert_string_equal(find_rec(&d, "A-003")->label, "Laptop");
	assert_true(find_rec(&d, "A-002") < find_rec(&d, "A-003"));
	assert_int_equal(find_rec(&d, "T-001")->kind, RD_ADDED);
	assert_int_equal(d.added, 3);      /* A-003, T-001, F-002 */
	assert_int_equal(d.removed, 1);
	assert_int_equal(d.changed, 5);    /* scope, A-001, R-001, 8.8, F-001 */
	rdiff_release(&d);
	project_free(a);
	project_free(b);
}

static void test_consequences(void **state)
{
	struct project *a = load(before), *b = load(after);
	struct rdiff d;
	rdiff_compute(a, b, &d);

	/* 2x4 = 8 medium -> 4x4 = 16 high, above the appetite. */
	assert_int_equal(d.nrisks, 2);
	const struct rd_risk *r = &d.risks[0];
	assert_string_equal(r->id, "R-001");
	assert_true(r->changed[RDV_INHERENT]);
	assert_true(r->before[RDV_INHERENT].score == 8);
	assert_string_equal(r->before[RDV_INHERENT].level, "medium");
	assert_true(r->after[RDV_INHERENT].score == 16);
	assert_string_equal(r->after[RDV_INHERENT].level, "high");
	assert_int_equal(r->crossed[RDV_INHERENT], 1);
	/* its new implemented treatment brings residual and current
	 * down to 1x5 = 5 medium, back within the appetite. */
	r = &d.risks[1];
	assert_string_equal(r->id, "R-002");
	assert_false(r->changed[RDV_INHERENT]);
	assert_true(r->after[RDV_CURRENT].score == 5);
	assert_int_equal(r->crossed[RDV_RESIDUAL], -1);
	assert_int_equal(r->crossed[RDV_CURRENT], -1);
	assert_int_equal(d.crossed, 2);

	assert_int_equal(d.nsoa, 1);
	assert_string_equal(d.soa[0].id, "8.8");
	assert_string_equal(d.soa[0].status_before, "planned");
	assert_string_equal(d.soa[0].status_after, "implemented");

	assert_int_equal(d.nfindings, 2);
	assert_string_equal(d.findings[0].id, "F-001");
	assert_false(d.findings[0].opened);
	assert_string_equal(d.findings[1].id, "F-002");
	assert_true(d.findings[1].opened);
	assert_string_equal(d.findings[1].ref, "8.8");
	assert_int_equal(d.opened, 1);
	assert_int_equal(d.closed, 1);
	rdiff_release(&d);
	project_free(a);
	project_free(b);
}

static void test_same_is_empty(void **state)
{
	struct project *a = load(before), *b = load(before);
	struct rdiff d;
	struct sbuf out = SBUF_INIT;
	rdiff_compute(a, b, &d);
	assert_true(rdiff_empty(&d));
	rdiff_render(&d, FMT_TEXT, "HEAD", "working tree", &out);
	assert_string_equal(out.buf, "isms diff HEAD..working tree\nno changes\n");
	sbuf_release(&out);
	rdiff_release(&d);
	project_free(a);
	project_free(b);
}

static void test_render_text(void **state)
{
	const char *const x[REG_COUNT] = {
		[REG_ASSETS] = "version: 1\nassets:\n  - {id: A-001, name: DB}\n",
	};
	const char *const y[REG_COUNT] = {
		[REG_ASSETS] = "version: 1\nassets:\n  - {id: A-001, name: \"DB|x\"}\n"
		    "  - {id: A-002, name: \"*NAS*\"}\n",
	};
	struct project *a = load(x), *b = load(y);
	struct rdiff d;
	struct sbuf out = SBUF_INIT;
	rdiff_compute(a, b, &d);
	rdiff_render(&d, FMT_TEXT, "v1", "v2", &out);
	assert_string_equal(out.buf,
	    "isms diff v1..v2\n"
	    "1 added, 0 removed, 1 changed; 0 risks re-scored, 0 crossed the "
	    "appetite; 0 SoA decisions changed; 0 findings opened, 0 closed\n"
	    "\nassets.yaml:\n"
	    "  ~ asset A-001  DB|x\n"
	    "      name: DB -> DB|x\n"
	    "  + asset A-002  *NAS*\n");
	sbuf_reset(&out);
	rdiff_render(&d, FMT_MD, "v1", "v2", &out);
	/* Markdown escapes what the data holds. */
	assert_non_null(strstr(out.buf, "- **Added** asset **A-002** \\*NAS\\*\n"));
	assert_non_null(strstr(out.buf, "  - name: DB → DB\\|x\n"));
	sbuf_release(&out);
	rdiff_release(&d);
	project_free(a);
	project_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_consequences),
		cmocka_unit_test(test_same_is_empty),
		cmocka_unit_test(test_render_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
