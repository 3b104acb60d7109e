import { after, before, describe, it } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateAppInstanceBotCommand,
    CreateAppInstanceBotCommandInput,
    DeleteAppInstanceBotCommand,
    DescribeAppInstanceBotCommand,
    ListAppInstanceBotsCommand,
    UpdateAppInstanceBotCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { CreateChannelMembershipCommand, ListChannelMembershipsCommand } from "@aws-sdk/client-chime-sdk-messaging";
import * as pulumi from "@pulumi/pulumi";
import { idempotencyToken } from "../../provider/idempotency-tokens";
import { resourceImplementations } from "../../provider/resources";
import { errorOf } from "../helpers/emulator";
import {
    apiActingAfter,
    liveTagsOf,
    mutatingCalls,
    ProviderFixture,
    startProviderFixture,
} from "../helpers/provider-fixture";
import {
    assertFailure,
    checked,
    checkFailures,
    created,
    diffWith,
    refreshed,
    updatedInPlace,
} from "./app-instance-steps";

/**
 * The AppInstanceBot provider against the emulator through the real AWS SDK clients: create, each property
 * updated in place (UpdateAppInstanceBot carries the name and metadata on every call), tags updated precisely,
 * drift on refresh, a rerun of the create replayed, bad input stopped by check with no API call, delete; and a
 * bot as a channel member.
 */

const LEX_ALIAS = "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/KLMNOPQRST";
const lex = (overrides: Record<string, unknown> = {}) => ({
    lex: {
        lexBotAliasArn: LEX_ALIAS,
        localeId: "en_US",
        respondsTo: "STANDARD_MESSAGES",
        invokedBy: { standardMessages: "MENTIONS", targetedMessages: "ALL" },
        welcomeIntent: "Welcome",
        ...overrides,
    },
});

