#!/bin/sh
# isms report: the HTML parsed as XML, every section, the heat map cells and
# counts, the PDCA section's figures against isms status, escaping of
# hostile strings everywhere (attributes too), the Markdown snapshot of a
# small project, --section, --management-review, determinism, and the
# errors.  Needs python3 (in .ci/run).
. "$(dirname "$0")/lib.sh"

P=$T/nw
example_project "$P"
R=$T/report.html

# python3 SCRIPT ARGS...: a check written in Python; prints problems.
py() {
	python3 - "$@" >"$T/py.out" 2>&1
	pystatus=$?
	checks=$((checks + 1))
	if [ "$pystatus" -ne 0 ]; then
		fail "python check failed: $(cat "$T/py.out")"
	fi
}

run -C "$P" --today 2026-11-22 report --format html -o "$R"
expect_status 0
expect_no_out
expect_no_err

# Well-formed, every section once, no network, SVG cells and counts.  The
# counts are those of Northwind's risks.yaml and treatments.yaml; by level
# they must agree with what `isms status` counts another way.
"$ISMS" -C "$P" --today 2026-11-22 status --format json >"$T/status.json"
py "$R" "$T/status.json" <<'PY'
import sys, json, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
status = json.load(open(sys.argv[2]))
assert root.tag == 'html', root.tag
ids = [e.get('id') for e in root.iter() if e.get('id')]
for s in ['cover', 'summary', 'heatmap', 'risks', 'treatments', 'soa',
          'audit', 'pdca', 'problems', 'heatmap-inherent', 'heatmap-residual',
          'soa-themes']:
    assert ids.count(s) == 1, (s, ids.count(s))
for e in root.iter():
    for k, v in e.attrib.items():
        assert k not in ('src', 'href') or v.startswith('#'), (k, v)
        assert not k.startswith('on'), k
assert len(list(root.iter('script'))) == 1
assert len(list(root.iter('link'))) == 0
want = {
 'inherent': {('likely', 'moderate'): 2, ('likely', 'severe'): 3,
   ('possible', 'major'): 5, ('possible', 'moderate'): 6,
   ('possible', 'severe'): 5, ('rare', 'major'): 1, ('rare', 'severe'): 1,
   ('unlikely', 'major'): 5, ('unlikely', 'minor'): 3,
   ('unlikely', 'moderate'): 2, ('unlikely', 'severe'): 3},
 'residual': {('likely', 'minor'): 1, ('rare', 'major'): 7,
   ('rare', 'minor'): 4, ('rare', 'moderate'): 3, ('rare', 'severe'): 7,
   ('unlikely', 'major'): 8, ('unlikely', 'minor'): 2,
   ('unlikely', 'moderate'): 4},
}
for view, cells_want in want.items():
    svg = [e for e in root.iter('svg') if e.get('id') == 'heatmap-' + view][0]
    cells = [g for g in svg.iter('g') if g.get('class') == 'cell']
    assert len(cells) == 25, len(cells)
    got = {(g.get('data-row'), g.get('data-col')): int(g.get('data-count'))
           for g in cells if g.get('data-count') != '0'}
    assert got == cells_want, (view, got)
    by_level = {}
    for g in cells:
        lvl = g.get('data-level')
        by_level[lvl] = by_level.get(lvl, 0) + int(g.get('data-count'))
        shown = ''.join(t.text or '' for t in g.iter('text'))
        assert shown == ('' if g.get('data-count') == '0' else g.get('data-count'))
        assert g.find('rect').get('class').startswith('tone-')
    for l in status['risks']['by_level']:
        assert by_level[l['level']] == l[view], (view, l, by_level)
bars = [g for g in root.iter('g') if g.get('class') == 'theme-bar']
assert [b.get('data-theme') for b in bars] == ['Organizational', 'People',
    'Physical', 'Technological']
assert sum(int(b.get('data-applicable')) for b in bars) == status['soa']['applicable']
assert sum(int(b.get('data-implemented')) for b in bars) == status['soa']['implemented']
# Tables: a header and complete rows; the risk register has every risk.
for t in root.iter('table'):
    head = t.find('thead/tr')
    for tr in t.find('tbody'):
        assert len(tr) == len(head), ET.tostring(tr)
risks = [s for s in root.iter('section') if s.get('id') == 'risks'][0]
top, register = risks.findall('.//tbody')
assert len(top) == 10 and len(register) == 36
assert [tr[1].text for tr in top][:3] == ['R-001', 'R-002', 'R-003']
soa = [s for s in root.iter('section') if s.get('id') == 'soa'][0]
assert len(soa.find('.//tbody')) == 93
# The contents list every section after the cover, in order.
toc = [a.get('href') for a in root.find(".//nav").iter('a')]
assert toc == ['#summary', '#heatmap', '#risks', '#treatments', '#soa',
    '#audit', '#pdca', '#problems'], toc
