// Branded unit types: a number's unit lives in its type; convert only through the named functions below.
declare const unit: unique symbol;
type Unit<U extends string> = number & { readonly [unit]: U };

export type Ms = Unit<'ms'>;
export type Seconds = Unit<'s'>;
export type Hz = Unit<'Hz'>;
export type Px = Unit<'px'>;
export type Meters = Unit<'m'>;
export type Centimeters = Unit<'cm'>;
export type Degrees = Unit<'deg'>;
export type Radians = Unit<'rad'>;
export type MetersPerSecond = Unit<'m/s'>;
export type StepsPerMinute = Unit<'steps/min'>;
export type Percent = Unit<'%'>;

export const ms = (v: number): Ms => v as Ms;
export const seconds = (v: number): Seconds => v as Seconds;
export const hz = (v: number): Hz => v as Hz;
export const px = (v: number): Px => v as Px;
export const meters = (v: number): Meters => v as Meters;
export const centimeters = (v: number): Centimeters => v as Centimeters;
export const degrees = (v: number): Degrees => v as Degrees;
export const radians = (v: number): Radians => v as Radians;
export const metersPerSecond = (v: number): MetersPerSecond => v as MetersPerSecond;
export const stepsPerMinute = (v: number): StepsPerMinute => v as StepsPerMinute;
export const percent = (v: number): Percent => v as Percent;

export const msToSeconds = (t: Ms): Seconds => (t / 1000) as Seconds;
export const secondsToMs = (t: Seconds): Ms => (t * 1000) as Ms;
export const degToRad = (a: Degrees): Radians => ((a * Math.PI) / 180) as Radians;
export const radToDeg = (a: Radians): Degrees => ((a * 180) / Math.PI) as Degrees;
export const metersToCm = (d: Meters): Centimeters => (d * 100) as Centimeters;
export const cmToMeters = (d: Centimeters): Meters => (d / 100) as Meters;
