/*
 * Tests for the small shared modules: util.c (sbuf, arenas, id ordering,
 * edit distance, UTF-8), date.c, idmap.c, diag.c and error.c.
 *
 * These sit under every command, so they are tested by tables of cases a
 * person can read and by exhaustive sweeps where the domain is small
 * enough (every day from 1900 to 2100).
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/date.h"
#include "isms/diag.h"
#include "isms/error.h"
#include "isms/idmap.h"
#include "isms/util.h"

static void test_sbuf(void **state)
{
	struct sbuf sb = SBUF_INIT;

	/* Never NULL, always terminated, even before the first add. */
	assert_non_null(sb.buf);
	assert_string_equal(sb.buf, "");
	sbuf_reset(&sb);
	assert_string_equal(sb.buf, "");
	sbuf_adds(&sb, "ab");
	sbuf_addch(&sb, 'c');
	sbuf_addf(&sb, "-%d-%s", 42, "x");
	sbuf_add(&sb, "yz", 1);
	sbuf_add(&sb, NULL, 0);
	sbuf_addrepeat(&sb, '.', 3);
	assert_string_equal(sb.buf, "abc-42-xy...");
	assert_int_equal(sb.len, 12);
	sbuf_addf(&sb, "%s", "");
	assert_int_equal(sb.len, 12);

	/* Growth across many reallocations keeps the content. */
	for (int i = 0; i < 10000; i++)
		sbuf_addch(&sb, (char)('a' + i % 26));
	assert_int_equal(sb.len, 10012);
	assert_int_equal(strlen(sb.buf), 10012);
	assert_int_equal(sb.buf[12], 'a');
	assert_int_equal(sb.buf[10011], 'a' + 9999 % 26);

	sbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	sbuf_adds(&sb, "again");
	size_t len = 0;
	char *s = sbuf_detach(&sb, &len);
	assert_string_equal(s, "again");
	assert_int_equal(len, 5);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	free(s);

	/* Detaching an empty buffer still hands out a string to free. */
	s = sbuf_detach(&sb, NULL);
	assert_string_equal(s, "");
	free(s);
	sbuf_release(&sb);
	sbuf_release(&sb);
	assert_string_equal(sb.buf, "");

	/* Embedded NULs are kept by sbuf_add. */
	sbuf_add(&sb, "a\0b", 3);
	assert_int_equal(sb.len, 3);
	assert_memory_equal(sb.buf, "a\0b", 4);
	sbuf_release(&sb);

	char *f = xasprintf("%s=%05.1f", "pi", 3.14159);
	assert_string_equal(f, "pi=003.1");
	free(f);
	f = xstrndup("abcdef", 3);
	assert_string_equal(f, "abc");
	free(f);
}

static void test_arena(void **state)
{
	struct arena a = { 0 };
	/* Many small and a few large allocations, all zeroed and aligned. */
	for (int i = 0; i < 5000; i++) {
		size_t n = (size_t)(i % 97) + 1;
		unsigned char *p = arena_alloc(&a, n);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		for (size_t k = 0; k < n; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xAB, n);
	}
	char *big = arena_alloc(&a, (size_t)20 << 20);
	big[((size_t)20 << 20) - 1] = 'x';
	char *s = arena_strndup(&a, "hello world", 5);
	assert_string_equal(s, "hello");
	assert_string_equal(arena_strdup(&a, "x"), "x");
	arena_free(&a);
	assert_null(a.head);
	arena_free(&a);
}

static void test_str_helpers(void **state)
{
	assert_true(str_eq("a", "a"));
	assert_false(str_eq("a", "b"));
	assert_false(str_eq(NULL, "a"));
	assert_false(str_eq(NULL, NULL));
	assert_int_equal(str_cmp_null(NULL, NULL), 0);
	assert_true(str_cmp_null(NULL, "a") < 0);
	assert_true(str_cmp_null("a", NULL) > 0);
	assert_true(str_cmp_null("a", "b") < 0);
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("abc"), 3);
	/* ä and € take one column, an emoji two. */
	assert_int_equal(utf8_width("\xC3\xA4\xE2\x82\xAC\xF0\x9F\x98\x80"), 4);
	/* CJK ideographs take two columns each; a combining accent none. */
	assert_int_equal(utf8_width("\xE6\xBC\xA2\xE5\xAD\x97"), 4);
	assert_int_equal(utf8_width("e\xCC\x81"), 1);
	/* A broken sequence counts as one replacement character. */
	assert_int_equal(utf8_width("a\xE6\xBC"), 2);
}

