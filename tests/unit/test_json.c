/*
 * Tests for json.c: the writer's exact output in pretty and compact mode,
 * string escaping, numbers, and round trips through the parser; the parser
 * on valid and invalid input.
 */
#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "isms/json.h"

static void write_sample(struct json_writer *w)
{
	json_begin_array(w);
	json_begin_object(w);
	json_kv_string(w, "id", "R-001");
	json_kv_int(w, "score", 20);
	json_kv_number(w, "avg", 4.375);
	json_kv_bool(w, "above_appetite", true);
	json_kv_null(w, "ale");
	json_key(w, "assets");
	json_begin_array(w);
	json_string(w, "A-001");
	json_string(w, "A-004");
	json_end_array(w);
	json_key(w, "empty");
	json_begin_object(w);
	json_end_object(w);
	json_key(w, "none");
	json_begin_array(w);
	json_end_array(w);
	json_end_object(w);
	json_number(w, 25.0);
	json_string(w, NULL);
	json_end_array(w);
}

static void test_writer_pretty(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, true);
	write_sample(&w);
	json_release(&w);
	assert_string_equal(sb.buf,
	    "[\n"
	    "  {\n"
	    "    \"id\": \"R-001\",\n"
	    "    \"score\": 20,\n"
	    "    \"avg\": 4.375,\n"
	    "    \"above_appetite\": true,\n"
	    "    \"ale\": null,\n"
	    "    \"assets\": [\n"
	    "      \"A-001\",\n"
	    "      \"A-004\"\n"
	    "    ],\n"
	    "    \"empty\": {},\n"
	    "    \"none\": []\n"
	    "  },\n"
	    "  25,\n"
	    "  null\n"
	    "]\n");
	sbuf_release(&sb);
}

static void test_writer_compact(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	write_sample(&w);
	/* Top-level values are one per line: NDJSON. */
	json_int(&w, -7);
	json_begin_object(&w);
	json_end_object(&w);
	json_release(&w);
	assert_string_equal(sb.buf,
	    "[{\"id\":\"R-001\",\"score\":20,\"avg\":4.375,"
	    "\"above_appetite\":true,\"ale\":null,"
	    "\"assets\":[\"A-001\",\"A-004\"],\"empty\":{},\"none\":[]},"
	    "25,null]\n"
	    "-7\n"
	    "{}\n");
	sbuf_release(&sb);
}

static void test_numbers(void **state)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{ 4.375, "4.375\n" },
		{ 25.0, "25\n" },
		{ 0.1, "0.1\n" },
		{ 1e21, "1e+21\n" },
		{ -0.0, "0\n" },
		{ 1e-7, "1e-7\n" },
		{ NAN, "null\n" },
		{ INFINITY, "null\n" },
		{ -INFINITY, "null\n" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT;
		struct json_writer w;
		json_init(&w, &sb, true);
		json_number(&w, cases[i].v);
		json_release(&w);
		assert_string_equal(sb.buf, cases[i].want);
		sbuf_release(&sb);
	}
	struct sbuf sb = SBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	json_int(&w, -9223372036854775807LL - 1);
	json_release(&w);
	assert_string_equal(sb.buf, "-9223372036854775808\n");
	sbuf_release(&sb);
}

