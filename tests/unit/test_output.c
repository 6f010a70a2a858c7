/*
 * Tests for output.c: number formatting, table and detail rendering in each
 * format, formula injection and escaping.  Mostly tables of input and the
 * exact bytes expected, so a change in layout shows as a readable diff.
 */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/output.h"

static void test_fmt_num(void **state)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{ 4.375, "4.375" },
		{ 25.0, "25" },
		{ 0.1, "0.1" },
		{ 0.3, "0.3" },
		{ 0.1 + 0.2, "0.30000000000000004" },
		{ 1.0 / 3, "0.3333333333333333" },
		{ 100, "100" },
		{ 250000, "250000" },
		{ -3, "-3" },
		{ -0.5, "-0.5" },
		{ 0.0, "0" },
		{ -0.0, "0" },
		{ 1e21, "1e+21" },
		{ 1e20, "100000000000000000000" },
		{ 123456789012345680000.0, "123456789012345680000" },
		{ 1.5e300, "1.5e+300" },
		{ 1e-6, "0.000001" },
		{ 1e-7, "1e-7" },
		{ 1.25e-7, "1.25e-7" },
		{ 0.000123, "0.000123" },
		{ 75000.5, "75000.5" },
		{ 9007199254740993.0, "9007199254740992" },
		{ 5e-324, "5e-324" },
		{ 1.7976931348623157e308, "1.7976931348623157e+308" },
		{ 2.5, "2.5" },
		{ 12.345, "12.345" },
		/* Whole numbers take a short cut up to 2^53. */
		{ 9007199254740991.0, "9007199254740991" },
		{ -9007199254740991.0, "-9007199254740991" },
		{ 9007199254740992.0, "9007199254740992" },
		{ 18014398509481984.0, "18014398509481984" },
		{ 1e15, "1000000000000000" },
		{ -1e15, "-1000000000000000" },
		{ 1e17, "100000000000000000" },
		{ 4503599627370497.0, "4503599627370497" },
	};
	char buf[32];
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		fmt_num(cases[i].v, buf);
		assert_string_equal(buf, cases[i].want);
		assert_true(strtod(buf, NULL) == cases[i].v);
	}
	assert_string_equal(fmt_num(NAN, buf), "NaN");
	assert_string_equal(fmt_num(INFINITY, buf), "Infinity");
	assert_string_equal(fmt_num(-INFINITY, buf), "-Infinity");
}

/* Whole numbers are written as "%lld" writes them, by fmt_int() and by
 * fmt_num() below 2^53, where its short cut must agree with the search. */
static void test_fmt_int(void **state)
{
	char buf[32], want[32];
	static const long long fixed[] = { 0, 1, -1, 9, 10, -10, 99, 1000000,
		9007199254740991LL, -9007199254740992LL, 9223372036854775807LL,
		-9223372036854775807LL - 1 };
	for (size_t i = 0; i < ARRAY_SIZE(fixed); i++) {
		snprintf(want, sizeof(want), "%lld", fixed[i]);
		assert_string_equal(fmt_int(fixed[i], buf), want);
	}
	unsigned long long x = 2463534242ULL;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* Magnitudes spread over every digit count up to 2^53. */
		long long v = (long long)(x >> (11 + i % 53));
		if (i & 1)
			v = -v;
		snprintf(want, sizeof(want), "%lld", v);
		assert_string_equal(fmt_int(v, buf), want);
		assert_string_equal(fmt_num((double)v, buf), want);
	}
}

/* Every double written reads back as itself. */
static void test_fmt_num_round_trip(void **state)
{
	char buf[32];
	unsigned long long x = 88172645463325252ULL;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double v;
		memcpy(&v, &x, sizeof(v));
		if (!isfinite(v))
			continue;
		fmt_num(v, buf);
		assert_true(strlen(buf) < 32);
		assert_true(strtod(buf, NULL) == v || v == 0);
	}
}

static void test_format_names(void **state)
{
	enum out_format f;
	assert_true(out_format_parse("md", &f));
	assert_int_equal(f, FMT_MD);
	assert_true(out_format_parse("github", &f));
	assert_int_equal(f, FMT_GITHUB);
	assert_false(out_format_parse("markdow", &f));
	assert_false(out_format_parse("JSON", &f));
	assert_false(out_format_parse("", &f));
	for (int i = 0; i < FMT_COUNT_; i++) {
		assert_true(out_format_parse(out_format_name(i), &f));
		assert_int_equal(f, i);
	}
	struct sbuf sb = SBUF_INIT;
	out_format_names(FMT_LIST_FORMATS, &sb);
	assert_string_equal(sb.buf, "text, json, csv, yaml or md");
	sbuf_reset(&sb);
	out_format_names(FMT_BIT(FMT_HTML), &sb);
	assert_string_equal(sb.buf, "html");
	sbuf_release(&sb);
}

