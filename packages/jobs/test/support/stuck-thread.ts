// A pool thread for tests: a document that starts with "stuck" gets the thread stuck in a regex
// that backtracks for ever, as a pathological input can; any other goes to the real thread.
import run, { type ThreadTask } from "../../src/threads/thread";

export const stuckThread = new URL(import.meta.url);

export default function stuckOrReal(task: ThreadTask) {
  if (task.document.content.startsWith("stuck")) {
    // Tells the test the work has begun.
    task.progress.postMessage(1);
    /^(a+)+$/.test(`${"a".repeat(64)}!`);
  }
  return run(task);
}
