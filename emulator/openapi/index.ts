import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { WordList, type ContentVerdict } from './content-check';
import { encodeCommOpenApiResp, decodeCommApiData } from './protobuf';
import { qrPng } from './qrPng';
import {
  appendRecord,
  mediaCheckOutageFile,
  mediaChecksFile,
  outboxFile,
  qrCodesFile,
  type MediaCheckRecord,
  type OutboxMessage,
  type QrCodeRecord,
} from './records';

/** The versions wxacode.getUnlimited can open (env_version). */
const ENV_VERSIONS = ['release', 'trial', 'develop'];

export interface LocalOpenApiOptions {
  dataDir: string;
  wordList: WordList;
  /** Told of each accepted media check, with the session token of the invocation that asked (if any). */
  onMediaCheck?(record: MediaCheckRecord, sessionToken: string): void;
  /**
   * Whether the caller may use the API: a function only those in its config.json `permissions.openapi`,
   * as in the cloud; requests from outside any invocation (admin scripts) all.
   */
  allowed(apiName: string, sessionToken: string): boolean;
}

type Params = Record<string, unknown>;
/** A JSON answer as WeChat gives it (errcode 0 on success), or a binary one. */
type Answer = { json: Record<string, unknown> } | { bytes: Buffer; contentType: string };

const traceId = (): string => randomUUID().replace(/-/g, '');

/**
 * The open APIs the product uses (`cloud.openapi.*`, action wx.openApi): content checks against the
 * word list, subscribe messages into the outbox, mini-program codes as real PNG QR codes.
 */
export class LocalOpenApi {
  constructor(private readonly options: LocalOpenApiOptions) {}

  /** Answers one wx.openApi request: protobuf CommApiData in, protobuf CommOpenApiResp out. */
  async handle(apiName: string, requestData: Buffer, sessionToken = ''): Promise<Buffer> {
    const request = decodeCommApiData(requestData);
    const params: Params = {};
    for (const { key, value } of request.pairs) params[key] = JSON.parse(value.toString('utf8') || 'null');
    const answer = this.options.allowed(apiName, sessionToken)
      ? await this.answer(apiName, params, sessionToken)
      : {
          json: {
            errcode: -604101,
            errmsg: `function has no permission to call this API: ${apiName} is not in config.json permissions.openapi`,
          },
        };
    if ('bytes' in answer) return encodeCommOpenApiResp({ respData: answer.bytes, contentType: answer.contentType });
    return encodeCommOpenApiResp({
      respData: Buffer.from(JSON.stringify(answer.json)),
      contentType: 'application/json; charset=utf-8',
    });
  }

  private async answer(apiName: string, params: Params, sessionToken: string): Promise<Answer> {
    switch (apiName) {
      case 'security.msgSecCheck':
        return { json: this.msgSecCheck(params) };
      case 'security.mediaCheckAsync':
        return { json: this.mediaCheckAsync(params, sessionToken) };
      case 'subscribeMessage.send':
        return { json: this.subscribeMessageSend(params) };
      case 'wxacode.getUnlimited':
        return this.getUnlimited(params);
      default:
        return { json: { errcode: -604100, errmsg: `openapi ${apiName} is not provided by the local cloud` } };
    }
  }

