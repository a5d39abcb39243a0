/**
 * Terms and rotation of 中层干部 over a cadre's posts (issue 18 item 3): which of a cadre's posts continue one
 * another in the same post (a reappointment after a term is a new post record starting when the last one ended),
 * since when a cadre has held a post without a break, how many consecutive terms that is, and the findings on the
 * 党委 (10 years in one post → must rotate, reminded `reminderMonths` ahead; a term ended with the post still held
 * → reappoint or remove). Pure: facts in, findings out.
 */
import { z } from 'zod';
import { addDays, addMonths, type IsoDate } from '../dates.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import type { CadreTermRuleId } from './catalogue.ts';
import { defaultTermSettings, rotationDueOn, rotationStatus, type TermSettings } from './terms.ts';

/** The school's term settings (组织部), stored like the other settings documents. */
export const cadreTermSettingsSchema = z.strictObject({
  /** Years of one term of a 中层 post (national 5; the school may set its own). */
  termYears: z.int().min(1).max(10),
  /** Consecutive terms in one post after which the cadre is not reappointed to it. */
  maxConsecutiveTerms: z.int().min(1).max(5),
  /** Years in one post after which the cadre must rotate. */
  rotationYears: z.int().min(1).max(20),
  /** Months ahead of a due rotation or a term end that the 组织部 is reminded. */
  reminderMonths: z.int().min(1).max(24),
}) satisfies z.ZodType<TermSettings>;

export const cadreTermSettingsLabels = {
  termYears: '每个任期年限',
  maxConsecutiveTerms: '同一职位连续任职最多任期数',
  rotationYears: '同一职位任职满多少年应当交流',
  reminderMonths: '提前提醒月数',
} as const satisfies Record<keyof TermSettings, string>;

export { defaultTermSettings as defaultCadreTermSettings };

/** What the rules read of one post record. */
export interface PostFact {
  id: number;
  unitId: number;
  title: string;
  startOn: IsoDate;
  termEndOn: IsoDate | null;
  endOn: IsoDate | null;
}

const samePost = (a: { unitId: number; title: string }, b: { unitId: number; title: string }) =>
  a.unitId === b.unitId && a.title.trim() === b.title.trim();

/**
 * The records of the same post (unit and title) that `post` continues without a break, oldest first, `post`
 * last: each one starts on the day the previous one ended or the day after (连任).
 */
export function postChain(posts: readonly PostFact[], post: PostFact): PostFact[] {
  const chain = [post];
  let first = post;
  for (;;) {
    const prev = posts.find(
      (p) =>
        p.id !== first.id &&
        !chain.includes(p) &&
        samePost(p, first) &&
        p.endOn !== null &&
        p.startOn < first.startOn &&
        (p.endOn === first.startOn || addDays(p.endOn, 1) === first.startOn),
    );
    if (!prev) return chain;
    chain.unshift(prev);
    first = prev;
  }
}

/** Since when the post has been held without a break (the first record of its chain). */
export function inPostSince(posts: readonly PostFact[], post: PostFact): IsoDate {
  return postChain(posts, post)[0]!.startOn;
}

/**
 * The consecutive terms already served in the post a new record (`unitId`, `title`, from `startOn`) would
 * continue: the records of the chain ending on `startOn` or the day before, or held on `startOn`; 0 when the new
 * record starts a post afresh.
 */
export function consecutiveTermsBefore(
  posts: readonly PostFact[],
  next: { unitId: number; title: string; startOn: IsoDate },
): number {
  const last = posts.find(
    (p) =>
      samePost(p, next) &&
      p.startOn < next.startOn &&
      (p.endOn === null || p.endOn === next.startOn || addDays(p.endOn, 1) === next.startOn),
  );
  return last ? postChain(posts, last).length : 0;
}

/** A current post's standing on `today`: since when it is held, its rotation status and due day, its term. */
export interface PostStanding {
  inPostSince: IsoDate;
  rotationDueOn: IsoDate;
  rotation: 'ok' | 'reminder' | 'due';
  consecutiveTerms: number;
  /** 'ending' from `reminderMonths` before the term end, 'expired' after it; null without a term end. */
  term: 'ok' | 'ending' | 'expired' | null;
}

