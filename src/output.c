/*
 * Tables, detail blocks, number formatting and escaping (see output.h).
 *
 * A table keeps its cells row-major in one array of owned strings, NULL for
 * a cell never set; the renderers read it and never change it, so one table
 * can be rendered in several formats.  Text rendering first makes a display
 * copy of every cell (controls blanked, invalid UTF-8 shown as U+FFFD,
 * truncated when asked), measures those copies and then lays them out, so
 * the width used for padding is always the width of what is printed.
 */
#include "isms/output.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[FMT_COUNT_] = {
	[FMT_TEXT] = "text",
	[FMT_JSON] = "json",
	[FMT_CSV] = "csv",
	[FMT_YAML] = "yaml",
	[FMT_MD] = "md",
	[FMT_HTML] = "html",
	[FMT_SARIF] = "sarif",
	[FMT_JUNIT] = "junit",
	[FMT_GITHUB] = "github",
};

bool out_format_parse(const char *name, enum out_format *out)
{
	for (int f = 0; f < FMT_COUNT_; f++) {
		if (str_eq(name, format_names[f])) {
			*out = (enum out_format)f;
			return true;
		}
	}
	return false;
}

const char *out_format_name(enum out_format f)
{
	if ((int)f < 0 || f >= FMT_COUNT_)
		return "?";
	return format_names[f];
}

void out_format_names(unsigned mask, struct sbuf *out)
{
	int n = 0, total = 0;
	for (int f = 0; f < FMT_COUNT_; f++)
		if (mask & FMT_BIT(f))
			total++;
	for (int f = 0; f < FMT_COUNT_; f++) {
		if (!(mask & FMT_BIT(f)))
			continue;
		if (n > 0)
			sbuf_adds(out, n == total - 1 ? " or " : ", ");
		sbuf_adds(out, format_names[f]);
		n++;
	}
}

/*
 * Numbers.  The digits come from the shortest "%.*e" that strtod reads back
 * as the same double (glibc's printf and strtod are exact, so this is the
 * same on every machine); the layout is then chosen from the digit count
 * and the decimal exponent as JavaScript does, which keeps integers up to
 * 1e21 free of exponents and small fractions readable.  Any non-digit
 * between the mantissa digits is taken as the decimal point, so a locale
 * with a decimal comma cannot leak into the output.
 */
char *fmt_num(double v, char buf[static 32])
{
	if (isnan(v))
		return strcpy(buf, "NaN");
	if (isinf(v))
		return strcpy(buf, v < 0 ? "-Infinity" : "Infinity");
	if (v == 0)
		return strcpy(buf, "0");
	/* A whole number below 2^53, most numbers a register holds, is its
	 * own shortest text: a mantissa with fewer digits would stand for
	 * another whole number, which a double holds exactly.  So the search
	 * below would end with its digits, and printing them is enough. */
	if (fabs(v) < 9007199254740992.0 && v == (double)(long long)v)
		return fmt_int((long long)v, buf);

	char e[48];
	for (int prec = 0; prec <= 17; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec, v);
		if (strtod(e, NULL) == v)
			break;
	}

	char digits[24];
	int k = 0;
	const char *p = e;
	bool neg = *p == '-';
	if (neg)
		p++;
	for (; *p && *p != 'e' && *p != 'E'; p++)
		if (*p >= '0' && *p <= '9' && k < (int)sizeof(digits) - 1)
			digits[k++] = *p;
	int exp10 = *p ? atoi(p + 1) : 0;
	while (k > 1 && digits[k - 1] == '0')
		k--;
	int n = exp10 + 1; /* v = 0.d1d2...dk × 10^n */

	char *o = buf;
	if (neg)
		*o++ = '-';
	if (k <= n && n <= 21) {
		memcpy(o, digits, (size_t)k);
		o += k;
		for (int i = k; i < n; i++)
			*o++ = '0';
	} else if (0 < n && n <= 21) {
		memcpy(o, digits, (size_t)n);
		o += n;
		*o++ = '.';
		memcpy(o, digits + n, (size_t)(k - n));
		o += k - n;
	} else if (-6 < n && n <= 0) {
		*o++ = '0';
		*o++ = '.';
		for (int i = 0; i < -n; i++)
			*o++ = '0';
		memcpy(o, digits, (size_t)k);
		o += k;
	} else {
		*o++ = digits[0];
		if (k > 1) {
			*o++ = '.';
			memcpy(o, digits + 1, (size_t)(k - 1));
			o += k - 1;
		}
		o += sprintf(o, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
	}
	*o = '\0';
	return buf;
}

