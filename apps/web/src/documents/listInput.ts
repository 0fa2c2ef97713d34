/** Rows per page of the documents list; shared with the sign-in, which fetches the first page early. */
export const DOCUMENTS_PAGE_SIZE = 50;
