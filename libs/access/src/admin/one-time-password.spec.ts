import { newOneTimePassword } from './one-time-password';

describe('one-time passwords', () => {
  it('are four groups of five unambiguous characters, and differ', () => {
    const passwords = Array.from({ length: 200 }, newOneTimePassword);
    for (const password of passwords)
      expect(password).toMatch(/^[a-hj-km-np-z2-9]{5}(-[a-hj-km-np-z2-9]{5}){3}$/);
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
