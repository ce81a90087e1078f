declare module "*.umd.min.js" {
  const text: string;
  export default text;
}
