/*
 * Tests for yaml.c: the located node tree.
 *
 * The splice writer trusts node positions to the byte, so positions are
 * pinned for every node kind (block and flow collections, plain, quoted,
 * literal and folded scalars, multi-byte text) and mapped back to byte
 * offsets on LF, CRLF and byte-order-marked files.  Every refusal is a row
 * of (input, line, column, exact message), so a change in wording or place
 * shows up here before it reaches a user's editor.
 */
#include "unit.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "isms/yaml.h"

static struct ydoc *parse_ok(const char *src, size_t len)
{
	struct ydoc *doc = NULL;
	struct isms_error *err = ydoc_parse("t.yaml", src, len, &doc);
	if (err) {
		print_error("unexpected error %u:%u: %s\n", err->line, err->col,
		    err->msg);
		err_free(err);
		fail();
	}
	assert_non_null(doc);
	return doc;
}

#define PARSE(s) parse_ok((s), sizeof(s) - 1)

static void assert_pos(const struct ynode *n, unsigned line, unsigned col,
    unsigned end_line, unsigned end_col)
{
	assert_non_null(n);
	assert_int_equal(n->line, line);
	assert_int_equal(n->col, col);
	assert_int_equal(n->end_line, end_line);
	assert_int_equal(n->end_col, end_col);
}

/* The source bytes a node spans, by ydoc_offset of its marks. */
static void assert_span(const struct ydoc *d, const struct ynode *n,
    const char *want)
{
	size_t a = ydoc_offset(d, n->line, n->col);
	size_t b = ydoc_offset(d, n->end_line, n->end_col);
	assert_true(a <= b && b <= d->len);
	assert_int_equal(b - a, strlen(want));
	assert_memory_equal(d->src + a, want, b - a);
}

static void test_positions_block_and_flow(void **state)
{
	static const char src[] =
	    "a: 1\n"                        /* 1 */
	    "b: [x, \"y\"]\n"               /* 2 */
	    "c: {k: v}\n"                   /* 3 */
	    "d:\n"                          /* 4 */
	    "  - one\n"                     /* 5 */
	    "  - {p: 'q'}\n"                /* 6 */
	    "e: plain\n"                    /* 7 */
	    "  continued\n";                /* 8 */
	struct ydoc *d = PARSE(src);
	const struct ynode *r = d->root;

	assert_int_equal(r->kind, YN_MAP);
	assert_false(r->flow);
	assert_int_equal(YN_PAIRS(r), 5);
	assert_pos(r, 1, 1, 8, 12);
	assert_pos(YN_KEY(r, 0), 1, 1, 1, 2);
	assert_pos(YN_VAL(r, 0), 1, 4, 1, 5);
	assert_int_equal(YN_VAL(r, 0)->style, YS_PLAIN);

	const struct ynode *b = yn_get(r, "b");
	assert_int_equal(b->kind, YN_SEQ);
	assert_true(b->flow);
	assert_pos(b, 2, 4, 2, 12);
	assert_span(d, b, "[x, \"y\"]");
	assert_pos(b->kids[0], 2, 5, 2, 6);
	assert_pos(b->kids[1], 2, 8, 2, 11);
	assert_int_equal(b->kids[1]->style, YS_QUOTED);
	assert_string_equal(b->kids[1]->str, "y");
	assert_span(d, b->kids[1], "\"y\"");

	const struct ynode *c = yn_get(r, "c");
	assert_int_equal(c->kind, YN_MAP);
	assert_true(c->flow);
	assert_span(d, c, "{k: v}");
	assert_string_equal(yn_get(c, "k")->str, "v");

	/* A block sequence starts at its first dash and ends with its last
	 * item, not at the next key. */
	const struct ynode *dd = yn_get(r, "d");
	assert_int_equal(dd->kind, YN_SEQ);
	assert_false(dd->flow);
	assert_pos(dd, 5, 3, 6, 13);
	assert_pos(dd->kids[0], 5, 5, 5, 8);
	assert_span(d, dd->kids[1], "{p: 'q'}");
	assert_int_equal(yn_get(dd->kids[1], "p")->style, YS_QUOTED);

	/* A plain scalar folded over two lines. */
	const struct ynode *e = yn_get(r, "e");
	assert_string_equal(e->str, "plain continued");
	assert_pos(e, 7, 4, 8, 12);
	assert_int_equal(yn_last_line(e), 8);
	ydoc_free(d);
}

