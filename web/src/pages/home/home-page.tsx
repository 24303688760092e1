import { hasDashboard } from '../../app/access';
import { useMe } from '../../app/session';
import { CandidateHome } from './candidate-home';
import { TerritoryDashboard } from './territory-dashboard';

export function HomePage() {
  const me = useMe();
  return hasDashboard(me.role) ? <TerritoryDashboard /> : <CandidateHome />;
}
