/*
 * Tests for project.c: loading a project directory written by the test.
 *
 * Each test writes registers into a fresh temporary directory and loads
 * it, then checks the indexes, the cross-register problems (duplicate ids,
 * missing references, dependency cycles) with their rule, place and
 * message, the effective C/I/A that flows along depends_on, the next free
 * id, the referrers of a record, project_usable() and text overrides.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "isms/date.h"
#include "isms/project.h"

#define TODAY_TEXT "2026-11-22"

static const char config_text[] =
    "version: 1\norganization: Test Ltd\nmethodology:\n  preset: 5x5\n";

static int tmp_setup(void **state)
{
	char *dir = xstrdup("/tmp/isms-project-XXXXXX");
	if (!mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int tmp_teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", (char *)*state);
	int rc = system(cmd);
	free(cmd);
	free(*state);
	return rc == 0 ? 0 : -1;
}

static void spit(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static long today(void)
{
	long d;
	assert_true(date_parse(TODAY_TEXT, &d));
	return d;
}

static struct project *load_ov(const char *dir,
    const struct text_override *ov, size_t nov)
{
	struct project *p = NULL;
	struct isms_error *err = project_load(dir, today(), ov, nov, &p);
	if (err) {
		print_error("project_load: %s\n", err->msg);
		err_free(err);
		fail();
	}
	assert_non_null(p);
	return p;
}

static struct project *load(const char *dir)
{
	return load_ov(dir, NULL, 0);
}

/* All diagnostics, sorted, one "FILE:LINE:COL rule [F] message" a line. */
static char *diag_text(struct project *p)
{
	struct sbuf sb = SBUF_INIT;
	diags_sort(&p->diags);
	for (size_t i = 0; i < p->diags.n; i++) {
		const struct diag *d = &p->diags.v[i];
		sbuf_addf(&sb, "%s:%u:%u %s%s %s\n", d->file, d->line, d->col,
		    d->rule, d->fatal ? " [F]" : "", d->msg);
	}
	return sbuf_detach(&sb, NULL);
}

static void assert_diags(struct project *p, const char *want)
{
	char *got = diag_text(p);
	if (strcmp(got, want) != 0) {
		print_error("got:\n%swant:\n%s", got, want);
		free(got);
		fail();
	}
	free(got);
}

