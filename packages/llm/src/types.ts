/** How to reach a model: an OpenAI-compatible endpoint resolved by the hub, which alone holds provider keys. */
export interface ModelEndpoint {
  baseUrl: string;
  apiKey: string | null;
  headers: Record<string, string>;
  model: string;
  /** False for models without OpenAI tool calling (agents then use ReAct). */
  supportsTools?: boolean;
}

export interface ModelParameters {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  /** Ask for a JSON object (response_format json_object). */
  json?: boolean;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** A tool as the model sees it: name, description and a JSON schema of its arguments. */
export interface LlmToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}
