import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { errorMessage, formErrors, inputIssues } from "../src/errors";
import { stepIssues } from "../src/transformations/stepIssues";
import { serverRefusal } from "./trpcErrors";

const commonPassword = serverRefusal(
  "BAD_REQUEST",
  "password: This password is too common; choose one that is harder to guess",
  {
    issues: [
      {
        path: ["password"],
        message: "This password is too common; choose one that is harder to guess",
      },
    ],
  },
);

describe("errors for people", () => {
  it("says to check the connection when the server never answered, and hides a 500's text", () => {
    expect(errorMessage(new TRPCClientError("Failed to fetch"))).toMatch(/could not be reached/);
    expect(
      errorMessage(
        serverRefusal("INTERNAL_SERVER_ERROR", "Internal server error", { httpStatus: 500 }),
      ),
    ).toMatch(/went wrong on the server/);
    expect(errorMessage(serverRefusal("FORBIDDEN", "Only an owner can invite an owner"))).toBe(
      "Only an owner can invite an owner",
    );
  });

  it("reads the server's zod issues with their paths", () => {
    expect(inputIssues(commonPassword)).toEqual([
      {
        path: "password",
        message: "This password is too common; choose one that is harder to guess",
      },
    ]);
    expect(inputIssues(new Error("plain"))).toEqual([]);
  });
});

describe("errors placed in a form", () => {
  it("puts each issue under its field, a nested one under its parent field", () => {
    const error = serverRefusal("BAD_REQUEST", "…", {
      issues: [
        { path: ["title"], message: "Too long" },
        { path: ["tags", 3], message: "Too long" },
        { path: ["tags", 4], message: "Empty" },
      ],
    });
    const errors = formErrors(error, ["title", "tags"]);
    expect(errors.field("title")).toBe("Too long");
    expect(errors.field("tags")).toBe("Too long Empty");
    expect(errors.field("content")).toBeUndefined();
    expect(errors.form).toBeNull();
  });

  it("keeps issues of fields the form does not show at the top, labelled", () => {
    const error = serverRefusal("BAD_REQUEST", "…", {
      issues: [
        { path: ["workspaceName"], message: "Required" },
        { path: [], message: "Unrecognized key" },
      ],
    });
    expect(formErrors(error, ["name"]).form).toBe("Workspace name: Required Unrecognized key");
  });

  it("puts an error code under the field it concerns, and anything else at the top", () => {
    const wrong = serverRefusal("FORBIDDEN", "The current password is wrong", { httpStatus: 403 });
    const byCode = formErrors(wrong, ["currentPassword", "newPassword"], {
      FORBIDDEN: "currentPassword",
    });
    expect(byCode.field("currentPassword")).toBe("The current password is wrong");
    expect(byCode.form).toBeNull();
    const throttled = serverRefusal("TOO_MANY_REQUESTS", "Try again in 1 minute", {
      httpStatus: 429,
    });
    expect(formErrors(throttled, ["currentPassword"], { FORBIDDEN: "currentPassword" }).form).toBe(
      "Try again in 1 minute",
    );
    expect(formErrors(null, ["x"])).toMatchObject({ form: null });
  });

  it("puts a transformation's issues under the parameter of the step they concern", () => {
    const error = serverRefusal("BAD_REQUEST", "…", {
      issues: [
        {
          path: [0, "params", "terms", 1],
          message: "Too big: expected string to have <=100 characters",
        },
        { path: ["steps", 1, "params", "maxLength"], message: "Too small" },
        { path: [1, "kind"], message: "Unknown kind" },
      ],
    });
    const issues = stepIssues(error);
    expect(issues.param(0, "terms")).toMatch(/100 characters/);
    expect(issues.param(1, "maxLength")).toBe("Too small");
    expect(issues.param(1, "terms")).toBeUndefined();
    expect(issues.rest).toBe("Step 2: Unknown kind");
    expect(stepIssues(serverRefusal("TOO_MANY_REQUESTS", "Wait", { httpStatus: 429 })).rest).toBe(
      "Wait",
    );
  });
});
