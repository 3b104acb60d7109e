import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import { AddPermissionCommand, CreateFunctionCommand, GetPolicyCommand } from "@aws-sdk/client-lambda";
import { ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { ProviderHost, startHostAgainst, UNKNOWN } from "../helpers/provider-host";

/** Layer 3: ChannelFlowProcessorPermission through Pulumi's own dynamic-provider host over gRPC. */
describe("ChannelFlowProcessorPermission through the dynamic-provider host", () => {
    let pf: ProviderFixture;
    let host: ProviderHost;
    before(async () => {
        pf = await startProviderFixture();
        ({ host } = await startHostAgainst(pf.fx.url));
    });
    after(async () => {
        await host.stop();
        await pf.close();
    });

    it("previews with an unknown Sid, adds the statement, keeps others', and removes only its own", async () => {
        const { FunctionArn } = await pf.fx.lambda.send(
            new CreateFunctionCommand({
                FunctionName: "moderate",
                Role: "arn:aws:iam::123456789012:role/processor",
                Runtime: "nodejs20.x",
                Handler: "index.handler",
                Code: { ZipFile: new Uint8Array([80, 75, 5, 6]) },
            }),
        );
        await pf.fx.lambda.send(
            new AddPermissionCommand({
                FunctionName: "moderate",
                StatementId: "other-team",
                Action: "lambda:InvokeFunction",
                Principal: "sns.amazonaws.com",
            }),
        );
        const sids = async () =>
            (
                JSON.parse((await pf.fx.lambda.send(new GetPolicyCommand({ FunctionName: "moderate" }))).Policy!)
                    .Statement as { Sid: string }[]
            )
                .map((s) => s.Sid)
                .sort();
        const permission = host.resource("ChannelFlowProcessorPermission", "moderate-invoke");
        const appInstanceArn = pf.world.appInstanceArn;

        const preview = await permission.check({}, { functionName: FunctionArn, appInstanceArn: UNKNOWN });
        assert.deepEqual(preview.failures, []);
        assert.equal(preview.inputs.statementId, UNKNOWN);
        const wrong = await permission.check(
            {},
            { functionName: "arn:aws:lambda:eu-west-1:123456789012:function:moderate", appInstanceArn },
        );
        assert.match(wrong.failures[0]?.reason ?? "", /region us-east-1, not eu-west-1/);

        const { inputs } = await permission.check({}, { functionName: FunctionArn, appInstanceArn });
        assert.match(inputs.statementId as string, /^chime-messaging-[0-9a-f]{16}$/);
        assert.equal(
            (await permission.check({}, { functionName: FunctionArn, appInstanceArn })).inputs.statementId,
            inputs.statementId,
        );
        const { id, properties } = await permission.create(inputs);
        assert.deepEqual(await sids(), [inputs.statementId, "other-team"].sort());
        assert.equal((await permission.diff(id, properties, inputs)).changes, "NONE");
        assert.deepEqual(
            await permission.diff(id, properties, { ...inputs, appInstanceArn: UNKNOWN, statementId: UNKNOWN }),
            {
                changes: "SOME",
                replaces: ["appInstanceArn", "statementId"],
                deleteBeforeReplace: true,
            },
        );
        assert.equal((await permission.read(id, properties)).properties.appInstanceArn, appInstanceArn);

        await permission.delete(id, properties);
        assert.deepEqual(await sids(), ["other-team"]);
        assert.equal((await permission.read(id, properties)).id, "");
    });
});
