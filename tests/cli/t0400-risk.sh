#!/bin/sh
# isms risk: add (factors as options), list and its filters, show, set,
# rm, import, export; JSON read back; byte preservation.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1
run asset add --name "Customer DB" --type information --owner CIO --c 5 --i 4 --a 3
run asset add --name Mail --type service --owner IT --c 3 --i 2 --a 4

# add: factors by number or level name; identified defaults to --today.
run --today 2026-11-22 risk add --title Ransomware --asset A-001 --cia c,i --owner CIO \
	--likelihood 4 --impact major --review 2027-01-01 --sle 100000 --aro 0.5 \
	--threat "Criminal gang"
expect_status 0
expect_out "R-001"
# Impact left out: derived from the assets.
run --today 2026-11-22 risk add --title Phishing --asset A-001 --asset A-002 --cia a \
	--owner CISO --likelihood likely --review 2026-10-01
expect_out "R-002"
run risk add --title "Lost laptop" --asset A-002 --owner CIO --rating-likelihood 2 \
	--impact 2 --identified 2026-01-05
expect_out "R-003"
cat >"$T/want" <<'YAML'
# Risk register (6.1.2, 8.2).
version: 1
risks:
  - id: R-001
    title: Ransomware
    assets: [A-001]
    threat: Criminal gang
    cia: [c, i]
    owner: CIO
    rating: {likelihood: 4, impact: major}
    identified: 2026-11-22
    review: 2027-01-01
    sle: 100000
    aro: 0.5
  - id: R-002
    title: Phishing
    assets: [A-001, A-002]
    cia: [a]
    owner: CISO
    rating: {likelihood: likely}
    identified: 2026-11-22
    review: 2026-10-01
  - id: R-003
    title: Lost laptop
    assets: [A-002]
    owner: CIO
    rating: {likelihood: 2, impact: 2}
    identified: 2026-01-05
YAML
same_file "$T/want" risks.yaml

# Misspelt factors are usage errors; bad values are refused like a hand
# edit; nothing is written either way.
snapshot "$P"
run risk add --title X --likelyhood 4 --impact 2
expect_status 2
expect_err "isms: unknown option '--likelyhood' for add: not a risk field nor a factor of the methodology (likelihood, impact); did you mean '--likelihood'?"
run risk add --title X --likelihood 9 --impact 2
expect_status 3
err_has "bad value '9' for likelihood: expected 1-5 (rare, unlikely, possible, likely, almost-certain); nothing was written"
run risk add --title X --likelihood 3
expect_status 2
expect_err "isms: impact is not rated and the risk names no asset to derive it from; give --impact or --asset"
run risk add --title X --likelihood 3 --rating '{impact: 2}'
expect_status 2
expect_err "isms: give --rating or its factors one by one, not both"
run risk add --title X --likelihood 3 --likelihood 4 --impact 1
expect_status 2
run risk add --title X --asset A-404 --likelihood 3
expect_status 3
err_has "assets 'A-404' does not exist"
unchanged "$P"

run treat add --risk R-001 --option modify --residual-likelihood 2 --status implemented --owner IT
expect_out "T-001"

