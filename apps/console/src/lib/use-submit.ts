/**
 * Decision: about forty handlers repeated `setBusy(true); setError(null); try { … } catch { setError } finally
 * { setBusy(false) }`. They now pass their steps to `useSubmit().run`, which keeps only that bookkeeping; what a
 * handler checks before sending, what it calls and what it does on success (toast, closing a dialog, navigating)
 * stay in the handler, in the order they run. TanStack Query's `useMutation` was the other candidate; it is not
 * used because each handler would be split into a `mutationFn` and `onSuccess`/`onError` callbacks, away from the
 * checks before it, and because a second `mutate` while one runs starts a second request. Here a second `run`
 * while one is under way is ignored (it resolves at once without calling its task): the busy button already
 * refuses clicks, but Enter in a field or a shortcut can still fire, and a doubled create is worse than a dropped
 * keypress.
 * @module
 */
import { useRef, useState } from 'react';

export interface SubmitOptions {
  /**
   * For actions that leave the page when they succeed (signing in, setting up, accepting an invitation): the button
   * stays busy, and further runs stay ignored, until the page goes.
   */
  busyAfterSuccess?: boolean;
  /** Runs on a failure, after it is kept in `error`: for what a failure undoes, such as a result shown before. */
  onError?: (error: unknown) => void;
}

/** An action a person starts (a form's submit, a button's click): whether it is under way, and why it failed. */
export function useSubmit({ busyAfterSuccess = false, onError }: SubmitOptions = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // State is read as of the last render: two runs started in one event must see each other here.
  const running = useRef(false);

  async function run(task: () => Promise<unknown>): Promise<void> {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    let failed = false;
    try {
      await task();
    } catch (failure) {
      failed = true;
      setError(failure);
      onError?.(failure);
    }
    if (failed || !busyAfterSuccess) {
      running.current = false;
      setBusy(false);
    }
  }

  return {
    busy,
    /** The last run's failure; null while a run is under way and after a success or `reset`. */
    error,
    run,
    /** Forgets the last failure (a dialog that closes). */
    reset: () => setError(null),
  };
}
