/** A value taken from an earlier node's outputs, or written in the workflow. */
export type ValueSource = { type: 'ref'; content: { nodeId: string; name: string } } | { type: 'literal'; content: unknown };

/**
 * The outputs of every finished node, by node id: what inputs refer to. Nodes inside an iteration or loop see a
 * layer of their own (the current item, the body's nodes) over the enclosing scope's pool.
 */
export class VariablePool {
  private readonly values = new Map<string, Record<string, unknown>>();

  constructor(private readonly parent: VariablePool | null = null) {}

  set(nodeId: string, outputs: Record<string, unknown>): void {
    this.values.set(nodeId, outputs);
  }

  has(nodeId: string): boolean {
    return this.values.has(nodeId) || (this.parent?.has(nodeId) ?? false);
  }

  outputsOf(nodeId: string): Record<string, unknown> | undefined {
    return this.values.get(nodeId) ?? this.parent?.outputsOf(nodeId);
  }

  /** `name` may be a path into an object output: `result.items.0.title` or `result.items[0].title`. */
  lookup(nodeId: string, name: string): unknown {
    const outputs = this.outputsOf(nodeId);
    if (outputs === undefined) return undefined;
    if (Object.hasOwn(outputs, name)) return outputs[name];
    let current: unknown = outputs;
    for (const part of name.replace(/\[(\d+)\]/g, '.$1').split('.')) {
      if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
      current = (current as Record<string, unknown>)[part];
    }
    return current;
  }

  resolve(source: ValueSource): unknown {
    return source.type === 'literal' ? source.content : this.lookup(source.content.nodeId, source.content.name);
  }

  child(): VariablePool {
    return new VariablePool(this);
  }
}
