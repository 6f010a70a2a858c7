#!/bin/sh
# isms check, the PDCA rules: each fires on a record past its date and
# stays silent on the boundary day and once the record is put right.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1
# Only the rules of this area: the fixture's SoA and risks are not
# complete enough for the others.
PDCA="--rule objective-overdue --rule document-review-overdue
	--rule document-unapproved --rule incident-overdue
	--rule incident-not-notified --rule incident-no-lessons
	--rule risk-not-reassessed --rule metric-stale --rule metric-below-target
	--rule review-action-overdue --rule review-missing
	--rule pdca-unknown-control --rule pdca-unknown-clause
	--rule evidence-unknown-document --rule pdca-policy"
cat >objectives.yaml <<'YAML'
version: 1
objectives:
  - {id: OBJ-001, title: Late, due: 2026-11-21, status: in-progress}
  - {id: OBJ-002, title: On time, due: 2026-11-22, status: planned}
  - {id: OBJ-003, title: Achieved, due: 2026-01-01, status: achieved}
  - {id: OBJ-004, title: Refs, clauses: ["6.2", "11.1"], controls: ["5.1", "9.9"]}
YAML
cat >documents.yaml <<'YAML'
version: 1
documents:
  - {id: DOC-001, title: Draft, status: draft}
  - {id: DOC-002, title: Late, status: approved, approved_by: CIO, approved_on: 2026-01-01, review: 2026-11-21}
  - {id: DOC-003, title: Fine, status: approved, approved_by: CIO, approved_on: 2026-01-01, review: 2026-11-22}
  - {id: DOC-004, title: Old, status: withdrawn, review: 2020-01-01}
  - {id: DOC-005, title: Half, status: approved, approved_by: CIO}
  - {id: DOC-006, title: No status, controls: ["5.1", "5.0"], clauses: ["7.5.3"]}
YAML
cat >risks.yaml <<'YAML'
version: 1
risks:
  - {id: R-001, title: Stale, identified: 2025-01-01, review: 2026-10-01}
  - {id: R-002, title: Scheduled, identified: 2025-01-01, review: 2027-01-01}
YAML
cat >incidents.yaml <<'YAML'
version: 1
incidents:
  - {id: INC-001, title: Open late, reported: 2026-11-01, target: 2026-11-21, status: open}
  - {id: INC-002, title: Open ok, reported: 2026-11-01, target: 2026-11-22, status: contained}
  - {id: INC-003, title: Breach missed, reported: 2026-11-19, detected: 2026-11-18, personal_data: true}
  - {id: INC-004, title: Breach pending, reported: 2026-11-19, personal_data: true}
  - {id: INC-005, title: Breach late, reported: 2026-11-01, personal_data: true, notified_on: 2026-11-05}
  - {id: INC-006, title: Breach on time, reported: 2026-11-01, personal_data: true, notified_on: 2026-11-04}
  - {id: INC-007, title: Not notifiable, reported: 2026-11-01, personal_data: true, notifiable: false}
  - {id: INC-008, title: No lessons, reported: 2026-11-01, status: closed, closed: 2026-11-02}
  - {id: INC-009, title: Lessons, reported: 2026-11-01, status: closed, lessons: Patch faster, risks: [R-001, R-002], controls_failed: ["8.8", "8.99"]}
YAML
cat >metrics.yaml <<'YAML'
version: 1
metrics:
  - {id: M-001, title: Stale, period: monthly, measurements: [{date: 2026-10-21, value: 1}]}
  - {id: M-002, title: Fresh, period: monthly, measurements: [{date: 2026-10-22, value: 1}]}
  - {id: M-003, title: Never, frequency_days: 30, start: 2026-10-01}
  - {id: M-004, title: Below, target: 95, measurements: [{date: 2026-11-01, value: 94}]}
  - {id: M-005, title: Lower ok, target: 5, direction: lower, measurements: [{date: 2026-11-01, value: 5}]}
  - {id: M-006, title: Lower bad, target: 5, direction: lower, unit: "%", measurements: [{date: 2026-11-01, value: 5.5}]}
  - {id: M-007, title: Refs, clauses: ["9.1", "4.9"]}