  /** 文本内容安全识别. v2 answers a verdict; v1 fails with 87014 on risky content, as WeChat does. */
  private msgSecCheck(params: Params): Record<string, unknown> {
    const content = typeof params.content === 'string' ? params.content : '';
    if (!content) return { errcode: 47001, errmsg: 'data format error: content is required' };
    const verdict = this.options.wordList.check(
      [params.title, params.nickname, params.signature, content].filter((s) => typeof s === 'string').join('\n'),
    );
    if (Number(params.version) !== 2) {
      return verdict.suggest === 'risky' ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' };
    }
    if (typeof params.openid !== 'string' || params.openid === '') return { errcode: 40003, errmsg: 'invalid openid' };
    if (![1, 2, 3, 4].includes(Number(params.scene))) return { errcode: 40097, errmsg: 'invalid args: scene' };
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: verdict.suggest, label: verdict.label },
      detail: detailOf(verdict),
      trace_id: traceId(),
    };
  }

  /** 音视频/图片内容安全识别 (asynchronous in WeChat): accepted with a trace id, the verdict recorded. */
  private mediaCheckAsync(params: Params, sessionToken: string): Record<string, unknown> {
    const mediaUrl = typeof params.media_url === 'string' ? params.media_url : '';
    if (!mediaUrl) return { errcode: 47001, errmsg: 'data format error: media_url is required' };
    if (typeof params.openid !== 'string' || params.openid === '') return { errcode: 40003, errmsg: 'invalid openid' };
    if (fs.existsSync(mediaCheckOutageFile(this.options.dataDir))) return { errcode: -1, errmsg: 'system error' };
    const verdict = this.options.wordList.check(safeDecode(mediaUrl));
    const record: MediaCheckRecord = {
      traceId: traceId(),
      mediaUrl,
      mediaType: Number(params.media_type) || 2,
      openid: params.openid,
      scene: Number(params.scene) || 0,
      suggest: verdict.suggest,
      label: verdict.label,
      checkedAt: new Date().toISOString(),
    };
    appendRecord(mediaChecksFile(this.options.dataDir), record);
    this.options.onMediaCheck?.(record, sessionToken);
    return { errcode: 0, errmsg: 'ok', trace_id: record.traceId };
  }

  /** 发送订阅消息: kept in the outbox instead of reaching a phone. */
  private subscribeMessageSend(params: Params): Record<string, unknown> {
    if (typeof params.touser !== 'string' || params.touser === '') return { errcode: 40003, errmsg: 'invalid openid' };
    if (typeof params.template_id !== 'string' || params.template_id === '')
      return { errcode: 40037, errmsg: 'invalid template_id' };
    if (params.data === null || typeof params.data !== 'object')
      return { errcode: 47003, errmsg: 'argument invalid! data is required' };
    const message: OutboxMessage = {
      id: randomUUID(),
      touser: params.touser,
      templateId: params.template_id,
      page: typeof params.page === 'string' ? params.page : undefined,
      data: params.data as OutboxMessage['data'],
      miniprogramState: typeof params.miniprogram_state === 'string' ? params.miniprogram_state : undefined,
      lang: typeof params.lang === 'string' ? params.lang : undefined,
      sentAt: new Date().toISOString(),
    };
    appendRecord(outboxFile(this.options.dataDir), message);
    return { errcode: 0, errmsg: 'ok', msgid: message.id };
  }

  /**
   * 获取不限制的小程序码: a real QR code (PNG) holding `<page>?scene=<scene>`, recorded with the version it opens
   * (qr-codes.jsonl). An env_version WeChat does not know is refused as WeChat does.
   */
  private async getUnlimited(params: Params): Promise<Answer> {
    const scene = typeof params.scene === 'string' ? params.scene : '';
    if (!scene || scene.length > 32)
      return { json: { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' } };
    if (params.env_version !== undefined && !ENV_VERSIONS.includes(String(params.env_version)))
      return { json: { errcode: 40097, errmsg: 'invalid args: env_version is release, trial or develop' } };
    if (params.check_path !== undefined && typeof params.check_path !== 'boolean')
      return { json: { errcode: 40097, errmsg: 'invalid args: check_path is a boolean' } };
    const page = typeof params.page === 'string' && params.page ? params.page : 'pages/index/index';
    const record: QrCodeRecord = {
      page,
      scene,
      ...(params.env_version === undefined ? {} : { envVersion: String(params.env_version) }),
      ...(params.check_path === undefined ? {} : { checkPath: params.check_path as boolean }),
      madeAt: new Date().toISOString(),
    };
    appendRecord(qrCodesFile(this.options.dataDir), record);
    const width = Math.min(Math.max(Number(params.width) || 430, 280), 1280);
    const bytes = qrPng(`${page}?scene=${encodeURIComponent(scene)}`, width, 2);
    return { bytes, contentType: 'image/png' };
  }
}

function detailOf(verdict: ContentVerdict): Record<string, unknown>[] {
  const model = {
    strategy: 'content_model',
    errcode: 0,
    suggest: verdict.suggest,
    label: verdict.label,
    prob: verdict.suggest === 'pass' ? 0 : 90,
  };
  const keywords = verdict.hits.map((h) => ({
    strategy: 'keyword',
    errcode: 0,
    suggest: h.suggest,
    label: h.label,
    level: 20,
    keyword: h.word,
  }));
  return [model, ...keywords];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
