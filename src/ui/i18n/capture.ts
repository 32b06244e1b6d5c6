// Strings of the capture view: recorded-video analysis, drafts and their restoring, the replace question. nb must cover every en key (the type checks it).
export const en = {
  'err.damaged-video': 'This video file is damaged: not one frame could be read. ({detail})',
  'capture.damaged':
    'The video file is damaged or cut short: {readable} of {expected} frames could be read, and those were analysed.',
  'capture.skipped':
    '{count} frame(s) were left out because pose detection failed on them twice (at {times} s). The rest of the video was analysed.',
  'capture.details': 'Details',
  'capture.position': 'Position in the video',
  'drafts.hint':
    'Left unsaved by a reload, a crash or a closed tab. Restore it to go on where you left off, download the poses, or discard it.',
  'drafts.restore': 'Restore',
  'drafts.restored': 'The unsaved recording is restored: {frames} frames.',
  'drafts.writeFailed':
    'The recording could not be kept on this device while it is made ({detail}). It stays here until the page is closed or reloaded.',
  'replace.title': 'Replace the unsaved recording?',
  'replace.text':
    'The current recording is neither saved nor downloaded. If you go on, it is discarded. To keep it, save it under Progress or download the poses first.',
  'replace.yes': 'Discard it and go on',
  'replace.no': 'Keep it',
};

export const nb: Record<keyof typeof en, string> = {
  'err.damaged-video': 'Videofilen er skadet: ingen bilder kunne leses. ({detail})',
  'capture.damaged':
    'Videofilen er skadet eller avkortet: {readable} av {expected} bilder kunne leses, og disse er analysert.',
  'capture.skipped':
    '{count} bilde(r) ble utelatt fordi posturgjenkjenningen feilet to ganger på dem (ved {times} s). Resten av videoen er analysert.',
  'capture.details': 'Detaljer',
  'capture.position': 'Posisjon i videoen',
  'drafts.hint':
    'Ble ikke lagret fordi siden ble lastet på nytt, krasjet eller ble lukket. Gjenopprett det for å fortsette der du slapp, last ned positurene eller forkast det.',
  'drafts.restore': 'Gjenopprett',
  'drafts.restored': 'Det ulagrede opptaket er gjenopprettet: {frames} bilder.',
  'drafts.writeFailed':
    'Opptaket kunne ikke tas vare på på denne enheten mens det gjøres ({detail}). Det finnes her til siden lukkes eller lastes på nytt.',
  'replace.title': 'Erstatte det ulagrede opptaket?',
  'replace.text':
    'Det nåværende opptaket er verken lagret eller lastet ned. Går du videre, blir det forkastet. Vil du beholde det, lagrer du det under Fremgang eller laster ned positurene først.',
  'replace.yes': 'Forkast det og fortsett',
  'replace.no': 'Behold det',
};
