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
const char *const objective_statuses[] = { "planned", "in-progress",
	"achieved", "missed", "cancelled", NULL };
const char *const document_kinds[] = { "policy", "procedure", "standard",
	"record", "plan", "other", NULL };
const char *const document_statuses[] = { "draft", "approved", "withdrawn",
	NULL };
const char *const incident_severities[] = { "low", "medium", "high",
	"critical", NULL };
const char *const incident_statuses[] = { "open", "contained", "closed",
	NULL };
const char *const metric_periods[] = { "monthly", "quarterly", "yearly",
	NULL };
const char *const metric_directions[] = { "higher", "lower", NULL };
const char *const review_statuses[] = { "planned", "held", NULL };

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

/* objectives.yaml: information security objectives and their plans (6.2). */
static const struct field objective_fields[] = {
	FLD(objective, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(objective, title, FT_STR, .flags = FF_REQUIRED,
	    .help = "the objective"),
	FLD(objective, description, FT_TEXT, .help = "notes"),
	FLD(objective, clauses, FT_LIST, .singular = "clause",
	    .help = "clauses it serves"),
	FLD(objective, controls, FT_LIST, .singular = "control",
	    .help = "catalog controls it serves"),
	FLD(objective, risks, FT_LIST, .ref = "risks", .singular = "risk",
	    .help = "risks it addresses"),
	FLD(objective, metrics, FT_LIST, .ref = "metrics", .singular = "metric",
	    .help = "metrics that measure it"),
	FLD(objective, owner, FT_STR, .help = "who is responsible (6.2 g)"),
	FLD(objective, resources, FT_TEXT, .help = "resources required (6.2 f)"),
	FLD(objective, plan, FT_TEXT, .help = "what will be done (6.2 e)"),
	FLD(objective, due, FT_DATE, .help = "when it will be completed (6.2 h)"),
	FLD(objective, measure, FT_TEXT,
	    .help = "how results are evaluated (6.2 i)"),
	FLD(objective, target, FT_STR, .help = "the measurable target (6.2 b)"),
	FLD(objective, status, FT_ENUM, .values = objective_statuses,
	    .help = "planned, in-progress, achieved, missed or cancelled"),
	FLD(objective, achieved_on, FT_DATE, .help = "date it was achieved"),
	FLD(objective, evaluation, FT_TEXT, .help = "result of the evaluation"),
};
static SCHEMA(objective_schema, objective, "objective", objective_fields);

static const struct field objectives_file_fields[] = {
	FLD(objectives_file, version, FT_INT, .flags = FF_REQUIRED),
	FLD(objectives_file, objectives, FT_RECLIST, .sub = &objective_schema),
};
static SCHEMA(objectives_file_schema, objectives_file, "objectives.yaml",
    objectives_file_fields);

/* documents.yaml: the documented information the ISMS controls (7.5). */
static const struct field document_fields[] = {
	FLD(document, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(document, title, FT_STR, .flags = FF_REQUIRED,
	    .help = "document title"),
	FLD(document, kind, FT_ENUM, .values = document_kinds,
	    .help = "policy, procedure, standard, record, plan or other"),
	FLD(document, version, FT_STR, .help = "version or revision"),
	FLD(document, owner, FT_STR, .help = "who maintains it"),
	FLD(document, approved_by, FT_STR, .help = "who approved this version"),
	FLD(document, approved_on, FT_DATE, .help = "approval date"),
	FLD(document, review, FT_DATE, .help = "next review date"),
	FLD(document, controls, FT_LIST, .singular = "control",
	    .help = "catalog controls it implements"),
	FLD(document, clauses, FT_LIST, .singular = "clause",
	    .help = "clauses it answers"),
	FLD(document, distribution, FT_LIST, .singular = "recipient",
	    .help = "who receives it (7.5.3 a)"),
	FLD(document, location, FT_STR, .help = "URL or path of the document"),
	FLD(document, classification, FT_ENUM, .values = classifications,
	    .help = "public, internal, confidential or restricted"),
	FLD(document, retention, FT_STR, .help = "retention and disposition"),
	FLD(document, status, FT_ENUM, .values = document_statuses,
	    .help = "draft, approved or withdrawn"),
	FLD(document, description, FT_TEXT, .help = "notes"),
};
static SCHEMA(document_schema, document, "document", document_fields);

static const struct field documents_file_fields[] = {
	FLD(documents_file, version, FT_INT, .flags = FF_REQUIRED),
	FLD(documents_file, documents, FT_RECLIST, .sub = &document_schema),
};
static SCHEMA(documents_file_schema, documents_file, "documents.yaml",
    documents_file_fields);

/* incidents.yaml: information security incidents (A.5.24-5.28). */
static const struct field incident_fields[] = {
	FLD(incident, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(incident, title, FT_STR, .flags = FF_REQUIRED,
	    .help = "what happened"),
	FLD(incident, description, FT_TEXT, .help = "account of the incident"),
	FLD(incident, reported, FT_DATE, .flags = FF_REQUIRED,
	    .help = "date reported (add: default today)"),
	FLD(incident, occurred, FT_DATE, .help = "date it happened"),
	FLD(incident, detected, FT_DATE, .help = "date it was detected"),
	FLD(incident, category, FT_STR,
	    .help = "kind of incident (malware, phishing, loss, ...)"),
	FLD(incident, severity, FT_ENUM, .values = incident_severities,
	    .help = "low, medium, high or critical"),
	FLD(incident, assets, FT_LIST, .ref = "assets", .singular = "asset",
	    .help = "assets affected"),
	FLD(incident, risks, FT_LIST, .ref = "risks", .singular = "risk",
	    .help = "risks it realised"),
	FLD(incident, proposed_risk, FT_TEXT,
	    .help = "a new risk to assess, when none in the register fits"),
	FLD(incident, controls_failed, FT_LIST, .singular = "failed-control",
	    .help = "catalog controls that failed"),
	FLD(incident, personal_data, FT_BOOL,
	    .help = "a personal data breach"),
	FLD(incident, notifiable, FT_BOOL,
	    .help = "false when judged unlikely to harm individuals (no notification)"),
	FLD(incident, notified_on, FT_DATE,
	    .help = "date the regulator was notified"),
	FLD(incident, notification_ref, FT_STR,
	    .help = "the regulator's case reference"),
	FLD(incident, owner, FT_STR, .help = "who handles it"),
	FLD(incident, target, FT_DATE, .help = "target resolution date"),
	FLD(incident, status, FT_ENUM, .values = incident_statuses,
	    .help = "open, contained or closed"),
	FLD(incident, closed, FT_DATE, .help = "date closed"),
	FLD(incident, lessons, FT_TEXT, .help = "lessons learned (A.5.27)"),
};
static SCHEMA(incident_schema, incident, "incident", incident_fields);

static const struct field incidents_file_fields[] = {
	FLD(incidents_file, version, FT_INT, .flags = FF_REQUIRED),
	FLD(incidents_file, incidents, FT_RECLIST, .sub = &incident_schema),
};
static SCHEMA(incidents_file_schema, incidents_file, "incidents.yaml",
    incidents_file_fields);

/* metrics.yaml: monitoring and measurement (9.1). */
static const struct field measurement_fields[] = {
	FLD(measurement, date, FT_DATE, .flags = FF_REQUIRED,
	    .help = "when measured"),
	FLD(measurement, value, FT_NUM, .flags = FF_REQUIRED,
	    .help = "the result"),
	FLD(measurement, note, FT_STR, .help = "remark"),
};
static SCHEMA(measurement_schema, measurement, "measurement",
    measurement_fields);

static const struct field metric_fields[] = {
	FLD(metric, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(metric, title, FT_STR, .flags = FF_REQUIRED,
	    .help = "what is measured"),
	FLD(metric, description, FT_TEXT, .help = "notes"),
	FLD(metric, clauses, FT_LIST, .singular = "clause",
	    .help = "clauses it serves"),
	FLD(metric, controls, FT_LIST, .singular = "control",
	    .help = "catalog controls it monitors"),
	FLD(metric, risks, FT_LIST, .ref = "risks", .singular = "risk",
	    .help = "risks it monitors"),
	FLD(metric, method, FT_TEXT, .help = "how it is measured (9.1 b)"),
	FLD(metric, frequency_days, FT_INT,
	    .help = "days between measurements (or period)"),
	FLD(metric, period, FT_ENUM, .values = metric_periods,
	    .help = "monthly, quarterly or yearly (9.1 c)"),
	FLD(metric, owner, FT_STR, .help = "who measures (9.1 d)"),
	FLD(metric, evaluated_by, FT_STR,
	    .help = "who analyses and evaluates the results (9.1 f)"),
	FLD(metric, target, FT_NUM, .help = "target value"),
	FLD(metric, direction, FT_ENUM, .values = metric_directions,
	    .help = "higher or lower is better (default higher)"),
	FLD(metric, unit, FT_STR, .help = "unit of the values"),
	FLD(metric, start, FT_DATE, .help = "date measurement starts"),
	FLD(metric, measurements, FT_RECLIST, .sub = &measurement_schema,
	    .flags = FF_FLOWITEM, .help = "results {date, value, note}"),
};
static SCHEMA(metric_schema, metric, "metric", metric_fields);

static const struct field metrics_file_fields[] = {
	FLD(metrics_file, version, FT_INT, .flags = FF_REQUIRED),
	FLD(metrics_file, metrics, FT_RECLIST, .sub = &metric_schema),
};
static SCHEMA(metrics_file_schema, metrics_file, "metrics.yaml",
    metrics_file_fields);

/* reviews.yaml: management reviews (9.3). */
static const struct field review_fields[] = {
	FLD(review, id, FT_STR, .flags = FF_ID | FF_REQUIRED),
	FLD(review, date, FT_DATE, .flags = FF_REQUIRED,
	    .help = "date held or planned"),
	FLD(review, chair, FT_STR, .help = "who chaired it"),
	FLD(review, attendees, FT_LIST, .singular = "attendee",
	    .help = "who took part"),
	FLD(review, inputs, FT_LIST, .singular = "input",
	    .help = "what was considered (9.3.2)"),
	FLD(review, decisions, FT_LIST, .singular = "decision",
	    .help = "decisions taken (9.3.3)"),
	FLD(review, actions, FT_RECLIST, .sub = &action_schema,
	    .flags = FF_FLOWITEM, .help = "actions {text, owner, due, done}"),
	FLD(review, minutes, FT_STR, .help = "where the minutes are kept"),
	FLD(review, status, FT_ENUM, .values = review_statuses,
	    .help = "planned or held"),
};
static SCHEMA(review_schema, review, "review", review_fields);

static const struct field reviews_file_fields[] = {
	FLD(reviews_file, version, FT_INT, .flags = FF_REQUIRED),
	FLD(reviews_file, reviews, FT_RECLIST, .sub = &review_schema),
};
static SCHEMA(reviews_file_schema, reviews_file, "reviews.yaml",
    reviews_file_fields);

const struct reg_def reg_defs[REG_COUNT] = {
	[REG_CONFIG] = { "isms.yaml", &config_schema, true },
	[REG_SCOPE] = { "scope.yaml", &scope_schema, false },
	[REG_ASSETS] = { "assets.yaml", &assets_file_schema, false },
	[REG_RISKS] = { "risks.yaml", &risks_file_schema, false },
	[REG_TREATMENTS] = { "treatments.yaml", &treatments_file_schema, false },
	[REG_SOA] = { "soa.yaml", &soa_file_schema, false },
	[REG_AUDITS] = { "audits.yaml", &audits_file_schema, false },
	[REG_OBJECTIVES] = { "objectives.yaml", &objectives_file_schema, false },
	[REG_DOCUMENTS] = { "documents.yaml", &documents_file_schema, false },
	[REG_INCIDENTS] = { "incidents.yaml", &incidents_file_schema, false },
	[REG_METRICS] = { "metrics.yaml", &metrics_file_schema, false },
	[REG_REVIEWS] = { "reviews.yaml", &reviews_file_schema, false },
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
	[COL_OBJECTIVES] = COLL(objectives, "objective", REG_OBJECTIVES,
	    objective_schema, "OBJ-", objectives_file),
	[COL_DOCUMENTS] = COLL(documents, "document", REG_DOCUMENTS,
	    document_schema, "DOC-", documents_file),
	[COL_INCIDENTS] = COLL(incidents, "incident", REG_INCIDENTS,
	    incident_schema, "INC-", incidents_file),
	[COL_METRICS] = COLL(metrics, "metric", REG_METRICS, metric_schema,
	    "M-", metrics_file),
	[COL_REVIEWS] = COLL(reviews, "review", REG_REVIEWS, review_schema,
	    "MR-", reviews_file),
};

int coll_lookup(const char *name)
{
	for (int i = 0; i < COL_COUNT; i++)
		if (strcmp(coll_defs[i].name, name) == 0 ||
		    strcmp(coll_defs[i].noun, name) == 0)
			return i;
	return -1;
}
