import type { AppRouter, RouterInputs, RouterOutputs } from "@transmute/api";
import { createTRPCReact } from "@trpc/react-query";

export const trpc = createTRPCReact<AppRouter>();

export type TokenPair = RouterOutputs["auth"]["refresh"];
export type DocumentSummary = RouterOutputs["document"]["list"]["items"][number];
export type DocumentDetail = RouterOutputs["document"]["get"];
export type DocumentFormat = RouterInputs["document"]["create"]["format"];
export type Role = RouterOutputs["workspace"]["members"][number]["role"];
/** The current workspace as a person sees it: only API keys get a null role. */
export type Workspace = RouterOutputs["workspace"]["current"] & { role: Role };
export type Member = RouterOutputs["workspace"]["members"][number];
export type Invitation = RouterOutputs["invitation"]["list"][number];
export type InvitationStatus = Invitation["status"];
export type AuditEvent = RouterOutputs["audit"]["list"]["items"][number];
export type AuditAction = AuditEvent["action"];
export type TransformationKind = RouterOutputs["transformation"]["kinds"][number];
/** A kind's name as a step takes it; names listed by `transformation.kinds` are such names. */
export type StepKind = RouterInputs["transformation"]["create"]["steps"][number]["kind"];
export type TransformationSummary = RouterOutputs["transformation"]["list"]["items"][number];
export type TransformationDetail = RouterOutputs["transformation"]["get"];
export type TransformationStatus = TransformationSummary["status"];
export type TransformationOutput = RouterOutputs["transformation"]["output"];
