/*
 * Risk assessment of a whole project: every number shown about a risk or a
 * treatment, computed once per load by the engine and read by every
 * command, the check, the report and the status screen.
 *
 * Three views of each risk (SPEC §2): inherent, the risk's own rating;
 * residual, the lowest-scoring residual rating among its live (not
 * cancelled) treatments; current, the same counting only treatments that
 * are implemented or verified.  A residual rating may give only the
 * factors the treatment changes; the others are the inherent ones.  A
 * rating that leaves out the derivable factor (impact, or asset_value for
 * ISO 27005) takes it from the risk's assets' effective values.
 */
#ifndef ISMS_ASSESS_H
#define ISMS_ASSESS_H

#include "isms/project.h"
#include "isms/sim.h"

struct view_score {
	bool scored;
	double score;
	size_t level;
	const struct treatment *from; /* NULL: the inherent rating */
	bool in_grid;              /* the heat-map cell (method_grid()) */
	size_t row, col;
};

struct risk_eval {
	const struct risk *risk;
	double *vals;              /* inherent factor values, METHOD_UNRATED */
	struct view_score inherent, residual, current;
	bool derived;              /* the derivable factor came from assets */
	struct derivation deriv;   /* which asset and property, when derived */
	const struct asset *deriv_asset;
	bool above_appetite;       /* inherent level above the appetite */
	bool has_ale;
	double ale;
	const struct treatment **treatments; /* all of the risk's, file order */
	size_t ntreatments;
};

struct treat_eval {
	const struct treatment *t;
	/* The risk it treats, as assess_risk() finds t->risk; NULL if none. */
	const struct risk_eval *risk;
	struct view_score residual; /* this treatment's residual rating */
	bool has_ale;               /* ale_before and ale_after known */
	double ale_before, ale_after;
	bool has_cost;
	double annualised_cost;
	bool has_rosi;
	double rosi;
};

struct assessment {
	const struct project *p;
	struct risk_eval *risks;     /* parallel to p->risks->risks */
	size_t nrisks;
	struct treat_eval *treats;   /* parallel to p->treatments->treatments */
	size_t ntreats;
	/* Lookups by id go through the project's indexes; these blocks hold
	 * what the evaluations point into, one allocation each. */
	double *vals;                /* every risk's factor values */
	const struct treatment **grouped; /* every risk's treatments */
	bool unique_treat_ids;       /* no treatment id is given twice */
};

/* True for treatments that count towards the residual (not cancelled). */
bool treatment_live(const struct treatment *t);
/* True for treatments that count towards the current risk. */
bool treatment_in_effect(const struct treatment *t);

void assess_project(const struct project *p, struct assessment *a);
void assess_release(struct assessment *a);
/* The project's assessment, computed on first use and kept with the
 * project until project_free(), so every command, rule and report that
 * asks pays for one pass. */
const struct assessment *project_assessment(const struct project *p);
/* Frees an assessment made by project_assessment() (NULL is fine). */
void assess_free(struct assessment *a);
const struct risk_eval *assess_risk(const struct assessment *a,
    const char *risk_id);
const struct treat_eval *assess_treatment(const struct assessment *a,
    const char *treatment_id);
/* The factor values a scored view was scored from, into vals (one per
 * method factor): the inherent rating, or the residual rating of the
 * treatment it came from over the inherent one; what places a risk on the
 * heat map in each view.  False when the view is not scored. */
bool assess_view_values(const struct assessment *a,
    const struct risk_eval *e, const struct view_score *v, double *vals);
/* Level name of a scored view, or "" */
const char *assess_level_name(const struct assessment *a,
    const struct view_score *v);

/*
 * The risk's annual loss model for `risk simulate`: its `loss` ranges, or
 * with only sle and aro a point model (frequency and magnitude constant at
 * aro and sle, so the simulated mean is the ALE).  treated applies the
 * treatment that gives the residual view: the frequency range is scaled by
 * its residual aro / the risk's aro and the magnitude range by residual sle
 * / sle (a figure the residual leaves out, or that the risk lacks, scales
 * by 1).  *point says the model came from sle and aro.  False when the
 * risk has neither.
 */
bool assess_loss_model(const struct assessment *a, const struct risk_eval *e,
    bool treated, struct sim_loss *out, bool *point);

#endif
