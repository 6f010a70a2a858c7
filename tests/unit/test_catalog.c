/*
 * Unit tests for the catalog module.
 *
 * The built-in catalogs are checked three ways: their shape (counts per
 * theme and clause, unique ids, the mapping complete and pointing at real
 * controls), spot lookups a user relies on ("5.10" is not "5.1"), and a
 * comparison id for id and title for title with the reference files under
 * $ISMS_SHARED/reference/catalogs, so that a slip in data/ cannot pass.
 * Project catalogs are written to a temporary directory; bad ones are a
 * table of (file text, expected first message) rows.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "isms/catalog.h"
#include "isms/yaml.h"

static struct catalog *open_ok(const char *name, const char *root)
{
	struct catalog *c = NULL;
	struct isms_error *err = catalog_open(name, root, &c);

	if (err) {
		char *msg = err_format(err);
		print_error("catalog_open(%s): %s\n", name, msg);
		free(msg);
		err_free(err);
		fail();
	}
	assert_non_null(c);
	return c;
}

static void test_builtin_names(void **state)
{
	(void)state;
	assert_string_equal(catalog_builtin_name(0), "iso27001-2022");
	assert_string_equal(catalog_builtin_name(1), "iso27001-2013");
	assert_null(catalog_builtin_name(2));
	assert_true(catalog_is_builtin_name("iso27001-2013"));
	assert_false(catalog_is_builtin_name("iso27001-2013-to-2022"));
	assert_false(catalog_is_builtin_name(NULL));
}

/* Every control is found under its own id: ids are unique. */
static void assert_unique_ids(const struct catalog *c)
{
	for (size_t i = 0; i < catalog_count(c); i++) {
		const struct catalog_control *k = catalog_control(c, i);
		assert_ptr_equal(catalog_find(c, k->id), k);
		assert_non_null(k->title);
		assert_non_null(k->theme);
	}
}

static void test_2022(void **state)
{
	static const struct { const char *name; size_t n; } themes[] = {
		{ "Organizational", 37 }, { "People", 8 }, { "Physical", 14 },
		{ "Technological", 34 },
	};
	(void)state;
	struct catalog *c = open_ok("iso27001-2022", NULL);

	assert_string_equal(catalog_name(c), "iso27001-2022");
	assert_string_equal(catalog_title(c), "ISO/IEC 27001:2022");
	assert_true(catalog_is_builtin(c));
	assert_int_equal(catalog_count(c), 93);
	assert_unique_ids(c);
	assert_int_equal(catalog_theme_count(c), 4);
	for (size_t i = 0; i < ARRAY_SIZE(themes); i++) {
		assert_string_equal(catalog_theme(c, i)->name, themes[i].name);
		assert_int_equal(catalog_theme(c, i)->count, themes[i].n);
	}
	assert_null(catalog_theme(c, 4));
	assert_string_equal(catalog_control(c, 0)->id, "5.1");
	assert_string_equal(catalog_control(c, 92)->id, "8.34");
	assert_null(catalog_control(c, 93));

	const struct catalog_control *k1 = catalog_find(c, "5.1");
	const struct catalog_control *k10 = catalog_find(c, "5.10");
	assert_non_null(k1);
	assert_non_null(k10);
	assert_ptr_not_equal(k1, k10);
	assert_string_equal(k10->id, "5.10");
	assert_string_equal(k10->title,
	    "Acceptable use of information and other associated assets");
	assert_string_equal(k1->title, "Policies for information security");
	assert_string_equal(catalog_find(c, "8.8")->theme, "Technological");
	assert_null(catalog_find(c, "5.38"));
	assert_null(catalog_find(c, "A.5.1"));
	assert_null(catalog_find(c, "5.1 "));
	assert_null(catalog_find(c, ""));
	catalog_free(c);
}

static void test_2022_clauses(void **state)
{
	(void)state;
	struct catalog *c = open_ok("iso27001-2022", NULL);

	assert_int_equal(catalog_clause_count(c), 41);
	assert_string_equal(catalog_clause(c, 0)->id, "4");
	assert_string_equal(catalog_clause(c, 40)->id, "10.2");
	assert_null(catalog_clause(c, 41));
	const struct catalog_clause *cl = catalog_find_clause(c, "6.1.2");
	assert_non_null(cl);
	assert_string_equal(cl->title, "Information security risk assessment");
	assert_string_equal(catalog_find_clause(c, "6.3")->title,
	    "Planning of changes");
	for (const char *top = "4\0" "5\0" "6\0" "7\0" "8\0" "9\0" "10\0"; *top;
	    top += strlen(top) + 1)
		assert_non_null(catalog_find_clause(c, top));
	/* Clause 5.1 and control 5.1 live in different tables. */
	assert_string_equal(catalog_find_clause(c, "5.1")->title,
	    "Leadership and commitment");
	assert_null(catalog_find_clause(c, "5.37"));
	catalog_free(c);
}

