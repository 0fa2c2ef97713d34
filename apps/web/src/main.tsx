import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createClients } from "./clients";
import "./styles.css";

const clients = createClients();
window.addEventListener("storage", (event) => clients.session.followStorage(event));
void clients.session.restore();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App {...clients} />
  </StrictMode>,
);
