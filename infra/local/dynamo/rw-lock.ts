/**
 * A FIFO read/write lock. Writes (plain and transactional) hold it exclusively so a transaction
 * reads, checks and commits with nothing in between; reads share it so no reader ever sees part
 * of a multi-item write. FIFO order keeps a stream of readers from starving a writer.
 */
type Waiter = { exclusive: boolean; grant: () => void };

export type Release = () => void;

export class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private readonly queue: Waiter[] = [];

  acquireShared(): Promise<Release> {
    return this.enqueue(false);
  }

  acquireExclusive(): Promise<Release> {
    return this.enqueue(true);
  }

  private enqueue(exclusive: boolean): Promise<Release> {
    return new Promise((resolve) => {
      this.queue.push({ exclusive, grant: () => resolve(this.releaser(exclusive)) });
      this.pump();
    });
  }

  private releaser(exclusive: boolean): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (exclusive) this.writer = false;
      else this.readers -= 1;
      this.pump();
    };
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.writer) {
      const head = this.queue[0]!;
      if (head.exclusive) {
        if (this.readers > 0) return;
        this.queue.shift();
        this.writer = true;
        head.grant();
        return;
      }
      this.queue.shift();
      this.readers += 1;
      head.grant();
    }
  }
}
