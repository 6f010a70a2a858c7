/*
 * Tests for emit.c: canonical YAML text for values and records.
 *
 * The promise of the module is that every piece of text it writes reads
 * back, through ydoc_parse and the schema loader, as the value it was made
 * from.  So besides a table of which strings may go unquoted, a list of
 * nasty strings is emitted and parsed back in every context the writer uses
 * them in (a block value, a flow list item, a flow mapping value), and the
 * text and the string-ness of each must survive.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/emit.h"
#include "isms/register.h"

static void test_plain_safe(void **state)
{
	static const struct {
		const char *s;
		bool as_string;  /* yaml_plain_safe(s, true) */
		bool as_scalar;  /* yaml_plain_safe(s, false) */
	} cases[] = {
		{ "Laptop", true, true },
		{ "Patient records", true, true },
		{ "A-001", true, true },
		{ "R-10", true, true },
		{ "Head of Care", true, true },
		{ "a#b", true, true },
		{ "a:b", true, true },
		{ "http://x.example/y", true, true },
		{ "50%", true, true },
		{ "it's", true, true },
		{ "say \"hi\"", true, true },
		{ "back\\slash", true, true },
		{ "caf\xC3\xA9", true, true },
		{ "\xF0\x9F\x94\x92 vault", true, true },
		{ "\xE6\x97\xA5\xE6\x9C\xAC", true, true },
		/* Numbers, dates and special words are not strings when plain. */
		{ "12", false, true },
		{ "-3", false, true },
		{ "+3", false, true },
		{ "1.5", false, true },
		{ "8.10", false, true },
		{ "5.10", false, true },
		{ ".5", false, true },
		{ "1e3", false, true },
		{ "0x1F", false, true },
		{ "0o17", false, true },
		{ "1_000", false, true },
		{ "12:30", false, true },
		{ "2026-11-22", false, true },
		{ "null", false, true },
		{ "Null", false, true },
		{ "~", false, true },
		{ "true", false, true },
		{ "FALSE", false, true },
		{ "yes", false, true },
		{ "No", false, true },
		{ "on", false, true },
		{ "OFF", false, true },
		{ "y", false, true },
		{ "N", false, true },
		{ ".inf", false, true },
		{ "-.inf", false, true },
		{ ".NaN", false, true },
		{ "<<", false, true },
		{ "=", false, true },
		/* Almost special: fine. */
		{ "nulls", true, true },
		{ "yes!", true, true },
		{ "2026-13-01", false, true },
		{ "v1.2", true, true },
		{ "1.2.3a", false, true },
		{ "a:?", false, false },
		{ "a:?b", false, false },
		{ "c1\xC2\x80", false, false },
		{ "\xEF\xBF\xBF", false, false },
		{ "\xC2\xA0nbsp", true, true },
		/* Spaces at the ends, empty. */
		{ "", false, false },
		{ " lead", false, false },
		{ "trail ", false, false },
		{ " ", false, false },
		/* Indicators. */
		{ "a: b", false, false },
		{ "key:", false, false },
		{ "a #b", false, false },
		{ "#x", false, false },
		{ "- x", false, false },
		{ "-x", false, true },
		{ "-", false, false },
		{ "--", false, true },
		{ "---", false, true },
		{ "?x", false, false },
		{ ":x", false, false },
		{ "[a]", false, false },
		{ "]", false, false },
		{ "{a}", false, false },
		{ "a, b", false, false },
		{ "a,b", false, false },
		{ "a[0]", false, false },
		{ "x}", false, false },
		{ "&x", false, false },
		{ "*x", false, false },
		{ "!x", false, false },
		{ "|x", false, false },
		{ ">x", false, false },
		{ "'x'", false, false },
		{ "\"x\"", false, false },
		{ "%x", false, false },
		{ "@x", false, false },
		{ "`x", false, false },
		/* Control and odd characters. */
		{ "a\tb", false, false },
		{ "a\nb", false, false },
		{ "a\rb", false, false },
		{ "a\x01", false, false },
		{ "a\x7f", false, false },
		{ "\xEF\xBB\xBFx", false, false },
		{ "a\xC2\x85" "b", false, false },
		{ "a\xE2\x80\xA8" "b", false, false },
		{ "a\xE2\x80\xA9" "b", false, false },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		bool s = yaml_plain_safe(cases[i].s, true);
		bool p = yaml_plain_safe(cases[i].s, false);
		if (s != cases[i].as_string || p != cases[i].as_scalar) {
			print_error("yaml_plain_safe('%s'): string %d scalar %d\n",
			    cases[i].s, s, p);
			fail();
		}
	}
}