/* The risk-list-like table most tests render. */
static struct table *sample(void)
{
	struct table *t = table_new();
	table_add_col(t, "ID", ALIGN_LEFT, 0);
	table_add_col(t, "Title", ALIGN_LEFT, TABLE_TRUNCATE);
	table_add_col(t, "Score", ALIGN_RIGHT, 0);
	table_row(t);
	table_cell(t, "R-001");
	table_cell(t, "Ransomware encrypts patient records");
	table_cell_num(t, 20);
	table_row(t);
	table_cell(t, "R-010");
	table_cell(t, "Café | Zürich, \"HQ\"");
	table_cell_num(t, 4.375);
	table_row(t);
	table_cell(t, "R-2");
	table_cell(t, NULL); /* empty */
	/* score never set */
	return t;
}

static char *render(const struct table *t, enum out_format fmt, size_t max)
{
	struct sbuf sb = SBUF_INIT;
	struct table_opts o = { max };
	assert_true(table_render(t, fmt, &o, &sb));
	return sbuf_detach(&sb, NULL);
}

static void test_table_text(void **state)
{
	struct table *t = sample();
	char *s = render(t, FMT_TEXT, 0);
	assert_string_equal(s,
	    "ID     Title                                Score\n"
	    "R-001  Ransomware encrypts patient records     20\n"
	    "R-010  Café | Zürich, \"HQ\"" "                  4.375\n"
	    "R-2\n");
	free(s);
	s = render(t, FMT_TEXT, 12);
	assert_string_equal(s,
	    "ID     Title         Score\n"
	    "R-001  Ransomware …     20\n"
	    "R-010  Café | Züri…  4.375\n"
	    "R-2\n");
	free(s);
	table_free(t);
}

static void test_table_text_edges(void **state)
{
	struct table *t = table_new();
	table_add_col(t, "Name", ALIGN_LEFT, TABLE_TRUNCATE);
	table_add_col(t, "Owner", ALIGN_LEFT, 0);
	char *s = render(t, FMT_TEXT, 0);
	/* An empty table prints only the header. */
	assert_string_equal(s, "Name  Owner\n");
	free(s);

	table_row(t);
	table_cell(t, "line1\nline2\t\x1b[31mred");
	table_cell(t, "日本語");
	table_row(t);
	table_cell(t, "ab");
	table_cell(t, "x");
	s = render(t, FMT_TEXT, 0);
	/* Controls become spaces: no line break, no terminal escape. */
	assert_string_equal(s,
	    "Name                  Owner\n"
	    "line1 line2  [31mred  日本語\n"
	    "ab                    x\n");
	free(s);
	s = render(t, FMT_TEXT, 1);
	assert_string_equal(s,
	    "Name  Owner\n"
	    "…     日本語\n"
	    "…     x\n");
	free(s);
	table_free(t);

	/* Invalid UTF-8 shows as U+FFFD, one column each. */
	t = table_new();
	table_add_col(t, "A", ALIGN_RIGHT, 0);
	table_add_col(t, "B", ALIGN_LEFT, 0);
	table_row(t);
	table_cell(t, "\xff\xfe");
	table_cell(t, "b");
	s = render(t, FMT_TEXT, 0);
	assert_string_equal(s, " A  B\n\xEF\xBF\xBD\xEF\xBF\xBD  b\n");
	free(s);
	table_free(t);

	/* Wide characters take two columns: alignment and truncation count
	 * columns, not code points. */
	t = table_new();
	table_add_col(t, "Name", ALIGN_LEFT, TABLE_TRUNCATE);
	table_add_col(t, "X", ALIGN_LEFT, 0);
	table_row(t);
	table_cell(t, "日本");
	table_cell(t, "a");
	table_row(t);
	table_cell(t, "abc");
	table_cell(t, "b");
	s = render(t, FMT_TEXT, 0);
	assert_string_equal(s, "Name  X\n日本  a\nabc   b\n");
	free(s);
	table_row(t);
	table_cell(t, "日本語");
	table_cell(t, "c");
	s = render(t, FMT_TEXT, 3);
	assert_string_equal(s, "Name  X\n日…   a\nabc   b\n日…   c\n");
	free(s);
	table_free(t);

	/* No columns: nothing at all. */
	t = table_new();
	s = render(t, FMT_TEXT, 0);
	assert_string_equal(s, "");
	free(s);
	table_free(t);
}

static void test_table_csv(void **state)
{
	struct table *t = sample();
	char *s = render(t, FMT_CSV, 5);
	assert_string_equal(s,
	    "ID,Title,Score\n"
	    "R-001,Ransomware encrypts patient records,20\n"
	    "R-010,\"Café | Zürich, \"\"HQ\"\"\",4.375\n"
	    "R-2,,\n");
	free(s);
	table_free(t);
}

