/** For a repeatable option: each use adds its value to the list. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