char *fmt_int(long long v, char buf[static 32])
{
	char tmp[24];
	size_t n = 0;
	/* Digits of the magnitude, last first; unsigned so LLONG_MIN has one. */
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v :
	    (unsigned long long)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	char *o = buf;
	if (v < 0)
		*o++ = '-';
	while (n)
		*o++ = tmp[--n];
	*o = '\0';
	return buf;
}

size_t out_utf8_decode(const char *s, size_t n, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0];
	size_t len;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4;
	} else {
		return 0;
	}
	/* utf8_valid() rejects overlong forms, surrogates and > U+10FFFF. */
	if (len > n || !utf8_valid(s, len))
		return 0;
	unsigned long v = c & (0x7F >> len);
	for (size_t i = 1; i < len; i++)
		v = v << 6 | (p[i] & 0x3F);
	*cp = v;
	return len;
}

/* Tables. */

struct table_col {
	char *name;
	enum table_align align;
	unsigned flags;
};

struct table {
	struct table_col *cols;
	size_t ncols, colcap;
	/* Cell text is packed in an arena: a table of 100,000 risks in a
	 * report has over a million cells. */
	struct arena text;
	char **cells; /* nrows * ncols, row-major; NULL = empty */
	size_t nrows, cellcap;
	size_t next; /* next column to fill in the last row */
	char **row_class; /* per row, NULL = none (HTML only) */
	size_t row_class_cap;
};

struct table *table_new(void)
{
	return xcalloc(1, sizeof(struct table));
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i].name);
	arena_free(&t->text);
	free(t->row_class);
	free(t->cols);
	free(t->cells);
	free(t);
}

void table_add_col(struct table *t, const char *name, enum table_align align,
    unsigned flags)
{
	assert(t->nrows == 0);
	GROW(t->cols, t->colcap, t->ncols + 1);
	t->cols[t->ncols++] = (struct table_col){ xstrdup(name), align, flags };
}

size_t table_ncols(const struct table *t)
{
	return t->ncols;
}

size_t table_nrows(const struct table *t)
{
	return t->nrows;
}

void table_row(struct table *t)
{
	size_t need = (t->nrows + 1) * t->ncols;
	GROW(t->cells, t->cellcap, need);
	memset(t->cells + t->nrows * t->ncols, 0, t->ncols * sizeof(char *));
	GROW(t->row_class, t->row_class_cap, t->nrows + 1);
	t->row_class[t->nrows] = NULL;
	t->nrows++;
	t->next = 0;
}

void table_row_class(struct table *t, const char *cls)
{
	assert(t->nrows > 0);
	t->row_class[t->nrows - 1] = cls ? arena_strdup(&t->text, cls) : NULL;
}

void table_cell(struct table *t, const char *s)
{
	assert(t->nrows > 0 && t->next < t->ncols);
	t->cells[(t->nrows - 1) * t->ncols + t->next++] = s ?
	    arena_strdup(&t->text, s) : NULL;
}

void table_cellf(struct table *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	table_cell(t, s);
	free(s);
}

void table_cell_num(struct table *t, double v)
{
	char buf[32];
	table_cell(t, fmt_num(v, buf));
}

static const char *table_at(const struct table *t, size_t row, size_t col)
{
	const char *s = t->cells[row * t->ncols + col];
	return s ? s : "";
}

