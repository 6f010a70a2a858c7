/*
 * Output formats shared by every command: tables, detail blocks, numbers
 * and the escaping that keeps each format well formed.
 *
 * A command builds a struct table (columns, then rows of copied cells) or a
 * struct detail (key/value pairs for `show`) and renders it into a struct
 * sbuf in the format the user chose; nothing here writes to a stream, so
 * every renderer is testable as "input -> expected bytes".
 *
 * Invariants the renderers keep, whatever the cell text holds:
 *   - text: columns aligned by display width, two spaces between them, no
 *     trailing spaces; control characters (C0, DEL, C1, so also newlines
 *     and terminal escape sequences) are shown as one space each, so data
 *     can neither break the alignment nor drive the terminal.
 *   - csv: RFC 4180 with "\n" line ends; a field is quoted when it holds a
 *     comma, quote, CR or LF, or begins or ends with a space or tab (the
 *     CSV reader trims unquoted fields, so this keeps export -> import
 *     lossless).  Spreadsheet formula injection is neutralised, see
 *     csv_neutralise_formula().
 *   - md: GitHub-flavoured Markdown; cells escape `\`, `|` and `<`, and
 *     newlines become <br>.
 *   - html: every cell escaped with html_escape().
 *
 * Numbers are formatted by fmt_num() everywhere (text, CSV, YAML and the
 * JSON writer), so the same value reads the same in every format and on
 * every machine.
 */
#ifndef ISMS_OUTPUT_H
#define ISMS_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/util.h"

/* The values of --format.  Not every command supports every format. */
enum out_format {
	FMT_TEXT,
	FMT_JSON,
	FMT_CSV,
	FMT_YAML,
	FMT_MD,
	FMT_HTML,
	FMT_SARIF,  /* check */
	FMT_JUNIT,  /* check */
	FMT_GITHUB, /* check: GitHub Actions workflow commands */
	FMT_COUNT_
};

/* A set of formats, for checking --format against what a command offers. */
#define FMT_BIT(f) (1u << (f))
#define FMT_LIST_FORMATS (FMT_BIT(FMT_TEXT) | FMT_BIT(FMT_JSON) | \
	FMT_BIT(FMT_CSV) | FMT_BIT(FMT_YAML) | FMT_BIT(FMT_MD))

/* Exact names only ("text", "json", "csv", "yaml", "md", "html", "sarif",
 * "junit", "github"), so scripts never depend on a guessed prefix. */
bool out_format_parse(const char *name, enum out_format *out);
const char *out_format_name(enum out_format f);
/* Appends the names in mask as "text, json, csv or md" for messages. */
void out_format_names(unsigned mask, struct sbuf *out);

/*
 * The shortest text that reads back as exactly the same double, laid out
 * like JavaScript's Number#toString: 4.375 -> "4.375", 25.0 -> "25",
 * 0.1 -> "0.1", 1e21 -> "1e+21", 1e-7 -> "1e-7", -0.0 -> "0".  NaN and the
 * infinities give "NaN", "Infinity" and "-Infinity" (the JSON writer emits
 * null for them instead).  Returns buf.
 */
char *fmt_num(double v, char buf[static 32]);
/* A whole number in decimal ("-12"), as "%lld" writes it.  Returns buf. */
char *fmt_int(long long v, char buf[static 32]);

/*
 * Decodes the UTF-8 sequence at s (n bytes available): returns its length
 * and stores the code point, or returns 0 when s does not start a valid,
 * shortest-form sequence (the caller then treats one byte as U+FFFD).
 * n must be at least 1.
 */
size_t out_utf8_decode(const char *s, size_t n, unsigned long *cp);

/* Tables. */
enum table_align { ALIGN_LEFT, ALIGN_RIGHT };

/* Column flags. */
#define TABLE_TRUNCATE 1u /* free text: cut to max_width in text output */

struct table;

struct table_opts {
	/* Text output: display width beyond which TABLE_TRUNCATE cells are
	 * cut and end in "…"; 0 = never cut. */
	size_t max_width;
};

struct table *table_new(void);
void table_free(struct table *t);
/* Columns are added before any row. */
void table_add_col(struct table *t, const char *name, enum table_align align,
    unsigned flags);
size_t table_ncols(const struct table *t);
size_t table_nrows(const struct table *t);
/* Starts a new row; the cells that follow fill it from the left. Cells
 * left unset at render time are empty. */
void table_row(struct table *t);
/* Marks the current row with a class (copied, escaped), written only by
 * the HTML renderer as <tr class="...">, so a report can style overdue
 * rows; every other format shows the row as it is. */
void table_row_class(struct table *t, const char *cls);
/* Sets the next cell of the current row (copied; NULL = empty). */
void table_cell(struct table *t, const char *s);
void table_cellf(struct table *t, const char *fmt, ...) ISMS_PRINTF(2, 3);
void table_cell_num(struct table *t, double v);
/* Renders as FMT_TEXT, FMT_CSV, FMT_MD or FMT_HTML; false (nothing
 * written) for other formats, whose records the command writes itself.
 * Each row is settled (sbuf_settle()): out must only be appended to. */
bool table_render(const struct table *t, enum out_format fmt,
    const struct table_opts *opts, struct sbuf *out);

/*
 * Detail blocks for `show`: "key: value" pairs in order.  Text aligns the
 * values after the longest key and indents continuation lines of a
 * multi-line value under the value column; md, csv and html render the
 * pairs as a two-column table (Field, Value), which keeps multi-line values
 * and pipes intact in Markdown where a bullet list would not.
 */
struct detail;

struct detail *detail_new(void);
void detail_free(struct detail *d);
/* value NULL or "" gives an empty value ("key:" with nothing after it). */
void detail_add(struct detail *d, const char *key, const char *value);
void detail_addf(struct detail *d, const char *key, const char *fmt, ...)
    ISMS_PRINTF(3, 4);
void detail_add_num(struct detail *d, const char *key, double v);
/* FMT_TEXT, FMT_MD, FMT_CSV, FMT_HTML; false for other formats. */
bool detail_render(const struct detail *d, enum out_format fmt,
    struct sbuf *out);

/* Escaping. */

/* Text and attribute values alike: & < > " ' become entities. */
void html_escape(struct sbuf *out, const char *s);
/* Markdown inline text: backslash-escapes the characters that start
 * emphasis, code, links, HTML, entities, tables and strike-through
 * (\ ` * _ [ ] < > | ~ &), and '#' at the start; newlines become <br>. */
void md_escape(struct sbuf *out, const char *s);
/* One Markdown table cell: \ | < escaped, newlines (LF, CRLF, CR) -> <br>. */
void md_cell_escape(struct sbuf *out, const char *s);
/* One CSV field, neutralised and quoted as needed. */
void csv_field(struct sbuf *out, const char *s);

/*
 * Formula injection.  A spreadsheet runs a cell that begins with = + - @
 * (and, in some, tab or CR) as a formula, so such a cell is written with a
 * leading apostrophe, which spreadsheets show as text.  Exceptions: a cell
 * that is entirely a decimal number ("-3", "-0.5", "+1e5") is left alone,
 * since it can only ever be read as that number and users sort on it.
 * Cells that already begin with apostrophes followed by one of those
 * characters get one more apostrophe, so csv_unneutralise_formula() can
 * undo the change exactly on import.
 */
bool csv_needs_neutralising(const char *s);
/* Returns a pointer past the apostrophe added by neutralising, or s. */
const char *csv_unneutralise_formula(const char *s);

#endif
