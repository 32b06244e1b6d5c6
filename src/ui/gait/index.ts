// The gait feature's UI: the Gait tab and the guided gait recording it opens beside the video.
import './gait.css';
import type { AppView, ViewContext } from '../view';
import { GaitView } from './gait-view';
import { GuidedGaitPanel } from './guided-panel';

export function gaitView(ctx: ViewContext): AppView {
  return new GaitView(new GuidedGaitPanel(ctx));
}
