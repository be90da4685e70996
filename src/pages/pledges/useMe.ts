import type { Me } from '@honglin/types/user';
import { callCloud } from '@/api/transport';
import { useQuery } from '@/lib/useQuery';

/** Who the caller is (user.me), for what the 承诺 area offers them. */
export function useMe() {
  return useQuery(() => callCloud<Me>('user', 'me', {}), []);
}
