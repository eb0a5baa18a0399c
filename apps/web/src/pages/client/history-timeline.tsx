import { entryDetails, eventLabel, stageLabel } from '../../trajectory/history-summary';
import { partyLabel } from '../../trajectory/labels';
import type { HistoryEntry } from '../../trajectory/trajectory-view';
import { Heading, Paragraph } from '../../ui/components';
import { formatDateTime } from '../../ui/format';

/** The trajectory's history, newest first: what happened, who did it for which party, when, and why. */
export function HistoryTimeline({ entries }: { entries: HistoryEntry[] }) {
  const newestFirst = [...entries].sort((a, b) => b.seq - a.seq);
  return (
    <section aria-labelledby="geschiedenis" className="koers-card koers-history">
      <Heading level={2} id="geschiedenis">
        Geschiedenis
      </Heading>
      {newestFirst.length === 0 ? (
        <Paragraph>Nog niets vastgelegd.</Paragraph>
      ) : (
        <ol className="koers-timeline" aria-label="Geschiedenis, nieuwste eerst">
          {newestFirst.map((entry) => {
            const details = entryDetails(entry);
            const moved = entry.fromStage !== null && entry.fromStage !== entry.toStage;
            return (
              <li key={entry.seq} className="koers-timeline__item">
                <div className="koers-timeline__head">
                  <span className="koers-timeline__what">{eventLabel(entry.type)}</span>
                  <time className="koers-timeline__when" dateTime={entry.at}>
                    {formatDateTime(entry.at)}
                  </time>
                </div>
                <p className="koers-timeline__who">
                  {entry.by.displayName
                    ? `${entry.by.displayName} · ${partyLabel(entry.by.party)}`
                    : 'Automatisch (termijnbewaking)'}
                  {moved && (
                    <>
                      {' · '}
                      <span>
                        {stageLabel(entry.fromStage)} → {stageLabel(entry.toStage)}
                      </span>
                    </>
                  )}
                </p>
                {entry.redacted ? (
                  <p className="koers-timeline__redacted">
                    De details vallen buiten wat uw organisatie mag zien.
                  </p>
                ) : (
                  details.length > 0 && (
                    <dl className="koers-timeline__details">
                      {details.map((detail) => (
                        <div key={detail.term}>
                          <dt>{detail.term}</dt>
                          <dd>{detail.value}</dd>
                        </div>
                      ))}
                    </dl>
                  )
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
