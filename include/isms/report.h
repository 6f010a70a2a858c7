/*
 * The ISMS report and the management review pack: documents built from a
 * loaded project, as one self-contained HTML page or as Markdown for a git
 * forge, into a struct sbuf.
 *
 * The report has named sections (cover, summary, heatmap, risks,
 * treatments, soa, audit, pdca, problems) and any set of them can be built
 * on its own, so the SoA or the treatment plan can be issued as a document
 * of its own; pdca covers objectives, documented information, incidents,
 * metrics and management reviews.  The management review pack follows
 * ISO/IEC 27001:2022 clause 9.3.2 a-g.  Every figure comes from the
 * assessment (assess.h), the status figures (status.h), the PDCA
 * judgements (pdca.h) and the check rules (check.h); this module only lays
 * them out.
 *
 * Guarantees, whatever the registers hold:
 *   - every user string is escaped for where it goes (HTML text and
 *     attributes, Markdown inline text and table cells);
 *   - the HTML is well-formed XML (XHTML-style void elements, no named
 *     entities, no '<' or '&' in the style sheet or the script), needs
 *     nothing from the network (inline CSS and SVG, one small optional
 *     script that sorts tables on a header click) and prints cleanly;
 *   - the output depends only on the registers and p->today: the same
 *     inputs give byte-identical documents.
 */
#ifndef ISMS_REPORT_H
#define ISMS_REPORT_H

#include <stdbool.h>

#include "isms/output.h"
#include "isms/project.h"

enum report_section {
	REPORT_COVER,
	REPORT_SUMMARY,
	REPORT_HEATMAP,
	REPORT_RISKS,
	REPORT_TREATMENTS,
	REPORT_SOA,
	REPORT_AUDIT,
	REPORT_PDCA,
	REPORT_PROBLEMS,
	REPORT_NSECTIONS
};

#define REPORT_ALL ((1u << REPORT_NSECTIONS) - 1)

/* "cover", "summary", ... in document order. */
const char *report_section_name(enum report_section s);
/* The section called name (exactly), or -1. */
int report_section_lookup(const char *name);

struct report_opts {
	enum out_format format;   /* FMT_HTML or FMT_MD */
	unsigned sections;        /* bits 1u << REPORT_*; ignored for reviews */
	bool management_review;   /* the 9.3.2 input pack instead */
};

/* Appends the document to out. */
void report_build(const struct project *p, const struct report_opts *o,
    struct sbuf *out);

#endif
