/**
 * Procedures still running. A client may hang up mid-call, which closes its socket (and so lets
 * the HTTP server report "closed") while the procedure still holds a database transaction;
 * shutdown waits for these before it closes the pool.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    const forget = () => void this.running.delete(settled);
    const settled: Promise<void> = work.then(forget, forget);
    this.running.add(settled);
  }

  async drained(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
