import { execFileSync } from "child_process";
import { createHash } from "crypto";
import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { archiveName, executableName, PLUGIN_TARGETS, PluginTarget } from "../../scripts/release/plugin-executables";
import { probePlugin } from "../../scripts/release/plugin-probe";
import { goTool } from "../../scripts/release/go-tools";
import { checkVersions, goModulePath, packageVersion } from "../../scripts/release/release";
import { REPO_ROOT } from "../../scripts/repo-root";
import { releaseFolder, unpackArchive, withoutNode } from "../helpers/release";

/**
 * What `npm run release` writes: every artifact of one version, their checksums, and the plugin executables of
 * the five platforms, each of the right format and carrying the bundled plugin. The one of this machine
 * (linux-amd64) answers the engine's first calls with no Node.js to be had; linux-arm64 does under qemu-user.
 */

const version = packageVersion();
const schemaText = () => fs.readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8");

/** What an executable's header says: its format and machine. */
function executableFormat(file: string): string {
    const head = Buffer.alloc(4096);
    const fd = fs.openSync(file, "r");
    fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    if (head.readUInt32BE(0) === 0x7f454c46) {
        const machine = head.readUInt16LE(18);
        return `ELF ${{ 62: "x86-64", 183: "aarch64" }[machine] ?? machine}`;
    }
    if (head.readUInt32LE(0) === 0xfeedfacf) {
        const cpu = head.readUInt32LE(4);
        return `Mach-O ${{ 0x01000007: "x86_64", 0x0100000c: "arm64" }[cpu] ?? cpu}`;
    }
    if (head.toString("latin1", 0, 2) === "MZ") {
        const pe = head.readUInt32LE(0x3c);
        assert.equal(head.toString("latin1", pe, pe + 4), "PE\0\0", `${file}: no PE header`);
        const machine = head.readUInt16LE(pe + 4);
        return `PE ${{ 0x8664: "x86-64", 0xaa64: "arm64" }[machine] ?? machine}`;
    }
    return "unknown";
}

/**
 * Checks a Mach-O executable's code signature as macOS does before it runs a page: every page hash of its code
 * directory is the SHA-256 of that page of the file, up to the signature itself. Returns the pages checked.
 */
function checkCodeDirectory(file: string): number {
    const bytes = fs.readFileSync(file);
    const LC_CODE_SIGNATURE = 0x1d;
    let offset = 32;
    let signature: { dataoff: number; datasize: number } | undefined;
    for (let i = 0; i < bytes.readUInt32LE(16); i++) {
        if (bytes.readUInt32LE(offset) === LC_CODE_SIGNATURE)
            signature = { dataoff: bytes.readUInt32LE(offset + 8), datasize: bytes.readUInt32LE(offset + 12) };
        offset += bytes.readUInt32LE(offset + 4);
    }
    assert.ok(signature, `${file} has no LC_CODE_SIGNATURE`);
    const blob = bytes.subarray(signature.dataoff, signature.dataoff + signature.datasize);
    assert.equal(blob.readUInt32BE(0), 0xfade0cc0, "an embedded signature super blob");
    const CODE_DIRECTORY = 0;
    const entry = [...Array(blob.readUInt32BE(8)).keys()].find((i) => blob.readUInt32BE(12 + i * 8) === CODE_DIRECTORY);
    assert.notEqual(entry, undefined, "a code directory");
    const cd = blob.subarray(blob.readUInt32BE(12 + entry! * 8 + 4));
    assert.equal(cd.readUInt32BE(0), 0xfade0c02);
    const [hashOffset, codeSlots, codeLimit] = [cd.readUInt32BE(16), cd.readUInt32BE(28), cd.readUInt32BE(32)];
    const [hashSize, hashType, pageSize] = [cd.readUInt8(36), cd.readUInt8(37), 2 ** cd.readUInt8(39)];
    assert.equal(hashType, 2, "SHA-256 page hashes");
    assert.equal(codeLimit, signature.dataoff, "the hashes cover the whole file before the signature");
    assert.equal(codeSlots, Math.ceil(codeLimit / pageSize));
    for (let slot = 0; slot < codeSlots; slot++) {
        const page = bytes.subarray(slot * pageSize, Math.min((slot + 1) * pageSize, codeLimit));
        const expected = cd.subarray(hashOffset + slot * hashSize, hashOffset + (slot + 1) * hashSize);
        assert.ok(
            createHash("sha256").update(page).digest().equals(expected),
            `page ${slot} of ${file} hashes as signed`,
        );
    }
    return codeSlots;
}

