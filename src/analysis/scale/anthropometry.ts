// Body proportions as fractions of stature H: the one anthropometric table of the gait and spine measures.

/**
 * Standing heights and lengths as fractions of stature H (Drillis & Contini 1966, as drawn in Winter 2009,
 * Biomechanics and Motor Control of Human Movement, 4th ed., Fig. 4.1): ankle joint 0.039, knee 0.285, hip
 * 0.530, shoulder 0.818, eye 0.936; the eye lies about 0.045 H in front of the hip joint. The ear canal is
 * taken a little below the eye (0.925 H; not in the figure). Hand length (wrist crease to the tip of the
 * middle finger) 0.108 H and foot length 0.152 H. The head-top offset is the remaining 1 − 0.936 = 0.064 H
 * above the eye, and the ankle-to-floor offset is 0.039 H.
 */
export const STATURE = {
  ankle: 0.039,
  knee: 0.285,
  hip: 0.53,
  shoulder: 0.818,
  eye: 0.936,
  ear: 0.925,
  eyeForward: 0.045,
  footLength: 0.152,
  hand: 0.108,
} as const;
