// The subject-height field (m) that capture, gait and spine views share: one value, appState.heightM.
import { appState } from './app-state';
import { h } from './dom';

import { MAX_HEIGHT_M, MIN_HEIGHT_M } from '../shared/poses-format';

// One height range for the whole app: the one the file format, backups and the CLI accept.
export { MAX_HEIGHT_M, MIN_HEIGHT_M };

/** A number input bound to appState.heightM; out-of-range or empty input clears it. */
export function heightInput(
  testId: string,
  onChange?: (heightM: number | undefined) => void,
): HTMLInputElement {
  return h('input', {
    type: 'number',
    min: MIN_HEIGHT_M,
    max: MAX_HEIGHT_M,
    step: 0.01,
    value: appState.heightM ?? '',
    'data-testid': testId,
    onchange: (ev) => {
      const v = Number((ev.target as HTMLInputElement).value);
      appState.heightM = v >= MIN_HEIGHT_M && v <= MAX_HEIGHT_M ? v : undefined;
      onChange?.(appState.heightM);
    },
  });
}
