/**
 * SIRET validation: 14 digits with a Luhn checksum. La Poste's establishments (SIREN 356000000)
 * are numbered sequentially and use a digit sum divisible by 5 instead — except its head
 * office, 356 000 000 00048, which follows the ordinary rule (INSEE).
 */
export function isValidSiret(value: string): boolean {
  const digits = value.replace(/\s/g, '');
  if (!/^\d{14}$/.test(digits)) return false;
  if (digits.startsWith('356000000') && digits !== '35600000000048') {
    const sum = [...digits].reduce((acc, d) => acc + Number(d), 0);
    return sum % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(digits[i]);
    // Luhn doubles every second digit counted from the right: even indexes from the left for 14 digits.
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
