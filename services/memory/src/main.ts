import { runService } from '@astron/kit/service';
import { memoryService } from './index.js';

await runService(memoryService);
