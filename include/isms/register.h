/*
 * The registers of an ISMS project (SPEC §1) as typed records.
 *
 * Each register file has a top-level record (version plus its lists), and
 * each list holds records of one type.  A "collection" is one such list of
 * records with ids: assets, risks, treatments, SoA controls, audits,
 * findings and the lists of scope.yaml.  Collections are what ids, indexes,
 * references, `add`, `rm` and `list` work on, so they are described once in
 * the collection table and every command finds its list there.
 *
 * Strings in records point into the project's YAML trees, or, for a
 * record read streamed (yaml.h), into the project's arena, where records
 * live; they are never freed one by one.
 */
#ifndef ISMS_REGISTER_H
#define ISMS_REGISTER_H

#include "isms/schema.h"

/* Register files, in the order they are loaded and reported. */
enum reg_file {
	REG_CONFIG,     /* isms.yaml */
	REG_SCOPE,      /* scope.yaml */
	REG_ASSETS,     /* assets.yaml */
	REG_RISKS,      /* risks.yaml */
	REG_TREATMENTS, /* treatments.yaml */
	REG_SOA,        /* soa.yaml */
	REG_AUDITS,     /* audits.yaml */
	REG_OBJECTIVES, /* objectives.yaml */
	REG_DOCUMENTS,  /* documents.yaml */
	REG_INCIDENTS,  /* incidents.yaml */
	REG_METRICS,    /* metrics.yaml */
	REG_REVIEWS,    /* reviews.yaml */
	REG_COUNT
};

enum collection {
	COL_ISSUES,
	COL_PARTIES,
	COL_BOUNDARIES,
	COL_INTERFACES,
	COL_EXCLUSIONS,
	COL_ASSETS,
	COL_RISKS,
	COL_TREATMENTS,
	COL_CONTROLS,
	COL_AUDITS,
	COL_FINDINGS,
	COL_OBJECTIVES,
	COL_DOCUMENTS,
	COL_INCIDENTS,
	COL_METRICS,
	COL_REVIEWS,
	COL_COUNT
};

struct reg_def {
	const char *file;
	const struct schema *schema;   /* the top-level mapping */
	bool required;                 /* isms.yaml must exist */
};

struct coll_def {
	const char *name;      /* "assets": also the key of the list */
	const char *noun;      /* "asset" */
	enum reg_file file;
	const struct schema *schema;
	const char *prefix;    /* id prefix for new records, "A-" */
	size_t list_off;       /* where the list lives in the file's record */
};

extern const struct reg_def reg_defs[REG_COUNT];
extern const struct coll_def coll_defs[COL_COUNT];

/* The collection whose list key or noun is name, or -1. */
int coll_lookup(const char *name);

/* Enumerations, NULL-terminated, in the order SPEC lists them. */
extern const char *const asset_types[];
extern const char *const classifications[];
extern const char *const treat_options[];
extern const char *const treat_statuses[];
extern const char *const soa_statuses[];
extern const char *const audit_statuses[];
extern const char *const finding_types[];
extern const char *const finding_statuses[];
extern const char *const issue_kinds[];
extern const char *const boundary_kinds[];
extern const char *const directions[];
extern const char *const asset_value_rules[];
extern const char *const objective_statuses[];
extern const char *const document_kinds[];
extern const char *const document_statuses[];
extern const char *const incident_severities[];
extern const char *const incident_statuses[];
extern const char *const metric_periods[];
extern const char *const metric_directions[];
extern const char *const review_statuses[];

enum treat_option { OPT_MODIFY, OPT_RETAIN, OPT_AVOID, OPT_SHARE };
enum treat_status { TS_PLANNED, TS_IN_PROGRESS, TS_IMPLEMENTED, TS_VERIFIED,
	TS_CANCELLED };
enum soa_status { SOA_NOT_STARTED, SOA_PLANNED, SOA_PARTIAL,
	SOA_IMPLEMENTED };
