/**
 * The minutes (会议记录) of one activity as a Word document in the layout branches keep on paper:
 * a title, then a table of 时间, 地点, 主持人, 记录人, attendance with names, 列席 and 双重组织生活,
 * 议程 (第一议题 marked), 会议内容, 决议; for a 主题党日 its segments, for a 谈心谈话 the two people
 * and the topic. A4 portrait, 宋体.
 */
import { type AgendaItem, activityKindLabels, activityStatusLabels, type ThemeSegment } from '@dangjian/core';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Actor, Db } from '../../http/context.ts';
import { assertInScope } from '../../http/scope.ts';
import { resolutionLine, timeRange } from './ledger.ts';
import * as repo from './repo.ts';

const font = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
/** Half-points: 小四 body (12 pt), 二号 title (22 pt). */
const bodySize = 24;
const titleSize = 44;
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const borders = { top: thin, bottom: thin, left: thin, right: thin };
/** A4 portrait with 2.5 cm side margins leaves 8,986 twips; the label column takes 1,800. */
const labelWidth = 1800;
const valueWidth = 7186;

/** '2026-06-15' → '2026年6月15日'. */
function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function para(text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}): Paragraph {
  return new Paragraph({
    ...(opts.center ? { alignment: AlignmentType.CENTER } : {}),
    spacing: { line: 360 },
    children: [new TextRun({ text, font, size: opts.size ?? bodySize, bold: opts.bold ?? false })],
  });
}

/** A row of the minutes table: a label and one or more paragraphs. */
function row(label: string, lines: readonly string[]): TableRow {
  return new TableRow({
    cantSplit: false,
    children: [
      new TableCell({
        width: { size: labelWidth, type: WidthType.DXA },
        verticalAlign: VerticalAlign.CENTER,
        borders,
        children: [para(label, { bold: true, center: true })],
      }),
      new TableCell({
        width: { size: valueWidth, type: WidthType.DXA },
        borders,
        children: (lines.length ? lines : ['']).map((l) => para(l)),
      }),
    ],
  });
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

/** Builds the Word document of the minutes; returns the bytes and a file name. */
export async function buildMinutesDocx(m: Minutes): Promise<{ buffer: Buffer; fileName: string }> {
  const a = m.activity;
  const kind = a.kind;
  const heading = `${a.org_name} ${activityKindLabels[kind]} 会议记录`;
  const agenda = (a.agenda as AgendaItem[]) ?? [];
  const segments = (a.segments as ThemeSegment[]) ?? [];
  const guests = m.attendees.filter((x) => x.role === 'guest').map((x) => x.name);
  const dual = m.attendees.filter((x) => x.role === 'dual_life').map((x) => x.name);

  const rows: TableRow[] = [
    row('会议名称', [a.title]),
    row('时间', [`${chineseDate(a.on_date)} ${timeRange(a.starts_at, a.ends_at)}`]),
    row('地点', [a.place ?? '']),
  ];
  if (kind === 'talk') {
    rows.push(row('谈话人', [a.host_name ?? '']), row('谈话对象', [a.partner_name ?? '']));
    rows.push(row('谈话主题', [a.topic ?? '']));
  } else {
    rows.push(row('主持人', [a.host_name ?? '']), row('记录人', [a.recorder_name ?? '']));
    if (a.speaker) rows.push(row('主讲人', [a.speaker]));
    rows.push(row('出席情况', attendanceLines(m.attendees)));
    if (dual.length > 0) rows.push(row('双重组织生活', [`${dual.join('、')}（以普通党员身份参加）`]));
    if (guests.length > 0) rows.push(row('列席人员', [guests.join('、')]));
    rows.push(
      row(
        '议程',
        agenda.map((item, i) => `${i + 1}. ${item.isFirstTopic ? '【第一议题】' : ''}${item.title}`),
      ),
    );
    if (segments.length > 0)
      rows.push(
        row(
          '活动环节',
          segments.map((s) => `${s.name}（${s.minutes}分钟）${s.content ? `：${s.content}` : ''}`),
        ),
      );
  }
  rows.push(
    row(
      '会议内容',
      (a.minutes ?? '').split(/\r?\n/).filter((l) => l.trim() !== ''),
    ),
  );
  if (kind !== 'talk')
    rows.push(
      row(
        '决议',
        m.resolutions.flatMap((r, i) => [
          `${i + 1}. ${resolutionLine(r)}`,
          ...(r.content ?? '').split(/\r?\n/).filter((l) => l.trim() !== ''),
        ]),
      ),
    );
  if (a.summary) rows.push(row('小结', [a.summary]));

  const status = a.status;
  const doc = new Document({
    creator: 'Dangjian 党建工作平台',
    title: heading,
    styles: { default: { document: { run: { font, size: bodySize } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1440, bottom: 1440, left: 1460, right: 1460 },
          },
        },
        children: [
          para(heading, { bold: true, size: titleSize, center: true }),
          ...(status === 'closed'
            ? []
            : [para(`（记录状态：${activityStatusLabels[status]}，尚未归档）`, { center: true })]),
          new Paragraph({ children: [] }),
          new Table({
            width: { size: labelWidth + valueWidth, type: WidthType.DXA },
            columnWidths: [labelWidth, valueWidth],
            rows,
          }),
          new Paragraph({ children: [] }),
          para('主持人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000记录人（签字）：'),
        ],
      },
    ],
  });
  const safe = `${a.org_name}-${activityKindLabels[kind]}-${a.on_date}-会议记录.docx`;
  return { buffer: await Packer.toBuffer(doc), fileName: safe };
}
