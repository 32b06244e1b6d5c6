// Spoken prompts through the Web Speech API, in the app's language; mutable, and silent where unsupported.
import type { Lang } from '../i18n';

const MUTE_KEY = 'ganglag.spine.muted';

function synth(): SpeechSynthesis | null {
  if (typeof window === 'undefined') return null;
  return (window as { speechSynthesis?: SpeechSynthesis | null }).speechSynthesis ?? null;
}

export class Speaker {
  private mutedFlag: boolean;

  constructor() {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(MUTE_KEY);
    } catch {
      // storage blocked: not muted
    }
    this.mutedFlag = saved === '1';
  }

  /** False where the browser has no speech synthesis: prompts are then on screen only. */
  get supported(): boolean {
    return synth() !== null;
  }

  get muted(): boolean {
    return this.mutedFlag;
  }

  setMuted(m: boolean): void {
    this.mutedFlag = m;
    try {
      localStorage.setItem(MUTE_KEY, m ? '1' : '0');
    } catch {
      // storage blocked: the choice lasts for this page
    }
    if (m) this.cancel();
  }

  /** Says text now, interrupting the previous prompt so speech never lags behind the test. */
  say(text: string, lang: Lang): void {
    const s = synth();
    if (!s || this.mutedFlag || typeof SpeechSynthesisUtterance === 'undefined') return;
    const bcp = lang === 'nb' ? 'nb-NO' : 'en-GB';
    const u = new SpeechSynthesisUtterance(text);
    u.lang = bcp;
    const voices = s.getVoices();
    const voice =
      voices.find((v) => v.lang === bcp) ??
      voices.find((v) => v.lang.toLowerCase().startsWith(lang === 'nb' ? 'nb' : 'en')) ??
      (lang === 'nb' ? voices.find((v) => /^n[on]/i.test(v.lang)) : undefined);
    if (voice) u.voice = voice;
    s.cancel();
    s.speak(u);
  }

  cancel(): void {
    synth()?.cancel();
  }
}
