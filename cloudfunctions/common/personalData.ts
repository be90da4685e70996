import { createHash, randomBytes } from 'node:crypto';
import { DELETED_NICKNAME } from '@honglin/types/user';
import { cloud, command, db } from './cloud';
import { COUNTERS_COLLECTION, SIGHTINGS_COLLECTION } from './counters';
import { markerId, markerKey, sightingsId } from './domain/metrics/counterKeys';
import type { DistinctName } from '@honglin/types/metrics';
import { MEDIA_CHECKS_COLLECTION } from './content';
import { TIMELINE_COLLECTION } from './timeline';
import { rows } from './db';
import { COLLECTIONS } from './collections';

/**
 * The register of personal data (注销): every field of every collection (cloudfunctions/database.json) that holds
 * something of a person — name, phone, openid, photos, avatar, free text of theirs — and the rule that erases it
 * when they delete their account. `user.deleteAccount` and its timer apply the entries in order, in bounded
 * batches; each entry's erase takes the document out of its own match, so a run stopped anywhere simply goes on.
 *
 * An openid is never kept: where a record must stay (it is counted in the figures, or a "once each" key needs it),
 * the openid becomes the person's erasure token, a salted hash whose salt is thrown away at once: the same token
 * everywhere, so what was one person's stays one person's in the figures, and nobody can tell whose.
 */

/** The person being erased, as the erasure job keeps them until it ends (then the job goes with the account). */
export interface ErasureSubject {
  openid: string;
  token: string;
  /** Their names (nickname) and phone, to take out of free text written on their records. */
  names: string[];
  phones: string[];
}

export function erasureToken(openid: string): string {
  const salt = randomBytes(16).toString('hex');
  return `erased-${createHash('sha256').update(`${salt}:${openid}`).digest('hex').slice(0, 24)}`;
}

/** What erasing one document does: change fields (`set`, `unset`), move it to a new _id, or remove it; and delete files. */
export interface Erasure {
  set?: Record<string, unknown>;
  unset?: string[];
  /** The document is stored again under this _id (its old _id held the openid) with the changes applied. */
  newId?: string;
  remove?: true;
  /** cloud:// files of the person to delete from storage. */
  files?: string[];
}

type Doc = Record<string, unknown> & { _id: string };

export interface RegisterEntry {
  collection: string;
  /** The fields this entry erases, and how (the register as people read it: docs/PRIVACY.md repeats it). */
  fields: Record<string, string>;
  /** The person's documents that still hold something of theirs. */
  match: (s: ErasureSubject) => Record<string, unknown>;
  erase: (doc: Doc, s: ErasureSubject) => Erasure;
}

/**
 * The names worth looking for in text: one character would take it out of unrelated words, and a name inside
 * 已注销用户 would be found again in what replaced it.
 */
function textNames(s: ErasureSubject): string[] {
  return s.names.filter((n) => n.length >= 2 && !DELETED_NICKNAME.includes(n));
}

/** Takes the person's names and phone out of a free text written on one of their records. */
export function scrub(text: string, s: ErasureSubject): string {
  let out = text;
  for (const name of textNames(s)) out = out.split(name).join(DELETED_NICKNAME);
  for (const phone of s.phones) if (phone.length >= 5) out = out.split(phone).join('***');
  return out;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const without = (v: unknown, openid: string) => list(v).filter((x) => x !== openid);
/** Only changed texts are written (a scrub that changes nothing writes nothing). */
function scrubbed(doc: Doc, fields: readonly string[], s: ErasureSubject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const before = str(doc[f]);
    const after = scrub(before, s);
    if (after !== before) out[f] = after;
  }
  return out;
}

/** Distinct keys that are the person's openid, as markers hash them (pledge.members, visit.households). */
function personKeys(s: ErasureSubject): Array<[string, string]> {
  return [
    [markerKey(s.openid), markerKey(s.token)],
    [markerKey(`user:${s.openid}`), markerKey(`user:${s.token}`)],
  ];
}

const requestText = ['text', 'result'] as const;

/** Declared collections that hold nothing of a person, and why (the register's test accepts these by name). */
export const WITHOUT_PERSONAL_DATA: Readonly<Record<string, string>> = {
  limits: 'one slot per unit (one export at a time); its holder is a random token',
};