static void test_2013(void **state)
{
	static const struct { const char *prefix; size_t n; } clauses[] = {
		{ "A.5 ", 2 }, { "A.6 ", 7 }, { "A.7 ", 6 }, { "A.8 ", 10 },
		{ "A.9 ", 14 }, { "A.10 ", 2 }, { "A.11 ", 15 },
		{ "A.12 ", 14 }, { "A.13 ", 7 }, { "A.14 ", 13 },
		{ "A.15 ", 5 }, { "A.16 ", 7 }, { "A.17 ", 4 }, { "A.18 ", 8 },
	};
	(void)state;
	struct catalog *c = open_ok("iso27001-2013", NULL);

	assert_int_equal(catalog_count(c), 114);
	assert_unique_ids(c);
	assert_int_equal(catalog_theme_count(c), ARRAY_SIZE(clauses));
	for (size_t i = 0; i < ARRAY_SIZE(clauses); i++) {
		const struct catalog_theme *t = catalog_theme(c, i);
		assert_true(strncmp(t->name, clauses[i].prefix,
		    strlen(clauses[i].prefix)) == 0);
		assert_int_equal(t->count, clauses[i].n);
	}
	assert_string_equal(catalog_theme(c, 0)->name,
	    "A.5 Information security policies");
	assert_string_equal(catalog_find(c, "12.6.1")->title,
	    "Management of technical vulnerabilities");
	assert_int_equal(catalog_clause_count(c), 0);
	assert_null(catalog_find_clause(c, "6.1.2"));
	/* No mapping into 2013. */
	assert_null(catalog_supersedes(c));
	assert_int_equal(catalog_pair_count(c), 0);
	assert_false(catalog_is_new(c, "5.1.1"));
	const char *const *ids = NULL;
	assert_int_equal(catalog_map_to_new(c, "5.1.1", &ids), 0);
	assert_null(ids);
	catalog_free(c);
}

static void test_mapping(void **state)
{
	static const char *const fresh[] = { "5.7", "5.23", "5.30", "7.4",
		"8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28" };
	const char *const *ids;
	(void)state;
	struct catalog *c22 = open_ok("iso27001-2022", NULL);
	struct catalog *c13 = open_ok("iso27001-2013", NULL);

	assert_string_equal(catalog_supersedes(c22), "iso27001-2013");
	assert_int_equal(catalog_pair_count(c22), 115);
	assert_null(catalog_pair(c22, 115));
	for (size_t i = 0; i < catalog_pair_count(c22); i++) {
		const struct catalog_pair *p = catalog_pair(c22, i);
		assert_non_null(catalog_find(c13, p->from));
		assert_non_null(catalog_find(c22, p->to));
	}
	for (size_t i = 0; i < catalog_count(c13); i++) {
		const char *id = catalog_control(c13, i)->id;
		size_t n = catalog_map_to_new(c22, id, &ids);
		assert_int_equal(n, strcmp(id, "18.2.3") == 0 ? 2 : 1);
	}
	assert_int_equal(catalog_map_to_new(c22, "18.2.3", &ids), 2);
	assert_string_equal(ids[0], "5.36");
	assert_string_equal(ids[1], "8.8");
	assert_int_equal(catalog_map_to_new(c22, "8.1.3", &ids), 1);
	assert_string_equal(ids[0], "5.10");
	assert_int_equal(catalog_map_to_new(c22, "99.9.9", &ids), 0);
	assert_null(ids);

	assert_int_equal(catalog_map_to_old(c22, "5.10", &ids), 2);
	assert_string_equal(ids[0], "8.1.3");
	assert_string_equal(ids[1], "8.2.3");
	assert_int_equal(catalog_map_to_old(c22, "8.32", &ids), 4);
	assert_string_equal(ids[0], "12.1.2");
	assert_string_equal(ids[3], "14.2.4");
	assert_int_equal(catalog_map_to_old(c22, "8.8", &ids), 2);
	assert_string_equal(ids[0], "12.6.1");
	assert_string_equal(ids[1], "18.2.3");

	size_t nnew = 0;
	for (size_t i = 0; i < catalog_count(c22); i++)
		nnew += catalog_is_new(c22, catalog_control(c22, i)->id);
	assert_int_equal(nnew, ARRAY_SIZE(fresh));
	for (size_t i = 0; i < ARRAY_SIZE(fresh); i++) {
		assert_true(catalog_is_new(c22, fresh[i]));
		assert_int_equal(catalog_map_to_old(c22, fresh[i], &ids), 0);
	}
	assert_false(catalog_is_new(c22, "5.1"));
	assert_false(catalog_is_new(c22, "99.1"));
	catalog_free(c13);
	catalog_free(c22);
}

