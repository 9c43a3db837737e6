/**
 * The catalogue as a reader sees it: each SOP in processes/, laid out in memory by Protap's layout
 * (the files are not written), opened in bpmn-js's NavigatedViewer in Chromium on a 1366×768
 * screen. Fitted to the screen's width (a long SOP wraps into tiers and is read scrolling down),
 * every SOP must show at zoom 0.8 or more. A PNG of each, at that zoom, goes to PROTAP_SCREENSHOTS
 * (default: a fresh temporary folder, printed) for a person to look at.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { layoutDiagram } from '../../src/bpmn/layoutDiagram.ts';
import { CHROMIUM, describeBrowser } from './support/browser.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalogue = readdirSync(path.join(root, 'processes'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bpmn')).sort().map((f) => path.join('processes', f));
const SCREEN = { width: 1366, height: 768 };
const READABLE = 0.8;

describeBrowser('the catalogue in bpmn-js at 1366×768', () => {
  let browser: Browser;
  let page: Page;
  const out = process.env.PROTAP_SCREENSHOTS ?? mkdtempSync(path.join(tmpdir(), 'protap-layout-'));

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    console.log(`PNG katalog: ${out}`);
    const bundle = await build({
      stdin: { contents: "import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer'; (window as any).NavigatedViewer = NavigatedViewer;", loader: 'ts', resolveDir: root },
      bundle: true, write: false, format: 'iife', logLevel: 'silent',
    });
    const css = ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn.css']
      .map((f) => readFileSync(path.join(root, 'node_modules/bpmn-js/dist/assets', f), 'utf8')).join('\n');
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: SCREEN });
    await page.setContent(`<!doctype html><html><head><style>${css} html,body{margin:0;height:100%;font-family:Arial,sans-serif} #canvas{width:100vw;height:100vh}</style></head><body><div id="canvas"></div></body></html>`);
    await page.addScriptTag({ content: (bundle.outputFiles[0] as { text: string }).text });
  }, 60_000);

  afterAll(async () => { await browser?.close(); });

  it.each(catalogue)('%s reads at zoom ≥ 0.8', async (file) => {
    const xml = await layoutDiagram(readFileSync(path.join(root, file), 'utf8'));
    await page.setViewportSize(SCREEN);
    const fit = await page.evaluate(async (text) => {
      const w = window as any;
      w.viewer?.destroy();
      w.viewer = new w.NavigatedViewer({ container: '#canvas' });
      const { warnings } = await w.viewer.importXML(text);
      const canvas = w.viewer.get('canvas');
      const whole = canvas.zoom('fit-viewport');
      const { inner, outer } = canvas.viewbox();
      const box = canvas.getRootElement() && inner;
      return { warnings: warnings.length, whole, width: box.width, height: box.height, screen: outer.width * canvas.zoom() };
    }, xml);
    expect(fit.warnings).toBe(0);
    // Fitted to the screen's width with a 20 px margin each side; a wrapped SOP is read scrolling down.
    const zoom = Math.min(1, (SCREEN.width - 40) / fit.width);
    const height = Math.ceil(fit.height * zoom) + 40;
    await page.setViewportSize({ width: SCREEN.width, height: Math.max(SCREEN.height, height) });
    await page.evaluate(({ zoom }) => {
      const canvas = (window as any).viewer.get('canvas');
      canvas.resized();
      const { inner } = canvas.viewbox();
      canvas.zoom(zoom);
      canvas.viewbox({ x: inner.x - 20 / zoom, y: inner.y - 20 / zoom, width: canvas.viewbox().outer.width / zoom, height: canvas.viewbox().outer.height / zoom });
    }, { zoom });
    await page.screenshot({ path: path.join(out, `${path.basename(file, '.bpmn')}.png`) });
    expect(zoom, `${file}: ${Math.round(fit.width)}×${Math.round(fit.height)} (seluruhnya muat pada zoom ${fit.whole.toFixed(2)})`).toBeGreaterThanOrEqual(READABLE);
  });
});
