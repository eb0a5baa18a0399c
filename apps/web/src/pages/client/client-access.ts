/**
 * What the reader may see of this client, as the server decides it (libs/access `categoriesFor`): the party's
 * categories (narrowed by the invitation's scope for an invited party), within what the client's legal basis allows.
 * The page uses it to leave out sections the API would refuse (and never asks for them); the API checks again.
 */
import type { Me } from '../../auth/session';

export type DataCategory =
  'identity' | 'trajectory' | 'health' | 'justice' | 'housing' | 'finances' | 'budget';

/** Dutch names of the data categories (libs/access DATA_CATEGORY_LABELS). */
export const DATA_CATEGORY_LABELS: Record<DataCategory, string> = {
  identity: 'Identiteit en fase',
  trajectory: 'Traject (besluiten, knelpunten, acties)',
  health: 'Gezondheid en behandeling',
  justice: 'Justitie en politie',
  housing: 'Wonen',
  finances: 'Financiën',
  budget: 'Budget',
};

export function clientCategories(
  me: Me,
  client: { id: string; teamId: string },
  basisAllows: readonly string[] | undefined,
): Set<string> {
  let mine: readonly string[] = [];
  if (me.teamIds.includes(client.teamId)) mine = me.categories;
  else {
    const invitation = me.invitations.find((i) => i.clientId === client.id);
    if (invitation) {
      mine = me.categories.filter(
        (c) => c === 'identity' || !invitation.scope || invitation.scope.includes(c),
      );
    }
  }
  // Without the basis in the answer (an older API), the party's categories: the API still refuses what it must.
  return new Set(basisAllows ? mine.filter((c) => basisAllows.includes(c)) : mine);
}

/** A participant of the client's own casusoverleg (not invited for this one client). */
export const inClientTeam = (me: Me, teamId: string) => me.teamIds.includes(teamId);
