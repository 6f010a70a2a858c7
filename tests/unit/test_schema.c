/*
 * Tests for schema.c and the tables in register.c.
 *
 * Every record type is loaded from YAML text and its typed struct checked
 * field by field, presence bits included.  Bad input is a table of (record
 * type, text, the exact diagnostics): rule id, line, column and message,
 * one per line, in the order the loader finds them.  Scalars are read by
 * the type the schema asks for, so "5.10" stays "5.10" and a quoted "true"
 * is text, never a boolean.
 */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/date.h"
#include "isms/register.h"

struct loaded {
	struct ydoc *doc;
	struct arena arena;
	struct diags diags;
	void *rec;
};

static const struct schema *coll_schema(enum collection c)
{
	return coll_defs[c].schema;
}

static void load(struct loaded *l, const struct schema *s, const char *text)
{
	memset(l, 0, sizeof(*l));
	struct isms_error *err = ydoc_parse("r.yaml", text, strlen(text),
	    &l->doc);
	if (err) {
		print_error("parse: %s\n", err->msg);
		err_free(err);
		fail();
	}
	assert_non_null(l->doc->root);
	assert_int_equal(l->doc->root->kind, YN_MAP);
	struct load_ctx ctx = { "r.yaml", &l->arena, &l->diags };
	l->rec = schema_load(s, l->doc->root, &ctx);
	assert_non_null(l->rec);
	assert_ptr_equal(((struct rec *)l->rec)->node, l->doc->root);
}

static void unload(struct loaded *l)
{
	diags_release(&l->diags);
	arena_free(&l->arena);
	ydoc_free(l->doc);
}

/* Loads text that must be clean. */
static void *load_clean(struct loaded *l, const struct schema *s,
    const char *text)
{
	load(l, s, text);
	for (size_t i = 0; i < l->diags.n; i++)
		print_error("%u:%u %s %s\n", l->diags.v[i].line,
		    l->diags.v[i].col, l->diags.v[i].rule, l->diags.v[i].msg);
	assert_int_equal(l->diags.n, 0);
	return l->rec;
}

static bool has(const void *rec, const struct schema *s, const char *name)
{
	assert_non_null(schema_field(s, name));
	return rec_has(rec, s, name);
}

static long day(const char *s)
{
	long d;
	assert_true(date_parse(s, &d));
	return d;
}

static void test_config(void **state)
{
	struct loaded l;
	const struct schema *s = reg_defs[REG_CONFIG].schema;
	struct config *c = load_clean(&l, s,
	    "version: 1\norganization: Example Ltd\ncatalog: iso27001-2022\n"
	    "methodology:\n  preset: 5x5\npolicy: {x: 1}\n");
	assert_int_equal(c->version, 1);
	assert_string_equal(c->organization, "Example Ltd");
	assert_string_equal(c->catalog, "iso27001-2022");
	assert_int_equal(c->methodology->kind, YN_MAP);
	assert_string_equal(yn_get(c->methodology, "preset")->str, "5x5");
	assert_int_equal(c->policy->kind, YN_MAP);
	assert_true(reg_defs[REG_CONFIG].required);
	assert_false(reg_defs[REG_ASSETS].required);
	unload(&l);
}

