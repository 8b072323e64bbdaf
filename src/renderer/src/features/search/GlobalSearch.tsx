import { useEffect, useState } from 'react';
import { parcoursKind } from '../../../../shared/parcours';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { actionItems, partnerItems } from '../../components/pickerItems';
import { SearchPicker, type PickerItem } from '../../components/SearchPicker';
import { useRun } from '../../components/Toast';
import { navigate } from '../../router';
import { sessionLabel } from '../sessions/labels';
import './search.css';

/** Where each item leads, by the prefix of its id (the same record id may appear in two lists). */
const ROUTES: Record<string, (id: string) => string[]> = {
  structure: (id) => ['partenaires', id],
  // A person opens on their structure's page, where their contact card is.
  contact: (partnerId) => ['partenaires', partnerId],
  fiche: (id) => ['mesures', 'fiches', id],
  protocole: (id) => ['protocoles', id],
  seance: (id) => ['seances', id],
  demande: (id) => ['parcours', id],
};

/** Everything a secretary looks for by name or code, read when the box opens (the lists change as they work). */
async function everything(): Promise<PickerItem[]> {
  const [options, meetings, parcours] = await Promise.all([api.meetings.options(), api.meetings.list(), api.parcours.list()]);
  const group = (name: string, prefix: string, items: PickerItem[]): PickerItem[] => items.map((i) => ({ ...i, id: `${prefix}:${i.id}`, group: name }));
  return [
    ...group('Structures', 'structure', partnerItems(options.partners)),
    ...group(
      'Contacts',
      'contact',
      options.contacts.map((c) => ({ id: `${c.partnerId}:${c.id}`, label: [c.civility, c.name].filter(Boolean).join(' '), detail: [c.role, c.partnerName].filter(Boolean).join(' · ') })),
    ),
    ...group('Fiches actions', 'fiche', actionItems(options.actions)),
    ...group('Protocoles', 'protocole', options.protocols.map((p) => ({ id: p.id, label: p.label }))),
    ...group('Séances', 'seance', meetings.map((m) => ({ id: m.id, label: sessionLabel(m), detail: m.title ?? undefined }))),
    ...group(
      'Demandes de parcours',
      'demande',
      parcours.map((r) => ({ id: r.id, label: r.reference, detail: `${parcoursKind(r.renewalNumber)} · ${r.associationName}`, keys: [r.reference] })),
    ),
  ];
}

/** One box for the whole commission (Ctrl+K): a structure, a contact, a fiche, a protocol, a séance or a demande. */
export function GlobalSearch({ onClose }: { onClose: () => void }) {
  const [items, setItems] = useState<PickerItem[] | null>(null);
  const run = useRun();
  useEffect(() => {
    void run(async () => setItems(await everything()));
  }, [run]);

  return (
    <Dialog title="Rechercher dans la commission" open onClose={onClose} width={640}>
      <p className="muted">Une structure, un contact, une fiche action (« FA-012 »), un protocole, une séance ou une demande de parcours (« PS-2026-007 »).</p>
      <div className="global-search">
        <SearchPicker
          ariaLabel="Rechercher dans la commission"
          placeholder={items ? 'Nom, code, référence…' : 'Chargement…'}
          items={items ?? []}
          onPick={(item) => {
            const [kind, id] = item.id.split(':') as [string, string];
            onClose();
            navigate(...ROUTES[kind]!(id));
          }}
        />
      </div>
    </Dialog>
  );
}
