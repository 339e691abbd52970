import type { Role } from '../../config/partnership/schema';

/** How each role is named to its holder, and what it lets them do with the bot. */
export const ROLE_TEXT: Record<Role, { label: string; does: string }> = {
  'business-unit-manager': {
    label: 'Business unit manager',
    does: 'Open Rapid Reviews, send the DSL forum form, see every tracker and receive escalations.',
  },
  'business-unit': {
    label: 'Business unit',
    does: 'Open Rapid Reviews, send the DSL forum form and see every tracker.',
  },
  'education-advisor': {
    label: 'Safeguarding education advisor',
    does: "Follow the schools' DSL forum answers and the actions for education.",
  },
  executive: {
    label: 'Executive',
    does: 'Receive the forum and timeliness reports; the top of the escalation ladder.',
  },
  'partnership-chair': {
    label: 'Partnership chair',
    does: 'Follow Rapid Reviews and escalations across the partnership.',
  },
  scrutineer: {
    label: 'Independent scrutineer',
    does: 'Read every tracker and report.',
  },
  'agency-lead': {
    label: 'Agency lead',
    does: "Answer Rapid Review information requests for your agency and own your agency's actions.",
  },
  practitioner: {
    label: 'Practitioner',
    does: 'Answer the requests sent to you and update the actions you own.',
  },
  dsl: {
    label: 'Designated Safeguarding Lead',
    does: "Submit your school's DSL forum opinion form each term.",
  },
};