static void test_clean_project(void **state)
{
	const char *dir = *state;
	spit(dir, "isms.yaml", config_text);
	spit(dir, "assets.yaml",
	    "version: 1\nassets:\n"
	    "  - {id: A-001, name: Records, c: 5, i: 4, a: 3}\n"
	    "  - {id: A-002, name: Server, depends_on: [A-001]}\n");
	spit(dir, "risks.yaml",
	    "version: 1\nrisks:\n"
	    "  - id: R-001\n    title: Theft\n    assets: [A-001, A-002]\n"
	    "    rating: {likelihood: 2}\n");
	spit(dir, "treatments.yaml",
	    "version: 1\ntreatments:\n"
	    "  - {id: T-001, risk: R-001, option: modify, controls: [\"5.10\"]}\n");
	spit(dir, "soa.yaml",
	    "version: 1\ncontrols:\n  - {id: 5.10, applicable: true}\n"
	    "  - {id: \"5.1\", applicable: true}\n");
	spit(dir, "audits.yaml",
	    "version: 1\naudits:\n  - {id: AU-001, title: First}\n"
	    "findings:\n  - {id: F-001, audit: AU-001, type: minor}\n");
	spit(dir, "scope.yaml",
	    "version: 1\nissues:\n  - {id: I-001, kind: external, text: Law}\n");

	struct project *p = load(dir);
	assert_diags(p, "");
	assert_null(project_usable(p));
	assert_int_equal(p->today, today());
	assert_string_equal(p->root, dir);
	assert_non_null(p->method);
	assert_non_null(p->catalog);
	assert_string_equal(p->config->organization, "Test Ltd");

	static const struct {
		enum collection c;
		const char *id;
		long index;
	} found[] = {
		{ COL_ASSETS, "A-001", 0 }, { COL_ASSETS, "A-002", 1 },
		{ COL_RISKS, "R-001", 0 }, { COL_TREATMENTS, "T-001", 0 },
		{ COL_CONTROLS, "5.10", 0 }, { COL_CONTROLS, "5.1", 1 },
		{ COL_AUDITS, "AU-001", 0 }, { COL_FINDINGS, "F-001", 0 },
		{ COL_ISSUES, "I-001", 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(found); i++) {
		const void *rec = project_find(p, found[i].c, found[i].id);
		assert_non_null(rec);
		assert_string_equal(rec_id(rec, coll_defs[found[i].c].schema),
		    found[i].id);
		assert_int_equal(project_index_of(p, found[i].c, rec),
		    found[i].index);
		assert_ptr_equal(project_list(p, found[i].c)->v[found[i].index],
		    rec);
	}
	/* Ids are looked up as text: 5.10 is not 5.1, and not "5.100". */
	assert_null(project_find(p, COL_CONTROLS, "5.100"));
	assert_null(project_find(p, COL_ASSETS, "A-1"));
	assert_null(project_find(p, COL_ASSETS, "R-001"));
	assert_int_equal(project_index_of(p, COL_RISKS,
	    project_find(p, COL_ASSETS, "A-001")), -1);
	assert_int_equal(project_list(p, COL_PARTIES)->n, 0);
	assert_string_equal(project_file_name(REG_SOA), "soa.yaml");

	/* Registers that do not exist are empty, never NULL. */
	assert_true(p->files[REG_ASSETS].exists);
	assert_non_null(p->files[REG_ASSETS].doc);
	project_free(p);
}

/* Only isms.yaml: every register empty, and nothing to complain about. */
static void test_minimal_and_missing(void **state)
{
	const char *dir = *state;
	spit(dir, "isms.yaml", config_text);
	struct project *p = load(dir);
	assert_diags(p, "");
	assert_false(p->files[REG_ASSETS].exists);
	assert_null(p->files[REG_ASSETS].doc);
	assert_non_null(p->assets);
	assert_int_equal(project_list(p, COL_ASSETS)->n, 0);
	assert_null(project_find(p, COL_ASSETS, "A-001"));
	char *id = project_next_id(p, COL_ASSETS);
	assert_string_equal(id, "A-001");
	free(id);
	project_free(p);

	/* No isms.yaml at all: a fatal problem, not an I/O error. */
	char *cfg = xasprintf("%s/isms.yaml", dir);
	unlink(cfg);
	free(cfg);
	p = load(dir);
	assert_diags(p, "isms.yaml:1:1 missing-file [F] isms.yaml is missing\n");
	struct isms_error *err = project_usable(p);
	assert_int_equal(err->code, EXIT_DATA);
	char *msg = err_format(err);
	assert_string_equal(msg, "isms.yaml:1:1: isms.yaml is missing");
	free(msg);
	err_free(err);
	project_free(p);
}

static void test_duplicates_and_refs(void **state)
{
	const char *dir = *state;
	spit(dir, "isms.yaml", config_text);
	spit(dir, "assets.yaml",
	    "version: 1\n"
	    "assets:\n"
	    "  - {id: A-001, name: One}\n"
	    "  - id: A-002\n"
	    "    name: Two\n"
	    "    depends_on: [A-001, A-404]\n"
	    "  - {id: A-001, name: Again}\n");
	spit(dir, "risks.yaml",
	    "version: 1\n"
	    "risks:\n"
	    "  - {id: R-001, title: t, assets: [A-404, A-002, A-405]}\n"
	    "  - {id: R-001, title: u}\n");
	spit(dir, "treatments.yaml",
	    "version: 1\n"
	    "treatments:\n"
	    "  - {id: T-001, risk: R-404, option: retain}\n");
	spit(dir, "audits.yaml",
	    "version: 1\n"
	    "findings:\n"
	    "  - {id: F-001, type: minor, audit: AU-404}\n"
	    "  - {id: F-002, type: minor}\n");
	/* The same id in different collections is no duplicate. */
	spit(dir, "scope.yaml",
	    "version: 1\nissues:\n  - {id: A-001, kind: internal, text: x}\n");
	struct project *p = load(dir);
	assert_diags(p,
	    "assets.yaml:6:25 missing-ref asset A-002: depends_on 'A-404' does not exist\n"
	    "assets.yaml:7:10 duplicate-id [F] duplicate asset id 'A-001' "
	    "(first at assets.yaml:3:10)\n"
	    "audits.yaml:3:37 missing-ref finding F-001: audit 'AU-404' does not exist\n"
	    "risks.yaml:3:36 missing-ref risk R-001: assets 'A-404' does not exist\n"
	    "risks.yaml:3:50 missing-ref risk R-001: assets 'A-405' does not exist\n"
	    "risks.yaml:4:10 duplicate-id [F] duplicate risk id 'R-001' "
	    "(first at risks.yaml:3:10)\n"
	    "treatments.yaml:3:23 missing-ref treatment T-001: risk 'R-404' does not exist\n");
	/* The index keeps the first record of a duplicated id. */
	const struct asset *a = project_find(p, COL_ASSETS, "A-001");
	assert_string_equal(a->name, "One");
	assert_non_null(project_find(p, COL_ISSUES, "A-001"));

	/* Commands other than check refuse, naming the first fatal one. */
	struct isms_error *err = project_usable(p);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_DATA);
	assert_string_equal(err->file, "assets.yaml");
	assert_int_equal(err->line, 7);
	assert_int_equal(err->col, 10);
	assert_string_equal(err->msg, "duplicate asset id 'A-001' (first at "
	    "assets.yaml:3:10) (and 1 more; run 'isms check')");
	err_free(err);
	project_free(p);
}