/* Each row: a < b, so b > a and each equals itself. */
static const char *array_id_at(const void *ctx, size_t i)
{
	return ((const char *const *)ctx)[i];
}

static void test_id_insert_index(void **state)
{
	(void)state;
	const char *sorted[] = { "R-1", "R-2", "R-10" };
	const char *holes[] = { "R-1", NULL, "R-9", NULL };
	const char *unsorted[] = { "R-5", "R-1", "R-7" };
	assert_int_equal(id_insert_index(3, array_id_at, sorted, "R-11"), 3);
	assert_int_equal(id_insert_index(3, array_id_at, sorted, "R-3"), 2);
	assert_int_equal(id_insert_index(3, array_id_at, sorted, "R-0"), 0);
	/* Records without an id are passed over, not stopped at. */
	assert_int_equal(id_insert_index(4, array_id_at, holes, "R-5"), 2);
	assert_int_equal(id_insert_index(4, array_id_at, holes, "R-10"), 4);
	/* Only the trailing run counts: R-6 goes before R-7, after R-1. */
	assert_int_equal(id_insert_index(3, array_id_at, unsorted, "R-6"), 2);
	assert_int_equal(id_insert_index(0, array_id_at, NULL, "R-1"), 0);
}

static void test_id_cmp(void **state)
{
	static const char *const lt[][2] = {
		{ "R-2", "R-10" },
		{ "R-9", "R-10" },
		{ "R-10", "R-11" },
		{ "5.9", "5.10" },
		{ "5.10", "5.11" },
		{ "5.1", "5.9" },
		{ "5.1", "5.10" },
		{ "5.37", "6.1" },
		{ "A.5.9", "A.5.10" },
		{ "A-001", "A-01a" },
		{ "A-1", "A-1a" },
		{ "A-1", "A-2" },
		{ "A-009", "A-010" },
		{ "A-", "A-1" },
		{ "A", "B" },
		{ "A-999", "AU-001" },
		{ "AU-1", "B-1" },
		{ "R-2", "R-2-1" },
		{ "", "A" },
		{ "a9", "a10" },
		{ "x99999999999999999999", "x100000000000000000000" },
		{ "1", "a" },
		{ "Z", "a" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(lt); i++) {
		if (id_cmp(lt[i][0], lt[i][1]) >= 0 ||
		    id_cmp(lt[i][1], lt[i][0]) <= 0) {
			print_error("expected %s < %s\n", lt[i][0], lt[i][1]);
			fail();
		}
		assert_int_equal(id_cmp(lt[i][0], lt[i][0]), 0);
		assert_int_equal(id_cmp(lt[i][1], lt[i][1]), 0);
	}
	/* Leading zeros do not change the number; they tie. */
	assert_int_equal(id_cmp("A-001", "A-1"), 0);
	assert_int_equal(id_cmp("5.010", "5.10"), 0);
	assert_int_equal(id_cmp("A-0", "A-000"), 0);
}

/* Sorting with id_cmp gives a total order consistent with the table. */
static int cmp_ids(const void *a, const void *b)
{
	return id_cmp(*(const char *const *)a, *(const char *const *)b);
}

static void test_id_sort(void **state)
{
	const char *ids[] = { "R-10", "5.10", "R-2", "5.9", "R-1", "5.11",
		"A-010", "A-9", "5.1" };
	static const char *const want[] = { "5.1", "5.9", "5.10", "5.11",
		"A-9", "A-010", "R-1", "R-2", "R-10" };
	qsort(ids, ARRAY_SIZE(ids), sizeof(ids[0]), cmp_ids);
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++)
		assert_string_equal(ids[i], want[i]);
}