export const PERSONAL_DATA: readonly RegisterEntry[] = [
  {
    collection: COLLECTIONS.requests,
    fields: {
      submitter: 'openid → token',
      residentName: '→ 已注销用户',
      residentPhone: '→ none',
      showName: '→ false',
      'photos, pendingPhotos': 'files deleted from storage, taken off both lists',
      'rating.comment': 'removed (the rating itself stays: it is counted)',
      'text, result, parties': 'their name and phone taken out',
      'participants, followers': 'openid removed',
    },
    match: (s) => ({ submitter: s.openid }),
    erase: (doc, s) => {
      const photos = list(doc.photos);
      const rating = doc.rating as { comment?: string } | null;
      return {
        set: {
          submitter: s.token,
          residentName: DELETED_NICKNAME,
          residentPhone: null,
          showName: false,
          photos: [],
          pendingPhotos: list(doc.pendingPhotos).filter((f) => !photos.includes(f)),
          participants: without(doc.participants, s.openid),
          followers: without(doc.followers, s.openid),
          parties: list(doc.parties).map((p) => scrub(p, s)),
          ...scrubbed(doc, requestText, s),
        },
        unset: rating?.comment ? ['rating.comment'] : [],
        files: photos,
      };
    },
  },
  {
    collection: COLLECTIONS.requests,
    fields: {
      reporterId: 'openid → token',
      reporterName: '→ 已注销用户',
      'text, result': 'their name and phone taken out',
    },
    match: (s) => ({ reporterId: s.openid }),
    erase: (doc, s) => ({
      set: { reporterId: s.token, reporterName: DELETED_NICKNAME, ...scrubbed(doc, requestText, s) },
    }),
  },
  {
    collection: COLLECTIONS.requests,
    fields: {
      handlerId: 'openid → token',
      handlerName: '→ 已注销用户',
      'text, result': 'their name and phone taken out',
    },
    match: (s) => ({ handlerId: s.openid }),
    erase: (doc, s) => ({
      set: { handlerId: s.token, handlerName: DELETED_NICKNAME, ...scrubbed(doc, requestText, s) },
    }),
  },
  {
    collection: COLLECTIONS.requests,
    fields: {
      assigneeId: 'openid → token',
      assigneeName: '→ 已注销用户',
      'text, result': 'their name and phone taken out',
    },
    match: (s) => ({ assigneeId: s.openid }),
    erase: (doc, s) => ({
      set: { assigneeId: s.token, assigneeName: DELETED_NICKNAME, ...scrubbed(doc, requestText, s) },
    }),
  },
  {
    collection: COLLECTIONS.requests,
    fields: { 'participants, followers': 'openid removed (they no longer follow it)' },
    match: (s) => ({ participants: s.openid }),
    erase: (doc, s) => ({
      set: { participants: without(doc.participants, s.openid), followers: without(doc.followers, s.openid) },
    }),
  },
  {
    collection: COLLECTIONS.requests,
    fields: { followers: 'openid removed' },
    match: (s) => ({ followers: s.openid }),
    erase: (doc, s) => ({ set: { followers: without(doc.followers, s.openid) } }),
  },
  {
    collection: COLLECTIONS.requests,
    fields: { handledBy: 'openid → token (whoever took part may never rate it; the token keeps that true)' },
    match: (s) => ({ handledBy: s.openid }),
    erase: (doc, s) => ({ set: { handledBy: list(doc.handledBy).map((x) => (x === s.openid ? s.token : x)) } }),
  },
  {
    collection: COLLECTIONS.requests,
    fields: { 'rating.recordedBy': 'openid of who recorded a rating after a 回访 → token' },
    match: (s) => ({ 'rating.recordedBy': s.openid }),
    erase: (_doc, s) => ({ set: { 'rating.recordedBy': s.token } }),
  },
  {
    collection: TIMELINE_COLLECTION,
    fields: {
      actor: 'openid → token',
      actorName: '→ 已注销用户',
      note: 'their own words (comments, ratings) removed; otherwise their name and phone taken out',
    },
    match: (s) => ({ actor: s.openid }),
    erase: (doc, s) => {
      // A resident's own words: a comment, or the comment of a rating (which closes or reopens the request).
      const ownWords = doc.subject === 'request' && ['comment', 'closed', 'reopened'].includes(str(doc.event));
      return {
        set: {
          actor: s.token,
          ...(doc.actorName !== undefined ? { actorName: DELETED_NICKNAME } : {}),
          ...(ownWords && doc.note ? { note: '' } : scrubbed(doc, ['note'], s)),
        },
      };
    },
  },
  {
    collection: TIMELINE_COLLECTION,
    fields: { note: 'their name taken out of what others wrote (e.g. 分派给党员 <name>)' },
    match: (s) => {
      const names = textNames(s).map(escapeRegExp);
      return names.length > 0 ? { note: db.RegExp({ regexp: names.join('|') }) } : { _id: '' };
    },
    erase: (doc, s) => ({ set: scrubbed(doc, ['note'], s) }),
  },
  {
    collection: COLLECTIONS.visits,
    fields: { headId: 'openid → token', headName: '→ 已注销用户', discussed: 'their name and phone taken out' },
    match: (s) => ({ headId: s.openid }),
    erase: (doc, s) => ({
      set: { headId: s.token, headName: DELETED_NICKNAME, ...scrubbed(doc, ['discussed'], s) },
    }),
  },
  {
    collection: COLLECTIONS.visits,
    fields: {
      householdUserId: 'openid → token',
      householdKey: 'user:<openid> → user:<token> (coverage still counts the household once)',
      householdName: '→ 已注销用户',
      discussed: 'their name and phone taken out',
    },
    match: (s) => ({ householdUserId: s.openid }),
    erase: (doc, s) => ({
      set: {
        householdUserId: s.token,
        householdKey: `user:${s.token}`,
        householdName: DELETED_NICKNAME,
        ...scrubbed(doc, ['discussed'], s),
      },
    }),
  },
  {
    collection: COLLECTIONS.pledges,
    fields: {
      ownerId: 'openid → token',
      ownerName: '→ 已注销用户 (the wall shows the pledge without a name)',
      'fulfilments.photos, pendingPhotos': 'files deleted from storage, lists emptied',
      'content, target, fulfilments.text': 'their name and phone taken out',
    },
    match: (s) => ({ ownerId: s.openid }),
    erase: (doc, s) => {
      const fulfilments = (Array.isArray(doc.fulfilments) ? doc.fulfilments : []) as Array<Record<string, unknown>>;
      const files = fulfilments.flatMap((f) => list(f.photos));
      return {
        set: {
          ownerId: s.token,
          ownerName: DELETED_NICKNAME,
          fulfilments: fulfilments.map((f) => ({ ...f, photos: [], text: scrub(str(f.text), s) })),
          pendingPhotos: [],
          ...scrubbed(doc, ['content', 'target'], s),
        },
        files,
      };
    },
  },
  {
    collection: COLLECTIONS.pledges,
    fields: { 'appraisal.by': 'openid → token' },
    match: (s) => ({ 'appraisal.by': s.openid }),
    erase: (_doc, s) => ({ set: { 'appraisal.by': s.token } }),
  },
  {
    collection: COLLECTIONS.pledgeRatings,
    fields: { _id: '<pledge>_<openid> → <pledge>_<token> (once each still holds; the vote stays counted)' },
    match: (s) => ({ _id: db.RegExp({ regexp: `_${escapeRegExp(s.openid)}$` }) }),
    erase: (doc, s) => ({ newId: `${str(doc.pledgeId)}_${s.token}` }),
  },
  {
    collection: COLLECTIONS.attendance,
    fields: {
      _id: '<activity>_<openid> → <activity>_<token> (participant-times stay)',
      openid: '→ token',
      name: '→ 已注销用户',
      reason: 'their leave reason removed',
    },
    match: (s) => ({ openid: s.openid }),
    erase: (doc, s) => ({
      newId: `${str(doc.activityId)}_${s.token}`,
      set: { openid: s.token, name: DELETED_NICKNAME, ...(doc.reason ? { reason: '' } : {}) },
    }),
  },
  {
    collection: COLLECTIONS.attendance,
    fields: { by: 'openid of who recorded it → token' },
    match: (s) => ({ by: s.openid }),
    erase: (_doc, s) => ({ set: { by: s.token } }),
  },
  {
    collection: COLLECTIONS.activities,
    fields: { organiser: 'openid → token' },
    match: (s) => ({ organiser: s.openid }),
    erase: (_doc, s) => ({ set: { organiser: s.token } }),
  },
  {
    collection: COLLECTIONS.activities,
    fields: { 'checkinMisses.<openid>': 'removed' },
    match: (s) => ({ [`checkinMisses.${s.openid}`]: command.exists(true) }),
    erase: (_doc, s) => ({ unset: [`checkinMisses.${s.openid}`] }),
  },
  {
    collection: COLLECTIONS.activityReminders,
    fields: { openid: 'the mark of a reminder sent to them: deleted' },
    match: (s) => ({ openid: s.openid }),
    erase: () => ({ remove: true }),
  },
  {
    collection: COLLECTIONS.subscriptions,
    fields: { '(whole document: _id = openid, counts of accepted subscribe messages)': 'deleted' },
    match: (s) => ({ _id: s.openid }),
    erase: () => ({ remove: true }),
  },
  {
    collection: COLLECTIONS.filmLog,
    fields: { '(whole document)': 'deleted: the film log is theirs alone' },
    match: (s) => ({ openid: s.openid }),
    erase: () => ({ remove: true }),
  },
  ...['films', 'units', 'branches', 'places'].map((collection): RegisterEntry => ({
    collection,
    fields: { createdBy: 'openid → token' },
    match: (s) => ({ createdBy: s.openid }),
    erase: (_doc, s) => ({ set: { createdBy: s.token } }),
  })),
  {
    collection: COLLECTIONS.households,
    fields: { phone: 'their phone removed from a household that gives it' },
    match: (s) => (s.phones.length > 0 ? { phone: command.in(s.phones) } : { _id: '' }),
    erase: () => ({ set: { phone: '' } }),
  },
  {
    collection: COLLECTIONS.households,
    fields: { 'history.by': 'openid → token', 'history.byName': '→ 已注销用户 (who moved, split or closed it)' },
    match: (s) => ({ 'history.by': s.openid }),
    erase: (doc, s) => ({
      set: {
        history: (doc.history as Array<{ by?: string }>).map((h) =>
          h.by === s.openid ? { ...h, by: s.token, byName: DELETED_NICKNAME } : h,
        ),
      },
    }),
  },
  {
    collection: COLLECTIONS.households,
    fields: { createdBy: 'openid → token' },
    match: (s) => ({ createdBy: s.openid }),
    erase: (_doc, s) => ({ set: { createdBy: s.token } }),
  },
  {
    collection: COLLECTIONS.rosterPeople,
    fields: {
      '(whole document: name, phone, roles named by the roster)': 'deleted when it is the account they linked',
    },
    match: (s) => ({ userId: s.openid }),
    erase: () => ({ remove: true }),
  },
  {
    collection: COLLECTIONS.rosterImportRows,
    fields: { '(whole chunk)': 'deleted when it holds their phone (an import waiting for confirm is uploaded again)' },
    match: (s) => (s.phones.length > 0 ? { 'rows.phone': command.in(s.phones) } : { _id: '' }),
    erase: () => ({ remove: true }),
  },
  ...['roster_imports', 'join_codes'].map((collection): RegisterEntry => ({
    collection,
    fields: { createdBy: 'openid → token' },
    match: (s) => ({ createdBy: s.openid }),
    erase: (_doc, s) => ({ set: { createdBy: s.token } }),
  })),
  {
    collection: MEDIA_CHECKS_COLLECTION,
    fields: { '(whole document)': 'deleted with its files: image checks they started' },
    match: (s) => ({ openid: s.openid }),
    erase: (doc) => ({
      remove: true,
      files: ((doc.items ?? []) as Array<{ fileID?: string }>).map((i) => str(i.fileID)).filter(Boolean),
    }),
  },
  {
    collection: COLLECTIONS.invites,
    fields: { createdBy: 'openid → token', createdByName: '→ 已注销用户' },
    match: (s) => ({ createdBy: s.openid }),
    erase: (_doc, s) => ({ set: { createdBy: s.token, createdByName: DELETED_NICKNAME } }),
  },
  {
    collection: COLLECTIONS.invites,
    fields: { redeemedBy: 'openid → token', targetName: '(the invited person) → 已注销用户' },
    match: (s) => ({ redeemedBy: s.openid }),
    erase: (_doc, s) => ({ set: { redeemedBy: s.token, targetName: DELETED_NICKNAME } }),
  },
  {
    collection: COLLECTIONS.roleChanges,
    fields: { subject: 'openid → token', subjectName: '→ 已注销用户' },
    match: (s) => ({ subject: s.openid }),
    erase: (_doc, s) => ({ set: { subject: s.token, subjectName: DELETED_NICKNAME } }),
  },
  {
    collection: COLLECTIONS.roleChanges,
    fields: { actor: 'openid → token', actorName: '→ 已注销用户' },
    match: (s) => ({ actor: s.openid }),
    erase: (_doc, s) => ({ set: { actor: s.token, actorName: DELETED_NICKNAME } }),
  },
  {
    collection: COUNTERS_COLLECTION,
    fields: { 'key (markers)': 'hash of their openid → hash of their token (the figure counts them once, as before)' },
    match: (s) => ({ key: command.in(personKeys(s).map(([from]) => from)) }),
    erase: (doc, s) => {
      const to = personKeys(s).find(([from]) => from === doc.key)![1];
      const name = doc.name as DistinctName;
      return {
        newId: markerId(str(doc.unitId), str(doc.month), name, to, str(doc.sub)),
        set: { key: to, seen: sightingsId(str(doc.town), name, to) },
      };
    },
  },
  {
    collection: SIGHTINGS_COLLECTION,
    fields: { 'key, _id': 'hash of their openid → hash of their token' },
    match: (s) => ({ key: command.in(personKeys(s).map(([from]) => from)) }),
    erase: (doc, s) => {
      const to = personKeys(s).find(([from]) => from === doc.key)![1];
      return { newId: sightingsId(str(doc.town), doc.name as DistinctName, to), set: { key: to } };
    },
  },
  {
    collection: COLLECTIONS.users,
    fields: {
      '(whole document: _id = openid, nickname, phone, avatarUrl, roles, home)': 'deleted, last',
      avatarUrl: 'file deleted from storage',
    },
    match: (s) => ({ _id: s.openid }),
    erase: (doc) => ({ remove: true, files: [str(doc.avatarUrl)].filter(Boolean) }),
  },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Plain objects and arrays are written whole (an update would otherwise merge them field by field). */
function whole(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !(value instanceof Date) ? command.set(value) : value;
}

async function deleteFiles(fileIds: readonly string[]): Promise<void> {
  const files = fileIds.filter((f) => f.startsWith('cloud://'));
  // deleteFile takes at most 50 ids a call.
  for (let i = 0; i < files.length; i += 50) await cloud.deleteFile({ fileList: files.slice(i, i + 50) });
}

async function apply(collection: string, doc: Doc, change: Erasure): Promise<void> {
  if (change.files?.length) await deleteFiles(change.files);
  const ref = db.collection(collection);
  if (change.remove) {
    await ref.doc(doc._id).remove();
    return;
  }
  if (change.newId) {
    const { _id, ...rest } = doc;
    const data: Record<string, unknown> = { ...rest, ...change.set };
    for (const f of change.unset ?? []) delete data[f];
    await ref.doc(change.newId).set({ data });
    await ref.doc(_id).remove();
    return;
  }
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(change.set ?? {})) data[k] = whole(v);
  for (const f of change.unset ?? []) data[f] = command.remove();
  if (Object.keys(data).length > 0) await ref.doc(doc._id).update({ data });
}

/** Where an erasure stands: the register entry it is at. */
export interface ErasureProgress {
  step: number;
  done: boolean;
  /** Documents erased in this call. */
  used: number;
}

/**
 * Applies the register from `step` on, erasing at most `budget` documents, and says where it stopped. Pages are
 * never larger than the budget left, so one call's work is bounded whatever the person did.
 */
export async function eraseBatch(s: ErasureSubject, step: number, budget: number): Promise<ErasureProgress> {
  let left = budget;
  for (let at = step; at < PERSONAL_DATA.length; at += 1) {
    const entry = PERSONAL_DATA[at];
    for (;;) {
      if (left <= 0) return { step: at, done: false, used: budget - left };
      const page = await rows<Doc>(db.collection(entry.collection).where(entry.match(s)).limit(Math.min(left, 100)));
      for (const doc of page) await apply(entry.collection, doc, entry.erase(doc, s));
      left -= page.length;
      if (page.length === 0) break;
    }
  }
  return { step: PERSONAL_DATA.length, done: true, used: budget - left };
}
