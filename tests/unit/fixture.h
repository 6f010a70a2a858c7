/*
 * A small fixed project for the status and report tests, loaded from text
 * (project_load() overrides) so the tests touch no files.  Judged on
 * FIXTURE_TODAY; the expected figures are worked out in test_status.c.
 */
#ifndef ISMS_TEST_FIXTURE_H
#define ISMS_TEST_FIXTURE_H

#include <string.h>

#include "isms/date.h"
#include "isms/project.h"

#define FIXTURE_TODAY "2026-11-22"

static const char fixture_config[] =
    "version: 1\n"
    "organization: \"Acme <script>alert('org')</script> & Co\"\n"
    "catalog: iso27001-2022\n"
    "methodology:\n  preset: 5x5\n";

static const char fixture_scope[] =
    "version: 1\n"
    "statement: Scope <b>bold</b> | piped\n"
    "issues:\n"
    "  - {id: I-001, kind: external, text: \"Issue <i>x</i>\"}\n"
    "parties:\n"
    "  - {id: P-001, name: \"Party & <u>\", requirements: [\"Req <a>\"]}\n";

static const char fixture_risks[] =
    "version: 1\n"
    "risks:\n"
    "  - id: R-001\n"
    "    title: \"<script>alert(1)</script>\"\n"
    "    owner: \"Owner \\\"q\\\" 'a'\"\n"
    "    rating: {likelihood: 4, impact: 5}\n"
    "    review: 2026-01-01\n"
    "    sle: 1000\n"
    "    aro: 0.5\n"
    "  - id: R-002\n"
    "    title: Low risk | pipe\n"
    "    owner: CIO\n"
    "    rating: {likelihood: 2, impact: 2}\n"
    "    review: 2027-01-01\n";

static const char fixture_treatments[] =
    "version: 1\n"
    "treatments:\n"
    "  - id: T-001\n"
    "    risk: R-001\n"
    "    option: modify\n"
    "    owner: \"<img src=x onerror=alert(2)>\"\n"
    "    due: 2026-10-01\n"
    "    status: in-progress\n"
    "    actions:\n"
    "      - {text: \"Act <one>\", owner: Ops, due: 2026-11-01, done: false}\n"
    "      - {text: Act two, owner: Ops, due: 2026-12-05, done: false}\n"
    "      - {text: Act three, owner: Ops, due: 2026-01-01, done: true}\n"
    "    residual: {likelihood: 2, impact: 4, aro: 0.1}\n"
    "    cost: 300\n"
    "    annual_cost: 100\n"
    "  - id: T-002\n"
    "    risk: R-001\n"
    "    option: share\n"
    "    owner: CFO\n"
    "    status: implemented\n"
    "    residual: {likelihood: 3}\n"
    "    approved_by: CIO\n"
    "    approved_on: 2026-05-01\n";

static const char fixture_soa[] =
    "version: 1\n"
    "catalog: iso27001-2022\n"
    "controls:\n"
    "  - {id: \"5.1\", applicable: true, status: implemented, reason: \"R <x>\"}\n"
    "  - {id: \"5.2\", applicable: true, status: partial}\n"
    "  - {id: \"8.8\", applicable: false, reason: \"Not <here>\"}\n"
    "  - {id: \"6.1\"}\n";

static const char fixture_audits[] =
    "version: 1\n"
    "audits:\n"
    "  - {id: AU-001, title: \"Audit <1>\", planned: 2027-01-10, status: planned}\n"
    "findings:\n"
    "  - id: F-001\n"
    "    audit: AU-001\n"
    "    type: minor\n"
    "    ref: \"8.8\"\n"
    "    statement: \"Statement <s>\"\n"
    "    raised: 2026-10-15\n"
    "    status: open\n"
    "    action: {corrective_action: Fix it, owner: Ops, due: 2026-11-30}\n"
    "  - {id: F-002, audit: AU-001, type: opportunity, statement: Improve, "
    "raised: 2026-02-01, status: open}\n"
    "  - id: F-003\n"
    "    audit: AU-001\n"
    "    type: major\n"
    "    statement: Big\n"
    "    status: closed\n"
    "    action: {corrective_action: Done, owner: Ops, due: 2026-05-01, verified_by: QA, verified_on: 2026-06-01}\n";

