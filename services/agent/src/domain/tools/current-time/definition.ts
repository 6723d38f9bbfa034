import { z } from 'zod';
import { defineTool } from '../define-tool.js';

function partsIn(timeZone: string, date: Date): Record<string, string> {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'long',
      timeZoneName: 'longOffset',
    });
  } catch {
    throw new Error(`unknown time zone "${timeZone}"; use an IANA name such as Asia/Shanghai or UTC`);
  }
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

export const currentTime = defineTool({
  name: 'current_time',
  description: 'The current date and time in a time zone (IANA name such as Asia/Shanghai, Europe/Paris; default UTC).',
  inputSchema: z.object({ timezone: z.string().min(1).max(64).optional().describe('IANA time zone, default UTC') }),
  timeoutMs: 1_000,
  async run({ timezone }) {
    const zone = timezone ?? 'UTC';
    const now = new Date();
    const parts = partsIn(zone, now);
    // "GMT+09:00" → "+09:00"; plain "GMT" is UTC itself.
    const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
    const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
    return { timezone: zone, iso: `${local}${offset}`, weekday: parts.weekday, utc: now.toISOString() };
  },
});
