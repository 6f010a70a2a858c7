/*
 * Seeded project generator for `make bench`.
 *
 *   gen DIR RISKS [SEED]
 *
 * writes a complete isms project into DIR (which must exist): RISKS risks,
 * a tenth as many assets, half as many treatments, a full SoA of the 93
 * ISO/IEC 27001:2022 Annex A controls, and an audit programme with audits
 * and findings.  The text is written the way people write registers: file
 * and section comments, block records with flow-style lists and ratings,
 * some records entirely in flow style, quoted ids and titles here and
 * there, folded descriptions, blank lines between groups.  Every reference
 * is valid (assets, risks, controls, audits) so the project loads and
 * `isms check` has the whole cross-checking work to do, and the figures
 * are chosen so the project is clean under the risk rules: risks above
 * appetite get a treatment approved by the risk's owner, reviews and due
 * dates lie after the benchmark's --today (2026-11-22).
 *
 * The same seed gives byte-identical files on every machine: the PRNG is
 * splitmix64 and no library randomness or locale is involved.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t seed_state;

static uint64_t next(void)
{
	uint64_t z = (seed_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned pick(unsigned n)
{
	return (unsigned)(next() % n);
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static void close_out(FILE *f)
{
	if (ferror(f) || fclose(f) != 0) {
		perror("gen: write");
		exit(1);
	}
}

static const char *const owners[] = { "CIO", "CISO", "Head of IT",
	"Finance Director", "Head of HR", "IT Operations Manager",
	"Head of Clinical Systems", "Data Protection Officer",
	"Facilities Manager", "Head of Digital" };
static const char *const asset_types[] = { "information", "software",
	"hardware", "service", "people", "site", "supplier" };
static const char *const classes[] = { "public", "internal", "confidential",
	"restricted" };
static const char *const places[] = { "Leeds head office", "York clinic",
	"Azure UK South", "AWS eu-west-2", "Colocation rack 4", "Harrogate" };
static const char *const nouns[] = { "patient records", "payroll data",
	"booking portal", "email tenant", "backup vault", "VPN appliance",
	"HR system", "file server", "imaging archive", "finance ledger",
	"supplier portal", "laptops", "badge system", "web site" };
static const char *const threats[] = { "Ransomware operator",
	"Phishing campaign", "Malicious insider", "Careless employee",
	"Supplier compromise", "Power failure", "Flood in the server room",
	"Credential stuffing", "Lost or stolen device",
	"Misconfiguration by an administrator" };
static const char *const vulns[] = { "Unpatched software",
	"No multi-factor authentication", "Flat network",
	"Backups reachable from the domain", "No data loss prevention",
	"Single supplier without exit plan", "Weak joiner-mover-leaver process",
	"No encryption at rest", "Untested restore procedure" };
static const char *const cias[] = { "[c]", "[i]", "[a]", "[c, i]",
	"[c, i, a]", "[i, a]" };
static const int theme_size[] = { 37, 8, 14, 34 }; /* themes 5..8 */
/* The owner and impact drawn for each risk, so that its treatment is
 * approved by that owner and its residual rating is not above it. */
static unsigned char *risk_owner, *risk_impact;

#define NCONTROLS 93

static void control_id(unsigned k, char *buf, size_t size)
{
	unsigned t = 0;
	while (k >= (unsigned)theme_size[t]) {
		k -= (unsigned)theme_size[t];
		t++;
	}
	snprintf(buf, size, "%u.%u", t + 5, k + 1);
}

static void date(FILE *f, int year, int spread_days)
{
	int d = (int)pick((unsigned)spread_days);
	int month = 1 + d / 28 % 12, day = 1 + d % 28;
	fprintf(f, "%04d-%02d-%02d", year + d / 336, month, day);
}

static void gen_config(const char *dir)
{
	FILE *f = open_out(dir, "isms.yaml");
	fputs("# Generated benchmark project (tests/bench/gen.c).\n"
	    "version: 1\n"
	    "organization: Bench Holdings plc\n"
	    "catalog: iso27001-2022\n"
	    "\n"
	    "# 5x5: low <=4, medium <=9, high <=16, critical <=25; appetite medium.\n"
	    "methodology:\n"
	    "  preset: 5x5\n", f);
	close_out(f);
}

