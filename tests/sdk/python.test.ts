import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../../scripts/local-pulumi";
import { clientAvailable, runOk } from "../helpers/clients";
import { skipUnlessRequired } from "../helpers/skip";

/**
 * The Python SDK generated from the schema (sdk/python): it builds into a wheel and an sdist, each installs with
 * pip into a virtual environment next to the `pulumi` package, and the quickstart's topology written with it runs
 * under Pulumi's mocks (sdk/python/tests, with pytest), asserting the type tokens, the inputs and the exports. The
 * distribution's description (its page on PyPI, the package's README) holds an example, which runs as written.
 * Needs python3 with `pulumi`, `build` and `pytest` (.ci/run installs them); skips loudly without, and fails
 * instead with CHIME_E2E_REQUIRED=1.
 */

const SDK = path.join(REPO_ROOT, "sdk", "python");

async function ok(command: string, args: string[], cwd: string): Promise<string> {
    return (await runOk(command, args, { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" }, cwd)).stdout;
}

describe("the Python SDK generated from the schema", () => {
    let scratch: string;
    let dist: string;

    before(async function () {
        const available = clientAvailable("python3", ["-c", "import pulumi, build, pytest"]);
        if (!available)
            skipUnlessRequired(
                this,
                "PYTHON SDK TEST SKIPPED: python3 with pulumi, build and pytest is needed (pip install pulumi build pytest)",
            );
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "chime-python-sdk-"));
        // Built from a copy, so that the build leaves nothing in the source tree.
        fs.cpSync(SDK, path.join(scratch, "src"), { recursive: true });
        dist = path.join(scratch, "dist");
        await ok("python3", ["-m", "build", "--sdist", "--wheel", "--outdir", dist, "."], path.join(scratch, "src"));
    });
    after(() => {
        if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    });

    for (const kind of ["wheel", "sdist"] as const) {
        it(`its ${kind} installs with pip next to the pulumi package; the quickstart, and the example of its description, run under mocks`, async () => {
            const artifact = fs
                .readdirSync(dist)
                .find((file) => (kind === "wheel" ? file.endsWith(".whl") : file.endsWith(".tar.gz")));
            assert.ok(artifact, `build made a ${kind}: ${fs.readdirSync(dist).join(", ")}`);
            assert.match(artifact, /^pulumi_chime_messaging-0\.1\.0/);
            const venv = path.join(scratch, `venv-${kind}`);
            await ok("python3", ["-m", "venv", "--system-site-packages", venv], scratch);
            const python = path.join(venv, "bin", "python");
            await ok(python, ["-m", "pip", "install", "--quiet", path.join(dist, artifact)], scratch);
            const shown = await ok(python, ["-m", "pip", "show", "pulumi_chime_messaging"], scratch);
            assert.match(shown, /Requires:.*pulumi/);
            const tests = path.join(scratch, `tests-${kind}`);
            fs.cpSync(path.join(SDK, "tests"), tests, { recursive: true });
            const pytest = await ok(python, ["-m", "pytest", "-q", "-p", "no:cacheprovider", "."], tests);
            assert.match(pytest, /4 passed/);

            // The example of the page PyPI shows (the description), as the installed metadata holds it.
            const registered = JSON.parse(await ok(python, ["readme_example.py"], tests)) as unknown;
            const arn = "arn:aws:chime:us-east-1:123456789012:app-instance/mock/chat";
            assert.deepEqual(registered, [
                {
                    type: "chime-messaging:index:AppInstanceWithAdmin",
                    name: "chat",
                    inputs: { admin: { appInstanceUserId: "admin", name: "Admin" } },
                },
                {
                    type: "chime-messaging:index:Channel",
                    name: "general",
                    inputs: { appInstanceArn: arn, chimeBearer: `${arn}/user/admin` },
                },
            ]);
        });
    }
});
