import { databaseDependency, httpDependency, redisDependency, serviceDependency, type Dependency } from '@astron/kit/service';
import type { HubConfig } from './config.js';

/** What the hub needs; `astron doctor` checks each. */
export function hubDependencies(config: HubConfig): Dependency[] {
  const dependencies = [
    databaseDependency(config.database, 'MYSQL_URL / DATABASE_URL and their credentials'),
    serviceDependency('tenant', config.tenantUrl, 'TENANT_URL'),
    serviceDependency('agent', config.agentUrl, 'AGENT_URL'),
    serviceDependency('workflow', config.workflowUrl, 'WORKFLOW_URL'),
  ];
  if (config.redis !== null) dependencies.push(redisDependency(config.redis, 'REDIS_HOST, REDIS_PORT, REDIS_PASSWORD'));
  const oidc = config.oidc;
  if (oidc !== null) {
    dependencies.push(
      httpDependency(
        'oidc',
        `${oidc.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
        `OIDC provider ${oidc.issuer} (OIDC_ISSUER / CONSOLE_CASDOOR_URL)`,
        'start the identity provider (Casdoor), or correct OIDC_ISSUER / CONSOLE_CASDOOR_URL',
      ),
    );
  }
  return dependencies;
}
