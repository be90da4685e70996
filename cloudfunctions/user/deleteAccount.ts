import {
  DELETED_NICKNAME,
  deleteAccountInputSchema,
  eraseTimerInputSchema,
  type DeleteAccountResult,
} from '@honglin/types/user';
import { anyone, system } from '../common/access';
import { command, db } from '../common/cloud';
import { grantsUnitIds } from '../common/domain/roles';
import { inTransaction, rows, txGet } from '../common/db';
import { forbidden } from '../common/errors';
import { eraseBatch, erasureToken, type ErasureSubject } from '../common/personalData';
import { defineAction } from '../common/runtime';
import { NOT_AGREED_MESSAGE, USERS, recordRoleChange, type UserDoc } from '../common/users';

/** Documents one deleteAccount call erases before it answers (the user function has 10 s); the timer does the rest. */
export const ERASE_BATCH_ON_CALL = 100;
/** Documents one run of the `erase` timer erases, all pending accounts together. */
export const ERASE_BATCH_ON_TIMER = 200;

/** A deleted account while its records are being erased: the job lives on the account, which goes last. */
interface ErasingUser extends UserDoc {
  erasure: ErasureSubject & { step: number };
}

async function continueErasure(user: ErasingUser, budget: number): Promise<{ done: boolean; used: number }> {
  const { step: from, ...subject } = user.erasure;
  const progress = await eraseBatch(subject, from, budget);
  if (!progress.done) {
    await db
      .collection(USERS)
      .doc(user._id)
      .update({ data: { 'erasure.step': progress.step } });
  }
  return { done: progress.done, used: progress.used };
}

/**
 * 注销: the account is closed at once (roles revoked, the person no longer known to any action), then every record
 * of theirs is erased by the register of personal data (cloudfunctions/common/personalData.ts): names and phones
 * removed, their openid replaced by a token nobody can trace back, their photos and avatar deleted from storage,
 * their film log deleted, and finally the account itself. What they did still counts in the figures, unchanged.
 */
export const deleteAccount = defineAction({
  input: deleteAccountInputSchema,
  access: anyone,
  async handler(_input, { openid, caller, now }): Promise<DeleteAccountResult> {
    if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
    const user = await inTransaction(async (tx) => {
      const stored = await txGet<UserDoc>(tx, USERS, openid);
      if (!stored || stored.deletedAt) throw forbidden(NOT_AGREED_MESSAGE);
      const roles = stored.roles ?? [];
      if (roles.length > 0) {
        // Recorded under their openid like any change; the register then erases it with everything else.
        await recordRoleChange(tx, {
          change: 'revoke',
          via: 'account_deleted',
          grants: roles,
          unitIds: grantsUnitIds(roles),
          subject: openid,
          subjectName: DELETED_NICKNAME,
          actor: openid,
          actorName: DELETED_NICKNAME,
          at: now,
        });
      }
      const erasure = {
        openid,
        token: erasureToken(openid),
        names: [stored.nickname].filter((n) => !!n && n !== DELETED_NICKNAME),
        phones: [stored.phone ?? ''].filter(Boolean),
        step: 0,
      };
      // Name and phone go at once (the job keeps them only to take them out of free text); the avatar file is
      // deleted with the account, last.
      const closed = { nickname: DELETED_NICKNAME, phone: '', deletedAt: now, updatedAt: now };
      await tx
        .collection(USERS)
        .doc(openid)
        .update({
          data: { ...closed, roles: command.set([]), unitIds: command.set([]), erasure: command.set(erasure) },
        });
      return { ...stored, ...closed, roles: [], unitIds: [], erasure };
    });
    const { done } = await continueErasure(user, ERASE_BATCH_ON_CALL);
    return { deletedAt: now.toISOString(), erased: done };
  },
});

/** Timer `erase`: goes on with every erasure a deleteAccount call could not finish, within one run's batch. */
export const erase = defineAction({
  input: eraseTimerInputSchema,
  access: system,
  async handler(input): Promise<{ finished: number; pending: number }> {
    let budget = input.batch ?? ERASE_BATCH_ON_TIMER;
    const pending = await rows<ErasingUser>(
      db
        .collection(USERS)
        .where({ 'erasure.token': command.exists(true) })
        .limit(20),
    );
    let finished = 0;
    for (const user of pending) {
      if (budget <= 0) break;
      const { done, used } = await continueErasure(user, budget);
      budget -= used;
      if (done) finished += 1;
    }
    return { finished, pending: pending.length - finished };
  },
});