static void test_scope(void **state)
{
	struct loaded l;
	const struct schema *s = reg_defs[REG_SCOPE].schema;
	struct scope *sc = load_clean(&l, s,
	    "version: 1\n"
	    "statement: |\n  All of it.\n"
	    "issues:\n"
	    "  - {id: I-001, kind: internal, text: Staff turnover}\n"
	    "parties:\n"
	    "  - id: P-001\n    name: Regulator\n    requirements: [GDPR, \"NIS2\"]\n"
	    "boundaries:\n"
	    "  - {id: B-001, kind: location, name: HQ}\n"
	    "interfaces:\n"
	    "  - {id: N-001, name: Cloud, direction: both}\n"
	    "exclusions:\n"
	    "  - {id: X-001, name: Canteen, reason: No data}\n");
	assert_string_equal(sc->statement, "All of it.\n");
	assert_int_equal(sc->issues.n, 1);
	const struct scope_issue *is = sc->issues.v[0];
	assert_string_equal(is->id, "I-001");
	assert_int_equal(is->kind, 0);
	assert_string_equal(is->text, "Staff turnover");
	const struct party *p = sc->parties.v[0];
	assert_string_equal(p->name, "Regulator");
	assert_int_equal(p->requirements.n, 2);
	assert_string_equal(p->requirements.v[1], "NIS2");
	const struct boundary *b = sc->boundaries.v[0];
	assert_string_equal(boundary_kinds[b->kind], "location");
	const struct interface *n = sc->interfaces.v[0];
	assert_string_equal(directions[n->direction], "both");
	const struct exclusion *x = sc->exclusions.v[0];
	assert_string_equal(x->reason, "No data");
	assert_int_equal(((struct rec *)x)->index, 0);
	unload(&l);
}

static void test_asset(void **state)
{
	struct loaded l;
	const struct schema *s = coll_schema(COL_ASSETS);
	struct asset *a = load_clean(&l, s,
	    "id: A-001\nname: Patient records\ntype: information\n"
	    "owner: Head of Care\nclassification: restricted\n"
	    "c: 5\ni: 4\na: 0\nlocation: \"EU-West\"\n"
	    "depends_on: [A-002, A-010]\nin_scope: false\n"
	    "description: >\n  Folded\n  text.\n");
	assert_string_equal(a->id, "A-001");
	assert_string_equal(rec_id(a, s), "A-001");
	assert_string_equal(asset_types[a->type], "information");
	assert_string_equal(classifications[a->classification], "restricted");
	assert_int_equal(a->c, 5);
	assert_int_equal(a->i, 4);
	/* Zero is a value, and present. */
	assert_int_equal(a->a, 0);
	assert_true(has(a, s, "a"));
	assert_int_equal(a->depends_on.n, 2);
	assert_string_equal(a->depends_on.v[1], "A-010");
	assert_false(a->in_scope);
	assert_true(has(a, s, "in_scope"));
	assert_string_equal(a->description, "Folded text.\n");
	/* Every field given: every bit set. */
	assert_int_equal(((struct rec *)a)->present,
	    ((uint64_t)1 << s->nfields) - 1);
	unload(&l);

	/* Absent and explicitly null optional fields are both "not given". */
	a = load_clean(&l, s, "id: A-002\nname: Laptop\nc: ~\nowner: null\n"
	    "in_scope:\n");
	assert_int_equal(((struct rec *)a)->present, 0x3);
	assert_false(has(a, s, "c"));
	assert_false(has(a, s, "owner"));
	assert_false(has(a, s, "in_scope"));
	assert_false(has(a, s, "type"));
	assert_null(a->owner);
	assert_ptr_equal(rec_node(a, "name"), yn_get(l.doc->root, "name"));
	assert_ptr_equal(rec_node(a, "type"), l.doc->root);
	assert_false(rec_has(a, s, "no_such_field"));
	unload(&l);
}

static void test_risk(void **state)
{
	struct loaded l;
	const struct schema *s = coll_schema(COL_RISKS);
	struct risk *r = load_clean(&l, s,
	    "id: R-007\ntitle: Ransomware\nassets: [A-001]\nthreat: Crime\n"
	    "vulnerability: Old VPN\ncia: [c, a]\nowner: CISO\n"
	    "rating: {likelihood: 4, impact: 5}\n"
	    "identified: 2026-01-15\nreview: 2028-02-29\n"
	    "sle: 250000\naro: 0.25\n"
	    "loss:\n  frequency: {min: 0.1, mode: 0.3, max: 1}\n"
	    "  magnitude: {min: 1e4, mode: 5e4, max: 1e15}\n"
	    "description: notes\n");
	assert_string_equal(r->title, "Ransomware");
	assert_int_equal(r->cia.n, 2);
	assert_string_equal(r->cia.v[1], "a");
	assert_string_equal(yn_get(r->rating, "likelihood")->str, "4");
	assert_int_equal(r->identified, day("2026-01-15"));
	assert_int_equal(r->review, day("2028-02-29"));
	assert_true(r->sle == 250000);
	assert_true(r->aro == 0.25);
	assert_non_null(r->loss);
	assert_true(r->loss->frequency->mode == 0.3);
	assert_true(r->loss->magnitude->min == 1e4);
	assert_true(r->loss->magnitude->max == 1e15);
	unload(&l);
}

