import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    BadRequestException as IdentityBadRequest,
    CreateAppInstanceBotCommand,
    CreateAppInstanceCommand,
    ListAppInstancesCommand,
    ListTagsForResourceCommand as IdentityListTags,
    NotFoundException as IdentityNotFound,
    ResourceLimitExceededException as IdentityLimit,
    TagResourceCommand as IdentityTag,
    UntagResourceCommand as IdentityUntag,
} from "@aws-sdk/client-chime-sdk-identity";
import {
    CreateChannelCommand,
    CreateChannelFlowCommand,
    ListTagsForResourceCommand as MessagingListTags,
    NotFoundException as MessagingNotFound,
    TagResourceCommand as MessagingTag,
    UntagResourceCommand as MessagingUntag,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, errorOf, startFixture, TEST_ACCOUNT, TEST_REGION } from "../helpers/emulator";
import { createWorld } from "../helpers/world";

const MISSING_INSTANCE = `arn:aws:chime:${TEST_REGION}:${TEST_ACCOUNT}:app-instance/00000000-0000-0000-0000-000000000000`;

const sortedTags = (tags: { Key?: string; Value?: string }[] | undefined) =>
    [...(tags ?? [])].sort((a, b) => a.Key!.localeCompare(b.Key!));

describe("tags (shared by both Chime services)", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    it("stores the Tags given to CreateAppInstance", async () => {
        const { AppInstanceArn } = await fx.identity.send(
            new CreateAppInstanceCommand({ Name: "tagged", Tags: [{ Key: "env", Value: "dev" }] }),
        );
        const { Tags } = await fx.identity.send(new IdentityListTags({ ResourceARN: AppInstanceArn }));
        assert.deepEqual(Tags, [{ Key: "env", Value: "dev" }]);
    });

    it("tags, retags and untags an app instance through the identity client, seen by the messaging client", async () => {
        const { appInstanceArn } = await createWorld(fx, { users: [] });
        await fx.identity.send(
            new IdentityTag({
                ResourceARN: appInstanceArn,
                Tags: [
                    { Key: "a", Value: "1" },
                    { Key: "b", Value: "2" },
                ],
            }),
        );
        await fx.identity.send(
            new IdentityTag({ ResourceARN: appInstanceArn, Tags: [{ Key: "a", Value: "changed" }] }),
        );
        const viaMessaging = await fx.messaging.send(new MessagingListTags({ ResourceARN: appInstanceArn }));
        assert.deepEqual(sortedTags(viaMessaging.Tags), [
            { Key: "a", Value: "changed" },
            { Key: "b", Value: "2" },
        ]);

        await fx.identity.send(new IdentityUntag({ ResourceARN: appInstanceArn, TagKeys: ["b", "never-set"] }));
        const viaIdentity = await fx.identity.send(new IdentityListTags({ ResourceARN: appInstanceArn }));
        assert.deepEqual(viaIdentity.Tags, [{ Key: "a", Value: "changed" }]);
    });

    it("tags a user through the messaging client, seen by the identity client", async () => {
        const world = await createWorld(fx, { users: ["tina"] });
        const arn = world.users.tina;
        await fx.messaging.send(new MessagingTag({ ResourceARN: arn, Tags: [{ Key: "team", Value: "blue" }] }));
        assert.deepEqual((await fx.identity.send(new IdentityListTags({ ResourceARN: arn }))).Tags, [
            { Key: "team", Value: "blue" },
        ]);
        await fx.messaging.send(new MessagingUntag({ ResourceARN: arn, TagKeys: ["team"] }));
        assert.deepEqual((await fx.identity.send(new IdentityListTags({ ResourceARN: arn }))).Tags, []);
    });

    it("tags a channel through either client", async () => {
        const world = await createWorld(fx, { users: ["owner"] });
        const { ChannelArn } = await fx.messaging.send(
            new CreateChannelCommand({
                AppInstanceArn: world.appInstanceArn,
                Name: "tagged-channel",
                ChimeBearer: world.users.owner,
                Tags: [{ Key: "created", Value: "yes" }],
            }),
        );
        await fx.identity.send(new IdentityTag({ ResourceARN: ChannelArn, Tags: [{ Key: "later", Value: "too" }] }));
        const { Tags } = await fx.messaging.send(new MessagingListTags({ ResourceARN: ChannelArn }));
        assert.deepEqual(sortedTags(Tags), [
            { Key: "created", Value: "yes" },
            { Key: "later", Value: "too" },
        ]);
    });

    it("tags a channel flow and a bot", async () => {
        const world = await createWorld(fx, { users: [] });
        const { ChannelFlowArn } = await fx.messaging.send(
            new CreateChannelFlowCommand({
                AppInstanceArn: world.appInstanceArn,
                Name: "flow",
                Processors: [
                    {
                        Name: "p",
                        Configuration: {
                            Lambda: {
                                ResourceArn: `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT}:function:processor`,
                                InvocationType: "ASYNC",
                            },
                        },
                        ExecutionOrder: 1,
                        FallbackAction: "CONTINUE",
                    },
                ],
            }),
        );
        const { AppInstanceBotArn } = await fx.identity.send(
            new CreateAppInstanceBotCommand({
                AppInstanceArn: world.appInstanceArn,
                Configuration: {
                    Lex: {
                        LexBotAliasArn: `arn:aws:lex:${TEST_REGION}:${TEST_ACCOUNT}:bot-alias/ABCDEFGHIJ/KLMNOPQRST`,
                        LocaleId: "en_US",
                    },
                },
            }),
        );
        for (const ResourceARN of [ChannelFlowArn!, AppInstanceBotArn!]) {
            await fx.messaging.send(new MessagingTag({ ResourceARN, Tags: [{ Key: "owner", Value: "me" }] }));
            const { Tags } = await fx.identity.send(new IdentityListTags({ ResourceARN }));
            assert.deepEqual(Tags, [{ Key: "owner", Value: "me" }]);
        }
    });

    it("answers NotFound for a resource that does not exist, through either client", async () => {
        const world = await createWorld(fx, { users: [] });
        const missing = [
            MISSING_INSTANCE,
            `${world.appInstanceArn}/user/ghost`,
            `${world.appInstanceArn}/channel/none`,
        ];
        for (const ResourceARN of missing) {
            const tag = await errorOf(() =>
                fx.identity.send(new IdentityTag({ ResourceARN, Tags: [{ Key: "k", Value: "v" }] })),
            );
            assert.ok(tag instanceof IdentityNotFound, `${tag.name}: ${tag.message}`);
            assert.match(tag.message, new RegExp(ResourceARN.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
            const list = await errorOf(() => fx.messaging.send(new MessagingListTags({ ResourceARN })));
            assert.ok(list instanceof MessagingNotFound, `${list.name}: ${list.message}`);
            const untag = await errorOf(() => fx.messaging.send(new MessagingUntag({ ResourceARN, TagKeys: ["k"] })));
            assert.ok(untag instanceof MessagingNotFound, `${untag.name}: ${untag.message}`);
        }
        const notChime = await errorOf(() =>
            fx.identity.send(new IdentityListTags({ ResourceARN: `arn:aws:s3:::bucket/${TEST_ACCOUNT}` })),
        );
        assert.ok(notChime instanceof IdentityBadRequest || notChime instanceof IdentityNotFound, notChime.name);
    });

    it("validates tag keys, values and list sizes, naming the field", async () => {
        const { appInstanceArn } = await createWorld(fx, { users: [] });
        const emptyKey = await errorOf(() =>
            fx.identity.send(new IdentityTag({ ResourceARN: appInstanceArn, Tags: [{ Key: "", Value: "v" }] })),
        );
        assert.ok(emptyKey instanceof IdentityBadRequest);
        assert.match(emptyKey.message, /tags\[0\]\.key/);
        const noTags = await errorOf(() =>
            fx.identity.send(new IdentityTag({ ResourceARN: appInstanceArn, Tags: [] })),
        );
        assert.ok(noTags instanceof IdentityBadRequest);
        assert.match(noTags.message, /tags/);
        const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
        const overList = await errorOf(() =>
            fx.identity.send(new IdentityTag({ ResourceARN: appInstanceArn, Tags: tooMany })),
        );
        assert.ok(overList instanceof IdentityBadRequest);
        assert.match(overList.message, /tags/);
    });

    it("allows 50 tags per resource, counting the ones it has", async () => {
        const { appInstanceArn } = await createWorld(fx, { users: [] });
        const first = Array.from({ length: 30 }, (_, i) => ({ Key: `a${i}`, Value: "v" }));
        const second = Array.from({ length: 20 }, (_, i) => ({ Key: `b${i}`, Value: "v" }));
        await fx.identity.send(new IdentityTag({ ResourceARN: appInstanceArn, Tags: first }));
        await fx.identity.send(new IdentityTag({ ResourceARN: appInstanceArn, Tags: second }));
        // Replacing the value of an existing key does not count as a new tag.
        await fx.identity.send(new IdentityTag({ ResourceARN: appInstanceArn, Tags: [{ Key: "a0", Value: "new" }] }));

        const error = await errorOf(() =>
            fx.identity.send(new IdentityTag({ ResourceARN: appInstanceArn, Tags: [{ Key: "one-more", Value: "v" }] })),
        );
        assert.ok(error instanceof IdentityLimit);
        assert.equal(error.$metadata?.httpStatusCode, 400);
        assert.match(error.message, /50 tags/);
        const { Tags } = await fx.identity.send(new IdentityListTags({ ResourceARN: appInstanceArn }));
        assert.equal(Tags!.length, 50);
        assert.equal(Tags!.find((t) => t.Key === "a0")?.Value, "new");
    });

    it("refuses creation Tags beyond the limit without creating anything", async () => {
        const count = async () => (await fx.identity.send(new ListAppInstancesCommand({}))).AppInstances!.length;
        const initial = await count();
        const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
        const error = await errorOf(() =>
            fx.identity.send(new CreateAppInstanceCommand({ Name: "over", Tags: tooMany })),
        );
        assert.ok(error instanceof IdentityBadRequest);
        assert.match(error.message, /tags/);
        assert.equal(await count(), initial);
    });
});
