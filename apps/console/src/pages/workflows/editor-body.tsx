import type { Problem } from '@astron/dsl';
import { useQuery } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import { keys, usePermissions } from '../../api/queries.js';
import type { Workflow } from '../../api/types.js';
import { Badge } from '../../components/ui/badge.js';
import { useToast } from '../../components/ui/toast.js';
import { errorMessage } from '../../lib/errors.js';
import { chatModelOptions } from '../agents/agent-form-model.js';
import { downloadJson } from '../agents/import-agent.js';
import { Palette } from './canvas/palette.js';
import { WorkflowCanvas } from './canvas/workflow-canvas.js';
import { copyNodes, pasteClip, type Clip } from './editor/clipboard.js';
import type { NodeData } from './editor/draft.js';
import { nodeById } from './editor/draft.js';
import { autoLayout, type Size } from './editor/layout.js';
import { placeNewNode } from './editor/placement.js';
import { createNodes, freeAlias } from './editor/node-factory.js';
import { useEditorShortcuts } from './editor/use-shortcuts.js';
import { useWorkflowEditor } from './editor/use-workflow-editor.js';
import { EditorToolbar } from './editor-toolbar.js';
import { workflowFileName } from './import-workflow.js';
import { nodeTitle } from './labels.js';
import { NodePanel } from './panel/node-panel.js';
import { ProblemsList } from './panel/problems-list.js';
import { PublishDialog } from './publish-dialog.js';
import { RunHistory } from './run/run-history.js';
import { runFields } from './run/run-inputs.js';
import { RunPanel } from './run/run-panel.js';
import { nodeStatuses } from './run/run-state.js';
import { useWorkflowRun } from './run/use-workflow-run.js';
import { SettingsDialog } from './settings-dialog.js';
import { SidePanel, type PanelTab } from './side-panel.js';
import { VersionsPanel } from './versions-panel.js';

/** Copied nodes survive a switch to another workflow of the console, as a clipboard does. */
let clipboard: Clip | null = null;

