/**
 * The signed-in user, read from GET /api/auth/me through react-query (key `['me']`).
 * `null` means "not signed in"; a 401 from any later query also resets it (see providers.tsx).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/guichet';
import { isApiError } from '../api/client';
import type { Me } from '../api/types';

export const meKey = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.me();
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in user, for components rendered inside the authenticated layout only. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe() used outside the authenticated layout');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.login,
    onSuccess: (user) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      queryClient.setQueryData(meKey, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.logout,
    onSettled: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      queryClient.setQueryData(meKey, null);
    },
  });
}
