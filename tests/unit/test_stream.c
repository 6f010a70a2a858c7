/*
 * Streamed loading (yaml.h, struct ystream; project_load_readonly()): a
 * project read by a command that only reads keeps stubs instead of its
 * records' nodes.  Everything a reader can see must be what a whole load
 * gives: every problem with its place, every record as JSON, YAML and
 * cells, and the place of every field and list item, which a stub finds
 * by reading its lines again from the file.
 */
#include "unit.h"
#include "tmproot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/check.h"
#include "isms/recout.h"

#define TODAY 20000 /* 2024-10-04 */

static const char config[] =
    "version: 1\n"
    "catalog: iso27001-2022\n"
    "methodology:\n  preset: 5x5\n";

/* CRLF, a missing reference in a list, an in-scope asset without owner. */
static const char assets[] =
    "version: 1\r\n"
    "assets:\r\n"
    "  - id: A-001\r\n    name: DB\r\n    type: information\r\n"
    "    owner: CIO\r\n    c: 3\r\n"
    "  - id: A-002\r\n    name: Web\r\n    type: hardware\r\n"
    "    depends_on: [A-001, A-404]\r\n";

/* Numbers and booleans written unusually, nested records, a flow item, a
 * dash on a line of its own, block scalars that keep their blank lines,
 * comments everywhere, and problems inside items. */
static const char risks[] =
    "# Risk register\n"
    "version: 1\n"
    "risks:\n"
    "  # first\n"
    "  - id: R-001\n"
    "    title: One\n"
    "    assets: [A-001, A-999]\n"
    "    owner: CIO\n"
    "    rating: {likelihood: 5, impact: 5}\n"
    "    review: 2020-01-01\n"
    "    sle: 1.50\n"
    "    aro: 1e-1\n"
    "    loss:\n"
    "      frequency: {min: 0.1, mode: 0.2, max: 0.5}\n"
    "      magnitude: {min: 100, mode: 200, max: 900}\n"
    "\n"
    "  - {id: R-002, title: Two, assets: [A-002], owner: Ops,\n"
    "     rating: {likelihood: 1, impact: 4}}\n"
    "  -\n"
    "    id: R-003\n"
    "    title: Three   # trailing comment\n"
    "    assets:\n"
    "      - A-001\n"
    "    owner: Ops\n"
    "    rating:\n"
    "      likelihood: 4\n"
    "      impact: 4\n"
    "    description: |+\n"
    "      kept\n"
    "\n"
    "\n"
    "  - # a comment after the dash\n"
    "    id: R-005\n"
    "    title: Five\n"
    "    assets: [A-002, A-998]\n"
    "    owner: Ops\n"
    "  - id: R-004\n"
    "    title: \"Quoted # not a comment\"\n"
    "    assets: [A-002]\n"
    "    owner: CIO\n"
    "    rating: {likelihood: 2}\n"
    "    sle: 2000\n"
    "    aro: 0.5\n"
    "# the end\n";

static const char treatments[] =
    "version: 1\n"
    "treatments:\n"
    "  - id: T-001\n"
    "    risk: R-001\n"
    "    option: modify\n"
    "    controls: [\"5.1\", \"99.9\"]\n"
    "    owner: CIO\n"
    "    due: 2020-01-01\n"
    "    status: planned\n"
    "    actions:\n"
    "      - {text: Do it, owner: CIO, due: 2020-02-01, done: false}\n"
    "      - text: Other\n"
    "        due: 2020-03-01\n"
    "        done: True\n"
    "      - text: Third\n"
    "        due: 2020-04-01\n"
    "    residual: {likelihood: 5, impact: 5, sle: 10}\n"
    "    cost: 1000\n"
    "    annual_cost: 10.0\n"
    "  - id: T-002\n"
    "    risk: R-404\n"
    "    option: retain\n"
    "    owner: Ops\n"
    "  - id: T-003\n"
    "    risk: R-004\n"
    "    option: modify\n"
    "    controls: [\"5.2\"]\n"
    "    residual: {likelihood: 1, impact: 1}\n"
    "    approved_by: CIO\n"
    "    approved_on: 2024-01-01\n";

