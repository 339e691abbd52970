/** Limits how many async operations run at once (Outlook allows 4 concurrent requests per mailbox). */
export class Semaphore {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}

const gates = new Map<string, Semaphore>();

/** The process-wide gate for one mailbox: every Graph caller in this process shares it (4 in flight). */
export function mailboxGate(mailbox: string): Semaphore {
  const key = mailbox.toLowerCase();
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = new Semaphore(4)));
  return gate;
}