static void test_escaping(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *want;
	} cases[] = {
		{ "plain", 5, "\"plain\"" },
		{ "\"q\" \\ /", 7, "\"\\\"q\\\" \\\\ /\"" },
		{ "\b\f\n\r\t", 5, "\"\\b\\f\\n\\r\\t\"" },
		{ "\x01\x1f\x7f", 3, "\"\\u0001\\u001f\x7f\"" },
		{ "nul\0x", 5, "\"nul\\u0000x\"" },
		{ "Zürich 日本 😀", 19, "\"Zürich 日本 😀\"" },
		{ "\xe2\x80\xa8\xe2\x80\xa9", 6, "\"\\u2028\\u2029\"" },
		/* Invalid UTF-8: each bad byte becomes U+FFFD. */
		{ "a\xffz", 3, "\"a\xEF\xBF\xBDz\"" },
		{ "\xC0\xAF", 2, "\"\xEF\xBF\xBD\xEF\xBF\xBD\"" },
		{ "\xE2\x82", 2, "\"\xEF\xBF\xBD\xEF\xBF\xBD\"" },
		{ "\xED\xA0\x80", 3,
		  "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"" },
		{ "", 0, "\"\"" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT;
		json_quote(&sb, cases[i].in, cases[i].len);
		assert_string_equal(sb.buf, cases[i].want);
		/* Whatever went in, what comes out parses. */
		struct json_value *v = NULL;
		struct isms_error *err = json_parse(sb.buf, sb.len, &v);
		assert_null(err);
		assert_int_equal(v->type, JSON_STRING);
		json_value_free(v);
		sbuf_release(&sb);
	}
}

/*
 * Long strings are scanned eight bytes at a time: every byte value at
 * every place of a 24-byte string is escaped as it is alone (in a run of
 * 'a's a byte above 0x7F is a lone invalid byte, as it is alone).
 */
static void test_escaping_long(void **state)
{
	char in[24];
	for (unsigned c = 0; c < 256; c++) {
		struct sbuf one = SBUF_INIT;
		char ch = (char)c;
		json_quote(&one, &ch, 1);
		for (size_t at = 0; at < sizeof(in); at++) {
			struct sbuf got = SBUF_INIT, want = SBUF_INIT;
			memset(in, 'a', sizeof(in));
			in[at] = ch;
			json_quote(&got, in, sizeof(in));
			sbuf_addch(&want, '"');
			sbuf_addrepeat(&want, 'a', at);
			sbuf_add(&want, one.buf + 1, one.len - 2);
			sbuf_addrepeat(&want, 'a', sizeof(in) - at - 1);
			sbuf_addch(&want, '"');
			assert_string_equal(got.buf, want.buf);
			sbuf_release(&got);
			sbuf_release(&want);
		}
		sbuf_release(&one);
	}
}

/* Strings, including controls and NULs, survive writer -> parser. */
static void test_string_round_trip(void **state)
{
	static const char *const strings[] = {
		"", "plain", "with \"quotes\" and \\ backslash",
		"tab\there\nnewline", "\x01\x02\x1f", "Zürich 日本 😀 …",
		"\xe2\x80\xa8", "</script>",
	};
	for (size_t i = 0; i < ARRAY_SIZE(strings); i++) {
		struct sbuf sb = SBUF_INIT;
		struct json_writer w;
		json_init(&w, &sb, i % 2 == 0);
		json_begin_object(&w);
		json_kv_string(&w, "s", strings[i]);
		json_end_object(&w);
		json_release(&w);
		struct json_value *v = NULL;
		assert_null(json_parse(sb.buf, sb.len, &v));
		const struct json_value *s = json_get(v, "s");
		assert_non_null(s);
		assert_int_equal(s->len, strlen(strings[i]));
		assert_memory_equal(s->str, strings[i], s->len);
		json_value_free(v);
		sbuf_release(&sb);
	}
	char nul[] = "a\0b";
	struct sbuf sb = SBUF_INIT;
	json_quote(&sb, nul, 3);
	struct json_value *v = NULL;
	assert_null(json_parse(sb.buf, sb.len, &v));
	assert_int_equal(v->len, 3);
	assert_memory_equal(v->str, nul, 3);
	json_value_free(v);
	sbuf_release(&sb);
}

static void test_round_trip_tree(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, true);
	write_sample(&w);
	json_release(&w);

	struct json_value *v = NULL;
	assert_null(json_parse(sb.buf, sb.len, &v));
	assert_int_equal(v->type, JSON_ARRAY);
	assert_int_equal(v->n, 3);
	const struct json_value *r = json_at(v, 0);
	assert_int_equal(r->type, JSON_OBJECT);
	assert_int_equal(r->n, 8);
	assert_string_equal(r->keys[0], "id");
	assert_string_equal(json_get(r, "id")->str, "R-001");
	assert_true(json_get(r, "score")->num == 20);
	assert_true(json_get(r, "avg")->num == 4.375);
	assert_int_equal(json_get(r, "above_appetite")->type, JSON_BOOL);
	assert_true(json_get(r, "above_appetite")->b);
	assert_int_equal(json_get(r, "ale")->type, JSON_NULL);
	assert_null(json_get(r, "missing"));
	assert_string_equal(json_path(v, "0.assets.1")->str, "A-004");
	assert_null(json_path(v, "0.assets.2"));
	assert_null(json_path(v, "0.id.x"));
	assert_int_equal(json_path(v, "0.empty")->type, JSON_OBJECT);
	assert_int_equal(json_path(v, "0.none")->n, 0);
	assert_true(json_path(v, "1")->num == 25);
	assert_int_equal(json_path(v, "2")->type, JSON_NULL);
	assert_null(json_at(v, 3));
	assert_null(json_at(r, 0));
	assert_null(json_get(NULL, "x"));
	json_value_free(v);
	sbuf_release(&sb);
}

