import { useState } from 'react';
import type { ValidationKey } from './validation.js';

/**
 * Client-side checks of a form: quiet until the first submit, then live, so a fixed field loses its
 * error as the person types. `attempt()` says whether the form may be sent.
 */
export function useChecks<T, K extends string>(
  values: T,
  validate: (values: T) => Partial<Record<K, ValidationKey>>,
) {
  const [attempted, setAttempted] = useState(false);
  const errors: Partial<Record<K, ValidationKey>> = attempted ? validate(values) : {};
  return {
    errors,
    attempt(): boolean {
      setAttempted(true);
      return Object.values(validate(values)).every((problem) => problem === undefined);
    },
    reset(): void {
      setAttempted(false);
    },
  };
}