/*
 * The text shown for a cell on a terminal: C0 and C1 controls and DEL
 * become a space, invalid bytes U+FFFD, and with max > 0 the result is cut
 * to max display columns, the last one an ellipsis.
 */
static char *display_text(const char *s, size_t max)
{
	struct sbuf sb = SBUF_INIT;
	size_t n = strlen(s), width = 0, cut_len = 0;
	bool cut = false, have_cut_len = false;
	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t len = out_utf8_decode(s + i, n - i, &cp);
		size_t w = len ? cp_width(cp) : 1;
		bool control = len && (cp < 0x20 || cp == 0x7F ||
		    (cp >= 0x80 && cp < 0xA0));
		if (control)
			w = 1;
		/* Where the ellipsis goes if the rest does not fit. */
		if (max && !have_cut_len && width + w > max - 1) {
			cut_len = sb.len;
			have_cut_len = true;
		}
		if (max && width + w > max) {
			cut = true;
			break;
		}
		if (len == 0) {
			sbuf_adds(&sb, "\xEF\xBF\xBD");
			len = 1;
		} else if (control) {
			sbuf_addch(&sb, ' ');
		} else {
			sbuf_add(&sb, s + i, len);
		}
		width += w;
		i += len;
	}
	if (cut) {
		sb.len = cut_len;
		sbuf_adds(&sb, "\xE2\x80\xA6"); /* … */
	}
	return sbuf_detach(&sb, NULL);
}

/* Text i of a table read row by row, the header row first. */
static const char *table_text(const struct table *t, size_t i)
{
	size_t nc = t->ncols;
	return i < nc ? t->cols[i].name : table_at(t, i / nc - 1, i % nc);
}

/* Frees the texts shown for a table (total of them, and the array) that
 * are copies, not the table's own text. */
static void free_shown(const struct table *t, char **shown, size_t total)
{
	for (size_t i = 0; i < total; i++)
		if (shown[i] != table_text(t, i))
			free(shown[i]);
	free(shown);
}

/* display_text(), or s itself when it is printable ASCII that fits, as
 * most cells are: a listing of 100,000 records copies none of them. */
static char *cell_text(const char *s, size_t max)
{
	size_t n = 0;
	while ((unsigned char)(s[n] - 0x20) < 0x5F)
		n++;
	return !s[n] && (!max || n <= max) ? (char *)s : display_text(s, max);
}

static void rtrim_spaces(struct sbuf *sb, size_t from)
{
	while (sb->len > from && sb->buf[sb->len - 1] == ' ')
		sb->len--;
	sb->buf[sb->len] = '\0';
}

static void text_line(struct sbuf *out, const struct table *t,
    char *const *cells, const size_t *widths)
{
	size_t start = out->len;
	for (size_t c = 0; c < t->ncols; c++) {
		size_t w = utf8_width(cells[c]);
		size_t pad = widths[c] > w ? widths[c] - w : 0;
		if (c > 0)
			sbuf_adds(out, "  ");
		if (t->cols[c].align == ALIGN_RIGHT)
			sbuf_addrepeat(out, ' ', pad);
		sbuf_adds(out, cells[c]);
		if (t->cols[c].align == ALIGN_LEFT)
			sbuf_addrepeat(out, ' ', pad);
	}
	/* Padding of the last columns, and empty cells there, would leave
	 * trailing spaces that diffs and editors flag. */
	rtrim_spaces(out, start);
	sbuf_addch(out, '\n');
}

static void render_text(const struct table *t, const struct table_opts *opts,
    struct sbuf *out)
{
	size_t max = opts ? opts->max_width : 0;
	size_t nc = t->ncols, total = (t->nrows + 1) * nc;
	char **shown = xcalloc(total ? total : 1, sizeof(char *));
	size_t *widths = xcalloc(nc ? nc : 1, sizeof(size_t));

