import type { DocsModel, SubjectDoc, VersionDoc } from "../../../contracts/docs/types.js";
import type { JsonObject } from "../../../contracts/schema/types.js";
import type { RenderedFile } from "../../files.js";
import { toDraft07 } from "./draft07.js";

/**
 * One AsyncAPI 3.0 document for the whole catalog: a channel per topic, a message per event
 * version (payload: the version's schema as JSON Schema draft-07), and for each service a `send`
 * operation per channel it produces to and a `receive` operation per channel it consumes from.
 */

// JSON rather than YAML: the document holds every version of every schema, and a YAML serialiser
// takes tens of seconds on a large catalog where JSON takes milliseconds. AsyncAPI tools read both.
export const ASYNCAPI_FILE = "asyncapi.json";
const SCHEMA_FORMAT = "application/schema+json;version=draft-07";

/** Component keys must match `^[\w\d.\-_]+$`; slugs already do, this guards the joins. */
function key(text: string): string {
  return text.replace(/[^\w.-]+/g, "-");
}

interface Channel {
  readonly id: string;
  readonly address: string | null;
  readonly subjects: SubjectDoc[];
}

function channelsOf(model: DocsModel): Map<string, Channel> {
  const byTopic = new Map<string, Channel>();
  const used = new Set<string>();
  const unique = (base: string): string => {
    let id = key(base);
    for (let n = 2; used.has(id); n++) id = `${key(base)}-${n}`;
    used.add(id);
    return id;
  };
  for (const subject of model.subjects) {
    // Subjects without a topic get a channel of their own, with an unknown (null) address.
    const topicKey = subject.topic !== undefined ? `topic:${subject.topic}` : `subject:${subject.name}`;
    let channel = byTopic.get(topicKey);
    if (!channel) {
      channel = { id: unique(subject.topic ?? subject.slug), address: subject.topic ?? null, subjects: [] };
      byTopic.set(topicKey, channel);
    }
    channel.subjects.push(subject);
  }
  return byTopic;
}

function messageId(subject: SubjectDoc, version: VersionDoc): string {
  return key(`${subject.slug}.v${version.version}`);
}

function message(subject: SubjectDoc, version: VersionDoc, schemaId: string, latest: number): JsonObject {
  const description = [
    subject.deprecated
      ? `Deprecated: ${subject.deprecated.reason}${subject.deprecated.replacement ? ` Use ${subject.deprecated.replacement} instead.` : ""}`
      : undefined,
    version.description ?? subject.description,
  ]
    .filter((part): part is string => part !== undefined)
    .join("\n\n");
  const out: JsonObject = {
    name: subject.name,
    title: `${subject.name} v${version.version}${version.version === latest ? " (latest)" : ""}`,
    contentType: "application/json",
    payload: { $ref: `#/components/schemas/${schemaId}` },
    "x-accord": {
      subject: subject.registrySubject,
      version: version.version,
      latest: version.version === latest,
      compatibility: subject.compatibility,
      owners: [...subject.owners],
      file: version.file,
      ...(subject.deprecated ? { deprecated: subject.deprecated.reason } : {}),
    },
  };
  if (description !== "") out.description = description;
  if (subject.tags.length > 0) out.tags = subject.tags.map((name) => ({ name }));
  if (version.example)
    out.examples = [{ name: `${subject.slug}-v${version.version}`, payload: version.example.event }];
  return out;
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

export function renderAsyncApi(model: DocsModel): RenderedFile[] {
  const channels: JsonObject = {};
  const operations: JsonObject = {};
  const messages: JsonObject = {};
  const schemas: JsonObject = {};
  // service → action → channel id → message refs
  const ops = new Map<string, Map<"send" | "receive", Map<string, string[]>>>();
  const addOp = (service: string, action: "send" | "receive", channelId: string, ref: string): void => {
    const byAction = getOrAdd(ops, service, () => new Map<"send" | "receive", Map<string, string[]>>());
    const byChannel = getOrAdd(byAction, action, () => new Map<string, string[]>());
    getOrAdd(byChannel, channelId, () => [] as string[]).push(ref);
  };

  for (const channel of channelsOf(model).values()) {
    const channelMessages: JsonObject = {};
    for (const subject of channel.subjects) {
      const latest = subject.versions.at(-1)?.version ?? 0;
      for (const version of subject.versions) {
        const id = messageId(subject, version);
        const base = `#/components/schemas/${id}/schema`;
        const converted = toDraft07(version.schema, version.draft, base);
        schemas[id] = {
          schemaFormat: SCHEMA_FORMAT,
          schema: converted.schema,
          ...(converted.lossy.length > 0 ? { "x-accord-not-in-draft-07": [...converted.lossy] } : {}),
        };
        messages[id] = message(subject, version, id, latest);
        channelMessages[id] = { $ref: `#/components/messages/${id}` };
        const ref = `#/channels/${channel.id}/messages/${id}`;
        for (const producer of new Set(subject.producers)) addOp(producer, "send", channel.id, ref);
        for (const consumer of new Set(subject.consumers)) addOp(consumer, "receive", channel.id, ref);
      }
    }
    const names = channel.subjects.map((s) => s.name).join(", ");
    channels[channel.id] = {
      address: channel.address,
      title: channel.address ?? channel.subjects[0]?.name ?? channel.id,
      description:
        channel.address === null
          ? `Carries ${names}. No topic is declared in the catalog.`
          : `Topic ${channel.address}; carries ${names}.`,
      messages: channelMessages,
    };
  }

  for (const service of [...ops.keys()].sort()) {
    const byAction = ops.get(service) as Map<"send" | "receive", Map<string, string[]>>;
    for (const action of ["send", "receive"] as const) {
      for (const [channelId, refs] of byAction.get(action) ?? []) {
        operations[key(`${service}.${action}.${channelId}`)] = {
          action,
          channel: { $ref: `#/channels/${channelId}` },
          title: `${service} ${action === "send" ? "sends to" : "receives from"} ${channelId}`,
          messages: refs.map((ref) => ({ $ref: ref })),
          "x-accord-service": service,
        };
      }
    }
  }

  const document: JsonObject = {
    asyncapi: "3.0.0",
    info: {
      title: model.title,
      version: model.version ?? "1.0.0",
      description: `Generated by Accord from ${model.source === "catalog" ? "the catalog" : `the registry at ${model.source}`}: ${model.subjects.length} events. Each message is one version of an event; payloads are the versions' JSON Schemas.`,
    },
    defaultContentType: "application/json",
    channels,
    operations,
    components: { schemas, messages },
  };
  const content = `${JSON.stringify(document, null, 2)}\n`;
  return [{ path: ASYNCAPI_FILE, content }];
}
