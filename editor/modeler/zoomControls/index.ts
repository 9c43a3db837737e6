/** The canvas's view: zoom buttons, and a fit that keeps the diagram clear of the palette. */
import ZoomScrollModule from 'diagram-js/lib/navigation/zoomscroll';
import { DiagramFit } from './DiagramFit.ts';
import { ZoomControls } from './ZoomControls.ts';

export default {
  __depends__: [ZoomScrollModule],
  __init__: ['diagramFit', 'zoomControls'],
  diagramFit: ['type', DiagramFit],
  zoomControls: ['type', ZoomControls],
};
