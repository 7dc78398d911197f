/**
 * Published datasets and the values their sources report, for the agreement-statistics tests. Only data and
 * numbers are taken from the sources named here; no code. Matrices are written the way the sources print
 * them (raters × units) and turned into units × raters with `byUnit`.
 */

const n = null

/** Turns a raters × units matrix (one row per rater) into units × raters (one row per unit). */
export function byUnit<T>(byRater: readonly (readonly T[])[]): T[][] {
  const units = Math.max(...byRater.map((row) => row.length))
  return Array.from({ length: units }, (_, u) => byRater.map((row) => row[u] as T))
}

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
 * University of Pennsylvania (https://repository.upenn.edu/asc_papers/43). Examples A (p. 3), B (p. 4) and
 * C (pp. 5–8). The values are as reproduced by: the R package irr, `kripp.alpha` help page ("the C data
 * from Krippendorff", all four levels, checked to 3 decimals in sophiedkk/pyirr tests/test_kripp_alpha.py);
 * pln-fing-udelar/fast-krippendorff tests/test_krippendorff.py (ordinal 0.815, ratio 0.797); and
 * AI-Loc-Research/krippendorff-alpha tests/test_known_answers.py (A 0.095, B 0.692, C nominal 0.743, citing
 * the paper's pages).
 */
export const krippendorff2011 = {
  /** Example A: binary data, two observers (Meg, Owen), ten units, no missing data. */
  binary: {
    byRater: [
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ],
    alpha: 0.095,
  },
  /** Example B: nominal values a–e, two observers (Ben, Gerry), twelve units, no missing data. */
  nominal: {
    byRater: [
      ['a', 'a', 'b', 'b', 'd', 'c', 'c', 'c', 'e', 'd', 'd', 'a'],
      ['b', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'e', 'd', 'd', 'd'],
    ],
    alpha: 0.692,
  },
  /** Example C: values 1–5, four observers A–D, twelve units, missing data (unit 12 has one value only). */
  missing: {
    byRater: [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
      [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ],
    alpha: { nominal: 0.743, ordinal: 0.815, interval: 0.849, ratio: 0.797 },
  },
} as const

/**
 * Wikipedia, "Krippendorff's alpha", section "A computational example": three coders, fifteen units, nominal
 * α = 0.691. Six-decimal values (nominal 0.691358, interval 0.810845) from pln-fing-udelar/fast-krippendorff
 * tests/test_krippendorff.py, which uses the same data.
 */
export const krippendorffWikipedia = {
  byRater: [
    [n, n, n, n, n, 3, 4, 1, 2, 1, 1, 3, 3, n, 3],
    [1, n, 2, 1, 3, 3, 4, 3, n, n, n, n, n, n, n],
    [n, n, 2, 1, 3, 4, 4, n, 2, 1, 1, 3, 3, n, 4],
  ],
  alpha: { nominal: 0.691358, interval: 0.810845 },
} as const

/**
 * Wikipedia, "Fleiss' kappa", section "Worked example": 14 raters put 10 subjects into 5 categories;
 * P̄ = 0.378, P̄_e = 0.213, κ = 0.210. Also the table and κ of statsmodels
 * statsmodels/stats/tests/test_inter_rater.py (`table1`).
 */
export const fleissWikipedia = {
  counts: [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ],
  kappa: 0.21,
} as const

/**
 * Fleiss (1971), Table 1: psychiatric diagnoses of 30 patients by 6 raters each, categories 1 depression,
 * 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other. The ratings per patient are the `diagnoses`
 * array of statsmodels statsmodels/stats/tests/test_inter_rater.py (Fleiss prints only the counts, so the
 * order within a row is not the raters' order; Fleiss' kappa depends on the counts alone). κ = 0.4302445 is
 * R irr::kappam.fleiss(diagnoses) as recorded in that test; the category-wise kappas 0.245, 0.245, 0.520,
 * 0.471, 0.566 are kappam.fleiss(diagnoses, detail = TRUE) as checked in sophiedkk/pyirr
 * tests/test_kappam_fleiss.py.
 */
export const fleiss1971 = {
  ratings: [
    [4, 4, 4, 4, 4, 4],
    [2, 2, 2, 5, 5, 5],
    [2, 3, 3, 3, 3, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3],
    [3, 3, 3, 3, 5, 5],
    [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4],
    [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4],
    [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3],
    [1, 4, 4, 4, 4, 4],
    [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5],
    [1, 1, 1, 1, 1, 2],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 4, 4, 4, 4, 4],
    [2, 2, 4, 5, 5, 5],
    [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4],
    [1, 1, 1, 1, 5, 5],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3],
    [5, 5, 5, 5, 5, 5],
  ],
  categories: [1, 2, 3, 4, 5],
  /** Ratings per category over all patients (statsmodels test_aggregate_raters). */
  categoryTotals: [26, 26, 30, 55, 43],
  kappa: 0.4302445,
  byCategory: [0.245, 0.245, 0.52, 0.471, 0.566],
} as const

/**
 * Wikipedia, "Cohen's kappa", section "Simple example": 50 grant proposals read by reviewers A and B; both
 * yes 20, A yes B no 5, A no B yes 10, both no 15; p_o = 0.7, p_e = 0.5, κ = 0.4. Rows are A, columns B.
 */
export const cohenWikipedia = {
  table: [
    [20, 5],
    [10, 15],
  ],
  kappa: 0.4,
} as const

/**
 * A SAS printout reproduced in statsmodels statsmodels/stats/tests/test_inter_rater.py (`table10`):
 * simple kappa 0.4842, weighted kappa with scores 0, 1, 2 (linear weights) 0.4701.
 */
export const cohenSas = {
  table: [
    [0, 4, 1],
    [0, 8, 0],
    [0, 1, 5],
  ],
  kappa: { unweighted: 0.4842, linear: 0.4701 },
} as const

/**
 * R irr dataset `anxiety` (20 subjects, 3 raters, anxiety ratings 1–6), with kappa2 results recorded in
 * statsmodels statsmodels/stats/tests/test_inter_rater.py (`test_cohens_kappa_irr`): raters 2 and 3
 * unweighted −0.006289308, "equal" (linear) 0.1459075, "squared" (quadratic) 0.2520325; and raters 1 and 2
 * "squared" 0.297 (irr's kappa2 help page example, checked in sophiedkk/pyirr tests/test_kappa2.py).
 * irr builds the scale from the levels the two raters used: raters 2 and 3 never use 5, so irr's linear and
 * quadratic weights are over the five levels 1, 2, 3, 4, 6 (statsmodels notes the same).
 */
export const irrAnxiety = {
  rater1: [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3],
  rater2: [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4],
  rater3: [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2],
  raters23: { unweighted: -0.006289308, linear: 0.1459075, quadratic: 0.2520325 },
  raters12: { quadratic: 0.297 },
} as const