	for (size_t c = 0; c < nc; c++)
		shown[c] = cell_text(t->cols[c].name, 0);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < nc; c++)
			shown[(r + 1) * nc + c] = cell_text(table_at(t, r, c),
			    t->cols[c].flags & TABLE_TRUNCATE ? max : 0);
	for (size_t i = 0; i < total; i++) {
		size_t w = utf8_width(shown[i]);
		if (w > widths[i % nc])
			widths[i % nc] = w;
	}
	for (size_t r = 0; nc && r <= t->nrows; r++) {
		text_line(out, t, shown + r * nc, widths);
		sbuf_settle(out);
	}

	free_shown(t, shown, total);
	free(widths);
}

static bool is_plain_number(const char *s)
{
	const char *p = s;
	size_t digits = 0;
	if (*p == '-' || *p == '+')
		p++;
	for (; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (digits == 0)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

static bool is_formula_start(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

bool csv_needs_neutralising(const char *s)
{
	const char *p = s;
	while (*p == '\'')
		p++;
	if (!is_formula_start(*p))
		return false;
	return p != s || !is_plain_number(s);
}

const char *csv_unneutralise_formula(const char *s)
{
	const char *p = s;
	while (*p == '\'')
		p++;
	return p != s && is_formula_start(*p) ? s + 1 : s;
}

void csv_field(struct sbuf *out, const char *s)
{
	const char *prefix = csv_needs_neutralising(s) ? "'" : "";
	size_t n = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	/* The reader trims unquoted blanks, so keep them inside quotes. */
	if (!*prefix && n > 0 && (s[0] == ' ' || s[0] == '\t'))
		quote = true;
	if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		quote = true;
	if (!quote) {
		sbuf_adds(out, prefix);
		sbuf_adds(out, s);
		return;
	}
	sbuf_addch(out, '"');
	sbuf_adds(out, prefix);
	for (; *s; s++) {
		if (*s == '"')
			sbuf_addch(out, '"');
		sbuf_addch(out, *s);
	}
	sbuf_addch(out, '"');
}

static void render_csv(const struct table *t, struct sbuf *out)
{
	for (size_t c = 0; c < t->ncols; c++) {
		if (c > 0)
			sbuf_addch(out, ',');
		csv_field(out, t->cols[c].name);
	}
	sbuf_addch(out, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c > 0)
				sbuf_addch(out, ',');
			csv_field(out, table_at(t, r, c));
		}
		sbuf_addch(out, '\n');
		sbuf_settle(out);
	}
}

/* Calls emit(out, s) for each line of s, and sep between lines; a line ends
 * at LF, CRLF or a lone CR. */
static void each_line(struct sbuf *out, const char *s, const char *sep,
    void (*emit)(struct sbuf *, const char *, size_t))
{
	for (;;) {
		size_t n = strcspn(s, "\r\n");
		emit(out, s, n);
		if (!s[n])
			break;
		s += n + (s[n] == '\r' && s[n + 1] == '\n' ? 2 : 1);
		sbuf_adds(out, sep);
	}
}

static void md_cell_piece(struct sbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' || s[i] == '|' || s[i] == '<')
			sbuf_addch(out, '\\');
		sbuf_addch(out, s[i]);
	}
}

void md_cell_escape(struct sbuf *out, const char *s)
{
	each_line(out, s, "<br>", md_cell_piece);
}

static void md_inline_piece(struct sbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strchr("\\`*_[]<>|~&", s[i]) ||
		    (i == 0 && (s[i] == '#' || s[i] == '-' || s[i] == '+')))
			sbuf_addch(out, '\\');
		sbuf_addch(out, s[i]);
	}
}

void md_escape(struct sbuf *out, const char *s)
{
	each_line(out, s, "<br>", md_inline_piece);
}

