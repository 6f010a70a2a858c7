/*
 * Tests for splice.c: byte-preserving edits of register text.
 *
 * Each case is a register text, one edit and the exact text expected
 * after it, so every byte the writer adds, keeps or removes is visible.
 * A property test then runs a few hundred random edits (seeded) on a
 * generated assets.yaml with comments and mixed styles; after every step
 * the text must parse, load to exactly the records a simple model holds,
 * and differ from the text before only inside the edited record.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/register.h"
#include "isms/splice.h"

static const struct schema *asset_schema(void)
{
	return coll_defs[COL_ASSETS].schema;
}

struct fx {
	struct ydoc *doc;
	struct splice sp;
};

static void begin(struct fx *fx, const char *text)
{
	struct isms_error *err = ydoc_parse("assets.yaml", text, strlen(text),
	    &fx->doc);
	if (err) {
		print_error("%s\n", err->msg);
		err_free(err);
		fail();
	}
	splice_init(&fx->sp, fx->doc);
}

/* Applies the edits, compares with want, and checks the result parses. */
static void finish(struct fx *fx, const char *want)
{
	size_t len;
	char *out = splice_apply(&fx->sp, &len);
	assert_int_equal(len, strlen(out));
	if (strcmp(out, want) != 0) {
		print_error("got:\n%s<<<\nwant:\n%s<<<\n", out, want);
		free(out);
		fail();
	}
	struct ydoc *d = NULL;
	struct isms_error *err = ydoc_parse("out", out, len, &d);
	if (err) {
		print_error("result does not parse: %u:%u %s\n", err->line,
		    err->col, err->msg);
		err_free(err);
		free(out);
		fail();
	}
	ydoc_free(d);
	free(out);
	splice_release(&fx->sp);
	ydoc_free(fx->doc);
}

static const struct ynode *item(struct fx *fx, size_t i)
{
	const struct ynode *l = yn_get(fx->doc->root, "assets");
	assert_non_null(l);
	assert_true(i < l->n);
	return l->kids[i];
}

static char *value_for(const char *key, const char *arg)
{
	struct field_text ft;
	const struct field *f = schema_field(asset_schema(), key);
	assert_non_null(f);
	assert_null(field_text_from_arg(f, arg, &ft));
	char *t = ft.text;
	ft.text = NULL;
	field_text_release(&ft);
	return t;
}

static void set(struct fx *fx, const struct ynode *map, const char *key,
    const char *arg)
{
	char *v = value_for(key, arg);
	assert_null(splice_set_key(&fx->sp, map, asset_schema(), key, v));
	free(v);
}

