// Transfers (组织关系转接): kinds, statuses, sides and actions with their Chinese labels; contracts and rules both read them.

/**
 * Kinds of transfer (组织关系转接): between two branches of the college, out of the college with an
 * introduction letter (介绍信), and into the college on a letter from elsewhere.
 */
export const transferKinds = ['internal', 'outgoing', 'incoming'] as const;
export type TransferKind = (typeof transferKinds)[number];
export const transferKindLabels = {
  internal: '校内转接',
  outgoing: '转出本校',
  incoming: '转入本校',
} as const satisfies Record<TransferKind, string>;

/**
 * States of a transfer. Internal: requested → completed (confirmed by the other side) / rejected /
 * cancelled. Outgoing: issued → completed (回执 back) / cancelled. Incoming: registered → completed
 * (placed in a branch) / cancelled.
 */
export const transferStatuses = [
  'requested',
  'issued',
  'registered',
  'completed',
  'rejected',
  'cancelled',
] as const;
export type TransferStatus = (typeof transferStatuses)[number];
export const transferStatusLabels = {
  requested: '待确认',
  issued: '待回执',
  registered: '待报到',
  completed: '已办结',
  rejected: '已退回',
  cancelled: '已撤销',
} as const satisfies Record<TransferStatus, string>;

/** The statuses each kind passes through; the first is the one it starts in. */
export const transferStatusesByKind = {
  internal: ['requested', 'completed', 'rejected', 'cancelled'],
  outgoing: ['issued', 'completed', 'cancelled'],
  incoming: ['registered', 'completed', 'cancelled'],
} as const satisfies Record<TransferKind, readonly TransferStatus[]>;

/** Statuses of a transfer still waiting for someone. */
export const openTransferStatuses = [
  'requested',
  'issued',
  'registered',
] as const satisfies readonly TransferStatus[];

/** The two sides of an internal transfer: the sending and the receiving org. */
export const transferSides = ['from', 'to'] as const;
export type TransferSide = (typeof transferSides)[number];
export const transferSideLabels = {
  from: '转出党组织',
  to: '接收党组织',
} as const satisfies Record<TransferSide, string>;

/** What one may do with a transfer; the server computes these per row, the UI shows buttons from them. */
export const transferActions = [
  'confirm',
  'reject',
  'cancel',
  'recordReceipt',
  'place',
  'downloadLetter',
] as const;
export type TransferAction = (typeof transferActions)[number];
export const transferActionLabels = {
  confirm: '确认接收',
  reject: '退回',
  cancel: '撤销',
  recordReceipt: '登记回执',
  place: '报到编入',
  downloadLetter: '下载介绍信',
} as const satisfies Record<TransferAction, string>;
