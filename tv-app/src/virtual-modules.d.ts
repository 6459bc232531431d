// Modules made by the build (build/ud-font-plugin.ts).
declare module 'virtual:ud-font' {
  /** URL of the subset BIZ UDPGothic Bold WOFF2. */
  const url: string;
  export default url;
}
