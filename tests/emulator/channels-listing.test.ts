import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateChannelCommand,
    DescribeChannelMembershipForAppInstanceUserCommand,
    DescribeChannelModeratedByAppInstanceUserCommand,
    ListChannelMembershipsForAppInstanceUserCommand,
    ListChannelsCommand,
    ListChannelsModeratedByAppInstanceUserCommand,
    SearchChannelsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { EmulatorFixture, errorOf, startFixture } from "../helpers/emulator";
import { createWorld, World } from "../helpers/world";

describe("channel listings", () => {
    let fx: EmulatorFixture;
    let w: World;
    const channels: Record<string, string> = {};
    before(async () => {
        fx = await startFixture();
        w = await createWorld(fx, { users: ["admin", "ann", "ben", "cid"], admins: ["admin"] });
        const make = async (name: string, bearer: string, privacy: "PUBLIC" | "PRIVATE", members: string[]) => {
            const { ChannelArn } = await fx.messaging.send(
                new CreateChannelCommand({
                    AppInstanceArn: w.appInstanceArn,
                    Name: name,
                    Privacy: privacy,
                    ChimeBearer: bearer,
                    ...(members.length ? { MemberArns: members } : {}),
                }),
            );
            channels[name] = ChannelArn!;
        };
        await make("pub1", w.users.ann, "PUBLIC", [w.users.ben]);
        await make("pub2", w.users.ben, "PUBLIC", []);
        await make("priv1", w.users.ann, "PRIVATE", [w.users.cid]);
        await make("pub3", w.users.cid, "PUBLIC", [w.users.ann, w.users.ben]);
    });
    after(() => fx.close());

    const list = (
        bearer: string,
        extra: { Privacy?: "PUBLIC" | "PRIVATE"; MaxResults?: number; NextToken?: string } = {},
    ) =>
        fx.messaging.send(new ListChannelsCommand({ AppInstanceArn: w.appInstanceArn, ChimeBearer: bearer, ...extra }));
    const names = (cs: { Name?: string }[] | undefined) => (cs ?? []).map((c) => c.Name).sort();

    describe("ListChannels", () => {
        it("lists PUBLIC channels when no privacy is asked, even those the bearer is not in", async () => {
            assert.deepEqual(names((await list(w.users.cid)).Channels), ["pub1", "pub2", "pub3"]);
            assert.deepEqual(names((await list(w.users.ben, { Privacy: "PUBLIC" })).Channels), [
                "pub1",
                "pub2",
                "pub3",
            ]);
        });

        it("lets only an app instance admin list PRIVATE channels", async () => {
            const error = await errorOf(() => list(w.users.ann, { Privacy: "PRIVATE" }));
            assert.equal(error.name, "ForbiddenException");
            assert.equal(error.$metadata?.httpStatusCode, 403);
            assert.deepEqual(names((await list(w.users.admin, { Privacy: "PRIVATE" })).Channels), ["priv1"]);
            assert.deepEqual(names((await list(w.users.admin)).Channels), ["pub1", "pub2", "pub3"]);
        });

        it("returns summaries with the channel's settings", async () => {
            const pub1 = (await list(w.users.ann)).Channels!.find((c) => c.Name === "pub1")!;
            assert.deepEqual(
                { ...pub1 },
                { Name: "pub1", ChannelArn: channels.pub1, Mode: "UNRESTRICTED", Privacy: "PUBLIC" },
            );
        });

        it("pages with MaxResults and NextToken", async () => {
            const seen: string[] = [];
            let token: string | undefined;
            let pages = 0;
            do {
                const page = await list(w.users.admin, { MaxResults: 1, NextToken: token, Privacy: "PUBLIC" });
                assert.equal(page.Channels!.length, 1);
                seen.push(page.Channels![0].Name!);
                token = page.NextToken;
                pages++;
            } while (token);
            assert.equal(pages, 3);
            assert.deepEqual(seen.sort(), ["pub1", "pub2", "pub3"]);
        });

        it("refuses a NextToken it did not issue and MaxResults outside 1..50", async () => {
            for (const extra of [{ NextToken: "garbage" }, { MaxResults: 0 }, { MaxResults: 51 }]) {
                const error = await errorOf(() => list(w.users.admin, extra));
                assert.equal(error.name, "BadRequestException", JSON.stringify(extra));
            }
            const { NextToken } = await list(w.users.admin, { MaxResults: 1 });
            const error = await errorOf(() =>
                fx.messaging.send(
                    new ListChannelsModeratedByAppInstanceUserCommand({ ChimeBearer: w.users.ann, NextToken }),
                ),
            );
            assert.equal(error.name, "BadRequestException");
        });

        it("refuses a bearer from outside the app instance", async () => {
            const error = await errorOf(() => list(`${w.appInstanceArn}/user/ghost`));
            assert.equal(error.name, "BadRequestException");
        });
    });

    describe("the ForAppInstanceUser operations", () => {
        it("list a user's own memberships, private channels included", async () => {
            const { ChannelMemberships } = await fx.messaging.send(
                new ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: w.users.ann }),
            );
            assert.deepEqual(names(ChannelMemberships!.map((m) => m.ChannelSummary!)), ["priv1", "pub1", "pub3"]);
            assert.equal(ChannelMemberships![0].AppInstanceUserMembershipSummary?.Type, "DEFAULT");
        });

        it("let an admin ask about another user, and deny it to others", async () => {
            const { ChannelMemberships } = await fx.messaging.send(
                new ListChannelMembershipsForAppInstanceUserCommand({
                    ChimeBearer: w.users.admin,
                    AppInstanceUserArn: w.users.cid,
                }),
            );
            assert.deepEqual(names(ChannelMemberships!.map((m) => m.ChannelSummary!)), ["priv1", "pub3"]);
            const denied = [
                () =>
                    fx.messaging.send(
                        new ListChannelMembershipsForAppInstanceUserCommand({
                            ChimeBearer: w.users.ben,
                            AppInstanceUserArn: w.users.cid,
                        }),
                    ),
                () =>
                    fx.messaging.send(
                        new ListChannelsModeratedByAppInstanceUserCommand({
                            ChimeBearer: w.users.ben,
                            AppInstanceUserArn: w.users.cid,
                        }),
                    ),
                () =>
                    fx.messaging.send(
                        new DescribeChannelMembershipForAppInstanceUserCommand({
                            ChannelArn: channels.pub3,
                            ChimeBearer: w.users.ben,
                            AppInstanceUserArn: w.users.cid,
                        }),
                    ),
                () =>
                    fx.messaging.send(
                        new DescribeChannelModeratedByAppInstanceUserCommand({
                            ChannelArn: channels.pub3,
                            ChimeBearer: w.users.ben,
                            AppInstanceUserArn: w.users.cid,
                        }),
                    ),
            ];
            for (const call of denied) {
                const error = await errorOf(call);
                assert.equal(error.name, "ForbiddenException");
                assert.ok(error.message.includes(w.users.ben));
            }
        });

        it("list and describe the channels a user moderates", async () => {
            const { Channels } = await fx.messaging.send(
                new ListChannelsModeratedByAppInstanceUserCommand({ ChimeBearer: w.users.ann }),
            );
            assert.deepEqual(names(Channels!.map((c) => c.ChannelSummary!)), ["priv1", "pub1"]);
            const { Channel } = await fx.messaging.send(
                new DescribeChannelModeratedByAppInstanceUserCommand({
                    ChannelArn: channels.priv1,
                    ChimeBearer: w.users.admin,
                    AppInstanceUserArn: w.users.ann,
                }),
            );
            assert.equal(Channel?.ChannelSummary?.Name, "priv1");
            const error = await errorOf(() =>
                fx.messaging.send(
                    new DescribeChannelModeratedByAppInstanceUserCommand({
                        ChannelArn: channels.pub2,
                        ChimeBearer: w.users.ann,
                        AppInstanceUserArn: w.users.ann,
                    }),
                ),
            );
            assert.equal(error.name, "NotFoundException");
        });

        it("describe one membership, NotFound when there is none", async () => {
            const { ChannelMembership } = await fx.messaging.send(
                new DescribeChannelMembershipForAppInstanceUserCommand({
                    ChannelArn: channels.priv1,
                    ChimeBearer: w.users.cid,
                    AppInstanceUserArn: w.users.cid,
                }),
            );
            assert.equal(ChannelMembership?.ChannelSummary?.ChannelArn, channels.priv1);
            assert.equal(ChannelMembership?.AppInstanceUserMembershipSummary?.Type, "DEFAULT");
            const error = await errorOf(() =>
                fx.messaging.send(
                    new DescribeChannelMembershipForAppInstanceUserCommand({
                        ChannelArn: channels.pub2,
                        ChimeBearer: w.users.cid,
                        AppInstanceUserArn: w.users.cid,
                    }),
                ),
            );
            assert.equal(error.name, "NotFoundException");
        });
    });

    describe("SearchChannels", () => {
        const search = (bearer: string | undefined, operator: "EQUALS" | "INCLUDES", values: string[]) =>
            fx.messaging.send(
                new SearchChannelsCommand({
                    ChimeBearer: bearer,
                    Fields: [{ Key: "MEMBERS", Operator: operator, Values: values }],
                }),
            );

        it("finds channels whose members include the values (INCLUDES) or are exactly them (EQUALS)", async () => {
            assert.deepEqual(names((await search(w.users.admin, "INCLUDES", [w.users.ann, w.users.ben])).Channels), [
                "pub1",
                "pub3",
            ]);
            assert.deepEqual(names((await search(w.users.admin, "EQUALS", [w.users.ann, w.users.ben])).Channels), [
                "pub1",
            ]);
            assert.deepEqual(names((await search(w.users.admin, "EQUALS", [w.users.ben])).Channels), ["pub2"]);
        });

        it("lets a user find only channels it belongs to; an admin or a bearer-less call finds all", async () => {
            assert.deepEqual(names((await search(w.users.ben, "INCLUDES", [w.users.cid])).Channels), ["pub3"]);
            assert.deepEqual(names((await search(w.users.admin, "INCLUDES", [w.users.cid])).Channels), [
                "priv1",
                "pub3",
            ]);
            assert.deepEqual(names((await search(undefined, "INCLUDES", [w.users.cid])).Channels), ["priv1", "pub3"]);
        });

        it("validates Fields", async () => {
            const error = await errorOf(() =>
                fx.messaging.send(
                    new SearchChannelsCommand({
                        ChimeBearer: w.users.ann,
                        Fields: [{ Key: "NAME" as never, Operator: "EQUALS", Values: ["x"] }],
                    }),
                ),
            );
            assert.equal(error.name, "BadRequestException");
            assert.match(error.message, /key/i);
        });
    });
});
