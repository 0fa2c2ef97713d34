/**
 * The most calls the clients put in one batch request, and so the least any server may accept
 * (`MAX_BATCH_SIZE` may be raised above it, never set below). Its own module without imports,
 * so the client bundles it without the server's code.
 */
export const CLIENT_BATCH_SIZE = 25;
