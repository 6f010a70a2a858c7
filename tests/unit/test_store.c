/*
 * Quick write sessions and the register cache (store.h, regcache.h): a
 * full session leaves a cache; a quick one is taken only when the cache
 * matches the files, edits the same bytes a full one would, declines
 * (writing nothing) when the edit would add a problem, and leaves the
 * cache a full load would have written.
 */
#include "unit.h"
#include "tmproot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/regcache.h"
#include "isms/store.h"

static const char *const files[] = { "isms.yaml", "assets.yaml",
	"risks.yaml", "treatments.yaml", ".isms.lock", ".isms.cache" };

static const char config[] =
    "version: 1\nmethodology:\n  preset: 5x5\n";
static const char assets[] =
    "version: 1\n"
    "assets:\n"
    "  - id: A-001\n    name: DB\n    type: information\n    owner: CIO\n"
    "  - id: A-002\n    name: Web\n    type: hardware\n    owner: Ops\n"
    "    depends_on: [A-001]\n";
static const char risks[] =
    "# Risk register\n"
    "version: 1\n"
    "risks:\n"
    "  # first\n"
    "  - id: R-001\n"
    "    title: One\n"
    "    assets: [A-001]\n"
    "    owner: CIO\n"
    "    rating: {likelihood: 2, impact: 3}\n"
    "\n"
    "  - {id: R-002, title: Two, assets: [A-002], owner: Ops}\n"
    "  - id: R-003\n"
    "    title: Three   # trailing comment\n"
    "    assets: [A-002]\n"
    "    owner: Ops\n"
    "# the end\n";

static int setup(void **state)
{
	struct fixture *f = tmproot_make("store");
	if (!f)
		return -1;
	put(f, "isms.yaml", config);
	put(f, "assets.yaml", assets);
	put(f, "risks.yaml", risks);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	tmproot_remove(*state, files, ARRAY_SIZE(files));
	return 0;
}

static struct isms_error *set_owner(struct session *s, void *arg)
{
	return session_set(s, COL_ASSETS, "A-001", "owner", arg);
}

/* A full session that changes something, leaving a cache behind. */
static void full_write(const struct fixture *f, const char *owner)
{
	assert_null(session_run(f->root, 20000, NULL, set_owner,
	    (void *)owner));
}

/* The cache on disk equals what a full load of the files gives. */
static void assert_cache_fresh(const struct fixture *f)
{
	struct project *p = NULL;
	struct regcache *got = regcache_read(f->root);
	assert_non_null(got);
	assert_null(project_load(f->root, 20000, NULL, 0, &p));
	struct regcache *want = regcache_from_project(p);
	for (int k = 0; k < REG_COUNT; k++) {
		assert_int_equal(got->file[k].exists, want->file[k].exists);
		assert_int_equal(got->file[k].size, want->file[k].size);
		assert_true(got->file[k].hash == want->file[k].hash);
	}
	for (int c = 0; c < COL_COUNT; c++) {
		assert_int_equal(got->coll[c].block, want->coll[c].block);
		assert_int_equal(got->coll[c].n, want->coll[c].n);
		for (size_t i = 0; i < got->coll[c].n; i++) {
			const struct rc_rec *a = &got->coll[c].v[i];
			const struct rc_rec *b = &want->coll[c].v[i];
			assert_int_equal(a->start, b->start);
			assert_int_equal(a->end, b->end);
			assert_string_equal(a->id ? a->id : "-", b->id ? b->id : "-");
		}
	}
	regcache_free(got);
	regcache_free(want);
	project_free(p);
}

static void test_hash(void **state)
{
	(void)state;
	const char *a = "version: 1\nrisks: []\n#0123456789012345678901234567";
	assert_true(regcache_hash(a, strlen(a)) == regcache_hash(a, strlen(a)));
	assert_true(regcache_hash(a, strlen(a)) !=
	    regcache_hash(a, strlen(a) - 1));
	char *b = xstrdup(a);
	b[3] ^= 1;   /* one bit inside the 32-byte lanes */
	assert_true(regcache_hash(a, strlen(a)) != regcache_hash(b, strlen(b)));
	free(b);
}

/* Without a cache one is made from the registers, read streamed; with
 * the cache turned off, or a project a write is refused on, the quick
 * session declines and leaves it to the full one. */
