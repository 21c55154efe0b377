/** Where legal-process documents (PDFs) are kept. */
export interface DocumentStore {
  /** Writes a document under a name; writing the same bytes again is harmless. */
  put(name: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Reads a document, or null. */
  get(name: string): Promise<Buffer | null>;
  /** Deletes a document if present. */
  remove(name: string): Promise<void>;
}
