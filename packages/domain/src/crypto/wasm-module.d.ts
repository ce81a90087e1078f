// Wrangler, Miniflare and the Workers test pool load `.wasm` imports as compiled modules.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
