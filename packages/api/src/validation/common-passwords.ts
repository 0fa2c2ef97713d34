// The most common passwords, from @zxcvbn-ts/language-common 4.1.3 (its src/passwords.json, ranked
// by how often each appears in leaked password lists; MIT licence, see common-passwords.LICENSE.txt).
// Only the 17,950 of 8 to 128 characters are kept: the length rule refuses the others first.
import list from "./common-passwords.json" with { type: "json" };

const common: ReadonlySet<string> = new Set(list);

/** Case does not make a common password less guessable. */
export const isCommonPassword = (password: string): boolean => common.has(password.toLowerCase());
