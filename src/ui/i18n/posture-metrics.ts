// Labels of the standing-posture metrics followed over time (issue 10: posture reaches charts like the others).
export const en = {
  'progress.metric.forward-head': 'Forward head, standing',
  'progress.metric.standing-trunk-lean': 'Trunk inclination, standing',
  'progress.metric.shoulder-obliquity': 'Shoulder obliquity (left higher +)',
  'progress.metric.pelvic-obliquity': 'Pelvic obliquity (left higher +)',
  'progress.unit.forward-head': 'cm',
  'progress.unit.standing-trunk-lean': '°',
  'progress.unit.shoulder-obliquity': '°',
  'progress.unit.pelvic-obliquity': '°',
} as const;

export const nb: Record<keyof typeof en, string> = {
  'progress.metric.forward-head': 'Fremskutt hode, stående',
  'progress.metric.standing-trunk-lean': 'Overkroppens helning, stående',
  'progress.metric.shoulder-obliquity': 'Skulderskjevhet (venstre høyest +)',
  'progress.metric.pelvic-obliquity': 'Bekkenskjevhet (venstre høyest +)',
  'progress.unit.forward-head': 'cm',
  'progress.unit.standing-trunk-lean': '°',
  'progress.unit.shoulder-obliquity': '°',
  'progress.unit.pelvic-obliquity': '°',
};
