/**
 * The Word synthesis of a consolidation of yearly returns: the essentials in a few sentences, the
 * totals against the previous year, a table per theme, the commissions that did not meet, the map
 * shaded by one figure, and what was set aside or missing. Pure mapper (unit-tested without docx)
 * and builder.
 */
import { Document, Packer } from 'docx';
import { formatInteger, joinFrench, plural } from '../../../shared/format';
import { meteos } from '../../../shared/labels';
import { requiredPolicyMeetings } from '../../../shared/meeting-rules';
import { AXIS4_MEASURES, CAMPAIGN_ANSWERED, CAMPAIGN_ASKED, indicatorById, INDICATORS, themes, type Consolidation, type Theme } from '../../../shared/state-return';
import { capitalize, lowerFirst } from '../../../shared/text';
import { formatDayMonthYear } from '../../../shared/wallclock';
import { bodyParagraphs, bulletList, dataTable, figure, footer, heading, pageProperties, para, type Block, type Column } from '../common/parts';
import { S, styles } from '../common/styles';
import { renderSvg } from '../report/charts';
import { answerRate } from '../report/returns';
import { MAP_CREDIT, mapSvg, type MapSpec } from './map';

export interface SynthesisTable {
  heading: string;
  columns: Column[];
  rows: string[][];
}

export interface SynthesisView {
  title: string;
  scopeLabel: string;
  producedOn: string;
  essentials: string[];
  tables: SynthesisTable[];
  notMet: string[];
  missing: string[];
  setAside: string[];
  duplicates: string[];
  map: MapSpec & { alt: string };
  footer: string;
}

const change = (now: number, before: number) => (now === before ? '=' : `${now > before ? '+' : '−'}${formatInteger(Math.abs(now - before))}`);

export function mapSynthesis(c: Consolidation, options: { mapIndicator: string; producedOn: string }): SynthesisView {
  const now = (id: string) => c.totals.now.get(id) ?? 0;
  const before = (id: string) => c.totals.before.get(id) ?? 0;
  const scopeLabel = c.region ? `Région ${c.region.name}` : 'France entière';
  const scopeSize = c.returns.length + c.missing.length;
  const notMet = c.returns.filter((r) => (r.now.get('seances_tenues') ?? 0) === 0);
  // The rule of the year: one plenary a year until 2025, two from 2026 (meeting-rules.ts).
  const target = requiredPolicyMeetings(`${c.year}-01-01`, `${c.year}-12-31`);
  const fewPlenaries = c.returns.filter((r) => (r.now.get('seances_pleniere') ?? 0) < target);
  const fewer = (n: number) =>
    target === 1
      ? `${plural(n, 'n’a tenu', 'n’ont tenu')} aucune séance plénière, quand la règle de l’année en demandait une`
      : `${plural(n, 'a tenu', 'ont tenu')} moins des deux séances plénières prévues`;
  const withParcours = c.returns.filter((r) => (r.now.get('parcours_personnes_en_parcours') ?? 0) > 0);
  const decisions = now('parcours_decisions');
  const comparison = c.totals.withPrevious > 0 ? ` (contre ${formatInteger(before('parcours_personnes_en_parcours'))} fin ${c.year - 1})` : '';
  const essentials = [
    `${capitalize(plural(c.returns.length, 'département a', 'départements ont'))} transmis une remontée valide pour ${c.year}, sur ${formatInteger(scopeSize)} ${c.region ? 'que compte la région' : 'départements'}` +
      `${c.missing.length ? ` ; ${plural(c.missing.length, 'n’a rien transmis', 'n’ont rien transmis')}` : ''}${c.setAside.length ? ` ; ${plural(c.setAside.length, 'fichier a été écarté', 'fichiers ont été écartés')}` : ''}.`,
    notMet.length
      ? `${capitalize(plural(notMet.length, 'commission ne s’est pas réunie', 'commissions ne se sont pas réunies'))} en ${c.year} ; ${fewer(fewPlenaries.length)}.`
      : `Toutes les commissions se sont réunies en ${c.year} ; ${fewPlenaries.length ? fewer(fewPlenaries.length) : target === 1 ? 'chacune a tenu sa séance plénière' : 'chacune a tenu ses deux séances plénières'}.`,
    `${capitalize(plural(now('parcours_personnes_en_parcours'), 'personne était', 'personnes étaient', 'aucune personne n’était'))} en parcours de sortie le 31 décembre ${c.year}${comparison}, dans ${plural(withParcours.length, 'département')} ; ` +
      `${plural(now('parcours_premieres_demandes'), 'première demande a été reçue', 'premières demandes ont été reçues', 'aucune première demande n’a été reçue')}` +
      `${decisions ? ` et ${formatInteger(Math.round((100 * now('parcours_refus')) / decisions))} % des décisions du préfet sont des refus` : ''}.`,
  ];
  const campaigns = c.returns.filter((r) => (r.now.get(CAMPAIGN_ASKED) ?? 0) > 0);
  if (campaigns.length) {
    const asked = now(CAMPAIGN_ASKED);
    const answered = now(CAMPAIGN_ANSWERED);
    essentials.push(
      `Dans ${plural(campaigns.length, 'département qui a mené', 'départements qui ont mené')} une campagne de remontées auprès des partenaires couvrant ${c.year}, ` +
        `${plural(answered, 'structure a répondu', 'structures ont répondu', 'aucune structure n’a répondu')} sur ${plural(asked, 'interrogée', 'interrogées')} (${formatInteger(answerRate({ asked, answered }))} %).`,
    );
  }

  const row = (id: string, label = indicatorById.get(id)?.label ?? id) => [label, formatInteger(now(id)), formatInteger(before(id)), change(now(id), before(id))];
  const themeColumns: Column[] = [
    { title: 'Indicateur', width: 0.58 },
    { title: String(c.year), width: 0.14, align: 'right' },
    { title: String(c.year - 1), width: 0.14, align: 'right' },
    { title: 'Évolution', width: 0.14, align: 'right' },
  ];
  const themed = (theme: Theme) => INDICATORS.filter((d) => d.theme === theme);
  const tables: SynthesisTable[] = (['seances', 'parcours', 'protocoles', 'reseau'] as const).map((theme) => ({ heading: themes[theme], columns: themeColumns, rows: themed(theme).map((d) => row(d.id)) }));
  const kinds = [...meteos.codes, 'sans_meteo'] as const;
  tables.splice(2, 0, {
    heading: themes.mineurs,
    columns: [
      { title: 'Mesure', width: 0.22 },
      { title: 'Fiches', width: 0.13, align: 'right' },
      ...kinds.map((k) => ({ title: k === 'sans_meteo' ? 'Non renseignée' : meteos.labels[k], width: 0.13, align: 'right' as const })),
    ],
    rows: AXIS4_MEASURES.map((m) => [`Mesure ${m}`, formatInteger(now(`mineurs_m${m}_fiches`)), ...kinds.map((k) => formatInteger(now(`mineurs_m${m}_fiches_${k}`)))]),
  });
  tables.push({
    heading: 'Par département',
    columns: [
      { title: 'Département', width: 0.34 },
      { title: 'Séances', width: 0.11, align: 'right' },
      { title: 'Plénières', width: 0.11, align: 'right' },
      { title: 'Premières demandes', width: 0.15, align: 'right' },
      { title: 'En parcours au 31/12', width: 0.15, align: 'right' },
      { title: 'Protocoles en vigueur', width: 0.14, align: 'right' },
    ],
    rows: c.returns.map((r) => [
      `${r.departement.name} (${r.departement.code})`,
      ...['seances_tenues', 'seances_pleniere', 'parcours_premieres_demandes', 'parcours_personnes_en_parcours', 'protocoles_en_vigueur'].map((id) => formatInteger(r.now.get(id) ?? 0)),
    ]),
  });

  const mapLabel = indicatorById.get(options.mapIndicator)?.label ?? options.mapIndicator;
  const values = new Map(c.returns.map((r) => [r.departement.code, r.now.get(options.mapIndicator) ?? 0]));
  const scope = new Set([...c.returns.map((r) => r.departement.code), ...c.missing.map((d) => d.code)]);
  return {
    title: `Consolidation des remontées annuelles ${c.year}`,
    scopeLabel,
    producedOn: formatDayMonthYear(options.producedOn),
    essentials,
    tables,
    notMet: notMet.map((r) => r.departement.name),
    missing: c.missing.map((d) => `${d.name} (${d.code})`),
    setAside: c.setAside.map((s) => `${s.file} : ${s.reasons.join(' ')}`),
    duplicates: c.duplicates,
    map: {
      title: `${mapLabel}, ${c.year}`,
      values,
      scope,
      alt: `Carte des départements (${lowerFirst(scopeLabel)}) selon « ${lowerFirst(mapLabel)} » : ${[...values].map(([code, v]) => `${code} ${v}`).join(', ')}${c.missing.length ? ` ; sans remontée : ${c.missing.map((d) => d.code).join(', ')}` : ''}.`,
    },
    footer: `Consolidation des remontées annuelles ${c.year} – ${scopeLabel}`,
  };
}

