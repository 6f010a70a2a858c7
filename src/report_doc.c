/*
 * The report's document writer (see report_int.h): one call per block,
 * written as XHTML-style HTML or as GitHub-flavoured Markdown.
 *
 * The HTML page carries its own style sheet (screen and print) and a
 * short optional script that sorts a table when its header is clicked;
 * every table is complete without it.  Neither contains '<' or '&', so the
 * page parses as XML as well as HTML, and nothing is loaded from anywhere.
 */
#include "report_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/date.h"

static const char style_sheet[] =
":root{--ink:#1d2433;--muted:#5b6476;--line:#d8dde6;--accent:#1f4e8c}\n"
"*{box-sizing:border-box}\n"
"body{margin:0;font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
"\"Helvetica Neue\",Arial,sans-serif;color:var(--ink);background:#eef1f5}\n"
"main{max-width:1180px;margin:0 auto;padding:24px 32px;background:#fff}\n"
"h1{font-size:30px;margin:0 0 4px}\n"
"h2{font-size:21px;margin:34px 0 10px;padding-bottom:4px;"
"border-bottom:2px solid var(--accent);color:var(--accent)}\n"
"h3{font-size:16px;margin:22px 0 8px}\n"
"h4{font-size:14px;margin:16px 0 6px}\n"
".cover{padding:28px 0 8px}\n"
".cover h2{border:0;color:var(--ink);font-size:17px;margin:22px 0 6px}\n"
".kicker{text-transform:uppercase;letter-spacing:.08em;color:var(--muted);"
"font-size:12px;margin:0}\n"
".doc-title{font-size:20px;margin:0;color:var(--accent)}\n"
".date{color:var(--muted);margin:4px 0 12px}\n"
".statement{font-size:15px;max-width:80ch}\n"
"dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;"
"margin:8px 0}\n"
"dl.kv dt{font-weight:600;color:var(--muted)}\n"
"dl.kv dd{margin:0}\n"
"nav.toc h2{font-size:15px;margin:12px 0 4px;border:0;color:var(--ink)}\n"
"nav.toc ol{display:flex;flex-wrap:wrap;gap:4px 22px;margin:0;padding-left:18px}\n"
"nav.toc a{color:var(--accent)}\n"
".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(175px,1fr));"
"gap:10px;margin:10px 0 16px}\n"
".card{border:1px solid var(--line);border-radius:6px;padding:10px 12px}\n"
".card .k{color:var(--muted);font-size:12px;display:block}\n"
".card .v{font-size:24px;font-weight:700;display:block}\n"
".card .n{font-size:12px;display:block}\n"
".card.alert{border-color:#c62828}\n"
".card.alert .v{color:#c62828}\n"
"div.tbl{overflow-x:auto;margin:8px 0 16px}\n"
"table{border-collapse:collapse;min-width:60%;font-size:12.5px}\n"
"th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;"
"vertical-align:top}\n"
"thead th{background:#e8edf4;cursor:pointer;white-space:nowrap}\n"
"thead th[aria-sort=ascending]::after{content:\" \\25B2\"}\n"
"thead th[aria-sort=descending]::after{content:\" \\25BC\"}\n"
"tbody tr:nth-child(even){background:#f8f9fb}\n"
"tr.overdue td{background:#fdecea}\n"
"tr.overdue td:first-child{box-shadow:inset 3px 0 #c62828}\n"
"tr.above td:first-child{box-shadow:inset 3px 0 #fb8c00}\n"
".charts{display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start}\n"
"figure{margin:0 0 12px}\n"
"figcaption{font-weight:600;margin-bottom:4px}\n"
"svg text{font-family:inherit;fill:var(--ink)}\n"
"svg .axis{font-weight:600}\n"
".tone-0{fill:#2e7d32;background:#2e7d32}\n"
".tone-1{fill:#9ccc65;background:#9ccc65}\n"
".tone-2{fill:#fdd835;background:#fdd835}\n"
".tone-3{fill:#fb8c00;background:#fb8c00}\n"
".tone-4{fill:#c62828;background:#c62828}\n"
"svg text.ink-0,svg text.ink-4{fill:#fff}\n"
".seg-implemented{fill:#2e7d32;background:#2e7d32}\n"
".seg-partial{fill:#9ccc65;background:#9ccc65}\n"
".seg-planned{fill:#fdd835;background:#fdd835}\n"
".seg-not-started{fill:#c5cbd6;background:#c5cbd6}\n"
".legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;margin:4px 0 14px;"
"padding:0;list-style:none}\n"
".swatch{display:inline-block;width:12px;height:12px;border-radius:2px;"
"vertical-align:-1px;margin-right:5px}\n"
".note{color:var(--muted);border-left:3px solid var(--line);padding-left:10px}\n"
"footer{color:var(--muted);font-size:12px;margin-top:36px;"
"border-top:1px solid var(--line);padding-top:8px}\n"
"@page{size:A4;margin:14mm 12mm}\n"
"@media print{\n"
"body{background:#fff;font-size:10pt}\n"
"main{max-width:none;padding:0}\n"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
".cover{break-after:page}\n"
"section{break-before:page}\n"
"h2,h3,h4,figcaption{break-after:avoid}\n"
"tr,figure,.card{break-inside:avoid}\n"
"thead{display:table-header-group}\n"
"thead th{cursor:auto}\n"
"thead th::after{content:none}\n"
"div.tbl{overflow:visible}\n"
"nav.toc{display:none}\n"
"}\n";