static void test_emit_exact(void **state)
{
	static const struct {
		const char *s, *string, *scalar;
	} cases[] = {
		{ "Laptop", "Laptop", "Laptop" },
		{ "8.10", "\"8.10\"", "8.10" },
		{ "2026-11-22", "\"2026-11-22\"", "2026-11-22" },
		{ "null", "\"null\"", "null" },
		{ "", "\"\"", "\"\"" },
		{ "a: b", "\"a: b\"", "\"a: b\"" },
		{ "say \"hi\"", "say \"hi\"", "say \"hi\"" },
		{ "\"q\"", "\"\\\"q\\\"\"", "\"\\\"q\\\"\"" },
		{ "back\\slash", "back\\slash", "back\\slash" },
		{ "\\", "\\", "\\" },
		{ "- \\", "\"- \\\\\"", "\"- \\\\\"" },
		{ "two\nlines", "\"two\\nlines\"", "\"two\\nlines\"" },
		{ "tab\there", "\"tab\\there\"", "\"tab\\there\"" },
		{ "cr\r", "\"cr\\r\"", "\"cr\\r\"" },
		{ "bell\x07", "\"bell\\x07\"", "\"bell\\x07\"" },
		{ "del\x7f", "\"del\\x7F\"", "\"del\\x7F\"" },
		{ "esc\x1b[0m", "\"esc\\x1B[0m\"", "\"esc\\x1B[0m\"" },
		{ " x", "\" x\"", "\" x\"" },
		{ "caf\xC3\xA9", "caf\xC3\xA9", "caf\xC3\xA9" },
		/* Characters libyaml refuses or reads as line breaks. */
		{ "a\xC2\x85" "b", "\"a\\Nb\"", "\"a\\Nb\"" },
		{ "a\xE2\x80\xA8" "b", "\"a\\Lb\"", "\"a\\Lb\"" },
		{ "a\xE2\x80\xA9" "b", "\"a\\Pb\"", "\"a\\Pb\"" },
		{ "\xC2\x80\xC2\x9F", "\"\\x80\\x9F\"", "\"\\x80\\x9F\"" },
		{ "\xEF\xBF\xBEx", "\"\\uFFFEx\"", "\"\\uFFFEx\"" },
		{ "\xEF\xBB\xBF" "b", "\"\xEF\xBB\xBF" "b\"", "\"\xEF\xBB\xBF" "b\"" },
		{ "a:?", "\"a:?\"", "\"a:?\"" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf a = SBUF_INIT, b = SBUF_INIT;
		emit_string(&a, cases[i].s);
		emit_scalar(&b, cases[i].s);
		assert_string_equal(a.buf, cases[i].string);
		assert_string_equal(b.buf, cases[i].scalar);
		sbuf_release(&a);
		sbuf_release(&b);
	}
}

/* Strings that must survive a trip through the writer and the parser. */
static const char *const nasty[] = {
	"plain", "", " ", "  ", " lead", "trail ", "\"", "'", "''", "\"\"",
	"it's", "say \"hi\"", "\\", "\\\\", "\\n", "\\x41", "back\\slash\"",
	"\n", "\n\n", "x\n", "\nx", "a\nb", "a\r\nb", "\r", "\t", "\tx",
	"x\t", "a\tb", "\x01", "\x1f", "\x7f", "nul\x1b", "8.10", "5.10",
	"007", "1e3", "0x1F", "-0", "+1", ".5", "1_000", "12:30:00",
	"2026-11-22", "2026-02-29", "null", "Null", "NULL", "~", "true",
	"False", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", ".nan",
	"<<", "=", "- x", "-", "--", "---", "...", "-x", "? x", "?", ":",
	": x", "x:", "a: b", "a:b", "[a]", "[", "]", "{a: b}", "{", "}", "a,b",
	"a, b", "#x", "# x", "a #b", "a#b", "&x", "*x", "!x", "!!str",
	"|", "|-", ">", ">+", "%YAML", "@x", "`x", "http://x.example/?a=1#f",
	"\xF0\x9F\x98\x80", "\xF0\x9F\x94\x92 vault", "caf\xC3\xA9",
	"\xE2\x82\xAC" "100", "\xC2\xA0nbsp\xC2\xA0", "\xEF\xBB\xBF" "bom",
	"a\xC2\x85" "b", "a\xE2\x80\xA8" "b", "a\xE2\x80\xA9" "b",
	"\xC2\x80" "c1", "c1\xC2\x9F", "\xEF\xBF\xBE", "\xEF\xBF\xBF",
	"\xE2\x80\x8B" "zwsp", "rtl\xE2\x80\xAE" "txt",
	"very long text that goes on and on, with commas, colons: and "
	"# hashes, to make sure nothing wraps or folds it",
};

static void parse_one(const char *text, struct ydoc **doc)
{
	struct isms_error *err = ydoc_parse("t", text, strlen(text), doc);
	if (err) {
		print_error("cannot parse '%s': %s\n", text, err->msg);
		err_free(err);
		fail();
	}
}

/* The node a value text was parsed into holds s, as a string. */
static void assert_reads_back(const struct ynode *v, const char *s,
    const char *text)
{
	assert_non_null(v);
	if (v->kind != YN_SCALAR || v->len != strlen(s) ||
	    memcmp(v->str, s, v->len) != 0 || yn_is_null(v)) {
		print_error("'%s' read back from %s as '%s'\n", s, text,
		    v->kind == YN_SCALAR ? v->str : "a collection");
		fail();
	}
	/* Plain scalars are only used when the schema cannot take them for
	 * anything but text. */
	if (v->style == YS_PLAIN)
		assert_true(yaml_plain_safe(s, true));
}

static void test_round_trip(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(nasty); i++) {
		const char *s = nasty[i];
		struct sbuf val = SBUF_INIT, text = SBUF_INIT;
		struct ydoc *d;

		emit_string(&val, s);
		/* One line, always. */
		assert_null(strpbrk(val.buf, "\n\r"));

		sbuf_addf(&text, "k: %s\nnext: 1\n", val.buf);
		parse_one(text.buf, &d);
		assert_reads_back(yn_get(d->root, "k"), s, text.buf);
		assert_string_equal(yn_get(d->root, "next")->str, "1");
		ydoc_free(d);

		sbuf_reset(&text);
		sbuf_addf(&text, "k: [%s, %s]\n", val.buf, val.buf);
		parse_one(text.buf, &d);
		const struct ynode *l = yn_get(d->root, "k");
		assert_int_equal(l->n, 2);
		assert_reads_back(l->kids[0], s, text.buf);
		assert_reads_back(l->kids[1], s, text.buf);
		ydoc_free(d);

		sbuf_reset(&text);
		sbuf_addf(&text, "- {k: %s, j: %s}\n", val.buf, val.buf);
		parse_one(text.buf, &d);
		assert_reads_back(yn_get(d->root->kids[0], "k"), s, text.buf);
		assert_reads_back(yn_get(d->root->kids[0], "j"), s, text.buf);
		ydoc_free(d);

		/* emit_scalar may leave typed words plain, but still reads
		 * back as the same text. */
		sbuf_reset(&val);
		sbuf_reset(&text);
		emit_scalar(&val, s);
		sbuf_addf(&text, "k: [%s]\n", val.buf);
		parse_one(text.buf, &d);
		const struct ynode *v = yn_get(d->root, "k")->kids[0];
		assert_int_equal(v->len, strlen(s));
		assert_memory_equal(v->str, s, v->len);
		ydoc_free(d);
		sbuf_release(&val);
		sbuf_release(&text);
	}
}

