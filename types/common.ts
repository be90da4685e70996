import * as z from 'zod';

/** Document ids are opaque strings chosen by the database or derived from a request id. */
export const idSchema = z.string().min(1, '缺少编号').max(64, '编号过长');

/** Client-generated id that makes a create action idempotent (retries create one record). */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确');

/** An opaque pagination cursor returned by list actions. */
export const cursorSchema = z.string().max(200).optional();

export const pageSizeSchema = z.number().int().min(1).max(50).default(20);

export interface Page<T> {
  items: T[];
  /** Absent when there is nothing more. */
  nextCursor?: string;
}

/** Dates travel as ISO strings; they are stored as dates and shown in Asia/Shanghai. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: '时间格式不正确' });
/** A calendar day in Asia/Shanghai, YYYY-MM-DD. */
export const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日');
/** A calendar month in Asia/Shanghai, YYYY-MM. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 年-月');

/** cloud:// file ids returned by storage uploads. */
export const fileIdSchema = z
  .string()
  .regex(/^cloud:\/\/\S+$/, '图片地址不正确')
  .max(500);
export const photosSchema = z.array(fileIdSchema).max(9, '最多上传9张照片').default([]);

export const phoneSchema = z.string().regex(/^1\d{10}$/, '请填写11位手机号');