export function postStanding(
  posts: readonly PostFact[],
  post: PostFact,
  today: IsoDate,
  settings: TermSettings = defaultTermSettings,
): PostStanding {
  const chain = postChain(posts, post);
  const since = chain[0]!.startOn;
  let term: PostStanding['term'] = null;
  if (post.termEndOn !== null && post.endOn === null)
    term =
      today > post.termEndOn
        ? 'expired'
        : today >= addMonths(post.termEndOn, -settings.reminderMonths)
          ? 'ending'
          : 'ok';
  return {
    inPostSince: since,
    rotationDueOn: rotationDueOn(since, settings),
    rotation: post.endOn === null ? rotationStatus(since, today, settings) : 'ok',
    consecutiveTerms: chain.length,
    term,
  };
}

/** What the rules read of one cadre. */
export interface CadreTermFacts {
  cadreId: number;
  personId: number;
  name: string;
  posts: readonly (PostFact & { unitName: string })[];
}

/**
 * The findings on `today`, on `org` (the 党委, whose 组织部 manages cadres): for each current post, rotation due
 * (from the 10th year in it) or soon (from `reminderMonths` before), and the term ended or ending without a
 * reappointment or 免职. The due date is the rotation day or the term end, so the morning reminder fires 3 days
 * ahead as for every due finding.
 */
export function evaluateCadreTermRules(
  cadres: readonly CadreTermFacts[],
  org: { id: number; name: string },
  today: IsoDate,
  settings: TermSettings = defaultTermSettings,
): Finding<CadreTermRuleId>[] {
  const out: Finding<CadreTermRuleId>[] = [];
  for (const c of cadres)
    for (const p of c.posts) {
      if (p.endOn !== null) continue;
      const s = postStanding(c.posts, p, today, settings);
      const post = `${p.unitName}${p.title}`;
      if (s.rotation !== 'ok')
        out.push(
          finding(
            s.rotation === 'due' ? 'cadre.rotation_due' : 'cadre.rotation_soon',
            org,
            s.rotation === 'due'
              ? `${c.name}自 ${s.inPostSince} 任${post}，至 ${s.rotationDueOn} 已满${settings.rotationYears}年，应当交流。`
              : `${c.name}自 ${s.inPostSince} 任${post}，将于 ${s.rotationDueOn} 满${settings.rotationYears}年，届时应当交流。`,
            '请研究提出交流轮岗方案，经党委讨论决定后在干部名册登记交流轮岗。',
            { personId: c.personId, dueDate: s.rotationDueOn, subject: `cadre-post-${p.id}-rotation` },
          ),
        );
      if (s.term === 'expired' || s.term === 'ending')
        out.push(
          finding(
            s.term === 'expired' ? 'cadre.term_expired' : 'cadre.term_ending',
            org,
            s.term === 'expired'
              ? `${c.name}任${post}的任期已于 ${p.termEndOn} 届满，尚未办理连任或免职。`
              : `${c.name}任${post}的任期将于 ${p.termEndOn} 届满。`,
            s.consecutiveTerms >= settings.maxConsecutiveTerms
              ? `已在该职位连续任职${s.consecutiveTerms}个任期，不能再连任：请研究交流或免职。`
              : '请按程序研究连任或免职，并在干部名册登记。',
            { personId: c.personId, dueDate: p.termEndOn!, subject: `cadre-post-${p.id}-term` },
          ),
        );
    }
  return out;
}

/** The kinds of a rotation record: 交流 (to another unit or line of work) or 轮岗 (within one). */
export const cadreRotationKinds = ['exchange', 'rotation'] as const;
export type CadreRotationKind = (typeof cadreRotationKinds)[number];
export const cadreRotationKindLabels: Record<CadreRotationKind, string> = {
  exchange: '交流',
  rotation: '轮岗',
};