static void test_positions_block_scalars(void **state)
{
	static const char src[] =
	    "d: |\n"        /* 1 */
	    "  line1\n"     /* 2 */
	    "  line2\n"     /* 3 */
	    "e: >\n"        /* 4 */
	    "  f1\n"        /* 5 */
	    "  f2\n"        /* 6 */
	    "f: |-\n"       /* 7 */
	    "  strip\n"     /* 8 */
	    "g: end\n";     /* 9 */
	struct ydoc *d = PARSE(src);
	const struct ynode *v = yn_get(d->root, "d");

	assert_int_equal(v->style, YS_BLOCK);
	assert_string_equal(v->str, "line1\nline2\n");
	assert_int_equal(v->len, 12);
	/* A block scalar ends at column 1 of the line after it. */
	assert_pos(v, 1, 4, 4, 1);
	assert_int_equal(yn_last_line(v), 3);

	v = yn_get(d->root, "e");
	assert_int_equal(v->style, YS_BLOCK);
	assert_string_equal(v->str, "f1 f2\n");
	assert_pos(v, 4, 4, 7, 1);
	assert_int_equal(yn_last_line(v), 6);

	v = yn_get(d->root, "f");
	assert_string_equal(v->str, "strip");
	assert_int_equal(yn_last_line(v), 8);
	ydoc_free(d);
}

/* A block scalar's extent stops at its last line of text: blank lines and
 * comments after it belong to what follows. */
static void test_block_scalar_trailing_blank(void **state)
{
	static const char src[] =
	    "d: |\n"        /* 1 */
	    "  x\n"         /* 2 */
	    "\n"            /* 3 */
	    "# comment\n"   /* 4 */
	    "e: >\n"        /* 5 */
	    "  y\n"         /* 6 */
	    "\n"            /* 7 */
	    "\n"            /* 8 */
	    "f: |+\n"       /* 9 */
	    "  kept\n"      /* 10 */
	    "\n"            /* 11 */
	    "g: 1\n";       /* 12 */
	struct ydoc *d = PARSE(src);

	const struct ynode *v = yn_get(d->root, "d");
	assert_string_equal(v->str, "x\n");
	assert_int_equal(yn_last_line(v), 2);
	v = yn_get(d->root, "e");
	assert_string_equal(v->str, "y\n");
	assert_int_equal(yn_last_line(v), 6);
	/* With keep chomping the blank line is part of the value. */
	v = yn_get(d->root, "f");
	assert_string_equal(v->str, "kept\n\n");
	assert_int_equal(yn_last_line(v), 11);
	ydoc_free(d);
}

/* Columns count characters, not bytes, and map back to the right byte. */
static void test_positions_utf8(void **state)
{
	static const char src[] =
	    "f: \xC3\xA4\xE2\x82\xAC\xF0\x9F\x98\x80x\n"   /* ä€😀x */
	    "k: \"\xC3\xA4" "b\"\n"
	    "l: [\xC3\xA4, \xF0\x9F\x98\x80]\n";
	struct ydoc *d = PARSE(src);
	const struct ynode *v = yn_get(d->root, "f");

	assert_pos(v, 1, 4, 1, 8);
	assert_string_equal(v->str, "\xC3\xA4\xE2\x82\xAC\xF0\x9F\x98\x80x");
	assert_int_equal(ydoc_offset(d, 1, 4), 3);
	assert_int_equal(ydoc_offset(d, 1, 5), 5);
	assert_int_equal(ydoc_offset(d, 1, 6), 8);
	assert_int_equal(ydoc_offset(d, 1, 7), 12);
	assert_int_equal(ydoc_offset(d, 1, 8), 13);
	assert_span(d, v, "\xC3\xA4\xE2\x82\xAC\xF0\x9F\x98\x80x");

	v = yn_get(d->root, "k");
	assert_pos(v, 2, 4, 2, 8);
	assert_span(d, v, "\"\xC3\xA4" "b\"");

	v = yn_get(d->root, "l");
	assert_pos(v, 3, 4, 3, 10);
	assert_pos(v->kids[1], 3, 8, 3, 9);
	assert_span(d, v->kids[1], "\xF0\x9F\x98\x80");
	ydoc_free(d);
}

