/*
 * The schema tables of every register (SPEC §1), and the collection table.
 *
 * Field order in each table is the canonical key order in which new records
 * are written.  Help strings are what `isms COMMAND add --help` prints.
 */
#include "isms/register.h"

#include <string.h>

#define FLD(st, nm, ty, ...) \
	{ .name = #nm, .type = ty, .off = offsetof(struct st, nm), __VA_ARGS__ }
#define SCHEMA(var, st, label, fields) \
	const struct schema var = { label, sizeof(struct st), fields, \
		ARRAY_SIZE(fields) }

const char *const asset_types[] = { "information", "software", "hardware",
	"service", "people", "site", "supplier", NULL };
const char *const classifications[] = { "public", "internal", "confidential",
	"restricted", NULL };
const char *const treat_options[] = { "modify", "retain", "avoid", "share",
	NULL };
const char *const treat_statuses[] = { "planned", "in-progress",
	"implemented", "verified", "cancelled", NULL };
const char *const soa_statuses[] = { "not-started", "planned", "partial",
	"implemented", NULL };
const char *const audit_statuses[] = { "planned", "in-progress", "reported",
	"closed", NULL };
const char *const finding_types[] = { "major", "minor", "observation",
	"opportunity", NULL };
const char *const finding_statuses[] = { "open", "closed", NULL };
const char *const issue_kinds[] = { "internal", "external", NULL };
const char *const boundary_kinds[] = { "unit", "location", "process",
	"system", NULL };
const char *const directions[] = { "inbound", "outbound", "both", NULL };
static const char *const cia_letters[] = { "c", "i", "a", NULL };

/* isms.yaml */
static const struct field config_fields[] = {
	FLD(config, version, FT_INT, .flags = FF_REQUIRED,
	    .help = "register format version (1)"),
	FLD(config, organization, FT_STR, .help = "organisation name"),
	FLD(config, catalog, FT_STR,
	    .help = "control catalog: iso27001-2022, iso27001-2013 or catalogs/NAME"),
	FLD(config, methodology, FT_NODE, .help = "risk methodology (SPEC §2)"),
	FLD(config, policy, FT_NODE, .help = "policy settings"),
};
static SCHEMA(config_schema, config, "isms.yaml", config_fields);

/* scope.yaml */
static const struct field issue_fields[] = {
	FLD(scope_issue, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(scope_issue, kind, FT_ENUM, .flags = FF_REQUIRED,
	    .values = issue_kinds, .help = "internal or external (4.1)"),
	FLD(scope_issue, text, FT_TEXT, .flags = FF_REQUIRED,
	    .help = "the issue"),
};
static SCHEMA(issue_schema, scope_issue, "issue", issue_fields);

static const struct field party_fields[] = {
	FLD(party, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(party, name, FT_STR, .flags = FF_REQUIRED,
	    .help = "interested party (4.2)"),
	FLD(party, requirements, FT_LIST, .singular = "requirement",
	    .help = "their relevant requirements"),
};
static SCHEMA(party_schema, party, "party", party_fields);

static const struct field boundary_fields[] = {
	FLD(boundary, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(boundary, kind, FT_ENUM, .flags = FF_REQUIRED,
	    .values = boundary_kinds,
	    .help = "unit, location, process or system"),
	FLD(boundary, name, FT_STR, .flags = FF_REQUIRED,
	    .help = "what is inside the scope"),
	FLD(boundary, description, FT_TEXT, .help = "notes"),
};
static SCHEMA(boundary_schema, boundary, "boundary", boundary_fields);

static const struct field interface_fields[] = {
	FLD(interface, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(interface, name, FT_STR, .flags = FF_REQUIRED,
	    .help = "activity or party outside the scope (4.3 c)"),
	FLD(interface, direction, FT_ENUM, .values = directions,
	    .help = "inbound, outbound or both"),
	FLD(interface, description, FT_TEXT, .help = "what crosses it"),
};
static SCHEMA(interface_schema, interface, "interface", interface_fields);

static const struct field exclusion_fields[] = {
	FLD(exclusion, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(exclusion, name, FT_STR, .flags = FF_REQUIRED,
	    .help = "what is excluded"),
	FLD(exclusion, reason, FT_TEXT, .flags = FF_REQUIRED,
	    .help = "justification for the exclusion"),
};
static SCHEMA(exclusion_schema, exclusion, "exclusion", exclusion_fields);

static const struct field scope_fields[] = {
	FLD(scope, version, FT_INT, .flags = FF_REQUIRED),
	FLD(scope, statement, FT_TEXT, .help = "the scope statement (4.3)"),
	FLD(scope, issues, FT_RECLIST, .sub = &issue_schema,
	    .flags = FF_FLOWITEM),
	FLD(scope, parties, FT_RECLIST, .sub = &party_schema,
	    .flags = FF_FLOWITEM),
	FLD(scope, boundaries, FT_RECLIST, .sub = &boundary_schema,
	    .flags = FF_FLOWITEM),
	FLD(scope, interfaces, FT_RECLIST, .sub = &interface_schema,
	    .flags = FF_FLOWITEM),
	FLD(scope, exclusions, FT_RECLIST, .sub = &exclusion_schema,
	    .flags = FF_FLOWITEM),
};
static SCHEMA(scope_schema, scope, "scope.yaml", scope_fields);

/* assets.yaml */
static const struct field asset_fields[] = {
	FLD(asset, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(asset, name, FT_STR, .flags = FF_REQUIRED, .help = "asset name"),
	FLD(asset, type, FT_ENUM, .values = asset_types,
	    .help = "information, software, hardware, service, people, site or supplier"),
	FLD(asset, owner, FT_STR, .help = "accountable owner (A.5.9)"),
	FLD(asset, classification, FT_ENUM, .values = classifications,
	    .help = "public, internal, confidential or restricted"),
	FLD(asset, c, FT_INT, .help = "confidentiality on the impact scale"),
	FLD(asset, i, FT_INT, .help = "integrity on the impact scale"),
	FLD(asset, a, FT_INT, .help = "availability on the impact scale"),
	FLD(asset, location, FT_STR, .help = "where it is"),
	FLD(asset, depends_on, FT_LIST, .ref = "assets",
	    .singular = "depends-on", .help = "assets it relies on"),
	FLD(asset, in_scope, FT_BOOL, .help = "inside the ISMS scope (default true)"),
	FLD(asset, description, FT_TEXT, .help = "notes"),
};
static SCHEMA(asset_schema, asset, "asset", asset_fields);

static const struct field assets_file_fields[] = {
	FLD(assets_file, version, FT_INT, .flags = FF_REQUIRED),
	FLD(assets_file, assets, FT_RECLIST, .sub = &asset_schema),
};
static SCHEMA(assets_file_schema, assets_file, "assets.yaml",
    assets_file_fields);

/* risks.yaml */
static const struct field range_fields[] = {
	FLD(range3, min, FT_NUM, .flags = FF_REQUIRED),
	FLD(range3, mode, FT_NUM, .flags = FF_REQUIRED),
	FLD(range3, max, FT_NUM, .flags = FF_REQUIRED),
};
static SCHEMA(range_schema, range3, "range", range_fields);

static const struct field loss_fields[] = {
	FLD(loss, frequency, FT_MAP, .sub = &range_schema, .flags = FF_REQUIRED,
	    .help = "events per year {min, mode, max}"),
	FLD(loss, magnitude, FT_MAP, .sub = &range_schema, .flags = FF_REQUIRED,
	    .help = "loss per event {min, mode, max}"),
};
static SCHEMA(loss_schema, loss, "loss", loss_fields);

static const struct field risk_fields[] = {
	FLD(risk, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(risk, title, FT_STR, .flags = FF_REQUIRED, .help = "what could happen"),
	FLD(risk, assets, FT_LIST, .ref = "assets", .singular = "asset",
	    .help = "assets harmed"),
	FLD(risk, threat, FT_STR, .help = "threat source"),
	FLD(risk, vulnerability, FT_STR, .help = "weakness exploited"),
	FLD(risk, cia, FT_LIST, .values = cia_letters,
	    .help = "properties harmed: c, i, a"),
	FLD(risk, owner, FT_STR, .help = "risk owner"),
	FLD(risk, rating, FT_RATING, .help = "methodology factors by name"),
	FLD(risk, identified, FT_DATE, .help = "date identified"),
	FLD(risk, review, FT_DATE, .help = "next review date"),
	FLD(risk, sle, FT_NUM, .help = "single loss expectancy"),
	FLD(risk, aro, FT_NUM, .help = "annual rate of occurrence"),
	FLD(risk, loss, FT_MAP, .sub = &loss_schema,
	    .help = "FAIR-style frequency and magnitude ranges"),
	FLD(risk, description, FT_TEXT, .help = "notes"),
};
static SCHEMA(risk_schema, risk, "risk", risk_fields);

static const struct field risks_file_fields[] = {
	FLD(risks_file, version, FT_INT, .flags = FF_REQUIRED),
	FLD(risks_file, risks, FT_RECLIST, .sub = &risk_schema),
};
static SCHEMA(risks_file_schema, risks_file, "risks.yaml", risks_file_fields);

/* treatments.yaml */
static const struct field action_fields[] = {
	FLD(action, text, FT_STR, .flags = FF_REQUIRED, .help = "what is done"),
	FLD(action, owner, FT_STR, .help = "who does it"),
	FLD(action, due, FT_DATE, .help = "by when"),
	FLD(action, done, FT_BOOL, .help = "finished"),
};
static SCHEMA(action_schema, action, "action", action_fields);

static const struct field treatment_fields[] = {
	FLD(treatment, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(treatment, risk, FT_STR, .flags = FF_REQUIRED, .ref = "risks",
	    .help = "the risk treated"),
	FLD(treatment, option, FT_ENUM, .flags = FF_REQUIRED,
	    .values = treat_options, .help = "modify, retain, avoid or share"),
	FLD(treatment, controls, FT_LIST, .singular = "control",
	    .help = "catalog controls applied"),
	FLD(treatment, owner, FT_STR, .help = "who carries it out"),
	FLD(treatment, due, FT_DATE, .help = "completion date"),
	FLD(treatment, status, FT_ENUM, .values = treat_statuses,
	    .help = "planned, in-progress, implemented, verified or cancelled"),
	FLD(treatment, actions, FT_RECLIST, .sub = &action_schema,
	    .flags = FF_FLOWITEM, .help = "steps {text, owner, due, done}"),
	FLD(treatment, residual, FT_RATING,
	    .help = "rating after treatment (factors, optional sle and aro)"),
	FLD(treatment, cost, FT_NUM, .help = "one-off cost"),
	FLD(treatment, annual_cost, FT_NUM, .help = "running cost per year"),
	FLD(treatment, cost_years, FT_NUM,
	    .help = "years over which the one-off cost is spread (default 3)"),
	FLD(treatment, approved_by, FT_STR, .help = "risk owner who approved"),
	FLD(treatment, approved_on, FT_DATE, .help = "approval date"),
	FLD(treatment, expires, FT_DATE, .help = "when an acceptance must be renewed"),
	FLD(treatment, rationale, FT_TEXT, .help = "why this treatment"),
};
static SCHEMA(treatment_schema, treatment, "treatment", treatment_fields);

static const struct field treatments_file_fields[] = {
	FLD(treatments_file, version, FT_INT, .flags = FF_REQUIRED),
	FLD(treatments_file, treatments, FT_RECLIST, .sub = &treatment_schema),
};
static SCHEMA(treatments_file_schema, treatments_file, "treatments.yaml",
    treatments_file_fields);

/* soa.yaml */
static const struct field soa_control_fields[] = {
	FLD(soa_control, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(soa_control, applicable, FT_BOOL,
	    .help = "true or false; absent = not yet decided"),
	FLD(soa_control, reason, FT_TEXT, .help = "justification"),
	FLD(soa_control, status, FT_ENUM, .values = soa_statuses,
	    .help = "not-started, planned, partial or implemented"),
	FLD(soa_control, owner, FT_STR, .help = "control owner"),
	FLD(soa_control, evidence, FT_LIST, .singular = "evidence",
	    .help = "documents and records that show it works"),
};
static SCHEMA(soa_control_schema, soa_control, "control", soa_control_fields);

static const struct field soa_file_fields[] = {
	FLD(soa_file, version, FT_INT, .flags = FF_REQUIRED),
	FLD(soa_file, catalog, FT_STR, .help = "catalog the SoA follows"),
	FLD(soa_file, controls, FT_RECLIST, .sub = &soa_control_schema),
};
static SCHEMA(soa_file_schema, soa_file, "soa.yaml", soa_file_fields);

/* audits.yaml */
static const struct field programme_fields[] = {
	FLD(programme, objectives, FT_LIST, .help = "audit programme objectives"),
	FLD(programme, cycle_months, FT_INT,
	    .help = "months within which everything must be audited"),
	FLD(programme, start, FT_DATE,
	    .help = "first day of the programme (default: the earliest audit)"),
	FLD(programme, risks, FT_LIST, .help = "risks to the programme"),
};
static SCHEMA(programme_schema, programme, "programme", programme_fields);

static const struct field audit_scope_fields[] = {
	FLD(audit_scope, clauses, FT_LIST, .help = "clauses 4-10 audited"),
	FLD(audit_scope, controls, FT_LIST, .help = "controls audited"),
};
static SCHEMA(audit_scope_schema, audit_scope, "audit scope",
    audit_scope_fields);

static const struct field audit_fields[] = {
	FLD(audit, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(audit, title, FT_STR, .flags = FF_REQUIRED, .help = "audit title"),
	FLD(audit, scope, FT_MAP, .sub = &audit_scope_schema,
	    .help = "{clauses: [...], controls: [...]}"),
	FLD(audit, criteria, FT_STR, .help = "audit criteria"),
	FLD(audit, lead, FT_STR, .help = "lead auditor"),
	FLD(audit, auditors, FT_LIST, .singular = "auditor",
	    .help = "audit team"),
	FLD(audit, planned, FT_DATE, .help = "planned date"),
	FLD(audit, completed, FT_DATE, .help = "date the audit was carried out"),
	FLD(audit, status, FT_ENUM, .values = audit_statuses,
	    .help = "planned, in-progress, reported or closed"),
};
static SCHEMA(audit_schema, audit, "audit", audit_fields);

static const struct field action10_fields[] = {
	FLD(corrective_action, root_cause, FT_TEXT, .help = "why it happened"),
	FLD(corrective_action, correction, FT_TEXT, .help = "immediate fix"),
	FLD(corrective_action, corrective_action, FT_TEXT,
	    .help = "action on the cause"),
	FLD(corrective_action, owner, FT_STR, .help = "who acts"),
	FLD(corrective_action, due, FT_DATE, .help = "by when"),
	FLD(corrective_action, verified_by, FT_STR,
	    .help = "who verified effectiveness"),
	FLD(corrective_action, verified_on, FT_DATE, .help = "when"),
	FLD(corrective_action, effectiveness, FT_TEXT,
	    .help = "result of the effectiveness review"),
};
static SCHEMA(action10_schema, corrective_action, "corrective action",
    action10_fields);

static const struct field finding_fields[] = {
	FLD(finding, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(finding, audit, FT_STR, .ref = "audits", .help = "audit that raised it"),
	FLD(finding, type, FT_ENUM, .flags = FF_REQUIRED, .values = finding_types,
	    .help = "major, minor, observation or opportunity"),
	FLD(finding, ref, FT_STR, .help = "clause or control"),
	FLD(finding, statement, FT_TEXT, .help = "what was found"),
	FLD(finding, evidence, FT_TEXT, .help = "objective evidence"),
	FLD(finding, raised, FT_DATE, .help = "date raised"),
	FLD(finding, status, FT_ENUM, .values = finding_statuses,
	    .help = "open or closed"),
	FLD(finding, action, FT_MAP, .sub = &action10_schema,
	    .help = "correction and corrective action (10.2)"),
	FLD(finding, closed, FT_DATE, .help = "date closed"),
};
static SCHEMA(finding_schema, finding, "finding", finding_fields);

static const struct field audits_file_fields[] = {
	FLD(audits_file, version, FT_INT, .flags = FF_REQUIRED),
	FLD(audits_file, programme, FT_MAP, .sub = &programme_schema),
	FLD(audits_file, audits, FT_RECLIST, .sub = &audit_schema),
	FLD(audits_file, findings, FT_RECLIST, .sub = &finding_schema),
};
static SCHEMA(audits_file_schema, audits_file, "audits.yaml",
    audits_file_fields);

const struct reg_def reg_defs[REG_COUNT] = {
	[REG_CONFIG] = { "isms.yaml", &config_schema, true },
	[REG_SCOPE] = { "scope.yaml", &scope_schema, false },
	[REG_ASSETS] = { "assets.yaml", &assets_file_schema, false },
	[REG_RISKS] = { "risks.yaml", &risks_file_schema, false },
	[REG_TREATMENTS] = { "treatments.yaml", &treatments_file_schema, false },
	[REG_SOA] = { "soa.yaml", &soa_file_schema, false },
	[REG_AUDITS] = { "audits.yaml", &audits_file_schema, false },
};

#define COLL(nm, noun, file, schema, prefix, st) \
	{ #nm, noun, file, &schema, prefix, offsetof(struct st, nm) }

const struct coll_def coll_defs[COL_COUNT] = {
	[COL_ISSUES] = COLL(issues, "issue", REG_SCOPE, issue_schema, "I-", scope),
	[COL_PARTIES] = COLL(parties, "party", REG_SCOPE, party_schema, "P-", scope),
	[COL_BOUNDARIES] = COLL(boundaries, "boundary", REG_SCOPE,
	    boundary_schema, "B-", scope),
	[COL_INTERFACES] = COLL(interfaces, "interface", REG_SCOPE,
	    interface_schema, "N-", scope),
	[COL_EXCLUSIONS] = COLL(exclusions, "exclusion", REG_SCOPE,
	    exclusion_schema, "X-", scope),
	[COL_ASSETS] = COLL(assets, "asset", REG_ASSETS, asset_schema, "A-",
	    assets_file),
	[COL_RISKS] = COLL(risks, "risk", REG_RISKS, risk_schema, "R-",
	    risks_file),
	[COL_TREATMENTS] = COLL(treatments, "treatment", REG_TREATMENTS,
	    treatment_schema, "T-", treatments_file),
	[COL_CONTROLS] = COLL(controls, "control", REG_SOA, soa_control_schema,
	    "", soa_file),
	[COL_AUDITS] = COLL(audits, "audit", REG_AUDITS, audit_schema, "AU-",
	    audits_file),
	[COL_FINDINGS] = COLL(findings, "finding", REG_AUDITS, finding_schema,
	    "F-", audits_file),
};

int coll_lookup(const char *name)
{
	for (int i = 0; i < COL_COUNT; i++)
		if (strcmp(coll_defs[i].name, name) == 0 ||
		    strcmp(coll_defs[i].noun, name) == 0)
			return i;
	return -1;
}
