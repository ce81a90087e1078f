/// <reference path="./wasm-module.d.ts" />
// The reference Argon2 C code built for WebAssembly with SIMD. Workers refuse to compile
// WebAssembly from bytes at run time, so the module is imported and compiled at deploy.
import argon2Wasm from "@phi-ag/argon2/argon2.wasm";

/** Argon2id cost parameters (RFC 9106 §3.1): memory in KiB, passes, lanes. */
export interface Argon2idParams {
  memoryKib: number;
  iterations: number;
  parallelism: number;
}

interface Argon2Exports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(ptr: number): void;
  argon2_hash(
    ...args: [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ]
  ): number;
}

const ARGON2_ID = 2;
const ARGON2_VERSION_13 = 0x13;
let exports: Argon2Exports | undefined;

function instance(): Argon2Exports {
  if (!exports) {
    const created = new WebAssembly.Instance(argon2Wasm, {}).exports as unknown as Argon2Exports;
    created._initialize();
    exports = created;
  }
  return exports;
}

/** Copies bytes into the WebAssembly heap; the caller frees (and wipes) the block. */
function place(wasm: Argon2Exports, bytes: Uint8Array): number {
  const ptr = wasm.malloc(Math.max(bytes.length, 1));
  if (!ptr) throw new Error("argon2: out of memory");
  new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
  return ptr;
}

function release(wasm: Argon2Exports, ptr: number, length: number) {
  new Uint8Array(wasm.memory.buffer, ptr, length).fill(0);
  wasm.free(ptr);
}

/**
 * The raw Argon2id tag (RFC 9106 §3) of `password` (bytes, so any UTF-8 length is exact)
 * under `salt`. Synchronous: the work is pure computation inside the isolate.
 */
export function argon2idRaw(
  password: Uint8Array,
  salt: Uint8Array,
  params: Argon2idParams,
  tagLength: number,
): Uint8Array {
  const wasm = instance();
  const passwordPtr = place(wasm, password);
  const saltPtr = place(wasm, salt);
  const tagPtr = place(wasm, new Uint8Array(tagLength));
  try {
    const result = wasm.argon2_hash(
      params.iterations,
      params.memoryKib,
      params.parallelism,
      passwordPtr,
      password.length,
      saltPtr,
      salt.length,
      tagPtr,
      tagLength,
      0,
      0,
      ARGON2_ID,
      ARGON2_VERSION_13,
    );
    if (result !== 0) throw new Error(`argon2: error ${result}`);
    return new Uint8Array(wasm.memory.buffer, tagPtr, tagLength).slice();
  } finally {
    release(wasm, passwordPtr, password.length);
    release(wasm, saltPtr, salt.length);
    release(wasm, tagPtr, tagLength);
  }
}