static void test_set_key_block(void **state)
{
	static const char base[] =
	    "version: 1\n"
	    "assets:\n"
	    "  # the first one\n"
	    "  - id: A-001\n"
	    "    name: Old name   # trailing comment\n"
	    "    c: 3\n"
	    "    description: |\n"
	    "      Two\n"
	    "      lines.\n"
	    "\n"
	    "  - id: A-002\n"
	    "    name: 'quoted'\n"
	    "    owner:\n"
	    "    in_scope: true\n";
	struct fx fx;

	/* Existing key: only its value changes, the comment stays. */
	begin(&fx, base);
	set(&fx, item(&fx, 0), "name", "New: name");
	finish(&fx,
	    "version: 1\n"
	    "assets:\n"
	    "  # the first one\n"
	    "  - id: A-001\n"
	    "    name: \"New: name\"   # trailing comment\n"
	    "    c: 3\n"
	    "    description: |\n"
	    "      Two\n"
	    "      lines.\n"
	    "\n"
	    "  - id: A-002\n"
	    "    name: 'quoted'\n"
	    "    owner:\n"
	    "    in_scope: true\n");

	/* A new key goes after the last key before it in schema order. */
	begin(&fx, base);
	set(&fx, item(&fx, 0), "owner", "IT");
	set(&fx, item(&fx, 0), "location", "HQ");
	set(&fx, item(&fx, 1), "type", "site");
	set(&fx, item(&fx, 1), "description", "d");
	finish(&fx,
	    "version: 1\n"
	    "assets:\n"
	    "  # the first one\n"
	    "  - id: A-001\n"
	    "    name: Old name   # trailing comment\n"
	    "    owner: IT\n"
	    "    c: 3\n"
	    "    location: HQ\n"
	    "    description: |\n"
	    "      Two\n"
	    "      lines.\n"
	    "\n"
	    "  - id: A-002\n"
	    "    name: 'quoted'\n"
	    "    type: site\n"
	    "    owner:\n"
	    "    in_scope: true\n"
	    "    description: d\n");

	/* An empty value "key:" is filled in place. */
	begin(&fx, base);
	set(&fx, item(&fx, 1), "owner", "Ann");
	set(&fx, item(&fx, 1), "in_scope", "false");
	finish(&fx,
	    "version: 1\n"
	    "assets:\n"
	    "  # the first one\n"
	    "  - id: A-001\n"
	    "    name: Old name   # trailing comment\n"
	    "    c: 3\n"
	    "    description: |\n"
	    "      Two\n"
	    "      lines.\n"
	    "\n"
	    "  - id: A-002\n"
	    "    name: 'quoted'\n"
	    "    owner: Ann\n"
	    "    in_scope: false\n");

	/* A block scalar is replaced as a whole; the blank line after it
	 * separates records and stays. */
	begin(&fx, base);
	set(&fx, item(&fx, 0), "description", "one line");
	finish(&fx,
	    "version: 1\n"
	    "assets:\n"
	    "  # the first one\n"
	    "  - id: A-001\n"
	    "    name: Old name   # trailing comment\n"
	    "    c: 3\n"
	    "    description: one line\n"
	    "\n"
	    "  - id: A-002\n"
	    "    name: 'quoted'\n"
	    "    owner:\n"
	    "    in_scope: true\n");

	/* Top-level keys of a file. */
	begin(&fx, "version: 1\nassets: []\n");
	assert_null(splice_set_key(&fx.sp, fx.doc->root,
	    reg_defs[REG_ASSETS].schema, "version", "2"));
	finish(&fx, "version: 2\nassets: []\n");
}

static void test_set_key_flow(void **state)
{
	static const char base[] =
	    "version: 1\n"
	    "assets:\n"
	    "  - {id: A-001, name: x, c: 1}  # note\n"
	    "  - {}\n";
	struct fx fx;

	begin(&fx, base);
	set(&fx, item(&fx, 0), "name", "y z");
	set(&fx, item(&fx, 0), "c", "5");
	finish(&fx,
	    "version: 1\n"
	    "assets:\n"
	    "  - {id: A-001, name: y z, c: 5}  # note\n"
	    "  - {}\n");

	/* New keys in a flow mapping go at its end. */
	begin(&fx, base);
	set(&fx, item(&fx, 0), "owner", "IT");
	set(&fx, item(&fx, 1), "id", "A-002");
	finish(&fx,
	    "version: 1\n"
	    "assets:\n"
	    "  - {id: A-001, name: x, c: 1, owner: IT}  # note\n"
	    "  - {id: A-002}\n");
}

