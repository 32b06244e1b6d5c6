// Spoken prompts through the Web Speech API, in the app's language; mutable, and silent where unsupported.
import type { Lang } from '../i18n';

const MUTE_KEY = 'ganglag.spine.muted';

function synth(): SpeechSynthesis | null {
  if (typeof window === 'undefined') return null;
  return (window as { speechSynthesis?: SpeechSynthesis | null }).speechSynthesis ?? null;
}

/** What chooseVoice needs of a SpeechSynthesisVoice. */
export interface VoiceLike {
  lang: string;
  localService: boolean;
}

/**
 * The voice for `lang`, among those that run on this device only (`localService`): a remote voice would send
 * the prompts to a server. Exact locale first, then the language, then (nb) Norwegian nynorsk/"no".
 * null: no local voice for the language, so nothing is spoken.
 */
export function chooseVoice<V extends VoiceLike>(voices: readonly V[], lang: Lang): V | null {
  const local = voices.filter((v) => v.localService === true);
  const bcp = lang === 'nb' ? 'nb-no' : 'en-gb';
  const norm = (v: V): string => v.lang.toLowerCase().replace('_', '-');
  return (
    local.find((v) => norm(v) === bcp) ??
    local.find((v) => norm(v).startsWith(lang === 'nb' ? 'nb' : 'en')) ??
    (lang === 'nb' ? local.find((v) => /^n[on]\b/.test(norm(v))) : undefined) ??
    null
  );
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

  /** Whether a local voice exists for `lang` (the panel re-renders on each state, so late-loading voices show). */
  hasLocalVoice(lang: Lang): boolean {
    return chooseVoice(synth()?.getVoices() ?? [], lang) !== null;
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
    // Only an on-device voice: without one the prompt stays on screen (the panel says so).
    const voice = chooseVoice(s.getVoices(), lang);
    if (!voice) return;
    const u = new SpeechSynthesisUtterance(text);
    u.lang = lang === 'nb' ? 'nb-NO' : 'en-GB';
    u.voice = voice;
    s.cancel();
    s.speak(u);
  }

  cancel(): void {
    synth()?.cancel();
  }
}
