import * as fs from "fs";
import * as path from "path";

/**
 * The emulator's state: named tables of records, each table a map of partitions (e.g. a channel ARN) to ordered
 * records (e.g. memberships keyed by member ARN).
 *
 * Every change happens inside a transaction that the server opens around one request: a request that fails is
 * rolled back, so bad input changes nothing; a request that succeeds is written to the journal (when persistence
 * is on) before its response is sent, so nothing acknowledged is lost, even on `kill -9`. Records are frozen:
 * change one by setting a new object.
 *
 * A data folder holds `snapshot.json` (every table, written atomically on open, on close, on reset and every
 * `compactEvery` commits), `journal.jsonl` (one line per committed transaction since that snapshot) and `lock`
 * (the process id of the emulator using the folder).
 */

type Change = { t: string; p: string; s: string; v?: unknown };

interface Undo {
    table: Table<unknown>;
    partition: string;
    sort: string;
    previous: unknown;
}

export interface StoreOptions {
    /** Folder for the snapshot and journal; in memory only when absent. */
    dataDir?: string;
    /** fsync the journal on every commit (survives power loss, not only process death). */
    fsync?: boolean;
    /** Compact the journal into the snapshot after this many committed transactions. */
    compactEvery?: number;
    /** Told of what loading the data folder recovered from (a torn last journal line); stderr by default. */
    warn?: (message: string) => void;
}

const SNAPSHOT = "snapshot.json";
const JOURNAL = "journal.jsonl";

export class Table<T> {
    private readonly partitionsByKey = new Map<string, Map<string, T>>();
    private count = 0;

    constructor(
        readonly name: string,
        private readonly store: Store,
    ) {}

    get(partition: string, sort = ""): T | undefined {
        return this.partitionsByKey.get(partition)?.get(sort);
    }

    has(partition: string, sort = ""): boolean {
        return this.partitionsByKey.get(partition)?.has(sort) ?? false;
    }

    set(partition: string, sort: string, value: T): T {
        const frozen = Object.freeze(value);
        const previous = this.get(partition, sort);
        this.store.record(this as Table<unknown>, partition, sort, previous, frozen);
        this.write(partition, sort, frozen);
        return frozen;
    }

    delete(partition: string, sort = ""): boolean {
        const previous = this.get(partition, sort);
        if (previous === undefined) return false;
        this.store.record(this as Table<unknown>, partition, sort, previous, undefined);
        this.write(partition, sort, undefined);
        return true;
    }

    /** Deletes every record of a partition. */
    deletePartition(partition: string): void {
        const records = this.partitionsByKey.get(partition);
        if (!records) return;
        for (const sort of [...records.keys()]) this.delete(partition, sort);
    }

    /** The records of one partition in insertion order. */
    partition(partition: string): ReadonlyMap<string, T> {
        return this.partitionsByKey.get(partition) ?? EMPTY;
    }

    partitionSize(partition: string): number {
        return this.partitionsByKey.get(partition)?.size ?? 0;
    }

    partitionKeys(): IterableIterator<string> {
        return this.partitionsByKey.keys();
    }

    *entries(): IterableIterator<[string, string, T]> {
        for (const [p, records] of this.partitionsByKey) for (const [s, v] of records) yield [p, s, v];
    }

    *values(): IterableIterator<T> {
        for (const records of this.partitionsByKey.values()) yield* records.values();
    }

    get size(): number {
        return this.count;
    }

    /** @internal Applies a change without recording it (loading, rollback). */
    write(partition: string, sort: string, value: T | undefined): void {
        let records = this.partitionsByKey.get(partition);
        if (value === undefined) {
            if (records?.delete(sort)) {
                this.count--;
                if (records.size === 0) this.partitionsByKey.delete(partition);
            }
            return;
        }
        if (!records) {
            records = new Map();
            this.partitionsByKey.set(partition, records);
        }
        if (!records.has(sort)) this.count++;
        records.set(sort, value);
    }

    /** @internal */
    clear(): void {
        this.partitionsByKey.clear();
        this.count = 0;
    }
}

const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();

export class Store {
    private readonly tables = new Map<string, Table<unknown>>();
    private undo: Undo[] | undefined;
    private changes: Change[] = [];
    private journalFd: number | undefined;
    private commitsSinceCompaction = 0;
    /** The journal's length after its last whole transaction. */
    private journalBytes = 0;

    constructor(private readonly options: StoreOptions = {}) {
        if (options.dataDir) this.open(options.dataDir);
    }

    table<T>(name: string): Table<T> {
        let table = this.tables.get(name);
        if (!table) {
            table = new Table<unknown>(name, this);
            this.tables.set(name, table);
        }
        return table as Table<T>;
    }

