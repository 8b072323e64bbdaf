import { useMemo, useRef, useState } from 'react';
import { formatDate, plural } from '../../../../shared/format';
import { catalogueNodeKinds, measureName, meteos } from '../../../../shared/labels';
import type { ActionListItem, CatalogueImportPreview, CatalogueNode, Framework } from '../../../../shared/model/measures';
import { catalogueNodeUpdate, localMeasureCreate } from '../../../../shared/schemas/actions';
import { api } from '../../api';
import { ConfirmDialog, Dialog, FormDialog } from '../../components/Dialog';
import { Field, FormError, text, useForm } from '../../components/form';
import { Icon } from '../../components/icons';
import { useRun, useToast } from '../../components/Toast';
import { navigate } from '../../router';
import { MeteoBadge, ProgressBar, StatusBadge, StatusStack } from './badges';
import { Writes } from '../../components/ReadOnly';

/** Both national frameworks as a tree; each node tells how many local fiches it has and how they stand. */
export function MeasuresTree({ frameworks, actions, onChange }: { frameworks: Framework[]; actions: ActionListItem[]; onChange: () => void }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const selected = useMemo(() => {
    for (const f of frameworks) {
      const found = findNode(f.nodes, selectedId);
      if (found) return { framework: f, node: found };
    }
    return null;
  }, [frameworks, selectedId]);

  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="tree-layout">
      <div className="card tree-card">
        {frameworks.map((f) => (
          <section key={f.id} className="framework" aria-labelledby={`framework-${f.id}`}>
            <header className="framework-head">
              <div>
                <h2 id={`framework-${f.id}`}>{f.title}</h2>
                <p className="muted">
                  {f.shortTitle}
                  {f.presentedOn && ` · ${formatDate(f.presentedOn)}`} · version {f.version} · {plural(f.summary.count, 'fiche action', 'fiches actions', 'aucune fiche action')}
                </p>
              </div>
              <span className="tree-figures">
                <MeteoBadge meteo={f.summary.meteo} compact />
                <StatusStack byStatus={f.summary.byStatus} width={120} />
              </span>
            </header>
            <FrameworkTree framework={f} collapsed={collapsed} onToggle={toggle} selectedId={selectedId} onSelect={setSelectedId} />
          </section>
        ))}
      </div>
      {selected ? (
        <NodePanel key={selected.node.id} framework={selected.framework} node={selected.node} actions={actions} onChange={onChange} onDeleted={() => setSelectedId(null)} />
      ) : (
        <aside className="card muted-card node-panel" aria-labelledby="node-panel-empty">
          <h2 id="node-panel-empty">Choisissez une mesure</h2>
          <p>
            Sélectionnez une priorité, un axe ou une mesure pour voir ses fiches actions, corriger son intitulé, y ajouter une sous-mesure locale ou créer une fiche qui
            s’y rattache.
          </p>
          <p className="legend">
            Pour chaque ligne : le nombre de fiches rattachées (à la mesure ou en dessous), la météo d’ensemble des fiches en cours et la répartition de leurs statuts.
          </p>
          <p className="legend">Au clavier : flèches haut et bas pour parcourir, droite et gauche pour déplier et replier, Entrée pour choisir, une lettre pour aller à l’intitulé qui commence par elle.</p>
        </aside>
      )}
    </div>
  );
}

interface VisibleNode {
  node: CatalogueNode;
  parentId: string | null;
  level: number;
  setSize: number;
  position: number;
}

/** The nodes a user can reach with the arrow keys: those whose ancestors are all expanded, in reading order. */
function visibleNodes(nodes: CatalogueNode[], collapsed: Set<string>, parentId: string | null = null, level = 1, out: VisibleNode[] = []): VisibleNode[] {
  nodes.forEach((node, index) => {
    out.push({ node, parentId, level, setSize: nodes.length, position: index + 1 });
    if (node.children.length > 0 && !collapsed.has(node.id)) visibleNodes(node.children, collapsed, node.id, level + 1, out);
  });
  return out;
}

