// Worker threads that answer tasks by id, for the command line's work on many packages (cli/office-import.ts,
// cli/verify-in-workers.ts).
import { Worker } from 'node:worker_threads';

/** Workers, each given one task at a time from a queue (run), or a task of its own (ask); a reply with `error` fails its task. */
export class WorkerPool<Task extends object, Reply extends { id: number }> {
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly queue: { task: Task; done: (reply: [Reply, Worker]) => void; fail: (error: Error) => void }[] = [];
  private readonly waiting = new Map<number, { done: (reply: Reply) => void; fail: (error: Error) => void }>();
  private nextId = 0;

  constructor(size: number, source: string) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(source, { eval: true });
      worker.on('message', (reply: Reply) => {
        const wait = this.waiting.get(reply.id)!;
        this.waiting.delete(reply.id);
        if ('error' in reply) wait.fail(new Error(String(reply.error)));
        else wait.done(reply);
      });
      const failAll = (error: Error) => {
        for (const wait of [...this.waiting.values(), ...this.queue]) wait.fail(error);
        this.waiting.clear();
        this.queue.length = 0;
      };
      worker.on('error', failAll);
      worker.on('exit', (code) => failAll(new Error(`工作线程意外退出（${code}）`)));
      return worker;
    });
    this.idle = [...this.workers];
  }

  all(task: Task): Promise<Reply[]> {
    return Promise.all(this.workers.map((worker) => this.ask(worker, task)));
  }

  ask(worker: Worker, task: Task): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((done, fail) => {
      this.waiting.set(id, { done, fail });
      worker.postMessage({ ...task, id });
    });
  }

  /** The task run by the next idle worker; the reply with the worker that ran it. */
  run(task: Task): Promise<[Reply, Worker]> {
    const result = new Promise<[Reply, Worker]>((done, fail) => this.queue.push({ task, done, fail }));
    this.drain();
    return result;
  }

  private drain(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.shift()!;
      const { task, done, fail } = this.queue.shift()!;
      this.ask(worker, task).then(
        (reply) => {
          this.idle.push(worker);
          this.drain();
          done([reply, worker]);
        },
        (error: Error) => fail(error),
      );
    }
  }

  close(): Promise<unknown> {
    for (const worker of this.workers) worker.removeAllListeners('exit');
    return Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
