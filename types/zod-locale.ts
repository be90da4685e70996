import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

/** Validation messages a user may see are Chinese; schemas give their own where a field needs a plainer word. */
z.config(zhCN());
