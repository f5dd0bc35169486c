// pdf.js ships no types for its worker entry; the app only hands the module to pdf.js.
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
