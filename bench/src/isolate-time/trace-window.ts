import { open, readFile, stat } from "node:fs/promises";

/** Waits (3 s at most) until workerd stops appending to the trace (it writes asynchronously). */
async function settledSize(file: string): Promise<number> {
  let last = -1;
  for (let poll = 0; poll < 20; poll++) {
    const { size } = await stat(file);
    if (size === last) return size;
    last = size;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return last;
}

/** Marks where the trace file stands, then returns what was appended while `during` ran. */
export async function traceWindow<T>(
  file: string,
  during: () => Promise<T>,
): Promise<{ value: T; whole: string; window: string }> {
  const start = await settledSize(file);
  const value = await during();
  const end = await settledSize(file);
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(end - start);
    await handle.read(buffer, 0, buffer.length, start);
    const text = buffer.toString("utf8");
    // The window starts at a line boundary only by luck: drop a partial first line.
    const window = text.startsWith("{") ? text : text.slice(text.indexOf("\n") + 1);
    return { value, whole: await readFile(file, "utf8"), window };
  } finally {
    await handle.close();
  }
}