/* A depends on B depends on C: C is worth at least what A is worth. */
static void test_effective_chain(void **state)
{
	const char *dir = *state;
	spit(dir, "isms.yaml", config_text);
	spit(dir, "assets.yaml",
	    "version: 1\n"
	    "assets:\n"
	    "  - {id: A, name: App, c: 5, i: 2, a: 1, depends_on: [B]}\n"
	    "  - {id: B, name: Server, c: 1, i: 3, depends_on: [C]}\n"
	    "  - {id: C, name: Power, a: 4}\n"
	    "  - {id: D, name: Other, c: 2, depends_on: [C, C]}\n"
	    "  - {id: E, name: Alone}\n"
	    "  - {id: F, name: Upstream, i: 5, depends_on: [A]}\n");
	struct project *p = load(dir);
	assert_diags(p, "");
	static const struct cia want[] = {
		{ 5, 5, 1 },  /* A: its own, raised by F */
		{ 5, 5, 1 },  /* B: A's and F's through A */
		{ 5, 5, 4 },  /* C: everything upstream, its own a */
		{ 2, 0, 0 },  /* D: nothing depends on it */
		{ 0, 0, 0 },  /* E */
		{ 0, 5, 0 },  /* F */
	};
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		assert_int_equal(p->effective[i].c, want[i].c);
		assert_int_equal(p->effective[i].i, want[i].i);
		assert_int_equal(p->effective[i].a, want[i].a);
	}
	/* The records themselves keep what was written. */
	const struct asset *c = project_find(p, COL_ASSETS, "C");
	assert_false(rec_has(c, coll_defs[COL_ASSETS].schema, "c"));
	project_free(p);
}

