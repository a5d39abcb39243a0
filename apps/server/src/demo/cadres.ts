/**
 * The demo's 中层干部 roster (issue 18 items 1, 3, 9), written set-wise on the loaded college like the other bulk
 * records, from its units, 党总支 and staff: every 二级学院 has its 党总支书记 (the 党总支's own secretary), 党总支副书记,
 * 院长 and 副院长; every 职能部门 and 教辅单位 its head and deputies by size (党务, 行政, or 双肩挑 where the office is both),
 * and the heads and deputies of the offices 合署 with it (机关党总支, 纪委副书记, 审计, 国际交流, 武装部, 团委, 工会, 基建…);
 * in every other college the 党总支书记 is also 副院长 (交叉任职). Three years of history: reappointments after a
 * term (连任), 交流 and 轮岗 with their records, promotions from 副职 (the old post ended), 免职 and 退休; the new posts of
 * the last year in 试用期. Planted for the term and rotation rules: one cadre 10 years in one post (due, his second
 * term just ended), two within the 6-month reminder, one first term ending within it. Cadres take the year's
 * 干部网络学院 online course (its certificate number proves it), so most reach their 90 学时 and a few do not.
 * Deterministic for a seed and a demo day; the term dates come from core's rules.
 */
import {
  addDays,
  addMonths,
  type CadrePostLevel,
  type CadreTrack,
  completedYears,
  defaultTermSettings,
  type IsoDate,
  termEnd,
} from '@dangjian/core';
import type { Clock, Db } from '../http/context.ts';
import { createRandom } from './random.ts';

/** What the demo planted, for its test. */
export interface DemoCadrePlan {
  cadres: number;
  posts: number;
  currentPosts: number;
  rotations: number;
  inProbation: number;
  /** Cadre ids of the planted cases. */
  rotationDue: number[];
  rotationSoon: number[];
  termEnding: number[];
  /** 党总支书记兼副院长. */
  concurrent: number[];
  retired: number[];
}

interface UnitRow {
  id: number;
  name: string;
  kind: 'college' | 'department' | 'support';
}

interface PostSpec {
  unitId: number;
  title: string;
  level: CadrePostLevel;
  track: CadreTrack;
}

interface PostRow extends PostSpec {
  cadreKey: number;
  startOn: IsoDate;
  probationEndOn: IsoDate | null;
  termEndOn: IsoDate | null;
  endOn: IsoDate | null;
  endReason: string | null;
  documentNo: string;
}

const partyDepartments = new Set(['党委办公室', '组织部', '宣传部', '纪委办公室']);
const bothDepartments = new Set(['学生工作处', '离退休工作处']);

/** 副职 of a 职能部门 or 教辅单位 by its size (2 where not listed). */
const deputyCount: Record<string, number> = {
  教务处: 3,
  学生工作处: 2,
  离退休工作处: 1,
  后勤服务中心: 3,
};

/** Offices 合署 with a unit (or hosted by it) whose heads and deputies are 中层 posts of that unit. */
const attachedPosts: Record<string, [string, CadrePostLevel, CadreTrack][]> = {
  党委办公室: [
    ['机关党总支书记', 'principal', 'party'],
    ['机关党总支副书记', 'deputy', 'party'],
  ],
  校长办公室: [
    ['发展规划处处长', 'principal', 'admin'],
    ['发展规划处副处长', 'deputy', 'admin'],
    ['档案馆馆长', 'deputy', 'admin'],
  ],
  组织部: [
    ['统战部副部长', 'deputy', 'party'],
    ['党校常务副校长', 'deputy', 'party'],
  ],
  宣传部: [['新闻中心主任', 'deputy', 'party']],
  纪委办公室: [
    ['纪委副书记', 'principal', 'party'],
    ['监察室主任', 'deputy', 'party'],
    ['审计处处长', 'principal', 'admin'],
    ['审计处副处长', 'deputy', 'admin'],
  ],
  人事处: [['教师发展中心主任', 'deputy', 'admin']],
  教务处: [
    ['质量管理办公室主任', 'deputy', 'admin'],
    ['继续教育学院院长', 'principal', 'admin'],
    ['继续教育学院副院长', 'deputy', 'admin'],
  ],
  科研处: [
    ['国际交流与合作处处长', 'principal', 'admin'],
    ['国际交流与合作处副处长', 'deputy', 'admin'],
  ],
  学生工作处: [
    ['武装部部长', 'principal', 'both'],
    ['武装部副部长', 'deputy', 'both'],
    ['团委书记', 'principal', 'party'],
    ['团委副书记', 'deputy', 'party'],
    ['心理健康教育中心主任', 'deputy', 'admin'],
  ],
  招生就业处: [['创新创业学院副院长', 'deputy', 'admin']],
  国有资产管理处: [['招标采购中心主任', 'deputy', 'admin']],
  离退休工作处: [
    ['工会常务副主席', 'principal', 'party'],
    ['工会副主席', 'deputy', 'party'],
  ],
  图书馆: [['学报编辑部主任', 'deputy', 'admin']],
  后勤服务中心: [
    ['基建处处长', 'principal', 'admin'],
    ['基建处副处长', 'deputy', 'admin'],
  ],
};