static void test_offsets_lf(void **state)
{
	static const char src[] = "a: 1\nbb: 22\n\nc: x\n";
	struct ydoc *d = PARSE(src);

	assert_string_equal(d->eol, "\n");
	assert_int_equal(d->nlines, 5);
	assert_int_equal(ydoc_line_start(d, 1), 0);
	assert_int_equal(ydoc_line_end(d, 1), 4);
	assert_int_equal(ydoc_line_start(d, 2), 5);
	assert_int_equal(ydoc_line_end(d, 2), 11);
	assert_int_equal(ydoc_line_start(d, 3), 12);
	assert_int_equal(ydoc_line_end(d, 3), 12);
	assert_int_equal(ydoc_line_start(d, 4), 13);
	assert_int_equal(ydoc_line_end(d, 4), 17);
	/* The empty line after the last break, and beyond. */
	assert_int_equal(ydoc_line_start(d, 5), 18);
	assert_int_equal(ydoc_line_end(d, 5), 18);
	assert_int_equal(ydoc_line_start(d, 99), 18);
	assert_int_equal(ydoc_line_start(d, 0), 0);
	assert_int_equal(ydoc_offset(d, 2, 1), 5);
	assert_int_equal(ydoc_offset(d, 2, 5), 9);
	/* Columns past the end of a line clamp to its break. */
	assert_int_equal(ydoc_offset(d, 2, 40), 11);
	assert_pos(yn_get(d->root, "c"), 4, 4, 4, 5);
	ydoc_free(d);
}

static void test_offsets_crlf(void **state)
{
	static const char src[] = "a: 1\r\nb: [x]\r\nc: |\r\n  t\r\n";
	struct ydoc *d = PARSE(src);

	assert_string_equal(d->eol, "\r\n");
	assert_int_equal(d->nlines, 5);
	assert_int_equal(ydoc_line_start(d, 2), 6);
	/* The line ends where its CR is. */
	assert_int_equal(ydoc_line_end(d, 1), 4);
	assert_int_equal(ydoc_line_end(d, 2), 12);
	assert_span(d, yn_get(d->root, "b"), "[x]");
	const struct ynode *c = yn_get(d->root, "c");
	assert_string_equal(c->str, "t\n");
	assert_int_equal(yn_last_line(c), 4);
	assert_int_equal(ydoc_offset(d, 4, 3), 22);
	ydoc_free(d);
}

static void test_offsets_bom(void **state)
{
	static const char src[] = "\xEF\xBB\xBF" "a: 1\r\nb: [x]\r\nc: z\r\n";
	struct ydoc *d = PARSE(src);

	/* The mark is not part of line 1: "a" is at column 1, byte 3. */
	assert_string_equal(d->eol, "\r\n");
	assert_int_equal(YN_PAIRS(d->root), 3);
	assert_pos(YN_KEY(d->root, 0), 1, 1, 1, 2);
	assert_int_equal(ydoc_line_start(d, 1), 3);
	assert_int_equal(ydoc_offset(d, 1, 1), 3);
	assert_int_equal(ydoc_offset(d, 1, 4), 6);
	assert_int_equal(ydoc_line_end(d, 1), 7);
	assert_span(d, yn_get(d->root, "a"), "1");
	assert_span(d, yn_get(d->root, "b"), "[x]");
	assert_span(d, yn_get(d->root, "c"), "z");
	ydoc_free(d);

	/* LF with a mark, and a file that is only the mark. */
	d = PARSE("\xEF\xBB\xBF" "a: 1\nb: 2\n");
	assert_string_equal(yn_get(d->root, "b")->str, "2");
	assert_int_equal(ydoc_offset(d, 2, 4), 11);
	ydoc_free(d);
	d = PARSE("\xEF\xBB\xBF");
	assert_null(d->root);
	ydoc_free(d);
}

