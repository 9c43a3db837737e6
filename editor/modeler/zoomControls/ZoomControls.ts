/**
 * Zoom buttons on the canvas (bottom right): zoom in and out by diagram-js's own zoom steps,
 * and "Sesuaikan" to see the whole diagram again. A new analyst does not know Ctrl + wheel.
 */
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ZoomScroll from 'diagram-js/lib/navigation/zoomscroll/ZoomScroll';
import type { DiagramFit } from './DiagramFit.ts';

type Translate = (template: string) => string;

export class ZoomControls {
  static $inject = ['canvas', 'zoomScroll', 'diagramFit', 'translate'];

  constructor(canvas: Canvas, zoomScroll: ZoomScroll, diagramFit: DiagramFit, translate: Translate) {
    const button = (text: string, label: string, title: string, action: () => void) => {
      const element = document.createElement('button');
      element.type = 'button';
      element.textContent = text;
      element.title = title;
      element.setAttribute('aria-label', label);
      element.addEventListener('click', action);
      return element;
    };
    const controls = document.createElement('div');
    controls.className = 'pemodel-zoom';
    controls.setAttribute('role', 'group');
    controls.setAttribute('aria-label', translate('Zoom'));
    controls.append(
      button('−', translate('Zoom out'), translate('Zoom out (Ctrl + mouse wheel)'), () => zoomScroll.stepZoom(-1)),
      button('+', translate('Zoom in'), translate('Zoom in (Ctrl + mouse wheel)'), () => zoomScroll.stepZoom(1)),
      button(translate('Fit'), translate('Fit'), translate('Show the whole diagram'), () => diagramFit.fit()));
    canvas.getContainer().append(controls);
  }
}