/* Sorts the rows of a table when a header is clicked: numbers (a leading
 * number followed by a space, '%' or nothing) as numbers, everything else
 * as text, which orders ISO dates too.  Written without '<' and '&'. */
static const char sort_script[] =
"(function () {\n"
"  var num = /^-?[0-9][0-9,]*(\\.[0-9]+)?(%|\\s|$)/;\n"
"  function key(cell) {\n"
"    var t = cell ? cell.textContent.trim() : '';\n"
"    return num.test(t) ? parseFloat(t.replace(/,/g, '')) : t.toLowerCase();\n"
"  }\n"
"  function cmp(a, b) {\n"
"    if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;\n"
"    return a === b ? 0 : (a > b ? 1 : -1);\n"
"  }\n"
"  document.querySelectorAll('div.tbl table').forEach(function (table) {\n"
"    var heads = table.querySelectorAll('thead th');\n"
"    heads.forEach(function (th, col) {\n"
"      th.title = 'Sort';\n"
"      th.addEventListener('click', function () {\n"
"        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;\n"
"        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });\n"
"        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');\n"
"        var body = table.tBodies[0];\n"
"        var rows = Array.prototype.slice.call(body.rows);\n"
"        rows.sort(function (x, y) {\n"
"          return dir * cmp(key(x.cells[col]), key(y.cells[col]));\n"
"        });\n"
"        rows.forEach(function (r) { body.appendChild(r); });\n"
"      });\n"
"    });\n"
"  });\n"
"})();\n";

static bool html(const struct doc *d)
{
	return d->fmt == FMT_HTML;
}

const char *rpt_date(long day, char buf[static 11])
{
	date_format(day, buf);
	return buf;
}

