// Strings of the installable, offline app: update prompt, model downloads, storage persistence. nb covers every en key.
export const en = {
  'pwa.region': 'App status',
  'shell.nav': 'Sections',
  'pwa.offlineReady': 'Ganglag is ready to work offline on this device.',
  'pwa.updateReady': 'A new version of Ganglag is ready.',
  'pwa.reload': 'Reload to update',
  'pwa.later': 'Later',
  'pwa.dismiss': 'OK',
  'pwa.model.toDownload':
    'Pose model {model}: {mb} MB is downloaded the first time you use it, then kept on this device for offline use.',
  'pwa.model.toDownloadUnknown':
    'Pose model {model} is downloaded the first time you use it, then kept on this device for offline use.',
  'pwa.model.stored': 'Pose model {model} is stored on this device and works offline.',
  'pwa.model.downloading': 'Downloading and storing {model}: {done} of {total} MB',
  'pwa.persist.why':
    'Your browser may delete stored sessions and pose models when the device runs low on space. Ask it to keep them, so your history stays and the app keeps working offline.',
  'pwa.persist.ask': 'Keep data on this device',
  'pwa.persist.refused':
    'The browser did not promise to keep the data. Export a backup now and then (Progress tab); installing the app often helps.',
};

export const nb: Record<keyof typeof en, string> = {
  'pwa.region': 'Appstatus',
  'shell.nav': 'Deler av appen',
  'pwa.offlineReady': 'Ganglag er klar til å brukes uten nett på denne enheten.',
  'pwa.updateReady': 'En ny versjon av Ganglag er klar.',
  'pwa.reload': 'Last inn på nytt for å oppdatere',
  'pwa.later': 'Senere',
  'pwa.dismiss': 'OK',
  'pwa.model.toDownload':
    'Posemodellen {model}: {mb} MB lastes ned første gang du bruker den, og lagres så på enheten for bruk uten nett.',
  'pwa.model.toDownloadUnknown':
    'Posemodellen {model} lastes ned første gang du bruker den, og lagres så på enheten for bruk uten nett.',
  'pwa.model.stored': 'Posemodellen {model} er lagret på enheten og virker uten nett.',
  'pwa.model.downloading': 'Laster ned og lagrer {model}: {done} av {total} MB',
  'pwa.persist.why':
    'Nettleseren kan slette lagrede økter og posemodeller når enheten får lite lagringsplass. Be den beholde dem, så historikken blir liggende og appen virker uten nett.',
  'pwa.persist.ask': 'Behold data på enheten',
  'pwa.persist.refused':
    'Nettleseren lovet ikke å beholde dataene. Ta en sikkerhetskopi innimellom (fanen Fremgang); det hjelper ofte å installere appen.',
};
