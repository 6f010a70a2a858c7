#!/bin/sh
# isms init --preset NAME for each preset, then a risk rated by level
# names, scored as the preset's published table says.
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1

# 5x5: likelihood x impact, bands low <=4, medium <=9, high <=16.
"$ISMS" init p5 --preset 5x5 >/dev/null || fail "init 5x5"
run -C p5 asset add --name DB --owner CIO --c 5 --i 4 --a 3
run -C p5 risk add --title "Five by five" --asset A-001 --likelihood likely --impact severe
run -C p5 risk add --title Mid --asset A-001 --likelihood possible --impact moderate
run -C p5 risk list --format csv
expect_out "id,title,owner,score,level,residual,current
R-001,Five by five,,20,critical,20 critical,20 critical
R-002,Mid,,9,medium,9 medium,9 medium"

# iso27005: asset value + threat + vulnerability (Annex E.2.1); the asset
# value is derived from the assets when not rated.  threat and
# vulnerability are also risk fields, so the factors are --rating-NAME.
"$ISMS" init pi --preset iso27005 >/dev/null || fail "init iso27005"
run -C pi asset add --name DB --owner CIO --c 3 --i 2 --a 1
run -C pi risk add --title T1 --asset A-001 --owner CIO --rating-threat high --rating-vulnerability medium
expect_status 0
run -C pi risk add --title T2 --asset A-001 --owner CIO --asset-value very-low \
	--rating-threat low --rating-vulnerability low
run -C pi risk add --title T3 --asset A-001 --owner CIO --asset-value very-high \
	--rating-threat high --rating-vulnerability high --threat "Storm"
run -C pi risk list --format csv
expect_out "id,title,owner,score,level,residual,current
R-001,T1,CIO,6,high,6 high,6 high
R-002,T2,CIO,0,low,0 low,0 low
R-003,T3,CIO,8,high,8 high,8 high"
run -C pi risk show R-001 --format json
out_has '"score": 6,'
out_has '"factor": "asset_value",'
out_has '"property": "value"'
run -C pi risk matrix
expect_out "The iso27005 methodology has no two-factor grid; risks per level:

level              inherent  residual
high                      2         2
medium (appetite)         0         0
low                       1         1
not rated                 0         0"
run -C pi risk matrix --format csv
expect_out "view,level,count
inherent,high,2
inherent,medium,0
inherent,low,1
residual,high,2
residual,medium,0
residual,low,1"

# nist-800-30: Table I-2.
"$ISMS" init pn --preset nist-800-30 >/dev/null || fail "init nist-800-30"
run -C pn asset add --name DB --owner CIO --c 3 --i 2 --a 1
run -C pn risk add --title N1 --asset A-001 --likelihood high --impact very-high
run -C pn risk add --title N2 --asset A-001 --likelihood moderate --impact moderate
run -C pn risk add --title N3 --asset A-001 --likelihood very-low --impact "Very High"
run -C pn risk add --title N4 --asset A-001 --likelihood low --impact high
run -C pn risk list --format csv
expect_out "id,title,owner,score,level,residual,current
R-001,N1,,5,very-high,5 very-high,5 very-high
R-002,N2,,3,moderate,3 moderate,3 moderate
R-003,N3,,2,low,2 low,2 low
R-004,N4,,2,low,2 low,2 low"
run -C pn risk show R-001
out_has "matrix:     likelihood high x impact very-high -> very-high"

# owasp: average likelihood 4.375 (medium), technical impact 7.25 (high):
# overall high.
"$ISMS" init po --preset owasp >/dev/null || fail "init owasp"
run -C po risk add --title O1 --skill-level 5 --motive 2 --opportunity 7 --size 1 \
	--ease-of-discovery 3 --ease-of-exploit 6 --awareness 9 --intrusion-detection 2 \
	--loss-of-confidentiality 9 --loss-of-integrity 7 --loss-of-availability 5 \
	--loss-of-accountability 8
expect_status 0
run -C po risk show R-001 --format json
out_has '"score": 4,'
out_has '"level": "high",'
run -C po risk show R-001
out_has "likelihood: avg(skill_level, motive, opportunity, size, ease_of_discovery, ease_of_exploit, awareness, intrusion_detection) = avg(5, 2, 7, 1, 3, 6, 9, 2) = 4.375 (medium)"
out_has "impact:     coalesce(avg(financial_damage, reputation_damage, non_compliance, privacy_violation), avg(loss_of_confidentiality, loss_of_integrity, loss_of_availability, loss_of_accountability)) = coalesce(avg(unrated, unrated, unrated, unrated), avg(9, 7, 5, 8)) = 7.25 (high)"
run -C po risk add --title O2 --skill-level 10
expect_status 3
run -C po risk add --title O3 --likelihood 4
expect_status 2
err_has "unknown option '--likelihood' for add"

done_testing