static void test_remove_key(void **state)
{
	static const char block[] =
	    "assets:\n"
	    "  - id: A-001\n"
	    "    name: n\n"
	    "    description: >\n"
	    "      folded\n"
	    "      text\n"
	    "\n"
	    "    # about c\n"
	    "    c: 2\n";
	struct fx fx;

	begin(&fx, block);
	assert_null(splice_remove_key(&fx.sp, item(&fx, 0), "description"));
	assert_null(splice_remove_key(&fx.sp, item(&fx, 0), "missing"));
	finish(&fx,
	    "assets:\n"
	    "  - id: A-001\n"
	    "    name: n\n"
	    "\n"
	    "    # about c\n"
	    "    c: 2\n");

	begin(&fx, block);
	assert_null(splice_remove_key(&fx.sp, item(&fx, 0), "c"));
	finish(&fx,
	    "assets:\n"
	    "  - id: A-001\n"
	    "    name: n\n"
	    "    description: >\n"
	    "      folded\n"
	    "      text\n"
	    "\n"
	    "    # about c\n");

	/* The key on the dash line cannot go without the item. */
	begin(&fx, block);
	struct isms_error *err = splice_remove_key(&fx.sp, item(&fx, 0), "id");
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_DATA);
	assert_int_equal(err->line, 2);
	assert_int_equal(err->col, 5);
	assert_string_equal(err->msg, "cannot remove 'id': it shares its line "
	    "with the item marker; edit the file by hand");
	err_free(err);
	finish(&fx, block);

	static const struct {
		const char *key, *want;
	} flow[] = {
		{ "id", "assets:\n  - {name: n, c: 1, owner: o}\n" },
		{ "name", "assets:\n  - {id: A-1, c: 1, owner: o}\n" },
		{ "c", "assets:\n  - {id: A-1, name: n, owner: o}\n" },
		{ "owner", "assets:\n  - {id: A-1, name: n, c: 1}\n" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(flow); i++) {
		begin(&fx, "assets:\n  - {id: A-1, name: n, c: 1, owner: o}\n");
		assert_null(splice_remove_key(&fx.sp, item(&fx, 0), flow[i].key));
		finish(&fx, flow[i].want);
	}
	begin(&fx, "assets:\n  - {id: A-1}\n");
	assert_null(splice_remove_key(&fx.sp, item(&fx, 0), "id"));
	finish(&fx, "assets:\n  - {}\n");
	/* An empty value ends at its colon; the space after it stays. */
	begin(&fx, "assets:\n  - {id: A-1, name: , c: 1}\n");
	assert_null(splice_remove_key(&fx.sp, item(&fx, 0), "name"));
	finish(&fx, "assets:\n  - {id: A-1 , c: 1}\n");
}

/* A new asset record with the given fields (id first). */
struct newrec {
	struct field_text ft[3];
	size_t n;
};

static void newrec(struct newrec *r, const char *id, const char *name,
    const char *c)
{
	const struct schema *s = asset_schema();
	r->n = 0;
	assert_null(field_text_from_arg(schema_field(s, "id"), id,
	    &r->ft[r->n++]));
	if (name)
		assert_null(field_text_from_arg(schema_field(s, "name"), name,
		    &r->ft[r->n++]));
	if (c)
		assert_null(field_text_from_arg(schema_field(s, "c"), c,
		    &r->ft[r->n++]));
}

static void newrec_release(struct newrec *r)
{
	for (size_t i = 0; i < r->n; i++)
		field_text_release(&r->ft[i]);
}

static void add(struct fx *fx, const char *id, const char *name,
    const char *c)
{
	struct newrec r;
	newrec(&r, id, name, c);
	assert_null(splice_add_record(&fx->sp, fx->doc->root, "assets",
	    asset_schema(), r.ft, r.n, id));
	newrec_release(&r);
}