static void test_treatment(void **state)
{
	struct loaded l;
	const struct schema *s = coll_schema(COL_TREATMENTS);
	struct treatment *t = load_clean(&l, s,
	    "id: T-001\nrisk: R-007\noption: modify\ncontrols: [\"5.10\", 8.7]\n"
	    "owner: IT\ndue: 2026-12-31\nstatus: in-progress\n"
	    "actions:\n"
	    "  - {text: Patch VPN, owner: IT, due: 2026-12-01, done: true}\n"
	    "  - text: Train staff\n"
	    "residual: {likelihood: 2}\ncost: 12000\nannual_cost: 1500.5\n"
	    "cost_years: 3\napproved_by: CEO\napproved_on: 2026-02-01\n"
	    "expires: 2027-02-01\nrationale: Cheapest\n");
	assert_int_equal(t->option, OPT_MODIFY);
	assert_int_equal(t->status, TS_IN_PROGRESS);
	/* Control ids are text as written. */
	assert_string_equal(t->controls.v[0], "5.10");
	assert_string_equal(t->controls.v[1], "8.7");
	assert_int_equal(t->actions.n, 2);
	const struct action *a = t->actions.v[0];
	assert_string_equal(a->text, "Patch VPN");
	assert_true(a->done);
	assert_int_equal(a->due, day("2026-12-01"));
	a = t->actions.v[1];
	assert_int_equal(((struct rec *)a)->index, 1);
	assert_false(rec_has(a, coll_schema(COL_TREATMENTS)->fields[7].sub,
	    "done"));
	assert_true(t->annual_cost == 1500.5);
	assert_int_equal(t->expires, day("2027-02-01"));
	unload(&l);
}

static void test_soa_and_audits(void **state)
{
	struct loaded l;
	struct soa_file *f = load_clean(&l, reg_defs[REG_SOA].schema,
	    "version: 1\ncatalog: iso27001-2022\ncontrols:\n"
	    "  - {id: 5.10, applicable: true, status: implemented,"
	    " evidence: [Policy v2]}\n"
	    "  - id: \"5.1\"\n    applicable: false\n    reason: n/a\n");
	assert_int_equal(f->controls.n, 2);
	const struct soa_control *c = f->controls.v[0];
	assert_string_equal(c->id, "5.10");
	assert_true(c->applicable);
	assert_int_equal(c->status, SOA_IMPLEMENTED);
	c = f->controls.v[1];
	assert_string_equal(c->id, "5.1");
	assert_false(c->applicable);
	assert_true(rec_has(c, coll_schema(COL_CONTROLS), "applicable"));
	assert_false(rec_has(c, coll_schema(COL_CONTROLS), "status"));
	unload(&l);

	struct audits_file *af = load_clean(&l, reg_defs[REG_AUDITS].schema,
	    "version: 1\n"
	    "programme: {objectives: [Cover all], cycle_months: 36}\n"
	    "audits:\n"
	    "  - id: AU-001\n    title: Internal audit\n"
	    "    scope: {clauses: [\"4\", \"9.2\"], controls: [\"5.10\"]}\n"
	    "    lead: Ann\n    auditors: [Bob]\n    planned: 2026-03-01\n"
	    "    completed: 2026-03-05\n    status: reported\n"
	    "findings:\n"
	    "  - id: F-001\n    audit: AU-001\n    type: minor\n    ref: \"9.2\"\n"
	    "    statement: S\n    raised: 2026-03-05\n    status: open\n"
	    "    action:\n      root_cause: R\n      due: 2026-06-01\n");
	assert_int_equal(af->programme->cycle_months, 36);
	const struct audit *au = af->audits.v[0];
	assert_string_equal(au->scope->clauses.v[1], "9.2");
	assert_int_equal(au->status, AU_REPORTED);
	const struct finding *fi = af->findings.v[0];
	assert_int_equal(fi->type, FT_MINOR);
	assert_string_equal(fi->ref, "9.2");
	assert_int_equal(fi->action->due, day("2026-06-01"));
	assert_string_equal(fi->action->root_cause, "R");
	unload(&l);
}