# list: scores from the assessment, filters, sorting.
run --today 2026-11-22 risk list
expect_status 0
expect_out "id     title        owner  score  level  residual  current
R-001  Ransomware   CIO       16  high   8 medium  8 medium
R-002  Phishing     CISO      16  high   16 high   16 high
R-003  Lost laptop  CIO        4  low    4 low     4 low"
run risk list --level high --format csv
expect_out "id,title,owner,score,level,residual,current
R-001,Ransomware,CIO,16,high,8 medium,8 medium
R-002,Phishing,CISO,16,high,16 high,16 high"
run risk list --level bogus
expect_status 2
expect_err "isms: --level: no level 'bogus' in the methodology (low, medium, high, critical)"
run risk list --owner CIO --format csv
expect_out "id,title,owner,score,level,residual,current
R-001,Ransomware,CIO,16,high,8 medium,8 medium
R-003,Lost laptop,CIO,4,low,4 low,4 low"
run risk list --asset A-002 --format csv
expect_out "id,title,owner,score,level,residual,current
R-002,Phishing,CISO,16,high,16 high,16 high
R-003,Lost laptop,CIO,4,low,4 low,4 low"
run risk list --above-appetite --format csv
expect_out "id,title,owner,score,level,residual,current
R-001,Ransomware,CIO,16,high,8 medium,8 medium
R-002,Phishing,CISO,16,high,16 high,16 high"
run --today 2026-11-22 risk list --overdue --format csv
expect_out "id,title,owner,score,level,residual,current
R-002,Phishing,CISO,16,high,16 high,16 high"
run --today 2027-01-02 risk list --overdue --format csv
expect_out "id,title,owner,score,level,residual,current
R-001,Ransomware,CIO,16,high,8 medium,8 medium
R-002,Phishing,CISO,16,high,16 high,16 high"
run --today 2026-09-30 risk list --overdue --format csv
expect_out "id,title,owner,score,level,residual,current"
run risk list --sort -residual_score --format csv
expect_out "id,title,owner,score,level,residual,current
R-002,Phishing,CISO,16,high,16 high,16 high
R-001,Ransomware,CIO,16,high,8 medium,8 medium
R-003,Lost laptop,CIO,4,low,4 low,4 low"
run risk list --sort current_score --format csv
expect_out "id,title,owner,score,level,residual,current
R-003,Lost laptop,CIO,4,low,4 low,4 low
R-001,Ransomware,CIO,16,high,8 medium,8 medium
R-002,Phishing,CISO,16,high,16 high,16 high"
run risk list --sort identified --format csv
out_has "R-003,Lost laptop"
head -n 2 "$T/out" | tail -n 1 | grep -q '^R-003,' || fail "--sort identified: R-003 is not first"
run risk list --sort nonsense
expect_status 2
expect_err "isms: --sort: no column or field 'nonsense'"

# JSON: every stored field, then the computed ones (SPEC §3).
run risk show R-001 --format json
expect_status 0
expect_out '{
  "id": "R-001",
  "title": "Ransomware",
  "assets": [
    "A-001"
  ],
  "threat": "Criminal gang",
  "cia": [
    "c",
    "i"
  ],
  "owner": "CIO",
  "rating": {
    "likelihood": 4,
    "impact": "major"
  },
  "identified": "2026-11-22",
  "review": "2027-01-01",
  "sle": 100000,
  "aro": 0.5,
  "score": 16,
  "level": "high",
  "current_score": 8,
  "current_level": "medium",
  "residual_score": 8,
  "residual_level": "medium",
  "above_appetite": true,
  "ale": 50000,
  "current_treatment": "T-001",
  "residual_treatment": "T-001"
}'
run risk list --format json --owner CISO
expect_out '[
  {
    "id": "R-002",
    "title": "Phishing",
    "assets": [
      "A-001",
      "A-002"
    ],
    "cia": [
      "a"
    ],
    "owner": "CISO",
    "rating": {
      "likelihood": "likely"
    },
    "identified": "2026-11-22",
    "review": "2026-10-01",
    "score": 16,
    "level": "high",
    "current_score": 16,
    "current_level": "high",
    "residual_score": 16,
    "residual_level": "high",
    "above_appetite": true,
    "current_treatment": null,
    "residual_treatment": null,
    "derived": {
      "factor": "impact",
      "value": 4,
      "asset": "A-002",
      "property": "availability"
    }
  }
]'

# show explains the numbers.
run risk show R-001
expect_out "id:         R-001
title:      Ransomware
assets:     A-001
threat:     Criminal gang
cia:        c, i
owner:      CIO
rating:     {likelihood: 4, impact: major}
identified: 2026-11-22
review:     2027-01-01
sle:        100000
aro:        0.5
factors:    likelihood 4 (likely), impact 4 (major)
score:      likelihood * impact = 4 * 4 = 16
level:      high, above the appetite (medium)
treatments: T-001 modify, implemented: 8 medium
residual:   8 medium (T-001)
current:    8 medium (T-001, implemented)
ale:        50000 (sle 100000 x aro 0.5)"
run risk show R-002
out_has "factors:    likelihood 4 (likely), impact 4 (major) derived"
out_has "derived:    impact 4 from A-002 availability (effective)"
out_has "residual:   16 high (inherent: no live treatment rates it)"
out_has "current:    16 high (inherent: no treatment in effect)"
run risk show R-404
expect_status 2
expect_err "isms: no risk with id 'R-404'"

