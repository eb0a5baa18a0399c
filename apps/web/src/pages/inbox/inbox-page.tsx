import { useState } from 'react';
import { api } from '../../api/api-client';
import { Link, usePageTitle } from '../../router';
import {
  Alert,
  Button,
  Checkbox,
  ErrorAlert,
  Heading,
  Loading,
  Paragraph,
  StatusBadge,
} from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { useApi } from '../../ui/use-api';
import { notificationsChanged } from './unread-count';
import './inbox.css';

interface NotificationView {
  id: string;
  topic: string;
  title: string;
  clientId: string | null;
  clientDisplayName: string | null;
  onBehalfOf: string | null;
  createdAt: string;
  readAt: string | null;
}

type BadgeKind = 'neutral' | 'danger' | 'warning' | 'safe';
const TOPICS: Record<string, { label: string; kind: BadgeKind }> = {
  'deadline.warning': { label: 'Herinnering', kind: 'warning' },
  'deadline.overdue': { label: 'Termijn verlopen', kind: 'danger' },
  'deadline.agenda': { label: 'Naar het casusoverleg', kind: 'danger' },
  'journal.police_note': { label: 'Journaal', kind: 'neutral' },
};
const topicOf = (topic: string) =>
  TOPICS[topic] ?? { label: topic.startsWith('journal.') ? 'Journaal' : 'Melding', kind: 'neutral' as const };

/** Unread first, then newest first. */
const byUnreadThenNewest = (a: NotificationView, b: NotificationView) =>
  Number(a.readAt !== null) - Number(b.readAt !== null) || b.createdAt.localeCompare(a.createdAt);

/** The user's notifications: deadline warnings, overdue deadlines, escalations and journal notes (issue 6). */
export function InboxPage() {
  usePageTitle('Inbox');
  const [onlyUnread, setOnlyUnread] = useState(false);
  const { data, error, loading, reload } = useApi<NotificationView[]>('/notifications', {
    unread: onlyUnread ? 'true' : undefined,
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');

  const markRead = async (notification: NotificationView) => {
    setBusy(notification.id);
    setFailure(null);
    try {
      await api(`/notifications/${notification.id}/read`, { method: 'POST' });
      setAnnouncement(`Gemarkeerd als gelezen: ${notification.title}`);
      notificationsChanged();
      reload();
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(null);
    }
  };

  const notifications = [...(data ?? [])].sort(byUnreadThenNewest);
  const unread = notifications.filter((n) => n.readAt === null).length;

  return (
    <>
      <Heading level={1}>Inbox</Heading>
      <Paragraph lead>
        Herinneringen en verlopen termijnen, escalaties naar het casusoverleg en meldingen uit het journaal.
      </Paragraph>
      <div className="koers-inbox-tools">
        <Checkbox
          label="Alleen ongelezen meldingen tonen"
          checked={onlyUnread}
          onChange={(e) => setOnlyUnread(e.target.checked)}
        />
        {data && (
          <p className="utrecht-paragraph koers-inbox-count">
            {unread === 0
              ? 'Alles gelezen.'
              : `${unread} ${unread === 1 ? 'ongelezen melding' : 'ongelezen meldingen'}.`}
          </p>
        )}
      </div>
      <div className="koers-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {loading && !data && <Loading what="Meldingen" />}
      <ErrorAlert error={error ?? failure} />
      {data && notifications.length === 0 && (
        <Alert kind="info">
          {onlyUnread ? 'Er zijn geen ongelezen meldingen.' : 'Er zijn nog geen meldingen voor u.'}
        </Alert>
      )}
      {notifications.length > 0 && (
        <ul className="koers-inbox" aria-label="Meldingen">
          {notifications.map((notification) => {
            const topic = topicOf(notification.topic);
            const isUnread = notification.readAt === null;
            return (
              <li
                key={notification.id}
                className={`koers-inbox__item${isUnread ? ' koers-inbox__item--unread' : ''}`}
              >
                <div className="koers-inbox__body">
                  <p className="utrecht-paragraph koers-inbox__meta">
                    <StatusBadge kind={topic.kind}>{topic.label}</StatusBadge>
                    {isUnread && <StatusBadge kind="neutral">Nieuw</StatusBadge>}
                    <span>{formatDateTime(notification.createdAt)}</span>
                  </p>
                  <p className="utrecht-paragraph koers-inbox__title">
                    {isUnread && <span className="koers-visually-hidden">Ongelezen: </span>}
                    {notification.title}
                  </p>
                  <p className="utrecht-paragraph koers-inbox__client">
                    {notification.clientId && notification.clientDisplayName ? (
                      <>
                        Cliënt:{' '}
                        <Link href={`/clienten/${notification.clientId}`}>
                          {notification.clientDisplayName}
                        </Link>
                      </>
                    ) : notification.clientId ? (
                      'Over een cliënt die u niet meer kunt inzien.'
                    ) : (
                      'Over het casusoverleg.'
                    )}
                    {notification.onBehalfOf && (
                      <span className="koers-hint"> · U ontvangt dit als vervanger.</span>
                    )}
                  </p>
                </div>
                {isUnread ? (
                  <Button
                    kind="secondary"
                    busy={busy === notification.id}
                    onClick={() => void markRead(notification)}
                  >
                    Markeer als gelezen<span className="koers-visually-hidden"> ({notification.title})</span>
                  </Button>
                ) : (
                  <span className="koers-hint koers-inbox__read">
                    Gelezen {formatDateTime(notification.readAt)}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
