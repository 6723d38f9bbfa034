import { runService } from '@astron/kit/service';
import { linkService } from './index.js';

await runService(linkService);
