import type { HandlerMap } from './handler';
import { directorySync } from './directory-sync/handler';

export const handlers: HandlerMap = {
  'directory-sync': directorySync,
};
