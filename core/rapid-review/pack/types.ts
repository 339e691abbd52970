/** The submission pack as plain, already-labelled text: what the HTML and Markdown renderers need. */
export interface PackTimelineEntry {
  /** When, as shown (a date, or a date and time in the partnership's time zone). */
  when: string;
  event: string;
}

export interface PackAgency {
  agency: string;
  lead: string;
  delegate?: string;
  status: string;
  requestedOn: string;
  deadline: string;
  /** The latest extension's reason, if the deadline was extended. */
  extensionReason?: string;
  /** "date, time by name", once answered. */
  submitted?: string;
  answers: Array<{ label: string; value: string }>;
}

export interface PackDecision {
  outcome: string;
  decidedBy: string;
  decidedAt: string;
  learning: string;
}

export interface PackRecommendation {
  category: string;
  text: string;
}

export interface SubmissionPack {
  partnership: string;
  caseReference: string;
  category: string;
  notificationDate: string;
  panelDeadline: string;
  chair: string;
  openedBy: string;
  requestsState: string;
  /** When the pack was made and for whom. */
  preparedAt: string;
  preparedFor: string;
  timeline: PackTimelineEntry[];
  agencies: PackAgency[];
  decision?: PackDecision;
  recommendations: PackRecommendation[];
}
