/*
 * Tests for report.c: sections, escaping of every kind of user string in
 * both formats, the heat map cells and their counts, determinism, the
 * PDCA section (report_pdca.c) and the management review pack, on the
 * fixture project (fixture.h).  The CLI tests parse the whole HTML and
 * compare Markdown byte for byte.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "isms/report.h"

static struct project *proj;

static int setup(void **state)
{
	proj = fixture_load();
	return proj ? 0 : -1;
}

static int teardown(void **state)
{
	project_free(proj);
	return 0;
}

static char *build(enum out_format fmt, unsigned sections, bool review)
{
	struct report_opts o = { fmt, sections, review };
	struct sbuf out = SBUF_INIT;
	report_build(proj, &o, &out);
	return sbuf_detach(&out, NULL);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *s = hay; (s = strstr(s, needle)); s += strlen(needle))
		n++;
	return n;
}

static void test_section_names(void **state)
{
	static const char *const names[] = { "cover", "summary", "heatmap",
		"risks", "treatments", "soa", "audit", "pdca", "problems" };
	for (int s = 0; s < REPORT_NSECTIONS; s++) {
		assert_string_equal(report_section_name(s), names[s]);
		assert_int_equal(report_section_lookup(names[s]), s);
	}
	assert_int_equal(report_section_lookup("Cover"), -1);
	assert_int_equal(report_section_lookup("soa "), -1);
	assert_int_equal(report_section_lookup(""), -1);
}

static void test_html_sections(void **state)
{
	char *h = build(FMT_HTML, REPORT_ALL, false);
	static const char *const ids[] = { "id=\"cover\"", "id=\"summary\"",
		"id=\"heatmap\"", "id=\"risks\"", "id=\"treatments\"",
		"id=\"soa\"", "id=\"audit\"", "id=\"pdca\"",
		"id=\"problems\"" };
	assert_true(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0);
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++)
		assert_int_equal(count(h, ids[i]), 1);
	assert_non_null(strstr(h, "</html>\n"));
	/* Nothing is fetched from anywhere. */
	assert_null(strstr(h, "http"));
	assert_null(strstr(h, "src=\""));
	assert_null(strstr(h, "href=\"h"));
	assert_null(strstr(h, "@import"));
	assert_null(strstr(h, "url("));
	free(h);

	h = build(FMT_HTML, 1u << REPORT_SOA, false);
	assert_non_null(strstr(h, "id=\"soa\""));
	assert_null(strstr(h, "id=\"risks\""));
	assert_null(strstr(h, "id=\"cover\""));
	assert_non_null(strstr(h, "<h1>Statement of applicability</h1>"));
	assert_non_null(strstr(h, "id=\"soa-themes\""));
	free(h);
}

/* Every hostile string of the fixture appears escaped, never raw. */
static void test_html_escaping(void **state)
{
	char *h = build(FMT_HTML, REPORT_ALL, false);
	static const char *const raw[] = { "<script>alert", "<img", "<b>",
		"<i>", "<u>", "<a>", "<one>", "<x>", "<here>", "<1>", "<s>",
		"'org'", "& Co", "<o>", "<t>", "<d>", "<w>", "<n>", "<q>",
		"<l>", "<m>", "<k>", "<c>", "<r>" };
	static const char *const esc[] = {
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"&lt;img src=x onerror=alert(2)&gt;",
		"Acme &lt;script&gt;alert(&#39;org&#39;)&lt;/script&gt; &amp; Co",
		"Scope &lt;b&gt;bold&lt;/b&gt; | piped",
		"Owner &quot;q&quot; &#39;a&#39;",
		"Act &lt;one&gt;", "R &lt;x&gt;", "Not &lt;here&gt;",
		"Audit &lt;1&gt;", "Statement &lt;s&gt;",
		/* The PDCA section's tables. */
		"Objective &lt;o&gt;", "Own &lt;o&gt;", "Target &lt;t&gt;",
		"Doc &lt;d&gt;", "Doc owner &lt;w&gt;", "Incident &lt;n&gt;",
		"Inc owner &lt;q&gt;", "Lesson &lt;l&gt;", "Metric &lt;m&gt;",
		"Met owner &lt;k&gt;", "93 % &lt;u&gt; on 2026-10-01",
		"at least 95 % &lt;u&gt;", "Chair &lt;c&gt;",
		"Review act &lt;r&gt;",
	};
	for (size_t i = 0; i < ARRAY_SIZE(raw); i++)
		if (strstr(h, raw[i]))
			fail_msg("raw '%s' in the HTML", raw[i]);
	for (size_t i = 0; i < ARRAY_SIZE(esc); i++)
		if (!strstr(h, esc[i]))
			fail_msg("escaped '%s' missing", esc[i]);
	/* The only script element is the page's own. */
	assert_int_equal(count(h, "<script"), 1);
	free(h);

	h = build(FMT_HTML, 0, true);
	assert_non_null(strstr(h, "Issue &lt;i&gt;x&lt;/i&gt;"));
	assert_non_null(strstr(h, "Party &amp; &lt;u&gt;"));
	assert_non_null(strstr(h, "Req &lt;a&gt;"));
	assert_non_null(strstr(h, "Review act &lt;r&gt;"));
	assert_non_null(strstr(h, "Metric &lt;m&gt;"));
	assert_non_null(strstr(h, "Objective &lt;o&gt;"));
	assert_non_null(strstr(h, "Lesson &lt;l&gt;"));
	for (size_t i = 0; i < ARRAY_SIZE(raw); i++)
		if (strstr(h, raw[i]))
			fail_msg("raw '%s' in the review pack", raw[i]);
	free(h);
}

