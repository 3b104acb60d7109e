import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { lambdaArnProblem } from "../../provider/resources/shared/processor-rules";
import { UNKNOWN } from "../../provider/unknowns";
import { ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";

/** ChannelFlow's check of its processor Lambdas: the same rule as ChannelFlowProcessorPermission's. */
describe("ChannelFlow processor ARN check", () => {
    let pf: ProviderFixture;
    let flow: pulumi.dynamic.ResourceProvider;
    let appInstanceArn: string;
    before(async () => {
        pf = await startProviderFixture();
        flow = pf.provider("ChannelFlow");
        appInstanceArn = pf.world.appInstanceArn;
    });
    after(() => pf.close());

    const processor = (name: unknown, resourceArn: unknown) => ({
        name,
        configuration: { lambda: { resourceArn, invocationType: "ASYNC" } },
        executionOrder: 1,
        fallbackAction: "CONTINUE",
    });
    const check = (processors: unknown[], instance: unknown = appInstanceArn) =>
        pf.counting(() => flow.check!({}, { appInstanceArn: instance, name: "flow", processors }));

    it("accepts a Lambda in the app instance's account and region, with or without a version or alias", async () => {
        for (const arn of [
            "arn:aws:lambda:us-east-1:123456789012:function:moderate",
            "arn:aws:lambda:us-east-1:123456789012:function:moderate:live",
        ]) {
            const { result } = await check([processor("p", arn)]);
            assert.deepEqual(result.failures ?? [], [], arn);
        }
    });

    for (const [rule, arn, expected] of [
        [
            "another region",
            "arn:aws:lambda:eu-west-1:123456789012:function:moderate",
            "must be in the app instance's region us-east-1, not eu-west-1",
        ],
        [
            "another account",
            "arn:aws:lambda:us-east-1:210987654321:function:moderate",
            "must be in the app instance's account 123456789012, not 210987654321",
        ],
    ]) {
        it(`rejects a processor Lambda in ${rule}, naming the processor, the ARN, the rule and the app instance, without any API call`, async () => {
            const { result, calls } = await check([processor("moderator", arn)]);
            assert.deepEqual(calls, {});
            assert.equal(result.failures?.length, 1);
            const [failure] = result.failures!;
            assert.equal(failure.property, "processors");
            for (const fragment of ['processor "moderator"', arn, expected, appInstanceArn]) {
                assert.ok(failure.reason.includes(fragment), `"${failure.reason}" does not mention ${fragment}`);
            }
        });
    }

    it("says what a Lambda function ARN looks like when the ARN is not one", () => {
        // The API model's pattern stops most of these first; the rule itself still names them.
        for (const arn of [
            "arn:aws:lambda:us-east-1:123456789012:layer:shared",
            "arn:aws:sns:us-east-1:123456789012:topic",
            "moderate",
        ]) {
            assert.match(
                lambdaArnProblem(arn, appInstanceArn)!,
                /must be a Lambda function ARN \(arn:aws:lambda:<region>:<account>:function:<name>/,
            );
        }
    });

    it("lets values unknown during a preview through", async () => {
        assert.deepEqual((await check([processor("p", UNKNOWN)])).result.failures ?? [], []);
        assert.deepEqual(
            (await check([processor("p", "arn:aws:lambda:eu-west-1:123456789012:function:f")], UNKNOWN)).result
                .failures ?? [],
            [],
        );
    });
});
