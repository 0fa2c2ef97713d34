import type { Role } from "../trpc";

// A record, so a role added to the API fails type-checking here until it gets a label.
export const roleLabels: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  editor: "Editor",
  viewer: "Viewer",
};

export const roleDescriptions: Record<Role, string> = {
  owner: "everything, including deleting the workspace",
  admin: "manages members and invitations",
  editor: "writes documents and runs transformations",
  viewer: "reads documents and results",
};

export const roles = Object.keys(roleLabels) as Role[];

/** The roles `actor` may give: only an owner makes owners (the API's rule). */
export const assignableRoles = (actor: Role): Role[] =>
  roles.filter((role) => role !== "owner" || actor === "owner");

/** Whether `actor` may change or remove a member with `target`'s role (the API's rule). */
export const mayManage = (actor: Role, target: Role) =>
  (actor === "owner" || actor === "admin") && (target !== "owner" || actor === "owner");
