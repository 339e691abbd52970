/** Every Action.Execute verb on the Rapid Review cards; the handlers in core/rapid-review import these. */
export const RR_VERBS = {
  open: 'rapid-review.open',
  saveDraft: 'rapid-review.request.save',
  submit: 'rapid-review.request.submit',
  delegate: 'rapid-review.request.delegate',
  showRequest: 'rapid-review.request.show',
  showTracker: 'rapid-review.tracker.show',
  viewAnswer: 'rapid-review.tracker.view-answer',
  chase: 'rapid-review.tracker.chase',
  addAgency: 'rapid-review.tracker.add-agency',
  extend: 'rapid-review.tracker.extend',
  close: 'rapid-review.tracker.close',
  decide: 'rapid-review.decide',
} as const;

/**
 * The verb of a card's `refresh.action`: the same string as REFRESH_VERB in core/actions/refresh.ts
 * (a test checks it), kept here so the Rapid Review views do not import the card-view registry that
 * registers them.
 */
export const CARD_REFRESH_VERB = 'card.refresh';
