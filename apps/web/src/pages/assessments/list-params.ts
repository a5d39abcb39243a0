import {
  type AssessedLevel,
  type AssessmentKind,
  assessedLevels,
  assessmentKinds,
  limits,
} from '@dangjian/core';
import { isOneOf } from '../../lib/enums';
import { positiveInt } from '../../lib/list-params';
import type { AssessmentRoundListParams, IndicatorSystemListParams } from './api';

export const defaultPageSize = 20;

function yearOf(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : undefined;
}

function common(search: URLSearchParams) {
  const kind = search.get('kind');
  const q = search.get('q')?.trim();
  return {
    kind: isOneOf<AssessmentKind>(assessmentKinds, kind) ? kind : undefined,
    year: yearOf(search.get('year')),
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

/** The 指标体系 list's filters and page from the URL (anything unknown is dropped). */
export function parseSystemParams(search: URLSearchParams): IndicatorSystemListParams {
  const level = search.get('level');
  return { ...common(search), level: isOneOf<AssessedLevel>(assessedLevels, level) ? level : undefined };
}

/** The 考核轮次 list's filters and page from the URL. */
export function parseRoundParams(search: URLSearchParams): AssessmentRoundListParams {
  return common(search);
}
