import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * How the gateway sends a file of the H5 build, as a production web server would: compressed (brotli or gzip,
 * whichever the browser accepts) when it is text, kept by the browser for a year when its name carries a content
 * hash (webpack's `[name].[contenthash:8].js`: a new build gives a new name), and revalidated on every load
 * otherwise (index.html names the current hashes, so it must never be stale).
 */

/** A content-hashed file name: `app.1a2b3c4d.js`, `css/pages-index.0f9e8d7c.css`. */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i;
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml)|image\/svg\+xml)/;
/** Below this, compressing saves less than the header costs. */
const MIN_COMPRESS_BYTES = 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';

type Encoding = 'br' | 'gzip' | 'identity';

/** The encoding to answer with: brotli if accepted, else gzip, else none (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

export function cacheControlOf(file: string): string {
  return HASHED.test(path.basename(file)) ? IMMUTABLE : 'no-cache';
}

/** The compressed body of each file and encoding, with the file's version it was made from: compressed once per build. */
const compressed = new Map<string, { version: string; body: Buffer }>();

function encode(file: string, version: string, body: Buffer, encoding: Exclude<Encoding, 'identity'>): Buffer {
  const key = `${encoding}:${file}`;
  const cached = compressed.get(key);
  if (cached?.version === version) return cached.body;
  const out =
    encoding === 'br'
      ? zlib.brotliCompressSync(body, {
          params: {
            // Quality 9 is within a few per cent of 11 for JS at a fraction of the time.
            [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        })
      : zlib.gzipSync(body, { level: 9 });
  compressed.set(key, { version, body: out });
  return out;
}

/** Sends one file of the build with its caching headers, compressed when the client accepts it. */
export function sendAsset(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: string,
  contentType: string,
): void {
  const stat = fs.statSync(file);
  const version = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
  const etag = `W/"${version}"`;
  const headers: http.OutgoingHttpHeaders = {
    'content-type': contentType,
    'cache-control': cacheControlOf(file),
    etag,
  };
  const compressible = COMPRESSIBLE.test(contentType) && stat.size >= MIN_COMPRESS_BYTES;
  if (compressible) headers.vary = 'Accept-Encoding';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const raw = fs.readFileSync(file);
  const encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
  const body = encoding === 'identity' ? raw : encode(file, version, raw, encoding);
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