static void test_csv_field(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "", "" },
		{ "plain", "plain" },
		{ "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
		{ "two\nlines", "\"two\nlines\"" },
		{ "cr\r", "\"cr\r\"" },
		{ " lead", "\" lead\"" },
		{ "trail ", "\"trail \"" },
		{ "in side", "in side" },
		/* Formula injection. */
		{ "=1+2", "'=1+2" },
		{ "=HYPERLINK(\"http://x\",\"y\")",
		  "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
		{ "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0" },
		{ "-2+3", "'-2+3" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "\t=1", "'\t=1" },
		{ "\r=1", "\"'\r=1\"" },
		{ "-", "'-" },
		{ "- item", "'- item" },
		{ "'=1", "''=1" },
		{ "''+x", "'''+x" },
		{ "'quoted'", "'quoted'" },
		{ "a=b", "a=b" },
		/* Plain numbers are left for spreadsheets to sort. */
		{ "-3", "-3" },
		{ "-0.5", "-0.5" },
		{ "+1", "+1" },
		{ "-1e-7", "-1e-7" },
		{ "-.5", "-.5" },
		{ "-1e", "'-1e" },
		{ "-0x10", "'-0x10" },
		{ "-1,5", "\"'-1,5\"" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT;
		csv_field(&sb, cases[i].in);
		assert_string_equal(sb.buf, cases[i].want);
		sbuf_release(&sb);
	}
}

/* What csv_field neutralised, csv_unneutralise_formula restores. */
static void test_csv_unneutralise(void **state)
{
	static const char *const values[] = {
		"=1", "'=1", "''=1", "-3", "-x", "@a", "'", "'a", "plain",
		"+", "\tx", "", "'-3",
	};
	for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
		const char *v = values[i];
		char *written = csv_needs_neutralising(v) ?
		    xasprintf("'%s", v) : xstrdup(v);
		assert_string_equal(csv_unneutralise_formula(written), v);
		free(written);
	}
	/* Another tool's neutralised number reads as the number. */
	assert_string_equal(csv_unneutralise_formula("'-3"), "-3");
}

static void test_table_md(void **state)
{
	struct table *t = sample();
	table_row(t);
	table_cell(t, "R-3");
	table_cell(t, "a\\b\r\nc<script>");
	table_cell(t, "1");
	char *s = render(t, FMT_MD, 5);
	assert_string_equal(s,
	    "| ID    | Title                               | Score |\n"
	    "| ----- | ----------------------------------- | ----: |\n"
	    "| R-001 | Ransomware encrypts patient records |    20 |\n"
	    "| R-010 | Café \\| Zürich, \"HQ\"                | 4.375 |\n"
	    "| R-2   |                                     |       |\n"
	    "| R-3   | a\\\\b<br>c\\<script>                  |     1 |\n");
	free(s);
	table_free(t);

	t = table_new();
	table_add_col(t, "N", ALIGN_RIGHT, 0);
	s = render(t, FMT_MD, 0);
	assert_string_equal(s, "|   N |\n| --: |\n");
	free(s);
	table_free(t);
}

static void test_table_html(void **state)
{
	struct table *t = table_new();
	table_add_col(t, "Name", ALIGN_LEFT, 0);
	table_add_col(t, "n", ALIGN_RIGHT, 0);
	table_row(t);
	table_cell(t, "<b>&'\"\nx");
	table_cell(t, "1");
	char *s = render(t, FMT_HTML, 0);
	assert_string_equal(s,
	    "<table>\n<thead>\n"
	    "<tr><th>Name</th><th style=\"text-align:right\">n</th></tr>\n"
	    "</thead>\n<tbody>\n"
	    "<tr><td>&lt;b&gt;&amp;&#39;&quot;<br />x</td>"
	    "<td style=\"text-align:right\">1</td></tr>\n"
	    "</tbody>\n</table>\n");
	free(s);
	table_row(t);
	table_row_class(t, "late \"x\"");
	table_cell(t, "y");
	s = render(t, FMT_HTML, 0);
	assert_non_null(strstr(s, "<tr class=\"late &quot;x&quot;\"><td>y</td>"));
	free(s);
	s = render(t, FMT_MD, 0);
	assert_null(strstr(s, "late"));
	free(s);
	struct sbuf sb = SBUF_INIT;
	assert_false(table_render(t, FMT_JSON, NULL, &sb));
	assert_false(table_render(t, FMT_YAML, NULL, &sb));
	assert_int_equal(sb.len, 0);
	sbuf_release(&sb);
	table_free(t);
}