    /** Runs `fn` as one transaction: all of its changes are kept and journaled, or none if it throws. */
    transaction<R>(fn: () => R): R {
        if (this.undo) return fn();
        this.undo = [];
        this.changes = [];
        let result: R;
        try {
            result = fn();
            this.commit();
        } catch (error) {
            this.rollback();
            throw error;
        } finally {
            this.undo = undefined;
            this.changes = [];
        }
        this.compactWhenDue();
        return result;
    }

    /** @internal Called by tables for each change. */
    record(table: Table<unknown>, partition: string, sort: string, previous: unknown, value: unknown): void {
        if (!this.undo) {
            throw new Error(`change to table ${table.name} outside a transaction`);
        }
        this.undo.push({ table, partition, sort, previous });
        if (this.journalFd !== undefined) {
            const change: Change = { t: table.name, p: partition, s: sort };
            if (value !== undefined) change.v = value;
            this.changes.push(change);
        }
    }

    private commit(): void {
        if (this.journalFd === undefined || this.changes.length === 0) return;
        const line = Buffer.from(JSON.stringify(this.changes) + "\n");
        try {
            writeFully(this.journalFd, line);
            if (this.options.fsync) fs.fdatasyncSync(this.journalFd);
        } catch (error) {
            // Not acknowledged, so not kept: cut the journal back to its last whole transaction (if even that
            // fails, the next start ignores the torn last line).
            try {
                fs.ftruncateSync(this.journalFd, this.journalBytes);
            } catch {
                // nothing more to do
            }
            throw error;
        }
        this.journalBytes += line.length;
        this.commitsSinceCompaction++;
    }

    /** A failed snapshot loses nothing (the journal still holds every change), so it does not fail the request. */
    private compactWhenDue(): void {
        if (this.commitsSinceCompaction < (this.options.compactEvery ?? 50_000)) return;
        try {
            this.compact();
        } catch (error) {
            this.commitsSinceCompaction = 0;
            console.error(`writing the snapshot failed; the journal keeps growing: ${(error as Error).message}`);
        }
    }

    private rollback(): void {
        for (const u of this.undo!.reverse()) u.table.write(u.partition, u.sort, u.previous);
    }

    /** Empties every table, and the files when persistent (an empty snapshot, an empty journal). */
    reset(): void {
        if (this.undo) throw new Error("reset inside a transaction");
        for (const table of this.tables.values()) table.clear();
        if (this.journalFd !== undefined) this.compact();
    }

    /** The number of records in every table together. */
    recordCount(): number {
        let count = 0;
        for (const table of this.tables.values()) count += table.size;
        return count;
    }

    /** Every table as plain data: {table: [[partition, sort, record], ...]}. */
    dump(): Record<string, [string, string, unknown][]> {
        const out: Record<string, [string, string, unknown][]> = {};
        for (const [name, table] of this.tables) {
            if (table.size > 0) out[name] = [...table.entries()];
        }
        return out;
    }

    /** Writes a snapshot and starts an empty journal. */
    compact(): void {
        const dir = this.options.dataDir;
        if (!dir) return;
        const temporary = path.join(dir, `${SNAPSHOT}.tmp`);
        fs.writeFileSync(temporary, JSON.stringify(this.dump()));
        const fd = fs.openSync(temporary, "r");
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fs.renameSync(temporary, path.join(dir, SNAPSHOT));
        // Only now may the journal go: until the rename, the old snapshot plus the journal is the state.
        // Replaying a journal over a snapshot that already holds its changes is harmless (every change is a write
        // of a whole record), so a crash between the two steps loses nothing.
        if (this.journalFd !== undefined) fs.closeSync(this.journalFd);
        this.journalFd = fs.openSync(path.join(dir, JOURNAL), "w");
        if (this.options.fsync) syncDirectory(dir);
        this.journalBytes = 0;
        this.commitsSinceCompaction = 0;
    }

    /** Writes a snapshot (when persistent) and releases the data folder. */
    close(): void {
        if (this.journalFd === undefined) return;
        this.compact();
        fs.closeSync(this.journalFd);
        this.journalFd = undefined;
        releaseDataDir(this.options.dataDir!);
    }

    private open(dir: string): void {
        fs.mkdirSync(dir, { recursive: true });
        claimDataDir(dir);
        try {
            this.load(dir);
            this.journalFd = fs.openSync(path.join(dir, JOURNAL), "a");
            this.compact();
        } catch (error) {
            releaseDataDir(dir);
            throw error;
        }
    }

