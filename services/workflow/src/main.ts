import { runService } from '@astron/kit/service';
import { workflowService } from './index.js';

await runService(workflowService);
