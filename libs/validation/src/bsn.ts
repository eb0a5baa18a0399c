/**
 * The Dutch BSN "elfproef": 9 digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by 11.
 * (8-digit numbers are valid with a leading zero.) Never log or echo the value itself.
 */
export function isValidBsn(value: string): boolean {
  if (!/^\d{8,9}$/.test(value)) return false;
  const digits = value.padStart(9, '0').split('').map(Number);
  if (digits.every((d) => d === 0)) return false;
  const sum = digits.reduce((acc, digit, i) => acc + digit * (i === 8 ? -1 : 9 - i), 0);
  return sum % 11 === 0;
}
