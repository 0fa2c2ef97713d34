import type { AppRouter, RouterInputs, RouterOutputs } from "@transmute/api";
import { createTRPCReact } from "@trpc/react-query";

export const trpc = createTRPCReact<AppRouter>();

export type TokenPair = RouterOutputs["auth"]["refresh"];
export type DocumentSummary = RouterOutputs["document"]["list"]["items"][number];
export type DocumentFormat = RouterInputs["document"]["create"]["format"];
export type Role = RouterOutputs["workspace"]["current"]["role"];
export type TransformationKind = RouterOutputs["transformation"]["kinds"][number];
export type TransformationSummary = RouterOutputs["transformation"]["list"]["items"][number];
export type TransformationStatus = TransformationSummary["status"];
export type TransformationOutput = RouterOutputs["transformation"]["output"];
