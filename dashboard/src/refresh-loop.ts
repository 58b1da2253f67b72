// Refreshes every panel every few seconds: never two rounds at once, paused while the tab is hidden.
export interface RefreshLoopOptions {
  intervalMs: number;
  round: () => Promise<void>;
}

export function startRefreshLoop({ intervalMs, round }: RefreshLoopOptions): { refreshNow(): void } {
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function tick(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (running) return;
    running = true;
    try {
      if (!document.hidden) await round();
    } finally {
      running = false;
      timer = setTimeout(() => void tick(), intervalMs);
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) void tick();
  });
  void tick();
  return { refreshNow: () => void tick() };
}