static void test_no_cache(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct quick_edit q = { COL_RISKS, "R-001", false, false };

	assert_int_equal(setenv("ISMS_CACHE", "off", 1), 0);
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_int_equal(unsetenv("ISMS_CACHE"), 0);
	assert_true(s.declined);
	assert_null(s.p);
	session_end(&s);

	put(f, "treatments.yaml", "version: 1\ntreatments:\n"
	    "  - {id: T-001, risk: R-001, option: sideways}\n");
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_true(s.declined);
	session_end(&s);
	unlink_in(f, "treatments.yaml");

	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	assert_false(s.p->files[REG_RISKS].doc->len == strlen(risks));
	assert_null(session_set(&s, COL_RISKS, "R-001", "owner", "Lead"));
	assert_null(session_commit(&s));
	session_end(&s);
	assert_cache_fresh(f);
}

static void test_full_session_leaves_cache(void **state)
{
	struct fixture *f = *state;
	full_write(f, "CISO");
	assert_cache_fresh(f);
	struct regcache *rc = regcache_read(f->root);
	const struct rc_coll *cl = &rc->coll[COL_RISKS];
	char *text = slurp(f, "risks.yaml");
	assert_true(cl->block);
	assert_int_equal(cl->n, 3);
	/* A record's lines: from its dash to the line after its last. */
	assert_memory_equal(text + cl->v[0].start, "  - id: R-001\n", 14);
	assert_memory_equal(text + cl->v[1].start, "  - {id: R-002", 14);
	assert_memory_equal(text + cl->v[2].end, "# the end\n", 10);
	assert_false(rc->coll[COL_TREATMENTS].block);
	free(text);
	regcache_free(rc);
}

struct add_arg {
	const char *title;
};

static struct isms_error *add_risk(struct session *s, void *arg)
{
	const struct schema *sch = coll_defs[COL_RISKS].schema;
	const char *id = session_new_id(s, COL_RISKS, NULL);
	struct field_text ft[3];
	struct isms_error *err;
	assert_null(field_text_from_arg(schema_field(sch, "id"), id, &ft[0]));
	assert_null(field_text_from_arg(schema_field(sch, "title"), arg,
	    &ft[1]));
	assert_null(field_text_from_arg(schema_field(sch, "assets"), "A-001",
	    &ft[2]));
	err = session_add(s, COL_RISKS, ft, 3, id);
	for (size_t i = 0; i < 3; i++)
		field_text_release(&ft[i]);
	return err;
}

static struct isms_error *add_dangling(struct session *s, void *arg)
{
	const struct schema *sch = coll_defs[COL_RISKS].schema;
	const char *id = session_new_id(s, COL_RISKS, NULL);
	struct field_text ft[3];
	struct isms_error *err;
	(void)arg;
	assert_null(field_text_from_arg(schema_field(sch, "id"), id, &ft[0]));
	assert_null(field_text_from_arg(schema_field(sch, "title"), "Lost",
	    &ft[1]));
	assert_null(field_text_from_arg(schema_field(sch, "assets"), "A-404",
	    &ft[2]));
	err = session_add(s, COL_RISKS, ft, 3, id);
	for (size_t i = 0; i < 3; i++)
		field_text_release(&ft[i]);
	return err;
}

/* A reference the cache's ids do not hold: declined, nothing written. */
static void test_quick_add_dangling_declines(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct quick_edit q = { COL_RISKS, NULL, true, false };

	full_write(f, "CISO");
	char *before = slurp(f, "risks.yaml");
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	assert_null(add_dangling(&s, NULL));
	assert_null(session_commit(&s));
	assert_true(s.declined);
	session_end(&s);
	char *after = slurp(f, "risks.yaml");
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* The full session then refuses it, naming the place. */
	struct isms_error *err = session_run(f->root, 20000, &q, add_dangling,
	    NULL);
	assert_non_null(err);
	assert_int_equal(err->code, EXIT_DATA);
	assert_string_equal(err->file, "risks.yaml");
	assert_int_equal(err->line, 18);
	assert_string_equal(err->msg, "risk R-004: assets 'A-404' does not "
	    "exist; nothing was written");
	err_free(err);
}

static void test_quick_add(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct quick_edit q = { COL_RISKS, NULL, true, false };

	full_write(f, "CISO");
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	/* Only isms.yaml and the risk's neighbours were loaded; the assets
	 * it names are judged by the cache's ids. */
	assert_false(s.p->only & 1u << REG_ASSETS);
	assert_false(s.p->only & 1u << REG_TREATMENTS);
	assert_null(project_find(s.p, COL_ASSETS, "A-001"));
	assert_non_null(s.p->files[REG_RISKS].doc);
	assert_true(s.p->files[REG_RISKS].doc->len < strlen(risks));
	assert_string_equal(session_new_id(&s, COL_RISKS, NULL), "R-004");
	assert_null(add_risk(&s, "Four"));
	assert_null(session_commit(&s));
	assert_false(s.declined);
	session_end(&s);

	char *text = slurp(f, "risks.yaml");
	assert_non_null(strstr(text, "    owner: Ops\n"
	    "  - id: R-004\n    title: Four\n    assets: [A-001]\n"
	    "# the end\n"));
	free(text);
	assert_cache_fresh(f);
}

