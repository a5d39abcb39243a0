import { defaultRuleSettings, evaluateOrgRules } from '@dangjian/core';
import { buildRuleFacts } from './facts.ts';
import { generateCollege } from './generate.ts';
for (const scale of [1, 10]) {
  const t0 = performance.now();
  const d = generateCollege({ scale, today: '2026-11-21' });
  const ms = performance.now() - t0;
  const branches = d.orgs.filter((o) => ['branch', 'joint_branch', 'temporary_branch'].includes(o.type)).length;
  console.log(scale, ms.toFixed(0), 'ms units', d.units.length, 'majors', d.majors.length, 'orgs', d.orgs.length, 'branches', branches, 'groups', d.orgs.filter(o=>o.type==='group').length, 'people', d.people.length, 'terms', d.terms.length, 'appts', d.appointments.length);
  const f = buildRuleFacts(d, d.today);
  const findings = evaluateOrgRules(f.orgs, f.units, defaultRuleSettings, d.today);
  const by: Record<string, number> = {};
  for (const x of findings) by[x.ruleId] = (by[x.ruleId] ?? 0) + 1;
  console.log(findings.length, by);
  if (scale === 1) { for (const x of findings) console.log(x.ruleId, x.orgName, x.message); console.log(d.accounts); }
}
