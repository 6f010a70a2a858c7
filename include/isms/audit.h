/*
 * The audit programme (ISO/IEC 27001:2022 9.2, ISO 19011) and
 * nonconformities (10.2) over a loaded project: what an audit covers, when
 * each clause and applicable control was last audited, the auditor's
 * checklist, and the state of findings.
 *
 * Everything here is computed from the registers on every read and never
 * stored.  Ids handed out point into the project's catalog or YAML trees
 * and live as long as the project; the arrays are the caller's to release.
 *
 * Coverage items are the catalog's leaf clauses (4.1 ... 10.2: the
 * requirements, not their headings) and the controls the SoA marks
 * applicable.  A scope entry covers itself and everything under it, so
 * "6" covers 6.1.1 to 6.3.  An audit counts as having audited its scope
 * once it is reported or closed, on its completed date, else its planned
 * date.  The programme cycle (cycle_months, 36 when absent) is counted
 * back from today: an item audited on or after today - cycle is inside
 * it.  An item's due date is its last audit + cycle, or for an item never
 * audited the programme start + cycle; the start is programme.start, else
 * the earliest date of any audit.  With neither, no due date is known and
 * nothing is overdue: a new project is not in breach of a programme it has
 * not begun.
 */
#ifndef ISMS_AUDIT_H
#define ISMS_AUDIT_H

#include "isms/catalog.h"
#include "isms/project.h"

#define AUDIT_DEFAULT_CYCLE 36

enum audit_item_kind { AI_CLAUSE, AI_CONTROL };

/* A growable list of borrowed id strings. */
struct audit_ids {
	const char **v;
	size_t n, cap;
};

void audit_ids_release(struct audit_ids *ids);

/*
 * Parses one scope argument, "clauses=4-10", "controls=5.15,8.8" or
 * "controls=5.15-5.18", and appends the catalog ids it names (without
 * repeats) to clauses or controls.  A range A-B takes A, B and the ids of
 * the same level between them in catalog order (4-10 is 4, 5, ... 10).
 * EXIT_USAGE for a malformed argument, EXIT_DATA for an id the catalog
 * does not have.
 */
struct isms_error *audit_scope_parse(const struct catalog *c,
    const char *spec, struct audit_ids *clauses, struct audit_ids *controls);

/* A clause with no clause under it (4.1, not 4): a requirement. */
bool audit_clause_is_leaf(const struct catalog *c, const char *id);
/* True when scope entry `entry` covers clause `id` (equal, or above it). */
bool audit_clause_covers(const char *entry, const char *id);

struct audit_item {
	enum audit_item_kind kind;
	const char *id;
	const char *title;
};

/* What an audit's scope expands to: leaf clauses, then controls, each in
 * catalog order.  Entries the catalog does not know are left out (the
 * audit-bad-scope rule reports them). */
size_t audit_scope_items(const struct project *p, const struct audit *a,
    struct audit_item **out);

/* Clause or control a finding's ref names: "8.8", or "A.8.8" for the
 * control alone.  A bare id that is both a clause and a control (5.1)
 * names both. */
#define AUDIT_REF_CLAUSE  0x1u
#define AUDIT_REF_CONTROL 0x2u
unsigned audit_ref_kind(const struct catalog *c, const char *ref,
    const char **clause_title, const char **control_title);

/* Dates and states. */
int audit_status(const struct audit *a);          /* planned when absent */
long audit_date(const struct audit *a);           /* completed, else planned */
bool audit_is_done(const struct audit *a);        /* reported or closed */
/* Still planned although its planned date has passed. */
bool audit_is_stale(const struct project *p, const struct audit *a);
/* Status moves only forwards: planned, in-progress, reported, closed. */
bool audit_status_allowed(int from, int to);

int finding_status(const struct finding *f);      /* open when absent */
bool finding_is_nc(const struct finding *f);      /* major or minor */
/* True when the finding was raised by the audit with id audit_id. */
bool finding_of_audit(const struct finding *f, const char *audit_id);
long finding_due(const struct finding *f);        /* action.due or DATE_NONE */
/* The finding has a corrective action and is still open: the action is
 * work to do, whatever it records as verified. */
bool finding_action_open(const struct finding *f);
/* Open, with a corrective action due before today. */
bool finding_is_overdue(const struct project *p, const struct finding *f);
/* Why the finding may not be closed yet (a nonconformity without a root
 * cause or a corrective action), or NULL.  The text names what is missing:
 * "a root cause and a corrective action". */
const char *finding_close_blocker(const struct finding *f);
/* True when a closed finding's effectiveness was verified (by and on). */
bool finding_is_verified(const struct finding *f);

/* Coverage of the programme. */
enum coverage_state { COV_OK, COV_DUE, COV_OVERDUE };

struct coverage_row {
	struct audit_item item;
	const struct audit *last;   /* last reported or closed audit, or NULL */
	long last_date;             /* DATE_NONE when never audited */
	const struct audit *next;   /* earliest planned or in-progress audit */
	long next_date;
	long due;                   /* DATE_NONE when unknown */
	bool within_cycle;
	enum coverage_state state;
};

struct coverage {
	int cycle_months;
	long start;                 /* programme start, DATE_NONE if none */
	long window_start;          /* today - cycle */
	bool has_programme;         /* audits.yaml has a programme */
	struct coverage_row *v;
	size_t n;
};

void audit_coverage(const struct project *p, struct coverage *out);
void coverage_release(struct coverage *c);
const char *coverage_state_name(enum coverage_state s);

/* One row of the auditor's checklist (ISO 19011 6.3.4). */
struct checklist_row {
	struct audit_item item;
	const struct soa_control *soa;   /* the control's SoA entry, or NULL */
	const char *registers;           /* clauses: where the ISMS keeps its
					    documented information, or NULL */
	struct audit_ids treatments;     /* live treatments that use the
					    control (soa_uses_find()) */
	struct audit_ids risks;          /* their risks, in that order */
};

size_t audit_checklist(const struct project *p, const struct audit *a,
    struct checklist_row **out);
void checklist_release(struct checklist_row *rows, size_t n);

#endif
