import type {
  ActivityAbilities,
  ActivityDetail,
  ActivityListItem,
  AgendaItem,
  AttendanceStatus,
  Attendee,
  ReviewRating,
  ThemeSegment,
  VoteSummary,
} from '@dangjian/core';
import type {
  ActivityListRow,
  ActivityRow,
  AttendeeRow,
  attachmentsOf,
  resolutionsOf,
  reviewsOf,
} from './repo.ts';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

/** A row of the activity list. */
export function presentListItem(r: ActivityListRow): ActivityListItem {
  return {
    id: r.id,
    org: { id: r.org_id, name: r.org_name },
    kind: r.kind,
    title: r.title,
    status: r.status,
    startsAt: iso(r.starts_at)!,
    onDate: r.on_date,
    place: r.place,
    host: ref(r.host_person_id, r.host_name),
    hasFirstTopic: r.has_first_topic,
    counts: {
      expected: r.n_expected,
      present: r.n_present,
      leave: r.n_leave,
      absent: r.n_absent,
      pending: r.n_expected - r.n_present - r.n_leave - r.n_absent,
    },
    rating: r.rating,
    pendingLeave: r.n_pending_leave,
  };
}

/** An attendee row; leader posts are computed for the day by the caller. */
export function presentAttendee(r: AttendeeRow, leaderPosts: string[]): Attendee {
  const partyStatus = r.party_status;
  const role = r.role;
  return {
    personId: r.person_id,
    name: r.name,
    role,
    partyStatus,
    mayVote: partyStatus === 'full' && role !== 'guest',
    status: r.status,
    signedInAt: iso(r.signed_in_at),
    signInMethod: r.sign_in_method,
    manualReason: r.manual_reason,
    leave:
      r.leave_status && r.leave_reason && r.leave_requested_at
        ? {
            status: r.leave_status,
            reason: r.leave_reason,
            requestedAt: iso(r.leave_requested_at)!,
            note: r.leave_note,
          }
        : null,
    leaderPosts,
  };
}

type Resolutions = Awaited<ReturnType<typeof resolutionsOf>>;
type Attachments = Awaited<ReturnType<typeof attachmentsOf>>;
type Reviews = Awaited<ReturnType<typeof reviewsOf>>;

/** The whole record as the detail page shows it. */
export function presentDetail(
  a: ActivityRow,
  parts: {
    attendees: Attendee[];
    resolutions: Resolutions;
    attachments: Attachments;
    reviews: Reviews;
    votes: VoteSummary | null;
    abilities: ActivityAbilities;
    rating: ReviewRating | null;
  },
): ActivityDetail {
  const count = (s: AttendanceStatus) => parts.attendees.filter((x) => x.status === s).length;
  const pendingLeave = parts.attendees.filter(
    (x) => x.status === 'expected' && x.leave?.status === 'requested',
  ).length;
  return {
    id: a.id,
    org: { id: a.org_id, name: a.org_name },
    kind: a.kind,
    title: a.title,
    status: a.status,
    startsAt: iso(a.starts_at)!,
    onDate: a.on_date,
    place: a.place,
    host: ref(a.host_person_id, a.host_name),
    hasFirstTopic: a.has_first_topic,
    counts: {
      expected: parts.attendees.length,
      present: count('present'),
      leave: count('leave'),
      absent: count('absent'),
      pending: count('expected'),
    },
    rating: parts.rating,
    pendingLeave,
    endsAt: iso(a.ends_at),
    recorder: ref(a.recorder_person_id, a.recorder_name),
    speaker: a.speaker,
    partner: ref(a.partner_person_id, a.partner_name),
    topic: a.topic,
    agenda: a.agenda as AgendaItem[],
    segments: a.segments as ThemeSegment[],
    notice: a.notice,
    noticePublishedAt: iso(a.notice_published_at),
    minutes: a.minutes,
    summary: a.summary,
    placeCheck:
      a.check_lat !== null && a.check_lng !== null && a.check_radius_m !== null
        ? { lat: a.check_lat, lng: a.check_lng, radiusM: a.check_radius_m }
        : null,
    signInOpen: a.status === 'held' && a.sign_in_open,
    closedAt: iso(a.closed_at),
    cancelReason: a.cancel_reason,
    quorumMet: a.quorum_met,
    attendees: parts.attendees,
    resolutions: parts.resolutions.map((r) => ({
      id: r.id,
      position: r.position,
      title: r.title,
      content: r.content,
      isVote: r.is_vote,
      entitled: r.entitled,
      presentEntitled: r.present_entitled,
      votesFor: r.votes_for,
      votesAgainst: r.votes_against,
      abstentions: r.abstentions,
      writtenFor: r.written_for,
      writtenAgainst: r.written_against,
      outcome: r.outcome as ActivityDetail['resolutions'][number]['outcome'],
    })),
    attachments: parts.attachments.map((f) => ({
      id: f.id,
      kind: f.kind,
      fileName: f.file_name,
      mimeType: f.mime_type,
      size: f.size,
      uploadedAt: iso(f.uploaded_at)!,
    })),
    reviews: parts.reviews.map((r) => ({
      id: r.id,
      reviewerName: r.reviewer_name,
      reviewerOrg: ref(r.reviewer_org_id, r.reviewer_org_name),
      rating: r.rating,
      contentComment: r.content_comment,
      procedureComment: r.procedure_comment,
      reviewedAt: iso(r.reviewed_at)!,
      response: r.response,
      responderName: r.responder_name,
      respondedAt: iso(r.responded_at),
    })),
    votes: parts.votes,
    abilities: parts.abilities,
    version: a.version,
  };
}