YAML
cat >reviews.yaml <<'YAML'
version: 1
reviews:
  - id: MR-001
    date: 2025-11-20
    status: held
    actions:
      - {text: Late, owner: CIO, due: 2026-11-21}
      - {text: Done, due: 2026-01-01, done: true}
      - {text: Fine, due: 2026-11-22}
YAML
cat >soa.yaml <<'YAML'
version: 1
catalog: iso27001-2022
controls:
  - {id: "5.1", applicable: true, reason: Policy, status: implemented, evidence: [DOC-003 policy, DOC-099 missing, DOC-004 withdrawn, "DOC-0031x", POL-001]}
YAML

# shellcheck disable=SC2086
run --today 2026-11-22 check $PDCA
expect_status 1
expect_out "$(cat <<'OUT'
documents.yaml:3:41: warning: document DOC-001 is a draft [document-unapproved]
documents.yaml:4:101: warning: document DOC-002 was due for review on 2026-11-21 [document-review-overdue]
documents.yaml:7:40: warning: document DOC-005 is approved but has no approved_on date [document-unapproved]
documents.yaml:8:5: warning: document DOC-006 has no status (draft, approved or withdrawn) [document-unapproved]
documents.yaml:8:55: error: document DOC-006: control '5.0' is not in iso27001-2022 [pdca-unknown-control]
incidents.yaml:3:67: warning: incident INC-001 is still open after its target date 2026-11-21 [incident-overdue]
incidents.yaml:5:100: error: incident INC-003: personal data breach not notified to the regulator within 72 hours (by 2026-11-21); record notified_on, or notifiable: false with the reason [incident-not-notified]
incidents.yaml:7:95: error: incident INC-005: personal data breach notified on 2026-11-05, after the 72-hour window that ended on 2026-11-04 [incident-not-notified]
incidents.yaml:10:68: error: incident INC-008 is closed without lessons learned (A.5.27) [incident-no-lessons]
incidents.yaml:11:144: error: incident INC-009: control '8.99' is not in iso27001-2022 [pdca-unknown-control]
metrics.yaml:3:62: warning: metric M-001 (monthly) has no measurement since 2026-10-21; the next was due by 2026-11-21 [metric-stale]
metrics.yaml:5:5: warning: metric M-003 (every 30 days) has never been measured; the first result was due by 2026-10-31 [metric-stale]
metrics.yaml:6:58: warning: metric M-004: the latest result 94 (2026-11-01) is below the target 95 [metric-below-target]
metrics.yaml:8:90: warning: metric M-006: the latest result 5.5 % (2026-11-01) is above the target 5 % [metric-below-target]
metrics.yaml:9:47: error: metric M-007: clause '4.9' is not in iso27001-2022 [pdca-unknown-clause]
objectives.yaml:3:37: warning: objective OBJ-001 was due on 2026-11-21 and is in-progress [objective-overdue]
objectives.yaml:6:49: error: objective OBJ-004: clause '11.1' is not in iso27001-2022 [pdca-unknown-clause]
objectives.yaml:6:76: error: objective OBJ-004: control '9.9' is not in iso27001-2022 [pdca-unknown-control]
reviews.yaml:3:5: error: no management review held since 2025-11-20 (MR-001); the next was due by 2026-11-20 (every 12 months, 9.3) [review-missing]
reviews.yaml:7:9: warning: review MR-001: action 'Late' (CIO) was due on 2026-11-21 [review-action-overdue]
risks.yaml:3:63: warning: risk R-001 was realised by incident INC-009 on 2026-11-01 and has not been re-assessed since (no identified or review date on or after it) [risk-not-reassessed]
soa.yaml:4:99: warning: control 5.1: evidence names document DOC-099, which is not in documents.yaml [evidence-unknown-document]
soa.yaml:4:116: warning: control 5.1: evidence names document DOC-004, which is withdrawn [evidence-unknown-document]
OUT
)"

# Each problem put right by the commands, and the rule falls silent.
c() { run --today 2026-11-22 check --rule "$1"; }
c objective-overdue
expect_status 0
out_has "OBJ-001"
run objective set OBJ-001 status=missed
c objective-overdue
expect_no_out

run doc approve DOC-001 --by CIO
run doc approve DOC-005 --by CIO --date 2026-01-01
run doc set DOC-006 status=withdrawn
c document-unapproved
expect_status 0
expect_no_out
run doc set DOC-002 review=2027-11-22
c document-review-overdue
expect_no_out

