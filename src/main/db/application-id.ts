/** Marks a SQLite file as a Maillage commission (PRAGMA application_id, « MAIL » in ASCII). */
export const MAILLAGE_APPLICATION_ID = 0x4d41494c;