static void test_dependency_cycles(void **state)
{
	const char *dir = *state;
	spit(dir, "isms.yaml", config_text);
	spit(dir, "assets.yaml",
	    "version: 1\n"
	    "assets:\n"
	    "  - {id: A, name: a, c: 3, depends_on: [B]}\n"
	    "  - {id: B, name: b, i: 2, depends_on: [A]}\n"
	    "  - {id: S, name: s, a: 1, depends_on: [S]}\n"
	    "  - {id: X, name: x, c: 4, depends_on: [Y]}\n"
	    "  - {id: Y, name: y, depends_on: [Z]}\n"
	    "  - {id: Z, name: z, a: 5, depends_on: [X]}\n");
	struct project *p = load(dir);
	char *got = diag_text(p);
	/* Each cycle is reported once, at a member's depends_on. */
	assert_string_equal(got,
	    "assets.yaml:3:40 dependency-cycle asset A: depends_on forms a cycle back to itself\n"
	    "assets.yaml:5:40 dependency-cycle asset S: depends_on forms a cycle back to itself\n"
	    "assets.yaml:6:40 dependency-cycle asset X: depends_on forms a cycle back to itself\n");
	free(got);
	/* Cycles are problems for check, not fatal for other commands. */
	assert_null(project_usable(p));
	/* Every member of a cycle depends on every other through the
	 * chain, so all end up with the same, highest values. */
	static const struct cia want[] = {
		{ 3, 2, 0 }, { 3, 2, 0 }, { 0, 0, 1 },
		{ 4, 0, 5 }, { 4, 0, 5 }, { 4, 0, 5 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		assert_int_equal(p->effective[i].c, want[i].c);
		assert_int_equal(p->effective[i].i, want[i].i);
		assert_int_equal(p->effective[i].a, want[i].a);
	}
	project_free(p);

	/* A cycle reached from outside, and one below a chain: values flow
	 * in and through it; one report per cycle however many edges. */
	spit(dir, "assets.yaml",
	    "version: 1\n"
	    "assets:\n"
	    "  - {id: TOP, name: t, i: 5, depends_on: [P]}\n"
	    "  - {id: P, name: p, depends_on: [Q, R]}\n"
	    "  - {id: Q, name: q, depends_on: [P, R]}\n"
	    "  - {id: R, name: r, c: 2, depends_on: [P, Q, BASE]}\n"
	    "  - {id: BASE, name: b, a: 3}\n");
	p = load(dir);
	got = diag_text(p);
	assert_string_equal(got,
	    "assets.yaml:4:34 dependency-cycle asset P: depends_on forms a cycle back to itself\n");
	free(got);
	for (size_t i = 1; i < 4; i++) {
		assert_int_equal(p->effective[i].c, 2);
		assert_int_equal(p->effective[i].i, 5);
		assert_int_equal(p->effective[i].a, 0);
	}
	assert_int_equal(p->effective[4].c, 2);
	assert_int_equal(p->effective[4].i, 5);
	assert_int_equal(p->effective[4].a, 3);
	assert_int_equal(p->effective[0].c, 0);
	project_free(p);
}

/* A long chain: no recursion, no quadratic blow-up. */
static void test_long_chain(void **state)
{
	enum { N = 20000 };
	const char *dir = *state;
	struct sbuf sb = SBUF_INIT;
	spit(dir, "isms.yaml", config_text);
	sbuf_adds(&sb, "version: 1\nassets:\n");
	for (int i = 0; i < N; i++) {
		sbuf_addf(&sb, "  - {id: A-%d, name: n", i);
		if (i == 0)
			sbuf_adds(&sb, ", c: 5");
		if (i + 1 < N)
			sbuf_addf(&sb, ", depends_on: [A-%d]", i + 1);
		sbuf_adds(&sb, "}\n");
	}
	spit(dir, "assets.yaml", sb.buf);
	sbuf_release(&sb);
	struct project *p = load(dir);
	assert_diags(p, "");
	assert_int_equal(p->effective[N - 1].c, 5);
	assert_int_equal(p->effective[N / 2].c, 5);
	char *id = project_next_id(p, COL_ASSETS);
	assert_string_equal(id, "A-20000");
	free(id);
	project_free(p);
}

static void test_next_id(void **state)
{
	const char *dir = *state;
	static const struct {
		const char *assets;
		const char *want;
	} cases[] = {
		{ "[]", "A-001" },
		{ "[{id: A-009, name: n}]", "A-010" },
		{ "[{id: A-1, name: n}, {id: A-7, name: n}]", "A-008" },
		{ "[{id: A-099, name: n}, {id: A-5, name: n}]", "A-100" },
		{ "[{id: A-999, name: n}]", "A-1000" },
		/* Ids that are not prefix plus a number are ignored. */
		{ "[{id: A-009, name: n}, {id: A-01a, name: n}, {id: B-050, name: n},"
		  " {id: Server, name: n}, {id: A-1.5, name: n}, {id: A-1e9, name: n},"
		  " {id: A-, name: n}, {id: A--40, name: n}]", "A-010" },
		{ "[{id: A-99999999999, name: n}, {id: A-002, name: n}]", "A-003" },
	};
	spit(dir, "isms.yaml", config_text);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *text = xasprintf("version: 1\nassets: %s\n", cases[i].assets);
		spit(dir, "assets.yaml", text);
		free(text);
		struct project *p = load(dir);
		char *id = project_next_id(p, COL_ASSETS);
		if (strcmp(id, cases[i].want) != 0) {
			print_error("%s: next id %s, want %s\n", cases[i].assets,
			    id, cases[i].want);
			fail();
		}
		free(id);
		project_free(p);
	}
	/* Other collections use their own prefix; controls have none. */
	spit(dir, "audits.yaml", "version: 1\naudits:\n  - {id: AU-004, title: t}\n");
	struct project *p = load(dir);
	char *id = project_next_id(p, COL_AUDITS);
	assert_string_equal(id, "AU-005");
	free(id);
	id = project_next_id(p, COL_FINDINGS);
	assert_string_equal(id, "F-001");
	free(id);
	assert_null(project_next_id(p, COL_CONTROLS));
	project_free(p);
}

