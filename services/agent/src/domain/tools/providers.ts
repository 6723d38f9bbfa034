import type { AgentConfig } from '../../config.js';
import { aitoolsProvider } from './aitools-provider.js';
import { builtinProvider } from './builtin-provider.js';
import { knowledgeProvider } from './knowledge-provider.js';
import { linkProvider } from './link-provider.js';
import { mcpProvider } from './mcp-provider.js';
import { memoryProvider } from './memory-provider.js';
import type { ToolProvider } from './provider.js';
import { builtinTools } from './registry.js';
import { rpaProvider } from './rpa-provider.js';
import { workflowProvider } from './workflow-provider.js';

/**
 * Every source of tools an agent definition may name (`provider` of a tool reference). Service URLs and the describe
 * timeout are read at each call from the config, which the embedded start and the tests may set after the start.
 */
export function toolProviders(config: AgentConfig, serviceToken: string): ToolProvider[] {
  const { limits } = config;
  const link = { url: () => config.linkUrl, serviceToken, limits };
  return [
    builtinProvider(builtinTools),
    workflowProvider({ url: () => config.workflowUrl, serviceToken, limits }),
    knowledgeProvider({ url: () => config.knowledgeUrl, serviceToken, limits }),
    linkProvider(link),
    mcpProvider(link),
    memoryProvider({ url: () => config.memoryUrl, serviceToken, limits }),
    aitoolsProvider({ url: () => config.aitoolsUrl, serviceToken, limits }),
    rpaProvider({ url: () => config.rpaUrl, serviceToken, limits }),
  ];
}
