/**
 * Fits the whole diagram into the part of the canvas nothing covers: right of the palette and
 * above the zoom buttons. bpmn-js's own `canvas.zoom('fit-viewport')` uses the full canvas, so
 * at 1366×768 (where the palette folds into two columns, 94px wide) the first pool started
 * under the palette. The view is fitted after every import, and fitted again when the canvas
 * changes size (window resized, findings shown) as long as the analyst has not zoomed or
 * scrolled since: their own view is never taken from them.
 */
import type Canvas from 'diagram-js/lib/core/Canvas';
import type EventBus from 'diagram-js/lib/core/EventBus';

/** Room kept around the diagram, in screen pixels. */
const MARGIN = 24;

interface Insets { top: number; right: number; bottom: number; left: number }

export class DiagramFit {
  static $inject = ['canvas', 'eventBus'];

  private fitted = false;
  private fitting = false;
  private readonly observer: ResizeObserver;

  constructor(private readonly canvas: Canvas, eventBus: EventBus) {
    eventBus.on('import.done', () => this.fit());
    eventBus.on('canvas.viewbox.changing', () => { if (!this.fitting) this.fitted = false; });
    this.observer = new ResizeObserver(() => this.resized());
    this.observer.observe(canvas.getContainer());
    eventBus.on('diagram.destroy', () => this.observer.disconnect());
  }

  /** Shows the whole diagram, at most at 100%, centred in the free part of the canvas. */
  fit(): void {
    const canvas = this.canvas;
    canvas.resized();
    const { inner, outer } = canvas.viewbox();
    if (!inner.width || !inner.height || !outer.width || !outer.height) return;
    const free = this.insets();
    const width = Math.max(outer.width - free.left - free.right, 1);
    const height = Math.max(outer.height - free.top - free.bottom, 1);
    const scale = Math.min(1, width / inner.width, height / inner.height);
    this.fitting = true;
    try {
      canvas.viewbox({
        x: inner.x - (free.left + (width - inner.width * scale) / 2) / scale,
        y: inner.y - (free.top + (height - inner.height * scale) / 2) / scale,
        width: outer.width / scale,
        height: outer.height / scale,
      });
    } finally {
      this.fitting = false;
    }
    this.fitted = true;
  }

  private resized(): void {
    if (this.fitted) this.fit();
    else this.canvas.resized();
  }

  /** What the palette (left) and the zoom buttons (bottom) cover, plus the margin. */
  private insets(): Insets {
    const container = this.canvas.getContainer();
    const box = container.getBoundingClientRect();
    const insets = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
    const palette = container.querySelector('.djs-palette');
    if (palette) insets.left = Math.max(insets.left, palette.getBoundingClientRect().right - box.left + MARGIN);
    const zoom = container.querySelector('.pemodel-zoom');
    if (zoom) insets.bottom = Math.max(insets.bottom, box.bottom - zoom.getBoundingClientRect().top + MARGIN / 2);
    return insets;
  }
}
