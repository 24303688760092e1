import { createBrowserRouter } from 'react-router';
import { AccountPage } from '../pages/account/account-page';
import { LoginPage } from '../pages/auth/login-page';
import { CandidatesPage } from '../pages/candidates/candidates-page';
import { NotFoundPage } from '../pages/errors/not-found-page';
import { RouteErrorPage } from '../pages/errors/route-error-page';
import { HomePage } from '../pages/home/home-page';
import { SitesPage } from '../pages/sites/sites-page';
import { AppLayout } from './app-layout';
import { RequireRole, RequireSession } from './guards';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
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
            element: (
              <RequireRole page="candidates">
                <CandidatesPage />
              </RequireRole>
            ),
          },
          {
            path: 'sites',
            element: (
              <RequireRole page="sites">
                <SitesPage />
              </RequireRole>
            ),
          },
          { path: 'account', element: <AccountPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
