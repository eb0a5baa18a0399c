import { indexJobHandlers, JobHandler } from './job-handler';

const handler = (jobName: 'a' | 'b'): JobHandler<unknown, 'a' | 'b'> => ({ jobName, handle: async () => {} });

describe('indexJobHandlers', () => {
  it('indexes exactly one handler per job name', () => {
    const map = indexJobHandlers('q', ['a', 'b'], [handler('a'), handler('b')]);
    expect([...map.keys()].sort()).toEqual(['a', 'b']);
  });

  it('fails at boot on a duplicate or a missing handler', () => {
    expect(() => indexJobHandlers('q', ['a', 'b'], [handler('a'), handler('a'), handler('b')])).toThrow(
      'two handlers for job a',
    );
    expect(() => indexJobHandlers('q', ['a', 'b'], [handler('a')])).toThrow('no handler for job(s) b');
  });
});
