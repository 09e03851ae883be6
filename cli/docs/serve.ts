import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { AccordFailure, accordError } from "../../contracts/errors.js";

/**
 * A small static server for previewing the site: GET and HEAD only, files under the root only,
 * `index.html` for folders. It is a preview, not a production web server.
 */

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".md": "text/markdown; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
};

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

async function fileFor(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  let target = resolve(root, `.${decoded.startsWith("/") ? decoded : `/${decoded}`}`);
  if (target !== root && !target.startsWith(`${root}${sep}`)) return undefined;
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) target = join(target, "index.html");
  const file = await stat(target).catch(() => undefined);
  return file?.isFile() ? target : undefined;
}

export function serveStatic(dir: string, port: number, host: string): Promise<RunningServer> {
  const root = resolve(dir);
  const server: Server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response
        .writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" })
        .end("Method not allowed\n");
      return;
    }
    fileFor(root, request.url ?? "/").then(
      (file) => {
        if (!file) {
          response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
          return;
        }
        response.writeHead(200, {
          "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
          // A preview of files being rebuilt: never let the browser keep a stale page.
          "cache-control": "no-cache",
          "x-content-type-options": "nosniff",
        });
        if (request.method === "HEAD") {
          response.end();
          return;
        }
        createReadStream(file)
          .on("error", () => response.destroy())
          .pipe(response);
      },
      () => response.writeHead(500).end(),
    );
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", (cause: NodeJS.ErrnoException) => {
      const reason =
        cause.code === "EADDRINUSE"
          ? "the port is in use"
          : cause.code === "EACCES"
            ? "permission denied"
            : cause.message;
      reject(new AccordFailure(accordError("ACCORD_ERR_DOCS_SERVE", [`${host}:${port}`, reason])));
    });
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === "object" && address !== null ? address.port : port;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolvePromise({
        url: `http://${shownHost}:${actual}/`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
