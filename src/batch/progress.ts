/** Progress on stderr: a bar redrawn in place on a terminal, a plain line every few seconds otherwise. */
export class Progress {
  private readonly started = performance.now();
  private lastLine = 0;

  constructor(
    private readonly total: number,
    private readonly tty: boolean,
    private readonly write: (s: string) => void,
    private readonly intervalMs = 2000,
  ) {}

  update(done: number, failed: number): void {
    const now = performance.now();
    const rate = done / Math.max(0.001, (now - this.started) / 1000);
    const pct = this.total === 0 ? 100 : Math.floor((done / this.total) * 100);
    const tail = `${done}/${this.total}（${pct}%），失败 ${failed}，${rate.toFixed(1)} 份/秒`;
    if (this.tty) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      this.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${tail}`);
      return;
    }
    if (now - this.lastLine >= this.intervalMs || done === this.total) {
      this.lastLine = now;
      this.write(`进度：${tail}\n`);
    }
  }

  finish(): void {
    if (this.tty) this.write('\n');
  }
}
