import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../pages/account/account-page';
import { LoginPage } from '../pages/auth/login-page';
import { CandidatesPage } from '../pages/candidates/candidates-page';
import { CandidateDetailPage } from '../pages/candidates/candidate-detail-page';
import { DuplicatesPage } from '../pages/candidates/duplicates-page';
import { CandidateImportPage } from '../pages/candidates/import-page';
import { MyDataPage } from '../pages/candidates/my-data-page';
import { NewCandidatePage } from '../pages/candidates/new-candidate-page';
import { ProfileEditPage } from '../pages/candidates/profile-edit-page';
import { RegisterPage } from '../pages/candidates/register-page';
import { VerifyPage } from '../pages/candidates/verify-page';
import { ItemBankPage } from '../pages/evaluations/item-bank-page';
import { TestsPage } from '../pages/evaluations/tests-page';
import { NotFoundPage } from '../pages/errors/not-found-page';
import { RouteErrorPage } from '../pages/errors/route-error-page';
import { HomePage } from '../pages/home/home-page';
import { NewProjectPage } from '../pages/projects/new-project-page';
import { ProjectPage } from '../pages/projects/project-page';
import { ProjectsPage } from '../pages/projects/projects-page';
import { SitesPage } from '../pages/sites/sites-page';
import { JobsPage } from '../pages/offers/jobs-page';
import { MyApplicationsPage } from '../pages/offers/my-applications-page';
import { NewOfferPage, OfferImportPage } from '../pages/offers/new-offer-page';
import { OfferPage } from '../pages/offers/offer-page';
import { OffersPage } from '../pages/offers/offers-page';
import { FollowUpPage } from '../pages/placements/follow-up-page';
import { MyProposalsPage } from '../pages/positioning/my-proposals-page';
import { PositioningPage } from '../pages/positioning/positioning-page';
import { RunPage } from '../pages/positioning/run-page';
import { SessionPage } from '../pages/trainings/session-page';
import { NewSessionPage, SessionImportPage, SessionsPage } from '../pages/trainings/sessions-page';
import { AppLayout } from './app-layout';
import { RequireRole, RequireSession } from './guards';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  { path: '/register', element: <RegisterPage />, errorElement: <RouteErrorPage /> },
  { path: '/verify', element: <VerifyPage />, errorElement: <RouteErrorPage /> },
  {
    element: <RequireSession />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'candidates',
            children: [
              { index: true, element: <RequireRole page="candidates"><CandidatesPage /></RequireRole> },
              { path: 'new', element: <RequireRole page="candidates"><NewCandidatePage /></RequireRole> },
              { path: 'duplicates', element: <RequireRole page="candidates"><DuplicatesPage /></RequireRole> },
              { path: 'import', element: <RequireRole page="candidates"><CandidateImportPage /></RequireRole> },
              { path: ':id', element: <RequireRole page="candidates"><CandidateDetailPage /></RequireRole> },
            ],
          },
          { path: 'profile', element: <RequireRole page="profileEdit"><ProfileEditPage /></RequireRole> },
          { path: 'tests', element: <RequireRole page="tests"><TestsPage /></RequireRole> },
          { path: 'my-data', element: <RequireRole page="myData"><MyDataPage /></RequireRole> },
          { path: 'evaluation-items', element: <RequireRole page="itemBank"><ItemBankPage /></RequireRole> },
          {
            path: 'sites',
            element: (
              <RequireRole page="sites">
                <SitesPage />
              </RequireRole>
            ),
          },
          {
            path: 'projects',
            children: [
              { index: true, element: <RequireRole page="projects"><ProjectsPage /></RequireRole> },
              { path: 'new', element: <RequireRole page="projects"><NewProjectPage /></RequireRole> },
              { path: ':id', element: <RequireRole page="projects"><ProjectPage /></RequireRole> },
            ],
          },
          {
            path: 'offers',
            children: [
              { index: true, element: <RequireRole page="offers"><OffersPage /></RequireRole> },
              { path: 'new', element: <RequireRole page="offerEdit"><NewOfferPage /></RequireRole> },
              { path: 'import', element: <RequireRole page="offerEdit"><OfferImportPage /></RequireRole> },
              { path: ':id', element: <RequireRole page="offers"><OfferPage /></RequireRole> },
            ],
          },
          { path: 'jobs', element: <RequireRole page="jobs"><JobsPage /></RequireRole> },
          { path: 'applications', element: <RequireRole page="myApplications"><MyApplicationsPage /></RequireRole> },
          {
            path: 'trainings',
            children: [
              { index: true, element: <RequireRole page="trainings"><SessionsPage /></RequireRole> },
              { path: 'new', element: <RequireRole page="trainingEdit"><NewSessionPage /></RequireRole> },
              { path: 'import', element: <RequireRole page="trainingEdit"><SessionImportPage /></RequireRole> },
              { path: ':id', element: <RequireRole page="trainings"><SessionPage /></RequireRole> },
            ],
          },
          { path: 'follow-up', element: <RequireRole page="followUp"><FollowUpPage /></RequireRole> },
          {
            path: 'positioning',
            children: [
              { index: true, element: <RequireRole page="positioning"><PositioningPage /></RequireRole> },
              { path: ':id', element: <RequireRole page="positioning"><RunPage /></RequireRole> },
            ],
          },
          { path: 'my-proposals', element: <RequireRole page="myProposals"><MyProposalsPage /></RequireRole> },
          { path: 'account', element: <AccountPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
