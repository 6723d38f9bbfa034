import { runService } from '@astron/kit/service';
import { rpaService } from './index.js';

await runService(rpaService);