static void gen_scope(const char *dir)
{
	FILE *f = open_out(dir, "scope.yaml");
	fputs("# Context and scope (4.1-4.3).\n"
	    "version: 1\n"
	    "statement: >-\n"
	    "  The ISMS covers every subsidiary of Bench Holdings plc, their\n"
	    "  people, premises, systems and suppliers.\n"
	    "issues:\n"
	    "  - {id: I-001, kind: external, text: Regulatory reporting}\n"
	    "  - {id: I-002, kind: internal, text: \"Mergers: registers of every subsidiary\"}\n"
	    "parties:\n"
	    "  - id: P-001\n"
	    "    name: Customers\n"
	    "    requirements: [Confidentiality, Availability of services]\n"
	    "boundaries:\n"
	    "  - {id: B-001, kind: location, name: Leeds head office}\n"
	    "interfaces:\n"
	    "  - {id: N-001, name: Hosted email provider, direction: outbound}\n"
	    "exclusions:\n"
	    "  - {id: X-001, name: Research data, reason: Covered by the university's ISMS}\n",
	    f);
	close_out(f);
}

static void gen_assets(const char *dir, unsigned n)
{
	FILE *f = open_out(dir, "assets.yaml");
	fputs("# Asset register (A.5.9), generated.\n"
	    "# c/i/a on the 1-5 impact scale.\n"
	    "version: 1\n"
	    "assets:\n", f);
	for (unsigned i = 1; i <= n; i++) {
		const char *owner = owners[pick(10)];
		const char *noun = nouns[pick(14)];
		unsigned c = 1 + pick(5), in = 1 + pick(5), a = 1 + pick(5);
		if (i % 500 == 1)
			fprintf(f, "\n  # --- group %u ---\n", i / 500 + 1);
		if (pick(4) == 0) {
			/* A whole record in flow style, as imported lists look. */
			fprintf(f, "  - {id: A-%03u, name: %s %u, type: %s, owner: %s, "
			    "classification: %s, c: %u, i: %u, a: %u}\n", i, noun,
			    i, asset_types[pick(7)], owner, classes[pick(4)], c,
			    in, a);
			continue;
		}
		fprintf(f, "  - id: A-%03u\n", i);
		if (pick(3) == 0)
			fprintf(f, "    name: \"%s (site %u)\"\n", noun, i);
		else
			fprintf(f, "    name: %s %u\n", noun, i);
		fprintf(f, "    type: %s\n    owner: %s\n    classification: %s\n",
		    asset_types[pick(7)], owner, classes[pick(4)]);
		fprintf(f, "    c: %u\n    i: %u\n    a: %u   # reviewed\n", c, in,
		    a);
		fprintf(f, "    location: %s\n", places[pick(6)]);
		/* Dependencies point at earlier assets only: no cycle. */
		if (i > 10 && pick(3) == 0) {
			unsigned d1 = 1 + pick(i - 1), d2 = 1 + pick(i - 1);
			if (d1 == d2 || pick(2))
				fprintf(f, "    depends_on: [A-%03u]\n", d1);
			else
				fprintf(f, "    depends_on:\n      - A-%03u\n"
				    "      - A-%03u\n", d1, d2);
		}
		if (pick(10) == 0)
			fprintf(f, "    in_scope: false\n");
		if (pick(8) == 0)
			fprintf(f, "    description: >-\n      Kept for %s; see the"
			    " runbook\n      for recovery steps.\n", owner);
	}
	close_out(f);
}

/* Risk i is treated when it is even; only treated risks may be rated
 * above the appetite (score 10 or more). */
