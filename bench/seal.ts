/**
 * npm run bench:seal — seals and opens a 1 GiB file (and 4 GiB for the memory check) as one package item, side by
 * side with `age` on the same file, and prints a JSON summary on the last line. Each seal/open runs in a child
 * process that reports its own time and peak RSS; age is timed around its process with /usr/bin/time.
 *
 * Both tools are measured both ways, and the ratios use the first: `seconds` excludes process start-up (ours: timed
 * inside the child from the first byte to the output closed; age: its whole-process time minus the median time of
 * age on an empty file), `wholeProcessSeconds` includes it (ours: spawn to exit of node running the compiled
 * child, bench/seal-child.ts; age: /usr/bin/time). The 1 GiB comparison runs ROUNDS times, ours and age
 * alternating, and reports the medians; the load average is recorded because the machine may be shared. Then the
 * same comparison runs once more with one core kept busy by a spinning child process (production instances share
 * their cores too), reported as `oneCoreBusy`.
 */
import { execFile, spawn } from "node:child_process";
import { createHash, generateKeyPairSync, randomFillSync } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { LocalKeyring } from "../shared/adapters/keys/local-keyring";
import { createDeliveryKeyFile } from "../shared/package/delivery-key";
import { DEFAULT_SEGMENT_SIZE } from "../shared/package/format";
import type { ChildReport } from "./seal-child";

const run = promisify(execFile);
const GiB = 1024 ** 3;
const IO_CHUNK = 1024 * 1024;
const ROUNDS = 3;

/** A child's report, with the time from spawn to exit added by the parent. */
type Timed = ChildReport & { wholeProcessSeconds?: number };

interface Measured {
  seconds: number;
  gbPerSecond: number;
  wholeProcessSeconds: number;
  wholeProcessGbPerSecond: number;
  maxRssMiB: number;
}

/** The compiled child (npm run build), so what is measured is the JavaScript that ships, not tsx compiling TypeScript. */
const CHILD = join(__dirname, "..", "dist", "bench", "seal-child.js");

/**
 * Writes every dirty page back before a timed run. Each run writes a 1 GiB file, and one started while the previous
 * run's pages were still being written back paid for them (up to ten times the kernel time), whichever tool it was.
 */
async function settle(): Promise<void> {
  await run("sync", []);
}

async function inChild(args: string[]): Promise<Timed> {
  await settle();
  const started = process.hrtime.bigint();
  const { stdout } = await run(process.execPath, [CHILD, ...args], { maxBuffer: 1024 * 1024 });
  const wholeProcessSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const last = stdout.trim().split("\n").at(-1) as string;
  return { ...(JSON.parse(last) as ChildReport), wholeProcessSeconds };
}

/** Times a process with /usr/bin/time; `seconds` is the whole-process time until startupSeconds is subtracted. */
async function timed(command: string, args: string[], startupSeconds = 0): Promise<Timed> {
  await settle();
  const { stderr } = await run("/usr/bin/time", ["-f", "BENCH %e %M", command, ...args], { maxBuffer: 1024 * 1024 });
  const match = /BENCH ([\d.]+) (\d+)/.exec(stderr);
  if (match === null) throw new Error(`no timing from ${command}`);
  const wholeProcessSeconds = Number(match[1]);
  return { seconds: Math.max(0.001, wholeProcessSeconds - startupSeconds), wholeProcessSeconds, maxRssMiB: Math.round(Number(match[2]) / 1024) };
}

function measured(bytes: number, result: Timed): Measured {
  const whole = result.wholeProcessSeconds ?? result.seconds;
  return {
    seconds: round(result.seconds),
    gbPerSecond: round(bytes / 1e9 / result.seconds),
    wholeProcessSeconds: round(whole),
    wholeProcessGbPerSecond: round(bytes / 1e9 / whole),
    maxRssMiB: result.maxRssMiB,
  };
}

/** The run with the median `seconds` (ROUNDS is odd). */
function median(runs: Measured[]): Measured {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)] as Measured;
}

