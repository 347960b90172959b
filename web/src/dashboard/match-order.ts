import type { NetworkMatch } from '../api/types';

/** Best first (score), then by pair key: the order the API gave a whole network's matches in, before they came in pages. */
export const bestFirst = (a: NetworkMatch, b: NetworkMatch): number => b.score - a.score || a.matchId.localeCompare(b.matchId);
