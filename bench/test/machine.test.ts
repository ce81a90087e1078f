import { describe, expect, test } from "vitest";
import { filesystemOf } from "../src/measure/machine.ts";
import { renderMarkdown } from "../src/report/markdown.ts";
import { measured, resultsWith } from "./fixtures.ts";

const MOUNTS = [
  "/dev/vda / ext4 rw,relatime 0 0",
  "tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0",
  "tmpfs /tmpfs-not-tmp tmpfs rw 0 0",
].join("\n");

describe("where the bench's SQLite state lives", () => {
  test("the filesystem is the one of the longest mount point above the directory", () => {
    expect(filesystemOf("/tmp", MOUNTS)).toBe("ext4");
    expect(filesystemOf("/dev/shm", MOUNTS)).toBe("tmpfs");
    expect(filesystemOf("/dev/shm/authpi-bench-x", MOUNTS)).toBe("tmpfs");
    // A mount point that is only a prefix of the name is not above it.
    expect(filesystemOf("/tmpfs-not-tmpx", MOUNTS)).toBe("ext4");
    expect(filesystemOf("/tmp", "")).toBe("unknown");
  });

  test("the report names the directory and its filesystem", () => {
    const markdown = renderMarkdown(
      resultsWith(measured(1000), measured(1000), measured(1000)),
      "chart.svg",
    );
    expect(markdown).toContain("under /tmp (ext4)");
  });
});
