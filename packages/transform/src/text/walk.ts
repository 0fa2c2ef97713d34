import type { Element, Root } from "hast";

/**
 * Calls `callback` on every element in document order; returning `false` skips its children.
 * unist-util-visit copies the list of ancestors at every node, which costs about a second on
 * the tree of a 1 MiB document; these passes need no ancestors. Iterative, so that deeply
 * nested input cannot overflow the stack.
 */
export function eachElement(tree: Root | Element, callback: (node: Element) => boolean | void) {
  const stack: (Root | Element)[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Root | Element;
    if (node.type === "element" && callback(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child?.type === "element") stack.push(child);
    }
  }
}
