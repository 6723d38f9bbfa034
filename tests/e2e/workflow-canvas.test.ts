// Code inside page.evaluate runs in the browser and uses its globals.
/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshots, setUpAdministrator } from './browser.js';
import { repositoryRoot, requireBuilds, startPlatform, type RunningPlatform } from './platform.js';

/**
 * The workflow canvas driven with the mouse in headless Chromium against the real platform: nodes dragged from the
 * palette, edges drawn handle to handle (and refused when they would close a cycle or join a node to itself), the
 * validator's marks following the graph, copy and paste, auto-layout, the mini-map, undo and redo; then a debug run.
 * Then a 200-node workflow imported through the console: how long it takes to appear and how long frames take while
 * the canvas is panned and zoomed. Screenshots and the frame figures go to test-output/e2e/canvas/.
 */
const outputDir = join(repositoryRoot, 'test-output/e2e/canvas');
const account = { name: 'Ada Admin', email: 'admin-canvas@example.com', password: 'correct horse battery' };

/** Start → 198 text joiners in 18 parallel chains of 11 → end: valid, and close to square so it fits the view. */
function bigWorkflowFile() {
  const rows = 18;
  const columns = 11;
  const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const ref = (nodeId: string, name: string) => ({ type: 'ref', content: { nodeId, name } });
  const meta = (aliasName: string) => ({ nodeType: 'basic', aliasName });
  const startId = `node-start::${uuid(1)}`;
  const joinerId = (index: number) => `text-joiner::${uuid(100 + index)}`;
  // Each chain's first joiner reads the user's message, the others the joiner before them.
  const previous = (index: number) => (index % columns === 0 ? { id: startId, output: 'AGENT_USER_INPUT' } : { id: joinerId(index - 1), output: 'output' });
  const middle = ((rows - 1) * 130) / 2;
  const start = {
    id: startId,
    position: { x: 0, y: middle },
    data: { nodeMeta: meta('Start'), inputs: [], outputs: [{ id: 'out-input', name: 'AGENT_USER_INPUT', schema: { type: 'string' }, required: true }], nodeParam: {} },
  };
  const joiners = Array.from({ length: rows * columns }, (_, index) => ({
    id: joinerId(index),
    position: { x: 280 * ((index % columns) + 1), y: 130 * Math.floor(index / columns) },
    data: {
      nodeMeta: meta(`Step ${Math.floor(index / columns) + 1}.${(index % columns) + 1}`),
      inputs: [{ id: `in-${index}`, name: 'input', schema: { type: 'string', value: ref(previous(index).id, previous(index).output) } }],
      outputs: [{ id: `out-${index}`, name: 'output', schema: { type: 'string' }, required: false }],
      nodeParam: { mode: 0, prompt: `{{input}} ${(index % columns) + 1}` },
    },
  }));
  const lastOfRow = (row: number) => joinerId(row * columns + columns - 1);
  const end = {
    id: `node-end::${uuid(2)}`,
    position: { x: 280 * (columns + 1), y: middle },
    data: {
      nodeMeta: meta('End'),
      inputs: [{ id: 'in-result', name: 'result', schema: { type: 'string', value: ref(lastOfRow(0), 'output') } }],
      outputs: [],
      nodeParam: { outputMode: 0, template: '', streamOutput: false },
    },
  };
  const edges = [
    ...joiners.map((node, index) => ({ sourceNodeId: previous(index).id, targetNodeId: node.id })),
    ...Array.from({ length: rows }, (_, row) => ({ sourceNodeId: lastOfRow(row), targetNodeId: end.id })),
  ];
  return { format: 'astron-workflow', formatVersion: 1, name: 'Two hundred nodes', description: 'A grid of text joiners', data: { nodes: [start, ...joiners, end], edges } };
}

interface FrameFigures {
  frames: number;
  durationMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Frames a 60 Hz display would have shown but the page missed, over all it would have shown. */
  droppedShare: number;
}

const FRAME_MS = 1000 / 60;

function frameFigures(deltas: number[]): FrameFigures {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
  const dropped = deltas.reduce((sum, delta) => sum + Math.max(0, Math.round(delta / FRAME_MS) - 1), 0);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    frames: deltas.length,
    durationMs: Math.round(deltas.reduce((sum, delta) => sum + delta, 0)),
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(sorted.at(-1)!),
    droppedShare: Math.round((dropped / (dropped + deltas.length)) * 1000) / 1000,
  };
}

