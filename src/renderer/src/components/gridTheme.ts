import { themeQuartz } from 'ag-grid-community';

/** One grid look for the whole app, matching the design tokens of styles/tokens.css. */
export const gridTheme = themeQuartz.withParams({
  accentColor: '#2a5bb8',
  fontFamily: 'inherit',
  fontSize: 14,
  headerFontWeight: 600,
  headerBackgroundColor: '#f3f5f9',
  rowHoverColor: '#eef3fc',
  borderColor: '#dde2ea',
  wrapperBorderRadius: 8,
  rowHeight: 40,
  headerHeight: 42,
});