static void test_referrers(void **state)
{
	const char *dir = *state;
	spit(dir, "isms.yaml", config_text);
	spit(dir, "assets.yaml",
	    "version: 1\nassets:\n"
	    "  - {id: A-1, name: a}\n"
	    "  - {id: A-2, name: b, depends_on: [A-3, A-1]}\n"
	    "  - {id: A-3, name: c}\n");
	spit(dir, "risks.yaml",
	    "version: 1\nrisks:\n"
	    "  - {id: R-1, title: t, assets: [A-1, A-1]}\n"
	    "  - {id: R-2, title: t, assets: [A-3]}\n");
	spit(dir, "treatments.yaml",
	    "version: 1\ntreatments:\n"
	    "  - {id: T-1, risk: R-1, option: modify}\n"
	    "  - {id: T-2, risk: R-1, option: share}\n");
	struct project *p = load(dir);
	assert_diags(p, "");

	struct referrer *r;
	size_t n = project_referrers(p, COL_ASSETS, "A-1", &r);
	/* Once per record, in collection order. */
	assert_int_equal(n, 2);
	assert_int_equal(r[0].coll, COL_ASSETS);
	assert_ptr_equal(r[0].rec, project_find(p, COL_ASSETS, "A-2"));
	assert_string_equal(r[0].field, "depends_on");
	assert_int_equal(r[1].coll, COL_RISKS);
	assert_ptr_equal(r[1].rec, project_find(p, COL_RISKS, "R-1"));
	assert_string_equal(r[1].field, "assets");
	free(r);

	n = project_referrers(p, COL_RISKS, "R-1", &r);
	assert_int_equal(n, 2);
	assert_ptr_equal(r[0].rec, project_find(p, COL_TREATMENTS, "T-1"));
	assert_ptr_equal(r[1].rec, project_find(p, COL_TREATMENTS, "T-2"));
	assert_string_equal(r[1].field, "risk");
	free(r);

	n = project_referrers(p, COL_RISKS, "R-2", &r);
	assert_int_equal(n, 0);
	assert_null(r);
	n = project_referrers(p, COL_ASSETS, "A-9", &r);
	assert_int_equal(n, 0);
	free(r);
	project_free(p);
}

static void test_usable_and_syntax(void **state)
{
	const char *dir = *state;
	spit(dir, "isms.yaml", config_text);
	spit(dir, "assets.yaml", "version: 1\nassets:\n  - {id: A-1, name: [x\n");
	spit(dir, "risks.yaml", "version: 1\nrisks:\n  - {id: R-1, titel: t}\n");
	spit(dir, "soa.yaml", "- just a list\n");
	spit(dir, "audits.yaml", "version: 2\n");
	struct project *p = load(dir);
	assert_diags(p,
	    "assets.yaml:4:1 yaml-syntax [F] YAML syntax error: did not find "
	    "expected ',' or ']' while parsing a flow sequence\n"
	    "audits.yaml:1:10 bad-version [F] version 2 is not supported by "
	    "this isms (expected 1)\n"
	    "risks.yaml:3:5 missing-field [F] risk R-1 has no 'title'\n"
	    "risks.yaml:3:15 unknown-key [F] unknown key 'titel' in risk "
	    "(did you mean 'title'?)\n"
	    "soa.yaml:1:1 wrong-type [F] soa.yaml must be a mapping starting "
	    "with 'version: 1', found a list\n");
	assert_true(p->files[REG_ASSETS].exists);
	assert_null(p->files[REG_ASSETS].doc);
	struct isms_error *err = project_usable(p);
	char *msg = err_format(err);
	assert_string_equal(msg, "assets.yaml:4:1: YAML syntax error: did not "
	    "find expected ',' or ']' while parsing a flow sequence "
	    "(and 4 more; run 'isms check')");
	free(msg);
	err_free(err);
	project_free(p);
}