static void test_edit_distance(void **state)
{
	static const struct {
		const char *a, *b;
		size_t limit, want;
	} cases[] = {
		{ "", "", 2, 0 },
		{ "name", "name", 2, 0 },
		{ "nmae", "name", 2, 2 },
		{ "nam", "name", 2, 1 },
		{ "names", "name", 2, 1 },
		{ "owner", "owenr", 2, 2 },
		{ "kitten", "sitting", 3, 3 },
		{ "kitten", "sitting", 2, 3 },
		{ "classification", "clasification", 2, 1 },
		{ "description", "x", 2, 3 },
		{ "", "abc", 5, 3 },
		{ "abc", "", 5, 3 },
		{ "depends-on", "depends_on", 2, 1 },
		{ "a", "b", 0, 1 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t d = edit_distance(cases[i].a, cases[i].b, cases[i].limit);
		if (d != cases[i].want) {
			print_error("edit_distance(%s, %s, %zu) = %zu, want %zu\n",
			    cases[i].a, cases[i].b, cases[i].limit, d,
			    cases[i].want);
			fail();
		}
	}
	/* Long strings are not compared at all. */
	char long_s[80];
	memset(long_s, 'a', sizeof(long_s) - 1);
	long_s[79] = '\0';
	assert_int_equal(edit_distance(long_s, long_s, 2), 3);
}

static void test_utf8_valid(void **state)
{
	static const struct {
		const char *s;
		bool ok;
	} cases[] = {
		{ "", true },
		{ "plain ascii", true },
		{ "\xC3\xA4", true },                 /* ä */
		{ "\xE2\x82\xAC", true },             /* € */
		{ "\xF0\x9F\x98\x80", true },         /* 😀 */
		{ "\xF4\x8F\xBF\xBF", true },         /* U+10FFFF */
		{ "\xEF\xBB\xBF", true },             /* U+FEFF */
		{ "\xED\x9F\xBF", true },             /* U+D7FF */
		{ "\xEE\x80\x80", true },             /* U+E000 */
		{ "\xFF", false },
		{ "\xFE", false },
		{ "\x80", false },                    /* lone continuation */
		{ "\xC3", false },                    /* truncated */
		{ "\xE2\x82", false },
		{ "\xF0\x9F\x98", false },
		{ "\xC3\x28", false },                /* bad continuation */
		{ "\xC0\xAF", false },                /* overlong / */
		{ "\xC1\xBF", false },
		{ "\xE0\x80\xAF", false },            /* overlong */
		{ "\xF0\x80\x80\xAF", false },        /* overlong */
		{ "\xED\xA0\x80", false },            /* surrogate D800 */
		{ "\xED\xBF\xBF", false },            /* surrogate DFFF */
		{ "\xF4\x90\x80\x80", false },        /* above U+10FFFF */
		{ "\xF8\x88\x80\x80\x80", false },    /* 5-byte form */
		{ "ok\xC3\xA4then\xFF", false },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		assert_int_equal(utf8_valid(cases[i].s, strlen(cases[i].s)),
		    cases[i].ok);
	/* The length bounds the check: a NUL is a valid character. */
	assert_true(utf8_valid("a\0b", 3));
	assert_true(utf8_valid("\xC3\xA4\xFF", 2));
	assert_false(utf8_valid("\xC3\xA4\xFF", 3));
}

static void test_date_round_trip(void **state)
{
	long first = date_from_ymd(1900, 1, 1), last = date_from_ymd(2100, 12, 31);
	long prev = first - 1;
	char buf[11], text[16];
	int count = 0;

	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	for (int y = 1900; y <= 2100; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= 31; d++) {
				long days;
				snprintf(text, sizeof(text), "%04d-%02d-%02d", y, m,
				    d);
				if (!date_parse(text, &days))
					continue;
				count++;
				/* Consecutive valid dates are consecutive days. */
				assert_int_equal(days, prev + 1);
				prev = days;
				date_format(days, buf);
				assert_string_equal(buf, text);
				int yy, mm, dd;
				date_to_ymd(days, &yy, &mm, &dd);
				assert_int_equal(yy, y);
				assert_int_equal(mm, m);
				assert_int_equal(dd, d);
			}
		}
	}
	assert_int_equal(prev, last);
	/* 201 years, 49 of them leap (1900 and 2100 are not). */
	assert_int_equal(count, 201 * 365 + 49);
}

