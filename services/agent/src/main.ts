import { runService } from '@astron/kit/service';
import { agentService } from './index.js';

await runService(agentService);
