import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { ModelOption } from './field-context.js';
import { createQueryClient } from '../../../lib/query-client.js';
import type { Draft, DraftNode } from '../editor/draft.js';
import { editorReducer, type EditorState } from '../editor/editor-state.js';
import { NodePanel } from './node-panel.js';

/** For the panel's tests: the node's panel over a draft that its changes really update, shown in `draft` as JSON. */
function PanelHarness({
  initial,
  nodeId,
  models,
}: {
  initial: EditorState;
  nodeId: string;
  models: ModelOption[];
}) {
  const [state, setState] = useState(initial);
  const node = state.present.nodes.find((item) => item.id === nodeId)!;
  return (
    <>
      <NodePanel
        node={node}
        draft={state.present}
        workflowId="workflow_1"
        problems={[]}
        models={models}
        editable
        onChange={(update) =>
          setState((current) =>
            editorReducer(current, {
              type: 'update-node',
              nodeId,
              update: (item: DraftNode) => ({ ...item, data: update(item.data) }),
            }),
          )
        }
        onDelete={() => {}}
      />
      <output data-testid="draft">{JSON.stringify(state.present)}</output>
    </>
  );
}

/** Renders the panel of `nodeId` with a query client that does not retry (a failing call shows at once). */
export function renderNodePanel(initial: EditorState, nodeId: string, models: ModelOption[] = []): void {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  render(
    <QueryClientProvider client={queryClient}>
      <PanelHarness initial={initial} nodeId={nodeId} models={models} />
    </QueryClientProvider>,
  );
}

/** The draft as the panel's changes left it. */
export const shownDraft = (): Draft => JSON.parse(screen.getByTestId('draft').textContent) as Draft;
