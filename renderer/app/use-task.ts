import { useCallback, useRef, useState } from 'react';

export type TaskState<T> =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number }
  | { status: 'done'; result: T }
  | { status: 'failed'; message: string };

/**
 * Long work (backups, restores, imports, exports): shows progress, keeps the page responsive, and runs
 * once however often an impatient hand clicks.
 */
export function useTask<T, A extends unknown[]>(work: (progress: (done: number, total: number) => void, ...args: A) => Promise<T>) {
  const [state, setState] = useState<TaskState<T>>({ status: 'idle' });
  const running = useRef(false);
  const start = useCallback(
    async (...args: A) => {
      if (running.current) return;
      running.current = true;
      setState({ status: 'running', done: 0, total: 0 });
      try {
        const result = await work((done, total) => setState({ status: 'running', done, total }), ...args);
        setState({ status: 'done', result });
      } catch (error) {
        setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      } finally {
        running.current = false;
      }
    },
    [work],
  );
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, start, reset, running: state.status === 'running' };
}

export function progressText(state: TaskState<unknown>): string {
  if (state.status !== 'running') return '';
  return state.total ? `${Math.min(100, Math.floor((state.done / state.total) * 100))}%（${state.done}/${state.total}）` : '正在准备…';
}
