import { useEffect, useState } from 'react';
import { api } from '../../api/api-client';

/** The inbox tells the menu badge when it marked something read. */
export const NOTIFICATIONS_CHANGED = 'koers:notifications-changed';
const EVERY_MS = 60_000;

export function notificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

/**
 * How many notifications are unread, for the menu badge: on every page change, every minute, and when the inbox
 * changes. GET /api/notifications/unread-count answers a number only, so asking often logs no client reads.
 */
export function useUnreadCount(path: string, enabled: boolean): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const refresh = () =>
      api<{ unread: number }>('/notifications/unread-count')
        .then((found) => !cancelled && setCount(found.unread))
        .catch(() => undefined);
    void refresh();
    const timer = setInterval(refresh, EVERY_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, refresh);
    return () => {
      cancelled = true;
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, refresh);
    };
  }, [path, enabled]);
  return enabled ? count : null;
}
