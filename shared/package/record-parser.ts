import { LIMITS, RECORD_HEADER_BYTES, RecordType } from "./format";
import { PackageError } from "./package-error";

/** Receives the records of a payload in order; data arrives in pieces as segments are decrypted. */
export interface RecordHandler {
  itemStart(body: Buffer): Promise<void>;
  data(bytes: Buffer): Promise<void>;
  manifest(body: Buffer): void;
  signature(body: Buffer): void;
}

type Phase = "items" | "manifest-read" | "padding";

const LIMIT_BY_TYPE = new Map<number, number>([
  [RecordType.itemStart, LIMITS.itemStartBytes],
  [RecordType.data, LIMITS.dataRecordBytes],
  [RecordType.manifest, LIMITS.manifestBytes],
  [RecordType.signature, LIMITS.signatureBytes],
]);

/** Streams the decrypted plaintext through the record grammar of format §4, enforcing order and limits. */
export class RecordParser {
  private phase: Phase = "items";
  private readonly recordHeader = Buffer.alloc(RECORD_HEADER_BYTES);
  private headerFilled = 0;
  private type = 0;
  private remaining = 0;
  private inBody = false;
  private sawItem = false;
  private bodyParts: Buffer[] = [];

  constructor(private readonly handler: RecordHandler) {}

  /** Feeds the plaintext of the next segment. */
  async push(plaintext: Buffer): Promise<void> {
    let offset = 0;
    while (offset < plaintext.length) {
      if (this.phase === "padding") {
        assertZeros(plaintext.subarray(offset));
        return;
      }
      if (!this.inBody) {
        const take = Math.min(RECORD_HEADER_BYTES - this.headerFilled, plaintext.length - offset);
        plaintext.copy(this.recordHeader, this.headerFilled, offset, offset + take);
        this.headerFilled += take;
        offset += take;
        if (this.headerFilled === RECORD_HEADER_BYTES) this.startRecord();
        continue;
      }
      const take = Math.min(this.remaining, plaintext.length - offset);
      const part = plaintext.subarray(offset, offset + take);
      if (this.type === RecordType.data) await this.handler.data(part);
      else this.bodyParts.push(part);
      this.remaining -= take;
      offset += take;
      if (this.remaining === 0) await this.finishRecord();
    }
  }

  /** Called after the final segment: the payload must have ended with the signature record. */
  end(): void {
    if (this.phase !== "padding") throw malformed("payload ends before the manifest signature record");
  }

  private startRecord(): void {
    this.type = this.recordHeader[0] as number;
    this.remaining = this.recordHeader.readUInt32BE(1);
    this.headerFilled = 0;
    this.inBody = true;
    const limit = LIMIT_BY_TYPE.get(this.type);
    if (limit === undefined) throw malformed(`unknown record type 0x${this.type.toString(16).padStart(2, "0")}`);
    if (this.remaining === 0 || this.remaining > limit) throw malformed(`record length ${this.remaining} is outside 1..${limit}`);
    const allowed =
      (this.phase === "items" && (this.type !== RecordType.data || this.sawItem) && this.type !== RecordType.signature) ||
      (this.phase === "manifest-read" && this.type === RecordType.signature);
    if (!allowed) throw malformed(`unexpected ${recordName(this.type)} record`);
  }

  private async finishRecord(): Promise<void> {
    this.inBody = false;
    if (this.type === RecordType.data) return;
    const body = this.bodyParts.length === 1 ? (this.bodyParts[0] as Buffer) : Buffer.concat(this.bodyParts);
    this.bodyParts = [];
    if (this.type === RecordType.itemStart) {
      this.sawItem = true;
      await this.handler.itemStart(body);
    } else if (this.type === RecordType.manifest) {
      this.phase = "manifest-read";
      this.handler.manifest(body);
    } else {
      this.phase = "padding";
      this.handler.signature(body);
    }
  }
}

function assertZeros(bytes: Buffer): void {
  for (const byte of bytes) if (byte !== 0) throw malformed("non-zero byte in the padding after the manifest signature");
}

function recordName(type: number): string {
  if (type === RecordType.itemStart) return "item-start";
  if (type === RecordType.data) return "item-data";
  if (type === RecordType.manifest) return "manifest";
  return "signature";
}

function malformed(message: string): PackageError {
  return new PackageError("PAYLOAD_MALFORMED", `payload malformed: ${message}`);
}
