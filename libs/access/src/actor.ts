import type { UserRole } from '@koers/persistence';

/** Who is acting: always taken from the session token, never from a request body. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  partyId: string;
  partyKind: string;
  role: UserRole;
  teamIds: string[];
  sessionId: string;
}
