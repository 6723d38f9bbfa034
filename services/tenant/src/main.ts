import { runService } from '@astron/kit/service';
import { tenantService } from './index.js';

await runService(tenantService);
