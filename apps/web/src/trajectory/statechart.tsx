/**
 * The trajectory drawn as its statechart: the stages in order, admission with its two sub-states, aftercare with
 * its four parallel regions side by side, and the final state. The current state is highlighted (and marked with
 * aria-current and words, never colour alone); every box says in text what it shows, so the drawing is its own text
 * alternative. Built from the same machine snapshot the server steps.
 */
import {
  AFTERCARE_ITEM_LABELS,
  AFTERCARE_ITEMS,
  STAGE_LABELS,
  STAGES,
  stageOf,
  type Stage,
  type TrajectorySnapshot,
} from '@koers/machines/trajectory';
import type { ReactNode } from 'react';
import type { StateValue } from 'xstate';
import { formatDate } from '../ui/format';
import {
  ADMISSION_STATE_LABELS,
  AFTERCARE_REGIONS,
  type AftercareRegionId,
  DAYTIME_LABELS,
  DEBT_LABELS,
  HOUSING_LABELS,
  OUTFLOW_LABELS,
} from './labels';
import type { TrajectoryView } from './trajectory-view';
import './statechart.css';

type Progress = 'done' | 'current' | 'future';

/** The context field that holds each region's data: who may not see it, does not see where the region is. */
const REGION_DATA: Record<AftercareRegionId, string> = {
  finances: 'postalAddress',
  housing: 'housing',
  daytime_activity: 'daytimeActivity',
  network: 'network',
};

const dayDate = (iso: string) => formatDate(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);

function regionState(value: StateValue, region: AftercareRegionId): string | null {
  if (typeof value === 'string') return null;
  const aftercare = value.aftercare;
  if (!aftercare || typeof aftercare === 'string') return null;
  const state = aftercare[region];
  return typeof state === 'string' ? state : null;
}

/** What each aftercare region knows, in a few words (only what the reader may see). */
function regionFacts(region: AftercareRegionId, view: TrajectoryView): string[] {
  const c = view.context;
  switch (region) {
    case 'finances': {
      const facts: string[] = [];
      if (c.postalAddress) {
        facts.push(
          c.postalAddress.endedReason
            ? 'Postadres beëindigd'
            : `Postadres tot ${dayDate(c.postalAddress.validUntil)}`,
        );
      }
      if (c.debtArrangement) facts.push(`Schulden: ${DEBT_LABELS[c.debtArrangement].toLowerCase()}`);
      return facts;
    }
    case 'housing':
      if (!c.housing) return [];
      return [
        HOUSING_LABELS[c.housing.kind],
        ...(c.housing.threePartyAgreement
          ? [`Driepartijenovereenkomst vanaf ${dayDate(c.housing.threePartyAgreement.startDate)}`]
          : []),
      ];
    case 'daytime_activity':
      return c.daytimeActivity ? [DAYTIME_LABELS[c.daytimeActivity]] : [];
    case 'network':
      if (!c.network) return [];
      return [
        c.network.healthyEngaged ? 'Gezonde contacten betrokken' : 'Gezonde contacten nog niet betrokken',
        c.network.unhealthyAtDistance
          ? 'Ongezonde contacten op afstand'
          : 'Ongezonde contacten nog niet op afstand',
      ];
  }
}

function StatusText({ progress }: { progress: Progress }) {
  const text = progress === 'current' ? 'Huidige fase' : progress === 'done' ? 'Doorlopen' : 'Nog niet';
  return <span className={`koers-chart__status koers-chart__status--${progress}`}>{text}</span>;
}

