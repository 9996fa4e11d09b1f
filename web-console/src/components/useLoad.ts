import { useEffect, useState } from 'preact/hooks';

/** Loads what a read view shows; the error is the problem to show instead. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { value: T | null; error: unknown } {
  const [state, setState] = useState<{ value: T | null; error: unknown }>({ value: null, error: null });
  useEffect(() => {
    let current = true;
    load()
      .then((value) => current && setState({ value, error: null }))
      .catch((error) => current && setState({ value: null, error }));
    return () => {
      current = false;
    };
  }, deps);
  return state;
}
