import { runService } from '@astron/kit/service';
import { hubService } from './index.js';

await runService(hubService);
