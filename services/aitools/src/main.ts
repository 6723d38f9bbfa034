import { runService } from '@astron/kit/service';
import { aitoolsService } from './index.js';

await runService(aitoolsService);
