/*
 * Tests for merge.c: three-way merges of register text, each a table row
 * of base, ours and theirs with the exact bytes and conflict count
 * expected.  The expected text is ours with their change spliced in, so a
 * comment or odd formatting on our side must survive every case.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "isms/merge.h"

static const char assets_base[] =
    "# Assets\n"
    "version: 1\n"
    "assets:\n"
    "  - id: A-001\n"
    "    name: DB\n"
    "    owner: CIO   # accountable\n"
    "    c: 5\n"
    "  - id: A-002\n"
    "    name: Server\n"
    "    owner: IT\n"
    "  - id: A-004\n"
    "    name: Laptop\n";

struct merge_case {
	const char *name;
	enum reg_file file;
	const char *base, *ours, *theirs, *want;
	size_t conflicts;
};

static const struct merge_case cases[] = {
	{ "different fields of one record", REG_ASSETS, assets_base,
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 4\n  - id: A-002\n"
	    "    name: Server\n    owner: IT\n  - id: A-004\n    name: Laptop\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: Database\n"
	    "    owner: CIO\n    c: 5\n  - id: A-002\n    name: Server\n"
	    "    owner: IT\n  - id: A-004\n    name: Laptop\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: Database\n"
	    "    owner: CIO   # accountable\n    c: 4\n  - id: A-002\n"
	    "    name: Server\n    owner: IT\n  - id: A-004\n    name: Laptop\n",
	    0 },
	{ "added on both sides, in id order", REG_ASSETS, assets_base,
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-002\n"
	    "    name: Server\n    owner: IT\n  - id: A-004\n    name: Laptop\n"
	    "  - id: A-005\n    name: Phone\n",
	    "version: 1\nassets:\n    - id: A-001\n      name: DB\n"
	    "      owner: CIO\n      c: 5\n    - id: A-002\n      name: Server\n"
	    "      owner: IT\n    - id: A-003\n      name: NAS  # new\n"
	    "      c: 3\n    - id: A-004\n      name: Laptop\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-002\n"
	    "    name: Server\n    owner: IT\n  - id: A-003\n    name: NAS  # new\n"
	    "    c: 3\n  - id: A-004\n    name: Laptop\n"
	    "  - id: A-005\n    name: Phone\n",
	    0 },
	{ "deleted by them, unchanged by us", REG_ASSETS, assets_base,
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-002\n"
	    "    name: Server\n    owner: IT\n  - id: A-004\n    name: Laptop\n"
	    "    owner: IT\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-004\n"
	    "    name: Laptop\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-004\n"
	    "    name: Laptop\n    owner: IT\n",
	    0 },
	{ "same field changed differently", REG_ASSETS, assets_base,
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-002\n"
	    "    name: Server\n    owner: Ops\n  - id: A-004\n    name: Laptop\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 4\n  - id: A-002\n"
	    "    name: Server\n    owner: Facilities\n  - id: A-004\n"
	    "    name: Laptop\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 4\n"
	    "<<<<<<< ours\n  - id: A-002\n    name: Server\n    owner: Ops\n"
	    "=======\n  - id: A-002\n    name: Server\n    owner: Facilities\n"
	    ">>>>>>> theirs\n  - id: A-004\n    name: Laptop\n",
	    1 },
	{ "deleted by us, changed by them", REG_ASSETS, assets_base,
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-004\n"
	    "    name: Laptop\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-002\n"
	    "    name: Server\n    owner: Ops\n  - id: A-004\n    name: Laptop\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n"
	    "<<<<<<< ours\n=======\n  - id: A-002\n    name: Server\n"
	    "    owner: Ops\n>>>>>>> theirs\n  - id: A-004\n    name: Laptop\n",
	    1 },
	{ "the same new id added differently: both kept", REG_ASSETS,
	    assets_base,
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-002\n"
	    "    name: Server\n    owner: IT\n  - id: A-004\n    name: Laptop\n"
	    "  - id: A-005\n    name: Phone\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-002\n"
	    "    name: Server\n    owner: IT\n  - id: A-004\n    name: Laptop\n"
	    "  - id: A-005\n    name: Tablet\n",
	    "# Assets\nversion: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "    owner: CIO   # accountable\n    c: 5\n  - id: A-002\n"
	    "    name: Server\n    owner: IT\n  - id: A-004\n    name: Laptop\n"
	    "  - id: A-005\n    name: Phone\n  - id: A-005\n    name: Tablet\n",
	    0 },
	{ "nested rating merged key by key", REG_RISKS,
	    "version: 1\nrisks:\n  - id: R-001\n    title: T\n"
	    "    rating: {likelihood: 4, impact: 5}\n",
	    "version: 1\nrisks:\n  - id: R-001\n    title: T\n"
	    "    rating: {likelihood: 3, impact: 5}\n",
	    "version: 1\nrisks:\n  - id: R-001\n    title: T\n"
	    "    rating:\n      likelihood: 4\n      impact: 2\n",
	    "version: 1\nrisks:\n  - id: R-001\n    title: T\n"
	    "    rating: {likelihood: 3, impact: 2}\n",
	    0 },
	{ "top-level statement and a list, one each", REG_SCOPE,
	    "version: 1\nstatement: Old\nissues:\n"
	    "  - {id: I-001, kind: external, text: A}\n",
	    "version: 1\nstatement: Old\nissues:\n"
	    "  - {id: I-001, kind: external, text: A}\n"
	    "  - {id: I-002, kind: internal, text: B}\n",
	    "version: 1\nstatement: |\n  New scope\n  over two lines\nissues:\n"
	    "  - {id: I-001, kind: external, text: A}\n",
	    "version: 1\nstatement: |\n  New scope\n  over two lines\nissues:\n"
	    "  - {id: I-001, kind: external, text: A}\n"
	    "  - {id: I-002, kind: internal, text: B}\n",
	    0 },
	{ "top-level key changed on both sides", REG_SOA,
	    "version: 1\ncatalog: iso27001-2022\ncontrols:\n  - id: \"5.1\"\n",
	    "version: 1\ncatalog: iso27001-2013\ncontrols:\n  - id: \"5.1\"\n",
	    "version: 1\ncatalog: custom\ncontrols:\n  - id: \"5.1\"\n",
	    "version: 1\n<<<<<<< ours\ncatalog: iso27001-2013\n=======\n"
	    "catalog: custom\n>>>>>>> theirs\ncontrols:\n  - id: \"5.1\"\n",
	    1 },
	{ "a list they start in a file we changed", REG_AUDITS,
	    "version: 1\naudits:\n  - id: AU-001\n    title: A\n",
	    "version: 1\naudits:\n  - id: AU-001\n    title: B\n",
	    "version: 1\naudits:\n  - id: AU-001\n    title: A\n"
	    "findings:\n  - id: F-001\n    audit: AU-001\n    type: minor\n",
	    "version: 1\naudits:\n  - id: AU-001\n    title: B\n"
	    "findings:\n  - id: F-001\n    audit: AU-001\n    type: minor\n",
	    0 },
	{ "CRLF stays CRLF", REG_ASSETS,
	    "version: 1\r\nassets:\r\n  - id: A-001\r\n    name: DB\r\n",
	    "version: 1\r\nassets:\r\n  - id: A-001\r\n    name: DB\r\n"
	    "    owner: CIO\r\n",
	    "version: 1\nassets:\n  - id: A-001\n    name: DB\n"
	    "  - id: A-002\n    name: NAS\n",
	    "version: 1\r\nassets:\r\n  - id: A-001\r\n    name: DB\r\n"
	    "    owner: CIO\r\n  - id: A-002\r\n    name: NAS\r\n",
	    0 },
	{ "a field we removed, one they added", REG_TREATMENTS,
	    "version: 1\ntreatments:\n  - id: T-001\n    risk: R-001\n"
	    "    option: modify\n    owner: IT\n",
	    "version: 1\ntreatments:\n  - id: T-001\n    risk: R-001\n"
	    "    option: modify\n",
	    "version: 1\ntreatments:\n  - id: T-001\n    risk: R-001\n"
	    "    option: modify\n    owner: IT\n    status: planned\n",
	    "version: 1\ntreatments:\n  - id: T-001\n    risk: R-001\n"
	    "    option: modify\n    status: planned\n",
	    0 },
};

static void test_cases(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct merge_case *c = &cases[i];
		struct merge_result r;
		struct isms_error *err = merge_register(c->file, c->base,
		    strlen(c->base), c->ours, strlen(c->ours), c->theirs,
		    strlen(c->theirs), &r);
		if (err)
			fail_msg("%s: %s", c->name, err->msg);
		if (strcmp(r.text, c->want) != 0)
			fail_msg("%s: got\n%s\nwant\n%s", c->name, r.text, c->want);
		assert_int_equal(r.len, strlen(c->want));
		if (r.conflicts != c->conflicts)
			fail_msg("%s: %zu conflicts, want %zu", c->name,
			    r.conflicts, c->conflicts);
		free(r.text);
	}
}

/* Merging a side with itself, or with an unchanged base, is exact. */
static void test_trivial(void **state)
{
	struct merge_result r;
	const char *odd = "version: 1\nassets: [{id: A-1}]   # flow\n";
	assert_null(merge_register(REG_ASSETS, assets_base,
	    strlen(assets_base), odd, strlen(odd), assets_base,
	    strlen(assets_base), &r));
	assert_string_equal(r.text, odd);
	assert_int_equal(r.conflicts, 0);
	free(r.text);
	assert_null(merge_register(REG_ASSETS, assets_base,
	    strlen(assets_base), assets_base, strlen(assets_base), odd,
	    strlen(odd), &r));
	assert_string_equal(r.text, odd);
	free(r.text);
}

/* A side that does not parse is left to a person, with its place. */
static void test_unparsable(void **state)
{
	struct merge_result r;
	const char *bad = "version: 1\nassets: [\n";
	struct isms_error *err = merge_register(REG_ASSETS, assets_base,
	    strlen(assets_base), assets_base, strlen(assets_base) - 1, bad,
	    strlen(bad), &r);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_DATA);
	assert_string_equal(err->file, "assets.yaml (theirs)");
	assert_null(r.text);
	err_free(err);
}

static void test_register_file(void **state)
{
	assert_int_equal(merge_register_file("a/b/assets.yaml"), REG_ASSETS);
	assert_int_equal(merge_register_file("soa.yaml"), REG_SOA);
	assert_int_equal(merge_register_file("a/notes.yaml"), -1);
	assert_int_equal(merge_register_file("assets.yaml/x"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_trivial),
		cmocka_unit_test(test_unparsable),
		cmocka_unit_test(test_register_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
