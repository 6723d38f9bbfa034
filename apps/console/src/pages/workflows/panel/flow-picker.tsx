import type { Problem } from '@astron/dsl';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/index.js';
import { keys } from '../../../api/queries.js';
import type { WorkflowDraft, WorkflowSummary } from '../../../api/types.js';
import { Select } from '../../../components/ui/select.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatDateTime } from '../../../lib/format.js';
import type { Draft, DraftNode, NodeData } from '../editor/draft.js';
import { flowInterface, pinnedVersion, withFlowInterface } from '../editor/flow-interface.js';
import { freeAlias } from '../editor/node-factory.js';
import { fieldLabel, nodeTitle } from '../labels.js';
import { FieldShell } from './field-shell.js';

interface Choice {
  workflow: WorkflowSummary;
  /** A pinned version, or null for the one published when the run starts. */
  version: number | null;
}

/**
 * The draft a choice runs: the pinned version's snapshot, else the published one. An unpublished workflow has
 * none; its draft stands in, as what it will most likely publish (its runs fail until then, which the picker says).
 * Null when the version does not exist.
 */
async function snapshotOf(queryClient: QueryClient, { workflow, version }: Choice): Promise<WorkflowDraft | null> {
  const wanted = version ?? workflow.publishedVersion;
  if (wanted === null) {
    const detail = await queryClient.fetchQuery({ queryKey: keys.workflow(workflow.id), queryFn: () => api.workflows.get(workflow.id), staleTime: 0 });
    return detail.draft;
  }
  const versions = await queryClient.fetchQuery({ queryKey: keys.workflowVersions(workflow.id), queryFn: () => api.workflows.versions(workflow.id), staleTime: 0 });
  return versions.items.find((item) => item.version === wanted)?.snapshot.draft ?? null;
}

/** "Workflow", "Workflow 2": an alias the editor gave, which a person has not made their own. */
const isGiven = (alias: string, base: string | undefined): boolean =>
  base !== undefined && (alias === base || (alias.startsWith(`${base} `) && /^\d+$/.test(alias.slice(base.length + 1))));

/**
 * Where a flow node chooses the workflow it runs (never the one being edited: it could only recurse until the
 * depth limit) and its version. Choosing makes the node's inputs that workflow's start parameters and its outputs
 * what that workflow's end returns, and names the node after the workflow unless a person named it.
 */
export function FlowPicker({
  node,
  draft,
  workflowId,
  problems,
  editable,
  onChange,
}: {
  node: DraftNode;
  draft: Draft;
  workflowId: string;
  problems: Problem[];
  editable: boolean;
  onChange: (update: (data: NodeData) => NodeData) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Choice | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const list = useQuery({ queryKey: keys.workflows, queryFn: () => api.workflows.list() });
  const choices = (list.data?.items ?? []).filter((item) => item.id !== workflowId);

  const flowId = typeof node.data.nodeParam.flowId === 'string' ? node.data.nodeParam.flowId : '';
  const current = choices.find((item) => item.id === flowId || item.alias === flowId);
  const shown = pending?.workflow ?? current;
  const shownId = shown?.id ?? flowId;
  const shownVersion = pending === null ? pinnedVersion(node.data.nodeParam.version) : pending.version;
  const versions = useQuery({
    queryKey: keys.workflowVersions(shown?.id ?? ''),
    queryFn: () => api.workflows.versions(shown?.id ?? ''),
    enabled: shown !== undefined && shown.publishedVersion !== null,
  });
  const versionItems = versions.data?.items ?? [];

  const choose = async (choice: Choice) => {
    setPending(choice);
    setFailure(null);
    try {
      const snapshot = await snapshotOf(queryClient, choice);
      if (snapshot === null) {
        setFailure(t('workflows.panel.flow.versionMissing', { version: choice.version }));
        return;
      }
      const face = flowInterface(snapshot);
      const others: Draft = { ...draft, nodes: draft.nodes.filter((item) => item.id !== node.id) };
      const named = (alias: string) =>
        isGiven(alias, nodeTitle(t, 'flow')) || isGiven(alias, current?.name) ? freeAlias(others, choice.workflow.name) : alias;
      onChange((data) => ({
        ...withFlowInterface(data, face),
        nodeMeta: { ...data.nodeMeta, aliasName: named(data.nodeMeta.aliasName) },
        nodeParam: { ...data.nodeParam, flowId: choice.workflow.id, version: choice.version === null ? null : String(choice.version) },
      }));
    } catch (error) {
      setFailure(errorMessage(error, t));
    } finally {
      setPending(null);
    }
  };

  const locked = !editable || pending !== null;
  return (
    <section className="space-y-3" data-testid="flow-picker">
      <FieldShell label={fieldLabel(t, 'flowId')} path="data.nodeParam.flowId" problems={problems} hint={t('workflows.panel.flow.hint')}>
        {(control) => (
          <Select
            {...control}
            value={shownId}
            disabled={locked}
            onChange={(event) => {
              const workflow = choices.find((item) => item.id === event.target.value);
              if (workflow !== undefined) void choose({ workflow, version: null });
            }}
            data-testid="flow-select"
          >
            {shownId === '' && <option value="">{t('workflows.panel.flow.choose')}</option>}
            {shownId !== '' && shown === undefined && (
              <option value={shownId}>{list.isSuccess ? t('workflows.panel.flow.unknown', { id: shownId }) : shownId}</option>
            )}
            {choices.map((workflow) => (
              <option key={workflow.id} value={workflow.id} data-testid="flow-option" data-published={workflow.publishedVersion !== null}>
                {workflow.publishedVersion === null ? t('workflows.panel.flow.unpublished', { name: workflow.name }) : workflow.name}
              </option>
            ))}
          </Select>
        )}
      </FieldShell>
      {shown?.publishedVersion === null && (
        <p className="text-[11px] text-amber-700" data-testid="flow-unpublished">
          {t('workflows.panel.flow.unpublishedHint')}
        </p>
      )}
      <FieldShell label={fieldLabel(t, 'version')} path="data.nodeParam.version" problems={problems}>
        {(control) => (
          <Select
            {...control}
            value={shownVersion === null ? '' : String(shownVersion)}
            disabled={locked || shown === undefined}
            onChange={(event) => {
              if (shown !== undefined) void choose({ workflow: shown, version: event.target.value === '' ? null : Number(event.target.value) });
            }}
            data-testid="flow-version"
          >
            <option value="">{t('workflows.panel.flow.published')}</option>
            {shownVersion !== null && !versionItems.some((item) => item.version === shownVersion) && (
              <option value={String(shownVersion)}>{t('workflows.versionLabel', { version: shownVersion })}</option>
            )}
            {versionItems.map((item) => {
              const label = { version: item.version, date: formatDateTime(item.publishedAt, i18n.language) };
              return (
                <option key={item.version} value={String(item.version)} data-testid="flow-version-option">
                  {item.version === shown?.publishedVersion ? t('workflows.panel.flow.versionServing', label) : t('workflows.panel.flow.version', label)}
                </option>
              );
            })}
          </Select>
        )}
      </FieldShell>
      {pending !== null && (
        <p className="text-[11px] text-slate-500" data-testid="flow-loading">
          {t('workflows.panel.flow.loading')}
        </p>
      )}
      {failure !== null && (
        <p className="text-[11px] text-red-600" data-testid="flow-error">
          {failure}
        </p>
      )}
    </section>
  );
}
