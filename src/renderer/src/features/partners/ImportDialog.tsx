import { useState } from 'react';
import { joinFrench, plural } from '../../../../shared/format';
import {
  importFieldLabels,
  importFields,
  type DuplicateAction,
  type ImportField,
  type ImportGroup,
  type ImportPreview,
  type ImportRowReport,
  type ImportSummary,
} from '../../../../shared/model/partner-import';
import { api } from '../../api';
import { ImportWizard } from '../../components/ImportWizard';
import { Stat } from '../../components/Stat';

/** The partner list through the import wizard, with the choice of what to do with likely duplicates. */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const [onDuplicate, setOnDuplicate] = useState<DuplicateAction>('skip');
  const [choices, setChoices] = useState<Record<number, DuplicateAction>>({});
  const actionFor = (line: number) => choices[line] ?? onDuplicate;
  const split = (preview: ImportPreview) => ({ newGroups: preview.groups.filter((g) => !g.duplicateOf), duplicateGroups: preview.groups.filter((g) => g.duplicateOf) });

  return (
    <ImportWizard<ImportField, ImportRowReport, ImportPreview, ImportSummary>
      title="Importer des partenaires"
      intro={
        <>
          <p>Choisissez la liste de partenaires à importer, telle que vous l’avez dans Excel :</p>
          <ul className="plain-list">
            <li>un classeur Excel <strong>.xlsx</strong> (un titre ou des lignes vides au-dessus des en-têtes ne gênent pas) ;</li>
            <li>
              un fichier <strong>CSV</strong> enregistré par Excel (séparateur point-virgule ou virgule, accents compris).
            </li>
          </ul>
          <p className="muted">
            Une ligne par structure, ou une ligne par contact en répétant le nom de la structure. Rien n’est enregistré avant la dernière
            étape.
          </p>
        </>
      }
      fields={importFields}
      fieldLabels={importFieldLabels}
      required={{ fields: ['name'], message: 'Indiquez quelle colonne contient le nom des structures.' }}
      mappingHint="Vérifiez à quoi correspond chaque colonne ; « Ne pas importer » laisse une colonne de côté. Seul le nom de la structure est obligatoire."
      open={() => api.partnerImport.open()}
      preview={(token, mapping) => api.partnerImport.preview({ token, mapping })}
      commit={(token, mapping) =>
        api.partnerImport.commit({ token, mapping, onDuplicate, choices: Object.entries(choices).map(([line, action]) => ({ line: Number(line), action })) })
      }
      discard={(token) => api.partnerImport.discard({ token })}
      onPreview={() => setChoices({})}
      rowColumns={[
        { header: 'Structure', value: (r) => r.structure || <em className="muted">(vide)</em> },
        { header: 'Contact', value: (r) => r.contact },
      ]}
      commitLabel={(preview) => {
        const { newGroups, duplicateGroups } = split(preview);
        return plannedOutcome(newGroups, duplicateGroups, actionFor);
      }}
      summary={(preview) => {
        const { newGroups, duplicateGroups } = split(preview);
        const outcome = plannedOutcome(newGroups, duplicateGroups, actionFor);
        return (
          <>
            <div className="stat-row">
              <Stat count={newGroups.length} one="structure nouvelle" many="structures nouvelles" />
              <Stat count={outcome.contacts} one="contact à ajouter" many="contacts à ajouter" />
              <Stat count={preview.duplicates} one="doublon probable" many="doublons probables" tone={preview.duplicates ? 'warning' : undefined} />
              <Stat count={preview.warnings} one="ligne avec avertissement" many="lignes avec avertissement" tone={preview.warnings ? 'warning' : undefined} />
              <Stat count={preview.errors} one="ligne en erreur" many="lignes en erreur" tone={preview.errors ? 'error' : undefined} />
            </div>
            {duplicateGroups.length > 0 && (
              <section className="duplicates" aria-label="Doublons probables">
                <div className="card-header">
                  <h3>Structures déjà dans l’annuaire</h3>
                  <label className="inline-field">
                    Pour toutes :
                    <select value={onDuplicate} onChange={(e) => {
                      setOnDuplicate(e.target.value as DuplicateAction);
                      setChoices({});
                    }}>
                      <option value="skip">Ignorer la ligne du fichier</option>
                      <option value="merge">Fusionner (compléter la fiche existante)</option>
                    </select>
                  </label>
                </div>
                <table className="data-table">
                  <tbody>
                    {duplicateGroups.slice(0, 300).map((g) => (
                      <tr key={g.line}>
                        <td className="line-number">Ligne {g.line}</td>
                        <td>
                          <strong>{g.name}</strong>
                          {g.commune ? ` (${g.commune})` : ''} ressemble à « {g.duplicateOf!.name} »{g.duplicateOf!.commune ? ` (${g.duplicateOf!.commune})` : ''} : {g.duplicateOf!.reason}.
                        </td>
                        <td>
                          <select
                            className="duplicate-choice"
                            aria-label={`Que faire de « ${g.name} » ?`}
                            value={actionFor(g.line)}
                            onChange={(e) => setChoices((c) => ({ ...c, [g.line]: e.target.value as DuplicateAction }))}
                          >
                            <option value="skip">Ignorer la ligne</option>
                            <option value="merge">Fusionner</option>
                          </select>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="hint">Fusionner complète les champs vides de la fiche existante, ajoute ses domaines et les contacts qu’elle n’a pas encore ; rien n’est effacé.</p>
              </section>
            )}
          </>
        );
      }}
      done={(summary) => (
        <ul className="plain-list">
          <li>{plural(summary.partnersCreated, 'structure créée', 'structures créées')}</li>
          <li>{plural(summary.contactsCreated, 'contact ajouté', 'contacts ajoutés')}</li>
          {summary.partnersMerged > 0 && <li>{plural(summary.partnersMerged, 'structure complétée', 'structures complétées')} (fusion)</li>}
          {summary.partnersSkipped > 0 && <li>{plural(summary.partnersSkipped, 'doublon ignoré', 'doublons ignorés')}</li>}
          {summary.warnings > 0 && <li>{plural(summary.warnings, 'ligne importée avec avertissement', 'lignes importées avec avertissement')}</li>}
        </ul>
      )}
      onClose={onClose}
      onImported={onImported}
    />
  );
}

/**
 * What the import will really do with the current choices: the counts and the button say it
 * (« Importer 3 structures et 12 contacts », « Compléter 2 structures existantes », « Rien à importer »).
 */
function plannedOutcome(newGroups: ImportGroup[], duplicateGroups: ImportGroup[], actionFor: (line: number) => DuplicateAction) {
  const merged = duplicateGroups.filter((g) => actionFor(g.line) === 'merge');
  const contacts = newGroups.reduce((n, g) => n + g.contacts, 0) + merged.reduce((n, g) => n + g.contactsNewIfMerged, 0);
  const parts = [
    newGroups.length > 0 ? plural(newGroups.length, 'structure nouvelle', 'structures nouvelles') : null,
    merged.length > 0 ? plural(merged.length, 'structure existante complétée', 'structures existantes complétées') : null,
    contacts > 0 ? plural(contacts, 'contact', 'contacts') : null,
  ].filter((p): p is string => p !== null);
  const nothing = parts.length === 0;
  const label = nothing
    ? 'Rien à importer'
    : newGroups.length === 0 && contacts === 0
      ? `Compléter ${plural(merged.length, 'structure existante', 'structures existantes')}`
      : `Importer : ${joinFrench(parts)}`;
  return { label, contacts, nothing };
}