/* Record texts and the exact diagnostics they produce. */
struct bad {
	enum collection coll;  /* COL_COUNT: the file's top-level schema */
	enum reg_file file;
	const char *text;
	const char *want;      /* "LINE:COL rule message\n" per diagnostic */
};

static void check_bad(const struct bad *b)
{
	const struct schema *s = b->coll == COL_COUNT ?
	    reg_defs[b->file].schema : coll_schema(b->coll);
	struct loaded l;
	struct sbuf got = SBUF_INIT;
	load(&l, s, b->text);
	for (size_t i = 0; i < l.diags.n; i++) {
		const struct diag *d = &l.diags.v[i];
		assert_string_equal(d->file, "r.yaml");
		assert_int_equal(d->sev, SEV_ERROR);
		/* Schema problems make a register unusable. */
		assert_true(d->fatal);
		sbuf_addf(&got, "%u:%u %s %s\n", d->line, d->col, d->rule,
		    d->msg);
	}
	if (strcmp(got.buf, b->want) != 0) {
		print_error("input:\n%s\ngot:\n%s\nwant:\n%s\n", b->text,
		    got.buf, b->want);
		sbuf_release(&got);
		unload(&l);
		fail();
	}
	sbuf_release(&got);
	unload(&l);
}

#define TOP COL_COUNT