export function TrajectoryStatechart({
  view,
  snapshot,
}: {
  view: TrajectoryView;
  snapshot: TrajectorySnapshot;
}) {
  const current = stageOf(snapshot);
  const visited = new Set<string>((view.history ?? []).flatMap((h) => [h.fromStage ?? '', h.toStage]));
  const currentIndex = STAGES.indexOf(current);
  const progressOf = (stage: Stage): Progress =>
    stage === current
      ? 'current'
      : visited.has(stage) || (current !== 'closed' && STAGES.indexOf(stage) < currentIndex)
        ? 'done'
        : 'future';
  const prepared = view.context.preparedAftercare ?? [];
  const closure = view.context.closure;

  const box = (stage: Stage, children?: ReactNode, wide?: boolean) => {
    const progress = progressOf(stage);
    return (
      <li
        key={stage}
        className={`koers-chart__stage koers-chart__stage--${progress} koers-chart__stage--${stage}${wide ? ' koers-chart__stage--wide' : ''}`}
        aria-current={progress === 'current' ? 'step' : undefined}
      >
        {stage !== 'closed' && <span className="koers-chart__arrow" aria-hidden="true" />}
        <span className="koers-chart__name">{STAGE_LABELS[stage]}</span>
        <StatusText progress={progress} />
        {children}
      </li>
    );
  };

  return (
    <div className="koers-chart">
      <ol className="koers-chart__flow" aria-label="Fasen van het traject">
        {box('signal')}
        {box('consent')}
        {box('motivation')}
        {box(
          'waiting_list',
          sees('preparedAftercare', view) && (current === 'waiting_list' || prepared.length > 0) ? (
            <p className="koers-chart__facts">
              Nazorg voorbereid: {prepared.length} van {AFTERCARE_ITEMS.length}
            </p>
          ) : null,
        )}
        {box(
          'admission',
          <ul className="koers-chart__substates" aria-label="Toestanden binnen opname">
            {(['in_treatment', 'on_leave'] as const).map((sub) => {
              // Being on leave is health information: only for those who see the treatment.
              const active = sees('leaveUntil', view) && snapshot.matches({ admission: sub });
              return (
                <li
                  key={sub}
                  className={`koers-chart__substate${active ? ' koers-chart__substate--current' : ''}`}
                  aria-current={active ? 'true' : undefined}
                >
                  {ADMISSION_STATE_LABELS[sub]}
                  {active && <span className="koers-visually-hidden"> (huidige toestand)</span>}
                </li>
              );
            })}
          </ul>,
        )}
        {box(
          'aftercare',
          <div
            className="koers-chart__regions"
            role="group"
            aria-label="Nazorg: vier onderdelen naast elkaar"
          >
            {AFTERCARE_REGIONS.map((region) => {
              const visible = sees(REGION_DATA[region.id], view);
              const state = visible ? regionState(snapshot.value, region.id) : null;
              const facts = visible ? regionFacts(region.id, view) : [];
              return (
                <section
                  key={region.id}
                  className="koers-chart__region"
                  aria-label={`Nazorg: ${region.label}`}
                >
                  <h4 className="koers-chart__region-name">{region.label}</h4>
                  {!visible && <p className="koers-chart__facts">Niet zichtbaar voor uw organisatie.</p>}
                  {visible && (
                    <ul className="koers-chart__substates">
                      {Object.entries(region.states).map(([id, text]) => (
                        <li
                          key={id}
                          className={`koers-chart__substate${state === id ? ' koers-chart__substate--current' : ''}`}
                          aria-current={state === id ? 'true' : undefined}
                        >
                          {text}
                          {state === id && <span className="koers-visually-hidden"> (huidige toestand)</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                  {facts.length > 0 && (
                    <ul className="koers-chart__facts">
                      {facts.map((fact) => (
                        <li key={fact}>{fact}</li>
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>,
          true,
        )}
        {box(
          'closed',
          closure ? <p className="koers-chart__facts">{OUTFLOW_LABELS[closure.reason]}</p> : null,
        )}
      </ol>
      {current === 'waiting_list' && sees('preparedAftercare', view) && (
        <div className="koers-chart__checklist">
          <h3 className="utrecht-heading-4">Nazorg vóór opname</h3>
          <ul>
            {AFTERCARE_ITEMS.map((item) => {
              const done = prepared.includes(item);
              return (
                <li key={item} className={done ? 'koers-check koers-check--done' : 'koers-check'}>
                  <span aria-hidden="true" className="koers-check__mark">
                    {done ? '✓' : '○'}
                  </span>{' '}
                  {AFTERCARE_ITEM_LABELS[item]}
                  <span className="koers-visually-hidden">
                    {done ? ': voorbereid' : ': nog niet voorbereid'}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}

function sees(field: string, view: TrajectoryView): boolean {
  return field in view.context;
}
