import {
  DATA_CATEGORIES,
  INTAKE_ANSWER_CATEGORIES,
  LIFE_DOMAIN_CATEGORIES,
  MEETING_RECORD_CATEGORIES,
} from '@koers/access';
import { MEETING_RECORD_CATEGORY_VALUES } from '@koers/persistence';
import { INTAKE_QUESTIONS, LIFE_DOMAINS } from './dto/case-intake.dto';
import { MeetingNoteDto } from './dto/meeting.dto';
import { validateBody } from '@koers/validation';

// The casusoverleg's data, as libs/access's need-to-know tables categorise it: a new question, life domain or
// record category without a category there would be shown by a default rather than by a decision.
describe('need-to-know of the casusoverleg', () => {
  it('puts every question of the handreiking and every life domain in a data category', () => {
    const answers = INTAKE_QUESTIONS.map((q) => q.id).filter((id) => id !== 'lifeDomains');
    expect(Object.keys(INTAKE_ANSWER_CATEGORIES).sort()).toEqual([...answers].sort());
    expect(Object.keys(LIFE_DOMAIN_CATEGORIES).sort()).toEqual([...LIFE_DOMAINS].sort());
    for (const category of [
      ...Object.values(INTAKE_ANSWER_CATEGORIES),
      ...Object.values(LIFE_DOMAIN_CATEGORIES),
    ]) {
      expect(DATA_CATEGORIES).toContain(category);
    }
  });

  it('stores meeting records with the categories need-to-know knows, every one but identity', () => {
    expect([...MEETING_RECORD_CATEGORY_VALUES]).toEqual([...MEETING_RECORD_CATEGORIES]);
    expect([...MEETING_RECORD_CATEGORIES].sort()).toEqual(
      DATA_CATEGORIES.filter((c) => c !== 'identity').sort(),
    );
  });

  it('accepts a note with one of those categories or none, and nothing else', async () => {
    const problems = async (body: object) => {
      try {
        await validateBody(MeetingNoteDto, body);
        return [];
      } catch (error) {
        return (error as { details?: { field?: string }[] }).details?.map((d) => d.field) ?? ['?'];
      }
    };
    expect(await problems({ text: 'Gebruikt weer dagelijks.', category: 'health' })).toEqual([]);
    expect(await problems({ text: 'Gebruikt weer dagelijks.' })).toEqual([]);
    expect(await problems({ text: 'Gebruikt weer dagelijks.', category: 'identity' })).toEqual(['category']);
    expect(await problems({ text: 'Gebruikt weer dagelijks.', category: ['health'] })).toEqual(['category']);
  });
});
