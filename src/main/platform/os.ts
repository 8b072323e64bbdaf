/**
 * What main needs from the operating system, behind an interface: Electron implements it with
 * dialogs and shell, the CLI and the tests with plain values. No other main module imports electron.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface OsServices {
  /** Folder where Maillage keeps its commissions and preferences (Electron: userData). */
  dataDir: string;
  pickOpenFile(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
  pickSaveFile(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** Asks for a folder (to read returns from, or to write a set of files into). */
  pickFolder(options: { title: string }): Promise<string | null>;
  /** Opens a file with the system's viewer (Word, LibreOffice, the PDF reader…). */
  openPath(path: string): Promise<void>;
  /** Opens the file's folder in the system's file manager with the file selected. */
  showInFolder(path: string): Promise<void>;
}

export type Clock = () => Date;
