/**
 * The two protobuf messages of `wx.openApi` (field numbers from wx-server-sdk's generated code),
 * hand-encoded: the request's CommApiData and the answer's CommOpenApiResp.
 */

interface Field {
  number: number;
  wireType: number;
  value: number | Buffer;
}

function readVarint(buf: Buffer, offset: number): [number, number] {
  let result = 0;
  let shift = 0;
  let pos = offset;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated protobuf varint');
    const byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

function readFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, afterTag] = readVarint(buf, pos);
    const number = Math.floor(tag / 8);
    const wireType = tag & 7;
    pos = afterTag;
    if (wireType === 0) {
      const [value, next] = readVarint(buf, pos);
      fields.push({ number, wireType, value });
      pos = next;
    } else if (wireType === 2) {
      const [length, start] = readVarint(buf, pos);
      fields.push({ number, wireType, value: buf.subarray(start, start + length) });
      pos = start + length;
    } else if (wireType === 5) {
      pos += 4;
    } else if (wireType === 1) {
      pos += 8;
    } else {
      throw new Error(`unsupported protobuf wire type ${wireType}`);
    }
  }
  return fields;
}

function writeVarint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

function bytesField(number: number, value: Buffer): Buffer {
  return Buffer.concat([writeVarint(number * 8 + 2), writeVarint(value.length), value]);
}

function varintField(number: number, value: number): Buffer {
  return Buffer.concat([writeVarint(number * 8), writeVarint(value)]);
}

export interface OpenApiRequest {
  apiType: number;
  /** Each key with its value, a JSON text (keys already snake_cased by the SDK). */
  pairs: { key: string; value: Buffer }[];
  appid?: string;
}

/** Decodes CommApiData {1 apiType, 2 openapiData {1 pairs {1 key, 2 value}}, 6 appid}. */
export function decodeCommApiData(buf: Buffer): OpenApiRequest {
  const request: OpenApiRequest = { apiType: 0, pairs: [] };
  for (const field of readFields(buf)) {
    if (field.number === 1 && typeof field.value === 'number') request.apiType = field.value;
    if (field.number === 6 && Buffer.isBuffer(field.value)) request.appid = field.value.toString('utf8');
    if (field.number === 2 && Buffer.isBuffer(field.value)) {
      for (const pairField of readFields(field.value)) {
        if (pairField.number !== 1 || !Buffer.isBuffer(pairField.value)) continue;
        let key = '';
        let value = Buffer.alloc(0);
        for (const f of readFields(pairField.value)) {
          if (f.number === 1 && Buffer.isBuffer(f.value)) key = f.value.toString('utf8');
          if (f.number === 2 && Buffer.isBuffer(f.value)) value = Buffer.from(f.value);
        }
        request.pairs.push({ key, value });
      }
    }
  }
  return request;
}

/** Encodes CommOpenApiResp {1 respData, 2 contentType, 3 errorCode, 4 httpCode}. */
export function encodeCommOpenApiResp(answer: {
  respData: Buffer;
  contentType: string;
  errorCode?: number;
  httpCode?: number;
}): Buffer {
  const parts = [bytesField(1, answer.respData), bytesField(2, Buffer.from(answer.contentType, 'utf8'))];
  if (answer.errorCode) parts.push(varintField(3, answer.errorCode));
  parts.push(varintField(4, answer.httpCode ?? 200));
  return Buffer.concat(parts);
}