enum audit_status { AU_PLANNED, AU_IN_PROGRESS, AU_REPORTED, AU_CLOSED };
enum finding_type { FT_MAJOR, FT_MINOR, FT_OBSERVATION, FT_OPPORTUNITY };
enum finding_status { FS_OPEN, FS_CLOSED };
enum objective_status { OBJ_PLANNED, OBJ_IN_PROGRESS, OBJ_ACHIEVED,
	OBJ_MISSED, OBJ_CANCELLED, OBJ_STATUS_COUNT };
enum document_kind { DOC_POLICY, DOC_PROCEDURE, DOC_STANDARD, DOC_RECORD,
	DOC_PLAN, DOC_OTHER };
enum document_status { DOC_DRAFT, DOC_APPROVED, DOC_WITHDRAWN,
	DOC_STATUS_COUNT };
enum incident_severity { INC_LOW, INC_MEDIUM, INC_HIGH, INC_CRITICAL,
	INC_SEVERITY_COUNT };
enum incident_status { INC_OPEN, INC_CONTAINED, INC_CLOSED,
	INC_STATUS_COUNT };
enum metric_period { PER_MONTHLY, PER_QUARTERLY, PER_YEARLY };
enum metric_direction { DIR_HIGHER, DIR_LOWER };
enum review_status { MR_PLANNED, MR_HELD };

/* isms.yaml */
struct config {
	struct rec r;
	long version;
	const char *organization;
	const char *catalog;
	const struct ynode *methodology;
	const struct ynode *policy;
};

/* scope.yaml */
struct scope_issue {
	struct rec r;
	const char *id;
	int kind;
	const char *text;
};

struct party {
	struct rec r;
	const char *id;
	const char *name;
	struct strlist requirements;
};

struct boundary {
	struct rec r;
	const char *id;
	int kind;
	const char *name;
	const char *description;
};

struct interface {
	struct rec r;
	const char *id;
	const char *name;
	int direction;
	const char *description;
};

struct exclusion {
	struct rec r;
	const char *id;
	const char *name;
	const char *reason;
};

struct scope {
	struct rec r;
	long version;
	const char *statement;
	struct reclist issues, parties, boundaries, interfaces, exclusions;
};

/* assets.yaml */
struct asset {
	struct rec r;
	const char *id;
	const char *name;
	int type;
	const char *owner;
	int classification;
	long c, i, a;
	const char *location;
	struct strlist depends_on;
	bool in_scope;
	const char *description;
};

struct assets_file {
	struct rec r;
	long version;
	struct reclist assets;
};

/* risks.yaml */
struct range3 {
	struct rec r;
	double min, mode, max;
};

struct loss {
	struct rec r;
	struct range3 *frequency;
	struct range3 *magnitude;
};

struct risk {
	struct rec r;
	const char *id;
	const char *title;
	struct strlist assets;
	const char *threat;
	const char *vulnerability;
	struct strlist cia;
	const char *owner;
	const struct ynode *rating;
	long identified;
	long review;
	double sle, aro;
	struct loss *loss;
	const char *description;
};

struct risks_file {
	struct rec r;
	long version;
	struct reclist risks;
};

/* treatments.yaml */
struct action {
	struct rec r;
	const char *text;
	const char *owner;
	long due;
	bool done;
};

struct treatment {
	struct rec r;
	const char *id;
	const char *risk;
	int option;
	struct strlist controls;
	const char *owner;
	long due;
	int status;
	struct reclist actions;
	const struct ynode *residual;
	double cost, annual_cost, cost_years;
	const char *approved_by;
	long approved_on;
	long expires;
	const char *rationale;
};

struct treatments_file {
	struct rec r;
	long version;
	struct reclist treatments;
};

/* soa.yaml */
struct soa_control {
	struct rec r;
	const char *id;
	bool applicable;
	const char *reason;
	int status;
	const char *owner;
	struct strlist evidence;
};