static void test_escape(void **state)
{
	static const struct {
		const char *in, *html, *md;
	} cases[] = {
		{ "plain text", "plain text", "plain text" },
		{ "a & b", "a &amp; b", "a \\& b" },
		{ "<script>alert('x')</script>",
		  "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
		  "\\<script\\>alert('x')\\</script\\>" },
		{ "*bold* _it_ `code` [l](u) a|b ~s~",
		  "*bold* _it_ `code` [l](u) a|b ~s~",
		  "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](u) a\\|b \\~s\\~" },
		{ "# title", "# title", "\\# title" },
		{ "- item", "- item", "\\- item" },
		{ "R-001 8.8", "R-001 8.8", "R-001 8.8" },
		{ "back\\slash", "back\\slash", "back\\\\slash" },
		{ "two\nlines", "two\nlines", "two<br>lines" },
		{ "\"q\"", "&quot;q&quot;", "\"q\"" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sbuf sb = SBUF_INIT;
		html_escape(&sb, cases[i].in);
		assert_string_equal(sb.buf, cases[i].html);
		sbuf_reset(&sb);
		md_escape(&sb, cases[i].in);
		assert_string_equal(sb.buf, cases[i].md);
		sbuf_release(&sb);
	}
}

static struct detail *sample_detail(void)
{
	struct detail *d = detail_new();
	detail_add(d, "id", "R-001");
	detail_add(d, "title", "Ransomware | encrypts");
	detail_add(d, "description", "first line\nsecond line\n\nafter blank");
	detail_add(d, "owner", NULL);
	detail_add_num(d, "score", 4.375);
	detail_addf(d, "level", "%s", "high");
	return d;
}

static void test_detail(void **state)
{
	struct detail *d = sample_detail();
	struct sbuf sb = SBUF_INIT;
	assert_true(detail_render(d, FMT_TEXT, &sb));
	assert_string_equal(sb.buf,
	    "id:          R-001\n"
	    "title:       Ransomware | encrypts\n"
	    "description: first line\n"
	    "             second line\n"
	    "\n"
	    "             after blank\n"
	    "owner:\n"
	    "score:       4.375\n"
	    "level:       high\n");
	sbuf_reset(&sb);
	assert_true(detail_render(d, FMT_MD, &sb));
	assert_string_equal(sb.buf,
	    "| Field       | Value                                        |\n"
	    "| ----------- | -------------------------------------------- |\n"
	    "| id          | R-001                                        |\n"
	    "| title       | Ransomware \\| encrypts                       |\n"
	    "| description | first line<br>second line<br><br>after blank |\n"
	    "| owner       |                                              |\n"
	    "| score       | 4.375                                        |\n"
	    "| level       | high                                         |\n");
	sbuf_reset(&sb);
	assert_true(detail_render(d, FMT_CSV, &sb));
	assert_string_equal(sb.buf,
	    "Field,Value\n"
	    "id,R-001\n"
	    "title,Ransomware | encrypts\n"
	    "description,\"first line\nsecond line\n\nafter blank\"\n"
	    "owner,\n"
	    "score,4.375\n"
	    "level,high\n");
	sbuf_reset(&sb);
	assert_false(detail_render(d, FMT_JSON, &sb));
	sbuf_release(&sb);
	detail_free(d);

	/* Empty detail and NULL frees. */
	d = detail_new();
	assert_true(detail_render(d, FMT_TEXT, &sb));
	assert_string_equal(sb.buf, "");
	sbuf_release(&sb);
	detail_free(d);
	detail_free(NULL);
	table_free(NULL);
}

static void test_utf8_decode(void **state)
{
	static const struct {
		const char *s;
		size_t len;
		unsigned long cp;
	} cases[] = {
		{ "A", 1, 'A' },
		{ "\xC3\xA9", 2, 0xE9 },
		{ "\xE2\x80\xA6", 3, 0x2026 },
		{ "\xF0\x9F\x98\x80", 4, 0x1F600 },
		{ "\xC0\xAF", 0, 0 },           /* overlong */
		{ "\xED\xA0\x80", 0, 0 },       /* surrogate */
		{ "\xF4\x90\x80\x80", 0, 0 },   /* > U+10FFFF */
		{ "\x80", 0, 0 },
		{ "\xE2\x80", 0, 0 },           /* truncated */
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		unsigned long cp = 0;
		size_t n = out_utf8_decode(cases[i].s, strlen(cases[i].s), &cp);
		assert_int_equal(n, cases[i].len);
		if (n)
			assert_int_equal(cp, cases[i].cp);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt_num),
		cmocka_unit_test(test_fmt_num_round_trip),
		cmocka_unit_test(test_fmt_int),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_table_text),
		cmocka_unit_test(test_table_text_edges),
		cmocka_unit_test(test_table_csv),
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_csv_unneutralise),
		cmocka_unit_test(test_table_md),
		cmocka_unit_test(test_table_html),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_detail),
		cmocka_unit_test(test_utf8_decode),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
