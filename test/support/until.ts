/**
 * Waiting in tests for something another process, thread or socket does: the condition is asked
 * again every `intervalMs` until it holds, so the wait ends as soon as it can and a slow machine
 * only makes it longer. After `timeoutMs` it throws, naming what did not happen.
 */
export interface UntilOptions {
  /** Default 30 s; keep it under the test's own timeout, so this error is the one reported. */
  timeoutMs?: number;
  /** Default 20 ms. */
  intervalMs?: number;
}

/** Resolves once `condition` returns true; throws `what` after the timeout (or what `condition` throws). */
export async function until(condition: () => boolean | Promise<boolean>, what: string, options: UntilOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`tidak terjadi dalam ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
