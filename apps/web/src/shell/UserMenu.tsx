import { Link } from "wouter";
import { trpc } from "../trpc";
import { LogoutButton } from "../workspace/LogoutButton";
import { Disclosure } from "./Disclosure";

export function UserMenu() {
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 5 * 60_000 });
  const name = me.data?.user.name ?? "Account";
  return (
    <Disclosure className="user-menu" label={`Account menu for ${name}`} summary={name}>
      {(close) => (
        <ul>
          {me.data && <li className="hint">{me.data.user.email}</li>}
          <li>
            <Link href="/account" onClick={close}>
              Account and sessions
            </Link>
          </li>
          <li>
            <LogoutButton />
          </li>
        </ul>
      )}
    </Disclosure>
  );
}