static void test_date_invalid(void **state)
{
	static const char *const bad[] = {
		"2026-02-29", "2100-02-29", "1900-02-29", "2026-04-31",
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
		"1899-12-31", "26-01-01", "2026-1-01", "2026-01-1",
		"2026/01/01", "2026-01-01T00:00", "2026-01-01 ", " 2026-01-01",
		"", "2026-01", "20260101", "2026-01-0a", "+026-01-01",
		"2026--1-01", "abcd-ef-gh",
	};
	long days = 12345;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (date_parse(bad[i], &days)) {
			print_error("accepted '%s'\n", bad[i]);
			fail();
		}
	}
	assert_false(date_parse(NULL, &days));
	assert_int_equal(days, 12345);
	assert_true(date_parse("2028-02-29", &days));
	assert_true(date_parse("2000-02-29", &days));
	assert_true(date_parse("9999-12-31", &days));
	char buf[11];
	date_format(date_from_ymd(10000, 1, 1), buf);
	assert_string_equal(buf, "?");
}

static void test_date_add_months(void **state)
{
	static const struct {
		const char *from;
		int months;
		const char *want;
	} cases[] = {
		{ "2026-01-31", 1, "2026-02-28" },
		{ "2028-01-31", 1, "2028-02-29" },
		{ "2026-01-15", 1, "2026-02-15" },
		{ "2026-03-31", 1, "2026-04-30" },
		{ "2026-03-31", -1, "2026-02-28" },
		{ "2026-12-31", 2, "2027-02-28" },
		{ "2026-11-22", 12, "2027-11-22" },
		{ "2028-02-29", 12, "2029-02-28" },
		{ "2028-02-29", 48, "2032-02-29" },
		{ "2026-01-01", -1, "2025-12-01" },
		{ "2026-01-01", -13, "2024-12-01" },
		{ "2026-05-31", 0, "2026-05-31" },
		{ "2026-08-31", 6, "2027-02-28" },
		{ "1999-12-31", 2, "2000-02-29" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		long d;
		char buf[11];
		assert_true(date_parse(cases[i].from, &d));
		date_format(date_add_months(d, cases[i].months), buf);
		if (strcmp(buf, cases[i].want) != 0) {
			print_error("%s %+d months = %s, want %s\n",
			    cases[i].from, cases[i].months, buf, cases[i].want);
			fail();
		}
	}
	long t = date_today();
	assert_true(t > date_from_ymd(2020, 1, 1));
}

static void test_idmap(void **state)
{
	enum { N = 100000 };
	struct idmap m = { 0 };
	char **keys = xcalloc(N, sizeof(*keys));
	int *vals = xcalloc(N, sizeof(*vals));

	assert_null(idmap_get(&m, "A-1"));
	assert_null(idmap_get(&m, NULL));
	for (int i = 0; i < N; i++) {
		keys[i] = xasprintf("A-%d", i);
		vals[i] = i;
		assert_null(idmap_put(&m, keys[i], &vals[i]));
	}
	assert_int_equal(m.n, N);
	/* Kept at most half full. */
	assert_true(m.cap >= 2 * m.n);
	for (int i = 0; i < N; i++) {
		int *v = idmap_get(&m, keys[i]);
		assert_non_null(v);
		assert_int_equal(*v, i);
	}
	/* Lookups by equal text, not by pointer; misses miss. */
	char probe[32];
	for (int i = 0; i < N; i += 997) {
		snprintf(probe, sizeof(probe), "A-%d", i);
		assert_int_equal(*(int *)idmap_get(&m, probe), i);
		snprintf(probe, sizeof(probe), "A-%d", N + i);
		assert_null(idmap_get(&m, probe));
		snprintf(probe, sizeof(probe), "A-%05d", i);
		if (i >= 10000)
			continue;
		assert_null(idmap_get(&m, probe));
	}
	assert_null(idmap_get(&m, ""));
	/* A second put keeps the first value and reports it. */
	int other = -1;
	assert_ptr_equal(idmap_put(&m, "A-42", &other), &vals[42]);
	assert_int_equal(*(int *)idmap_get(&m, "A-42"), 42);
	assert_int_equal(m.n, N);
	idmap_release(&m);
	assert_int_equal(m.n, 0);
	assert_null(idmap_get(&m, "A-1"));
	idmap_release(&m);
	for (int i = 0; i < N; i++)
		free(keys[i]);
	free(keys);
	free(vals);
}

static void test_diags(void **state)
{
	struct diags d = DIAGS_INIT;
	struct ynode at = { .line = 3, .col = 7 };

	diag_add(&d, SEV_WARNING, "b-rule", "risks.yaml", &at, "w %d", 1);
	diag_add(&d, SEV_ERROR, "a-rule", "risks.yaml", &at, "e");
	diag_add(&d, SEV_ERROR, "z-rule", "assets.yaml", NULL, "top");
	diag_fatal(&d, "unknown-key", "risks.yaml", &(struct ynode){ .line = 3,
	    .col = 2 }, "fatal %s", "x");
	diag_add(&d, SEV_ERROR, "a-rule", "risks.yaml", &(struct ynode){
	    .line = 10, .col = 1 }, "ten");
	diag_add(&d, SEV_ERROR, "a-rule", "risks.yaml", &(struct ynode){
	    .line = 2, .col = 9 }, "two");
	diag_add(&d, SEV_ERROR, "a-rule", "risks.yaml", &at, "d");
	struct isms_error *e = err_at(EXIT_DATA, "isms.yaml", 0, 0, "syntax");
	diag_add_error(&d, "yaml-syntax", e);
	err_free(e);

	assert_int_equal(diags_count(&d, SEV_ERROR), 7);
	assert_int_equal(diags_count(&d, SEV_WARNING), 1);
	/* The first fatal problem in sorted order, before sorting too. */
	const struct diag *f = diags_first_fatal(&d);
	assert_string_equal(f->file, "isms.yaml");
	assert_int_equal(f->line, 1);
	assert_int_equal(f->col, 1);

	diags_sort(&d);
	static const struct {
		const char *file;
		unsigned line, col;
		const char *rule, *msg;
		bool fatal;
	} want[] = {
		{ "assets.yaml", 1, 1, "z-rule", "top", false },
		{ "isms.yaml", 1, 1, "yaml-syntax", "syntax", true },
		{ "risks.yaml", 2, 9, "a-rule", "two", false },
		{ "risks.yaml", 3, 2, "unknown-key", "fatal x", true },
		{ "risks.yaml", 3, 7, "a-rule", "d", false },
		{ "risks.yaml", 3, 7, "a-rule", "e", false },
		{ "risks.yaml", 3, 7, "b-rule", "w 1", false },
		{ "risks.yaml", 10, 1, "a-rule", "ten", false },
	};
	assert_int_equal(d.n, ARRAY_SIZE(want));
	for (size_t i = 0; i < d.n; i++) {
		assert_string_equal(d.v[i].file, want[i].file);
		assert_int_equal(d.v[i].line, want[i].line);
		assert_int_equal(d.v[i].col, want[i].col);
		assert_string_equal(d.v[i].rule, want[i].rule);
		assert_string_equal(d.v[i].msg, want[i].msg);
		assert_int_equal(d.v[i].fatal, want[i].fatal);
	}
	assert_string_equal(severity_name(d.v[6].sev), "warning");
	assert_string_equal(severity_name(d.v[0].sev), "error");
	diags_release(&d);
	assert_int_equal(d.n, 0);
	assert_null(diags_first_fatal(&d));
	diags_release(&d);
}

static void test_errors(void **state)
{
	struct isms_error *e = err_at(EXIT_DATA, "a.yaml", 4, 2, "bad %s", "x");
	char *s = err_format(e);
	assert_string_equal(s, "a.yaml:4:2: bad x");
	free(s);
	e->row = 7;
	s = err_format(e);
	assert_string_equal(s, "a.yaml:7: bad x");
	free(s);
	err_free(e);
	e = err_at(EXIT_IO, "b.yaml", 0, 0, "gone");
	s = err_format(e);
	assert_string_equal(s, "b.yaml: gone");
	free(s);
	err_free(e);
	e = err_new(EXIT_USAGE, "plain %d", 2);
	assert_int_equal(e->code, EXIT_USAGE);
	assert_null(e->file);
	s = err_format(e);
	assert_string_equal(s, "plain 2");
	free(s);
	err_free(e);
	err_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sbuf),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_str_helpers),
		cmocka_unit_test(test_id_cmp),
		cmocka_unit_test(test_id_insert_index),
		cmocka_unit_test(test_id_sort),
		cmocka_unit_test(test_edit_distance),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_date_round_trip),
		cmocka_unit_test(test_date_invalid),
		cmocka_unit_test(test_date_add_months),
		cmocka_unit_test(test_idmap),
		cmocka_unit_test(test_diags),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
