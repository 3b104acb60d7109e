import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { CreateChannelCommand, CreateChannelMembershipCommand } from "@aws-sdk/client-chime-sdk-messaging";
import { errorOf } from "../helpers/emulator";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";

type Props = Record<string, any>;

/** What the SDK sends for a resource declared with the `import` option (see sdk/nodejs/chime-resource.ts). */
const imported = (name: string, importId: string) => ({ __chime: { project: "p", stack: "s", name, importId } });

describe("the import resource option, through the providers", () => {
    let pf: ProviderFixture;
    let channels: pulumi.dynamic.ResourceProvider;
    let channelArn: string;

    before(async () => {
        pf = await startProviderFixture();
        channels = pf.provider("Channel");
        const created = await pf.fx.messaging.send(
            new CreateChannelCommand({
                AppInstanceArn: pf.world.appInstanceArn,
                Name: "general",
                ChimeBearer: pf.admin,
            }),
        );
        channelArn = created.ChannelArn!;
    });
    after(() => pf.close());

    const declared = () => ({ appInstanceArn: pf.world.appInstanceArn, name: "general", chimeBearer: pf.admin });

    it("takes over a matching channel with no mutating call, and records its outputs", async () => {
        const { inputs } = await channels.check!({}, { ...declared(), ...imported("general", channelArn) });
        const { result, calls } = await pf.counting(() => channels.create(inputs));
        assert.equal(result.id, channelArn);
        assert.equal((result.outs as Props).arn, channelArn);
        assert.equal((result.outs as Props).privacy, "PUBLIC");
        assert.equal((result.outs as Props).__chime, undefined);
        assert.deepEqual(mutatingCalls(calls), {});
    });

    it("a resource already in the state is never imported again: its replacement creates a new one", async () => {
        const olds = { ...declared(), ...imported("general", channelArn) };
        const { inputs } = await channels.check!(olds, {
            ...declared(),
            privacy: "PRIVATE",
            ...imported("general", channelArn),
        });
        assert.equal((inputs.__chime as Props).importId, undefined);
        const { result, calls } = await pf.counting(() => channels.create(inputs));
        assert.notEqual(result.id, channelArn);
        assert.deepEqual(mutatingCalls(calls), { CreateChannel: 1 });
    });

    it("an id that names nothing fails, saying so, with no mutating call", async () => {
        const missing = `${pf.world.appInstanceArn}/channel/nope`;
        const { inputs } = await channels.check!({}, { ...declared(), ...imported("general", missing) });
        const { result: failure, calls } = await pf.counting(() => errorOf(() => channels.create(inputs)));
        assert.match(
            failure.message,
            /Channel: there is no Channel with the id \S+\/channel\/nope to import; nothing was changed/,
        );
        assert.deepEqual(mutatingCalls(calls), {});
    });

    it("a membership is read from its id alone: an id of another form is refused, naming the form", async () => {
        const memberships = pf.provider("ChannelMembership");
        const alice = pf.world.users.alice;
        await pf.fx.messaging.send(
            new CreateChannelMembershipCommand({
                ChannelArn: channelArn,
                MemberArn: alice,
                Type: "DEFAULT",
                ChimeBearer: pf.admin,
            }),
        );
        const membership = { channelArn, memberArn: alice, chimeBearer: pf.admin };
        const { inputs } = await memberships.check!({}, { ...membership, ...imported("alice", channelArn) });
        const refused = await errorOf(() => memberships.create(inputs));
        assert.match(refused.message, /ChannelMembership: an id must be `<channel ARN>\|<member ARN>`/);

        // The id names another member than the program: the difference is named, nothing changes.
        const bob = pf.world.users.bob;
        const other = await memberships.check!(
            {},
            { ...membership, memberArn: bob, ...imported("alice", `${channelArn}|${alice}`) },
        );
        const { result: mismatch, calls } = await pf.counting(() => errorOf(() => memberships.create(other.inputs)));
        assert.match(mismatch.message, /memberArn: declared "\S+\/user\/bob", live "\S+\/user\/alice"/);
        assert.deepEqual(mutatingCalls(calls), {});

        const adopted = await memberships.check!({}, { ...membership, ...imported("alice", `${channelArn}|${alice}`) });
        const { result, calls: adoptCalls } = await pf.counting(() => memberships.create(adopted.inputs));
        assert.equal(result.id, `${channelArn}|${alice}`);
        assert.equal((result.outs as Props).type, "DEFAULT");
        assert.deepEqual(mutatingCalls(adoptCalls), {});
    });
});
