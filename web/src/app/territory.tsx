/**
 * The territory the pages work on. Admins choose it (kept in localStorage); every other role is fixed
 * to the territory of their account.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/guichet';
import type { Me, Territory } from '../api/types';

const storageKey = 'guichet.territory';

interface TerritoryState {
  /** null while an admin's territory list loads, or when a user has no territory. */
  code: string | null;
  territory: Territory | undefined;
  territories: Territory[];
  canSwitch: boolean;
  setCode: (code: string) => void;
}

const TerritoryContext = createContext<TerritoryState | null>(null);

function readStored(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function TerritoryProvider({ me, children }: { me: Me; children: ReactNode }) {
  const canSwitch = me.role === 'admin';
  const { data: territories = [] } = useQuery({
    queryKey: ['territories'],
    queryFn: api.territories,
    staleTime: 10 * 60_000,
  });
  const [chosen, setChosen] = useState<string | null>(readStored);

  const setCode = useCallback((code: string) => {
    setChosen(code);
    try {
      localStorage.setItem(storageKey, code);
    } catch {
      // Private mode: the choice lasts for the page only.
    }
  }, []);

  const value = useMemo<TerritoryState>(() => {
    let code: string | null;
    if (canSwitch) {
      const known = territories.some((territory) => territory.code === chosen);
      code = known ? chosen : (territories[0]?.code ?? null);
    } else {
      code = me.territoryCode;
    }
    const territory = territories.find((candidate) => candidate.code === code);
    return { code, territory, territories, canSwitch, setCode };
  }, [canSwitch, chosen, me.territoryCode, setCode, territories]);

  return <TerritoryContext.Provider value={value}>{children}</TerritoryContext.Provider>;
}

export function useTerritory(): TerritoryState {
  const state = useContext(TerritoryContext);
  if (!state) throw new Error('useTerritory() used outside <TerritoryProvider>');
  return state;
}
