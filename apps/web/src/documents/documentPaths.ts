/** The documents list filtered by a tag, relative to the workspace. */
export const tagPath = (tag: string) => `/documents?${new URLSearchParams({ tag }).toString()}`;
