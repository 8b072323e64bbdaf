import { formatInteger } from '../../../../shared/format';

/** 1 234 567 bytes → « 1,2 Mo », as French Windows shows sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatInteger(bytes)} o`;
  const units = ['ko', 'Mo', 'Go'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} ${units[unit]}`;
}
