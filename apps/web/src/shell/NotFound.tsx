import { Link } from "wouter";
import { EmptyState } from "../components/EmptyState";
import { PageHeading } from "../components/PageHeading";

export function NotFound() {
  return (
    <>
      <PageHeading title="Page not found">Page not found</PageHeading>
      <EmptyState title="There is no page at this address.">
        <p>
          Check the link, or go to <Link href="~/">your documents</Link>.
        </p>
      </EmptyState>
    </>
  );
}