static void gen_risks(const char *dir, unsigned n, unsigned nassets)
{
	FILE *f = open_out(dir, "risks.yaml");
	fputs("# Risk register (6.1.2, 8.2), generated.\n"
	    "# Where impact is left out it is derived from the assets.\n"
	    "version: 1\n"
	    "risks:\n", f);
	for (unsigned i = 1; i <= n; i++) {
		bool treated = i % 2 == 0;
		unsigned l = 1 + pick(treated ? 5 : 3);
		unsigned im = 1 + pick(treated ? 5 : 3);
		if (i % 1000 == 1)
			fprintf(f, "\n  # Business unit %u\n", i / 1000 + 1);
		fprintf(f, "  - id: R-%03u\n", i);
		fprintf(f, "    title: %s exploits %s in %s %u\n",
		    threats[pick(10)], pick(2) ? "a gap" : "weak controls",
		    nouns[pick(14)], i);
		unsigned na = 1 + pick(3);
		if (pick(3) == 0) {
			fputs("    assets:\n", f);
			for (unsigned k = 0; k < na; k++)
				fprintf(f, "      - A-%03u\n", 1 + pick(nassets));
		} else {
			fputs("    assets: [", f);
			for (unsigned k = 0; k < na; k++)
				fprintf(f, "%sA-%03u", k ? ", " : "",
				    1 + pick(nassets));
			fputs("]\n", f);
		}
		fprintf(f, "    threat: %s\n", threats[pick(10)]);
		fprintf(f, "    vulnerability: \"%s\"\n", vulns[pick(9)]);
		fprintf(f, "    cia: %s\n", cias[pick(6)]);
		risk_owner[i] = (unsigned char)pick(10);
		risk_impact[i] = (unsigned char)im;
		fprintf(f, "    owner: %s\n", owners[risk_owner[i]]);
		if (pick(2))
			fprintf(f, "    rating: {likelihood: %u, impact: %u}\n", l,
			    im);
		else
			fprintf(f, "    rating:\n      likelihood: %u\n"
			    "      impact: %u\n", l, im);
		fputs("    identified: ", f);
		date(f, 2025, 300);
		fputs("\n    review: ", f);
		date(f, 2027, 300);
		fputc('\n', f);
		if (pick(5) == 0)
			fprintf(f, "    sle: %u\n    aro: 0.%u\n",
			    10000 + pick(900000), 1 + pick(9));
		if (pick(20) == 0)
			fputs("    loss:\n"
			    "      frequency: {min: 0.05, mode: 0.2, max: 0.6}\n"
			    "      magnitude: {min: 15000, mode: 60000, max: 350000}\n",
			    f);
		if (pick(10) == 0)
			fputs("    description: |\n"
			    "      Raised at the quarterly risk workshop.\n"
			    "      Owner to confirm the rating.\n", f);
	}
	close_out(f);
}

static void gen_treatments(const char *dir, unsigned nrisks)
{
	static const char *const statuses[] = { "planned", "in-progress",
		"implemented", "verified" };
	FILE *f = open_out(dir, "treatments.yaml");
	fputs("# Risk treatment plan (6.1.3, 8.3), generated.\n"
	    "# Each plan is approved by the risk owner.\n"
	    "version: 1\n"
	    "treatments:\n", f);
	for (unsigned i = 1; 2 * i <= nrisks; i++) {
		char c1[8], c2[8];
		control_id(pick(NCONTROLS), c1, sizeof(c1));
		control_id(pick(NCONTROLS), c2, sizeof(c2));
		fprintf(f, "  - id: T-%03u\n    risk: R-%03u\n", i, 2 * i);
		fputs("    option: modify\n", f);
		if (pick(2))
			fprintf(f, "    controls: [\"%s\", \"%s\"]\n", c1, c2);
		else
			fprintf(f, "    controls:\n      - \"%s\"\n", c1);
		fprintf(f, "    owner: %s\n    due: ", owners[pick(10)]);
		date(f, 2027, 300);
		fprintf(f, "\n    status: %s\n", statuses[pick(4)]);
		if (pick(3) == 0) {
			fputs("    actions:\n", f);
			fprintf(f, "      - {text: Patch and harden %s, owner: %s, "
			    "due: ", nouns[pick(14)], owners[pick(10)]);
			date(f, 2027, 200);
			fputs(", done: false}\n", f);
			if (pick(2)) {
				fputs("      - text: Review access quarterly\n"
				    "        owner: CISO\n"
				    "        due: ", f);
				date(f, 2027, 200);
				fputs("\n        done: false\n", f);
			}
		}
		fprintf(f, "    residual: {likelihood: 1, impact: %u}\n",
		    1 + pick(risk_impact[2 * i]));
		if (pick(4) == 0)
			fprintf(f, "    cost: %u\n    annual_cost: %u\n",
			    1000 + pick(50000), 500 + pick(9000));
		/* The risk owner approves the plan and the residual risk. */
		fprintf(f, "    approved_by: %s\n    approved_on: 2026-05-12\n",
		    owners[risk_owner[2 * i]]);
		if (pick(6) == 0)
			fputs("    rationale: Cheapest control that brings the "
			    "risk within appetite.\n", f);
	}
	close_out(f);
}

