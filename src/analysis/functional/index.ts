// Chair tests (five-times sit-to-stand, 30-second chair stand, Timed Up and Go), and their norms.
export * from './functional';
export * from './norms';
