// Timed walk tests (4-metre, 10-metre) through a floor-marked zone, and their norms.
export * from './walk-test';
export * from './norms';
