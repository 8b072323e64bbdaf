import { plural } from '../../../../shared/format';
import {
  parcoursImportFieldLabels,
  parcoursImportFields,
  type ParcoursImportField,
  type ParcoursImportPreview,
  type ParcoursImportRow,
  type ParcoursImportSummary,
} from '../../../../shared/model/parcours-import';
import { api } from '../../api';
import { IdentityNotice, ImportWizard } from '../../components/ImportWizard';
import { Stat } from '../../components/Stat';

/** The register the secretary kept in Excel, through the same wizard as partners; identity columns are never read. */
export function ParcoursImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  return (
    <ImportWizard<ParcoursImportField, ParcoursImportRow, ParcoursImportPreview, ParcoursImportSummary>
      title="Importer un registre des parcours de sortie"
      intro={
        <>
          <p>Choisissez le tableau où vous suiviez jusqu’ici les demandes de parcours de sortie :</p>
          <ul className="plain-list">
            <li>un classeur Excel <strong>.xlsx</strong> (un titre ou des lignes vides au-dessus des en-têtes ne gênent pas) ;</li>
            <li>
              un fichier <strong>CSV</strong> enregistré par Excel.
            </li>
          </ul>
          <p className="muted">
            Une ligne par demande ; un renouvellement indique la référence de la demande qu’il renouvelle. Les colonnes qui identifient une personne (nom, prénom, date de
            naissance, adresse, téléphone, n° de dossier…), par leur en-tête ou par leurs valeurs, ne sont jamais lues. Les colonnes de texte libre (référence, observations…)
            ne sont importées que si vous les choisissez. Rien n’est enregistré avant la dernière étape.
          </p>
        </>
      }
      fields={parcoursImportFields}
      fieldLabels={parcoursImportFieldLabels}
      required={{ fields: ['association', 'receivedOn'], message: 'Indiquez quelles colonnes contiennent l’association et la date de réception de la demande.' }}
      mappingHint="Vérifiez à quoi correspond chaque colonne ; « Ne pas importer » laisse une colonne de côté. L’association et la date de réception sont obligatoires ; sans référence, Maillage numérote la demande. Les colonnes de texte libre (référence, motifs, arrêté, observations) ne sont importées que si vous les choisissez : vérifiez d’abord qu’elles ne nomment personne."
      open={() => api.parcoursImport.open()}
      preview={(token, mapping) => api.parcoursImport.preview({ token, mapping })}
      commit={(token, mapping) => api.parcoursImport.commit({ token, mapping })}
      discard={(token) => api.parcoursImport.discard({ token })}
      rowColumns={[
        { header: 'Référence', value: (r) => r.reference || <em className="muted">(à numéroter)</em> },
        { header: 'Nature', value: (r) => r.kind },
        { header: 'Association', value: (r) => r.association || <em className="muted">(vide)</em> },
      ]}
      commitLabel={(preview) => {
        const total = preview.firstRequests + preview.renewals;
        return { label: total ? `Importer ${plural(total, 'demande')}` : 'Rien à importer', nothing: total === 0 };
      }}
      summary={(preview) => (
        <>
          {preview.identityColumns.length > 0 && <IdentityNotice columns={preview.identityColumns} />}
          <div className="stat-row">
            <Stat count={preview.firstRequests} one="première demande" many="premières demandes" />
            <Stat count={preview.renewals} one="renouvellement" many="renouvellements" />
            <Stat count={preview.warnings} one="ligne avec avertissement" many="lignes avec avertissement" tone={preview.warnings ? 'warning' : undefined} />
            <Stat count={preview.errors} one="ligne en erreur" many="lignes en erreur" tone={preview.errors ? 'error' : undefined} />
          </div>
          {preview.unknownAssociations.length > 0 && (
            <p className="hint">
              {preview.unknownAssociations.length > 1 ? 'Associations absentes de l’annuaire, gardées sous leur nom' : 'Association absente de l’annuaire, gardée sous son nom'} :{' '}
              {preview.unknownAssociations.join(', ')}. {preview.unknownAssociations.length > 1 ? 'Ajoutez-les' : 'Ajoutez-la'} aux partenaires pour les retrouver dans les fiches.
            </p>
          )}
        </>
      )}
      done={(summary) => (
        <ul className="plain-list">
          <li>{plural(summary.created, 'demande ajoutée au registre', 'demandes ajoutées au registre')}</li>
          <li>
            {plural(summary.firstRequests, 'première demande', 'premières demandes')}, {plural(summary.renewals, 'renouvellement')}
          </li>
          {summary.warnings > 0 && <li>{plural(summary.warnings, 'ligne importée avec avertissement', 'lignes importées avec avertissement')}</li>}
        </ul>
      )}
      onClose={onClose}
      onImported={onImported}
    />
  );
}
