// Hard words the syllable rule misses: short words of care, health, money and council business
// that readers of Easy Read do not know (after Mencap's and the Department of Health's guidance:
// explain any word a reader may not know). A word here needs the word list, whatever its length.
export const SHORT_HARD = new Set(
  [
    'respite', 'hospice', 'symptom', 'chronic', 'acute', 'consent', 'discharge', 'triage', 'liaise',
    'remit', 'tariff', 'levy', 'clause', 'tenure', 'lease', 'audit', 'asset', 'deficit', 'surplus',
    'quorum', 'proxy', 'statute', 'locum', 'referral', 'cohort', 'scrutiny',
    'mandate', 'tender', 'procure', 'fiscal', 'accrue', 'waiver', 'appeal', 'tribunal',
  ],
);

/** Initials a reader knows as a word in their own right, which need no expansion. */
export const KNOWN_INITIALS = new Set(['OK', 'TV', 'UK', 'DVD', 'CD']);
