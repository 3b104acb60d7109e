import { describe, it, before, after, afterEach } from "mocha";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { DescribeChannelCommand, ListChannelsCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { errorOf } from "../helpers/emulator";
import { ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";

/** Throttling and transient service errors are retried by the provider's AWS clients (AWS_MAX_ATTEMPTS here). */
const MAX_ATTEMPTS = 3;

let pf: ProviderFixture;
let channel: pulumi.dynamic.ResourceProvider;
let inputs: Record<string, unknown>;

describe("Channel provider retries", () => {
    before(async () => {
        pf = await startProviderFixture(undefined, MAX_ATTEMPTS);
        channel = pf.provider("Channel");
        inputs = (
            await channel.check!({}, { appInstanceArn: pf.world.appInstanceArn, name: "Busy", chimeBearer: pf.admin })
        ).inputs!;
    });
    afterEach(() => pf.fx.emulator.faults.clear());
    after(() => pf.close());

    it("a create that meets transient failures is retried and succeeds once", async () => {
        pf.fx.emulator.faults.update({ unavailableRate: 0.5, operations: ["CreateChannel"], seed: 7 });
        const { result, calls } = await pf.counting(() => channel.create(inputs));
        assert.ok(calls.CreateChannel > 1, `expected retries, got ${JSON.stringify(calls)}`);
        const { Channel } = await pf.fx.messaging.send(
            new DescribeChannelCommand({ ChannelArn: result.id, ChimeBearer: pf.admin }),
        );
        assert.equal(Channel!.Name, "Busy");
        const { Channels } = await pf.fx.messaging.send(
            new ListChannelsCommand({ AppInstanceArn: pf.world.appInstanceArn, ChimeBearer: pf.admin }),
        );
        assert.deepEqual(
            Channels!.filter((c) => c.Name === "Busy").map((c) => c.ChannelArn),
            [result.id],
        );
    });

    it("throttling that does not stop fails after the configured attempts, saying what the service said", async () => {
        pf.fx.emulator.faults.update({ throttleRate: 1, operations: ["CreateChannel"] });
        const before = pf.fx.emulator.callCounts.get("CreateChannel") ?? 0;
        const error = await errorOf(() => channel.create(inputs));
        assert.equal((pf.fx.emulator.callCounts.get("CreateChannel") ?? 0) - before, MAX_ATTEMPTS);
        assert.match(error.message, /^Channel "Busy": CreateChannel failed: ThrottledClientException: /);
    });

    it("a channel created whose read-back keeps failing is still reported with its id, so Pulumi keeps track of it", async () => {
        pf.fx.emulator.faults.update({ errorRate: 1, operations: ["DescribeChannel"] });
        const error = (await errorOf(() => channel.create(inputs))) as Error & {
            id?: string;
            properties?: Record<string, unknown>;
        };
        pf.fx.emulator.faults.clear();
        assert.match(
            error.message,
            /^Channel arn:.+ was created, but reading it back failed: Channel arn:.+: DescribeChannel failed: ServiceFailureException/,
        );
        assert.match(error.id!, /\/channel\//);
        assert.equal(error.properties!.arn, error.id);
        assert.equal(error.properties!.name, "Busy");
        // A refresh then fills in what the create could not read.
        const refreshed = await channel.read!(error.id!, error.properties!);
        assert.equal(refreshed.id, error.id);
        assert.ok(refreshed.props!.createdTimestamp);
    });
});
