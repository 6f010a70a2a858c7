/*
 * The rest of the PDCA cycle, judged: objectives (6.2), documented
 * information (7.5), incidents (A.5.24-5.28), monitoring and measurement
 * (9.1) and management reviews (9.3).
 *
 * Every judgement of "overdue", "stale", "below target" or "late" is made
 * here, once, against p->today, and shared by the check rules
 * (check_pdca.c), the commands and the summary that `isms status`, `isms
 * report` and the management review pack show, so all of them say the same
 * thing about the same record.  Nothing here is stored: the registers hold
 * dates and values, and every figure is derived on each read.
 *
 * Dates are whole days (date.h).  Where a policy is stated in hours (the
 * breach notification window) it is rounded up to whole days, because the
 * registers record the day a breach was detected and notified, not the
 * hour: 72 hours from a breach detected on 1 March ends with 4 March.
 */
#ifndef ISMS_PDCA_H
#define ISMS_PDCA_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/json.h"
#include "isms/project.h"

/* Policy settings in isms.yaml (`policy: {...}`), with their defaults. */
#define PDCA_NOTIFY_HOURS "breach_notification_hours"
#define PDCA_NOTIFY_HOURS_DEFAULT 72
#define PDCA_REVIEW_MONTHS "review_interval_months"
#define PDCA_REVIEW_MONTHS_DEFAULT 12

/* policy.KEY as a positive whole number; dflt when absent.  *bad (may be
 * NULL) is set to the node when the value is present but not a positive
 * whole number (dflt is then returned too). */
long pdca_policy(const struct project *p, const char *key, long dflt,
    const struct ynode **bad);

/* Objectives: open while planned, in progress or without a status. */
bool pdca_objective_open(const struct objective *o);
bool pdca_objective_overdue(const struct project *p,
    const struct objective *o);

/* Documents: unapproved when a draft (or without a status), or approved
 * without approved_by and approved_on; withdrawn documents are neither
 * unapproved nor due for review. */
bool pdca_document_unapproved(const struct document *d);
bool pdca_document_review_overdue(const struct project *p,
    const struct document *d);

/* Incidents: open until closed; overdue when open past its target. */
bool pdca_incident_open(const struct incident *i);
bool pdca_incident_overdue(const struct project *p,
    const struct incident *i);
/* When it happened: occurred, else detected, else reported. */
long pdca_incident_date(const struct incident *i);

enum pdca_notice {
	NOTICE_NONE,    /* not a notifiable personal data breach */
	NOTICE_ON_TIME, /* notified within the window */
	NOTICE_PENDING, /* not notified yet, the window still open */
	NOTICE_LATE,    /* notified after the window */
	NOTICE_MISSED,  /* not notified, the window passed */
};
/* Where a personal data breach stands against the notification window,
 * counted from detected (else reported); *deadline (may be NULL) is the
 * last day notification is on time, DATE_NONE for NOTICE_NONE. */
enum pdca_notice pdca_incident_notice(const struct project *p,
    const struct incident *i, long *deadline);
/* "not-required", "on-time", "pending", "late", "missed": the names the
 * incident command's JSON and the report print. */
const char *pdca_notice_name(enum pdca_notice n);
/* The realised risk was not re-assessed since the incident: neither its
 * identified nor its review date is on or after the incident date. */
bool pdca_risk_not_reassessed(const struct incident *i, const struct risk *r);

/* Metrics.  The latest measurement is the one with the latest date (the
 * later in the list on a tie); previous is the one before it. */
const struct measurement *pdca_metric_latest(const struct metric *m);
const struct measurement *pdca_metric_previous(const struct metric *m);
/* Days or months between measurements: frequency_days, else period;
 * false when the metric states neither. */
bool pdca_metric_interval(const struct metric *m, long *days, int *months);
/* The day by which the next measurement is due: the latest measurement
 * (else start) plus the interval; DATE_NONE without an interval, and the
 * metric's start (or DATE_NONE) when it was never measured and has no
 * start. */
long pdca_metric_next_due(const struct metric *m);
bool pdca_metric_stale(const struct project *p, const struct metric *m);

enum pdca_target { TARGET_UNKNOWN, TARGET_MET, TARGET_MISSED };
/* The latest measurement against the target (direction higher unless it
 * says lower); unknown without a target or a measurement. */
enum pdca_target pdca_metric_target(const struct metric *m);
/* The latest against the previous measurement: 1 better, -1 worse, 0 the
 * same or fewer than two measurements. */
int pdca_metric_trend(const struct metric *m);
/* "met", "missed" or "" (unknown); "better", "worse" or "same". */
const char *pdca_target_name(enum pdca_target t);
const char *pdca_trend_name(int trend);

