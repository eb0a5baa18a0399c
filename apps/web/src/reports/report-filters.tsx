/**
 * What the report is about: a period (with presets), the area (the whole region, one municipality or one
 * casusoverleg) and the caseload's date. Nothing changes until the user asks (a preset button, or "Toon
 * rapportage"): changing a field never reloads the page under them.
 */
import { type FormEvent, useRef, useState } from 'react';
import { Button, ButtonGroup, FormField, TextInput } from '../ui/components';
import { isIsoDate, PRESETS, presetOf, presetPeriod, type ReportFilters } from './report-query';
import type { ReportTeam } from './report-types';

type Errors = Partial<Record<'from' | 'to' | 'at', string>>;

const areaOf = (filters: ReportFilters) =>
  filters.team
    ? `team:${filters.team}`
    : filters.municipality
      ? `municipality:${filters.municipality}`
      : 'region';

export function ReportFilterForm({
  filters,
  teams,
  onApply,
}: {
  filters: ReportFilters;
  /** All the reader's teams (the region), for the area's choices. */
  teams: ReportTeam[];
  onApply(next: ReportFilters): void;
}) {
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);
  const [at, setAt] = useState(filters.at);
  const [area, setArea] = useState(areaOf(filters));
  const [errors, setErrors] = useState<Errors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const municipalities = [...new Map(teams.map((t) => [t.municipality.id, t.municipality])).values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'nl'),
  );
  const sortedTeams = [...teams].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  // The area in the URL may not be among the teams yet (they load with the first report): keep it selectable.
  const known =
    area === 'region' ||
    teams.some((t) => area === `team:${t.id}` || area === `municipality:${t.municipality.id}`);

  const withArea = (base: Pick<ReportFilters, 'from' | 'to' | 'at'>): ReportFilters => {
    const [kind, id = ''] = area.split(':');
    return {
      ...base,
      team: kind === 'team' ? id : '',
      municipality: kind === 'municipality' ? id : '',
    };
  };

  const choosePreset = (key: (typeof PRESETS)[number]['key']) => {
    const period = presetPeriod(key);
    setFrom(period.from);
    setTo(period.to);
    setAt('');
    setErrors({});
    onApply(withArea({ ...period, at: '' }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!isIsoDate(from)) found.from = 'Vul een begindatum in.';
    if (!isIsoDate(to)) found.to = 'Vul een einddatum in.';
    if (!found.from && !found.to && from > to) found.to = 'De einddatum ligt vóór de begindatum.';
    if (at && !isIsoDate(at)) found.at = 'Vul een geldige peildatum in, of laat het veld leeg.';
    setErrors(found);
    const first = (['from', 'to', 'at'] as const).find((key) => found[key]);
    if (first) {
      formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    onApply(withArea({ from, to, at }));
  };

  const chosen = presetOf(filters);
  return (
    <form
      ref={formRef}
      className="koers-rpt-filters"
      onSubmit={submit}
      noValidate
      aria-label="Rapportage kiezen"
    >
      <div className="koers-rpt-filters__presets" role="group" aria-labelledby="rpt-presets-label">
        <span id="rpt-presets-label" className="utrecht-form-label">
          Periode
        </span>
        <ButtonGroup>
          {PRESETS.map((preset) => (
            <Button
              key={preset.key}
              kind={chosen === preset.key ? 'primary' : 'secondary'}
              aria-pressed={chosen === preset.key}
              onClick={() => choosePreset(preset.key)}
            >
              {preset.label}
            </Button>
          ))}
        </ButtonGroup>
      </div>
      <div className="koers-rpt-filters__fields">
        <FormField label="Van" error={errors.from}>
          {({ id, describedBy, invalid }) => (
            <TextInput
              id={id}
              name="from"
              type="date"
              value={from}
              invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => setFrom(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Tot en met" error={errors.to}>
          {({ id, describedBy, invalid }) => (
            <TextInput
              id={id}
              name="to"
              type="date"
              value={to}
              invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => setTo(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Gebied">
          {({ id }) => (
            <select
              id={id}
              name="area"
              className="utrecht-select utrecht-select--html-select"
              value={area}
              onChange={(e) => setArea(e.target.value)}
            >
              <option value="region">
                Hele regio ({teams.length || 'alle'} {teams.length === 1 ? 'casusoverleg' : 'casusoverleggen'}
                )
              </option>
              {municipalities.length > 0 && (
                <optgroup label="Gemeente">
                  {municipalities.map((m) => (
                    <option key={m.id} value={`municipality:${m.id}`}>
                      {m.name}
                    </option>
                  ))}
                </optgroup>
              )}
              {sortedTeams.length > 0 && (
                <optgroup label="Casusoverleg">
                  {sortedTeams.map((t) => (
                    <option key={t.id} value={`team:${t.id}`}>
                      {t.name}
                    </option>
                  ))}
                </optgroup>
              )}
              {!known && <option value={area}>Gekozen gebied</option>}
            </select>
          )}
        </FormField>
        <FormField
          label="Peildatum"
          description="Voor de lopende trajecten; leeg: de einddatum."
          error={errors.at}
        >
          {({ id, describedBy, invalid }) => (
            <TextInput
              id={id}
              name="at"
              type="date"
              value={at}
              invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => setAt(e.target.value)}
            />
          )}
        </FormField>
        <div className="koers-rpt-filters__submit">
          <Button kind="primary" type="submit">
            Toon rapportage
          </Button>
        </div>
      </div>
    </form>
  );
}
