import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { onAuthProblem } from '../shared/api';
import { ErrorState, LoadingState } from '../shared/ui/states';
import { SessionProvider, useSession } from './session';
import { MetadataProvider } from './metadata';
import { Shell } from './Shell';
import { theme } from './theme';
import { SignInPage } from '../auth/SignInPage';
import { ChangePasswordPage } from '../auth/ChangePasswordPage';
import { SearchPage } from '../work/SearchPage';
import { ProfilePage } from '../profile/ProfilePage';
import { UsersPage } from '../admin/UsersPage';
import { RecordListPage } from '../records/RecordListPage';
import { RecordDetailPage } from '../records/RecordDetailPage';
import { RecordFormPage } from '../records/RecordFormPage';
import { NotFoundPage } from './NotFoundPage';
import { CataloguePage } from '../compliance/CataloguePage';
import { WorksheetPage } from '../compliance/WorksheetPage';
import { HeatmapPage } from '../compliance/HeatmapPage';
import { MaturityPage } from '../compliance/MaturityPage';
import { ReadinessPage } from '../compliance/ReadinessPage';
import { QueuePage } from '../queue/QueuePage';
import { DashboardPage as ServiceLevelDashboardPage } from '../service-levels/DashboardPage';
import { PortalPage } from '../requests/PortalPage';
import { RaiseRequestPage } from '../requests/RaiseRequestPage';
import { MyRequestPage } from '../requests/MyRequestPage';
import { RequestModelEditorPage } from '../requests/RequestModelEditorPage';
import { RequesterHome } from '../requests/RequesterHome';
import { RequestKpisPage } from '../requests/RequestKpisPage';
import { ReportIncidentPage } from '../portal-incidents/ReportIncidentPage';
import { MyIncidentPage } from '../portal-incidents/MyIncidentPage';
import { ImportIncidentsPage } from '../imports/ImportIncidentsPage';
import { ProblemKpisPage } from '../problems/ProblemKpisPage';
import { IncidentKpisPage } from '../incidents/IncidentKpisPage';
import { IncidentSettingsPage } from '../incidents/IncidentSettingsPage';
import { CalendarsPage } from '../calendars/CalendarsPage';
import { CalendarPage } from '../calendars/CalendarPage';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <BrowserRouter>
        <SessionProvider>
          <AuthRedirects />
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route element={<RequireSession />}>
              <Route path="/change-password" element={<ChangePasswordPage />} />
              <Route element={<SignedInLayout />}>
                <Route index element={<RequesterHome />} />
                <Route path="portal" element={<PortalPage />} />
                <Route path="portal/new/:model" element={<RaiseRequestPage />} />
                <Route path="portal/requests/:key" element={<MyRequestPage />} />
                <Route path="portal/incidents/new" element={<ReportIncidentPage />} />
                <Route path="portal/incidents/:key" element={<MyIncidentPage />} />
                <Route path="requests/models/new" element={<RequestModelEditorPage />} />
                <Route path="requests/models/:key" element={<RequestModelEditorPage />} />
                <Route path="requests/kpis" element={<RequestKpisPage />} />
                <Route path="profile" element={<ProfilePage />} />
                <Route path="search" element={<SearchPage />} />
                <Route path="queue" element={<QueuePage />} />
                <Route path="service-levels/dashboard" element={<ServiceLevelDashboardPage />} />
                <Route path="admin/users" element={<UsersPage />} />
                <Route path="imports/incidents" element={<ImportIncidentsPage />} />
                <Route path="incidents/settings" element={<IncidentSettingsPage />} />
                <Route path="incidents/kpis" element={<IncidentKpisPage />} />
                <Route path="problems/kpis" element={<ProblemKpisPage />} />
                <Route path="records/:plural" element={<RecordListPage />} />
                <Route path="records/:plural/new" element={<RecordFormPage mode="create" />} />
                <Route path="records/:plural/:key" element={<RecordDetailPage />} />
                <Route path="records/:plural/:key/edit" element={<RecordFormPage mode="edit" />} />
                <Route path="calendars" element={<CalendarsPage />} />
                <Route path="calendars/new" element={<CalendarPage />} />
                <Route path="calendars/:id" element={<CalendarPage />} />
                <Route path="compliance/catalogue" element={<CataloguePage />} />
                <Route path="compliance/readiness" element={<ReadinessPage />} />
                <Route path="assessments" element={<Navigate to="/records/assessments" replace />} />
                <Route path="assessments/:key" element={<AssessmentRedirect />} />
                <Route path="assessments/:key/worksheet" element={<WorksheetPage />} />
                <Route path="assessments/:key/heatmap" element={<HeatmapPage />} />
                <Route path="assessments/:key/maturity" element={<MaturityPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Routes>
        </SessionProvider>
      </BrowserRouter>
    </MantineProvider>
  );
}

function returnUrl(location: { pathname: string; search: string }): string {
  return `${location.pathname}${location.search}`;
}

/** A 401 anywhere means the session expired; RequireSession then sends the person to sign in. */
function AuthRedirects() {
  const navigate = useNavigate();
  const { expire } = useSession();
  useEffect(
    () =>
      onAuthProblem((error) => {
        if (error.status === 401) expire();
        else if (error.problem.mustChangePassword) navigate('/change-password', { replace: true });
      }),
    [navigate, expire],
  );
  return null;
}

function RequireSession() {
  const { session, loading, ended } = useSession();
  const location = useLocation();
  if (loading) return <LoadingState label="Checking your session…" />;
  if (!session && ended === 'signed-out') return <Navigate to="/sign-in?signedOut=1" replace />;
  if (!session) return <Navigate to={`/sign-in?${ended === 'expired' ? 'expired=1&' : ''}returnTo=${encodeURIComponent(returnUrl(location))}`} replace />;
  if (session.user.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

function SignedInLayout() {
  return (
    <MetadataProvider fallback={<LoadingState label="Loading Certus…" />} errorView={(error, retry) => <ErrorState error={error} onRetry={retry} />}>
      <Shell>
        <Outlet />
      </Shell>
    </MetadataProvider>
  );
}

function AssessmentRedirect() {
  const { key = '' } = useParams();
  return <Navigate to={`/records/assessments/${encodeURIComponent(key)}`} replace />;
}