    private load(dir: string): void {
        const snapshotFile = path.join(dir, SNAPSHOT);
        if (fs.existsSync(snapshotFile)) {
            for (const [name, rows] of Object.entries(readSnapshot(snapshotFile))) {
                const table = this.table(name);
                for (const [p, s, v] of rows) table.write(p, s, Object.freeze(v));
            }
        }
        const journalFile = path.join(dir, JOURNAL);
        if (!fs.existsSync(journalFile)) return;
        const lines = fs.readFileSync(journalFile, "utf8").split("\n");
        while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
        lines.forEach((line, index) => {
            let changes: Change[];
            try {
                changes = JSON.parse(line) as Change[];
            } catch {
                // A torn last line is a transaction cut short by a crash: it was never acknowledged. A bad line
                // anywhere else means the file was damaged, and skipping it would silently lose acknowledged data.
                if (index === lines.length - 1) {
                    const warn = this.options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
                    warn(
                        `${journalFile}: line ${index + 1}, the last, is incomplete (${Buffer.byteLength(line)} bytes, ` +
                            `a write cut short when the emulator stopped): that last request was never answered, ` +
                            `so it was dropped; everything before it is restored.`,
                    );
                    return;
                }
                throw new Error(
                    `${journalFile} is damaged at line ${index + 1} of ${lines.length}; the state cannot be restored. ` +
                        `Restore the data folder from a backup, or move it away to start with an empty state.`,
                );
            }
            for (const c of changes) {
                this.table(c.t).write(c.p, c.s, c.v === undefined ? undefined : Object.freeze(c.v));
            }
        });
    }
}

type SnapshotRows = Record<string, [string, string, unknown][]>;

/**
 * The snapshot is written atomically (a temporary file, then a rename), so a damaged one was damaged by something
 * else: the error names the file and the ways out, and nothing in the folder is touched.
 */
function readSnapshot(file: string): SnapshotRows {
    const text = fs.readFileSync(file, "utf8");
    const wayOut =
        `The emulator writes it atomically, so it was changed or cut short by something else. Restore it from a ` +
        `backup, or move the data folder (or this file and ${JOURNAL} beside it) away to start with an empty state; ` +
        `nothing in the folder was changed.`;
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        throw new Error(
            `The snapshot ${file} is not valid JSON (${(error as Error).message}; the file has ` +
                `${Buffer.byteLength(text)} bytes). ${wayOut}`,
            { cause: error },
        );
    }
    const wellFormed =
        typeof parsed === "object" &&
        parsed !== null &&
        !Array.isArray(parsed) &&
        Object.values(parsed).every(
            (rows) =>
                Array.isArray(rows) &&
                rows.every((row) => Array.isArray(row) && typeof row[0] === "string" && typeof row[1] === "string"),
        );
    if (!wellFormed) {
        throw new Error(
            `The snapshot ${file} is not an emulator snapshot ({table: [[partition, sort, record], ...]}). ${wayOut}`,
        );
    }
    return parsed as SnapshotRows;
}

function writeFully(fd: number, data: Buffer): void {
    let offset = 0;
    while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
}

function syncDirectory(dir: string): void {
    const fd = fs.openSync(dir, "r");
    try {
        fs.fsyncSync(fd);
    } finally {
        fs.closeSync(fd);
    }
}

const LOCK = "lock";
const dataDirsOfThisProcess = new Set<string>();

/**
 * Makes sure one emulator at a time uses a data folder: two writers would interleave their journals. The lock
 * file names the owner's process id; a lock left by a process that no longer runs (kill -9) is taken over.
 */
function claimDataDir(dir: string): void {
    const key = path.resolve(dir);
    if (dataDirsOfThisProcess.has(key)) throw new Error(`The data folder ${dir} is already in use by this process.`);
    const lockFile = path.join(dir, LOCK);
    const owner = Number.parseInt(readIfExists(lockFile) ?? "", 10);
    if (Number.isInteger(owner) && owner !== process.pid && processIsRunning(owner)) {
        throw new Error(
            `The data folder ${dir} is in use by another emulator (process ${owner}); ` +
                `if no emulator runs there, delete ${lockFile}.`,
        );
    }
    fs.writeFileSync(lockFile, String(process.pid));
    dataDirsOfThisProcess.add(key);
}

function releaseDataDir(dir: string): void {
    dataDirsOfThisProcess.delete(path.resolve(dir));
    const lockFile = path.join(dir, LOCK);
    if (readIfExists(lockFile) === String(process.pid)) fs.rmSync(lockFile, { force: true });
}

function readIfExists(file: string): string | undefined {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        return undefined;
    }
}

function processIsRunning(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === "EPERM";
    }
}