/* A flow list, which does not stream. */
static const char soa[] =
    "version: 1\n"
    "controls: [{id: \"5.1\", applicable: true, reason: Needed,\n"
    "  status: implemented}, {id: \"5.2\", applicable: false}]\n";

static const char audits[] =
    "version: 1\n"
    "programme:\n"
    "  objectives: [Assure]\n"
    "  cycle_months: 12\n"
    "  start: 2024-01-01\n"
    "audits:\n"
    "  - id: AU-001\n"
    "    title: ISMS audit\n"
    "    scope: {clauses: [\"4.1\", \"99\"], controls: [\"5.1\", \"77.7\"]}\n"
    "    criteria: ISO/IEC 27001:2022\n"
    "    lead: Auditor\n"
    "    planned: 2024-02-01\n"
    "    status: planned\n"
    "findings:\n"
    "  - id: F-001\n"
    "    audit: AU-001\n"
    "    type: minor\n"
    "    ref: \"5.1\"\n"
    "    statement: Gap\n"
    "    raised: 2024-02-01\n"
    "    status: open\n"
    "    action:\n"
    "      correction: Fix\n"
    "      owner: CIO\n"
    "      due: 2024-03-01\n";

static const char *const names[] = { "isms.yaml", "assets.yaml",
	"risks.yaml", "treatments.yaml", "soa.yaml", "audits.yaml" };

static int setup(void **state)
{
	struct fixture *f = tmproot_make("stream");
	if (!f)
		return -1;
	put(f, "isms.yaml", config);
	put(f, "assets.yaml", assets);
	put(f, "risks.yaml", risks);
	put(f, "treatments.yaml", treatments);
	put(f, "soa.yaml", soa);
	put(f, "audits.yaml", audits);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	tmproot_remove(*state, names, ARRAY_SIZE(names));
	return 0;
}

static void dump_diags(struct diags *d, struct sbuf *out)
{
	diags_sort(d);
	for (size_t i = 0; i < d->n; i++)
		sbuf_addf(out, "%s:%u:%u: %s%s %s %s\n", d->v[i].file,
		    d->v[i].line, d->v[i].col, d->v[i].fatal ? "fatal " : "",
		    severity_name(d->v[i].sev), d->v[i].rule, d->v[i].msg);
}

static void dump_at(const char *what, const struct ynode *n, struct sbuf *out)
{
	sbuf_addf(out, "  %s at %u:%u-%u:%u %s\n", what, n->line, n->col,
	    n->end_line, n->end_col, yn_kind_name(n));
}

/* Where each field of rec is, each list item and each nested record. */
static void dump_places(const struct schema *s, const void *rec,
    struct sbuf *out)
{
	dump_at("record", ((const struct rec *)rec)->node, out);
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (!rec_has_field(rec, s, f))
			continue;
		dump_at(f->name, rec_node(rec, f->name), out);
		if (f->type == FT_LIST) {
			const struct strlist *l = FIELD_PTR(rec, f,
			    const struct strlist);
			for (size_t k = 0; k < l->n; k++)
				dump_at(l->v[k], rec_item_node(rec, f->name, k),
				    out);
		} else if (f->type == FT_MAP) {
			dump_places(f->sub, *FIELD_PTR(rec, f, void *const),
			    out);
		} else if (f->type == FT_RECLIST) {
			const struct reclist *l = FIELD_PTR(rec, f,
			    const struct reclist);
			for (size_t k = 0; k < l->n; k++)
				dump_places(f->sub, l->v[k], out);
		}
	}
}