/** Starts collecting the time between animation frames in the page; the returned function stops and gives them. */
async function recordFrames(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const state = { deltas: [] as number[], running: true };
    (window as unknown as { frameRecorder: typeof state }).frameRecorder = state;
    let last: number | undefined;
    const tick = (now: number) => {
      if (last !== undefined) state.deltas.push(now - last);
      last = now;
      if (state.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () =>
    page.evaluate(() => {
      const state = (window as unknown as { frameRecorder: { deltas: number[]; running: boolean } }).frameRecorder;
      state.running = false;
      return state.deltas;
    });
}

let platform: RunningPlatform | undefined;
let context: BrowserContext | undefined;
let page: Page;
let shot: (step: string) => Promise<void>;
const profileDir = mkdtempSync(join(tmpdir(), 'astron-e2e-canvas-'));
const pageErrors: string[] = [];

beforeAll(async () => {
  requireBuilds();
  platform = await startPlatform();
  context = await launchChromium(profileDir, 'en-US');
  context.setDefaultTimeout(15_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  shot = screenshots(page, outputDir);
  await setUpAdministrator(page, platform.hubUrl, account);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await platform?.stop();
  rmSync(profileDir, { recursive: true, force: true });
}, 30_000);

const nodeBox = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const canvasNode = (id: string) => page.locator(`[data-testid="canvas-node"][data-id="${id}"]`);
const edgeBetween = (source: string, target: string) => page.locator(`.react-flow__edge[aria-label="Edge from ${source} to ${target}"]`);
const edgeCount = () => page.locator('.react-flow__edge').count();
/** The error count on the problems tab; the badge is gone when there are none. */
async function errorCount(): Promise<string> {
  const badge = page.getByTestId('problem-count-errors');
  return (await badge.count()) === 0 ? '0' : badge.innerText();
}

async function centerOf(locator: Locator): Promise<Point> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${locator.toString()} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

type Point = { x: number; y: number };

/** Presses the mouse at `from` and moves it in small steps to `to` (so every listener sees a real drag). */
async function pressAndMove(from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 15 });
}

async function drag(from: Point, to: Point): Promise<void> {
  await pressAndMove(from, to);
  await page.mouse.up();
}

const handle = (nodeId: string, kind: 'source' | 'target') => nodeBox(nodeId).locator(`.react-flow__handle.${kind}`);
const handleClasses = (nodeId: string, kind: 'source' | 'target') => handle(nodeId, kind).evaluate((element) => [...element.classList]);

/** Draws an edge by dragging from the source handle of one node to the target handle of another. */
async function connect(source: string, target: string): Promise<void> {
  await drag(await centerOf(handle(source, 'source')), await centerOf(handle(target, 'target')));
}

/** Starts drawing an edge and holds the mouse over the target handle, not yet released. */
async function holdConnection(source: string, target: string): Promise<void> {
  await pressAndMove(await centerOf(handle(source, 'source')), await centerOf(handle(target, 'target')));
}

/** Drops a palette item onto the canvas at a share of the canvas's width and height; gives the new node's id. */
async function dropFromPalette(type: string, at: Point): Promise<string> {
  const before = new Set(await page.locator(`[data-testid="canvas-node"][data-type="${type}"]`).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id'))));
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (pane === null) throw new Error('the canvas is not on screen');
  await drag(await centerOf(page.locator(`[data-testid="palette-item"][data-type="${type}"]`)), { x: pane.x + pane.width * at.x, y: pane.y + pane.height * at.y });
  await expect.poll(() => page.locator(`[data-testid="canvas-node"][data-type="${type}"]`).count()).toBe(before.size + 1);
  const ids = await page.locator(`[data-testid="canvas-node"][data-type="${type}"]`).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')));
  return ids.find((id) => id !== null && !before.has(id))!;
}

/** Selects a node on the canvas and binds its input `name` to an output of a node before it. */
async function bindInput(nodeId: string, input: string, from: { nodeId: string; name: string }): Promise<void> {
  await canvasNode(nodeId).click();
  const row = page.locator(`[data-testid="node-panel"][data-node-id="${nodeId}"] [data-testid="input-row"][data-name="${input}"]`);
  const option = row.locator(`[data-testid="variable-option"][data-node-id="${from.nodeId}"][data-name="${from.name}"]`);
  await row.getByTestId('variable-picker').selectOption(await option.getAttribute('value'));
}

/** The template of a text joiner, in its settings (shown while it is selected). */
const promptField = (nodeId: string) =>
  page.locator(`[data-testid="node-panel"][data-node-id="${nodeId}"] [data-testid="param-field"][data-path="data.nodeParam.prompt"]`).locator('textarea, input');

const leftOf = async (id: string) => (await nodeBox(id).boundingBox())!.x;

describe.sequential('the workflow canvas', () => {
  it(
    'adds nodes by dragging, connects them with validation, copies, lays out, undoes and redoes, and runs the workflow',
    async () => {
      await page.getByTestId('nav-workflows').click();
      await page.getByTestId('workflow-create-empty').or(page.getByTestId('workflow-create')).first().click();
      await page.getByTestId('workflow-create-name').fill('Greeting');
      await page.getByTestId('workflow-create-submit').click();
      await page.getByTestId('canvas').waitFor();
      await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(2);
      const start = (await page.locator('[data-testid="canvas-node"][data-type="node-start"]').getAttribute('data-id'))!;
      const end = (await page.locator('[data-testid="canvas-node"][data-type="node-end"]').getAttribute('data-id'))!;
      expect(await edgeCount()).toBe(1);
      expect(await errorCount()).toBe('0');
      await shot('new-workflow');

      // Dropped below the start and end, the second one left of the first, so the layout has something to fix.
      const hello = await dropFromPalette('text-joiner', { x: 0.62, y: 0.6 });
      const shout = await dropFromPalette('text-joiner', { x: 0.18, y: 0.6 });
      // A new joiner reads nothing yet (an error) and nothing leads to it (a warning).
      await expect.poll(() => canvasNode(hello).getAttribute('data-problems')).toBe('error');
      await expect.poll(() => canvasNode(shout).getAttribute('data-problems')).toBe('error');
      await expect.poll(errorCount).toBe('2');
      await shot('dropped-from-palette');

      // Not connected, the joiner cannot read the start's variable: the picker offers only what runs before.
      await canvasNode(hello).click();
      const startOptions = page.locator(`[data-testid="node-panel"][data-node-id="${hello}"] [data-testid="variable-option"][data-node-id="${start}"]`);
      expect(await startOptions.count()).toBe(0);

      // Held over an allowed target, the handle says so; released, the edge is drawn.
      await holdConnection(start, hello);
      await expect.poll(() => handleClasses(hello, 'target')).toEqual(expect.arrayContaining(['connectingto', 'valid']));
      await page.mouse.up();
      await expect.poll(() => edgeBetween(start, hello).count()).toBe(1);
      // Undo and redo take the connection back and bring it again.
      await page.getByTestId('undo').click();
      await expect.poll(() => edgeBetween(start, hello).count()).toBe(0);
      await page.getByTestId('redo').click();
      await expect.poll(() => edgeBetween(start, hello).count()).toBe(1);
      await expect.poll(() => startOptions.count()).toBeGreaterThan(0);
      await bindInput(hello, 'input', { nodeId: start, name: 'AGENT_USER_INPUT' });
      await promptField(hello).fill('Hello, {{input}}');
      await expect.poll(() => canvasNode(hello).getAttribute('data-problems')).toBe('none');
      await expect.poll(errorCount).toBe('1');

      await connect(hello, shout);
      await bindInput(shout, 'input', { nodeId: hello, name: 'output' });
      await promptField(shout).fill('{{input}}!');
      await connect(shout, end);
      await bindInput(end, 'output', { nodeId: shout, name: 'output' });
      await expect.poll(errorCount).toBe('0');
      expect(await page.getByTestId('problem-count-warnings').count()).toBe(0);
      expect(await page.locator('[data-testid="canvas-node"]:not([data-problems="none"])').count()).toBe(0);
      expect(await edgeCount()).toBe(4);
      await shot('connected-and-valid');

      // Refused: an edge back from the shout to the hello (a cycle), and one from the hello into itself.
      await connect(shout, hello);
      await connect(hello, hello);
      expect(await edgeBetween(shout, hello).count()).toBe(0);
      expect(await edgeBetween(hello, hello).count()).toBe(0);
      expect(await edgeCount()).toBe(4);
      expect(await errorCount()).toBe('0');
      // Held over a refused target, the handle is reached but not valid.
      await holdConnection(shout, hello);
      await expect.poll(() => handleClasses(hello, 'target')).toContain('connectingto');
      expect(await handleClasses(hello, 'target')).not.toContain('valid');
      await shot('cycle-refused');
      await page.mouse.up();
      expect(await edgeCount()).toBe(4);

      // Removing a connection the graph needs brings the validator's error back; undo and redo follow it.
      const needed = edgeBetween(hello, shout);
      await needed.click();
      await page.keyboard.press('Delete');
      await expect.poll(() => edgeBetween(hello, shout).count()).toBe(0);
      await expect.poll(() => canvasNode(shout).getAttribute('data-problems')).toBe('error');
      await shot('needed-edge-removed');
      await page.keyboard.press('Control+z');
      await expect.poll(() => edgeBetween(hello, shout).count()).toBe(1);
      await expect.poll(errorCount).toBe('0');
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => edgeBetween(hello, shout).count()).toBe(0);
      await page.getByTestId('undo').click();
      await expect.poll(() => edgeBetween(hello, shout).count()).toBe(1);
      await expect.poll(errorCount).toBe('0');

      // Copy and paste: a new joiner with the same settings, selected, not connected; Delete removes it again.
      await canvasNode(hello).click();
      await page.keyboard.press('Control+c');
      await page.keyboard.press('Control+v');
      await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(5);
      const pasted = page.locator('.react-flow__node.selected [data-testid="canvas-node"]');
      expect(await pasted.count()).toBe(1);
      const pastedId = (await pasted.getAttribute('data-id'))!;
      expect(pastedId).not.toBe(hello);
      await expect.poll(() => promptField(pastedId).inputValue()).toBe('Hello, {{input}}');
      expect(await edgeCount()).toBe(4);
      await shot('pasted');
      await canvasNode(pastedId).click();
      await page.keyboard.press('Delete');
      await expect.poll(() => page.getByTestId('canvas-node').count()).toBe(4);

      // The mini-map draws every node.
      await expect.poll(() => page.locator('.react-flow__minimap').isVisible()).toBe(true);
      await expect.poll(() => page.locator('.react-flow__minimap-node').count()).toBe(4);

      expect(await leftOf(shout)).toBeLessThan(await leftOf(hello));
      await page.getByTestId('auto-layout').click();
      await expect.poll(async () => (await leftOf(hello)) < (await leftOf(shout))).toBe(true);
      const lefts = [await leftOf(start), await leftOf(hello), await leftOf(shout), await leftOf(end)];
      expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
      await shot('auto-layout');

      // Autosave (a second after the last change) may have come first and left nothing to save.
      const save = page.getByTestId('workflow-save');
      if (await save.isEnabled()) await save.click();
      await expect.poll(() => page.getByTestId('workflow-save-state').getAttribute('data-state')).toBe('saved');
      const workflowId = new URL(page.url()).pathname.split('/').at(-1)!;
      const saved: any = await page.evaluate(async (id) => (await fetch(`/api/workflows/${id}`)).json(), workflowId);
      const savedEdges = (saved.draft.edges as { sourceNodeId: string; targetNodeId: string }[]).map((edge) => `${edge.sourceNodeId} → ${edge.targetNodeId}`);
      expect(savedEdges.sort()).toEqual([`${hello} → ${shout}`, `${shout} → ${end}`, `${start} → ${end}`, `${start} → ${hello}`].sort());

      await page.getByTestId('run-open').click();
      await page.locator('[data-testid="run-input"][data-name="AGENT_USER_INPUT"]').fill('Ada');
      await page.getByTestId('run-start').click();
      await expect.poll(() => page.getByTestId('run-status').getAttribute('data-phase'), { timeout: 30_000 }).toBe('succeeded');
      await expect.poll(() => page.getByTestId('run-output').innerText()).toContain('Hello, Ada!');
      await expect.poll(() => page.locator(`[data-testid="canvas-node"][data-status="succeeded"]`).count()).toBe(4);
      await shot('run-finished');
      expect(pageErrors, 'no uncaught errors in the page').toEqual([]);
    },
    90_000,
  );

  it(
    'opens an imported 200-node workflow and keeps frames short while panning and zooming',
    async () => {
      const file = join(profileDir, 'two-hundred.workflow.json');
      writeFileSync(file, JSON.stringify(bigWorkflowFile()));
      await page.getByTestId('workflow-back').click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('workflow-import').click();
      await (await chooser).setFiles(file);
      const open = page.locator('[data-testid="workflow-row"][data-name="Two hundred nodes"]').getByTestId('workflow-open');
      await open.waitFor();

      // From the click on the workflow to 200 nodes drawn and measured (xyflow hides a node until it knows its size).
      const openMs = await page.evaluate(async () => {
        const link = document.querySelector<HTMLElement>('[data-testid="workflow-row"][data-name="Two hundred nodes"] [data-testid="workflow-open"]')!;
        const begun = performance.now();
        link.click();
        const drawn = () => [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter((node) => node.style.visibility !== 'hidden').length;
        for (;;) {
          await new Promise(requestAnimationFrame);
          if (drawn() === 200) return performance.now() - begun;
          if (performance.now() - begun > 20_000) throw new Error(`only ${drawn()} nodes drawn after 20 s`);
        }
      });
      expect(await page.getByTestId('canvas-node').count()).toBe(200);
      expect(await errorCount()).toBe('0');
      await expect.poll(() => page.locator('.react-flow__minimap-node').count()).toBe(200);
      await shot('two-hundred-nodes');

      const pane = (await page.locator('.react-flow__pane').boundingBox())!;
      const middle = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
      // The top-left corner is inside fitView's padding: pressing there pans instead of dragging a node.
      const grip = { x: pane.x + 16, y: pane.y + 16 };
      const away = { x: grip.x + 240, y: grip.y + 160 };
      expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.classList.contains('react-flow__pane'), grip)).toBe(true);
      const viewport = () => page.locator('.react-flow__viewport').getAttribute('style');
      const wheel = async (deltaY: number) => {
        await page.mouse.move(middle.x, middle.y);
        for (let step = 0; step < 6; step += 1) await page.mouse.wheel(0, deltaY);
      };

      await page.waitForTimeout(300);
      const stopIdle = await recordFrames(page);
      await page.waitForTimeout(1000);
      const idle = frameFigures(await stopIdle());

      // Pan away and back, zoom in and out, over and over for three seconds (and each at least once). Each input
      // event waits for the page to take it, so the gestures go as fast as the canvas lets them.
      const initial = await viewport();
      const views = new Set<string | null>();
      const gestures = [() => drag(grip, away), () => drag(away, grip), () => wheel(-150), () => wheel(150)];
      const cdp = await context!.newCDPSession(page);
      await cdp.send('Performance.enable');
      /** Seconds the page's main thread has spent so far in tasks and, within them, running script. */
      const busy = async () => {
        const metrics = new Map((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
        return { task: metrics.get('TaskDuration')!, script: metrics.get('ScriptDuration')! };
      };
      const busyBefore = await busy();
      const stop = await recordFrames(page);
      const begun = Date.now();
      let done = 0;
      while (Date.now() - begun < 3000 || done < gestures.length) {
        await gestures[done % gestures.length]!();
        views.add(await viewport());
        done += 1;
      }
      const moving = { ...frameFigures(await stop()), gestures: done };
      const busyAfter = await busy();
      const scriptMs = (busyAfter.script - busyBefore.script) * 1000;
      const scriptMsPerFrame = Math.round((scriptMs / moving.frames) * 10) / 10;
      // Script's share of the main thread's busy time: waiting for a core stretches both alike.
      const scriptShare = Math.round((scriptMs / ((busyAfter.task - busyBefore.task) * 1000)) * 100) / 100;
      views.delete(initial);
      expect(views.size, 'the gestures moved the view').toBeGreaterThan(0);
      await wheel(-150);
      await shot('zoomed-in');

      const figures = { nodes: 200, openToAllNodesDrawnMs: Math.round(openMs), idle, panningAndZooming: { ...moving, scriptMsPerFrame, scriptShare } };
      writeFileSync(join(outputDir, 'frames.json'), `${JSON.stringify(figures, null, 2)}\n`);
      console.log(`200-node canvas: ${JSON.stringify(figures)}`);

      // Measured on this 2-core machine, Chromium painting in software, quiet, with one core kept busy, beside
      // console-flow.test.ts, and with a load average of 11-18 from other suites: opening took 0.5-2.7 s. The bound
      // says the canvas gets there at all.
      expect(openMs).toBeLessThan(10_000);
      // Frame time here is mostly painting and waiting for a core: this canvas measured p50 17-67 ms, and a broken
      // one (the viewport kept in React state, every node rebuilt and re-rendered on every move; built and run for
      // comparison) 33-83 ms, so frame time cannot tell them apart without failing now and then. This bound catches
      // a canvas that stalls: under 10 frames a second for half of the frames.
      expect(moving.p50Ms).toBeLessThan(100);
      // Script's share of the main thread's work does tell them apart: 0.22-0.30 for this canvas, 0.47-0.59 for the
      // broken one (quiet, one core kept busy, load average 14-18). Script per frame does too when the machine is
      // quiet (4-8 ms against 18-44 ms) but grows with the load, to 17 ms for this canvas at a load average of 18.
      expect(scriptShare).toBeLessThan(0.4);
      expect(pageErrors, 'no uncaught errors in the page').toEqual([]);
    },
    90_000,
  );
});
