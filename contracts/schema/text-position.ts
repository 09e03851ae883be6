/** A 1-based line and column in a text (columns count UTF-16 code units, as editors and yaml do). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Turns character offsets into positions. The table of line starts is built on the first call only:
 * most documents load without a single error, and they should not pay for a scan they never use.
 */
export function lineIndex(text: string): (offset: number) => Position {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) starts = lineStarts(text);
    const target = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= target) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: target - (starts[low] as number) + 1 };
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    // \n, \r\n and a lone \r each end a line.
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}
