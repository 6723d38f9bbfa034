const WIDTH = 24;

/**
 * One line of progress: redrawn in place on a terminal, printed when its state changes otherwise (logs, CI), so
 * long work always shows where it is.
 */
export function progressLine(label: string, print: (line: string) => void, stream: NodeJS.WriteStream = process.stderr) {
  const live = stream.isTTY === true;
  let last = '';
  const render = (fraction: number, detail: string) => {
    const clamped = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
    const filled = Math.round(clamped * WIDTH);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.round(clamped * 100)).padStart(3)}% ${detail}`;
  };
  return {
    update(fraction: number, detail: string) {
      const line = render(fraction, detail);
      if (line === last) return;
      last = line;
      if (live) stream.write(`\r\x1b[2K${line}`);
      else print(line);
    },
    done(detail: string) {
      const line = `${label}: ${detail}`;
      if (live) stream.write(`\r\x1b[2K`);
      print(line);
    },
  };
}