static void test_parse_valid(void **state)
{
	static const struct {
		const char *in;
		enum json_type type;
		double num;
	} cases[] = {
		{ "0", JSON_NUMBER, 0 },
		{ "-0.5e1", JSON_NUMBER, -5 },
		{ " 1E+2 ", JSON_NUMBER, 100 },
		{ "1.5e-3", JSON_NUMBER, 0.0015 },
		{ "\n\ttrue\r\n", JSON_BOOL, 0 },
		{ "null", JSON_NULL, 0 },
		{ "[1, [2, [3]], {\"a\": {}}]", JSON_ARRAY, 0 },
		{ "{\"a\":1,\"a\":2}", JSON_OBJECT, 0 },
		{ "\"\\ud83d\\ude00 \\u00e9 \\/\"", JSON_STRING, 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct json_value *v = NULL;
		struct isms_error *err = json_parse(cases[i].in,
		    strlen(cases[i].in), &v);
		assert_null(err);
		assert_int_equal(v->type, cases[i].type);
		if (v->type == JSON_NUMBER)
			assert_true(v->num == cases[i].num);
		json_value_free(v);
	}
	struct json_value *v = NULL;
	const char *s = "\"\\ud83d\\ude00 \\u00e9 \\/ \\ud800x\"";
	assert_null(json_parse(s, strlen(s), &v));
	assert_string_equal(v->str, "😀 é / \xEF\xBF\xBDx");
	json_value_free(v);
	s = "{\"a\":1,\"a\":2}";
	assert_null(json_parse(s, strlen(s), &v));
	assert_true(json_get(v, "a")->num == 2); /* the last one wins */
	json_value_free(v);
}

static void test_parse_invalid(void **state)
{
	static const struct {
		const char *in;
		const char *msg;
	} cases[] = {
		{ "", "JSON: line 1, column 1: value expected, end of input found" },
		{ "   ", "JSON: line 1, column 4: value expected, end of input found" },
		{ "[1,]", "JSON: line 1, column 4: unexpected character" },
		{ "[1 2]", "JSON: line 1, column 4: ',' or ']' expected" },
		{ "{\"a\" 1}", "JSON: line 1, column 6: ':' expected" },
		{ "{\"a\":1,}", "JSON: line 1, column 8: member name expected" },
		{ "{1:2}", "JSON: line 1, column 2: member name expected" },
		{ "\"abc", "JSON: line 1, column 5: unterminated string" },
		{ "\"a\nb\"", "JSON: line 1, column 3: control character in string" },
		{ "\"\\x\"", "JSON: line 1, column 3: bad escape in string" },
		{ "\"\\u12g4\"", "JSON: line 1, column 4: bad \\u escape" },
		{ "\"\xff\"", "JSON: line 1, column 2: invalid UTF-8 in string" },
		{ "01", "JSON: line 1, column 2: unexpected text after the value" },
		{ "-", "JSON: line 1, column 2: bad number" },
		{ "1.", "JSON: line 1, column 3: bad number: digits expected after '.'" },
		{ "1e+", "JSON: line 1, column 4: bad number: digits expected in exponent" },
		{ "tru", "JSON: line 1, column 1: unexpected character" },
		{ "nan", "JSON: line 1, column 1: unexpected character" },
		{ "{}\n\n  x", "JSON: line 3, column 3: unexpected text after the value" },
		{ "[\n  1,\n  }", "JSON: line 3, column 3: unexpected character" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct json_value *v = (struct json_value *)1;
		struct isms_error *err = json_parse(cases[i].in,
		    strlen(cases[i].in), &v);
		assert_non_null(err);
		assert_null(v);
		assert_int_equal(err->code, EXIT_DATA);
		assert_string_equal(err->msg, cases[i].msg);
		err_free(err);
	}
}

static void test_parse_depth(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct json_value *v = NULL;
	sbuf_addrepeat(&sb, '[', 256);
	sbuf_addrepeat(&sb, ']', 256);
	assert_null(json_parse(sb.buf, sb.len, &v));
	json_value_free(v);
	sbuf_reset(&sb);
	sbuf_addrepeat(&sb, '[', 100000);
	struct isms_error *err = json_parse(sb.buf, sb.len, &v);
	assert_non_null(err);
	assert_string_equal(err->msg, "JSON: line 1, column 257: nesting too deep");
	err_free(err);
	sbuf_release(&sb);
	json_value_free(NULL);
}

/* Random inputs over JSON's punctuation: never a crash, and anything that
 * parses is a tree the free function takes apart. */
static void test_random(void **state)
{
	static const char alphabet[] = "{}[]:,\"\\u0e1-.tn \n\xff";
	unsigned long long x = 0x2545F4914F6CDD1DULL;
	char buf[48];
	for (int i = 0; i < 50000; i++) {
		size_t len = (size_t)(i % 32);
		for (size_t j = 0; j < len; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			buf[j] = alphabet[x % (sizeof(alphabet) - 1)];
		}
		struct json_value *v = NULL;
		struct isms_error *err = json_parse(buf, len, &v);
		assert_true((err == NULL) != (v == NULL));
		err_free(err);
		json_value_free(v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_pretty),
		cmocka_unit_test(test_writer_compact),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_escaping_long),
		cmocka_unit_test(test_string_round_trip),
		cmocka_unit_test(test_round_trip_tree),
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_parse_depth),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
