/** Playback speeds the learner can pick (also valid values of the URL's `speed`). */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;