static void test_add_block(void **state)
{
	static const char base[] =
	    "version: 1\n"
	    "assets:\n"
	    "  # leading comment of A-002\n"
	    "  - id: A-002\n"
	    "    name: Two\n"
	    "\n"
	    "  # leading comment of A-010\n"
	    "  - id: A-010\n"
	    "    name: Ten\n";
	static const struct {
		const char *id, *want;
	} cases[] = {
		{ "A-001",
		  "version: 1\n"
		  "assets:\n"
		  "  - id: A-001\n"
		  "    name: New\n"
		  "  # leading comment of A-002\n"
		  "  - id: A-002\n"
		  "    name: Two\n"
		  "\n"
		  "  # leading comment of A-010\n"
		  "  - id: A-010\n"
		  "    name: Ten\n" },
		{ "A-003",
		  "version: 1\n"
		  "assets:\n"
		  "  # leading comment of A-002\n"
		  "  - id: A-002\n"
		  "    name: Two\n"
		  "  - id: A-003\n"
		  "    name: New\n"
		  "\n"
		  "  # leading comment of A-010\n"
		  "  - id: A-010\n"
		  "    name: Ten\n" },
		{ "A-011",
		  "version: 1\n"
		  "assets:\n"
		  "  # leading comment of A-002\n"
		  "  - id: A-002\n"
		  "    name: Two\n"
		  "\n"
		  "  # leading comment of A-010\n"
		  "  - id: A-010\n"
		  "    name: Ten\n"
		  "  - id: A-011\n"
		  "    name: New\n" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct fx fx;
		begin(&fx, base);
		add(&fx, cases[i].id, "New", NULL);
		finish(&fx, cases[i].want);
	}
}

static void test_add_styles(void **state)
{
	static const struct {
		const char *base, *id, *want;
	} cases[] = {
		/* Flow mappings as items: the new one is a flow item too. */
		{ "assets:\n  - {id: A-1, name: a}\n  - {id: A-3, name: c}\n",
		  "A-2",
		  "assets:\n  - {id: A-1, name: a}\n  - {id: A-2, name: New, c: 2}\n"
		  "  - {id: A-3, name: c}\n" },
		/* A flow list. */
		{ "assets: [{id: A-1, name: a}, {id: A-3, name: c}]\n", "A-2",
		  "assets: [{id: A-1, name: a}, {id: A-2, name: New, c: 2}, "
		  "{id: A-3, name: c}]\n" },
		{ "assets: [{id: A-1, name: a}]\n", "A-2",
		  "assets: [{id: A-1, name: a}, {id: A-2, name: New, c: 2}]\n" },
		/* An empty list, or a key with nothing. */
		{ "version: 1\nassets: []\n", "A-1",
		  "version: 1\nassets:\n  - id: A-1\n    name: New\n    c: 2\n" },
		{ "version: 1\nassets:\n# end\n", "A-1",
		  "version: 1\nassets:\n  - id: A-1\n    name: New\n    c: 2\n"
		  "# end\n" },
		{ "version: 1\nassets: ~\n", "A-1",
		  "version: 1\nassets:\n  - id: A-1\n    name: New\n    c: 2\n" },
		/* No list yet; no newline at the end of the file. */
		{ "version: 1\n", "A-1",
		  "version: 1\nassets:\n  - id: A-1\n    name: New\n    c: 2\n" },
		{ "version: 1", "A-1",
		  "version: 1\nassets:\n  - id: A-1\n    name: New\n    c: 2\n" },
		{ "assets:\n  - id: A-1\n    name: a", "A-2",
		  "assets:\n  - id: A-1\n    name: a\n  - id: A-2\n    name: New\n"
		  "    c: 2" },
		/* CRLF stays CRLF; 4-space indentation stays. */
		{ "version: 1\r\nassets:\r\n  - id: A-1\r\n    name: a\r\n", "A-2",
		  "version: 1\r\nassets:\r\n  - id: A-1\r\n    name: a\r\n"
		  "  - id: A-2\r\n    name: New\r\n    c: 2\r\n" },
		{ "version: 1\r\nassets: []\r\n", "A-2",
		  "version: 1\r\nassets:\r\n  - id: A-2\r\n    name: New\r\n"
		  "    c: 2\r\n" },
		{ "assets:\n    -   id: A-1\n        name: a\n", "A-0",
		  "assets:\n    - id: A-0\n      name: New\n      c: 2\n"
		  "    -   id: A-1\n        name: a\n" },
		{ "assets:\n- id: A-1\n  name: a\n", "A-2",
		  "assets:\n- id: A-1\n  name: a\n- id: A-2\n  name: New\n  c: 2\n" },
		{ "assets:\n    - id: A-1\n      name: a\n", "A-2",
		  "assets:\n    - id: A-1\n      name: a\n    - id: A-2\n"
		  "      name: New\n      c: 2\n" },
		/* A byte order mark stays where it is. */
		{ "\xEF\xBB\xBFversion: 1\nassets:\n  - id: A-1\n    name: a\n",
		  "A-0",
		  "\xEF\xBB\xBFversion: 1\nassets:\n  - id: A-0\n    name: New\n"
		  "    c: 2\n  - id: A-1\n    name: a\n" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct fx fx;
		begin(&fx, cases[i].base);
		add(&fx, cases[i].id, "New", "2");
		finish(&fx, cases[i].want);
	}

	/* What cannot take a record. */
	struct fx fx;
	struct newrec r;
	newrec(&r, "A-1", "x", NULL);
	begin(&fx, "assets: 5\n");
	struct isms_error *err = splice_add_record(&fx.sp, fx.doc->root,
	    "assets", asset_schema(), r.ft, r.n, "A-1");
	assert_string_equal(err->msg, "'assets' must be a list");
	assert_int_equal(err->line, 1);
	assert_int_equal(err->col, 9);
	err_free(err);
	finish(&fx, "assets: 5\n");
	begin(&fx, "{assets: []}\n");
	err = splice_add_record(&fx.sp, fx.doc->root, "assets", asset_schema(),
	    r.ft, r.n, "A-1");
	assert_string_equal(err->msg,
	    "expected a block mapping at the top of the file");
	err_free(err);
	finish(&fx, "{assets: []}\n");
	newrec_release(&r);
}

static void test_remove_item(void **state)
{
	static const struct {
		const char *base;
		size_t index;
		const char *want;
	} cases[] = {
		{ "assets:\n  - id: A-1\n    name: a\n  # about 2\n  - id: A-2\n"
		  "    name: b\n  - id: A-3\n", 1,
		  "assets:\n  - id: A-1\n    name: a\n  # about 2\n  - id: A-3\n" },
		{ "assets:\n  - id: A-1\n    name: a\n  - id: A-2\n", 0,
		  "assets:\n  - id: A-2\n" },
		{ "assets:\n  - id: A-1\n  - id: A-2\n    description: |\n"
		  "      x\n\nversion: 1\n", 1,
		  "assets:\n  - id: A-1\n\nversion: 1\n" },
		{ "assets:\n  -\n    id: A-1\n  - id: A-2\n", 0,
		  "assets:\n  - id: A-2\n" },
		/* Flow items and flow lists. */
		{ "assets:\n  - {id: A-1}\n  - {id: A-2}\n", 0,
		  "assets:\n  - {id: A-2}\n" },
		{ "assets: [{id: A-1}, {id: A-2}, {id: A-3}]\n", 0,
		  "assets: [{id: A-2}, {id: A-3}]\n" },
		{ "assets: [{id: A-1}, {id: A-2}, {id: A-3}]\n", 1,
		  "assets: [{id: A-1}, {id: A-3}]\n" },
		{ "assets: [{id: A-1}, {id: A-2}, {id: A-3}]\n", 2,
		  "assets: [{id: A-1}, {id: A-2}]\n" },
		/* The last item leaves an explicit empty list. */
		{ "version: 1\nassets:\n  - id: A-1\n    name: a\n# tail\n", 0,
		  "version: 1\nassets: []\n# tail\n" },
		{ "assets: [{id: A-1}]  # c\n", 0, "assets: []  # c\n" },
		{ "assets:\r\n  - id: A-1\r\nversion: 1\r\n", 0,
		  "assets: []\r\nversion: 1\r\n" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct fx fx;
		begin(&fx, cases[i].base);
		assert_null(splice_remove_item(&fx.sp, fx.doc->root, "assets",
		    cases[i].index));
		finish(&fx, cases[i].want);
	}
	struct fx fx;
	begin(&fx, "assets: [{id: A-1}]\n");
	struct isms_error *err = splice_remove_item(&fx.sp, fx.doc->root,
	    "assets", 1);
	assert_string_equal(err->msg, "assets.yaml: no item 1 in 'assets'");
	err_free(err);
	err = splice_remove_item(&fx.sp, fx.doc->root, "risks", 0);
	assert_string_equal(err->msg, "assets.yaml: no list 'risks'");
	err_free(err);
	finish(&fx, "assets: [{id: A-1}]\n");
}

/* Edits at one place keep the order they were made in. */
static void test_apply_order(void **state)
{
	struct fx fx;
	begin(&fx, "abc");
	splice_replace(&fx.sp, 1, 1, "1");
	splice_replace(&fx.sp, 1, 1, "2");
	splice_replace(&fx.sp, 0, 1, "A");
	splice_replace(&fx.sp, 3, 3, "!");
	size_t len;
	char *out = splice_apply(&fx.sp, &len);
	assert_string_equal(out, "A12bc!");
	free(out);
	splice_release(&fx.sp);
	ydoc_free(fx.doc);
}

/*
 * The property test.  The model is the list of records the file should
 * hold; each step edits the text through the splice API, then the new text
 * is loaded and compared with the model, and the bytes before and after the
 * edited record are compared with the old text.
 */
struct mrec {
	char id[16];
	char name[64];
	char owner[16];  /* "" when absent */
	int c;           /* -1 when absent */
};

struct model {
	struct mrec v[64];
	size_t n;
};

static unsigned long rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng_state >> 33) % n;
}

static const char *const names[] = {
	"Laptop", "Patient records", "8.10", "true", "null", "a: b", "- x",
	"#x", "[a]", "say \"hi\"", "back\\slash", "caf\xC3\xA9",
	"\xF0\x9F\x94\x92 vault", " padded ", "", "tab\there", "x # y",
	"2026-11-22", "~", "{k: v}", "50%", "it's",
};

static void load_and_compare(const char *text, size_t len,
    const struct model *m)
{
	struct ydoc *d = NULL;
	struct isms_error *err = ydoc_parse("assets.yaml", text, len, &d);
	if (err) {
		print_error("does not parse: %u:%u %s\n%s\n", err->line,
		    err->col, err->msg, text);
		err_free(err);
		fail();
	}
	struct arena a = { 0 };
	struct diags dg = DIAGS_INIT;
	struct load_ctx ctx = { "assets.yaml", &a, &dg };
	struct assets_file *f = schema_load(reg_defs[REG_ASSETS].schema,
	    d->root, &ctx);
	for (size_t i = 0; i < dg.n; i++)
		print_error("%u:%u %s\n%s\n", dg.v[i].line, dg.v[i].col,
		    dg.v[i].msg, text);
	assert_int_equal(dg.n, 0);
	const struct schema *s = asset_schema();
	assert_int_equal(f->assets.n, m->n);
	for (size_t i = 0; i < m->n; i++) {
		const struct asset *r = f->assets.v[i];
		assert_string_equal(r->id, m->v[i].id);
		assert_string_equal(r->name, m->v[i].name);
		assert_int_equal(rec_has(r, s, "owner"), m->v[i].owner[0] != 0);
		if (m->v[i].owner[0])
			assert_string_equal(r->owner, m->v[i].owner);
		assert_int_equal(rec_has(r, s, "c"), m->v[i].c >= 0);
		if (m->v[i].c >= 0)
			assert_int_equal(r->c, m->v[i].c);
	}
	diags_release(&dg);
	arena_free(&a);
	ydoc_free(d);
}

/* The new text is the old one with only the bytes [lo, hi) replaced. */
static void assert_only_changed(const struct ydoc *old, const char *text,
    size_t len, size_t lo, size_t hi)
{
	size_t tail = old->len - hi;
	if (len < lo + tail || memcmp(old->src, text, lo) != 0 ||
	    memcmp(old->src + hi, text + len - tail, tail) != 0) {
		print_error("bytes outside %zu..%zu changed\nold:\n%s\nnew:\n%s\n",
		    lo, hi, old->src, text);
		fail();
	}
}

static bool slot_taken(const struct model *m, const char *id)
{
	for (size_t i = 0; i < m->n; i++)
		if (id_cmp(m->v[i].id, id) == 0)
			return true;
	return false;
}

/* Bytes of the lines a record occupies, from its dash to its last line. */
static void record_span(const struct ydoc *d, const struct ynode *it,
    size_t *lo, size_t *hi)
{
	*lo = ydoc_line_start(d, it->line);
	unsigned last = yn_last_line(it);
	*hi = last < d->nlines ? d->lines[last] : d->len;
}

static void gen_register(struct sbuf *sb, struct model *m)
{
	sbuf_adds(sb, "# Assets register, generated\nversion: 1\n\nassets:\n");
	m->n = 0;
	for (int i = 1; i <= 12; i++) {
		if (rnd(3) == 0)
			continue;
		struct mrec *r = &m->v[m->n++];
		snprintf(r->id, sizeof(r->id), "A-%03d", i * 10);
		snprintf(r->name, sizeof(r->name), "Asset %d", i);
		r->owner[0] = '\0';
		r->c = -1;
		if (rnd(2))
			sbuf_addf(sb, "  # about %s\n", r->id);
		if (rnd(4) == 0) {
			r->c = (int)rnd(5);
			sbuf_addf(sb, "  - {id: %s, name: '%s', c: %d}\n", r->id,
			    r->name, r->c);
		} else {
			sbuf_addf(sb, "  - id: %s\n    name: %s\n", r->id, r->name);
			if (rnd(2)) {
				snprintf(r->owner, sizeof(r->owner), "Owner%u",
				    rnd(9));
				sbuf_addf(sb, "    owner: %s   # who\n", r->owner);
			}
			if (rnd(2))
				sbuf_adds(sb, "    description: |\n      Free\n"
				    "      text.\n");
		}
		if (rnd(3) == 0)
			sbuf_adds(sb, "\n");
	}
	sbuf_adds(sb, "# end of register\n");
}

static int find_slot(const struct model *m, const char *id)
{
	size_t i = 0;
	while (i < m->n && id_cmp(m->v[i].id, id) < 0)
		i++;
	return (int)i;
}

static void property_run(unsigned long seed, int steps)
{
	struct model m;
	struct sbuf text = SBUF_INIT;
	rng_state = seed;
	gen_register(&text, &m);
	if (m.n == 0) {
		/* "assets:\n  []" is valid; start from that too. */
		sbuf_reset(&text);
		sbuf_adds(&text, "version: 1\nassets: []\n");
	}
	load_and_compare(text.buf, text.len, &m);

	for (int step = 0; step < steps; step++) {
		struct fx fx;
		begin(&fx, text.buf);
		const struct ynode *list = yn_get(fx.doc->root, "assets");
		size_t lo = 0, hi = fx.doc->len;
		unsigned op = m.n ? rnd(5) : 0;
		if (op == 0 && m.n < ARRAY_SIZE(m.v)) {
			/* Add a record under a fresh id. */
			char id[16];
			do
				snprintf(id, sizeof(id), "A-%03u", rnd(150));
			while (slot_taken(&m, id));
			int at = find_slot(&m, id);
			const char *name = names[rnd(ARRAY_SIZE(names))];
			int c = rnd(2) ? (int)rnd(5) : -1;
			char cbuf[8];
			snprintf(cbuf, sizeof(cbuf), "%d", c);
			add(&fx, id, name, c >= 0 ? cbuf : NULL);
			memmove(&m.v[at + 1], &m.v[at],
			    (m.n - (size_t)at) * sizeof(m.v[0]));
			struct mrec *r = &m.v[at];
			snprintf(r->id, sizeof(r->id), "%s", id);
			snprintf(r->name, sizeof(r->name), "%s", name);
			r->owner[0] = '\0';
			r->c = c;
			m.n++;
			/* A pure insertion after the record before it; before
			 * the first, somewhere between the list key and the
			 * first record (above the comments that lead into
			 * it); into an empty list, whose "[]" is replaced. */
			if (list && list->kind == YN_SEQ && list->n) {
				size_t a, b;
				record_span(fx.doc, list->kids[at ? at - 1 : 0], &a,
				    &b);
				lo = hi = at ? b : a;
				if (!at) {
					const struct ynode *k = yn_get_key(
					    fx.doc->root, "assets");
					lo = ydoc_line_start(fx.doc, k->line + 1);
				}
			} else {
				const struct ynode *k = yn_get_key(fx.doc->root,
				    "assets");
				lo = ydoc_line_start(fx.doc, k->line);
				record_span(fx.doc, list, &hi, &hi);
			}
		} else if (op == 1 || op == 2 || op == 0) {
			/* Set name, owner or c of a record. */
			size_t i = rnd((unsigned)m.n);
			const struct ynode *it = list->kids[i];
			record_span(fx.doc, it, &lo, &hi);
			unsigned which = rnd(3);
			if (which == 0) {
				const char *name = names[rnd(ARRAY_SIZE(names))];
				set(&fx, it, "name", name);
				snprintf(m.v[i].name, sizeof(m.v[i].name), "%s",
				    name);
			} else if (which == 1) {
				snprintf(m.v[i].owner, sizeof(m.v[i].owner),
				    "O%u", rnd(1000));
				set(&fx, it, "owner", m.v[i].owner);
			} else {
				m.v[i].c = (int)rnd(5);
				char cbuf[8];
				snprintf(cbuf, sizeof(cbuf), "%d", m.v[i].c);
				set(&fx, it, "c", cbuf);
			}
		} else if (op == 3) {
			/* Remove owner or c. */
			size_t i = rnd((unsigned)m.n);
			const struct ynode *it = list->kids[i];
			record_span(fx.doc, it, &lo, &hi);
			if (rnd(2)) {
				assert_null(splice_remove_key(&fx.sp, it, "owner"));
				m.v[i].owner[0] = '\0';
			} else {
				assert_null(splice_remove_key(&fx.sp, it, "c"));
				m.v[i].c = -1;
			}
		} else {
			/* Remove a record. */
			size_t i = rnd((unsigned)m.n);
			record_span(fx.doc, list->kids[i], &lo, &hi);
			if (m.n == 1)
				lo = ydoc_line_start(fx.doc,
				    yn_get_key(fx.doc->root, "assets")->line);
			assert_null(splice_remove_item(&fx.sp, fx.doc->root,
			    "assets", i));
			memmove(&m.v[i], &m.v[i + 1],
			    (m.n - i - 1) * sizeof(m.v[0]));
			m.n--;
		}
		size_t len;
		char *out = splice_apply(&fx.sp, &len);
		assert_only_changed(fx.doc, out, len, lo, hi);
		load_and_compare(out, len, &m);
		sbuf_reset(&text);
		sbuf_add(&text, out, len);
		free(out);
		splice_release(&fx.sp);
		ydoc_free(fx.doc);
	}
	sbuf_release(&text);
}

static void test_property(void **state)
{
	static const unsigned long seeds[] = { 1, 2, 3, 42, 2026, 99991 };
	for (size_t i = 0; i < ARRAY_SIZE(seeds); i++)
		property_run(seeds[i], 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_key_block),
		cmocka_unit_test(test_set_key_flow),
		cmocka_unit_test(test_remove_key),
		cmocka_unit_test(test_add_block),
		cmocka_unit_test(test_add_styles),
		cmocka_unit_test(test_remove_item),
		cmocka_unit_test(test_apply_order),
		cmocka_unit_test(test_property),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
