import { calculator } from './calculator/definition.js';
import { currentTime } from './current-time/definition.js';
import type { ToolDefinition } from './define-tool.js';
import { webReader } from './web-reader/definition.js';

/** The built-in tools, by name. A new one is a folder and one line here. */
export const builtinTools: ToolDefinition<unknown>[] = [currentTime, calculator, webReader];