/* The PDCA registers: OBJ-001 overdue, OBJ-002 due 2026-12-01; DOC-001 a
 * draft past its review; INC-001 a personal data breach detected
 * 2026-11-21, so notification is pending until 2026-11-24, target
 * 2026-11-25; INC-002 closed with lessons; M-001 monthly, latest 93 (up
 * from 90) below its target of 95, next due 2026-11-01 so stale; MR-001
 * held 2026-05-01 with an overdue action, the next review due 2027-05-01
 * (the default 12 months). */
static const char fixture_objectives[] =
    "version: 1\n"
    "objectives:\n"
    "  - {id: OBJ-001, title: \"Objective <o>\", owner: \"Own <o>\", "
    "target: \"Target <t>\", due: 2026-11-01, status: in-progress}\n"
    "  - {id: OBJ-002, title: Aim two, owner: CIO, due: 2026-12-01, "
    "status: planned}\n";

static const char fixture_documents[] =
    "version: 1\n"
    "documents:\n"
    "  - {id: DOC-001, title: \"Doc <d>\", kind: policy, owner: \"Doc owner "
    "<w>\", review: 2026-10-01, status: draft}\n"
    "  - {id: DOC-002, title: Policy, kind: policy, owner: CIO, approved_by: "
    "CEO, approved_on: 2026-06-01, review: 2027-06-01, status: approved}\n";

static const char fixture_incidents[] =
    "version: 1\n"
    "incidents:\n"
    "  - {id: INC-001, title: \"Incident <n>\", reported: 2026-11-21, "
    "detected: 2026-11-21, severity: high, personal_data: true, owner: "
    "\"Inc owner <q>\", target: 2026-11-25, status: open}\n"
    "  - {id: INC-002, title: Old one, reported: 2026-08-02, occurred: "
    "2026-08-01, severity: low, owner: Ops, target: 2026-08-20, status: "
    "closed, closed: 2026-08-10, lessons: \"Lesson <l>\"}\n";

static const char fixture_metrics[] =
    "version: 1\n"
    "metrics:\n"
    "  - id: M-001\n"
    "    title: \"Metric <m>\"\n"
    "    owner: \"Met owner <k>\"\n"
    "    period: monthly\n"
    "    target: 95\n"
    "    unit: \"% <u>\"\n"
    "    measurements:\n"
    "      - {date: 2026-09-01, value: 90}\n"
    "      - {date: 2026-10-01, value: 93, note: \"Note <z>\"}\n";

static const char fixture_reviews[] =
    "version: 1\n"
    "reviews:\n"
    "  - id: MR-001\n"
    "    date: 2026-05-01\n"
    "    chair: \"Chair <c>\"\n"
    "    actions:\n"
    "      - {text: \"Review act <r>\", owner: Board, due: 2026-10-01, "
    "done: false}\n"
    "      - {text: Done act, owner: Board, due: 2026-06-01, done: true}\n"
    "    status: held\n";

static struct project *fixture_load(void)
{
	struct text_override ov[] = {
		{ REG_CONFIG, fixture_config, sizeof(fixture_config) - 1 },
		{ REG_SCOPE, fixture_scope, sizeof(fixture_scope) - 1 },
		{ REG_RISKS, fixture_risks, sizeof(fixture_risks) - 1 },
		{ REG_TREATMENTS, fixture_treatments,
		    sizeof(fixture_treatments) - 1 },
		{ REG_SOA, fixture_soa, sizeof(fixture_soa) - 1 },
		{ REG_AUDITS, fixture_audits, sizeof(fixture_audits) - 1 },
		{ REG_OBJECTIVES, fixture_objectives,
		    sizeof(fixture_objectives) - 1 },
		{ REG_DOCUMENTS, fixture_documents,
		    sizeof(fixture_documents) - 1 },
		{ REG_INCIDENTS, fixture_incidents,
		    sizeof(fixture_incidents) - 1 },
		{ REG_METRICS, fixture_metrics, sizeof(fixture_metrics) - 1 },
		{ REG_REVIEWS, fixture_reviews, sizeof(fixture_reviews) - 1 },
	};
	struct project *p = NULL;
	long today;
	if (!date_parse(FIXTURE_TODAY, &today))
		return NULL;
	struct isms_error *err = project_load("/nonexistent/isms-fixture", today,
	    ov, sizeof(ov) / sizeof(ov[0]), &p);
	if (err) {
		err_free(err);
		return NULL;
	}
	if ((err = project_usable(p))) {
		err_free(err);
		project_free(p);
		return NULL;
	}
	return p;
}

#endif
