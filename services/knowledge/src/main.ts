import { runService } from '@astron/kit/service';
import { knowledgeService } from './index.js';

await runService(knowledgeService);
