// Every message key, as a type only (erased at build time, so importing it costs the browser nothing).
import type { messages } from './index';

export type MessageKey = keyof (typeof messages)['vi'] & string;
