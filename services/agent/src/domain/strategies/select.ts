import type { ModelClient } from '@astron/llm';
import type { StrategyName } from '../types.js';
import { functionCalling } from './function-calling.js';
import { react } from './react.js';
import type { Strategy } from './strategy.js';

/** 'auto' uses tool calling unless the model is known not to support it. */
export function selectStrategy(name: StrategyName, model: ModelClient): { name: 'function-calling' | 'react'; run: Strategy } {
  const chosen = name === 'auto' ? (model.supportsTools ? 'function-calling' : 'react') : name;
  return chosen === 'react' ? { name: chosen, run: react } : { name: chosen, run: functionCalling };
}
