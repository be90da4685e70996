/**
 * The cloud's timer-trigger cron: `second minute hour day-of-month month day-of-week [year]`,
 * fields with `*`, lists `a,b`, ranges `a-b` and steps `x/n`. Evaluated in Beijing time (UTC+8, no
 * daylight saving), as the cloud does, whatever this machine's time zone.
 */
export interface CronSchedule {
  matches(date: Date): boolean;
}

const FIELD_RANGES: [number, number][] = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
  [1970, 2099],
];
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseValue(text: string, field: number): number {
  const upper = text.toUpperCase();
  if (field === 4 && MONTHS.includes(upper)) return MONTHS.indexOf(upper) + 1;
  if (field === 5 && WEEKDAYS.includes(upper)) return WEEKDAYS.indexOf(upper);
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`invalid cron value "${text}"`);
  return field === 5 && n === 7 ? 0 : n;
}

function parseField(text: string, field: number): Set<number> {
  const [min, max] = FIELD_RANGES[field];
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`invalid cron step in "${part}"`);
    let from = min;
    let to = max;
    if (range !== '*' && range !== '?') {
      const [a, b] = range.split('-');
      from = parseValue(a, field);
      to = b === undefined ? (stepText === undefined ? from : max) : parseValue(b, field);
    }
    if (from < min || to > max || from > to) throw new Error(`cron value out of range in "${part}"`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6 && fields.length !== 7) throw new Error(`a timer cron has 6 or 7 fields: "${expression}"`);
  const sets = fields.map((f, i) => parseField(f, i));
  return {
    matches(date: Date): boolean {
      const b = new Date(date.getTime() + BEIJING_OFFSET_MS);
      const parts = [
        b.getUTCSeconds(),
        b.getUTCMinutes(),
        b.getUTCHours(),
        b.getUTCDate(),
        b.getUTCMonth() + 1,
        b.getUTCDay(),
        b.getUTCFullYear(),
      ];
      return sets.every((set, i) => set.has(parts[i]));
    },
  };
}
