import { addressKey, throttleKeys } from './login-throttle';

describe('login throttle keys', () => {
  it('counts IPv4 as is, also when mapped into IPv6', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 per /64', () => {
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
  });

  it('puts clients without a usable address under one key', () => {
    expect(addressKey(undefined)).toBe('unknown');
    expect(addressKey('')).toBe('unknown');
    expect(addressKey('not an address')).toBe('unknown');
  });

  it('hashes the keys and ignores case and surrounding space in usernames', () => {
    const keys = throttleKeys('Demo-Chair ', '203.0.113.7');
    expect(keys).toEqual(throttleKeys('demo-chair', '::ffff:203.0.113.7'));
    expect(keys.username).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.address).toMatch(/^[0-9a-f]{64}$/);
    // A username that looks like an address is not the address's key.
    expect(throttleKeys('203.0.113.7', '203.0.113.7').username).not.toBe(keys.address);
  });
});
