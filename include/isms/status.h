/*
 * The figures of an ISMS at a glance: what `isms status` prints and what
 * the summary of `isms report` shows, computed once from a loaded project
 * and its assessment into one plain struct.
 *
 * Every judgement of "open", "overdue" and "due next" is made here against
 * p->today (the --today date), so the same registers and date give the same
 * figures on every machine:
 *   - a treatment is open while it is live (not cancelled) and neither
 *     implemented nor verified; overdue when open and its due date is
 *     before today;
 *   - a treatment action is open while not done and its treatment is not
 *     cancelled; overdue likewise;
 *   - a corrective action is open while its finding is open, overdue when
 *     the finding is (finding_action_open() and finding_is_overdue() of
 *     audit.h, which the audit commands and check use too);
 *   - a risk review is overdue when its review date is before today, and a
 *     retained risk's acceptance has expired when a live retain treatment's
 *     expires date is before today;
 *   - the next due dates are the earliest of those dates (and planned
 *     audits), together with the dated work of the PDCA registers, that
 *     fall on or after today.
 *
 * The SoA figures are the soa module's summary (soa.h), the audit
 * judgements the audit module's (audit.h), and the figures and dated work
 * of objectives, documents, incidents, metrics and management reviews the
 * pdca module's (pdca.h), so status, report, check and the register
 * commands say the same thing.  status_json() writes the
 * stable dashboard format documented in isms-status(1).
 */
#ifndef ISMS_STATUS_H
#define ISMS_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/assess.h"
#include "isms/output.h"
#include "isms/pdca.h"
#include "isms/register.h"
#include "isms/util.h"

/* Risks per level in each view; one per method level, lowest first. */
struct status_level {
	const char *name;
	size_t inherent, residual, current;
};

/* Applicable SoA controls of one catalog theme, by implementation status
 * (a status left out counts as not-started). */
struct status_theme {
	const char *name;
	size_t applicable, implemented, partial, planned, not_started;
};

/* soa_summarize()'s figures (soa.h): over the catalog's controls, so an
 * SoA entry the catalog does not know is not counted (check reports it). */
struct status_soa {
	size_t catalog_controls;   /* controls in the project's catalog */
	size_t controls;           /* records in soa.yaml */
	size_t decided, applicable, excluded;
	size_t implemented, partial, planned, not_started; /* of applicable */
	/* Whole percentages, rounded down so that 100 means all: decided of
	 * the catalog's controls, applicable of decided, implemented of
	 * applicable. */
	unsigned decided_pct, applicable_pct, implemented_pct;
	struct status_theme *themes;
	size_t nthemes;
};

enum status_due_kind {
	DUE_TREATMENT,
	DUE_ACTION,
	DUE_CORRECTIVE,
	DUE_REVIEW,
	DUE_ACCEPTANCE,
	DUE_AUDIT,
	DUE_PDCA,   /* pdca_due_items()'s; its kind in pdca_kind */
};

/* One dated item still to happen. */
struct status_due {
	long date;
	enum status_due_kind kind;
	enum pdca_due_kind pdca_kind;  /* for DUE_PDCA */
	const char *id;            /* the treatment, finding, risk or audit */
	const char *text;          /* what is due (may be NULL) */
	const char *owner;         /* may be NULL */
};

#define STATUS_NEXT_DUE 5

struct status_count {
	size_t total, open, overdue;
};

struct status {
	const char *organization;  /* may be NULL */
	long today;
	const char *preset;        /* NULL without a method */
	const char *appetite;      /* level name, or NULL */
	struct status_level *levels;
	size_t nlevels;
	size_t risks;
	struct {
		size_t inherent, residual, current;
	} unscored, above_appetite;
	size_t reviews_overdue;
	bool has_ale;
	double ale;                /* sum of the risks' ALE where known */
	struct status_count treatments, actions, corrective;
	size_t acceptances_expired;
	struct status_soa soa;
	size_t audits;
	size_t audits_by_status[4];    /* by enum audit_status */
	size_t findings;
	size_t findings_by_type[4];    /* by enum finding_type, all */
	size_t open_by_type[4];        /* by enum finding_type, open */
	size_t errors, warnings;       /* isms check problems */
	struct pdca_summary pdca;      /* objectives ... reviews */
	struct status_due next[STATUS_NEXT_DUE];
	size_t nnext;
};

/* Computes the figures; problems is what check_project() found (NULL:
 * not counted).  Strings borrow from p, which must outlive s. */
void status_compute(const struct project *p, const struct assessment *a,
    const struct diags *problems, struct status *s);
void status_release(struct status *s);

/* "treatment", "action", "corrective-action", "review", "acceptance",
 * "audit": the kind names of the JSON and text output. */
const char *status_due_kind_name(enum status_due_kind k);
/* A due item's kind name: status_due_kind_name(), or for DUE_PDCA
 * pdca_due_kind_name() ("objective", "measurement", ...). */
const char *status_due_name(const struct status_due *d);

/* Judgements shared with the report, so both say the same thing. */
bool status_treatment_open(const struct treatment *t);
bool status_treatment_overdue(const struct project *p,
    const struct treatment *t);
bool status_action_overdue(const struct project *p,
    const struct treatment *t, const struct action *act);
/* A live retain treatment with an expires date: its acceptance must be
 * renewed then; expired once that date is before today. */
bool status_acceptance_dated(const struct treatment *t);
bool status_acceptance_expired(const struct project *p,
    const struct treatment *t);

/* A level's colour tone, 0 (lowest, green) to 4 (highest, red), spread
 * over however many levels the method has; the terminal colours and the
 * report's heat maps both use it so they agree. */
unsigned status_level_tone(size_t level, size_t nlevels);

/* Risks per level in each view: a row per level, highest first, then
 * "unscored" when a view has unscored risks, then "above appetite"; the
 * four column headers are given (level and the three views).  The status
 * screen and the report both lay it out. */
struct table *status_level_table(const struct status *s,
    const char *const heads[4]);

/* The one-screen text; color adds ANSI colours to whole lines. */
void status_text(const struct status *s, bool color, struct sbuf *out);
/* The dashboard JSON (pretty, one object). */
void status_json(const struct status *s, struct sbuf *out);

#endif
