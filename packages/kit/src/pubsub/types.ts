export type Unsubscribe = () => Promise<void>;

/** Fire-and-forget messages to every current subscriber of a channel (no persistence). */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