static void dump_records(const struct project *p, struct sbuf *out)
{
	for (int c = 0; c < COL_COUNT; c++) {
		const struct schema *s = coll_defs[c].schema;
		const struct reclist *l = project_list(p, c);
		for (size_t i = 0; i < l->n; i++) {
			struct json_writer w;
			json_init(&w, out, false);
			json_begin_object(&w);
			recout_json_fields(&w, s, l->v[i]);
			json_end_object(&w);
			json_release(&w);
			sbuf_addch(out, '\n');
			recout_yaml(out, s, l->v[i]);
			for (size_t k = 0; k < s->nfields; k++) {
				sbuf_addf(out, "  %s = ", s->fields[k].name);
				recout_field_text(out, s, l->v[i],
				    &s->fields[k]);
				sbuf_addch(out, '\n');
			}
			dump_places(s, l->v[i], out);
		}
	}
}

/* What a reader can see of the project, in one text. */
static char *seen(const char *root, bool streamed)
{
	struct project *p = NULL;
	struct diags d = DIAGS_INIT;
	struct sbuf out = SBUF_INIT;

	if (streamed)
		assert_null(project_load_readonly(root, TODAY, &p));
	else
		assert_null(project_load(root, TODAY, NULL, 0, &p));
	assert_int_equal(p->streamed != 0, streamed);
	dump_records(p, &out);
	check_project(p, &d);
	dump_diags(&d, &out);
	diags_release(&d);
	project_free(p);
	return sbuf_detach(&out, NULL);
}

static void assert_same_seen(const struct fixture *f)
{
	char *whole = seen(f->root, false), *streamed = seen(f->root, true);
	assert_string_equal(streamed, whole);
	free(whole);
	free(streamed);
}

static void test_streamed_equals_whole(void **state)
{
	const struct fixture *f = *state;
	char *text = seen(f->root, true);
	if (getenv("STREAM_DUMP"))
		fputs(text, stderr);
	/* The fixture does reach what it is meant to. */
	assert_non_null(strstr(text, "sle: 1.50"));
	assert_non_null(strstr(text, "\"aro\":0.1"));
	assert_non_null(strstr(text, "risks.yaml:7:21: error missing-ref"));
	assert_non_null(strstr(text, "risks.yaml:35:21: error missing-ref"));
	assert_non_null(strstr(text, "treatments.yaml:15:9: warning "
	    "action-overdue action 3"));
	free(text);
	assert_same_seen(f);
}

/* The bundled example, every register in use (make check runs the tests
 * from the source tree). */
static void test_example(void **state)
{
	(void)state;
	if (access("examples/northwind/isms.yaml", F_OK) != 0)
		skip();
	char *whole = seen("examples/northwind", false);
	char *streamed = seen("examples/northwind", true);
	assert_string_equal(streamed, whole);
	assert_true(strlen(whole) > 100000);
	free(whole);
	free(streamed);
}

/* Records were streamed: their nodes are stubs, parsed again on demand. */
static void test_records_keep_stubs(void **state)
{
	const struct fixture *f = *state;
	struct project *p = NULL;
	assert_null(project_load_readonly(f->root, TODAY, &p));
	const struct risk *r1 = project_find(p, COL_RISKS, "R-001");
	assert_non_null(r1);
	assert_non_null(r1->loss);
	assert_true(yn_is_stub(r1->loss->r.node));
	assert_true(yn_is_stub(r1->loss->frequency->r.node));
	assert_int_equal(rec_node(r1->loss->frequency, "max")->line, 14);
	const struct risk *r = project_find(p, COL_RISKS, "R-003");
	assert_non_null(r);
	assert_true(yn_is_stub(r->r.node));
	const struct ynode *full = yn_full(r->r.node);
	assert_false(yn_is_stub(full));
	assert_int_equal(full->line, 20);
	assert_int_equal(full->col, 5);
	assert_string_equal(yn_get(full, "description")->str, "kept\n\n\n");
	/* A flow list is kept whole. */
	const struct soa_control *c = project_find(p, COL_CONTROLS, "5.1");
	assert_non_null(c);
	assert_false(yn_is_stub(c->r.node));
	project_free(p);
}

/* A file that stops parsing reports the syntax error alone, though its
 * first items were loaded (and their problems found) as it streamed. */