static void test_free_null(void **state)
{
	(void)state;
	catalog_free(NULL);
}

/* Comparison with the reference data. */

static struct ydoc *load_reference(const char *file)
{
	const char *shared = getenv("ISMS_SHARED");
	struct ydoc *doc = NULL;

	if (!shared || !*shared)
		return NULL;
	char *path = xasprintf("%s/reference/catalogs/%s", shared, file);
	struct isms_error *err = ydoc_load(path, path, &doc);
	free(path);
	if (err) {
		print_error("%s\n", err->msg);
		err_free(err);
		fail();
	}
	return doc;
}

static const char *text(const struct ynode *rec, const char *key)
{
	const struct ynode *v = yn_get(rec, key);
	assert_non_null(v);
	assert_int_equal(v->kind, YN_SCALAR);
	return v->str;
}

/* The 2022 reference spells themes "Organizational controls". */
static void compare_controls(const char *name, const char *file,
    const char *theme_suffix)
{
	struct ydoc *doc = load_reference(file);
	if (!doc)
		skip();
	struct catalog *c = open_ok(name, NULL);
	const struct ynode *list = yn_get(doc->root, "controls");

	assert_non_null(list);
	assert_int_equal(list->n, catalog_count(c));
	for (size_t i = 0; i < list->n; i++) {
		const struct catalog_control *k = catalog_control(c, i);
		char *theme = xasprintf("%s%s", k->theme, theme_suffix);
		assert_string_equal(k->id, text(list->kids[i], "id"));
		assert_string_equal(k->title, text(list->kids[i], "title"));
		assert_string_equal(theme, text(list->kids[i], "theme"));
		free(theme);
	}
	catalog_free(c);
	ydoc_free(doc);
}

static void test_reference_2022(void **state)
{
	(void)state;
	compare_controls("iso27001-2022", "iso27001-2022-annex-a.yaml",
	    " controls");
}

static void test_reference_2013(void **state)
{
	(void)state;
	compare_controls("iso27001-2013", "iso27001-2013-annex-a.yaml", "");
}

static void test_reference_clauses(void **state)
{
	(void)state;
	struct ydoc *doc = load_reference("iso27001-2022-clauses.yaml");
	if (!doc)
		skip();
	struct catalog *c = open_ok("iso27001-2022", NULL);
	const struct ynode *list = yn_get(doc->root, "clauses");

	assert_non_null(list);
	assert_int_equal(list->n, catalog_clause_count(c));
	for (size_t i = 0; i < list->n; i++) {
		assert_string_equal(catalog_clause(c, i)->id,
		    text(list->kids[i], "id"));
		assert_string_equal(catalog_clause(c, i)->title,
		    text(list->kids[i], "title"));
	}
	catalog_free(c);
	ydoc_free(doc);
}

static void test_reference_mapping(void **state)
{
	(void)state;
	struct ydoc *doc = load_reference("iso27001-2013-to-2022.yaml");
	if (!doc)
		skip();
	struct catalog *c = open_ok("iso27001-2022", NULL);
	const struct ynode *list = yn_get(doc->root, "mappings");
	size_t at = 0;

	assert_non_null(list);
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *to = yn_get(list->kids[i], "to");
		assert_non_null(to);
		for (size_t j = 0; j < to->n; j++, at++) {
			const struct catalog_pair *p = catalog_pair(c, at);
			assert_non_null(p);
			assert_string_equal(p->from, text(list->kids[i], "from"));
			assert_string_equal(p->to, to->kids[j]->str);
		}
	}
	assert_int_equal(at, catalog_pair_count(c));
	catalog_free(c);
	ydoc_free(doc);
}

