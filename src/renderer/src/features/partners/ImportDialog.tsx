import { useState } from 'react';
import { joinFrench, plural } from '../../../../shared/format';
import {
  importFieldLabels,
  importFields,
  type DuplicateAction,
  type ImportField,
  type ImportPreview,
  type ImportRowReport,
  type ImportSummary,
  plannedImport,
} from '../../../../shared/model/partner-import';
import { api } from '../../api';
import { ImportWizard } from '../../components/ImportWizard';
import { Stat } from '../../components/Stat';

/** The partner list through the import wizard, with the choice of what to do with likely duplicates. */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const [onDuplicate, setOnDuplicate] = useState<DuplicateAction>('skip');
  const [choices, setChoices] = useState<Record<number, DuplicateAction>>({});
  const actionFor = (line: number) => choices[line] ?? onDuplicate;

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
      commitLabel={(preview) => commitLabel(preview, actionFor)}
      summary={(preview) => {
        const planned = plannedImport(preview, actionFor);
        const duplicateGroups = planned.duplicates;
        return (
          <>
            <div className="stat-row">
              <Stat count={planned.newGroups.length} one="structure nouvelle" many="structures nouvelles" />
              <Stat count={planned.contacts} one="contact à ajouter" many="contacts à ajouter" />
              <Stat count={preview.duplicates} one="doublon probable" many="doublons probables" tone={preview.duplicates ? 'warning' : undefined} />
              <Stat count={planned.warnings} one="ligne avec avertissement" many="lignes avec avertissement" tone={planned.warnings ? 'warning' : undefined} />
              <Stat count={preview.errors} one="ligne en erreur" many="lignes en erreur" tone={preview.errors ? 'error' : undefined} />
            </div>
            {planned.ignored > 0 && (
              <p className="hint ignored-rows">
                {plural(planned.ignored, 'ligne sera ignorée', 'lignes seront ignorées')} : {planned.ignored > 1 ? 'elles décrivent' : 'elle décrit'} des structures déjà
                dans l’annuaire que l’import laisse telles quelles
                {planned.ignoredWithWarning > 0 ? ` (dont ${planned.ignoredWithWarning} avec avertissement)` : ''}.
              </p>
            )}
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
                          <br />
                          <span className="muted">{mergeWould(g.changesIfMerged, g.contactsNewIfMerged)}</span>
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
          {summary.partnersUnchanged > 0 && <li>{plural(summary.partnersUnchanged, 'structure déjà à jour', 'structures déjà à jour')} : rien n’y a été changé</li>}
          {summary.partnersSkipped > 0 && <li>{plural(summary.partnersSkipped, 'doublon ignoré', 'doublons ignorés')}</li>}
          {summary.warnings > 0 && <li>{plural(summary.warnings, 'ligne importée avec avertissement', 'lignes importées avec avertissement')}</li>}
        </ul>
      )}
      onClose={onClose}
      onImported={onImported}
    />
  );
}

/** What merging one duplicate would do, in words: the fields it fills and the contacts it adds, or nothing. */
function mergeWould(fields: string[], contacts: number): string {
  const parts = [...fields.map((f) => f.toLowerCase()), ...(contacts > 0 ? [plural(contacts, 'contact', 'contacts')] : [])];
  return parts.length === 0 ? 'Fusionner n’y changerait rien : la fiche a déjà tout ce que dit le fichier.' : `Fusionner compléterait : ${joinFrench(parts)}.`;
}

/**
 * The commit button says what the import will really do with the current choices
 * (« Importer : 3 structures nouvelles et 12 contacts », « Compléter 2 structures existantes »,
 * « Rien à changer : l’annuaire contient déjà tout ce que dit le fichier »).
 */
function commitLabel(preview: ImportPreview, actionFor: (line: number) => DuplicateAction) {
  const { newGroups, merged, contacts, duplicates } = plannedImport(preview, actionFor);
  const parts = [
    newGroups.length > 0 ? plural(newGroups.length, 'structure nouvelle', 'structures nouvelles') : null,
    merged.length > 0 ? plural(merged.length, 'structure existante complétée', 'structures existantes complétées') : null,
    contacts > 0 ? plural(contacts, 'contact', 'contacts') : null,
  ].filter((p): p is string => p !== null);
  const nothing = parts.length === 0;
  const label = nothing
    ? duplicates.length > 0 && duplicates.every((g) => g.changesIfMerged.length === 0 && g.contactsNewIfMerged === 0)
      ? 'Rien à changer : l’annuaire contient déjà tout ce que dit le fichier'
      : 'Rien à importer'
    : newGroups.length === 0 && contacts === 0
      ? `Compléter ${plural(merged.length, 'structure existante', 'structures existantes')}`
      : `Importer : ${joinFrench(parts)}`;
  return { label, nothing };
}