/* An SoA evidence item that starts with a document id ("DOC-004 Backup
 * procedure v2", the id followed by the end, a space, ',', ':' or ';'):
 * true, with the id copied into id (size bytes at most). */
bool pdca_evidence_document(const char *item, char *id, size_t size);

/* An action (review or treatment) not done and past its due date. */
bool pdca_action_overdue(const struct project *p, const struct action *a);

/* Management reviews: the latest held review (NULL when none), and the
 * day by which the next must be held (the latest plus the policy
 * interval; else the earliest planned review's date; else DATE_NONE). */
const struct review *pdca_last_review(const struct project *p);
long pdca_review_due(const struct project *p);

/* Incidents and nonconformities per calendar quarter, for the trends of
 * ISO/IEC 27001:2022 9.3.2 d (9.3 c in the 2013 edition).  Quarters run
 * oldest first and end with the one holding today. */
struct pdca_quarter {
	long start, end;       /* first and last day */
	char label[16];        /* "2026-Q4" */
	size_t incidents;      /* by pdca_incident_date() */
	size_t serious;        /* of those, high or critical */
	size_t personal_data;  /* of those, personal data breaches */
	size_t findings;       /* audit findings raised (nonconformities
				  and observations) */
	size_t nonconformities; /* of those, major or minor */
};
/* Fills q[0 .. n-1]. */
void pdca_quarters(const struct project *p, struct pdca_quarter *q,
    size_t n);

/* The summary figures for status, report and the management review. */
struct pdca_summary {
	long today;
	size_t objectives;
	size_t objectives_by_status[OBJ_STATUS_COUNT + 1]; /* last: no status */
	size_t objectives_overdue;
	size_t documents;
	size_t documents_by_status[DOC_STATUS_COUNT + 1];  /* last: none */
	size_t documents_unapproved;
	size_t documents_review_overdue;
	size_t incidents;
	size_t incidents_open;
	size_t open_by_severity[INC_SEVERITY_COUNT + 1];   /* last: none */
	size_t incidents_overdue;
	size_t incidents_no_lessons;  /* closed without lessons learned */
	size_t breaches;              /* personal data breaches */
	size_t breaches_late;         /* notified late or not at all */
	size_t breaches_pending;      /* window still open */
	size_t metrics;
	size_t metrics_met, metrics_missed, metrics_unknown; /* vs target */
	size_t metrics_stale;
	size_t reviews_held;
	size_t review_actions, review_actions_open, review_actions_overdue;
	long last_review;             /* DATE_NONE when none was held */
	long next_review_due;         /* DATE_NONE when unknown */
	bool review_overdue;
};
void pdca_summarise(const struct project *p, struct pdca_summary *s);
/* The figures as members of the JSON object the caller has open (keys
 * "objectives", "documents", "incidents", "metrics", "reviews"). */
void pdca_summary_json(const struct pdca_summary *s, struct json_writer *w);
/* "key": "YYYY-MM-DD", or null for DATE_NONE. */
void pdca_json_date(struct json_writer *w, const char *key, long date);
/* A few aligned lines for a terminal dashboard. */
void pdca_summary_text(const struct pdca_summary *s, struct sbuf *out);
/* "2 planned, 1 achieved" from the non-zero counts[0 .. n-1], named by
 * names[], then counts[n] as "without status"; "none" when all are zero.
 * The counts of the summary (by status, open by severity) read the same
 * on the status screen and in the report. */
void pdca_text_counts(struct sbuf *out, const char *const *names,
    const size_t *counts, size_t n);

/* Dated work still open, for "next due" lists: every one whose date is on
 * or after from, earliest first (ties by kind, then id). */
enum pdca_due_kind {
	PDUE_OBJECTIVE,
	PDUE_DOCUMENT_REVIEW,
	PDUE_INCIDENT,
	PDUE_NOTIFICATION,
	PDUE_MEASUREMENT,
	PDUE_REVIEW_ACTION,
	PDUE_REVIEW,
};
struct pdca_due {
	long date;
	enum pdca_due_kind kind;
	const char *id;     /* objective, document, incident, metric, review */
	const char *text;   /* what is due (may be NULL) */
	const char *owner;  /* may be NULL */
};
/* "objective", "document-review", "incident", "notification",
 * "measurement", "review-action", "management-review". */
const char *pdca_due_kind_name(enum pdca_due_kind k);
/* Returns how many; *out is malloc'd (free it), borrowing from p. */
size_t pdca_due_items(const struct project *p, long from,
    struct pdca_due **out);

#endif
