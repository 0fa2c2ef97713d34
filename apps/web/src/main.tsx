import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createClients } from "./clients";
import { installNavigationGuard } from "./routing/navigationGuard";
import { preloadPagesFor } from "./routing/pages";
import { applyTheme, storedTheme } from "./theme/theme";
import "@fontsource-variable/inter/wght.css";
import "./styles.css";

applyTheme(storedTheme());
installNavigationGuard();

const clients = createClients();
window.addEventListener("storage", (event) => clients.session.followStorage(event));
// The signed-in pages download while the session is being restored, not after.
if (clients.session.hasStoredSession()) preloadPagesFor(location.pathname);
void clients.session.restore();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App {...clients} />
  </StrictMode>,
);
