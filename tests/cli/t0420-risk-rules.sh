#!/bin/sh
# The risk rules of isms check: each one firing and not firing, at the
# node to change, with --today making every date judgement reproducible.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1
cat >assets.yaml <<'YAML'
version: 1
assets:
  - {id: A-001, name: DB, owner: CIO, c: 5, i: 4, a: 3}
YAML
cat >risks.yaml <<'YAML'
version: 1
risks:
  - {id: R-001, title: Untreated, assets: [A-001], owner: CIO, rating: {likelihood: 4, impact: 4}}
  - {id: R-002, title: Unapproved, assets: [A-001], owner: CIO, rating: {likelihood: 4, impact: 4}}
  - {id: R-003, title: Approved, assets: [A-001], owner: CIO, rating: {likelihood: 4, impact: 4}}
  - {id: R-004, title: Retained, assets: [A-001], owner: CIO, rating: {likelihood: 4, impact: 4}}
  - {id: R-005, title: Accepted, assets: [A-001], owner: CIO, rating: {likelihood: 1, impact: 1}}
  - {id: R-006, title: Late, assets: [A-001], owner: CIO, rating: {likelihood: 1, impact: 1}}
  - {id: R-007, title: Stale, assets: [A-001], owner: CIO, rating: {likelihood: 1, impact: 1}, review: 2026-01-01}
  - {id: R-008, title: Worse, assets: [A-001], owner: CIO, rating: {likelihood: 2, impact: 2}}
  - {id: R-009, title: Orphan, assets: [], owner: CIO, rating: {likelihood: 2}}
YAML
cat >treatments.yaml <<'YAML'
version: 1
treatments:
  - {id: T-001, risk: R-002, option: modify, approved_by: CISO, approved_on: 2026-01-01}
  - {id: T-002, risk: R-003, option: modify, approved_by: CIO, approved_on: 2026-01-01}
  - {id: T-003, risk: R-004, option: retain, approved_by: CIO}
  - {id: T-004, risk: R-005, option: retain, approved_by: CIO, approved_on: 2025-01-01, expires: 2026-01-01}
  - id: T-005
    risk: R-006
    option: modify
    due: 2026-10-01
    status: in-progress
    actions:
      - {text: Late one, due: 2026-10-01, done: false}
      - {text: Done one, due: 2026-10-01, done: true}
      - {text: Future one, due: 2027-10-01}
  - {id: T-006, risk: R-006, option: modify, due: 2026-01-01, status: cancelled, actions: [{text: Dropped, due: 2026-01-01}]}
  - {id: T-007, risk: R-008, option: modify, residual: {likelihood: 5}}
  - {id: T-008, risk: R-001, option: modify, status: cancelled}
YAML

run check --today 2026-11-22
expect_status 1
expect_out "risks.yaml:3:72: error: risk R-001 is high, above the appetite (medium), and has no treatment [risk-untreated]
risks.yaml:9:104: warning: risk R-007 was due for review on 2026-01-01 [risk-review-overdue]
risks.yaml:11:64: error: risk R-009 leaves impact to be derived from its assets but has none; rate impact or link an asset [risk-no-assets]
treatments.yaml:3:59: error: risk R-002 is high, above the appetite, and its owner CIO has approved none of its treatments (approved_by and approved_on) [risk-unapproved]
treatments.yaml:5:59: error: treatment T-003 retains risk R-004, which is high and above the appetite (medium), without its owner's acceptance (approved_by: CIO and approved_on) [retain-no-acceptance]
treatments.yaml:6:98: error: the acceptance of risk R-005 (T-004) expired on 2026-01-01; renew it or treat the risk [acceptance-expired]
treatments.yaml:10:10: warning: treatment T-005 of risk R-006 was due on 2026-10-01 and is in-progress [treatment-overdue]
treatments.yaml:13:9: warning: action 1 of treatment T-005 was due on 2026-10-01 and is not done [action-overdue]
treatments.yaml:17:56: error: the residual rating of T-007 scores 10 (high), above risk R-008's inherent 4 (low) [residual-above-inherent]"

# The same registers judged on an earlier day: nothing is late yet.
run check --today 2025-06-01
expect_status 1
out_lacks "[risk-review-overdue]"
out_lacks "[acceptance-expired]"
out_lacks "[treatment-overdue]"
out_lacks "[action-overdue]"
out_has "[risk-untreated]"
# The day before each date is not late; the day after is.
run check --today 2026-10-01 --rule treatment-overdue --rule action-overdue
expect_status 0
expect_no_out
run check --today 2026-10-02 --rule treatment-overdue --rule action-overdue
expect_status 0
expect_out "treatments.yaml:10:10: warning: treatment T-005 of risk R-006 was due on 2026-10-01 and is in-progress [treatment-overdue]
treatments.yaml:13:9: warning: action 1 of treatment T-005 was due on 2026-10-01 and is not done [action-overdue]"
run check --today 2026-01-01 --rule acceptance-expired --rule risk-review-overdue
expect_no_out
run check --today 2026-01-02 --rule acceptance-expired --rule risk-review-overdue
expect_out "risks.yaml:9:104: warning: risk R-007 was due for review on 2026-01-01 [risk-review-overdue]
treatments.yaml:6:98: error: the acceptance of risk R-005 (T-004) expired on 2026-01-01; renew it or treat the risk [acceptance-expired]"

# Fix each problem the way a user would; each rule stops firing.
run treat add --risk R-001 --option avoid --approved-by CIO --approved-on 2026-11-01
expect_status 0
run check --today 2026-11-22 --rule risk-untreated --rule risk-unapproved
expect_out "treatments.yaml:3:59: error: risk R-002 is high, above the appetite, and its owner CIO has approved none of its treatments (approved_by and approved_on) [risk-unapproved]"
run treat set T-001 approved_by=CIO
run check --today 2026-11-22 --rule risk-unapproved
expect_no_out
run treat set T-003 approved_on=2026-11-20
run check --today 2026-11-22 --rule retain-no-acceptance
expect_no_out
run treat set T-004 expires=2027-01-01
run treat set T-005 status=implemented
run treat set T-005 actions.0.done=true
expect_status 3
# Actions are a list: edited as a whole.
run treat set T-005 "actions=[{text: Late one, due: 2026-10-01, done: true}, {text: Future one, due: 2027-10-01}]"
expect_status 0
run risk set R-007 review=2027-01-01
run treat set T-007 residual.likelihood=1
run risk set R-009 assets=[A-001] cia=[a]
run check --today 2026-11-22
expect_status 0
expect_no_out

# A risk whose assets are all removed: its derived impact has no source.
run risk set R-009 assets=[]
run check --today 2026-11-22
expect_status 1
expect_out "risks.yaml:11:64: error: risk R-009 leaves impact to be derived from its assets but has none; rate impact or link an asset [risk-no-assets]"
run risk show R-009
out_has "score:  not scored: the rating leaves a factor to its assets and the risk has none (isms check)"
run risk set R-009 rating.impact=1
run check --today 2026-11-22
expect_status 0

# The worked example is clean on its reference day.
run -C "$ISMS_SRC/examples/northwind" check --today 2026-11-22
expect_status 0
expect_no_out

done_testing