static void test_md_escaping(void **state)
{
	char *m = build(FMT_MD, REPORT_ALL, false);
	assert_non_null(strstr(m, "# Acme \\<script\\>alert('org')\\</script\\> "
	    "\\& Co: ISMS report\n"));
	assert_non_null(strstr(m, "Scope \\<b\\>bold\\</b\\> \\| piped\n"));
	assert_non_null(strstr(m, "| \\<script>alert(1)\\</script> |"));
	assert_non_null(strstr(m, "Low risk \\| pipe"));
	/* The PDCA tables escape their cells too. */
	assert_non_null(strstr(m, "| OBJ-001 | Objective \\<o> | Own \\<o> | "
	    "Target \\<t> |"));
	assert_non_null(strstr(m, "| INC-001 | Incident \\<n> |"));
	assert_non_null(strstr(m, "| MR-001 | Review act \\<r> |"));
	/* Every '<' of user text is backslash-escaped. */
	for (const char *s = m; (s = strstr(s, "<script")); s++)
		assert_true(s > m && s[-1] == '\\');
	for (const char *s = m; (s = strchr(s, '<')); s++)
		if (s == m || s[-1] != '\\')
			fail_msg("unescaped '<' in the Markdown: %.20s", s);
	free(m);
}

/* The fixture's heat maps: 25 cells each; R-001 inherent at likely x
 * severe, R-002 at unlikely x minor; residual R-001 at unlikely x major. */
static void test_heatmap(void **state)
{
	char *h = build(FMT_HTML, 1u << REPORT_HEATMAP, false);
	assert_int_equal(count(h, "<g class=\"cell\""), 50);
	assert_non_null(strstr(h, "<g class=\"cell\" data-row=\"likely\" "
	    "data-col=\"severe\" data-level=\"critical\" data-count=\"1\">"));
	assert_non_null(strstr(h, "<g class=\"cell\" data-row=\"unlikely\" "
	    "data-col=\"minor\" data-level=\"low\" data-count=\"1\">"));
	assert_int_equal(count(h, "data-count=\"1\""), 4);
	assert_non_null(strstr(h, "(R-001)</title>"));
	free(h);

	char *m = build(FMT_MD, 1u << REPORT_HEATMAP, false);
	assert_non_null(strstr(m, "| likely               | low        | medium"
	    "    | high     | high     | **1** critical |\n"));
	free(m);
}

static void test_overdue_marked(void **state)
{
	char *h = build(FMT_HTML, 1u << REPORT_TREATMENTS, false);
	/* T-001 is overdue, and so is its first action. */
	assert_non_null(strstr(h, "<tr class=\"overdue\"><td>T-001</td>"));
	assert_non_null(strstr(h, "2026-10-01 (overdue)"));
	assert_int_equal(count(h, "<tr class=\"overdue\">"), 2);
	/* ROSI = (500 - 100 - (100 + 300 / 3)) / 200 */
	assert_non_null(strstr(h, "<td style=\"text-align:right\">100%</td>"));
	free(h);
}