static void gen_soa(const char *dir, unsigned nrisks)
{
	static const char *const statuses[] = { "not-started", "planned",
		"partial", "implemented" };
	FILE *f = open_out(dir, "soa.yaml");
	fputs("# Statement of Applicability (6.1.3 d), generated.\n"
	    "version: 1\n"
	    "catalog: iso27001-2022\n"
	    "controls:\n", f);
	for (unsigned k = 0; k < NCONTROLS; k++) {
		char id[8];
		control_id(k, id, sizeof(id));
		if (strcmp(id, "5.1") == 0 || strcmp(id, "6.1") == 0 ||
		    strcmp(id, "7.1") == 0 || strcmp(id, "8.1") == 0)
			fprintf(f, "  # --- theme %c ---\n", id[0]);
		fprintf(f, "  - id: \"%s\"\n    applicable: true\n", id);
		fprintf(f, "    reason: Treats R-%03u and others\n",
		    2 + 2 * pick(nrisks / 2 > 1 ? nrisks / 2 - 1 : 1));
		fprintf(f, "    status: %s\n    owner: %s\n", statuses[pick(4)],
		    owners[pick(10)]);
		if (pick(2))
			fprintf(f, "    evidence: [POL-%03u policy, Review minutes]\n",
			    k + 1);
		else
			fprintf(f, "    evidence:\n      - POL-%03u policy v2\n",
			    k + 1);
	}
	close_out(f);
}

static void gen_audits(const char *dir, unsigned nrisks)
{
	unsigned naudits = 3 + nrisks / 5000, nfind = 2 * naudits;
	FILE *f = open_out(dir, "audits.yaml");
	fputs("# Internal audit programme (9.2, 10.2), generated.\n"
	    "version: 1\n"
	    "programme:\n"
	    "  objectives:\n"
	    "    - Audit every clause 4-10 once per cycle\n"
	    "  cycle_months: 36\n"
	    "audits:\n", f);
	for (unsigned i = 1; i <= naudits; i++) {
		char c1[8];
		control_id(pick(NCONTROLS), c1, sizeof(c1));
		fprintf(f, "  - id: AU-%03u\n    title: Internal audit %u\n", i, i);
		fprintf(f, "    scope: {clauses: [\"4\", \"5\", \"6\", \"7\", \"8\", "
		    "\"9\", \"10\"], controls: [\"%s\"]}\n", c1);
		fputs("    criteria: ISO/IEC 27001:2022\n"
		    "    lead: Internal Audit Lead\n"
		    "    auditors: [Internal Audit Lead, External associate]\n"
		    "    planned: ", f);
		date(f, 2026, 250);
		fputs("\n    status: reported\n", f);
	}
	fputs("findings:\n", f);
	for (unsigned i = 1; i <= nfind; i++) {
		char c1[8];
		control_id(pick(NCONTROLS), c1, sizeof(c1));
		fprintf(f, "  - id: F-%03u\n    audit: AU-%03u\n", i,
		    1 + pick(naudits));
		fprintf(f, "    type: %s\n    ref: \"%s\"\n",
		    pick(2) ? "minor" : "observation", c1);
		fputs("    statement: Control evidence was incomplete.\n"
		    "    evidence: Sampled records.\n"
		    "    raised: 2026-03-12\n"
		    "    status: closed\n"
		    "    action:\n"
		    "      root_cause: No owner for the review.\n"
		    "      correction: Review done.\n"
		    "      corrective_action: Quarterly review added.\n"
		    "      owner: CISO\n"
		    "      due: 2026-06-30\n"
		    "      verified_by: Internal Audit Lead\n"
		    "      verified_on: 2026-07-10\n", f);
	}
	close_out(f);
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: gen DIR RISKS [SEED]\n");
		return 2;
	}
	const char *dir = argv[1];
	long n = strtol(argv[2], NULL, 10);
	if (n < 10 || n > 10000000) {
		fprintf(stderr, "gen: RISKS must be 10..10000000\n");
		return 2;
	}
	seed_state = argc == 4 ? strtoull(argv[3], NULL, 10) : 27001;
	unsigned risks = (unsigned)n, assets = risks / 10;
	risk_owner = calloc(risks + 1, 1);
	risk_impact = calloc(risks + 1, 1);
	if (!risk_owner || !risk_impact) {
		perror("gen");
		return 1;
	}
	gen_config(dir);
	gen_scope(dir);
	gen_assets(dir, assets);
	gen_risks(dir, risks, assets);
	gen_treatments(dir, risks);
	gen_soa(dir, risks);
	gen_audits(dir, risks);
	free(risk_owner);
	free(risk_impact);
	return 0;
}
