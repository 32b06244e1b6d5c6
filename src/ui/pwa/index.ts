// The installable, offline app: service worker and update prompt, model download status, storage persistence.
export { addBusyCheck, holdUpdates, isBusy } from './busy';
export { startServiceWorker } from './update';
export { createModelStatus } from './model-status';
export { createPersistencePrompt } from './persistence';
