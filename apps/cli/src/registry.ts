import type { ServiceModule } from '@astron/kit/service';
import { agentService } from '@astron/agent';
import { aitoolsService } from '@astron/aitools';
import { hubService } from '@astron/hub';
import { tenantService } from '@astron/tenant';
import { knowledgeService } from '@astron/knowledge';
import { linkService } from '@astron/link';
import { memoryService } from '@astron/memory';
import { rpaService } from '@astron/rpa';
import { workflowService } from '@astron/workflow';

/** Every service of the platform, in start order. A new service is one line here. */
export const services: ServiceModule<unknown>[] = [tenantService, agentService, workflowService, knowledgeService, memoryService, linkService, aitoolsService, rpaService, hubService];

export function selectServices(names: string[] | undefined): ServiceModule<unknown>[] {
  if (names === undefined || names.length === 0) return services;
  const unknown = names.filter((name) => !services.some((service) => service.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown service ${unknown.join(', ')}; known: ${services.map((service) => service.name).join(', ')}`);
  }
  return services.filter((service) => names.includes(service.name));
}
