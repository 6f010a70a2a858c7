/*
 * The Statement of Applicability (6.1.3 d) as facts computed from the
 * registers: which controls the risk treatment plan uses, what `isms soa
 * generate` would add or decide, the figures status and report show, and
 * the migration of an SoA from one catalog to its successor.
 *
 * The SoA must stay in step with the treatment plan, so "used" has one
 * meaning everywhere: a control named in the `controls:` of a live
 * treatment (treatment_live() of assess.h: any status but cancelled).
 * Catalog order is the order of every plan and table here, because it is
 * the order an auditor reads.
 *
 * Nothing here prints.  Plans are computed from a loaded project and then
 * applied to a write session as splices, so a dry run and a real run are
 * the same computation, and a human decision (an `applicable:` or a
 * `reason:` already written) is never touched: a plan only adds records
 * and keys that are absent.  Plans own the strings they hold; the ids they
 * hold point into the project or into a catalog the plan keeps open.
 */
#ifndef ISMS_SOA_H
#define ISMS_SOA_H

#include "isms/catalog.h"
#include "isms/project.h"
#include "isms/store.h"

/* The live treatments using one control and the risks they treat. */
struct soa_usage {
	const char *id;
	const struct treatment **treatments; /* register order */
	size_t ntreatments;
	const char **risks;                  /* distinct, in id order */
	size_t nrisks;
};

struct soa_uses {
	struct soa_usage *v;                 /* in order of first use */
	size_t n;
	struct idmap index;                  /* control id -> usage */
};

void soa_uses_build(const struct project *p, struct soa_uses *u);
void soa_uses_release(struct soa_uses *u);
/* The project's usage index, built on first use and kept with the project
 * (freed by project_free()), so per-row callers do not rebuild it. */
const struct soa_uses *project_soa_uses(const struct project *p);
void soa_uses_free(struct soa_uses *u);
/* The usage of a control, or NULL when no live treatment names it. */
const struct soa_usage *soa_uses_find(const struct soa_uses *u,
    const char *id);
/* "R-001, R-007" (nothing for NULL). */
void soa_usage_risks(const struct soa_usage *u, struct sbuf *out);
/* "T-001, T-004" (nothing for NULL). */
void soa_usage_treatments(const struct soa_usage *u, struct sbuf *out);
/* The reason generate writes: "Treats R-001, R-007". */
char *soa_usage_reason(const struct soa_usage *u);

/* An SoA entry's decision: 1 applicable, 0 excluded, -1 undecided (also
 * for NULL, a control the SoA lacks). */
int soa_decision(const struct soa_control *c);
/* The catalog's entry for an SoA control (title, theme), or NULL when
 * the project's catalog does not know it. */
const struct catalog_control *soa_catalog_entry(const struct project *p,
    const struct soa_control *c);
/* An SoA entry's status (enum soa_status), or -1 when it gives none. */
int soa_status(const struct soa_control *c);
/* Its name ("partial"), or NULL when it gives none. */
const char *soa_status_name(const struct soa_control *c);

/*
 * `isms soa generate`: every catalog control the SoA lacks is added, in
 * catalog order, after the entries already there; a control that a live
 * treatment uses and that is undecided is marked applicable with the
 * treating risks as its reason (a reason already written stays).
 */
enum soa_step_kind { SOA_STEP_ADD, SOA_STEP_DECIDE };

struct soa_step {
	enum soa_step_kind kind;
	const char *id;
	bool applicable;   /* write applicable: true */
	char *reason;      /* reason to write, or NULL */
};

struct soa_plan {
	struct soa_step *v;
	size_t n;
	size_t added;      /* controls added */
	size_t marked;     /* controls marked applicable, added or not */
};

struct isms_error *soa_plan_generate(const struct project *p,
    struct soa_plan *plan);
/* Applies the plan to a session made on the same project. */
struct isms_error *soa_plan_apply(struct session *s,
    const struct soa_plan *plan);
void soa_plan_release(struct soa_plan *plan);

/*
 * Figures for status and report, over the catalog's controls (SoA entries
 * the catalog does not know are not counted).  "undecided" includes the
 * controls missing from soa.yaml; implemented_pct is the share of the
 * applicable controls whose status is implemented (0 when none is
 * applicable).
 */
struct soa_theme_figures {
	const char *theme;
	size_t controls, applicable, implemented;
	/* Applicable controls by status (enum soa_status), and without one. */
	size_t by_status[SOA_IMPLEMENTED + 1];
	size_t no_status;
};

struct soa_summary {
	size_t catalog;        /* controls in the catalog */
	size_t decided, applicable, excluded, undecided, missing;
	size_t implemented;
	double implemented_pct;
	/* Applicable controls by status (enum soa_status), and without one. */
	size_t by_status[SOA_IMPLEMENTED + 1];
	size_t no_status;
	struct soa_theme_figures *themes; /* catalog theme order */
	size_t nthemes;
};

/* p->catalog must be open. */
void soa_summarize(const struct project *p, struct soa_summary *out);
void soa_summary_release(struct soa_summary *s);

/*
 * `isms soa migrate`: the SoA rebuilt on a successor catalog through its
 * mapping (iso27001-2013 -> iso27001-2022).  For each new control, the
 * old entries that map to it are merged: applicable when one of them is
 * (excluded only when all of them are), reasons joined, evidence united,
 * the least advanced status, owners joined.  When one old entry applies
 * the control and another excludes it, the new one is left undecided
 * with a reason naming the conflict.  Controls new in the successor are
 * added undecided.  Treatments' control lists are rewritten to the new
 * ids; ids neither catalog knows are kept and reported.
 */
struct soa_merged {
	const char *id;            /* control of the new catalog */
	const char **from;         /* old SoA entries merged into it */
	size_t nfrom;
	int applicable;            /* 1, 0 or -1 undecided */
	char *reason;
	int status;                /* enum soa_status, or -1 */
	char *owner;
	char **evidence;
	size_t nevidence;
	bool conflict;             /* old entries disagreed */
	bool is_new;               /* new in the new catalog */
};

struct soa_retarget {
	const char *id;            /* treatment */
	const char **old;          /* its control list before */
	size_t nold;
	const char **controls;     /* and after */
	size_t n;
	const char **unknown;      /* ids neither catalog knows (kept) */
	size_t nunknown;
};

struct soa_migration {
	struct catalog *from, *to;
	struct soa_merged *v;      /* new catalog order */
	size_t n;
	size_t old_entries;        /* entries in the old SoA */
	struct soa_retarget *t;    /* treatments whose controls change */
	size_t nt;
	size_t conflicts, added_new, undecided;
};

/* Plans the migration of p's SoA to catalog `to`.  Fails (EXIT_USAGE)
 * when `to` has no mapping from the SoA's catalog, and (EXIT_DATA) when
 * the SoA holds an id its own catalog does not know. */
struct isms_error *soa_migrate_plan(const struct project *p, const char *to,
    struct soa_migration *m);
/* Rewrites soa.yaml's controls and catalog, the treatments and
 * isms.yaml's catalog in the session. */
struct isms_error *soa_migrate_apply(struct session *s,
    const struct soa_migration *m);
void soa_migration_release(struct soa_migration *m);

/* The catalog the SoA follows: soa.yaml's `catalog:`, else isms.yaml's,
 * else iso27001-2022. */
const char *soa_catalog_name(const struct project *p);

#endif
