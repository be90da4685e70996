import { shanghai } from '@honglin/types/time';
import { backdatingProblem } from '@honglin/types/metrics';
import { invalidArgument } from '../common/errors';

function isCalendarDay(day: string): boolean {
  return shanghai(`${day}T12:00:00+08:00`).format('YYYY-MM-DD') === day;
}

/** A due day is a real calendar day, today or later (Asia/Shanghai). */
export function checkDueDay(dueDay: string, today: string): void {
  if (!isCalendarDay(dueDay))
    throw invalidArgument('完成日期不是有效的日期', [{ path: 'dueDay', message: '日期无效' }]);
  if (dueDay < today) {
    throw invalidArgument('完成日期不能早于今天', [{ path: 'dueDay', message: '完成日期不能早于今天' }]);
  }
}

/** A fulfilment happened on a real day, not in the future. */
export function checkFulfilmentDay(day: string, today: string): void {
  if (!isCalendarDay(day)) throw invalidArgument('践诺日期不是有效的日期', [{ path: 'day', message: '日期无效' }]);
  const late = backdatingProblem(day, today);
  if (late) throw invalidArgument(`践诺${late}`, [{ path: 'day', message: `践诺${late}` }]);
}
