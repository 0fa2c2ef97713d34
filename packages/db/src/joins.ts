import { and, eq } from "drizzle-orm";
import { documents, transformations, webhookDeliveries, webhookEndpoints } from "./schema";

// Join conditions on whole composite keys, tenant included. Kept out of the schema modules,
// which import each other for their relations and so cannot read each other's columns on load.

/** A transformation's document. */
export const transformationDocument = and(
  eq(documents.workspaceId, transformations.workspaceId),
  eq(documents.id, transformations.documentId),
)!;

/** A webhook delivery's endpoint. */
export const deliveryEndpoint = and(
  eq(webhookEndpoints.workspaceId, webhookDeliveries.workspaceId),
  eq(webhookEndpoints.id, webhookDeliveries.endpointId),
)!;