static struct isms_error *set_likelihood(struct session *s, void *arg)
{
	return session_set(s, COL_RISKS, "R-002", "rating.likelihood", arg);
}

static void test_quick_set_and_decline(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct quick_edit q = { COL_RISKS, "R-002", false, false };

	full_write(f, "CISO");
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	assert_null(set_likelihood(&s, "4"));
	assert_null(session_commit(&s));
	assert_false(s.declined);
	session_end(&s);
	char *text = slurp(f, "risks.yaml");
	assert_non_null(strstr(text, "  - {id: R-002, title: Two, assets: "
	    "[A-002], owner: Ops, rating: {likelihood: 4}}\n"));
	assert_cache_fresh(f);

	/* Off the scale: declined, nothing written, the cache still good. */
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	assert_null(set_likelihood(&s, "9"));
	assert_null(session_commit(&s));
	assert_true(s.declined);
	session_end(&s);
	char *again = slurp(f, "risks.yaml");
	assert_string_equal(text, again);
	free(again);
	free(text);
	assert_cache_fresh(f);
}

static struct isms_error *rm_risk(struct session *s, void *arg)
{
	return session_rm(s, COL_RISKS, arg);
}

static void test_quick_rm(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct quick_edit q = { COL_RISKS, "R-002", false, true };

	put(f, "treatments.yaml", "version: 1\ntreatments:\n"
	    "  - {id: T-001, risk: R-001, option: modify, owner: Ops}\n");
	full_write(f, "CISO");
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	/* Whatever can refer to a risk is loaded whole to be asked. */
	assert_true(s.p->only & 1u << REG_TREATMENTS);
	assert_true(s.p->files[REG_RISKS].doc->len < strlen(risks));
	assert_null(rm_risk(&s, "R-002"));
	assert_null(session_commit(&s));
	assert_false(s.declined);
	session_end(&s);
	char *text = slurp(f, "risks.yaml");
	assert_null(strstr(text, "R-002"));
	assert_non_null(strstr(text, "    rating: {likelihood: 2, impact: 3}\n"
	    "\n  - id: R-003\n"));
	free(text);
	assert_cache_fresh(f);

	/* The referrer is found among the records loaded. */
	q.id = "R-001";
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	struct referrer *refs = NULL;
	assert_int_equal(project_referrers(s.p, COL_RISKS, "R-001", &refs), 1);
	assert_string_equal(rec_id(refs[0].rec,
	    coll_defs[COL_TREATMENTS].schema), "T-001");
	free(refs);
	session_end(&s);
	unlink_in(f, "treatments.yaml");
}

static void test_quick_set_whole_register(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct quick_edit q = { COL_ASSETS, "A-002", false, false };

	full_write(f, "CISO");
	/* Assets depend on assets: their register is loaded whole. */
	char *before = slurp(f, "assets.yaml");
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	assert_string_equal(s.p->files[REG_ASSETS].doc->src, before);
	assert_null(session_set(&s, COL_ASSETS, "A-002", "owner", "Network"));
	assert_null(session_commit(&s));
	assert_false(s.declined);
	session_end(&s);
	char *after = slurp(f, "assets.yaml");
	assert_non_null(strstr(after, "    owner: Network\n"));
	free(after);
	free(before);
	assert_cache_fresh(f);
}

/* A register changed by hand is loaded whole and judged again; the cache
 * is renewed for it.  A changed isms.yaml, which can change the judgement
 * of every register, means the full session. */
