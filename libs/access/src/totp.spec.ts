import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  otpauthUri,
  totpCode,
  totpStep,
  type TotpAlgorithm,
} from './totp';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 Appendix B: the seeds are ASCII "1234567890" repeated to the hash's key length.
  const seed = (length: number) => Buffer.from('1234567890'.repeat(7).slice(0, length), 'ascii');
  const SEEDS: Record<TotpAlgorithm, Buffer> = { sha1: seed(20), sha256: seed(32), sha512: seed(64) };

  it.each<[number, string, TotpAlgorithm]>([
    [59, '94287082', 'sha1'],
    [59, '46119246', 'sha256'],
    [59, '90693936', 'sha512'],
    [1111111109, '07081804', 'sha1'],
    [1111111109, '68084774', 'sha256'],
    [1111111109, '25091201', 'sha512'],
    [1111111111, '14050471', 'sha1'],
    [1234567890, '89005924', 'sha1'],
    [1234567890, '91819424', 'sha256'],
    [2000000000, '69279037', 'sha1'],
    [20000000000, '65353130', 'sha1'],
    [20000000000, '77737706', 'sha256'],
    [20000000000, '47863826', 'sha512'],
  ])('T=%i gives %s with %s (Appendix B)', (seconds, expected, algorithm) => {
    expect(totpCode(SEEDS[algorithm], new Date(seconds * 1000), { digits: 8, algorithm })).toBe(expected);
  });

  it('gives the last six digits of the eight-digit code by default', () => {
    expect(totpCode(SEEDS.sha1, new Date(59_000))).toBe('287082');
    expect(totpCode(SEEDS.sha1, new Date(1111111109_000))).toBe('081804');
  });

  it('matches RFC 4226 Appendix D (HOTP)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583'];
    expected.forEach((code, counter) => expect(hotp(SEEDS.sha1, counter)).toBe(code));
  });

  it('accepts one step either side and tells which step matched', () => {
    const now = new Date(1111111109_000);
    const step = totpStep(now);
    expect(matchTotp(SEEDS.sha1, totpCode(SEEDS.sha1, now), now)).toBe(step);
    expect(matchTotp(SEEDS.sha1, totpCode(SEEDS.sha1, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(matchTotp(SEEDS.sha1, totpCode(SEEDS.sha1, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    expect(matchTotp(SEEDS.sha1, totpCode(SEEDS.sha1, new Date(now.getTime() - 90_000)), now)).toBeNull();
    expect(matchTotp(SEEDS.sha1, '12345', now)).toBeNull();
    expect(matchTotp(SEEDS.sha1, '１２３４５６', now)).toBeNull();
  });

  it('encodes base32 as RFC 4648 §10 does (without padding)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded)?.toString()).toBe(plain);
    }
    expect(base32Decode('mzxw 6ytb oi======')?.toString()).toBe('foobar');
    expect(base32Decode('MZXW1')).toBeNull();
    const secret = SEEDS.sha1;
    expect(base32Decode(base32Encode(secret))).toEqual(secret);
  });

  it('builds an otpauth URI that authenticator apps read', () => {
    const uri = new URL(otpauthUri(SEEDS.sha1, 'demo privacy'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.pathname).toBe('/Koers:demo%20privacy');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      issuer: 'Koers',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
