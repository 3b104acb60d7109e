import { after, before, describe, it } from "mocha";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as messagingSdk from "@aws-sdk/client-chime-sdk-messaging";
import * as identitySdk from "@aws-sdk/client-chime-sdk-identity";
import { loadModel, modelFileName, modelsDirectory, ServiceName } from "../../smithy/model";
import { EmulatorFixture, startFixture } from "../helpers/emulator";
import { Break, InputBuilder } from "./conformance-inputs";

/**
 * Every operation of the official models is served, and every constraint of every input member is enforced with
 * a BadRequestException naming the member, driven through the real SDK clients with inputs built from the models.
 */

const SERVICES: { service: ServiceName; operations: number; sdk: Record<string, unknown> }[] = [
    { service: "messaging", operations: 51, sdk: messagingSdk },
    { service: "identity", operations: 30, sdk: identitySdk },
];

type SdkError = Error & { $metadata?: { httpStatusCode?: number } };
type Command = new (input: unknown) => unknown;

interface Tally {
    operations: number;
    /** How the valid inputs were answered: "200", "NotFoundException 404", ... */
    validAnswers: Map<string, number>;
    checks: number;
    byEmulator: number;
    byClient: string[];
    filledByClient: string[];
}

function client(fx: EmulatorFixture, service: ServiceName): { send(command: unknown): Promise<unknown> } {
    return (service === "messaging" ? fx.messaging : fx.identity) as never;
}

function commandOf(sdk: Record<string, unknown>, operation: string): Command {
    const command = sdk[`${operation}Command`] as Command | undefined;
    assert.ok(command, `the SDK has no ${operation}Command`);
    return command;
}

async function outcome(fn: () => Promise<unknown>): Promise<SdkError | undefined> {
    try {
        await fn();
        return undefined;
    } catch (error) {
        return error as SdkError;
    }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Sends one broken input; returns a problem, or undefined when the break was refused as it must be. */
async function checkBreak(
    fx: EmulatorFixture,
    service: ServiceName,
    command: Command,
    operation: string,
    broken: Break,
    tally: Tally,
): Promise<string | undefined> {
    const label = `${operation} ${broken.path} (${broken.rule})`;
    const requestsBefore = fx.emulator.callCounts.get(operation) ?? 0;
    const recordsBefore = fx.emulator.store.recordCount();
    const error = await outcome(() => client(fx, service).send(new command(broken.input)));
    tally.checks++;
    if (error && error.$metadata?.httpStatusCode === undefined) {
        // No HTTP answer: the SDK refused to send it (e.g. a missing path label).
        if ((fx.emulator.callCounts.get(operation) ?? 0) !== requestsBefore) return `${label}: ${error.message}`;
        tally.byClient.push(`${label}: ${error.message}`);
        return undefined;
    }
    if (broken.rule === "missing" && broken.idempotencyToken) {
        // The SDK fills in a missing idempotency token, so the request arrives valid.
        if (error && /validation error/.test(error.message)) return `${label}: ${error.message}`;
        tally.filledByClient.push(label);
        return undefined;
    }
    if (fx.emulator.store.recordCount() !== recordsBefore) return `${label}: the request changed the state`;
    if (!error) return `${label}: accepted`;
    if (error.name !== "BadRequestException" || error.$metadata?.httpStatusCode !== 400) {
        return `${label}: ${error.name} ${error.$metadata?.httpStatusCode}: ${error.message}`;
    }
    if (!new RegExp(`(^|: |; )${escape(broken.path)} `).test(error.message)) {
        return `${label}: the message does not name ${broken.path}: ${error.message}`;
    }
    tally.byEmulator++;
    return undefined;
}

it("the committed models (models/, copies of the published official ones) hold every operation of both services", () => {
    for (const { service, operations } of SERVICES) {
        const file = modelFileName(service);
        const committed = JSON.parse(fs.readFileSync(path.join(modelsDirectory(), file), "utf8")) as {
            shapes: Record<string, { type: string }>;
        };
        const declared = Object.values(committed.shapes).filter((shape) => shape.type === "operation").length;
        assert.equal(declared, operations, `${file} declares ${declared} operations`);
        assert.equal(loadModel(service).operations.length, operations);
    }
});

for (const { service, operations, sdk } of SERVICES) {
    describe(`every ${service} operation is served and enforces every constraint of its input`, () => {
        const model = loadModel(service);
        let inputs: InputBuilder;
        let fx: EmulatorFixture | undefined;
        const tally: Tally = {
            operations: 0,
            validAnswers: new Map(),
            checks: 0,
            byEmulator: 0,
            byClient: [],
            filledByClient: [],
        };

        before(async function () {
            assert.equal(model.operations.length, operations);
            inputs = new InputBuilder(model);
            assert.deepEqual(inputs.checkSamples(), [], "every sample value satisfies its shape");
            fx = await startFixture();
        });
        after(async () => {
            if (!fx) return;
            await fx.close();
            console.log(
                `      ${tally.operations} operations served; ${tally.checks} broken inputs: ${tally.byEmulator} refused by the ` +
                    `emulator naming the member, ${tally.byClient.length} refused by the SDK before sending, ` +
                    `${tally.filledByClient.length} missing idempotency tokens filled in by the SDK`,
            );
            const answers = [...tally.validAnswers].map(([answer, n]) => `${answer}: ${n}`).join(", ");
            console.log(`      valid inputs (ARNs of resources that do not exist) were answered: ${answers}`);
            for (const line of tally.byClient) console.log(`      refused by the SDK: ${line}`);
        });

        for (const operation of model.operations) {
            it(operation.name, async () => {
                const command = commandOf(sdk, operation.name);
                const problems: string[] = [];
                const valid = await outcome(() => client(fx!, service).send(new command(inputs.validInput(operation))));
                const status = valid?.$metadata?.httpStatusCode;
                const answer = valid ? `${valid.name} ${status}` : "success";
                tally.validAnswers.set(answer, (tally.validAnswers.get(answer) ?? 0) + 1);
                if (valid && (valid.name === "UnknownOperationException" || status === 501)) {
                    problems.push(`not served: ${valid.name} ${status}: ${valid.message}`);
                } else if (valid && status === undefined) {
                    problems.push(`the valid input did not reach the emulator: ${valid.message}`);
                } else if (valid && status! >= 500) {
                    problems.push(`the valid input crashed the handler: ${valid.name} ${status}: ${valid.message}`);
                } else if (valid && /validation error/.test(valid.message)) {
                    problems.push(`the sample input is not valid: ${valid.message}`);
                }
                for (const broken of inputs.breaks(operation)) {
                    const problem = await checkBreak(fx!, service, command, operation.name, broken, tally);
                    if (problem) problems.push(problem);
                }
                tally.operations++;
                assert.deepEqual(problems, []);
            });
        }
    });
}
