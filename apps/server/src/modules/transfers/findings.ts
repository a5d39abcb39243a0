import {
  checkTransfers,
  type Finding,
  type IsoDate,
  type RuleId,
  type TransferFacts,
  type TransferRuleId,
  transferRuleCatalogue,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { activeOrgsForFindings, openTransfers } from './repo.ts';

/** The transfer rules (letters expired, receipts missing) as a findings provider. */
export const transferFindingsProvider: FindingsProvider = {
  id: 'transfers',
  ruleIds: Object.keys(transferRuleCatalogue) as TransferRuleId[],
  reads: ['org', 'transfer', 'person'],
  // Open transfers are few: all are judged, and the store keeps those on the orgs it asked for.
  evaluate: (db, today) => transferFindings(db, today),
};

/** Every open transfer's findings on `today`, filed under the branch on each side. */
async function transferFindings(db: Db | Trx, today: IsoDate): Promise<Finding<RuleId>[]> {
  const [orgs, transfers] = await Promise.all([activeOrgsForFindings(db), openTransfers(db)]);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  // A transfer finding belongs to the branch: a member in a 党小组 is counted by its branch.
  const branchOf = (orgId: number | null) => {
    const org = orgId === null ? undefined : byId.get(orgId);
    const branch = org?.type === 'group' && org.parent_id !== null ? byId.get(org.parent_id) : org;
    return branch ? { id: branch.id, name: branch.name } : null;
  };
  const transferFacts: TransferFacts[] = transfers.map((t) => ({
    id: t.id,
    kind: t.kind,
    status: t.status,
    personName: t.person_name,
    letterNumber: t.letter_number,
    externalOrgName: t.external_org_name,
    requestedSide: t.requested_side,
    requestedOn: t.requested_on,
    expiresOn: t.expires_on,
    receiptOn: t.receipt_on,
    fromOrg: branchOf(t.from_org_id),
    toOrg: branchOf(t.to_org_id),
  }));
  return checkTransfers(transferFacts, today);
}