/* Random byte strings of printable ASCII, spaces and breaks. */
static void test_round_trip_random(void **state)
{
	static const char alphabet[] = " \t\n\r\\\"':#-?,[]{}&*!|>%@`~.0123456789"
	    "aeynulTF";
	unsigned long x = 12345;
	char s[24];
	for (int n = 0; n < 20000; n++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		size_t len = (x >> 33) % (sizeof(s) - 1);
		for (size_t k = 0; k < len; k++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			s[k] = alphabet[(x >> 33) % (sizeof(alphabet) - 1)];
		}
		s[len] = '\0';
		struct sbuf text = SBUF_INIT;
		sbuf_adds(&text, "k: [");
		emit_string(&text, s);
		sbuf_adds(&text, "]\n");
		struct ydoc *d;
		parse_one(text.buf, &d);
		assert_reads_back(yn_get(d->root, "k")->kids[0], s, text.buf);
		ydoc_free(d);
		sbuf_release(&text);
	}
}

static const struct field *field_of(enum collection c, const char *name)
{
	const struct field *f = schema_field(coll_defs[c].schema, name);
	assert_non_null(f);
	return f;
}

static void test_field_text_from_arg(void **state)
{
	static const struct {
		enum collection coll;
		const char *field, *arg, *want;
	} cases[] = {
		{ COL_ASSETS, "name", "Laptop", "Laptop" },
		{ COL_ASSETS, "name", "true", "\"true\"" },
		{ COL_ASSETS, "name", "8.10", "\"8.10\"" },
		{ COL_ASSETS, "name", "a: b", "\"a: b\"" },
		{ COL_ASSETS, "description", "two\nlines", "\"two\\nlines\"" },
		/* Typed scalars go plain so the loader can type them. */
		{ COL_ASSETS, "c", "3", "3" },
		{ COL_ASSETS, "c", "x y", "x y" },
		{ COL_ASSETS, "c", "3: x", "\"3: x\"" },
		{ COL_ASSETS, "in_scope", "false", "false" },
		{ COL_ASSETS, "type", "site", "site" },
		{ COL_RISKS, "identified", "2026-11-22", "2026-11-22" },
		{ COL_RISKS, "sle", "1e5", "1e5" },
		/* Lists: commas, or YAML flow syntax. */
		{ COL_ASSETS, "depends_on", "A-1", "[A-1]" },
		{ COL_ASSETS, "depends_on", "A-1,A-2", "[A-1, A-2]" },
		{ COL_ASSETS, "depends_on", " A-1 , A-2 ,, ", "[A-1, A-2]" },
		{ COL_ASSETS, "depends_on", "", "[]" },
		{ COL_ASSETS, "depends_on", ",", "[]" },
		{ COL_TREATMENTS, "controls", "5.10,8.7", "[\"5.10\", \"8.7\"]" },
		{ COL_TREATMENTS, "controls", "[5.10, \"8.7\"]",
		  "[\"5.10\", \"8.7\"]" },
		{ COL_TREATMENTS, "controls", " [\"a, b\", c]", "[\"a, b\", c]" },
		{ COL_TREATMENTS, "controls", "[]", "[]" },
		{ COL_RISKS, "cia", "c,i", "[c, i]" },
		{ COL_RISKS, "cia", "[c, a]", "[c, a]" },
		{ COL_ASSETS, "depends_on", "null", "[\"null\"]" },
		/* Maps and ratings: flow syntax, quoting kept per scalar. */
		{ COL_RISKS, "rating", "{likelihood: 4, impact: \"5\"}",
		  "{likelihood: 4, impact: \"5\"}" },
		{ COL_RISKS, "rating", "{a: [1, 2], b: {c: d}}",
		  "{a: [1, 2], b: {c: d}}" },
		{ COL_RISKS, "loss",
		  "{frequency: {min: 1, mode: 2, max: 3}, magnitude: {min: 1e3, mode: 2e3, max: 5e3}}",
		  "{frequency: {min: 1, mode: 2, max: 3}, magnitude: {min: 1e3, mode: 2e3, max: 5e3}}" },
		{ COL_RISKS, "rating", "likelihood: 4", "{likelihood: 4}" },
		{ COL_RISKS, "rating", "5", "5" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct field_text ft;
		const struct field *f = field_of(cases[i].coll, cases[i].field);
		struct isms_error *err = field_text_from_arg(f, cases[i].arg, &ft);
		if (err) {
			print_error("%s '%s': %s\n", cases[i].field, cases[i].arg,
			    err->msg);
			err_free(err);
			fail();
		}
		assert_ptr_equal(ft.field, f);
		if (strcmp(ft.text, cases[i].want) != 0) {
			print_error("%s '%s' -> '%s', want '%s'\n", cases[i].field,
			    cases[i].arg, ft.text, cases[i].want);
			fail();
		}
		assert_null(ft.items);
		field_text_release(&ft);
		assert_null(ft.text);
		field_text_release(&ft);
	}
}

static void test_field_text_reclist(void **state)
{
	struct field_text ft;
	const struct field *f = field_of(COL_TREATMENTS, "actions");
	assert_null(field_text_from_arg(f,
	    "[{text: Patch, done: true}, {text: \"a, b\", due: 2026-12-01}]",
	    &ft));
	assert_string_equal(ft.text,
	    "[{text: Patch, done: true}, {text: \"a, b\", due: 2026-12-01}]");
	assert_int_equal(ft.nitems, 2);
	assert_string_equal(ft.items[0], "{text: Patch, done: true}");
	assert_string_equal(ft.items[1], "{text: \"a, b\", due: 2026-12-01}");
	field_text_release(&ft);

	assert_null(field_text_from_arg(f, "[]", &ft));
	assert_string_equal(ft.text, "[]");
	assert_int_equal(ft.nitems, 0);
	field_text_release(&ft);
}

static void test_field_text_errors(void **state)
{
	static const struct {
		enum collection coll;
		const char *field, *arg, *msg;
	} cases[] = {
		{ COL_TREATMENTS, "controls", "[a, [b]]",
		  "controls: list items must be plain values" },
		{ COL_TREATMENTS, "controls", "[a, {b: c}]",
		  "controls: list items must be plain values" },
		{ COL_TREATMENTS, "controls", "[a",
		  "controls: cannot read '[a' as YAML: YAML syntax error: did not "
		  "find expected ',' or ']' while parsing a flow sequence" },
		{ COL_TREATMENTS, "controls", "[&x a]",
		  "controls: cannot read '[&x a]' as YAML: anchors and aliases are "
		  "not allowed (&x); write the value out" },
		{ COL_TREATMENTS, "actions", "{text: x}",
		  "actions: expected a list" },
		{ COL_TREATMENTS, "actions", "",
		  "actions: empty value" },
		{ COL_RISKS, "rating", "", "rating: empty value" },
		{ COL_RISKS, "rating", "{a: 1", "rating: cannot read '{a: 1' as "
		  "YAML: YAML syntax error: did not find expected ',' or '}' "
		  "while parsing a flow mapping" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct field_text ft;
		const struct field *f = field_of(cases[i].coll, cases[i].field);
		struct isms_error *err = field_text_from_arg(f, cases[i].arg, &ft);
		if (!err) {
			print_error("accepted %s '%s' as '%s'\n", cases[i].field,
			    cases[i].arg, ft.text);
			field_text_release(&ft);
			fail();
		}
		assert_int_equal(err->code, EXIT_USAGE);
		assert_string_equal(err->msg, cases[i].msg);
		assert_null(ft.text);
		err_free(err);
	}
}

static void test_field_text_append(void **state)
{
	struct field_text ft;
	const struct field *f = field_of(COL_RISKS, "assets");

	assert_null(field_text_from_arg(f, "A-1", &ft));
	assert_null(field_text_append(&ft, "A-2"));
	assert_string_equal(ft.text, "[A-1, A-2]");
	assert_null(field_text_append(&ft, "A-3,A-4"));
	assert_null(field_text_append(&ft, "[A-5, \"8.10\"]"));
	assert_string_equal(ft.text, "[A-1, A-2, A-3, A-4, A-5, \"8.10\"]");
	assert_null(field_text_append(&ft, ""));
	assert_string_equal(ft.text, "[A-1, A-2, A-3, A-4, A-5, \"8.10\"]");
	struct isms_error *err = field_text_append(&ft, "[x, [y]]");
	assert_string_equal(err->msg, "assets: list items must be plain values");
	err_free(err);
	/* A failed append leaves the text as it was. */
	assert_string_equal(ft.text, "[A-1, A-2, A-3, A-4, A-5, \"8.10\"]");
	field_text_release(&ft);

	/* Appending to an empty list starts it without a comma. */
	assert_null(field_text_from_arg(f, "", &ft));
	assert_null(field_text_append(&ft, "A-9"));
	assert_string_equal(ft.text, "[A-9]");
	field_text_release(&ft);

	/* Only lists take repeats. */
	assert_null(field_text_from_arg(field_of(COL_RISKS, "title"), "t", &ft));
	err = field_text_append(&ft, "u");
	assert_int_equal(err->code, EXIT_USAGE);
	assert_string_equal(err->msg, "--title given more than once");
	err_free(err);
	assert_string_equal(ft.text, "t");
	field_text_release(&ft);
}

static void test_emit_flow(void **state)
{
	struct ydoc *d;
	parse_one("k: {a: 'x', b: [1, \"2\", null], c: {d: plain}, e: \"\"}\n",
	    &d);
	struct sbuf sb = SBUF_INIT;
	emit_flow(&sb, yn_get(d->root, "k"));
	assert_string_equal(sb.buf,
	    "{a: x, b: [1, \"2\", null], c: {d: plain}, e: \"\"}");
	sbuf_release(&sb);
	ydoc_free(d);
}

static void test_emit_record(void **state)
{
	const struct schema *s = coll_defs[COL_ASSETS].schema;
	struct field_text ft[4];
	/* Given out of order; written in schema order. */
	assert_null(field_text_from_arg(schema_field(s, "depends_on"), "A-1",
	    &ft[0]));
	assert_null(field_text_from_arg(schema_field(s, "name"), "Mail: EU",
	    &ft[1]));
	assert_null(field_text_from_arg(schema_field(s, "id"), "A-002", &ft[2]));
	assert_null(field_text_from_arg(schema_field(s, "c"), "3", &ft[3]));

	struct sbuf sb = SBUF_INIT;
	emit_record(&sb, s, ft, 4, 2, "\n");
	assert_string_equal(sb.buf,
	    "  - id: A-002\n"
	    "    name: \"Mail: EU\"\n"
	    "    c: 3\n"
	    "    depends_on: [A-1]\n");
	sbuf_reset(&sb);
	emit_record(&sb, s, ft, 4, 0, "\r\n");
	assert_string_equal(sb.buf,
	    "- id: A-002\r\n  name: \"Mail: EU\"\r\n  c: 3\r\n"
	    "  depends_on: [A-1]\r\n");
	sbuf_reset(&sb);
	emit_record_flow(&sb, s, ft, 4);
	assert_string_equal(sb.buf,
	    "{id: A-002, name: \"Mail: EU\", c: 3, depends_on: [A-1]}");
	sbuf_release(&sb);
	for (size_t i = 0; i < 4; i++)
		field_text_release(&ft[i]);

	/* Record lists are written one flow item per line. */
	const struct schema *ts = coll_defs[COL_TREATMENTS].schema;
	struct field_text tf[2];
	assert_null(field_text_from_arg(schema_field(ts, "id"), "T-1", &tf[0]));
	assert_null(field_text_from_arg(schema_field(ts, "actions"),
	    "[{text: a}, {text: b, done: false}]", &tf[1]));
	emit_record(&sb, ts, tf, 2, 2, "\n");
	assert_string_equal(sb.buf,
	    "  - id: T-1\n"
	    "    actions:\n"
	    "      - {text: a}\n"
	    "      - {text: b, done: false}\n");
	sbuf_release(&sb);
	field_text_release(&tf[0]);
	field_text_release(&tf[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_safe),
		cmocka_unit_test(test_emit_exact),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_round_trip_random),
		cmocka_unit_test(test_field_text_from_arg),
		cmocka_unit_test(test_field_text_reclist),
		cmocka_unit_test(test_field_text_errors),
		cmocka_unit_test(test_field_text_append),
		cmocka_unit_test(test_emit_flow),
		cmocka_unit_test(test_emit_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
