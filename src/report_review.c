/*
 * The management review input pack: ISO/IEC 27001:2022 clause 9.3.2 lists
 * what top management must consider (a to g), and this document gives one
 * heading to each, in that order, filled from the registers.
 *
 * Earlier reviews and their actions come from reviews.yaml, objectives
 * from objectives.yaml, monitoring results from metrics.yaml and incidents
 * from incidents.yaml, all judged by the pdca module (pdca.h); the trends
 * of d) are the last four calendar quarters (pdca_quarters()).  Where the
 * registers hold nothing for an input (there is no register of feedback
 * from interested parties), the pack says so under its heading rather than
 * leaving the heading out: a board following the clause should see every
 * input accounted for.  The context is shown as it stands; its history is
 * in git.
 */
#include "report_int.h"

#include <string.h>

#include "isms/method.h"

static struct table *tbl_issues(const struct doc *d)
{
	static const char *const cols[] = { "ID", "Kind", "Issue" };
	struct table *t = DOC_TABLE(cols);
	const struct reclist *l = &d->p->scope->issues;

	for (size_t i = 0; i < l->n; i++) {
		const struct scope_issue *is = l->v[i];
		table_row(t);
		table_cell(t, is->id);
		table_cell(t, rec_has(is, coll_defs[COL_ISSUES].schema, "kind") ?
		    issue_kinds[is->kind] : "");
		table_cell(t, is->text);
	}
	return t;
}

static struct table *tbl_parties(const struct doc *d)
{
	static const char *const cols[] = { "ID", "Interested party",
		"Requirements" };
	struct table *t = DOC_TABLE(cols);
	struct sbuf sb = SBUF_INIT;
	const struct reclist *l = &d->p->scope->parties;

	for (size_t i = 0; i < l->n; i++) {
		const struct party *pa = l->v[i];
		table_row(t);
		table_cell(t, pa->id);
		table_cell(t, pa->name);
		sbuf_join(&sb, pa->requirements.v, pa->requirements.n, "; ");
		table_cell(t, sb.buf);
		sbuf_reset(&sb);
	}
	sbuf_release(&sb);
	return t;
}

static void input_a(struct doc *d)
{
	doc_section_begin(d, "review-actions",
	    "a) Status of actions from previous management reviews");
	doc_review_figures(d);
	doc_table(d, tbl_review_actions(d, false),
	    "No earlier management review recorded an action.");
	doc_heading(d, 3, "Open risk treatment actions");
	doc_table(d, tbl_open_actions(d), "No treatment action is open.");
	doc_heading(d, 3, "Open corrective actions");
	doc_table(d, tbl_corrective(d, true), "No corrective action is open.");
	doc_section_end(d);
}

static void input_bc(struct doc *d)
{
	doc_section_begin(d, "review-issues",
	    "b) Changes in external and internal issues");
	doc_note(d, "The issues as recorded in scope.yaml today; what changed "
	    "since the last review is in the history of that file.");
	doc_table(d, tbl_issues(d), "No issues are recorded.");
	doc_section_end(d);
	doc_section_begin(d, "review-parties",
	    "c) Changes in the needs and expectations of interested parties");
	doc_note(d, "The interested parties and their requirements as recorded "
	    "in scope.yaml today.");
	doc_table(d, tbl_parties(d), "No interested parties are recorded.");
	doc_section_end(d);
}

/* The trends of the last four calendar quarters, and what they count. */
static void trends(struct doc *d)
{
	char from[11];
	struct pdca_quarter q[4];
	pdca_quarters(d->p, q, ARRAY_SIZE(q));
	doc_heading(d, 3, "Trends by quarter");
	doc_paraf(d, "Calendar quarters from %s; the last runs to today. "
	    "Incidents count by the day they occurred (else were detected, "
	    "else reported); audit findings by the day they were raised.",
	    rpt_date(q[0].start, from));
	doc_table(d, tbl_quarters(q, ARRAY_SIZE(q)), "");
}

