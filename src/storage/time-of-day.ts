// Time-of-day tag from a start time, in the device's local time: stiffness patterns follow the clock on the wall.
import type { TimeOfDay } from './types';

/** Morning 04:00–11:59, afternoon 12:00–16:59, evening 17:00–03:59 (late night counts as evening). */
export function timeOfDayOf(date: Date): TimeOfDay {
  const h = date.getHours();
  if (h >= 4 && h < 12) return 'morning';
  if (h >= 12 && h < 17) return 'afternoon';
  return 'evening';
}
