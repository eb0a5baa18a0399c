/**
 * The form of one trajectory event: fields, checks and the machine's rules from event-forms.ts, sent with the
 * version the page read (optimistic concurrency: a stale version is a 409, which the page answers by reloading).
 */
import { useMemo } from 'react';
import type { TrajectoryEvent, TrajectoryEventType, TrajectorySnapshot } from '@koers/machines/trajectory';
import { api } from '../api/api-client';
import { EVENT_ACTIONS } from '../trajectory/labels';
import type { TrajectoryView } from '../trajectory/trajectory-view';
import { checkForm, formFor, visibleFields } from './event-forms';
import { FormDialog } from './form-dialog';

/**
 * Sends the events one after another, each with the version the previous answer gave (a checklist of several
 * aftercare items is several events).
 */
async function sendEvents(
  clientId: string,
  version: number,
  events: TrajectoryEvent[],
): Promise<TrajectoryView> {
  let expectedVersion = version;
  let last: TrajectoryView | null = null;
  for (const event of events) {
    last = await api<TrajectoryView>(`/clients/${clientId}/events`, {
      method: 'POST',
      body: { ...event, expectedVersion },
    });
    expectedVersion = last.version;
  }
  return last as TrajectoryView;
}

export function EventDialog({
  type,
  clientId,
  version,
  snapshot,
  onClose,
  onSaved,
  onConflict,
}: {
  type: TrajectoryEventType;
  clientId: string;
  version: number;
  snapshot: TrajectorySnapshot;
  onClose: () => void;
  onSaved: (type: TrajectoryEventType) => void;
  onConflict: (message: string) => void;
}) {
  const form = useMemo(() => formFor(type, snapshot), [type, snapshot]);
  return (
    <FormDialog
      title={EVENT_ACTIONS[type]}
      intro={form.intro}
      fields={(values) => visibleFields(form, values)}
      initial={form.initial}
      check={(values) => checkForm(form, values, snapshot)}
      send={(payload) => sendEvents(clientId, version, payload as TrajectoryEvent[])}
      confirm={form.confirm}
      danger={form.confirm}
      submitLabel={form.submitLabel}
      onClose={onClose}
      onSaved={() => onSaved(type)}
      onConflict={onConflict}
    />
  );
}
