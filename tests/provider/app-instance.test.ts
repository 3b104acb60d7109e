import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateAppInstanceBotCommand,
    CreateAppInstanceUserCommand,
    DeleteAppInstanceCommand,
    DescribeAppInstanceCommand,
    TagResourceCommand,
    UpdateAppInstanceCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { CreateChannelFlowCommand } from "@aws-sdk/client-chime-sdk-messaging";
import * as pulumi from "@pulumi/pulumi";
import { describeRemaining } from "../../provider/resources/shared/app-instance-contents";
import { UNKNOWN } from "../../provider/unknowns";
import { errorOf } from "../helpers/emulator";
import { liveTagsOf, mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import {
    assertFailure,
    checked,
    checkFailures,
    created,
    diffWith,
    refreshed,
    updatedInPlace,
} from "./app-instance-steps";

describe("AppInstance provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    before(async () => {
        pf = await startProviderFixture();
        provider = pf.provider("AppInstance");
    });
    after(() => pf.close());

    const describeLive = async (arn: string) =>
        (await pf.fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: arn }))).AppInstance!;
    const liveTags = (arn: string) => liveTagsOf(pf, "identity", arn);

    it("creates the app instance with its name, metadata and tags, and outputs its ARN and timestamps", async () => {
        const instance = await created(provider, { name: "chat", metadata: "m1", tags: { team: "a" } });
        assert.match(instance.id, /^arn:aws:chime:us-east-1:123456789012:app-instance\/[0-9a-f-]{36}$/);
        assert.equal(instance.outs.arn, instance.id);
        assert.match(instance.outs.createdTimestamp, /^\d{4}-\d\d-\d\dT.*Z$/);
        assert.match(instance.outs.lastUpdatedTimestamp, /^\d{4}-\d\d-\d\dT.*Z$/);
        assert.equal(instance.outs.forceDestroy, false, "check fills forceDestroy's default");
        const live = await describeLive(instance.id);
        assert.equal(live.Name, "chat");
        assert.equal(live.Metadata, "m1");
        assert.deepEqual(await liveTags(instance.id), { team: "a" });
        const diff = await provider.diff!(instance.id, instance.outs, instance.inputs);
        assert.equal(diff.changes, false, "nothing changed: no diff");
        const refresh = await refreshed(provider, instance);
        assert.equal(refresh.id, instance.id);
        for (const key of [
            "name",
            "metadata",
            "tags",
            "arn",
            "createdTimestamp",
            "lastUpdatedTimestamp",
            "forceDestroy",
        ]) {
            assert.deepEqual(refresh.props[key], instance.outs[key], `refresh keeps ${key}`);
        }
    });

    it("renames in place and sends the current metadata along (UpdateAppInstance needs both)", async () => {
        const instance = await created(provider, { name: "before", metadata: "kept" });
        const { result: renamed, calls } = await pf.counting(() =>
            updatedInPlace(provider, instance, { name: "after" }),
        );
        assert.deepEqual(mutatingCalls(calls), { UpdateAppInstance: 1 });
        const live = await describeLive(instance.id);
        assert.equal(live.Name, "after");
        assert.equal(live.Metadata, "kept");
        assert.equal(renamed.outs.arn, instance.id);
        assert.ok(renamed.outs.lastUpdatedTimestamp >= instance.outs.lastUpdatedTimestamp);
    });

    it("changes and removes metadata in place, sending the current name along", async () => {
        const instance = await created(provider, { name: "named", metadata: "one" });
        const changed = await updatedInPlace(provider, instance, { metadata: "two" });
        assert.deepEqual(
            [(await describeLive(instance.id)).Name, (await describeLive(instance.id)).Metadata],
            ["named", "two"],
        );
        const removed = await updatedInPlace(provider, changed, { metadata: undefined });
        assert.equal((await describeLive(instance.id)).Metadata ?? "", "");
        const refresh = await refreshed(provider, removed);
        assert.equal(refresh.props.metadata, undefined, "no metadata reads back as none, not as drift");
        assert.equal((await provider.diff!(instance.id, refresh.props, removed.inputs)).changes, false);
    });

    it("adds, changes and removes tags in place with only the difference", async () => {
        const instance = await created(provider, { name: "tagged", tags: { keep: "1", change: "old", drop: "x" } });
        const { calls } = await pf.counting(() =>
            updatedInPlace(provider, instance, { tags: { keep: "1", change: "new", add: "y" } }),
        );
        assert.deepEqual(mutatingCalls(calls), { TagResource: 1, UntagResource: 1 });
        assert.deepEqual(await liveTags(instance.id), { keep: "1", change: "new", add: "y" });
    });

    it("records forceDestroy in the state only, with no API call", async () => {
        const instance = await created(provider, { name: "flag" });
        const { result, calls } = await pf.counting(() => updatedInPlace(provider, instance, { forceDestroy: true }));
        assert.deepEqual(mutatingCalls(calls), {});
        assert.equal(result.outs.forceDestroy, true);
        assert.equal(result.outs.arn, instance.id, "outputs are kept");
    });

    it("finds drift made outside the stack on refresh, and the diff puts it back", async () => {
        const instance = await created(provider, { name: "mine", metadata: "meta", tags: { a: "1" } });
        await pf.fx.identity.send(
            new UpdateAppInstanceCommand({ AppInstanceArn: instance.id, Name: "theirs", Metadata: "other" }),
        );
        await pf.fx.identity.send(
            new TagResourceCommand({ ResourceARN: instance.id, Tags: [{ Key: "b", Value: "2" }] }),
        );
        const refresh = await refreshed(provider, instance);
        assert.equal(refresh.props.name, "theirs");
        assert.equal(refresh.props.metadata, "other");
        assert.deepEqual(refresh.props.tags, { a: "1", b: "2" });
        const diff = await provider.diff!(instance.id, refresh.props, instance.inputs);
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, []);
        await provider.update!(instance.id, refresh.props, instance.inputs);
        const live = await describeLive(instance.id);
        assert.deepEqual([live.Name, live.Metadata], ["mine", "meta"]);
        assert.deepEqual(await liveTags(instance.id), { a: "1" });
    });

    it("reports an app instance deleted outside the stack as gone", async () => {
        const instance = await created(provider, { name: "vanishing" });
        await pf.fx.identity.send(new DeleteAppInstanceCommand({ AppInstanceArn: instance.id }));
        assert.ok(!(await refreshed(provider, instance)).id);
        await provider.delete!(instance.id, instance.outs); // already gone: nothing to do
    });

    it("deletes an app instance that holds nothing", async () => {
        const instance = await created(provider, { name: "empty" });
        await provider.delete!(instance.id, instance.outs);
        const error = await errorOf(() => describeLive(instance.id));
        assert.equal(error.name, "NotFoundException");
    });

    /** Resources made in the app instance outside the stack, through the API. */
    const strayUser = async (appInstanceArn: string, id: string) =>
        (
            await pf.fx.identity.send(
                new CreateAppInstanceUserCommand({ AppInstanceArn: appInstanceArn, AppInstanceUserId: id, Name: id }),
            )
        ).AppInstanceUserArn!;
    const strayBot = async (appInstanceArn: string) =>
        (
            await pf.fx.identity.send(
                new CreateAppInstanceBotCommand({
                    AppInstanceArn: appInstanceArn,
                    Name: "bot",
                    Configuration: {
                        Lex: {
                            LexBotAliasArn: "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST",
                            LocaleId: "en_US",
                            RespondsTo: "STANDARD_MESSAGES",
                        },
                    },
                }),
            )
        ).AppInstanceBotArn!;
    const strayFlow = async (appInstanceArn: string) =>
        (
            await pf.fx.messaging.send(
                new CreateChannelFlowCommand({
                    AppInstanceArn: appInstanceArn,
                    Name: "flow",
                    Processors: [
                        {
                            Name: "p",
                            Configuration: {
                                Lambda: {
                                    ResourceArn: "arn:aws:lambda:us-east-1:123456789012:function:proc",
                                    InvocationType: "ASYNC",
                                },
                            },
                            ExecutionOrder: 1,
                            FallbackAction: "CONTINUE",
                        },
                    ],
                }),
            )
        ).ChannelFlowArn!;

    it("refuses to delete an app instance that still holds users, bots or channel flows, naming them", async () => {
        const instance = await created(provider, { name: "occupied" });
        const AppInstanceUserArn = await strayUser(instance.id, "stray");
        const AppInstanceBotArn = await strayBot(instance.id);
        const ChannelFlowArn = await strayFlow(instance.id);
        const { result: error, calls } = await pf.counting(() =>
            errorOf(() => provider.delete!(instance.id, instance.outs)),
        );
        assert.deepEqual(mutatingCalls(calls), {}, "nothing is deleted");
        for (const fragment of [
            instance.id,
            "1 users",
            AppInstanceUserArn!,
            "1 bots",
            AppInstanceBotArn!,
            "1 channel flows",
            ChannelFlowArn!,
            "forceDestroy: true",
        ]) {
            assert.ok(error.message.includes(fragment), `"${error.message}" does not mention ${fragment}`);
        }
        assert.equal((await describeLive(instance.id)).Name, "occupied");

        const forced = await updatedInPlace(provider, instance, { forceDestroy: true });
        await provider.delete!(forced.id, forced.outs);
        assert.equal((await errorOf(() => describeLive(instance.id))).name, "NotFoundException");
    });

    it("refuses to delete an app instance holding one kind alone, counting users over every page", async () => {
        const users = await created(provider, { name: "many users" });
        for (let i = 0; i < 51; i++) await strayUser(users.id, `u${i}`);
        const bots = await created(provider, { name: "a bot" });
        await strayBot(bots.id);
        const flows = await created(provider, { name: "a flow" });
        await strayFlow(flows.id);
        const refusals = [];
        for (const instance of [users, bots, flows]) {
            refusals.push((await errorOf(() => provider.delete!(instance.id, instance.outs))).message);
            assert.equal((await describeLive(instance.id)).AppInstanceArn, instance.id, "not deleted");
        }
        assert.match(refusals[0], /manage: 51 users \(.*\/user\/u9 and 41 more\)\. Deleting/);
        assert.match(refusals[1], /manage: 1 bots \([^)]*\/bot\/[^)]*\)\. Deleting/);
        assert.match(refusals[2], /manage: 1 channel flows \([^)]*\/channel-flow\/[^)]*\)\. Deleting/);
    });

    it("says what an app instance still holds in one sentence per kind, and what to do", () => {
        const instance = "arn:aws:chime:us-east-1:123456789012:app-instance/a";
        const users = Array.from({ length: 10 }, (_, i) => `${instance}/user/u${i}`);
        assert.equal(
            describeRemaining(instance, { users, bots: [], channelFlows: [`${instance}/channel-flow/f`] }),
            `AppInstance ${instance}: not deleted, because it still holds resources this stack does not manage: ` +
                `10 users (${users.join(", ")}); 1 channel flows (${instance}/channel-flow/f). Deleting the app ` +
                `instance would delete them and all their channels and messages. Delete them first, or set ` +
                `forceDestroy: true on the AppInstance to delete it with everything in it.`,
        );
    });

    it("names at most ten remaining resources of a kind, and counts the rest", () => {
        const users = Array.from(
            { length: 12 },
            (_, i) => `arn:aws:chime:us-east-1:123456789012:app-instance/a/user/u${i}`,
        );
        const message = describeRemaining("arn:aws:chime:us-east-1:123456789012:app-instance/a", {
            users,
            bots: [],
            channelFlows: [],
        });
        assert.ok(
            message.includes("12 users (") && message.includes("/user/u9") && message.includes("and 2 more"),
            message,
        );
        assert.ok(
            !message.includes("/user/u10") && !message.includes("bots") && !message.includes("channel flows"),
            message,
        );
    });

    it("rejects bad inputs naming the property, the rule and the value, before any API call", async () => {
        assertFailure(await checkFailures(pf, provider, {}), "name", "name is required");
        // The model marks app instance names sensitive: the reason does not echo them.
        assertFailure(
            await checkFailures(pf, provider, { name: "" }),
            "name",
            "name must have length between 1 and 256",
        );
        assertFailure(await checkFailures(pf, provider, { name: "x".repeat(257) }), "name", "256");
        assertFailure(await checkFailures(pf, provider, { name: "n", metadata: "m".repeat(1025) }), "metadata", "1024");
        assertFailure(
            await checkFailures(pf, provider, { name: "n", forceDestroy: "yes" }),
            "forceDestroy",
            "true or false",
            '"yes"',
        );
        assertFailure(await checkFailures(pf, provider, { name: "n", tags: { "": "v" } }), "tags", "tag key");
        assertFailure(
            await checkFailures(pf, provider, { name: "n", nmae: "typo" }),
            "nmae",
            "not a property of AppInstance",
        );
    });

    it("lets values unknown during a preview through check, and diff reports them as changes", async () => {
        const inputs = await checked(provider, { name: UNKNOWN, metadata: UNKNOWN });
        assert.equal(inputs.name, UNKNOWN);
        const instance = await created(provider, { name: "known" });
        const diff = await diffWith(provider, instance, { name: UNKNOWN });
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, []);
    });
});