function headTitles(u: UnitRow): { head: string; deputy: string } {
  if (u.kind === 'college') return { head: '院长', deputy: '副院长' };
  if (u.name.endsWith('部')) return { head: '部长', deputy: '副部长' };
  if (u.name.endsWith('处')) return { head: '处长', deputy: '副处长' };
  if (u.name.endsWith('馆')) return { head: '馆长', deputy: '副馆长' };
  return { head: '主任', deputy: '副主任' };
}

function trackOf(u: UnitRow): CadreTrack {
  if ([...partyDepartments].some((d) => u.name.endsWith(d))) return 'party';
  if ([...bothDepartments].some((d) => u.name.endsWith(d))) return 'both';
  return 'admin';
}

export async function plantCadres(db: Db, clock: Clock, seed: number): Promise<DemoCadrePlan> {
  const rng = createRandom(seed ^ 0xca0de);
  const today = clock.today();
  const now = clock.now();
  const year = Number(today.slice(0, 4));
  const settings = defaultTermSettings;
  const empty: DemoCadrePlan = {
    cadres: 0,
    posts: 0,
    currentPosts: 0,
    rotations: 0,
    inProbation: 0,
    rotationDue: [],
    rotationSoon: [],
    termEnding: [],
    concurrent: [],
    retired: [],
  };
  const units = (await db
    .selectFrom('unit')
    .select(['id', 'name', 'kind'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute()) as UnitRow[];
  if (units.length === 0) return empty;
  const accounts = new Set(
    (await db.selectFrom('app_user').select('person_id').where('person_id', 'is not', null).execute()).map(
      (r) => r.person_id!,
    ),
  );
  const generalPosts = await db
    .selectFrom('appointment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.person_id', 'a.post', 'a.start_date', 'o.unit_id'])
    .where('o.type', '=', 'general_branch')
    .where('o.archived_at', 'is', null)
    .where('a.end_date', 'is', null)
    .where('a.post', 'in', ['secretary', 'deputy_secretary'])
    .where('p.status', '=', 'active')
    .where('o.unit_id', 'is not', null)
    .orderBy('a.id')
    .execute();
  const staff = await db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.category', 'o.unit_id'])
    .where('p.status', '=', 'active')
    .where('p.party_status', 'is not', null)
    .where('p.category', 'in', ['staff', 'retired'])
    .orderBy('p.id')
    .execute();
  const used = new Set<number>();
  const secretaryOf = new Map<number, number>();
  const deputyOf = new Map<number, number>();
  for (const g of generalPosts) {
    const map = g.post === 'secretary' ? secretaryOf : deputyOf;
    if (!map.has(g.unit_id!) && !used.has(g.person_id)) {
      map.set(g.unit_id!, g.person_id);
      used.add(g.person_id);
    }
  }
  const pool = rng.shuffle(
    staff.filter((s) => s.category === 'staff' && !accounts.has(s.id) && !used.has(s.id)),
  );
  const retiredPool = staff.filter((s) => s.category === 'retired' && !accounts.has(s.id));
  const take = (unitId: number | null): number | null => {
    let i = unitId === null ? -1 : pool.findIndex((s) => s.unit_id === unitId && !used.has(s.id));
    if (i < 0) i = pool.findIndex((s) => !used.has(s.id));
    if (i < 0) return null;
    const id = pool[i]!.id;
    used.add(id);
    return id;
  };

  // Cadres are keyed by person until their ids are known.
  const posts: (PostRow & { personId: number })[] = [];
  const rotations: {
    personId: number;
    kind: 'exchange' | 'rotation';
    onDate: IsoDate;
    documentNo: string;
    from: number;
    to: number;
  }[] = [];
  let docSeq = 0;
  const doc = (on: IsoDate) => `院党委〔${on.slice(0, 4)}〕${(docSeq++ % 60) + 1}号`;

  /** A post held since `since` up to today: its earlier terms (连任) as ended records, the current one. */
  const held = (personId: number, spec: PostSpec, since: IsoDate, probation: boolean) => {
    // At most the consecutive terms allowed: a post held longer is the planted case, its last term ended unrenewed.
    const terms = Math.min(
      settings.maxConsecutiveTerms - 1,
      Math.floor(completedYears(since, today) / settings.termYears),
    );
    let start = since;
    for (let k = 0; k < terms; k++) {
      const end = termEnd(start, settings);
      if (end >= today) break;
      posts.push({
        ...spec,
        personId,
        cadreKey: personId,
        startOn: start,
        probationEndOn: null,
        termEndOn: end,
        endOn: end,
        endReason: '任期届满，连任',
        documentNo: doc(start),
      });
      start = addDays(end, 1);
    }
    posts.push({
      ...spec,
      personId,
      cadreKey: personId,
      startOn: start,
      probationEndOn: probation ? addDays(addMonths(start, 12), -1) : null,
      termEndOn: termEnd(start, settings),
      endOn: null,
      endReason: null,
      documentNo: doc(start),
    });
    return posts.length - 1;
  };
  /** A day in post since, 13 months to 9 years ago, whose current term does not end within 7 months. */
  const ordinarySince = (from?: IsoDate): IsoDate => {
    let since = from ?? addDays(today, -rng.int(400, 9 * 365));
    if (completedYears(since, today) >= 9) since = addDays(today, -rng.int(400, 9 * 365));
    for (let i = 0; i < 4; i++) {
      const terms = Math.floor(completedYears(since, today) / settings.termYears);
      const end = termEnd(addMonths(since, 12 * settings.termYears * terms), settings);
      if (end > addMonths(today, 7)) break;
      since = addMonths(since, 8);
    }
    return since;
  };

  // The current posts of every unit.
  const specs: {
    spec: PostSpec;
    personId: number | null;
    unit: UnitRow;
    role: 'secretary' | 'head' | 'other';
  }[] = [];
  for (const u of units) {
    const t = headTitles(u);
    if (u.kind === 'college') {
      specs.push(
        {
          spec: { unitId: u.id, title: '党总支书记', level: 'principal', track: 'party' },
          personId: secretaryOf.get(u.id) ?? null,
          unit: u,
          role: 'secretary',
        },
        {
          spec: { unitId: u.id, title: '院长', level: 'principal', track: 'admin' },
          personId: null,
          unit: u,
          role: 'other',
        },
        {
          spec: { unitId: u.id, title: '党总支副书记', level: 'deputy', track: 'party' },
          personId: deputyOf.get(u.id) ?? null,
          unit: u,
          role: 'other',
        },
        {
          spec: { unitId: u.id, title: '副院长', level: 'deputy', track: 'admin' },
          personId: null,
          unit: u,
          role: 'other',
        },
        {
          spec: { unitId: u.id, title: '副院长', level: 'deputy', track: 'admin' },
          personId: null,
          unit: u,
          role: 'other',
        },
        {
          spec: { unitId: u.id, title: '副院长', level: 'deputy', track: 'admin' },
          personId: null,
          unit: u,
          role: 'other',
        },
      );
    } else {
      const track = trackOf(u);
      const deputies = deputyCount[u.name] ?? 2;
      specs.push({
        spec: { unitId: u.id, title: t.head, level: 'principal', track },
        personId: null,
        unit: u,
        role: 'head',
      });
      for (let i = 0; i < deputies; i++)
        specs.push({
          spec: { unitId: u.id, title: t.deputy, level: 'deputy', track },
          personId: null,
          unit: u,
          role: 'other',
        });
      // The offices 合署 with it: their heads and deputies are 中层 posts of this unit.
      for (const [title, level, postTrack] of attachedPosts[u.name] ?? [])
        specs.push({
          spec: { unitId: u.id, title, level, track: postTrack },
          personId: null,
          unit: u,
          role: 'other',
        });
    }
  }

  // Who is planted where: the first three heads of 职能部门 for the 10 years, the fourth for a term ending.
  const deptHeads = specs.filter((s) => s.unit.kind === 'department' && s.role === 'head');
  const plantedSince = new Map<(typeof specs)[number], { since: IsoDate; kind: 'due' | 'soon' | 'term' }>([
    [deptHeads[0]!, { since: addDays(addMonths(today, -120), -20), kind: 'due' }],
    [deptHeads[1]!, { since: addMonths(today, -118), kind: 'soon' }],
    [deptHeads[2]!, { since: addMonths(today, -115), kind: 'soon' }],
    [deptHeads[3]!, { since: addMonths(today, -56), kind: 'term' }],
  ]);
  const plantedPeople = { due: [] as number[], soon: [] as number[], term: [] as number[] };
  const concurrentPeople: number[] = [];
  const others = units.filter((u) => u.kind !== 'support');
  let collegeIndex = 0;

  for (const s of specs) {
    const personId = s.personId ?? take(s.spec.unitId);
    if (personId === null) continue;
    const planted = plantedSince.get(s);
    if (planted) {
      held(personId, s.spec, planted.since, false);
      plantedPeople[planted.kind].push(personId);
      continue;
    }
    const r = rng.next();
    if (s.role === 'secretary') {
      // The 党总支's secretary since the 党总支 appointed them (or earlier); every other one also 副院长.
      const g = generalPosts.find((x) => x.person_id === personId);
      held(
        personId,
        s.spec,
        ordinarySince(g && g.start_date < addDays(today, -400) ? g.start_date : undefined),
        false,
      );
      if (collegeIndex++ % 2 === 0) {
        held(
          personId,
          { ...s.spec, title: '副院长', level: 'deputy', track: 'admin' },
          ordinarySince(),
          false,
        );
        concurrentPeople.push(personId);
      }
    } else if (r < 0.1) {
      // New in the last year: in 试用期.
      held(personId, s.spec, addDays(today, -rng.int(20, 330)), true);
    } else if (r < 0.35) {
      // 交流 or 轮岗 in the last three years from a post of the same level elsewhere.
      const onDate = addDays(today, -rng.int(60, 3 * 365));
      const from = rng.pick(others.filter((u) => u.id !== s.spec.unitId));
      const t = headTitles(from);
      const fromSpec: PostSpec = {
        unitId: from.id,
        title: s.spec.level === 'principal' ? t.head : t.deputy,
        level: s.spec.level,
        track: from.kind === 'college' ? 'admin' : trackOf(from),
      };
      const kind = from.kind === s.unit.kind ? 'rotation' : 'exchange';
      const documentNo = doc(onDate);
      const fromStart = addDays(onDate, -rng.int(2 * 365, 5 * 365 - 10));
      posts.push({
        ...fromSpec,
        personId,
        cadreKey: personId,
        startOn: fromStart,
        probationEndOn: null,
        termEndOn: termEnd(fromStart, settings),
        endOn: onDate,
        endReason: `${kind === 'exchange' ? '交流' : '轮岗'}（${documentNo}）`,
        documentNo: doc(fromStart),
      });
      const fromIndex = posts.length - 1;
      const toIndex = held(personId, s.spec, onDate, false);
      posts[toIndex]!.documentNo = documentNo;
      rotations.push({ personId, kind, onDate, documentNo, from: fromIndex, to: toIndex });
    } else if (r < 0.5 && s.spec.level === 'principal') {
      // Promoted from 副职 in the last three years (in 试用期 for the first year).
      const onDate = addDays(today, -rng.int(60, 3 * 365));
      const deputyStart = addDays(onDate, -rng.int(2 * 365 + 30, 5 * 365 - 10));
      const t = headTitles(s.unit);
      posts.push({
        ...s.spec,
        title: s.unit.kind === 'college' && s.spec.title === '党总支书记' ? '党总支副书记' : t.deputy,
        level: 'deputy',
        personId,
        cadreKey: personId,
        startOn: deputyStart,
        probationEndOn: null,
        termEndOn: termEnd(deputyStart, settings),
        endOn: onDate,
        endReason: '提任正职，免去原职务',
        documentNo: doc(deputyStart),
      });
      held(personId, s.spec, onDate, onDate > addDays(today, -365));
    } else held(personId, s.spec, ordinarySince(), false);
  }

  // Past cadres: 免职 and 退休 in the last three years.
  const retiredPeople: number[] = [];
  const pastUnits = rng.shuffle(units);
  for (let i = 0; i < 16; i++) {
    const retiring = i < 8;
    let personId: number | null;
    if (retiring) {
      personId = retiredPool.find((r) => !used.has(r.id))?.id ?? null;
      if (personId !== null) used.add(personId);
    } else personId = take(null);
    if (personId === null) continue;
    const u = pastUnits[i % pastUnits.length]!;
    const t = headTitles(u);
    const principal = rng.chance(0.5);
    const endOn = addDays(today, -rng.int(30, 3 * 365));
    const startOn = addDays(endOn, -rng.int(2 * 365, 5 * 365 - 10));
    posts.push({
      unitId: u.id,
      title: principal ? t.head : t.deputy,
      level: principal ? 'principal' : 'deputy',
      track: u.kind === 'college' ? 'admin' : trackOf(u),
      personId,
      cadreKey: personId,
      startOn,
      probationEndOn: null,
      termEndOn: termEnd(startOn, settings),
      endOn,
      endReason: retiring ? '退休' : rng.pick(['免职（工作需要）', '免职（本人申请）']),
      documentNo: doc(startOn),
    });
    if (retiring) retiredPeople.push(personId);
  }

  // Write: cadres, posts, rotations.
  const people = [...new Set(posts.map((p) => p.personId))];
  const cadreRows = await db
    .insertInto('cadre')
    .values(
      people.map((personId) => ({
        person_id: personId,
        note: concurrentPeople.includes(personId) ? '党总支书记兼任副院长（交叉任职）' : null,
        updated_at: now,
      })),
    )
    .returning(['id', 'person_id'])
    .execute();
  const cadreOf = new Map(cadreRows.map((c) => [c.person_id, c.id]));
  const postIds = await db
    .insertInto('cadre_post')
    .values(
      posts.map((p) => ({
        cadre_id: cadreOf.get(p.personId)!,
        unit_id: p.unitId,
        title: p.title,
        level: p.level,
        track: p.track,
        document_no: p.documentNo,
        start_on: p.startOn,
        probation_end_on: p.probationEndOn,
        term_end_on: p.termEndOn,
        end_on: p.endOn,
        end_reason: p.endReason,
      })),
    )
    .returning('id')
    .execute();
  if (rotations.length > 0)
    await db
      .insertInto('cadre_rotation')
      .values(
        rotations.map((r) => ({
          cadre_id: cadreOf.get(r.personId)!,
          kind: r.kind,
          on_date: r.onDate,
          document_no: r.documentNo,
          from_post_id: postIds[r.from]!.id,
          to_post_id: postIds[r.to]!.id,
          note: null,
          actor_id: null,
        })),
      )
      .execute();

  // The year's 干部网络学院 course of the current cadres: most complete it; one in ten has not yet.
  const ends = addDays(today, -rng.int(15, 40));
  if (ends.startsWith(String(year)) && ends >= `${year}-03-01`) {
    const current = [...new Set(posts.filter((p) => p.endOn === null).map((p) => p.personId))];
    const rows = current.flatMap((personId, i) =>
      rng.chance(0.1)
        ? []
        : [
            {
              person_id: personId,
              title: `${year}年度干部网络学院专题学习`,
              organiser: '省干部网络学院',
              starts_on: `${year}-03-01`,
              ends_on: ends,
              hours: rng.int(50, 70),
              certificate_no: `GBWX-${year}-${String(3000 + i)}`,
            },
          ],
    );
    if (rows.length > 0) await db.insertInto('external_training').values(rows).execute();
  }

  const ids = (list: number[]) => list.map((p) => cadreOf.get(p)!);
  return {
    cadres: people.length,
    posts: posts.length,
    currentPosts: posts.filter((p) => p.endOn === null).length,
    rotations: rotations.length,
    inProbation: posts.filter(
      (p) => p.endOn === null && p.probationEndOn !== null && p.probationEndOn >= today,
    ).length,
    rotationDue: ids(plantedPeople.due),
    rotationSoon: ids(plantedPeople.soon),
    termEnding: ids(plantedPeople.term),
    concurrent: ids(concurrentPeople),
    retired: ids(retiredPeople),
  };
}