export async function buildSynthesis(v: SynthesisView): Promise<Buffer> {
  const map = await renderSvg(mapSvg(v.map));
  const children: Block[] = [
    para(S.documentTitle, v.title),
    para(S.sessionTitle, `${v.scopeLabel} – établie le ${v.producedOn}`),
    heading(1, 'L’essentiel'),
    ...bodyParagraphs(v.essentials),
    heading(1, 'Carte'),
    figure(map, { title: v.map.title, description: v.map.alt }, { keepWithNext: true }),
    para(S.meta, `${v.map.title}. Hachures : départements sans remontée. ${MAP_CREDIT}`),
    ...v.tables.flatMap((t) => [heading(1, t.heading), dataTable(t.columns, t.rows, { compact: true, emptyText: 'Aucune remontée.' }), para(S.body, '')]),
    heading(1, 'Commissions qui ne se sont pas réunies'),
    ...(v.notMet.length ? bulletList(v.notMet) : bodyParagraphs(['Toutes les commissions qui ont transmis leur remontée se sont réunies.'])),
    heading(1, 'Départements sans remontée'),
    ...(v.missing.length ? [para(S.body, joinFrench(v.missing) + '.')] : bodyParagraphs(['Tous les départements ont transmis leur remontée.'])),
    ...(v.setAside.length || v.duplicates.length ? [heading(1, 'Fichiers écartés'), ...bulletList([...v.duplicates, ...v.setAside])] : []),
  ];
  return Packer.toBuffer(
    new Document({
      title: `${v.title} – ${v.scopeLabel}`,
      subject: v.title,
      creator: 'Maillage',
      lastModifiedBy: 'Maillage',
      description: v.title,
      styles,
      sections: [{ properties: pageProperties(), footers: { default: footer(v.footer) }, children }],
    }),
  );
}