static void input_d(struct doc *d)
{
	const struct status *s = d->s;
	doc_section_begin(d, "review-performance",
	    "d) Information security performance");
	trends(d);
	doc_heading(d, 3, "1. Nonconformities and corrective actions");
	doc_table(d, tbl_findings(d, 1u << FT_MAJOR | 1u << FT_MINOR),
	    "No nonconformity has been raised.");
	doc_table(d, tbl_corrective(d, false),
	    "No corrective action has been recorded.");
	doc_heading(d, 3, "2. Monitoring and measurement results");
	doc_metric_figures(d);
	doc_table(d, tbl_metrics(d), "No metric is recorded (metrics.yaml).");
	doc_soa_figures(d);
	doc_paraf(d, "Treatments: %zu open, %zu overdue. Treatment actions: %zu "
	    "open, %zu overdue. Risk reviews overdue: %zu. isms check: %zu "
	    "errors, %zu warnings.", s->treatments.open, s->treatments.overdue,
	    s->actions.open, s->actions.overdue, s->reviews_overdue, s->errors,
	    s->warnings);
	doc_heading(d, 3, "3. Audit results");
	doc_table(d, tbl_audits(d), "No audit is planned.");
	doc_heading(d, 3, "4. Fulfilment of information security objectives");
	doc_objective_figures(d);
	doc_table(d, tbl_objectives(d),
	    "No objective is recorded (objectives.yaml).");
	doc_heading(d, 3, "Information security incidents");
	doc_incident_figures(d);
	doc_table(d, tbl_incidents(d), "No incident is recorded.");
	doc_section_end(d);
}

static void input_e(struct doc *d)
{
	doc_section_begin(d, "review-feedback",
	    "e) Feedback from interested parties");
	doc_note(d, "isms keeps no register of feedback from interested parties "
	    "yet: report complaints, customer and regulator feedback "
	    "separately.");
	doc_section_end(d);
}

static void input_f(struct doc *d)
{
	const struct status *s = d->s;
	doc_section_begin(d, "review-risk",
	    "f) Results of risk assessment and status of risk treatment plan");
	doc_paraf(d, "Risks: %zu. Above the appetite (%s): %zu as rated, %zu "
	    "once the plan is done, %zu with the treatments in effect today.",
	    s->risks, s->appetite ? s->appetite : "not set",
	    s->above_appetite.inherent, s->above_appetite.residual,
	    s->above_appetite.current);
	doc_table(d, tbl_levels(d), "");
	doc_heading(d, 3, "Top risks");
	doc_table(d, tbl_top_risks(d, 10), "No risk has been scored.");
	doc_heading(d, 3, "Treatment plan status");
	doc_paraf(d, "Treatments: %zu (%zu open, %zu overdue). Expired "
	    "acceptances of retained risks: %zu.", s->treatments.total,
	    s->treatments.open, s->treatments.overdue, s->acceptances_expired);
	doc_table(d, tbl_overdue_treatments(d), "No treatment is overdue.");
	doc_section_end(d);
}

static void input_g(struct doc *d)
{
	doc_section_begin(d, "review-improvement",
	    "g) Opportunities for continual improvement");
	doc_table(d, tbl_findings(d, 1u << FT_OPPORTUNITY),
	    "No opportunity for improvement has been recorded.");
	doc_section_end(d);
}

void review_build(struct doc *d)
{
	doc_begin(d, "Management review input");
	doc_title_block(d, "Management review input");
	doc_para(d, "The inputs to the management review required by ISO/IEC "
	    "27001:2022 clause 9.3.2, built from the ISMS registers.");
	doc_section_begin(d, "review-summary", "Summary for the board");
	doc_figures(d);
	doc_section_end(d);
	input_a(d);
	input_bc(d);
	input_d(d);
	input_e(d);
	input_f(d);
	input_g(d);
	doc_end(d);
}
