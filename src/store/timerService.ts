/**
 * The loop that delivers due timers by itself: at once for those that came due while no server
 * ran, then again whenever a round delivered something, else after `pollMs`. Stopping waits for
 * the round in progress to commit.
 */
export interface TimerServiceOptions {
  /** Pause after a round that found nothing due (default 200 ms). */
  pollMs?: number;
  /** Most timers delivered in one transaction (default 256). */
  batch?: number;
  /** Told how many rows each round delivered. */
  onFired?: (count: number) => void;
}

export interface TimerService {
  stop(): Promise<void>;
}

/** Runs `fireDue` (one round, returning how many rows it took) until stopped. */
export function runTimerService(fireDue: () => Promise<number>, onError: (error: unknown, context: string) => void, options: TimerServiceOptions = {}): TimerService {
  const pollMs = options.pollMs ?? 200;
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let fired = 0;
      try {
        fired = await fireDue();
      } catch (error) {
        onError(error, 'layanan timer');
      }
      if (fired > 0) options.onFired?.(fired);
      if (fired > 0 || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => { clearTimeout(timer); resolve(); };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