/* Project catalogs in a temporary directory. */

struct project {
	char root[64];
	char dir[96];
	char file[160];
};

static int project_setup(void **state)
{
	struct project *p = xcalloc(1, sizeof(*p));
	const char *tmp = getenv("TMPDIR");

	snprintf(p->root, sizeof(p->root), "%s/isms-catalog-XXXXXX",
	    tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(p->root)) {
		free(p);
		return -1;
	}
	snprintf(p->dir, sizeof(p->dir), "%s/catalogs", p->root);
	if (mkdir(p->dir, 0700) < 0) {
		rmdir(p->root);
		free(p);
		return -1;
	}
	*state = p;
	return 0;
}

static int project_teardown(void **state)
{
	struct project *p = *state;

	unlink(p->file);
	rmdir(p->dir);
	rmdir(p->root);
	free(p);
	return 0;
}

static void write_catalog(struct project *p, const char *name,
    const char *text)
{
	snprintf(p->file, sizeof(p->file), "%s/%s.yaml", p->dir, name);
	FILE *f = fopen(p->file, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static void test_project_good(void **state)
{
	struct project *p = *state;

	write_catalog(p, "base",
	    "# Internal baseline\n"
	    "version: 1\n"
	    "title: Internal baseline\n"
	    "controls:\n"
	    "  - {id: 5.1, title: First, theme: Governance}\n"
	    "  - {id: 5.10, title: Tenth, theme: Governance}\n"
	    "  - id: \"AC-1\"\n"
	    "    title: Access control policy\n"
	    "    theme: Access\n"
	    "  - {id: X-1, title: No theme}\n"
	    "clauses:\n"
	    "  - {id: \"1\", title: Scope}\n");
	struct catalog *c = open_ok("base", p->root);

	assert_string_equal(catalog_name(c), "base");
	assert_string_equal(catalog_title(c), "Internal baseline");
	assert_string_equal(catalog_file(c), "catalogs/base.yaml");
	assert_false(catalog_is_builtin(c));
	assert_int_equal(catalog_count(c), 4);
	/* Plain 5.1 and 5.10 stay the text they were written as. */
	assert_string_equal(catalog_find(c, "5.1")->title, "First");
	assert_string_equal(catalog_find(c, "5.10")->title, "Tenth");
	const struct catalog_control *ac = catalog_find(c, "AC-1");
	assert_int_equal(ac->line, 7);
	assert_int_equal(ac->col, 5);
	assert_string_equal(ac->theme, "Access");
	assert_null(catalog_find(c, "X-1")->theme);
	assert_int_equal(catalog_theme_count(c), 2);
	assert_string_equal(catalog_theme(c, 0)->name, "Governance");
	assert_int_equal(catalog_theme(c, 0)->count, 2);
	assert_int_equal(catalog_theme(c, 1)->count, 1);
	assert_string_equal(catalog_find_clause(c, "1")->title, "Scope");
	assert_null(catalog_supersedes(c));
	assert_false(catalog_is_new(c, "5.1"));
	catalog_free(c);
}

static void test_project_minimal(void **state)
{
	struct project *p = *state;

	write_catalog(p, "min", "controls: []\n");
	struct catalog *c = open_ok("min", p->root);
	assert_int_equal(catalog_count(c), 0);
	assert_string_equal(catalog_title(c), "min");
	assert_null(catalog_find(c, "1"));
	catalog_free(c);
}

/* A built-in name is never shadowed by a project file. */
static void test_project_shadow(void **state)
{
	struct project *p = *state;

	write_catalog(p, "iso27001-2022", "controls: []\n");
	struct catalog *c = open_ok("iso27001-2022", p->root);
	assert_true(catalog_is_builtin(c));
	assert_int_equal(catalog_count(c), 93);
	catalog_free(c);
}

static const struct bad_case {
	const char *text;
	const char *expect; /* err_format() of the first problem */
} bad_cases[] = {
	{ "controls:\n  - {id: \"1\", title: A}\n  - {title: B}\n",
	  "catalogs/bad.yaml:3:5: control has no id" },
	{ "controls:\n  - {id: \"1\"}\n",
	  "catalogs/bad.yaml:2:5: control \"1\" has no title" },
	{ "controls:\n  - {id: \"1\", title: \"\"}\n",
	  "catalogs/bad.yaml:2:5: control \"1\" has no title" },
	{ "controls:\n  - {id: , title: A}\n",
	  "catalogs/bad.yaml:2:5: control has no id" },
	{ "controls:\n  - {id: \"1\", title: A}\n  - {id: \"1\", title: B}\n",
	  "catalogs/bad.yaml:3:10: duplicate control id \"1\" "
	  "(first at line 2)" },
	{ "controls:\n  - {id: 5.10, title: A}\n  - {id: \"5.10\", title: B}\n",
	  "catalogs/bad.yaml:3:10: duplicate control id \"5.10\" "
	  "(first at line 2)" },
	{ "controls:\n  - {id: \"1\", title: A, owner: B}\n",
	  "catalogs/bad.yaml:2:25: unknown key \"owner\" in control; "
	  "expected id, title, theme" },
	{ "controls:\n  - {id: \"1\", title: A, themes: B}\n",
	  "catalogs/bad.yaml:2:25: unknown key \"themes\" in control; "
	  "did you mean \"theme\"?" },
	{ "version: 1\ncontrols: []\ntitel: X\n",
	  "catalogs/bad.yaml:3:1: unknown key \"titel\" in a catalog; "
	  "did you mean \"title\"?" },
	{ "version: 2\ncontrols: []\n",
	  "catalogs/bad.yaml:1:10: unsupported catalog version 2; "
	  "this isms reads version 1" },
	{ "title: [a]\ncontrols: []\n",
	  "catalogs/bad.yaml:1:8: title must be text, not a list" },
	{ "title: X\n",
	  "catalogs/bad.yaml:1:1: catalog has no controls: list" },
	{ "- a\n",
	  "catalogs/bad.yaml:1:1: a catalog is a mapping with a controls: "
	  "list, not a list" },
	{ "",
	  "catalogs/bad.yaml:1:1: a catalog is a mapping with a controls: "
	  "list, not an empty file" },
	{ "controls: {a: 1}\n",
	  "catalogs/bad.yaml:1:11: controls must be a list of "
	  "{id, title, theme} records, not a mapping" },
	{ "controls:\n  - 5.1\n",
	  "catalogs/bad.yaml:2:5: a control is a mapping {id, title, theme}, "
	  "not the text \"5.1\"" },
	{ "controls:\n  - {id: [1], title: A}\n",
	  "catalogs/bad.yaml:2:10: control id must be text, not a list" },
	{ "controls:\n  - {id: \"1\", title: A, theme: {a: b}}\n",
	  "catalogs/bad.yaml:2:32: control theme must be text, not a mapping" },
	{ "controls:\n  - {id: \"1\", title: A, id: \"2\"}\n",
	  "catalogs/bad.yaml:2:25: key \"id\" appears twice in control" },
	{ "controls: []\nclauses:\n  - {id: \"4\", title: A, theme: B}\n",
	  "catalogs/bad.yaml:3:25: unknown key \"theme\" in clause; "
	  "expected id, title" },
	{ "controls: []\nclauses:\n  - {id: \"4\", title: A}\n"
	  "  - {id: \"4\", title: B}\n",
	  "catalogs/bad.yaml:4:10: duplicate clause id \"4\" "
	  "(first at line 3)" },
};

static void test_project_bad(void **state)
{
	struct project *p = *state;

	for (size_t i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		struct catalog *c = (struct catalog *)1;
		write_catalog(p, "bad", bad_cases[i].text);
		struct isms_error *err = catalog_open("bad", p->root, &c);
		if (!err) {
			print_error("case %zu: no error\n", i);
			fail();
		}
		char *msg = err_format(err);
		if (strcmp(msg, bad_cases[i].expect) != 0) {
			print_error("case %zu:\n  got  %s\n  want %s\n", i, msg,
			    bad_cases[i].expect);
			fail();
		}
		assert_int_equal(err->code, EXIT_DATA);
		assert_null(c);
		free(msg);
		err_free(err);
	}
}

static void test_project_syntax(void **state)
{
	struct project *p = *state;
	struct catalog *c = NULL;

	write_catalog(p, "bad", "controls:\n  - {id: \"1\", title: A\n");
	struct isms_error *err = catalog_open("bad", p->root, &c);
	assert_non_null(err);
	assert_null(c);
	assert_int_equal(err->code, EXIT_DATA);
	assert_string_equal(err->file, "catalogs/bad.yaml");
	assert_int_equal(err->line, 3);
	assert_non_null(strstr(err->msg, "YAML syntax error"));
	err_free(err);

	/* check reports it as a diagnostic and returns no catalog. */
	struct diags d = DIAGS_INIT;
	c = (struct catalog *)1;
	assert_null(catalog_check("bad", p->root, &d, &c));
	assert_null(c);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].rule, "yaml-syntax");
	assert_true(d.v[0].fatal);
	diags_release(&d);
}

