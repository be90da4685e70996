import * as z from 'zod';
import { cursorSchema, dayWithin, fileIdSchema, freeText, idSchema, pageSizeSchema, requestIdSchema } from './common';
import { DATE_WINDOWS } from './time';

/** The town's film library (微视频): exemplar, party-history and warning-education films and where to watch them. */
export const FILM_KINDS = ['exemplar', 'history', 'warning'] as const;
export type FilmKind = (typeof FILM_KINDS)[number];
export const filmKindSchema = z.enum(FILM_KINDS);
export const FILM_KIND_LABELS: Record<FilmKind, string> = {
  exemplar: '榜样',
  history: '党史',
  warning: '警示教育',
};

/** Where to watch a film: a platform (学习强国, 红星云 …) with an optional link, or a video in cloud storage. */
export const watchWhereSchema = z.union([
  z.object({
    platform: freeText().min(1, '请填写观看平台').max(20, '平台名称不能超过20个字'),
    // https only: the mini-program opens nothing else, and a plain http link can be altered on the way.
    url: z
      .url({ protocol: /^https$/, message: '链接须是 https:// 开头的网址' })
      .max(500)
      .optional(),
  }),
  z.object({ fileID: fileIdSchema }),
]);
export type WatchWhere = z.output<typeof watchWhereSchema>;

export const saveFilmInputSchema = z.object({
  /** Absent to add a film; present to change one. */
  id: idSchema.optional(),
  /** Makes an add idempotent. */
  requestId: requestIdSchema,
  title: freeText().min(1, '请填写片名').max(40, '片名不能超过40个字'),
  series: freeText().max(40, '系列名称不能超过40个字').optional(),
  kind: filmKindSchema,
  /** The film's own running time, not anyone's watch time. */
  lengthMinutes: z.number().int('请填写整数分钟').min(1, '片长至少1分钟').max(600, '片长不超过600分钟'),
  where: z.array(watchWhereSchema).min(1, '请至少填写一个观看途径').max(5),
  description: freeText().max(300, '简介不能超过300个字').default(''),
});
export type SaveFilmInput = z.input<typeof saveFilmInputSchema>;

export const listFilmsInputSchema = z.object({
  kind: filmKindSchema.optional(),
  cursor: cursorSchema,
  size: pageSizeSchema,
});
export type ListFilmsInput = z.input<typeof listFilmsInputSchema>;

export const filmIdInputSchema = z.object({ id: idSchema });
export type FilmIdInput = z.input<typeof filmIdInputSchema>;

/** A member notes a film they watched on their own: voluntary, seen by them alone, no minutes, no ranking. */
export const logWatchedInputSchema = z.object({
  requestId: requestIdSchema,
  filmId: idSchema,
  day: dayWithin(DATE_WINDOWS.watched).optional(),
});
export type LogWatchedInput = z.input<typeof logWatchedInputSchema>;

export const myLogInputSchema = z.object({ cursor: cursorSchema, size: pageSizeSchema });
export type MyLogInput = z.input<typeof myLogInputSchema>;

export interface Film {
  _id: string;
  title: string;
  series?: string;
  kind: FilmKind;
  lengthMinutes: number;
  where: WatchWhere[];
  description: string;
  updatedAt: string;
}

/** One line of my private film log. */
export interface FilmLogEntry {
  _id: string;
  filmId: string;
  title: string;
  kind: FilmKind;
  /** The day I say I watched it (Asia/Shanghai). */
  day: string;
}
