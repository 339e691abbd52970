import { noticeView } from './notice-view';
import type { CardView } from './types';

/**
 * Per-viewer rendering by message kind (see CardView). A feature whose cards
 * change after sending, or differ by viewer, registers its kind here.
 */
export const cardViews: Record<string, CardView> = {
  notice: noticeView,
};
