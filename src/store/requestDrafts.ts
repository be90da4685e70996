// Named imports: the H5 runtime exposes its APIs as named exports only.
import { getStorageSync, setStorageSync } from '@tarojs/taro';
import type { Envelope } from '@honglin/types/envelope';
import type { GeoPoint, RequestCategory, SubmitRequestInput, SubmitResult } from '@honglin/types/request';
import { requestApi } from '@/api/request';
import { newRequestId } from '@/lib/requestId';

/**
 * Requests kept on the phone until the cloud has them. Signal in the fields comes and goes: a half-written
 * request survives closing the app, and one whose send failed waits in the outbox until the resident taps
 * 发送 again. Each keeps its requestId from the first keystroke, so a retried send never creates two.
 */
export interface RequestDraft {
  requestId: string;
  category: RequestCategory | null;
  urgent: boolean;
  text: string;
  /** cloud:// ids of photos already uploaded (a photo not yet uploaded is not kept). */
  photos: string[];
  showName: boolean;
  /** Where it is, when the resident marked it on the map (else their neighbourhood). */
  point: GeoPoint | null;
  pointName: string;
  enterpriseName: string;
  parties: string;
  /** editing: the form's draft; unsent: the resident tapped 提交 and it has not reached the cloud yet. */
  status: 'editing' | 'unsent';
  updatedAt: number;
}

export const DRAFTS_KEY = 'honglin.requestDrafts';

export function emptyDraft(): RequestDraft {
  return {
    requestId: newRequestId(),
    category: null,
    urgent: false,
    text: '',
    photos: [],
    showName: false,
    point: null,
    pointName: '',
    enterpriseName: '',
    parties: '',
    status: 'editing',
    updatedAt: Date.now(),
  };
}

function readAll(): RequestDraft[] {
  const stored: unknown = getStorageSync(DRAFTS_KEY);
  return Array.isArray(stored) ? (stored as RequestDraft[]) : [];
}

function writeAll(drafts: RequestDraft[]): void {
  setStorageSync(DRAFTS_KEY, drafts);
}

/** The draft being written, if any (there is one at a time). */
export function editingDraft(): RequestDraft | null {
  return readAll().find((d) => d.status === 'editing') ?? null;
}

/** Requests the resident sent while the network was down, oldest first. */
export function unsentDrafts(): RequestDraft[] {
  return readAll()
    .filter((d) => d.status === 'unsent')
    .sort((a, b) => a.updatedAt - b.updatedAt);
}

export function saveDraft(draft: RequestDraft): void {
  writeAll([...readAll().filter((d) => d.requestId !== draft.requestId), { ...draft, updatedAt: Date.now() }]);
}

export function removeDraft(requestId: string): void {
  writeAll(readAll().filter((d) => d.requestId !== requestId));
}

export function toSubmitInput(draft: RequestDraft): SubmitRequestInput {
  return {
    requestId: draft.requestId,
    category: draft.category ?? 'help',
    urgent: draft.urgent,
    text: draft.text,
    photos: draft.photos,
    showName: draft.showName,
    ...(draft.point ? { point: draft.point } : {}),
    ...(draft.category === 'enterprise' ? { enterprise: { name: draft.enterpriseName } } : {}),
    ...(draft.category === 'dispute' ? { parties: draft.parties.split(/[，,、\s]+/).filter((p) => p.length > 0) } : {}),
  };
}

/**
 * Sends a draft. It leaves the phone only when the cloud has it; when the network (or the cloud) failed it stays
 * in the outbox, unchanged, to be sent again with the same requestId. A refusal on its content goes back to
 * editing so the resident can correct it.
 */
export async function sendDraft(draft: RequestDraft): Promise<Envelope<SubmitResult>> {
  saveDraft({ ...draft, status: 'unsent' });
  const answer = await requestApi.submit(toSubmitInput(draft));
  if (answer.ok) removeDraft(draft.requestId);
  else if (answer.error.code !== 'NETWORK' && answer.error.code !== 'INTERNAL') {
    for (const other of readAll())
      if (other.status === 'editing' && other.requestId !== draft.requestId) removeDraft(other.requestId);
    saveDraft({ ...draft, status: 'editing' });
  }
  return answer;
}
