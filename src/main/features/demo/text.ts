/** French text helpers: templates, names of communes with their articles, slugs for addresses. */

/** Replaces each {key} of a template with its value; unknown keys stay as they are. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);
}

/** For e-mail addresses and domain names: no accents, no spaces, no apostrophes. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Adds a number to a name already taken (« … (2) »): large demos reuse patterns. */
export function uniqueName(used: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${name} (${n})`;
  used.add(candidate);
  return candidate;
}

/** « de Pessac », « du Bouscat », « des Sables », « d’Arcachon »: French contracts the article of a commune's name. */
export function ofCommune(commune: string): string {
  if (commune.startsWith('Le ')) return `du ${commune.slice(3)}`;
  if (commune.startsWith('Les ')) return `des ${commune.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎ]/.test(commune)) return `d’${commune}`;
  return `de ${commune}`;
}

/** « à Pessac », « au Bouscat », « aux Sables ». */
export function atCommune(commune: string): string {
  if (commune.startsWith('Le ')) return `au ${commune.slice(3)}`;
  if (commune.startsWith('Les ')) return `aux ${commune.slice(4)}`;
  return `à ${commune}`;
}
