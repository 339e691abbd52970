/**
 * A host config close to Microsoft Teams' light theme (fonts, sizes, colours,
 * spacing), so that the gallery images look like the cards people see in Teams.
 */
const FONT = "'Segoe UI', 'Liberation Sans', 'DejaVu Sans', system-ui, sans-serif";

const foreground = {
  default: { default: '#242424', subtle: '#616161' },
  dark: { default: '#242424', subtle: '#616161' },
  light: { default: '#FFFFFF', subtle: '#F0F0F0' },
  accent: { default: '#5B5FC7', subtle: '#7F85F5' },
  good: { default: '#0E700E', subtle: '#107C10' },
  warning: { default: '#835C00', subtle: '#9D6A00' },
  attention: { default: '#C4314B', subtle: '#D13438' },
};

export const TEAMS_HOST_CONFIG = {
  fontFamily: FONT,
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontTypes: {
    default: {
      fontFamily: FONT,
      fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: "Consolas, 'DejaVu Sans Mono', monospace",
      fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
  },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: foreground },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: foreground },
    accent: { backgroundColor: '#E8EBFA', foregroundColors: foreground },
    good: { backgroundColor: '#F1FAF1', foregroundColors: foreground },
    attention: { backgroundColor: '#FDF3F4', foregroundColors: foreground },
    warning: { backgroundColor: '#FBF6D9', foregroundColors: foreground },
  },
  imageSizes: { small: 32, medium: 52, large: 100 },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    iconPlacement: 'leftOfTitle',
  },
  adaptiveCard: { allowCustomStyle: true },
  factSet: {
    title: {
      color: 'default',
      size: 'default',
      isSubtle: false,
      weight: 'bolder',
      wrap: true,
      maxWidth: 160,
    },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 12,
  },
  inputs: {
    label: {
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { size: 'small', color: 'attention' },
  },
} as const;

/** Page styles: the package's own CSS plus Teams-like buttons and inputs and a message-bubble frame. */
export const TEAMS_CSS = `
  body { margin: 0; background: #F5F5F5; font-family: ${FONT}; }
  #frame { display: inline-block; padding: 16px; background: #F5F5F5; }
  #card { width: 440px; background: #FFFFFF; border: 1px solid #E0E0E0; border-radius: 6px;
    box-shadow: 0 1px 2px rgba(0,0,0,0.12); overflow: hidden; }
  .ac-pushButton { font-family: ${FONT}; font-size: 14px; font-weight: 600; color: #242424; background: #FFFFFF;
    border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer;
    overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
  .ac-pushButton.style-destructive { color: #C4314B; border-color: #C4314B; }
  .ac-pushButton.expanded { background: #EBEBEB; }
  .ac-pushButton.expandable:after { font-family: ${FONT}; font-size: 12px; content: "\\25BE"; margin-left: 6px; }
  .ac-pushButton.expandable.expanded:after { content: "\\25B4"; }
  .ac-actionSet { flex-wrap: wrap; row-gap: 8px; }
  .ac-actionSet > .ac-pushButton { flex: 0 0 auto !important; max-width: 100%; }
  .ac-input { font-family: ${FONT}; font-size: 14px; color: #242424; box-sizing: border-box; }
  .ac-textInput, .ac-numberInput, .ac-dateInput, .ac-timeInput, select.ac-input {
    border: 1px solid #D1D1D1; border-bottom-color: #616161; border-radius: 4px; padding: 5px 8px; min-height: 32px;
    background: #FFFFFF; width: 100%; }
  .ac-textInput.ac-multiline { min-height: 64px; }
  .ac-anchor { color: #5B5FC7; }
`;
