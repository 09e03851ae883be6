import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AccordFailure } from "../../contracts/errors.js";

/** Latency buckets in seconds: by-id reads take well under a millisecond, registrations tens. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const REGISTER_ROUTE = "/subjects/:subject/versions";

interface Histogram {
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * Counters and histograms in memory, rendered in the Prometheus text format (0.0.4). Labels use
 * the route pattern, never the path, so subjects and ids cannot blow up the series count.
 */
export class RegistryMetrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private registrations = 0;
  private compatibilityRejections = 0;
  private readonly storeErrors = new Map<string, number>();
  private readonly started = Date.now();

  observe(method: string, route: string, status: number, seconds: number): void {
    const requestKey = labels({ method, route, status: String(status) });
    this.requests.set(requestKey, (this.requests.get(requestKey) ?? 0) + 1);
    const latencyKey = labels({ method, route });
    let histogram = this.latency.get(latencyKey);
    if (!histogram) {
      histogram = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.latency.set(latencyKey, histogram);
    }
    for (let i = 0; i < BUCKETS.length; i++)
      if (seconds <= (BUCKETS[i] as number)) (histogram.counts[i] as number)++;
    histogram.sum += seconds;
    histogram.count++;
    if (method === "POST" && route === REGISTER_ROUTE) {
      if (status === 200) this.registrations++;
      else if (status === 409) this.compatibilityRejections++;
    }
  }

  storeError(code: string): void {
    this.storeErrors.set(code, (this.storeErrors.get(code) ?? 0) + 1);
  }

  render(): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family(
      "accord_http_requests_total",
      "counter",
      "HTTP requests answered, by method, route pattern and status.",
    );
    for (const [key, value] of this.requests) lines.push(`accord_http_requests_total{${key}} ${value}`);
    family(
      "accord_http_request_duration_seconds",
      "histogram",
      "Time from request received to response sent.",
    );
    for (const [key, histogram] of this.latency) {
      BUCKETS.forEach((bound, i) => {
        lines.push(
          `accord_http_request_duration_seconds_bucket{${key},le="${bound}"} ${histogram.counts[i]}`,
        );
      });
      lines.push(`accord_http_request_duration_seconds_bucket{${key},le="+Inf"} ${histogram.count}`);
      lines.push(`accord_http_request_duration_seconds_sum{${key}} ${histogram.sum}`);
      lines.push(`accord_http_request_duration_seconds_count{${key}} ${histogram.count}`);
    }
    family(
      "accord_registrations_total",
      "counter",
      "Successful schema registrations (new or existing version).",
    );
    lines.push(`accord_registrations_total ${this.registrations}`);
    family(
      "accord_compatibility_rejections_total",
      "counter",
      "Registrations refused as incompatible (HTTP 409).",
    );
    lines.push(`accord_compatibility_rejections_total ${this.compatibilityRejections}`);
    family("accord_store_errors_total", "counter", "Requests that failed in the store, by error code.");
    for (const [code, value] of this.storeErrors)
      lines.push(`accord_store_errors_total{code="${code}"} ${value}`);
    family("accord_process_start_time_seconds", "gauge", "When this instance started (Unix time).");
    lines.push(`accord_process_start_time_seconds ${Math.floor(this.started / 1000)}`);
    return `${lines.join("\n")}\n`;
  }
}

function labels(values: Record<string, string>): string {
  return Object.entries(values)
    .map(
      ([name, value]) =>
        `${name}="${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`,
    )
    .join(",");
}

const started = Symbol("accord-started");
type Timed = FastifyRequest & { [started]?: bigint };

/** Times every request and serves GET /metrics. */
export const metricsPlugin = fp<{ metrics: RegistryMetrics }>(
  async (app, options) => {
    const { metrics } = options;
    app.addHook("onRequest", async (request: Timed) => {
      request[started] = process.hrtime.bigint();
    });
    app.addHook("onError", async (_request, _reply, error) => {
      if (error instanceof AccordFailure && error.error.code.startsWith("ACCORD_ERR_REGISTRY_STORE")) {
        metrics.storeError(error.error.code);
      }
    });
    app.addHook("onResponse", async (request: Timed, reply) => {
      const begin = request[started];
      const seconds = begin === undefined ? 0 : Number(process.hrtime.bigint() - begin) / 1e9;
      metrics.observe(request.method, request.routeOptions.url ?? "(unmatched)", reply.statusCode, seconds);
    });
    app.get("/metrics", async (_request, reply) => {
      reply.header("content-type", "text/plain; version=0.0.4; charset=utf-8");
      return reply.send(metrics.render());
    });
  },
  { name: "accord-metrics" },
);
