// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSubmit, type SubmitOptions } from './use-submit.js';

afterEach(cleanup);

/** A task the test settles by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((done, fail) => {
    resolve = done;
    reject = fail;
  });
  return { promise, resolve, reject };
}

function setup(options?: SubmitOptions) {
  return renderHook(() => useSubmit(options)).result;
}

describe('useSubmit', () => {
  it('is busy while the task runs and clears the error of the run before', async () => {
    const result = setup();
    await act(() => result.current.run(() => Promise.reject(new Error('first'))));
    expect(result.current.error).toEqual(new Error('first'));

    const task = deferred();
    let running!: Promise<void>;
    act(() => {
      running = result.current.run(() => task.promise);
    });
    expect(result.current.busy).toBe(true);
    expect(result.current.error).toBeNull();
    await act(async () => {
      task.resolve();
      await running;
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it('keeps a failure until the next run or reset, and tells onError', async () => {
    const onError = vi.fn();
    const result = setup({ onError });
    const failure = new Error('refused');
    await act(() =>
      result.current.run(() => {
        throw failure;
      }),
    );
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBe(failure);
    expect(onError).toHaveBeenCalledWith(failure);
    act(() => result.current.reset());
    expect(result.current.error).toBeNull();
  });

  it('ignores a second run while one is under way, also within the same event', async () => {
    const result = setup();
    const first = deferred();
    const second = vi.fn(() => Promise.resolve());
    let running!: Promise<void>;
    act(() => {
      running = result.current.run(() => first.promise);
      void result.current.run(second);
    });
    await act(() => result.current.run(second));
    expect(second).not.toHaveBeenCalled();
    await act(async () => {
      first.resolve();
      await running;
    });
    await act(() => result.current.run(second));
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('with busyAfterSuccess stays busy after a success, but not after a failure', async () => {
    const failing = setup({ busyAfterSuccess: true });
    await act(() => failing.current.run(() => Promise.reject(new Error('no'))));
    expect(failing.current.busy).toBe(false);

    const leaving = setup({ busyAfterSuccess: true });
    const later = vi.fn(() => Promise.resolve());
    await act(() => leaving.current.run(() => Promise.resolve()));
    expect(leaving.current.busy).toBe(true);
    await act(() => leaving.current.run(later));
    expect(later).not.toHaveBeenCalled();
  });
});