/* The PDCA section: each judgement as pdca.h makes it, marked. */
static void test_pdca_section(void **state)
{
	char *h = build(FMT_HTML, 1u << REPORT_PDCA, false);
	static const char *const want[] = {
		"measurement and reviews</h1>",
		"<tr class=\"overdue\"><td>OBJ-001</td>",
		"<td>2026-11-01 (overdue)</td><td>in-progress</td>",
		"<tr><td>OBJ-002</td>",
		/* Only the documents that need attention. */
		"<tr class=\"overdue\"><td>DOC-001</td>",
		"<td>2026-10-01 (overdue)</td><td>unapproved, past review</td>",
		/* A breach within its window; a closed incident's lessons. */
		"<td>yes</td><td>pending (deadline 2026-11-24)</td><td></td>",
		"<td>Lesson &lt;l&gt;</td>",
		"<td>below target</td><td>better</td><td>2026-11-01 (stale)</td>",
		"The next is due by 2027-05-01.",
		"<td>1 of 2 open, 1 overdue</td>",
		"<td>2026-10-01 (overdue)</td><td>overdue</td>",
	};
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		if (!strstr(h, want[i]))
			fail_msg("missing '%s'", want[i]);
	assert_null(strstr(h, "DOC-002"));
	assert_null(strstr(h, "Done act"));  /* open actions only */
	assert_null(strstr(h, "<tr class=\"overdue\"><td>INC-001</td>"));
	/* OBJ-001, DOC-001, M-001, MR-001 and its overdue action. */
	assert_int_equal(count(h, "<tr class=\"overdue\">"), 5);
	free(h);

	/* The summary cards carry the PDCA figures. */
	h = build(FMT_MD, 1u << REPORT_SUMMARY, false);
	assert_non_null(strstr(h, "- **Objectives:** 2 (1 overdue, 0 achieved)\n"));
	assert_non_null(strstr(h, "- **Open incidents:** 1 (0 overdue; 1 "
	    "personal data breaches, 0 notified late)\n"));
	assert_non_null(strstr(h, "- **Metrics on target:** 0 of 1 (1 below "
	    "target, 1 stale)\n"));
	assert_non_null(strstr(h, "- **Management reviews held:** 1 (last "
	    "2026-05-01, next due 2027-05-01; actions 1 open, 1 overdue)\n"));
	free(h);
	h = build(FMT_HTML, 1u << REPORT_SUMMARY, false);
	assert_non_null(strstr(h, "<div class=\"card alert\"><span class=\"k\">"
	    "Objectives</span>"));
	assert_non_null(strstr(h, "<div class=\"card\"><span class=\"k\">Open "
	    "incidents</span>"));
	free(h);
}

static void test_deterministic(void **state)
{
	for (int f = 0; f < 2; f++) {
		enum out_format fmt = f ? FMT_MD : FMT_HTML;
		char *a = build(fmt, REPORT_ALL, false);
		char *b = build(fmt, REPORT_ALL, false);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

static void test_review(void **state)
{
	static const char *const heads[] = {
		"## Summary for the board\n",
		"## a) Status of actions from previous management reviews\n",
		"## b) Changes in external and internal issues\n",
		"## c) Changes in the needs and expectations of interested "
		    "parties\n",
		"## d) Information security performance\n",
		"## e) Feedback from interested parties\n",
		"## f) Results of risk assessment and status of risk treatment "
		    "plan\n",
		"## g) Opportunities for continual improvement\n",
	};
	char *m = build(FMT_MD, 0, true);
	const char *at = m;
	for (size_t i = 0; i < ARRAY_SIZE(heads); i++) {
		const char *h = strstr(at, heads[i]);
		if (!h)
			fail_msg("heading %zu missing or out of order", i);
		at = h;
	}
	/* a) lists every action of earlier reviews, overdue marked. */
	const char *a = strstr(m, "## a)"), *b = strstr(m, "## b)");
	const char *x = strstr(a, "| MR-001 | Review act \\<r> | Board | "
	    "2026-10-01 (overdue) | overdue |");
	const char *y = strstr(a, "| MR-001 | Done act        | Board | "
	    "2026-06-01           | done    |");
	assert_true(x && y && x < b && y < b);
	assert_null(strstr(m, "no register of management reviews"));
	assert_null(strstr(m, "no register of information security objectives"));
	/* d): the trends of the last four quarters (F-002 raised in Q1,
	 * INC-002 in Q3; INC-001, a serious personal data breach, and
	 * F-001, a minor nonconformity, in Q4), then the metrics, the
	 * objectives and the incidents. */
	const char *dd = strstr(m, "## d)");
	static const char *const rows[] = {
		"| 2026-Q1 |         0 |                        0 |"
		    "                      0 |              1 |"
		    "                              0 |\n",
		"| 2026-Q2 |         0 |",
		"| 2026-Q3 |         1 |                        0 |"
		    "                      0 |              0 |",
		"| 2026-Q4 |         1 |                        1 |"
		    "                      1 |              1 |"
		    "                              1 |\n",
		"| M-001 | Metric \\<m> |",
		"| OBJ-001 | Objective \\<o> |",
		"| INC-001 | Incident \\<n> |",
		"## e)",
	};
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		const char *r = strstr(dd, rows[i]);
		if (!r)
			fail_msg("d): '%s' missing or out of order", rows[i]);
		dd = r;
	}
	/* g) lists the opportunity, not the nonconformities. */
	const char *g = strstr(m, "## g)");
	assert_non_null(strstr(g, "| F-002 |"));
	assert_null(strstr(g, "| F-001 |"));
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_section_names),
		cmocka_unit_test(test_html_sections),
		cmocka_unit_test(test_html_escaping),
		cmocka_unit_test(test_md_escaping),
		cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_overdue_marked),
		cmocka_unit_test(test_pdca_section),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_review),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
