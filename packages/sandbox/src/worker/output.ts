/** Collects what user code prints, up to a byte limit; past it, one marker line replaces the rest. */
export class OutputBuffer {
  private readonly chunks: Uint8Array[] = [];
  private bytes = 0;
  private truncated = false;
  private readonly encoder = new TextEncoder();

  constructor(private readonly limitBytes: number) {}

  /** How many more bytes are kept; a writer with nothing left to keep calls drop() instead of converting its text. */
  get remaining(): number {
    return this.limitBytes - this.bytes;
  }

  write(text: string): void {
    // A UTF-16 unit never encodes to less than one byte, so this cut never drops text that would fit.
    const kept = text.length > this.remaining ? text.slice(0, this.remaining) : text;
    if (kept.length < text.length) this.drop();
    this.writeBytes(this.encoder.encode(kept));
  }

  writeBytes(bytes: Uint8Array): void {
    const room = this.remaining;
    if (bytes.length > room) this.drop();
    if (room <= 0 || bytes.length === 0) return;
    const kept = bytes.length > room ? bytes.slice(0, room) : bytes.slice();
    this.chunks.push(kept);
    this.bytes += kept.length;
  }

  /** Output was produced and not kept. */
  drop(): void {
    this.truncated = true;
  }

  text(): string {
    const all = new Uint8Array(this.bytes);
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    const text = new TextDecoder().decode(all);
    return this.truncated ? `${text}\n[output truncated at ${this.limitBytes} bytes]\n` : text;
  }
}
