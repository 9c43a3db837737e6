/**
 * Drawing in the Pemodel SOP as an analyst does, with the mouse: selecting a shape or flow on
 * the canvas, appending from its context pad, dragging a shape into a lane, fitting the diagram
 * when what is wanted has gone out of sight, and deploying with the confirmation.
 */
import type { Page } from 'playwright-core';

type Point = { x: number; y: number };

/** The ids of the shapes (or, with `connections`, the flows) drawn now. */
export function elementIds(page: Page, connections = false): Promise<string[]> {
  return page.$$eval(connections ? '.djs-connection' : '.djs-shape', (all) => all.map((e) => e.getAttribute('data-element-id') ?? ''));
}

/** Where to click an element: a shape's middle, or the middle of a flow's line (a bent flow's box middle lies off it). */
function pointOf(page: Page, id: string): Promise<Point> {
  return page.locator(`.djs-element[data-element-id="${id}"]`).evaluate((element) => {
    const line = element.querySelector<SVGGeometryElement>('.djs-hit');
    if (element.classList.contains('djs-connection') && line) {
      const at = line.getPointAtLength(line.getTotalLength() / 2);
      const m = line.getScreenCTM() as DOMMatrix;
      return { x: m.a * at.x + m.c * at.y + m.e, y: m.b * at.x + m.d * at.y + m.f };
    }
    const r = element.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
}

/** Whether the mouse at `point` reaches the element (not the palette, a context pad, or beyond the canvas). */
function reaches(page: Page, point: Point, id: string): Promise<boolean> {
  return page.evaluate(({ x, y, id }) => document.elementFromPoint(x, y)?.closest('.djs-element')?.getAttribute('data-element-id') === id, { ...point, id });
}

/** A point of the canvas where a click hits no element, palette or pad: it clears the selection and its pad. */
async function blankPoint(page: Page): Promise<Point> {
  const canvas = await page.getByLabel('Kanvas diagram').boundingBox();
  if (!canvas) throw new Error('kanvas diagram tidak terlihat');
  const candidates = [0.5, 0.25, 0.75].flatMap((fx) => [16, canvas.height - 16].map((dy) => ({ x: canvas.x + canvas.width * fx, y: canvas.y + dy })));
  for (const point of candidates) {
    const blank = await page.evaluate(({ x, y }) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && hit.closest('.djs-container') !== null && hit.closest('.djs-element, .djs-palette, .djs-context-pad, .djs-overlays, button') === null;
    }, point);
    if (blank) return point;
  }
  throw new Error('tidak ada tempat kosong di kanvas');
}

/** Selects an element with a click, fitting the diagram first when the element is out of reach. */
export async function select(page: Page, id: string): Promise<void> {
  const selected = page.locator(`.djs-element.selected[data-element-id="${id}"]`);
  if (await selected.count() > 0) return;
  // The context pad of the element selected now may cover the target: clear the selection first.
  const blank = await blankPoint(page);
  await page.mouse.click(blank.x, blank.y);
  let point = await pointOf(page, id);
  if (!(await reaches(page, point, id))) {
    await page.getByRole('button', { name: 'Sesuaikan' }).click();
    point = await pointOf(page, id);
  }
  await page.mouse.click(point.x, point.y);
  await selected.waitFor({ state: 'attached' });
}

export type AppendAction = 'append.gateway' | 'append.append-task' | 'append.end-event';

/** Appends from `from`'s context pad, typing `name` as its label; answers the new shape and the flow to it. */
export async function append(page: Page, from: string, action: AppendAction, name?: string): Promise<{ shape: string; flow: string }> {
  await select(page, from);
  const flowsBefore = await elementIds(page, true);
  await page.locator(`.djs-context-pad [data-action="${action}"]`).click();
  if (name) {
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
  }
  const shape = await page.locator('.djs-shape.selected').getAttribute('data-element-id');
  const flow = (await elementIds(page, true)).find((id) => !flowsBefore.includes(id));
  if (!shape || !flow) throw new Error(`tidak ada elemen baru setelah ${action}`);
  return { shape, flow };
}

/** Drags a shape straight down (or up) into the middle of a lane; bpmn-js moves it into that lane. */
export async function dragIntoLane(page: Page, id: string, lane: string): Promise<void> {
  await select(page, id);
  const from = await pointOf(page, id);
  const box = await page.locator(`.djs-element[data-element-id="${lane}"]`).boundingBox();
  if (!box) throw new Error(`lajur ${lane} tidak terlihat`);
  const to = { x: from.x, y: box.y + box.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + (to.y > from.y ? 10 : -10), { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** Deploys the diagram open in the modeler, confirming when the modeler asks. */
export async function deploy(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Deploy' }).click();
  const confirm = page.getByRole('button', { name: 'Ya, deploy' });
  await confirm.waitFor({ timeout: 5_000 }).then(() => confirm.click(), () => undefined);
}