/* Overrides replace a register's text without touching the disk. */
static void test_overrides(void **state)
{
	const char *dir = *state;
	spit(dir, "isms.yaml", config_text);
	spit(dir, "assets.yaml", "version: 1\nassets:\n  - {id: A-1, name: disk}\n");
	static const char edited[] =
	    "version: 1\nassets:\n  - {id: A-1, name: edited}\n"
	    "  - {id: A-2, name: new, depends_on: [A-1]}\n";
	static const char risks[] =
	    "version: 1\nrisks:\n  - {id: R-1, title: t, assets: [A-3]}\n";
	const struct text_override ov[] = {
		{ REG_ASSETS, edited, sizeof(edited) - 1 },
		{ REG_RISKS, risks, sizeof(risks) - 1 },
	};
	struct project *p = load_ov(dir, ov, 2);
	assert_diags(p, "risks.yaml:3:34 missing-ref risk R-1: assets 'A-3' "
	    "does not exist\n");
	assert_string_equal(((const struct asset *)project_find(p, COL_ASSETS,
	    "A-1"))->name, "edited");
	assert_non_null(project_find(p, COL_ASSETS, "A-2"));
	/* An override makes a file exist, even one absent on disk. */
	assert_true(p->files[REG_RISKS].exists);
	project_free(p);

	/* The disk is as it was. */
	p = load(dir);
	assert_diags(p, "");
	assert_string_equal(((const struct asset *)project_find(p, COL_ASSETS,
	    "A-1"))->name, "disk");
	assert_null(project_find(p, COL_ASSETS, "A-2"));
	assert_false(p->files[REG_RISKS].exists);
	project_free(p);

	/* A syntax error in an override is a diagnostic like any other. */
	static const char broken[] = "version: 1\nassets: [\n";
	const struct text_override bad = { REG_ASSETS, broken,
		sizeof(broken) - 1 };
	p = load_ov(dir, &bad, 1);
	assert_non_null(diags_first_fatal(&p->diags));
	assert_string_equal(diags_first_fatal(&p->diags)->rule, "yaml-syntax");
	project_free(p);
}

static void test_find_root(void **state)
{
	const char *dir = *state;
	char *sub = xasprintf("%s/a/b", dir);
	char *a = xasprintf("%s/a", dir);
	char *root = NULL;
	assert_int_equal(mkdir(a, 0755), 0);
	assert_int_equal(mkdir(sub, 0755), 0);

	struct isms_error *err = project_find_root(sub, &root);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_USAGE);
	assert_null(root);
	err_free(err);

	spit(dir, "isms.yaml", config_text);
	assert_null(project_find_root(sub, &root));
	assert_string_equal(root, dir);
	free(root);
	/* The nearest isms.yaml wins. */
	spit(a, "isms.yaml", config_text);
	assert_null(project_find_root(sub, &root));
	assert_string_equal(root, a);
	free(root);

	char *missing = xasprintf("%s/nope", dir);
	err = project_find_root(missing, &root);
	assert_int_equal(err->code, EXIT_IO);
	err_free(err);
	free(missing);
	free(sub);
	free(a);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
	const struct CMUnitTest tests[] = {
		T(test_clean_project),
		T(test_minimal_and_missing),
		T(test_duplicates_and_refs),
		T(test_effective_chain),
		T(test_dependency_cycles),
		T(test_long_chain),
		T(test_next_id),
		T(test_referrers),
		T(test_usable_and_syntax),
		T(test_overrides),
		T(test_find_root),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
