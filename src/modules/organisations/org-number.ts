/**
 * Swedish organisationsnummer: ten digits (NNNNNN-NNNN), the last a Luhn check digit over the first nine.
 * Accepts "556677-8899", "5566778899" and the twelve-digit form with the "16" prefix; returns NNNNNN-NNNN or null.
 */
export function normaliseOrgNumber(input: string): string | null {
  let digits = input.replace(/[\s-]/g, '');
  if (/^16\d{10}$/.test(digits)) digits = digits.slice(2);
  if (!/^\d{10}$/.test(digits)) return null;
  return luhnCheckDigit(digits.slice(0, 9)) === Number(digits[9]) ? `${digits.slice(0, 6)}-${digits.slice(6)}` : null;
}

/** The Luhn check digit over the first nine digits of an organisationsnummer. */
export function luhnCheckDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}