/* check reports every problem and keeps the good controls. */
static void test_project_check_all(void **state)
{
	static const struct { unsigned line, col; const char *rule; } want[] = {
		{ 1, 10, "bad-version" }, { 3, 29, "unknown-key" },
		{ 4, 10, "duplicate-id" }, { 5, 25, "unknown-key" },
		{ 6, 5, "wrong-type" }, { 7, 5, "missing-field" },
	};
	struct project *p = *state;
	struct diags d = DIAGS_INIT;
	struct catalog *c = NULL;

	write_catalog(p, "multi",
	    "version: x\n"
	    "controls:\n"
	    "  - {id: \"1\", title: First, x: 1}\n"
	    "  - {id: \"1\", title: A}\n"
	    "  - {id: \"2\", title: B, note: C}\n"
	    "  - [x]\n"
	    "  - {title: No id}\n"
	    "  - {id: \"3\", title: C}\n");
	assert_null(catalog_check("multi", p->root, &d, &c));
	assert_non_null(c);
	diags_sort(&d);
	assert_int_equal(d.n, ARRAY_SIZE(want));
	for (size_t i = 0; i < d.n; i++) {
		assert_string_equal(d.v[i].file, "catalogs/multi.yaml");
		assert_int_equal(d.v[i].line, want[i].line);
		assert_int_equal(d.v[i].col, want[i].col);
		assert_string_equal(d.v[i].rule, want[i].rule);
		assert_true(d.v[i].fatal);
		assert_int_equal(d.v[i].sev, SEV_ERROR);
	}
	/* The usable controls are there, in file order. */
	assert_int_equal(catalog_count(c), 3);
	assert_string_equal(catalog_control(c, 0)->title, "First");
	assert_string_equal(catalog_control(c, 2)->id, "3");
	catalog_free(c);
	diags_release(&d);
}

