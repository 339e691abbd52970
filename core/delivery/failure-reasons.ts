/** Plain-language reasons for the sender's progress card, from the stable codes on delivery rows. */
export function describeDeliveryCode(code: string): string {
  if (code === 'NOT_IN_DIRECTORY') return 'not in the directory';
  if (code.startsWith('NO_CHANNEL')) return 'no Teams conversation and email is not set up';
  if (code === 'NO_MAIL') return 'email is not set up';
  if (code === 'INTERRUPTED_MID_SEND') return 'may not have arrived (interrupted): check with them';
  if (code.startsWith('MAIL_')) return 'email failed';
  if (code === 'TEAMS_NO_ACTIVITY_ID')
    return 'Teams may have shown it but gave no reference to update it: check with them';
  if (code.startsWith('TEAMS_')) return 'Teams refused the message';
  return 'could not be delivered';
}
