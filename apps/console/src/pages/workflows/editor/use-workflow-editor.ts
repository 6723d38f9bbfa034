import { validateWorkflow } from '@astron/dsl';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { api } from '../../../api/index.js';
import { keys } from '../../../api/queries.js';
import type { Workflow } from '../../../api/types.js';
import { normalizeDraft, toWorkflowDraft, type Draft } from './draft.js';
import { deriveOutputs } from './derived.js';
import { editorReducer, initialEditorState } from './editor-state.js';
import { autoLayout } from './layout.js';
import { indexProblems, type ProblemIndex } from './problems.js';

export const AUTOSAVE_MS = 1000;

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'failed';

/** The draft of the hub, ready for the canvas: nodes without a position (an engine-form import) are laid out. */
export function editableDraft(workflow: Pick<Workflow, 'draft'>): Draft {
  const draft = normalizeDraft(workflow.draft);
  if (draft.nodes.every((node) => node.position !== undefined)) return draft;
  const positions = autoLayout(draft);
  return { ...draft, nodes: draft.nodes.map((node) => (node.position === undefined ? { ...node, position: positions[node.id] } : node)) };
}

/**
 * The editor of one workflow: its state and history, live validation (skipped while a drag is under way: moving
 * changes nothing the validator reads), and saving: after a second without changes, and on demand (before a run,
 * a publish, an export).
 */
export function useWorkflowEditor(workflow: Workflow, editable: boolean) {
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(editorReducer, workflow, (initial) => initialEditorState(editableDraft(initial)));
  const [saved, setSaved] = useState<Draft>(state.present);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const latest = useRef(state.present);
  latest.current = state.present;
  const inFlight = useRef<Promise<void> | null>(null);
  const lastSaved = useRef(saved);

  const dragging = state.dragOrigin !== null;
  const validated = useRef<ProblemIndex | null>(null);
  const problems = useMemo(() => {
    if (dragging && validated.current !== null) return validated.current;
    const index = indexProblems(validateWorkflow(state.present).problems);
    validated.current = index;
    return index;
  }, [state.present, dragging]);

  const save = useCallback(async (): Promise<void> => {
    while (inFlight.current !== null) await inFlight.current.catch(() => undefined);
    const draft = latest.current;
    if (draft === lastSaved.current || !editable) return;
    const request = (async () => {
      setSaving(true);
      try {
        const updated = await api.workflows.update(workflow.id, { draft: toWorkflowDraft(draft) });
        lastSaved.current = draft;
        setSaved(draft);
        setSaveError(null);
        queryClient.setQueryData(keys.workflow(workflow.id), updated);
        void queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
      } catch (error) {
        setSaveError(error);
        throw error;
      } finally {
        setSaving(false);
      }
    })();
    inFlight.current = request;
    try {
      await request;
    } finally {
      if (inFlight.current === request) inFlight.current = null;
    }
  }, [editable, queryClient, workflow.id]);

  const dirty = state.present !== saved;
  useEffect(() => {
    if (!editable || !dirty || dragging) return;
    const timer = setTimeout(() => void save().catch(() => undefined), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [state.present, dirty, dragging, editable, save]);

  useEffect(() => {
    if (!dirty || !editable) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, editable]);

  /** A new draft from the hub (a rollback): the history starts again from it. */
  const replace = useCallback((next: Workflow) => {
    // Derived once here, so the loaded present is this very object and counts as saved.
    const draft = deriveOutputs(editableDraft(next));
    dispatch({ type: 'load', draft });
    lastSaved.current = draft;
    latest.current = draft;
    setSaved(draft);
  }, []);

  const status: SaveStatus = saving ? 'saving' : saveError !== null && dirty ? 'failed' : dirty ? 'dirty' : 'saved';
  return { state, dispatch, problems, save, status, saveError, replace };
}
