// Saving a finished gait or spine test right in its results (issue 14 item 3).
export const en = {
  'save.title': 'Save to {name}',
  'save.titleNoName': 'Save to the active profile',
  'save.intro':
    "Saves this result, its movement data, your notes and the patient's own report as a session of {name}. The video is not kept.",
  'save.notes': 'Notes (optional)',
  'save.button': 'Save to {name}',
  'save.buttonNoName': 'Save',
  'save.saving': 'Saving…',
  'save.saved': 'Saved to {name} at {time}.',
  'save.alreadySaved': 'This result is saved to {name}.',
  'save.openProgress': 'Open the Progress tab',
  'save.noProfile': 'No active profile: this result is not saved.',
  'save.noProfileHint': 'Create or choose a profile in the Progress tab, then come back to save.',
  'save.error.quota':
    'Not saved: the storage on this device is full. Export and delete old sessions, then try again.',
  'save.error.other': 'Not saved: {message}',
} as const;

export const nb: Record<keyof typeof en, string> = {
  'save.title': 'Lagre hos {name}',
  'save.titleNoName': 'Lagre hos den aktive profilen',
  'save.intro':
    'Lagrer resultatet, bevegelsesdataene, notatene dine og pasientens egen rapport som en økt hos {name}. Videoen lagres ikke.',
  'save.notes': 'Notater (valgfritt)',
  'save.button': 'Lagre hos {name}',
  'save.buttonNoName': 'Lagre',
  'save.saving': 'Lagrer …',
  'save.saved': 'Lagret hos {name} kl. {time}.',
  'save.alreadySaved': 'Resultatet er lagret hos {name}.',
  'save.openProgress': 'Åpne Fremgang-fanen',
  'save.noProfile': 'Ingen aktiv profil: resultatet lagres ikke.',
  'save.noProfileHint': 'Opprett eller velg en profil i Fremgang-fanen, og kom tilbake for å lagre.',
  'save.error.quota':
    'Ikke lagret: lagringsplassen på enheten er full. Eksporter og slett gamle økter, og prøv igjen.',
  'save.error.other': 'Ikke lagret: {message}',
};