run incident set INC-001 target=2026-11-30
c incident-overdue
expect_no_out
run --today 2026-11-22 incident close INC-001 --lessons "Faster triage"
c incident-overdue
expect_no_out

c incident-not-notified
expect_status 1
run incident set INC-003 notified_on=2026-11-21
run incident set INC-005 notifiable=false
c incident-not-notified
expect_status 0
expect_no_out
# A longer window in isms.yaml moves the deadline (72 h = 3 days, 96 h
# = 4 days; hours are rounded up to whole days).
run incident set INC-003 notified_on=2026-11-22
c incident-not-notified
out_has "notified on 2026-11-22, after the 72-hour window that ended on 2026-11-21"
printf 'policy:\n  breach_notification_hours: 96\n' >>isms.yaml
c incident-not-notified
expect_status 0
expect_no_out
printf 'version: 1\npolicy: {breach_notification_hours: soon, review_interval_months: 0}\n' >isms.yaml
c pdca-policy
expect_status 1
expect_out "isms.yaml:2:37: error: policy.breach_notification_hours must be a whole number from 1 to 100000; using 72 [pdca-policy]
isms.yaml:2:67: error: policy.review_interval_months must be a whole number from 1 to 100000; using 12 [pdca-policy]"
printf 'version: 1\npolicy: {review_interval_months: 13}\n' >isms.yaml
c pdca-policy
expect_no_out

run incident set "INC-008" "lessons=Write it down"
c incident-no-lessons
expect_status 0
expect_no_out

sed -i 's/review: 2026-10-01/review: 2026-12-01/' risks.yaml
c risk-not-reassessed
expect_no_out

run --today 2026-11-22 metric record M-001 2
run --today 2026-11-22 metric record M-003 1
c metric-stale
expect_status 0
expect_no_out
run --today 2026-12-23 check --rule metric-stale
out_has "metric M-002 (monthly) has no measurement since 2026-10-22; the next was due by 2026-11-22"

run --today 2026-11-22 metric record M-004 95
run metric set M-006 target=6
c metric-below-target
expect_no_out

run review set MR-001 "actions=[{text: Late, owner: CIO, due: 2026-11-21, done: true}]"
c review-action-overdue
expect_no_out

# The interval from isms.yaml (13 months) already covers the review of
# 2025-11-20; at the default 12 it is missing until a review is held.
c review-missing
expect_no_out
printf 'version: 1\n' >isms.yaml
c review-missing
out_has "no management review held since 2025-11-20 (MR-001)"
run --today 2026-11-22 review record --chair CEO --attendee CEO
c review-missing
expect_no_out
# A project that has only planned its first review is reminded once the
# planned date has passed.
printf 'version: 1\nreviews:\n  - {id: MR-001, date: 2026-11-01, status: planned}\n' >reviews.yaml
c review-missing
expect_out "reviews.yaml:3:24: error: no management review has been held: MR-001 was planned for 2026-11-01 (9.3) [review-missing]"
run --today 2026-11-01 check --rule review-missing
expect_no_out
run --today 2026-11-22 review record MR-001 --attendee CEO
c review-missing
expect_no_out

run objective set OBJ-004 'clauses=["6.2"]' 'controls=["5.1"]'
run doc set DOC-006 'controls=["5.1"]'
run incident set INC-009 'controls_failed=["8.8"]'
run metric set M-007 'clauses=["9.1"]'
c pdca-unknown-control
expect_no_out
c pdca-unknown-clause
expect_no_out

run --today 2026-11-22 doc approve DOC-004 --by CIO --review 2027-11-22
cat >soa.yaml <<'YAML'
version: 1
catalog: iso27001-2022
controls:
  - {id: "5.1", applicable: true, reason: Policy, status: implemented, evidence: [DOC-003 policy, DOC-004 procedure, "DOC-0031x", POL-001]}
YAML
c evidence-unknown-document
expect_no_out

# Everything put right (INC-003 notified within the default window again):
# the whole check is clean.
run incident set INC-003 notified_on=2026-11-21
# shellcheck disable=SC2086
run --today 2026-11-22 check $PDCA
expect_status 0
expect_no_out

done_testing