/* Whole currency units with thousands separators: 42500 -> "42,500". */
void rpt_money(double v, char buf[static 40])
{
	char digits[32];
	long long n = llround(v);
	bool neg = n < 0;
	snprintf(digits, sizeof(digits), "%lld", neg ? -n : n);
	size_t len = strlen(digits), o = 0;
	if (neg)
		buf[o++] = '-';
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

void rpt_cell_date(struct table *t, bool present, long day, bool late)
{
	char buf[11];
	if (!present) {
		table_cell(t, "");
		return;
	}
	rpt_date(day, buf);
	if (late)
		table_cellf(t, "%s (overdue)", buf);
	else
		table_cell(t, buf);
}

const char *rpt_enum(const char *const *names, const void *rec,
    enum collection c, const char *field, int v)
{
	return rec_has(rec, coll_defs[c].schema, field) ? names[v] : "";
}

void rpt_view(const struct doc *d, const struct view_score *v,
    struct sbuf *out)
{
	char buf[32];
	if (!v->scored) {
		sbuf_adds(out, "unscored");
		return;
	}
	sbuf_addf(out, "%s %s", fmt_num(v->score, buf),
	    assess_level_name(d->a, v));
}

static void text(struct doc *d, const char *s)
{
	if (html(d))
		html_escape(d->out, s ? s : "");
	else
		md_escape(d->out, s ? s : "");
}

void doc_begin(struct doc *d, const char *title)
{
	char date[11];
	const char *org = d->p->config->organization;
	if (!html(d))
		return;
	sbuf_adds(d->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\" />\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\" />\n<title>");
	if (org && *org) {
		html_escape(d->out, org);
		sbuf_adds(d->out, ": ");
	}
	html_escape(d->out, title);
	sbuf_addf(d->out, " (%s)</title>\n<style>\n%s</style>\n</head>\n"
	    "<body>\n<main>\n", rpt_date(d->p->today, date), style_sheet);
}

void doc_end(struct doc *d)
{
	char date[11];
	rpt_date(d->p->today, date);
	if (!html(d)) {
		sbuf_addf(d->out, "---\n\nGenerated by isms from the ISMS "
		    "registers; figures as of %s.\n", date);
		return;
	}
	sbuf_addf(d->out, "<footer>Generated by isms from the ISMS registers; "
	    "figures as of <time datetime=\"%s\">%s</time>.</footer>\n"
	    "</main>\n<script>\n%s</script>\n</body>\n</html>\n", date, date,
	    sort_script);
}

void doc_title_block(struct doc *d, const char *title)
{
	char date[11];
	const char *org = d->p->config->organization;
	rpt_date(d->p->today, date);
	if (html(d)) {
		sbuf_adds(d->out, "<header class=\"doc-head\">\n<p class=\"kicker\">");
		html_escape(d->out, org ? org : "");
		sbuf_adds(d->out, "</p>\n<h1>");
		html_escape(d->out, title);
		sbuf_addf(d->out, "</h1>\n<p class=\"date\">As of <time "
		    "datetime=\"%s\">%s</time></p>\n</header>\n", date, date);
		return;
	}
	sbuf_adds(d->out, "# ");
	if (org && *org) {
		md_escape(d->out, org);
		sbuf_adds(d->out, ": ");
	}
	md_escape(d->out, title);
	sbuf_addf(d->out, "\n\nAs of %s.\n\n", date);
}

void doc_section_begin(struct doc *d, const char *id, const char *title)
{
	if (html(d)) {
		sbuf_addf(d->out, "<section id=\"%s\">\n<h2>", id);
		html_escape(d->out, title);
		sbuf_adds(d->out, "</h2>\n");
		return;
	}
	sbuf_adds(d->out, "## ");
	md_escape(d->out, title);
	sbuf_adds(d->out, "\n\n");
}

void doc_section_end(struct doc *d)
{
	if (html(d))
		sbuf_adds(d->out, "</section>\n");
	sbuf_settle(d->out);
}

void doc_heading(struct doc *d, int level, const char *s)
{
	if (html(d)) {
		sbuf_addf(d->out, "<h%d>", level);
		html_escape(d->out, s);
		sbuf_addf(d->out, "</h%d>\n", level);
		return;
	}
	sbuf_addrepeat(d->out, '#', (size_t)level);
	sbuf_addch(d->out, ' ');
	md_escape(d->out, s);
	sbuf_adds(d->out, "\n\n");
}

void doc_para(struct doc *d, const char *s)
{
	sbuf_adds(d->out, html(d) ? "<p>" : "");
	text(d, s);
	sbuf_adds(d->out, html(d) ? "</p>\n" : "\n\n");
}

void doc_paraf(struct doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	doc_para(d, s);
	free(s);
}

void doc_note(struct doc *d, const char *s)
{
	sbuf_adds(d->out, html(d) ? "<p class=\"note\">" : "> ");
	text(d, s);
	sbuf_adds(d->out, html(d) ? "</p>\n" : "\n\n");
}

struct table *doc_new_table(const char *const *cols, size_t n)
{
	struct table *t = table_new();
	for (size_t c = 0; c < n; c++)
		table_add_col(t, cols[c], ALIGN_LEFT, 0);
	return t;
}

void doc_table(struct doc *d, struct table *t, const char *empty)
{
	if (!table_nrows(t)) {
		doc_para(d, empty);
	} else if (html(d)) {
		sbuf_adds(d->out, "<div class=\"tbl\">\n");
		table_render(t, FMT_HTML, NULL, d->out);
		sbuf_adds(d->out, "</div>\n");
	} else {
		table_render(t, FMT_MD, NULL, d->out);
		sbuf_addch(d->out, '\n');
	}
	table_free(t);
}

void doc_dl_begin(struct doc *d)
{
	if (html(d))
		sbuf_adds(d->out, "<dl class=\"kv\">\n");
}

void doc_dl(struct doc *d, const char *key, const char *value)
{
	if (html(d)) {
		sbuf_adds(d->out, "<dt>");
		html_escape(d->out, key);
		sbuf_adds(d->out, "</dt><dd>");
		html_escape(d->out, value ? value : "");
		sbuf_adds(d->out, "</dd>\n");
		return;
	}
	sbuf_adds(d->out, "- **");
	md_escape(d->out, key);
	sbuf_adds(d->out, ":** ");
	md_escape(d->out, value ? value : "");
	sbuf_addch(d->out, '\n');
}

void doc_dl_end(struct doc *d)
{
	sbuf_adds(d->out, html(d) ? "</dl>\n" : "\n");
}

void doc_list_begin(struct doc *d)
{
	if (html(d))
		sbuf_adds(d->out, "<ul>\n");
}

void doc_item(struct doc *d, const char *s)
{
	sbuf_adds(d->out, html(d) ? "<li>" : "- ");
	text(d, s);
	sbuf_adds(d->out, html(d) ? "</li>\n" : "\n");
}

void doc_list_end(struct doc *d)
{
	sbuf_adds(d->out, html(d) ? "</ul>\n" : "\n");
}
