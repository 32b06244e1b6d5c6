// Strings of recorded-video analysis that the capture side reports. nb must cover every en key (the type checks it).
export const en = {
  'err.damaged-video': 'This video file is damaged: not one frame could be read. ({detail})',
  'capture.damaged':
    'The video file is damaged or cut short: {readable} of {expected} frames could be read, and those were analysed.',
  'capture.skipped':
    '{count} frame(s) were left out because pose detection failed on them twice (at {times} s). The rest of the video was analysed.',
};

export const nb: Record<keyof typeof en, string> = {
  'err.damaged-video': 'Videofilen er skadet: ingen bilder kunne leses. ({detail})',
  'capture.damaged':
    'Videofilen er skadet eller avkortet: {readable} av {expected} bilder kunne leses, og disse er analysert.',
  'capture.skipped':
    '{count} bilde(r) ble utelatt fordi posturgjenkjenningen feilet to ganger på dem (ved {times} s). Resten av videoen er analysert.',
};
