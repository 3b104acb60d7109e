import { createHash } from "crypto";
import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import { CreateAppInstanceCommand } from "@aws-sdk/client-chime-sdk-identity";
import {
    AddPermissionCommand,
    CreateFunctionCommand,
    DeleteFunctionCommand,
    GetPolicyCommand,
    RemovePermissionCommand,
} from "@aws-sdk/client-lambda";
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "../../provider/unknowns";
import { errorOf } from "../helpers/emulator";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { assertFailure, checked, checkFailures, created, diffWith, refreshed } from "./app-instance-steps";

describe("ChannelFlowProcessorPermission provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    let appInstanceArn: string;
    before(async () => {
        pf = await startProviderFixture();
        provider = pf.provider("ChannelFlowProcessorPermission");
        appInstanceArn = pf.world.appInstanceArn;
    });
    after(() => pf.close());

    const newFunction = async (name: string) =>
        (
            await pf.fx.lambda.send(
                new CreateFunctionCommand({
                    FunctionName: name,
                    Role: "arn:aws:iam::123456789012:role/processor",
                    Runtime: "nodejs20.x",
                    Handler: "index.handler",
                    Code: { ZipFile: new Uint8Array([80, 75, 5, 6]) },
                }),
            )
        ).FunctionArn!;
    const statements = async (functionName: string) => {
        const { Policy } = await pf.fx.lambda.send(new GetPolicyCommand({ FunctionName: functionName }));
        return JSON.parse(Policy!).Statement as { Sid: string; Principal: unknown; Action: string; Condition: any }[];
    };
    const newInstance = async (name: string) =>
        (await pf.fx.identity.send(new CreateAppInstanceCommand({ Name: name }))).AppInstanceArn!;

    it("adds a statement for Chime SDK messaging, scoped to the app instance, with a Sid stable across runs", async () => {
        const functionArn = await newFunction("processor");
        const first = await checked(provider, { functionName: functionArn, appInstanceArn });
        const second = await checked(provider, { functionName: functionArn, appInstanceArn });
        assert.equal(first.statementId, second.statementId, "the default Sid is the same on every run");
        // The documented rule: chime-messaging- and the first 16 hex digits of the SHA-256 of the app instance ARN.
        const documented = (arn: string) =>
            `chime-messaging-${createHash("sha256").update(arn).digest("hex").slice(0, 16)}`;
        assert.equal(first.statementId, documented(appInstanceArn));
        const another = await checked(provider, {
            functionName: functionArn,
            appInstanceArn: await newInstance("another"),
        });
        assert.notEqual(another.statementId, first.statementId, "another app instance gets another Sid");

        const permission = await created(provider, { functionName: functionArn, appInstanceArn });
        const [statement] = await statements(functionArn);
        assert.equal(statement.Sid, first.statementId);
        assert.deepEqual(statement.Principal, { Service: "messaging.chime.amazonaws.com" });
        assert.equal(statement.Action, "lambda:InvokeFunction");
        assert.deepEqual(statement.Condition, {
            StringEquals: { "AWS:SourceAccount": "123456789012" },
            ArnLike: { "AWS:SourceArn": appInstanceArn },
        });
        assert.deepEqual(JSON.parse(permission.outs.statement), statement);
        assert.equal((await provider.diff!(permission.id, permission.outs, permission.inputs)).changes, false);
        const refresh = await refreshed(provider, permission);
        assert.equal(refresh.id, permission.id);
        assert.deepEqual(
            [refresh.props.functionName, refresh.props.appInstanceArn, refresh.props.statementId],
            [functionArn, appInstanceArn, first.statementId],
        );
    });

    it("works with a function name as well as an ARN, and with an explicit statementId", async () => {
        await newFunction("by-name");
        const permission = await created(provider, {
            functionName: "by-name",
            appInstanceArn,
            statementId: "chime-invoke",
        });
        assert.deepEqual(
            (await statements("by-name")).map((s) => s.Sid),
            ["chime-invoke"],
        );
        await provider.delete!(permission.id, permission.outs);
    });

    it("removes only its own statement on delete: statements others added survive", async () => {
        const functionArn = await newFunction("shared");
        await pf.fx.lambda.send(
            new AddPermissionCommand({
                FunctionName: "shared",
                StatementId: "s3-invoke",
                Action: "lambda:InvokeFunction",
                Principal: "s3.amazonaws.com",
            }),
        );
        const permission = await created(provider, { functionName: functionArn, appInstanceArn });
        assert.deepEqual(
            (await statements("shared")).map((s) => s.Sid).sort(),
            [permission.inputs.statementId, "s3-invoke"].sort(),
        );
        const { calls } = await pf.counting(() => provider.delete!(permission.id, permission.outs));
        assert.deepEqual(mutatingCalls(calls), { RemovePermission: 1 });
        assert.deepEqual(
            (await statements("shared")).map((s) => s.Sid),
            ["s3-invoke"],
        );
    });

    it("replaces delete-before-replace when the function, the app instance or the Sid changes", async () => {
        const functionArn = await newFunction("replaced");
        const permission = await created(provider, { functionName: functionArn, appInstanceArn, statementId: "fixed" });
        const other = await newInstance("other");
        const byInstance = await diffWith(provider, permission, { appInstanceArn: other });
        assert.deepEqual([byInstance.replaces, byInstance.deleteBeforeReplace], [["appInstanceArn"], true]);
        assert.deepEqual((await diffWith(provider, permission, { statementId: "renamed" })).replaces, ["statementId"]);
        assert.deepEqual((await diffWith(provider, permission, { functionName: "other-function" })).replaces, [
            "functionName",
        ]);

        // Same explicit Sid, new app instance: the engine removes the old statement, then adds the new one.
        await provider.delete!(permission.id, permission.outs);
        const replacement = await created(provider, { ...permission.inputs, appInstanceArn: other });
        const [statement] = await statements(functionArn);
        assert.equal(statement.Condition.ArnLike["AWS:SourceArn"], other);
        await provider.delete!(replacement.id, replacement.outs);

        // With the default Sid, a new app instance also means a new Sid.
        const byDefault = await created(provider, { functionName: functionArn, appInstanceArn });
        const moved = await diffWith(provider, byDefault, { appInstanceArn: other, statementId: undefined });
        assert.deepEqual([...(moved.replaces ?? [])].sort(), ["appInstanceArn", "statementId"]);
    });

    it("finds a statement changed, removed or whose function was deleted outside the stack", async () => {
        const functionArn = await newFunction("drifting");
        const permission = await created(provider, { functionName: functionArn, appInstanceArn, statementId: "chime" });
        const sid = "chime";
        await pf.fx.lambda.send(new RemovePermissionCommand({ FunctionName: functionArn, StatementId: sid }));
        const other = await newInstance("elsewhere");
        await pf.fx.lambda.send(
            new AddPermissionCommand({
                FunctionName: functionArn,
                StatementId: sid,
                Action: "lambda:InvokeFunction",
                Principal: "messaging.chime.amazonaws.com",
                SourceArn: other,
            }),
        );
        const refresh = await refreshed(provider, permission);
        assert.equal(refresh.props.appInstanceArn, other);
        const diff = await provider.diff!(permission.id, refresh.props, permission.inputs);
        assert.deepEqual([diff.replaces, diff.deleteBeforeReplace], [["appInstanceArn"], true]);

        await pf.fx.lambda.send(new RemovePermissionCommand({ FunctionName: functionArn, StatementId: sid }));
        await pf.fx.lambda.send(
            new AddPermissionCommand({
                FunctionName: functionArn,
                StatementId: "unrelated",
                Action: "lambda:InvokeFunction",
                Principal: "sns.amazonaws.com",
            }),
        );
        assert.ok(!(await refreshed(provider, permission)).id, "the statement is gone though the policy is not");
        await provider.delete!(permission.id, permission.outs);

        await pf.fx.lambda.send(new DeleteFunctionCommand({ FunctionName: functionArn }));
        assert.ok(!(await refreshed(provider, permission)).id, "the function is gone");
        await provider.delete!(permission.id, permission.outs);
    });

    it("fails clearly when the function does not exist or the Sid is taken", async () => {
        const missing = await errorOf(() => created(provider, { functionName: "no-such-function", appInstanceArn }));
        assert.match(
            missing.message,
            /ChannelFlowProcessorPermission no-such-function: AddPermission failed: ResourceNotFoundException/,
        );
        const functionArn = await newFunction("taken");
        const first = await created(provider, { functionName: functionArn, appInstanceArn });
        const again = await created(provider, { functionName: functionArn, appInstanceArn });
        assert.equal(again.id, first.id, "the same statement is adopted");
        const other = appInstanceArn.replace(/app-instance\/[^/]+$/, "app-instance/other");
        const taken = await errorOf(() =>
            created(provider, {
                functionName: functionArn,
                appInstanceArn: other,
                statementId: first.outs.statement && JSON.parse(first.outs.statement as string).Sid,
            }),
        );
        assert.match(
            taken.message,
            /ChannelFlowProcessorPermission: the statement chime-messaging-\w+ of .* already exists, but it differs from the program, so it was not taken over: appInstanceArn: declared ".*app-instance\/other", live ".*"/,
        );
    });

    it("rejects a function the app instance cannot invoke, naming the rule and the value, before any API call", async () => {
        const failures = await checkFailures(pf, provider, {});
        assertFailure(failures, "functionName", "functionName is required");
        assertFailure(failures, "appInstanceArn", "appInstanceArn is required");
        const otherRegion = "arn:aws:lambda:eu-west-1:123456789012:function:proc";
        assertFailure(
            await checkFailures(pf, provider, { functionName: otherRegion, appInstanceArn }),
            "functionName",
            "region us-east-1",
            otherRegion,
            appInstanceArn,
        );
        const otherAccount = "arn:aws:lambda:us-east-1:210987654321:function:proc";
        assertFailure(
            await checkFailures(pf, provider, { functionName: otherAccount, appInstanceArn }),
            "functionName",
            "account 123456789012",
            otherAccount,
        );
        assertFailure(
            await checkFailures(pf, provider, { functionName: "bad name!", appInstanceArn }),
            "functionName",
            "pattern",
        );
        assertFailure(
            await checkFailures(pf, provider, { functionName: "f", appInstanceArn, statementId: "has space" }),
            "statementId",
            "pattern",
        );
    });

    it("lets values unknown during a preview through check; the default Sid is then unknown too", async () => {
        const inputs = await checked(provider, { functionName: UNKNOWN, appInstanceArn: UNKNOWN });
        assert.equal(inputs.statementId, UNKNOWN);
    });
});
