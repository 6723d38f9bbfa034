import type { AiTool } from './define-tool.js';
import { imageGeneration } from './image-generation/definition.js';
import { imageUnderstanding } from './image-understanding/definition.js';
import { ocr } from './ocr/definition.js';
import { speechToText } from './speech-to-text/definition.js';
import { textToSpeech } from './text-to-speech/definition.js';
import { translation } from './translation/definition.js';
import { webReader } from './web-reader/definition.js';

/** Every built-in AI tool, in the order GET /aitools/v1/tools lists them. */
export const tools: AiTool<unknown, unknown>[] = [imageGeneration, textToSpeech, speechToText, imageUnderstanding, ocr, translation, webReader];

export function findTool(name: string): AiTool<unknown, unknown> | undefined {
  return tools.find((tool) => tool.name === name);
}
