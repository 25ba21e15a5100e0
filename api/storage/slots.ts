// At most `size` database calls of this process in flight; the rest wait here, in order, for a bounded time.
// Why: DynamoDB Local applies transactions one at a time, so a burst of 100 syncs sent at once would queue
// inside it, where every waiting call's own timeout runs (and fires, answering 503 to requests the database was
// about to serve). Waiting here instead costs no timeout; and when the database hangs, the wait is bounded too,
// so every request still hears 503 within seconds. On Lambda (one request per instance) nothing ever waits.
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /** A slot, or a rejection after `waitMs`; call the returned function once when done. */
  acquire(waitMs: number): Promise<() => void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(this.releaser());
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        reject(new Error(`no database slot within ${waitMs} ms`));
      }, waitMs);
      this.waiting.push(grant);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}
