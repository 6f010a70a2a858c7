/*
 * Unit tests for the pdca module: every judgement at its boundaries (the
 * day before, on and after a date), the notification window and its
 * rounding, the metric intervals and directions, the summary figures, the
 * quarters of the trend and the list of dated work.
 *
 * Projects are loaded from register text given as overrides, against a
 * root that holds no files, so each test states all its data inline.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "isms/date.h"
#include "isms/json.h"
#include "isms/pdca.h"

static long day(const char *s)
{
	long d;
	assert_true(date_parse(s, &d));
	return d;
}

/* Loads a project from isms.yaml text plus one register's text. */
static struct project *load(const char *today, const char *config,
    enum reg_file f, const char *text)
{
	struct text_override ov[2] = {
		{ REG_CONFIG, config, strlen(config) },
		{ f, text, strlen(text) },
	};
	struct project *p = NULL;
	struct isms_error *err = project_load("/nonexistent-isms-root",
	    day(today), ov, f == REG_CONFIG ? 1 : 2, &p);
	assert_null(err);
	assert_non_null(p);
	if (p->diags.n)
		print_error("%s:%u:%u: %s\n", p->diags.v[0].file,
		    p->diags.v[0].line, p->diags.v[0].col, p->diags.v[0].msg);
	assert_int_equal(p->diags.n, 0);
	return p;
}

static const char config[] = "version: 1\n";

static void *first(struct project *p, enum collection c)
{
	struct reclist *l = project_list(p, c);
	assert_true(l->n > 0);
	return l->v[0];
}

static void test_policy(void **state)
{
	const struct ynode *bad;
	struct project *p = load("2026-11-22", config, REG_CONFIG, config);
	assert_int_equal(pdca_policy(p, PDCA_NOTIFY_HOURS, 72, &bad), 72);
	assert_null(bad);
	project_free(p);

	p = load("2026-11-22", "version: 1\npolicy: {breach_notification_hours: "
	    "36, review_interval_months: x}\n", REG_CONFIG, "version: 1\n");
	assert_int_equal(pdca_policy(p, PDCA_NOTIFY_HOURS, 72, &bad), 36);
	assert_null(bad);
	assert_int_equal(pdca_policy(p, PDCA_REVIEW_MONTHS, 12, &bad), 12);
	assert_non_null(bad);
	project_free(p);
}