function loadAverage(): number[] {
  return loadavg().map(round);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Writes `size` bytes of random data in 16 MiB blocks (never holding the file) and returns its SHA-256. */
async function generateFile(path: string, size: number): Promise<string> {
  const out = createWriteStream(path);
  const hash = createHash("sha256");
  const block = Buffer.alloc(16 * 1024 * 1024);
  for (let written = 0; written < size; written += block.length) {
    const piece = randomFillSync(block).subarray(0, Math.min(block.length, size - written));
    hash.update(piece);
    if (!out.write(Buffer.from(piece))) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return hash.digest("hex");
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: IO_CHUNK })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function ensureAge(): Promise<void> {
  await run("age", ["--version"]).catch(() => {
    throw new Error("age is not installed: apt-get update && apt-get install -y age");
  });
}

async function parent(): Promise<void> {
  await ensureAge();
  await access(CHILD).catch(() => {
    throw new Error(`${CHILD} is missing: npm run build first (npm run bench:seal does)`);
  });
  const loadAverageAtStart = loadAverage();
  const dir = await mkdtemp(join(tmpdir(), "lrw-bench-"));
  try {
    const keyringDir = join(dir, "keyring");
    const keyring = new LocalKeyring({ directory: keyringDir });
    await keyring.getSigningPublicKeyPem();
    const requester = generateKeyPairSync("rsa", { modulusLength: 3072 });
    const requesterKey = join(dir, "requester.pem");
    await writeFile(requesterKey, requester.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    const requesterPublic = requester.publicKey.export({ type: "spki", format: "pem" }).toString();
    const ageIdentity = join(dir, "age-key.txt");
    await run("age-keygen", ["-o", ageIdentity]);
    const ageRecipient = (await run("age-keygen", ["-y", ageIdentity])).stdout.trim();

    const sealOpen = async (input: string, size: number, segmentSize: number) => {
      const sealed = join(dir, "data.lrw");
      const outDir = join(dir, "opened");
      const seal = await inChild(["child-seal", input, sealed, keyringDir, String(segmentSize)]);
      const keyFile = join(dir, "data.key.json");
      await writeFile(keyFile, JSON.stringify(await createDeliveryKeyFile(createReadStream(sealed), keyring, requesterPublic)));
      const open = await inChild(["child-open", sealed, outDir, requesterKey, keyFile]);
      const opened = join(outDir, "data.bin");
      const ok = (await stat(opened)).size === size;
      await rm(sealed);
      return { seal: measured(size, seal), open: measured(size, open), opened, ok, outDir };
    };

    const input1 = join(dir, "data-1g.bin");
    const inputHash = await generateFile(input1, GiB);
    console.error("1 GiB file written; choosing the segment size");
    const segmentSizes: Record<string, { sealGBps: number; openGBps: number }> = {};
    for (const segmentSize of [64 * 1024, 256 * 1024, 1024 * 1024]) {
      const result = await sealOpen(input1, GiB, segmentSize);
      await rm(result.outDir, { recursive: true });
      segmentSizes[`${segmentSize / 1024}KiB`] = { sealGBps: result.seal.gbPerSecond, openGBps: result.open.gbPerSecond };
      console.error(`segment ${segmentSize / 1024} KiB: seal ${result.seal.gbPerSecond} GB/s, open ${result.open.gbPerSecond} GB/s`);
    }

    const aged = join(dir, "data.age");
    const ageDecrypted = join(dir, "data.age.out");
    const empty = join(dir, "empty.bin");
    await writeFile(empty, "");
    const ageStartups: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      ageStartups.push((await timed("age", ["-r", ageRecipient, "-o", aged, empty])).seconds);
      ageStartups.push((await timed("age", ["-d", "-i", ageIdentity, "-o", ageDecrypted, aged])).seconds);
    }
    const ageStartupSeconds = ageStartups.sort((a, b) => a - b)[ageStartups.length / 2] as number;
    /** ROUNDS comparisons on the 1 GiB file, ours and age alternating; `label` names them in the progress lines. */
    const compare = async (label: string) => {
      const runs: { seal: Measured; open: Measured; encrypt: Measured; decrypt: Measured; identical: boolean }[] = [];
      for (let attempt = 0; attempt < ROUNDS; attempt += 1) {
        const ours = await sealOpen(input1, GiB, DEFAULT_SEGMENT_SIZE);
        const identical = ours.ok && (await sha256File(ours.opened)) === inputHash;
        await rm(ours.outDir, { recursive: true });
        const encrypt = measured(GiB, await timed("age", ["-r", ageRecipient, "-o", aged, input1], ageStartupSeconds));
        const decrypt = measured(GiB, await timed("age", ["-d", "-i", ageIdentity, "-o", ageDecrypted, aged], ageStartupSeconds));
        await rm(aged);
        await rm(ageDecrypted);
        runs.push({ seal: ours.seal, open: ours.open, encrypt, decrypt, identical });
        console.error(`${label} round ${attempt + 1}: ours seal ${ours.seal.gbPerSecond} / open ${ours.open.gbPerSecond} GB/s; age ${encrypt.gbPerSecond} / ${decrypt.gbPerSecond} GB/s`);
      }
      return runs;
    };
    const rounds = await compare("1 GiB");
    // One core busy: a child spinning for the whole comparison.
    const spinner = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
    let busy: typeof rounds;
    try {
      busy = await compare("1 GiB, one core busy,");
    } finally {
      spinner.kill("SIGKILL");
    }
    const busyMedians = {
      seal: median(busy.map((r) => r.seal)),
      open: median(busy.map((r) => r.open)),
      encrypt: median(busy.map((r) => r.encrypt)),
      decrypt: median(busy.map((r) => r.decrypt)),
    };
    await rm(input1);
    const ours1 = { seal: median(rounds.map((r) => r.seal)), open: median(rounds.map((r) => r.open)) };
    const roundTrip = rounds.every((r) => r.identical);
    const ageEncrypt = median(rounds.map((r) => r.encrypt));
    const ageDecrypt = median(rounds.map((r) => r.decrypt));

    const input4 = join(dir, "data-4g.bin");
    await generateFile(input4, 4 * GiB);
    const ours4 = await sealOpen(input4, 4 * GiB, DEFAULT_SEGMENT_SIZE);
    await rm(ours4.outDir, { recursive: true });
    await rm(input4);

    console.log(
      JSON.stringify({
        machine: { cpus: cpus().length, node: process.version, loadAverageAtStart, loadAverageAtEnd: loadAverage() },
        segmentSizeChosen: `${DEFAULT_SEGMENT_SIZE / 1024}KiB`,
        segmentSizes,
        oneGiB: {
          rounds: ROUNDS,
          lrw: { seal: ours1.seal, open: ours1.open, roundTripIdentical: roundTrip },
          age: { encrypt: ageEncrypt, decrypt: ageDecrypt, startupSeconds: round(ageStartupSeconds) },
          ratio: {
            sealVsAgeEncrypt: round(ours1.seal.gbPerSecond / ageEncrypt.gbPerSecond),
            openVsAgeDecrypt: round(ours1.open.gbPerSecond / ageDecrypt.gbPerSecond),
            wholeProcess: {
              sealVsAgeEncrypt: round(ours1.seal.wholeProcessGbPerSecond / ageEncrypt.wholeProcessGbPerSecond),
              openVsAgeDecrypt: round(ours1.open.wholeProcessGbPerSecond / ageDecrypt.wholeProcessGbPerSecond),
            },
          },
          samplesGBps: {
            lrwSeal: rounds.map((r) => r.seal.gbPerSecond),
            lrwOpen: rounds.map((r) => r.open.gbPerSecond),
            ageEncrypt: rounds.map((r) => r.encrypt.gbPerSecond),
            ageDecrypt: rounds.map((r) => r.decrypt.gbPerSecond),
          },
        },
        oneCoreBusy: {
          rounds: ROUNDS,
          lrw: { seal: busyMedians.seal, open: busyMedians.open },
          age: { encrypt: busyMedians.encrypt, decrypt: busyMedians.decrypt },
          ratio: {
            sealVsAgeEncrypt: round(busyMedians.seal.gbPerSecond / busyMedians.encrypt.gbPerSecond),
            openVsAgeDecrypt: round(busyMedians.open.gbPerSecond / busyMedians.decrypt.gbPerSecond),
          },
        },
        fourGiB: { lrw: { seal: ours4.seal, open: ours4.open, opened: ours4.ok } },
        peakRssMiB: { seal1GiB: ours1.seal.maxRssMiB, seal4GiB: ours4.seal.maxRssMiB, open1GiB: ours1.open.maxRssMiB, open4GiB: ours4.open.maxRssMiB },
        note: "medians of the rounds; seconds/gbPerSecond exclude process start-up for both tools (ratios use these), wholeProcess* include it",
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

parent().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