/** Compared without case or accents, so « eco » finds « Économie ». */
const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');

/**
 * One framework as a WAI-ARIA tree: a single Tab stop (roving tabindex), arrows to move, open and
 * close, Home/End, Enter or Space to choose, and type-ahead on the labels and titles.
 */
function FrameworkTree({
  framework,
  collapsed,
  onToggle,
  selectedId,
  onSelect,
}: {
  framework: Framework;
  collapsed: Set<string>;
  onToggle: (id: string) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const visible = useMemo(() => visibleNodes(framework.nodes, collapsed), [framework, collapsed]);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const typed = useRef({ text: '', at: 0 });
  const activeId = visible.some((v) => v.node.id === focusedId) ? focusedId : (visible.find((v) => v.node.id === selectedId)?.node.id ?? visible[0]?.node.id);

  const moveTo = (id: string | undefined) => {
    if (!id) return;
    setFocusedId(id);
    treeRef.current?.querySelector<HTMLElement>(`[data-node-id="${id}"]`)?.focus();
  };

  function onKeyDown(event: React.KeyboardEvent<HTMLUListElement>) {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset.nodeId;
    const index = visible.findIndex((v) => v.node.id === id);
    const current = visible[index];
    if (!current) return;
    const { node, parentId } = current;
    const expandable = node.children.length > 0;
    const open = expandable && !collapsed.has(node.id);
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(visible[index + 1]?.node.id);
        break;
      case 'ArrowUp':
        moveTo(visible[index - 1]?.node.id);
        break;
      case 'ArrowRight':
        if (expandable && !open) onToggle(node.id);
        else if (open) moveTo(node.children[0]?.id);
        break;
      case 'ArrowLeft':
        if (open) onToggle(node.id);
        else if (parentId) moveTo(parentId);
        break;
      case 'Home':
        moveTo(visible[0]?.node.id);
        break;
      case 'End':
        moveTo(visible[visible.length - 1]?.node.id);
        break;
      case 'Enter':
      case ' ':
        onSelect(node.id);
        break;
      default:
        handled = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && typeAhead(event.key, index);
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  /** Letters typed within a second add up; the search starts after the current item and wraps around. */
  function typeAhead(key: string, index: number): boolean {
    const now = Date.now();
    typed.current = { text: (now - typed.current.at < 1000 ? typed.current.text : '') + fold(key), at: now };
    const wanted = typed.current.text;
    const order = [...visible.slice(index + 1), ...visible.slice(0, index + 1)];
    const match = order.find(({ node }) => fold(node.label).startsWith(wanted) || fold(node.shortTitle ?? node.title).startsWith(wanted));
    moveTo(match?.node.id);
    return true;
  }

  // Flat rows carrying their level, size and position (the APG's « computed properties » tree): each
  // treeitem holds only its own row, so its name is its visible text plus the figures said in words.
  return (
    <ul ref={treeRef} role="tree" className="tree-list" aria-labelledby={`framework-${framework.id}`} onKeyDown={onKeyDown}>
      {visible.map(({ node, level, setSize, position }) => {
        const expandable = node.children.length > 0;
        const open = expandable && !collapsed.has(node.id);
        const s = node.summary;
        return (
          <li
            key={node.id}
            role="treeitem"
            data-node-id={node.id}
            tabIndex={node.id === activeId ? 0 : -1}
            aria-level={level}
            aria-setsize={setSize}
            aria-posinset={position}
            aria-expanded={expandable ? open : undefined}
            aria-selected={node.id === selectedId}
            onFocus={() => setFocusedId(node.id)}
          >
            <div
              className={`tree-row${node.id === selectedId ? ' selected' : ''}${node.retiredAt ? ' retired' : ''}`}
              style={{ paddingLeft: 8 + (level - 1) * 22 }}
              onClick={() => {
                onSelect(node.id);
                moveTo(node.id);
              }}
              title={node.title}
            >
              {expandable ? (
                // The keyboard opens and closes with the arrows; this chevron is for the mouse.
                <span
                  className={`tree-toggle${open ? ' open' : ''}`}
                  aria-hidden="true"
                  onClick={(event) => {
                    event.stopPropagation();
                    onToggle(node.id);
                  }}
                >
                  <Icon name="chevron" size={14} />
                </span>
              ) : (
                <span className="tree-toggle-space" />
              )}
              <span className="tree-label" title={`${node.label} – ${node.title}`}>
                <span className={`tree-kind kind-${node.kind}`}>{node.label}</span>
                <span className="tree-title">{node.shortTitle ?? node.title}</span>
                {node.isLocal && <span className="badge badge-local">locale</span>}
                {node.reconstructed && <span className="badge badge-muted" title="Intitulé reconstitué à partir des sources : vérifiez-le et corrigez-le si besoin.">reconstitué</span>}
                {node.retiredAt && <span className="badge badge-warning">retirée</span>}
                <span className="visually-hidden">
                  {`, ${plural(s.count, 'fiche action', 'fiches actions', 'aucune fiche action')}`}
                  {s.meteo && `, météo ${meteos.labels[s.meteo]}`}
                </span>
              </span>
              <span className="tree-figures" aria-hidden="true">
                <span className={`tree-count${s.count === 0 ? ' zero' : ''}`} title={plural(s.count, 'fiche action', 'fiches actions', 'aucune fiche action')}>
                  {s.count}
                </span>
                <MeteoBadge meteo={s.meteo} compact />
                <StatusStack byStatus={s.byStatus} width={84} />
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function findNode(nodes: CatalogueNode[], id: string | null): CatalogueNode | null {
  if (!id) return null;
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return null;
}

function subtreeIds(node: CatalogueNode): Set<string> {
  const ids = new Set<string>([node.id]);
  for (const child of node.children) for (const id of subtreeIds(child)) ids.add(id);
  return ids;
}

function NodePanel({
  framework,
  node,
  actions,
  onChange,
  onDeleted,
}: {
  framework: Framework;
  node: CatalogueNode;
  actions: ActionListItem[];
  onChange: () => void;
  onDeleted: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const toast = useToast();
  const run = useRun();
  const attached = useMemo(() => {
    const ids = subtreeIds(node);
    return actions.filter((a) => a.measureIds.some((id) => ids.has(id)));
  }, [actions, node]);
  const s = node.summary;

  async function remove() {
    setDeleting(false);
    if (await run(() => api.catalogue.deleteLocalMeasure({ id: node.id }), `Sous-mesure « ${node.label} » supprimée.`)) {
      onDeleted();
      onChange();
    }
  }

  return (
    <aside className="card node-panel" aria-label={`${node.label} — ${node.title}`}>
      <p className="node-kind">
        {measureName(framework.shortTitle, node.label)} · {catalogueNodeKinds.labels[node.kind]}
      </p>
      <h2 className="node-title">
        {node.label} — {node.title}
      </h2>
      {node.retiredAt && (
        <p className="notice warning">Retirée du catalogue national le {formatDate(node.retiredAt)} : conservée parce que des fiches y sont encore rattachées.</p>
      )}
      {node.shortTitle && <p className="muted">Intitulé abrégé : {node.shortTitle}</p>}
      {node.pilot && (
        <p>
          <strong>Pilote national :</strong> {node.pilot}
        </p>
      )}
      {node.sourceNote && <p className="muted source-note">{node.sourceNote}</p>}
      <div className="node-figures">
        <div>
          <span className="figure">{s.count}</span>
          <span className="muted">{s.count > 1 ? 'fiches actions' : 'fiche action'}</span>
        </div>
        <div>
          {s.status ? <StatusBadge status={s.status} /> : <span className="muted">—</span>}
          <span className="muted">statut d’ensemble</span>
        </div>
        <div>
          <MeteoBadge meteo={s.meteo} meaning />
          <span className="muted">météo d’ensemble</span>
        </div>
        <div>
          {s.progress !== null ? <ProgressBar value={s.progress} /> : <span className="muted">—</span>}
          <span className="muted">avancement moyen</span>
        </div>
      </div>
      <Writes>
        <div className="actions">
          {!node.retiredAt && (
            <button type="button" className="button primary" onClick={() => navigate('mesures', 'fiches', 'nouvelle', node.id)}>
              <Icon name="plus" size={18} />
              Nouvelle fiche rattachée
            </button>
          )}
          <button type="button" className="button" onClick={() => setEditing(true)}>
            <Icon name="edit" size={18} />
            Corriger l’intitulé
          </button>
          {!node.retiredAt && (
            <button type="button" className="button" onClick={() => setAdding(true)}>
              Ajouter une sous-mesure locale
            </button>
          )}
          {node.isLocal && (
            <button type="button" className="button danger-outline" onClick={() => setDeleting(true)}>
              <Icon name="trash" size={18} />
              Supprimer
            </button>
          )}
        </div>
      </Writes>
      <h3 className="section-title">Fiches actions rattachées</h3>
      {attached.length === 0 ? (
        <p className="muted">Aucune fiche action locale pour cette mesure.</p>
      ) : (
        <ul className="node-actions">
          {attached.map((a) => (
            <li key={a.id}>
              <a href={`#/mesures/fiches/${a.id}`}>
                <span className="code-tag">{a.code}</span> {a.title}
              </a>
              <span className="node-action-state">
                <StatusBadge status={a.status} />
                <MeteoBadge meteo={a.meteo} compact />
                {a.overdue && <span className="badge badge-danger">en retard</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <NodeDialog
          node={node}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            toast('Intitulé corrigé.');
            onChange();
          }}
        />
      )}
      {adding && (
        <LocalMeasureDialog
          parent={node}
          onClose={() => setAdding(false)}
          onSaved={(created) => {
            setAdding(false);
            toast(`Sous-mesure locale ${created.label} ajoutée.`);
            onChange();
          }}
        />
      )}
      <ConfirmDialog open={deleting} title="Supprimer cette sous-mesure ?" confirmLabel="Supprimer" danger onConfirm={remove} onCancel={() => setDeleting(false)}>
        <p>
          La sous-mesure locale <strong>« {node.label} — {node.title} »</strong> sera supprimée. Cette suppression est définitive.
        </p>
      </ConfirmDialog>
    </aside>
  );
}

function NodeDialog({ node, onClose, onSaved }: { node: CatalogueNode; onClose: () => void; onSaved: () => void }) {
  const form = useForm(catalogueNodeUpdate, { id: node.id, label: node.label, title: node.title, shortTitle: node.shortTitle, pilot: node.pilot, sourceNote: node.sourceNote });
  const v = form.values;
  const save = form.submit(async (input) => {
    await api.catalogue.updateNode(input);
    onSaved();
  });
  return (
    <FormDialog title="Corriger l’intitulé" formId="node-form" width={640} saving={form.saving} dirty={form.dirty} submitLabel="Enregistrer" onClose={onClose}>
      <form id="node-form" onSubmit={save} noValidate>
        <div className="form-grid">
          <Field label="Libellé court" required error={form.errors.label}>
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.label)} onChange={(e) => form.set('label', e.target.value)} />}
          </Field>
          <div />
          <Field label="Intitulé" required error={form.errors.title} wide>
            {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={text(v.title)} onChange={(e) => form.set('title', e.target.value)} autoFocus />}
          </Field>
          <Field label="Intitulé abrégé" error={form.errors.shortTitle} wide hint="Facultatif : la forme courte affichée dans l’arborescence et les listes quand l’intitulé est long.">
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.shortTitle)} onChange={(e) => form.set('shortTitle', e.target.value)} />}
          </Field>
          <Field label="Pilote national" error={form.errors.pilot} wide hint="Le service que le texte officiel désigne comme pilote (exemple : Éducation nationale – DGESCO).">
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.pilot)} onChange={(e) => form.set('pilot', e.target.value)} />}
          </Field>
          <Field label="Source" error={form.errors.sourceNote} wide hint="D’où vient cet intitulé : texte officiel, circulaire, reconstitution…">
            {(id, d) => <textarea id={id} aria-describedby={d} rows={2} value={text(v.sourceNote)} onChange={(e) => form.set('sourceNote', e.target.value)} />}
          </Field>
        </div>
        <p className="hint">Un catalogue national importé plus tard remplacera cet intitulé par le sien si cette mesure y figure.</p>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

function LocalMeasureDialog({ parent, onClose, onSaved }: { parent: CatalogueNode; onClose: () => void; onSaved: (node: CatalogueNode) => void }) {
  const form = useForm(localMeasureCreate, { parentId: parent.id, label: '', title: '' });
  const v = form.values;
  const save = form.submit(async (input) => {
    onSaved(await api.catalogue.addLocalMeasure(input));
  });
  return (
    <FormDialog title={`Sous-mesure locale de ${parent.label}`} formId="local-form" width={600} saving={form.saving} dirty={form.dirty} submitLabel="Ajouter la sous-mesure" onClose={onClose}>
      <form id="local-form" onSubmit={save} noValidate>
        <p className="muted">{parent.title}</p>
        <div className="form-grid">
          <Field label="Libellé court" required error={form.errors.label} hint={`Par exemple ${parent.label}.1`}>
            {(id, d) => <input id={id} aria-describedby={d} value={text(v.label)} onChange={(e) => form.set('label', e.target.value)} autoFocus />}
          </Field>
          <div />
          <Field label="Intitulé" required error={form.errors.title} wide>
            {(id, d) => <textarea id={id} aria-describedby={d} rows={3} value={text(v.title)} onChange={(e) => form.set('title', e.target.value)} />}
          </Field>
        </div>
        <FormError message={form.formError} />
      </form>
    </FormDialog>
  );
}

/** Shows what an updated catalogue would change, and applies it only once the user agrees. */
export function ImportReportDialog({ preview, onClose, onApplied }: { preview: CatalogueImportPreview; onClose: () => void; onApplied: () => void }) {
  const [applying, setApplying] = useState(false);
  const run = useRun();
  const nothing = preview.report.frameworks.every((f) => f.added.length + f.updated.length + f.retired.length + f.removed.length === 0 && !f.isNew);
  async function apply() {
    setApplying(true);
    if (await run(() => api.catalogue.applyImport({ token: preview.token }), 'Catalogue mis à jour.')) onApplied();
    else setApplying(false);
  }
  const list = (label: string, codes: string[], tone = '') =>
    codes.length > 0 && (
      <li className={tone}>
        <strong>{label}</strong> ({codes.length}) : {codes.join(', ')}
      </li>
    );
  return (
    <Dialog
      title="Importer un catalogue mis à jour"
      open
      onClose={onClose}
      width={640}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {nothing ? 'Fermer' : 'Annuler'}
          </button>
          {!nothing && (
            <button type="button" className="button primary" onClick={apply} disabled={applying}>
              {applying ? 'Import…' : 'Appliquer ces changements'}
            </button>
          )}
        </>
      }
    >
      <p>
        Fichier : <strong>{preview.fileName}</strong>
      </p>
      {preview.report.frameworks.map((f) => (
        <section key={f.code} className="import-report">
          <h3>
            {f.title} {f.isNew && <span className="badge">nouveau cadre</span>}
          </h3>
          <ul>
            {list('Ajoutées', f.added)}
            {list('Mises à jour', f.updated)}
            {list('Retirées mais conservées (des fiches y sont rattachées)', f.retired, 'warning')}
            {list('Supprimées', f.removed, 'danger')}
            <li className="muted">{plural(f.unchanged, 'entrée inchangée', 'entrées inchangées')}</li>
          </ul>
        </section>
      ))}
      {nothing && <p>Ce catalogue est identique à celui de la commission : rien à changer.</p>}
      {!nothing && <p className="hint">Les sous-mesures locales de la commission sont conservées. Rien n’est modifié tant que vous n’avez pas appliqué.</p>}
    </Dialog>
  );
}
