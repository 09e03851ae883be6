import type { StoredConsumer } from "./types.js";

/** How both stores keep a consumer declaration: one JSON text per (subject, consumer). */

export interface ConsumerRow {
  readonly subject: string;
  readonly consumer: string;
  readonly declaration: string;
}

/** The stored text: equal declarations give equal texts, so "unchanged" is a string comparison. */
export function declarationText(consumer: StoredConsumer): string {
  return JSON.stringify({ reads: consumer.reads, version: consumer.version });
}

export function toStoredConsumer(row: ConsumerRow): StoredConsumer {
  const { reads, version } = JSON.parse(row.declaration) as { reads: string[]; version: number };
  return { subject: row.subject, consumer: row.consumer, reads, version };
}