/** The canvas editor of one workflow (inside xyflow's provider): palette, canvas, side panel and their commands. */
export function EditorBody({ workflow, editable }: { workflow: Workflow; editable: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { can } = usePermissions();
  const flow = useReactFlow();
  const editor = useWorkflowEditor(workflow, editable);
  const { state, dispatch, problems } = editor;
  const draft = state.present;
  const sizes = useRef(new Map<string, Size>()).current;
  const canvasBox = useRef<HTMLDivElement>(null);
  const pastes = useRef(0);
  const [tab, setTab] = useState<PanelTab>('node');
  const [publishing, setPublishing] = useState(false);
  const [settings, setSettings] = useState(false);
  const run = useWorkflowRun(workflow.id, editor.save);
  const providers = useQuery({ queryKey: keys.providers, queryFn: () => api.providers.list(), enabled: can('providers.view') });
  const models = useMemo(() => chatModelOptions(providers.data?.items ?? []), [providers.data]);

  const byId = useMemo(() => nodeById(draft), [draft]);
  const nodeIds = useMemo(() => draft.nodes.map((node) => node.id), [draft]);
  const statuses = useMemo(() => nodeStatuses(run.view, nodeIds), [run.view, nodeIds]);
  const nodeAlias = useCallback((id: string) => byId.get(id)?.data.nodeMeta.aliasName || undefined, [byId]);
  const selected = state.selection.length === 1 ? byId.get(state.selection[0]!) : undefined;

  // Selecting a node on the canvas opens its settings, unless a run is being watched.
  const shownSelection = useRef(state.selection);
  useEffect(() => {
    if (state.selection === shownSelection.current) return;
    shownSelection.current = state.selection;
    if (state.selection.length === 1 && tab !== 'run') setTab('node');
  }, [state.selection, tab]);

  const selectNode = useCallback(
    (nodeId: string, open = true) => {
      if (!byId.has(nodeId)) return;
      dispatch({ type: 'select', ids: [nodeId] });
      if (open) setTab('node');
      void Promise.resolve(flow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 })).catch(() => undefined);
    },
    [byId, dispatch, flow],
  );

  const selectProblem = useCallback(
    (problem: Problem) => {
      const edge = problem.edgeId === undefined ? undefined : draft.edges.find((item, index) => (item.id || `edges[${index}]`) === problem.edgeId);
      const nodeId = problem.nodeId ?? edge?.sourceNodeId;
      if (nodeId !== undefined) selectNode(nodeId);
    },
    [draft.edges, selectNode],
  );

  const addNode = useCallback(
    (type: string, position?: { x: number; y: number }, parentId?: string) => {
      if (!editable) return;
      const place =
        position === undefined
          ? placeNewNode(draft, state.selection, () => {
              const box = canvasBox.current?.getBoundingClientRect();
              return flow.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 0) / 2, y: (box?.top ?? 0) + (box?.height ?? 0) / 2 });
            })
          : { position, ...(parentId === undefined ? {} : { parentId }) };
      const created = createNodes(type, {
        ...place,
        alias: freeAlias(draft, nodeTitle(t, type)),
        bodyAliases: { start: nodeTitle(t, 'iteration-node-start'), end: nodeTitle(t, 'iteration-node-end') },
      });
      dispatch({ type: 'add', nodes: created.nodes, edges: created.edges });
      setTab('node');
    },
    [dispatch, draft, editable, flow, state.selection, t],
  );

  useEditorShortcuts(
    {
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      copy: () => {
        const clip = copyNodes(draft, state.selection);
        if (clip === null) return;
        clipboard = clip;
        pastes.current = 0;
      },
      paste: () => {
        if (clipboard === null) return;
        pastes.current += 1;
        const offset = 40 * pastes.current;
        const pasted = pasteClip(draft, clipboard, { x: offset, y: offset });
        dispatch({ type: 'add', nodes: pasted.nodes, edges: pasted.edges, selectAll: true });
      },
    },
    editable,
  );

  const layout = () => {
    dispatch({ type: 'layout', positions: autoLayout(draft, sizes) });
    setTimeout(() => void Promise.resolve(flow.fitView({ duration: 300 })).catch(() => undefined), 50);
  };

  const exportFile = async () => {
    try {
      if (editable) await editor.save();
      const file = await api.workflows.exportFile(workflow.id);
      const name = workflowFileName(workflow.name);
      downloadJson(name, file);
      toast.success(t('workflows.exported', { file: name }));
    } catch (failure) {
      toast.error(errorMessage(failure, t));
    }
  };

  const changeSelected = (update: (data: NodeData) => NodeData, key?: string) => {
    if (selected === undefined) return;
    dispatch({
      type: 'update-node',
      nodeId: selected.id,
      update: (node) => ({ ...node, data: update(node.data) }),
      ...(key === undefined ? {} : { key: `${selected.id}:${key}`, at: Date.now() }),
    });
  };

  const count = (value: number, tone: 'danger' | 'warning') =>
    value > 0 ? (
      <Badge tone={tone} className="px-1.5 py-0" data-testid={`problem-count-${tone === 'danger' ? 'errors' : 'warnings'}`}>
        {value}
      </Badge>
    ) : undefined;

  return (
    <div className="fixed inset-0 z-40 flex flex-col bg-slate-50" data-testid="workflow-editor">
      <EditorToolbar
        workflow={workflow}
        editable={editable}
        status={editor.status}
        canUndo={state.past.length > 0}
        canRedo={state.future.length > 0}
        onUndo={() => dispatch({ type: 'undo' })}
        onRedo={() => dispatch({ type: 'redo' })}
        onLayout={layout}
        onSave={() => void editor.save().catch((failure: unknown) => toast.error(errorMessage(failure, t)))}
        onExport={() => void exportFile()}
        onPublish={() => setPublishing(true)}
        onSettings={() => setSettings(true)}
        onRun={() => setTab('run')}
      />
      <div className="flex min-h-0 flex-1">
        {editable && (
          <div className="flex w-52 shrink-0 flex-col border-r border-slate-200 bg-white">
            <Palette onAdd={(type) => addNode(type)} disabled={!editable} />
          </div>
        )}
        <div ref={canvasBox} className="relative min-w-0 flex-1">
          <WorkflowCanvas
            draft={draft}
            selection={state.selection}
            problems={problems}
            statuses={statuses}
            editable={editable}
            sizes={sizes}
            dispatch={dispatch}
            onDropType={addNode}
          />
        </div>
        <SidePanel
          active={tab}
          onTab={setTab}
          tabs={[
            { id: 'node', label: t('workflows.tabs.node') },
            { id: 'problems', label: t('workflows.tabs.problems'), badge: count(problems.errors, 'danger') ?? count(problems.warnings, 'warning') },
            { id: 'run', label: t('workflows.tabs.run') },
            { id: 'history', label: t('workflows.tabs.history') },
            { id: 'versions', label: t('workflows.tabs.versions') },
          ]}
        >
          {tab === 'node' &&
            (selected === undefined ? (
              <p className="p-4 text-sm text-slate-500" data-testid="node-panel-empty">
                {state.selection.length > 1 ? t('workflows.panel.many', { count: state.selection.length }) : t('workflows.panel.none')}
              </p>
            ) : (
              <NodePanel
                key={selected.id}
                node={selected}
                draft={draft}
                workflowId={workflow.id}
                problems={problems.byNode.get(selected.id) ?? []}
                models={models}
                editable={editable}
                onChange={changeSelected}
                onDelete={() => dispatch({ type: 'remove', nodeIds: [selected.id] })}
              />
            ))}
          {tab === 'problems' && <ProblemsList problems={problems.all} nodeAlias={nodeAlias} onSelect={selectProblem} />}
          {/* Kept mounted: the run's parameters and its progress survive a look at another tab. */}
          <div hidden={tab !== 'run'}>
            <RunPanel fields={runFields(draft)} run={run} editable={editable} errorCount={problems.errors} nodeAlias={nodeAlias} onSelectNode={(id) => selectNode(id, false)} />
          </div>
          {tab === 'history' && <RunHistory workflowId={workflow.id} nodeAlias={nodeAlias} onSelectNode={(id) => selectNode(id, false)} />}
          {tab === 'versions' && <VersionsPanel workflow={workflow} editable={editable} onRolledBack={editor.replace} />}
        </SidePanel>
      </div>
      <PublishDialog
        workflow={workflow}
        open={publishing}
        errorCount={problems.errors}
        save={editor.save}
        nodeAlias={nodeAlias}
        onClose={() => setPublishing(false)}
        onSelectProblem={selectProblem}
      />
      {settings && <SettingsDialog workflow={workflow} open onClose={() => setSettings(false)} />}
    </div>
  );
}
