/** Card verbs of tracked actions (handled in core/tracked-actions/card-actions.ts). */
export const ACTION_VERBS = {
  create: 'action.create',
  progress: 'action.progress',
  complete: 'action.complete',
} as const;