static void test_hand_edits(void **state)
{
	struct fixture *f = *state;
	struct session s;
	struct quick_edit q = { COL_RISKS, "R-001", false, false };

	full_write(f, "CISO");
	char *text = slurp(f, "assets.yaml");
	char *edited = xasprintf("# edited by hand\n%s", text);
	put(f, "assets.yaml", edited);
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	assert_true(s.p->only & 1u << REG_ASSETS);
	assert_false(s.quick == NULL);
	assert_null(session_set(&s, COL_RISKS, "R-001", "owner", "Risk Lead"));
	assert_null(session_commit(&s));
	assert_false(s.declined);
	session_end(&s);
	assert_cache_fresh(f);

	/* The edited register itself: loaded whole, the cache renewed. */
	char *risk_text = slurp(f, "risks.yaml");
	char *risk_edit = xasprintf("%s  - id: R-010\n    title: Ten\n",
	    risk_text);
	put(f, "risks.yaml", risk_edit);
	q = (struct quick_edit){ COL_RISKS, NULL, true, false };
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	assert_string_equal(session_new_id(&s, COL_RISKS, NULL), "R-011");
	assert_string_equal(s.p->files[REG_RISKS].doc->src, risk_edit);
	assert_null(add_risk(&s, "Eleven"));
	assert_null(session_commit(&s));
	assert_false(s.declined);
	session_end(&s);
	assert_cache_fresh(f);

	/* A hand edit that broke something: declined, left to the full
	 * session, which refuses the write. */
	put(f, "assets.yaml", "version: 1\nassets:\n  - id: A-001\n");
	q = (struct quick_edit){ COL_RISKS, "R-001", false, false };
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_true(s.declined);
	session_end(&s);
	put(f, "assets.yaml", edited);

	/* A changed register that refers to the edited one: its references
	 * are judged against the cache's ids, the edited one stays a slice. */
	put(f, "treatments.yaml", "version: 1\ntreatments:\n"
	    "  - {id: T-001, risk: R-003, option: modify, owner: Ops}\n");
	q = (struct quick_edit){ COL_RISKS, NULL, true, false };
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	assert_true(s.p->only & 1u << REG_TREATMENTS);
	assert_true(s.p->files[REG_RISKS].doc->len < strlen(risk_edit));
	assert_null(project_find(s.p, COL_RISKS, "R-003"));
	assert_null(add_risk(&s, "Twelve"));
	assert_null(session_commit(&s));
	assert_false(s.declined);
	session_end(&s);
	assert_cache_fresh(f);
	/* One that refers to a risk no register has: declined. */
	put(f, "treatments.yaml", "version: 1\ntreatments:\n"
	    "  - {id: T-001, risk: R-404, option: modify, owner: Ops}\n");
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_true(s.declined);
	session_end(&s);
	unlink_in(f, "treatments.yaml");

	/* isms.yaml changed: the cache is made afresh. */
	q = (struct quick_edit){ COL_RISKS, "R-001", false, false };
	char *config_edit = xasprintf("# edited by hand\n%s", config);
	put(f, "isms.yaml", config_edit);
	assert_null(session_begin_quick(&s, f->root, 20000, &q));
	assert_false(s.declined);
	assert_null(session_set(&s, COL_RISKS, "R-001", "owner", "Chief"));
	assert_null(session_commit(&s));
	session_end(&s);
	assert_cache_fresh(f);
	free(config_edit);
	free(risk_edit);
	free(risk_text);
	free(edited);
	free(text);
}

/* A session for some registers reads the others streamed; what it
 * commits, and the cache it leaves, are a full session's. */
static void test_session_for_some_registers(void **state)
{
	struct fixture *f = *state;
	struct session s;

	assert_null(session_begin_editing(&s, f->root, 20000,
	    1u << REG_ASSETS));
	assert_true(s.p->streamed & 1u << REG_RISKS);
	assert_false(s.p->streamed & 1u << REG_ASSETS);
	assert_null(s.p->files[REG_RISKS].doc->src);
	assert_null(session_set(&s, COL_ASSETS, "A-001", "owner", "Keeper"));
	assert_null(session_commit(&s));
	session_end(&s);
	char *text = slurp(f, "assets.yaml");
	assert_non_null(strstr(text, "owner: Keeper"));
	free(text);
	assert_cache_fresh(f);
}

static void test_damaged_cache_is_no_cache(void **state)
{
	struct fixture *f = *state;
	full_write(f, "CISO");
	char *good = slurp(f, ".isms.cache");
	size_t len = strlen(good);

	/* Cut short (no "end"), a bad number, another version. */
	good[len - 4] = '\0';
	put(f, ".isms.cache", good);
	assert_null(regcache_read(f->root));
	good[len - 4] = 'e';
	char *bad = xstrdup(good);
	char *p = strstr(bad, "\n0 ");
	if (!p)
		p = strstr(bad, "coll risks 3\n") + 13;
	else
		p++;
	*p = 'x';
	put(f, ".isms.cache", bad);
	assert_null(regcache_read(f->root));
	put(f, ".isms.cache", "isms-cache 1 0.0.0\nend\n");
	assert_null(regcache_read(f->root));
	put(f, ".isms.cache", good);
	struct regcache *rc = regcache_read(f->root);
	assert_non_null(rc);
	regcache_free(rc);
	free(bad);
	free(good);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash),
		cmocka_unit_test_setup_teardown(test_no_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_session_leaves_cache,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_quick_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quick_add_dangling_declines,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_quick_set_and_decline,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_quick_rm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quick_set_whole_register,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_hand_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_cache_is_no_cache,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_for_some_registers,
		    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
