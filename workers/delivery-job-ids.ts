import type { DeliveryKey } from '../core/delivery/delivery-store';

/** The one job id each delivery leg has, so a second add of a job still in Redis is a no-op. */
export const deliveryJobId = {
  deliver: (key: DeliveryKey) => `deliver~${key.messageId}~${key.personId}`,
  'deliver-email': (key: DeliveryKey) => `email~${key.messageId}~${key.personId}`,
} as const;