static void test_empty_documents(void **state)
{
	static const char *const empty[] = { "", "\n", "# only a comment\n" };
	for (size_t i = 0; i < ARRAY_SIZE(empty); i++) {
		struct ydoc *d = parse_ok(empty[i], strlen(empty[i]));
		assert_null(d->root);
		ydoc_free(d);
	}
	/* An explicit empty document holds one null scalar. */
	static const char *const null_doc[] = { "---\n", "---\n...\n", "~\n" };
	for (size_t i = 0; i < ARRAY_SIZE(null_doc); i++) {
		struct ydoc *d = parse_ok(null_doc[i], strlen(null_doc[i]));
		assert_true(yn_is_null(d->root));
		assert_int_equal(d->root->kind, YN_SCALAR);
		ydoc_free(d);
	}
	struct ydoc *d = PARSE("---\na: 1\n...\n");
	assert_pos(d->root, 2, 1, 2, 5);
	ydoc_free(d);
	d = PARSE("- a\n- b\n");
	assert_int_equal(d->root->kind, YN_SEQ);
	assert_int_equal(d->root->n, 2);
	assert_null(yn_get(d->root, "a"));
	ydoc_free(d);
}

static void test_get_and_null(void **state)
{
	static const char src[] =
	    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: \"null\"\ng: 'null'\n"
	    "h: nULL\ni: 0\nj: []\nk: {}\nl: \"\"\nm: |\n  x\n\"n\": q\n";
	struct ydoc *d = PARSE(src);
	static const struct {
		const char *key;
		bool null;
		const char *kind;
	} cases[] = {
		{ "a", true, "null" }, { "b", true, "null" },
		{ "c", true, "null" }, { "d", true, "null" },
		{ "e", true, "null" }, { "f", false, "a scalar" },
		{ "g", false, "a scalar" }, { "h", false, "a scalar" },
		{ "i", false, "a scalar" }, { "j", false, "a list" },
		{ "k", false, "a mapping" }, { "l", false, "a scalar" },
		{ "m", false, "a scalar" }, { "n", false, "a scalar" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct ynode *v = yn_get(d->root, cases[i].key);
		assert_non_null(v);
		assert_ptr_equal(YN_VAL(d->root, i), v);
		assert_ptr_equal(YN_KEY(d->root, i),
		    yn_get_key(d->root, cases[i].key));
		assert_int_equal(yn_is_null(v), cases[i].null);
		assert_string_equal(yn_kind_name(v), cases[i].kind);
	}
	assert_true(yn_is_scalar(yn_get(d->root, "a")));
	assert_false(yn_is_scalar(yn_get(d->root, "j")));
	assert_false(yn_is_scalar(NULL));
	assert_null(yn_get(d->root, "zz"));
	assert_null(yn_get_key(d->root, "zz"));
	assert_null(yn_get(NULL, "a"));
	assert_null(yn_get(yn_get(d->root, "j"), "a"));
	assert_null(yn_get(yn_get(d->root, "i"), "a"));
	assert_true(yn_is_null(NULL));
	assert_string_equal(yn_kind_name(NULL), "nothing");
	ydoc_free(d);
}

/* !!str makes a plain scalar a string; it is the one tag accepted. */
static void test_str_tag(void **state)
{
	struct ydoc *d = PARSE("a: !!str 1\nb: !<tag:yaml.org,2002:str> 5\n"
	    "c: !!str\n");
	const struct ynode *v = yn_get(d->root, "a");
	assert_string_equal(v->str, "1");
	assert_int_equal(v->style, YS_QUOTED);
	assert_false(yn_is_null(v));
	assert_int_equal(yn_get(d->root, "b")->style, YS_QUOTED);
	v = yn_get(d->root, "c");
	assert_string_equal(v->str, "");
	assert_false(yn_is_null(v));
	ydoc_free(d);
}

/* Keys are kept as written, duplicates included: the schema reports them. */
static void test_duplicate_and_complex_keys(void **state)
{
	struct ydoc *d = PARSE("a: 1\na: 2\n? [k]\n: v\n");
	assert_int_equal(YN_PAIRS(d->root), 3);
	assert_string_equal(yn_get(d->root, "a")->str, "1");
	assert_int_equal(YN_KEY(d->root, 2)->kind, YN_SEQ);
	ydoc_free(d);
}

struct bad {
	const char *src;
	size_t len;     /* 0: strlen(src) */
	unsigned line, col;
	const char *msg;
};

static void check_bad(const struct bad *b)
{
	struct ydoc *d = (struct ydoc *)1;
	size_t len = b->len ? b->len : strlen(b->src);
	struct isms_error *err = ydoc_parse("bad.yaml", b->src, len, &d);
	if (!err) {
		print_error("accepted: %s\n", b->src);
		ydoc_free(d);
		fail();
	}
	assert_null(d);
	assert_int_equal(err->code, EXIT_DATA);
	assert_string_equal(err->file, "bad.yaml");
	if (strcmp(err->msg, b->msg) != 0 || err->line != b->line ||
	    err->col != b->col) {
		print_error("input %s\n got %u:%u: %s\nwant %u:%u: %s\n", b->src,
		    err->line, err->col, err->msg, b->line, b->col, b->msg);
		err_free(err);
		fail();
	}
	err_free(err);
}

static void test_refusals(void **state)
{
	static const struct bad cases[] = {
		{ "a: &x 1\n", 0, 1, 4,
		  "anchors and aliases are not allowed (&x); write the value out" },
		{ "k: &a [1]\n", 0, 1, 4,
		  "anchors and aliases are not allowed (&a); write the value out" },
		{ "k:\n  &m {x: 1}\n", 0, 2, 3,
		  "anchors and aliases are not allowed (&m); write the value out" },
		{ "a: 1\nb: *x\n", 0, 2, 4,
		  "anchors and aliases are not allowed (*x); write the value out" },
		{ "a: !!int 1\n", 0, 1, 4,
		  "tags are not allowed (tag:yaml.org,2002:int); only !!str is accepted" },
		{ "a: !foo 1\n", 0, 1, 4,
		  "tags are not allowed (!foo); only !!str is accepted" },
		{ "a: !!map {}\n", 0, 1, 4,
		  "tags are not allowed (tag:yaml.org,2002:map); only !!str is accepted" },
		{ "a: !!str [1]\n", 0, 1, 4,
		  "!!str cannot be applied to a collection" },
		{ "a: 1\n---\nb: 2\n", 0, 2, 1,
		  "more than one YAML document in the file" },
		{ "---\na: 1\n...\n---\nb: 1\n", 0, 4, 1,
		  "more than one YAML document in the file" },
		{ "a: \"x\\0y\"\n", 0, 1, 4, "value contains a NUL character" },
		{ "- ok\n- \"\\x00\"\n", 0, 2, 3, "value contains a NUL character" },
		{ "a: 1\0\n", 6, 0, 0,
		  "not a UTF-8 text file (control characters are not allowed at byte 4)" },
		{ "a: \xff\n", 0, 0, 0,
		  "not a UTF-8 text file (invalid leading UTF-8 octet at byte 3)" },
		{ "a: \"\xc3\"\n", 0, 0, 0,
		  "not a UTF-8 text file (invalid trailing UTF-8 octet at byte 5)" },
		{ "\xEF\xBB\xBF" "a: \xff\n", 0, 0, 0,
		  "not a UTF-8 text file (invalid leading UTF-8 octet at byte 6)" },
		{ "a: \xed\xa0\x80\n", 0, 0, 0,
		  "not a UTF-8 text file (invalid Unicode character at byte 3)" },
		{ "a: \xc0\xaf\n", 0, 0, 0,
		  "not a UTF-8 text file (invalid length of a UTF-8 sequence at byte 3)" },
		{ "\xff\xfe" "a\0:\0", 6, 0, 0,
		  "not a UTF-8 text file (invalid leading UTF-8 octet at byte 0)" },
		{ "a:\n\t- x\n", 0, 2, 1,
		  "YAML syntax error: tab character; indent with spaces" },
		{ "a: [1, 2\n", 0, 2, 1,
		  "YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence" },
		{ "a: b: c\n", 0, 1, 5,
		  "YAML syntax error: mapping values are not allowed in this context" },
		{ "a: 1\n b: 2\n", 0, 2, 3,
		  "YAML syntax error: mapping values are not allowed in this context" },
		{ "a: \"open\n", 0, 2, 1,
		  "YAML syntax error: found unexpected end of stream while scanning a quoted scalar" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		check_bad(&cases[i]);
}

static void test_depth_limit(void **state)
{
	struct sbuf sb = SBUF_INIT;

	/* Exactly YAML_MAX_DEPTH levels are fine. */
	sbuf_addrepeat(&sb, '[', YAML_MAX_DEPTH);
	sbuf_addrepeat(&sb, ']', YAML_MAX_DEPTH);
	struct ydoc *d = parse_ok(sb.buf, sb.len);
	const struct ynode *n = d->root;
	for (int i = 1; i < YAML_MAX_DEPTH; i++)
		n = n->kids[0];
	assert_int_equal(n->n, 0);
	ydoc_free(d);

	sbuf_reset(&sb);
	sbuf_addrepeat(&sb, '[', YAML_MAX_DEPTH + 1);
	sbuf_addrepeat(&sb, ']', YAML_MAX_DEPTH + 1);
	struct bad b = { sb.buf, sb.len, 1, YAML_MAX_DEPTH + 1,
		"nesting deeper than 64 levels" };
	check_bad(&b);

	/* Block mappings count the same way. */
	sbuf_reset(&sb);
	for (int i = 0; i <= YAML_MAX_DEPTH; i++) {
		sbuf_addrepeat(&sb, ' ', (size_t)i);
		sbuf_addf(&sb, "k%d:\n", i);
	}
	struct bad bm = { sb.buf, sb.len, YAML_MAX_DEPTH + 1,
		YAML_MAX_DEPTH + 1, "nesting deeper than 64 levels" };
	check_bad(&bm);

	/* A hostile depth fails at the cap, without recursion. */
	sbuf_reset(&sb);
	sbuf_addrepeat(&sb, '[', 100000);
	struct bad deep = { sb.buf, sb.len, 1, YAML_MAX_DEPTH + 1,
		"nesting deeper than 64 levels" };
	check_bad(&deep);
	sbuf_release(&sb);
}

static void test_scalar_limit(void **state)
{
	struct sbuf sb = SBUF_INIT;
	sbuf_adds(&sb, "a: ");
	sbuf_addrepeat(&sb, 'x', YAML_MAX_SCALAR);
	sbuf_adds(&sb, "\n");
	struct ydoc *d = parse_ok(sb.buf, sb.len);
	assert_int_equal(yn_get(d->root, "a")->len, YAML_MAX_SCALAR);
	ydoc_free(d);

	sbuf_reset(&sb);
	sbuf_adds(&sb, "a: ok\nb: \"");
	sbuf_addrepeat(&sb, 'y', YAML_MAX_SCALAR + 1);
	sbuf_adds(&sb, "\"\n");
	struct bad b = { sb.buf, sb.len, 2, 4,
		"value is 1048577 bytes long; the limit is 1048576" };
	check_bad(&b);
	sbuf_release(&sb);
}

/* A temporary directory per test, removed with what the test left. */
static int tmp_setup(void **state)
{
	char *dir = xstrdup("/tmp/isms-yaml-XXXXXX");
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

static char *write_tmp(const char *dir, const char *name, const char *text,
    size_t len)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void test_read_file(void **state)
{
	const char *dir = *state;
	char *buf;
	size_t len;
	struct isms_error *err;
	char *path = write_tmp(dir, "ten", "0123456789", 10);

	/* Exactly at the limit is read; one byte over is refused unread. */
	assert_null(read_file(path, "ten.yaml", 10, &buf, &len));
	assert_int_equal(len, 10);
	assert_string_equal(buf, "0123456789");
	free(buf);
	err = read_file(path, "ten.yaml", 9, &buf, &len);
	assert_non_null(err);
	assert_null(buf);
	assert_int_equal(err->code, EXIT_DATA);
	assert_string_equal(err->file, "ten.yaml");
	assert_string_equal(err->msg, "file is 10 bytes; the limit is 0 MiB");
	err_free(err);
	free(path);

	/* A device that never ends stops at the limit too. */
	err = read_file("/dev/zero", "zero", (size_t)1 << 20, &buf, &len);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_DATA);
	assert_string_equal(err->msg, "file is larger than the limit of 1 MiB");
	err_free(err);

	/* An empty file is an empty buffer, never NULL. */
	path = write_tmp(dir, "empty", "", 0);
	assert_null(read_file(path, "empty.yaml", 10, &buf, &len));
	assert_non_null(buf);
	assert_int_equal(len, 0);
	assert_string_equal(buf, "");
	free(buf);
	free(path);

	err = read_file(dir, "dir.yaml", 10, &buf, &len);
	assert_int_equal(err->code, EXIT_IO);
	assert_string_equal(err->msg, "is a directory");
	err_free(err);

	path = xasprintf("%s/missing", dir);
	err = read_file(path, "missing.yaml", 10, &buf, &len);
	assert_int_equal(err->code, EXIT_IO);
	assert_string_equal(err->file, "missing.yaml");
	assert_string_equal(err->msg, "cannot open: No such file or directory");
	err_free(err);
	struct ydoc *d = (struct ydoc *)1;
	err = ydoc_load(path, "missing.yaml", &d);
	assert_null(d);
	assert_int_equal(err->code, EXIT_IO);
	err_free(err);
	free(path);
}

static void test_load(void **state)
{
	static const char text[] = "a: [1, 2]\nb: x\n";
	char *path = write_tmp(*state, "r.yaml", text, sizeof(text) - 1);
	struct ydoc *d = NULL;

	assert_null(ydoc_load(path, "r.yaml", &d));
	assert_string_equal(d->path, "r.yaml");
	assert_int_equal(d->len, sizeof(text) - 1);
	assert_memory_equal(d->src, text, d->len);
	assert_int_equal(yn_get(d->root, "a")->n, 2);
	ydoc_free(d);
	free(path);

	/* Syntax errors name the display path, not the file system path. */
	path = write_tmp(*state, "s.yaml", "a: [\n", 5);
	struct isms_error *err = ydoc_load(path, "shown.yaml", &d);
	assert_null(d);
	assert_string_equal(err->file, "shown.yaml");
	assert_int_equal(err->line, 2);
	err_free(err);
	free(path);
	ydoc_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions_block_and_flow),
		cmocka_unit_test(test_positions_block_scalars),
		cmocka_unit_test(test_block_scalar_trailing_blank),
		cmocka_unit_test(test_positions_utf8),
		cmocka_unit_test(test_offsets_lf),
		cmocka_unit_test(test_offsets_crlf),
		cmocka_unit_test(test_offsets_bom),
		cmocka_unit_test(test_empty_documents),
		cmocka_unit_test(test_get_and_null),
		cmocka_unit_test(test_str_tag),
		cmocka_unit_test(test_duplicate_and_complex_keys),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_scalar_limit),
		cmocka_unit_test_setup_teardown(test_read_file, tmp_setup,
		    tmp_teardown),
		cmocka_unit_test_setup_teardown(test_load, tmp_setup,
		    tmp_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
