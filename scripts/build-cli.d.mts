/** Types of build-cli.mjs, for the tests that call it. */
export declare const CLI_BUNDLE: string;
export declare function cliIsStale(): boolean;
export declare function buildCli(): Promise<void>;