struct soa_file {
	struct rec r;
	long version;
	const char *catalog;
	struct reclist controls;
};

/* audits.yaml */
struct programme {
	struct rec r;
	struct strlist objectives;
	long cycle_months;
	long start;
	struct strlist risks;
};

struct audit_scope {
	struct rec r;
	struct strlist clauses;
	struct strlist controls;
};

struct audit {
	struct rec r;
	const char *id;
	const char *title;
	struct audit_scope *scope;
	const char *criteria;
	const char *lead;
	struct strlist auditors;
	long planned;
	long completed;
	int status;
};

struct corrective_action {
	struct rec r;
	const char *correction;
	const char *root_cause;
	const char *corrective_action;
	const char *owner;
	long due;
	const char *verified_by;
	long verified_on;
	const char *effectiveness;
};

struct finding {
	struct rec r;
	const char *id;
	const char *audit;
	int type;
	const char *ref;
	const char *statement;
	const char *evidence;
	long raised;
	int status;
	struct corrective_action *action;
	long closed;
};

struct audits_file {
	struct rec r;
	long version;
	struct programme *programme;
	struct reclist audits;
	struct reclist findings;
};

/*
 * The rest of the PDCA cycle: objectives (6.2), documented information
 * (7.5), incidents (A.5.24-5.28), monitoring and measurement (9.1) and
 * management reviews (9.3).  Judgements over them live in pdca.h.
 */

/* objectives.yaml */
struct objective {
	struct rec r;
	const char *id;
	const char *title;
	const char *description;
	struct strlist clauses;
	struct strlist controls;
	struct strlist risks;
	struct strlist metrics;
	const char *owner;
	const char *resources;
	const char *plan;
	long due;
	const char *measure;
	const char *target;
	int status;
	long achieved_on;
	const char *evaluation;
};

struct objectives_file {
	struct rec r;
	long version;
	struct reclist objectives;
};

/* documents.yaml */
struct document {
	struct rec r;
	const char *id;
	const char *title;
	int kind;
	const char *version;
	const char *owner;
	const char *approved_by;
	long approved_on;
	long review;
	struct strlist controls;
	struct strlist clauses;
	struct strlist distribution;
	const char *location;
	int classification;
	const char *retention;
	int status;
	const char *description;
};

struct documents_file {
	struct rec r;
	long version;
	struct reclist documents;
};

/* incidents.yaml */
struct incident {
	struct rec r;
	const char *id;
	const char *title;
	const char *description;
	long reported;
	long occurred;
	long detected;
	const char *category;
	int severity;
	struct strlist assets;
	struct strlist risks;
	const char *proposed_risk;
	struct strlist controls_failed;
	bool personal_data;
	bool notifiable;
	long notified_on;
	const char *notification_ref;
	const char *owner;
	long target;
	int status;
	long closed;
	const char *lessons;
};

struct incidents_file {
	struct rec r;
	long version;
	struct reclist incidents;
};

/* metrics.yaml */
struct measurement {
	struct rec r;
	long date;
	double value;
	const char *note;
};

struct metric {
	struct rec r;
	const char *id;
	const char *title;
	const char *description;
	struct strlist clauses;
	struct strlist controls;
	struct strlist risks;
	const char *method;
	long frequency_days;
	int period;
	const char *owner;
	const char *evaluated_by;
	double target;
	int direction;
	const char *unit;
	long start;
	struct reclist measurements;
};

struct metrics_file {
	struct rec r;
	long version;
	struct reclist metrics;
};

/* reviews.yaml: management reviews; actions are struct action, as in a
 * treatment. */
struct review {
	struct rec r;
	const char *id;
	long date;
	const char *chair;
	struct strlist attendees;
	struct strlist inputs;
	struct strlist decisions;
	struct reclist actions;
	const char *minutes;
	int status;
};

struct reviews_file {
	struct rec r;
	long version;
	struct reclist reviews;
};

#endif