const targetOf = (os: PluginTarget["os"], arch: PluginTarget["arch"]) =>
    PLUGIN_TARGETS.find((t) => t.os === os && t.arch === arch)!;

/** A command's standard output and error, or "failed: " and them when it exits non-zero. */
function outputOf(command: string[]): string {
    try {
        return execFileSync(command[0], command.slice(1), { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        return `failed: ${stdout ?? ""}${stderr ?? ""}`;
    }
}

const EXPECTED_FORMAT: Record<string, string> = {
    "linux-amd64": "ELF x86-64",
    "linux-arm64": "ELF aarch64",
    "darwin-amd64": "Mach-O x86_64",
    "darwin-arm64": "Mach-O arm64",
    "windows-amd64": "PE x86-64",
};

describe(`npm run release: the release folder of ${version}`, () => {
    let dir: string;
    let unpacked: string;
    const archiveEntries = new Map<PluginTarget, string[]>();

    before(async () => {
        dir = await releaseFolder();
        unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "chime-release-unpacked-"));
        for (const t of PLUGIN_TARGETS) {
            archiveEntries.set(
                t,
                unpackArchive(path.join(dir, archiveName(version, t)), path.join(unpacked, `${t.os}-${t.arch}`)),
            );
        }
    });
    after(() => fs.rmSync(unpacked, { recursive: true, force: true }));

    const executableOf = (t: PluginTarget) => path.join(unpacked, `${t.os}-${t.arch}`, executableName(t));

    it("holds the npm tarball, the wheel and sdist, the Go module's proxy files, five plugin archives and SHA256SUMS", () => {
        const files = fs
            .readdirSync(dir, { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
            .sort();
        const goProxy = path.join("goproxy", goModulePath(), "@v");
        assert.deepEqual(
            files,
            [
                "SHA256SUMS",
                path.join(goProxy, "list"),
                path.join(goProxy, `v${version}.info`),
                path.join(goProxy, `v${version}.mod`),
                path.join(goProxy, `v${version}.zip`),
                `pulumi-chime-messaging-${version}.tgz`,
                ...PLUGIN_TARGETS.map((t) => archiveName(version, t)),
                `pulumi_chime_messaging-${version}-py3-none-any.whl`,
                `pulumi_chime_messaging-${version}.tar.gz`,
            ].sort(),
        );
        const checked = execFileSync("sha256sum", ["--check", "--strict", "SHA256SUMS"], {
            cwd: dir,
            encoding: "utf8",
        });
        assert.equal(checked.trim().split("\n").length, files.length - 1);
        assert.doesNotMatch(checked, /FAILED/);
    });

    it("the Go module's zip holds go.mod, the SDK package and the module's README (its page on pkg.go.dev), not the tests", () => {
        const zip = path.join(dir, "goproxy", goModulePath(), "@v", `v${version}.zip`);
        const listing = execFileSync(
            "python3",
            [
                "-c",
                "import json, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); " +
                    "print(json.dumps({n: z.read(n).decode() for n in z.namelist() if n.endswith('/README.md')} | " +
                    "{'names': z.namelist()}))",
                zip,
            ],
            { encoding: "utf8" },
        );
        const { names, ...readmes } = JSON.parse(listing) as { names: string[] } & Record<string, string>;
        const prefix = `${goModulePath()}@v${version}/`;
        const top = new Set(names.map((name) => name.slice(prefix.length).split("/")[0]));
        assert.deepEqual([...top].sort(), [".gitattributes", "README.md", "chimemessaging", "go.mod", "go.sum"]);
        assert.equal(
            readmes[`${prefix}README.md`],
            fs.readFileSync(path.join(REPO_ROOT, "sdk", "go", "README.md"), "utf8"),
        );
    });

    it("its version check names an artifact that says another version", () => {
        const copy = fs.mkdtempSync(path.join(os.tmpdir(), "chime-release-copy-"));
        fs.cpSync(dir, copy, { recursive: true });
        fs.writeFileSync(path.join(copy, "goproxy", goModulePath(), "@v", "list"), "v9.9.9\n");
        assert.throws(() => checkVersions(copy, version), /the Go module proxy's list says 9\.9\.9/);
        assert.doesNotThrow(() => checkVersions(dir, version));
        fs.rmSync(copy, { recursive: true, force: true });
    });

    for (const t of PLUGIN_TARGETS) {
        const platform = `${t.os}-${t.arch}`;
        it(`${platform}: the archive holds only ${executableName(t)}, a ${EXPECTED_FORMAT[platform]} executable carrying the bundled plugin, the schema and the API models`, () => {
            const archive = path.join(dir, archiveName(version, t));
            assert.deepEqual(archiveEntries.get(t), [executableName(t)]);
            const file = executableOf(t);
            assert.equal(executableFormat(file), EXPECTED_FORMAT[platform]);
            if (t.os !== "windows") assert.ok(fs.statSync(file).mode & 0o111, `${file} is not executable`);
            const content = fs.readFileSync(file);
            assert.ok(content.includes("NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1"), "the SEA fuse is flipped");
            assert.ok(
                content.includes("the Pulumi engine starts this plugin with its address as the last argument"),
                "the bundled plugin is inside",
            );
            assert.ok(content.includes(schemaText()), "schema.json is inside, byte for byte");
            for (const model of fs.readdirSync(path.join(REPO_ROOT, "models")))
                assert.ok(
                    content.includes(fs.readFileSync(path.join(REPO_ROOT, "models", model))),
                    `${model} is inside`,
                );
            assert.ok(fs.statSync(archive).size < 50 * 1024 * 1024, `${archive} is under 50 MB`);
        });
    }

    for (const t of PLUGIN_TARGETS.filter((target) => target.os === "darwin")) {
        it(`darwin-${t.arch}: the executable is signed ad hoc (a code directory of page hashes, no certificate), as an Apple-silicon Mac requires`, () => {
            const described = execFileSync(goTool("quill"), ["describe", executableOf(t)], { encoding: "utf8" });
            assert.match(described, /Code Directory \(block 1\)/);
            assert.match(described, /Flags:\s+adhoc/);
            assert.match(described, /ID:\s+pulumi-resource-chime-messaging/);
            assert.ok(checkCodeDirectory(executableOf(t)) > 1000);
        });
    }

    it("windows-amd64: the executable carries no stale Authenticode signature of node.exe", () => {
        const verified = outputOf(["osslsigncode", "verify", "-in", executableOf(targetOf("windows", "amd64"))]);
        assert.match(verified, /No signature found/);
        assert.doesNotMatch(verified, /Ignoring PE signature/);
    });

    it("linux-amd64: with no Node.js to be had, it prints its port and answers GetPluginInfo and GetSchema", async () => {
        assert.match(outputOf(withoutNode(["node", "--version"], process.env)), /^failed/, "node runs nowhere there");
        const probe = await probePlugin(withoutNode([executableOf(targetOf("linux", "amd64"))], process.env));
        assert.equal(probe.version, version);
        assert.equal(probe.schema, schemaText());
    });

    it("linux-arm64: under qemu-user, it prints its port and answers GetPluginInfo and GetSchema", async function () {
        this.timeout(120_000);
        const probe = await probePlugin([
            "qemu-aarch64",
            "-L",
            "/usr/aarch64-linux-gnu",
            executableOf(targetOf("linux", "arm64")),
        ]);
        assert.equal(probe.version, version);
        assert.equal(probe.schema, schemaText());
    });
});
