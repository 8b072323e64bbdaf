/** Types of make-chefs-lieux.mjs, for the test that compares the committed names with the reference. */
export declare function chefsLieux(): Record<string, string>;
export declare const CHEFS_LIEUX_FILE: string;
