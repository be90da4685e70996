import { statsInputSchema, type Dashboard, type Summary } from '@honglin/types/stats';
import { roles } from '../common/access';
import { summaryText } from '../common/domain/metrics/summary';
import { defineAction } from '../common/runtime';
import { buildDashboard } from './read';
import { checkSecretaryScope, dashboardUnit, statsScope, STATS_ROLES } from './scope';

/** 统计看板: every figure of a unit and period, the trend by month and the villages' breakdown. */
export const dashboard = defineAction({
  input: statsInputSchema,
  access: roles(STATS_ROLES, statsScope),
  async handler(input, ctx): Promise<Dashboard> {
    checkSecretaryScope(ctx);
    return buildDashboard(ctx.resource, input.period, ctx.now);
  },
});

/** 工作小结: the same figures written as a paragraph in the town's own style, ready to paste into a report. */
export const summary = defineAction({
  input: statsInputSchema,
  access: roles(STATS_ROLES, statsScope),
  async handler(input, ctx): Promise<Summary> {
    checkSecretaryScope(ctx);
    const board = await buildDashboard(ctx.resource, input.period, ctx.now);
    return {
      unit: dashboardUnit(ctx.resource.unit),
      periodLabel: board.periodLabel,
      text: summaryText(ctx.resource.unit, board.periodLabel, board.figures, board.months.length),
    };
  },
});
