#!/bin/sh
# isms review: every verb, record (new and planned reviews, actions
# appended one line each), overdue actions, round trips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pdca.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1

run review add --date 2027-04-14 --status planned --chair CEO --input "Audit results"
expect_status 0
expect_out "MR-001"

# record: a new held review with everything 9.3.3 asks for.
run --today 2026-11-22 review record --date 2026-10-14 --chair CEO \
	--attendee CEO --attendee CISO --input "Audit results" --input "Incidents" \
	--decision "Fund MFA" --minutes "Board papers 2026-10" \
	--action '{text: Roll out MFA, owner: IT, due: 2026-11-30}' \
	--action "Update the policy"
expect_status 0
expect_out "MR-002"
cat >"$T/want" <<'YAML'
# Management reviews (9.3).
version: 1
reviews:
  - id: MR-001
    date: 2027-04-14
    chair: CEO
    inputs: [Audit results]
    status: planned
  - id: MR-002
    date: 2026-10-14
    chair: CEO
    attendees: [CEO, CISO]
    inputs: [Audit results, Incidents]
    decisions: [Fund MFA]
    actions:
      - {text: Roll out MFA, owner: IT, due: 2026-11-30}
      - {text: Update the policy}
    minutes: Board papers 2026-10
    status: held
YAML
same_file "$T/want" reviews.yaml
roundtrip review reviews.yaml

run --today 2026-12-01 review list
expect_status 0
expect_out "id      date        status   chair  actions
MR-001  2027-04-14  planned  CEO
MR-002  2026-10-14  held     CEO    2 of 2 open, 1 overdue"
run --today 2026-12-01 review list --overdue --format csv
expect_out "id,date,status,chair,actions
MR-002,2026-10-14,held,CEO,\"2 of 2 open, 1 overdue\""
run --today 2026-12-01 review list --status planned --format csv
expect_out "id,date,status,chair,actions
MR-001,2027-04-14,planned,CEO,"
run --today 2026-12-01 review show MR-002
out_has "overdue:         Roll out MFA (IT) (due 2026-11-30)"
out_has "next review due: 2027-10-14"
run --today 2026-12-01 review show MR-002 --format json
out_has '"actions_open": 2,
  "actions_overdue": 1'

# An action marked done in place.
run review set MR-002 "actions=[{text: Roll out MFA, owner: IT, due: 2026-11-30, done: true}, {text: Update the policy}]"
expect_status 0
run --today 2026-12-01 review list --overdue --format csv
expect_out "id,date,status,chair,actions"

# record ID: the planned review is held today; its actions are appended,
# one line each, and a held review keeps its date when given more.
cp reviews.yaml "$T/before"
run --today 2027-04-15 review record MR-001 --attendee CEO --decision "Certify" \
	--action '{text: Book Stage 2, owner: ISM, due: 2027-05-31}'
expect_status 0
expect_no_out
{ head -n 4 "$T/before"; echo "    date: 2027-04-15"; echo "    chair: CEO";
  echo "    attendees: [CEO]"; echo "    inputs: [Audit results]";
  echo "    decisions: [Certify]"; echo "    actions:";
  echo "      - {text: Book Stage 2, owner: ISM, due: 2027-05-31}";
  echo "    status: held"; tail -n +9 "$T/before"; } >"$T/want"
same_file "$T/want" reviews.yaml
cp reviews.yaml "$T/before"
run --today 2027-04-20 review record MR-001 --action "Brief the Board" --action '{text: Update SoA, done: false}'
expect_status 0
{ head -n 11 "$T/before"; echo "      - {text: Brief the Board}";
  echo "      - {text: Update SoA, done: false}"; tail -n +12 "$T/before"; } >"$T/want"
same_file "$T/want" reviews.yaml

snapshot "$P"
run review record MR-404 --attendee X
expect_status 2
expect_err "isms: no review with id 'MR-404'"
run review record --action '{txt: typo}'
expect_status 2
expect_err "isms: --action: unknown key 'txt' (text, owner, due, done)"
run review record --action '{text: X, due: soon}'
expect_status 3
err_has "not a date"
run review record --date 2026-02-30
expect_status 2
run review set MR-001 status=cancelled
expect_status 3
err_has "'cancelled' is not one of planned or held"
unchanged "$P"
refusals review MR-001 date review

run review rm MR-001
expect_status 0
run review list --format csv
out_lacks "MR-001"

done_testing
