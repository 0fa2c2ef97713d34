import { describe, expect, it } from "vitest";
import { describeUserAgent } from "../src/account/userAgent";
import { formatRelative } from "../src/components/RelativeTime";
import { nextTheme, storedTheme } from "../src/theme/theme";

describe("details shown", () => {
  it("names a browser and its system", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome on Linux");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      ),
    ).toBe("Safari on macOS");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      ),
    ).toBe("Edge on Windows");
    expect(
      describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Firefox/1"),
    ).toBe("Firefox on iOS");
    expect(describeUserAgent(null)).toBe("Unknown browser");
  });

  it("says how long ago, then the date", () => {
    const now = Date.UTC(2025, 5, 1, 12);
    expect(formatRelative(new Date(now - 30_000), now)).toMatch(/30 seconds ago/);
    expect(formatRelative(new Date(now - 3 * 3_600_000), now)).toMatch(/3 hours ago/);
    expect(formatRelative(new Date(now - 30 * 86_400_000), now)).toMatch(/2025/);
  });

  it("cycles the theme and reads only a known stored choice", () => {
    expect([nextTheme("system"), nextTheme("light"), nextTheme("dark")]).toEqual([
      "light",
      "dark",
      "system",
    ]);
    expect(storedTheme({ getItem: () => "dark" })).toBe("dark");
    expect(storedTheme({ getItem: () => "purple" })).toBe("system");
    expect(storedTheme({ getItem: () => null })).toBe("system");
  });
});
