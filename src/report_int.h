/*
 * Inside the report module: a small document writer that says the same
 * thing in HTML and in Markdown, and the tables and charts that both the
 * ISMS report (report.c) and the management review pack (report_review.c)
 * are made of.
 *
 * Text handed to doc_* functions is plain text: the writer escapes it for
 * the format.  Tables are struct table (output.h), whose renderers escape
 * every cell.
 */
#ifndef ISMS_REPORT_INT_H
#define ISMS_REPORT_INT_H

#include "isms/assess.h"
#include "isms/output.h"
#include "isms/pdca.h"
#include "isms/report.h"
#include "isms/status.h"

struct doc {
	enum out_format fmt;
	struct sbuf *out;
	const struct project *p;
	const struct assessment *a;
	const struct status *s;
	const struct diags *problems;
};

/* The whole page: head, style sheet and title block; the script and the
 * end of the page. */
void doc_begin(struct doc *d, const char *title);
void doc_end(struct doc *d);
/* The heading block of a document without the cover: organisation,
 * title, date. */
void doc_title_block(struct doc *d, const char *title);
/* A top-level section (h2) with an anchor id, and its end. */
void doc_section_begin(struct doc *d, const char *id, const char *title);
void doc_section_end(struct doc *d);
/* A sub-heading, level 3 or 4. */
void doc_heading(struct doc *d, int level, const char *text);
void doc_para(struct doc *d, const char *text);
void doc_paraf(struct doc *d, const char *fmt, ...) ISMS_PRINTF(2, 3);
/* A remark set apart from the content (what the registers do not hold). */
void doc_note(struct doc *d, const char *text);
/* A new table of left-aligned columns named by the array cols. */
struct table *doc_new_table(const char *const *cols, size_t n);
#define DOC_TABLE(cols) doc_new_table(cols, ARRAY_SIZE(cols))
/* A table, or the sentence empty when it has no rows; frees the table,
 * so a section can write doc_table(d, tbl_x(d), "...") in one line. */
void doc_table(struct doc *d, struct table *t, const char *empty);
/* Key/value lines. */
void doc_dl_begin(struct doc *d);
void doc_dl(struct doc *d, const char *key, const char *value);
void doc_dl_end(struct doc *d);
/* Bullet lists. */
void doc_list_begin(struct doc *d);
void doc_item(struct doc *d, const char *text);
void doc_list_end(struct doc *d);

/* Shared figures and tables. */
void doc_figures(struct doc *d);
struct table *tbl_levels(const struct doc *d);
struct table *tbl_top_risks(const struct doc *d, size_t max);
struct table *tbl_open_actions(const struct doc *d);
struct table *tbl_corrective(const struct doc *d, bool open_only);
struct table *tbl_findings(const struct doc *d, unsigned type_mask);
struct table *tbl_audits(const struct doc *d);
struct table *tbl_overdue_treatments(const struct doc *d);
void doc_soa_figures(struct doc *d);

/* The PDCA registers (report_pdca.c): figures as sentences, the tables of
 * objectives, incidents, metrics and review actions (open_only leaves out
 * the done ones), a table of pdca_quarters()'s trends, and the report's
 * section. */
void doc_objective_figures(struct doc *d);
void doc_incident_figures(struct doc *d);
void doc_metric_figures(struct doc *d);
void doc_review_figures(struct doc *d);
struct table *tbl_objectives(const struct doc *d);
struct table *tbl_incidents(const struct doc *d);
struct table *tbl_metrics(const struct doc *d);
struct table *tbl_review_actions(const struct doc *d, bool open_only);
struct table *tbl_quarters(const struct pdca_quarter *q, size_t n);
void section_pdca(struct doc *d);

/* A section's title ("Risk register"). */
const char *rpt_section_title(enum report_section s);

/* Text helpers: dates, money and scores as the report prints them. */
const char *rpt_date(long day, char buf[static 11]);
void rpt_money(double v, char buf[static 40]);
/* A date cell: empty unless present, marked "(overdue)" when late. */
void rpt_cell_date(struct table *t, bool present, long day, bool late);
void rpt_view(const struct doc *d, const struct view_score *v,
    struct sbuf *out);
/* names[v] when rec gives field (of collection c), else "". */
const char *rpt_enum(const char *const *names, const void *rec,
    enum collection c, const char *field, int v);

/* The management review pack (report_review.c). */
void review_build(struct doc *d);

#endif
