#!/bin/sh
# isms metric: every verb, record (one appended line, every other byte
# kept), latest, target, trend, next due, stale, round trips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pdca.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1

run metric add --title "Phishing click rate" --period monthly --target 5 \
	--direction lower --unit % --owner ISM --control 6.3 --clause 9.1 \
	--method "Clicks divided by recipients"
expect_status 0
expect_out "M-001"
run metric add --title "Training completion" --frequency-days 90 --target 95 --start 2026-10-01
expect_out "M-002"

# The first measurement starts the list; the next ones add one line each.
run --today 2026-11-22 metric record M-001 7.5 --date 2026-09-30
expect_status 0
expect_no_out
run --today 2026-11-22 metric record M-001 4 --note "after training, finally"
expect_status 0
cat >"$T/want" <<'YAML'
# Monitoring and measurement (9.1).
version: 1
metrics:
  - id: M-001
    title: Phishing click rate
    clauses: ["9.1"]
    controls: ["6.3"]
    method: Clicks divided by recipients
    period: monthly
    owner: ISM
    target: 5
    direction: lower
    unit: "%"
    measurements:
      - {date: 2026-09-30, value: 7.5}
      - {date: 2026-11-22, value: 4, note: "after training, finally"}
  - id: M-002
    title: Training completion
    frequency_days: 90
    target: 95
    start: 2026-10-01
YAML
same_file "$T/want" metrics.yaml

run --today 2026-11-22 metric list --format csv
expect_status 0
expect_out "id,title,owner,period,target,latest,on-target,next-due,state
M-001,Phishing click rate,ISM,monthly,5,4,met,2026-12-22,
M-002,Training completion,,,95,,,2026-12-30,"
run --today 2026-12-31 metric list --stale --format csv
expect_out "id,title,owner,period,target,latest,on-target,next-due,state
M-001,Phishing click rate,ISM,monthly,5,4,met,2026-12-22,stale
M-002,Training completion,,,95,,,2026-12-30,stale"
run --today 2026-11-22 metric show M-001 --format json
expect_status 0
out_has '"latest": {
    "date": "2026-11-22",
    "value": 4
  },
  "on_target": true,
  "trend": "better",
  "next_due": "2026-12-22",
  "stale": false
}'
run --today 2026-11-22 metric show M-002 --format json
out_has '"latest": null,
  "on_target": null,
  "trend": null,
  "next_due": "2026-12-30",
  "stale": false'
run --today 2026-11-22 metric show M-001
out_has "4 on 2026-11-22, target met, better than before"
out_has "next due:     2026-12-22"

roundtrip metric metrics.yaml

# Byte preservation: a hand-kept file with comments, flow and block
# lists; record adds exactly one line after the last measurement.
cat >metrics.yaml <<'YAML'
# Our metrics -- kept by hand.
version: 1
metrics:
  - id: M-001
    title:   "Phishing click rate"   # monthly campaign
    period: monthly
    target: 5
    direction: lower
    measurements:
      # 2026 results
      - {date: 2026-09-30, value: 7.5}
      - date: 2026-10-31
        value: 6
    # reviewed by the ISM
  - {id: M-002, title: Training, target: 95, measurements: [{date: 2026-10-01, value: 90}]}
  - id: M-003
    title: Restore time
YAML
cp metrics.yaml "$T/orig"
run --today 2026-11-22 metric record M-001 4.5
expect_status 0
{ head -n 13 "$T/orig"; echo "      - {date: 2026-11-22, value: 4.5}"; tail -n +14 "$T/orig"; } >"$T/want"
same_file "$T/want" metrics.yaml
diff "$T/orig" metrics.yaml | grep -c '^[<>]' >"$T/n"
[ "$(cat "$T/n")" = 1 ] || fail "metric record changed $(cat "$T/n") lines"
run --today 2026-11-22 metric record M-002 96 --date 2026-11-01
sed 's/value: 90}\]}/value: 90}, {date: 2026-11-01, value: 96}]}/' "$T/want" >"$T/want2"
same_file "$T/want2" metrics.yaml
run --today 2026-11-22 metric record M-003 6.5 --note "first test"
{ cat "$T/want2"; echo "    measurements:"; echo "      - {date: 2026-11-22, value: 6.5, note: first test}"; } >"$T/want3"
same_file "$T/want3" metrics.yaml
run --today 2026-11-22 metric show M-001 --format json
out_has '"trend": "better"'

# Refusals leave the file as it was.
snapshot "$P"
run metric record M-001 lots
expect_status 2
expect_err "isms: metric record: 'lots' is not a number"
run metric record M-001 5 --date 2026-02-30
expect_status 2
run metric record M-404 5
expect_status 2
expect_err "isms: no metric with id 'M-404'"
run metric record M-001
expect_status 2
run metric set M-001 period=weekly
expect_status 3
err_has "'weekly' is not one of monthly, quarterly or yearly"
run metric set M-001 "measurements=[{date: 2026-01-01}]"
expect_status 3
err_has "has no 'value'"
unchanged "$P"
refusals metric M-001 title metric

# Negative values are values, not options.
run --today 2026-11-22 metric record M-003 -2
expect_status 0
out_lacks "error"

run metric rm M-002
expect_status 0
out_lacks "M-002"

done_testing
