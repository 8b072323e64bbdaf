import { Dialog } from '../../components/Dialog';
import type { SectionId } from '../../sections';

/** What each screen is for, in a sentence or two: shown first when the guide is opened from it. */
const HERE: Record<SectionId, string> = {
  'tableau-de-bord': 'Le tableau de bord montre où en sont les fiches actions, les échéances des protocoles et des parcours de sortie, et la prochaine séance. Chaque ligne ouvre sa fiche.',
  mesures: 'Mesures : les cadres nationaux (plan 2021, stratégie 2024) et les fiches actions de la commission. Une fiche se rattache à une ou plusieurs mesures ; son journal et ses indicateurs disent où elle en est.',
  partenaires: 'Partenaires : l’annuaire des structures et de leurs contacts, son import depuis un tableur, la cartographie du réseau et les contacts dont les coordonnées sont à reconfirmer (RGPD).',
  protocoles: 'Protocoles : les conventions et protocoles signés, leurs signataires, leurs échéances de renouvellement et le document signé.',
  seances: 'Séances : pour chaque réunion, les participants et leur présence, l’ordre du jour, les décisions, les suites à donner, puis les documents (convocation, lettres, feuille d’émargement, compte rendu, relevé de décisions).',
  parcours: 'Parcours de sortie : le registre anonyme des demandes, de la réception à la décision du préfet, les renouvellements, et leurs chiffres.',
  rapports:
    'Rapports : le bilan annuel (ou d’une période) en Word, et ses annexes ; la remontée annuelle à l’État d’une année close (chiffres par thème, puis tableau de données, classeur et courrier du préfet enregistrés dans un dossier et contrôlés) ; la consolidation des remontées de plusieurs départements (synthèse Word avec carte et classeur), ouverte aussi depuis l’écran d’accueil, sans commission.',
  parametres: 'Paramètres : le nom de la commission, la ville de la préfecture, le secrétariat et le signataire imprimés sur les documents, le logo, les sauvegardes et les paquets d’échange.',
};

/** A short guide, in the app itself: it works without a network, from every screen (F1, or Aide › Guide). */
export function HelpDialog({ section, onClose }: { section: SectionId; onClose: () => void }) {
  // Each step names its section as a link there (the guide closes behind it).
  const go = (to: SectionId, label: string) => (
    <a href={`#/${to}`} onClick={onClose}>
      {label}
    </a>
  );
  return (
    <Dialog title="Guide de Maillage" open onClose={onClose} width={680}>
      <div className="help">
        <h3>Sur cet écran</h3>
        <p>{HERE[section]}</p>
        <h3>Premiers pas</h3>
        <ol>
          <li>Dans {go('parametres', 'Paramètres')}, indiquez le nom de la commission, la ville de la préfecture, le secrétariat et le signataire : ils figurent sur les convocations.</li>
          <li>Dans {go('partenaires', 'Partenaires')}, importez l’annuaire depuis un tableur (Excel ou CSV) ou ajoutez les structures une à une ; cochez « membre de la commission » pour les contacts qui y siègent.</li>
          <li>Dans {go('seances', 'Séances')}, créez la prochaine réunion : les membres sont invités d’office. Préparez l’ordre du jour, puis enregistrez la convocation.</li>
          <li>Le jour de la séance, notez les présences, les décisions et les suites à donner ; le compte rendu se rédige ensuite d’un clic.</li>
          <li>
            Dans {go('mesures', 'Mesures')}, rédigez les fiches actions et tenez leur journal ; le bilan ({go('rapports', 'Rapports')}) en reprend les chiffres.
          </li>
        </ol>
        <h3>Trouver</h3>
        <p>
          <kbd>Ctrl</kbd> + <kbd>K</kbd> cherche partout : une structure, un contact, une fiche (« FA-012 »), un protocole, une séance ou une demande de parcours. Les
          recherches ne tiennent compte ni des accents ni des majuscules.
        </p>
        <h3>Annuler une suppression</h3>
        <p>
          Après une suppression, le message qui la confirme propose « Annuler » pendant dix secondes : la fiche revient telle qu’elle était, avec ce qui
          lui était rattaché. Une séance ou un protocole dont des documents ont été supprimés du disque avec eux ne peut pas revenir ; l’historique garde la
          trace de la suppression et de son annulation.
        </p>
        <h3>Où sont les données</h3>
        <p>
          Toute la commission tient dans un fichier « .maillage » et dans le dossier « …-fichiers » placé à côté (documents joints, logo, sauvegardes), sur cet
          ordinateur : rien n’est envoyé sur Internet. Paramètres › « Montrer le dossier » les affiche. Maillage fait une sauvegarde chaque jour ; pour travailler à
          plusieurs, échangez des paquets (Fichier › Exporter un paquet d’échange) plutôt que de partager le fichier sur un lecteur réseau.
        </p>
        <h3>Données personnelles</h3>
        <p>
          Le registre des parcours de sortie est anonyme : n’y écrivez ni nom ni date de naissance. Les coordonnées des contacts se reconfirment tous les 24 mois
          (Partenaires › Contacts à reconfirmer), où l’on peut aussi exporter ou effacer les données d’une personne.
        </p>
      </div>
    </Dialog>
  );
}
