import { escapeHtml } from '../text/escape-html';

export interface EmailContent {
  partnershipName: string;
  summary: string;
  caseReference: string | null;
  /** The signed link to the web form, when the message asks for an answer. */
  formUrl: string | null;
}

/** A short HTML email: the summary, the case reference and the link. Never a child's details. */
export function renderEmailHtml(c: EmailContent): string {
  const parts = [
    `<p style="color:#555;font-size:12px">${escapeHtml(c.partnershipName)}</p>`,
    c.caseReference ? `<p><b>Case:</b> ${escapeHtml(c.caseReference)}</p>` : '',
    `<p>${escapeHtml(c.summary)}</p>`,
    c.formUrl
      ? `<p><a href="${escapeHtml(c.formUrl)}" style="background:#464775;color:#fff;padding:8px 16px;text-decoration:none;border-radius:4px">Open the form</a></p>` +
        '<p style="color:#555;font-size:12px">This link is for you only and expires. Do not forward it.</p>'
      : '',
  ];
  return parts.filter(Boolean).join('\n');
}