static void test_diagnostics(void **state)
{
	static const struct bad cases[] = {
		/* Required fields, at the record's position. */
		{ COL_ASSETS, 0, "type: site\n",
		  "1:1 missing-field asset has no 'id'\n"
		  "1:1 missing-field asset has no 'name'\n" },
		{ COL_ASSETS, 0, "extra: 1\nid: A-9\n",
		  "1:1 unknown-key unknown key 'extra' in asset\n"
		  "1:1 missing-field asset A-9 has no 'name'\n" },
		{ COL_ASSETS, 0, "id: A-1\nname:\n",
		  "2:6 wrong-type name: expected a string, found null\n" },
		{ COL_ASSETS, 0, "id: \"\"\nname: n\n",
		  "1:5 bad-value id: an id must not be empty or padded with spaces\n" },
		{ COL_ASSETS, 0, "id: \" A-1\"\nname: n\n",
		  "1:5 bad-value id: an id must not be empty or padded with spaces\n" },
		{ COL_ASSETS, 0, "id: \"A-1 \"\nname: n\n",
		  "1:5 bad-value id: an id must not be empty or padded with spaces\n" },
		{ COL_ASSETS, 0, "id: [A-1]\nname: n\n",
		  "1:5 wrong-type id: expected a string, found a list\n" },
		{ COL_ASSETS, 0, "id: A-1\nname: \"two\\nlines\"\n",
		  "2:7 wrong-type name: must be a single line\n" },
		{ COL_ASSETS, 0, "id: A-1\nname: {a: b}\n",
		  "2:7 wrong-type name: expected a string, found a mapping\n" },
		/* Enums. */
		{ COL_ASSETS, 0, "id: A-1\nname: n\ntype: foo\n",
		  "3:7 bad-value type: 'foo' is not one of information, software, "
		  "hardware, service, people, site or supplier\n" },
		{ COL_ASSETS, 0, "id: A-1\nname: n\nclassification: Secret\n",
		  "3:17 bad-value classification: 'Secret' is not one of public, "
		  "internal, confidential or restricted\n" },
		{ COL_ASSETS, 0, "id: A-1\nname: n\ntype: [site]\n",
		  "3:7 wrong-type type: expected one of the listed values, found a list\n" },
		{ COL_TREATMENTS, 0, "id: T-1\nrisk: R-1\noption: Modify\n",
		  "3:9 bad-value option: 'Modify' is not one of modify, retain, "
		  "avoid or share\n" },
		/* Numbers: whole numbers, limits, no YAML 1.1 spellings. */
		{ COL_ASSETS, 0, "id: A-1\nname: n\nc: 1.5\ni: \"2\"\na: 0x10\n",
		  "3:4 wrong-type c: expected a whole number, found '1.5'\n"
		  "4:4 wrong-type i: expected a whole number, found '2'\n"
		  "5:4 wrong-type a: expected a whole number, found '0x10'\n" },
		{ COL_ASSETS, 0, "id: A-1\nname: n\nc: 1e2\ni: 1_000\na: .inf\n",
		  "3:4 wrong-type c: expected a whole number, found '1e2'\n"
		  "4:4 wrong-type i: expected a whole number, found '1_000'\n"
		  "5:4 wrong-type a: expected a whole number, found '.inf'\n" },
		{ COL_RISKS, 0, "id: R-1\ntitle: t\nsle: 1e400\naro: 1e16\n",
		  "3:6 wrong-type sle: expected a number, found '1e400'\n"
		  "4:6 wrong-type aro: expected a number, found '1e16'\n" },
		{ COL_RISKS, 0, "id: R-1\ntitle: t\nsle: 1000000000000001\n"
		  "aro: -1e400\n",
		  "3:6 wrong-type sle: expected a number, found '1000000000000001'\n"
		  "4:6 wrong-type aro: expected a number, found '-1e400'\n" },
		{ COL_RISKS, 0, "id: R-1\ntitle: t\nsle: .nan\naro: \"0.5\"\n",
		  "3:6 wrong-type sle: expected a number, found '.nan'\n"
		  "4:6 wrong-type aro: expected a number, found '0.5'\n" },
		{ COL_RISKS, 0, "id: R-1\ntitle: t\nsle: 1e-400\naro: nan\n",
		  "3:6 wrong-type sle: expected a number, found '1e-400'\n"
		  "4:6 wrong-type aro: expected a number, found 'nan'\n" },
		/* Booleans: plain true/false only. */
		{ COL_ASSETS, 0, "id: A-1\nname: n\nin_scope: \"true\"\n",
		  "3:11 wrong-type in_scope: expected true or false, found 'true'\n" },
		{ COL_CONTROLS, 0, "id: \"5.1\"\napplicable: yes\n",
		  "2:13 wrong-type applicable: expected true or false, found 'yes'\n" },
		{ COL_CONTROLS, 0, "id: \"5.1\"\napplicable: 1\n",
		  "2:13 wrong-type applicable: expected true or false, found '1'\n" },
		/* Dates. */
		{ COL_RISKS, 0, "id: R-1\ntitle: t\nidentified: 2026-02-29\n",
		  "3:13 bad-date identified: '2026-02-29' is not a date (YYYY-MM-DD)\n" },
		{ COL_RISKS, 0, "id: R-1\ntitle: t\nreview: 2026-1-5\n",
		  "3:9 bad-date review: '2026-1-5' is not a date (YYYY-MM-DD)\n" },
		{ COL_RISKS, 0, "id: R-1\ntitle: t\nreview: [2026-01-05]\n",
		  "3:9 wrong-type review: expected a date (YYYY-MM-DD), found a list\n" },
		{ COL_TREATMENTS, 0, "id: T-1\nrisk: R-1\noption: retain\n"
		  "due: 2026-12-31T00:00:00Z\n",
		  "4:6 bad-date due: '2026-12-31T00:00:00Z' is not a date (YYYY-MM-DD)\n" },
		/* Lists and their items. */
		{ COL_ASSETS, 0, "id: A-1\nname: n\ndepends_on: A-2\n",
		  "3:13 wrong-type depends_on: expected a list, found 'A-2'\n" },
		{ COL_ASSETS, 0, "id: A-1\nname: n\n"
		  "depends_on: [a, [b], \"c\\nd\", ~, {e: f}]\n",
		  "3:17 wrong-type depends_on: each item must be a one-line string, found a list\n"
		  "3:22 wrong-type depends_on: each item must be a one-line string, found a scalar\n"
		  "3:30 wrong-type depends_on: each item must be a one-line string, found null\n"
		  "3:33 wrong-type depends_on: each item must be a one-line string, found a mapping\n" },
		{ COL_RISKS, 0, "id: R-1\ntitle: t\ncia: [c, x, C]\n",
		  "3:10 bad-value cia: 'x' is not one of c, i or a\n"
		  "3:13 bad-value cia: 'C' is not one of c, i or a\n" },
		{ COL_TREATMENTS, 0, "id: T-1\nrisk: R-1\noption: retain\n"
		  "actions: [x, {text: ok}, {owner: o}]\n",
		  "4:11 wrong-type actions: each item must be a mapping (a action), found a scalar\n"
		  "4:26 missing-field action has no 'text'\n" },
		/* Nested records. */
		{ COL_RISKS, 0, "id: R-1\ntitle: t\n"
		  "loss: {frequency: {min: 1, mode: 2}, magnitude: 5}\n",
		  "3:19 missing-field range has no 'max'\n"
		  "3:49 wrong-type magnitude: expected a mapping, found '5'\n" },
		{ COL_RISKS, 0, "id: R-1\ntitle: t\nrating: 5\n",
		  "3:9 wrong-type rating: expected a mapping of factors, found '5'\n" },
		/* Unknown and duplicate keys. */
		{ COL_ASSETS, 0, "id: A-1\nnmae: q\nname: n\nlocatoin: z\nzzz: 1\n"
		  "Name: N\n",
		  "2:1 unknown-key unknown key 'nmae' in asset (did you mean 'name'?)\n"
		  "4:1 unknown-key unknown key 'locatoin' in asset (did you mean 'location'?)\n"
		  "5:1 unknown-key unknown key 'zzz' in asset\n"
		  "6:1 unknown-key unknown key 'Name' in asset (did you mean 'name'?)\n" },
		{ COL_ASSETS, 0, "id: A-1\nname: n\ndepends-on: [A-2]\n",
		  "3:1 unknown-key unknown key 'depends-on' in asset (did you mean 'depends_on'?)\n" },
		{ COL_ASSETS, 0, "id: A-1\nname: n\nname: m\nc: 1\nc: x\n",
		  "3:1 duplicate-key key 'name' appears twice in this asset\n"
		  "5:1 duplicate-key key 'c' appears twice in this asset\n" },
		{ COL_ASSETS, 0, "id: A-1\nname: n\n? [k]\n: v\n",
		  "3:3 wrong-type keys must be plain names, found a list\n" },
		/* Top-level registers. */
		{ TOP, REG_CONFIG, "version: \"1\"\norganisation: X\n",
		  "1:10 wrong-type version: expected a whole number, found '1'\n"
		  "2:1 unknown-key unknown key 'organisation' in isms.yaml "
		  "(did you mean 'organization'?)\n" },
		{ TOP, REG_ASSETS, "assets: {id: A-1}\n",
		  "1:9 wrong-type assets: expected a list, found a mapping\n"
		  "1:1 missing-field assets.yaml has no 'version'\n" },
		{ TOP, REG_ASSETS, "version: 1\nassets:\n  - [A-1]\n  - id: A-2\n",
		  "3:5 wrong-type assets: each item must be a mapping (a asset), found a list\n"
		  "4:5 missing-field asset A-2 has no 'name'\n" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		check_bad(&cases[i]);
}

/* A record with many keys still reports every duplicate. */
static void test_many_duplicates(void **state)
{
	struct sbuf text = SBUF_INIT, want = SBUF_INIT;
	sbuf_adds(&text, "id: A-1\n");
	for (int i = 0; i < 40; i++) {
		sbuf_addf(&text, "name: n%d\n", i);
		if (i)
			sbuf_addf(&want, "%d:1 duplicate-key key 'name' appears "
			    "twice in this asset\n", i + 2);
	}
	struct bad b = { COL_ASSETS, 0, text.buf, want.buf };
	check_bad(&b);
	struct loaded l;
	load(&l, coll_schema(COL_ASSETS), text.buf);
	/* The first value is the one kept. */
	assert_string_equal(((struct asset *)l.rec)->name, "n0");
	unload(&l);
	sbuf_release(&text);
	sbuf_release(&want);
}

/* Ids and strings are text as written, never numbers or booleans. */
static void test_scalars_as_text(void **state)
{
	struct loaded l;
	const struct schema *s = coll_schema(COL_CONTROLS);
	static const struct {
		const char *yaml, *id;
	} ids[] = {
		{ "id: 5.10\n", "5.10" }, { "id: \"5.10\"\n", "5.10" },
		{ "id: 5.1\n", "5.1" }, { "id: 05.10\n", "05.10" },
		{ "id: 1e3\n", "1e3" }, { "id: 0x1F\n", "0x1F" },
		{ "id: true\n", "true" }, { "id: 'no'\n", "no" },
		{ "id: 2026-01-01\n", "2026-01-01" }, { "id: '~'\n", "~" },
		{ "id: A.5.10\n", "A.5.10" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		const struct soa_control *c = load_clean(&l, s, ids[i].yaml);
		assert_string_equal(c->id, ids[i].id);
		unload(&l);
	}
	/* A plain true is the text "true" for a string field; a quoted one
	 * likewise.  Only a boolean field reads it as a boolean. */
	const struct schema *as = coll_schema(COL_ASSETS);
	struct asset *a = load_clean(&l, as,
	    "id: A-1\nname: \"true\"\nowner: true\nlocation: 12\n"
	    "description: \"null\"\nin_scope: TRUE\nc: -0\ni: +3\na: 007\n");
	assert_string_equal(a->name, "true");
	assert_string_equal(a->owner, "true");
	assert_string_equal(a->location, "12");
	assert_string_equal(a->description, "null");
	assert_true(a->in_scope);
	assert_int_equal(a->c, 0);
	assert_true(has(a, as, "c"));
	assert_int_equal(a->i, 3);
	assert_int_equal(a->a, 7);
	unload(&l);
}

static void test_parse_num(void **state)
{
	static const struct {
		const char *s;
		bool ok;
		double v;
	} nums[] = {
		{ "0", true, 0 }, { "-0", true, 0 }, { "1.5", true, 1.5 },
		{ "-2.25", true, -2.25 }, { "+3", true, 3 }, { ".5", true, 0.5 },
		{ "5.", true, 5 }, { "1e3", true, 1000 }, { "1E-3", true, 0.001 },
		{ "1e15", true, 1e15 }, { "-1e15", true, -1e15 },
		{ "1000000000000000", true, 1e15 },
		{ "1000000000000001", false, 0 }, { "1e16", false, 0 },
		{ "1e400", false, 0 }, { "1e-400", false, 0 },
		{ "", false, 0 }, { " 1", false, 0 }, { "1 ", false, 0 },
		{ "0x10", false, 0 }, { "1_0", false, 0 }, { "inf", false, 0 },
		{ ".inf", false, 0 }, { "nan", false, 0 }, { "1,5", false, 0 },
		{ "--1", false, 0 }, { "1e", false, 0 }, { ".", false, 0 },
		{ "-", false, 0 }, { "1.2.3", false, 0 }, { "12:30", false, 0 },
		/* Whole numbers of up to 15 digits skip strtod. */
		{ "999999999999999", true, 999999999999999.0 },
		{ "-999999999999999", true, -999999999999999.0 },
		{ "0000000000000001", true, 1 }, { "+", false, 0 },
		{ "12a", false, 0 }, { "-12-", false, 0 }, { "+-1", false, 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(nums); i++) {
		double v = -99;
		bool ok = parse_num(nums[i].s, &v);
		if (ok != nums[i].ok || (ok && v != nums[i].v)) {
			print_error("parse_num('%s') = %d %g\n", nums[i].s, ok, v);
			fail();
		}
	}
	double z;
	assert_true(parse_num("-0", &z));
	assert_true(z == 0 && signbit(z));
	static const struct {
		const char *s;
		bool ok;
		long v;
	} ints[] = {
		{ "0", true, 0 }, { "-0", true, 0 }, { "42", true, 42 },
		{ "-7", true, -7 }, { "007", true, 7 }, { "+5", true, 5 },
		{ "1000000000000000", true, 1000000000000000L },
		{ "1.0", false, 0 }, { "1e2", false, 0 }, { "1.5", false, 0 },
		{ "1e16", false, 0 }, { "x", false, 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(ints); i++) {
		long v = -99;
		bool ok = parse_int(ints[i].s, &v);
		if (ok != ints[i].ok || (ok && v != ints[i].v)) {
			print_error("parse_int('%s') = %d %ld\n", ints[i].s, ok, v);
			fail();
		}
	}
}

static void test_schema_lookup(void **state)
{
	const struct schema *as = coll_schema(COL_ASSETS);
	const struct schema *rs = coll_schema(COL_RISKS);
	char buf[96];

	assert_string_equal(schema_field_arg(as, "depends-on")->name,
	    "depends_on");
	assert_string_equal(schema_field_arg(as, "depends_on")->name,
	    "depends_on");
	assert_string_equal(schema_field_arg(as, "in-scope")->name, "in_scope");
	assert_string_equal(schema_field_arg(rs, "asset")->name, "assets");
	assert_string_equal(schema_field_arg(rs, "assets")->name, "assets");
	assert_null(schema_field_arg(rs, "nope"));
	char longname[100];
	memset(longname, 'x', 99);
	longname[99] = '\0';
	assert_null(schema_field_arg(rs, longname));
	assert_string_equal(schema_id_field(as)->name, "id");
	assert_null(schema_id_field(reg_defs[REG_ASSETS].schema));
	assert_int_equal(schema_field_index(as, schema_field(as, "name")), 1);
	assert_string_equal(schema_suggest(as, "ownr", buf, sizeof(buf)),
	    " (did you mean 'owner'?)");
	assert_string_equal(schema_suggest(as, "colour", buf, sizeof(buf)), "");

	struct sbuf sb = SBUF_INIT;
	enum_describe(treat_options, &sb);
	assert_string_equal(sb.buf, "modify, retain, avoid or share");
	sbuf_reset(&sb);
	enum_describe(finding_statuses, &sb);
	assert_string_equal(sb.buf, "open or closed");
	sbuf_release(&sb);
	assert_int_equal(enum_index(soa_statuses, "partial"), SOA_PARTIAL);
	assert_int_equal(enum_index(soa_statuses, "Partial"), -1);

	/* The collection table: names, nouns, prefixes and files. */
	assert_int_equal(coll_lookup("assets"), COL_ASSETS);
	assert_int_equal(coll_lookup("asset"), COL_ASSETS);
	assert_int_equal(coll_lookup("findings"), COL_FINDINGS);
	assert_int_equal(coll_lookup("party"), COL_PARTIES);
	assert_int_equal(coll_lookup("nope"), -1);
	for (int c = 0; c < COL_COUNT; c++) {
		const struct coll_def *cd = &coll_defs[c];
		const struct schema *top = reg_defs[cd->file].schema;
		const struct field *lf = schema_field(top, cd->name);
		/* Each collection is a list of its schema in its file. */
		assert_non_null(lf);
		assert_int_equal(lf->type, FT_RECLIST);
		assert_ptr_equal(lf->sub, cd->schema);
		assert_int_equal(lf->off, cd->list_off);
		assert_non_null(schema_id_field(cd->schema));
		assert_true(cd->schema->nfields <= 64);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_asset),
		cmocka_unit_test(test_risk),
		cmocka_unit_test(test_treatment),
		cmocka_unit_test(test_soa_and_audits),
		cmocka_unit_test(test_diagnostics),
		cmocka_unit_test(test_many_duplicates),
		cmocka_unit_test(test_scalars_as_text),
		cmocka_unit_test(test_parse_num),
		cmocka_unit_test(test_schema_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