static void test_objective(void **state)
{
	static const char *const rows[][3] = {
		/* today, status, overdue? */
		{ "2026-10-31", "in-progress", "0" },
		{ "2026-11-01", "in-progress", "1" },
		{ "2026-11-01", "planned", "1" },
		{ "2026-11-01", "achieved", "0" },
		{ "2026-11-01", "missed", "0" },
		{ "2026-11-01", "cancelled", "0" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *text = xasprintf("version: 1\nobjectives:\n  - {id: OBJ-001,"
		    " title: T, due: 2026-10-31, status: %s}\n", rows[i][1]);
		struct project *p = load(rows[i][0], config, REG_OBJECTIVES,
		    text);
		assert_int_equal(pdca_objective_overdue(p,
		    first(p, COL_OBJECTIVES)), rows[i][2][0] == '1');
		project_free(p);
		free(text);
	}
	/* No due date, never overdue; no status counts as open. */
	struct project *p = load("2030-01-01", config, REG_OBJECTIVES,
	    "version: 1\nobjectives:\n  - {id: OBJ-001, title: T}\n");
	assert_false(pdca_objective_overdue(p, first(p, COL_OBJECTIVES)));
	assert_true(pdca_objective_open(first(p, COL_OBJECTIVES)));
	project_free(p);
}

static void test_document(void **state)
{
	static const char *const rows[][3] = {
		/* record, unapproved?, review overdue (today 2026-11-22)? */
		{ "{id: DOC-001, title: T}", "1", "0" },
		{ "{id: DOC-001, title: T, status: draft}", "1", "0" },
		{ "{id: DOC-001, title: T, status: approved}", "1", "0" },
		{ "{id: DOC-001, title: T, status: approved, approved_by: B}",
		    "1", "0" },
		{ "{id: DOC-001, title: T, status: approved, approved_by: B, "
		    "approved_on: 2026-01-01, review: 2026-11-22}", "0", "0" },
		{ "{id: DOC-001, title: T, status: approved, approved_by: B, "
		    "approved_on: 2026-01-01, review: 2026-11-21}", "0", "1" },
		{ "{id: DOC-001, title: T, status: withdrawn, review: 2020-01-01}",
		    "0", "0" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *text = xasprintf("version: 1\ndocuments:\n  - %s\n",
		    rows[i][0]);
		struct project *p = load("2026-11-22", config, REG_DOCUMENTS,
		    text);
		const struct document *d = first(p, COL_DOCUMENTS);
		assert_int_equal(pdca_document_unapproved(d), rows[i][1][0] == '1');
		assert_int_equal(pdca_document_review_overdue(p, d),
		    rows[i][2][0] == '1');
		project_free(p);
		free(text);
	}
}

static void test_evidence_document(void **state)
{
	char id[16];
	assert_true(pdca_evidence_document("DOC-004 Backup procedure", id,
	    sizeof(id)));
	assert_string_equal(id, "DOC-004");
	assert_true(pdca_evidence_document("DOC-12", id, sizeof(id)));
	assert_string_equal(id, "DOC-12");
	assert_true(pdca_evidence_document("DOC-001: policy", id, sizeof(id)));
	assert_false(pdca_evidence_document("DOC-", id, sizeof(id)));
	assert_false(pdca_evidence_document("DOC-1x", id, sizeof(id)));
	assert_false(pdca_evidence_document("POL-001 policy", id, sizeof(id)));
	assert_false(pdca_evidence_document("DOC-00000000000000001", id,
	    sizeof(id)));
}

static void test_notice(void **state)
{
	static const char *const rows[][4] = {
		/* today, extra fields, expected notice, deadline */
		{ "2026-03-04", "", "pending", "2026-03-04" },
		{ "2026-03-05", "", "missed", "2026-03-04" },
		{ "2026-03-30", ", notified_on: 2026-03-04", "on-time",
		    "2026-03-04" },
		{ "2026-03-30", ", notified_on: 2026-03-05", "late",
		    "2026-03-04" },
		{ "2026-03-30", ", notifiable: false", "none", "" },
		{ "2026-03-30", ", personal_data: false", "none", "" },
		/* The window counts from detection, else the report. */
		{ "2026-03-06", ", detected: 2026-03-03", "pending",
		    "2026-03-06" },
	};
	static const char *const names[] = { "none", "on-time", "pending",
		"late", "missed" };
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *extra = rows[i][1];
		bool pd_given = strstr(extra, "personal_data") != NULL;
		char *text = xasprintf("version: 1\nincidents:\n  - {id: INC-001, "
		    "title: T, reported: 2026-03-01%s%s}\n",
		    pd_given ? "" : ", personal_data: true", extra);
		struct project *p = load(rows[i][0], config, REG_INCIDENTS, text);
		long deadline;
		enum pdca_notice n = pdca_incident_notice(p,
		    first(p, COL_INCIDENTS), &deadline);
		assert_string_equal(names[n], rows[i][2]);
		if (*rows[i][3])
			assert_int_equal(deadline, day(rows[i][3]));
		else
			assert_int_equal(deadline, DATE_NONE);
		project_free(p);
		free(text);
	}
	/* 36 hours round up to 2 days; 24 hours are exactly one. */
	static const char *const windows[][2] = { { "36", "2026-03-03" },
		{ "24", "2026-03-02" }, { "1", "2026-03-02" } };
	for (size_t i = 0; i < 3; i++) {
		char *cfg = xasprintf("version: 1\npolicy: "
		    "{breach_notification_hours: %s}\n", windows[i][0]);
		struct project *p = load("2026-03-01", cfg, REG_INCIDENTS,
		    "version: 1\nincidents:\n  - {id: INC-001, title: T, "
		    "reported: 2026-03-01, personal_data: true}\n");
		long deadline;
		pdca_incident_notice(p, first(p, COL_INCIDENTS), &deadline);
		assert_int_equal(deadline, day(windows[i][1]));
		project_free(p);
		free(cfg);
	}
}

static void test_incident(void **state)
{
	struct project *p = load("2026-05-02", config, REG_INCIDENTS,
	    "version: 1\nincidents:\n"
	    "  - {id: INC-001, title: T, reported: 2026-04-03, detected: 2026-04-02,"
	    " target: 2026-05-01, status: contained}\n"
	    "  - {id: INC-002, title: T, reported: 2026-04-03, occurred: 2026-03-30,"
	    " target: 2026-05-01, status: closed}\n");
	const struct incident *a = p->incidents->incidents.v[0];
	const struct incident *b = p->incidents->incidents.v[1];
	assert_true(pdca_incident_open(a));
	assert_true(pdca_incident_overdue(p, a));
	assert_false(pdca_incident_open(b));
	assert_false(pdca_incident_overdue(p, b));
	assert_int_equal(pdca_incident_date(a), day("2026-04-02"));
	assert_int_equal(pdca_incident_date(b), day("2026-03-30"));
	project_free(p);
}

static void test_risk_reassessed(void **state)
{
	struct text_override ov[3] = {
		{ REG_CONFIG, config, strlen(config) },
		{ REG_RISKS, "version: 1\nrisks:\n"
		    "  - {id: R-001, title: A, identified: 2025-01-01, review: 2026-04-01}\n"
		    "  - {id: R-002, title: B, identified: 2025-01-01, review: 2026-04-02}\n"
		    "  - {id: R-003, title: C, identified: 2026-05-01}\n"
		    "  - {id: R-004, title: D}\n", 0 },
		{ REG_INCIDENTS, "version: 1\nincidents:\n  - {id: INC-001, "
		    "title: T, reported: 2026-04-02, risks: [R-001, R-002, R-003, "
		    "R-004]}\n", 0 },
	};
	struct project *p = NULL;
	ov[1].len = strlen(ov[1].text);
	ov[2].len = strlen(ov[2].text);
	assert_null(project_load("/nonexistent-isms-root", day("2026-06-01"),
	    ov, 3, &p));
	assert_int_equal(p->diags.n, 0);
	const struct incident *i = first(p, COL_INCIDENTS);
	assert_true(pdca_risk_not_reassessed(i, p->risks->risks.v[0]));
	assert_false(pdca_risk_not_reassessed(i, p->risks->risks.v[1]));
	assert_false(pdca_risk_not_reassessed(i, p->risks->risks.v[2]));
	assert_true(pdca_risk_not_reassessed(i, p->risks->risks.v[3]));
	project_free(p);
}

static void test_metric(void **state)
{
	struct project *p = load("2026-12-01", config, REG_METRICS,
	    "version: 1\nmetrics:\n"
	    /* Measurements out of order: the latest is by date. */
	    "  - id: M-001\n    title: Click rate\n    period: monthly\n"
	    "    target: 5\n    direction: lower\n    measurements:\n"
	    "      - {date: 2026-10-31, value: 4}\n"
	    "      - {date: 2026-09-30, value: 6}\n"
	    "  - {id: M-002, title: Training, frequency_days: 30, target: 95,"
	    " measurements: [{date: 2026-11-01, value: 96}, {date: 2026-10-01, value: 97}]}\n"
	    "  - {id: M-003, title: New, period: quarterly, start: 2026-09-01}\n"
	    "  - {id: M-004, title: Unscheduled, target: 0, measurements: [{date: 2026-01-01, value: 0}]}\n"
	    "  - {id: M-005, title: Never, period: yearly}\n");
	const struct reclist *l = &p->metrics->metrics;
	const struct metric *m1 = l->v[0], *m2 = l->v[1], *m3 = l->v[2],
	    *m4 = l->v[3], *m5 = l->v[4];

	assert_int_equal(pdca_metric_latest(m1)->date, day("2026-10-31"));
	assert_int_equal(pdca_metric_previous(m1)->date, day("2026-09-30"));
	assert_int_equal(pdca_metric_target(m1), TARGET_MET);
	assert_int_equal(pdca_metric_trend(m1), 1);
	/* Due a month after the latest: 2026-11-30, so stale on 12-01. */
	assert_int_equal(pdca_metric_next_due(m1), day("2026-11-30"));
	assert_true(pdca_metric_stale(p, m1));

	assert_int_equal(pdca_metric_target(m2), TARGET_MET);
	assert_int_equal(pdca_metric_trend(m2), -1);
	assert_int_equal(pdca_metric_next_due(m2), day("2026-12-01"));
	assert_false(pdca_metric_stale(p, m2));

	assert_null(pdca_metric_latest(m3));
	assert_int_equal(pdca_metric_target(m3), TARGET_UNKNOWN);
	assert_int_equal(pdca_metric_next_due(m3), day("2026-12-01"));
	assert_false(pdca_metric_stale(p, m3));

	/* A target of 0 is a target; no interval means never stale. */
	assert_int_equal(pdca_metric_target(m4), TARGET_MET);
	assert_int_equal(pdca_metric_next_due(m4), DATE_NONE);
	assert_false(pdca_metric_stale(p, m4));

	/* Never measured, no start: due at once. */
	assert_int_equal(pdca_metric_next_due(m5), DATE_NONE);
	assert_true(pdca_metric_stale(p, m5));
	project_free(p);
}

static const char reviews[] = "version: 1\nreviews:\n"
    "  - id: MR-001\n    date: 2025-10-14\n    status: held\n"
    "    actions:\n"
    "      - {text: A, owner: X, due: 2026-01-31, done: true}\n"
    "      - {text: B, owner: Y, due: 2026-01-31}\n"
    "      - {text: C, due: 2027-06-30, done: false}\n"
    "  - {id: MR-002, date: 2026-04-14, status: held}\n"
    "  - {id: MR-003, date: 2026-10-14, status: planned}\n";

static void test_reviews(void **state)
{
	struct project *p = load("2027-04-14", config, REG_REVIEWS, reviews);
	const struct review *r = first(p, COL_REVIEWS);
	assert_false(pdca_action_overdue(p, r->actions.v[0]));
	assert_true(pdca_action_overdue(p, r->actions.v[1]));
	assert_false(pdca_action_overdue(p, r->actions.v[2]));
	assert_string_equal(pdca_last_review(p)->id, "MR-002");
	assert_int_equal(pdca_review_due(p), day("2027-04-14"));
	project_free(p);

	/* Nothing held: the first planned review is the one due. */
	p = load("2027-04-14", config, REG_REVIEWS, "version: 1\nreviews:\n"
	    "  - {id: MR-001, date: 2026-12-01, status: planned}\n"
	    "  - {id: MR-002, date: 2026-06-01}\n");
	assert_null(pdca_last_review(p));
	assert_int_equal(pdca_review_due(p), day("2026-06-01"));
	project_free(p);

	p = load("2027-04-14", config, REG_REVIEWS, "version: 1\n");
	assert_int_equal(pdca_review_due(p), DATE_NONE);
	project_free(p);
}

static void test_summary(void **state)
{
	struct project *p = load("2027-04-15", "version: 1\npolicy: "
	    "{review_interval_months: 12}\n", REG_REVIEWS, reviews);
	struct pdca_summary s;
	struct sbuf out = SBUF_INIT;
	pdca_summarise(p, &s);
	assert_int_equal(s.reviews_held, 2);
	assert_int_equal(s.review_actions, 3);
	assert_int_equal(s.review_actions_open, 2);
	assert_int_equal(s.review_actions_overdue, 1);
	assert_int_equal(s.last_review, day("2026-04-14"));
	assert_int_equal(s.next_review_due, day("2027-04-14"));
	assert_true(s.review_overdue);
	pdca_summary_text(&s, &out);
	assert_non_null(strstr(out.buf, "Mgmt reviews last 2026-04-14, next due "
	    "2027-04-14 (overdue); actions 2 open, 1 overdue\n"));
	assert_non_null(strstr(out.buf, "Objectives   0: none; 0 overdue\n"));

	/* The JSON members parse and carry the figures. */
	struct json_writer w;
	struct json_value *v = NULL;
	sbuf_reset(&out);
	json_init(&w, &out, true);
	json_begin_object(&w);
	pdca_summary_json(&s, &w);
	json_end_object(&w);
	json_release(&w);
	assert_null(json_parse(out.buf, out.len, &v));
	assert_string_equal(json_path(v, "reviews.last")->str, "2026-04-14");
	assert_int_equal((long)json_path(v, "reviews.actions_overdue")->num, 1);
	assert_int_equal((long)json_path(v, "incidents.open")->num, 0);
	json_value_free(v);
	sbuf_release(&out);
	project_free(p);
}

static void test_quarters(void **state)
{
	struct text_override ov[3] = {
		{ REG_CONFIG, config, strlen(config) },
		{ REG_INCIDENTS, "version: 1\nincidents:\n"
		    "  - {id: INC-001, title: A, reported: 2026-10-01, severity: high}\n"
		    "  - {id: INC-002, title: B, reported: 2026-09-30, personal_data: true}\n"
		    "  - {id: INC-003, title: C, reported: 2026-01-01, occurred: 2025-12-31}\n",
		    0 },
		{ REG_AUDITS, "version: 1\nfindings:\n"
		    "  - {id: F-001, type: minor, raised: 2026-07-01}\n"
		    "  - {id: F-002, type: observation, raised: 2026-07-02}\n", 0 },
	};
	struct project *p = NULL;
	struct pdca_quarter q[4];
	ov[1].len = strlen(ov[1].text);
	ov[2].len = strlen(ov[2].text);
	assert_null(project_load("/nonexistent-isms-root", day("2026-11-22"),
	    ov, 3, &p));
	assert_int_equal(p->diags.n, 0);
	pdca_quarters(p, q, 4);
	assert_string_equal(q[0].label, "2026-Q1");
	assert_string_equal(q[3].label, "2026-Q4");
	assert_int_equal(q[3].start, day("2026-10-01"));
	assert_int_equal(q[3].end, day("2026-12-31"));
	assert_int_equal(q[3].incidents, 1);
	assert_int_equal(q[3].serious, 1);
	assert_int_equal(q[2].incidents, 1);
	assert_int_equal(q[2].personal_data, 1);
	assert_int_equal(q[2].findings, 2);
	assert_int_equal(q[2].nonconformities, 1);
	assert_int_equal(q[0].incidents, 0); /* INC-003 happened in 2025 */
	project_free(p);
}

static void test_due_items(void **state)
{
	struct text_override ov[3] = {
		{ REG_CONFIG, config, strlen(config) },
		{ REG_OBJECTIVES, "version: 1\nobjectives:\n"
		    "  - {id: OBJ-001, title: Later, due: 2027-01-01}\n"
		    "  - {id: OBJ-002, title: Past, due: 2026-01-01}\n"
		    "  - {id: OBJ-003, title: Done, due: 2026-12-01, status: achieved}\n",
		    0 },
		{ REG_REVIEWS, reviews, 0 },
	};
	struct project *p = NULL;
	struct pdca_due *d = NULL;
	ov[1].len = strlen(ov[1].text);
	ov[2].len = strlen(ov[2].text);
	assert_null(project_load("/nonexistent-isms-root", day("2026-11-22"),
	    ov, 3, &p));
	size_t n = pdca_due_items(p, p->today, &d);
	assert_int_equal(n, 3);
	assert_string_equal(d[0].id, "OBJ-001");
	assert_string_equal(pdca_due_kind_name(d[0].kind), "objective");
	assert_string_equal(pdca_due_kind_name(d[1].kind), "management-review");
	assert_int_equal(d[1].date, day("2027-04-14"));
	assert_string_equal(pdca_due_kind_name(d[2].kind), "review-action");
	assert_string_equal(d[2].text, "C");
	free(d);
	project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_objective),
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_evidence_document),
		cmocka_unit_test(test_notice),
		cmocka_unit_test(test_incident),
		cmocka_unit_test(test_risk_reassessed),
		cmocka_unit_test(test_metric),
		cmocka_unit_test(test_reviews),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_quarters),
		cmocka_unit_test(test_due_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
