// Pure analysis: gait, spine and posture from ganglag.poses/v1 recordings. No DOM, no I/O.
export {};
