// Text files imported with Vite's `?raw` suffix (test fixtures).
declare module '*.txt?raw' {
  const text: string;
  export default text;
}
