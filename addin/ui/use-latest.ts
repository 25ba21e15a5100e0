import { useEffect, useState } from "react";

/**
 * What `load` gives for the current inputs, read again whenever they change; an answer for inputs no longer
 * current is dropped. Unlike useWork (one thing at a time, a second dropped), a quick change of plan always wins.
 */
export function useLatest<T>(load: (() => Promise<T>) | undefined, deps: readonly unknown[]): { value: T | undefined; error: unknown; busy: boolean } {
  const [state, setState] = useState<{ value: T | undefined; error: unknown; busy: boolean }>({ value: undefined, error: undefined, busy: false });
  useEffect(() => {
    if (!load) return;
    let current = true;
    setState((s) => ({ ...s, error: undefined, busy: true }));
    load().then(
      (value) => current && setState({ value, error: undefined, busy: false }),
      (error: unknown) => current && setState((s) => ({ ...s, error, busy: false })),
    );
    return () => {
      current = false;
    };
    // The caller names what the load depends on.
  }, deps);
  return state;
}