# The PDCA section: one table per register (documents only when one needs
# attention, which none of Northwind's does), rows as status counts them.
pdca = [s for s in root.iter('section') if s.get('id') == 'pdca'][0]
heads = [tuple(th.text for th in t.find('thead/tr')) for t in pdca.iter('table')]
assert [h[1] for h in heads] == ['Objective', 'Incident', 'Metric', 'Date',
    'Action'], heads
bodies = [t.find('tbody') for t in pdca.iter('table')]
objectives, incidents, metrics, reviews, actions = bodies
assert len(objectives) == status['objectives']['total']
assert len(incidents) == status['incidents']['total']
assert len(metrics) == status['metrics']['total']
assert len(actions) == status['reviews']['actions_open']
assert [tr[0].text for tr in reviews] == ['MR-001', 'MR-002', 'MR-003']
met = sum(1 for tr in metrics if tr[5].text == 'met')
assert met == status['metrics']['on_target'], met
inc = {tr[0].text: [td.text for td in tr] for tr in incidents}
assert inc['INC-002'][7:9] == ['yes', 'on-time (deadline 2026-08-21)'], inc['INC-002']
assert inc['INC-001'][8] == 'not-required', inc['INC-001']
assert not any(tr.get('class') == 'overdue' for b in bodies for tr in b)
# The summary cards carry the PDCA figures.
cards = {c.find('span').text: c for c in root.iter('div')
         if c.get('class') in ('card', 'card alert')}
assert cards['Objectives'].findall('span')[1].text == '6'
assert cards['Metrics on target'].findall('span')[1].text == '6 of 6'
assert cards['Management reviews held'].findall('span')[1].text == '2'
assert cards['Management reviews held'].findall('span')[2].text == (
    'last 2026-10-14, next due 2027-04-14; actions 2 open, 0 overdue')
PY

# A later day: what falls late is marked in the PDCA tables, and its card
# turns to an alert.
run -C "$P" --today 2027-01-05 report -o "$T/late.html"
expect_status 0
py "$T/late.html" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
pdca = [s for s in root.iter('section') if s.get('id') == 'pdca'][0]
late = [tr[0].text for tr in pdca.iter('tr') if tr.get('class') == 'overdue']
assert late == ['OBJ-002', 'INC-004', 'INC-005', 'M-001', 'M-002', 'M-003',
    'M-004', 'M-005', 'MR-002', 'MR-002'], late
cells = [td.text for td in pdca.iter('td')]
assert '2026-12-31 (overdue)' in cells and '2026-11-30 (stale)' in cells
cards = {c.find('span').text: c.get('class') for c in root.iter('div')
         if c.get('class') in ('card', 'card alert')}
assert cards['Objectives'] == 'card alert', cards
assert cards['Management reviews held'] == 'card alert', cards
assert cards['Documents'] == 'card', cards
PY

# Deterministic: the same --today gives the same bytes, whatever the clock,
# the time zone or the directory it runs from.
run -C "$P" --today 2026-11-22 report -o "$T/again.html"
same_file "$R" "$T/again.html"
(cd "$P" && TZ=Pacific/Kiritimati "$ISMS" --today 2026-11-22 report >"$T/tz.html")
same_file "$R" "$T/tz.html"
run -C "$P" --today 2026-12-25 report
out_has 'As of <time datetime="2026-12-25">2026-12-25</time>'
out_lacks '2026-11-22</time>'

# Markdown: every section heading.
run -C "$P" --today 2026-11-22 report --format md
expect_status 0
for h in "# Northwind Health Ltd: ISMS report" "## Summary" "## Heat maps" \
    "## Risk register" "## Risk treatment plan" "## Statement of applicability" \
    "## Internal audit" \
    "## Objectives, documents, incidents, measurement and reviews" \
    "### Information security objectives" "### Documented information" \
    "### Incidents" "### Monitoring and measurement" "### Management reviews" \
    "## Check problems"; do
	out_has "$h"
done
out_lacks "<svg"

