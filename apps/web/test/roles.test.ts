import { describe, expect, it } from "vitest";
import { assignableRoles, mayManage } from "../src/workspace/roles";
import { atLeast } from "../src/workspace/WorkspaceContext";

describe("roles, as the API rules them", () => {
  it("lets only owners make or manage owners, and admins manage the rest", () => {
    expect(assignableRoles("owner")).toEqual(["owner", "admin", "editor", "viewer"]);
    expect(assignableRoles("admin")).toEqual(["admin", "editor", "viewer"]);
    expect(mayManage("admin", "editor")).toBe(true);
    expect(mayManage("admin", "owner")).toBe(false);
    expect(mayManage("owner", "owner")).toBe(true);
    expect(mayManage("editor", "viewer")).toBe(false);
    expect(atLeast("admin", "editor")).toBe(true);
    expect(atLeast("viewer", "editor")).toBe(false);
  });
});
