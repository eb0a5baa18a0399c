import { randomBytes } from 'node:crypto';
import { TotpSecretBox } from './totp-secret-box';

describe('TotpSecretBox', () => {
  const box = new TotpSecretBox(randomBytes(32));
  const secret = randomBytes(20);

  it('seals and opens a secret for its user, with a new IV each time', () => {
    const sealed = box.seal(secret, 'user-a');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(box.open(sealed, 'user-a')).toEqual(secret);
    expect(box.seal(secret, 'user-a')).not.toBe(sealed);
  });

  it('opens nothing for another user, with another key, or after tampering', () => {
    const sealed = box.seal(secret, 'user-a');
    expect(box.open(sealed, 'user-b')).toBeNull();
    expect(new TotpSecretBox(randomBytes(32)).open(sealed, 'user-a')).toBeNull();
    const [version, iv, ciphertext, tag] = sealed.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(box.open([version, iv, flipped.toString('base64url'), tag].join('.'), 'user-a')).toBeNull();
    expect(box.open([version, iv, ciphertext, tag.slice(0, 8)].join('.'), 'user-a')).toBeNull();
    expect(box.open(`v2.${iv}.${ciphertext}.${tag}`, 'user-a')).toBeNull();
    expect(box.open('garbage', 'user-a')).toBeNull();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new TotpSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
