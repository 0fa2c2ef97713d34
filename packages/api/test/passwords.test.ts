import { describeEachEngine } from "@transmute/db/testing";
import { expect, it } from "vitest";
import { issuePaths, rejection, uniqueEmail, useApi } from "./harness";

describeEachEngine("passwords", (engine) => {
  const api = useApi(engine);

  const register = (password: string) =>
    api.as().auth.register({ email: uniqueEmail("policy"), password, name: "Policy" });

  async function refused(password: string) {
    const error = await rejection(register(password), "BAD_REQUEST");
    expect(issuePaths(error)).toEqual(["password"]);
    return error.message;
  }

  it("refuses a password under 8 characters, counting characters as people do", async () => {
    expect(await refused("seven c")).toMatch(/at least 8 characters/);
    // Seven accented letters typed as letter + combining accent: 14 UTF-16 units, 7 characters.
    expect(await refused("e\u0301".repeat(7))).toMatch(/at least 8 characters/);
  });

  it("refuses a password over 128 characters, while 128 emoji are fine", async () => {
    expect(await refused("x".repeat(129))).toMatch(/at most 128 characters/);
    // 256 UTF-16 units, but 128 characters.
    await register("\u{1F511}".repeat(128));
  });

  it("refuses a common password, whatever its case", async () => {
    expect(await refused("Password123")).toMatch(/too common/);
    expect(await refused("QWERTYUIOP")).toMatch(/too common/);
  });

  it("accepts a long passphrase with spaces", async () => {
    const passphrase = "  my cat likes to sit on the warm laptop keyboard  ";
    const { user } = await register(passphrase);
    await api.as().auth.login({ email: user.email, password: passphrase });
  });

  it("takes about as long to refuse an unknown email as a wrong password", async () => {
    const { email } = await api.signUp("timing");
    const time = async (loginEmail: string) => {
      const started = performance.now();
      await rejection(
        api.as().auth.login({ email: loginEmail, password: "wrong password" }),
        "UNAUTHORIZED",
      );
      return performance.now() - started;
    };
    await time(uniqueEmail("warm-up"));
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, so that a slow moment of the machine hits both sides alike.
    for (let i = 0; i < 5; i++) {
      unknown.push(await time(uniqueEmail("nobody")));
      wrong.push(await time(email));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!;
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
