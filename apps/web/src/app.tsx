import type { PermissionCode } from '@dangjian/core';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { RouteErrorPage } from './components/error-boundary';
import { RequirePermission } from './components/require-permission';
import { AuthProvider, PageSpin, RequireAuth } from './lib/auth';

/** React.lazy for a page module's named export, so every page is its own chunk. */
function lazyPage<K extends string>(load: () => Promise<{ [P in K]: ComponentType }>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

// The signed-in shell (menu, drawer, their icons) is a chunk of its own too: /login does not fetch it.
const AppLayout = lazyPage(() => import('./layout/app-layout'), 'AppLayout');
const SetupPage = lazyPage(() => import('./pages/setup/index'), 'SetupPage');
const SetupChecklistPage = lazyPage(() => import('./pages/setup/checklist'), 'SetupChecklistPage');
const LoginPage = lazyPage(() => import('./pages/login/index'), 'LoginPage');
const ChangePasswordPage = lazyPage(() => import('./pages/change-password/index'), 'ChangePasswordPage');
const DashboardPage = lazyPage(() => import('./pages/dashboard/index'), 'DashboardPage');
const OverviewPage = lazyPage(() => import('./pages/overview/index'), 'OverviewPage');
const OrgsPage = lazyPage(() => import('./pages/orgs/index'), 'OrgsPage');
const AlertsPage = lazyPage(() => import('./pages/alerts/index'), 'AlertsPage');
const AlertDetailPage = lazyPage(() => import('./pages/alerts/detail'), 'AlertDetailPage');
const RectificationsPage = lazyPage(() => import('./pages/rectification/index'), 'RectificationsPage');
const SupervisedTasksPage = lazyPage(() => import('./pages/supervision/index'), 'SupervisedTasksPage');
const CadreAppointmentsPage = lazyPage(
  () => import('./pages/cadre-appointments/index'),
  'CadreAppointmentsPage',
);
const CadreAppointmentDetailPage = lazyPage(
  () => import('./pages/cadre-appointments/detail'),
  'CadreAppointmentDetailPage',
);
const AppointmentSettingsPage = lazyPage(
  () => import('./pages/cadre-appointments/settings'),
  'AppointmentSettingsPage',
);
const MyBallotsPage = lazyPage(() => import('./pages/ballots/mine'), 'MyBallotsPage');
const MemberAppraisalsPage = lazyPage(
  () => import('./pages/member-appraisals/index'),
  'MemberAppraisalsPage',
);
const MemberAppraisalDetailPage = lazyPage(
  () => import('./pages/member-appraisals/detail'),
  'MemberAppraisalDetailPage',
);
const MyAppraisalPage = lazyPage(() => import('./pages/member-appraisals/mine'), 'MyAppraisalPage');
const BallotPage = lazyPage(() => import('./pages/ballots/detail'), 'BallotPage');
const SupervisedTaskDetailPage = lazyPage(
  () => import('./pages/supervision/detail'),
  'SupervisedTaskDetailPage',
);
const RectificationDetailPage = lazyPage(
  () => import('./pages/rectification/detail'),
  'RectificationDetailPage',
);
const CampaignsPage = lazyPage(() => import('./pages/rectification-campaigns/index'), 'CampaignsPage');
const CampaignDetailPage = lazyPage(
  () => import('./pages/rectification-campaigns/detail'),
  'CampaignDetailPage',
);
const InspectionsPage = lazyPage(() => import('./pages/inspections/index'), 'InspectionsPage');
const InspectionDetailPage = lazyPage(() => import('./pages/inspections/detail'), 'InspectionDetailPage');
const AssessmentRoundsPage = lazyPage(() => import('./pages/assessments/index'), 'AssessmentRoundsPage');
const DutyReviewsPage = lazyPage(() => import('./pages/duty-reviews/index'), 'DutyReviewsPage');
const CadreReviewsPage = lazyPage(() => import('./pages/cadre-reviews/index'), 'CadreReviewsPage');
const CadreReviewDetailPage = lazyPage(() => import('./pages/cadre-reviews/detail'), 'CadreReviewDetailPage');
const DutyReviewDetailPage = lazyPage(() => import('./pages/duty-reviews/detail'), 'DutyReviewDetailPage');
const AssessmentRoundPage = lazyPage(() => import('./pages/assessments/round'), 'AssessmentRoundPage');
const AssessmentScorecardPage = lazyPage(
  () => import('./pages/assessments/scorecard'),
  'AssessmentScorecardPage',
);
const StarMapPage = lazyPage(() => import('./pages/assessments/star-map'), 'StarMapPage');
const IndicatorSystemsPage = lazyPage(() => import('./pages/assessments/systems'), 'IndicatorSystemsPage');
const IndicatorSystemPage = lazyPage(
  () => import('./pages/assessments/system-editor'),
  'IndicatorSystemPage',
);
const UnitsPage = lazyPage(() => import('./pages/units/index'), 'UnitsPage');
const RuleSettingsPage = lazyPage(() => import('./pages/rule-settings/index'), 'RuleSettingsPage');
const SecurityPolicyPage = lazyPage(() => import('./pages/security-policy/index'), 'SecurityPolicyPage');
const UsersPage = lazyPage(() => import('./pages/users/index'), 'UsersPage');
const TransfersPage = lazyPage(() => import('./pages/transfers/index'), 'TransfersPage');
const AuditPage = lazyPage(() => import('./pages/audit/index'), 'AuditPage');
const MembersPage = lazyPage(() => import('./pages/members/index'), 'MembersPage');
const MemberDetailPage = lazyPage(() => import('./pages/members/detail'), 'MemberDetailPage');
const MemberImportPage = lazyPage(() => import('./pages/members/import'), 'MemberImportPage');
const MemberStatsPage = lazyPage(() => import('./pages/members/stats'), 'MemberStatsPage');
const PartyStatisticsPage = lazyPage(() => import('./pages/party-statistics/index'), 'PartyStatisticsPage');
const CorrectionsPage = lazyPage(() => import('./pages/members/corrections'), 'CorrectionsPage');
const MyMemberPage = lazyPage(() => import('./pages/me/index'), 'MyMemberPage');
const ActivitiesPage = lazyPage(() => import('./pages/activities/index'), 'ActivitiesPage');
const CompliancePage = lazyPage(() => import('./pages/compliance/index'), 'CompliancePage');
const ActivityDetailPage = lazyPage(() => import('./pages/activities/detail'), 'ActivityDetailPage');
const ActivityScreenPage = lazyPage(() => import('./pages/activities/screen'), 'ActivityScreenPage');
const MyActivitiesPage = lazyPage(() => import('./pages/my-activities/index'), 'MyActivitiesPage');
const MyAttendancePage = lazyPage(() => import('./pages/my-activities/attendance'), 'MyAttendancePage');
const CadreReservePage = lazyPage(() => import('./pages/cadre-reserve/index'), 'CadreReservePage');
const CadreReserveDetailPage = lazyPage(
  () => import('./pages/cadre-reserve/detail'),
  'CadreReserveDetailPage',
);
const CadreReserveSettingsPage = lazyPage(
  () => import('./pages/cadre-reserve/settings'),
  'CadreReserveSettingsPage',
);
const TrainingsPage = lazyPage(() => import('./pages/trainings/index'), 'TrainingsPage');
const TrainingDetailPage = lazyPage(() => import('./pages/trainings/detail'), 'TrainingDetailPage');
const TrainingHoursPage = lazyPage(() => import('./pages/trainings/hours'), 'TrainingHoursPage');
const PersonTrainingHoursPage = lazyPage(() => import('./pages/trainings/person'), 'PersonTrainingHoursPage');
const MyTrainingHoursPage = lazyPage(() => import('./pages/trainings/mine'), 'MyTrainingHoursPage');
const TrainingSettingsPage = lazyPage(() => import('./pages/trainings/settings'), 'TrainingSettingsPage');
const TrainingIncentivesPage = lazyPage(
  () => import('./pages/trainings/incentives'),
  'TrainingIncentivesPage',
);
const SignInPage = lazyPage(() => import('./pages/my-activities/sign-in'), 'SignInPage');
const RecruitmentPage = lazyPage(() => import('./pages/recruitment/index'), 'RecruitmentPage');
const RecruitmentDetailPage = lazyPage(() => import('./pages/recruitment/detail'), 'RecruitmentDetailPage');
const RecruitmentPipelinePage = lazyPage(
  () => import('./pages/recruitment/pipeline'),
  'RecruitmentPipelinePage',
);
const RecruitmentTemplatesPage = lazyPage(
  () => import('./pages/recruitment/templates'),
  'RecruitmentTemplatesPage',
);
const MyRecruitmentPage = lazyPage(() => import('./pages/my-recruitment/index'), 'MyRecruitmentPage');
const NotificationsPage = lazyPage(() => import('./pages/notifications/index'), 'NotificationsPage');
const NotificationSettingsPage = lazyPage(
  () => import('./pages/notifications/settings'),
  'NotificationSettingsPage',
);
const InboxPage = lazyPage(() => import('./pages/inbox/index'), 'InboxPage');
const HelpPage = lazyPage(() => import('./pages/help/index'), 'HelpPage');
const SearchPage = lazyPage(() => import('./pages/search/index'), 'SearchPage');
const CadresPage = lazyPage(() => import('./pages/cadres/index'), 'CadresPage');
const CadreDetailPage = lazyPage(() => import('./pages/cadres/detail'), 'CadreDetailPage');
const CadreTermSettingsPage = lazyPage(() => import('./pages/cadres/settings'), 'CadreTermSettingsPage');
const NotFoundPage = lazyPage(() => import('./pages/not-found/index'), 'NotFoundPage');

/** Everything under the router: the session provider and a loading fallback for lazy pages. */
function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={<PageSpin />}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

function guarded(permission: PermissionCode, page: ReactNode) {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
}

/** The routes of the app; each signed-in page declares the permission it needs (as the menu does). */
export const router = createBrowserRouter([
  {
    element: <Root />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/setup', element: <SetupPage /> },
      { path: '/login', element: <LoginPage /> },
      {
        path: '/change-password',
        element: (
          <RequireAuth>
            <ChangePasswordPage />
          </RequireAuth>
        ),
      },
      // Full-screen pages without the side menu: the meeting screen and the phone's sign-in landing.
      {
        path: '/activities/:id/screen',
        element: <RequireAuth>{guarded('life:activity:view', <ActivityScreenPage />)}</RequireAuth>,
      },
      {
        path: '/m/sign-in',
        element: (
          <RequireAuth>
            <SignInPage />
          </RequireAuth>
        ),
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: guarded('dashboard:home:view', <DashboardPage />) },
          { path: 'overview', element: guarded('dashboard:overview:view', <OverviewPage />) },
          { path: 'orgs/:orgId?', element: guarded('org:org:view', <OrgsPage />) },
          { path: 'alerts', element: guarded('alert:alert:view', <AlertsPage />) },
          // A finding assigned to someone opens for them from 待办 too (the server checks who may read it).
          { path: 'alerts/:key', element: <AlertDetailPage /> },
          { path: 'rectifications', element: guarded('rectification:item:view', <RectificationsPage />) },
          {
            path: 'rectifications/:id',
            element: guarded('rectification:item:view', <RectificationDetailPage />),
          },
          {
            path: 'rectification-campaigns',
            element: guarded('rectification:item:view', <CampaignsPage />),
          },
          {
            path: 'rectification-campaigns/:id',
            element: guarded('rectification:item:view', <CampaignDetailPage />),
          },
          { path: 'inspections', element: guarded('inspection:round:view', <InspectionsPage />) },
          { path: 'inspections/:id', element: guarded('inspection:round:view', <InspectionDetailPage />) },
          { path: 'supervised-tasks', element: guarded('supervision:task:view', <SupervisedTasksPage />) },
          {
            path: 'supervised-tasks/:id',
            element: guarded('supervision:task:view', <SupervisedTaskDetailPage />),
          },
          { path: 'cadre-appointments', element: guarded('cadre:file:view', <CadreAppointmentsPage />) },
          {
            path: 'cadre-appointments/:id',
            element: guarded('cadre:file:view', <CadreAppointmentDetailPage />),
          },
          {
            path: 'settings/cadre-appointments',
            element: guarded('setting:rule:view', <AppointmentSettingsPage />),
          },
          { path: 'assessments', element: guarded('assessment:round:view', <AssessmentRoundsPage />) },
          { path: 'duty-reviews', element: guarded('assessment:duty:view', <DutyReviewsPage />) },
          { path: 'duty-reviews/:id', element: guarded('assessment:duty:view', <DutyReviewDetailPage />) },
          { path: 'cadre-reviews', element: guarded('cadre:file:view', <CadreReviewsPage />) },
          { path: 'cadre-reviews/:id', element: guarded('cadre:file:view', <CadreReviewDetailPage />) },
          {
            path: 'assessments/systems',
            element: guarded('assessment:system:manage', <IndicatorSystemsPage />),
          },
          {
            path: 'assessments/systems/:id',
            element: guarded('assessment:system:manage', <IndicatorSystemPage />),
          },
          { path: 'assessments/star-map', element: guarded('assessment:round:view', <StarMapPage />) },
          { path: 'assessments/:id', element: guarded('assessment:round:view', <AssessmentRoundPage />) },
          {
            path: 'assessments/:id/orgs/:orgId',
            element: guarded('assessment:round:view', <AssessmentScorecardPage />),
          },
          { path: 'transfers', element: guarded('member:member:view', <TransfersPage />) },
          { path: 'members', element: guarded('member:member:view', <MembersPage />) },
          { path: 'members/import', element: guarded('member:member:import', <MemberImportPage />) },
          { path: 'members/stats', element: guarded('member:member:view', <MemberStatsPage />) },
          { path: 'party-statistics', element: guarded('member:member:view', <PartyStatisticsPage />) },
          { path: 'members/corrections', element: guarded('member:correction:review', <CorrectionsPage />) },
          { path: 'members/:id', element: guarded('member:member:view', <MemberDetailPage />) },
          { path: 'me', element: <MyMemberPage /> },
          { path: 'me/activities', element: <MyActivitiesPage /> },
          { path: 'me/attendance', element: <MyAttendancePage /> },
          { path: 'me/training-hours', element: <MyTrainingHoursPage /> },
          { path: 'trainings', element: guarded('training:course:view', <TrainingsPage />) },
          { path: 'cadre-reserve', element: guarded('cadre:file:view', <CadreReservePage />) },
          {
            path: 'cadre-reserve/settings',
            element: guarded('cadre:file:view', <CadreReserveSettingsPage />),
          },
          { path: 'cadre-reserve/:id', element: guarded('cadre:file:view', <CadreReserveDetailPage />) },
          { path: 'training-settings', element: guarded('setting:rule:view', <TrainingSettingsPage />) },
          {
            path: 'training-incentives',
            element: guarded('training:incentive:view', <TrainingIncentivesPage />),
          },
          { path: 'trainings/:id', element: guarded('training:course:view', <TrainingDetailPage />) },
          { path: 'training-hours', element: guarded('training:course:view', <TrainingHoursPage />) },
          {
            path: 'training-hours/:personId',
            element: guarded('training:course:view', <PersonTrainingHoursPage />),
          },
          { path: 'me/recruitment', element: <MyRecruitmentPage /> },
          { path: 'me/ballots', element: guarded('ballot:ballot:vote', <MyBallotsPage />) },
          { path: 'me/appraisal', element: <MyAppraisalPage /> },
          { path: 'member-appraisals', element: guarded('appraisal:member:view', <MemberAppraisalsPage />) },
          {
            path: 'member-appraisals/:id',
            element: guarded('appraisal:member:view', <MemberAppraisalDetailPage />),
          },
          { path: 'ballots/:id', element: guarded('ballot:ballot:manage', <BallotPage />) },
          // Every signed-in user has their own messages and settings.
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'notifications/settings', element: <NotificationSettingsPage /> },
          // 待办: each user's own, whatever their role (the server decides what waits for whom).
          { path: 'inbox', element: <InboxPage /> },
          { path: 'activities', element: guarded('life:activity:view', <ActivitiesPage />) },
          { path: 'activities/:id', element: guarded('life:activity:view', <ActivityDetailPage />) },
          { path: 'compliance', element: guarded('life:activity:view', <CompliancePage />) },
          { path: 'recruitment', element: guarded('recruitment:dossier:view', <RecruitmentPage />) },
          {
            path: 'recruitment/pipeline',
            element: guarded('recruitment:dossier:view', <RecruitmentPipelinePage />),
          },
          {
            path: 'recruitment/templates',
            element: guarded('recruitment:template:edit', <RecruitmentTemplatesPage />),
          },
          {
            path: 'recruitment/:id',
            element: guarded('recruitment:dossier:view', <RecruitmentDetailPage />),
          },
          { path: 'units', element: guarded('org:unit:edit', <UnitsPage />) },
          { path: 'setup/checklist', element: guarded('org:org:edit', <SetupChecklistPage />) },
          { path: 'settings/rules', element: guarded('setting:rule:view', <RuleSettingsPage />) },
          { path: 'settings/security', element: guarded('security:policy:view', <SecurityPolicyPage />) },
          { path: 'system/users', element: guarded('system:user:view', <UsersPage />) },
          { path: 'audit', element: guarded('audit:log:view', <AuditPage />) },
          { path: 'help', element: <HelpPage /> },
          // Any signed-in user; the server searches only the kinds their permissions let them view.
          { path: 'search', element: <SearchPage /> },
          // Cadre files: anyone without cadre:file:view gets the not-found page (the pages check).
          { path: 'cadres', element: <CadresPage /> },
          { path: 'cadres/:id', element: <CadreDetailPage /> },
          { path: 'cadre-settings', element: <CadreTermSettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
