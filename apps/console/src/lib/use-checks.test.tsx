// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useChecks } from './use-checks.js';
import { check, email, required } from './validation.js';

afterEach(cleanup);

describe('useChecks', () => {
  it('is quiet before the first submit, then live; a valid form may be sent', () => {
    const validate = (value: string) => ({ email: check(value, required, email) });
    const { result, rerender } = renderHook(({ value }) => useChecks(value, validate), {
      initialProps: { value: '' },
    });
    expect(result.current.errors).toEqual({});
    let allowed = true;
    act(() => {
      allowed = result.current.attempt();
    });
    expect(allowed).toBe(false);
    expect(result.current.errors.email).toBe('validation.required');
    rerender({ value: 'ada@' });
    expect(result.current.errors.email).toBe('validation.email');
    rerender({ value: 'ada@example.com' });
    expect(result.current.errors.email).toBeUndefined();
    act(() => {
      allowed = result.current.attempt();
    });
    expect(allowed).toBe(true);
  });
});
