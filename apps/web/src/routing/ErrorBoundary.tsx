import { Component, type ReactNode } from "react";
import { errorMessage } from "../errors";

interface State {
  error: unknown;
}

/**
 * A page that crashed while rendering, or whose code could not be downloaded (often a new
 * version deployed since this tab opened): say so, and offer the reload that fixes both.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const chunkFailed =
      this.state.error instanceof TypeError &&
      /dynamically imported module|Importing a module script failed/.test(this.state.error.message);
    return (
      <main className="centered" role="alert">
        <h1>This page could not be shown</h1>
        <p>
          {chunkFailed
            ? "Part of the app could not be downloaded; a new version may have been released. Reload the page to get it."
            : `Something went wrong: ${errorMessage(this.state.error)}. Reloading the page usually fixes it.`}
        </p>
        <button type="button" onClick={() => location.reload()}>
          Reload the page
        </button>
      </main>
    );
  }
}
