/**
 * What a change section says in place of a repeated change's example (contracts/docs/changes.ts,
 * ShownChanges): the HTML site and the Markdown pages say it alike.
 */
export function repeatNote(shownIn: number, version: number): string {
  const where = shownIn === version ? "above" : `in the changes of v${shownIn}`;
  return `The same change as shown ${where}, with the event that proves it.`;
}