static void md_line(struct sbuf *out, char *const *cells, size_t nc,
    const size_t *widths, const struct table *t)
{
	sbuf_addch(out, '|');
	for (size_t c = 0; c < nc; c++) {
		size_t w = utf8_width(cells[c]);
		size_t pad = widths[c] > w ? widths[c] - w : 0;
		sbuf_addch(out, ' ');
		if (t->cols[c].align == ALIGN_RIGHT)
			sbuf_addrepeat(out, ' ', pad);
		sbuf_adds(out, cells[c]);
		if (t->cols[c].align == ALIGN_LEFT)
			sbuf_addrepeat(out, ' ', pad);
		sbuf_adds(out, " |");
	}
	sbuf_addch(out, '\n');
}

/* Cells are padded to a common width so the Markdown source reads as a
 * table too, which matters for reports reviewed in pull requests. */
static void render_md(const struct table *t, struct sbuf *out)
{
	size_t nc = t->ncols, total = (t->nrows + 1) * nc;
	if (!nc)
		return;
	char **esc = xcalloc(total, sizeof(char *));
	size_t *widths = xcalloc(nc, sizeof(size_t));
	for (size_t i = 0; i < total; i++) {
		const char *cell = table_text(t, i);
		/* Most cells need no escape: they are used as they are. */
		if (!cell[strcspn(cell, "\\|<\r\n")]) {
			esc[i] = (char *)cell;
			continue;
		}
		struct sbuf sb = SBUF_INIT;
		md_cell_escape(&sb, cell);
		esc[i] = sbuf_detach(&sb, NULL);
	}
	for (size_t c = 0; c < nc; c++)
		widths[c] = 3;
	for (size_t i = 0; i < total; i++) {
		size_t w = utf8_width(esc[i]);
		if (w > widths[i % nc])
			widths[i % nc] = w;
	}
	md_line(out, esc, nc, widths, t);
	sbuf_addch(out, '|');
	for (size_t c = 0; c < nc; c++) {
		bool right = t->cols[c].align == ALIGN_RIGHT;
		sbuf_addch(out, ' ');
		sbuf_addrepeat(out, '-', widths[c] - right);
		if (right)
			sbuf_addch(out, ':');
		sbuf_adds(out, " |");
	}
	sbuf_addch(out, '\n');
	for (size_t r = 1; r <= t->nrows; r++) {
		md_line(out, esc + r * nc, nc, widths, t);
		sbuf_settle(out);
	}
	free_shown(t, esc, total);
	free(widths);
}

/* Escapes n bytes; runs of ordinary characters are copied in one go,
 * since a report of 100,000 risks escapes every cell of every row. */
static void html_escape_n(struct sbuf *out, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		sbuf_add(out, s + run, i - run);
		sbuf_adds(out, rep);
		run = i + 1;
	}
	sbuf_add(out, s + run, n - run);
}

void html_escape(struct sbuf *out, const char *s)
{
	html_escape_n(out, s, strlen(s));
}

static void html_cell(struct sbuf *out, const char *tag, const char *s,
    enum table_align align)
{
	sbuf_addch(out, '<');
	sbuf_adds(out, tag);
	sbuf_adds(out, align == ALIGN_RIGHT ? " style=\"text-align:right\">" :
	    ">");
	/* "<br />" reads the same in HTML and keeps a page that is written
	 * as XHTML (the report) well-formed XML. */
	each_line(out, s, "<br />", html_escape_n);
	sbuf_adds(out, "</");
	sbuf_adds(out, tag);
	sbuf_addch(out, '>');
}

static void render_html(const struct table *t, struct sbuf *out)
{
	sbuf_adds(out, "<table>\n<thead>\n<tr>");
	for (size_t c = 0; c < t->ncols; c++)
		html_cell(out, "th", t->cols[c].name, t->cols[c].align);
	sbuf_adds(out, "</tr>\n</thead>\n<tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->row_class[r]) {
			sbuf_adds(out, "<tr class=\"");
			html_escape(out, t->row_class[r]);
			sbuf_adds(out, "\">");
		} else {
			sbuf_adds(out, "<tr>");
		}
		for (size_t c = 0; c < t->ncols; c++)
			html_cell(out, "td", table_at(t, r, c), t->cols[c].align);
		sbuf_adds(out, "</tr>\n");
		sbuf_settle(out);
	}
	sbuf_adds(out, "</tbody>\n</table>\n");
}

