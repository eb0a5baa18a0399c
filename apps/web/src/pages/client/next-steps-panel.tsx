import type { TrajectoryEventType } from '@koers/machines/trajectory';
import { EVENT_ACTIONS } from '../../trajectory/labels';
import type { StepGroup, StepOption } from '../../trajectory/next-steps';
import { Button, Heading, Paragraph } from '../../ui/components';

const GROUP_TITLES: Record<StepGroup, string> = {
  forward: 'In deze fase',
  other: 'Ook mogelijk',
  end: 'Traject beëindigen',
};

/**
 * "Volgende stap": a button for every event the machine takes now; a milestone it does not take yet is listed with
 * the reasons, so nobody has to guess why a button is missing.
 */
export function NextStepsPanel({
  steps,
  onOpen,
}: {
  steps: StepOption[];
  onOpen: (type: TrajectoryEventType) => void;
}) {
  const groups = (['forward', 'other', 'end'] as const)
    .map((group) => ({ group, steps: steps.filter((s) => s.group === group) }))
    .filter((g) => g.steps.length > 0);
  return (
    <section aria-labelledby="volgende-stap" className="koers-card koers-next koers-no-print">
      <Heading level={2} id="volgende-stap">
        Volgende stap
      </Heading>
      {groups.length === 0 && <Paragraph>Uw organisatie kan in deze fase niets vastleggen.</Paragraph>}
      <div className="koers-next__groups">
        {groups.map(({ group, steps: inGroup }) => (
          <div key={group} className={`koers-next__group koers-next__group--${group}`}>
            <Heading level={3}>{GROUP_TITLES[group]}</Heading>
            <ul className="koers-next__list">
              {inGroup.map((step) => (
                <li
                  key={step.type}
                  className={`koers-next__item${step.warnings.length > 0 || !step.available ? ' koers-next__item--wide' : ''}`}
                >
                  {step.available ? (
                    <Button
                      kind={step.milestone && group !== 'end' ? 'primary' : 'secondary'}
                      onClick={() => onOpen(step.type)}
                    >
                      {EVENT_ACTIONS[step.type]}
                    </Button>
                  ) : (
                    <div className="koers-next__blocked">
                      <p className="koers-next__blocked-title">
                        {EVENT_ACTIONS[step.type]}: <strong>nog niet mogelijk</strong>
                      </p>
                      <ul className="koers-next__reasons">
                        {step.reasons.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    </div>
                  )}
                  {step.warnings.length > 0 && (
                    <ul className="koers-next__warnings">
                      {step.warnings.map((warning) => (
                        <li key={warning}>{warning}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
