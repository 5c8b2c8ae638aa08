// Tells, from its text and before it is parsed, whether content is of a kind that names other
// content files (an agenda pack): those must be uploaded first and are read with it.
export { namesFiles as isAgendaPack } from './validate.ts';