static void test_unknown(void **state)
{
	struct project *p = *state;
	struct catalog *c = (struct catalog *)1;
	struct isms_error *err;

	err = catalog_open("nist-csf", p->root, &c);
	assert_non_null(err);
	assert_null(c);
	assert_int_equal(err->code, EXIT_DATA);
	assert_string_equal(err->msg, "unknown catalog \"nist-csf\": not built "
	    "in (iso27001-2022, iso27001-2013) and no catalogs/nist-csf.yaml");
	err_free(err);

	/* Without a project only built-in names resolve. */
	c = (struct catalog *)1;
	err = catalog_open("nist-csf", NULL, &c);
	assert_non_null(err);
	assert_null(c);
	err_free(err);

	/* Names never climb out of catalogs/. */
	static const char *const names[] = { "../x", "a/b", ".hidden", "",
		"-x" };
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct diags d = DIAGS_INIT;
		c = (struct catalog *)1;
		err = catalog_check(names[i], p->root, &d, &c);
		assert_non_null(err);
		assert_null(c);
		assert_int_equal(d.n, 0);
		err_free(err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_names),
		cmocka_unit_test(test_2022),
		cmocka_unit_test(test_2022_clauses),
		cmocka_unit_test(test_2013),
		cmocka_unit_test(test_mapping),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_reference_2022),
		cmocka_unit_test(test_reference_2013),
		cmocka_unit_test(test_reference_clauses),
		cmocka_unit_test(test_reference_mapping),
		cmocka_unit_test_setup_teardown(test_project_good,
		    project_setup, project_teardown),
		cmocka_unit_test_setup_teardown(test_project_minimal,
		    project_setup, project_teardown),
		cmocka_unit_test_setup_teardown(test_project_shadow,
		    project_setup, project_teardown),
		cmocka_unit_test_setup_teardown(test_project_bad,
		    project_setup, project_teardown),
		cmocka_unit_test_setup_teardown(test_project_syntax,
		    project_setup, project_teardown),
		cmocka_unit_test_setup_teardown(test_project_check_all,
		    project_setup, project_teardown),
		cmocka_unit_test_setup_teardown(test_unknown,
		    project_setup, project_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
