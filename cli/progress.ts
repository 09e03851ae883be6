/**
 * A progress line on stderr for long checks: only on a terminal (CI logs get none), only once the
 * work has taken more than a second (quick runs stay quiet), redrawn at most ten times a second.
 * Writes to a TTY are synchronous, so this works from inside synchronous loops.
 */
export interface Progress {
  update(done: number, total: number): void;
  /** Clears the line, if one was drawn. */
  done(): void;
}

export function progressOnStderr(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  const quiet = stream.isTTY !== true;
  return {
    update(done, total) {
      if (quiet) return;
      const now = Date.now();
      if (now - started < 1000 || now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      stream.write(`\r\u001b[2K${label} ${done}/${total} (${percent}%)`);
    },
    done() {
      if (drawn) stream.write("\r\u001b[2K");
      drawn = false;
    },
  };
}
