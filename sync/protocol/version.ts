/**
 * The sync protocol's version. Every request carries it in `PROTOCOL_HEADER`; a server that speaks
 * another version answers 426 with `upgrade_required` (and its own version), never a silent mix.
 * Raise it for any change an old peer would misread; adding an optional field is not such a change.
 */
export const PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-ow-protocol';
/** Every path of the central service's terminal API starts here. */
export const API_PREFIX = '/v1';
