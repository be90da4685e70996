import { listFunctions, readFunctionConfig } from './config';
import { parseCron, type CronSchedule } from './cron';
import type { FunctionRuntime, InvocationOutcome } from './runtime';

/** The event a timer trigger passes to `main` in the cloud. */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** ISO time without milliseconds, e.g. 2026-11-28T02:00:00Z. */
  Time: string;
  Message: string;
}

export function timerEvent(triggerName: string, at: Date): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' };
}

/** Fires a function's timer trigger now, as the cloud does: the timer event and no caller (no OPENID). */
export function fireTimer(
  runtime: FunctionRuntime,
  functionName: string,
  triggerName: string,
  at = new Date(),
): Promise<InvocationOutcome> | null {
  const { triggers } = readFunctionConfig(runtime.functionsDir, functionName);
  if (!triggers.some((t) => t.name === triggerName)) return null;
  return runtime.invoke(functionName, timerEvent(triggerName, at), {});
}

/** Runs every declared timer trigger on its cron, checking once a second (for `npm run dev`). */
export function startTimerScheduler(
  runtime: FunctionRuntime,
  onFired: (fn: string, trigger: string, outcome: InvocationOutcome) => void,
): () => void {
  const schedules: { fn: string; trigger: string; cron: CronSchedule }[] = [];
  for (const fn of listFunctions(runtime.functionsDir)) {
    for (const trigger of readFunctionConfig(runtime.functionsDir, fn).triggers) {
      schedules.push({ fn, trigger: trigger.name, cron: parseCron(trigger.config) });
    }
  }
  let lastSecond = Math.floor(Date.now() / 1000);
  const interval = setInterval(() => {
    const nowSecond = Math.floor(Date.now() / 1000);
    for (let s = lastSecond + 1; s <= nowSecond; s += 1) {
      const at = new Date(s * 1000);
      for (const { fn, trigger, cron } of schedules) {
        if (cron.matches(at))
          void runtime.invoke(fn, timerEvent(trigger, at), {}).then((outcome) => onFired(fn, trigger, outcome));
      }
    }
    lastSecond = nowSecond;
  }, 250);
  return () => clearInterval(interval);
}
