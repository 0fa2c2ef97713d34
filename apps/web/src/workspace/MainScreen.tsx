import { DocumentsPage } from "../documents/DocumentsPage";
import { AppHeader } from "./AppHeader";

export function MainScreen() {
  return (
    <>
      <AppHeader />
      <main className="page">
        <DocumentsPage />
      </main>
    </>
  );
}
