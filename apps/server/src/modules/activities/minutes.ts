/**
 * The minutes (会议记录) of one activity as a Word document in the layout branches keep on paper:
 * a title, then a table of 时间, 地点, 主持人, 记录人, attendance with names, 列席 and 双重组织生活,
 * 议程 (第一议题 marked), 会议内容, 决议; for a 主题党日 its segments, for a 谈心谈话 the two people
 * and the topic. A4 portrait in the shared frame of files/docx.ts (宋体, page numbers).
 */
import {
  type AgendaItem,
  activityKindLabels,
  activityStatusLabels,
  formatChineseDate,
  type ThemeSegment,
} from '@dangjian/core';
import {
  createDocx,
  type FormRow,
  formRow,
  formTable,
  paragraph,
  titleParagraphs,
} from '../../files/docx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { assertInScope } from '../../http/scope.ts';
import { resolutionLine, timeRange } from './ledger.ts';
import * as repo from './repo.ts';

/** The non-blank lines of a text typed with line breaks. */
function linesOf(text: string | null): string[] {
  return (text ?? '').split(/\r?\n/).filter((l) => l.trim() !== '');
}

/** Everything the minutes print about one activity. */
export async function loadMinutes(db: Db, actor: Actor, id: number) {
  const a = await repo.minutesActivity(db, id);
  assertInScope(actor.scope, a?.org_path);
  const [attendees, resolutions] = await Promise.all([
    repo.minutesAttendees(db, id),
    repo.resolutionsOf(db, id),
  ]);
  return { activity: a!, attendees, resolutions };
}

type Minutes = Awaited<ReturnType<typeof loadMinutes>>;

/** The attendance lines: counts, then the names of those on leave (with reasons) and absent. */
export function attendanceLines(attendees: Minutes['attendees']): string[] {
  const members = attendees.filter((x) => x.role !== 'guest');
  const by = (s: string) => members.filter((x) => x.status === s);
  const leave = by('leave');
  const absent = by('absent');
  const lines = [
    `应到${members.length}人，实到${by('present').length}人，请假${leave.length}人，缺席${absent.length}人。`,
  ];
  if (by('expected').length > 0)
    lines.push(
      `尚未签到：${by('expected')
        .map((x) => x.name)
        .join('、')}`,
    );
  if (leave.length > 0)
    lines.push(
      `请假人员：${leave.map((x) => (x.leave_reason ? `${x.name}（${x.leave_reason}）` : x.name)).join('、')}`,
    );
  if (absent.length > 0) lines.push(`缺席人员：${absent.map((x) => x.name).join('、')}`);
  return lines;
}

/**
 * The 决议 row: each resolution numbered with its title and, when it was put to a vote, the tally and outcome
 * in the one form the ledger uses (有表决权8人，到会8人；赞成8票，反对0票，弃权0票；通过), then what it says.
 */
function resolutionLines(resolutions: Minutes['resolutions']): string[] {
  return resolutions.flatMap((r, i) => [
    `${i + 1}. ${r.is_vote ? resolutionLine(r) : r.title}`,
    ...linesOf(r.content),
  ]);
}

/** The rows a 谈心谈话 records: the two people and the topic. */
function talkRows(a: Minutes['activity']): FormRow[] {
  return [
    formRow('谈话人', a.host_name ?? ''),
    formRow('谈话对象', a.partner_name ?? ''),
    formRow('谈话主题', a.topic ?? ''),
  ];
}

/** The rows a meeting records: host, recorder, speaker, attendance, guests, agenda and segments. */
function meetingRows(m: Minutes): FormRow[] {
  const a = m.activity;
  const agenda = (a.agenda as AgendaItem[]) ?? [];
  const segments = (a.segments as ThemeSegment[]) ?? [];
  const guests = m.attendees.filter((x) => x.role === 'guest').map((x) => x.name);
  // A leader on the list for 双重组织生活 who was on leave or absent did not take part; they are in 出席情况.
  const dual = m.attendees.filter((x) => x.role === 'dual_life' && x.status === 'present').map((x) => x.name);
  const rows = [formRow('主持人', a.host_name ?? ''), formRow('记录人', a.recorder_name ?? '')];
  if (a.speaker) rows.push(formRow('主讲人', a.speaker));
  rows.push(formRow('出席情况', attendanceLines(m.attendees)));
  if (dual.length > 0) rows.push(formRow('双重组织生活', `${dual.join('、')}（以普通党员身份参加）`));
  if (guests.length > 0) rows.push(formRow('列席人员', guests.join('、')));
  rows.push(
    formRow(
      '议程',
      agenda.map((item, i) => `${i + 1}. ${item.isFirstTopic ? '【第一议题】' : ''}${item.title}`),
    ),
  );
  if (segments.length > 0)
    rows.push(
      formRow(
        '活动环节',
        segments.map((s) => `${s.name}（${s.minutes}分钟）${s.content ? `：${s.content}` : ''}`),
        { split: true },
      ),
    );
  return rows;
}

/**
 * The two title lines of the minutes: who held it, and what record it is. A 党政联席会 is the 学院's meeting (its
 * 党总支 with the administration), so it is titled by the 学院 (the 总支's unit, when it has one) as
 * 党政联席会议记录; a 谈心谈话 is a 记录 of a conversation; any other meeting its org's 会议记录.
 */
export function minutesTitle(
  a: Pick<Minutes['activity'], 'kind' | 'org_name' | 'unit_name'>,
): [string, string] {
  if (a.kind === 'joint_meeting') return [a.unit_name ?? a.org_name, '党政联席会议记录'];
  const kindLabel = activityKindLabels[a.kind];
  return [a.org_name, `${kindLabel}${a.kind === 'talk' ? '记录' : '会议记录'}`];
}

/**
 * Builds the Word document of the minutes; returns the bytes and a file name. The title is the org on one
 * line and the kind of meeting on the next, so a long org name never breaks 支部党员大会 in two.
 */
export async function buildMinutesDocx(m: Minutes): Promise<{ buffer: Buffer; fileName: string }> {
  const a = m.activity;
  const isTalk = a.kind === 'talk';
  const [holder, heading] = minutesTitle(a);
  // A 谈心谈话 is a record of a conversation, signed by the two who talked; a meeting's, by host and recorder.
  const signers = isTalk ? ['谈话人', '谈话对象'] : ['主持人', '记录人'];
  const rows = [
    formRow('会议名称', a.title),
    formRow('时间', `${formatChineseDate(a.on_date)} ${timeRange(a.starts_at, a.ends_at)}`),
    formRow('地点', a.place ?? ''),
    ...(isTalk ? talkRows(a) : meetingRows(m)),
    formRow('会议内容', linesOf(a.minutes), { split: true, minLines: 3 }),
  ];
  if (!isTalk) rows.push(formRow('决议', resolutionLines(m.resolutions), { split: true }));
  if (a.summary) rows.push(formRow('小结', linesOf(a.summary), { split: true }));

  const draft =
    a.status === 'closed'
      ? []
      : [
          paragraph(`（记录状态：${activityStatusLabels[a.status]}，尚未归档）`, {
            align: 'center',
            after: 120,
          }),
        ];
  const buffer = await createDocx({
    title: `${holder}${heading}`,
    children: [
      ...titleParagraphs([holder, heading]),
      ...draft,
      formTable(rows),
      paragraph(`${signers[0]}（签字）：${'\u3000'.repeat(8)}${signers[1]}（签字）：`, { before: 480 }),
    ],
  });
  return { buffer, fileName: `${holder}-${a.on_date}-${heading}.docx` };
}
