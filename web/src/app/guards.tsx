import { Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageLoader } from '../components/full-page-loader';
import { QueryError } from '../components/query-error';
import { ForbiddenPage } from '../pages/errors/forbidden-page';
import { canOpen, type PageName } from './access';
import { useMe, useSession } from './session';
import { TerritoryProvider } from './territory';

/** Renders the signed-in part of the app, or sends the visitor to the login page. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return (
      <Container size="sm" py="xl">
        <QueryError error={session.error} onRetry={() => void session.refetch()} />
      </Container>
    );
  }
  if (!session.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return (
    <TerritoryProvider me={session.data}>
      <Outlet />
    </TerritoryProvider>
  );
}

/** Shows the access-denied page in place of a page the user's role may not open. */
export function RequireRole({ page, children }: { page: PageName; children: ReactNode }) {
  const me = useMe();
  return canOpen(me.role, page) ? children : <ForbiddenPage />;
}
