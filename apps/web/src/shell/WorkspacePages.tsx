import { Suspense } from "react";
import { Redirect, Route, Switch } from "wouter";
import { Skeleton } from "../components/Skeleton";
import {
  ActivityPage,
  AuditPage,
  DocumentEditorPage,
  DocumentPage,
  DocumentsPage,
  MembersPage,
  TransformationPage,
  WorkspaceSettingsPage,
} from "../routing/pages";
import { NotFound } from "./NotFound";

/** Paths relative to /w/:workspaceId. */
export function WorkspacePages() {
  return (
    <Suspense fallback={<Skeleton label="Loading the page…" lines={6} />}>
      <Switch>
        <Route path="/">
          <Redirect to="/documents" replace />
        </Route>
        <Route path="/documents" component={DocumentsPage} />
        <Route path="/documents/new">
          <DocumentEditorPage />
        </Route>
        <Route path="/documents/:id/edit">
          {({ id }) => <DocumentEditorPage key={id} documentId={id} />}
        </Route>
        <Route path="/documents/:id">{({ id }) => <DocumentPage key={id} id={id} />}</Route>
        <Route path="/transformations/:id">
          {({ id }) => <TransformationPage key={id} id={id} />}
        </Route>
        <Route path="/activity" component={ActivityPage} />
        <Route path="/members" component={MembersPage} />
        <Route path="/settings" component={WorkspaceSettingsPage} />
        <Route path="/audit" component={AuditPage} />
        <Route component={NotFound} />
      </Switch>
    </Suspense>
  );
}