# The Markdown snapshot of a small fixed project (the sections that do not
# depend on which check rules exist).
S=$T/small
mkdir -p "$S"
cp "$ISMS_SRC"/tests/cli/data/report-small/*.yaml "$S"/
run -C "$S" --today 2026-11-22 report --format md --section cover \
    --section heatmap --section risks --section treatments --section soa \
    --section audit
expect_status 0
same_file "$ISMS_SRC/tests/cli/data/report-small.md" "$T/out"
run -C "$S" --today 2026-11-22 report --format md --section summary
out_has "- **Risks:** 2 (1 above appetite before treatment)"
out_has "- **Open treatments:** 1 (1 overdue, 2 in all)"
out_has "| high           |        1 |        0 |       1 |"

# --section: one part only, as a document of its own.
run -C "$P" --today 2026-11-22 report --section soa -o "$T/soa.html"
expect_status 0
py "$T/soa.html" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
secs = [s.get('id') for s in root.iter('section')]
assert secs == ['soa'], secs
assert root.find('.//h1').text == 'Statement of applicability'
assert 'Northwind Health Ltd' in root.find('.//title').text
PY
run -C "$P" --today 2026-11-22 report --section treatments --section risks --format md
expect_status 0
out_has "## Risk register"
out_has "## Risk treatment plan"
out_lacks "## Statement of applicability"
out_lacks "## Scope"
run -C "$P" report --section bogus
expect_status 2
expect_err "isms: --section: no section 'bogus' (use cover, summary, heatmap, risks, treatments, soa, audit, pdca, problems)"
run -C "$S" --today 2026-11-22 report --format md --section pdca
expect_status 0
out_has "# Small Co \| Ltd: Objectives, documents, incidents, measurement and reviews"
out_has "No objective is recorded."
out_has "Every document is approved and within its review date."
out_has "No management review is recorded."
run -C "$P" report --management-review --section soa
expect_status 2
run -C "$P" report --format json
expect_status 2
expect_err "isms: report: format 'json' is not available here (use md or html)"
run -C "$P" report extra
expect_status 2

# The management review pack: every 9.3.2 input under its own heading.
run -C "$P" --today 2026-11-22 report --management-review --format md
expect_status 0
for h in "# Northwind Health Ltd: Management review input" \
    "## Summary for the board" \
    "## a) Status of actions from previous management reviews" \
    "## b) Changes in external and internal issues" \
    "## c) Changes in the needs and expectations of interested parties" \
    "## d) Information security performance" \
    "### 1. Nonconformities and corrective actions" \
    "### 2. Monitoring and measurement results" \
    "### 3. Audit results" \
    "### 4. Fulfilment of information security objectives" \
    "### Trends by quarter" "### Information security incidents" \
    "## e) Feedback from interested parties" \
    "## f) Results of risk assessment and status of risk treatment plan" \
    "## g) Opportunities for continual improvement"; do
	out_has "$h"
done
out_lacks "no register of management reviews"
out_lacks "no register of information security objectives"
# a): every action of the earlier reviews; d): the trends, from Q1 2026
# (AU-001's six findings, four of them nonconformities) to today's quarter.
out_has "| MR-001 | Publish the objectives and brief directors                       | Information Security Manager | 2026-05-15 | done  |"
out_has "| MR-002 | Book the Stage 1 certification audit                             | Information Security Manager | 2026-12-15 | open  |"
out_has "| 2026-Q1 |         0 |                        0 |                      0 |              6 |                              4 |"
out_has "| 2026-Q4 |         3 |                        1 |                      1 |              0 |                              0 |"
run -C "$P" --today 2026-11-22 report --management-review -o "$T/mr.html"
expect_status 0
py "$T/mr.html" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
h2 = [h.text for h in root.iter('h2')]
assert [h[:2] for h in h2[1:]] == ['a)', 'b)', 'c)', 'd)', 'e)', 'f)', 'g)'], h2
PY

# Escaping: hostile strings in every kind of field, and in attributes (a
# project catalog's theme lands in data-theme).
H=$T/hostile
mkdir -p "$H/catalogs"
X='<script>alert(1)</script>'
# (YAML single-quoted: '' is one quote.)
Q="\"><img src=x onerror=alert(2)>''"
cat >"$H/isms.yaml" <<YAML
version: 1
organization: '$X & Co'
catalog: evil
methodology: {preset: 5x5}
YAML
cat >"$H/catalogs/evil.yaml" <<YAML
version: 1
controls:
  - {id: C-1, title: '$X title', theme: '$Q theme'}
YAML
cat >"$H/scope.yaml" <<YAML
version: 1
statement: '$X statement'
issues: [{id: I-001, kind: internal, text: '$X issue'}]
parties: [{id: P-001, name: '$X party', requirements: ['$X req']}]
YAML
cat >"$H/assets.yaml" <<YAML
version: 1
assets: [{id: A-001, name: '$X asset', owner: '$X owner', c: 3, i: 3, a: 3}]
YAML
cat >"$H/risks.yaml" <<YAML
version: 1
risks:
  - {id: R-001, title: '$X', owner: '$Q', assets: [A-001], rating: {likelihood: 4, impact: 5}}
YAML
cat >"$H/treatments.yaml" <<YAML
version: 1
treatments:
  - id: T-001
    risk: R-001
    option: modify
    controls: [C-1]
    owner: '$X towner'
    due: 2026-01-01
    status: planned
    actions: [{text: '$X action', owner: '$Q', due: 2026-01-01, done: false}]
    residual: {likelihood: 1}
    approved_by: '$X approver'
    rationale: '$X rationale'
YAML
cat >"$H/soa.yaml" <<YAML
version: 1
catalog: evil
controls: [{id: C-1, applicable: true, status: partial, owner: '$X sowner', reason: '$X reason', evidence: ['$X evidence']}]
YAML
cat >"$H/audits.yaml" <<YAML
version: 1
programme: {objectives: ['$X objective']}
audits: [{id: AU-001, title: '$X audit', lead: '$Q', planned: 2026-01-01, status: reported}]
findings:
  - {id: F-001, audit: AU-001, type: opportunity, ref: C-1, statement: '$X statement', status: open, action: {root_cause: '$X cause', corrective_action: '$X ca', owner: '$X caowner', due: 2026-01-01}}
YAML
cat >"$H/objectives.yaml" <<YAML
version: 1
objectives: [{id: OBJ-001, title: '$X obj', owner: '$Q', target: '$X target', due: 2026-01-01, status: planned}]
YAML
cat >"$H/documents.yaml" <<YAML
version: 1
documents: [{id: DOC-001, title: '$X doc', version: '$X v', owner: '$X downer', review: 2026-01-01, status: draft}]
YAML
cat >"$H/incidents.yaml" <<YAML
version: 1
incidents:
  - {id: INC-001, title: '$X incident', reported: 2026-11-01, severity: high, owner: '$X iowner', personal_data: true, status: closed, lessons: '$X lessons'}
YAML
cat >"$H/metrics.yaml" <<YAML
version: 1
metrics: [{id: M-001, title: '$X metric', owner: '$X mowner', unit: '$Q', target: 1, period: monthly, measurements: [{date: 2026-10-01, value: 2}]}]
YAML
cat >"$H/reviews.yaml" <<YAML
version: 1
reviews: [{id: MR-001, date: 2026-05-01, chair: '$X chair', decisions: ['$X decision'], actions: [{text: '$X raction', owner: '$Q', due: 2026-06-01, done: false}], status: held}]
YAML
for what in "" "--management-review"; do
	run -C "$H" --today 2026-11-22 report $what -o "$T/h.html"
	expect_status 0
	py "$T/h.html" "$what" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
X = '<script>alert(1)</script>'
assert len(list(root.iter('script'))) == 1
assert not list(root.iter('img'))
for e in root.iter():
    for k in e.attrib:
        assert not k.startswith('on') and k != 'src', k
text = '\n'.join(root.itertext())
both = [' & Co', ' action', ' cause', ' ca', ' caowner', ' statement',
        ' audit', ' obj', ' target', ' incident', ' iowner', ' lessons',
        ' metric', ' mowner', ' raction']
report = [' title', ' towner', ' approver', ' sowner', ' reason',
          ' evidence', ' objective', ' doc', ' v', ' downer', ' chair',
          ' decision']
review = [' party', ' req', ' issue']
want = both + (review if sys.argv[2] else report)
for w in want:
    assert X + w in text, w
if not sys.argv[2]:
    themes = [g.get('data-theme') for g in root.iter('g')
              if g.get('class') == 'theme-bar']
    assert themes == ["\"><img src=x onerror=alert(2)>' theme"], themes
    assert X in text  # the bare title
PY
done
run -C "$H" --today 2026-11-22 report --format md
expect_status 0
checks=$((checks + 1))
grep -n '[^\\]<script\|^<script' "$T/out" && fail "unescaped < in Markdown"
out_has '# \<script\>alert(1)\</script\> \& Co: ISMS report'
out_has '| R-001 | \<script>alert(1)\</script> |'
out_has '| OBJ-001 | \<script>alert(1)\</script> obj |'
out_has '| MR-001 | \<script>alert(1)\</script> raction | ">\<img src=x onerror=alert(2)>'"'"' |'

# Errors leave no file behind.
run -C "$P" --today 2026-11-22 report -o "$T/no/such/dir/r.html"
expect_status 4
[ -e "$T/no/such/dir/r.html" ] && fail "a report file was left behind"
B=$T/broken
example_project "$B"
printf 'version: 1\nrisks: [\n' >"$B/risks.yaml"
run -C "$B" report -o "$T/broken.html"
expect_status 3
[ -e "$T/broken.html" ] && fail "a report was written for a broken project"

done_testing
