// Body proportions as fractions of stature, for scaling and for the parts keypoints lack (fingertips, floor).
// Source: Drillis & Contini 1966, as tabulated in Winter, Biomechanics and Motor Control of Human Movement (4th ed., 2009), fig. 4.1.

/** Height of the eyes and ears (eyes 0.936, ear canal a little lower), standing. */
export const HEAD_HEIGHT = 0.93;
/** Height of the shoulder joint above the floor, standing. */
export const SHOULDER_HEIGHT = 0.818;
/** Height of the ankle joint above the floor, standing. */
export const ANKLE_HEIGHT = 0.039;
/** Wrist crease to tip of the middle finger. */
export const HAND_LENGTH = 0.108;
/** Shoulder-to-ankle vertical span, standing: what the height-based scale divides by. */
export const SHOULDER_ANKLE_SPAN = SHOULDER_HEIGHT - ANKLE_HEIGHT;
