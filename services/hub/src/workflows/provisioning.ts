import { notFound } from '@astron/kit/errors';
import type { HubConfig } from '../config.js';
import { findSpace, ownerActing, withStore } from '../providers/provisioning.js';
import type { WorkflowSummaryView } from './schemas.js';
import { workflowsDomain } from './workflows.js';

export interface WorkflowProvisioned {
  workflow: WorkflowSummaryView;
  spaceId: string;
  publishedVersion: number | null;
  warnings: unknown[];
}

/** `astron workflow import`: ours, the original's JSON or YAML; published at once when asked (refused while invalid). */
export async function importWorkflowFile(config: HubConfig, input: { space: string; file: unknown; alias?: string; publish: boolean }): Promise<WorkflowProvisioned> {
  return withStore(config, async (store) => {
    const space = await findSpace(store.db, input.space);
    const acting = await ownerActing(store, space);
    const domain = workflowsDomain(store);
    const { workflow, warnings } = await domain.importFile(acting, input.file, input.alias);
    const publishedVersion = input.publish ? (await domain.publish(acting, workflow.id)).version : null;
    return { workflow: publishedVersion === null ? workflow : await domain.get(space.id, workflow.id), spaceId: space.id, publishedVersion, warnings };
  });
}

/** `astron workflow export`: our export file of the draft; workflow ids are unique across spaces. */
export async function exportWorkflowFile(config: HubConfig, id: string) {
  return withStore(config, async (store) => {
    const row = await store.db.kysely.selectFrom('workflows').select(['space_id']).where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw notFound('workflow', id);
    return workflowsDomain(store).exportFile(row.space_id, id);
  });
}
