# The scripted series of commits shared by the diff tests.
cat >assets.yaml <<'YAML'
version: 1
assets:
  - id: A-001
    name: Customer DB
    type: information
    owner: CIO
    c: 5
    i: 4
    a: 3
  - id: A-002
    name: Web server
    type: hardware
    owner: IT Ops
    depends_on: [A-001]
YAML
cat >risks.yaml <<'YAML'
version: 1
risks:
  - id: R-001
    title: Data breach
    assets: [A-001]
    owner: CIO
    rating: {likelihood: 3, impact: 5}
  - id: R-002
    title: Defacement
    assets: [A-002]
    owner: IT Ops
    rating: {likelihood: 2, impact: 2}
YAML
cat >soa.yaml <<'YAML'
version: 1
catalog: iso27001-2022
controls:
  - id: "5.1"
    applicable: true
    status: planned
YAML
cat >audits.yaml <<'YAML'
version: 1
audits:
  - id: AU-001
    title: Internal audit
    status: reported
findings:
  - id: F-001
    audit: AU-001
    type: minor
    ref: "5.1"
    statement: Policy not approved
    status: open
YAML
rm -f treatments.yaml
commit c1

# c2: a new asset, an owner change, a lower rating, a treatment plan that
# brings a risk within the appetite, SoA and audit progress, a new scope.
cat >assets.yaml <<'YAML'
version: 1
assets:
  - id: A-001
    name: Customer DB
    type: information
    owner: CIO
    c: 5
    i: 4
    a: 3
  - id: A-002
    name: Web server
    type: hardware
    owner: Platform team
    depends_on: [A-001]
  - id: A-003
    name: Backup vault
    type: service
    owner: IT Ops
YAML
sed -i 's/likelihood: 3, impact: 5/likelihood: 4, impact: 5/' risks.yaml
cat >treatments.yaml <<'YAML'
version: 1
treatments:
  - id: T-001
    risk: R-001
    option: modify
    controls: ["8.8"]
    status: implemented
    residual: {likelihood: 1}
YAML
cat >soa.yaml <<'YAML'
version: 1
catalog: iso27001-2022
controls:
  - id: "5.1"
    applicable: true
    status: implemented
  - id: "8.8"
    applicable: true
    status: planned
YAML
cat >audits.yaml <<'YAML'
version: 1
audits:
  - id: AU-001
    title: Internal audit
    status: closed
findings:
  - id: F-001
    audit: AU-001
    type: minor
    ref: "5.1"
    statement: Policy not approved
    status: closed
  - id: F-002
    audit: AU-001
    type: major
    ref: "8.8"
    statement: Patches applied late
    status: open
YAML
sed -i 's/^statement: .*/statement: All customer services/' scope.yaml
commit c2

# c3: a risk and an asset go.
cat >risks.yaml <<'YAML'
version: 1
risks:
  - id: R-001
    title: Data breach
    assets: [A-001]
    owner: CIO
    rating: {likelihood: 4, impact: 5}
YAML
sed -i '/- id: A-003/,$d' assets.yaml
commit c3
