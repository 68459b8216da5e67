/**
 * Load data for a page: re-runs when `deps` change, aborts the previous request, and keeps the
 * three states (loading, error, data) explicit.
 */
import { useEffect, useState } from 'react';
import type { DependencyList } from 'react';

export type AsyncState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly data: T };

export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : '未知错误');

export const useAsync = <T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> => {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    load(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ status: 'ready', data });
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', message: errorMessage(e) });
      },
    );
    return () => ctrl.abort();
  }, deps);
  return state;
};
