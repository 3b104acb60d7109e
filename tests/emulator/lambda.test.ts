import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    AddPermissionCommand,
    CreateFunctionCommand,
    CreateFunctionCommandInput,
    DeleteFunctionCommand,
    GetFunctionCommand,
    GetPolicyCommand,
    InvalidParameterValueException,
    PreconditionFailedException,
    RemovePermissionCommand,
    ResourceConflictException,
    ResourceNotFoundException,
} from "@aws-sdk/client-lambda";
import { EmulatorFixture, errorOf, startFixture, TEST_ACCOUNT, TEST_REGION } from "../helpers/emulator";
import { createWorld } from "../helpers/world";

const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/processor-role`;
const CHIME_PRINCIPAL = "messaging.chime.amazonaws.com";

interface PolicyStatement {
    Sid: string;
    Effect: string;
    Principal: unknown;
    Action: string;
    Resource: string;
    Condition?: Record<string, Record<string, string>>;
}

describe("lambda subset", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    const code = Buffer.from("exports.handler = async () => ({});");
    const createFunction = (FunctionName: string, extra: Partial<CreateFunctionCommandInput> = {}) =>
        fx.lambda.send(
            new CreateFunctionCommand({
                FunctionName,
                Runtime: "nodejs20.x",
                Role: ROLE,
                Handler: "index.handler",
                Code: { ZipFile: code },
                ...extra,
            }),
        );
    const arnOf = (name: string) => `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:${name}`;
    const policyOf = async (FunctionName: string) => {
        const { Policy, RevisionId } = await fx.lambda.send(new GetPolicyCommand({ FunctionName }));
        return {
            document: JSON.parse(Policy!) as { Version: string; Id: string; Statement: PolicyStatement[] },
            RevisionId,
        };
    };

    it("creates a function and gets it by name, partial ARN and full ARN", async () => {
        const created = await createFunction("fn-get", {
            Description: "d",
            Timeout: 30,
            MemorySize: 256,
            Tags: { team: "chat" },
            Environment: { Variables: { MODE: "test" } },
        });
        assert.equal(created.$metadata.httpStatusCode, 201);
        assert.equal(created.FunctionName, "fn-get");
        assert.equal(created.FunctionArn, arnOf("fn-get"));
        assert.equal(created.CodeSize, code.length);
        assert.equal(created.State, "Active");
        assert.equal(created.Version, "$LATEST");
        assert.match(created.LastModified!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);

        for (const FunctionName of ["fn-get", `${TEST_ACCOUNT}:function:fn-get`, arnOf("fn-get")]) {
            const got = await fx.lambda.send(new GetFunctionCommand({ FunctionName }));
            const config = got.Configuration!;
            assert.equal(config.FunctionArn, arnOf("fn-get"));
            assert.equal(config.Runtime, "nodejs20.x");
            assert.equal(config.Role, ROLE);
            assert.equal(config.Handler, "index.handler");
            assert.equal(config.Description, "d");
            assert.equal(config.Timeout, 30);
            assert.equal(config.MemorySize, 256);
            assert.equal(config.CodeSha256, created.CodeSha256);
            assert.equal(config.PackageType, "Zip");
            assert.deepEqual(config.Environment?.Variables, { MODE: "test" });
            assert.equal(got.Code?.RepositoryType, "S3");
            assert.ok(got.Code?.Location);
            assert.deepEqual(got.Tags, { team: "chat" });
        }
    });

    it("refuses a second function with the same name (ResourceConflict)", async () => {
        await createFunction("fn-dup");
        const error = await errorOf(() => createFunction("fn-dup"));
        assert.ok(error instanceof ResourceConflictException);
        assert.equal(error.$metadata?.httpStatusCode, 409);
        assert.equal(error.message, "Function already exist: fn-dup");
    });

    it("requires code, a runtime and handler for zip packages, and the caller's region", async () => {
        const noCode = await errorOf(() => createFunction("fn-nocode", { Code: {} }));
        assert.ok(noCode instanceof InvalidParameterValueException);
        const noHandler = await errorOf(() => createFunction("fn-nohandler", { Handler: undefined }));
        assert.ok(noHandler instanceof InvalidParameterValueException);
        assert.match(noHandler.message, /Runtime and Handler/);
        const elsewhere = await errorOf(() =>
            createFunction(`arn:aws:lambda:eu-west-1:${TEST_ACCOUNT}:function:fn-elsewhere`),
        );
        assert.ok(elsewhere instanceof InvalidParameterValueException);
        const missing = await errorOf(() => fx.lambda.send(new GetFunctionCommand({ FunctionName: "fn-nocode" })));
        assert.ok(missing instanceof ResourceNotFoundException);
    });

    it("validates names, runtimes and statement ids against the model, naming the field", async () => {
        const badName = await errorOf(() => createFunction("bad name!"));
        assert.equal(badName.name, "ValidationException");
        assert.equal(badName.$metadata?.httpStatusCode, 400);
        assert.match(badName.message, /functionName/);
        const badRuntime = await errorOf(() => createFunction("fn-runtime", { Runtime: "cobol85" as never }));
        assert.match(badRuntime.message, /runtime/);
        await createFunction("fn-sid");
        const badSid = await errorOf(() =>
            fx.lambda.send(
                new AddPermissionCommand({
                    FunctionName: "fn-sid",
                    StatementId: "has space",
                    Action: "lambda:InvokeFunction",
                    Principal: CHIME_PRINCIPAL,
                }),
            ),
        );
        assert.equal(badSid.name, "ValidationException");
        assert.match(badSid.message, /statementId/);
        const badAction = await errorOf(() =>
            fx.lambda.send(
                new AddPermissionCommand({
                    FunctionName: "fn-sid",
                    StatementId: "s",
                    Action: "invoke",
                    Principal: CHIME_PRINCIPAL,
                }),
            ),
        );
        assert.match(badAction.message, /action/);
    });

    it("answers ResourceNotFound for a missing function", async () => {
        const calls = [
            () => fx.lambda.send(new GetFunctionCommand({ FunctionName: "ghost" })),
            () => fx.lambda.send(new DeleteFunctionCommand({ FunctionName: "ghost" })),
            () => fx.lambda.send(new GetPolicyCommand({ FunctionName: "ghost" })),
            () =>
                fx.lambda.send(
                    new AddPermissionCommand({
                        FunctionName: "ghost",
                        StatementId: "s",
                        Action: "lambda:InvokeFunction",
                        Principal: CHIME_PRINCIPAL,
                    }),
                ),
            () => fx.lambda.send(new RemovePermissionCommand({ FunctionName: "ghost", StatementId: "s" })),
        ];
        for (const call of calls) {
            const error = await errorOf(call);
            assert.ok(error instanceof ResourceNotFoundException, `${error.name}: ${error.message}`);
            assert.equal(error.$metadata?.httpStatusCode, 404);
            assert.equal(error.message, `Function not found: ${arnOf("ghost")}`);
        }
    });

    it("grants Chime messaging the processor permission and shows it in the policy", async () => {
        const { appInstanceArn } = await createWorld(fx, { users: [] });
        await createFunction("processor");
        const added = await fx.lambda.send(
            new AddPermissionCommand({
                FunctionName: "processor",
                StatementId: "chime-messaging",
                Action: "lambda:InvokeFunction",
                Principal: CHIME_PRINCIPAL,
                SourceAccount: TEST_ACCOUNT,
                SourceArn: appInstanceArn,
            }),
        );
        assert.equal(added.$metadata.httpStatusCode, 201);
        const expected: PolicyStatement = {
            Sid: "chime-messaging",
            Effect: "Allow",
            Principal: { Service: CHIME_PRINCIPAL },
            Action: "lambda:InvokeFunction",
            Resource: arnOf("processor"),
            Condition: {
                StringEquals: { "AWS:SourceAccount": TEST_ACCOUNT },
                ArnLike: { "AWS:SourceArn": appInstanceArn },
            },
        };
        assert.deepEqual(JSON.parse(added.Statement!), expected);

        const { document, RevisionId } = await policyOf("processor");
        assert.equal(document.Version, "2012-10-17");
        assert.equal(document.Id, "default");
        assert.deepEqual(document.Statement, [expected]);
        const config = (await fx.lambda.send(new GetFunctionCommand({ FunctionName: "processor" }))).Configuration!;
        assert.equal(RevisionId, config.RevisionId);
    });

    it("writes account and IAM principals as AWS principals", async () => {
        await createFunction("fn-principals");
        const statement = async (StatementId: string, Principal: string) =>
            JSON.parse(
                (
                    await fx.lambda.send(
                        new AddPermissionCommand({
                            FunctionName: "fn-principals",
                            StatementId,
                            Action: "lambda:*",
                            Principal,
                        }),
                    )
                ).Statement!,
            ) as PolicyStatement;
        assert.deepEqual((await statement("acct", TEST_ACCOUNT)).Principal, {
            AWS: `arn:aws:iam::${TEST_ACCOUNT}:root`,
        });
        const role = `arn:aws:iam::${TEST_ACCOUNT}:role/caller`;
        assert.deepEqual((await statement("role", role)).Principal, { AWS: role });
        assert.equal((await statement("anyone", "*")).Principal, "*");
        assert.equal((await statement("anyone2", "*")).Condition, undefined);
    });

    it("refuses a statement id that exists (ResourceConflict) and keeps the first statement", async () => {
        await createFunction("fn-conflict");
        const add = (Principal: string) =>
            fx.lambda.send(
                new AddPermissionCommand({
                    FunctionName: "fn-conflict",
                    StatementId: "same",
                    Action: "lambda:InvokeFunction",
                    Principal,
                }),
            );
        await add(CHIME_PRINCIPAL);
        const error = await errorOf(() => add("s3.amazonaws.com"));
        assert.ok(error instanceof ResourceConflictException);
        assert.equal(
            error.message,
            "The statement id (same) provided already exists. Please provide a new statement id, or remove the existing statement.",
        );
        const { document } = await policyOf("fn-conflict");
        assert.deepEqual(
            document.Statement.map((s) => s.Principal),
            [{ Service: CHIME_PRINCIPAL }],
        );
    });

    it("removes only the named statement, then has no policy", async () => {
        await createFunction("fn-remove");
        for (const StatementId of ["keep", "drop"]) {
            await fx.lambda.send(
                new AddPermissionCommand({
                    FunctionName: "fn-remove",
                    StatementId,
                    Action: "lambda:InvokeFunction",
                    Principal: CHIME_PRINCIPAL,
                }),
            );
        }
        const removed = await fx.lambda.send(
            new RemovePermissionCommand({ FunctionName: "fn-remove", StatementId: "drop" }),
        );
        assert.equal(removed.$metadata.httpStatusCode, 204);
        assert.deepEqual(
            (await policyOf("fn-remove")).document.Statement.map((s) => s.Sid),
            ["keep"],
        );

        const again = await errorOf(() =>
            fx.lambda.send(new RemovePermissionCommand({ FunctionName: "fn-remove", StatementId: "drop" })),
        );
        assert.ok(again instanceof ResourceNotFoundException);
        assert.match(again.message, /drop/);

        await fx.lambda.send(new RemovePermissionCommand({ FunctionName: "fn-remove", StatementId: "keep" }));
        const none = await errorOf(() => fx.lambda.send(new GetPolicyCommand({ FunctionName: "fn-remove" })));
        assert.ok(none instanceof ResourceNotFoundException);
        assert.equal(none.message, "The resource you requested does not exist.");
    });

    it("checks RevisionId on AddPermission and RemovePermission (PreconditionFailed)", async () => {
        const created = await createFunction("fn-revision");
        const stale = created.RevisionId!;
        await fx.lambda.send(
            new AddPermissionCommand({
                FunctionName: "fn-revision",
                StatementId: "first",
                Action: "lambda:InvokeFunction",
                Principal: CHIME_PRINCIPAL,
                RevisionId: stale,
            }),
        );
        const error = await errorOf(() =>
            fx.lambda.send(
                new AddPermissionCommand({
                    FunctionName: "fn-revision",
                    StatementId: "second",
                    Action: "lambda:InvokeFunction",
                    Principal: CHIME_PRINCIPAL,
                    RevisionId: stale,
                }),
            ),
        );
        assert.ok(error instanceof PreconditionFailedException);
        assert.equal(error.$metadata?.httpStatusCode, 412);
        const removeStale = await errorOf(() =>
            fx.lambda.send(
                new RemovePermissionCommand({ FunctionName: "fn-revision", StatementId: "first", RevisionId: stale }),
            ),
        );
        assert.ok(removeStale instanceof PreconditionFailedException);

        const { RevisionId } = await policyOf("fn-revision");
        assert.notEqual(RevisionId, stale);
        await fx.lambda.send(
            new RemovePermissionCommand({ FunctionName: "fn-revision", StatementId: "first", RevisionId }),
        );
    });

    it("deletes a function with its policy", async () => {
        await createFunction("fn-delete");
        await fx.lambda.send(
            new AddPermissionCommand({
                FunctionName: "fn-delete",
                StatementId: "s",
                Action: "lambda:InvokeFunction",
                Principal: CHIME_PRINCIPAL,
            }),
        );
        const deleted = await fx.lambda.send(new DeleteFunctionCommand({ FunctionName: arnOf("fn-delete") }));
        assert.equal(deleted.$metadata.httpStatusCode, 204);
        const gone = await errorOf(() => fx.lambda.send(new GetFunctionCommand({ FunctionName: "fn-delete" })));
        assert.ok(gone instanceof ResourceNotFoundException);

        await createFunction("fn-delete");
        const noPolicy = await errorOf(() => fx.lambda.send(new GetPolicyCommand({ FunctionName: "fn-delete" })));
        assert.ok(noPolicy instanceof ResourceNotFoundException);
    });

    it("publishes version 1 on request and keeps a version's policy apart", async () => {
        const created = await createFunction("fn-versions", { Publish: true });
        assert.equal(created.Version, "1");
        assert.equal(created.FunctionArn, `${arnOf("fn-versions")}:1`);
        const version = await fx.lambda.send(new GetFunctionCommand({ FunctionName: "fn-versions", Qualifier: "1" }));
        assert.equal(version.Configuration?.Version, "1");
        await fx.lambda.send(
            new AddPermissionCommand({
                FunctionName: "fn-versions",
                Qualifier: "1",
                StatementId: "v1",
                Action: "lambda:InvokeFunction",
                Principal: CHIME_PRINCIPAL,
            }),
        );
        const { document } = await policyOf(`${arnOf("fn-versions")}:1`);
        assert.equal(document.Statement[0].Resource, `${arnOf("fn-versions")}:1`);
        const unqualified = await errorOf(() => fx.lambda.send(new GetPolicyCommand({ FunctionName: "fn-versions" })));
        assert.ok(unqualified instanceof ResourceNotFoundException);
        const noSuchVersion = await errorOf(() =>
            fx.lambda.send(new GetFunctionCommand({ FunctionName: "fn-versions", Qualifier: "7" })),
        );
        assert.ok(noSuchVersion instanceof ResourceNotFoundException);
        assert.equal(noSuchVersion.message, `Function not found: ${arnOf("fn-versions")}:7`);
        const mismatch = await errorOf(() =>
            fx.lambda.send(new GetFunctionCommand({ FunctionName: `${arnOf("fn-versions")}:1`, Qualifier: "2" })),
        );
        assert.ok(mismatch instanceof InvalidParameterValueException);
    });

    it("keeps functions and their policies across a restart with a data folder", async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-persist-"));
        try {
            const first = await startFixture({ dataDir });
            await first.lambda.send(
                new CreateFunctionCommand({
                    FunctionName: "durable",
                    Runtime: "python3.12",
                    Role: ROLE,
                    Handler: "h.h",
                    Code: { ZipFile: code },
                }),
            );
            await first.lambda.send(
                new AddPermissionCommand({
                    FunctionName: "durable",
                    StatementId: "chime",
                    Action: "lambda:InvokeFunction",
                    Principal: CHIME_PRINCIPAL,
                }),
            );
            const { Policy } = await first.lambda.send(new GetPolicyCommand({ FunctionName: "durable" }));
            await first.close();

            const second = await startFixture({ dataDir });
            try {
                const got = await second.lambda.send(new GetFunctionCommand({ FunctionName: "durable" }));
                assert.equal(got.Configuration?.Runtime, "python3.12");
                const again = await second.lambda.send(new GetPolicyCommand({ FunctionName: "durable" }));
                assert.equal(again.Policy, Policy);
            } finally {
                await second.close();
            }
        } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
        }
    });
});
