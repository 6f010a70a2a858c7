/*
 * Semantic diff of two versions of a project.
 *
 * Two loaded projects (struct project) are compared register by register
 * and record by record, matched by id: records added, removed, and changed
 * field by field, each field compared by its canonical text
 * (recout_field_text), so re-quoting or re-indenting a value is no change
 * while every change of meaning is one.  Top-level keys that are not
 * record lists (the scope statement, the SoA catalog, the methodology) are
 * compared the same way.
 *
 * Then the consequences, which are what a reviewer of an ISMS change needs
 * to see: per risk the inherent, residual and current score and level
 * before and after (from the assessment module, so the numbers are the
 * ones every other command shows), the risks whose level crossed the
 * appetite in either direction, SoA decisions (applicable, status) that
 * changed, and findings opened or closed.
 *
 * Everything is generic over reg_defs[] and coll_defs[]: a register added
 * to those tables is diffed without a change here.  Output order is
 * deterministic: register order, then collection order, then id order.
 *
 * rdiff_load_rev() builds the project as it was at a git revision: each
 * register is read with `git show REV:PATH` (no shell) and handed to
 * project_load() as a text override; a register absent at that revision is
 * an empty one.  Project catalogs (catalogs/) are read from the work tree.
 */
#ifndef ISMS_RDIFF_H
#define ISMS_RDIFF_H

#include "isms/output.h"
#include "isms/project.h"

enum rd_kind { RD_ADDED, RD_REMOVED, RD_CHANGED };

/* One field (or top-level key) that differs; NULL = absent. */
struct rd_field {
	const char *name;
	char *before, *after;
};

/* A record added, removed or changed; or, with coll -1, the top-level
 * keys of register file that changed (id NULL). */
struct rd_record {
	enum reg_file file;
	int coll;
	enum rd_kind kind;
	char *id;
	char *label;            /* name or title, for display; may be NULL */
	struct rd_field *fields; /* RD_CHANGED: the fields that differ */
	size_t nfields;
};

enum rd_view { RDV_INHERENT, RDV_RESIDUAL, RDV_CURRENT, RDV_COUNT };
extern const char *const rd_view_names[RDV_COUNT];

struct rd_score {
	bool present;   /* the risk exists on this side */
	bool scored;
	double score;
	char *level;    /* "" when not scored */
	bool above;     /* level above the appetite */
};

/* A risk whose score or level changed in any view (or that came or went). */
struct rd_risk {
	char *id, *title;
	enum rd_kind kind;
	struct rd_score before[RDV_COUNT], after[RDV_COUNT];
	bool changed[RDV_COUNT];
	/* 1: crossed above the appetite, -1: fell back within it, 0: no. */
	int crossed[RDV_COUNT];
};

/* A change of an SoA decision; NULL = undecided or absent. */
struct rd_soa {
	char *id;
	enum rd_kind kind;
	char *applicable_before, *applicable_after;
	char *status_before, *status_after;
};

struct rd_finding {
	char *id;
	bool opened;        /* else closed */
	char *type, *ref;   /* from the side where it is open */
	char *statement;
};

struct rdiff {
	struct rd_record *recs;
	size_t nrecs;
	struct rd_risk *risks;
	size_t nrisks;
	struct rd_soa *soa;
	size_t nsoa;
	struct rd_finding *findings;
	size_t nfindings;
	/* The first fatal problem of each side ("FILE:LINE:COL: message"),
	 * or NULL: what a register that does not load holds is not seen, so
	 * the reader must be told rather than shown its records as removed. */
	char *problem_from, *problem_to;
	/* Counts for the summary line. */
	size_t added, removed, changed, crossed, opened, closed;
};

/* The project at a revision, prefix being the project directory's path in
 * the work tree (git_prefix()).  root is where catalogs are read. */
struct isms_error *rdiff_load_rev(const char *root, const char *prefix,
    const char *rev, long today, struct project **out);

void rdiff_compute(const struct project *a, const struct project *b,
    struct rdiff *d);
void rdiff_release(struct rdiff *d);
bool rdiff_empty(const struct rdiff *d);

/* FMT_TEXT, FMT_MD (a pull-request comment) or FMT_JSON.  from and to
 * name the two sides ("HEAD", "working tree"). */
void rdiff_render(const struct rdiff *d, enum out_format fmt,
    const char *from, const char *to, struct sbuf *out);

#endif
