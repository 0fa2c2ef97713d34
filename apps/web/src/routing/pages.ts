import { lazyPage } from "./lazyPage";

// Every page is a chunk of its own; the sign-in and sign-up forms ship with the entry, so the
// first page most visitors see needs nothing more.
export const SignedInApp = lazyPage(() =>
  import("../shell/SignedInApp").then((module) => module.SignedInApp),
);
export const InvitePage = lazyPage(() =>
  import("../workspace/InvitePage").then((module) => module.InvitePage),
);
export const DocumentsPage = lazyPage(() =>
  import("../documents/DocumentsPage").then((module) => module.DocumentsPage),
);
export const DocumentPage = lazyPage(() =>
  import("../documents/DocumentPage").then((module) => module.DocumentPage),
);
export const DocumentEditorPage = lazyPage(() =>
  import("../documents/DocumentEditorPage").then((module) => module.DocumentEditorPage),
);
export const TransformationPage = lazyPage(() =>
  import("../transformations/TransformationPage").then((module) => module.TransformationPage),
);
export const ActivityPage = lazyPage(() =>
  import("../transformations/ActivityPage").then((module) => module.ActivityPage),
);
export const MembersPage = lazyPage(() =>
  import("../workspace/MembersPage").then((module) => module.MembersPage),
);
export const WorkspaceSettingsPage = lazyPage(() =>
  import("../workspace/WorkspaceSettingsPage").then((module) => module.WorkspaceSettingsPage),
);
export const NewWorkspacePage = lazyPage(() =>
  import("../workspace/NewWorkspacePage").then((module) => module.NewWorkspacePage),
);
export const AccountPage = lazyPage(() =>
  import("../account/AccountPage").then((module) => module.AccountPage),
);
export const AuditPage = lazyPage(() =>
  import("../audit/AuditPage").then((module) => module.AuditPage),
);

interface Preloadable {
  preload(): Promise<unknown>;
}

/** Which page a path shows, for preloading; `null` for the pages in the entry. */
const pageOf = (path: string): Preloadable | null => {
  const inWorkspace = /^\/w\/[^/]+(\/.*)?$/.exec(path)?.[1] ?? null;
  if (inWorkspace === null) {
    if (path === "/account") return AccountPage;
    if (path === "/workspaces/new") return NewWorkspacePage;
    return path === "/" ? DocumentsPage : null;
  }
  if (/^\/documents\/new$/.test(inWorkspace)) return DocumentEditorPage;
  if (/^\/documents\/[^/]+\/edit$/.test(inWorkspace)) return DocumentEditorPage;
  if (/^\/documents\/[^/]+$/.test(inWorkspace)) return DocumentPage;
  if (/^\/transformations\/[^/]+$/.test(inWorkspace)) return TransformationPage;
  const byName: Record<string, Preloadable | undefined> = {
    "/activity": ActivityPage,
    "/members": MembersPage,
    "/settings": WorkspaceSettingsPage,
    "/audit": AuditPage,
  };
  return byName[inWorkspace] ?? DocumentsPage;
};

export function preloadPagesFor(path: string) {
  if (path.startsWith("/invite/")) {
    void InvitePage.preload();
    return;
  }
  if (path === "/signin" || path === "/signup") return;
  void SignedInApp.preload();
  void pageOf(path)?.preload();
}

/** Once signed in and idle, the other pages download too, so moving between them never waits. */
export function preloadAllPages() {
  for (const page of [
    DocumentsPage,
    DocumentPage,
    DocumentEditorPage,
    TransformationPage,
    ActivityPage,
    MembersPage,
    WorkspaceSettingsPage,
    NewWorkspacePage,
    AccountPage,
    AuditPage,
  ]) {
    void page.preload();
  }
}
