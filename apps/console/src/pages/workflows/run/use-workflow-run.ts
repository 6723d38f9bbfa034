import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { api } from '../../../api/index.js';
import { keys } from '../../../api/queries.js';
import { idleRun, runReducer, type RunEvent } from './run-state.js';
import { streamRunResume, streamRunStart } from './run-stream.js';

/**
 * A debug run of the draft, followed live: start (after saving, as the hub runs the saved draft), answer a
 * question the run waits on, cancel. `error` is a refused request (a draft with errors is 400 workflow_invalid).
 */
export function useWorkflowRun(workflowId: string, beforeStart: () => Promise<void>) {
  const queryClient = useQueryClient();
  const [view, dispatch] = useReducer(runReducer, idleRun);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);
  const viewRef = useRef(view);
  viewRef.current = view;

  useEffect(() => () => controller.current?.abort(), []);

  const follow = useCallback(
    async (open: (onEvent: (event: RunEvent) => void, signal: AbortSignal) => Promise<void>) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setError(null);
      try {
        await open((event) => dispatch(event), abort.signal);
      } catch (failure) {
        if (!abort.signal.aborted) setError(failure);
      } finally {
        if (controller.current === abort) controller.current = null;
        void queryClient.invalidateQueries({ queryKey: keys.workflowRuns(workflowId) });
      }
    },
    [queryClient, workflowId],
  );

  const start = useCallback(
    async (inputs: Record<string, unknown>) => {
      dispatch({ type: '@starting' });
      try {
        await beforeStart();
      } catch (failure) {
        dispatch({ type: '@reset' });
        setError(failure);
        return;
      }
      let heard = false;
      await follow((onEvent, signal) =>
        streamRunStart(
          workflowId,
          inputs,
          (event) => {
            heard = true;
            onEvent(event);
          },
          signal,
        ),
      );
      // Refused, or a stream that said nothing: back to the form.
      if (!heard) dispatch({ type: '@reset' });
    },
    [beforeStart, follow, workflowId],
  );

  const answer = useCallback(
    async (value: unknown) => {
      const { runId, pause } = viewRef.current;
      if (runId === null || pause === null) return;
      await follow((onEvent, signal) => streamRunResume(workflowId, runId, { answer: value, nodeKey: pause.nodeKey }, onEvent, signal));
    },
    [follow, workflowId],
  );

  const cancel = useCallback(async () => {
    const { runId } = viewRef.current;
    if (runId === null) return;
    try {
      await api.workflows.cancelRun(workflowId, runId);
      // The stream says so too when it is open; a paused run has none.
      if (viewRef.current.phase !== 'cancelled') dispatch({ type: 'run-cancelled', data: {}, id: '' });
    } catch (failure) {
      setError(failure);
    }
  }, [workflowId]);

  const reset = useCallback(() => {
    controller.current?.abort();
    setError(null);
    dispatch({ type: '@reset' });
  }, []);

  return { view, error, start, answer, cancel, reset };
}