bool table_render(const struct table *t, enum out_format fmt,
    const struct table_opts *opts, struct sbuf *out)
{
	switch (fmt) {
	case FMT_TEXT:
		render_text(t, opts, out);
		return true;
	case FMT_CSV:
		render_csv(t, out);
		return true;
	case FMT_MD:
		render_md(t, out);
		return true;
	case FMT_HTML:
		render_html(t, out);
		return true;
	default:
		return false;
	}
}

/* Detail blocks. */

struct detail_item {
	char *key, *value;
};

struct detail {
	struct detail_item *v;
	size_t n, cap;
};

struct detail *detail_new(void)
{
	return xcalloc(1, sizeof(struct detail));
}

void detail_free(struct detail *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].key);
		free(d->v[i].value);
	}
	free(d->v);
	free(d);
}

static void detail_push(struct detail *d, const char *key, char *owned)
{
	GROW(d->v, d->cap, d->n + 1);
	d->v[d->n++] = (struct detail_item){ xstrdup(key), owned };
}

void detail_add(struct detail *d, const char *key, const char *value)
{
	detail_push(d, key, xstrdup(value ? value : ""));
}

void detail_addf(struct detail *d, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	detail_push(d, key, xvasprintf(fmt, ap));
	va_end(ap);
}

void detail_add_num(struct detail *d, const char *key, double v)
{
	char buf[32];
	detail_add(d, key, fmt_num(v, buf));
}

/* Each line of the value goes in the value column; the key line's padding
 * is written by the caller from line_start.  Lines are trimmed on the
 * right, so an empty value or an empty line leaves no blanks behind. */
static void detail_text_value(struct sbuf *out, const char *s, size_t indent,
    size_t line_start)
{
	for (;;) {
		size_t n = strcspn(s, "\r\n");
		char *line = xstrndup(s, n);
		char *shown = display_text(line, 0);
		sbuf_adds(out, shown);
		rtrim_spaces(out, line_start);
		sbuf_addch(out, '\n');
		free(shown);
		free(line);
		if (!s[n])
			break;
		s += n + (s[n] == '\r' && s[n + 1] == '\n' ? 2 : 1);
		line_start = out->len;
		sbuf_addrepeat(out, ' ', indent);
	}
}

static void render_detail_text(const struct detail *d, struct sbuf *out)
{
	size_t kw = 0;
	for (size_t i = 0; i < d->n; i++) {
		size_t w = utf8_width(d->v[i].key) + 1;
		if (w > kw)
			kw = w;
	}
	for (size_t i = 0; i < d->n; i++) {
		size_t start = out->len;
		char *key = display_text(d->v[i].key, 0);
		sbuf_adds(out, key);
		sbuf_addch(out, ':');
		sbuf_addrepeat(out, ' ', kw - utf8_width(key));
		free(key);
		detail_text_value(out, d->v[i].value, kw + 1, start);
	}
}

bool detail_render(const struct detail *d, enum out_format fmt,
    struct sbuf *out)
{
	if (fmt == FMT_TEXT) {
		render_detail_text(d, out);
		return true;
	}
	if (fmt != FMT_MD && fmt != FMT_CSV && fmt != FMT_HTML)
		return false;
	struct table *t = table_new();
	table_add_col(t, "Field", ALIGN_LEFT, 0);
	table_add_col(t, "Value", ALIGN_LEFT, TABLE_TRUNCATE);
	for (size_t i = 0; i < d->n; i++) {
		table_row(t);
		table_cell(t, d->v[i].key);
		table_cell(t, d->v[i].value);
	}
	table_render(t, fmt, NULL, out);
	table_free(t);
	return true;
}