describe("AppInstanceBot provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    let appInstanceArn: string;
    before(async () => {
        pf = await startProviderFixture();
        provider = pf.provider("AppInstanceBot");
        appInstanceArn = pf.world.appInstanceArn;
    });
    after(() => pf.close());

    const describeLive = async (arn: string) =>
        (await pf.fx.identity.send(new DescribeAppInstanceBotCommand({ AppInstanceBotArn: arn }))).AppInstanceBot!;
    const identity = (name: string) => ({ project: "proj", stack: "dev", name });

    it("creates, updates each property in place, keeps tags precise, finds drift, deletes", async () => {
        const bot = await created(provider, {
            appInstanceArn,
            name: "Helper",
            metadata: "m",
            configuration: lex(),
            tags: { team: "support" },
            __chime: identity("helper"),
        });
        assert.match(bot.id, new RegExp(`^${appInstanceArn}/bot/[0-9a-f-]+$`));
        assert.equal(bot.outs.arn, bot.id);
        const live = await describeLive(bot.id);
        assert.equal(live.Name, "Helper");
        assert.equal(live.Configuration?.Lex?.LexBotAliasArn, LEX_ALIAS);
        assert.deepEqual(live.Configuration?.Lex?.InvokedBy, { StandardMessages: "MENTIONS", TargetedMessages: "ALL" });
        assert.equal((await provider.diff!(bot.id, bot.outs, bot.inputs)).changes, false);

        const rerun = await pf.counting(() => provider.create(bot.inputs));
        assert.equal(rerun.result.id, bot.id, "a rerun of the create replays its token to the same bot");

        let now = bot;
        for (const [change, expect] of [
            [{ name: "Assistant" }, (l: typeof live) => l.Name === "Assistant" && l.Metadata === "m"],
            [{ metadata: "n" }, (l: typeof live) => l.Metadata === "n" && l.Name === "Assistant"],
            [
                { configuration: lex({ localeId: "de_DE" }) },
                (l: typeof live) => l.Configuration?.Lex?.LocaleId === "de_DE",
            ],
            [
                {
                    configuration: lex({
                        localeId: "de_DE",
                        invokedBy: { standardMessages: "ALL", targetedMessages: "NONE" },
                    }),
                },
                (l: typeof live) => l.Configuration?.Lex?.InvokedBy?.StandardMessages === "ALL",
            ],
        ] as const) {
            const { result, calls } = await pf.counting(() => updatedInPlace(provider, now, change));
            assert.deepEqual(mutatingCalls(calls), { UpdateAppInstanceBot: 1 }, JSON.stringify(change));
            assert.equal(result.id, bot.id, "updated in place");
            assert.ok(expect(await describeLive(bot.id)), `live bot after ${JSON.stringify(change)}`);
            now = result;
        }
        const retagged = await pf.counting(() => updatedInPlace(provider, now, { tags: { team: "sales" } }));
        assert.deepEqual(mutatingCalls(retagged.calls), { TagResource: 1 }, "only the changed tag");
        assert.deepEqual(await liveTagsOf(pf, "identity", bot.id), { team: "sales" });
        now = retagged.result;

        await pf.fx.identity.send(
            new UpdateAppInstanceBotCommand({ AppInstanceBotArn: bot.id, Name: "By hand", Metadata: "n" }),
        );
        const refresh = await refreshed(provider, now);
        assert.equal(refresh.props.name, "By hand", "refresh shows the drift");
        assert.deepEqual((await diffWith(provider, { ...now, outs: refresh.props }, {})).replaces, []);

        await provider.delete!(bot.id, now.outs);
        assert.equal((await refreshed(provider, now)).id, undefined, "gone after delete");
    });

    it("replays a create that was cut off before its answer was recorded, by the token of its identity and request", async () => {
        const inputs = { appInstanceArn, name: "Cut-off", metadata: "m", configuration: lex(), tags: { team: "a" } };
        const request: CreateAppInstanceBotCommandInput = {
            AppInstanceArn: appInstanceArn,
            Name: "Cut-off",
            Metadata: "m",
            Configuration: {
                Lex: {
                    LexBotAliasArn: LEX_ALIAS,
                    LocaleId: "en_US",
                    RespondsTo: "STANDARD_MESSAGES",
                    InvokedBy: { StandardMessages: "MENTIONS", TargetedMessages: "ALL" },
                    WelcomeIntent: "Welcome",
                },
            },
            Tags: [{ Key: "team", Value: "a" }],
        };
        const { AppInstanceBotArn } = await pf.fx.identity.send(
            new CreateAppInstanceBotCommand({
                ...request,
                ClientRequestToken: idempotencyToken(identity("cut-off"), "AppInstanceBot", request, 0),
            }),
        );
        const { result: rerun, calls } = await pf.counting(() =>
            created(provider, { ...inputs, __chime: identity("cut-off") }),
        );
        assert.equal(rerun.id, AppInstanceBotArn, "the bot the interrupted create made");
        assert.deepEqual(mutatingCalls(calls), { CreateAppInstanceBot: 1 });
        const { AppInstanceBots } = await pf.fx.identity.send(
            new ListAppInstanceBotsCommand({ AppInstanceArn: appInstanceArn }),
        );
        assert.equal(AppInstanceBots!.filter((b) => b.Name === "Cut-off").length, 1, "no second bot");
    });

    it("an update of the name together with the tags makes both calls", async () => {
        const bot = await created(provider, {
            appInstanceArn,
            name: "Before",
            configuration: lex(),
            tags: { team: "support" },
        });
        const { calls } = await pf.counting(() =>
            updatedInPlace(provider, bot, { name: "After", tags: { team: "sales" } }),
        );
        assert.deepEqual(mutatingCalls(calls), { UpdateAppInstanceBot: 1, TagResource: 1 });
        assert.equal((await describeLive(bot.id)).Name, "After");
        assert.deepEqual(await liveTagsOf(pf, "identity", bot.id), { team: "sales" });
    });

    it("fails an update whose bot is deleted before it is read back, naming the bot, instead of empty outputs", async () => {
        const bot = await created(provider, { appInstanceArn, name: "Short-lived", configuration: lex() });
        const api = apiActingAfter("AppInstanceBot", UpdateAppInstanceBotCommand, () =>
            pf.fx.identity.send(new DeleteAppInstanceBotCommand({ AppInstanceBotArn: bot.id })),
        );
        const news = { ...bot.inputs, name: "Renamed" };
        const error = await errorOf(() =>
            resourceImplementations.AppInstanceBot.update!(api, bot.id, bot.outs, news, ["name"]),
        );
        assert.equal(
            error.message,
            `AppInstanceBot ${bot.id}: DescribeAppInstanceBot found no bot right after it was written`,
        );
    });

    it("refuses an import id that is not an AppInstanceBot ARN, with no API call", async () => {
        const inputs = await checked(provider, {
            appInstanceArn,
            name: "x",
            configuration: lex(),
            __chime: { ...identity("imported"), importId: "Helper" },
        });
        const { result: error, calls } = await pf.counting(() => errorOf(() => provider.create(inputs)));
        assert.equal(error.message, `AppInstanceBot: an import id must be the AppInstanceBot ARN (got "Helper")`);
        assert.deepEqual(calls, {});
    });

    it("a bot is a channel member like a user", async () => {
        const bot = await created(provider, { appInstanceArn, configuration: lex(), name: "member-bot" });
        const channel = (
            await created(pf.provider("Channel"), { appInstanceArn, name: "with-a-bot", chimeBearer: pf.admin })
        ).id;
        await pf.fx.messaging.send(
            new CreateChannelMembershipCommand({
                ChannelArn: channel,
                MemberArn: bot.id,
                Type: "DEFAULT",
                ChimeBearer: pf.admin,
            }),
        );
        const memberships = pf.provider("ChannelMembership");
        const imported = await memberships.read!(`${channel}|${bot.id}`, {
            channelArn: channel,
            memberArn: bot.id,
            type: "DEFAULT",
            chimeBearer: pf.admin,
        });
        assert.equal(imported.props?.memberArn, bot.id);
        const listed = await pf.fx.messaging.send(
            new ListChannelMembershipsCommand({ ChannelArn: channel, ChimeBearer: pf.admin }),
        );
        assert.ok(listed.ChannelMemberships!.some((m) => m.Member?.Arn === bot.id));
    });

    it("stops a Lex alias ARN of the wrong form and an unknown standardMessages value at check, with no API call", async () => {
        const wrongAlias = await checkFailures(pf, provider, {
            appInstanceArn,
            name: "x",
            configuration: lex({ lexBotAliasArn: "arn:aws:lex:us-east-1:123456789012:bot/ABCDEFGHIJ" }),
        });
        assertFailure(
            wrongAlias,
            "configuration",
            "lexBotAliasArn",
            "arn:aws:lex:us-east-1:123456789012:bot/ABCDEFGHIJ",
        );
        const unknownValue = await checkFailures(pf, provider, {
            appInstanceArn,
            name: "x",
            configuration: lex({ invokedBy: { standardMessages: "SOMETIMES", targetedMessages: "ALL" } }),
        });
        assertFailure(unknownValue, "configuration", "standardMessages", "SOMETIMES");
    });
});
