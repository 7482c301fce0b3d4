// The public surface of the protocol core: everything the server, the renderer and the tests
// outside shared/ need. Internal helpers stay reachable through their own modules.
export * from './types';
// Knowledge: catalogue, issue codes, decoding, classification, validation, texts.
export * from './params';
export * from './issue-codes';
export * from './decode';
export * from './classify';
export * from './validate';
export * from './summary';
export * from './verdict';
export * from './url-parts';
export * from './time';
export * from './visitor';
export * from './templates';
export * from './curl';
export * from './bulk-answer';
export * from './volatile';
// Plumbing: bytes in, parameters out, answers back.
export * from './query-string';
export * from './effective-params';
export * from './parse';
export * from './bulk';
export * from './build';
export * from './gif';
export * from './user-agent';
export * from './response';
export * from './analyze';