static void test_syntax_error_after_items(void **state)
{
	const struct fixture *f = *state;
	put(f, "risks.yaml",
	    "version: 1\nrisks:\n"
	    "  - id: R-001\n    title: One\n    bogus: 1\n"
	    "  - id: R-002\n    title: [unclosed\n");
	assert_same_seen(f);
	char *text = seen(f->root, true);
	assert_null(strstr(text, "bogus"));
	assert_non_null(strstr(text, "yaml-syntax"));
	free(text);
}

/* Problems a record's loader finds are found as the file streams. */
static void test_problems_inside_items(void **state)
{
	const struct fixture *f = *state;
	put(f, "risks.yaml",
	    "version: 1\nrisks:\n"
	    "  - id: R-001\n    title: One\n    unknown_key: 1\n"
	    "    identified: 2026-13-01\n    assets: [A-001, {a: 1}]\n"
	    "  - just text\n"
	    "  - id: R-002\n    title: Two\n    title: Again\n"
	    "    rating: [1, 2]\n    loss: {frequency: 3}\n"
	    "  - id: R-003\n    rating: {likelihood: 1, impact: 9, bogus: 1}\n");
	assert_same_seen(f);
	char *text = seen(f->root, true);
	assert_non_null(strstr(text, "risks.yaml:5:5: fatal error unknown-key"));
	assert_non_null(strstr(text, "risks.yaml:8:5: fatal error wrong-type"));
	free(text);
}

/* A list given twice: the second is a problem, and none of its records is
 * loaded, so none of their problems is reported either. */
static void test_list_given_twice(void **state)
{
	const struct fixture *f = *state;
	put(f, "risks.yaml",
	    "version: 1\nrisks:\n"
	    "  - id: R-001\n    title: One\n"
	    "risks:\n"
	    "  - id: R-002\n    title: Two\n    bogus: 1\n");
	assert_same_seen(f);
	char *text = seen(f->root, true);
	assert_non_null(strstr(text, "duplicate-key"));
	assert_null(strstr(text, "bogus"));
	free(text);
}

/* Duplicate ids name both places, found through two stubs at once. */
static void test_duplicate_ids(void **state)
{
	const struct fixture *f = *state;
	put(f, "treatments.yaml",
	    "version: 1\ntreatments:\n"
	    "  - id: T-001\n    risk: R-001\n    option: avoid\n"
	    "  - id: T-001\n    risk: R-002\n    option: avoid\n");
	assert_same_seen(f);
	char *text = seen(f->root, true);
	assert_non_null(strstr(text, "treatments.yaml:6:9: fatal error "
	    "duplicate-id duplicate treatment id 'T-001' (first at "
	    "treatments.yaml:3:9)"));
	free(text);
}

/* A file changed in place after the load: a stub whose lines no longer
 * give back its record keeps its own place instead of a wrong one. */
static void test_file_changed_under_stub(void **state)
{
	const struct fixture *f = *state;
	struct project *p = NULL;
	assert_null(project_load_readonly(f->root, TODAY, &p));
	const struct treatment *t = project_find(p, COL_TREATMENTS, "T-003");
	assert_non_null(t);
	/* Its lines become comments, byte for byte. */
	char path[128];
	snprintf(path, sizeof(path), "%s/treatments.yaml", f->root);
	FILE *fp = fopen(path, "r+");
	assert_non_null(fp);
	const char *from = strstr(treatments, "  - id: T-003");
	assert_non_null(from);
	assert_int_equal(fseek(fp, (long)(from - treatments), SEEK_SET), 0);
	for (; *from; from++)
		assert_int_equal(fputc(*from == '\n' ? '\n' : '#', fp),
		    *from == '\n' ? '\n' : '#');
	assert_int_equal(fclose(fp), 0);
	const struct ynode *n = rec_node(t, "approved_by");
	assert_int_equal(n->line, t->r.node->line);
	assert_int_equal(n->col, t->r.node->col);
	project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_streamed_equals_whole,
		    setup, teardown),
		cmocka_unit_test(test_example),
		cmocka_unit_test_setup_teardown(test_records_keep_stubs,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_error_after_items,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_problems_inside_items,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_given_twice, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_ids, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_file_changed_under_stub,
		    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