# set: dotted keys, level names; rm refuses while a treatment refers.
run risk set R-003 rating.likelihood=almost-certain owner=CISO
expect_status 0
run risk show R-003 --format json
out_has '"score": 10,'
out_has '"level": "high",'
snapshot "$P"
run risk set R-003 rating.likelihood=7
expect_status 3
err_has "bad value '7' for likelihood"
unchanged "$P"
run risk rm R-001
expect_status 3
expect_err "isms: risk R-001 is still referenced by treatment T-001 (risk); remove those references first"
unchanged "$P"
run risk rm R-003
expect_status 0
run risk show R-003
expect_status 2

# Byte preservation: set and rm change only their own lines.
cat >risks.yaml <<'YAML'
# Hand-kept register.
version: 1
risks:
  # The big one
  - id: R-001
    title:   Ransomware    # keep aligned
    assets: [A-001]
    owner: CIO
    rating: {likelihood: 4, impact: major}

  - {id: R-002, title: Phishing, assets: [A-002], owner: CISO, rating: {likelihood: 3}}
  - id: R-005
    title: Spare
    assets: [A-002]
    rating:
      likelihood: 1   # rare
      impact: 1
YAML
cp risks.yaml "$T/orig"
run risk set R-001 rating.likelihood=2
expect_status 0
sed 's/rating: {likelihood: 4, impact: major}/rating: {likelihood: 2, impact: major}/' "$T/orig" >"$T/want"
same_file "$T/want" risks.yaml
run risk set R-005 rating.impact=3
expect_status 0
sed 's/      impact: 1$/      impact: 3/' "$T/want" >"$T/want2"
same_file "$T/want2" risks.yaml
run risk set R-002 review=2027-05-01
expect_status 0
sed 's/rating: {likelihood: 3}}/rating: {likelihood: 3}, review: 2027-05-01}/' "$T/want2" >"$T/want3"
same_file "$T/want3" risks.yaml
run risk rm R-005
expect_status 0
head -n 11 "$T/want3" >"$T/want4"
same_file "$T/want4" risks.yaml

# import: factor columns by name (or rating.FACTOR), all or nothing.
cat >"$T/bad.csv" <<'CSV'
title,assets,owner,likelihood,impact
Fire,A-001,Facilities,2,severe
Flood,A-001,Facilities,2,catastrophic
Theft,A-999,Facilities,3,2
CSV
snapshot "$P"
run risk import "$T/bad.csv"
expect_status 3
err_has "bad.csv:3: bad value 'catastrophic' for impact: expected 1-5 (negligible, minor, moderate, major, severe)"
err_has "bad.csv:4: assets 'A-999' does not exist"
unchanged "$P"
cat >"$T/dup.csv" <<'CSV'
title,likelihood,rating.likelihood
Fire,2,3
CSV
run risk import "$T/dup.csv"
expect_status 3
err_has "column 'rating.likelihood' appears twice"
cat >"$T/good.csv" <<'CSV'
title,assets,owner,Likelihood,rating.impact,review
Fire,A-001,Facilities,2,severe,2027-06-30
Outage,A-002; A-001,IT,possible,,2027-06-30
CSV
run risk import "$T/good.csv"
expect_status 0
expect_out "imported 2 risks"
run risk export --format csv
expect_out "id,title,assets,threat,vulnerability,cia,owner,rating,identified,review,sle,aro,loss,description
R-001,Ransomware,A-001,,,,CIO,\"{likelihood: 2, impact: major}\",,,,,,
R-002,Phishing,A-002,,,,CISO,{likelihood: 3},,2027-05-01,,,,
R-003,Fire,A-001,,,,Facilities,\"{likelihood: 2, impact: severe}\",,2027-06-30,,,,
R-004,Outage,A-002; A-001,,,,IT,{likelihood: possible},,2027-06-30,,,,"
# Export round-trips through import.
cp "$T/out" "$T/export.csv"
Q=$T/q
new_project "$Q"
cp assets.yaml "$Q/"
run -C "$Q" risk import "$T/export.csv"
expect_status 0
expect_out "imported 4 risks"
run -C "$Q" risk export --format csv
same_file "$T/export.csv" "$T/out"
run risk export --format json
out_has '"residual_score": 8,'

run risk frobnicate
expect_status 2
run risk add --help
expect_status 0
out_has "--title"

done_testing
